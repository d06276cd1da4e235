//! Logs written by the code as it was before features became slices
//! (2026-11-26; `golden/*.json`): the demo project and a seeded random map
//! log of 701 events. Stored events never change meaning, so these must
//! verify, decode, encode back to the same bytes and replay to the same
//! state for as long as Samspill exists.

use crate::helpers::*;
use app::features::{Entry, Project, ProjectState};
use app::trail::server::{StoredEvent, Verdict};
use serde_json::{json, Value};

const FIXTURES: [(&str, &str); 2] = [
    ("demo", include_str!("golden/demo.json")),
    ("random_map", include_str!("golden/random_map.json")),
];

/// Puts the fixture's users, project and log rows into the database as
/// they were written.
async fn load(app: &TestApp, fixture: &Value) -> (String, Vec<StoredEvent>) {
    let events: Vec<StoredEvent> = serde_json::from_value(fixture["export"]["events"].clone()).unwrap();
    let project_id = fixture["export"]["project_id"].as_str().unwrap().to_owned();
    for user in fixture["users"].as_array().unwrap() {
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, 'x', 0)",
        )
        .bind(user[0].as_str().unwrap())
        .bind(format!("{}@golden.invalid", user[0].as_str().unwrap()))
        .bind(user[1].as_str().unwrap())
        .execute(&app.pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO projects (id, name, purpose, created_by, created_at) VALUES ($1, '', '', $2, 0)",
    )
    .bind(&project_id)
    .bind(&events[0].actor_id)
    .execute(&app.pool)
    .await
    .unwrap();
    for e in &events {
        sqlx::query(
            "INSERT INTO events (project_id, seq, id, actor_id, at_ms, workshop_id, kind, payload, payload_sha256, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&e.project_id)
        .bind(e.seq)
        .bind(&e.id)
        .bind(&e.actor_id)
        .bind(e.at_ms)
        .bind(e.workshop_id.clone())
        .bind(&e.kind)
        .bind(&e.payload)
        .bind(&e.payload_sha256)
        .bind(&e.hash)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let last = events.last().unwrap();
    sqlx::query("INSERT INTO project_heads (project_id, seq, hash) VALUES ($1, $2, $3)")
        .bind(&project_id)
        .bind(last.seq)
        .bind(&last.hash)
        .execute(&app.pool)
        .await
        .unwrap();
    (project_id, events)
}

/// The parts of the state the fixture recorded, in its words.
fn summary(s: &ProjectState) -> Value {
    json!({
        "seq": s.seq,
        "name": s.project.name,
        "purpose": s.project.purpose,
        "maps": s.map.maps,
        "elements": s.map.elements,
        "links": s.map.links,
        "pain_points": s.map.pain_points,
        "undo": s.undo,
    })
}

#[tokio::test]
async fn logs_written_before_feature_slices_verify_decode_and_replay_to_the_same_state() {
    for backend in BACKENDS {
        for (name, text) in FIXTURES {
            let fixture: Value = serde_json::from_str(text).unwrap();
            let app = spawn_app(backend).await;
            let (project_id, stored) = load(&app, &fixture).await;

            let verdict = app::trail::server::verify(&app.pool, &project_id).await.unwrap();
            assert_eq!(
                verdict,
                Verdict::Intact {
                    events: stored.len() as i64,
                    head: stored.last().unwrap().hash.clone()
                },
                "{backend:?} {name}"
            );

            let mut decoded = Vec::new();
            for s in &stored {
                let event = s
                    .event::<Project>()
                    .unwrap_or_else(|e| panic!("{backend:?} {name}: event {} does not decode: {e}", s.seq));
                // The same kind and the same payload, byte for byte.
                assert_eq!(
                    event.change.encode(),
                    (s.kind.clone(), s.payload.clone()),
                    "{name} {}",
                    s.seq
                );
                let wire = serde_json::to_string(&event.change).unwrap();
                assert_eq!(serde_json::from_str::<Entry>(&wire).unwrap(), event.change);
                decoded.push(event);
            }

            let replayed = ProjectState::replay(&project_id, &decoded).unwrap();
            assert_eq!(
                summary(&replayed),
                fixture["state"],
                "{backend:?} {name}: replayed"
            );
            let current = app.trail.current(&project_id).await.unwrap().state.clone();
            assert_eq!(
                summary(&current),
                fixture["state"],
                "{backend:?} {name}: through the trail"
            );
        }
    }
}
