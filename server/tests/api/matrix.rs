//! Every server function called as each kind of person, on both backends.
//! Later features add their server functions here.

use crate::helpers::*;
use app::error::AppError;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    SignedOut,
    NonMember,
    Observer,
    Participant,
    Facilitator,
    Lead,
}
use Who::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Allowed,
    Refused(AppError),
}
use Outcome::*;

/// Reading a project: members only; a non-member cannot tell it exists.
pub(crate) fn members_read(who: Who) -> Outcome {
    match who {
        SignedOut => Refused(AppError::NotSignedIn),
        NonMember => Refused(AppError::NotFound),
        _ => Allowed,
    }
}

/// Managing a project: leads only.
fn leads_only(who: Who) -> Outcome {
    match who {
        SignedOut => Refused(AppError::NotSignedIn),
        NonMember => Refused(AppError::NotFound),
        Lead => Allowed,
        _ => Refused(AppError::Forbidden),
    }
}

/// Taking part: everyone in the project except observers.
pub(crate) fn contributors(who: Who) -> Outcome {
    match who {
        SignedOut => Refused(AppError::NotSignedIn),
        NonMember => Refused(AppError::NotFound),
        Observer => Refused(AppError::Forbidden),
        _ => Allowed,
    }
}

/// Editing and retiring what others proposed: leads and facilitators.
pub(crate) fn curators(who: Who) -> Outcome {
    match who {
        SignedOut => Refused(AppError::NotSignedIn),
        NonMember => Refused(AppError::NotFound),
        Observer | Participant => Refused(AppError::Forbidden),
        _ => Allowed,
    }
}

fn signed_in(who: Who) -> Outcome {
    match who {
        SignedOut => Refused(AppError::NotSignedIn),
        _ => Allowed,
    }
}

fn anyone(_: Who) -> Outcome {
    Allowed
}

/// A server function, its arguments, and who may call it.
pub(crate) type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>, fn(Who) -> Outcome);

/// A map with two elements, a link and a pain point, made by the lead.
struct Fresh {
    seq: i64,
    map: String,
    a: String,
    b: String,
    link: String,
    pain_point: String,
}

async fn fresh_map_items(app: &TestApp, project_id: &str) -> Fresh {
    use app::features::{Append, Change, Entry, Request};
    use app::map::changes::MapChange;
    use app::map::commands::{LinkDetails, MapCommand as Command};
    let (lead,): (String,) =
        sqlx::query_as("SELECT user_id FROM memberships WHERE project_id = $1 AND role = 'lead' LIMIT 1")
            .bind(project_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let submit = |command: Command| {
        let (trail, project_id, lead) = (app.trail.clone(), project_id.to_owned(), lead.clone());
        async move {
            trail
                .submit(Append {
                    project_id,
                    actor_id: lead,
                    workshop_id: None,
                    base_seq: None,
                    request: Request::Do(command.into()),
                    curator: true,
                    token: None,
                })
                .await
                .unwrap()
                .remove(0)
        }
    };
    let id = |e: &app::features::Event| match &e.change {
        Entry::Change(Change::Map(
            MapChange::MapCreated { map_id: id, .. }
            | MapChange::ElementAdded { element_id: id, .. }
            | MapChange::LinkAdded { link_id: id, .. }
            | MapChange::PainPointRaised {
                pain_point_id: id, ..
            },
        )) => id.clone(),
        _ => unreachable!(),
    };
    let map = id(&submit(Command::CreateMap { name: "I dag".into() }).await);
    let element = |name: &str| Command::AddElement {
        map_id: map.clone(),
        kind: "unit".into(),
        name: name.into(),
        description: String::new(),
        x: 0,
        y: 0,
    };
    let a = id(&submit(element("Sengepost")).await);
    let b = id(&submit(element("Hjemmesykepleien")).await);
    let link = id(&submit(Command::AddLink {
        map_id: map.clone(),
        from: a.clone(),
        to: b.clone(),
        details: LinkDetails {
            kind: "hand_over".into(),
            ..Default::default()
        },
    })
    .await);
    let last = submit(Command::RaisePainPoint {
        target: a.clone(),
        text: "Dobbeltdokumentasjon".into(),
        profession: None,
    })
    .await;
    Fresh {
        seq: last.seq,
        map,
        a,
        b,
        link,
        pain_point: id(&last),
    }
}

/// Two information fields and a context of use, proposed by the lead.
async fn fresh_fields_and_context(app: &TestApp, project_id: &str) -> (i64, String, String, String) {
    use app::features::{Append, Change, Entry, Request};
    use app::fields::changes::FieldsChange;
    use app::fields::commands::{ContextInput, FieldInput, FieldsCommand as Command};
    let (lead,): (String,) =
        sqlx::query_as("SELECT user_id FROM memberships WHERE project_id = $1 AND role = 'lead' LIMIT 1")
            .bind(project_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let mut ids = Vec::new();
    let mut seq = 0;
    let field = |name: &str| Command::ProposeField {
        details: FieldInput {
            name: name.into(),
            ..Default::default()
        },
        reason: String::new(),
    };
    for command in [
        field("Allergier"),
        field("CAVE"),
        Command::ProposeContext {
            details: ContextInput {
                name: "Første besøk".into(),
                ..Default::default()
            },
            reason: String::new(),
        },
    ] {
        let event = app
            .trail
            .submit(Append {
                project_id: project_id.to_owned(),
                actor_id: lead.clone(),
                workshop_id: None,
                base_seq: None,
                request: Request::Do(command.into()),
                curator: true,
                token: None,
            })
            .await
            .unwrap()
            .remove(0);
        seq = event.seq;
        ids.push(match event.change {
            Entry::Change(Change::Fields(
                FieldsChange::FieldProposed { field_id: id, .. }
                | FieldsChange::ContextProposed { context_id: id, .. },
            )) => id,
            _ => unreachable!(),
        });
    }
    (seq, ids[0].clone(), ids[1].clone(), ids[2].clone())
}

/// A round running on `context` alone, started by the lead (after closing
/// any other).
async fn fresh_round(lead: &Person, project_id: &str, context: &str) -> String {
    let running = |state: Value| {
        state["content"]["rounds"]["rounds"]
            .as_object()
            .unwrap()
            .values()
            .find(|r| r["closed"].is_null())
            .map(|r| r["id"].as_str().unwrap().to_owned())
    };
    let args = [("project_id", project_id)];
    let state = || lead.call("get_trail_state", &args);
    if let Some(round) = running(state().await.unwrap()) {
        lead.call("close_round", &[("project_id", project_id), ("round_id", &round)])
            .await
            .unwrap();
    }
    lead.call(
        "start_round",
        &[("project_id", project_id), ("context_ids[0]", context)],
    )
    .await
    .unwrap();
    running(state().await.unwrap()).unwrap()
}

struct World {
    app: TestApp,
    people: Vec<(Who, Person)>,
    project_id: String,
    participant_id: String,
    invite_code: String,
}

async fn world(backend: Backend) -> World {
    let app = spawn_app(backend).await;
    let lead = Person::sign_up(&app, "Lead", "lead@example.org").await;
    let project_id = lead
        .call(
            "create_project",
            &[
                ("name", "Trygg utskrivning"),
                ("purpose", ""),
                ("profession", "coordinator"),
            ],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    let mut people = vec![(SignedOut, Person::anonymous(&app))];
    let outsider = Person::sign_up(&app, "Outsider", "outsider@example.org").await;
    outsider
        .call(
            "create_project",
            &[("name", "Their own"), ("purpose", ""), ("profession", "designer")],
        )
        .await
        .unwrap();
    people.push((NonMember, outsider));
    let mut participant_id = String::new();
    for (who, role) in [
        (Observer, "observer"),
        (Participant, "participant"),
        (Facilitator, "facilitator"),
    ] {
        let invite = lead
            .call("create_invite", &[("project_id", &project_id), ("role", role)])
            .await
            .unwrap();
        let person = Person::sign_up(&app, role, &format!("{role}@example.org")).await;
        person
            .call(
                "join_project",
                &[
                    ("code", invite["code"].as_str().unwrap()),
                    ("profession", "nurse"),
                ],
            )
            .await
            .unwrap();
        if who == Participant {
            participant_id = person.id().to_owned();
        }
        people.push((who, person));
    }
    let invite_code = lead
        .call(
            "create_invite",
            &[("project_id", &project_id), ("role", "participant")],
        )
        .await
        .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    people.push((Lead, lead));
    World {
        app,
        people,
        project_id,
        participant_id,
        invite_code,
    }
}

/// The outcome, and the HTTP status that goes with it: 200, or the error's
/// own status (401, 403, 404, …), never 500 for a refusal.
pub(crate) fn check(
    backend: Backend,
    function: &str,
    who: Who,
    expected: Outcome,
    (status, got): &(u16, Result<Value, AppError>),
) {
    match (&expected, got) {
        (Allowed, Ok(_)) if *status == 200 => {}
        (Refused(e), Err(actual)) if e == actual && *status == e.status() && *status != 500 => {}
        _ => panic!("{backend:?}: {function} as {who:?}: expected {expected:?}, got {got:?} ({status})"),
    }
}

#[tokio::test]
async fn every_server_function_as_every_kind_of_person() {
    for backend in BACKENDS {
        let w = world(backend).await;
        let p = w.project_id.as_str();
        let code = w.invite_code.as_str();
        let participant = w.participant_id.as_str();

        for (who, person) in &w.people {
            let who = *who;
            let name = format!("Renamed by {who:?}");
            let calls: Vec<Call> = vec![
                ("get_current_user", vec![], anyone),
                ("list_projects", vec![], signed_in),
                ("get_project", vec![("project_id", p)], members_read),
                (
                    "update_project",
                    vec![
                        ("project_id", p),
                        ("base_seq", "1"),
                        ("name", &name),
                        ("purpose", "x"),
                    ],
                    leads_only,
                ),
                (
                    "create_invite",
                    vec![("project_id", p), ("role", "participant")],
                    leads_only,
                ),
                (
                    "set_member_role",
                    vec![
                        ("project_id", p),
                        ("member_id", participant),
                        ("role", "participant"),
                    ],
                    leads_only,
                ),
                (
                    "set_my_profession",
                    vec![("project_id", p), ("profession", "physician")],
                    contributors,
                ),
                ("preview_invite", vec![("code", code)], anyone),
                ("set_language", vec![("lang", "en")], anyone),
                (
                    "create_project",
                    vec![("name", "Another"), ("purpose", ""), ("profession", "other")],
                    signed_in,
                ),
            ];
            for (function, args, rule) in calls {
                let got = person.call_with_status(function, &args).await;
                check(backend, function, who, rule(who), &got);
            }

            // The map: contributors only. Each call gets things of its own
            // to change, made by the lead, so that every allowed call can
            // succeed.
            let f = fresh_map_items(&w.app, p).await;
            let base = f.seq.to_string();
            let map_calls: Vec<Call> = vec![
                ("get_trail_state", vec![("project_id", p)], members_read),
                ("get_history", vec![("project_id", p)], members_read),
                ("get_system_flags", vec![("project_id", p)], members_read),
                (
                    "get_state_at",
                    vec![("project_id", p), ("seq", "1")],
                    members_read,
                ),
                (
                    "compare_versions",
                    vec![
                        ("project_id", p),
                        ("item", "project"),
                        ("from_seq", "0"),
                        ("to_seq", "1"),
                    ],
                    members_read,
                ),
                (
                    "create_map",
                    vec![("project_id", p), ("name", "Foreslått")],
                    contributors,
                ),
                (
                    "add_element",
                    vec![
                        ("project_id", p),
                        ("map_id", &f.map),
                        ("kind", "role"),
                        ("name", "Fastlege"),
                    ],
                    contributors,
                ),
                (
                    "edit_element",
                    vec![
                        ("project_id", p),
                        ("base_seq", &base),
                        ("element_id", &f.a),
                        ("name", "Nytt navn"),
                    ],
                    contributors,
                ),
                (
                    "move_element",
                    vec![("project_id", p), ("element_id", &f.a), ("x", "5"), ("y", "7")],
                    contributors,
                ),
                (
                    "arrange_map",
                    vec![("project_id", p), ("map_id", &f.map)],
                    contributors,
                ),
                (
                    "add_link",
                    vec![
                        ("project_id", p),
                        ("map_id", &f.map),
                        ("from", &f.a),
                        ("to", &f.b),
                        ("kind", "uses"),
                    ],
                    contributors,
                ),
                (
                    "edit_link",
                    vec![
                        ("project_id", p),
                        ("base_seq", &base),
                        ("link_id", &f.link),
                        ("kind", "hand_over"),
                    ],
                    contributors,
                ),
                (
                    "raise_pain_point",
                    vec![("project_id", p), ("target", &f.a), ("text", "Ikke oppdatert")],
                    contributors,
                ),
                (
                    "remove_pain_point",
                    vec![
                        ("project_id", p),
                        ("base_seq", &base),
                        ("pain_point_id", &f.pain_point),
                    ],
                    contributors,
                ),
                (
                    "remove_link",
                    vec![("project_id", p), ("base_seq", &base), ("link_id", &f.link)],
                    contributors,
                ),
                (
                    "remove_element",
                    vec![("project_id", p), ("base_seq", &base), ("element_id", &f.b)],
                    contributors,
                ),
                ("undo", vec![("project_id", p)], contributors),
            ];
            for (function, args, rule) in map_calls {
                let got = person.call_with_status(function, &args).await;
                check(backend, function, who, rule(who), &got);
            }

            // Information fields: anyone taking part proposes and rates;
            // leads and facilitators edit and retire.
            let (seq, field, duplicate, context) = fresh_fields_and_context(&w.app, p).await;
            let base = seq.to_string();
            let fields_calls: Vec<Call> = vec![
                (
                    "propose_field",
                    vec![("project_id", p), ("name", "Fastlege")],
                    contributors,
                ),
                (
                    "propose_context",
                    vec![("project_id", p), ("name", "Kveldsbesøk")],
                    contributors,
                ),
                (
                    "rate_cell",
                    vec![
                        ("project_id", p),
                        ("field_id", &field),
                        ("context_id", &context),
                        ("rating", "essential"),
                    ],
                    contributors,
                ),
                (
                    "withdraw_rating",
                    vec![("project_id", p), ("field_id", &field), ("context_id", &context)],
                    contributors,
                ),
                (
                    "edit_field",
                    vec![
                        ("project_id", p),
                        ("base_seq", &base),
                        ("field_id", &field),
                        ("name", "Allergier og CAVE"),
                    ],
                    curators,
                ),
                (
                    "edit_context",
                    vec![
                        ("project_id", p),
                        ("base_seq", &base),
                        ("context_id", &context),
                        ("name", "Første hjemmebesøk"),
                    ],
                    curators,
                ),
                (
                    "merge",
                    vec![
                        ("project_id", p),
                        ("base_seq", &base),
                        ("kept", &field),
                        ("merged", &duplicate),
                    ],
                    curators,
                ),
                (
                    "retire",
                    vec![("project_id", p), ("base_seq", &base), ("id", &field)],
                    curators,
                ),
                (
                    "retire",
                    vec![("project_id", p), ("base_seq", &base), ("id", &context)],
                    curators,
                ),
            ];
            for (function, args, rule) in fields_calls {
                let got = person.call_with_status(function, &args).await;
                check(backend, function, who, rule(who), &got);
            }

            // Importing a spreadsheet: leads and facilitators. The file
            // waits in the person's own session between preview and import.
            let csv = format!("Name\nFra regneark ({who:?})\n");
            let got = person
                .call_with_status("preview_import", &[("project_id", p), ("csv", &csv)])
                .await;
            check(backend, "preview_import", who, curators(who), &got);
            let got = person
                .call_with_status("get_import_preview", &[("project_id", p)])
                .await;
            check(backend, "get_import_preview", who, curators(who), &got);
            let digest = got
                .1
                .as_ref()
                .ok()
                .and_then(|v| v["digest"].as_str())
                .unwrap_or("none")
                .to_owned();
            let got = person
                .call_with_status("import_rows", &[("project_id", p), ("digest", &digest)])
                .await;
            check(backend, "import_rows", who, curators(who), &got);
            let got = person
                .call_with_status("cancel_import", &[("project_id", p)])
                .await;
            check(backend, "cancel_import", who, curators(who), &got);

            // Anonymous rounds: leads and facilitators start and close one;
            // everyone taking part rates in it. Each person finds one running.
            let lead = &w.people.iter().find(|(w, _)| *w == Lead).unwrap().1;
            let (_, field, _, context) = fresh_fields_and_context(&w.app, p).await;
            let round = fresh_round(lead, p, &context).await;
            let round_calls: Vec<Call> = vec![
                (
                    "cast_ballot",
                    vec![
                        ("project_id", p),
                        ("round_id", &round),
                        ("field_id", &field),
                        ("context_id", &context),
                        ("rating", "useful"),
                    ],
                    contributors,
                ),
                (
                    "get_own_ballots",
                    vec![("project_id", p), ("round_id", &round)],
                    members_read,
                ),
                (
                    "close_round",
                    vec![("project_id", p), ("round_id", &round)],
                    curators,
                ),
                (
                    "start_round",
                    vec![("project_id", p), ("context_ids[0]", &context)],
                    curators,
                ),
            ];
            for (function, args, rule) in round_calls {
                let got = person.call_with_status(function, &args).await;
                check(backend, function, who, rule(who), &got);
            }

            crate::matrix_decisions::check_decision_calls(backend, who, person, lead, p).await;
            crate::matrix_workshops::check_workshop_calls(&w.app, backend, who, person, lead, p).await;
        }

        // Refused calls changed nothing: only the lead's rename took effect,
        // the observer's profession is as they joined.
        let lead = &w.people.iter().find(|(w, _)| *w == Lead).unwrap().1;
        let view = lead.call("get_project", &[("project_id", p)]).await.unwrap();
        assert_eq!(view["name"], "Renamed by Lead", "{backend:?}");
        let observer = view["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["display_name"] == "observer")
            .unwrap();
        assert_eq!(observer["profession"], "Nurse", "{backend:?}");
        assert_eq!(observer["role"], "Observer", "{backend:?}");

        // A non-member's list does not include the project.
        let outsider = &w.people.iter().find(|(w, _)| *w == NonMember).unwrap().1;
        let list = outsider.call("list_projects", &[]).await.unwrap();
        assert!(
            list.as_array().unwrap().iter().all(|x| x["id"] != p),
            "{backend:?}"
        );

        // A non-member gets the same answer for a real project as for one
        // that does not exist.
        let unknown = uuid::Uuid::now_v7().to_string();
        let real = outsider.call("get_project", &[("project_id", p)]).await;
        let missing = outsider.call("get_project", &[("project_id", &unknown)]).await;
        assert_eq!(real, missing, "{backend:?}");

        // Joining and signing out: anyone signed in may join with a code.
        for (who, person) in &w.people {
            let got = person
                .call_with_status("join_project", &[("code", code), ("profession", "other")])
                .await;
            check(backend, "join_project", *who, signed_in(*who), &got);
            let got = person.call_with_status("sign_out", &[]).await;
            check(backend, "sign_out", *who, anyone(*who), &got);
        }
        drop(w.app);
    }
}
