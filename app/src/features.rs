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
