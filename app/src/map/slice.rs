//! The map's slice of the project state: what it holds, how its events
//! change it, and what takes each change back.

use super::changes::{MapChange, Place, KINDS};
use super::model::{Element, Link, MapInfo, PainPoint};
use crate::features::Project;
use crate::i18n::Lang;
use crate::trail::{Context, Guard, ReduceError, Slice, Stamp, State};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MapSlice {
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
}

crate::read_json!(MapSlice {
    maps,
    elements,
    element_edits,
    links,
    link_edits,
    pain_points,
    removed,
    removed_names,
    removed_authors
});

fn link_added(l: &Link) -> MapChange {
    MapChange::LinkAdded {
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

fn pain_point_raised(p: &PainPoint) -> MapChange {
    MapChange::PainPointRaised {
        pain_point_id: p.id.clone(),
        target: p.target.clone(),
        text: p.text.clone(),
        profession: p.profession,
    }
}

impl Slice<Project> for MapSlice {
    const SHAPE: u32 = 1;
    const KINDS: &'static [&'static str] = KINDS;
    type Change = MapChange;
    type Command = super::commands::MapCommand;
    type What = super::history::MapWhat;

    fn kind(change: &MapChange) -> &'static str {
        change.kind()
    }

    fn say(what: &Self::What, lang: Lang) -> String {
        match lang {
            Lang::Nb => super::texts::what_nb(what),
            Lang::En => super::texts::what_en(what),
        }
    }

    fn kind_label(kind: &str, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Nb => super::texts::event_kinds_nb(kind),
            Lang::En => super::texts::event_kinds_en(kind),
        }
    }

    fn apply(&mut self, stamp: &Stamp, change: &MapChange) -> Result<(), ReduceError> {
        let unknown = |what: &'static str, id: &str| ReduceError::unknown(stamp, what, id);
        let duplicate = |what: &'static str, id: &str| ReduceError::duplicate(stamp, what, id);
        match change {
            MapChange::MapCreated { map_id, name } => {
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
            MapChange::ElementAdded {
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
            MapChange::ElementEdited {
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
            MapChange::ElementMoved { element_id, x, y } => {
                let el = self
                    .elements
                    .get_mut(element_id)
                    .ok_or_else(|| unknown("element", element_id))?;
                el.x = *x;
                el.y = *y;
            }
            MapChange::ElementRemoved { element_id } => {
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
            MapChange::LinkAdded {
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
            MapChange::LinkEdited {
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
            MapChange::LinkRemoved { link_id } => {
                let Some(link) = self.links.remove(link_id) else {
                    return Err(unknown("link", link_id));
                };
                self.removed_names.insert(link_id.clone(), link.label);
                self.removed_authors.insert(link_id.clone(), link.added_by);
                self.removed.insert(link_id.clone(), stamp.clone());
                self.link_edits.remove(link_id);
                self.drop_pain_points(|target| target == link_id);
            }
            MapChange::PainPointRaised {
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
            MapChange::ElementsArranged { map_id, places } => {
                // All or nothing: check every place before moving any.
                for p in places {
                    match self.elements.get(&p.element_id) {
                        Some(el) if el.map_id == *map_id => {}
                        _ => return Err(unknown("element", &p.element_id)),
                    }
                }
                for p in places {
                    if let Some(el) = self.elements.get_mut(&p.element_id) {
                        (el.x, el.y) = (p.x, p.y);
                    }
                }
            }
            MapChange::PainPointRemoved { pain_point_id } => {
                let Some(p) = self.pain_points.remove(pain_point_id) else {
                    return Err(unknown("pain point", pain_point_id));
                };
                self.removed_names.insert(pain_point_id.clone(), p.text);
                self.removed_authors.insert(pain_point_id.clone(), p.raised_by);
                self.removed.insert(pain_point_id.clone(), stamp.clone());
            }
        }
        Ok(())
    }

    fn inverse(&self, change: &MapChange) -> Option<Vec<MapChange>> {
        match change {
            MapChange::MapCreated { .. } => None,
            MapChange::ElementAdded { element_id, .. } => Some(vec![MapChange::ElementRemoved {
                element_id: element_id.clone(),
            }]),
            MapChange::ElementEdited { element_id, .. } => self.elements.get(element_id).map(|el| {
                vec![MapChange::ElementEdited {
                    element_id: element_id.clone(),
                    name: el.name.clone(),
                    description: el.description.clone(),
                }]
            }),
            MapChange::ElementMoved { element_id, .. } => self.elements.get(element_id).map(|el| {
                vec![MapChange::ElementMoved {
                    element_id: element_id.clone(),
                    x: el.x,
                    y: el.y,
                }]
            }),
            MapChange::ElementRemoved { element_id } => {
                let el = self.elements.get(element_id)?;
                let mut back = vec![MapChange::ElementAdded {
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
            MapChange::LinkAdded { link_id, .. } => Some(vec![MapChange::LinkRemoved {
                link_id: link_id.clone(),
            }]),
            MapChange::LinkEdited { link_id, .. } => self.links.get(link_id).map(|l| match link_added(l) {
                MapChange::LinkAdded {
                    link_id,
                    link_kind,
                    label,
                    description,
                    channel,
                    message_type,
                    timing,
                    ..
                } => vec![MapChange::LinkEdited {
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
            MapChange::LinkRemoved { link_id } => {
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
            MapChange::PainPointRaised { pain_point_id, .. } => Some(vec![MapChange::PainPointRemoved {
                pain_point_id: pain_point_id.clone(),
            }]),
            MapChange::ElementsArranged { map_id, places } => Some(vec![MapChange::ElementsArranged {
                map_id: map_id.clone(),
                places: places
                    .iter()
                    .filter_map(|p| self.elements.get(&p.element_id))
                    .map(|el| Place {
                        element_id: el.id.clone(),
                        x: el.x,
                        y: el.y,
                    })
                    .collect(),
            }]),
            MapChange::PainPointRemoved { pain_point_id } => self
                .pain_points
                .get(pain_point_id)
                .map(|p| vec![pain_point_raised(p)]),
        }
    }

    fn decide(
        state: &State<Project>,
        ctx: &mut Context,
        command: &Self::Command,
    ) -> Result<Vec<MapChange>, crate::error::AppError> {
        super::commands::decide(state, ctx, command)
    }

    fn guard(&self, change: &MapChange) -> Option<Guard> {
        let (id, last_change) = match change {
            MapChange::ElementEdited { element_id, .. } | MapChange::ElementRemoved { element_id } => {
                (element_id, self.element_edits.get(element_id))
            }
            MapChange::LinkEdited { link_id, .. } | MapChange::LinkRemoved { link_id } => {
                (link_id, self.link_edits.get(link_id))
            }
            MapChange::ElementAdded { element_id: id, .. }
            | MapChange::LinkAdded { link_id: id, .. }
            | MapChange::PainPointRaised {
                pain_point_id: id, ..
            } => (id, self.removed.get(id)),
            _ => return None,
        };
        let item = self.removed_names.get(id).cloned().unwrap_or_else(|| {
            self.elements
                .get(id)
                .map(|e| e.name.clone())
                .or_else(|| self.links.get(id).map(|l| l.label.clone()))
                .unwrap_or_default()
        });
        Some(Guard {
            last_change: last_change.cloned(),
            item,
            removed: self.removed.contains_key(id),
        })
    }

    fn describe(&self, change: &MapChange) -> (Self::What, String) {
        super::history::describe(self, change)
    }

    fn fields_of(
        &self,
        item_id: &str,
        kind_label: &dyn Fn(&str) -> String,
    ) -> Option<Vec<(crate::trail::history::Field, String)>> {
        super::history::fields_of(self, item_id, kind_label)
    }

    fn name_of(&self, item_id: &str) -> Option<String> {
        Some(super::history::name_of(self, item_id)).filter(|n| !n.is_empty())
    }
}

impl MapSlice {
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
}
