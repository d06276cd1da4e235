//! The map as lists and tables: every operation reachable with the keyboard
//! and a screen reader, on a phone, and without JavaScript.
//!
//! A row's forms are drawn only while its editor is open (`?edit=<id>`):
//! a map of hundreds of elements would otherwise put thousands of forms on
//! the page, and the browser then spends seconds on them before anyone can
//! do anything. Rows are keyed by id and their text follows the state, so a
//! change someone else makes does not reset a form being typed in; saving
//! over it then gives a clear conflict.

mod editors;
mod rows;
mod selection;

pub use editors::MAP_EDITOR;

use super::api::{
    AddElement, AddLink, CreateMap, EditElement, EditLink, RaisePainPoint, RemoveElement, RemoveLink,
    RemovePainPoint,
};
use super::canvas::MapCanvas;
use super::look_back::LookBack;
use super::map_slices;
use super::model::{ElementKind, MapInfo};
use crate::components::apart::hydrate_apart;
use crate::components::editing::{action_error, submission_token, Editing, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::components::on_demand::on_demand;
use crate::components::when;
use crate::features::ProjectState;
use crate::history::api::{get_trail_state, Undo};
use crate::i18n::{use_texts, Texts};
use crate::projects::api::get_project;
use crate::projects::pages::frame::{
    follow_newcomers, project_error, use_project_id, ProjectHeader, ProjectNav, Section, YourRole,
};
use crate::trail::live::{follow, LiveStatus};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use rows::{add_link_form, ElementRow, LinkRow};
use selection::Selection;
use std::collections::HashMap;

/// The map actions of one project page, shared by every row.
#[derive(Clone, Copy)]
pub(super) struct Actions {
    pub project_id: StoredValue<String>,
    pub state: RwSignal<ProjectState>,
    pub names: StoredValue<HashMap<String, String>>,
    pub can_edit: bool,
    pub add_element: FormAction<AddElement>,
    pub edit_element: FormAction<EditElement>,
    pub remove_element: FormAction<RemoveElement>,
    pub add_link: FormAction<AddLink>,
    pub edit_link: FormAction<EditLink>,
    pub remove_link: FormAction<RemoveLink>,
    pub raise: FormAction<RaisePainPoint>,
    pub remove_pain_point: FormAction<RemovePainPoint>,
}

impl Actions {
    pub fn project_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="project_id" value=self.project_id.get_value() /> }
    }
    /// The version the editor was opened on: what a conflict is judged by.
    pub fn base_input(&self) -> impl IntoView {
        view! { <input type="hidden" name="base_seq" value=self.state.read_untracked().seq.to_string() /> }
    }
}

/// The map page: the project's first page. The state starts as the server
/// sent it (the project's name and the map, as `map_slices` says) and
/// follows the live stream from there.
#[component]
pub fn MapPage() -> impl IntoView {
    let t = use_texts();
    let project_id = use_project_id();
    // Before the resource: hydration decodes its value from the page, not
    // through the fetcher, and needs the slices' decoding turned on.
    let slices = map_slices();
    let initial = crate::trail::page_state::state_resource(
        move || project_id.get(),
        move |id| get_trail_state(id, slices.clone()),
    );
    // Beside the state, not inside the view that shows it: the server may
    // render that view more than once, and each render asked for the
    // project again (15 queries instead of 10 for some fields pages).
    let project = crate::json::resource(move || project_id.get(), get_project);
    crate::fields::pages::flags::provide_system_flags(project_id);
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match initial.await {
                    // Either, not `into_any`: a view turned into `AnyView`
                    // brings its async hydration code along, which nothing
                    // below a `Suspense` runs (README, "Delivery").
                    Ok(state) => Either::Left(view! { <LiveMap initial=state project=project /> }),
                    Err(e) => Either::Right(project_error(t, &e, &project_id.get_untracked())),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LiveMap(
    initial: ProjectState,
    project: crate::json::Resource<Result<crate::projects::ProjectView, crate::error::AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let project_id = initial.project_id.clone();
    let state = RwSignal::new(initial);
    let status = RwSignal::new(LiveStatus::Connecting);
    follow(project_id.clone(), state, status, crate::features::arrive);

    follow_newcomers(project, move || {
        let s = state.read();
        s.map
            .elements
            .values()
            .map(|e| e.added_by.clone())
            .chain(s.map.links.values().map(|l| l.added_by.clone()))
            .chain(s.map.pain_points.values().map(|p| p.raised_by.clone()))
            .collect()
    });
    let name = Signal::derive(move || state.read().project.name.clone());
    let purpose = Signal::derive(move || state.read().project.purpose.clone());
    view! {
        // A plain string, not a closure over the page's state: the server
        // reads the title after the page is rendered, when a state from a
        // render that was thrown away may already be disposed (it panicked
        // under load).
        <Title text=format!("{} – Samspill", name.get_untracked()) />
        <ProjectHeader name=name purpose=purpose status=status />
        <ProjectNav project_id=project_id.clone() current=Section::Map />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let project_id = project_id.clone();
                Suspend::new(async move {
                    match project.await {
                        Ok(p) => {
                            Either::Left(view! {
                                {crate::workshops::pages::bar::bar_for(state, &p)}
                                <YourRole role=p.my_role />
                                <MapSection
                                    project_id=p.id.clone()
                                    state=state
                                    can_edit=p.my_role.can_edit_content()
                                    names=p
                                        .members
                                        .iter()
                                        .map(|m| (m.user_id.clone(), m.display_name.clone()))
                                        .collect()
                                />
                            })
                        }
                        Err(e) => Either::Right(project_error(t, &e, &project_id)),
                    }
                })
            }}
        </Suspense>
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
    let create = FormAction::<CreateMap>::new();
    let undo = FormAction::<Undo>::new();
    let a = Actions {
        project_id: StoredValue::new(project_id),
        state,
        names: StoredValue::new(names),
        can_edit,
        add_element: FormAction::new(),
        edit_element: FormAction::new(),
        remove_element: FormAction::new(),
        add_link: FormAction::new(),
        edit_link: FormAction::new(),
        remove_link: FormAction::new(),
        raise: FormAction::new(),
        remove_pain_point: FormAction::new(),
    };
    let editing = Editing::from_address();
    crate::fields::pages::flags::refresh_system_flags(state);
    let maps = move || state.read().map.maps.values().cloned().collect::<Vec<_>>();
    let no_maps = move || state.read().map.maps.is_empty();
    let new_map_form = NodeRef::new();

    view! {
        <section aria-labelledby="map-title" class="map">
            <h2 id="map-title">{t.map.map_title}</h2>
            <p class="hint">{t.map.map_intro}</p>
            // A new project: say what to do first.
            {when(move || can_edit && no_maps(), move || view! {
                <p class="hint first-step">{t.map.first_step}</p>
            })}
            <For each=maps key=|m| (m.id.clone(), m.name.clone()) let:map>
                <MapLists map=map a=a editing=editing />
            </For>
            // A project may hold several maps: "today" and "proposed", say.
            {hydrate_apart(view! {
                {can_edit
                    .then(|| {
                        view! {
                            <ActionForm action=create node_ref=new_map_form attr:class="inline-form new-map">
                                {a.project_input()}
                                {submission_token(create, new_map_form)}
                                <label for="new-map-name">{t.map.map_name}</label>
                                <input
                                    id="new-map-name"
                                    name="name"
                                    type="text"
                                    required
                                    value=move || if no_maps() { t.map.first_map_name } else { "" }
                                />
                                <button type="submit">{t.map.create_map}</button>
                            </ActionForm>
                        }
                    })}
                {can_edit
                    .then(|| {
                        view! {
                            <ActionForm action=undo attr:class="inline-form undo">
                                {a.project_input()}
                                <button type="submit">{t.map.undo}</button>
                                <span class="hint">{t.map.undo_hint}</span>
                            </ActionForm>
                        }
                    })}
                <ErrorNote error=action_error(create) />
                <ErrorNote error=action_error(undo) />
                <ErrorNote error=action_error(a.add_element) />
                <ErrorNote error=action_error(a.add_link) />
                <ErrorNote error=action_error(a.remove_pain_point) />
                {can_edit.then(|| view! { <p class="visually-hidden" id="pain-examples">{t.map.pain_point_examples}</p> })}
            })}
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
                .map
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
                .map
                .links
                .values()
                .filter(|l| &l.map_id == m)
                .map(|l| l.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let selected = RwSignal::new(None::<String>);
    let view_centre = RwSignal::new(None::<(i32, i32)>);
    #[cfg(feature = "hydrate")]
    {
        let map_id = map.id.clone();
        Effect::new(move |_| fit_drawn(&map_id, a.state, view_centre));
    }
    view! {
        <h3 dir="auto">{map.name.clone()}</h3>
        // Live from the first time someone uses it or the project changes
        // (`components::on_demand`); fitted to its frame until then.
        {on_demand(
            drawing(Canvas {
                map_id: map.id.clone(),
                map_name: map.name.clone(),
                project_id: a.project_id,
                state: a.state,
                can_edit: a.can_edit,
                selected,
                view_centre,
            }),
            move || {
                a.state.track();
                selected.track();
            },
        )}
        // Each in a task of its own (`components::apart`): hydrated in one,
        // the map page blocked a phone for most of a second.
        {hydrate_apart(view! {
            {a.can_edit.then(|| add_element_form(t, a, map_id.get_value(), map.name.clone(), view_centre))}
            <Selection selected=selected a=a editing=editing />
            <Downloads project_id=a.project_id map_id=map.id.clone() />
        })}
        // Not apart: with `?version=` it makes the past map's resource while
        // it is hydrated, and the browser finds a resource's value in the
        // page by the order resources were made in.
        <LookBack map_id=map.id.clone() project_id=a.project_id state=a.state />
        {hydrate_apart(view! {
            <h4>{t.map.elements_title}</h4>
            {when(move || element_ids().is_empty(), move || view! {
                <p class="hint">{t.map.no_elements}</p>
            })}
            <ul class="elements" aria-label=format!("{} – {}", map.name, t.map.elements_title)>
                <For each=element_ids key=|id| id.clone() let:id>
                    <ElementRow id=id a=a editing=editing />
                </For>
            </ul>
        })}
        {hydrate_apart(view! {
            <h4>{t.map.links_title}</h4>
            {when(move || link_ids().is_empty(), move || view! {
                <p class="hint">{t.map.no_links}</p>
            })}
            <ul class="links" aria-label=format!("{} – {}", map.name, t.map.links_title)>
                <For each=link_ids key=|id| id.clone() let:id>
                    <LinkRow id=id a=a editing=editing />
                </For>
            </ul>
            {a.can_edit.then(|| add_link_form(t, a, map_id.get_value()))}
        })}
    }
}

/// What the map's drawing is given, through its chunk.
struct Canvas {
    map_id: String,
    map_name: String,
    project_id: StoredValue<String>,
    state: RwSignal<ProjectState>,
    can_edit: bool,
    selected: RwSignal<Option<String>>,
    view_centre: RwSignal<Option<(i32, i32)>>,
}

/// The drawing: made at once on the server, from its chunk in the browser.
#[cfg(feature = "hydrate")]
fn drawing(
    c: Canvas,
) -> crate::components::on_demand::Code<
    impl std::future::Future<Output = ()>,
    impl std::future::Future<Output = AnyView>,
> {
    crate::components::on_demand::Code {
        load: __preload_canvas_in_chunk(),
        part: canvas_in_chunk(c),
    }
}

#[cfg(not(feature = "hydrate"))]
fn drawing(c: Canvas) -> AnyView {
    canvas_view(c)
}

#[cfg(feature = "hydrate")]
#[leptos::lazy]
fn canvas_in_chunk(c: Canvas) -> AnyView {
    canvas_view(c)
}

fn canvas_view(c: Canvas) -> AnyView {
    view! {
        <MapCanvas
            map_id=c.map_id
            map_name=c.map_name
            project_id=c.project_id
            state=c.state
            can_edit=c.can_edit
            selected=c.selected
            view_centre=c.view_centre
        />
    }
    .into_any()
}

/// The server's drawing fitted to the frame it is shown in, as the drawing
/// fits itself once its code has come: on a phone its names are readable
/// from the start. The middle of that view is where a new element lands.
#[cfg(feature = "hydrate")]
fn fit_drawn(map_id: &str, state: RwSignal<ProjectState>, view_centre: RwSignal<Option<(i32, i32)>>) {
    let selector = format!("svg.canvas[data-map=\"{map_id}\"]");
    let Some(svg) = document().query_selector(&selector).ok().flatten() else {
        return;
    };
    let frame = svg.get_bounding_client_rect();
    let elements: Vec<_> = state.with_untracked(|s| {
        s.map
            .elements
            .values()
            .filter(|e| e.map_id == map_id)
            .cloned()
            .collect()
    });
    let view = super::geometry::initial_view(&elements, Some((frame.width(), frame.height())));
    let _ = svg.set_attribute("viewBox", &view.view_box());
    view_centre.set(Some(view.centre()));
}

fn add_element_form(
    t: &'static Texts,
    a: Actions,
    map_id: String,
    map_name: String,
    view_centre: RwSignal<Option<(i32, i32)>>,
) -> impl IntoView {
    // Only with JavaScript: without it the server uses the middle of the map.
    // Disabled (not sent) until the page knows where the drawing's middle
    // is (`fit_drawn`, then the drawing itself). Drawn either way, with
    // properties the browser sets: this form is hydrated apart, after the
    // middle is set, and hydration must find what the server drew
    // (`components::apart`).
    let near = move |axis: fn((i32, i32)) -> i32| {
        move || view_centre.get().map(|c| axis(c).to_string()).unwrap_or_default()
    };
    let unknown = move || view_centre.get().is_none();
    let add_kind = format!("add-kind-{map_id}");
    let add_name = format!("add-name-{map_id}");
    let form = NodeRef::new();
    view! {
        <ActionForm
            action=a.add_element
            node_ref=form
            attr:class="inline-form add-element"
            // Named for its map: with several maps, each form is its own landmark.
            attr:aria-label=format!("{} – {map_name}", t.map.add_to_map)
        >
            {a.project_input()}
            {submission_token(a.add_element, form)}
            <input type="hidden" name="map_id" value=map_id />
            <input type="hidden" name="near_x" disabled prop:disabled=unknown prop:value=near(|c| c.0) />
            <input type="hidden" name="near_y" disabled prop:disabled=unknown prop:value=near(|c| c.1) />
            <label for=add_kind.clone()>{t.map.element_kind}</label>
            <select id=add_kind name="kind">
                {ElementKind::ALL
                    .into_iter()
                    .map(|k| view! { <option value=k.as_str()>{t.map.element_kind(k)}</option> })
                    .collect_view()}
            </select>
            <label for=add_name.clone()>{t.map.element_name}</label>
            <input id=add_name name="name" type="text" maxlength="120" required />
            <button type="submit">{t.map.add_element}</button>
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
            <a href=svg_url download="samspill-map.svg">{t.map.download_svg}</a>
            " · "
            <a href=format!("{base}/map.json") download="samspill-map.json">{t.map.download_json}</a>
            " · "
            <button type="button" class="link-button" on:click=move |_| super::png::download(&png_from)>
                {t.map.download_png}
            </button>
        </p>
    }
}
