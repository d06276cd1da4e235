//! Downloads of a map: SVG and JSON, for members only.

use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub async fn map_file(
    State(state): State<AppState>,
    Path((project_id, map_id, file)): Path<(String, String, String)>,
    session: Session,
) -> Response {
    let user = match app::auth::server::user_of_session(&state.pool, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if app::projects::server::require_member(&state.pool, &project_id, &user)
        .await
        .is_err()
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let head = match state.trail.current(&project_id).await {
        Ok(head) => head,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
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
