//! The projector view: its own address, no controls, large high-contrast
//! type for a room's screen. Lobby (join code, QR code drawn by the
//! server, who has joined) → activity (name, timer, how many are done) →
//! locked → ended.

use super::super::api::{get_join_card, JoinCard};
use super::bar::Countdown;
use super::{Room, Shell};
use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProjectorPage() -> impl IntoView {
    // Made here, as the page starts, rather than inside the project's
    // Suspense: a resource made after an await is not always matched to
    // the data the server sent, and the page then hydrated a fallback over
    // the server's card (a hydration panic now and then).
    let params = use_params_map();
    let card = crate::json::resource(
        move || {
            let p = params.read();
            (
                p.get("id").unwrap_or_default(),
                p.get("workshop_id").unwrap_or_default(),
            )
        },
        |(project_id, workshop_id)| get_join_card(project_id, workshop_id),
    );
    view! { <Shell body=move |room, _| view! { <Projector room=room card=card /> } chrome=false /> }
}

#[component]
fn Projector(room: Room, card: crate::json::Resource<Result<JoinCard, AppError>>) -> impl IntoView {
    let t = use_texts().workshops;
    let workshop = room.workshop();
    // The card changes only when the workshop starts or ends.
    let code = Memo::new(move |_| workshop.get().and_then(|w| w.code));
    Effect::new(move |before: Option<Option<String>>| {
        let now = code.get();
        if before.is_some_and(|b| b != now) {
            card.refetch();
        }
        now
    });
    let timer = Signal::derive(move || workshop.get().and_then(|w| w.current.map(|c| c.timer)));
    view! {
        <div class="projector">
            {move || workshop.get().map(|w| {
                let activity = w.current_activity().cloned();
                let done = w.current.as_ref().map_or(0, |c| c.done.len());
                view! {
                    <h1><bdi>{w.title.clone()}</bdi></h1>
                    {w.ended.is_some().then(|| view! { <p class="projector-state">{t.after_end}</p> })}
                    {w.locked.then(|| view! { <p class="projector-state locked">{t.locked_notice}</p> })}
                    {match activity {
                        Some(a) => view! {
                            <p class="projector-activity"><bdi>{a.title}</bdi></p>
                            <p><Countdown timer=timer big=true /></p>
                            <p class="projector-done">{(t.done_count)(done, w.joined.len())}</p>
                        }.into_any(),
                        None if w.is_running() => view! { <p class="projector-state">{t.lobby}</p> }.into_any(),
                        None => ().into_any(),
                    }}
                    {room.state.read().workshops.votes_of(&w.id).last().map(|v| match v.revealed.clone() {
                        Some(r) => view! { <super::dots::Results vote=(*v).clone() revealed=r /> }.into_any(),
                        None => view! {
                            <p class="projector-state">{t.dot_vote} ": " {t.hidden_until_revealed}</p>
                        }.into_any(),
                    })}
                    {w.is_running().then(|| view! {
                        <p class="projector-joined">{t.joined_heading}": " {w.joined.len()}</p>
                        <ul class="projector-people">
                            {w.joined.keys().map(|id| view! { <li><bdi>{room.name_of(id)}</bdi></li> }).collect_view()}
                        </ul>
                    })}
                }
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    card.await.ok().filter(|_| code.get_untracked().is_some()).map(|c| {
                        let view_box = format!("0 0 {0} {0}", c.size);
                        view! {
                            <section class="projector-join" aria-labelledby="projector-join-title">
                                <h2 id="projector-join-title">{t.scan_or_type}</h2>
                                <svg class="qr" viewBox=view_box role="img" aria-label=t.qr_label>
                                    <rect width="100%" height="100%" fill="#fff" />
                                    <path d=c.path fill="#000" />
                                </svg>
                                <p class="projector-address">{t.join_at}" " <strong>{c.address}</strong></p>
                                <p class="projector-code">{t.code_label}": " <strong>{c.code}</strong></p>
                            </section>
                        }
                    })
                })}
            </Suspense>
        </div>
    }
}
