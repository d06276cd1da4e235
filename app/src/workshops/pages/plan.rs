//! The plan form: a new workshop, or the plan of one not yet started. The
//! agenda is a fixed set of rows (so it works without JavaScript); empty
//! rows are left out.

use super::super::api::PlanWorkshop;
use super::super::model::{ActivityKind, Workshop};
use super::Room;
use crate::components::editing::{action_error, submission_token, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::i18n::use_texts;
use leptos::prelude::*;

/// Rows for a new plan; a plan being changed gets two more than it has.
const NEW_ROWS: usize = 5;

#[component]
pub fn PlanForm(room: Room, workshop: Option<Workshop>) -> impl IntoView {
    let t = use_texts().workshops;
    let plan = FormAction::<PlanWorkshop>::new();
    let form = NodeRef::new();
    let w = workshop.clone();
    let rows = w.as_ref().map_or(NEW_ROWS, |w| w.agenda.len() + 2);
    let prefix = if w.is_some() { "replan" } else { "plan" };
    let activity = move |n: usize| w.as_ref().and_then(|w| w.agenda.get(n).cloned());
    view! {
        <section class="plan-workshop" aria-labelledby=format!("{prefix}-title")>
            <h2 id=format!("{prefix}-title")>{if workshop.is_some() { t.replan_heading } else { t.plan_heading }}</h2>
            <ActionForm action=plan node_ref=form>
                <input type="hidden" name="project_id" value=room.project_id.get_value() />
                <input type="hidden" name="workshop_id" value=workshop.as_ref().map(|w| w.id.clone()).unwrap_or_default() />
                {submission_token(plan, form)}
                <div class="field">
                    <label for=format!("{prefix}-name")>{t.title_label}</label>
                    <input id=format!("{prefix}-name") name="title" required maxlength="120"
                        value=workshop.as_ref().map(|w| w.title.clone()) />
                </div>
                <div class="field">
                    <label for=format!("{prefix}-when")>{t.starts_at_label}</label>
                    <input id=format!("{prefix}-when") name="starts_at" type="datetime-local" required
                        value=workshop.as_ref().map(|w| w.starts_at.clone()) />
                </div>
                <div class="field">
                    <label for=format!("{prefix}-goal")>{t.goal_label}</label>
                    <textarea id=format!("{prefix}-goal") name="goal" rows="2">
                        {workshop.as_ref().map(|w| w.goal.clone())}
                    </textarea>
                </div>
                <fieldset class="agenda">
                    <legend>{t.agenda_label}</legend>
                    <p class="hint">{t.agenda_hint}</p>
                    {(0..rows).map(|n| {
                        let a = activity(n);
                        let shown = n + 1;
                        let id = |what: &str| format!("{prefix}-{what}-{n}");
                        view! {
                            <div class="agenda-row">
                                <label class="visually-hidden" for=id("title")>{(t.activity_title)(shown)}</label>
                                <input id=id("title") name=format!("activity_titles[{n}]") maxlength="120"
                                    placeholder=(t.activity_title)(shown) value=a.as_ref().map(|a| a.title.clone()) />
                                <label class="visually-hidden" for=id("kind")>{(t.activity_kind)(shown)}</label>
                                <select id=id("kind") name=format!("activity_kinds[{n}]")>
                                    {ActivityKind::ALL.into_iter().map(|k| view! {
                                        <option value=k.as_str() selected=a.as_ref().is_some_and(|a| a.kind == k)>{(t.kind)(k)}</option>
                                    }).collect_view()}
                                </select>
                                <label class="visually-hidden" for=id("minutes")>{(t.activity_minutes)(shown)}</label>
                                <input id=id("minutes") name=format!("activity_minutes[{n}]") type="number" min="1" max="480"
                                    inputmode="numeric" value=a.as_ref().map_or(10, |a| a.minutes).to_string() />
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <ErrorNote error=action_error(plan) />
                <button type="submit" class="primary">{t.save_plan}</button>
            </ActionForm>
        </section>
    }
}
