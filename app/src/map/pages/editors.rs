//! The editors of the map's elements and links. Only someone who edits
//! opens one, so their code comes in a chunk of its own when one is first
//! opened (`components::later`); an editor open in the page's address
//! (`?edit=<id>`) has its code loaded before the page hydrates.

use super::rows::link_fields;
use super::selection::name_in;
use super::Actions;
use crate::components::editing::{editor_error, focus_first_field, submission_token, when_saved, ErrorNote};
use crate::components::form::ActionForm;
use crate::components::later::{later, Part};
use crate::i18n::{use_texts, Texts};
use leptos::either::Either;
use leptos::prelude::*;

/// Rename, describe, raise a pain point, remove. `place` keeps the ids of
/// the row's editor and the selection's editor apart.
#[component]
pub(super) fn ElementEditor(
    id: String,
    a: Actions,
    place: &'static str,
    done: Callback<()>,
    /// Take the keyboard focus on opening. Not when the canvas selection
    /// opens it: focus stays on the drawing, where arrow keys move the
    /// element and a tap on a phone should not bring up its keyboard.
    focus: bool,
) -> impl IntoView {
    later(editor_in_chunk(Editor::Element {
        id,
        a,
        place,
        done,
        focus,
    }))
}

/// Change a link's kind and details, raise a pain point, remove.
#[component]
pub(super) fn LinkEditor(id: String, a: Actions, done: Callback<()>) -> impl IntoView {
    later(editor_in_chunk(Editor::Link { id, a, done }))
}

/// Which editor to draw. Both come in one chunk: each split point costs
/// every page a little (the code shared across split points comes in more,
/// smaller chunks, and the chunks' loader grows; README, "Delivery").
enum Editor {
    Element {
        id: String,
        a: Actions,
        place: &'static str,
        done: Callback<()>,
        focus: bool,
    },
    Link {
        id: String,
        a: Actions,
        done: Callback<()>,
    },
}

pub const MAP_EDITOR: Part = Part {
    name: "map-editor",
    #[cfg(feature = "hydrate")]
    load: || Box::pin(__preload_editor_in_chunk()),
};

#[leptos::lazy]
fn editor_in_chunk(editor: Editor) -> AnyView {
    match editor {
        Editor::Element {
            id,
            a,
            place,
            done,
            focus,
        } => element_editor(id, a, place, done, focus).into_any(),
        Editor::Link { id, a, done } => link_editor(id, a, done).into_any(),
    }
}

fn element_editor(
    id: String,
    a: Actions,
    place: &'static str,
    done: Callback<()>,
    focus: bool,
) -> impl IntoView {
    let t = use_texts();
    let (name, description) = a.state.with_untracked(|s| {
        s.map
            .elements
            .get(&id)
            .map(|e| (e.name.clone(), e.description.clone()))
            .unwrap_or_default()
    });
    when_saved(a.edit_element, done);
    when_saved(a.remove_element, done);
    when_saved(a.raise, done);
    let field = |f: &str| format!("{place}-{f}-{id}");
    let (name_field, desc_field, pain_field) = (field("name"), field("desc"), field("pain"));
    let label = format!("{} {name}", t.edit);
    let (id_edit, id_raise, id_remove) = (id.clone(), id.clone(), id);
    let name_remove = name.clone();
    view! {
        <div use:focus_first_field=focus class="editor" role="group" aria-label=label data-later=MAP_EDITOR.name>
            <ActionForm action=a.edit_element attr:class="inline-form">
                {a.project_input()}
                {a.base_input()}
                <input type="hidden" name="element_id" value=id_edit />
                <label for=name_field.clone()>{t.map.element_name}</label>
                <input
                    id=name_field
                    name="name"
                    type="text"
                    maxlength="120"
                    required
                    value=name
                />
                <label for=desc_field.clone()>{t.map.description}</label>
                <input id=desc_field name="description" type="text" maxlength="2000" value=description />
                <button type="submit">{t.save}</button>
            </ActionForm>
            {raise_form(t, a, id_raise, pain_field)}
            <ActionForm action=a.remove_element attr:class="inline">
                {remove_fields(t, a, "element_id", id_remove, name_remove)}
            </ActionForm>
            <ErrorNote error=editor_error(a.edit_element) />
            <ErrorNote error=editor_error(a.raise) />
            <ErrorNote error=editor_error(a.remove_element) />
        </div>
    }
}

/// What removing an element or a link sends; `item` names the field of
/// its id, and `name` tells a screen reader which one the button removes.
fn remove_fields(
    t: &'static Texts,
    a: Actions,
    item: &'static str,
    id: String,
    name: String,
) -> impl IntoView {
    view! {
        {a.project_input()}
        {a.base_input()}
        <input type="hidden" name=item value=id />
        <button type="submit" class="link-button">
            {t.map.remove} <span class="visually-hidden">" " {name}</span>
        </button>
    }
}

pub(super) fn raise_form(t: &'static Texts, a: Actions, target: String, input: String) -> impl IntoView {
    let form = NodeRef::new();
    view! {
        <ActionForm action=a.raise node_ref=form attr:class="inline-form">
            {a.project_input()}
            {submission_token(a.raise, form)}
            <input type="hidden" name="target" value=target />
            <label for=input.clone()>{t.map.pain_point_text}</label>
            <input id=input name="text" type="text" maxlength="500" required aria-describedby="pain-examples" />
            <button type="submit">{t.map.raise_pain_point}</button>
        </ActionForm>
    }
}

fn link_editor(id: String, a: Actions, done: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let Some((link, title)) = a.state.with_untracked(|s| {
        s.map.links.get(&id).map(|l| {
            (
                l.clone(),
                format!("{} → {}", name_in(s, &l.from), name_in(s, &l.to)),
            )
        })
    }) else {
        return Either::Left(());
    };
    when_saved(a.edit_link, done);
    when_saved(a.remove_link, done);
    when_saved(a.raise, done);
    let label = format!("{} {title}", t.edit);
    let fields = link_fields(t, &format!("edit-{id}"), Some(&link));
    let raise = raise_form(t, a, id.clone(), format!("pain-{id}"));
    let id_edit = id.clone();
    Either::Right(view! {
        <div use:focus_first_field=true class="editor" role="group" aria-label=label data-later=MAP_EDITOR.name>
            <ActionForm action=a.edit_link attr:class="link-form">
                {a.project_input()}
                {a.base_input()}
                <input type="hidden" name="link_id" value=id_edit />
                {fields}
                <button type="submit">{t.save}</button>
            </ActionForm>
            {raise}
            <ActionForm action=a.remove_link attr:class="inline">
                {remove_fields(t, a, "link_id", id, title)}
            </ActionForm>
            <ErrorNote error=editor_error(a.edit_link) />
            <ErrorNote error=editor_error(a.raise) />
            <ErrorNote error=editor_error(a.remove_link) />
        </div>
    })
}
