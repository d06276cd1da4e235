//! What a workshop leaves behind, through the server functions on both
//! backends: a dot vote's totals, shown to nobody until revealed, and the
//! summary computed from the trail.

use crate::helpers::*;
use crate::workshops::running;
use app::error::AppError;
use serde_json::Value;

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
