//! What the core asks of the project's content: the one trait that the
//! registry (`crate::features`) implements by asking each feature's slice.
//! Like cqrs-es's `Aggregate`, it knows nothing of any domain.

use super::event::{Change, Entry, Event, Seq};
use super::history::Field;
use super::state::{ReduceError, Stamp, State};
use crate::error::AppError;
use crate::people::Role;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Who is looking: what the live stream, the history and a page's first
/// state are filtered for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: String,
    pub role: Role,
}

/// What one viewer may receive of a change.
#[derive(Debug, Clone, PartialEq)]
pub enum Visibility<C> {
    Whole,
    /// This change in its place (say, a rating under a pseudonym).
    Redacted(C),
    /// Nothing: the viewer only learns that its version number was used.
    Nothing,
}

/// The event as `viewer` may receive it, or `None` if they may not.
/// Taking back a change is shown as the change itself would be.
pub fn deliver<D: Domain>(event: &Event<D::Change>, viewer: &Viewer) -> Option<Event<D::Change>> {
    let mut redacted = false;
    let mut changes = Vec::with_capacity(event.change.changes().len());
    for c in event.change.changes() {
        match D::visibility(&event.actor_id, c, viewer) {
            Visibility::Whole => changes.push(c.clone()),
            Visibility::Redacted(r) => {
                redacted = true;
                changes.push(r);
            }
            Visibility::Nothing => return None,
        }
    }
    if !redacted {
        return Some(event.clone());
    }
    let change = match &event.change {
        Entry::Change(_) => Entry::Change(changes.pop().expect("one change")),
        Entry::Undone { of_seq, .. } => Entry::Undone {
            of_seq: *of_seq,
            changes,
        },
    };
    Some(Event {
        change,
        ..event.clone()
    })
}

/// What the deciding needs to know besides the state.
pub struct Context<'a> {
    pub actor_id: &'a str,
    /// The version the person's page showed. `None` for writes that cannot
    /// conflict (a new project's first description, a move).
    pub base_seq: Option<Seq>,
    /// Display name of a user id, for conflict messages.
    pub name_of: &'a dyn Fn(&str) -> String,
    pub new_id: &'a mut dyn FnMut() -> String,
    /// Whether the person may curate (leads and facilitators): what a
    /// feature holds back from others (editing in a locked workshop, say)
    /// it may let them do.
    pub curator: bool,
}

/// What stands guard over an undo: the item a change would restore, when it
/// was last changed and whether it is gone now.
pub struct Guard {
    pub last_change: Option<Stamp>,
    pub item: String,
    pub removed: bool,
}

/// A project's content, made of the features' slices.
pub trait Domain:
    Clone
    + Default
    + PartialEq
    + std::fmt::Debug
    + Serialize
    + DeserializeOwned
    + crate::json::Read
    + Send
    + Sync
    + 'static
{
    type Change: Change;
    /// What a person asks a feature for.
    type Command: Clone + std::fmt::Debug + Send + Sync + 'static;
    /// What an event did, in the history's words.
    type What: Clone + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static;
    /// The version of the state's shape as stored in snapshots. A snapshot
    /// of another shape is ignored and the state rebuilt from the log. The
    /// registry makes it from the slices' own versions.
    fn shape() -> String;

    /// Applies one change; checks everything before it mutates.
    fn apply(&mut self, stamp: &Stamp, change: &Self::Change) -> Result<(), ReduceError>;
    /// The changes that would take `change` back, computed against the
    /// state before it. `None` for what cannot be undone.
    fn inverse(&self, change: &Self::Change) -> Option<Vec<Self::Change>>;
    /// Checks a command against the state and the version the person's page
    /// was based on; the changes it makes.
    fn decide(
        state: &State<Self>,
        ctx: &mut Context,
        command: &Self::Command,
    ) -> Result<Vec<Self::Change>, AppError>;
    /// Whether any feature holds the request back, whatever it asks for
    /// (`command` is `None` for an undo): a locked workshop, say.
    fn admit(state: &State<Self>, ctx: &Context, command: Option<&Self::Command>) -> Result<(), AppError>;
    /// What the project is in the middle of (a running workshop), which
    /// every event made now records.
    fn occasion(&self) -> Option<String>;
    /// Whether taking `change` back could overwrite someone else's work.
    fn guard(&self, change: &Self::Change) -> Option<Guard>;

    /// Describes `change` against the state just before it, and names the
    /// item it changed.
    fn describe(&self, change: &Self::Change) -> (Self::What, String);
    /// An item's fields, for comparing two versions of it; empty if it did
    /// not exist.
    fn fields_of(&self, item_id: &str, kind_label: &dyn Fn(&str) -> String) -> Vec<(Field, String)>;
    /// An item's name (also once removed).
    fn name_of(&self, item_id: &str) -> Option<String>;

    /// The name of the slice a change belongs to.
    fn slice_of(change: &Self::Change) -> &'static str;
    /// Leaves only the named slices (the rest at their defaults).
    fn keep_only(&mut self, slices: &[&str]);
    /// What `viewer` may receive of a change `actor` made.
    fn visibility(actor: &str, change: &Self::Change, viewer: &Viewer) -> Visibility<Self::Change>;
    /// Removes from the state what someone in `role` may not see. It sees
    /// the role only: everyone in a role gets the same copy, which pages
    /// share (`page_state`).
    fn conceal(&mut self, role: Role);
    /// The current-state tables to keep in step with `change`.
    fn table_writes(project_id: &str, change: &Self::Change) -> Vec<super::slice::TableWrite>;
}
