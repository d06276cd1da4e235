//! What every live project page shows while a workshop runs: the current
//! activity and its countdown, "I'm done", editing locked, and the page
//! the facilitator has brought everyone to. A participant's view follows
//! the facilitator there (also someone who joins late), unless they have
//! since chosen to look elsewhere; one tap takes them back.

use super::super::api::MarkDone;
use super::super::model::Timer;
use crate::components::editing::{action_error, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::components::later::{later, Part};
use crate::components::when;
use crate::features::ProjectState;
use crate::i18n::use_texts;
use leptos::prelude::*;

/// Milliseconds since 1970 now, ticking once a second in the browser.
pub fn use_clock() -> Signal<i64> {
    #[cfg(feature = "hydrate")]
    {
        let now = RwSignal::new(js_sys::Date::now() as i64);
        if let Ok(handle) = set_interval_with_handle(
            move || now.set(js_sys::Date::now() as i64),
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
        now.into()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Signal::stored(now)
    }
}

/// `m:ss`.
pub fn clock_text(ms: i64) -> String {
    let seconds = (ms + 999) / 1_000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The time left, counted down by the browser from the one end time.
#[component]
pub fn Countdown(#[prop(into)] timer: Signal<Option<Timer>>, #[prop(optional)] big: bool) -> impl IntoView {
    let t = use_texts().workshops;
    let now = use_clock();
    let left = move || {
        timer
            .get()
            .map(|timer| (timer.left_ms(now.get()), timer.paused_left_ms.is_some()))
    };
    view! {
        {move || left().map(|(left, paused)| view! {
            <span class=if big { "countdown big" } else { "countdown" }>
                <span class="visually-hidden">{t.time_left}": "</span>
                <time>{clock_text(left)}</time>
                {paused.then(|| view! { " (" {t.paused} ")" })}
                {(left == 0).then(|| view! { " – " {t.time_up} })}
            </span>
        })}
    }
}

/// The running workshop's bar. `me` is the viewer; `follows` is false for
/// those who run the workshop.
#[component]
pub fn WorkshopBar(
    state: RwSignal<ProjectState>,
    #[prop(into)] project_id: String,
    #[prop(into)] me: String,
    follows: bool,
) -> impl IntoView {
    let t = use_texts().workshops;
    let running = Memo::new(move |_| state.read().workshops.running().cloned());
    let done = FormAction::<MarkDone>::new();
    follow_the_facilitator(running, follows);
    let me = StoredValue::new(me);
    let project_id = StoredValue::new(project_id);
    move || {
        running.get().map(|w| {
            let current = w.current.clone();
            let activity = w.current_activity().map(|a| a.title.clone());
            let works_on = current.as_ref().and_then(|c| w.chosen.get(&c.index).cloned()).unwrap_or_default();
            let is_done = current.as_ref().is_some_and(|c| me.with_value(|me| c.done.contains(me)));
            let timer = Signal::derive(move || {
                state.read().workshops.running().and_then(|w| w.current.as_ref().map(|c| c.timer.clone()))
            });
            let href = format!("/projects/{}/workshops/{}", project_id.get_value(), w.id);
            view! {
                <aside class="workshop-bar" aria-label=t.bar_running data-later=BAR.name>
                    <p>
                        <strong>{t.bar_running}": "</strong>
                        <a href=href><bdi>{w.title.clone()}</bdi></a>
                        {activity.map(|a| view! { " – " {t.now_running}": " <bdi>{a}</bdi> " " <Countdown timer=timer /> })}
                    </p>
                    {(!works_on.is_empty()).then(|| view! {
                        <p class="works-on">{t.works_on}": " {works_on_links(&project_id.get_value(), works_on)}</p>
                    })}
                    {w.locked.then(|| view! { <p class="notice" role="status">{t.locked_notice}</p> })}
                    {w.focus.clone().map(|to| view! { <p><a class="button" href=to>{t.go_there}</a></p> })}
                    {(follows && current.is_some()).then(|| match is_done {
                        true => view! { <p role="status">{t.you_are_done}</p> }.into_any(),
                        false => view! {
                            <ActionForm action=done attr:class="inline-form">
                                <input type="hidden" name="project_id" value=project_id.get_value() />
                                <input type="hidden" name="workshop_id" value=w.id.clone() />
                                <button type="submit">{t.i_am_done}</button>
                            </ActionForm>
                            <ErrorNote error=action_error(done) />
                        }
                        .into_any(),
                    })}
                </aside>
            }
        })
    }
}

/// What an activity works on, each a link to where people work on it.
pub fn works_on_links(project_id: &str, items: Vec<super::super::model::VoteItem>) -> impl IntoView {
    let last = items.len().saturating_sub(1);
    items
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let href = super::super::model::ActivityKind::item_page(project_id, &item.id).unwrap_or_default();
            view! { <a href=href><bdi>{item.label}</bdi></a>{(n < last).then_some(", ")} }
        })
        .collect_view()
}

/// Takes the participant to the page everyone was brought to, when it
/// changes and when a page opens while it is set; but not back to a page
/// they were already brought to and have since left: they chose to look
/// elsewhere. What they were last brought to is kept for the tab
/// (`sessionStorage`), so it holds across pages.
fn follow_the_facilitator(running: Memo<Option<super::super::model::Workshop>>, follows: bool) {
    #[cfg(feature = "hydrate")]
    if follows {
        use leptos_router::hooks::{use_location, use_navigate};
        let navigate = use_navigate();
        let location = use_location();
        Effect::new(move |_| {
            let Some(w) = running.get() else { return };
            let Some(to) = w.focus.clone() else { return };
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let key = format!("samspill-brought-{}", w.id);
            let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
            let brought = storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten());
            if brought.as_deref() == Some(to.as_str()) {
                return;
            }
            if let Some(s) = &storage {
                let _ = s.set_item(&key, &to);
            }
            if here != to {
                navigate(&to, Default::default());
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (running, follows);
}

/// The bar on a project page, for the person `project` was loaded for:
/// those who may curate run the workshop and are not taken anywhere. Drawn
/// only while a workshop runs, so its code comes then (`BAR`).
pub fn bar_for(state: RwSignal<ProjectState>, project: &crate::projects::ProjectView) -> impl IntoView {
    let project_id = project.id.clone();
    let me = project.my_user_id.clone();
    let follows = !project.my_role.can_curate();
    when(
        move || state.read().workshops.running().is_some(),
        move || {
            later(workshop_bar_in_chunk(
                state,
                project_id.clone(),
                me.clone(),
                follows,
            ))
        },
    )
}

/// The bar's code: most visits to a project page see no workshop running,
/// and the bar took 17 KB brotli of the map page's 246 (2026-11-28).
pub const BAR: Part = Part {
    name: "workshop-bar",
    #[cfg(feature = "hydrate")]
    load: || Box::pin(__preload_workshop_bar_in_chunk()),
};

#[leptos::lazy]
fn workshop_bar_in_chunk(
    state: RwSignal<ProjectState>,
    project_id: String,
    me: String,
    follows: bool,
) -> AnyView {
    view! { <WorkshopBar state=state project_id=project_id me=me follows=follows /> }.into_any()
}
