//! Server functions for projects, members and invites. Each one: who is
//! signed in, may they do this here, then the store code in `server.rs`.

use super::{Invite, InvitePreview, ProjectSummary, ProjectView};
use crate::error::AppError;
use crate::trail::Seq;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        domain::{Profession, ProjectName, Purpose, Role},
        server as store,
    },
    crate::{
        auth::server::require_user,
        error::AppResult,
        features::{Append, Published, Request},
        projects::slice::ProjectCommand,
        state::app_state,
    },
};

#[server(prefix = "/api", endpoint = "list_projects", output = crate::json::JsonAnswer)]
pub async fn list_projects() -> Result<Vec<ProjectSummary>, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    store::list_projects(&state.pool, &user).await
}

#[server(prefix = "/api", endpoint = "create_project", output = crate::json::JsonAnswer)]
pub async fn create_project(name: String, purpose: String, profession: String) -> Result<String, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let name = ProjectName::parse(&name)?;
    let purpose = Purpose::parse(&purpose)?;
    let profession = Profession::parse(&profession)?;
    let id = store::create_project(&state.trail, &user, &name, &purpose, profession).await?;
    leptos_axum::redirect(&format!("/projects/{id}"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "get_project", output = crate::json::JsonAnswer)]
pub async fn get_project(project_id: String) -> Result<ProjectView, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let mut view = store::project_view(&state.pool, &project_id, &user).await?;
    for invite in &mut view.invites {
        invite.url = format!("{}{}", state.public_url, invite.url);
    }
    Ok(view)
}

/// Renames or re-describes the project; refused with a conflict if another
/// lead did so after `base_seq`, the version the form was loaded at.
#[server(prefix = "/api", endpoint = "update_project", output = crate::json::JsonAnswer)]
pub async fn update_project(
    project_id: String,
    base_seq: Seq,
    name: String,
    purpose: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    store::require_lead(&state.pool, &project_id, &user).await?;
    state
        .trail
        .submit(Append {
            project_id,
            actor_id: user.id,
            workshop_id: None,
            base_seq: Some(base_seq),
            request: Request::Do(ProjectCommand::DescribeProject { name, purpose }.into()),
            curator: true,
            token: None,
        })
        .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "create_invite", output = crate::json::JsonAnswer)]
pub async fn create_invite(project_id: String, role: String) -> Result<Invite, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    store::require_lead(&state.pool, &project_id, &user).await?;
    let role = Role::parse(&role)?;
    let mut invite = store::create_invite(&state.pool, &project_id, role, &user).await?;
    invite.url = format!("{}{}", state.public_url, invite.url);
    Ok(invite)
}

/// Anyone holding a valid code may see which project and role it is for;
/// the code itself is the permission.
#[server(prefix = "/api", endpoint = "preview_invite", output = crate::json::JsonAnswer)]
pub async fn preview_invite(code: String) -> Result<InvitePreview, AppError> {
    let state = app_state()?;
    store::preview_invite(&state.pool, &code).await
}

#[server(prefix = "/api", endpoint = "join_project", output = crate::json::JsonAnswer)]
pub async fn join_project(code: String, profession: String) -> Result<String, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let profession = Profession::parse(&profession)?;
    let project_id = store::join(&state.pool, &code, &user, profession).await?;
    leptos_axum::redirect(&format!("/projects/{project_id}"));
    Ok(project_id)
}

#[server(prefix = "/api", endpoint = "set_my_profession", output = crate::json::JsonAnswer)]
pub async fn set_my_profession(project_id: String, profession: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_contributor(&state.pool, &project_id, &user).await?;
    let profession = Profession::parse(&profession)?;
    store::set_profession(&state.pool, &project_id, &user, profession).await
}

#[server(prefix = "/api", endpoint = "set_member_role", output = crate::json::JsonAnswer)]
pub async fn set_member_role(project_id: String, member_id: String, role: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    store::require_lead(&state.pool, &project_id, &user).await?;
    let role = Role::parse(&role)?;
    store::set_role(&state.pool, &project_id, &member_id, role).await?;
    state.trail.publish(Published::Members { project_id });
    Ok(())
}

/// Takes someone out of the project; their open pages stop receiving
/// changes at once.
#[server(prefix = "/api", endpoint = "remove_member", output = crate::json::JsonAnswer)]
pub async fn remove_member(project_id: String, member_id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    store::require_lead(&state.pool, &project_id, &user).await?;
    store::remove_member(&state.pool, &project_id, &member_id).await?;
    state.trail.publish(Published::Members { project_id });
    Ok(())
}

#[cfg(feature = "ssr")]
async fn require_contributor(
    pool: &sqlx::AnyPool,
    project_id: &str,
    user: &crate::auth::CurrentUser,
) -> AppResult<store::Membership> {
    let m = store::require_member(pool, project_id, user).await?;
    if m.role.can_edit_content() {
        Ok(m)
    } else {
        Err(AppError::Forbidden)
    }
}
