//! One decision: its text and revision, what it concerns, each option with
//! the arguments for and against and everyone's positions, the outcome
//! once closed, and the forms to take part.

use super::compare::CompareRevisions;
use super::forms::{ArgueForm, CuratorForms, PositionForm, QuorumForm, ReviseForm};
use super::{Desk, Shell};
use crate::decisions::model::{Decision, Side, Status};
use crate::decisions::texts::DecisionsTexts;
use crate::i18n::{use_texts, Texts};
use crate::projects::pages::frame::Section;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DecisionPage() -> impl IntoView {
    view! { <Shell body=|desk, _| view! { <OneDecision desk=desk /> } /> }
}

#[component]
fn OneDecision(desk: Desk) -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("decision_id").unwrap_or_default());
    let decision = Memo::new(move |_| desk.state.read().decisions.decisions.get(&id.get()).cloned());
    // What the forms depend on: others' arguments and positions arriving
    // live redraw the lists only, never a form someone is typing in.
    let shape = Memo::new(move |_| {
        decision
            .read()
            .as_ref()
            .map(|d| (d.status, d.revision(), d.text().clone()))
    });
    let back = Section::Decisions.href(&desk.project_id.get_value());
    view! {
        <p><a href=back>{t.decisions.back}</a></p>
        {move || match (shape.get(), decision.get_untracked()) {
            (Some(_), Some(d)) => Either::Right(body(t, desk, d, decision)),
            _ => Either::Left(view! { <p class="hint">{t.not_found_body}</p> }),
        }}
    }
}

type Current = Memo<Option<Decision>>;

fn body(t: &'static Texts, desk: Desk, d: Decision, current: Current) -> impl IntoView {
    let dt: &'static DecisionsTexts = t.decisions;
    let text = d.text().clone();
    let revision = d.revision();
    let references: Vec<(String, String)> = d.references.iter().map(|r| desk.reference(r)).collect();
    let open = matches!(d.status, Status::Draft | Status::Open);
    let decision_id = StoredValue::new(d.id.clone());
    let can_revise = open && (desk.can_curate || (desk.can_edit && d.proposed_by == desk.me.get_value()));
    view! {
        <article class="decision" aria-labelledby="decision-title">
            <h2 id="decision-title"><bdi>{text.title.clone()}</bdi></h2>
            <p>
                <span class=format!("badge status-{}", d.status.as_str())>{(dt.statuses)(d.status)}</span>
                " · "{(dt.revision)(revision)}
            </p>
            {d.superseded_by.as_ref().map(|by| {
                let (name, href) = desk.reference(&crate::decisions::model::Reference::Decision(by.clone()));
                view! { <p class="notice">{dt.superseded_by}": "<a href=href><bdi>{name}</bdi></a></p> }
            })}
            {(!d.supersedes.is_empty()).then(|| view! {
                <p>{dt.supersedes}": "
                    {d.supersedes.iter().map(|older| {
                        let (name, href) = desk.reference(&crate::decisions::model::Reference::Decision(older.clone()));
                        view! { <a href=href><bdi>{name}</bdi></a>" " }
                    }).collect_view()}
                </p>
            })}
            {(!text.problem.is_empty()).then(|| view! {
                <h3>{dt.problem}</h3>
                <p class="prose" dir="auto">{text.problem.clone()}</p>
            })}
            {(!references.is_empty()).then(|| view! {
                <h3>{dt.concerns}</h3>
                <ul>
                    {references.into_iter().map(|(name, href)| view! { <li><a href=href><bdi>{name}</bdi></a></li> }).collect_view()}
                </ul>
            })}
            {quorum(t, desk, &d, current, open)}
            {d.closing.as_ref().map(|c| closing(t, desk, &d, c))}
            <h3>{dt.options}</h3>
            <ol class="decision-options">
                {text.options.iter().map(|o| option(t, desk, &d, current, &o.id, &o.text, open)).collect_view()}
            </ol>
            <p>
                // A download, not a page of the app.
                <a href=format!("/export/{}/decisions/{}.md", desk.project_id.get_value(), d.id) rel="external" download="">{dt.download}</a>
            </p>
            {(revision > 1).then(|| view! { <CompareRevisions desk=desk decision=d.clone() /> })}
            {can_revise.then(|| view! { <ReviseForm desk=desk decision_id=decision_id.get_value() /> })}
            {desk.can_curate.then(|| view! { <CuratorForms desk=desk decision_id=decision_id.get_value() /> })}
            {move || {
                let d = current.get()?;
                (!d.status_changes.is_empty()).then(|| view! {
                    <h3>{dt.status_history}</h3>
                    <ul>
                        {d.status_changes.iter().map(|c| view! {
                            <li>
                                {desk.name_of(&c.stamp.actor_id)}": "{(dt.statuses)(c.status)}
                                {(!c.reason.is_empty()).then(|| view! { " – "<q dir="auto">{c.reason.clone()}</q> })}
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </article>
    }
}

/// Who must take part before it closes, who has not yet, and how an
/// abstention counts; leads and facilitators set it while it is open.
fn quorum(t: &'static Texts, desk: Desk, d: &Decision, current: Current, open: bool) -> impl IntoView {
    let dt = t.decisions;
    let shown = open || !d.quorum.is_empty();
    let list =
        |ps: &[crate::people::Profession]| ps.iter().map(|p| t.profession(*p)).collect::<Vec<_>>().join(", ");
    let state = move || {
        let d = current.get()?;
        let missing = d.quorum_missing();
        Some(if d.quorum.is_empty() {
            dt.quorum_none.to_owned()
        } else if missing.is_empty() {
            format!("{}: {}. {}", dt.quorum, list(&d.quorum), dt.quorum_met)
        } else {
            format!(
                "{}: {}. {}",
                dt.quorum,
                list(&d.quorum),
                (dt.quorum_missing)(&list(&missing))
            )
        })
    };
    shown.then(|| {
        view! {
            <section class="quorum" aria-labelledby="quorum-title">
                <h3 id="quorum-title">{dt.quorum}</h3>
                <p id="quorum-state" aria-live="polite">{state}</p>
                <p class="hint">{dt.abstentions}</p>
                {(open && desk.can_curate).then(|| view! { <QuorumForm desk=desk decision_id=d.id.clone() /> })}
            </section>
        }
    })
}

fn who(t: &'static Texts, desk: Desk, person: &str, profession: Option<crate::people::Profession>) -> String {
    match profession {
        Some(p) => format!("{} ({})", desk.name_of(person), t.profession(p)),
        None => desk.name_of(person),
    }
}

fn option(
    t: &'static Texts,
    desk: Desk,
    d: &Decision,
    current: Current,
    option_id: &str,
    option_text: &str,
    open: bool,
) -> impl IntoView {
    let dt = t.decisions;
    let id = StoredValue::new(option_id.to_owned());
    let arguments = move |side: Side| {
        move || {
            let d = current.get()?;
            Some(
                d.arguments
                    .iter()
                    .filter(|a| a.option_id == id.get_value() && a.side == side)
                    .map(|a| {
                        view! {
                            <li>
                                <bdi>{who(t, desk, &a.author, a.profession)}</bdi>": "<span dir="auto">{a.text.clone()}</span>
                                {(!a.evidence.is_empty()).then(|| view! { <br /><span class="hint" dir="auto">{a.evidence.clone()}</span> })}
                            </li>
                        }
                    })
                    .collect_view(),
            )
        }
    };
    let positions = move || {
        let d = current.get()?;
        let revision = d.revision();
        Some(
            d.latest_positions(&id.get_value())
                .map(|(person, p)| {
                    let earlier = p.revision < revision;
                    view! {
                        <li class=format!("stance-{}", p.stance.as_str())>
                            <bdi>{who(t, desk, person, p.profession)}</bdi>": "<strong>{(dt.stances)(p.stance)}</strong>
                            {(!p.reason.is_empty()).then(|| view! { " – "<q dir="auto">{p.reason.clone()}</q> })}
                            {earlier.then(|| view! { " "<span class="badge">{(dt.given_on)(p.revision)}</span> })}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    let heading = format!("option-{option_id}");
    view! {
        <li class="decision-option">
            <h4 id=heading.clone() dir="auto">{option_text.to_owned()}</h4>
            <div class="arguments">
                <div>
                    <h5>{dt.for_}</h5>
                    <ul>{arguments(Side::For)}</ul>
                </div>
                <div>
                    <h5>{dt.against}</h5>
                    <ul>{arguments(Side::Against)}</ul>
                </div>
            </div>
            <h5>{dt.positions}</h5>
            <ul class="positions">{positions}</ul>
            {(open && desk.can_edit).then(|| view! {
                <PositionForm desk=desk decision_id=d.id.clone() option_id=option_id.to_owned() labelled_by=heading.clone() />
                <ArgueForm desk=desk decision_id=d.id.clone() option_id=option_id.to_owned() />
            })}
        </li>
    }
}

fn closing(
    t: &'static Texts,
    desk: Desk,
    d: &Decision,
    c: &crate::decisions::model::Closing,
) -> impl IntoView {
    let dt = t.decisions;
    let outcome = match &c.outcome {
        Some(id) => d.option(id).map(|o| o.text.clone()).unwrap_or_default(),
        None => dt.all_rejected.to_owned(),
    };
    view! {
        <section class="closing" aria-labelledby="closing-title">
            <h3 id="closing-title">{dt.outcome}</h3>
            <p><strong>{c.outcome.is_some().then_some(dt.accepted)}{c.outcome.is_some().then_some(": ")}</strong><span dir="auto">{outcome}</span></p>
            <h4>{dt.rationale}</h4>
            <p class="prose" dir="auto">{c.rationale.clone()}</p>
            {(!c.override_reason.is_empty()).then(|| view! {
                <p><strong>{dt.overridden}</strong>" "<q dir="auto">{c.override_reason.clone()}</q></p>
            })}
            {(!c.criteria.is_empty()).then(|| view! {
                <h4>{dt.criteria}</h4>
                <ul class="criteria">
                    {c.criteria.iter().map(|x| view! { <li><span dir="auto">{x.text.clone()}</span>" – "{(dt.due)(&x.due)}</li> }).collect_view()}
                </ul>
            })}
            <h4>{dt.dissent}</h4>
            {if c.dissent.is_empty() {
                Either::Left(view! { <p>{dt.no_dissent}</p> })
            } else {
                Either::Right(view! {
                    <ul>
                        {c.dissent.iter().map(|x| view! {
                            <li>
                                <bdi>{who(t, desk, &x.person, x.profession)}</bdi>": "<strong>{(dt.stances)(x.stance)}</strong>
                                " – "<q dir="auto">{x.reason.clone()}</q>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
            {crate::decisions::fingerprint::fingerprint(d).map(|f| view! {
                <h4>{dt.fingerprint}</h4>
                <p><code class="fingerprint">{f.sha256}</code></p>
                <details>
                    <summary>{dt.canonical_text}</summary>
                    <p class="hint">{(dt.fingerprint_hint)(f.sealed_by)}</p>
                    <pre class="canonical">{f.canonical}</pre>
                </details>
            })}
        </section>
    }
}
