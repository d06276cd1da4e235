//! The fields' flags where the map shows an IT system: which fields it
//! keeps that another system keeps too, and which of the fields it is the
//! source of may go stale. The map page holds no fields (they would make it
//! heavy), so it asks for these, again whenever the project moves on.

use crate::features::ProjectState;
use crate::fields::api::get_system_flags;
use crate::fields::slice::SystemFlags;
use crate::i18n::use_texts;
use crate::trail::Seq;
use leptos::either::Either;
use leptos::prelude::*;
use std::collections::BTreeMap;

type Flags = crate::json::Resource<Result<BTreeMap<String, SystemFlags>, crate::error::AppError>>;

/// The flags of a page's project, for the `SystemFlagsNote`s below it.
#[derive(Clone, Copy)]
struct SystemFlagsOfPage(Flags);

/// Fetches the flags of `project_id` for the map page and provides them.
/// Made beside the page's state and project, before any `Suspense`: the
/// browser finds a resource's value in the page by the order resources were
/// made, and a resource made inside a `Suspense` can come out at another
/// place in the server's order than in the browser's (inside two, the
/// flags were the 6th resource of one render of a page and the 7th of
/// another). Made inside, the flags'
/// value was now and then not where the browser looked: it fetched them
/// while hydrating, and the notes, waiting, met a page that already showed
/// them, which is a trap (2 to 3 of 5 loads of the demo map page with the
/// CPU slowed 4x, 2026-11-28).
pub fn provide_system_flags(project_id: Memo<String>) {
    let flags: Flags = crate::json::resource(move || project_id.get(), get_system_flags);
    provide_context(SystemFlagsOfPage(flags));
}

/// Fetches the flags again whenever `state` moves on (in the browser; the
/// value the page came with is for the version it came with).
pub fn refresh_system_flags(state: RwSignal<ProjectState>) {
    let Some(SystemFlagsOfPage(flags)) = use_context::<SystemFlagsOfPage>() else {
        return;
    };
    let seq = Memo::new(move |_| state.with(|s| s.seq));
    Effect::new(move |before: Option<Seq>| {
        let now = seq.get();
        if before.is_some_and(|before| before != now) {
            flags.refetch();
        }
        now
    });
}

/// The flags of one IT system, with the fields named; nothing if it has
/// none.
#[component]
pub fn SystemFlagsNote(element_id: String) -> impl IntoView {
    let f = use_texts().information_fields;
    let Some(SystemFlagsOfPage(flags)) = use_context::<SystemFlagsOfPage>() else {
        return Either::Left(());
    };
    let id = StoredValue::new(element_id);
    Either::Right(view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let mine = flags.await.ok().and_then(|all| all.get(&id.get_value()).cloned()).unwrap_or_default();
                let line = |mark: &'static str, what: &'static str, names: Vec<String>| {
                    (!names.is_empty()).then(|| view! {
                        <li>
                            <span class="flag">{mark}" "{what}</span>": "
                            <span dir="auto">{names.join(", ")}</span>
                        </li>
                    })
                };
                let any = !mine.kept_twice.is_empty() || !mine.may_go_stale.is_empty();
                any.then(|| view! {
                    <ul class="system-flags" aria-label=f.field_flags>
                        {line("⧉", f.kept_twice, mine.kept_twice)}
                        {line("⏱", f.may_go_stale, mine.may_go_stale)}
                    </ul>
                })
            })}
        </Transition>
    })
}
