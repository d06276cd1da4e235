//! The registry: every feature's slice of a project, one line each. The
//! trail core (`crate::trail`) knows none of them; this list joins them into
//! the one project state, one enum of changes (stored as each feature's
//! kinds), one of commands and one of history sentences.
//!
//! To add a feature, see "How to add a feature" in the README.

use crate::trail;

crate::registry!(Project, Change, Command, What {
    project: crate::projects::slice::ProjectSlice => Project,
    map: crate::map::slice::MapSlice => Map,
    fields: crate::fields::slice::FieldsSlice => Fields,
    rounds: crate::rounds::slice::RoundsSlice => Rounds,
    decisions: crate::decisions::slice::DecisionsSlice => Decisions,
    workshops: crate::workshops::slice::WorkshopsSlice => Workshops,
    // A small kind that only some roles may see: it shows, in the tests,
    // that the live stream and the history filter per viewer.
    #[cfg(feature = "example-slice")]
    sealed: crate::sealed_notes::SealedNotes => Sealed,
});

/// A project's content as of a version.
pub type ProjectState = trail::State<Project>;
pub type Event = trail::Event<Change>;
pub type Entry = trail::Entry<Change>;
pub type Request = trail::Request<Command>;
pub type History = trail::history::History<What>;
pub type HistoryEntry = trail::history::HistoryEntry<What>;
#[cfg(feature = "ssr")]
pub type ProjectTrail = trail::server::Trail<Project>;
#[cfg(feature = "ssr")]
pub type Append = trail::server::Append<Command>;
#[cfg(feature = "ssr")]
pub type Published = trail::server::Published<Change>;

/// Applies a message of a project's live stream (`trail::live::follow`).
/// Decoding every feature's changes and applying them is a large part of a
/// project page's code that no first view runs, so in the browser it is a
/// chunk of its own, loaded when the first message arrives (README,
/// "Delivery").
pub fn arrive(
    state: leptos::prelude::RwSignal<ProjectState>,
    text: String,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool>>> {
    #[cfg(feature = "hydrate")]
    {
        #[leptos::lazy]
        fn arrive_in_chunk(state: leptos::prelude::RwSignal<ProjectState>, text: String) -> bool {
            trail::live::arrive_now(state, &text)
        }
        Box::pin(arrive_in_chunk(state, text))
    }
    #[cfg(not(feature = "hydrate"))]
    Box::pin(std::future::ready(trail::live::arrive_now(state, &text)))
}

/// The parts of pages whose code comes in a chunk of their own, loaded
/// before hydration when the server drew them (`components::later`).
pub const LATE_PARTS: &[crate::components::later::Part] = &[
    crate::workshops::pages::bar::BAR,
    crate::map::pages::MAP_EDITOR,
    crate::map::look_back::PAST_MAP,
];
