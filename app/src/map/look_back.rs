//! The map as it was at an earlier version, beside what has changed since:
//! added (green), changed (amber) and removed (red, dashed) are marked. The
//! version slider is a GET form, so it works without JavaScript and a view
//! of the past has an address.
//!
//! Most visits never look back, so drawing the map then and comparing it
//! with now comes in a chunk of its own (`PAST_MAP`, `components::later`).

use super::canvas::{edge, link_class, name_text, shape, H, W};
use super::label::drawn_name;
use super::map_slices;
use super::model::Element;
use crate::components::later::{later, Part};
use crate::features::ProjectState;
use crate::history::api::get_state_at;
use crate::i18n::use_texts;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Difference {
    Same,
    Added,
    Changed,
    Removed,
}

impl Difference {
    fn class(self) -> &'static str {
        match self {
            Difference::Same => "same",
            Difference::Added => "added",
            Difference::Changed => "changed",
            Difference::Removed => "removed",
        }
    }
}

/// Every element of the map then or now, placed as it was then (added ones
/// where they are now), with how it differs.
pub fn compare_elements(then: &ProjectState, now: &ProjectState, map_id: &str) -> Vec<(Element, Difference)> {
    let mut out: Vec<(Element, Difference)> = then
        .map
        .elements
        .values()
        .filter(|e| e.map_id == map_id)
        .map(|e| {
            let d = match now.map.elements.get(&e.id) {
                None => Difference::Removed,
                Some(n)
                    if n.name != e.name
                        || n.kind != e.kind
                        || n.description != e.description
                        || (n.x, n.y) != (e.x, e.y) =>
                {
                    Difference::Changed
                }
                Some(_) => Difference::Same,
            };
            (e.clone(), d)
        })
        .collect();
    out.extend(
        now.map
            .elements
            .values()
            .filter(|e| e.map_id == map_id && !then.map.elements.contains_key(&e.id))
            .map(|e| (e.clone(), Difference::Added)),
    );
    out
}

#[component]
pub fn LookBack(
    map_id: String,
    project_id: StoredValue<String>,
    state: RwSignal<ProjectState>,
) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let version = Memo::new(move |_| query.read().get("version").and_then(|v| v.parse::<i64>().ok()));
    let map_id = StoredValue::new(map_id);
    let slider_id = format!("version-{}", map_id.get_value());
    let now_seq = move || state.read().seq;
    let chosen = RwSignal::new(
        version
            .get_untracked()
            .unwrap_or_else(|| state.read_untracked().seq),
    );

    view! {
        <details class="look-back" open=move || version.get().is_some()>
            <summary>{t.map.look_back}</summary>
            <form method="get" class="inline-form">
                <label for=slider_id.clone()>{t.map.version}</label>
                <input
                    id=slider_id
                    type="range"
                    name="version"
                    min="0"
                    max=move || now_seq().to_string()
                    value=move || chosen.get().to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse() {
                            chosen.set(v);
                        }
                    }
                />
                <output>{move || chosen.get()} " / " {now_seq}</output>
                <button type="submit">{t.show}</button>
            </form>
            // The past is fetched only once a version is chosen: most visits
            // never look back, and a page's resource is one more value
            // carried in the page and read back while it hydrates.
            {move || match version.get() {
                Some(seq) => Either::Left(view! { <PastAt seq=seq map_id=map_id project_id=project_id state=state /> }),
                None => Either::Right(view! { <p class="hint">{t.map.look_back_hint}</p> }),
            }}
        </details>
    }
}

/// The map at version `seq`, once it has come.
#[component]
fn PastAt(
    seq: i64,
    map_id: StoredValue<String>,
    project_id: StoredValue<String>,
    state: RwSignal<ProjectState>,
) -> impl IntoView {
    let t = use_texts();
    let slices = map_slices();
    let past = crate::json::resource(
        || (),
        move |_| {
            let slices = slices.clone();
            get_state_at(project_id.get_value(), seq, slices)
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match past.await {
                    Ok(then) => {
                        let now = state.get_untracked();
                        Either::Left(later(past_map_in_chunk(then, now, map_id.get_value())))
                    }
                    Err(e) => Either::Right(view! { <p class="error" role="alert">{t.error_message(&e)}</p> }),
                }
            })}
        </Suspense>
    }
}

/// The map then, beside now: drawn when a version is chosen, its code
/// fetched then.
pub const PAST_MAP: Part = Part {
    name: "past-map",
    #[cfg(feature = "hydrate")]
    load: || Box::pin(__preload_past_map_in_chunk()),
};

#[leptos::lazy]
fn past_map_in_chunk(then: ProjectState, now: ProjectState, map_id: String) -> AnyView {
    let elements = compare_elements(&then, &now, &map_id);
    view! { <PastMap then=then elements=elements /> }.into_any()
}

#[component]
fn PastMap(then: ProjectState, elements: Vec<(Element, Difference)>) -> impl IntoView {
    let t = use_texts();
    let centre = |id: &str| {
        elements
            .iter()
            .find(|(e, _)| e.id == id)
            .map(|(e, _)| (e.x as f64 + W as f64 / 2.0, e.y as f64 + H as f64 / 2.0))
    };
    let (mut x0, mut y0, mut x1, mut y1) = (0, 0, 600, 320);
    if let Some((first, _)) = elements.first() {
        (x0, y0, x1, y1) = (first.x, first.y, first.x + W, first.y + H);
        for (e, _) in &elements {
            (x0, y0, x1, y1) = (x0.min(e.x), y0.min(e.y), x1.max(e.x + W), y1.max(e.y + H));
        }
    }
    let view_box = format!("{} {} {} {}", x0 - 40, y0 - 40, x1 - x0 + 80, y1 - y0 + 80);
    let links = then
        .map
        .links
        .values()
        .filter_map(|l| {
            let (a, b) = (centre(&l.from)?, centre(&l.to)?);
            let (p, q) = (edge(a, b), edge(b, a));
            Some(view! {
                <g class=format!("link {}", link_class(l.kind))>
                    <line x1=p.0 y1=p.1 x2=q.0 y2=q.1 marker-end="url(#arrow)" />
                </g>
            })
        })
        .collect_view();
    let counts = |d: Difference| elements.iter().filter(|(_, x)| *x == d).count();
    let summary = format!(
        "{}: {} · {}: {} · {}: {}",
        t.map.diff_added,
        counts(Difference::Added),
        t.map.diff_changed,
        counts(Difference::Changed),
        t.map.diff_removed,
        counts(Difference::Removed)
    );
    let items = elements
        .iter()
        .map(|(e, d)| {
            let (class, outline) = shape(e.kind);
            let lines = drawn_name(&e.name);
            let marked = lines.iter().any(|l| l.mark.is_some());
            let label = match d {
                Difference::Same => e.name.clone(),
                Difference::Added => format!("{} ({})", e.name, t.map.diff_added),
                Difference::Changed => format!("{} ({})", e.name, t.map.diff_changed),
                Difference::Removed => format!("{} ({})", e.name, t.map.diff_removed),
            };
            view! {
                <g
                    class=format!("element {class} diff-{}", d.class())
                    transform=format!("translate({} {})", e.x, e.y)
                    role="img"
                    aria-label=label
                >
                    <path d=outline />
                    {name_text(&lines, false)}
                    {marked.then(|| name_text(&lines, true))}
                </g>
            }
        })
        .collect_view();
    view! {
        <p role="status" data-later=PAST_MAP.name>{t.map.version} " " {then.seq} ". " {summary}</p>
        <svg class="canvas past" viewBox=view_box role="group" aria-label=format!("{} {}", t.map.version, then.seq)>
            <g class="links">{links}</g>
            <g class="elements">{items}</g>
        </svg>
    }
}
