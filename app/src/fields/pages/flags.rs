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

type Flags = Resource<Result<BTreeMap<String, SystemFlags>, crate::error::AppError>>;

#[derive(Clone, Copy)]
struct SystemFlagsOfPage(Flags);

/// Fetches the flags for the map page of `project_id`, anew with each
/// version of `state`, for the `SystemFlagsNote`s below it.
pub fn provide_system_flags(project_id: String, state: RwSignal<ProjectState>) {
    let seq = Memo::new(move |_| state.with(|s| s.seq));
    let flags: Flags = Resource::new(
        move || (project_id.clone(), seq.get() as Seq),
        |(id, _)| get_system_flags(id),
    );
    provide_context(SystemFlagsOfPage(flags));
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
