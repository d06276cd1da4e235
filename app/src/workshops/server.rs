//! (ssr) Join codes and guests. A running workshop's code is a row of
//! `workshop_codes`, written and deleted with its start and end events
//! (see the slice's table writes). A guest is an account bound to one
//! project, made by joining with a code: a name and a profession, no
//! email or password.

use crate::auth::server::{find_user, internal};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, Problem};
use crate::people::{Profession, Role};
use crate::projects::domain::INVITE_ALPHABET;
use crate::state::now_ms;
use sqlx::AnyPool;

pub const CODE_LEN: usize = 6;

/// Six letters and digits that cannot be mistaken for each other, drawn
/// without bias (about 887 million codes).
pub fn draw_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..CODE_LEN)
        .map(|_| INVITE_ALPHABET[rng.gen_range(0..INVITE_ALPHABET.len())] as char)
        .collect()
}

/// What people type: any case, spaces and dashes ignored.
pub fn parse_code(raw: &str) -> Result<String, Problem> {
    let code: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.len() == CODE_LEN && code.bytes().all(|b| INVITE_ALPHABET.contains(&b)) {
        Ok(code)
    } else {
        Err(Problem::WorkshopCodeInvalid)
    }
}

/// A code not in use now; the table's key refuses the rare clash at the
/// start itself.
pub async fn fresh_code(pool: &AnyPool) -> AppResult<String> {
    for _ in 0..10 {
        let code = draw_code();
        let taken: Option<(String,)> = sqlx::query_as("SELECT code FROM workshop_codes WHERE code = $1")
            .bind(&code)
            .fetch_optional(pool)
            .await?;
        if taken.is_none() {
            return Ok(code);
        }
    }
    Err(internal("workshop code", "ten codes in a row taken"))
}

/// The project and workshop of a running workshop's code.
pub async fn open_code(pool: &AnyPool, raw: &str) -> AppResult<(String, String)> {
    let code = parse_code(raw)?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT project_id, workshop_id FROM workshop_codes WHERE code = $1")
            .bind(&code)
            .fetch_optional(pool)
            .await?;
    row.ok_or_else(|| Problem::WorkshopCodeInvalid.into())
}

/// Makes a guest account bound to `project_id`. It has no email (the
/// column holds `guest:<id>`, which no sign-in form accepts) and no
/// password (an empty hash, which no password matches).
pub async fn create_guest(pool: &AnyPool, project_id: &str, name: &str) -> AppResult<CurrentUser> {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, created_at, guest_of) \
         VALUES ($1, $2, $3, '', $4, $5)",
    )
    .bind(&id)
    .bind(format!("guest:{id}"))
    .bind(name)
    .bind(now_ms())
    .bind(project_id)
    .execute(pool)
    .await?;
    find_user(pool, &id).await?.ok_or(AppError::Internal)
}

/// The project a guest account is bound to, or `None` for a full account.
pub async fn guest_of(pool: &AnyPool, user_id: &str) -> AppResult<Option<String>> {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT guest_of FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.and_then(|(g,)| g))
}

/// Makes the person a member with `role`, unless they are one already
/// (a lead joining their own workshop stays a lead).
pub async fn add_member(
    pool: &AnyPool,
    project_id: &str,
    user_id: &str,
    role: Role,
    profession: Profession,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO memberships (project_id, user_id, role, profession, joined_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id, user_id) DO NOTHING",
    )
    .bind(project_id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(profession.as_str())
    .bind(now_ms())
    .execute(pool)
    .await?;
    Ok(())
}

/// The QR code of `text` as one SVG path, one unit per module, with the
/// quiet zone of four modules that readers need: (size, path data).
pub fn qr_path(text: &str) -> AppResult<(usize, String)> {
    use qrcode::{Color, EcLevel, QrCode};
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| internal("qr code", e))?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Ok((width + 8, d))
}

/// A workshop's summary as `viewer` may read it: the project just before
/// the start and at the end (or now), each filtered for them, and the
/// events made in the workshop that they may receive.
pub async fn summary_for(
    state: &crate::state::AppState,
    project_id: &str,
    workshop_id: &str,
    viewer: &crate::trail::Viewer,
) -> AppResult<super::summary::WorkshopSummary> {
    use crate::features::Project;
    use crate::trail::server::{load_events, state_at};
    let head = state.trail.current(project_id).await?;
    let w = head
        .state
        .content
        .workshops
        .workshops
        .get(workshop_id)
        .ok_or(AppError::NotFound)?;
    let start = w.started.as_ref().ok_or(Problem::WorkshopNotRunning)?.seq;
    let end = w.ended.as_ref().map_or(head.state.seq, |e| e.seq);
    let before = state_at::<Project>(&state.pool, project_id, start - 1)
        .await?
        .view_for(&[], viewer);
    let after = match w.ended {
        Some(_) => state_at::<Project>(&state.pool, project_id, end).await?,
        None => head.state.clone(),
    }
    .view_for(&[], viewer);
    let events: Vec<crate::features::Event> =
        load_events::<Project>(&state.pool, project_id, start - 1, end - start + 1)
            .await?
            .into_iter()
            .filter(|e| e.workshop_id.as_deref() == Some(workshop_id))
            .filter_map(|e| crate::trail::domain::deliver::<Project>(&e, viewer))
            .collect();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT user_id, profession FROM memberships WHERE project_id = $1")
            .bind(project_id)
            .fetch_all(&state.pool)
            .await?;
    let professions = rows
        .into_iter()
        .filter_map(|(user, p)| Profession::parse(&p).ok().map(|p| (user, p)))
        .collect();
    let w = after
        .content
        .workshops
        .workshops
        .get(workshop_id)
        .ok_or(AppError::NotFound)?;
    Ok(super::summary::summarise(
        w,
        &before.content,
        &after.content,
        &events,
        &professions,
        viewer.role.can_curate(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_unambiguous_characters_and_read_as_typed() {
        for _ in 0..100 {
            let code = draw_code();
            assert_eq!(code.len(), CODE_LEN);
            assert_eq!(parse_code(&code.to_lowercase()), Ok(code.clone()));
        }
        assert_eq!(parse_code(" abc-def "), Ok("ABCDEF".into()));
        assert_eq!(parse_code("ABCDE0"), Err(Problem::WorkshopCodeInvalid));
        assert_eq!(parse_code("ABCDEFG"), Err(Problem::WorkshopCodeInvalid));
    }

    #[test]
    fn the_qr_code_has_its_quiet_zone_and_dark_modules() {
        let (size, d) = qr_path("https://samspill.example/join?code=ABCDEF").unwrap();
        // Version 3 or 4 for an address this long: 29 or 33 modules.
        assert!(size == 29 + 8 || size == 33 + 8, "{size}");
        assert!(d.starts_with("M4 4h1v1h-1z"), "finder pattern's corner");
        assert!(!d.contains("M0 ") && !d.contains("M3 "), "quiet zone kept");
    }
}
