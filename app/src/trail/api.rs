//! Server functions for reading a project's trail.

use super::reducer::ProjectState;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{command::Command, server::Append, Event, Seq},
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
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, &project_id, &user).await?;
    if !membership.role.can_edit_content() {
        return Err(AppError::Forbidden);
    }
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
