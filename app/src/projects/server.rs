//! Server-only project code: the projects, memberships and invites tables,
//! and the one place that decides who may see and change a project.

use super::domain::{InviteCode, Profession, ProjectName, Purpose, Role, INVITE_LEN};
use super::slice::ProjectCommand;
use super::{Invite, InvitePreview, Member, ProjectSummary, ProjectView};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, Problem};
use crate::features::{Append, ProjectTrail, Request};
use crate::state::now_ms;
use sqlx::AnyPool;

/// How long an invite link works.
pub const INVITE_VALID_MS: i64 = 14 * 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub role: Role,
    pub profession: Profession,
}

/// The role of `user` in `project`. A project that does not exist and one
/// the person is not a member of give the same answer, so a non-member
/// learns nothing, not even that the project exists.
pub async fn require_member(pool: &AnyPool, project_id: &str, user: &CurrentUser) -> AppResult<Membership> {
    let read = read_membership(pool, project_id, user);
    match crate::state::PageReads::of_request().await {
        Some(reads) => reads.membership(project_id, &user.id, read).await,
        None => read.await,
    }
}

async fn read_membership(pool: &AnyPool, project_id: &str, user: &CurrentUser) -> AppResult<Membership> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT role, profession FROM memberships WHERE project_id = $1 AND user_id = $2")
            .bind(project_id)
            .bind(&user.id)
            .fetch_optional(pool)
            .await?;
    let (role, profession) = row.ok_or(AppError::NotFound)?;
    Ok(Membership {
        role: Role::parse(&role).map_err(|_| corrupt("role", &role))?,
        profession: Profession::parse(&profession).map_err(|_| corrupt("profession", &profession))?,
    })
}

pub async fn require_lead(pool: &AnyPool, project_id: &str, user: &CurrentUser) -> AppResult<Membership> {
    let m = require_member(pool, project_id, user).await?;
    if m.role.can_manage() {
        Ok(m)
    } else {
        Err(AppError::Forbidden)
    }
}

fn corrupt(what: &str, value: &str) -> AppError {
    tracing::error!(what, value, "unreadable value in database");
    AppError::Internal
}

/// A new project with `user` as its lead. Its log starts with what the
/// project is called and why it exists, so every state and every history
/// has them.
pub async fn create_project(
    trail: &ProjectTrail,
    user: &CurrentUser,
    name: &ProjectName,
    purpose: &Purpose,
    profession: Profession,
) -> AppResult<String> {
    let pool = trail.pool();
    let id = uuid::Uuid::now_v7().to_string();
    let now = now_ms();
    let mut tx = crate::state::begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO projects (id, name, purpose, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(name.as_str())
    .bind(purpose.as_str())
    .bind(&user.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO memberships (project_id, user_id, role, profession, joined_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&user.id)
    .bind(Role::Lead.as_str())
    .bind(profession.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO project_heads (project_id, seq, hash) VALUES ($1, 0, $2)")
        .bind(&id)
        .bind(crate::trail::hash::GENESIS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    trail
        .submit(Append {
            project_id: id.clone(),
            actor_id: user.id.clone(),
            workshop_id: None,
            base_seq: None,
            request: Request::Do(
                ProjectCommand::DescribeProject {
                    name: name.as_str().to_owned(),
                    purpose: purpose.as_str().to_owned(),
                }
                .into(),
            ),
            curator: true,
            token: None,
        })
        .await?;
    Ok(id)
}

pub async fn list_projects(pool: &AnyPool, user: &CurrentUser) -> AppResult<Vec<ProjectSummary>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.name, p.purpose, m.role FROM projects p \
         JOIN memberships m ON m.project_id = p.id \
         WHERE m.user_id = $1 ORDER BY p.created_at DESC, p.id",
    )
    .bind(&user.id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, name, purpose, role)| {
            Ok(ProjectSummary {
                id,
                name,
                purpose,
                my_role: Role::parse(&role).map_err(|_| corrupt("role", &role))?,
            })
        })
        .collect()
}

pub async fn project_view(pool: &AnyPool, project_id: &str, user: &CurrentUser) -> AppResult<ProjectView> {
    let me = require_member(pool, project_id, user).await?;
    let (name, purpose, seq): (String, String, i64) = sqlx::query_as(
        "SELECT p.name, p.purpose, h.seq FROM projects p JOIN project_heads h ON h.project_id = p.id WHERE p.id = $1",
    )
    .bind(project_id)
    .fetch_one(pool)
    .await?;
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, m.role, m.profession FROM memberships m \
         JOIN users u ON u.id = m.user_id WHERE m.project_id = $1 \
         ORDER BY m.joined_at, u.display_name",
    )
    .bind(project_id)
    .fetch_all(pool)
    .await?;
    let members = rows
        .into_iter()
        .map(|(user_id, display_name, role, profession)| {
            Ok(Member {
                user_id,
                display_name,
                role: Role::parse(&role).map_err(|_| corrupt("role", &role))?,
                profession: Profession::parse(&profession).map_err(|_| corrupt("profession", &profession))?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let invites = if me.role.can_manage() {
        open_invites(pool, project_id).await?
    } else {
        Vec::new()
    };
    Ok(ProjectView {
        id: project_id.to_owned(),
        seq,
        name,
        purpose,
        my_user_id: user.id.clone(),
        my_role: me.role,
        my_profession: me.profession,
        members,
        invites,
    })
}

async fn open_invites(pool: &AnyPool, project_id: &str) -> AppResult<Vec<Invite>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT code, role, expires_at FROM invites WHERE project_id = $1 AND expires_at > $2 \
         ORDER BY created_at DESC",
    )
    .bind(project_id)
    .bind(now_ms())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(code, role, expires_at_ms)| {
            let code = InviteCode::parse(&code).map_err(|_| corrupt("invite code", &code))?;
            Ok(Invite {
                url: join_path(&code),
                code: code.display(),
                role: Role::parse(&role).map_err(|_| corrupt("role", &role))?,
                expires_at_ms,
            })
        })
        .collect()
}

pub async fn create_invite(
    pool: &AnyPool,
    project_id: &str,
    role: Role,
    by: &CurrentUser,
) -> AppResult<Invite> {
    use rand::RngCore;
    let mut bytes = [0u8; INVITE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let code = InviteCode::from_random(bytes);
    let now = now_ms();
    let expires_at_ms = now + INVITE_VALID_MS;
    sqlx::query(
        "INSERT INTO invites (code, project_id, role, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(code.as_str())
    .bind(project_id)
    .bind(role.as_str())
    .bind(&by.id)
    .bind(now)
    .bind(expires_at_ms)
    .execute(pool)
    .await?;
    Ok(Invite {
        url: join_path(&code),
        code: code.display(),
        role,
        expires_at_ms,
    })
}

/// Relative to the site; server functions put the public address in front.
fn join_path(code: &InviteCode) -> String {
    format!("/join/{}", code.display())
}

async fn open_invite(pool: &AnyPool, raw_code: &str) -> AppResult<(String, Role)> {
    let code = InviteCode::parse(raw_code)?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT project_id, role FROM invites WHERE code = $1 AND expires_at > $2")
            .bind(code.as_str())
            .bind(now_ms())
            .fetch_optional(pool)
            .await?;
    let (project_id, role) = row.ok_or(Problem::InviteNotValid)?;
    Ok((
        project_id,
        Role::parse(&role).map_err(|_| corrupt("role", &role))?,
    ))
}

pub async fn preview_invite(pool: &AnyPool, raw_code: &str) -> AppResult<InvitePreview> {
    let (project_id, role) = open_invite(pool, raw_code).await?;
    let (project_name,): (String,) = sqlx::query_as("SELECT name FROM projects WHERE id = $1")
        .bind(&project_id)
        .fetch_one(pool)
        .await?;
    Ok(InvitePreview { project_name, role })
}

/// Joins with the invite's role. Someone who is already a member keeps the
/// role they have: an old observer link must not demote a lead.
pub async fn join(
    pool: &AnyPool,
    raw_code: &str,
    user: &CurrentUser,
    profession: Profession,
) -> AppResult<String> {
    let (project_id, role) = open_invite(pool, raw_code).await?;
    sqlx::query(
        "INSERT INTO memberships (project_id, user_id, role, profession, joined_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id, user_id) DO NOTHING",
    )
    .bind(&project_id)
    .bind(&user.id)
    .bind(role.as_str())
    .bind(profession.as_str())
    .bind(now_ms())
    .execute(pool)
    .await?;
    Ok(project_id)
}

pub async fn set_profession(
    pool: &AnyPool,
    project_id: &str,
    user: &CurrentUser,
    profession: Profession,
) -> AppResult<()> {
    sqlx::query("UPDATE memberships SET profession = $1 WHERE project_id = $2 AND user_id = $3")
        .bind(profession.as_str())
        .bind(project_id)
        .bind(&user.id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Removes a member; refuses to leave the project without a lead.
pub async fn remove_member(pool: &AnyPool, project_id: &str, member_id: &str) -> AppResult<()> {
    let mut tx = crate::state::begin_write(pool).await?;
    ensure_another_lead(&mut tx, project_id, member_id).await?;
    let removed = sqlx::query("DELETE FROM memberships WHERE project_id = $1 AND user_id = $2")
        .bind(project_id)
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// If `member_id` is a lead, there must be another.
async fn ensure_another_lead(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    member_id: &str,
) -> AppResult<()> {
    let current: Option<(String,)> =
        sqlx::query_as("SELECT role FROM memberships WHERE project_id = $1 AND user_id = $2")
            .bind(project_id)
            .bind(member_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (current,) = current.ok_or(AppError::NotFound)?;
    if current == Role::Lead.as_str() {
        let (leads,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM memberships WHERE project_id = $1 AND role = $2")
                .bind(project_id)
                .bind(Role::Lead.as_str())
                .fetch_one(&mut *conn)
                .await?;
        if leads <= 1 {
            return Err(Problem::LastLead.into());
        }
    }
    Ok(())
}

/// Changes a member's role; refuses to leave the project without a lead.
pub async fn set_role(pool: &AnyPool, project_id: &str, member_id: &str, role: Role) -> AppResult<()> {
    let mut tx = crate::state::begin_write(pool).await?;
    if role != Role::Lead {
        ensure_another_lead(&mut tx, project_id, member_id).await?;
    }
    sqlx::query("UPDATE memberships SET role = $1 WHERE project_id = $2 AND user_id = $3")
        .bind(role.as_str())
        .bind(project_id)
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
