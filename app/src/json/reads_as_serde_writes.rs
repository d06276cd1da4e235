//! What the browser reads is what the server writes: each type read with
//! `Read` from serde's text of it, and the reader's own rules.

use super::{from_text, Read, ReadError};
use crate::auth::CurrentUser;
use crate::error::{AppError, Conflict, Problem};
use crate::features::ProjectState;
use crate::i18n::Lang;
use crate::map::model::{Channel, Element, ElementKind, Link, LinkKind, MapInfo, PainPoint, Timing};
use crate::people::{Profession, Role};
use crate::projects::{Invite, Member, ProjectSummary, ProjectView};
use crate::trail::Stamp;
use crate::workshops::model::{
    Activity, ActivityKind, Current, DotVote, Revealed, Span, Timer, VoteItem, Workshop,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// Writes `value` with serde and reads it back with `Read`.
fn read_back<T: Serialize + Read + PartialEq + std::fmt::Debug>(value: &T) -> T {
    let text = serde_json::to_string(value).unwrap();
    from_text(&text).unwrap_or_else(|e| panic!("{e} in {text}"))
}

fn assert_reads_back<T: Serialize + Read + PartialEq + std::fmt::Debug>(value: T) {
    assert_eq!(read_back(&value), value);
}

fn stamp(seq: i64) -> Stamp {
    Stamp {
        seq,
        actor_id: format!("person-{seq}"),
        at_ms: 1_764_000_000_000 + seq,
    }
}

fn element(id: &str, kind: ElementKind) -> Element {
    Element {
        id: id.into(),
        map_id: "main".into(),
        kind,
        name: format!("Utskrivningskoordinator \"{id}\" (sengepost)\n"),
        description: "Æ ø å – \u{1F3E5} \\ / \t".into(),
        x: -100_000,
        y: 99_999,
        added_by: "kari".into(),
    }
}

fn workshop() -> Workshop {
    Workshop {
        id: "w1".into(),
        title: "Utskrivning".into(),
        starts_at: "2026-12-01T09:00".into(),
        goal: "Enes om feltene".into(),
        agenda: ActivityKind::ALL
            .iter()
            .map(|&kind| Activity {
                title: kind.as_str().into(),
                kind,
                minutes: 480,
            })
            .collect(),
        planned: stamp(1),
        started: Some(stamp(2)),
        ended: None,
        code: Some("ABCD".into()),
        current: Some(Current {
            index: 1,
            started: stamp(3),
            timer: Timer {
                ends_at_ms: 5,
                paused_left_ms: Some(-7),
            },
            done: ["a".to_owned(), "b".to_owned()].into(),
        }),
        spans: vec![Span {
            index: 0,
            from_ms: 1,
            to_ms: 2,
        }],
        focus: None,
        locked: true,
        joined: [("kari".to_owned(), stamp(4))].into(),
        notes: String::new(),
        chosen: [(
            1,
            vec![VoteItem {
                id: "context:1".into(),
                label: "Hjemmesykepleie".into(),
            }],
        )]
        .into(),
    }
}

#[test]
fn the_map_page_s_types_read_as_serde_wrote_them() {
    for kind in ElementKind::ALL {
        assert_reads_back(element(kind.as_str(), kind));
    }
    for (i, kind) in LinkKind::ALL.into_iter().enumerate() {
        assert_reads_back(Link {
            id: format!("l{i}"),
            map_id: "main".into(),
            from: "a".into(),
            to: "b".into(),
            kind,
            label: "sender".into(),
            description: String::new(),
            channel: Channel::ALL.get(i).copied(),
            message_type: "utskrivningsrapport".into(),
            timing: Timing::ALL.get(i).copied(),
            added_by: "kari".into(),
        });
    }
    for (i, profession) in Profession::ALL.into_iter().enumerate() {
        assert_reads_back(PainPoint {
            id: format!("p{i}"),
            target: "a".into(),
            text: "Mangler medisinliste".into(),
            raised_by: "ola".into(),
            profession: Some(profession),
        });
    }
    assert_reads_back(MapInfo {
        id: "main".into(),
        name: "Kart".into(),
    });
    assert_reads_back(workshop());
    assert_reads_back(Workshop {
        started: None,
        code: None,
        current: None,
        chosen: BTreeMap::new(),
        ..workshop()
    });
    assert_reads_back(DotVote {
        id: "v".into(),
        workshop_id: "w1".into(),
        items: vec![],
        dots: 3,
        opened: stamp(9),
        revealed: Some(Revealed {
            at: stamp(10),
            totals: vec![0, 4_000_000_000],
            voters: 2,
        }),
    });
    for role in Role::ALL {
        assert_reads_back(ProjectView {
            id: "p".into(),
            seq: 12,
            name: "Utskrivning".into(),
            purpose: String::new(),
            my_user_id: "u".into(),
            my_role: role,
            my_profession: Profession::Nurse,
            members: vec![Member {
                user_id: "u".into(),
                display_name: "Kari".into(),
                role,
                profession: Profession::PatientRepresentative,
            }],
            invites: vec![Invite {
                code: "ABCD-EFGH".into(),
                url: "/join/ABCD-EFGH".into(),
                role,
                expires_at_ms: i64::MAX,
            }],
        });
        assert_reads_back(vec![ProjectSummary {
            id: "p".into(),
            name: "n".into(),
            purpose: "p".into(),
            my_role: role,
        }]);
    }
    assert_reads_back(Some(CurrentUser {
        id: "u".into(),
        display_name: "Kari".into(),
        email: "kari@example.no".into(),
    }));
    assert_reads_back(None::<CurrentUser>);
    assert_reads_back(vec![Lang::Nb, Lang::En]);
    assert_reads_back(Ok::<(), AppError>(()));
}

#[test]
fn a_state_reads_as_serde_wrote_it_with_every_slice() {
    let mut state = ProjectState::new("p1");
    state.seq = 41;
    state.at_ms = 1_764_000_000_000;
    state.content.project.name = "Utskrivning".into();
    state.content.project.described = Some(stamp(2));
    let e = element("e1", ElementKind::Role);
    state.content.map.elements.insert(e.id.clone(), e);
    state.content.map.element_edits.insert("e1".into(), stamp(3));
    state
        .content
        .map
        .removed_names
        .insert("e0".into(), "Fastlege".into());
    state.content.workshops.workshops.insert("w1".into(), workshop());
    state.content.fields = Default::default();
    let mut read: ProjectState = read_back(&state);
    // What each person can undo is the server's alone.
    read.undo = state.undo.clone();
    assert_eq!(read, state);
    state.only = vec!["map".into(), "project".into()];
    let read: ProjectState = read_back(&state);
    assert_eq!(read.only, state.only);
    assert_eq!(read.content.map, state.content.map);
}

#[test]
fn every_error_reads_as_serde_wrote_it() {
    let conflict = Conflict {
        by: "Kari".into(),
        item: "Sengepost".into(),
        removed: true,
    };
    for error in [
        AppError::NotSignedIn,
        AppError::NotFound,
        AppError::Forbidden,
        AppError::Invalid(Problem::EmailInvalid),
        AppError::Invalid(Problem::TooManyChosen),
        AppError::WrongCredentials,
        AppError::TooManyAttempts,
        AppError::Conflict(conflict),
        AppError::Unreachable,
        AppError::Internal,
    ] {
        assert_reads_back(Err::<(), _>(error));
    }
    assert!(from_text::<AppError>(r#"{"Invalid":"NoSuchProblem"}"#).is_err());
    assert!(from_text::<AppError>(r#""Teapot""#).is_err());
}

#[test]
fn strings_read_with_every_escape() {
    let text = r#""a\"b\\c\/d\b\f\n\r\t\u00e6\ud83c\udfe5 ø""#;
    assert_eq!(
        from_text::<String>(text).unwrap(),
        "a\"b\\c/d\u{8}\u{c}\n\r\tæ\u{1F3E5} ø"
    );
    assert!(
        from_text::<String>(r#""\ud83c""#).is_err(),
        "half a surrogate pair"
    );
    assert!(
        from_text::<String>("\"tab\there\"").is_err(),
        "a raw control character"
    );
    assert!(from_text::<String>(r#""open"#).is_err());
    assert!(from_text::<String>(r#""\q""#).is_err());
}

#[test]
fn numbers_read_whole_and_in_range() {
    assert_eq!(from_text::<i64>(" -9223372036854775808 ").unwrap(), i64::MIN);
    assert_eq!(from_text::<i64>("9223372036854775807").unwrap(), i64::MAX);
    assert!(from_text::<i64>("9223372036854775808").is_err());
    assert!(from_text::<u32>("-1").is_err());
    assert!(from_text::<i32>("2147483648").is_err());
    assert!(from_text::<i64>("1.5").is_err());
    assert!(from_text::<i64>("1e3").is_err());
    assert!(from_text::<i64>("-").is_err());
}

#[test]
fn unknown_members_are_passed_over_however_deep() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = format!(
        r#"{{"future":{{"a":[1,-2.5e3,true,false,null,"}}]"]}},"id":"main","deep":{deep},"name":"Kart"}}"#
    );
    assert_eq!(
        from_text::<MapInfo>(&text).unwrap(),
        MapInfo {
            id: "main".into(),
            name: "Kart".into()
        }
    );
}

#[test]
fn what_is_missing_or_left_over_is_named_by_where_it_is() {
    assert_eq!(
        from_text::<MapInfo>(r#"{"id":"main"}"#),
        Err(ReadError {
            at: 13,
            expected: "name"
        })
    );
    assert!(from_text::<MapInfo>(r#"{"id":"main","name":"Kart"} x"#).is_err());
    assert!(from_text::<MapInfo>(r#"{"id":"main","name":"Kart",}"#).is_err());
    assert!(from_text::<Vec<u32>>("[1 2]").is_err());
    assert!(
        from_text::<ElementKind>(r#""Unit""#).is_err(),
        "serde writes it in snake case"
    );
    assert_eq!(
        from_text::<ElementKind>(r#""it_system""#).unwrap(),
        ElementKind::ItSystem
    );
    assert!(
        from_text::<Role>(r#""lead""#).is_err(),
        "serde writes it as named"
    );
}

#[test]
fn rounds_references_and_an_import_s_problems_read_as_serde_wrote_them() {
    use crate::decisions::model::Reference;
    use crate::fields::model::Rating;
    use crate::fields::spreadsheet::{Column, ImportPreview, PreviewRow, RowProblem, Sheet};
    use crate::rounds::slice::{Ballot, Round, RoundsSlice};

    let ballots = Rating::ALL
        .iter()
        .map(|&rating| Ballot {
            pseudonym: "rev".into(),
            field_id: "f".into(),
            context_id: "c".into(),
            rating,
            profession: None,
            reason: "fordi".into(),
        })
        .collect();
    let round = Round {
        id: "r".into(),
        context_ids: vec!["c".into()],
        started: stamp(1),
        closed: Some(stamp(2)),
        ballots,
        participants: vec!["kari".into()],
    };
    assert_reads_back(RoundsSlice {
        rounds: [("r".to_owned(), round)].into(),
    });
    assert_reads_back(vec![
        Reference::Element("e".into()),
        Reference::Field("f".into()),
        Reference::Context("c".into()),
        Reference::Cell("f~c".into()),
        Reference::Decision("d".into()),
    ]);
    assert_reads_back(ImportPreview {
        sheet: Sheet::Contexts,
        rows: vec![PreviewRow {
            line: 2,
            name: "Innleggelse".into(),
            problems: vec![
                RowProblem::Invalid(Problem::NameTooLong),
                RowProblem::UnknownChoice {
                    column: Column::HandOver,
                    value: "?".into(),
                },
                RowProblem::AlreadyThere,
                RowProblem::TwiceInFile { line: 1 },
            ],
            not_on_map: vec![(Column::Where, "Sengepost".into())],
        }],
        ignored_columns: vec!["Merknad".into()],
        digest: "abc".into(),
    });
}
