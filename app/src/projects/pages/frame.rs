//! What every page of a project shares: the project's name and purpose,
//! the reader's role, and a navigation with one page per feature (plus the
//! history and the members), each with an address a person can share. Plain
//! links, so it works the same without JavaScript and on a phone.

use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use crate::people::Role;
use crate::trail::live::LiveStatus;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The pages of a project, in the order the navigation shows them. A
/// feature with a page of its own adds it here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Map,
    Fields,
    Decisions,
    Workshops,
    History,
    Members,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Map,
        Section::Fields,
        Section::Decisions,
        Section::Workshops,
        Section::History,
        Section::Members,
    ];

    /// The map is a project's first page.
    pub fn href(self, project_id: &str) -> String {
        match self {
            Section::Map => format!("/projects/{project_id}"),
            Section::Fields => format!("/projects/{project_id}/fields"),
            Section::Decisions => format!("/projects/{project_id}/decisions"),
            Section::Workshops => format!("/projects/{project_id}/workshops"),
            Section::History => format!("/projects/{project_id}/history"),
            Section::Members => format!("/projects/{project_id}/members"),
        }
    }

    fn label(self, t: &'static Texts) -> &'static str {
        match self {
            Section::Map => t.map.map_title,
            Section::Fields => t.information_fields.title,
            Section::Decisions => t.decisions.title,
            Section::Workshops => t.workshops.title,
            Section::History => t.history_title,
            Section::Members => t.members_title,
        }
    }
}

/// The project id in the address.
pub fn use_project_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").unwrap_or_default())
}

#[component]
pub fn ProjectNav(#[prop(into)] project_id: String, current: Section) -> impl IntoView {
    let t = use_texts();
    view! {
        <nav class="project-nav" aria-label=t.project_navigation>
            <ul>
                {Section::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li>
                                <a
                                    href=s.href(&project_id)
                                    aria-current=(s == current).then_some("page")
                                >
                                    {s.label(t)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Someone who joined after this page loaded starts changing things: load
/// the member list again so their name shows (once per new person, so a
/// former member cannot cause a loop). `actors` are the user ids the page
/// shows.
pub fn follow_newcomers(
    project: crate::json::Resource<Result<crate::projects::ProjectView, AppError>>,
    actors: impl Fn() -> Vec<String> + Send + Sync + 'static,
) {
    let asked_for = StoredValue::new(std::collections::HashSet::<String>::new());
    Effect::new(move |_| {
        let Some(Ok(view)) = project.get() else { return };
        let newcomer = actors()
            .into_iter()
            .filter(|a| !view.members.iter().any(|m| &m.user_id == a))
            .find(|a| !asked_for.with_value(|seen| seen.contains(a)));
        if let Some(newcomer) = newcomer {
            asked_for.update_value(|seen| {
                seen.insert(newcomer);
            });
            project.refetch();
        }
    });
}

/// The project's name and purpose, and whether the page is live.
#[component]
pub fn ProjectHeader(
    #[prop(into)] name: Signal<String>,
    #[prop(into)] purpose: Signal<String>,
    #[prop(optional)] status: Option<RwSignal<LiveStatus>>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <header class="project-header">
            <h1 dir="auto">{name}</h1>
            <p class="purpose" dir="auto">{purpose}</p>
            {status
                .map(|status| {
                    view! {
                        <p class="live-status" role="status">
                            {move || match status.get() {
                                LiveStatus::Connecting => "",
                                LiveStatus::Live => t.live_on,
                                LiveStatus::Reconnecting => t.live_reconnecting,
                                LiveStatus::Ended => t.live_ended,
                            }}
                        </p>
                    }
                })}
        </header>
    }
}

/// The reader's role, and what an observer may not do.
#[component]
pub fn YourRole(role: Role) -> impl IntoView {
    let t = use_texts();
    view! {
        <p>
            {t.your_role} ": " <span class="badge">{t.role(role)}</span>
        </p>
        {(!role.can_edit_content()).then(|| view! { <p class="notice" role="note">{t.observer_notice}</p> })}
    }
}

pub fn project_error(t: &'static Texts, e: &AppError, project_id: &str) -> impl IntoView {
    match e {
        AppError::NotSignedIn => EitherOf3::A(view! {
            <h1>{t.sign_in_title}</h1>
            <p>{t.error_message(&AppError::NotSignedIn)}</p>
            <p>
                <a href=format!("/sign-in?next=/projects/{project_id}")>{t.sign_in}</a>
            </p>
        }),
        AppError::NotFound => EitherOf3::B(view! { <crate::components::NotFound /> }),
        e => EitherOf3::C(view! { <p class="error" role="alert">{t.error_message(e)}</p> }),
    }
}
