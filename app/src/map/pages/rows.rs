//! The rows of the map's lists, and their editors.

use super::editors::{ElementEditor, LinkEditor};
use super::selection::name_in;
use super::Actions;
use crate::components::editing::{choice_field, submission_token, EditToggle, Editing};
use crate::components::form::ActionForm;
use crate::components::when;
use crate::i18n::{use_texts, Texts};
use crate::map::model::{Channel, ElementKind, Link, LinkKind, Timing};
use leptos::prelude::*;

#[component]
pub(super) fn ElementRow(id: String, a: Actions, editing: Editing) -> impl IntoView {
    let t = use_texts();
    let element = {
        let id = id.clone();
        Memo::new(move |_| a.state.with(|s| s.map.elements.get(&id).cloned()))
    };
    let name =
        Signal::derive(move || element.with(|e| e.as_ref().map(|e| e.name.clone()).unwrap_or_default()));
    let kind = element
        .with_untracked(|e| e.as_ref().map(|e| e.kind))
        .unwrap_or(ElementKind::Unit);
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| editing.open.read().as_deref() == Some(id.as_str()))
    };
    let done = Callback::new(move |()| editing.go(None));
    let editor_id = id.clone();
    view! {
        <li id=format!("item-{id}") class=format!("element kind-{}", kind.as_str())>
            <span class="element-name" dir="auto">{name}</span>
            " "
            <span class="badge">{t.map.element_kind(kind)}</span>
            {move || {
                element
                    .with(|e| e.as_ref().map(|e| e.description.clone()))
                    .filter(|d| !d.is_empty())
                    .map(|d| view! { <p class="description">{d}</p> })
            }}
            <PainPoints target=id.clone() a=a />
            {(kind == ElementKind::ItSystem)
                .then(|| view! { <crate::fields::pages::flags::SystemFlagsNote element_id=id.clone() /> })}
            {a.can_edit.then(|| view! { <EditToggle id=id.clone() editing=editing is_open=is_open title=name /> })}
            {when(move || a.can_edit && is_open.get(), move || view! {
                <ElementEditor id=editor_id.clone() a=a place="row" done=done focus=true />
            })}
        </li>
    }
}

#[component]
pub(super) fn PainPoints(target: String, a: Actions) -> impl IntoView {
    let t = use_texts();
    let points = move || {
        a.state
            .read()
            .map
            .pain_points
            .values()
            .filter(|p| p.target == target)
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        {when({
            let points = points.clone();
            move || !points().is_empty()
        }, move || view! {
            <ul class="pain-points" aria-label=t.map.pain_points>
                <For each=points.clone() key=|p| p.id.clone() let:point>
                    <li class="pain-point">
                        "⚠ " <span class="pain-text" dir="auto">{point.text.clone()}</span> " – "
                        <bdi>{a.names.with_value(|n| n.get(&point.raised_by).cloned().unwrap_or_default())}</bdi>
                        {point.profession.map(|p| format!(" ({})", t.profession(p)))}
                        {a
                            .can_edit
                            .then(|| {
                                view! {
                                    " "
                                    <ActionForm action=a.remove_pain_point attr:class="inline">
                                        {a.project_input()}
                                        {a.base_input()}
                                        <input type="hidden" name="pain_point_id" value=point.id.clone() />
                                        <button type="submit" class="link-button">
                                            {t.map.remove} <span class="visually-hidden">" " {point.text.clone()}</span>
                                        </button>
                                    </ActionForm>
                                }
                            })}
                    </li>
                </For>
            </ul>
        })}
    }
}

pub(super) fn link_details(t: &'static Texts, link: &Link) -> String {
    let mut parts = vec![(t.map.link_kinds)(link.kind).to_owned()];
    if let Some(c) = link.channel {
        parts.push((t.map.channels)(c).to_owned());
    }
    if !link.message_type.is_empty() {
        parts.push(link.message_type.clone());
    }
    if let Some(tm) = link.timing {
        parts.push((t.map.timings)(tm).to_owned());
    }
    parts.join(", ")
}

#[component]
pub(super) fn LinkRow(id: String, a: Actions, editing: Editing) -> impl IntoView {
    let t = use_texts();
    // The link with the names of its ends, which someone may rename.
    let link = {
        let id = id.clone();
        Memo::new(move |_| {
            a.state.with(|s| {
                s.map.links.get(&id).map(|l| {
                    (
                        l.clone(),
                        format!("{} → {}", name_in(s, &l.from), name_in(s, &l.to)),
                    )
                })
            })
        })
    };
    let title = Signal::derive(move || link.with(|l| l.as_ref().map(|l| l.1.clone()).unwrap_or_default()));
    let kind = link
        .with_untracked(|l| l.as_ref().map(|l| l.0.kind))
        .unwrap_or(LinkKind::Other);
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| editing.open.read().as_deref() == Some(id.as_str()))
    };
    let done = Callback::new(move |()| editing.go(None));
    let editor_id = id.clone();
    view! {
        <li id=format!("item-{id}") class=move || format!("link kind-{}", link.with(|l| l.as_ref().map(|l| l.0.kind).unwrap_or(kind)).as_str())>
            <span class="link-ends">{title}</span>
            " "
            <span class="badge">{move || link.with(|l| l.as_ref().map(|l| link_details(t, &l.0)).unwrap_or_default())}</span>
            {move || {
                link.with(|l| l.as_ref().map(|l| l.0.label.clone()))
                    .filter(|label| !label.is_empty())
                    .map(|label| view! { " " <span class="link-label">{label}</span> })
            }}
            <PainPoints target=id.clone() a=a />
            {a.can_edit.then(|| view! { <EditToggle id=id.clone() editing=editing is_open=is_open title=title /> })}
            {when(move || a.can_edit && is_open.get(), move || view! {
                <LinkEditor id=editor_id.clone() a=a done=done />
            })}
        </li>
    }
}

/// Kind, label, channel, message type and timing of a link.
pub(super) fn link_fields(t: &'static Texts, prefix: &str, link: Option<&Link>) -> impl IntoView {
    let id = |f: &str| format!("{prefix}-{f}");
    let kind = link.map(|l| l.kind).unwrap_or(LinkKind::HandOver);
    let channel = link.and_then(|l| l.channel);
    let timing = link.and_then(|l| l.timing);
    view! {
        {choice_field(
            id("kind"),
            "kind",
            t.map.link_kind,
            None,
            LinkKind::ALL.into_iter().map(move |k| (k.as_str(), (t.map.link_kinds)(k), k == kind)),
        )}
        {choice_field(
            id("channel"),
            "channel",
            t.map.channel,
            Some((t.map.none, channel.is_none())),
            Channel::ALL.into_iter().map(move |c| (c.as_str(), (t.map.channels)(c), Some(c) == channel)),
        )}
        <div class="field">
            <label for=id("message")>{t.map.message_type}</label>
            <input id=id("message") name="message_type" type="text" maxlength="120" value=link.map(|l| l.message_type.clone()) />
        </div>
        {choice_field(
            id("timing"),
            "timing",
            t.map.timing,
            Some((t.map.none, timing.is_none())),
            Timing::ALL.into_iter().map(move |x| (x.as_str(), (t.map.timings)(x), Some(x) == timing)),
        )}
        <div class="field">
            <label for=id("label")>{t.map.link_label}</label>
            <input id=id("label") name="label" type="text" maxlength="120" value=link.map(|l| l.label.clone()) />
        </div>
    }
}

pub(super) fn add_link_form(t: &'static Texts, a: Actions, map_id: String) -> impl IntoView {
    let form = NodeRef::new();
    let prefix = format!("add-link-{map_id}");
    let from_id = format!("{prefix}-from");
    let to_id = format!("{prefix}-to");
    let map = StoredValue::new(map_id.clone());
    let options = move || {
        map.with_value(|m| {
            a.state.with(|s| {
                s.map
                    .elements
                    .values()
                    .filter(|e| &e.map_id == m)
                    .map(|e| view! { <option value=e.id.clone() dir="auto">{e.name.clone()}</option> })
                    .collect_view()
            })
        })
    };
    view! {
        <details class="add-link">
            <summary>{t.map.add_link}</summary>
            <ActionForm action=a.add_link node_ref=form attr:class="link-form">
                {submission_token(a.add_link, form)}
                {a.project_input()}
                <input type="hidden" name="map_id" value=map_id />
                <div class="field">
                    <label for=from_id.clone()>{t.map.link_from}</label>
                    <select id=from_id name="from" required>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for=to_id.clone()>{t.map.link_to}</label>
                    <select id=to_id name="to" required>
                        {options}
                    </select>
                </div>
                {link_fields(t, &prefix, None)}
                <button type="submit">{t.map.add_link}</button>
            </ActionForm>
        </details>
    }
}
