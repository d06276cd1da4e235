//! The workshops' pages: the list with the plan form
//! (`/projects/ID/workshops`), one workshop, run from its page
//! (`…/workshops/WORKSHOP`), its projector view (`…/projector`), and the
//! page where anyone joins with a code (`/workshop`). Every page follows
//! the live stream; every form works without JavaScript.

pub mod bar;
pub mod dots;
mod join;
mod keep;
mod plan;
mod projector;
mod run;
mod summary;

pub use join::JoinWorkshopPage;
pub use keep::KeepAccessPage;
pub use projector::ProjectorPage;
pub use run::WorkshopPage;
pub use summary::SummaryPage;

use super::model::Workshop;
use crate::features::ProjectState;
use crate::history::api::get_trail_state;
use crate::i18n::use_texts;
use crate::projects::api::get_project;
use crate::projects::pages::frame::{
    follow_newcomers, project_error, use_project_id, ProjectHeader, ProjectNav, Section, YourRole,
};
use crate::projects::ProjectView;
use crate::trail::live::{follow, LiveStatus};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::HashMap;

/// What the workshops' pages read: the map, fields and decisions too, for
/// the dot vote's choices; the same as a decisions page.
pub fn workshops_slices() -> String {
    crate::decisions::pages::decisions_slices()
}

/// What the pages share once the project and its state are there.
#[derive(Clone, Copy)]
pub struct Room {
    pub project_id: StoredValue<String>,
    pub state: RwSignal<ProjectState>,
    pub me: StoredValue<String>,
    pub names: StoredValue<HashMap<String, String>>,
    pub can_curate: bool,
}

impl Room {
    pub fn name_of(&self, user_id: &str) -> String {
        self.names
            .with_value(|n| n.get(user_id).cloned())
            .unwrap_or_else(|| "–".into())
    }
    pub fn href(&self, workshop_id: &str) -> String {
        format!(
            "{}/{workshop_id}",
            Section::Workshops.href(&self.project_id.get_value())
        )
    }
    pub fn hidden(&self, workshop_id: &str) -> impl IntoView {
        view! {
            <input type="hidden" name="project_id" value=self.project_id.get_value() />
            <input type="hidden" name="workshop_id" value=workshop_id.to_owned() />
        }
    }
    /// The workshop in the address (`:workshop_id`), as the state has it now.
    pub fn workshop(&self) -> Memo<Option<Workshop>> {
        let params = use_params_map();
        let state = self.state;
        Memo::new(move |_| {
            let id = params.read().get("workshop_id").unwrap_or_default();
            state.read().workshops.workshops.get(&id).cloned()
        })
    }
}

/// The project, its state and the live stream around a page's body; with
/// `chrome` false (the projector), no header, navigation or role.
#[component]
fn Shell<F, V>(body: F, #[prop(default = true)] chrome: bool) -> impl IntoView
where
    F: Fn(Room, ProjectView) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    let project_id = use_project_id();
    // Before the resource: hydration decodes its value from the page, not
    // through the fetcher, and needs the slices' decoding turned on.
    let slices = workshops_slices();
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
                    Ok(state) => Either::Left(view! { <Live initial=state body=body chrome=chrome project=project /> }),
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
    chrome: bool,
    project: crate::json::Resource<Result<crate::projects::ProjectView, crate::error::AppError>>,
) -> impl IntoView
where
    F: Fn(Room, ProjectView) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    let project_id = initial.project_id.clone();
    let state = RwSignal::new(initial);
    let status = RwSignal::new(LiveStatus::Connecting);
    follow(project_id.clone(), state, status, crate::features::arrive);
    follow_newcomers(project, move || {
        let s = state.read();
        s.workshops
            .workshops
            .values()
            .flat_map(|w| w.joined.keys().cloned().collect::<Vec<_>>())
            .collect()
    });
    let name = Signal::derive(move || state.read().project.name.clone());
    let purpose = Signal::derive(move || state.read().project.purpose.clone());
    view! {
        <Title text=format!("{} – {} – Samspill", t.workshops.title, name.get_untracked()) />
        {chrome.then(|| view! {
            <ProjectHeader name=name purpose=purpose status=status />
            <ProjectNav project_id=project_id.clone() current=Section::Workshops />
        })}
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let project_id = project_id.clone();
                Suspend::new(async move {
                    match project.await {
                        Ok(p) => {
                            let room = Room {
                                project_id: StoredValue::new(p.id.clone()),
                                state,
                                me: StoredValue::new(p.my_user_id.clone()),
                                names: StoredValue::new(
                                    p.members.iter().map(|m| (m.user_id.clone(), m.display_name.clone())).collect(),
                                ),
                                can_curate: p.my_role.can_curate(),
                            };
                            let role = p.my_role;
                            Either::Left(view! {
                                {chrome.then(|| view! { <YourRole role=role /> })}
                                {body(room, p)}
                            })
                        }
                        Err(e) => Either::Right(project_error(t, &e, &project_id)),
                    }
                })
            }}
        </Suspense>
    }
}

/// Every workshop of the project, the latest planned first, and the form
/// to plan one.
#[component]
pub fn WorkshopsPage() -> impl IntoView {
    view! {
        <Shell body=|room, p| view! {
            {bar::bar_for(room.state, &p)}
            <WorkshopList room=room />
        } />
    }
}

#[component]
fn WorkshopList(room: Room) -> impl IntoView {
    let t = use_texts().workshops;
    let all = Memo::new(move |_| {
        room.state
            .read()
            .workshops
            .latest_first()
            .into_iter()
            .cloned()
            .collect::<Vec<Workshop>>()
    });
    view! {
        <section aria-labelledby="workshops-title">
            <h2 id="workshops-title">{t.title}</h2>
            <p class="hint">{t.intro}</p>
            {move || {
                let all = all.get();
                match all.is_empty() {
                    true => Either::Left(view! { <p>{t.none_yet}</p> }),
                    false => Either::Right(view! {
                        <ul class="workshop-list">
                            {all.into_iter().map(|w| view! {
                                <li>
                                    <a href=room.href(&w.id)><bdi>{w.title.clone()}</bdi></a>
                                    " – " {status(&w)} " – " {t.planned_for} " " <time>{w.starts_at.replace('T', " ")}</time>
                                    {w.started.is_some().then(|| view! {
                                        " – " <a href=format!("{}/summary", room.href(&w.id))>{t.summary}<span class="visually-hidden">": " {w.title.clone()}</span></a>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }),
                }
            }}
        </section>
        {room.can_curate.then(|| view! { <plan::PlanForm room=room workshop=None /> })}
    }
}

pub fn status(w: &Workshop) -> &'static str {
    let t = use_texts().workshops;
    match (w.started.is_some(), w.ended.is_some()) {
        (_, true) => t.status_ended,
        (true, false) => t.status_running,
        (false, false) => t.status_planned,
    }
}
