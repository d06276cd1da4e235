//! One workshop's page. Those who run it start it, start each activity
//! with its time box, pause the timer, bring everyone to a page, lock
//! editing, keep private notes and end it; everyone sees the current
//! activity, its countdown, who joined and how many are done.

use super::super::api::{
    BringEveryone, ChooseActivityItems, EndWorkshop, LockEditing, PauseTimer, StartActivity, StartWorkshop,
    WriteWorkshopNotes,
};
use super::super::model::{VoteItem, Workshop};
use super::bar::Countdown;
use super::{status, Room, Shell};
use crate::components::editing::{action_error, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::i18n::use_texts;
use crate::projects::pages::frame::Section;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn WorkshopPage() -> impl IntoView {
    view! {
        <Shell body=|room, p| view! {
            {super::bar::bar_for(room.state, &p)}
            <Run room=room />
        } />
    }
}

#[component]
fn Run(room: Room) -> impl IntoView {
    let t = use_texts();
    let workshop = room.workshop();
    view! {
        {move || match workshop.get() {
            None => Either::Left(view! { <crate::components::NotFound /> }),
            Some(w) => Either::Right(view! {
                <section class="workshop" aria-labelledby="workshop-title">
                    <h2 id="workshop-title"><bdi>{w.title.clone()}</bdi></h2>
                    <p>
                        <span class="badge">{status(&w)}</span> " "
                        {t.workshops.planned_for} " " <time>{w.starts_at.replace('T', " ")}</time>
                    </p>
                    {(!w.goal.is_empty()).then(|| view! { <p class="goal" dir="auto">{w.goal.clone()}</p> })}
                </section>
            }),
        }}
        <Controls room=room workshop=workshop />
        <super::dots::DotVotes room=room workshop=workshop />
        <Agenda room=room workshop=workshop />
        <Joined room=room workshop=workshop />
        {room.can_curate.then(|| view! { <Notes room=room workshop=workshop /> })}
        {move || workshop.get().filter(|w| room.can_curate && w.started.is_none()).map(|w| view! {
            <super::plan::PlanForm room=room workshop=Some(w) />
        })}
    }
}

/// Start, the current activity with its timer and "X of Y done", and
/// the facilitator's buttons.
#[component]
fn Controls(room: Room, workshop: Memo<Option<Workshop>>) -> impl IntoView {
    let t = use_texts().workshops;
    let start = FormAction::<StartWorkshop>::new();
    let pause = FormAction::<PauseTimer>::new();
    let bring = FormAction::<BringEveryone>::new();
    let lock = FormAction::<LockEditing>::new();
    let end = FormAction::<EndWorkshop>::new();
    let timer = Signal::derive(move || workshop.get().and_then(|w| w.current.map(|c| c.timer)));
    view! {
        <ErrorNote error=action_error(start) />
        <ErrorNote error=action_error(pause) />
        <ErrorNote error=action_error(bring) />
        <ErrorNote error=action_error(lock) />
        <ErrorNote error=action_error(end) />
        {move || workshop.get().map(|w| {
            let can_start = room.can_curate && w.started.is_none();
            let running = w.is_running();
            let joined = w.joined.len();
            let current = w.current.clone();
            let wid = StoredValue::new(w.id.clone());
            let locked = w.locked;
            let options = pages(&room.project_id.get_value(), &w);
            view! {
                {can_start.then(|| view! {
                    <ActionForm action=start>
                        {room.hidden(&wid.get_value())}
                        <button type="submit" class="primary">{t.start}</button>
                    </ActionForm>
                })}
                {(running && room.can_curate).then(|| view! {
                    <section class="join-card" aria-labelledby="join-code-title">
                        <h3 id="join-code-title">{t.join_code}</h3>
                        <p class="join-code">{w.code.clone()}</p>
                        <p><a href=format!("{}/projector", room.href(&wid.get_value()))>{t.projector}</a></p>
                    </section>
                })}
                {w.ended.is_some().then(|| view! { <p role="status">{t.after_end}</p> })}
                {w.started.is_some().then(|| view! { <p><a href=format!("{}/summary", room.href(&wid.get_value()))>{t.summary}</a></p> })}
                {current.as_ref().and_then(|c| w.agenda.get(c.index).map(|a| (c.clone(), a.clone()))).map(|(c, a)| {
                    let done = c.done.len();
                    view! {
                        <section class="current-activity" aria-labelledby="current-title">
                            <h3 id="current-title">{t.now_running}": " <bdi>{a.title.clone()}</bdi></h3>
                            <p class="countdown-line"><Countdown timer=timer big=true /></p>
                            <p role="status">
                                {(t.done_count)(done, joined)}
                                {(joined > 0 && done >= joined).then(|| view! { " " <strong>{t.everyone_done}</strong> })}
                            </p>
                            {room.can_curate.then(|| {
                                let paused = c.timer.paused_left_ms.is_some();
                                view! {
                                    <ActionForm action=pause attr:class="inline-form">
                                        {room.hidden(&wid.get_value())}
                                        <input type="hidden" name="pause" value=if paused { "" } else { "on" } />
                                        <button type="submit">{if paused { t.resume } else { t.pause }}</button>
                                    </ActionForm>
                                }
                            })}
                        </section>
                    }
                })}
                {(running && room.can_curate).then(|| {
                    let focus = w.focus.clone();
                    view! {
                        <section class="facilitator" aria-labelledby="facilitator-title">
                            <h3 id="facilitator-title" class="visually-hidden">{t.bring_everyone}</h3>
                            {focus.clone().map(|f| view! { <p role="status">{t.brought_to}": " <a href=f.clone()>{f.clone()}</a></p> })}
                            <ActionForm action=bring attr:class="inline-form">
                                {room.hidden(&wid.get_value())}
                                <label for="bring-where">{t.bring_where}</label>
                                <select id="bring-where" name="path">
                                    {options.into_iter().map(|(path, label)| view! { <option value=path>{label}</option> }).collect_view()}
                                </select>
                                <button type="submit">{t.bring_everyone}</button>
                            </ActionForm>
                            {focus.is_some().then(|| view! {
                                <ActionForm action=bring attr:class="inline-form">
                                    {room.hidden(&wid.get_value())}
                                    <button type="submit">{t.let_go}</button>
                                </ActionForm>
                            })}
                            <ActionForm action=lock attr:class="inline-form">
                                {room.hidden(&wid.get_value())}
                                <input type="hidden" name="locked" value=if locked { "" } else { "on" } />
                                <button type="submit">{if locked { t.unlock } else { t.lock }}</button>
                            </ActionForm>
                            <ActionForm action=end attr:class="inline-form">
                                {room.hidden(&wid.get_value())}
                                <button type="submit">{t.end}</button>
                                <span class="hint">{t.end_hint}</span>
                            </ActionForm>
                        </section>
                    }
                })}
            }
        })}
    }
}

/// The pages everyone may be brought to: the current activity's, the
/// project's main pages, and this workshop's.
fn pages(project_id: &str, w: &Workshop) -> Vec<(String, String)> {
    let t = use_texts();
    let mut pages: Vec<(String, String)> = Vec::new();
    if let Some(a) = w.current_activity() {
        pages.push((a.kind.page(project_id), a.title.clone()));
    }
    for (section, label) in [
        (Section::Map, t.map.map_title),
        (Section::Fields, t.information_fields.title),
        (Section::Decisions, t.decisions.title),
    ] {
        pages.push((section.href(project_id), label.to_owned()));
    }
    pages.push((
        format!("{}/{}", Section::Workshops.href(project_id), w.id),
        w.title.clone(),
    ));
    pages
}

#[component]
fn Agenda(room: Room, workshop: Memo<Option<Workshop>>) -> impl IntoView {
    let t = use_texts().workshops;
    let start = FormAction::<StartActivity>::new();
    let choose = FormAction::<ChooseActivityItems>::new();
    view! {
        <section class="agenda" aria-labelledby="agenda-title">
            <h3 id="agenda-title">{t.agenda_heading}</h3>
            <ErrorNote error=action_error(start) />
            <ErrorNote error=action_error(choose) />
            {move || workshop.get().map(|w| {
                let current = w.current.as_ref().map(|c| c.index);
                let can_start = room.can_curate && w.is_running();
                view! {
                    <ol>
                        {w.agenda.clone().into_iter().enumerate().map(|(n, a)| {
                            let now = current == Some(n);
                            let id = w.id.clone();
                            let took = w.spans.iter().filter(|s| s.index == n).map(|s| s.to_ms - s.from_ms).sum::<i64>();
                            let chosen = w.chosen.get(&n).cloned().unwrap_or_default();
                            let can_choose = room.can_curate && w.ended.is_none();
                            let choice = a.kind.chooses().filter(|_| can_choose).map(|wanted| view! {
                                <ChooseItems room=room workshop_id=id.clone() index=n title=a.title.clone() wanted=wanted chosen=chosen.clone() action=choose />
                            });
                            view! {
                                <li aria-current=now.then_some("step")>
                                    <bdi>{a.title.clone()}</bdi> " – " {(t.kind)(a.kind)} ", " {(t.minutes)(a.minutes)}
                                    {(took > 0).then(|| view! { " (" {super::bar::clock_text(took)} ")" })}
                                    {(!chosen.is_empty()).then(|| view! {
                                        <br /><span class="works-on">{t.works_on}": " {super::bar::works_on_links(&room.project_id.get_value(), chosen.clone())}</span>
                                    })}
                                    {choice}
                                    {(can_start && !now).then(|| view! {
                                        <ActionForm action=start attr:class="inline-form">
                                            {room.hidden(&id)}
                                            <input type="hidden" name="index" value=n.to_string() />
                                            <button type="submit" aria-label=format!("{} {}", t.start_activity, a.title)>{t.start_activity}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
            })}
        </section>
    }
}

/// A facilitator's choice of what an activity works on: the contexts of
/// use to rate, or the decisions to discuss (`wanted`), as checkboxes.
#[component]
fn ChooseItems(
    room: Room,
    workshop_id: String,
    index: usize,
    title: String,
    wanted: &'static str,
    chosen: Vec<VoteItem>,
    action: FormAction<ChooseActivityItems>,
) -> impl IntoView {
    let t = use_texts().workshops;
    let candidates: Vec<(String, String)> = {
        let s = room.state.read_untracked();
        match wanted {
            "context" => s
                .fields
                .active_contexts()
                .map(|c| (format!("context:{}", c.id), c.name().to_owned()))
                .collect(),
            _ => s
                .decisions
                .newest_first()
                .into_iter()
                .map(|d| (format!("decision:{}", d.id), d.text().title.clone()))
                .collect(),
        }
    };
    let label = if wanted == "context" {
        t.choose_contexts
    } else {
        t.choose_decisions
    };
    view! {
        <details class="choose-items">
            <summary>{label}<span class="visually-hidden">": " {title.clone()}</span></summary>
            {match candidates.is_empty() {
                true => Either::Left(view! { <p class="hint">{t.none_to_choose}</p> }),
                false => Either::Right(view! {
                    <ActionForm action=action>
                        {room.hidden(&workshop_id)}
                        <input type="hidden" name="index" value=index.to_string() />
                        <fieldset>
                            <legend>{label}": " <bdi>{title.clone()}</bdi></legend>
                            {candidates.into_iter().enumerate().map(|(k, (id, name))| {
                                let input = format!("choose-{index}-{k}");
                                let checked = chosen.iter().any(|c| c.id == id);
                                view! {
                                    <div class="check">
                                        <input id=input.clone() type="checkbox" name=format!("items[{k}]") value=id checked=checked />
                                        <label for=input><bdi>{name}</bdi></label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <button type="submit">{t.save_choice}</button>
                    </ActionForm>
                }),
            }}
        </details>
    }
}

#[component]
fn Joined(room: Room, workshop: Memo<Option<Workshop>>) -> impl IntoView {
    let t = use_texts().workshops;
    view! {
        {move || workshop.get().filter(|w| w.started.is_some()).map(|w| view! {
            <section class="joined" aria-labelledby="joined-title">
                <h3 id="joined-title">{t.joined_heading} " (" {w.joined.len()} ")"</h3>
                {match w.joined.is_empty() {
                    true => Either::Left(view! { <p>{t.nobody_joined}</p> }),
                    false => Either::Right(view! {
                        <ul class="people">
                            {w.joined.keys().map(|id| view! { <li><bdi>{room.name_of(id)}</bdi></li> }).collect_view()}
                        </ul>
                    }),
                }}
            </section>
        })}
    }
}

#[component]
fn Notes(room: Room, workshop: Memo<Option<Workshop>>) -> impl IntoView {
    let t = use_texts().workshops;
    let save = FormAction::<WriteWorkshopNotes>::new();
    // Drawn again only for another workshop: a join meanwhile must not
    // wipe what is being typed.
    let id = Memo::new(move |_| workshop.get().map(|w| w.id));
    view! {
        {move || id.get().map(|id| view! {
            <section class="notes">
                <ActionForm action=save>
                    {room.hidden(&id)}
                    <label for="workshop-notes">{t.notes_label}</label>
                    <textarea id="workshop-notes" name="notes" rows="4">
                        {workshop.get_untracked().map(|w| w.notes)}
                    </textarea>
                    <ErrorNote error=action_error(save) />
                    <button type="submit">{t.save_notes}</button>
                </ActionForm>
            </section>
        })}
    }
}
