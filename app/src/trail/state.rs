//! The reducer: folds events into the state of a project. Pure and total:
//! the server, the browser, replay and `state_at` all use this one function,
//! and a bad event is an error, never a panic. The features' slices do the
//! applying; the core keeps the version and what each person can undo.

use super::domain::{Domain, Viewer};
use super::event::{as_tagged, Entry, Event, Seq};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who last changed something, and when: what a conflict is decided by.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stamp {
    pub seq: Seq,
    pub actor_id: String,
    pub at_ms: i64,
}

crate::read_json!(Stamp { seq, actor_id, at_ms });

impl Stamp {
    pub fn of<C>(e: &Event<C>) -> Self {
        Stamp {
            seq: e.seq,
            actor_id: e.actor_id.clone(),
            at_ms: e.at_ms,
        }
    }
}

/// How many of a person's own changes they can take back, newest first.
pub const UNDO_DEPTH: usize = 20;

/// A person's change and what would take it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "C: super::event::Change",
    deserialize = "C: super::event::Change"
))]
pub struct UndoEntry<C> {
    pub seq: Seq,
    #[serde(with = "as_tagged")]
    pub changes: Vec<C>,
}

/// A project's content as of `seq`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "D: Domain", deserialize = "D: Domain"))]
pub struct State<D: Domain> {
    pub project_id: String,
    pub seq: Seq,
    pub at_ms: i64,
    // In the browser each slice is decoded from its own text, by one
    // function whichever reader the state came through (`Named::decoder`).
    pub content: D,
    /// Per person, their latest undoable changes (at most `UNDO_DEPTH`).
    // Only the server reads them (undo is a server function). Decoding the
    // changes inside would put every feature's change decoding into each
    // project page's first download, so the browser skips them.
    #[cfg_attr(feature = "hydrate", serde(deserialize_with = "skipped", default))]
    pub undo: BTreeMap<String, Vec<UndoEntry<D::Change>>>,
    /// The slices this state holds, if not all of them (a page loads the
    /// slices it shows): changes of the others only move the version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<String>,
    /// The role this copy was concealed for (`view_for`); `None` for the
    /// whole state. Copies for one role at one version are the same for
    /// everyone in it, so a page's state can be shared (`page_state`).
    #[serde(skip)]
    pub seen_as: Option<crate::people::Role>,
}

/// The browser reads a state without what each person can undo (see
/// `undo`), and never with the role it was concealed for.
impl<D: Domain> crate::json::Read for State<D> {
    fn read(r: &mut crate::json::Reader) -> crate::json::ReadResult<Self> {
        use crate::json::Read;
        let mut state = State::default();
        let (mut project_id, mut seq, mut at_ms, mut content) = (None, None, None, None);
        r.object(&mut |r, name| {
            match name {
                "project_id" => project_id = Some(Read::read(r)?),
                "seq" => seq = Some(Read::read(r)?),
                "at_ms" => at_ms = Some(Read::read(r)?),
                "content" => content = Some(Read::read(r)?),
                "only" => state.only = Read::read(r)?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        use crate::json::read::field;
        state.project_id = field(project_id, "project_id", r)?;
        state.seq = field(seq, "seq", r)?;
        state.at_ms = field(at_ms, "at_ms", r)?;
        state.content = field(content, "content", r)?;
        Ok(state)
    }
}

#[cfg(feature = "hydrate")]
fn skipped<'de, De: serde::Deserializer<'de>, T: Default>(d: De) -> Result<T, De::Error> {
    serde::de::IgnoredAny::deserialize(d)?;
    Ok(T::default())
}

impl<D: Domain> Default for State<D> {
    fn default() -> Self {
        State {
            project_id: String::new(),
            seq: 0,
            at_ms: 0,
            content: D::default(),
            undo: BTreeMap::new(),
            only: Vec::new(),
            seen_as: None,
        }
    }
}

/// The features' slices are read through the state: `state.map.elements`.
impl<D: Domain> std::ops::Deref for State<D> {
    type Target = D;
    fn deref(&self) -> &D {
        &self.content
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReduceError {
    #[error("event {got} of project {project} does not follow {expected_after}")]
    OutOfOrder {
        project: String,
        expected_after: Seq,
        got: Seq,
    },
    #[error("event {seq} belongs to project {got}, not {expected}")]
    WrongProject { seq: Seq, expected: String, got: String },
    #[error("event {seq}: {what} {id} does not exist")]
    Unknown {
        seq: Seq,
        what: &'static str,
        id: String,
    },
    #[error("event {seq}: {what} {id} exists already")]
    Duplicate {
        seq: Seq,
        what: &'static str,
        id: String,
    },
}

impl ReduceError {
    pub fn unknown(stamp: &Stamp, what: &'static str, id: &str) -> Self {
        ReduceError::Unknown {
            seq: stamp.seq,
            what,
            id: id.to_owned(),
        }
    }

    pub fn duplicate(stamp: &Stamp, what: &'static str, id: &str) -> Self {
        ReduceError::Duplicate {
            seq: stamp.seq,
            what,
            id: id.to_owned(),
        }
    }
}

impl<D: Domain> State<D> {
    pub fn new(project_id: impl Into<String>) -> Self {
        State {
            project_id: project_id.into(),
            ..Default::default()
        }
    }

    fn holds(&self, change: &D::Change) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == D::slice_of(change))
    }

    /// Applies one event. On error the state is unchanged.
    pub fn apply(&mut self, e: &Event<D::Change>) -> Result<(), ReduceError> {
        if e.project_id != self.project_id {
            return Err(ReduceError::WrongProject {
                seq: e.seq,
                expected: self.project_id.clone(),
                got: e.project_id.clone(),
            });
        }
        if e.seq != self.seq + 1 {
            return Err(ReduceError::OutOfOrder {
                project: self.project_id.clone(),
                expected_after: self.seq,
                got: e.seq,
            });
        }
        let stamp = Stamp::of(e);
        match &e.change {
            // Several changes in one event: all or nothing.
            Entry::Undone { changes, .. } => {
                let mut next = self.content.clone();
                for c in changes.iter().filter(|c| self.holds(c)) {
                    next.apply(&stamp, c)?;
                }
                self.content = next;
                if let Some(stack) = self.undo.get_mut(&e.actor_id) {
                    stack.pop();
                }
            }
            Entry::Change(change) if self.holds(change) => {
                let inverse = self.content.inverse(change);
                self.content.apply(&stamp, change)?;
                if let Some(changes) = inverse {
                    let stack = self.undo.entry(e.actor_id.clone()).or_default();
                    stack.push(UndoEntry { seq: e.seq, changes });
                    if stack.len() > UNDO_DEPTH {
                        stack.remove(0);
                    }
                }
            }
            Entry::Change(_) => {}
        }
        self.seq = e.seq;
        self.at_ms = e.at_ms;
        Ok(())
    }

    /// Moves the version past events this state does not receive (the live
    /// stream tells a viewer only that their numbers were used).
    pub fn skip_to(&mut self, seq: Seq) {
        self.seq = self.seq.max(seq);
    }

    /// Folds a whole log, stopping at the first bad event.
    pub fn replay<'a>(
        project_id: &str,
        events: impl IntoIterator<Item = &'a Event<D::Change>>,
    ) -> Result<Self, ReduceError> {
        let mut state = Self::new(project_id);
        for e in events {
            state.apply(e)?;
        }
        Ok(state)
    }

    /// What a page showing `slices` (empty: all) needs, as `viewer` may see
    /// it: the other slices and other people's undo stacks are left out,
    /// which keeps the state sent with the page small as projects grow.
    pub fn view_for(&self, slices: &[&str], viewer: &Viewer) -> Self {
        let mut content = self.content.clone();
        if !slices.is_empty() {
            content.keep_only(slices);
        }
        content.conceal(viewer.role);
        State {
            project_id: self.project_id.clone(),
            seq: self.seq,
            at_ms: self.at_ms,
            content,
            undo: self
                .undo
                .get(&viewer.user_id)
                .map(|stack| BTreeMap::from([(viewer.user_id.clone(), stack.clone())]))
                .unwrap_or_default(),
            only: slices.iter().map(|s| s.to_string()).collect(),
            seen_as: Some(viewer.role),
        }
    }

    /// Whether `actor` has a change they can take back.
    pub fn can_undo(&self, actor: &str) -> bool {
        self.undo.get(actor).is_some_and(|s| !s.is_empty())
    }
}
