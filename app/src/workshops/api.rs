//! Server functions for workshops. Leads and facilitators plan and run a
//! workshop; every member joins and says they are done; anyone with a
//! running workshop's code joins it, as a guest if not signed in.
//! Arguments are flat form fields, so each works as a plain HTML form.

// For the file: `#[server]` leaves the `allow` on a function out of the
// copy it makes for the browser.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::commands::{Plan, WorkshopsCommand},
    super::model::{Activity, ActivityKind},
    crate::contribute::{contribute, contribute_if, Made},
    crate::error::Problem,
    crate::people::Role,
};

#[cfg(feature = "ssr")]
fn plan(
    title: String,
    starts_at: String,
    goal: String,
    titles: Vec<String>,
    kinds: Vec<String>,
    minutes: Vec<String>,
) -> Result<Plan, AppError> {
    let mut agenda = Vec::new();
    for (n, title) in titles.into_iter().enumerate() {
        if title.trim().is_empty() {
            continue;
        }
        let kind = kinds
            .get(n)
            .and_then(|k| ActivityKind::parse(k))
            .ok_or(Problem::UnknownOption)?;
        let minutes = minutes
            .get(n)
            .and_then(|m| m.trim().parse::<u32>().ok())
            .ok_or(Problem::TimeBoxInvalid)?;
        agenda.push(Activity { title, kind, minutes });
    }
    Ok(Plan {
        title,
        starts_at,
        goal,
        agenda,
    })
}

/// Plans a workshop, or changes the plan of `workshop_id` before it
/// starts. The agenda is `activity_titles[<n>]`, `activity_kinds[<n>]` and
/// `activity_minutes[<n>]`; a row without a title is left out.
#[server(prefix = "/api", endpoint = "plan_workshop", output = crate::json::JsonAnswer)]
#[allow(clippy::too_many_arguments)]
pub async fn plan_workshop(
    project_id: String,
    #[server(default)] workshop_id: String,
    title: String,
    #[server(default)] starts_at: String,
    #[server(default)] goal: String,
    #[server(default)] activity_titles: Vec<String>,
    #[server(default)] activity_kinds: Vec<String>,
    #[server(default)] activity_minutes: Vec<String>,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    let plan = plan(
        title,
        starts_at,
        goal,
        activity_titles,
        activity_kinds,
        activity_minutes,
    )?;
    let command = match workshop_id.is_empty() {
        true => WorkshopsCommand::Plan(plan),
        false => WorkshopsCommand::Replan { workshop_id, plan },
    };
    contribute_if(project_id, Made::submission(token)?, Role::can_curate, command).await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "start_workshop", output = crate::json::JsonAnswer)]
pub async fn start_workshop(project_id: String, workshop_id: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let code = super::server::fresh_code(&state.pool).await?;
    let command = WorkshopsCommand::Start { workshop_id, code };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// Starts agenda item `index` (from 0) with its time box.
#[server(prefix = "/api", endpoint = "start_activity", output = crate::json::JsonAnswer)]
pub async fn start_activity(project_id: String, workshop_id: String, index: String) -> Result<(), AppError> {
    let index = index.trim().parse().map_err(|_| Problem::Malformed)?;
    let command = WorkshopsCommand::StartActivity { workshop_id, index };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// Chooses what agenda item `index` works on: `items` are `context:ID`s
/// for a rating activity, `decision:ID`s for a deciding one; none clears
/// the choice. Before the workshop or while it runs.
#[server(prefix = "/api", endpoint = "choose_activity_items", output = crate::json::JsonAnswer)]
pub async fn choose_activity_items(
    project_id: String,
    workshop_id: String,
    index: String,
    #[server(default)] items: Vec<String>,
) -> Result<(), AppError> {
    let index = index.trim().parse().map_err(|_| Problem::Malformed)?;
    let command = WorkshopsCommand::ChooseItems {
        workshop_id,
        index,
        items,
    };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// Pauses the timer (`pause` = `on`) or lets it run on.
#[server(prefix = "/api", endpoint = "pause_timer", output = crate::json::JsonAnswer)]
pub async fn pause_timer(
    project_id: String,
    workshop_id: String,
    #[server(default)] pause: String,
) -> Result<(), AppError> {
    let command = match pause.as_str() {
        "on" => WorkshopsCommand::Pause { workshop_id },
        _ => WorkshopsCommand::Resume { workshop_id },
    };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// Brings everyone to `path`, a page of the project; empty lets them go.
#[server(prefix = "/api", endpoint = "bring_everyone", output = crate::json::JsonAnswer)]
pub async fn bring_everyone(
    project_id: String,
    workshop_id: String,
    #[server(default)] path: String,
) -> Result<(), AppError> {
    let path = (!path.trim().is_empty()).then_some(path);
    let command = WorkshopsCommand::BringEveryone { workshop_id, path };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// Locks (`locked` = `on`) or unlocks editing for everyone who may not
/// curate.
#[server(prefix = "/api", endpoint = "lock_editing", output = crate::json::JsonAnswer)]
pub async fn lock_editing(
    project_id: String,
    workshop_id: String,
    #[server(default)] locked: String,
) -> Result<(), AppError> {
    let command = WorkshopsCommand::Lock {
        workshop_id,
        locked: locked == "on",
    };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "write_workshop_notes", output = crate::json::JsonAnswer)]
pub async fn write_workshop_notes(
    project_id: String,
    workshop_id: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    let command = WorkshopsCommand::WriteNotes { workshop_id, notes };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "end_workshop", output = crate::json::JsonAnswer)]
pub async fn end_workshop(project_id: String, workshop_id: String) -> Result<(), AppError> {
    let command = WorkshopsCommand::End { workshop_id };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// The person is done with the current activity.
#[server(prefix = "/api", endpoint = "mark_done", output = crate::json::JsonAnswer)]
pub async fn mark_done(project_id: String, workshop_id: String) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::default(),
        WorkshopsCommand::Done { workshop_id },
    )
    .await?;
    Ok(())
}

/// Joins the running workshop with this code, and takes the person to the
/// project. Signed in, they join as themselves (a new member as a
/// participant with this profession); otherwise a guest account is made
/// with the name and profession, and signed in.
#[server(prefix = "/api", endpoint = "join_workshop", output = crate::json::JsonAnswer)]
pub async fn join_workshop(
    code: String,
    #[server(default)] name: String,
    #[server(default)] profession: String,
) -> Result<String, AppError> {
    use crate::auth::domain::DisplayName;
    use crate::auth::server::{request_session, start_session, user_of_session};
    use crate::people::Profession;
    use crate::projects::server::require_member;
    let state = crate::state::app_state()?;
    let (project_id, workshop_id) = super::server::open_code(&state.pool, &code).await?;
    let session = request_session().await?;
    match user_of_session(&state.pool, &session).await? {
        Some(user) => {
            if require_member(&state.pool, &project_id, &user).await.is_err() {
                if super::server::guest_of(&state.pool, &user.id).await?.is_some() {
                    // A guest of another project stays bound to it.
                    return Err(AppError::Forbidden);
                }
                let profession = Profession::parse(&profession)?;
                super::server::add_member(&state.pool, &project_id, &user.id, Role::Participant, profession)
                    .await?;
            }
        }
        None => {
            let name = DisplayName::parse(&name)?;
            let profession = Profession::parse(&profession)?;
            let guest = super::server::create_guest(&state.pool, &project_id, name.as_str()).await?;
            super::server::add_member(&state.pool, &project_id, &guest.id, Role::Participant, profession)
                .await?;
            start_session(&session, &guest).await?;
        }
    }
    state.trail.publish(crate::features::Published::Members {
        project_id: project_id.clone(),
    });
    // An observer looks on: they are let in, but do not join the roster.
    let user = crate::auth::server::require_user(&state.pool).await?;
    if require_member(&state.pool, &project_id, &user)
        .await?
        .role
        .can_edit_content()
    {
        contribute(
            project_id.clone(),
            Made::default(),
            WorkshopsCommand::Join { workshop_id },
        )
        .await?;
    }
    let to = format!("/projects/{project_id}");
    leptos_axum::redirect(&to);
    Ok(to)
}

/// What the projector shows to join: the address, the code and the QR
/// code of the address with the code in it, drawn by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinCard {
    pub address: String,
    pub code: String,
    /// Modules per side, quiet zone included.
    pub size: usize,
    /// SVG path data of the dark modules.
    pub path: String,
}

crate::read_json!(JoinCard {
    address,
    code,
    size,
    path
});

#[server(prefix = "/api", endpoint = "get_join_card", output = crate::json::JsonAnswer)]
pub async fn get_join_card(project_id: String, workshop_id: String) -> Result<JoinCard, AppError> {
    use crate::auth::server::require_user;
    use crate::projects::server::require_member;
    let state = crate::state::app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?;
    let code = head
        .state
        .content
        .workshops
        .workshops
        .get(&workshop_id)
        .ok_or(AppError::NotFound)?
        .code
        .clone()
        .ok_or(Problem::WorkshopNotRunning)?;
    let address = format!("{}/join", state.public_url.trim_end_matches('/'));
    let (size, path) = super::server::qr_path(&format!("{address}?code={code}"))?;
    Ok(JoinCard {
        address,
        code,
        size,
        path,
    })
}

/// The workshop's summary, computed from the trail, as the reader may see
/// it (the notes only for leads and facilitators).
#[server(prefix = "/api", endpoint = "get_workshop_summary", output = crate::json::JsonAnswer)]
pub async fn get_workshop_summary(
    project_id: String,
    workshop_id: String,
) -> Result<super::summary::WorkshopSummary, AppError> {
    use crate::auth::server::require_user;
    use crate::projects::server::require_member;
    let state = crate::state::app_state()?;
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, &project_id, &user).await?;
    let viewer = crate::trail::Viewer {
        user_id: user.id,
        role: membership.role,
    };
    super::server::summary_for(&state, &project_id, &workshop_id, &viewer).await
}
