//! The forms on a decision's page: a position, an argument, a new
//! revision of the text, and the status, close and reopen forms of leads
//! and facilitators.

use super::Desk;
use crate::components::editing::{action_error, submission_token, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::decisions::api::{
    Argue, CloseDecision, ReopenDecision, ReviseDecision, SetDecisionStatus, SetQuorum, SupersedeDecision,
    TakePosition,
};
use crate::decisions::model::{Side, Stance, Status};
use crate::i18n::use_texts;
use crate::people::Profession;
use leptos::prelude::*;

/// Four buttons, one per stance, and a reason (required for disagree and
/// block, which the server enforces).
#[component]
pub fn PositionForm(
    desk: Desk,
    decision_id: String,
    option_id: String,
    labelled_by: String,
) -> impl IntoView {
    let dt = use_texts().decisions;
    let take = FormAction::<TakePosition>::new();
    let reason_id = format!("position-reason-{option_id}");
    let legend_id = format!("position-{option_id}");
    let described = format!("{labelled_by} {legend_id}");
    view! {
        <ActionForm action=take attr:class="position-form" attr:aria-labelledby=described>
            {desk.project_input()}
            <input type="hidden" name="decision_id" value=decision_id />
            <input type="hidden" name="option_id" value=option_id />
            <p id=legend_id>{dt.your_position}</p>
            <label for=reason_id.clone()>{dt.position_reason}</label>
            <input id=reason_id name="reason" type="text" maxlength="2000" />
            <div class="stance-buttons">
                {Stance::ALL.iter().map(|s| view! {
                    <button type="submit" name="stance" value=s.as_str() class=format!("stance-{}", s.as_str())>{(dt.stances)(*s)}</button>
                }).collect_view()}
            </div>
        </ActionForm>
        <ErrorNote error=action_error(take) />
    }
}

#[component]
pub fn ArgueForm(desk: Desk, decision_id: String, option_id: String) -> impl IntoView {
    let dt = use_texts().decisions;
    let argue = FormAction::<Argue>::new();
    let form = NodeRef::new();
    let id = |what: &str| format!("argue-{what}-{option_id}");
    let (side_id, text_id, evidence_id, title_id) = (id("side"), id("text"), id("evidence"), id("title"));
    let labelled_by = title_id.clone();
    view! {
        <details class="argue">
            <summary>{dt.argue}</summary>
            <ActionForm action=argue node_ref=form attr:class="stacked-form" attr:aria-labelledby=labelled_by>
                <p id=title_id class="visually-hidden">{dt.argue}</p>
                {desk.project_input()}
                {submission_token(argue, form)}
                <input type="hidden" name="decision_id" value=decision_id />
                <input type="hidden" name="option_id" value=option_id.clone() />
                <div class="field">
                    <label for=side_id.clone()>{dt.side}</label>
                    <select id=side_id name="side">
                        {Side::ALL.iter().map(|s| view! { <option value=s.as_str()>{(dt.sides)(*s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=text_id.clone()>{dt.argument}</label>
                    <textarea id=text_id name="text" rows="2" required></textarea>
                </div>
                <div class="field">
                    <label for=evidence_id.clone()>{dt.evidence}</label>
                    <input id=evidence_id name="evidence" type="text" maxlength="2000" />
                </div>
                <button type="submit">{dt.add_argument}</button>
            </ActionForm>
            <ErrorNote error=action_error(argue) />
        </details>
    }
}

/// A new revision: the text as it is now, to change. Positions given on the
/// earlier revision then show as such until their authors confirm them.
#[component]
pub fn ReviseForm(desk: Desk, decision_id: String) -> impl IntoView {
    let dt = use_texts().decisions;
    let revise = FormAction::<ReviseDecision>::new();
    let (title, problem, options, seq) = {
        let s = desk.state.read_untracked();
        let d = &s.decisions.decisions[&decision_id];
        let text = d.text();
        let options: Vec<&str> = text.options.iter().map(|o| o.text.as_str()).collect();
        (
            text.title.clone(),
            text.problem.clone(),
            options.join("\n"),
            s.seq,
        )
    };
    view! {
        <details class="revise">
            <summary>{dt.edit}</summary>
            <ActionForm action=revise attr:class="stacked-form" attr:aria-labelledby="revise-title">
                <p id="revise-title" class="visually-hidden">{dt.edit}</p>
                {desk.project_input()}
                <input type="hidden" name="base_seq" value=seq.to_string() />
                <input type="hidden" name="decision_id" value=decision_id />
                <div class="field">
                    <label for="revise-decision-title">{dt.decision_title}</label>
                    <input id="revise-decision-title" name="title" type="text" maxlength="200" value=title required />
                </div>
                <div class="field">
                    <label for="revise-problem">{dt.problem}</label>
                    <textarea id="revise-problem" name="problem" rows="3">{problem}</textarea>
                </div>
                <div class="field">
                    <label for="revise-options">{dt.options}</label>
                    <textarea id="revise-options" name="options" rows="4">{options}</textarea>
                    <span class="hint">{dt.options_hint}</span>
                </div>
                <button type="submit">{dt.save_revision}</button>
            </ActionForm>
            <ErrorNote error=action_error(revise) />
        </details>
    }
}

/// Opening, deferring, closing and reopening: for leads and facilitators.
#[component]
pub fn CuratorForms(desk: Desk, decision_id: String) -> impl IntoView {
    let dt = use_texts().decisions;
    let status_action = FormAction::<SetDecisionStatus>::new();
    let close = FormAction::<CloseDecision>::new();
    let reopen = FormAction::<ReopenDecision>::new();
    let (status, options, reservations) = {
        let s = desk.state.read_untracked();
        let d = &s.decisions.decisions[&decision_id];
        // Reservations given with an agreeing position are what most often
        // becomes a criterion: they are listed beside the box, to copy.
        let mut reservations: Vec<String> = d
            .text()
            .options
            .iter()
            .flat_map(|o| {
                d.latest_positions(&o.id)
                    .filter(|(_, p)| p.stance == Stance::AgreeWithConcerns && !p.reason.is_empty())
                    .map(|(_, p)| p.reason.replace('\n', " "))
                    .collect::<Vec<_>>()
            })
            .collect();
        reservations.dedup();
        (d.status, d.text().options.clone(), reservations)
    };
    let id = StoredValue::new(decision_id);
    let status_button = move |to: Status, label: &'static str| {
        view! {
            <ActionForm action=status_action attr:class="inline-form">
                {desk.project_input()}
                <input type="hidden" name="decision_id" value=id.get_value() />
                <input type="hidden" name="status" value=to.as_str() />
                {(to == Status::Deferred).then(|| view! {
                    <label for="defer-reason">{dt.reason}</label>
                    <input id="defer-reason" name="reason" type="text" maxlength="2000" />
                })}
                <button type="submit">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <section class="curator-forms" aria-label=dt.close>
            <ErrorNote error=action_error(status_action) />
            {(status == Status::Draft).then(|| status_button(Status::Open, dt.open_for_discussion))}
            {(status == Status::Open).then(|| view! {
                {status_button(Status::Draft, dt.back_to_draft)}
                {status_button(Status::Deferred, dt.defer)}
                <ActionForm action=close attr:class="stacked-form" attr:aria-labelledby="close-title">
                    <h3 id="close-title">{dt.close}</h3>
                    {desk.project_input()}
                    <input type="hidden" name="decision_id" value=id.get_value() />
                    <div class="field">
                        <label for="close-outcome">{dt.outcome}</label>
                        <select id="close-outcome" name="outcome">
                            {options.iter().map(|o| view! { <option value=o.id.clone()>{o.text.clone()}</option> }).collect_view()}
                            <option value="">{dt.all_rejected}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="close-rationale">{dt.rationale}</label>
                        <textarea id="close-rationale" name="rationale" rows="3" required></textarea>
                    </div>
                    <div class="field">
                        <label for="close-override">{dt.override_reason}</label>
                        <input id="close-override" name="override_reason" type="text" maxlength="2000" />
                    </div>
                    <div class="field">
                        <label for="close-criteria">{dt.criteria}</label>
                        <textarea id="close-criteria" name="criteria" rows="3" aria-describedby="close-criteria-hint"></textarea>
                        <div id="close-criteria-hint" class="hint">
                            {dt.criteria_hint}
                            {(!reservations.is_empty()).then(|| view! {
                                " "{dt.reservations_given}
                                <ul>{reservations.into_iter().map(|r| view! { <li dir="auto">{r}</li> }).collect_view()}</ul>
                            })}
                        </div>
                    </div>
                    <div class="field">
                        <label for="close-evaluate-on">{dt.evaluate_on}</label>
                        <input id="close-evaluate-on" name="evaluate_on" type="date" />
                    </div>
                    <button type="submit">{dt.close_button}</button>
                </ActionForm>
                <ErrorNote error=action_error(close) />
            })}
            {matches!(status, Status::Decided | Status::Deferred).then(|| view! { <SupersedeForm desk=desk decision_id=id.get_value() /> })}
            {matches!(status, Status::Decided | Status::Deferred | Status::Superseded).then(|| view! {
                <ActionForm action=reopen attr:class="inline-form">
                    {desk.project_input()}
                    <input type="hidden" name="decision_id" value=id.get_value() />
                    <label for="reopen-reason">{dt.reason}</label>
                    <input id="reopen-reason" name="reason" type="text" maxlength="2000" required />
                    <button type="submit">{dt.reopen}</button>
                </ActionForm>
                <ErrorNote error=action_error(reopen) />
            })}
        </section>
    }
}

/// Which professions must have taken a position before it can close.
#[component]
pub fn QuorumForm(desk: Desk, decision_id: String) -> impl IntoView {
    let t = use_texts();
    let dt = t.decisions;
    let set = FormAction::<SetQuorum>::new();
    let chosen = desk
        .state
        .read_untracked()
        .decisions
        .decisions
        .get(&decision_id)
        .map(|d| d.quorum.clone())
        .unwrap_or_default();
    view! {
        <ActionForm action=set attr:class="quorum-form">
            <fieldset>
                <legend>{dt.quorum}</legend>
                {desk.project_input()}
                <input type="hidden" name="decision_id" value=decision_id />
                {Profession::ALL.iter().enumerate().map(|(n, p)| {
                    let box_id = format!("quorum-{}", p.as_str());
                    let label_for = box_id.clone();
                    view! {
                        <label for=label_for class="check">
                            <input id=box_id type="checkbox" name=format!("professions[{n}]") value=p.as_str() checked=chosen.contains(p) />
                            {t.profession(*p)}
                        </label>
                    }
                }).collect_view()}
                <button type="submit">{dt.set_quorum}</button>
            </fieldset>
        </ActionForm>
        <ErrorNote error=action_error(set) />
    }
}

/// Names the later decision that replaces this one.
#[component]
fn SupersedeForm(desk: Desk, decision_id: String) -> impl IntoView {
    let dt = use_texts().decisions;
    let supersede = FormAction::<SupersedeDecision>::new();
    let others: Vec<(String, String)> = desk
        .state
        .read_untracked()
        .decisions
        .newest_first()
        .into_iter()
        .filter(|d| d.id != decision_id)
        .map(|d| (d.id.clone(), d.text().title.clone()))
        .collect();
    (!others.is_empty()).then(|| {
        view! {
            <ActionForm action=supersede attr:class="stacked-form" attr:aria-labelledby="supersede-title">
                <h3 id="supersede-title">{dt.supersede}</h3>
                {desk.project_input()}
                <input type="hidden" name="decision_id" value=decision_id />
                <div class="field">
                    <label for="supersede-by">{dt.supersede_by}</label>
                    <select id="supersede-by" name="by">
                        {others.into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="supersede-reason">{dt.reason}</label>
                    <input id="supersede-reason" name="reason" type="text" maxlength="2000" required />
                </div>
                <button type="submit">{dt.supersede}</button>
            </ActionForm>
            <ErrorNote error=action_error(supersede) />
        }
    })
}
