//! The map drawn as SVG: drag to move, drag the background to pan, wheel or
//! buttons to zoom, click (or Enter) to select, arrow keys to move a
//! selected element, "Connect" to link two elements. Shapes and colours tell
//! the kinds apart; the legend says which is which. The same map as lists is
//! below it, for everyone who cannot or will not drag.

use super::api::{AddLink, ArrangeMap, MoveElement};
pub use super::geometry::{edge, link_class, shape, H, W};
use super::geometry::{initial_view, View};
use super::label::{
    drawn_name, line_baselines, name_lines, place_labels, text_width, DrawnLine, Rect, Wanted, LABEL_FONT,
    NAME_FONT,
};
use super::model::{moved, Element, ElementKind, Link, LinkKind};
use crate::components::form::{ActionForm, FormAction};
use crate::features::ProjectState;
use crate::i18n::{use_texts, Texts};
use leptos::prelude::*;
use std::collections::HashMap;

/// Where one element is while it is being dragged.
type Override = ArcRwSignal<Option<(i32, i32)>>;

/// Where a drag started, in screen and map coordinates.
#[derive(Clone, Debug, PartialEq)]
enum Drag {
    Element {
        id: String,
        start: (f64, f64),
        from: (i32, i32),
    },
    Pan {
        start: (f64, f64),
        from: View,
    },
}

#[component]
pub fn MapCanvas(
    map_id: String,
    map_name: String,
    project_id: StoredValue<String>,
    state: RwSignal<ProjectState>,
    can_edit: bool,
    selected: RwSignal<Option<String>>,
    /// The middle of what the drawing shows, for the add form: a new
    /// element lands where the person is looking.
    view_centre: RwSignal<Option<(i32, i32)>>,
) -> impl IntoView {
    let t = use_texts();
    let move_action = ServerAction::<MoveElement>::new();
    let link_action = ServerAction::<AddLink>::new();
    let arrange_action = FormAction::<ArrangeMap>::new();
    let map_key = StoredValue::new(map_id.clone());
    let elements = move || {
        map_key.with_value(|m| {
            state
                .read()
                .map
                .elements
                .values()
                .filter(|e| &e.map_id == m)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let view = RwSignal::new(initial_view(&untrack(elements), None));
    // Until someone pans or zooms, the view keeps showing every element as
    // they are added or removed (a new map starts empty); "Show all" goes
    // back to that.
    let own_view = StoredValue::new(false);
    // What the fitted view depends on: how many elements and how far they
    // reach (an element added, removed, dragged out, or the map arranged).
    let extent = Memo::new(move |_| {
        map_key.with_value(|m| {
            state.with(|s| {
                s.map.elements.values().filter(|e| &e.map_id == m).fold(
                    (0usize, i32::MAX, i32::MAX, i32::MIN, i32::MIN),
                    |(n, x0, y0, x1, y1), e| (n + 1, x0.min(e.x), y0.min(e.y), x1.max(e.x), y1.max(e.y)),
                )
            })
        })
    });
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let frame = move || -> Option<(f64, f64)> {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let svg = svg_ref.get_untracked()?;
            let rect = svg.unchecked_ref::<web_sys::Element>().get_bounding_client_rect();
            Some((rect.width(), rect.height()))
        }
        #[cfg(not(feature = "hydrate"))]
        None
    };
    let show_all = move || view.set(initial_view(&untrack(elements), frame()));
    // Once the drawing is on screen its size is known: fit to it.
    Effect::new(move |_| {
        if svg_ref.get().is_some() && !own_view.get_value() {
            show_all();
        }
    });
    Effect::new(move |before: Option<(usize, i32, i32, i32, i32)>| {
        let now = extent.get();
        if before.is_some_and(|b| b != now) && !own_view.get_value() {
            show_all();
        }
        now
    });
    Effect::new(move |_| view_centre.set(Some(view.get().centre())));
    let drag = RwSignal::new(None::<Drag>);
    let focused = RwSignal::new(None::<String>);
    // Where a dragged element is now, before the server has the move: one
    // signal per element, so a pointer move redraws that element and its
    // links, not the whole map.
    let overrides: StoredValue<HashMap<String, Override>> = StoredValue::new(HashMap::new());
    let override_of = move |id: &str| -> ArcRwSignal<Option<(i32, i32)>> {
        if let Some(s) = overrides.with_value(|m| m.get(id).cloned()) {
            return s;
        }
        let s = ArcRwSignal::new(None);
        overrides.update_value(|m| {
            m.insert(id.to_owned(), s.clone());
        });
        s
    };
    // The element being dragged and where it is (read only by handlers).
    let dragged = RwSignal::new(None::<(String, i32, i32)>);
    let connecting = RwSignal::new(None::<String>);

    let position = move |id: &str| -> Option<(i32, i32)> {
        if let Some(p) = override_of(id).get() {
            return Some(p);
        }
        state.with(|s| s.map.elements.get(id).map(|e| (e.x, e.y)))
    };
    let centre =
        move |id: &str| position(id).map(|(x, y)| (x as f64 + W as f64 / 2.0, y as f64 + H as f64 / 2.0));

    // Screen pixels to map units.
    let scale = move || -> f64 {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(svg) = svg_ref.get() {
                let el: &web_sys::Element = svg.unchecked_ref();
                let width = el.get_bounding_client_rect().width();
                if width > 0.0 {
                    return view.get_untracked().w / width;
                }
            }
        }
        1.0
    };
    let send_move = move |id: String, x: i32, y: i32| {
        move_action.dispatch(MoveElement {
            project_id: project_id.get_value(),
            element_id: id,
            x,
            y,
        });
    };
    let pick = move |id: String| {
        if let Some(from) = connecting.get_untracked() {
            if from != id {
                link_action.dispatch(AddLink {
                    project_id: project_id.get_value(),
                    map_id: map_key.get_value(),
                    from,
                    to: id.clone(),
                    kind: LinkKind::HandOver.as_str().to_owned(),
                    label: String::new(),
                    description: String::new(),
                    channel: String::new(),
                    message_type: String::new(),
                    timing: String::new(),
                    // One click is one link: nothing to count twice.
                    token: String::new(),
                });
            }
            connecting.set(None);
        }
        selected.set(Some(id));
    };
    let zoom = move |factor: f64| {
        own_view.set_value(true);
        view.update(|v| {
            let (cx, cy) = (v.x + v.w / 2.0, v.y + v.h / 2.0);
            v.w = (v.w * factor).clamp(200.0, 20_000.0);
            v.h = (v.h * factor).clamp(120.0, 12_000.0);
            v.x = cx - v.w / 2.0;
            v.y = cy - v.h / 2.0;
        })
    };

    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let Some(d) = drag.get_untracked() else { return };
        let s = scale();
        let (cx, cy) = (ev.client_x() as f64, ev.client_y() as f64);
        match d {
            Drag::Element { id, start, from } => {
                let x = moved(from.0, ((cx - start.0) * s).round() as i32);
                let y = moved(from.1, ((cy - start.1) * s).round() as i32);
                override_of(&id).set(Some((x, y)));
                dragged.set(Some((id, x, y)));
            }
            Drag::Pan { start, from } => {
                own_view.set_value(true);
                view.set(View {
                    x: from.x - (cx - start.0) * s,
                    y: from.y - (cy - start.1) * s,
                    ..from
                })
            }
        }
    };
    let on_pointer_up = move |_ev: leptos::ev::PointerEvent| {
        if let Some(Drag::Element { id, from, .. }) = drag.get_untracked() {
            match dragged.get_untracked() {
                Some((d, x, y)) if d == id && (x, y) != from => send_move(id.clone(), x, y),
                _ => {
                    override_of(&id).set(None);
                    dragged.set(None);
                }
            }
            pick(id);
        }
        drag.set(None);
    };
    // The dragged position stays until the moved element arrives back.
    Effect::new(move |_| {
        let Some((id, x, y)) = dragged.get() else { return };
        let arrived = state.with(|s| s.map.elements.get(&id).is_none_or(|e| (e.x, e.y) == (x, y)));
        if arrived && drag.get_untracked().is_none() {
            override_of(&id).set(None);
            dragged.set(None);
        }
    });

    let links = move || {
        map_key.with_value(|m| {
            state
                .read()
                .map
                .links
                .values()
                .filter(|l| &l.map_id == m)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let pain_count =
        move |id: &str| state.with(|s| s.map.pain_points.values().filter(|p| p.target == id).count());

    // Where each link's label goes so that none covers another or an
    // element; placed from the stored positions (while an end is dragged,
    // that link's label rides in the middle of its line).
    let label_places = Memo::new(move |_| {
        map_key.with_value(|m| {
            state.with(|s| {
                let centre_of = |id: &str| {
                    s.map
                        .elements
                        .get(id)
                        .map(|e| (e.x as f64 + W as f64 / 2.0, e.y as f64 + H as f64 / 2.0))
                };
                let boxes: Vec<Rect> = s
                    .map
                    .elements
                    .values()
                    .filter(|e| &e.map_id == m)
                    .map(|e| Rect {
                        x0: e.x as f64,
                        y0: e.y as f64,
                        x1: (e.x + W) as f64,
                        y1: (e.y + H) as f64,
                    })
                    .collect();
                let mut ids = Vec::new();
                let mut texts = Vec::new();
                let mut ends = Vec::new();
                for l in s.map.links.values().filter(|l| &l.map_id == m) {
                    let (Some(a), Some(b)) = (centre_of(&l.from), centre_of(&l.to)) else {
                        continue;
                    };
                    let pains = s.map.pain_points.values().filter(|p| p.target == l.id).count();
                    ids.push(l.id.clone());
                    texts.push(link_text(l, pains));
                    ends.push((edge(a, b), edge(b, a)));
                }
                let wanted: Vec<Wanted> = texts
                    .iter()
                    .zip(&ends)
                    .map(|(text, (from, to))| Wanted {
                        from: *from,
                        to: *to,
                        text,
                    })
                    .collect();
                ids.into_iter()
                    .zip(place_labels(&wanted, &boxes))
                    .collect::<HashMap<String, (f64, f64)>>()
            })
        })
    });
    let link_view = move |l: Link| {
        let (from, to, lid) = (l.from.clone(), l.to.clone(), l.id.clone());
        let ends = Memo::new(move |_| {
            let (a, b) = (centre(&from)?, centre(&to)?);
            Some((edge(a, b), edge(b, a)))
        });
        let (from_d, to_d, lid_pos) = (l.from.clone(), l.to.clone(), l.id.clone());
        let label_pos = Memo::new(move |_| {
            let dragged_end = [&from_d, &to_d].iter().any(|id| override_of(id).get().is_some());
            let placed = (!dragged_end)
                .then(|| label_places.with(|m| m.get(&lid_pos).copied()))
                .flatten();
            let middle = ends
                .get()
                .map(|((x1, y1), (x2, y2))| ((x1 + x2) / 2.0, (y1 + y2) / 2.0));
            placed.or(middle).map(|(x, y)| (x, y + LABEL_FONT * 0.35))
        });
        let drawn = l.clone();
        let text = move || link_text(&drawn, pain_count(&lid));
        view! {
            <g class=format!("link {}", link_class(l.kind))>
                <line
                    x1=move || ends.get().map(|e| e.0 .0).unwrap_or_default()
                    y1=move || ends.get().map(|e| e.0 .1).unwrap_or_default()
                    x2=move || ends.get().map(|e| e.1 .0).unwrap_or_default()
                    y2=move || ends.get().map(|e| e.1 .1).unwrap_or_default()
                    marker-end="url(#arrow)"
                />
                <text
                    class="link-label"
                    x=move || label_pos.get().map(|p| format!("{:.1}", p.0)).unwrap_or_default()
                    y=move || label_pos.get().map(|p| format!("{:.1}", p.1)).unwrap_or_default()
                    text-anchor="middle"
                >
                    {text}
                </text>
            </g>
        }
    };

    let element_view = move |e: Element| {
        let (class, outline) = shape(e.kind);
        let id = e.id.clone();
        let (id_pos, id_sel, id_down, id_key, id_pain, id_label, id_focus) = (
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
            id.clone(),
        );
        let transform = move || {
            let (x, y) = position(&id_pos).unwrap_or_default();
            format!("translate({x} {y})")
        };
        let is_selected = Memo::new(move |_| selected.get().as_deref() == Some(id_sel.as_str()));
        // The name the button is known by is the whole name, its kind and
        // its pain points; what is drawn (a name cut short, a badge) is
        // hidden from assistive technology so the two cannot disagree.
        let (name, kind) = (e.name.clone(), t.map.element_kind(e.kind));
        let label = move || match pain_count(&id_label) {
            0 => format!("{name}, {kind}"),
            n => format!("{name}, {kind}, {}", (t.map.pain_count)(n)),
        };
        let on_down = move |ev: leptos::ev::PointerEvent| {
            ev.stop_propagation();
            let from = position(&id_down).unwrap_or_default();
            if can_edit {
                drag.set(Some(Drag::Element {
                    id: id_down.clone(),
                    start: (ev.client_x() as f64, ev.client_y() as f64),
                    from,
                }));
            } else {
                pick(id_down.clone());
            }
        };
        let on_key = move |ev: leptos::ev::KeyboardEvent| {
            let step = if ev.shift_key() { 50 } else { 10 };
            let delta = match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    pick(id_key.clone());
                    return;
                }
                "ArrowLeft" => (-step, 0),
                "ArrowRight" => (step, 0),
                "ArrowUp" => (0, -step),
                "ArrowDown" => (0, step),
                _ => return,
            };
            if can_edit {
                ev.prevent_default();
                if let Some((x, y)) = position(&id_key) {
                    send_move(id_key.clone(), moved(x, delta.0), moved(y, delta.1));
                }
            }
        };
        let lines = drawn_name(&e.name);
        let marked = lines.iter().any(|l| l.mark.is_some());
        let beside = transform.clone();
        let pains = move || pain_count(&id_pain);
        view! {
            <g
                class=move || format!("element {class}{}", if is_selected.get() { " selected" } else { "" })
                transform=transform
                tabindex="0"
                role="button"
                aria-label=label
                aria-pressed=move || if is_selected.get() { "true" } else { "false" }
                on:pointerdown=on_down
                on:keydown=on_key
                on:focus=move |_| focused.set(Some(id_focus.clone()))
                on:blur=move |_| focused.set(None)
            >
                // The whole name on hover.
                <title>{e.name.clone()}</title>
                <path d=outline />
                {name_text(&lines, false)}
            </g>
            // Beside the button, not in it: a button's visible text must be
            // part of the name it is known by (WCAG 2.5.3, for those who
            // speak to their phone), and neither a number after a name cut
            // short nor a name's marks are. The name holds the pain points
            // in words; taps go through to the element (`pointer-events`).
            <g transform=beside aria-hidden="true">
                {move || {
                    (pains() > 0)
                        .then(|| {
                            view! {
                                <g class="pain-badge" transform=format!("translate({} -8)", W - 8)>
                                    <circle r="11" />
                                    <text y="4" text-anchor="middle">
                                        {pains()}
                                    </text>
                                </g>
                            }
                        })
                }}
                {marked.then(|| name_text(&lines, true))}
            </g>
        }
    };

    // The whole name of the element in focus, when its box shows less.
    let full_name = move || {
        let id = focused.get()?;
        let (name, (x, y)) = state.with(|s| s.map.elements.get(&id).map(|e| (e.name.clone(), (e.x, e.y))))?;
        let (x, y) = position(&id).unwrap_or((x, y));
        (name_lines(&name).join(" ") != name).then(|| {
            let at = (x as f64 + W as f64 / 2.0, y as f64 - 18.0);
            let r = Rect::around(at, text_width(&name, NAME_FONT) + 16.0, 30.0);
            view! {
                <g class="full-name" aria-hidden="true">
                    <rect x=r.x0 y=r.y0 width=r.x1 - r.x0 height=r.y1 - r.y0 rx="4" />
                    <text x=at.0 y=at.1 + 6.0 text-anchor="middle">
                        {name}
                    </text>
                </g>
            }
        })
    };
    let view_box = move || view.get().view_box();
    let aria = format!("{} – {}", map_name, t.map.canvas_label);
    let selected_name = move || {
        let id = selected.get()?;
        state.with(|s| s.map.elements.get(&id).map(|e| e.name.clone()))
    };

    view! {
        <div class="canvas-tools" role="toolbar" aria-label=t.map.canvas_tools>
            <button type="button" on:click=move |_| zoom(0.8)>
                {t.map.zoom_in}
            </button>
            <button type="button" on:click=move |_| zoom(1.25)>
                {t.map.zoom_out}
            </button>
            <button
                type="button"
                on:click=move |_| {
                    own_view.set_value(false);
                    show_all();
                }
            >
                {t.map.zoom_fit}
            </button>
            {can_edit
                .then(|| {
                    view! {
                        <ActionForm action=arrange_action attr:class="arrange">
                            <input type="hidden" name="project_id" value=project_id.get_value() />
                            <input type="hidden" name="map_id" value=map_key.get_value() />
                            // The arranged map is shown whole.
                            <button
                                type="submit"
                                aria-label=format!("{} – {}", t.map.arrange_label, map_name)
                                on:click=move |_| own_view.set_value(false)
                            >
                                {t.map.arrange}
                            </button>
                        </ActionForm>
                    }
                })}
            {can_edit
                .then(|| {
                    view! {
                        <button
                            type="button"
                            disabled=move || selected.get().is_none()
                            aria-pressed=move || if connecting.get().is_some() { "true" } else { "false" }
                            on:click=move |_| connecting.set(selected.get_untracked())
                        >
                            {t.map.connect}
                        </button>
                    }
                })}
            <span class="hint" aria-live="polite">
                {move || match (connecting.get(), selected_name()) {
                    (Some(_), Some(name)) => format!("{} «{name}»", t.map.connect_hint),
                    _ => String::new(),
                }}
            </span>
        </div>
        <svg
            node_ref=svg_ref
            class="canvas"
            // What the page fits to its frame until this code has come.
            data-map=map_key.get_value()
            viewBox=view_box
            role="group"
            aria-label=aria
            on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                // Events are delegated: an element's pointerdown has already
                // started its drag by the time it bubbles here.
                if drag.get_untracked().is_some() {
                    return;
                }
                drag.set(Some(Drag::Pan {
                    start: (ev.client_x() as f64, ev.client_y() as f64),
                    from: view.get_untracked(),
                }));
            }
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_up
            on:pointerleave=move |_| drag.set(None)
            on:wheel=move |ev: leptos::ev::WheelEvent| {
                ev.prevent_default();
                zoom(if ev.delta_y() > 0.0 { 1.1 } else { 0.9 });
            }
        >
            <defs>
                // Sized in map units: a thick hand-over line would otherwise
                // get an arrowhead as long as a short link.
                <marker
                    id="arrow"
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerUnits="userSpaceOnUse"
                    markerWidth="14"
                    markerHeight="14"
                    orient="auto-start-reverse"
                >
                    <path d="M0 0 L10 5 L0 10 z" />
                </marker>
            </defs>
            <g class="links">
                <For each=links key=|l| (l.id.clone(), l.kind, l.label.clone(), l.message_type.clone()) let:link>
                    {link_view(link)}
                </For>
            </g>
            <g class="elements">
                <For each=elements key=|e| (e.id.clone(), e.name.clone(), e.kind) let:element>
                    {element_view(element)}
                </For>
            </g>
            {full_name}
        </svg>
        <Legend t=t />
    }
}

/// A name in its box, on one or two lines ([`drawn_name`]); hidden from
/// assistive technology, which is given the whole name instead. Drawn
/// twice where the name has marks (a hyphen, a word cut short): on the
/// element's button the words show (`marks` false), beside it the marks;
/// the other part holds its place, hidden, so both copies sit alike.
pub fn name_text(lines: &[DrawnLine], marks: bool) -> impl IntoView {
    let baselines = line_baselines(lines.len());
    let (words_class, mark_class) = if marks {
        (Some("held"), None)
    } else {
        (None, Some("held"))
    };
    view! {
        <text class=if marks { "name-marks" } else { "name" } text-anchor="middle" aria-hidden="true">
            {lines
                .iter()
                .zip(baselines)
                .map(|(line, y)| {
                    // Nothing where no space follows: an empty text would be no
                    // node in the page the server sent, for hydration to find.
                    let after = (!line.after.is_empty()).then_some(line.after);
                    let words = line.words.clone().map(|w| view! { <tspan class=words_class>{w}</tspan> });
                    let mark = line.mark.clone().map(|m| view! { <tspan class=mark_class>{m}</tspan> });
                    view! { <tspan x=W / 2 y=format!("{y:.1}")>{words}{mark}</tspan>{after} }
                })
                .collect_view()}
        </text>
    }
}

/// What a link's label says: its label or else its message type, and its
/// pain points.
pub fn link_text(l: &Link, pains: usize) -> String {
    let label = if l.label.is_empty() {
        &l.message_type
    } else {
        &l.label
    };
    match pains {
        0 => label.clone(),
        n if label.is_empty() => format!("⚠{n}"),
        n => format!("{label} ⚠{n}"),
    }
}

#[component]
fn Legend(t: &'static Texts) -> impl IntoView {
    view! {
        <div class="legend" aria-label=t.map.legend role="group">
            <ul>
                {ElementKind::ALL
                    .into_iter()
                    .map(|k| {
                        let (class, outline) = shape(k);
                        view! {
                            <li>
                                <svg viewBox="-4 -4 158 68" width="45" height="20" aria-hidden="true">
                                    <g class=format!("element {class}")>
                                        <path d=outline />
                                    </g>
                                </svg>
                                {t.map.element_kind(k)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ul>
                {LinkKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <li>
                                <svg viewBox="0 0 40 10" width="40" height="10" aria-hidden="true">
                                    <g class=format!("link {}", link_class(k))>
                                        <line x1="0" y1="5" x2="40" y2="5" />
                                    </g>
                                </svg>
                                {(t.map.link_kinds)(k)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
