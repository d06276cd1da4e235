//! Server functions for reading a project's trail, and for undo.

// For the file: `#[server]` leaves the `allow` on a function out of the
// copy it makes for the browser.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::features::{History, ProjectState};
use crate::trail::history::Comparison;
use crate::trail::Seq;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::server::require_user,
    crate::error::AppResult,
    crate::features::Project,
    crate::projects::server::require_member,
    crate::state::{app_state, AppState},
    crate::trail::Viewer,
};

/// The person asking, as a viewer of the project: signed in and a member.
#[cfg(feature = "ssr")]
async fn viewer(state: &AppState, project_id: &str) -> AppResult<Viewer> {
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, project_id, &user).await?;
    Ok(Viewer {
        user_id: user.id,
        role: membership.role,
    })
}

/// `"map,project"` → the slices a page shows; empty for all of them.
#[cfg(feature = "ssr")]
pub fn slice_list(slices: &str) -> Vec<&str> {
    slices
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The project's content as of now, with its version, as far as a page
/// showing `slices` (comma-separated, empty for all) needs it; the page
/// then follows the live stream from that version.
#[server(prefix = "/api", endpoint = "get_trail_state", output = crate::json::JsonAnswer)]
pub async fn get_trail_state(
    project_id: String,
    #[server(default)] slices: String,
) -> Result<ProjectState, AppError> {
    let state = app_state()?;
    let viewer = viewer(&state, &project_id).await?;
    let head = state.trail.current(&project_id).await?;
    Ok(head.state.view_for(&slice_list(&slices), &viewer))
}

/// The history, newest first, filtered by kind, person, workshop, date
/// (`YYYY-MM-DD`, inclusive) and the item it is about. Empty filters match
/// everything. A page holds the newest `HISTORY_PAGE`, or those `before` a
/// version.
// Each argument is one of the history page's query parameters (its filters
// are a GET form), so they stay apart rather than in one struct.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "get_history", output = crate::json::JsonAnswer)]
pub async fn get_history(
    project_id: String,
    #[server(default)] kind: String,
    #[server(default)] person: String,
    #[server(default)] workshop: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] about: String,
    #[server(default)] before: Option<Seq>,
) -> Result<History, AppError> {
    use crate::trail::history::{parse_date, Filter, HistoryBuilder, Person};
    use crate::trail::server::load_events;
    let state = app_state()?;
    let viewer = viewer(&state, &project_id).await?;
    let filter = Filter {
        kind,
        person,
        workshop,
        from_ms: parse_date(&from),
        to_ms: parse_date(&to).map(|t| t + 86_400_000),
        about,
        before,
    };
    let mut history = HistoryBuilder::<Project>::new(&project_id, filter, viewer);
    loop {
        let page = load_events::<Project>(&state.pool, &project_id, history.seq(), 5000).await?;
        if page.is_empty() {
            break;
        }
        for e in &page {
            history.add(e).map_err(|err| {
                tracing::error!(error = %err, "history: log does not fold");
                AppError::Internal
            })?;
        }
    }
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.display_name, m.profession FROM users u \
         LEFT JOIN memberships m ON m.user_id = u.id AND m.project_id = $1 \
         WHERE u.id IN (SELECT DISTINCT actor_id FROM events WHERE project_id = $1) \
         ORDER BY u.display_name",
    )
    .bind(&project_id)
    .fetch_all(&state.pool)
    .await?;
    let people = rows
        .into_iter()
        .map(|(id, name, profession)| Person {
            id,
            name,
            profession: profession.and_then(|p| crate::people::Profession::parse(&p).ok()),
        })
        .collect();
    Ok(history.finish(people))
}

/// How one item differs between two versions of the project.
#[server(prefix = "/api", endpoint = "compare_versions", output = crate::json::JsonAnswer)]
pub async fn compare_versions(
    project_id: String,
    item: String,
    from_seq: Seq,
    to_seq: Seq,
) -> Result<Comparison, AppError> {
    let state = app_state()?;
    let viewer = viewer(&state, &project_id).await?;
    let head = state.trail.current(&project_id).await?.state.seq;
    let at = |s: Seq| crate::trail::server::state_at::<Project>(&state.pool, &project_id, s.clamp(0, head));
    let before = at(from_seq).await?.view_for(&[], &viewer);
    let after = at(to_seq).await?.view_for(&[], &viewer);
    let mut comparison = crate::trail::history::compare(&before, &after, &item, &|k| k.to_owned());
    // Each version by the moment it was made and who made it.
    let rows: Vec<(i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT e.seq, e.at_ms, u.display_name FROM events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.project_id = $1 AND (e.seq = $2 OR e.seq = $3)",
    )
    .bind(&project_id)
    .bind(comparison.from_seq)
    .bind(comparison.to_seq)
    .fetch_all(&state.pool)
    .await?;
    let version = |seq: Seq| {
        rows.iter()
            .find(|(s, _, _)| *s == seq)
            .map(|(seq, at_ms, by)| crate::trail::history::Version {
                seq: *seq,
                at_ms: *at_ms,
                by: by.clone().unwrap_or_default(),
            })
    };
    comparison.from = version(comparison.from_seq);
    comparison.to = version(comparison.to_seq);
    Ok(comparison)
}

/// The project as it was right after event `seq`, as far as a page showing
/// `slices` needs it.
#[server(prefix = "/api", endpoint = "get_state_at", output = crate::json::JsonAnswer)]
pub async fn get_state_at(
    project_id: String,
    seq: Seq,
    #[server(default)] slices: String,
) -> Result<ProjectState, AppError> {
    let state = app_state()?;
    let viewer = viewer(&state, &project_id).await?;
    let head = state.trail.current(&project_id).await?.state.seq;
    let then =
        crate::trail::server::state_at::<Project>(&state.pool, &project_id, seq.clamp(0, head)).await?;
    Ok(then.view_for(&slice_list(&slices), &viewer))
}

/// Takes back the person's own latest change, as a new event.
#[server(prefix = "/api", endpoint = "undo", output = crate::json::JsonAnswer)]
pub async fn undo(project_id: String) -> Result<(), AppError> {
    crate::contribute::undo(project_id).await?;
    Ok(())
}
