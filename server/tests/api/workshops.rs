//! Workshops through the server functions, on both backends: a guest joins
//! with the code in two steps and learns nothing of another project; the
//! code works exactly while the workshop runs; locked editing is refused
//! by the server itself; every event made while a workshop runs records it.

use crate::helpers::*;
use app::error::{AppError, Problem};
use serde_json::Value;
use std::time::Instant;

/// A planned workshop of `project` (two activities), its id.
pub(crate) async fn plan(lead: &Person, project: &str) -> String {
    lead.call(
        "plan_workshop",
        &[
            ("project_id", project),
            ("title", "Utskrivning til hjemmet"),
            ("starts_at", "2026-12-03T09:00"),
            ("goal", "Bli enige om hva hjemmetjenesten trenger"),
            ("activity_titles[0]", "Kartlegg overgangen"),
            ("activity_kinds[0]", "map"),
            ("activity_minutes[0]", "10"),
            ("activity_titles[1]", ""),
            ("activity_kinds[1]", "rate"),
            ("activity_minutes[1]", "15"),
            ("activity_titles[2]", "Vurder feltene"),
            ("activity_kinds[2]", "rate"),
            ("activity_minutes[2]", "15"),
        ],
    )
    .await
    .unwrap();
    let state = lead
        .call("get_trail_state", &[("project_id", project)])
        .await
        .unwrap();
    newest(&state)["id"].as_str().unwrap().to_owned()
}

fn newest(state: &Value) -> &Value {
    state["content"]["workshops"]["workshops"]
        .as_object()
        .unwrap()
        .values()
        .max_by_key(|w| w["planned"]["seq"].as_i64().unwrap())
        .unwrap()
}

/// Plans and starts a workshop: its id and join code.
pub(crate) async fn running(lead: &Person, project: &str) -> (String, String) {
    let id = plan(lead, project).await;
    lead.call("start_workshop", &[("project_id", project), ("workshop_id", &id)])
        .await
        .unwrap();
    let state = lead
        .call("get_trail_state", &[("project_id", project)])
        .await
        .unwrap();
    let code = state["content"]["workshops"]["workshops"][&id]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, code)
}

#[tokio::test]
async fn a_guest_joins_with_the_code_in_two_steps_and_learns_nothing_of_another_project() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, project) = lead_with_project(&app).await;
        let (workshop, code) = running(&lead, &project).await;
        assert_eq!(code.len(), 6, "{backend:?}");
        let state = lead
            .call("get_trail_state", &[("project_id", &project)])
            .await
            .unwrap();
        let agenda = &state["content"]["workshops"]["workshops"][&workshop]["agenda"];
        assert_eq!(
            agenda.as_array().unwrap().len(),
            2,
            "{backend:?}: the empty row is left out"
        );

        // Another project, with a workshop of its own.
        let other_lead = Person::sign_up(&app, "Per", "per@example.org").await;
        let other = other_lead
            .call(
                "create_project",
                &[("name", "Legevakt"), ("purpose", ""), ("profession", "physician")],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        let (_, other_code) = running(&other_lead, &other).await;

        // Step one: the code (typed in lower case, with a space); step two:
        // a name and a profession.
        let guest = Person::anonymous(&app);
        let typed = format!("{} {}", &code[..3], &code[3..]).to_lowercase();
        let started = Instant::now();
        let landed = guest
            .call(
                "join_workshop",
                &[
                    ("code", &typed),
                    ("name", "Sykepleier Siri"),
                    ("profession", "nurse"),
                ],
            )
            .await
            .unwrap();
        let took = started.elapsed();
        assert_eq!(
            landed,
            Value::String(format!("/projects/{project}")),
            "{backend:?}"
        );
        assert!(took.as_secs() < 30, "{backend:?}: {took:?}");

        let view = guest
            .call("get_project", &[("project_id", &project)])
            .await
            .unwrap();
        assert_eq!(view["my_role"], "Participant", "{backend:?}");
        assert_eq!(view["my_profession"], "Nurse", "{backend:?}");
        let state = guest
            .call("get_trail_state", &[("project_id", &project)])
            .await
            .unwrap();
        let joined = &state["content"]["workshops"]["workshops"][&workshop]["joined"];
        assert!(
            joined.get(view["my_user_id"].as_str().unwrap()).is_some(),
            "{backend:?}"
        );

        // The other project: nothing, not even that it exists.
        for (function, args) in [
            ("get_project", vec![("project_id", other.as_str())]),
            ("get_trail_state", vec![("project_id", other.as_str())]),
            ("get_history", vec![("project_id", other.as_str())]),
        ] {
            assert_eq!(
                guest.call(function, &args).await,
                Err(AppError::NotFound),
                "{backend:?}: {function}"
            );
        }
        // Nor can the guest join the other project's workshop with its code.
        let (status, got) = guest
            .call_with_status(
                "join_workshop",
                &[("code", &other_code), ("name", "Siri"), ("profession", "nurse")],
            )
            .await;
        assert_eq!((status, got), (403, Err(AppError::Forbidden)), "{backend:?}");

        // A wrong code and a missing name are told apart, and make nobody.
        let users = || async {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
                .fetch_one(&app.pool)
                .await
                .unwrap();
            n
        };
        let before = users().await;
        let stranger = Person::anonymous(&app);
        for (args, problem) in [
            (
                vec![("code", "ZZZZZZ"), ("name", "Ola"), ("profession", "nurse")],
                Problem::WorkshopCodeInvalid,
            ),
            (
                vec![("code", code.as_str()), ("name", " "), ("profession", "nurse")],
                Problem::DisplayNameMissing,
            ),
        ] {
            let (status, got) = stranger.call_with_status("join_workshop", &args).await;
            assert_eq!(
                (status, got),
                (422, Err(AppError::Invalid(problem))),
                "{backend:?}"
            );
        }
        assert_eq!(users().await, before, "{backend:?}");

        // The guest cannot sign in with a password: there is none.
        let guest_email = format!("guest:{}", view["my_user_id"].as_str().unwrap());
        let (status, _) = Person::anonymous(&app)
            .call_with_status("sign_in", &[("email", &guest_email), ("password", "")])
            .await;
        assert!(status == 401 || status == 422, "{backend:?}: {status}");

        // The code stops working when the workshop ends.
        lead.call(
            "end_workshop",
            &[("project_id", &project), ("workshop_id", &workshop)],
        )
        .await
        .unwrap();
        let (status, got) = Person::anonymous(&app)
            .call_with_status(
                "join_workshop",
                &[("code", &code), ("name", "Sen Sofie"), ("profession", "nurse")],
            )
            .await;
        assert_eq!(
            (status, got),
            (422, Err(AppError::Invalid(Problem::WorkshopCodeInvalid))),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn locked_editing_is_refused_by_the_server_and_every_event_records_the_workshop() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, project) = lead_with_project(&app).await;
        let p = project.as_str();
        lead.call("create_map", &[("project_id", p), ("name", "Utskrivning")])
            .await
            .unwrap();
        let (workshop, code) = running(&lead, p).await;
        let nurse = Person::anonymous(&app);
        nurse
            .call(
                "join_workshop",
                &[("code", &code), ("name", "Nina"), ("profession", "nurse")],
            )
            .await
            .unwrap();
        let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
        let map = state["content"]["map"]["maps"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone();
        let add = |person: &'static str, name: &'static str| {
            let (map, project) = (map.clone(), project.clone());
            let person = if person == "nurse" { &nurse } else { &lead };
            async move {
                let args = [
                    ("project_id", project.as_str()),
                    ("map_id", map.as_str()),
                    ("kind", "unit"),
                    ("name", name),
                ];
                person.call_with_status("add_element", &args).await.0
            }
        };
        assert_eq!(add("nurse", "Før låsing").await, 200, "{backend:?}");
        let lock = |locked: &'static str| {
            let (lead, workshop) = (&lead, workshop.clone());
            async move {
                lead.call(
                    "lock_editing",
                    &[("project_id", p), ("workshop_id", &workshop), ("locked", locked)],
                )
                .await
            }
        };
        lock("on").await.unwrap();
        let seq_locked = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap()["seq"].clone();
        assert_eq!(add("nurse", "Mens låst").await, 423, "{backend:?}");
        assert_eq!(
            nurse.call("undo", &[("project_id", p)]).await,
            Err(AppError::Invalid(Problem::EditingLocked)),
            "{backend:?}"
        );
        let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
        assert_eq!(
            state["seq"], seq_locked,
            "{backend:?}: refused while locked, nothing recorded"
        );
        // The facilitator (here the lead) still edits; the participant still
        // says they are done.
        assert_eq!(add("lead", "Fasilitatorens").await, 200, "{backend:?}");
        lead.call(
            "start_activity",
            &[("project_id", p), ("workshop_id", &workshop), ("index", "0")],
        )
        .await
        .unwrap();
        nurse
            .call("mark_done", &[("project_id", p), ("workshop_id", &workshop)])
            .await
            .unwrap();
        lock("").await.unwrap();
        assert_eq!(add("nurse", "Etter opplåsing").await, 200, "{backend:?}");

        // Everything from the start to now is marked with the workshop; the
        // map made before it is not.
        let history = lead
            .call("get_history", &[("project_id", p), ("workshop", &workshop)])
            .await
            .unwrap();
        let kinds: Vec<&str> = history["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        for kind in [
            "workshop_started",
            "workshop_joined",
            "element_added",
            "editing_locked",
            "activity_started",
            "activity_done",
        ] {
            assert!(kinds.contains(&kind), "{backend:?}: {kind} in {kinds:?}");
        }
        assert!(!kinds.contains(&"map_created"), "{backend:?}");
        assert_eq!(
            kinds.iter().filter(|k| **k == "element_added").count(),
            3,
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn a_guest_keeps_their_access_with_an_email_and_a_password() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, project) = lead_with_project(&app).await;
        let (_, code) = running(&lead, &project).await;
        let guest = Person::anonymous(&app);
        guest
            .call(
                "join_workshop",
                &[("code", &code), ("name", "Gunn"), ("profession", "nurse")],
            )
            .await
            .unwrap();
        // Someone else's email, and a full account, are refused.
        assert_eq!(
            guest
                .call(
                    "keep_access",
                    &[("email", "hanne@example.org"), ("password", PASSWORD)]
                )
                .await,
            Err(AppError::Invalid(Problem::EmailTaken)),
            "{backend:?}"
        );
        assert_eq!(
            lead.call(
                "keep_access",
                &[("email", "ny@example.org"), ("password", PASSWORD)]
            )
            .await,
            Err(AppError::Forbidden),
            "{backend:?}"
        );
        guest
            .call(
                "keep_access",
                &[("email", "gunn@example.org"), ("password", PASSWORD)],
            )
            .await
            .unwrap();
        // Signed in again elsewhere, with the same project.
        let again = Person::anonymous(&app);
        again
            .call(
                "sign_in",
                &[("email", "gunn@example.org"), ("password", PASSWORD)],
            )
            .await
            .unwrap();
        let view = again
            .call("get_project", &[("project_id", &project)])
            .await
            .unwrap();
        assert_eq!(view["my_role"], "Participant", "{backend:?}");
        // No longer a guest: keeping access again is refused.
        assert_eq!(
            again
                .call(
                    "keep_access",
                    &[("email", "gunn2@example.org"), ("password", PASSWORD)]
                )
                .await,
            Err(AppError::Forbidden),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn a_whole_room_joins_at_the_same_moment_and_everyone_gets_in() {
    // Forty phones scanning the projector's QR code within the same second:
    // each join writes a guest, a membership, a session and an event, and
    // on SQLite a transaction that read before another wrote must wait for
    // the lock instead of failing with "database is locked".
    const ROOM: usize = 40;
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, project) = lead_with_project(&app).await;
        let (workshop, code) = running(&lead, &project).await;
        let room: Vec<Person> = (0..ROOM).map(|_| Person::anonymous(&app)).collect();
        let answers = futures::future::join_all(room.iter().enumerate().map(|(i, p)| {
            let (code, name) = (code.clone(), format!("Deltaker {i}"));
            async move {
                p.call_with_status(
                    "join_workshop",
                    &[("code", &code), ("name", &name), ("profession", "nurse")],
                )
                .await
            }
        }))
        .await;
        let refused: Vec<_> = answers.iter().filter(|(status, _)| *status != 200).collect();
        assert!(refused.is_empty(), "{backend:?}: {refused:?}");
        let state = lead
            .call("get_trail_state", &[("project_id", &project)])
            .await
            .unwrap();
        let joined = state["content"]["workshops"]["workshops"][&workshop]["joined"]
            .as_object()
            .unwrap()
            .len();
        assert_eq!(joined, ROOM, "{backend:?}");
    }
}
