//! The map as lists and tables: every operation reachable with the keyboard
//! and a screen reader, on a phone, and without JavaScript.
//!
//! A row's forms are drawn only while its editor is open (`?edit=<id>`):
//! a map of hundreds of elements would otherwise put thousands of forms on
//! the page, and the browser then spends seconds on them before anyone can
//! do anything. Rows are keyed by id and their text follows the state, so a
//! change someone else makes does not reset a form being typed in; saving
//! over it then gives a clear conflict.

use super::api::{
    AddElement, AddLink, CreateMap, EditElement, EditLink, RaisePainPoint, RemoveElement, RemoveLink,
    RemovePainPoint, Undo,
};
use super::canvas::MapCanvas;
use super::look_back::LookBack;
use super::model::{Channel, ElementKind, Link, LinkKind, MapInfo, Timing};
use crate::components::{action_error, ErrorNote};
use crate::i18n::{use_texts, Texts};
use crate::trail::ProjectState;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
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
    /// The version the editor was opened on: what a conflict is judged by.
    fn base_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="base_seq" value=self.state.read_untracked().seq.to_string() /> }
    }
}

/// Which row's editor is open: `?edit=<id>`, so it works as a plain link
/// without JavaScript, and with it the back button closes the editor.
#[derive(Clone, Copy)]
struct Editing {
    open: Memo<Option<String>>,
    path: Memo<String>,
    query: Memo<leptos_router::params::ParamsMap>,
}

impl Editing {
    fn new() -> Self {
        let query = use_query_map();
        Editing {
            open: Memo::new(move |_| query.read().get("edit")),
            path: use_location().pathname,
            query,
        }
    }

    /// This page with `id`'s editor open (or every editor closed); an old
    /// error message from a form without JavaScript is left behind.
    fn href(&self, id: Option<&str>) -> String {
        let mut q = self.query.get();
        for k in ["edit", "__path", "__err"] {
            q.remove(k);
        }
        if let Some(id) = id {
            q.insert("edit", id.to_owned());
        }
        format!("{}{}", self.path.get(), q.to_query_string())
    }

    /// With JavaScript: change the address without scrolling the page.
    fn go(&self, id: Option<&str>) {
        let navigate = use_navigate();
        navigate(
            &self.href(id),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
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
    let editing = Editing::new();
    let maps = move || state.read().maps.values().cloned().collect::<Vec<_>>();
    let no_maps = move || state.read().maps.is_empty();

    view! {
        <section aria-labelledby="map-title" class="map">
            <h2 id="map-title">{t.map_title}</h2>
            <p class="hint">{t.map_intro}</p>
            <For each=maps key=|m| (m.id.clone(), m.name.clone()) let:map>
                <MapLists map=map a=a editing=editing />
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
            <ErrorNote error=action_error(a.add_link) />
            <ErrorNote error=action_error(a.remove_pain_point) />
            {can_edit.then(|| view! { <p class="visually-hidden" id="pain-examples">{t.pain_point_examples}</p> })}
        </section>
    }
}

#[component]
fn MapLists(map: MapInfo, a: Actions, editing: Editing) -> impl IntoView {
    let t = use_texts();
    let map_id = StoredValue::new(map.id.clone());
    let element_ids = move || {
        map_id.with_value(|m| {
            a.state
                .read()
                .elements
                .values()
                .filter(|e| &e.map_id == m)
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let link_ids = move || {
        map_id.with_value(|m| {
            a.state
                .read()
                .links
                .values()
                .filter(|l| &l.map_id == m)
                .map(|l| l.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let selected = RwSignal::new(None::<String>);
    view! {
        <h3>{map.name.clone()}</h3>
        <MapCanvas
            map_id=map.id.clone()
            map_name=map.name.clone()
            project_id=a.project_id
            state=a.state
            can_edit=a.can_edit
            selected=selected
        />
        {a.can_edit.then(|| add_element_form(t, a, map_id.get_value()))}
        <Selection selected=selected a=a />
        <Downloads project_id=a.project_id map_id=map.id.clone() />
        <LookBack map_id=map.id.clone() project_id=a.project_id state=a.state />
        <h4>{t.elements_title}</h4>
        <Show when=move || element_ids().is_empty()>
            <p class="hint">{t.no_elements}</p>
        </Show>
        <ul class="elements" aria-label=format!("{} – {}", map.name, t.elements_title)>
            <For each=element_ids key=|id| id.clone() let:id>
                <ElementRow id=id a=a editing=editing />
            </For>
        </ul>
        <h4>{t.links_title}</h4>
        <Show when=move || link_ids().is_empty()>
            <p class="hint">{t.no_links}</p>
        </Show>
        <ul class="links" aria-label=format!("{} – {}", map.name, t.links_title)>
            <For each=link_ids key=|id| id.clone() let:id>
                <LinkRow id=id a=a editing=editing />
            </For>
        </ul>
        {a.can_edit.then(|| add_link_form(t, a, map_id.get_value()))}
    }
}

fn add_element_form(t: &'static Texts, a: Actions, map_id: String) -> impl IntoView {
    let add_kind = format!("add-kind-{map_id}");
    let add_name = format!("add-name-{map_id}");
    view! {
        <ActionForm action=a.add_element attr:class="inline-form add-element" attr:aria-label=t.add_to_map>
            {a.project_input()}
            <input type="hidden" name="map_id" value=map_id />
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

/// What is selected on the canvas: its links and pain points, and for
/// those who may edit, rename, pain point and remove right there.
#[component]
fn Selection(selected: RwSignal<Option<String>>, a: Actions) -> impl IntoView {
    // Only a new selection (or its removal) redraws the panel: a move or a
    // change elsewhere must not wipe what someone is typing in it.
    let current = Memo::new(move |_| {
        selected
            .get()
            .filter(|id| a.state.with(|s| s.elements.contains_key(id)))
    });
    let t = use_texts();
    let said = Memo::new(move |_| {
        current.get().and_then(|id| {
            a.state.with(|s| {
                s.elements
                    .get(&id)
                    .map(|e| format!("{}: {}", t.selected_title, e.name))
            })
        })
    });
    view! {
        // Stays on the page, so a screen reader hears each new selection;
        // the panel's forms stay out of it.
        <p class="visually-hidden" aria-live="polite">{said}</p>
        {move || current.get().map(|id| view! { <SelectedElement id=id a=a /> })}
    }
}

#[component]
fn SelectedElement(id: String, a: Actions) -> impl IntoView {
    let t = use_texts();
    let element = {
        let id = id.clone();
        Memo::new(move |_| a.state.with(|s| s.elements.get(&id).cloned()))
    };
    let links = {
        let id = id.clone();
        move || {
            a.state.with(|s| {
                s.links
                    .values()
                    .filter(|l| l.from == id || l.to == id)
                    .map(|l| {
                        format!(
                            "{} → {} ({})",
                            name_in(s, &l.from),
                            name_in(s, &l.to),
                            link_details(t, l)
                        )
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    // A saved change draws the editor again, with the new values and version.
    let round = RwSignal::new(0u32);
    let editor = {
        let id = id.clone();
        move || {
            round.track();
            let done = Callback::new(move |()| round.update(|r| *r += 1));
            // After a save here the old editor (and focus) is gone: the
            // new one takes focus.
            let focus = round.get_untracked() > 0;
            view! { <ElementEditor id=id.clone() a=a place="selected" done=done focus=focus /> }
        }
    };
    view! {
        <section class="selection" aria-label=t.selected_title>
            {move || {
                element
                    .get()
                    .map(|e| {
                        view! {
                            <h4>{t.selected_title} ": " {e.name.clone()} " (" {t.element_kind(e.kind)} ")"</h4>
                            {(!e.description.is_empty()).then(|| view! { <p>{e.description.clone()}</p> })}
                        }
                    })
            }}
            <p>{t.links_title} ":"</p>
            <ul>
                {move || {
                    let links = links();
                    if links.is_empty() {
                        view! { <li>{t.no_links}</li> }.into_any()
                    } else {
                        links.into_iter().map(|l| view! { <li>{l}</li> }).collect_view().into_any()
                    }
                }}
            </ul>
            <PainPoints target=id.clone() a=a />
            {a.can_edit.then_some(editor)}
        </section>
    }
}

fn name_in(state: &ProjectState, id: &str) -> String {
    state.elements.get(id).map(|e| e.name.clone()).unwrap_or_default()
}

/// The "Edit"/"Close" link of a row. It is a real link to `?edit=<id>`;
/// with JavaScript the page does not scroll, and when the editor closes
/// the keyboard focus comes back here.
#[component]
fn EditToggle(id: String, editing: Editing, is_open: Memo<bool>, title: Signal<String>) -> impl IntoView {
    let t = use_texts();
    let link = NodeRef::<leptos::html::A>::new();
    let id = StoredValue::new(id);
    let target = move || id.with_value(|id| (!is_open.get()).then(|| id.clone()));
    #[cfg(feature = "hydrate")]
    Effect::new(move |was_open: Option<bool>| {
        let open = is_open.get();
        if was_open == Some(true) && !open {
            // Only when focus fell to the page: someone who clicked another
            // row's editor keeps their place there.
            let lost = document()
                .active_element()
                .is_none_or(|el| document().body().is_some_and(|b| el == *b));
            if lost {
                if let Some(el) = link.get_untracked() {
                    let _ = el.focus();
                }
            }
        }
        open
    });
    view! {
        <a
            node_ref=link
            class="edit-toggle"
            href=move || format!("{}#item-{}", editing.href(target().as_deref()), id.get_value())
            aria-expanded=move || is_open.get().to_string()
            on:click=move |ev: leptos::ev::MouseEvent| {
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                    return;
                }
                ev.prevent_default();
                editing.go(target().as_deref());
            }
        >
            {move || if is_open.get() { t.close } else { t.edit }}
            <span class="visually-hidden">" " {title}</span>
        </a>
    }
}

/// Puts the keyboard in an editor as it opens, on its first field.
fn focus_first_field(editor: NodeRef<leptos::html::Div>) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::JsCast;
        let Some(div) = editor.get() else { return };
        if let Ok(Some(field)) = div.query_selector("input:not([type=hidden]), select") {
            if let Some(field) = field.dyn_ref::<web_sys::HtmlElement>() {
                let _ = field.focus();
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = editor;
}

/// Calls `done` once a change sent from this editor has been saved.
fn when_saved<I, O>(action: ServerAction<I>, done: Callback<()>)
where
    I: leptos::server_fn::ServerFn<Output = O, Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    O: Clone + Send + Sync + 'static,
{
    let from = action.version().get_untracked();
    Effect::new(move |_| {
        let saved = action.value().with(|v| matches!(v, Some(Ok(_))));
        if action.version().get() > from && saved {
            done.run(());
        }
    });
}

/// An action's error for one editor: what was sent since it opened (or,
/// without JavaScript, what the address brought back), not an older
/// failure from another row.
fn editor_error<I, O>(action: ServerAction<I>) -> Signal<Option<crate::error::AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    O: Clone + Send + Sync + 'static,
{
    let from = action.version().get_untracked();
    let error = action_error(action);
    Signal::derive(move || {
        let ours = action.version().get() > from || action.value().with(Option::is_none);
        if ours {
            error.get()
        } else {
            None
        }
    })
}

#[component]
fn ElementRow(id: String, a: Actions, editing: Editing) -> impl IntoView {
    let t = use_texts();
    let element = {
        let id = id.clone();
        Memo::new(move |_| a.state.with(|s| s.elements.get(&id).cloned()))
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
            <span class="element-name">{name}</span>
            " "
            <span class="badge">{t.element_kind(kind)}</span>
            {move || {
                element
                    .with(|e| e.as_ref().map(|e| e.description.clone()))
                    .filter(|d| !d.is_empty())
                    .map(|d| view! { <p class="description">{d}</p> })
            }}
            <PainPoints target=id.clone() a=a />
            {a.can_edit.then(|| view! { <EditToggle id=id.clone() editing=editing is_open=is_open title=name /> })}
            <Show when=move || a.can_edit && is_open.get()>
                <ElementEditor id=editor_id.clone() a=a place="row" done=done focus=true />
            </Show>
        </li>
    }
}

/// Rename, describe, raise a pain point, remove. `place` keeps the ids of
/// the row's editor and the selection's editor apart.
#[component]
fn ElementEditor(
    id: String,
    a: Actions,
    place: &'static str,
    done: Callback<()>,
    /// Take the keyboard focus on opening. Not when the canvas selection
    /// opens it: focus stays on the drawing, where arrow keys move the
    /// element and a tap on a phone should not bring up its keyboard.
    focus: bool,
) -> impl IntoView {
    let t = use_texts();
    let (name, description) = a.state.with_untracked(|s| {
        s.elements
            .get(&id)
            .map(|e| (e.name.clone(), e.description.clone()))
            .unwrap_or_default()
    });
    when_saved(a.edit_element, done);
    when_saved(a.remove_element, done);
    when_saved(a.raise, done);
    let editor = NodeRef::<leptos::html::Div>::new();
    if focus {
        focus_first_field(editor);
    }
    let field = |f: &str| format!("{place}-{f}-{id}");
    let (name_field, desc_field, pain_field) = (field("name"), field("desc"), field("pain"));
    let label = format!("{} {name}", t.edit);
    let (id_edit, id_raise, id_remove) = (id.clone(), id.clone(), id);
    let name_remove = name.clone();
    view! {
        <div node_ref=editor class="editor" role="group" aria-label=label>
            <ActionForm action=a.edit_element attr:class="inline-form">
                {a.project_input()}
                {a.base_input()}
                <input type="hidden" name="element_id" value=id_edit />
                <label for=name_field.clone()>{t.element_name}</label>
                <input
                    id=name_field
                    name="name"
                    type="text"
                    maxlength="120"
                    required
                    value=name
                />
                <label for=desc_field.clone()>{t.description}</label>
                <input id=desc_field name="description" type="text" maxlength="2000" value=description />
                <button type="submit">{t.save}</button>
            </ActionForm>
            {raise_form(t, a, id_raise, pain_field)}
            <ActionForm action=a.remove_element attr:class="inline">
                {a.project_input()}
                {a.base_input()}
                <input type="hidden" name="element_id" value=id_remove />
                <button type="submit" class="link-button">
                    {t.remove} <span class="visually-hidden">" " {name_remove}</span>
                </button>
            </ActionForm>
            <ErrorNote error=editor_error(a.edit_element) />
            <ErrorNote error=editor_error(a.raise) />
            <ErrorNote error=editor_error(a.remove_element) />
        </div>
    }
}

fn raise_form(t: &'static Texts, a: Actions, target: String, input: String) -> impl IntoView {
    view! {
        <ActionForm action=a.raise attr:class="inline-form">
            {a.project_input()}
            <input type="hidden" name="target" value=target />
            <label for=input.clone()>{t.pain_point_text}</label>
            <input id=input name="text" type="text" maxlength="500" required aria-describedby="pain-examples" />
            <button type="submit">{t.raise_pain_point}</button>
        </ActionForm>
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
fn LinkRow(id: String, a: Actions, editing: Editing) -> impl IntoView {
    let t = use_texts();
    // The link with the names of its ends, which someone may rename.
    let link = {
        let id = id.clone();
        Memo::new(move |_| {
            a.state.with(|s| {
                s.links.get(&id).map(|l| {
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
            <Show when=move || a.can_edit && is_open.get()>
                <LinkEditor id=editor_id.clone() a=a done=done />
            </Show>
        </li>
    }
}

#[component]
fn LinkEditor(id: String, a: Actions, done: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let Some((link, title)) = a.state.with_untracked(|s| {
        s.links.get(&id).map(|l| {
            (
                l.clone(),
                format!("{} → {}", name_in(s, &l.from), name_in(s, &l.to)),
            )
        })
    }) else {
        return ().into_any();
    };
    when_saved(a.edit_link, done);
    when_saved(a.remove_link, done);
    when_saved(a.raise, done);
    let editor = NodeRef::<leptos::html::Div>::new();
    focus_first_field(editor);
    let label = format!("{} {title}", t.edit);
    let fields = link_fields(t, &format!("edit-{id}"), Some(&link));
    let raise = raise_form(t, a, id.clone(), format!("pain-{id}"));
    let id_edit = id.clone();
    view! {
        <div node_ref=editor class="editor" role="group" aria-label=label>
            <ActionForm action=a.edit_link attr:class="link-form">
                {a.project_input()}
                {a.base_input()}
                <input type="hidden" name="link_id" value=id_edit />
                {fields}
                <button type="submit">{t.save}</button>
            </ActionForm>
            {raise}
            <ActionForm action=a.remove_link attr:class="inline">
                {a.project_input()}
                {a.base_input()}
                <input type="hidden" name="link_id" value=id />
                <button type="submit" class="link-button">
                    {t.remove} <span class="visually-hidden">" " {title}</span>
                </button>
            </ActionForm>
            <ErrorNote error=editor_error(a.edit_link) />
            <ErrorNote error=editor_error(a.raise) />
            <ErrorNote error=editor_error(a.remove_link) />
        </div>
    }
    .into_any()
}

/// Kind, label, channel, message type and timing of a link.
fn link_fields(t: &'static Texts, prefix: &str, link: Option<&Link>) -> impl IntoView {
    let id = |f: &str| format!("{prefix}-{f}");
    let kind = link.map(|l| l.kind).unwrap_or(LinkKind::HandOver);
    let channel = link.and_then(|l| l.channel);
    let timing = link.and_then(|l| l.timing);
    view! {
        {choice_field(
            id("kind"),
            "kind",
            t.link_kind,
            None,
            LinkKind::ALL.into_iter().map(move |k| (k.as_str(), (t.link_kinds)(k), k == kind)),
        )}
        {choice_field(
            id("channel"),
            "channel",
            t.channel,
            Some((t.none, channel.is_none())),
            Channel::ALL.into_iter().map(move |c| (c.as_str(), (t.channels)(c), Some(c) == channel)),
        )}
        <div class="field">
            <label for=id("message")>{t.message_type}</label>
            <input id=id("message") name="message_type" type="text" maxlength="120" value=link.map(|l| l.message_type.clone()) />
        </div>
        {choice_field(
            id("timing"),
            "timing",
            t.timing,
            Some((t.none, timing.is_none())),
            Timing::ALL.into_iter().map(move |x| (x.as_str(), (t.timings)(x), Some(x) == timing)),
        )}
        <div class="field">
            <label for=id("label")>{t.link_label}</label>
            <input id=id("label") name="label" type="text" maxlength="120" value=link.map(|l| l.label.clone()) />
        </div>
    }
}

/// A labelled choice of (value, text, chosen) options; `none` puts an empty
/// choice first, with its text and whether it is chosen.
fn choice_field(
    id: String,
    name: &'static str,
    label: &'static str,
    none: Option<(&'static str, bool)>,
    options: impl Iterator<Item = (&'static str, &'static str, bool)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {none.map(|(text, chosen)| view! { <option value="" selected=chosen>{text}</option> })}
                {options
                    .map(|(value, text, chosen)| view! { <option value=value selected=chosen>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

fn add_link_form(t: &'static Texts, a: Actions, map_id: String) -> impl IntoView {
    let prefix = format!("add-link-{map_id}");
    let from_id = format!("{prefix}-from");
    let to_id = format!("{prefix}-to");
    let map = StoredValue::new(map_id.clone());
    let options = move || {
        map.with_value(|m| {
            a.state.with(|s| {
                s.elements
                    .values()
                    .filter(|e| &e.map_id == m)
                    .map(|e| view! { <option value=e.id.clone()>{e.name.clone()}</option> })
                    .collect_view()
            })
        })
    };
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
                        {options}
                    </select>
                </div>
                {link_fields(t, &prefix, None)}
                <button type="submit">{t.add_link}</button>
            </ActionForm>
        </details>
    }
}
