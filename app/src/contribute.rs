//! The one way a server function changes a project's content: signed in, a
//! member, not an observer; then the command goes to the trail, with the
//! workshop it was made in, if any.

use crate::auth::server::require_user;
use crate::error::{AppError, AppResult, Problem};
use crate::features::{Append, Command, Event, Request};
use crate::people::Role;
use crate::projects::server::{require_member, Membership};
use crate::state::app_state;
use crate::trail::Seq;

/// Where and on what version a change was made.
#[derive(Debug, Clone, Default)]
pub struct Made {
    /// The version the person's page showed; `None` where no conflict is
    /// possible.
    pub base_seq: Option<Seq>,
    /// The workshop it was made in, if any.
    pub workshop_id: Option<String>,
    /// The form submission, if the form carried a token: sent twice, it
    /// counts once.
    pub token: Option<String>,
}

impl Made {
    pub fn on(base_seq: Seq) -> Self {
        Made {
            base_seq: Some(base_seq),
            ..Made::default()
        }
    }

    /// A form's submission, by the token it carried (empty: none). A token
    /// is letters and digits, at most 64 of them.
    pub fn submission(token: String) -> AppResult<Self> {
        let token = token.trim();
        if token.len() > 64 || !token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(Problem::Malformed.into());
        }
        Ok(Made {
            token: (!token.is_empty()).then(|| token.to_owned()),
            ..Made::default()
        })
    }
}

pub async fn contribute(
    project_id: String,
    made: Made,
    command: impl Into<Command>,
) -> AppResult<Vec<Event>> {
    let command = command.into();
    submit(project_id, made, |_| Ok(Request::Do(command))).await
}

/// As `contribute`, for commands that only some roles may give (editing a
/// field is for leads and facilitators, say).
pub async fn contribute_if(
    project_id: String,
    made: Made,
    allowed: fn(Role) -> bool,
    command: impl Into<Command>,
) -> AppResult<Vec<Event>> {
    let command = command.into();
    submit(project_id, made, |m| {
        if allowed(m.role) {
            Ok(Request::Do(command))
        } else {
            Err(AppError::Forbidden)
        }
    })
    .await
}

/// As `contribute`, for commands that carry something of the member's
/// (their profession, say).
pub async fn contribute_as<K: Into<Command>>(
    project_id: String,
    made: Made,
    command: impl FnOnce(&Membership) -> K,
) -> AppResult<Vec<Event>> {
    submit(project_id, made, |m| Ok(Request::Do(command(m).into()))).await
}

/// Takes back the person's own latest change.
pub async fn undo(project_id: String) -> AppResult<Vec<Event>> {
    submit(project_id, Made::default(), |_| Ok(Request::Undo)).await
}

async fn submit(
    project_id: String,
    made: Made,
    request: impl FnOnce(&Membership) -> AppResult<Request>,
) -> AppResult<Vec<Event>> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, &project_id, &user).await?;
    if !membership.role.can_edit_content() {
        return Err(AppError::Forbidden);
    }
    let request = request(&membership)?;
    state
        .trail
        .submit(Append {
            project_id,
            actor_id: user.id,
            workshop_id: made.workshop_id,
            base_seq: made.base_seq,
            request,
            curator: membership.role.can_curate(),
            token: made.token,
        })
        .await
}
