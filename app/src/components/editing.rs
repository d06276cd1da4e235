//! Editing helpers every feature's pages use: which row's editor is open
//! (kept in the address, so it works without JavaScript and the back button
//! closes it), the link that opens it, focus as it opens, the errors of one
//! form, and labelled choices.

use crate::components::form::FormAction;
use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

pub use super::{action_error, ErrorNote};

/// Which row's editor is open: `?edit=<id>`, so it works as a plain link
/// without JavaScript, and with it the back button closes the editor.
#[derive(Clone, Copy)]
pub struct Editing {
    /// The id whose editor is open, if any.
    pub open: Memo<Option<String>>,
    path: Memo<String>,
    query: Memo<leptos_router::params::ParamsMap>,
}

impl Editing {
    /// Reads it from the page's address.
    pub fn from_address() -> Self {
        let query = use_query_map();
        Editing {
            open: Memo::new(move |_| query.read().get("edit")),
            path: use_location().pathname,
            query,
        }
    }

    /// This page with `id`'s editor open (or every editor closed); an old
    /// error message from a form without JavaScript is left behind.
    pub fn href(&self, id: Option<&str>) -> String {
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
    pub fn go(&self, id: Option<&str>) {
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

/// The "Edit"/"Close" link of a row. It is a real link to `?edit=<id>`;
/// with JavaScript the page does not scroll, and when the editor closes
/// the keyboard focus comes back here.
#[component]
pub fn EditToggle(id: String, editing: Editing, is_open: Memo<bool>, title: Signal<String>) -> impl IntoView {
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

/// Puts the keyboard in an editor as it opens, on its first field, when
/// `focus` holds: `<div use:focus_first_field=true …>`. A directive runs
/// as the editor is built; an effect did not put the focus there when the
/// editor's code came later (`components::later`) and it was built after
/// the rest of its page (browser tests, 2026-11-28). The focus waits for
/// the frame the editor is shown in.
pub fn focus_first_field(editor: leptos::tachys::renderer::types::Element, focus: bool) {
    #[cfg(feature = "hydrate")]
    if focus {
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Ok(Some(field)) = editor.query_selector("input:not([type=hidden]), select") {
                if let Some(field) = field.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = field.focus();
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (editor, focus);
}

/// Calls `done` once a change sent from this editor has been saved.
pub fn when_saved<I, O>(action: FormAction<I>, done: Callback<()>)
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
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
pub fn editor_error<I, O>(action: FormAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
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

/// A labelled choice of (value, text, chosen) options; `none` puts an empty
/// choice first, with its text and whether it is chosen.
pub fn choice_field(
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

/// A hidden `token` field: the same form sent twice (a double click, a
/// resend, with or without JavaScript) records one change. The server
/// writes the token into the page; the browser keeps it while hydrating
/// (making one per form there took about 45 ms of the map page's
/// hydration in a profile at 4x CPU; without JavaScript there was none)
/// and writes one into a form it draws itself. A new token is
/// made once a submission was saved, and the form is emptied for the next
/// entry.
pub fn submission_token<I, O>(action: FormAction<I>, form: NodeRef<leptos::html::Form>) -> impl IntoView
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let input = NodeRef::<leptos::html::Input>::new();
    let from = action.version().get_untracked();
    Effect::new(move |_| {
        let saved = action.value().with(|v| matches!(v, Some(Ok(_))));
        let renewed = action.version().get() > from && saved;
        let Some(input) = input.get_untracked() else {
            return;
        };
        if renewed {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
        // A hidden input's value is its attribute, which `reset` keeps.
        if renewed || input.value().is_empty() {
            input.set_value(&new_token());
        }
    });
    #[cfg(feature = "ssr")]
    let written = Some(new_token());
    #[cfg(not(feature = "ssr"))]
    let written = None::<String>;
    view! { <input type="hidden" name="token" value=written node_ref=input /> }
}

fn new_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
