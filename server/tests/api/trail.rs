use crate::helpers::*;
use app::error::AppError;
use app::features::{Append, Project, Request};
use app::map::commands::MapCommand as Command;
use app::trail::server::{self as trail, Verdict};

fn append(project_id: &str, actor: &str, command: Command) -> Append {
    Append {
        project_id: project_id.to_owned(),
        actor_id: actor.to_owned(),
        workshop_id: None,
        base_seq: None,
        request: Request::Do(command.into()),
        curator: true,
        token: None,
    }
}

#[tokio::test]
async fn every_change_is_an_event_and_the_chain_verifies() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        lead.call(
            "update_project",
            &[
                ("project_id", &id),
                ("base_seq", "1"),
                ("name", "Trygg hjemreise"),
                ("purpose", "Hvorfor"),
            ],
        )
        .await
        .unwrap();
        let events = trail::load_events::<Project>(&app.pool, &id, 0, 100)
            .await
            .unwrap();
        assert_eq!(events.len(), 2, "{backend:?}");
        assert_eq!(events[0].seq, 1);
        assert_eq!(events[1].seq, 2);
        assert_eq!(events[1].actor_id, lead.id());
        let verdict = trail::verify(&app.pool, &id).await.unwrap();
        assert!(
            matches!(verdict, Verdict::Intact { events: 2, .. }),
            "{backend:?}: {verdict:?}"
        );
        // The current-state table moved in the same transaction.
        let view = lead.call("get_project", &[("project_id", &id)]).await.unwrap();
        assert_eq!(view["name"], "Trygg hjemreise");
        assert_eq!(view["seq"], 2);
    }
}

#[tokio::test]
async fn two_writes_on_the_same_version_one_wins_the_other_hears_who() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (hanne, id) = lead_with_project(&app).await;
        let invite = hanne
            .call("create_invite", &[("project_id", &id), ("role", "lead")])
            .await
            .unwrap();
        let kari = Person::sign_up(&app, "Kari", "kari@example.org").await;
        kari.call(
            "join_project",
            &[
                ("code", invite["code"].as_str().unwrap()),
                ("profession", "nurse"),
            ],
        )
        .await
        .unwrap();
        // Both loaded the page at version 1 and save at once.
        let hannes = [
            ("project_id", id.as_str()),
            ("base_seq", "1"),
            ("name", "Hannes navn"),
            ("purpose", ""),
        ];
        let karis = [
            ("project_id", id.as_str()),
            ("base_seq", "1"),
            ("name", "Karis navn"),
            ("purpose", ""),
        ];
        let (a, b) = tokio::join!(
            hanne.call("update_project", &hannes),
            kari.call("update_project", &karis),
        );
        let (winner, winner_person, loser_error) = match (&a, &b) {
            (Ok(_), Err(e)) => ("Hannes navn", "Hanne", e.clone()),
            (Err(e), Ok(_)) => ("Karis navn", "Kari", e.clone()),
            other => panic!("{backend:?}: exactly one must win: {other:?}"),
        };
        match loser_error {
            AppError::Conflict(c) => {
                assert_eq!(c.item, winner, "{backend:?}");
                assert_eq!(
                    c.by, winner_person,
                    "{backend:?}: the conflict names the other person"
                );
            }
            other => panic!("{backend:?}: expected a conflict, got {other:?}"),
        }
        let view = hanne.call("get_project", &[("project_id", &id)]).await.unwrap();
        assert_eq!(view["name"], winner);
        assert_eq!(
            trail::load_events::<Project>(&app.pool, &id, 0, 10)
                .await
                .unwrap()
                .len(),
            2
        );
    }
}

#[tokio::test]
async fn concurrent_appends_get_gapless_sequence_numbers() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        let mut tasks = Vec::new();
        for i in 0..200 {
            let t = app.trail.clone();
            let (id, actor) = (id.clone(), lead.id().to_owned());
            tasks.push(tokio::spawn(async move {
                t.submit(append(
                    &id,
                    &actor,
                    Command::CreateMap {
                        name: format!("Kart {i}"),
                    },
                ))
                .await
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.extend(t.await.unwrap().unwrap().iter().map(|e| e.seq));
        }
        seqs.sort();
        assert_eq!(seqs, (2..=201).collect::<Vec<_>>(), "{backend:?}");
        assert!(matches!(
            trail::verify(&app.pool, &id).await.unwrap(),
            Verdict::Intact { events: 201, .. }
        ));
    }
}

#[tokio::test]
async fn any_earlier_state_can_be_rebuilt_by_version_and_by_time() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, id) = lead_with_project(&app).await;
    // Enough events to cross several snapshots.
    for i in 0..700 {
        app.trail
            .submit(append(
                &id,
                lead.id(),
                Command::CreateMap {
                    name: format!("Kart {i}"),
                },
            ))
            .await
            .unwrap();
    }
    let (snapshots,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM snapshots WHERE project_id = $1")
        .bind(&id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(snapshots >= 2, "{snapshots}");
    let all = trail::load_events::<Project>(&app.pool, &id, 0, 10_000)
        .await
        .unwrap();
    for seq in [1, 255, 256, 257, 300, 513, 701] {
        let rebuilt = trail::state_at::<Project>(&app.pool, &id, seq).await.unwrap();
        let expected = app::features::ProjectState::replay(&id, &all[..seq as usize]).unwrap();
        assert_eq!(rebuilt, expected, "at {seq}");
    }
    assert_eq!(
        trail::state_at::<Project>(&app.pool, &id, 301)
            .await
            .unwrap()
            .map
            .maps
            .len(),
        300
    );
    let at = all[99].at_ms;
    let by_time = trail::state_at_time::<Project>(&app.pool, &id, at).await.unwrap();
    assert!(by_time.seq >= 100 && all[by_time.seq as usize - 1].at_ms <= at);
    assert_eq!(
        trail::state_at_time::<Project>(&app.pool, &id, 0)
            .await
            .unwrap()
            .seq,
        0
    );
}

#[tokio::test]
async fn changing_one_payload_byte_in_the_database_is_found_by_verify() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        for i in 0..5 {
            app.trail
                .submit(append(
                    &id,
                    lead.id(),
                    Command::CreateMap {
                        name: format!("Kart {i}"),
                    },
                ))
                .await
                .unwrap();
        }
        sqlx::query("UPDATE events SET payload = REPLACE(payload, 'Kart 2', 'Kart 3') WHERE project_id = $1 AND seq = 4")
            .bind(&id)
            .execute(&app.pool)
            .await
            .unwrap();
        match trail::verify(&app.pool, &id).await.unwrap() {
            Verdict::Broken { seq, .. } => assert_eq!(seq, 4, "{backend:?}"),
            other => panic!("{backend:?}: tampering not found: {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_export_verifies_without_samspill() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, id) = lead_with_project(&app).await;
    for name in ["I dag", "Foreslått", "Æ, ø og å – «sitater» og \"fnutter\" <b>"] {
        app.trail
            .submit(append(&id, lead.id(), Command::CreateMap { name: name.into() }))
            .await
            .unwrap();
    }
    let export = trail::export(&app.pool, &id).await.unwrap();
    let dir = std::env::temp_dir().join(format!("samspill-export-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("export.json");
    std::fs::write(&file, serde_json::to_string_pretty(&export).unwrap()).unwrap();

    // An independent verifier, written in Python from the documented format.
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/verify_export.py");
    let ok = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("4 events"));

    let mut tampered: serde_json::Value = serde_json::to_value(&export).unwrap();
    tampered["events"][2]["payload"] =
        serde_json::Value::String(r#"{"map_id":"x","name":"Forfalsket"}"#.into());
    std::fs::write(&file, serde_json::to_string(&tampered).unwrap()).unwrap();
    let bad = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stdout).contains("event 3"));
}

#[tokio::test]
async fn the_verify_command_names_the_tampered_event_and_export_writes_the_log() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, id) = lead_with_project(&app).await;
    for i in 0..3 {
        app.trail
            .submit(append(
                &id,
                lead.id(),
                Command::CreateMap {
                    name: format!("Kart {i}"),
                },
            ))
            .await
            .unwrap();
    }
    let samspill = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_samspill"))
            .args(args)
            .args(["--database-url", &app.database_url, "--log", "warn"])
            .output()
            .unwrap()
    };
    let ok = samspill(&["verify", &id]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("chain intact, 4 events"));

    let exported = samspill(&["export", &id, "--format", "json"]);
    assert!(exported.status.success());
    let export: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(export["events"].as_array().unwrap().len(), 4);
    assert_eq!(export["events"][3]["seq"], 4);

    sqlx::query("UPDATE events SET at_ms = at_ms + 1 WHERE project_id = $1 AND seq = 3")
        .bind(&id)
        .execute(&app.pool)
        .await
        .unwrap();
    let broken = samspill(&["verify", &id]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("chain broken at event 3"),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
    let unknown = samspill(&["verify", "no-such-project"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no project"));
}

#[tokio::test]
async fn an_event_keeps_the_workshop_it_was_made_in_and_the_history_filters_by_it() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        let mut in_workshop = append(&id, lead.id(), Command::CreateMap { name: "I dag".into() });
        in_workshop.workshop_id = Some("verksted-1".into());
        let written = app.trail.submit(in_workshop).await.unwrap();
        assert_eq!(
            written[0].workshop_id.as_deref(),
            Some("verksted-1"),
            "{backend:?}"
        );
        app.trail
            .submit(append(&id, lead.id(), Command::CreateMap { name: "Ny".into() }))
            .await
            .unwrap();

        let stored = trail::load_events::<Project>(&app.pool, &id, 0, 10)
            .await
            .unwrap();
        assert_eq!(
            stored[1].workshop_id.as_deref(),
            Some("verksted-1"),
            "{backend:?}"
        );
        assert_eq!(stored[2].workshop_id, None, "{backend:?}");
        // It is part of what the chain covers.
        assert!(matches!(
            trail::verify(&app.pool, &id).await.unwrap(),
            Verdict::Intact { events: 3, .. }
        ));
        let history = lead
            .call("get_history", &[("project_id", &id), ("workshop", "verksted-1")])
            .await
            .unwrap();
        assert_eq!(history["matched"], 1, "{backend:?}: {history}");
        assert_eq!(
            history["workshops"],
            serde_json::json!(["verksted-1"]),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn a_long_history_comes_in_pages_and_the_older_page_holds_the_rest() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        for n in 0..130 {
            app.trail
                .submit(append(
                    &id,
                    lead.id(),
                    Command::CreateMap {
                        name: format!("Kart {n}"),
                    },
                ))
                .await
                .unwrap();
        }
        let first = lead.call("get_history", &[("project_id", &id)]).await.unwrap();
        let seqs = |h: &serde_json::Value| -> Vec<i64> {
            h["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["seq"].as_i64().unwrap())
                .collect()
        };
        let newest = seqs(&first);
        assert_eq!(newest.len(), 100, "{backend:?}");
        assert_eq!(newest[0], 131, "{backend:?}: the newest comes first");
        assert_eq!(first["matched"], 131, "{backend:?}");
        let older = first["older"].as_i64().expect("a link to older events");
        assert_eq!(older, 32, "{backend:?}: the last one shown");

        let rest = lead
            .call(
                "get_history",
                &[("project_id", &id), ("before", &older.to_string())],
            )
            .await
            .unwrap();
        assert_eq!(seqs(&rest), (1..32).rev().collect::<Vec<_>>(), "{backend:?}");
        assert!(rest["older"].is_null(), "{backend:?}: nothing older");
        assert_eq!(rest["matched"], 131, "{backend:?}");
    }
}
