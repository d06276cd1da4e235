//! Server functions for anonymous rounds. Leads and facilitators start and
//! close a round; anyone taking part rates in it. Arguments are flat form
//! fields, so each works as a plain HTML form.

use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    super::slice::RoundsCommand,
    crate::auth::server::require_user,
    crate::contribute::{contribute_if, Made},
    crate::error::Problem,
    crate::people::Role,
    crate::projects::server::require_member,
    crate::state::app_state,
};

/// Starts a round on the ticked contexts of use (`context_ids[<n>]`).
#[server(prefix = "/api", endpoint = "start_round", output = crate::json::JsonAnswer)]
pub async fn start_round(
    project_id: String,
    #[server(default)] context_ids: Vec<String>,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::submission(token)?,
        Role::can_curate,
        RoundsCommand::Start { context_ids },
    )
    .await?;
    Ok(())
}

/// The person's rating of a cell in the running round: kept apart from
/// everything anyone can read until the round closes. Sent again, it
/// replaces the person's earlier ballot for the cell.
#[server(prefix = "/api", endpoint = "cast_ballot", output = crate::json::JsonAnswer)]
pub async fn cast_ballot(
    project_id: String,
    round_id: String,
    field_id: String,
    context_id: String,
    rating: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::fields::commands::REASON_MAX_CHARS;
    use crate::fields::model::Rating;
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, &project_id, &user).await?;
    if !membership.role.can_edit_content() {
        return Err(AppError::Forbidden);
    }
    let rating = Rating::parse(&rating).ok_or(Problem::UnknownOption)?;
    let reason = crate::text::free_text(&reason, REASON_MAX_CHARS, Problem::TextTooLong)?;
    let head = state.trail.current(&project_id).await?;
    let content = &head.state.content;
    // A ballot is an edit too: a locked workshop holds it back.
    if content.workshops.running().is_some_and(|w| w.locked) && !membership.role.can_curate() {
        return Err(Problem::EditingLocked.into());
    }
    let round = content
        .rounds
        .rounds
        .get(&round_id)
        .filter(|r| r.closed.is_none())
        .ok_or(Problem::RoundNotRunning)?;
    if !round.context_ids.contains(&context_id) {
        return Err(Problem::NotInRound.into());
    }
    if content.fields.fields.get(&field_id).is_none_or(|f| f.retired) {
        return Err(AppError::NotFound);
    }
    super::server::cast(
        &state.pool,
        state.trail.is_postgres(),
        super::server::Cast {
            round_id: &round_id,
            user_id: &user.id,
            field_id: &field_id,
            context_id: &context_id,
            rating,
            profession: Some(membership.profession),
            reason: &reason,
        },
    )
    .await
}

/// The person's own ballots in a running round, by cell (`field~context`):
/// what they chose, which only they see.
#[server(prefix = "/api", endpoint = "get_own_ballots", output = crate::json::JsonAnswer)]
pub async fn get_own_ballots(
    project_id: String,
    round_id: String,
) -> Result<BTreeMap<String, String>, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?;
    if !head.state.content.rounds.rounds.contains_key(&round_id) {
        return Err(AppError::NotFound);
    }
    let own = super::server::own_ballots(&state.pool, &round_id, &user.id).await?;
    Ok(own
        .into_iter()
        .map(|((field, context), rating)| {
            (
                crate::fields::slice::cell_item(&field, &context),
                rating.as_str().to_owned(),
            )
        })
        .collect())
}

/// Closes the round: its ballots enter the trail without names, and the
/// results show. Ballots sent after this are refused.
#[server(prefix = "/api", endpoint = "close_round", output = crate::json::JsonAnswer)]
pub async fn close_round(project_id: String, round_id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, &project_id, &user).await?;
    if !membership.role.can_curate() {
        return Err(AppError::Forbidden);
    }
    let (ballots, participants) = super::server::gather(&state.pool, &project_id, &round_id).await?;
    contribute_if(
        project_id,
        Made::default(),
        Role::can_curate,
        RoundsCommand::Close {
            round_id,
            ballots,
            participants,
        },
    )
    .await?;
    Ok(())
}
