//! The fields and contexts of use as lists, with what is known of each,
//! the forms to propose new ones, and retiring for leads and facilitators.

use super::matrix::sensitivity_mark;
use super::Work;
use crate::components::editing::{action_error, choice_field, submission_token, ErrorNote};
use crate::components::form::ActionForm;
use crate::components::{live, when};
use crate::fields::model::{ContextOfUse, DataType, FieldGroup, InformationField, Moment, Sensitivity};
use crate::i18n::use_texts;
use crate::map::model::{ElementKind, LinkKind};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Lists(w: Work) -> impl IntoView {
    let f = use_texts().information_fields;
    let fields = move |retired: bool| {
        let s = w.state.read();
        let mut v: Vec<InformationField> = s
            .fields
            .fields
            .values()
            .filter(|x| x.retired == retired)
            .cloned()
            .collect();
        v.sort_by(|a, b| a.group().cmp(&b.group()).then(a.name().cmp(b.name())));
        v
    };
    let contexts = move |retired: bool| {
        let s = w.state.read();
        s.fields
            .contexts
            .values()
            .filter(|x| x.retired == retired)
            .cloned()
            .collect::<Vec<_>>()
    };
    let any_retired = move || !fields(true).is_empty() || !contexts(true).is_empty();
    view! {
        <h3>{f.fields_title}</h3>
        {when(move || fields(false).is_empty(), move || view! {
            <p class="hint">{f.no_fields}</p>
        })}
        <ul class="information-fields" aria-label=f.fields_title>
            {live(move || fields(false).into_iter().map(|x| field_item(w, x)).collect_view())}
        </ul>
        {w.can_edit.then(|| propose_field_form(w))}
        <h3>{f.contexts_title}</h3>
        {when(move || contexts(false).is_empty(), move || view! {
            <p class="hint">{f.no_contexts}</p>
        })}
        <ul class="contexts" aria-label=f.contexts_title>
            {live(move || contexts(false).into_iter().map(|x| context_item(w, x)).collect_view())}
        </ul>
        {w.can_edit.then(|| propose_context_form(w))}
        {when(any_retired, move || view! {
            <details class="retired">
                <summary>{f.retired_title}</summary>
                <ul aria-label=f.retired_title>
                    {move || fields(true).into_iter().map(|x| retired_item(w, x.id.clone(), x.name().to_owned())).collect_view()}
                    {move || contexts(true).into_iter().map(|x| retired_item(w, x.id.clone(), x.name().to_owned())).collect_view()}
                </ul>
            </details>
        })}
    }
}

fn element_name(w: Work, id: &Option<String>) -> Option<String> {
    let id = id.as_ref()?;
    w.state
        .read_untracked()
        .map
        .elements
        .get(id)
        .map(|e| e.name.clone())
}

fn field_item(w: Work, x: InformationField) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let d = &x.details;
    let mut facts: Vec<String> = vec![(f.groups)(x.group()).to_owned()];
    if let Some(dt) = d.data_type {
        facts.push((f.data_types)(dt).to_owned());
    }
    if let Some(source) = element_name(w, &d.source) {
        facts.push(format!("{}: {source}", f.source));
    }
    let also: Vec<String> = d
        .also_kept_in
        .iter()
        .filter_map(|id| element_name(w, &Some(id.clone())))
        .collect();
    if !also.is_empty() {
        facts.push(format!("{}: {}", f.also_kept_in, also.join(", ")));
    }
    if let Some(keeper) = element_name(w, &d.keeper) {
        facts.push(format!("{}: {keeper}", f.keeper));
    }
    if !d.freshness.is_empty() {
        facts.push(format!("{}: {}", f.freshness, d.freshness));
    }
    facts.push(format!("{}: {}", f.proposed_by, w.name_of(&x.proposed_by)));
    view! {
        <li>
            <strong dir="auto">{x.name().to_owned()}</strong>
            " "
            {sensitivity_mark(t, &x)}
            {x.kept_twice().then(|| view! { " " <span class="flag">"⧉ "{f.kept_twice}</span> })}
            {x.may_go_stale().then(|| view! { " " <span class="flag">"⏱ "{f.may_go_stale}</span> })}
            {(!d.definition.is_empty()).then(|| view! { <p dir="auto">{d.definition.clone()}</p> })}
            <p class="hint" dir="auto">{facts.join(" · ")}</p>
            {(!x.reason.is_empty()).then(|| view! { <p class="hint">{f.reason}": " <q dir="auto">{x.reason.clone()}</q></p> })}
            {retire_button(w, x.id.clone(), x.name().to_owned(), false)}
            {merge_form(w, &x.id, x.name(), {
                let id = x.id.clone();
                move || {
                    let s = w.state.read_untracked();
                    s.fields.active_fields().filter(|o| o.id != id).map(|o| (o.id.clone(), o.name().to_owned())).collect()
                }
            })}
        </li>
    }
}

/// For leads and facilitators: this field (or context of use) is a
/// duplicate of one of `others`. The form opens by its link (`?merge=`):
/// one list of every other item under every item grew with the square of
/// the list (60 fields: 3,540 options, a quarter of the page).
fn merge_form(
    w: Work,
    id: &str,
    name: &str,
    others: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
) -> Option<impl IntoView> {
    let f = use_texts().information_fields;
    let query = use_query_map();
    w.can_curate.then(|| {
        let id = id.to_owned();
        let named = format!("{} “{name}”", f.merge);
        move || {
            let open = query.read().get("merge").as_deref() == Some(id.as_str());
            let others = if open { others() } else { Vec::new() };
            if others.is_empty() {
                let href = format!("{}#merge-{id}", w.href(&[("merge", Some(&id))]));
                return Either::Left(
                    (!open).then(|| view! { <p><a href=href aria-label=named.clone()>{f.merge}"…"</a></p> }),
                );
            }
            let select_id = format!("merge-{id}");
            let label = format!("{named} {}", f.merge_into);
            let merged = id.clone();
            let button_label = named.clone();
            let close = w.href(&[("merge", None)]);
            Either::Right(view! {
                <ActionForm action=w.merge attr:class="inline-form merge">
                    {w.project_input()}
                    {w.base_input()}
                    <input type="hidden" name="merged" value=merged />
                    <label for=select_id.clone() class="visually-hidden">{label}</label>
                    <select id=select_id name="kept">
                        {others.into_iter().map(|(other, name)| view! { <option value=other>{name}</option> }).collect_view()}
                    </select>
                    <button type="submit" aria-label=button_label>{f.merge}</button>
                    <a href=close>{f.close}</a>
                </ActionForm>
            })
        }
    })
}

fn context_item(w: Work, x: ContextOfUse) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let d = &x.details;
    let mut facts: Vec<String> = Vec::new();
    if let Some(role) = element_name(w, &d.role) {
        facts.push(format!("{}: {role}", f.who));
    }
    if let Some(unit) = element_name(w, &d.unit) {
        facts.push(format!("{}: {unit}", f.where_));
    }
    if let Some(link) = d
        .hand_over
        .as_ref()
        .and_then(|id| w.state.read_untracked().map.links.get(id).cloned())
    {
        let s = w.state.read_untracked();
        let name = |id: &str| s.map.elements.get(id).map(|e| e.name.clone()).unwrap_or_default();
        let moment = d
            .moment
            .map(|m| format!("{} ", (f.moments)(m)))
            .unwrap_or_default();
        facts.push(format!(
            "{}: {moment}{} → {}",
            f.hand_over,
            name(&link.from),
            name(&link.to)
        ));
    }
    facts.push(format!("{}: {}", f.proposed_by, w.name_of(&x.proposed_by)));
    view! {
        <li>
            <strong dir="auto">{x.name().to_owned()}</strong>
            {(!d.doing.is_empty()).then(|| view! { <p dir="auto">{d.doing.clone()}</p> })}
            <p class="hint" dir="auto">{facts.join(" · ")}</p>
            <p>
                <a href=w.href(&[("rate", Some(&x.id)), ("cell", None), ("view", None)])>{f.rate}</a>
                " · "
                <a href=w.href(&[("view", Some(&x.id)), ("cell", None), ("rate", None)])>{f.view_as}</a>
            </p>
            {retire_button(w, x.id.clone(), x.name().to_owned(), false)}
            {merge_form(w, &x.id, x.name(), {
                let id = x.id.clone();
                move || {
                    let s = w.state.read_untracked();
                    s.fields.active_contexts().filter(|o| o.id != id).map(|o| (o.id.clone(), o.name().to_owned())).collect()
                }
            })}
        </li>
    }
}

fn retired_item(w: Work, id: String, name: String) -> impl IntoView {
    view! {
        <li>
            <span dir="auto">{name.clone()}</span>
            " "
            {retire_button(w, id, name, true)}
        </li>
    }
}

fn retire_button(w: Work, id: String, name: String, restore: bool) -> Option<impl IntoView> {
    let f = use_texts().information_fields;
    w.can_curate.then(|| {
        let label = if restore { f.restore } else { f.retire };
        view! {
            <ActionForm action=w.retire attr:class="inline-form">
                {w.project_input()}
                {w.base_input()}
                <input type="hidden" name="id" value=id />
                {restore.then(|| view! { <input type="hidden" name="restore" value="true" /> })}
                <button type="submit" aria-label=format!("{label}: {name}")>{label}</button>
            </ActionForm>
        }
    })
}

/// The map's elements of a kind, as (id, name) choices.
fn elements_of(w: Work, kind: ElementKind) -> Vec<(String, String)> {
    w.state
        .read_untracked()
        .map
        .elements
        .values()
        .filter(|e| e.kind == kind)
        .map(|e| (e.id.clone(), e.name.clone()))
        .collect()
}

fn select(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let none = use_texts().information_fields.none;
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="">{none}</option>
                {options.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
        </div>
    }
}

fn propose_field_form(w: Work) -> impl IntoView {
    let f = use_texts().information_fields;
    let form = NodeRef::new();
    let systems = elements_of(w, ElementKind::ItSystem);
    view! {
        <details class="propose" open=move || w.state.read().fields.fields.is_empty()>
            <summary>{f.propose_field}</summary>
            <ActionForm action=w.propose_field node_ref=form attr:class="stacked-form" attr:aria-label=f.propose_field>
                {w.project_input()}
                {submission_token(w.propose_field, form)}
                <div class="field">
                    <label for="field-name">{f.name}</label>
                    <input id="field-name" name="name" type="text" maxlength="120" required />
                </div>
                <div class="field">
                    <label for="field-definition">{f.definition}</label>
                    <textarea id="field-definition" name="definition" maxlength="2000"></textarea>
                </div>
                <div class="field">
                    <label for="field-example">{f.example}</label>
                    <input id="field-example" name="example" type="text" maxlength="200" />
                </div>
                {choice_field("field-type".into(), "data_type", f.data_type, Some((f.none, true)), DataType::ALL.iter().map(|c| (c.as_str(), (f.data_types)(*c), false)))}
                {choice_field("field-group".into(), "group", f.group, Some((f.none, true)), FieldGroup::ALL.iter().map(|c| (c.as_str(), (f.groups)(*c), false)))}
                {choice_field("field-sensitivity".into(), "sensitivity", f.sensitivity, None, Sensitivity::ALL.iter().map(|c| (c.as_str(), (f.sensitivities)(*c), false)))}
                {select("field-source", "source", f.source, systems.clone())}
                {(!systems.is_empty()).then(|| view! {
                    <fieldset class="field">
                        <legend>{f.also_kept_in}</legend>
                        {systems
                            .iter()
                            .enumerate()
                            .map(|(n, (id, name))| {
                                let box_id = format!("also-{id}");
                                let label_for = box_id.clone();
                                view! {
                                    <label for=label_for class="check">
                                        <input id=box_id type="checkbox" name=format!("also_kept_in[{n}]") value=id.clone() />
                                        " "{name.clone()}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                })}
                {select("field-keeper", "keeper", f.keeper, elements_of(w, ElementKind::Role))}
                <div class="field">
                    <label for="field-freshness">{f.freshness}</label>
                    <input id="field-freshness" name="freshness" type="text" maxlength="200" />
                </div>
                <div class="field">
                    <label for="field-reason">{f.reason}</label>
                    <input id="field-reason" name="reason" type="text" maxlength="500" />
                </div>
                <button type="submit">{f.propose_field}</button>
            </ActionForm>
            <ErrorNote error=action_error(w.propose_field) />
        </details>
    }
}

fn propose_context_form(w: Work) -> impl IntoView {
    let f = use_texts().information_fields;
    let form = NodeRef::new();
    let hand_overs: Vec<(String, String)> = {
        let s = w.state.read_untracked();
        let name = |id: &str| s.map.elements.get(id).map(|e| e.name.clone()).unwrap_or_default();
        s.map
            .links
            .values()
            .filter(|l| l.kind == LinkKind::HandOver)
            .map(|l| (l.id.clone(), format!("{} → {}", name(&l.from), name(&l.to))))
            .collect()
    };
    view! {
        <details class="propose" open=move || w.state.read().fields.contexts.is_empty()>
            <summary>{f.propose_context}</summary>
            <ActionForm action=w.propose_context node_ref=form attr:class="stacked-form" attr:aria-label=f.propose_context>
                {w.project_input()}
                {submission_token(w.propose_context, form)}
                <div class="field">
                    <label for="context-name">{f.context_name}</label>
                    <input id="context-name" name="name" type="text" maxlength="120" required />
                </div>
                {select("context-role", "role", f.who, elements_of(w, ElementKind::Role))}
                {select("context-unit", "unit", f.where_, elements_of(w, ElementKind::Unit))}
                {select("context-hand-over", "hand_over", f.hand_over, hand_overs)}
                {choice_field(
                    "context-moment".into(),
                    "moment",
                    f.moment,
                    Some((f.none, true)),
                    Moment::ALL.iter().map(|m| (m.as_str(), (f.moments)(*m), false)),
                )}
                <div class="field">
                    <label for="context-doing">{f.doing}</label>
                    <textarea id="context-doing" name="doing" maxlength="500"></textarea>
                </div>
                <div class="field">
                    <label for="context-reason">{f.reason}</label>
                    <input id="context-reason" name="reason" type="text" maxlength="500" />
                </div>
                <button type="submit">{f.propose_context}</button>
            </ActionForm>
            <ErrorNote error=action_error(w.propose_context) />
        </details>
    }
}
