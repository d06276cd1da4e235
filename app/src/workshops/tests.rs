//! Workshops: given a project, when a facilitator or a participant asks
//! for something, then these changes or this refusal.

use super::commands::{Plan, WorkshopsCommand as W};
use super::model::{Activity, ActivityKind};
use crate::error::{AppError, Problem};
use crate::features::{ProjectState, Request};
use crate::map::commands::MapCommand;
use crate::people::Role;
use crate::testing::run_from;
use crate::trail::{Domain, Viewer};

const FACILITATOR: &str = "fasilitator";
const NURSE: &str = "sykepleier";
const GP: &str = "fastlege";

fn w(c: W) -> Request {
    Request::Do(c.into())
}

fn plan() -> Plan {
    Plan {
        title: "  Utskrivning:  hva trenger hjemmetjenesten? ".into(),
        starts_at: "2026-12-03T09:00".into(),
        goal: "Bli enige om feltene".into(),
        agenda: vec![
            Activity {
                title: "Kartlegg".into(),
                kind: ActivityKind::Map,
                minutes: 10,
            },
            Activity {
                title: "Vurder".into(),
                kind: ActivityKind::Rate,
                minutes: 15,
            },
        ],
    }
}

fn given(steps: &[(&str, Request)]) -> Result<ProjectState, AppError> {
    run_from(ProjectState::new("p"), &[FACILITATOR], steps)
}

fn and(s: ProjectState, steps: &[(&str, Request)]) -> Result<ProjectState, AppError> {
    run_from(s, &[FACILITATOR], steps)
}

/// A workshop planned and started, its id, and a map to work on.
fn running() -> (ProjectState, String) {
    let s = given(&[
        (
            FACILITATOR,
            Request::Do(
                MapCommand::CreateMap {
                    name: "Utskrivning".into(),
                }
                .into(),
            ),
        ),
        (FACILITATOR, w(W::Plan(plan()))),
    ])
    .unwrap();
    let id = s.workshops.workshops.keys().next().unwrap().clone();
    let s = and(
        s,
        &[(
            FACILITATOR,
            w(W::Start {
                workshop_id: id.clone(),
                code: "ABC234".into(),
            }),
        )],
    )
    .unwrap();
    (s, id)
}

fn add_element(s: &ProjectState) -> Request {
    Request::Do(
        MapCommand::AddElement {
            map_id: s.map.maps.keys().next().unwrap().clone(),
            kind: "unit".into(),
            name: "Legevakt".into(),
            description: String::new(),
            x: 1,
            y: 2,
        }
        .into(),
    )
}

#[test]
fn a_plan_is_checked_and_kept_in_order() {
    let s = given(&[(FACILITATOR, w(W::Plan(plan())))]).unwrap();
    let workshop = s.workshops.workshops.values().next().unwrap();
    assert_eq!(workshop.title, "Utskrivning: hva trenger hjemmetjenesten?");
    assert_eq!(workshop.agenda.len(), 2);
    assert_eq!(workshop.agenda[1].minutes, 15);
    assert!(!workshop.is_running());

    let refused = |p: Plan| given(&[(FACILITATOR, w(W::Plan(p)))]).unwrap_err();
    let mut empty = plan();
    empty.agenda.clear();
    assert_eq!(refused(empty), Problem::AgendaEmpty.into());
    let mut no_time = plan();
    no_time.agenda[0].minutes = 0;
    assert_eq!(refused(no_time), Problem::TimeBoxInvalid.into());
    let mut bad_day = plan();
    bad_day.starts_at = "2026-02-30T09:00".into();
    assert_eq!(refused(bad_day), Problem::DateInvalid.into());
    let mut bad_hour = plan();
    bad_hour.starts_at = "2026-12-03T24:00".into();
    assert_eq!(refused(bad_hour), Problem::DateInvalid.into());
    // Running a workshop is for those who may curate.
    assert_eq!(
        given(&[(NURSE, w(W::Plan(plan())))]).unwrap_err(),
        AppError::Forbidden
    );
}

#[test]
fn the_timer_is_one_end_time_that_a_pause_holds_and_a_resume_moves() {
    let (s, id) = running();
    let s = and(
        s,
        &[(
            FACILITATOR,
            w(W::StartActivity {
                workshop_id: id.clone(),
                index: 1,
            }),
        )],
    )
    .unwrap();
    let current = s.workshops.workshops[&id].current.clone().unwrap();
    // The test log's events are a second apart: this one is at seq × 1 s.
    assert_eq!(current.timer.ends_at_ms, s.seq * 1_000 + 15 * 60 * 1_000);
    assert_eq!(current.timer.left_ms(s.seq * 1_000 + 60_000), 14 * 60 * 1_000);

    let s = and(
        s,
        &[(
            FACILITATOR,
            w(W::Pause {
                workshop_id: id.clone(),
            }),
        )],
    )
    .unwrap();
    let timer = s.workshops.workshops[&id].current.clone().unwrap().timer;
    let left = 15 * 60 * 1_000 - 1_000;
    assert_eq!(timer.paused_left_ms, Some(left));
    assert_eq!(timer.left_ms(i64::MAX / 2), left, "a paused timer does not run");

    let s = and(
        s,
        &[
            (
                NURSE,
                w(W::Join {
                    workshop_id: id.clone(),
                }),
            ),
            (
                FACILITATOR,
                w(W::Resume {
                    workshop_id: id.clone(),
                }),
            ),
        ],
    )
    .unwrap();
    let timer = s.workshops.workshops[&id].current.clone().unwrap().timer;
    assert_eq!(timer.paused_left_ms, None);
    assert_eq!(timer.ends_at_ms, s.seq * 1_000 + left);
}

#[test]
fn joining_and_being_done_count_once_and_done_starts_over_with_each_activity() {
    let (s, id) = running();
    let start = |index| {
        w(W::StartActivity {
            workshop_id: id.clone(),
            index,
        })
    };
    let s = and(
        s,
        &[
            (
                NURSE,
                w(W::Join {
                    workshop_id: id.clone(),
                }),
            ),
            (
                NURSE,
                w(W::Join {
                    workshop_id: id.clone(),
                }),
            ),
            (
                GP,
                w(W::Join {
                    workshop_id: id.clone(),
                }),
            ),
            (FACILITATOR, start(0)),
            (
                NURSE,
                w(W::Done {
                    workshop_id: id.clone(),
                }),
            ),
            (
                NURSE,
                w(W::Done {
                    workshop_id: id.clone(),
                }),
            ),
        ],
    )
    .unwrap();
    let workshop = &s.workshops.workshops[&id];
    assert_eq!(workshop.joined.len(), 2);
    assert_eq!(workshop.current.as_ref().unwrap().done.len(), 1);
    assert_eq!(
        s.seq, 7,
        "a second join and a second done record nothing (map, plan, start, 2 joins, activity, done)"
    );
    let s = and(s, &[(FACILITATOR, start(1))]).unwrap();
    let workshop = &s.workshops.workshops[&id];
    assert!(workshop.current.as_ref().unwrap().done.is_empty());
    assert_eq!(
        workshop.spans.len(),
        1,
        "the first activity's actual time is kept"
    );
    // A participant does not run the workshop.
    for c in [
        start(0),
        w(W::Lock {
            workshop_id: id.clone(),
            locked: true,
        }),
        w(W::End {
            workshop_id: id.clone(),
        }),
    ] {
        assert_eq!(and(s.clone(), &[(NURSE, c)]).unwrap_err(), AppError::Forbidden);
    }
}

#[test]
fn locked_editing_stops_everyone_but_those_who_curate_and_unlocking_lets_them_on() {
    let (s, id) = running();
    let lock = |locked| {
        w(W::Lock {
            workshop_id: id.clone(),
            locked,
        })
    };
    let s = and(s, &[(FACILITATOR, lock(true))]).unwrap();
    assert_eq!(
        and(s.clone(), &[(NURSE, add_element(&s))]).unwrap_err(),
        Problem::EditingLocked.into()
    );
    // Taking back one's own change is a change too.
    assert_eq!(
        and(s.clone(), &[(NURSE, Request::Undo)]).unwrap_err(),
        Problem::EditingLocked.into()
    );
    // Joining and saying one is done are not edits.
    let add = add_element(&s);
    let s = and(
        s,
        &[
            (
                GP,
                w(W::Join {
                    workshop_id: id.clone(),
                }),
            ),
            (FACILITATOR, add),
        ],
    )
    .unwrap();
    assert_eq!(s.map.elements.len(), 1);
    let s = and(s, &[(FACILITATOR, lock(false))]).unwrap();
    let s = and(s.clone(), &[(NURSE, add_element(&s))]).unwrap();
    assert_eq!(s.map.elements.len(), 2);
}

#[test]
fn a_running_workshop_is_the_occasion_of_every_event_until_it_ends() {
    let (s, id) = running();
    assert_eq!(s.content.occasion(), Some(id.clone()));
    // One at a time: a second workshop waits.
    let s = and(s, &[(FACILITATOR, w(W::Plan(plan())))]).unwrap();
    let second = s.workshops.workshops.keys().find(|k| **k != id).unwrap().clone();
    let start_second = w(W::Start {
        workshop_id: second.clone(),
        code: "XYZ789".into(),
    });
    assert_eq!(
        and(s.clone(), &[(FACILITATOR, start_second.clone())]).unwrap_err(),
        Problem::WorkshopRunning.into()
    );
    let s = and(
        s,
        &[
            (
                FACILITATOR,
                w(W::Lock {
                    workshop_id: id.clone(),
                    locked: true,
                }),
            ),
            (
                FACILITATOR,
                w(W::End {
                    workshop_id: id.clone(),
                }),
            ),
        ],
    )
    .unwrap();
    let ended = &s.workshops.workshops[&id];
    assert_eq!(s.content.occasion(), None);
    assert!(
        !ended.locked && ended.code.is_none(),
        "an ended workshop holds nothing back"
    );
    assert_eq!(
        and(
            s.clone(),
            &[(
                NURSE,
                w(W::Join {
                    workshop_id: id.clone()
                })
            )]
        )
        .unwrap_err(),
        Problem::WorkshopNotRunning.into()
    );
    assert_eq!(
        and(
            s.clone(),
            &[(
                FACILITATOR,
                w(W::Replan {
                    workshop_id: id,
                    plan: plan()
                })
            )]
        )
        .unwrap_err(),
        Problem::WorkshopStarted.into()
    );
    and(s, &[(FACILITATOR, start_second)]).unwrap();
}

#[test]
fn everyone_is_brought_only_to_a_page_of_this_project() {
    let (s, id) = running();
    let bring = |path: &str| {
        w(W::BringEveryone {
            workshop_id: id.clone(),
            path: Some(path.into()),
        })
    };
    let s = and(s, &[(FACILITATOR, bring("/projects/p/fields?round=r1"))]).unwrap();
    assert_eq!(
        s.workshops.workshops[&id].focus.as_deref(),
        Some("/projects/p/fields?round=r1")
    );
    for outside in [
        "https://evil.example/projects/p",
        "//evil.example/projects/p",
        "/projects/other",
        "/projects/p/../../sign-out",
        "/projects/pp",
        "/projects/p/\"><script>",
    ] {
        assert_eq!(
            and(s.clone(), &[(FACILITATOR, bring(outside))]).unwrap_err(),
            Problem::Malformed.into(),
            "{outside}"
        );
    }
}

#[test]
fn the_notes_are_the_facilitators_own() {
    let (s, id) = running();
    let s = and(
        s,
        &[(
            FACILITATOR,
            w(W::WriteNotes {
                workshop_id: id.clone(),
                notes: "Fastlegen var stille i første runde.".into(),
            }),
        )],
    )
    .unwrap();
    let seen_by = |role| {
        let viewer = Viewer {
            user_id: NURSE.into(),
            role,
        };
        s.view_for(&[], &viewer).workshops.workshops[&id].notes.clone()
    };
    assert_eq!(seen_by(Role::Facilitator), "Fastlegen var stille i første runde.");
    assert_eq!(seen_by(Role::Participant), "");
    assert_eq!(seen_by(Role::Observer), "");
}

#[test]
fn a_dot_vote_is_on_what_the_project_holds_one_at_a_time_and_revealed_once() {
    let (s, id) = running();
    let s = and(
        s,
        &[
            (
                FACILITATOR,
                Request::Do(
                    crate::fields::commands::FieldsCommand::ProposeField {
                        details: crate::fields::commands::FieldInput {
                            name: "Allergier".into(),
                            ..Default::default()
                        },
                        reason: String::new(),
                    }
                    .into(),
                ),
            ),
            (
                NURSE,
                Request::Do(
                    crate::fields::commands::FieldsCommand::ProposeField {
                        details: crate::fields::commands::FieldInput {
                            name: "Pårørende".into(),
                            ..Default::default()
                        },
                        reason: String::new(),
                    }
                    .into(),
                ),
            ),
        ],
    )
    .unwrap();
    let fields: Vec<String> = s.fields.fields.keys().map(|f| format!("field:{f}")).collect();
    let open = |items: Vec<String>, dots| {
        w(W::OpenDotVote {
            workshop_id: id.clone(),
            items,
            dots,
        })
    };
    let refused = |c| and(s.clone(), &[(FACILITATOR, c)]).unwrap_err();
    assert_eq!(
        refused(open(vec![fields[0].clone()], 3)),
        Problem::VoteItemsOutOfRange.into()
    );
    assert_eq!(refused(open(fields.clone(), 0)), Problem::DotsOutOfRange.into());
    assert_eq!(
        refused(open(vec![fields[0].clone(), "field:nope".into()], 3)),
        AppError::NotFound
    );
    assert_eq!(
        and(s.clone(), &[(NURSE, open(fields.clone(), 3))]).unwrap_err(),
        AppError::Forbidden
    );

    let s = and(s.clone(), &[(FACILITATOR, open(fields.clone(), 3))]).unwrap();
    let refused = |c| and(s.clone(), &[(FACILITATOR, c)]).unwrap_err();
    let vote = s.workshops.votes_of(&id)[0].clone();
    let labels: Vec<&str> = vote.items.iter().map(|i| i.label.as_str()).collect();
    assert!(
        labels.contains(&"Allergier") && labels.contains(&"Pårørende"),
        "{labels:?}"
    );
    assert_eq!(refused(open(fields.clone(), 3)), Problem::DotVoteOpen.into());

    let reveal = |totals: Vec<u32>| {
        w(W::RevealDots {
            vote_id: vote.id.clone(),
            totals,
            voters: 2,
        })
    };
    assert_eq!(
        and(s.clone(), &[(FACILITATOR, reveal(vec![1]))]).unwrap_err(),
        Problem::Malformed.into()
    );
    let s = and(s, &[(FACILITATOR, reveal(vec![4, 2]))]).unwrap();
    let revealed = s.workshops.votes_of(&id)[0].revealed.clone().unwrap();
    assert_eq!((revealed.totals, revealed.voters), (vec![4, 2], 2));
    assert_eq!(
        and(s.clone(), &[(FACILITATOR, reveal(vec![4, 2]))]).unwrap_err(),
        Problem::DotVoteNotOpen.into()
    );
    // Once revealed, another vote may open.
    and(s, &[(FACILITATOR, open(fields, 2))]).unwrap();
}

#[test]
fn a_rating_activity_works_on_chosen_contexts_which_a_new_plan_keeps_only_in_their_place() {
    use crate::fields::commands::{ContextInput, FieldsCommand};
    let propose = |name: &str| {
        Request::Do(
            FieldsCommand::ProposeContext {
                details: ContextInput {
                    name: name.into(),
                    ..ContextInput::default()
                },
                reason: String::new(),
            }
            .into(),
        )
    };
    let s = given(&[
        (FACILITATOR, propose("Første hjemmebesøk")),
        (FACILITATOR, propose("Kveldsbesøk")),
        (FACILITATOR, w(W::Plan(plan()))),
    ])
    .unwrap();
    let id = s.workshops.workshops.keys().next().unwrap().clone();
    let mut contexts: Vec<(String, String)> = s
        .fields
        .active_contexts()
        .map(|c| (format!("context:{}", c.id), c.name().to_owned()))
        .collect();
    contexts.sort_by(|a, b| a.1.cmp(&b.1));
    let choose = |index: usize, items: Vec<String>| {
        w(W::ChooseItems {
            workshop_id: id.clone(),
            index,
            items,
        })
    };
    let first_visit = contexts[0].0.clone();
    // The rating activity (second) works on the first home visit; the same
    // item twice counts once.
    let s = and(
        s,
        &[(
            FACILITATOR,
            choose(1, vec![first_visit.clone(), first_visit.clone()]),
        )],
    )
    .unwrap();
    let chosen = &s.workshops.workshops[&id].chosen[&1];
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].label, "Første hjemmebesøk");
    // Choosing the same again changes nothing.
    let again = and(s.clone(), &[(FACILITATOR, choose(1, vec![first_visit.clone()]))]).unwrap();
    assert_eq!(again.seq, s.seq);

    // A mapping activity chooses nothing; a rating one no decision and no
    // field; nothing unknown; only those who run the workshop choose.
    let refused = |r: Request, who: &str| run_from(s.clone(), &[FACILITATOR], &[(who, r)]).unwrap_err();
    assert_eq!(
        refused(choose(0, vec![first_visit.clone()]), FACILITATOR),
        Problem::Malformed.into()
    );
    assert_eq!(
        refused(choose(1, vec!["decision:x".into()]), FACILITATOR),
        AppError::NotFound
    );
    assert_eq!(
        refused(choose(1, vec!["context:nope".into()]), FACILITATOR),
        AppError::NotFound
    );
    assert_eq!(
        refused(choose(5, vec![first_visit.clone()]), FACILITATOR),
        AppError::NotFound
    );
    assert_eq!(
        refused(choose(1, vec![first_visit.clone()]), NURSE),
        AppError::Forbidden
    );

    // A new plan keeps the choice where the place is still a rating
    // activity, and drops it where it is not.
    let mut same = plan();
    same.agenda[0].title = "Kartlegg overgangen".into();
    let kept = and(
        s.clone(),
        &[(
            FACILITATOR,
            w(W::Replan {
                workshop_id: id.clone(),
                plan: same,
            }),
        )],
    )
    .unwrap();
    assert_eq!(kept.workshops.workshops[&id].chosen[&1].len(), 1);
    let mut swapped = plan();
    swapped.agenda.swap(0, 1);
    let dropped = and(
        s.clone(),
        &[(
            FACILITATOR,
            w(W::Replan {
                workshop_id: id.clone(),
                plan: swapped,
            }),
        )],
    )
    .unwrap();
    assert!(dropped.workshops.workshops[&id].chosen.is_empty());

    // None clears the choice; after the end nothing is chosen.
    let cleared = and(s.clone(), &[(FACILITATOR, choose(1, vec![]))]).unwrap();
    assert!(cleared.workshops.workshops[&id].chosen.is_empty());
    let ended = and(
        s,
        &[
            (
                FACILITATOR,
                w(W::Start {
                    workshop_id: id.clone(),
                    code: "ABC234".into(),
                }),
            ),
            (
                FACILITATOR,
                w(W::End {
                    workshop_id: id.clone(),
                }),
            ),
        ],
    )
    .unwrap();
    assert_eq!(
        run_from(
            ended,
            &[FACILITATOR],
            &[(FACILITATOR, choose(1, vec![first_visit]))]
        )
        .unwrap_err(),
        Problem::WorkshopNotRunning.into()
    );
}
