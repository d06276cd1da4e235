//! What is selected on the canvas, under the drawing.

use super::editors::ElementEditor;
use super::rows::{link_details, PainPoints};
use super::Actions;
use crate::components::editing::Editing;
use crate::features::ProjectState;
use crate::i18n::use_texts;
use leptos::either::Either;
use leptos::prelude::*;

/// What is selected on the canvas: its links and pain points, and for
/// those who may edit, rename, pain point and remove right there.
#[component]
pub(super) fn Selection(selected: RwSignal<Option<String>>, a: Actions, editing: Editing) -> impl IntoView {
    // Only a new selection (or its removal) redraws the panel: a move or a
    // change elsewhere must not wipe what someone is typing in it.
    let current = Memo::new(move |_| {
        selected
            .get()
            .filter(|id| a.state.with(|s| s.map.elements.contains_key(id)))
    });
    // Selecting on the drawing what is open in the list moves its editor
    // here: the later choice wins, and there is one editor either way.
    Effect::new(move |before: Option<Option<String>>| {
        let now = selected.get();
        if before.is_some() && now.is_some() && editing.open.get_untracked() == now {
            editing.go(None);
        }
        now
    });
    let t = use_texts();
    let said = Memo::new(move |_| {
        current.get().and_then(|id| {
            a.state.with(|s| {
                s.map
                    .elements
                    .get(&id)
                    .map(|e| format!("{}: {}", t.map.selected_title, e.name))
            })
        })
    });
    view! {
        // Stays on the page, so a screen reader hears each new selection;
        // the panel's forms stay out of it.
        <p class="visually-hidden" aria-live="polite">{said}</p>
        {move || current.get().map(|id| view! { <SelectedElement id=id a=a editing=editing /> })}
    }
}

#[component]
fn SelectedElement(id: String, a: Actions, editing: Editing) -> impl IntoView {
    let t = use_texts();
    let element = {
        let id = id.clone();
        Memo::new(move |_| a.state.with(|s| s.map.elements.get(&id).cloned()))
    };
    let links = {
        let id = id.clone();
        move || {
            a.state.with(|s| {
                s.map
                    .links
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
        <section class="selection" aria-label=t.map.selected_title>
            {move || {
                element
                    .get()
                    .map(|e| {
                        view! {
                            <h4>{t.map.selected_title} ": " <bdi>{e.name.clone()}</bdi> " (" {t.map.element_kind(e.kind)} ")"</h4>
                            {(!e.description.is_empty()).then(|| view! { <p>{e.description.clone()}</p> })}
                        }
                    })
            }}
            <p>{t.map.links_title} ":"</p>
            <ul>
                {move || {
                    let links = links();
                    if links.is_empty() {
                        Either::Left(view! { <li>{t.map.no_links}</li> })
                    } else {
                        Either::Right(links.into_iter().map(|l| view! { <li>{l}</li> }).collect_view())
                    }
                }}
            </ul>
            <PainPoints target=id.clone() a=a />
            // One editor per element: while its row's editor is open in the
            // list, the selection points there instead of showing a second.
            {a.can_edit
                .then(|| {
                    let open_below = {
                        let id = id.clone();
                        Memo::new(move |_| editing.open.read().as_deref() == Some(id.as_str()))
                    };
                    let anchor = format!("#item-{id}");
                    move || {
                        if open_below.get() {
                            Either::Left(view! {
                                <p class="hint">
                                    <a href=anchor.clone()>{t.map.edited_below}</a>
                                </p>
                            })
                        } else {
                            Either::Right(editor())
                        }
                    }
                })}
        </section>
    }
}

pub(super) fn name_in(state: &ProjectState, id: &str) -> String {
    state
        .map
        .elements
        .get(id)
        .map(|e| e.name.clone())
        .unwrap_or_default()
}
