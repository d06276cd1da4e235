//! Snapshots carry the shape of the state they hold. One of another shape
//! (written before a field was added, say) is passed over: the project is
//! rebuilt from its log and opens as ever, and a snapshot of today's shape
//! takes its place.

use crate::helpers::*;
use app::features::{Append, Project, ProjectState, ProjectTrail, Request};
use app::map::commands::MapCommand;
use app::trail::Domain;

async fn snapshots(app: &TestApp, project: &str) -> Vec<(i64, String, String)> {
    sqlx::query_as("SELECT seq, shape, state FROM snapshots WHERE project_id = $1 ORDER BY seq")
        .bind(project)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

/// Puts a snapshot in place of the project's, as another build would have
/// left it.
async fn replace_snapshot(app: &TestApp, project: &str, shape: &str, state: &str) {
    sqlx::query("UPDATE snapshots SET shape = $1, state = $2 WHERE project_id = $3")
        .bind(shape)
        .bind(state)
        .bind(project)
        .execute(&app.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_snapshot_of_another_shape_is_ignored_and_the_project_still_opens() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        for i in 0..300 {
            app.trail
                .submit(Append {
                    project_id: id.clone(),
                    actor_id: lead.id().to_owned(),
                    workshop_id: None,
                    base_seq: None,
                    request: Request::Do(
                        MapCommand::CreateMap {
                            name: format!("Kart {i}"),
                        }
                        .into(),
                    ),
                    curator: true,
                    token: None,
                })
                .await
                .unwrap();
        }
        let written = snapshots(&app, &id).await;
        assert_eq!(written.len(), 1, "{backend:?}");
        let (seq, shape, json) = &written[0];
        assert_eq!(
            (*seq, shape.as_str()),
            (256, Project::shape().as_str()),
            "{backend:?}"
        );

        // As an older build wrote it: its state lacked a field this build
        // has (the map's pain points) and it said so in its shape.
        let mut old: serde_json::Value = serde_json::from_str(json).unwrap();
        old["content"]["map"]
            .as_object_mut()
            .unwrap()
            .remove("pain_points");
        replace_snapshot(&app, &id, "project:1,map:0", &old.to_string()).await;
        assert!(
            serde_json::from_value::<ProjectState>(old).is_err(),
            "{backend:?}: this build cannot read the old snapshot"
        );

        // A fresh process (nothing cached) opens the project.
        let trail = ProjectTrail::start(app.pool.clone(), false);
        let head = trail.current(&id).await.unwrap();
        let log = app::trail::server::load_events::<Project>(&app.pool, &id, 0, 1000)
            .await
            .unwrap();
        assert_eq!(
            head.state,
            ProjectState::replay(&id, &log).unwrap(),
            "{backend:?}"
        );
        assert_eq!(head.state.map.maps.len(), 300, "{backend:?}");
        let state_at = app::trail::server::state_at::<Project>(&app.pool, &id, 280)
            .await
            .unwrap();
        assert_eq!(state_at.map.maps.len(), 279, "{backend:?}");

        // And keeps a snapshot of today's shape for the next time.
        let now = snapshots(&app, &id).await;
        assert!(
            now.iter()
                .any(|(seq, shape, _)| *seq == 301 && *shape == Project::shape()),
            "{backend:?}: {:?}",
            now.iter().map(|(s, sh, _)| (s, sh)).collect::<Vec<_>>()
        );

        // One of another shape that this build could read (its maps kept
        // elsewhere, say) is passed over all the same: read as today's, it
        // would be wrong.
        let mut other: serde_json::Value = serde_json::from_str(json).unwrap();
        other["content"]["map"]["maps"] = serde_json::json!({});
        replace_snapshot(&app, &id, "project:1,map:0", &other.to_string()).await;
        let trail = ProjectTrail::start(app.pool.clone(), false);
        assert_eq!(
            trail.current(&id).await.unwrap().state.map.maps.len(),
            300,
            "{backend:?}"
        );

        // A snapshot that claims today's shape but does not read is passed
        // over too, never an error.
        replace_snapshot(&app, &id, &Project::shape(), r#"{"not":"a state"}"#).await;
        let trail = ProjectTrail::start(app.pool.clone(), false);
        assert_eq!(
            trail.current(&id).await.unwrap().state.map.maps.len(),
            300,
            "{backend:?}"
        );
        let page = lead
            .call("get_trail_state", &[("project_id", id.as_str())])
            .await
            .unwrap();
        assert_eq!(page["seq"], 301, "{backend:?}");
    }
}
