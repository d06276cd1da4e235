//! The information-fields page: the relevance matrix, a cell's ratings by
//! profession, rating one context field by field (on a phone), what a
//! context would show, and the fields and contexts with their forms.
//!
//! What is open lives in the address (`?cell=`, `?rate=`, `?view=`,
//! `?sort=`, `?profession=`), so every view works as a plain link without
//! JavaScript and can be shared; with it, the page follows the live stream.

mod cell;
pub mod flags;
mod lists;
mod matrix;
mod rate;
pub mod spreadsheet;

use super::api::{Merge, ProposeContext, ProposeField, RateCell, Retire, WithdrawRating};
use super::fields_slices;
use super::texts::FieldsTexts;
use crate::components::apart::hydrate_apart;
use crate::components::editing::{action_error, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::components::when;
use crate::features::ProjectState;
use crate::history::api::{get_state_at, get_trail_state, Undo};
use crate::history::time::When;
use crate::i18n::use_texts;
use crate::projects::api::get_project;
use crate::projects::pages::frame::{
    follow_newcomers, project_error, use_project_id, ProjectHeader, ProjectNav, Section, YourRole,
};
use crate::projects::ProjectView;
use crate::rounds::pages::{RoundView, RoundsSection, RoundsWork};
use crate::trail::live::{follow, LiveStatus};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use std::collections::HashMap;

/// What every part of the page shares.
#[derive(Clone, Copy)]
struct Work {
    project_id: StoredValue<String>,
    state: RwSignal<ProjectState>,
    me: StoredValue<String>,
    /// Members' display names and professions, by user id.
    names: StoredValue<HashMap<String, String>>,
    can_edit: bool,
    can_curate: bool,
    /// Looking at an earlier version: nothing can be changed from it.
    past: bool,
    rate: FormAction<RateCell>,
    withdraw: FormAction<WithdrawRating>,
    retire: FormAction<Retire>,
    merge: FormAction<Merge>,
    propose_field: FormAction<ProposeField>,
    propose_context: FormAction<ProposeContext>,
    /// The page's query, which its links keep.
    query: Memo<ParamsMap>,
}

impl Work {
    fn project_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="project_id" value=self.project_id.get_value() /> }
    }
    fn base_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="base_seq" value=self.state.read_untracked().seq.to_string() /> }
    }
    fn name_of(&self, user_id: &str) -> String {
        self.names
            .with_value(|n| n.get(user_id).cloned())
            .unwrap_or_else(|| "–".into())
    }
    /// This page's address with `changes` made to its query.
    fn href(&self, changes: &[(&str, Option<&str>)]) -> String {
        self.query.with_untracked(|query| {
            crate::components::address::with_query_of(
                query,
                &Section::Fields.href(&self.project_id.get_value()),
                changes,
            )
        })
    }
}

/// The matrix as it was: a GET form (it works without JavaScript, and a
/// view of the past has an address), and while looking back, which
/// version this is and the way back to now.
fn earlier_versions(w: Work) -> impl IntoView {
    let f = use_texts().information_fields;
    let (seq, at_ms) = {
        let s = w.state.read_untracked();
        (s.seq, s.at_ms)
    };
    let now = w.href(&[("version", None), ("cell", None), ("rate", None)]);
    if w.past {
        return Either::Left(view! {
            <p class="looking-back" role="status">
                {(f.as_it_was)(seq)}
                " ("
                <When ms=at_ms />
                "). "
                // A whole page load: the live page starts afresh from now.
                <a href=now rel="external">{f.back_to_now}</a>
            </p>
        });
    }
    Either::Right(view! {
        <details class="look-back">
            <summary>{f.look_back}</summary>
            <form method="get" class="inline-form">
                <label for="fields-version">{f.version}</label>
                // Follows the live page until someone types a version.
                <input
                    id="fields-version"
                    type="number"
                    name="version"
                    min="0"
                    max=move || w.state.read().seq.to_string()
                    value=move || w.state.read().seq.to_string()
                />
                <button type="submit">{f.show}</button>
            </form>
        </details>
    })
}

#[component]
pub fn FieldsPage() -> impl IntoView {
    let t = use_texts();
    let project_id = use_project_id();
    let query = use_query_map();
    // `?version=` shows the matrix as it was then: the same page, from the
    // state after that event, not following the live stream.
    let version = Memo::new(move |_| {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<crate::trail::Seq>().ok())
    });
    // Before the resource: hydration decodes its value from the page, not
    // through the fetcher, and needs the slices' decoding turned on.
    let slices = fields_slices();
    let initial = crate::trail::page_state::state_resource(
        move || (project_id.get(), version.get()),
        move |(id, version)| {
            let slices = slices.clone();
            async move {
                match version {
                    Some(seq) => get_state_at(id, seq, slices).await,
                    None => get_trail_state(id, slices).await,
                }
            }
        },
    );
    // Beside the state, not inside the view that shows it: the server may
    // render that view more than once, and each render asked for the
    // project again (15 queries instead of 10 for some fields pages).
    let project = crate::json::resource(move || project_id.get(), get_project);
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match initial.await {
                    // Either, not `into_any`: see the map page.
                    Ok(state) => Either::Left(view! { <LiveFields initial=state past=version.get_untracked().is_some() project=project /> }),
                    Err(e) => Either::Right(project_error(t, &e, &project_id.get_untracked())),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LiveFields(
    initial: ProjectState,
    past: bool,
    project: crate::json::Resource<Result<crate::projects::ProjectView, crate::error::AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let project_id = initial.project_id.clone();
    let state = RwSignal::new(initial);
    let status = RwSignal::new(LiveStatus::Connecting);
    if !past {
        follow(project_id.clone(), state, status, crate::features::arrive);
    }
    follow_newcomers(project, move || {
        let s = state.read();
        let proposers = s.fields.fields.values().map(|f| f.proposed_by.clone());
        let raters = s
            .fields
            .ratings
            .values()
            .flat_map(|by_context| by_context.values().flat_map(|cell| cell.keys().cloned()));
        proposers
            .chain(s.fields.contexts.values().map(|c| c.proposed_by.clone()))
            .chain(raters)
            .collect()
    });
    let name = Signal::derive(move || state.read().project.name.clone());
    let purpose = Signal::derive(move || state.read().project.purpose.clone());
    view! {
        // A plain string: see the map page's title.
        <Title text=format!("{} – {} – Samspill", t.information_fields.title, name.get_untracked()) />
        {match past {
            true => Either::Left(view! { <ProjectHeader name=name purpose=purpose /> }),
            false => Either::Right(view! { <ProjectHeader name=name purpose=purpose status=status /> }),
        }}
        <ProjectNav project_id=project_id.clone() current=Section::Fields />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let project_id = project_id.clone();
                Suspend::new(async move {
                    match project.await {
                        Ok(p) => Either::Left(view! { <FieldsSection project=p state=state past=past /> }),
                        Err(e) => Either::Right(project_error(t, &e, &project_id)),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn FieldsSection(project: ProjectView, state: RwSignal<ProjectState>, past: bool) -> impl IntoView {
    let t = use_texts();
    let f: &'static FieldsTexts = t.information_fields;
    let w = Work {
        project_id: StoredValue::new(project.id.clone()),
        state,
        me: StoredValue::new(project.my_user_id.clone()),
        names: StoredValue::new(
            project
                .members
                .iter()
                .map(|m| (m.user_id.clone(), m.display_name.clone()))
                .collect(),
        ),
        can_edit: !past && project.my_role.can_edit_content(),
        can_curate: !past && project.my_role.can_curate(),
        past,
        rate: FormAction::new(),
        withdraw: FormAction::new(),
        retire: FormAction::new(),
        merge: FormAction::new(),
        propose_field: FormAction::new(),
        propose_context: FormAction::new(),
        query: use_query_map(),
    };
    let query = use_query_map();
    let open = move |key: &'static str| Memo::new(move |_| query.read().get(key).filter(|v| !v.is_empty()));
    let (cell, rate, view_as) = (open("cell"), open("rate"), open("view"));
    let round = open("round");
    let rounds = RoundsWork {
        project_id: w.project_id,
        state,
        can_edit: w.can_edit,
        can_curate: w.can_curate,
    };
    let empty = move || {
        let s = state.read();
        s.fields.active_fields().next().is_none() || s.fields.active_contexts().next().is_none()
    };
    let undo = FormAction::<Undo>::new();
    view! {
        {(!past).then(|| crate::workshops::pages::bar::bar_for(state, &project))}
        <YourRole role=project.my_role />
        <section aria-labelledby="fields-title" class="fields">
            <h2 id="fields-title">{f.title}</h2>
            <p class="hint">{f.intro}</p>
            <p>
                <a href=format!("{}/spreadsheet", Section::Fields.href(&w.project_id.get_value()))>{f.spreadsheet_link}</a>
            </p>
            {when(move || w.can_edit && empty(), move || view! {
                <p class="hint first-step">{f.first_step}</p>
            })}
            {earlier_versions(w)}
            <ErrorNote error=action_error(w.rate) />
            <ErrorNote error=action_error(w.withdraw) />
            <ErrorNote error=action_error(w.retire) />
            <ErrorNote error=action_error(w.merge) />
            {move || rate.get().map(|context_id| view! { <rate::RateContext w=w context_id=context_id /> })}
            {move || cell.get().map(|cell| view! { <cell::CellPanel w=w cell=cell /> })}
            {move || view_as.get().map(|context_id| view! { <matrix::ViewAs w=w context_id=context_id /> })}
            {move || round.get().map(|round_id| view! { <RoundView r=rounds round_id=round_id /> })}
            // Each in a task of its own (`components::apart`).
            {hydrate_apart((!past).then(|| view! { <RoundsSection r=rounds /> }))}
            {hydrate_apart(view! { <matrix::Matrix w=w /> })}
            {hydrate_apart(view! { <lists::Lists w=w /> })}
            {hydrate_apart(w
                .can_edit
                .then(|| {
                    view! {
                        <ActionForm action=undo attr:class="inline-form undo">
                            {w.project_input()}
                            <button type="submit">{t.map.undo}</button>
                            <span class="hint">{t.map.undo_hint}</span>
                        </ActionForm>
                        <ErrorNote error=action_error(undo) />
                    }
                }))}
        </section>
    }
}
