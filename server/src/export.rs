//! Downloads of a map (SVG and JSON) and of the information fields and
//! contexts of use (CSV), for members only.

use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// A project's information fields or contexts of use as a spreadsheet, in
/// the person's language.
pub async fn fields_sheet(
    State(state): State<AppState>,
    Path((project_id, file)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    session: Session,
) -> Response {
    let Some(sheet) = app::fields::spreadsheet::Sheet::from_file_name(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let head = match member_view(&state, &project_id, &session).await {
        Ok(head) => head,
        Err(status) => return status.into_response(),
    };
    let lang = app::i18n::lang_of_request(&headers);
    let body = app::fields::spreadsheet::export(&head.state, sheet, lang);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"samspill-{file}\""),
            ),
        ],
        body,
    )
        .into_response()
}

type Head = std::sync::Arc<app::trail::server::Head<app::features::Project>>;

/// The project as it is now, if the session is a member's; otherwise the
/// status to answer with (a non-member learns nothing of the project).
async fn member_view(state: &AppState, project_id: &str, session: &Session) -> Result<Head, StatusCode> {
    Ok(member_viewer(state, project_id, session).await?.0)
}

/// As `member_view`, with who is looking and in which role.
pub(crate) async fn member_viewer(
    state: &AppState,
    project_id: &str,
    session: &Session,
) -> Result<(Head, app::trail::Viewer), StatusCode> {
    let user = match app::auth::server::user_of_session(&state.pool, session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Err(StatusCode::UNAUTHORIZED),
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR),
    };
    let Ok(membership) = app::projects::server::require_member(&state.pool, project_id, &user).await else {
        return Err(StatusCode::NOT_FOUND);
    };
    let head = state
        .trail
        .current(project_id)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok((
        head,
        app::trail::Viewer {
            user_id: user.id,
            role: membership.role,
        },
    ))
}

/// Display names of these people, by id.
async fn names_of<'a>(
    pool: &sqlx::AnyPool,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<std::collections::HashMap<String, String>, StatusCode> {
    let mut names = std::collections::HashMap::new();
    for id in ids {
        if names.contains_key(id) {
            continue;
        }
        let name: Option<(String,)> = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        names.insert(id.to_owned(), name.map(|(n,)| n).unwrap_or_default());
    }
    Ok(names)
}

/// Everyone a decision names: the proposer, who argued, who took a position.
fn people_in(d: &app::decisions::model::Decision) -> impl Iterator<Item = &str> {
    d.positions
        .keys()
        .map(String::as_str)
        .chain(d.arguments.iter().map(|a| a.author.as_str()))
        .chain(std::iter::once(d.proposed_by.as_str()))
}

/// The whole decision log: `decision-log.csv` (a spreadsheet in the
/// person's language) or `decision-log.json` (complete, with the chain).
pub async fn decision_log(
    State(state): State<AppState>,
    Path((project_id, file)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    session: Session,
) -> Response {
    if !matches!(file.as_str(), "decision-log.csv" | "decision-log.json") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (head, viewer) = match member_viewer(&state, &project_id, &session).await {
        Ok(v) => v,
        Err(status) => return status.into_response(),
    };
    let decisions = &head.state.content.decisions.decisions;
    let people: Vec<&str> = decisions.values().flat_map(people_in).collect();
    let names = match names_of(&state.pool, people).await {
        Ok(names) => names,
        Err(status) => return status.into_response(),
    };
    let name_of = |id: &str| names.get(id).cloned().unwrap_or_default();
    let (body, content_type) = if file.ends_with(".csv") {
        let lang = app::i18n::lang_of_request(&headers);
        (
            app::decisions::download::csv(&head.state, &name_of, lang),
            "text/csv; charset=utf-8",
        )
    } else {
        let chain = match app::trail::server::export(&state.pool, &project_id).await {
            Ok(chain) => chain,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        (
            app::decisions::download::json(&head.state, chain, &viewer, &name_of),
            "application/json; charset=utf-8",
        )
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"samspill-{file}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn map_file(
    State(state): State<AppState>,
    Path((project_id, map_id, file)): Path<(String, String, String)>,
    session: Session,
) -> Response {
    let head = match member_view(&state, &project_id, &session).await {
        Ok(head) => head,
        Err(status) => return status.into_response(),
    };
    let (body, content_type) = match file.as_str() {
        "map.svg" => (
            app::map::export::svg(&head.state, &map_id),
            "image/svg+xml; charset=utf-8",
        ),
        "map.json" => (
            app::map::export::json(&head.state, &map_id),
            "application/json; charset=utf-8",
        ),
        _ => (None, ""),
    };
    match body {
        Some(body) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"samspill-{file}\""),
                ),
                // A drawing of user text must never run as a page of this site.
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'".to_owned(),
                ),
            ],
            body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// One decision as a Markdown report (`DECISION.md`), in the person's
/// language, for members only.
pub async fn decision_report(
    State(state): State<AppState>,
    Path((project_id, file)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    session: Session,
) -> Response {
    let Some(decision_id) = file.strip_suffix(".md") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let head = match member_view(&state, &project_id, &session).await {
        Ok(head) => head,
        Err(status) => return status.into_response(),
    };
    let Some(decision) = head.state.content.decisions.decisions.get(decision_id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let people: Vec<&str> = people_in(decision).collect();
    let names = match names_of(&state.pool, people).await {
        Ok(names) => names,
        Err(status) => return status.into_response(),
    };
    let name_of = |id: &str| names.get(id).cloned().unwrap_or_default();
    let lang = app::i18n::lang_of_request(&headers);
    let body = app::decisions::export::markdown(&head.state, decision, &name_of, lang);
    (
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"samspill-decision-{decision_id}.md\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A workshop's summary as Markdown (`summary.md`), as the reader may see
/// it, in their language.
pub async fn workshop_summary(
    State(state): State<AppState>,
    Path((project_id, workshop_id, file)): Path<(String, String, String)>,
    headers: axum::http::HeaderMap,
    session: Session,
) -> Response {
    if file != "summary.md" {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (_, viewer) = match member_viewer(&state, &project_id, &session).await {
        Ok(v) => v,
        Err(status) => return status.into_response(),
    };
    let summary = match app::workshops::server::summary_for(&state, &project_id, &workshop_id, &viewer).await
    {
        Ok(s) => s,
        Err(app::error::AppError::Internal) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    let lang = app::i18n::lang_of_request(&headers);
    (
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"samspill-workshop-{workshop_id}.md\""),
            ),
        ],
        app::workshops::summary::markdown(&summary, lang),
    )
        .into_response()
}
