//! Dot votes on a workshop's page: a facilitator opens one on chosen
//! fields, pain points and options; each person places their dots, seeing
//! only their own and how many have voted; the reveal shows the totals to
//! everyone (and on the projector).

use super::super::dots_api::{candidates, get_my_dots, CastDots, OpenDotVote, RevealDots};
use super::super::model::{DotVote, Revealed, Workshop};
use super::Room;
use crate::components::editing::{action_error, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::i18n::use_texts;
use leptos::either::Either;
use leptos::prelude::*;

/// The workshop's dot votes: the open one to vote in (or, for those who
/// run it, a form to open one), then the revealed ones' results.
#[component]
pub fn DotVotes(room: Room, workshop: Memo<Option<Workshop>>) -> impl IntoView {
    let votes = Memo::new(move |_| {
        let id = workshop.get().map(|w| w.id).unwrap_or_default();
        room.state
            .read()
            .workshops
            .votes_of(&id)
            .into_iter()
            .cloned()
            .collect::<Vec<DotVote>>()
    });
    let open = Memo::new(move |_| votes.get().into_iter().find(|v| v.revealed.is_none()));
    let running = Memo::new(move |_| workshop.get().is_some_and(|w| w.is_running()));
    view! {
        {move || match open.get() {
            Some(vote) => Either::Left(view! { <Ballot room=room vote=vote /> }),
            None => Either::Right((room.can_curate && running.get()).then(|| view! { <OpenForm room=room workshop=workshop /> })),
        }}
        {move || votes.get().into_iter().filter_map(|v| v.revealed.clone().map(|r| view! { <Results vote=v revealed=r /> })).collect_view()}
    }
}

#[component]
fn OpenForm(room: Room, workshop: Memo<Option<Workshop>>) -> impl IntoView {
    let t = use_texts().workshops;
    let open = FormAction::<OpenDotVote>::new();
    let workshop_id = move || workshop.get_untracked().map(|w| w.id).unwrap_or_default();
    // From the page's own state (it holds the map, fields and decisions):
    // no request, so what the server drew is what the browser hydrates.
    let groups = move || {
        let mut n = 0;
        candidates(&room.state.read_untracked().content)
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(group, items)| {
                let items = items
                    .into_iter()
                    .map(|item| {
                        n += 1;
                        (n - 1, item)
                    })
                    .collect::<Vec<_>>();
                (group, items)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="dot-vote" aria-labelledby="open-vote-title">
            <h3 id="open-vote-title">{t.open_dot_vote}</h3>
            <ActionForm action=open>
                {room.hidden(&workshop_id())}
                {groups().into_iter().map(|(group, items)| view! {
                    <fieldset>
                        <legend>{(t.vote_group)(&group)}</legend>
                        {items.into_iter().map(|(n, item)| {
                            let id = format!("vote-item-{n}");
                            view! {
                                <div class="check">
                                    <input id=id.clone() type="checkbox" name=format!("items[{n}]") value=item.id />
                                    <label for=id><bdi>{item.label}</bdi></label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }).collect_view()}
                <div class="field">
                    <label for="vote-dots">{t.dots_each}</label>
                    <input id="vote-dots" name="dots" type="number" min="1" max="10" value="3" inputmode="numeric" />
                </div>
                <ErrorNote error=action_error(open) />
                <button type="submit">{t.open_dot_vote}</button>
            </ActionForm>
        </section>
    }
}

/// The open vote: the person's own dots, how many have voted, and for
/// those who run it, the reveal.
#[component]
fn Ballot(room: Room, vote: DotVote) -> impl IntoView {
    let t = use_texts().workshops;
    let cast = FormAction::<CastDots>::new();
    let reveal = FormAction::<RevealDots>::new();
    // Read again after one's own dots and every few seconds, so the count of
    // voters moves on the facilitator's screen.
    let tick = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    if let Ok(handle) = set_interval_with_handle(
        move || tick.update(|n| *n += 1),
        std::time::Duration::from_secs(3),
    ) {
        on_cleanup(move || handle.clear());
    }
    let vote_id = vote.id.clone();
    let mine = crate::json::resource(
        move || (vote_id.clone(), cast.version().get(), tick.get()),
        move |(vote_id, _, _)| get_my_dots(room.project_id.get_value(), vote_id),
    );
    let total = vote.dots;
    let items = vote.items.clone();
    let id = StoredValue::new(vote.id.clone());
    view! {
        <section class="dot-vote" aria-labelledby="dot-vote-title">
            <h3 id="dot-vote-title">{t.dot_vote}</h3>
            <p class="hint">{t.dot_vote_hint}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let my = mine.await.ok();
                    let placed: Vec<u32> = my.as_ref().and_then(|m| m.mine.clone()).unwrap_or_default();
                    let voters = my.as_ref().map_or(0, |m| m.voters);
                    view! {
                        <p role="status">
                            {(t.your_dots)(placed.iter().sum(), total)} " " {(t.voters)(voters)}
                        </p>
                    }
                })}
            </Suspense>
            <ActionForm action=cast>
                <input type="hidden" name="project_id" value=room.project_id.get_value() />
                <input type="hidden" name="vote_id" value=id.get_value() />
                <ul class="dot-items">
                    {items.into_iter().enumerate().map(|(n, item)| {
                        let input = format!("dots-{n}");
                        view! {
                            <li>
                                <label for=input.clone()><span class="visually-hidden">{(t.dots_on)(&item.label)}</span><bdi aria-hidden="true">{item.label.clone()}</bdi></label>
                                <input id=input name=format!("dots[{n}]") type="number" min="0" max=total.to_string() value="0" inputmode="numeric" />
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ErrorNote error=action_error(cast) />
                <button type="submit">{t.place_dots}</button>
            </ActionForm>
            <p class="hint">{t.hidden_until_revealed}</p>
            {room.can_curate.then(|| view! {
                <ActionForm action=reveal>
                    <input type="hidden" name="project_id" value=room.project_id.get_value() />
                    <input type="hidden" name="vote_id" value=id.get_value() />
                    <ErrorNote error=action_error(reveal) />
                    <button type="submit">{t.reveal}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// A revealed vote: items by dots, most first, with who voted counted.
#[component]
pub fn Results(vote: DotVote, revealed: Revealed) -> impl IntoView {
    let t = use_texts().workshops;
    let mut rows: Vec<(String, u32)> = vote
        .items
        .iter()
        .map(|i| i.label.clone())
        .zip(revealed.totals.iter().copied())
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    let most = rows.first().map_or(1, |r| r.1.max(1));
    view! {
        <section class="dot-results" aria-label=t.results>
            <h3>{t.results}</h3>
            <p>{(t.voters)(revealed.voters)}</p>
            <ol>
                {rows.into_iter().map(|(label, n)| view! {
                    <li>
                        <bdi>{label}</bdi> ": " <strong>{(t.dots)(n)}</strong>
                        <svg class="dot-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                            <rect width=(n * 100 / most).to_string() height="4" />
                        </svg>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
