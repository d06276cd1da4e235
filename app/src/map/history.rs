//! How the map's events read in the history, and an item's fields for
//! comparing two versions of it.

use super::changes::MapChange;
use super::model::{ElementKind, LinkKind};
use super::slice::MapSlice;
use crate::trail::history::Field;
use serde::{Deserialize, Serialize};

crate::read_json!(define
/// What a map event did, with the names it had then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MapWhat {
    MapCreated {
        name: String,
    },
    ElementAdded {
        kind: ElementKind,
        name: String,
        map: String,
    },
    ElementEdited {
        from: String,
        to: String,
    },
    ElementMoved {
        name: String,
    },
    ElementRemoved {
        name: String,
    },
    LinkAdded {
        kind: LinkKind,
        from: String,
        to: String,
    },
    LinkRemoved {
        from: String,
        to: String,
    },
    PainPointRaised {
        text: String,
        on: String,
    },
    PainPointRemoved {
        text: String,
    },
    LinkEdited {
        from: String,
        to: String,
    },
    MapArranged {
        map: String,
        count: usize,
    },
});

pub fn name_of(state: &MapSlice, id: &str) -> String {
    state
        .elements
        .get(id)
        .map(|e| e.name.clone())
        .or_else(|| state.maps.get(id).map(|m| m.name.clone()))
        .or_else(|| {
            state.links.get(id).map(|l| {
                if l.label.is_empty() {
                    format!("{} → {}", name_of(state, &l.from), name_of(state, &l.to))
                } else {
                    l.label.clone()
                }
            })
        })
        .or_else(|| state.removed_names.get(id).cloned())
        .unwrap_or_default()
}

/// Describes `e` against the state just before it.
pub fn describe(before: &MapSlice, change: &MapChange) -> (MapWhat, String) {
    match change {
        MapChange::MapCreated { map_id, name } => {
            (MapWhat::MapCreated { name: name.clone() }, map_id.clone())
        }
        MapChange::ElementAdded {
            element_id,
            map_id,
            element_kind,
            name,
            ..
        } => (
            MapWhat::ElementAdded {
                kind: *element_kind,
                name: name.clone(),
                map: name_of(before, map_id),
            },
            element_id.clone(),
        ),
        MapChange::ElementEdited { element_id, name, .. } => (
            MapWhat::ElementEdited {
                from: name_of(before, element_id),
                to: name.clone(),
            },
            element_id.clone(),
        ),
        MapChange::ElementMoved { element_id, .. } => (
            MapWhat::ElementMoved {
                name: name_of(before, element_id),
            },
            element_id.clone(),
        ),
        MapChange::ElementRemoved { element_id } => (
            MapWhat::ElementRemoved {
                name: name_of(before, element_id),
            },
            element_id.clone(),
        ),
        MapChange::LinkAdded {
            link_id,
            from,
            to,
            link_kind,
            ..
        } => (
            MapWhat::LinkAdded {
                kind: *link_kind,
                from: name_of(before, from),
                to: name_of(before, to),
            },
            link_id.clone(),
        ),
        MapChange::LinkEdited { link_id, .. } => {
            let (from, to) = before
                .links
                .get(link_id)
                .map(|l| (name_of(before, &l.from), name_of(before, &l.to)))
                .unwrap_or_default();
            (MapWhat::LinkEdited { from, to }, link_id.clone())
        }
        MapChange::LinkRemoved { link_id } => {
            let (from, to) = before
                .links
                .get(link_id)
                .map(|l| (name_of(before, &l.from), name_of(before, &l.to)))
                .unwrap_or_default();
            (MapWhat::LinkRemoved { from, to }, link_id.clone())
        }
        MapChange::PainPointRaised {
            pain_point_id,
            target,
            text,
            ..
        } => (
            MapWhat::PainPointRaised {
                text: text.clone(),
                on: name_of(before, target),
            },
            pain_point_id.clone(),
        ),
        MapChange::PainPointRemoved { pain_point_id } => (
            MapWhat::PainPointRemoved {
                text: before
                    .pain_points
                    .get(pain_point_id)
                    .map(|p| p.text.clone())
                    .unwrap_or_default(),
            },
            pain_point_id.clone(),
        ),
        MapChange::ElementsArranged { map_id, places } => (
            MapWhat::MapArranged {
                map: name_of(before, map_id),
                count: places.len(),
            },
            map_id.clone(),
        ),
    }
}

pub fn fields_of(
    state: &MapSlice,
    item_id: &str,
    kind_label: &dyn Fn(&str) -> String,
) -> Option<Vec<(Field, String)>> {
    if let Some(m) = state.maps.get(item_id) {
        // Where its elements are, so that comparing across "Arrange" shows
        // the map moved (the page says "moved", not the numbers).
        let places: Vec<String> = state
            .elements
            .values()
            .filter(|e| e.map_id == m.id)
            .map(|e| format!("{}:{},{}", e.id, e.x, e.y))
            .collect();
        return Some(vec![
            (Field::Name, m.name.clone()),
            (Field::Position, places.join(" ")),
        ]);
    }
    if let Some(e) = state.elements.get(item_id) {
        return Some(vec![
            (Field::Name, e.name.clone()),
            (Field::Kind, kind_label(e.kind.as_str())),
            (Field::Description, e.description.clone()),
            (Field::Position, format!("{}, {}", e.x, e.y)),
        ]);
    }
    if let Some(l) = state.links.get(item_id) {
        return Some(vec![
            (Field::Kind, kind_label(l.kind.as_str())),
            (Field::Label, l.label.clone()),
            (Field::From, name_of(state, &l.from)),
            (Field::To, name_of(state, &l.to)),
        ]);
    }
    if let Some(p) = state.pain_points.get(item_id) {
        return Some(vec![
            (Field::Text, p.text.clone()),
            (Field::On, name_of(state, &p.target)),
        ]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{Event, ProjectState, What};
    use crate::trail::history::{compare, describe, FieldChange, Said};
    use crate::trail::Entry;

    #[test]
    fn a_rename_is_described_with_the_old_and_new_name_and_compared_field_by_field() {
        let mut s = ProjectState::new("p");
        let ev = |seq, change: MapChange| Event {
            project_id: "p".into(),
            seq,
            id: format!("e{seq}"),
            actor_id: "kari".into(),
            at_ms: seq * 1000,
            workshop_id: None,
            change: Entry::Change(change.into()),
        };
        let events = [
            ev(
                1,
                MapChange::MapCreated {
                    map_id: "m".into(),
                    name: "I dag".into(),
                },
            ),
            ev(
                2,
                MapChange::ElementAdded {
                    element_id: "e".into(),
                    map_id: "m".into(),
                    element_kind: ElementKind::Unit,
                    name: "Tildeling".into(),
                    description: String::new(),
                    x: 0,
                    y: 0,
                },
            ),
            ev(
                3,
                MapChange::ElementEdited {
                    element_id: "e".into(),
                    name: "Tildelingskontoret".into(),
                    description: "Kommunen".into(),
                },
            ),
        ];
        let mut whats = Vec::new();
        let mut states = vec![s.clone()];
        for e in &events {
            whats.push(describe(&s, e).0);
            s.apply(e).unwrap();
            states.push(s.clone());
        }
        assert_eq!(
            whats[1],
            Said::Change(What::Map(MapWhat::ElementAdded {
                kind: ElementKind::Unit,
                name: "Tildeling".into(),
                map: "I dag".into()
            }))
        );
        assert_eq!(
            whats[2],
            Said::Change(What::Map(MapWhat::ElementEdited {
                from: "Tildeling".into(),
                to: "Tildelingskontoret".into()
            }))
        );
        let label = |k: &str| k.to_owned();
        let c = compare(&states[2], &states[3], "e", &label);
        assert_eq!(c.item_name, "Tildelingskontoret");
        assert_eq!(
            c.changes,
            vec![
                FieldChange {
                    field: Field::Name,
                    before: Some("Tildeling".into()),
                    after: Some("Tildelingskontoret".into())
                },
                FieldChange {
                    field: Field::Description,
                    before: Some(String::new()),
                    after: Some("Kommunen".into())
                },
            ]
        );
        // Before it existed, every field is new.
        assert_eq!(compare(&states[0], &states[3], "e", &label).changes.len(), 4);
    }
}
