//! The history of a project in plain language, and the difference between
//! two versions of one item. Computed on the server by replaying the log,
//! so that every sentence names things as they were called at the time.

use super::event::{Change, Event, Seq};
use super::reducer::ProjectState;
use crate::map::model::{ElementKind, LinkKind};
use crate::projects::domain::Profession;
use serde::{Deserialize, Serialize};

/// What an event did, with the names it had then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum What {
    ProjectDescribed {
        name: String,
        renamed_from: Option<String>,
    },
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
    Undone {
        of_seq: Seq,
    },
}

/// The id under which an event's item is compared across versions.
pub const PROJECT_ITEM: &str = "project";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub seq: Seq,
    pub at_ms: i64,
    pub actor_id: String,
    pub kind: String,
    pub workshop_id: Option<String>,
    pub what: What,
    /// The element, link, map or pain point changed (or `project`).
    pub item_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub profession: Option<Profession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct History {
    /// Newest first, at most `HISTORY_PAGE` of them.
    pub entries: Vec<HistoryEntry>,
    /// How many events matched the filter.
    pub matched: usize,
    pub total: usize,
    pub people: Vec<Person>,
    pub kinds: Vec<String>,
    pub workshops: Vec<String>,
}

pub const HISTORY_PAGE: usize = 500;

fn name_of(state: &ProjectState, id: &str) -> String {
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
pub fn describe(before: &ProjectState, e: &Event) -> (What, String) {
    match &e.change {
        Change::ProjectDescribed { name, .. } => (
            What::ProjectDescribed {
                name: name.clone(),
                renamed_from: before.described.as_ref().map(|_| before.name.clone()),
            },
            PROJECT_ITEM.into(),
        ),
        Change::MapCreated { map_id, name } => (What::MapCreated { name: name.clone() }, map_id.clone()),
        Change::ElementAdded {
            element_id,
            map_id,
            element_kind,
            name,
            ..
        } => (
            What::ElementAdded {
                kind: *element_kind,
                name: name.clone(),
                map: name_of(before, map_id),
            },
            element_id.clone(),
        ),
        Change::ElementEdited { element_id, name, .. } => (
            What::ElementEdited {
                from: name_of(before, element_id),
                to: name.clone(),
            },
            element_id.clone(),
        ),
        Change::ElementMoved { element_id, .. } => (
            What::ElementMoved {
                name: name_of(before, element_id),
            },
            element_id.clone(),
        ),
        Change::ElementRemoved { element_id } => (
            What::ElementRemoved {
                name: name_of(before, element_id),
            },
            element_id.clone(),
        ),
        Change::LinkAdded {
            link_id,
            from,
            to,
            link_kind,
            ..
        } => (
            What::LinkAdded {
                kind: *link_kind,
                from: name_of(before, from),
                to: name_of(before, to),
            },
            link_id.clone(),
        ),
        Change::LinkEdited { link_id, .. } => {
            let (from, to) = before
                .links
                .get(link_id)
                .map(|l| (name_of(before, &l.from), name_of(before, &l.to)))
                .unwrap_or_default();
            (What::LinkEdited { from, to }, link_id.clone())
        }
        Change::Undone { of_seq, changes } => {
            let item = changes.first().map(|c| {
                describe(
                    before,
                    &Event {
                        change: c.clone(),
                        ..e.clone()
                    },
                )
                .1
            });
            (What::Undone { of_seq: *of_seq }, item.unwrap_or_default())
        }
        Change::LinkRemoved { link_id } => {
            let (from, to) = before
                .links
                .get(link_id)
                .map(|l| (name_of(before, &l.from), name_of(before, &l.to)))
                .unwrap_or_default();
            (What::LinkRemoved { from, to }, link_id.clone())
        }
        Change::PainPointRaised {
            pain_point_id,
            target,
            text,
            ..
        } => (
            What::PainPointRaised {
                text: text.clone(),
                on: name_of(before, target),
            },
            pain_point_id.clone(),
        ),
        Change::PainPointRemoved { pain_point_id } => (
            What::PainPointRemoved {
                text: before
                    .pain_points
                    .get(pain_point_id)
                    .map(|p| p.text.clone())
                    .unwrap_or_default(),
            },
            pain_point_id.clone(),
        ),
    }
}

/// A property of an item that can differ between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Purpose,
    Description,
    Kind,
    Position,
    Label,
    From,
    To,
    Text,
    On,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub item_name: String,
    pub from_seq: Seq,
    pub to_seq: Seq,
    /// Only the fields that differ.
    pub changes: Vec<FieldChange>,
}

/// An item's fields as of a state; empty if it did not exist then.
pub fn fields_of(
    state: &ProjectState,
    item_id: &str,
    kind_label: &dyn Fn(&str) -> String,
) -> Vec<(Field, String)> {
    if item_id == PROJECT_ITEM {
        return if state.described.is_some() {
            vec![
                (Field::Name, state.name.clone()),
                (Field::Purpose, state.purpose.clone()),
            ]
        } else {
            vec![]
        };
    }
    if let Some(m) = state.maps.get(item_id) {
        return vec![(Field::Name, m.name.clone())];
    }
    if let Some(e) = state.elements.get(item_id) {
        return vec![
            (Field::Name, e.name.clone()),
            (Field::Kind, kind_label(e.kind.as_str())),
            (Field::Description, e.description.clone()),
            (Field::Position, format!("{}, {}", e.x, e.y)),
        ];
    }
    if let Some(l) = state.links.get(item_id) {
        return vec![
            (Field::Kind, kind_label(l.kind.as_str())),
            (Field::Label, l.label.clone()),
            (Field::From, name_of(state, &l.from)),
            (Field::To, name_of(state, &l.to)),
        ];
    }
    if let Some(p) = state.pain_points.get(item_id) {
        return vec![
            (Field::Text, p.text.clone()),
            (Field::On, name_of(state, &p.target)),
        ];
    }
    vec![]
}

pub fn compare(
    before: &ProjectState,
    after: &ProjectState,
    item_id: &str,
    kind_label: &dyn Fn(&str) -> String,
) -> Comparison {
    let a = fields_of(before, item_id, kind_label);
    let b = fields_of(after, item_id, kind_label);
    let mut order: Vec<Field> = a.iter().map(|(f, _)| *f).collect();
    for (f, _) in &b {
        if !order.contains(f) {
            order.push(*f);
        }
    }
    let get = |list: &[(Field, String)], f: Field| list.iter().find(|(g, _)| *g == f).map(|(_, v)| v.clone());
    let changes = order
        .into_iter()
        .filter_map(|f| {
            let (x, y) = (get(&a, f), get(&b, f));
            (x != y).then_some(FieldChange {
                field: f,
                before: x,
                after: y,
            })
        })
        .collect();
    let item_name = {
        let n = name_of(after, item_id);
        if item_id == PROJECT_ITEM {
            after.name.clone()
        } else if n.is_empty() {
            name_of(before, item_id)
        } else {
            n
        }
    };
    Comparison {
        item_name,
        from_seq: before.seq,
        to_seq: after.seq,
        changes,
    }
}

/// `YYYY-MM-DD` → milliseconds at the start of that day (UTC).
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::format_date;

    #[test]
    fn dates_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2026-11-25", "2027-01-01"] {
            assert_eq!(format_date(parse_date(d).unwrap()), d);
        }
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("nonsense"), None);
    }

    #[test]
    fn a_rename_is_described_with_the_old_and_new_name_and_compared_field_by_field() {
        let mut s = ProjectState::new("p");
        let ev = |seq, change| Event {
            project_id: "p".into(),
            seq,
            id: format!("e{seq}"),
            actor_id: "kari".into(),
            at_ms: seq * 1000,
            workshop_id: None,
            change,
        };
        let events = [
            ev(
                1,
                Change::MapCreated {
                    map_id: "m".into(),
                    name: "I dag".into(),
                },
            ),
            ev(
                2,
                Change::ElementAdded {
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
                Change::ElementEdited {
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
            What::ElementAdded {
                kind: ElementKind::Unit,
                name: "Tildeling".into(),
                map: "I dag".into()
            }
        );
        assert_eq!(
            whats[2],
            What::ElementEdited {
                from: "Tildeling".into(),
                to: "Tildelingskontoret".into()
            }
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
