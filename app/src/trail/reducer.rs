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
    pub pain_points: BTreeMap<String, PainPoint>,
    /// Who removed what, so that a later edit of it gets a clear conflict
    /// instead of "not found".
    pub removed: BTreeMap<String, Stamp>,
    pub removed_names: BTreeMap<String, String>,
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
        let unknown = |what: &'static str, id: &str| ReduceError::Unknown {
            seq: e.seq,
            what,
            id: id.to_owned(),
        };
        let duplicate = |what: &'static str, id: &str| ReduceError::Duplicate {
            seq: e.seq,
            what,
            id: id.to_owned(),
        };
        match &e.change {
            Change::ProjectDescribed { name, purpose } => {
                self.name = name.clone();
                self.purpose = purpose.clone();
                self.described = Some(Stamp::of(e));
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
                        added_by: e.actor_id.clone(),
                    },
                );
                self.element_edits.insert(element_id.clone(), Stamp::of(e));
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
                self.element_edits.insert(element_id.clone(), Stamp::of(e));
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
                self.element_edits.remove(element_id);
                self.links
                    .retain(|_, l| l.from != *element_id && l.to != *element_id);
                let (elements, links) = (&self.elements, &self.links);
                self.pain_points
                    .retain(|_, p| elements.contains_key(&p.target) || links.contains_key(&p.target));
                self.removed.insert(element_id.clone(), Stamp::of(e));
            }
            Change::LinkAdded {
                link_id,
                map_id,
                from,
                to,
                link_kind,
                label,
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
                self.links.insert(
                    link_id.clone(),
                    Link {
                        id: link_id.clone(),
                        map_id: map_id.clone(),
                        from: from.clone(),
                        to: to.clone(),
                        kind: *link_kind,
                        label: label.clone(),
                        added_by: e.actor_id.clone(),
                    },
                );
            }
            Change::LinkRemoved { link_id } => {
                let Some(link) = self.links.remove(link_id) else {
                    return Err(unknown("link", link_id));
                };
                self.removed_names.insert(link_id.clone(), link.label);
                self.removed.insert(link_id.clone(), Stamp::of(e));
                self.pain_points.retain(|_, p| p.target != *link_id);
            }
            Change::PainPointRaised {
                pain_point_id,
                target,
                text,
            } => {
                if !self.elements.contains_key(target) && !self.links.contains_key(target) {
                    return Err(unknown("element or link", target));
                }
                if self.pain_points.contains_key(pain_point_id) {
                    return Err(duplicate("pain point", pain_point_id));
                }
                self.pain_points.insert(
                    pain_point_id.clone(),
                    PainPoint {
                        id: pain_point_id.clone(),
                        target: target.clone(),
                        text: text.clone(),
                        raised_by: e.actor_id.clone(),
                    },
                );
            }
            Change::PainPointRemoved { pain_point_id } => {
                let Some(p) = self.pain_points.remove(pain_point_id) else {
                    return Err(unknown("pain point", pain_point_id));
                };
                self.removed_names.insert(pain_point_id.clone(), p.text);
                self.removed.insert(pain_point_id.clone(), Stamp::of(e));
            }
        }
        self.seq = e.seq;
        self.at_ms = e.at_ms;
        Ok(())
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
