//! Server functions for reading a project's trail.

use super::reducer::ProjectState;
use super::Seq;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{command::Command, server::Append, Event},
    crate::{
        auth::server::require_user, error::AppResult, projects::server::require_member, state::app_state,
    },
};

/// The project's content as of now, with its version; the page then follows
/// the live stream from that version.
#[server(prefix = "/api", endpoint = "get_trail_state")]
pub async fn get_trail_state(project_id: String) -> Result<ProjectState, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;
    Ok(state.trail.current(&project_id).await?.state.clone())
}

/// For server functions that change content: signed in, a member, not an
/// observer; then the command goes to the trail.
#[cfg(feature = "ssr")]
pub async fn contribute(
    project_id: String,
    base_seq: Option<Seq>,
    command: Command,
) -> AppResult<Vec<Event>> {
    contribute_as(project_id, base_seq, |_| command).await
}

/// As `contribute`, for commands that carry something of the member's
/// (their profession, say).
#[cfg(feature = "ssr")]
pub async fn contribute_as(
    project_id: String,
    base_seq: Option<Seq>,
    command: impl FnOnce(&crate::projects::server::Membership) -> Command,
) -> AppResult<Vec<Event>> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, &project_id, &user).await?;
    if !membership.role.can_edit_content() {
        return Err(AppError::Forbidden);
    }
    let command = command(&membership);
    state
        .trail
        .submit(Append {
            project_id,
            actor_id: user.id,
            workshop_id: None,
            base_seq,
            command,
        })
        .await
}

/// The history, newest first, filtered by kind, person, workshop and date
/// (`YYYY-MM-DD`, inclusive). Empty filters match everything.
#[server(prefix = "/api", endpoint = "get_history")]
pub async fn get_history(
    project_id: String,
    #[server(default)] kind: String,
    #[server(default)] person: String,
    #[server(default)] workshop: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<super::history::History, AppError> {
    use super::history::{describe, parse_date, History, HistoryEntry, Person, HISTORY_PAGE};
    use std::collections::BTreeSet;
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;

    let from_ms = parse_date(&from);
    let to_ms = parse_date(&to).map(|t| t + 86_400_000);
    let mut folded = ProjectState::new(&project_id);
    let mut entries = Vec::new();
    let (mut kinds, mut workshops) = (BTreeSet::new(), BTreeSet::new());
    let mut matched = 0;
    loop {
        let page = super::server::load_events(&state.pool, &project_id, folded.seq, 5000).await?;
        if page.is_empty() {
            break;
        }
        for e in &page {
            let (what, item_id) = describe(&folded, e);
            folded.apply(e).map_err(|err| {
                tracing::error!(error = %err, "history: log does not fold");
                AppError::Internal
            })?;
            let event_kind = e.change.kind().to_owned();
            kinds.insert(event_kind.clone());
            if let Some(w) = &e.workshop_id {
                workshops.insert(w.clone());
            }
            let wanted = (kind.is_empty() || kind == event_kind)
                && (person.is_empty() || person == e.actor_id)
                && (workshop.is_empty() || Some(&workshop) == e.workshop_id.as_ref())
                && from_ms.is_none_or(|f| e.at_ms >= f)
                && to_ms.is_none_or(|t| e.at_ms < t);
            if wanted {
                matched += 1;
                entries.push(HistoryEntry {
                    seq: e.seq,
                    at_ms: e.at_ms,
                    actor_id: e.actor_id.clone(),
                    kind: event_kind,
                    workshop_id: e.workshop_id.clone(),
                    what,
                    item_id,
                });
            }
        }
    }
    entries.reverse();
    entries.truncate(HISTORY_PAGE);

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
            profession: profession.and_then(|p| crate::projects::domain::Profession::parse(&p).ok()),
        })
        .collect();
    Ok(History {
        entries,
        matched,
        total: folded.seq as usize,
        people,
        kinds: kinds.into_iter().collect(),
        workshops: workshops.into_iter().collect(),
    })
}

/// How one item differs between two versions of the project.
#[server(prefix = "/api", endpoint = "compare_versions")]
pub async fn compare_versions(
    project_id: String,
    item: String,
    from_seq: Seq,
    to_seq: Seq,
) -> Result<super::history::Comparison, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?.state.seq;
    let clamp = |s: Seq| s.clamp(0, head);
    let before = super::server::state_at(&state.pool, &project_id, clamp(from_seq)).await?;
    let after = super::server::state_at(&state.pool, &project_id, clamp(to_seq)).await?;
    Ok(super::history::compare(&before, &after, &item, &|k| k.to_owned()))
}

/// The whole project as it was right after event `seq`.
#[server(prefix = "/api", endpoint = "get_state_at")]
pub async fn get_state_at(project_id: String, seq: Seq) -> Result<ProjectState, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?.state.seq;
    super::server::state_at(&state.pool, &project_id, seq.clamp(0, head)).await
}
