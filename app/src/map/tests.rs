//! The map's rules, given a state, when a person asks for something, then
//! these changes or this refusal; and the reducer over logs generated at
//! random from commands (a small deterministic generator, so every run is
//! the same).

use super::changes::MapChange;
use super::commands::{LinkDetails, MapCommand};
use crate::error::{AppError, Problem};
use crate::features::{Entry, Event, ProjectState, Request};
use crate::projects::slice::ProjectCommand;
use crate::testing::{apply_all, ctx, run, Rng};
use crate::trail::command::decide;
use crate::trail::{ReduceError, Seq};

fn map(c: MapCommand) -> Request {
    Request::Do(c.into())
}

const PEOPLE: [&str; 3] = ["kari", "ola", "ingrid"];

fn random_command(rng: &mut Rng, s: &ProjectState) -> Request {
    let maps: Vec<String> = s.map.maps.keys().cloned().collect();
    let elements: Vec<String> = s.map.elements.keys().cloned().collect();
    let links: Vec<String> = s.map.links.keys().cloned().collect();
    let pains: Vec<String> = s.map.pain_points.keys().cloned().collect();
    let n = rng.next();
    match (rng.below(10), maps.first()) {
        (0, _) | (_, None) => map(MapCommand::CreateMap {
            name: format!("Kart {n}"),
        }),
        (1, _) => Request::Do(
            ProjectCommand::DescribeProject {
                name: format!("Prosjekt {n}"),
                purpose: "Trygg utskrivning".into(),
            }
            .into(),
        ),
        (2 | 3, Some(_)) => map(MapCommand::AddElement {
            map_id: rng.pick(&maps).unwrap().clone(),
            kind: ["unit", "role", "it_system", "task", "artefact"][rng.below(5)].into(),
            name: format!("Element {n}"),
            description: String::new(),
            x: (n % 800) as i32,
            y: (n % 600) as i32,
        }),
        (4, _) if !elements.is_empty() => map(MapCommand::EditElement {
            element_id: rng.pick(&elements).unwrap().clone(),
            name: format!("Nytt navn {n}"),
            description: "beskrivelse".into(),
        }),
        (5, _) if !elements.is_empty() => map(MapCommand::MoveElement {
            element_id: rng.pick(&elements).unwrap().clone(),
            x: (n % 1000) as i32,
            y: (n % 700) as i32,
        }),
        (6, _) if elements.len() > 4 => map(MapCommand::RemoveElement {
            element_id: rng.pick(&elements).unwrap().clone(),
        }),
        (7, Some(_)) if elements.len() >= 2 => {
            let from = rng.pick(&elements).unwrap().clone();
            let to = rng.pick(&elements).unwrap().clone();
            map(MapCommand::AddLink {
                map_id: rng.pick(&maps).unwrap().clone(),
                from,
                to,
                details: LinkDetails {
                    kind: ["hand_over", "information_flow", "uses"][rng.below(3)].into(),
                    channel: ["", "phone", "electronic_message"][rng.below(3)].into(),
                    ..Default::default()
                },
            })
        }
        (8, _) if !links.is_empty() && rng.below(2) == 0 => map(MapCommand::RemoveLink {
            link_id: rng.pick(&links).unwrap().clone(),
        }),
        (8, _) if !pains.is_empty() => map(MapCommand::RemovePainPoint {
            pain_point_id: rng.pick(&pains).unwrap().clone(),
        }),
        (9, _) if rng.below(3) == 0 => Request::Undo,
        _ if !elements.is_empty() => map(MapCommand::RaisePainPoint {
            target: rng.pick(&elements).unwrap().clone(),
            text: "Ikke oppdatert".into(),
            profession: None,
        }),
        _ => map(MapCommand::CreateMap {
            name: format!("Kart {n}"),
        }),
    }
}

/// A valid log of `len` events: random commands, decided and applied.
fn random_log(seed: u64, len: usize) -> Vec<Event> {
    let mut rng = Rng(seed);
    let mut state = ProjectState::new("p");
    let mut log = Vec::new();
    let mut counter = 0u64;
    while log.len() < len {
        let command = random_command(&mut rng, &state);
        let actor = PEOPLE[rng.below(3)];
        let mut new_id = || {
            counter += 1;
            format!("id{counter}")
        };
        let name_of = |id: &str| id.to_owned();
        let mut ctx = ctx(actor, None, &name_of, &mut new_id);
        let Ok(changes) = decide(&state, &mut ctx, &command) else {
            continue; // e.g. a link from an element to itself
        };
        for change in changes {
            let e = Event {
                project_id: "p".into(),
                seq: state.seq + 1,
                id: format!("e{}", state.seq + 1),
                actor_id: actor.into(),
                at_ms: 1_000 * (state.seq + 1),
                workshop_id: None,
                change,
            };
            state.apply(&e).expect("decided changes apply");
            log.push(e);
        }
    }
    log
}

#[test]
fn replaying_in_one_go_equals_applying_one_by_one() {
    for seed in 1..=20 {
        let log = random_log(seed, 300);
        let at_once = ProjectState::replay("p", &log).unwrap();
        let mut one_by_one = ProjectState::new("p");
        for e in &log {
            one_by_one.apply(e).unwrap();
            // Every intermediate state survives a round trip through JSON
            // (how snapshots and the browser receive it).
            let json = serde_json::to_string(&one_by_one).unwrap();
            assert_eq!(serde_json::from_str::<ProjectState>(&json).unwrap(), one_by_one);
        }
        assert_eq!(at_once, one_by_one, "seed {seed}");
        assert_eq!(at_once.seq, 300);
    }
}

#[test]
fn the_state_at_n_followed_by_the_rest_equals_the_current_state() {
    for seed in 21..=40 {
        let log = random_log(seed, 200);
        let current = ProjectState::replay("p", &log).unwrap();
        let n = (seed as usize * 7) % log.len();
        let mut state = ProjectState::replay("p", &log[..n]).unwrap();
        assert_eq!(state.seq, n as Seq);
        for e in &log[n..] {
            state.apply(e).unwrap();
        }
        assert_eq!(state, current, "seed {seed}, split at {n}");
    }
}

#[test]
fn events_out_of_order_or_of_another_project_are_errors_and_change_nothing() {
    let log = random_log(7, 10);
    let mut state = ProjectState::replay("p", &log[..5]).unwrap();
    let before = state.clone();
    assert!(matches!(
        state.apply(&log[6]),
        Err(ReduceError::OutOfOrder { .. })
    ));
    assert!(matches!(
        state.apply(&log[3]),
        Err(ReduceError::OutOfOrder { .. })
    ));
    let mut foreign = log[5].clone();
    foreign.project_id = "q".into();
    assert!(matches!(
        state.apply(&foreign),
        Err(ReduceError::WrongProject { .. })
    ));
    let mut dangling = log[5].clone();
    dangling.change = Entry::Change(
        MapChange::ElementMoved {
            element_id: "nope".into(),
            x: 1,
            y: 1,
        }
        .into(),
    );
    assert!(matches!(state.apply(&dangling), Err(ReduceError::Unknown { .. })));
    assert_eq!(state, before);
}

#[test]
fn editing_what_someone_else_changed_meanwhile_is_a_conflict_but_moving_is_not() {
    let names = |id: &str| format!("Name of {id}");
    let mut ids = 0;
    let mut new_id = || {
        ids += 1;
        format!("id{ids}")
    };
    let mut s = ProjectState::new("p");
    let c = decide(
        &s,
        &mut ctx("kari", None, &names, &mut new_id),
        &map(MapCommand::CreateMap { name: "I dag".into() }),
    )
    .unwrap();
    apply_all(&mut s, "kari", c);
    let add = map(MapCommand::AddElement {
        map_id: "id1".into(),
        kind: "unit".into(),
        name: "Tildelingskontoret".into(),
        description: String::new(),
        x: 0,
        y: 0,
    });
    let c = decide(&s, &mut ctx("kari", None, &names, &mut new_id), &add).unwrap();
    apply_all(&mut s, "kari", c);
    let base = s.seq; // both Kari and Ola load the page here

    let rename = |to: &str| {
        map(MapCommand::EditElement {
            element_id: "id2".into(),
            name: to.into(),
            description: String::new(),
        })
    };
    let c = decide(
        &s,
        &mut ctx("ola", Some(base), &names, &mut new_id),
        &rename("Tildeling"),
    )
    .unwrap();
    apply_all(&mut s, "ola", c);

    // Kari's rename from the old page: refused, naming Ola and the element.
    let err = decide(
        &s,
        &mut ctx("kari", Some(base), &names, &mut new_id),
        &rename("Kontoret"),
    )
    .unwrap_err();
    assert_eq!(
        err,
        AppError::Conflict(crate::error::Conflict {
            by: "Name of ola".into(),
            item: "Tildeling".into(),
            removed: false
        })
    );
    // Moving the same box from the old page is fine: the later move wins.
    let mv = map(MapCommand::MoveElement {
        element_id: "id2".into(),
        x: 5,
        y: 5,
    });
    assert!(decide(&s, &mut ctx("kari", Some(base), &names, &mut new_id), &mv).is_ok());
    // Ola's own further edit from the same old page does not conflict with himself.
    assert!(decide(&s, &mut ctx("ola", Some(base), &names, &mut new_id), &rename("T")).is_ok());

    // Ola removes it; Kari's edit from the old page learns who removed what.
    let c = decide(
        &s,
        &mut ctx("ola", Some(s.seq), &names, &mut new_id),
        &map(MapCommand::RemoveElement {
            element_id: "id2".into(),
        }),
    )
    .unwrap();
    apply_all(&mut s, "ola", c);
    let err = decide(
        &s,
        &mut ctx("kari", Some(base), &names, &mut new_id),
        &rename("K"),
    )
    .unwrap_err();
    assert!(
        matches!(err, AppError::Conflict(c) if c.removed && c.item == "Tildeling" && c.by == "Name of ola")
    );
}

#[test]
fn bad_input_is_refused_in_the_users_terms() {
    let names = |id: &str| id.to_owned();
    let mut new_id = || "x".to_string();
    let s = ProjectState::new("p");
    let cases = [
        (
            map(MapCommand::CreateMap { name: "  ".into() }),
            Problem::NameMissing,
        ),
        (
            Request::Do(
                ProjectCommand::DescribeProject {
                    name: String::new(),
                    purpose: String::new(),
                }
                .into(),
            ),
            Problem::ProjectNameMissing,
        ),
        (
            map(MapCommand::AddElement {
                map_id: "m".into(),
                kind: "spaceship".into(),
                name: "x".into(),
                description: String::new(),
                x: 0,
                y: 0,
            }),
            Problem::UnknownElementKind,
        ),
        (
            map(MapCommand::AddLink {
                map_id: "m".into(),
                from: "a".into(),
                to: "a".into(),
                details: LinkDetails {
                    kind: "uses".into(),
                    ..Default::default()
                },
            }),
            Problem::LinkToItself,
        ),
    ];
    for (command, problem) in cases {
        let err = decide(&s, &mut ctx("kari", None, &names, &mut new_id), &command).unwrap_err();
        assert_eq!(err, AppError::Invalid(problem), "{command:?}");
    }
}

fn map_with_two_linked_elements() -> Vec<(&'static str, Request)> {
    let add = |name: &str| {
        map(MapCommand::AddElement {
            map_id: "id1".into(),
            kind: "unit".into(),
            name: name.into(),
            description: String::new(),
            x: 0,
            y: 0,
        })
    };
    vec![
        ("kari", map(MapCommand::CreateMap { name: "I dag".into() })),
        ("kari", add("Sengepost")),        // id2
        ("kari", add("Hjemmesykepleien")), // id3
        (
            "kari",
            map(MapCommand::AddLink {
                map_id: "id1".into(),
                from: "id2".into(),
                to: "id3".into(),
                details: LinkDetails {
                    kind: "hand_over".into(),
                    ..Default::default()
                },
            }),
        ), // id4
        (
            "ola",
            map(MapCommand::RaisePainPoint {
                target: "id4".into(),
                text: "Ikke oppdatert".into(),
                profession: None,
            }),
        ), // id5
    ]
}

#[test]
fn undo_takes_back_ones_own_last_change_even_a_removal_with_its_links() {
    let mut steps = map_with_two_linked_elements();
    let before = run(&steps).unwrap();
    steps.push((
        "kari",
        map(MapCommand::RemoveElement {
            element_id: "id2".into(),
        }),
    ));
    let removed = run(&steps).unwrap();
    assert!(removed.map.links.is_empty() && removed.map.pain_points.is_empty());
    steps.push(("kari", Request::Undo));
    let restored = run(&steps).unwrap();
    assert_eq!(restored.map.elements, before.map.elements);
    assert_eq!(restored.map.links, before.map.links);
    assert_eq!(restored.map.pain_points, before.map.pain_points);

    // A rename, undone, is the old name again; undoing twice goes further back.
    let mut steps = map_with_two_linked_elements();
    steps.push((
        "kari",
        map(MapCommand::EditElement {
            element_id: "id3".into(),
            name: "Hjemmetjenesten".into(),
            description: String::new(),
        }),
    ));
    steps.push(("kari", Request::Undo));
    let s = run(&steps).unwrap();
    assert_eq!(s.map.elements["id3"].name, "Hjemmesykepleien");
    steps.push(("kari", Request::Undo)); // takes back the link
    let s = run(&steps).unwrap();
    assert!(s.map.links.is_empty());
}

#[test]
fn undo_is_refused_when_someone_else_changed_the_thing_since() {
    let mut steps = map_with_two_linked_elements();
    steps.push((
        "kari",
        map(MapCommand::EditElement {
            element_id: "id3".into(),
            name: "Hjemmetjenesten".into(),
            description: String::new(),
        }),
    ));
    steps.push((
        "ola",
        map(MapCommand::EditElement {
            element_id: "id3".into(),
            name: "Hjemmesykepleie, bydel Frogner".into(),
            description: String::new(),
        }),
    ));
    steps.push(("kari", Request::Undo));
    let err = run(&steps).unwrap_err();
    assert!(matches!(&err, AppError::Conflict(c) if c.by == "ola"), "{err:?}");
    // Ola has nothing of his own to undo but the pain point and the rename.
    let mut steps = map_with_two_linked_elements();
    steps.push(("ingrid", Request::Undo));
    assert_eq!(
        run(&steps).unwrap_err(),
        AppError::Invalid(Problem::NothingToUndo)
    );
}

#[test]
fn changes_round_trip_through_their_stored_form() {
    let c = Entry::Change(
        MapChange::ElementAdded {
            element_id: "e1".into(),
            map_id: "m1".into(),
            element_kind: super::model::ElementKind::ItSystem,
            name: "Kjernejournal".into(),
            description: "<script>".into(),
            x: 10,
            y: -5,
        }
        .into(),
    );
    let (kind, payload) = c.encode();
    assert_eq!(kind, "element_added");
    assert_eq!(c.kind(), kind);
    assert_eq!(Entry::decode(&kind, &payload), Ok(c));
}

#[test]
fn unknown_kinds_and_bad_payloads_are_errors() {
    use crate::trail::event::DecodeError;
    assert_eq!(
        Entry::decode("decision_made", "{}"),
        Err(DecodeError::UnknownKind("decision_made".into()))
    );
    assert!(matches!(
        Entry::decode("element_moved", r#"{"element_id":"e1"}"#),
        Err(DecodeError::BadPayload { .. })
    ));
    assert!(matches!(
        Entry::decode("element_moved", "not json"),
        Err(DecodeError::BadPayload { .. })
    ));
}

#[test]
fn moving_by_the_keyboard_or_a_drag_stays_on_the_map() {
    use super::model::{moved, POSITION_LIMIT};
    assert_eq!(moved(10, 5), 15);
    assert_eq!(moved(i32::MAX, 10), POSITION_LIMIT);
    assert_eq!(moved(POSITION_LIMIT, 10), POSITION_LIMIT);
    assert_eq!(moved(-POSITION_LIMIT, -10), -POSITION_LIMIT);
}

#[test]
fn arranging_moves_the_whole_map_in_one_change_that_one_undo_takes_back() {
    let mut steps = map_with_two_linked_elements();
    let before = run(&steps).unwrap();
    steps.push(("ola", map(MapCommand::ArrangeMap { map_id: "id1".into() })));
    let arranged = run(&steps).unwrap();
    assert_eq!(arranged.seq, before.seq + 1, "one event");
    let (ward, home) = (&arranged.map.elements["id2"], &arranged.map.elements["id3"]);
    // Both were at 0, 0: now apart, the hand-over reading left to right.
    assert!(ward.x < home.x, "{ward:?} {home:?}");
    // Already arranged: nothing more to record.
    steps.push(("ola", map(MapCommand::ArrangeMap { map_id: "id1".into() })));
    assert_eq!(run(&steps).unwrap().seq, arranged.seq);
    steps.push(("ola", Request::Undo));
    let undone = run(&steps).unwrap();
    assert_eq!(undone.map.elements, before.map.elements);
    let err = run(&[(
        "kari",
        map(MapCommand::ArrangeMap {
            map_id: "nope".into(),
        }),
    )])
    .unwrap_err();
    assert_eq!(err, AppError::NotFound);
}
