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
async fn a_dot_vote_counts_each_persons_last_dots_and_shows_nothing_until_revealed() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, project) = lead_with_project(&app).await;
        let p = project.as_str();
        for name in ["Allergier", "Legemiddelliste", "Pårørende"] {
            lead.call("propose_field", &[("project_id", p), ("name", name)])
                .await
                .unwrap();
        }
        let (workshop, code) = running(&lead, p).await;
        let candidates = lead
            .call("get_vote_candidates", &[("project_id", p)])
            .await
            .unwrap();
        let fields: Vec<String> = candidates[0][1]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(fields.len(), 3, "{backend:?}");
        lead.call(
            "open_dot_vote",
            &[
                ("project_id", p),
                ("workshop_id", &workshop),
                ("items[0]", &fields[0]),
                ("items[1]", &fields[1]),
                ("items[2]", &fields[2]),
                ("dots", "3"),
            ],
        )
        .await
        .unwrap();
        let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
        let vote_id = state["content"]["workshops"]["dot_votes"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone();
        let vote = |state: &Value| state["content"]["workshops"]["dot_votes"][&vote_id].clone();
        let labels: Vec<String> = vote(&state)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect();

        let mut people = Vec::new();
        for name in ["Kari", "Per", "Ola"] {
            let person = Person::anonymous(&app);
            person
                .call(
                    "join_workshop",
                    &[("code", &code), ("name", name), ("profession", "nurse")],
                )
                .await
                .unwrap();
            people.push(person);
        }
        let cast = |person: &Person, dots: [&'static str; 3]| {
            let vote_id = vote_id.clone();
            let person = person.client.clone();
            let base = lead.base_url.clone();
            let origin = lead.base_url.clone();
            async move {
                let form = [
                    ("project_id", p),
                    ("vote_id", vote_id.as_str()),
                    ("dots[0]", dots[0]),
                    ("dots[1]", dots[1]),
                    ("dots[2]", dots[2]),
                ];
                let res = person
                    .post(format!("{base}/api/cast_dots"))
                    .header("Origin", origin)
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                let status = res.status().as_u16();
                (status, res.text().await.unwrap())
            }
        };
        // Kari changes her mind: only her last dots count.
        assert_eq!(cast(&people[0], ["3", "0", "0"]).await.0, 200, "{backend:?}");
        assert_eq!(cast(&people[0], ["1", "2", "0"]).await.0, 200, "{backend:?}");
        assert_eq!(cast(&people[1], ["0", "3", "0"]).await.0, 200, "{backend:?}");
        let (status, body) = cast(&people[2], ["2", "2", "0"]).await;
        assert_eq!(status, 422, "{backend:?}: {body}");
        assert!(body.contains("TooManyDots"), "{backend:?}: {body}");
        assert_eq!(cast(&people[2], ["", "1", "1"]).await.0, 200, "{backend:?}");

        // While open: one's own dots and how many voted; no totals anywhere.
        let mine = people[0]
            .call("get_my_dots", &[("project_id", p), ("vote_id", &vote_id)])
            .await
            .unwrap();
        assert_eq!(mine["mine"], serde_json::json!([1, 2, 0]), "{backend:?}");
        assert_eq!(mine["voters"], 3, "{backend:?}");
        let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
        assert!(vote(&state)["revealed"].is_null(), "{backend:?}");
        assert_eq!(
            people[1]
                .call("reveal_dots", &[("project_id", p), ("vote_id", &vote_id)])
                .await,
            Err(AppError::Forbidden),
            "{backend:?}"
        );

        lead.call("reveal_dots", &[("project_id", p), ("vote_id", &vote_id)])
            .await
            .unwrap();
        let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
        let revealed = &vote(&state)["revealed"];
        assert_eq!(
            revealed["totals"],
            serde_json::json!([1, 6, 1]),
            "{backend:?}: {labels:?}"
        );
        assert_eq!(revealed["voters"], 3, "{backend:?}");
        // After the reveal no dot is taken, and none waits.
        let (status, body) = cast(&people[1], ["1", "1", "1"]).await;
        assert_eq!(status, 422, "{backend:?}");
        assert!(body.contains("DotVoteNotOpen"), "{backend:?}: {body}");
        let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM dot_ballots")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(left, 0, "{backend:?}");
    }
}

#[tokio::test]
async fn the_summary_lists_exactly_what_changed_in_the_workshop() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, project) = lead_with_project(&app).await;
        let p = project.as_str();
        // Before the workshop: a map with one element, a field, a context
        // and an open decision.
        lead.call("create_map", &[("project_id", p), ("name", "Utskrivning")])
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
        let add = |name: &'static str| {
            let map = map.clone();
            let lead = &lead;
            async move {
                lead.call(
                    "add_element",
                    &[
                        ("project_id", p),
                        ("map_id", &map),
                        ("kind", "unit"),
                        ("name", name),
                    ],
                )
                .await
                .unwrap();
            }
        };
        add("Sengepost").await;
        lead.call("propose_field", &[("project_id", p), ("name", "Allergier")])
            .await
            .unwrap();
        lead.call(
            "propose_context",
            &[("project_id", p), ("name", "Første hjemmebesøk")],
        )
        .await
        .unwrap();
        lead.call(
            "propose_decision",
            &[
                ("project_id", p),
                ("title", "Vis pårørende"),
                ("options", "Ja\nNei"),
                ("open", "on"),
            ],
        )
        .await
        .unwrap();
        lead.call(
            "propose_decision",
            &[
                ("project_id", p),
                ("title", "Nattevakt"),
                ("options", "A\nB"),
                ("open", "on"),
            ],
        )
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
        lead.call(
            "start_activity",
            &[("project_id", p), ("workshop_id", &workshop), ("index", "0")],
        )
        .await
        .unwrap();
        // In the workshop: an element (with a name that must not become
        // Markdown), a field, two ratings, a decision closed, notes.
        add("Hjemme*tjenesten* [lenke](x)").await;
        nurse
            .call("propose_field", &[("project_id", p), ("name", "Legemiddelliste")])
            .await
            .unwrap();
        let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
        let fields = &state["content"]["fields"];
        let field = fields["fields"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, f)| f["details"]["name"] == "Allergier")
            .unwrap()
            .0
            .clone();
        let context = fields["contexts"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone();
        for person in [&lead, &nurse] {
            person
                .call(
                    "rate_cell",
                    &[
                        ("project_id", p),
                        ("field_id", &field),
                        ("context_id", &context),
                        ("rating", "essential"),
                    ],
                )
                .await
                .unwrap();
        }
        let decision = state["content"]["decisions"]["decisions"]
            .as_object()
            .unwrap()
            .values()
            .find(|d| d["revisions"][0][0]["title"] == "Vis pårørende")
            .unwrap();
        let (d, option) = (
            decision["id"].as_str().unwrap().to_owned(),
            decision["revisions"][0][0]["options"][0]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
        lead.call(
            "take_position",
            &[
                ("project_id", p),
                ("decision_id", &d),
                ("option_id", &option),
                ("stance", "agree"),
            ],
        )
        .await
        .unwrap();
        lead.call(
            "close_decision",
            &[
                ("project_id", p),
                ("decision_id", &d),
                ("outcome", &option),
                ("rationale", "Alle trenger det"),
            ],
        )
        .await
        .unwrap();
        lead.call(
            "write_workshop_notes",
            &[
                ("project_id", p),
                ("workshop_id", &workshop),
                ("notes", "Nina savnet fastlegen"),
            ],
        )
        .await
        .unwrap();
        lead.call("end_workshop", &[("project_id", p), ("workshop_id", &workshop)])
            .await
            .unwrap();
        // After the workshop: not in its summary.
        add("Legevakt").await;

        let summary = lead
            .call(
                "get_workshop_summary",
                &[("project_id", p), ("workshop_id", &workshop)],
            )
            .await
            .unwrap();
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            strings(&summary["elements_added"]),
            ["Hjemme*tjenesten* [lenke](x)"],
            "{backend:?}"
        );
        assert!(strings(&summary["elements_removed"]).is_empty(), "{backend:?}");
        assert_eq!(
            strings(&summary["fields_proposed"]),
            ["Legemiddelliste"],
            "{backend:?}"
        );
        assert_eq!(summary["ratings_given"], 2, "{backend:?}");
        assert_eq!(summary["decided"][0]["title"], "Vis pårørende", "{backend:?}");
        assert_eq!(summary["decided"][0]["outcome"], "Ja", "{backend:?}");
        assert_eq!(summary["decided"].as_array().unwrap().len(), 1, "{backend:?}");
        assert!(
            strings(&summary["left_open"]).is_empty(),
            "{backend:?}: Nattevakt was not touched"
        );
        assert_eq!(
            summary["professions"],
            serde_json::json!([["Nurse", 1]]),
            "{backend:?}"
        );
        assert_eq!(summary["notes"], "Nina savnet fastlegen", "{backend:?}");
        assert!(
            summary["agenda"][0]["actual_ms"].as_i64().unwrap() > 0,
            "{backend:?}"
        );
        assert_eq!(summary["agenda"][1]["actual_ms"], 0, "{backend:?}");
        // The participant's summary has no notes.
        let theirs = nurse
            .call(
                "get_workshop_summary",
                &[("project_id", p), ("workshop_id", &workshop)],
            )
            .await
            .unwrap();
        assert!(theirs["notes"].is_null(), "{backend:?}");

        // The Markdown: the same, with people's words escaped.
        let res = lead
            .client
            .get(format!(
                "{}/export/{p}/workshops/{workshop}/summary.md",
                app.base_url
            ))
            .header("Accept-Language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        let md = res.text().await.unwrap();
        assert!(
            md.starts_with("# Summary: Utskrivning til hjemmet"),
            "{backend:?}: {md}"
        );
        assert!(
            md.contains("- Hjemme\\*tjenesten\\* \\[lenke\\]\\(x\\)"),
            "{backend:?}: {md}"
        );
        assert!(!md.contains("Legevakt"), "{backend:?}");
        assert!(md.contains("Nina savnet fastlegen"), "{backend:?}");
        // A non-member gets nothing.
        let outsider = Person::sign_up(&app, "Ute", "ute@example.org").await;
        let res = outsider
            .client
            .get(format!(
                "{}/export/{p}/workshops/{workshop}/summary.md",
                app.base_url
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{backend:?}");
    }
}
