//! The reducer: folds events into the state of a project. Pure and total:
//! the server, the browser, replay and `state_at` all use this one function,
//! and a bad event is an error, never a panic.

use super::event::{Change, Event, Seq};
use crate::map::model::{Element, Link, MapInfo, PainPoint};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who last changed something, and when: what a conflict is decided by.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stamp {
    pub seq: Seq,
    pub actor_id: String,
    pub at_ms: i64,
}

impl Stamp {
    fn of(e: &Event) -> Self {
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
pub struct UndoEntry {
    pub seq: Seq,
    pub changes: Vec<Change>,
}

fn link_added(l: &Link) -> Change {
    Change::LinkAdded {
        link_id: l.id.clone(),
        map_id: l.map_id.clone(),
        from: l.from.clone(),
        to: l.to.clone(),
        link_kind: l.kind,
        label: l.label.clone(),
        description: l.description.clone(),
        channel: l.channel,
        message_type: l.message_type.clone(),
        timing: l.timing,
    }
}

fn pain_point_raised(p: &PainPoint) -> Change {
    Change::PainPointRaised {
        pain_point_id: p.id.clone(),
        target: p.target.clone(),
        text: p.text.clone(),
        profession: p.profession,
    }
}

/// A project's content as of `seq`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProjectState {
    pub project_id: String,
    pub seq: Seq,
    pub at_ms: i64,
    pub name: String,
    pub purpose: String,
    pub described: Option<Stamp>,
    pub maps: BTreeMap<String, MapInfo>,
    pub elements: BTreeMap<String, Element>,
    /// When an element's name or description last changed (moves do not
    /// count: they never conflict).
    pub element_edits: BTreeMap<String, Stamp>,
    pub links: BTreeMap<String, Link>,
    /// When a link's kind, label or details last changed.
    pub link_edits: BTreeMap<String, Stamp>,
    pub pain_points: BTreeMap<String, PainPoint>,
    /// Who removed what, so that a later edit of it gets a clear conflict
    /// instead of "not found".
    pub removed: BTreeMap<String, Stamp>,
    pub removed_names: BTreeMap<String, String>,
    /// Who first added what was removed: an undo that brings it back keeps
    /// its author.
    pub removed_authors: BTreeMap<String, String>,
    /// Per person, their latest undoable changes (at most `UNDO_DEPTH`).
    pub undo: BTreeMap<String, Vec<UndoEntry>>,
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

impl ProjectState {
    pub fn new(project_id: impl Into<String>) -> Self {
        ProjectState {
            project_id: project_id.into(),
            ..Default::default()
        }
    }

    /// Applies one event. On error the state is unchanged.
    pub fn apply(&mut self, e: &Event) -> Result<(), ReduceError> {
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
            Change::Undone { .. } => {
                let mut next = self.clone();
                next.apply_change(&stamp, &e.change)?;
                if let Some(stack) = next.undo.get_mut(&e.actor_id) {
                    stack.pop();
                }
                *self = next;
            }
            change => {
                let inverse = self.inverse(change);
                self.apply_change(&stamp, change)?;
                if let Some(changes) = inverse {
                    let stack = self.undo.entry(e.actor_id.clone()).or_default();
                    stack.push(UndoEntry { seq: e.seq, changes });
                    if stack.len() > UNDO_DEPTH {
                        stack.remove(0);
                    }
                }
            }
        }
        self.seq = e.seq;
        self.at_ms = e.at_ms;
        Ok(())
    }

    /// One change; checks everything before it mutates, except inside an
    /// `Undone`, which `apply` runs on a copy.
    fn apply_change(&mut self, stamp: &Stamp, change: &Change) -> Result<(), ReduceError> {
        let unknown = |what: &'static str, id: &str| ReduceError::Unknown {
            seq: stamp.seq,
            what,
            id: id.to_owned(),
        };
        let duplicate = |what: &'static str, id: &str| ReduceError::Duplicate {
            seq: stamp.seq,
            what,
            id: id.to_owned(),
        };
        match change {
            Change::ProjectDescribed { name, purpose } => {
                self.name = name.clone();
                self.purpose = purpose.clone();
                self.described = Some(stamp.clone());
            }
            Change::MapCreated { map_id, name } => {
                if self.maps.contains_key(map_id) {
                    return Err(duplicate("map", map_id));
                }
                self.maps.insert(
                    map_id.clone(),
                    MapInfo {
                        id: map_id.clone(),
                        name: name.clone(),
                    },
                );
            }
            Change::ElementAdded {
                element_id,
                map_id,
                element_kind,
                name,
                description,
                x,
                y,
            } => {
                if !self.maps.contains_key(map_id) {
                    return Err(unknown("map", map_id));
                }
                if self.elements.contains_key(element_id) {
                    return Err(duplicate("element", element_id));
                }
                let added_by = self.author_of(element_id, stamp);
                self.elements.insert(
                    element_id.clone(),
                    Element {
                        id: element_id.clone(),
                        map_id: map_id.clone(),
                        kind: *element_kind,
                        name: name.clone(),
                        description: description.clone(),
                        x: *x,
                        y: *y,
                        added_by,
                    },
                );
                self.element_edits.insert(element_id.clone(), stamp.clone());
                self.removed.remove(element_id);
            }
            Change::ElementEdited {
                element_id,
                name,
                description,
            } => {
                let el = self
                    .elements
                    .get_mut(element_id)
                    .ok_or_else(|| unknown("element", element_id))?;
                el.name = name.clone();
                el.description = description.clone();
                self.element_edits.insert(element_id.clone(), stamp.clone());
            }
            Change::ElementMoved { element_id, x, y } => {
                let el = self
                    .elements
                    .get_mut(element_id)
                    .ok_or_else(|| unknown("element", element_id))?;
                el.x = *x;
                el.y = *y;
            }
            Change::ElementRemoved { element_id } => {
                let Some(el) = self.elements.remove(element_id) else {
                    return Err(unknown("element", element_id));
                };
                self.removed_names.insert(element_id.clone(), el.name);
                self.removed_authors.insert(element_id.clone(), el.added_by);
                self.element_edits.remove(element_id);
                let gone_links: Vec<String> = self
                    .links
                    .values()
                    .filter(|l| l.from == *element_id || l.to == *element_id)
                    .map(|l| l.id.clone())
                    .collect();
                for id in &gone_links {
                    if let Some(l) = self.links.remove(id) {
                        self.removed_authors.insert(l.id.clone(), l.added_by);
                        self.link_edits.remove(id);
                    }
                }
                self.drop_pain_points(|target| {
                    target == element_id || gone_links.iter().any(|l| l == target)
                });
                self.removed.insert(element_id.clone(), stamp.clone());
            }
            Change::LinkAdded {
                link_id,
                map_id,
                from,
                to,
                link_kind,
                label,
                description,
                channel,
                message_type,
                timing,
            } => {
                if !self.maps.contains_key(map_id) {
                    return Err(unknown("map", map_id));
                }
                for end in [from, to] {
                    if !self.elements.contains_key(end) {
                        return Err(unknown("element", end));
                    }
                }
                if self.links.contains_key(link_id) {
                    return Err(duplicate("link", link_id));
                }
                let added_by = self.author_of(link_id, stamp);
                self.links.insert(
                    link_id.clone(),
                    Link {
                        id: link_id.clone(),
                        map_id: map_id.clone(),
                        from: from.clone(),
                        to: to.clone(),
                        kind: *link_kind,
                        label: label.clone(),
                        description: description.clone(),
                        channel: *channel,
                        message_type: message_type.clone(),
                        timing: *timing,
                        added_by,
                    },
                );
                self.link_edits.insert(link_id.clone(), stamp.clone());
                self.removed.remove(link_id);
            }
            Change::LinkEdited {
                link_id,
                link_kind,
                label,
                description,
                channel,
                message_type,
                timing,
            } => {
                let link = self
                    .links
                    .get_mut(link_id)
                    .ok_or_else(|| unknown("link", link_id))?;
                link.kind = *link_kind;
                link.label = label.clone();
                link.description = description.clone();
                link.channel = *channel;
                link.message_type = message_type.clone();
                link.timing = *timing;
                self.link_edits.insert(link_id.clone(), stamp.clone());
            }
            Change::LinkRemoved { link_id } => {
                let Some(link) = self.links.remove(link_id) else {
                    return Err(unknown("link", link_id));
                };
                self.removed_names.insert(link_id.clone(), link.label);
                self.removed_authors.insert(link_id.clone(), link.added_by);
                self.removed.insert(link_id.clone(), stamp.clone());
                self.link_edits.remove(link_id);
                self.drop_pain_points(|target| target == link_id);
            }
            Change::PainPointRaised {
                pain_point_id,
                target,
                text,
                profession,
            } => {
                if !self.elements.contains_key(target) && !self.links.contains_key(target) {
                    return Err(unknown("element or link", target));
                }
                if self.pain_points.contains_key(pain_point_id) {
                    return Err(duplicate("pain point", pain_point_id));
                }
                let raised_by = self.author_of(pain_point_id, stamp);
                self.pain_points.insert(
                    pain_point_id.clone(),
                    PainPoint {
                        id: pain_point_id.clone(),
                        target: target.clone(),
                        text: text.clone(),
                        raised_by,
                        profession: *profession,
                    },
                );
                self.removed.remove(pain_point_id);
            }
            Change::PainPointRemoved { pain_point_id } => {
                let Some(p) = self.pain_points.remove(pain_point_id) else {
                    return Err(unknown("pain point", pain_point_id));
                };
                self.removed_names.insert(pain_point_id.clone(), p.text);
                self.removed_authors.insert(pain_point_id.clone(), p.raised_by);
                self.removed.insert(pain_point_id.clone(), stamp.clone());
            }
            Change::Undone { changes, .. } => {
                for c in changes {
                    self.apply_change(stamp, c)?;
                }
            }
        }
        Ok(())
    }

    /// Who added `id`: its first author if an undo brings it back, else
    /// whoever makes this change.
    fn author_of(&mut self, id: &str, stamp: &Stamp) -> String {
        self.removed_authors
            .remove(id)
            .unwrap_or_else(|| stamp.actor_id.clone())
    }

    /// Removes the pain points on the targets `on` accepts, keeping their
    /// authors for an undo.
    fn drop_pain_points(&mut self, on: impl Fn(&String) -> bool) {
        let gone: Vec<String> = self
            .pain_points
            .values()
            .filter(|p| on(&p.target))
            .map(|p| p.id.clone())
            .collect();
        for id in gone {
            if let Some(p) = self.pain_points.remove(&id) {
                self.removed_authors.insert(id, p.raised_by);
            }
        }
    }

    /// The changes that would take `change` back, computed against the
    /// state before it. `None` for what cannot be undone.
    fn inverse(&self, change: &Change) -> Option<Vec<Change>> {
        match change {
            Change::ProjectDescribed { .. } => self.described.as_ref().map(|_| {
                vec![Change::ProjectDescribed {
                    name: self.name.clone(),
                    purpose: self.purpose.clone(),
                }]
            }),
            Change::MapCreated { .. } | Change::Undone { .. } => None,
            Change::ElementAdded { element_id, .. } => Some(vec![Change::ElementRemoved {
                element_id: element_id.clone(),
            }]),
            Change::ElementEdited { element_id, .. } => self.elements.get(element_id).map(|el| {
                vec![Change::ElementEdited {
                    element_id: element_id.clone(),
                    name: el.name.clone(),
                    description: el.description.clone(),
                }]
            }),
            Change::ElementMoved { element_id, .. } => self.elements.get(element_id).map(|el| {
                vec![Change::ElementMoved {
                    element_id: element_id.clone(),
                    x: el.x,
                    y: el.y,
                }]
            }),
            Change::ElementRemoved { element_id } => {
                let el = self.elements.get(element_id)?;
                let mut back = vec![Change::ElementAdded {
                    element_id: el.id.clone(),
                    map_id: el.map_id.clone(),
                    element_kind: el.kind,
                    name: el.name.clone(),
                    description: el.description.clone(),
                    x: el.x,
                    y: el.y,
                }];
                let links: Vec<&Link> = self
                    .links
                    .values()
                    .filter(|l| l.from == *element_id || l.to == *element_id)
                    .collect();
                back.extend(links.iter().map(|l| link_added(l)));
                back.extend(
                    self.pain_points
                        .values()
                        .filter(|p| p.target == *element_id || links.iter().any(|l| l.id == p.target))
                        .map(pain_point_raised),
                );
                Some(back)
            }
            Change::LinkAdded { link_id, .. } => Some(vec![Change::LinkRemoved {
                link_id: link_id.clone(),
            }]),
            Change::LinkEdited { link_id, .. } => self.links.get(link_id).map(|l| match link_added(l) {
                Change::LinkAdded {
                    link_id,
                    link_kind,
                    label,
                    description,
                    channel,
                    message_type,
                    timing,
                    ..
                } => vec![Change::LinkEdited {
                    link_id,
                    link_kind,
                    label,
                    description,
                    channel,
                    message_type,
                    timing,
                }],
                _ => unreachable!("link_added makes a LinkAdded"),
            }),
            Change::LinkRemoved { link_id } => {
                let link = self.links.get(link_id)?;
                let mut back = vec![link_added(link)];
                back.extend(
                    self.pain_points
                        .values()
                        .filter(|p| p.target == *link_id)
                        .map(pain_point_raised),
                );
                Some(back)
            }
            Change::PainPointRaised { pain_point_id, .. } => Some(vec![Change::PainPointRemoved {
                pain_point_id: pain_point_id.clone(),
            }]),
            Change::PainPointRemoved { pain_point_id } => self
                .pain_points
                .get(pain_point_id)
                .map(|p| vec![pain_point_raised(p)]),
        }
    }

    /// Folds a whole log, stopping at the first bad event.
    pub fn replay<'a>(
        project_id: &str,
        events: impl IntoIterator<Item = &'a Event>,
    ) -> Result<ProjectState, ReduceError> {
        let mut state = ProjectState::new(project_id);
        for e in events {
            state.apply(e)?;
        }
        Ok(state)
    }
}
