//! The decisions' pages: the decision log with its proposal form
//! (`/projects/ID/decisions`) and one decision (`…/decisions/DECISION`).
//! Both follow the live stream; every form works without JavaScript.

mod compare;
mod decision;
mod forms;
mod timeline;

pub use decision::DecisionPage;

use super::api::ProposeDecision;
use super::log::{remaining_disagreement, LogFilter};
use super::model::{Reference, Status};
use super::texts::DecisionsTexts;
use crate::components::editing::{action_error, submission_token, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::features::ProjectState;
use crate::history::api::get_trail_state;
use crate::i18n::{use_texts, Texts};
use crate::projects::api::get_project;
use crate::projects::pages::frame::{
    follow_newcomers, project_error, use_project_id, ProjectHeader, ProjectNav, Section, YourRole,
};
use crate::projects::ProjectView;
use crate::trail::live::{follow, LiveStatus};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;

/// What a decisions page reads: names of map elements, fields and
/// contexts for what decisions concern.
pub fn decisions_slices() -> String {
    use crate::{
        decisions::slice::DecisionsSlice, fields::slice::FieldsSlice, map::slice::MapSlice,
        projects::slice::ProjectSlice, workshops::slice::WorkshopsSlice,
    };
    crate::trail::slice::reads::<(
        ProjectSlice,
        MapSlice,
        FieldsSlice,
        DecisionsSlice,
        WorkshopsSlice,
    )>()
}

/// What both pages share once the project and its state are there.
#[derive(Clone, Copy)]
pub struct Desk {
    pub project_id: StoredValue<String>,
    pub state: RwSignal<ProjectState>,
    pub me: StoredValue<String>,
    pub names: StoredValue<HashMap<String, String>>,
    pub can_edit: bool,
    pub can_curate: bool,
}

impl Desk {
    pub fn name_of(&self, user_id: &str) -> String {
        self.names
            .with_value(|n| n.get(user_id).cloned())
            .unwrap_or_else(|| "–".into())
    }
    pub fn project_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="project_id" value=self.project_id.get_value() /> }
    }
    pub fn decision_href(&self, decision_id: &str) -> String {
        format!(
            "{}/{decision_id}",
            Section::Decisions.href(&self.project_id.get_value())
        )
    }

    /// A reference in words, linking where it lives.
    pub fn reference(&self, r: &Reference) -> (String, String) {
        let s = self.state.read_untracked();
        let project = self.project_id.get_value();
        let fields = Section::Fields.href(&project);
        match r {
            Reference::Element(id) => (
                s.map.elements.get(id).map(|e| e.name.clone()).unwrap_or_default(),
                Section::Map.href(&project),
            ),
            Reference::Field(id) => (s.fields.name(id), fields),
            Reference::Context(id) => (s.fields.name(id), format!("{fields}?view={id}")),
            Reference::Cell(id) => (
                crate::fields::slice::cell_of(id)
                    .map(|(f, c)| format!("{} – {}", s.fields.name(f), s.fields.name(c)))
                    .unwrap_or_default(),
                format!("{fields}?cell={id}"),
            ),
            Reference::Decision(id) => (s.decisions.title(id), self.decision_href(id)),
        }
    }
}

/// The project, its state and the live stream, around a page's body.
#[component]
fn Shell<F, V>(body: F) -> impl IntoView
where
    F: Fn(Desk, ProjectView) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    let project_id = use_project_id();
    // Before the resource: hydration decodes its value from the page, not
    // through the fetcher, and needs the slices' decoding turned on.
    let slices = decisions_slices();
    let initial = crate::trail::page_state::state_resource(
        move || project_id.get(),
        move |id| get_trail_state(id, slices.clone()),
    );
    // Beside the state, not inside the view that shows it: the server may
    // render that view more than once, and each render asked for the
    // project again (15 queries instead of 10 for some fields pages).
    let project = crate::json::resource(move || project_id.get(), get_project);
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match initial.await {
                    Ok(state) => Either::Left(view! { <Live initial=state body=body project=project /> }),
                    Err(e) => Either::Right(project_error(t, &e, &project_id.get_untracked())),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Live<F, V>(
    initial: ProjectState,
    body: F,
    project: crate::json::Resource<Result<crate::projects::ProjectView, crate::error::AppError>>,
) -> impl IntoView
where
    F: Fn(Desk, ProjectView) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    let project_id = initial.project_id.clone();
    let state = RwSignal::new(initial);
    let status = RwSignal::new(LiveStatus::Connecting);
    follow(project_id.clone(), state, status, crate::features::arrive);
    follow_newcomers(project, move || {
        let s = state.read();
        s.decisions
            .decisions
            .values()
            .flat_map(|d| {
                d.positions
                    .keys()
                    .cloned()
                    .chain(d.arguments.iter().map(|a| a.author.clone()))
                    .chain(std::iter::once(d.proposed_by.clone()))
            })
            .collect()
    });
    let name = Signal::derive(move || state.read().project.name.clone());
    let purpose = Signal::derive(move || state.read().project.purpose.clone());
    view! {
        <Title text=format!("{} – {} – Samspill", t.decisions.title, name.get_untracked()) />
        <ProjectHeader name=name purpose=purpose status=status />
        <ProjectNav project_id=project_id.clone() current=Section::Decisions />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let project_id = project_id.clone();
                Suspend::new(async move {
                    match project.await {
                        Ok(p) => {
                            let desk = Desk {
                                project_id: StoredValue::new(p.id.clone()),
                                state,
                                me: StoredValue::new(p.my_user_id.clone()),
                                names: StoredValue::new(
                                    p.members.iter().map(|m| (m.user_id.clone(), m.display_name.clone())).collect(),
                                ),
                                can_edit: p.my_role.can_edit_content(),
                                can_curate: p.my_role.can_curate(),
                            };
                            let role = p.my_role;
                            Either::Left(view! {
                                {crate::workshops::pages::bar::bar_for(state, &p)}
                                <YourRole role=role />
                                {body(desk, p)}
                            })
                        }
                        Err(e) => Either::Right(project_error(t, &e, &project_id)),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn DecisionsPage() -> impl IntoView {
    view! { <Shell body=|desk, _| view! { <DecisionLog desk=desk /> } /> }
}

/// All decisions, filtered and sorted as the address says (a GET form, so
/// a filtered log has an address and works without JavaScript); and the
/// form to propose one.
#[component]
fn DecisionLog(desk: Desk) -> impl IntoView {
    let t = use_texts();
    let d: &'static DecisionsTexts = t.decisions;
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.trim().is_empty());
    let filter = Memo::new(move |_| LogFilter {
        status: param("status").and_then(|s| Status::parse(&s)),
        concerns: param("concerns").and_then(|r| Reference::parse(&r)),
        person: param("person"),
        words: param("q").unwrap_or_default(),
        from_ms: param("from").and_then(|d| crate::decisions::dates::ms_of(d.trim())),
        until_ms: param("to").and_then(|d| crate::decisions::dates::end_of(d.trim())),
        during: param("workshop").map(|id| {
            desk.state
                .read()
                .workshops
                .workshops
                .get(&id)
                .and_then(|w| w.span())
                // A workshop not run (or not there) changed nothing.
                .unwrap_or_else(crate::decisions::log::never)
        }),
        by_disagreement: param("sort").as_deref() == Some("disagreement"),
    });
    let rows = move || {
        let s = desk.state.read();
        s.decisions
            .log(&filter.read())
            .into_iter()
            .map(|x| {
                let positions: usize = x.positions.values().map(|by_option| by_option.len()).sum();
                (
                    x.id.clone(),
                    x.text().title.clone(),
                    x.status,
                    x.arguments.len(),
                    positions,
                    remaining_disagreement(x),
                )
            })
            .collect::<Vec<_>>()
    };
    let (fields, contexts, elements) = {
        let s = desk.state.read_untracked();
        let named = |pairs: Vec<(String, String)>| {
            let mut pairs = pairs;
            pairs.sort_by(|a, b| a.1.cmp(&b.1));
            pairs
        };
        (
            named(
                s.fields
                    .active_fields()
                    .map(|f| (format!("field:{}", f.id), f.name().to_owned()))
                    .collect(),
            ),
            named(
                s.fields
                    .active_contexts()
                    .map(|c| (format!("context:{}", c.id), c.name().to_owned()))
                    .collect(),
            ),
            named(
                s.map
                    .elements
                    .iter()
                    .map(|(id, e)| (format!("element:{id}"), e.name.clone()))
                    .collect(),
            ),
        )
    };
    let run_workshops: Vec<(String, String)> = desk
        .state
        .read_untracked()
        .workshops
        .latest_first()
        .into_iter()
        .filter(|w| w.started.is_some())
        .map(|w| (w.id.clone(), w.title.clone()))
        .collect();
    let mut people: Vec<(String, String)> = desk.names.get_value().into_iter().collect();
    people.sort_by(|a, b| a.1.cmp(&b.1));
    let chosen =
        move |key: &'static str, value: String| move || param(key).as_deref() == Some(value.as_str());
    let group = move |label: &'static str, items: Vec<(String, String)>| {
        view! {
            <optgroup label=label>
                {items.into_iter().map(|(value, name)| view! {
                    <option value=value.clone() selected=chosen("concerns", value)>{name}</option>
                }).collect_view()}
            </optgroup>
        }
    };
    view! {
        <section class="decisions" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{d.title}</h2>
            <p class="hint">{d.intro}</p>
            <form method="get" class="log-filters" aria-label=d.filters>
                <div class="field">
                    <label for="decision-search">{d.search}</label>
                    <input id="decision-search" type="search" name="q" value=move || param("q").unwrap_or_default() />
                </div>
                <div class="field">
                    <label for="decision-status">{d.filter_status}</label>
                    <select id="decision-status" name="status">
                        <option value="">{d.all}</option>
                        {Status::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=chosen("status", s.as_str().to_owned())>{(d.statuses)(*s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="decision-concerns">{d.concerns}</label>
                    <select id="decision-concerns" name="concerns">
                        <option value="">{d.anything}</option>
                        {group(t.information_fields.fields_title, fields)}
                        {group(t.information_fields.contexts_title, contexts)}
                        {group(t.map.map_title, elements)}
                    </select>
                </div>
                <div class="field">
                    <label for="decision-person">{d.person}</label>
                    <select id="decision-person" name="person">
                        <option value="">{d.anyone}</option>
                        {people.into_iter().map(|(id, name)| view! {
                            <option value=id.clone() selected=chosen("person", id)>{name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="decision-from">{d.changed_from}</label>
                    <input id="decision-from" type="date" name="from" value=move || param("from").unwrap_or_default() />
                </div>
                <div class="field">
                    <label for="decision-to">{d.changed_to}</label>
                    <input id="decision-to" type="date" name="to" value=move || param("to").unwrap_or_default() />
                </div>
                <div class="field">
                    <label for="decision-workshop">{d.in_workshop}</label>
                    <select id="decision-workshop" name="workshop">
                        <option value="">{d.any_workshop}</option>
                        {run_workshops.into_iter().map(|(id, title)| view! {
                            <option value=id.clone() selected=chosen("workshop", id)>{title}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="decision-sort">{d.sort}</label>
                    <select id="decision-sort" name="sort">
                        <option value="">{d.newest}</option>
                        <option value="disagreement" selected=chosen("sort", "disagreement".to_owned())>{d.most_disagreement}</option>
                    </select>
                </div>
                <button type="submit">{d.show}</button>
            </form>
            {move || {
                let s = desk.state.read();
                let shown = s.decisions.log(&filter.read());
                let workshops = s
                    .workshops
                    .workshops
                    .values()
                    .filter_map(|w| w.started.as_ref().map(|at| (w.title.clone(), at.at_ms)))
                    .collect();
                timeline::picture(crate::decisions::log::timeline(&shown, 24), workshops)
            }}
            <ul class="decision-log">
                {move || {
                    let rows = rows();
                    if rows.is_empty() {
                        return Either::Left(view! { <li class="hint">{d.none_yet}</li> });
                    }
                    Either::Right(rows.into_iter().map(|(id, title, st, arguments, positions, disagreement)| view! {
                        <li>
                            <a href=desk.decision_href(&id)><bdi>{title}</bdi></a>" "
                            <span class=format!("badge status-{}", st.as_str())>{(d.statuses)(st)}</span>" "
                            <span class="hint">{(d.counts)(arguments, positions)}</span>
                            {(disagreement > 0).then(|| view! { " "<span class="badge">{(d.disagreeing)(disagreement)}</span> })}
                        </li>
                    }).collect_view())
                }}
            </ul>
            <p>
                {d.download_log}" "
                // Downloads, not pages of the app.
                <a href=format!("/export/{}/log/decision-log.csv", desk.project_id.get_value()) rel="external" download="">"CSV"</a>
                " · "
                <a href=format!("/export/{}/log/decision-log.json", desk.project_id.get_value()) rel="external" download="">"JSON"</a>
            </p>
            {desk.can_edit.then(|| propose_form(t, desk))}
        </section>
    }
}

/// `?about=kind:id` (from a matrix cell, a field or a map element) fills in
/// what the new decision concerns.
fn propose_form(t: &'static Texts, desk: Desk) -> impl IntoView {
    let d = t.decisions;
    let propose = FormAction::<ProposeDecision>::new();
    let form = NodeRef::new();
    let about: Vec<Reference> = use_query_map()
        .get_untracked()
        .get_all("about")
        .unwrap_or_default()
        .iter()
        .filter_map(|r| Reference::parse(r))
        .collect();
    view! {
        <ActionForm action=propose node_ref=form attr:class="stacked-form" attr:aria-labelledby="propose-decision">
            <h3 id="propose-decision">{d.propose}</h3>
            {desk.project_input()}
            {submission_token(propose, form)}
            <div class="field">
                <label for="decision-title">{d.decision_title}</label>
                <input id="decision-title" name="title" type="text" maxlength="200" required />
            </div>
            <div class="field">
                <label for="decision-problem">{d.problem}</label>
                <textarea id="decision-problem" name="problem" rows="3"></textarea>
            </div>
            <div class="field">
                <label for="decision-options">{d.options}</label>
                <textarea id="decision-options" name="options" rows="4" aria-describedby="decision-options-hint"></textarea>
                <span id="decision-options-hint" class="hint">{d.options_hint}</span>
            </div>
            {(!about.is_empty()).then(|| view! {
                <p>{d.concerns}": "</p>
                <ul>
                    {about.iter().enumerate().map(|(n, r)| {
                        let (name, href) = desk.reference(r);
                        view! {
                            <li>
                                <input type="hidden" name=format!("references[{n}]") value=r.as_string() />
                                <a href=href><bdi>{name}</bdi></a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <div class="check">
                <input id="decision-open" type="checkbox" name="open" checked />
                <label for="decision-open">{d.open_now}</label>
            </div>
            <button type="submit">{d.propose}</button>
        </ActionForm>
        <ErrorNote error=action_error(propose) />
    }
}
