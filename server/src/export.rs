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

/// The project as it is now, if the session is a member's; otherwise the
/// status to answer with (a non-member learns nothing of the project).
async fn member_view(
    state: &AppState,
    project_id: &str,
    session: &Session,
) -> Result<std::sync::Arc<app::trail::server::Head<app::features::Project>>, StatusCode> {
    let user = match app::auth::server::user_of_session(&state.pool, session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Err(StatusCode::UNAUTHORIZED),
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR),
    };
    if app::projects::server::require_member(&state.pool, project_id, &user)
        .await
        .is_err()
    {
        return Err(StatusCode::NOT_FOUND);
    }
    state
        .trail
        .current(project_id)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
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
    // Everyone named in it: the proposer, who argued, who took a position.
    let mut people: Vec<&str> = decision.positions.keys().map(String::as_str).collect();
    people.extend(decision.arguments.iter().map(|a| a.author.as_str()));
    people.push(decision.proposed_by.as_str());
    let mut names = std::collections::HashMap::new();
    for id in people {
        if names.contains_key(id) {
            continue;
        }
        let name: Option<(String,)> = match sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&state.pool)
            .await
        {
            Ok(name) => name,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        names.insert(id.to_owned(), name.map(|(n,)| n).unwrap_or_default());
    }
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
