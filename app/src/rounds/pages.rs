//! Anonymous rounds on the information-fields page: start one, rate in it
//! (`?round=ID`), close it, and read closed rounds' results. While a round
//! runs the page has nothing of anyone's ballots to show: they are not in
//! the state; a person sees only their own, asked for by them.

use super::api::{CastBallot, CloseRound, StartRound};
use super::results::CellResult;
use super::slice::Round;
use crate::components::editing::{action_error, submission_token, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::features::ProjectState;
use crate::fields::measures::Distribution;
use crate::fields::model::Rating;
use crate::fields::slice::cell_item;
use crate::history::time::When;
use crate::i18n::{use_texts, Texts};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct RoundsWork {
    pub project_id: StoredValue<String>,
    pub state: RwSignal<ProjectState>,
    pub can_edit: bool,
    pub can_curate: bool,
}

impl RoundsWork {
    /// The fields page, with a round open or none.
    fn href(&self, round_id: Option<&str>) -> String {
        let base = crate::projects::pages::frame::Section::Fields.href(&self.project_id.get_value());
        match round_id {
            Some(id) => format!("{base}?round={id}"),
            None => base,
        }
    }
}

/// The rounds: the one running (or a form to start one), and the closed
/// ones with a link to each one's results.
#[component]
pub fn RoundsSection(r: RoundsWork) -> impl IntoView {
    let t = use_texts();
    let rt = t.rounds;
    let start = FormAction::<StartRound>::new();
    let close = FormAction::<CloseRound>::new();
    let running = Memo::new(move |_| r.state.read().rounds.running().cloned());
    let closed = Memo::new(move |_| r.state.read().rounds.closed().cloned().collect::<Vec<Round>>());
    let project_input =
        move || view! { <input type="hidden" name="project_id" value=r.project_id.get_value() /> };
    view! {
        <section class="rounds" aria-labelledby="rounds-title">
            <h3 id="rounds-title">{rt.title}</h3>
            <p class="hint">{rt.intro}</p>
            <ErrorNote error=action_error(start) />
            <ErrorNote error=action_error(close) />
            {move || match running.get() {
                Some(round) => Either::Left(view! {
                    <div class="round-running" role="status">
                        <p>
                            <strong>{rt.running}</strong>" "
                            <bdi>{context_names(r.state, &round)}</bdi>
                        </p>
                        <p class="hint">{rt.hidden_while_running}</p>
                        {r.can_edit.then(|| view! { <p><a href=r.href(Some(&round.id))>{rt.rate_in_round}</a></p> })}
                        {r.can_curate.then(|| view! {
                            <ActionForm action=close attr:class="inline-form">
                                {project_input()}
                                <input type="hidden" name="round_id" value=round.id.clone() />
                                <button type="submit">{rt.close}</button>
                                <span class="hint">{rt.close_hint}</span>
                            </ActionForm>
                        })}
                    </div>
                }),
                None => Either::Right(r.can_curate.then(|| start_form(r, start))),
            }}
            <ul class="closed-rounds">
                {move || closed.get().into_iter().map(|round| view! {
                    <li>
                        <a href=r.href(Some(&round.id))><When ms=round.started.at_ms /></a>
                        ": "<bdi>{context_names(r.state, &round)}</bdi>" – "
                        {(rt.closed_round)(round.participants.len(), round.ballots.len())}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

fn start_form(r: RoundsWork, start: FormAction<StartRound>) -> impl IntoView {
    let rt = use_texts().rounds;
    let form = NodeRef::new();
    // Follows the page: a context proposed meanwhile can be chosen.
    let contexts = move || {
        r.state
            .read()
            .fields
            .active_contexts()
            .map(|c| (c.id.clone(), c.name().to_owned()))
            .collect::<Vec<_>>()
    };
    view! {
        <ActionForm action=start node_ref=form attr:class="start-round">
            <input type="hidden" name="project_id" value=r.project_id.get_value() />
            {submission_token(start, form)}
            <fieldset>
                <legend>{rt.contexts_to_rate}</legend>
                {move || contexts().into_iter().enumerate().map(|(n, (id, name))| {
                    let box_id = format!("round-context-{n}");
                    view! {
                        <div class="check">
                            <input id=box_id.clone() type="checkbox" name=format!("context_ids[{n}]") value=id />
                            <label for=box_id><bdi>{name}</bdi></label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit">{rt.start}</button>
        </ActionForm>
    }
}

fn context_names(state: RwSignal<ProjectState>, round: &Round) -> String {
    let s = state.read_untracked();
    round
        .context_ids
        .iter()
        .map(|id| s.fields.name(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `?round=ID`: rating in the running round, or a closed round's results.
#[component]
pub fn RoundView(r: RoundsWork, round_id: String) -> impl IntoView {
    let t = use_texts();
    let round_id = StoredValue::new(round_id);
    let round = Memo::new(move |_| r.state.read().rounds.rounds.get(&round_id.get_value()).cloned());
    view! {
        <section class="round" aria-labelledby="round-title">
            {move || match round.get() {
                None => EitherOf3::A(view! { <p class="hint">{t.not_found_body}</p> }),
                Some(round) if round.closed.is_none() => EitherOf3::B(view! { <Ballots r=r round=round /> }),
                Some(round) => EitherOf3::C(results(t, r, &round)),
            }}
            <p><a href=r.href(None)>{t.information_fields.close}</a></p>
        </section>
    }
}

/// Four buttons per field and context; the person's own choices marked.
#[component]
fn Ballots(r: RoundsWork, round: Round) -> impl IntoView {
    let t = use_texts();
    let rt = t.rounds;
    let cast = FormAction::<CastBallot>::new();
    let round_id = StoredValue::new(round.id.clone());
    let own = crate::json::resource(
        move || {
            (
                r.project_id.get_value(),
                round_id.get_value(),
                cast.version().get(),
            )
        },
        |(project_id, round_id, _)| super::api::get_own_ballots(project_id, round_id),
    );
    let s = r.state.read_untracked();
    let fields: Vec<(String, String)> = s
        .fields
        .active_fields()
        .map(|x| (x.id.clone(), x.name().to_owned()))
        .collect();
    let contexts: Vec<(String, String)> = round
        .context_ids
        .iter()
        .map(|id| (id.clone(), s.fields.name(id)))
        .collect();
    drop(s);
    let total = fields.len() * contexts.len();
    let mine = move |cell: &str| own.get().and_then(|o| o.ok()).and_then(|o| o.get(cell).cloned());
    view! {
        <h3 id="round-title">{t.rounds.rate_in_round}</h3>
        <p class="hint">{rt.hidden_while_running}</p>
        <ErrorNote error=action_error(cast) />
        <Transition fallback=|| ()>
            <p role="status">{move || (rt.your_ballots)(own.get().and_then(|o| o.ok()).map(|o| o.len()).unwrap_or(0), total)}</p>
        </Transition>
        {contexts.into_iter().map(|(context_id, context_name)| {
            let forms = fields
                .iter()
                .map(|(field_id, field_name)| ballot_form(r, cast, round_id, field_id, &context_id, field_name, mine))
                .collect_view();
            view! {
                <h4><bdi>{context_name}</bdi></h4>
                <ol class="round-fields">{forms}</ol>
            }
        }).collect_view()}
    }
}

fn ballot_form(
    r: RoundsWork,
    cast: FormAction<CastBallot>,
    round_id: StoredValue<String>,
    field_id: &str,
    context_id: &str,
    field_name: &str,
    mine: impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let f = use_texts().information_fields;
    let cell = cell_item(field_id, context_id);
    let label_id = format!("ballot-{cell}");
    let labelled_by = label_id.clone();
    let (field_id, context_id, field_name) =
        (field_id.to_owned(), context_id.to_owned(), field_name.to_owned());
    view! {
        <li>
            <ActionForm action=cast attr:class="rating-form" attr:aria-labelledby=labelled_by>
                <input type="hidden" name="project_id" value=r.project_id.get_value() />
                <input type="hidden" name="round_id" value=round_id.get_value() />
                <input type="hidden" name="field_id" value=field_id />
                <input type="hidden" name="context_id" value=context_id />
                <p id=label_id><bdi>{field_name}</bdi></p>
                <div class="rating-buttons">
                    {Rating::ALL.iter().map(|&rating| {
                        let cell = cell.clone();
                        view! {
                            <button
                                type="submit"
                                name="rating"
                                value=rating.as_str()
                                class=format!("rating r{}", rating.score())
                                aria-pressed=move || if mine(&cell).as_deref() == Some(rating.as_str()) { "true" } else { "false" }
                            >
                                <span aria-hidden="true">{rating.score()}" "</span>
                                {(f.ratings)(rating)}
                            </button>
                        }
                    }).collect_view()}
                </div>
            </ActionForm>
        </li>
    }
}

fn distribution(t: &'static Texts, d: &Distribution) -> String {
    Rating::ALL
        .iter()
        .map(|r| format!("{} {}", (t.information_fields.ratings)(*r), d.count(*r)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A closed round's results, cell by cell, without a name anywhere.
fn results(t: &'static Texts, r: RoundsWork, round: &Round) -> impl IntoView {
    let rt = t.rounds;
    let f = t.information_fields;
    let s = r.state.read_untracked();
    let results = round.results();
    let rows: Vec<(String, String, CellResult)> = results
        .into_iter()
        .map(|((field, context), result)| (s.fields.name(&field), s.fields.name(&context), result))
        .collect();
    drop(s);
    let empty = rows.is_empty();
    view! {
        <h3 id="round-title">{rt.results_of}</h3>
        <p>{(rt.closed_round)(round.participants.len(), round.ballots.len())}</p>
        {empty.then(|| view! { <p class="hint">{rt.no_ballots}</p> })}
        <ul class="round-results">
            {rows.into_iter().map(|(field, context, result)| {
                let body = match &result.all {
                    None => Either::Left(view! { <p class="measures">{(rt.too_few)(result.n)}</p> }),
                    Some(all) => Either::Right(view! {
                        <dl class="measures">
                            <dt>{rt.all}" (n = "{result.n}")"</dt>
                            <dd>{distribution(t, all)}</dd>
                            <dt>{f.consensus}</dt>
                            <dd>{format!("{:.0} %", all.consensus().unwrap_or(0.0) * 100.0)}</dd>
                            {result.professions.iter().map(|(p, d)| view! {
                                <dt>{t.profession(*p)}" (n = "{d.n()}")"</dt>
                                <dd>{distribution(t, d)}</dd>
                            }).collect_view()}
                            {result.others.map(|d| view! {
                                <dt>{rt.others}" (n = "{d.n()}")"</dt>
                                <dd>{distribution(t, &d)}</dd>
                            })}
                        </dl>
                        {(!result.reasons.is_empty()).then(|| view! {
                            <p>{rt.reasons}":"</p>
                            <ul class="reasons">
                                {result.reasons.iter().map(|(rating, reason)| view! {
                                    <li>{(f.ratings)(*rating)}" – "<q dir="auto">{reason.clone()}</q></li>
                                }).collect_view()}
                            </ul>
                        })}
                    }),
                };
                view! {
                    <li>
                        <h4><bdi>{field}</bdi>" – "<bdi>{context}</bdi></h4>
                        {body}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
