//! The map as lists and tables: every operation reachable with the keyboard
//! and a screen reader, on a phone, and without JavaScript. Rows are keyed
//! by what they show, so a change elsewhere does not disturb a form someone
//! is typing in.

use super::api::{
    AddElement, AddLink, CreateMap, EditElement, EditLink, RaisePainPoint, RemoveElement, RemoveLink,
    RemovePainPoint, Undo,
};
use super::canvas::MapCanvas;
use super::look_back::LookBack;
use super::model::{Channel, Element, ElementKind, Link, LinkKind, MapInfo, Timing};
use crate::components::{action_error, ErrorNote};
use crate::i18n::{use_texts, Texts};
use crate::trail::ProjectState;
use leptos::form::ActionForm;
use leptos::prelude::*;
use std::collections::HashMap;

/// The map actions of one project page, shared by every row.
#[derive(Clone, Copy)]
struct Actions {
    project_id: StoredValue<String>,
    state: RwSignal<ProjectState>,
    names: StoredValue<HashMap<String, String>>,
    can_edit: bool,
    add_element: ServerAction<AddElement>,
    edit_element: ServerAction<EditElement>,
    remove_element: ServerAction<RemoveElement>,
    add_link: ServerAction<AddLink>,
    edit_link: ServerAction<EditLink>,
    remove_link: ServerAction<RemoveLink>,
    raise: ServerAction<RaisePainPoint>,
    remove_pain_point: ServerAction<RemovePainPoint>,
}

impl Actions {
    fn project_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="project_id" value=self.project_id.get_value() /> }
    }
    /// The version this row was drawn from: what a conflict is judged by.
    fn base_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="base_seq" value=self.state.read_untracked().seq.to_string() /> }
    }
}

#[component]
pub fn MapSection(
    project_id: String,
    state: RwSignal<ProjectState>,
    can_edit: bool,
    /// Display names of the project's members, by user id.
    names: HashMap<String, String>,
) -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreateMap>::new();
    let undo = ServerAction::<Undo>::new();
    let a = Actions {
        project_id: StoredValue::new(project_id),
        state,
        names: StoredValue::new(names),
        can_edit,
        add_element: ServerAction::new(),
        edit_element: ServerAction::new(),
        remove_element: ServerAction::new(),
        add_link: ServerAction::new(),
        edit_link: ServerAction::new(),
        remove_link: ServerAction::new(),
        raise: ServerAction::new(),
        remove_pain_point: ServerAction::new(),
    };
    let maps = move || state.read().maps.values().cloned().collect::<Vec<_>>();
    let no_maps = move || state.read().maps.is_empty();

    view! {
        <section aria-labelledby="map-title" class="map">
            <h2 id="map-title">{t.map_title}</h2>
            <p class="hint">{t.map_intro}</p>
            <For each=maps key=|m| (m.id.clone(), m.name.clone()) let:map>
                <MapLists map=map a=a />
            </For>
            // A project may hold several maps: "today" and "proposed", say.
            {can_edit
                .then(|| {
                    view! {
                        <ActionForm action=create attr:class="inline-form new-map">
                            {a.project_input()}
                            <label for="new-map-name">{t.map_name}</label>
                            <input
                                id="new-map-name"
                                name="name"
                                type="text"
                                required
                                value=move || if no_maps() { t.first_map_name } else { "" }
                            />
                            <button type="submit">{t.create_map}</button>
                        </ActionForm>
                    }
                })}
            {can_edit
                .then(|| {
                    view! {
                        <ActionForm action=undo attr:class="inline-form undo">
                            {a.project_input()}
                            <button type="submit">{t.undo}</button>
                            <span class="hint">{t.undo_hint}</span>
                        </ActionForm>
                    }
                })}
            <ErrorNote error=action_error(create) />
            <ErrorNote error=action_error(undo) />
            <ErrorNote error=action_error(a.add_element) />
            <ErrorNote error=action_error(a.edit_element) />
            <ErrorNote error=action_error(a.remove_element) />
            <ErrorNote error=action_error(a.add_link) />
            <ErrorNote error=action_error(a.edit_link) />
            <ErrorNote error=action_error(a.remove_link) />
            <ErrorNote error=action_error(a.raise) />
            <ErrorNote error=action_error(a.remove_pain_point) />
        </section>
    }
}

#[component]
fn MapLists(map: MapInfo, a: Actions) -> impl IntoView {
    let t = use_texts();
    let map_id = map.id.clone();
    let elements = {
        let map_id = map_id.clone();
        move || {
            a.state
                .read()
                .elements
                .values()
                .filter(|e| e.map_id == map_id)
                .cloned()
                .collect::<Vec<_>>()
        }
    };
    let links = {
        let map_id = map_id.clone();
        move || {
            a.state
                .read()
                .links
                .values()
                .filter(|l| l.map_id == map_id)
                .cloned()
                .collect::<Vec<_>>()
        }
    };
    let no_elements = elements.clone();
    let no_links = links.clone();
    let add_kind = format!("add-kind-{map_id}");
    let add_name = format!("add-name-{map_id}");
    let link_form = a
        .can_edit
        .then(|| add_link_form(t, a, map_id.clone(), elements.clone()));
    let selected = RwSignal::new(None::<String>);
    view! {
        <h3>{map.name.clone()}</h3>
        <MapCanvas
            map_id=map_id.clone()
            map_name=map.name.clone()
            project_id=a.project_id
            state=a.state
            can_edit=a.can_edit
            selected=selected
        />
        <Selection selected=selected a=a />
        <Downloads project_id=a.project_id map_id=map_id.clone() />
        <LookBack map_id=map_id.clone() project_id=a.project_id state=a.state />
        <h4>{t.elements_title}</h4>
        <Show when=move || no_elements().is_empty()>
            <p class="hint">{t.no_elements}</p>
        </Show>
        <ul class="elements" aria-label=format!("{} – {}", map.name, t.elements_title)>
            <For
                each=elements.clone()
                key=|e| (e.id.clone(), e.name.clone(), e.description.clone(), e.kind)
                let:element
            >
                <ElementRow element=element a=a />
            </For>
        </ul>
        {a
            .can_edit
            .then(|| {
                view! {
                    <ActionForm action=a.add_element attr:class="inline-form add-element">
                        {a.project_input()}
                        <input type="hidden" name="map_id" value=map_id.clone() />
                        <label for=add_kind.clone()>{t.element_kind}</label>
                        <select id=add_kind name="kind">
                            {ElementKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.as_str()>{t.element_kind(k)}</option> })
                                .collect_view()}
                        </select>
                        <label for=add_name.clone()>{t.element_name}</label>
                        <input id=add_name name="name" type="text" maxlength="120" required />
                        <button type="submit">{t.add_element}</button>
                    </ActionForm>
                }
            })}
        <h4>{t.links_title}</h4>
        <Show when=move || no_links().is_empty()>
            <p class="hint">{t.no_links}</p>
        </Show>
        <ul class="links" aria-label=format!("{} – {}", map.name, t.links_title)>
            <For each=links key=|l| format!("{l:?}") let:link>
                <LinkRow link=link a=a />
            </For>
        </ul>
        {link_form}
    }
}

#[component]
fn Downloads(project_id: StoredValue<String>, map_id: String) -> impl IntoView {
    let t = use_texts();
    let base = format!("/export/{}/{map_id}", project_id.get_value());
    let svg_url = format!("{base}/map.svg");
    let png_from = svg_url.clone();
    view! {
        <p class="downloads">
            <a href=svg_url download="samspill-map.svg">{t.download_svg}</a>
            " · "
            <a href=format!("{base}/map.json") download="samspill-map.json">{t.download_json}</a>
            " · "
            <button type="button" class="link-button" on:click=move |_| super::png::download(&png_from)>
                {t.download_png}
            </button>
        </p>
    }
}

/// What is selected on the canvas: its links and pain points.
#[component]
fn Selection(selected: RwSignal<Option<String>>, a: Actions) -> impl IntoView {
    let t = use_texts();
    let element = move || {
        selected
            .get()
            .and_then(|id| a.state.with(|s| s.elements.get(&id).cloned()))
    };
    view! {
        {move || {
            element()
                .map(|e| {
                    let links = a.state.with(|s| {
                        s.links
                            .values()
                            .filter(|l| l.from == e.id || l.to == e.id)
                            .map(|l| format!("{} → {} ({})", name_in(s, &l.from), name_in(s, &l.to), link_details(t, l)))
                            .collect::<Vec<_>>()
                    });
                    view! {
                        <section class="selection" aria-live="polite" aria-label=t.selected_title>
                            <h4>{t.selected_title} ": " {e.name.clone()} " (" {t.element_kind(e.kind)} ")"</h4>
                            {(!e.description.is_empty()).then(|| view! { <p>{e.description.clone()}</p> })}
                            <p>{t.links_title} ":"</p>
                            <ul>
                                {if links.is_empty() {
                                    view! { <li>{t.no_links}</li> }.into_any()
                                } else {
                                    links.into_iter().map(|l| view! { <li>{l}</li> }).collect_view().into_any()
                                }}
                            </ul>
                            <PainPoints target=e.id.clone() a=a />
                        </section>
                    }
                })
        }}
    }
}

fn name_in(state: &ProjectState, id: &str) -> String {
    state.elements.get(id).map(|e| e.name.clone()).unwrap_or_default()
}

#[component]
fn ElementRow(element: Element, a: Actions) -> impl IntoView {
    let t = use_texts();
    let id = element.id.clone();
    let edit_name = format!("edit-name-{id}");
    let edit_desc = format!("edit-desc-{id}");
    let raise = a
        .can_edit
        .then(|| raise_form(t, a, id.clone(), element.name.clone()));
    let (id_edit, id_remove) = (id.clone(), id.clone());
    let (name_summary, name_value, name_remove) =
        (element.name.clone(), element.name.clone(), element.name.clone());
    let description = element.description.clone();
    view! {
        <li class=format!("element kind-{}", element.kind.as_str())>
            <span class="element-name">{element.name.clone()}</span>
            " "
            <span class="badge">{t.element_kind(element.kind)}</span>
            {(!element.description.is_empty()).then(|| view! { <p class="description">{element.description.clone()}</p> })}
            <PainPoints target=id.clone() a=a />
            {a
                .can_edit
                .then(|| {
                    view! {
                        <div class="row-actions">
                            <details>
                                <summary>
                                    {t.edit} <span class="visually-hidden">" " {name_summary}</span>
                                </summary>
                                <ActionForm action=a.edit_element attr:class="inline-form">
                                    {a.project_input()}
                                    {a.base_input()}
                                    <input type="hidden" name="element_id" value=id_edit />
                                    <label for=edit_name.clone()>{t.element_name}</label>
                                    <input id=edit_name name="name" type="text" maxlength="120" required value=name_value />
                                    <label for=edit_desc.clone()>{t.description}</label>
                                    <input id=edit_desc name="description" type="text" maxlength="2000" value=description />
                                    <button type="submit">{t.save}</button>
                                </ActionForm>
                            </details>
                            {raise}
                            <ActionForm action=a.remove_element attr:class="inline">
                                {a.project_input()}
                                {a.base_input()}
                                <input type="hidden" name="element_id" value=id_remove />
                                <button type="submit" class="link-button">
                                    {t.remove} <span class="visually-hidden">" " {name_remove}</span>
                                </button>
                            </ActionForm>
                        </div>
                    }
                })}
        </li>
    }
}

fn raise_form(t: &'static Texts, a: Actions, target: String, name: String) -> impl IntoView {
    let input = format!("pain-{target}");
    view! {
        <details>
            <summary>{t.raise_pain_point} <span class="visually-hidden">" – " {name}</span></summary>
            <ActionForm action=a.raise attr:class="inline-form">
                {a.project_input()}
                <input type="hidden" name="target" value=target />
                <label for=input.clone()>{t.pain_point_text}</label>
                <input id=input name="text" type="text" maxlength="500" required aria-describedby="pain-examples" />
                <button type="submit">{t.raise_pain_point}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PainPoints(target: String, a: Actions) -> impl IntoView {
    let t = use_texts();
    let points = move || {
        a.state
            .read()
            .pain_points
            .values()
            .filter(|p| p.target == target)
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <Show when={
            let points = points.clone();
            move || !points().is_empty()
        }>
            <ul class="pain-points" aria-label=t.pain_points>
                <For each=points.clone() key=|p| p.id.clone() let:point>
                    <li class="pain-point">
                        "⚠ " <span class="pain-text">{point.text.clone()}</span> " – "
                        {a.names.with_value(|n| n.get(&point.raised_by).cloned().unwrap_or_default())}
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
                                            {t.remove} <span class="visually-hidden">" " {point.text.clone()}</span>
                                        </button>
                                    </ActionForm>
                                }
                            })}
                    </li>
                </For>
            </ul>
        </Show>
    }
}

fn link_details(t: &'static Texts, link: &Link) -> String {
    let mut parts = vec![(t.link_kinds)(link.kind).to_owned()];
    if let Some(c) = link.channel {
        parts.push((t.channels)(c).to_owned());
    }
    if !link.message_type.is_empty() {
        parts.push(link.message_type.clone());
    }
    if let Some(tm) = link.timing {
        parts.push((t.timings)(tm).to_owned());
    }
    parts.join(", ")
}

#[component]
fn LinkRow(link: Link, a: Actions) -> impl IntoView {
    let t = use_texts();
    let id = link.id.clone();
    let (from, to) = a
        .state
        .with_untracked(|s| (name_in(s, &link.from), name_in(s, &link.to)));
    let title = format!("{from} → {to}");
    let raise = a.can_edit.then(|| raise_form(t, a, id.clone(), title.clone()));
    let fields = a
        .can_edit
        .then(|| link_fields(t, &format!("edit-{id}"), Some(&link)));
    let (id_edit, id_remove) = (id.clone(), id.clone());
    let (title_summary, title_remove) = (title.clone(), title.clone());
    view! {
        <li class=format!("link kind-{}", link.kind.as_str())>
            <span class="link-ends">{title.clone()}</span>
            " "
            <span class="badge">{link_details(t, &link)}</span>
            {(!link.label.is_empty()).then(|| view! { " " <span class="link-label">{link.label.clone()}</span> })}
            <PainPoints target=id.clone() a=a />
            {a
                .can_edit
                .then(|| {
                    view! {
                        <div class="row-actions">
                            <details>
                                <summary>{t.edit} <span class="visually-hidden">" " {title_summary}</span></summary>
                                <ActionForm action=a.edit_link attr:class="link-form">
                                    {a.project_input()}
                                    {a.base_input()}
                                    <input type="hidden" name="link_id" value=id_edit />
                                    {fields}
                                    <button type="submit">{t.save}</button>
                                </ActionForm>
                            </details>
                            {raise}
                            <ActionForm action=a.remove_link attr:class="inline">
                                {a.project_input()}
                                {a.base_input()}
                                <input type="hidden" name="link_id" value=id_remove />
                                <button type="submit" class="link-button">
                                    {t.remove} <span class="visually-hidden">" " {title_remove}</span>
                                </button>
                            </ActionForm>
                        </div>
                    }
                })}
        </li>
    }
}

/// Kind, label, channel, message type and timing of a link.
fn link_fields(t: &'static Texts, prefix: &str, link: Option<&Link>) -> impl IntoView {
    let id = |f: &str| format!("{prefix}-{f}");
    let kind = link.map(|l| l.kind).unwrap_or(LinkKind::HandOver);
    let channel = link.and_then(|l| l.channel);
    let timing = link.and_then(|l| l.timing);
    view! {
        <div class="field">
            <label for=id("kind")>{t.link_kind}</label>
            <select id=id("kind") name="kind">
                {LinkKind::ALL
                    .into_iter()
                    .map(|k| view! { <option value=k.as_str() selected=k == kind>{(t.link_kinds)(k)}</option> })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=id("channel")>{t.channel}</label>
            <select id=id("channel") name="channel">
                <option value="" selected=channel.is_none()>{t.none}</option>
                {Channel::ALL
                    .into_iter()
                    .map(|c| view! { <option value=c.as_str() selected=Some(c) == channel>{(t.channels)(c)}</option> })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=id("message")>{t.message_type}</label>
            <input id=id("message") name="message_type" type="text" maxlength="120" value=link.map(|l| l.message_type.clone()) />
        </div>
        <div class="field">
            <label for=id("timing")>{t.timing}</label>
            <select id=id("timing") name="timing">
                <option value="" selected=timing.is_none()>{t.none}</option>
                {Timing::ALL
                    .into_iter()
                    .map(|x| view! { <option value=x.as_str() selected=Some(x) == timing>{(t.timings)(x)}</option> })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=id("label")>{t.link_label}</label>
            <input id=id("label") name="label" type="text" maxlength="120" value=link.map(|l| l.label.clone()) />
        </div>
    }
}

fn add_link_form(
    t: &'static Texts,
    a: Actions,
    map_id: String,
    elements: impl Fn() -> Vec<Element> + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let prefix = format!("add-link-{map_id}");
    let from_id = format!("{prefix}-from");
    let to_id = format!("{prefix}-to");
    let options = move || {
        elements()
            .into_iter()
            .map(|e| view! { <option value=e.id.clone()>{e.name.clone()}</option> })
            .collect_view()
    };
    let options2 = options.clone();
    view! {
        <details class="add-link">
            <summary>{t.add_link}</summary>
            <ActionForm action=a.add_link attr:class="link-form">
                {a.project_input()}
                <input type="hidden" name="map_id" value=map_id />
                <div class="field">
                    <label for=from_id.clone()>{t.link_from}</label>
                    <select id=from_id name="from" required>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for=to_id.clone()>{t.link_to}</label>
                    <select id=to_id name="to" required>
                        {options2}
                    </select>
                </div>
                {link_fields(t, &prefix, None)}
                <button type="submit">{t.add_link}</button>
            </ActionForm>
        </details>
        <p class="visually-hidden" id="pain-examples">{t.pain_point_examples}</p>
    }
}
