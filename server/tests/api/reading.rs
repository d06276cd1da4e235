//! The browser reads the server's answers with `app::json::Read`, not
//! serde's derived decoding. On the demo project's real answers (every
//! slice of its state, every page of its history, comparisons, errors),
//! what it reads is what serde reads from the same text.

use crate::fields::demo_signed_in;
use crate::helpers::*;
use app::features::{History, ProjectState};
use app::json::{from_text, Read};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

/// The answer's text, read both ways: they must agree.
async fn read<T>(person: &Person, endpoint: &str, form: &[(&str, &str)]) -> T
where
    T: Read + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = person.post(endpoint, form).await.text().await.unwrap();
    let by_serde: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{endpoint}: {e}: {text}"));
    let read: T = from_text(&text).unwrap_or_else(|e| panic!("{endpoint}: {e}"));
    assert_eq!(read, by_serde, "{endpoint}");
    read
}

#[tokio::test]
async fn the_browser_reads_the_demo_s_answers_as_serde_does() {
    let app = spawn_app(Backend::Sqlite).await;
    let (demo, p) = demo_signed_in(&app).await;
    let p = p.as_str();
    // One change taken back, so the history holds an undone entry too.
    demo.call("create_map", &[("project_id", p), ("name", "Tatt tilbake")])
        .await
        .unwrap();
    demo.call("undo", &[("project_id", p)]).await.unwrap();

    let text = demo
        .post("get_trail_state", &[("project_id", p)])
        .await
        .text()
        .await
        .unwrap();
    let mut by_serde: ProjectState = serde_json::from_str(&text).unwrap();
    let state: ProjectState = from_text(&text).unwrap();
    // What each person can undo is the server's alone; the browser skips it.
    assert!(!by_serde.undo.is_empty());
    by_serde.undo.clear();
    assert_eq!(state, by_serde);
    assert!(!state.map.elements.is_empty() && !state.map.links.is_empty());
    assert!(!state.fields.ratings.is_empty() && !state.decisions.decisions.is_empty());

    let mut kinds = BTreeSet::new();
    let mut undone = false;
    let mut before = String::new();
    loop {
        let mut form = vec![("project_id", p)];
        if !before.is_empty() {
            form.push(("before", before.as_str()));
        }
        let page: History = read(&demo, "get_history", &form).await;
        for entry in &page.entries {
            kinds.insert(entry.kind.clone());
            undone |= matches!(entry.what, app::trail::history::Said::Undone { .. });
        }
        match page.older {
            Some(older) => before = older.to_string(),
            None => break,
        }
    }
    assert!(undone, "no undone entry");
    assert!(kinds.len() >= 10, "only {kinds:?}");

    let element = state.map.elements.keys().next().unwrap();
    let to = state.seq.to_string();
    let comparison: app::trail::history::Comparison = read(
        &demo,
        "compare_versions",
        &[
            ("project_id", p),
            ("item", element),
            ("from_seq", "0"),
            ("to_seq", &to),
        ],
    )
    .await;
    assert!(!comparison.changes.is_empty());
    let _: app::projects::ProjectView = read(&demo, "get_project", &[("project_id", p)]).await;
    let _: Vec<app::projects::ProjectSummary> = read(&demo, "list_projects", &[]).await;
    let _: Option<app::auth::CurrentUser> = read(&demo, "get_current_user", &[]).await;
    let _: std::collections::BTreeMap<String, app::fields::slice::SystemFlags> =
        read(&demo, "get_system_flags", &[("project_id", p)]).await;
    let error: app::error::AppError = read(&demo, "get_project", &[("project_id", "no-such-project")]).await;
    assert_eq!(error, app::error::AppError::NotFound);
}
