//! The read API (`/api/v1/…`): a project's design decisions and each one's
//! trail as JSON, for programs (a report, a dashboard, an archive),
//! described by an OpenAPI 3.1 document generated from this code
//! (`/api/v1/openapi.json`).
//!
//! Only personal API tokens are accepted (`Authorization: Bearer …`), never
//! the session cookie: a browser that holds a session cannot be made to
//! call the API by another site, and a person who revokes a token has
//! revoked everything a program holds. A token sees exactly what its
//! person may see: the projects they are a member of, each as their role
//! lets them see it. A project they are not in and one that does not exist
//! get the same 404.

mod decisions;
mod words;

use app::auth::CurrentUser;
use app::state::AppState;
use app::trail::Viewer;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{OpenApi, ToSchema};

/// Where the API lives. Leptos's server functions are at `/api/<name>`;
/// none is named `v1` (a test checks), so the two cannot meet.
pub const PREFIX: &str = "/api/v1";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/projects", get(projects))
        .route("/projects/{project_id}/decisions", get(decisions::list))
        .route(
            "/projects/{project_id}/decisions/{decision_id}",
            get(decisions::one),
        )
        .fallback(|| async { not_found() })
        .layer(axum::middleware::from_fn(no_store))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Samspill read API",
        version = "1",
        description = "A project's design decisions and each decision's trail: its revisions, \
            arguments, positions, status changes and outcome, each with the event that recorded \
            it and that event's hash in the project's hash chain. Read-only. Authenticate with a \
            personal API token (made on the page /account/tokens) as `Authorization: Bearer <token>`; \
            the token sees exactly what its person may see."
    ),
    paths(openapi_json, projects, decisions::list, decisions::one),
    modifiers(&BearerToken),
    security(("token" = [])),
)]
pub struct ApiDoc;

struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token, made and revoked on /account/tokens."))
                    .build(),
            ),
        );
    }
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    operation_id = "openapi",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document of this API.", body = Object)),
)]
async fn openapi_json() -> Response {
    Json(document()).into_response()
}

/// The OpenAPI document as served.
pub fn document() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serialises");
    // utoipa 5.5 writes a Link's fields in snake case; OpenAPI spells them
    // in camel case, and a client ignores the others.
    for path in doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        for op in path.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            for response in op["responses"]
                .as_object_mut()
                .into_iter()
                .flat_map(|r| r.values_mut())
            {
                for link in response["links"]
                    .as_object_mut()
                    .into_iter()
                    .flat_map(|l| l.values_mut())
                {
                    let Some(link) = link.as_object_mut() else {
                        continue;
                    };
                    for (from, to) in [
                        ("operation_id", "operationId"),
                        ("operation_ref", "operationRef"),
                        ("request_body", "requestBody"),
                    ] {
                        if let Some(v) = link.remove(from) {
                            link.insert(to.to_owned(), v);
                        }
                    }
                }
            }
        }
    }
    doc
}

/// Whatever an API answer is, no cache keeps it: it is one person's view,
/// and a revoked token must not be served from a cache.
async fn no_store(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Why a request was refused. Deliberately short: it never says whether a
/// project exists or why a token does not work.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    pub error: ErrorCode,
    pub message: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    Unauthorized,
    NotFound,
    Internal,
}

fn error(status: StatusCode, error: ErrorCode, message: &'static str) -> Response {
    (status, Json(ApiError { error, message })).into_response()
}

/// No token, or one that is unknown or revoked.
fn unauthorized(token_given: bool) -> Response {
    let challenge = if token_given {
        "Bearer realm=\"samspill\", error=\"invalid_token\""
    } else {
        "Bearer realm=\"samspill\""
    };
    let mut res = error(
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthorized,
        "A working personal API token is needed: Authorization: Bearer <token>.",
    );
    res.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
    res
}

pub(crate) fn bad_request(message: &'static str) -> Response {
    error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, message)
}

pub(crate) fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, ErrorCode::NotFound, "Not found.")
}

/// A fault: logged here, never described to the caller.
pub(crate) fn internal(what: &str, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "read API: {what}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        "Something went wrong on the server.",
    )
}

/// `Authorization: Bearer <token>`; the scheme in any case.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The person whose token the request carries.
pub struct Caller(pub CurrentUser);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(token) = bearer(&parts.headers) else {
            return Err(unauthorized(parts.headers.contains_key(header::AUTHORIZATION)));
        };
        match app::tokens::server::user_of_token(&state.pool, token).await {
            Ok(Some(user)) => Ok(Caller(user)),
            Ok(None) => Err(unauthorized(true)),
            Err(e) => Err(internal("token lookup", e)),
        }
    }
}

impl Caller {
    /// The caller as a viewer of `project_id`, if they are a member; a 404
    /// otherwise, the same whether or not the project exists.
    async fn viewer(&self, state: &AppState, project_id: &str) -> Result<Viewer, Response> {
        match app::projects::server::require_member(&state.pool, project_id, &self.0).await {
            Ok(m) => Ok(Viewer {
                user_id: self.0.id.clone(),
                role: m.role,
            }),
            Err(app::error::AppError::NotFound) => Err(not_found()),
            Err(e) => Err(internal("membership", e)),
        }
    }
}

/// Someone named in a decision, with the name they go by now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Person {
    pub id: String,
    pub name: String,
}

/// Everyone who is or was in the project (members and whoever made one of
/// its events), by id.
async fn names(state: &AppState, project_id: &str) -> Result<HashMap<String, String>, Response> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, display_name FROM users WHERE id IN \
         (SELECT user_id FROM memberships WHERE project_id = $1) \
         OR id IN (SELECT DISTINCT actor_id FROM events WHERE project_id = $1)",
    )
    .bind(project_id)
    .fetch_all(&state.pool)
    .await
    .map_err(|e| internal("names", e))?;
    Ok(rows.into_iter().collect())
}

fn person(names: &HashMap<String, String>, id: &str) -> Person {
    Person {
        id: id.to_owned(),
        name: names.get(id).cloned().unwrap_or_default(),
    }
}

/// RFC 3339 in UTC with milliseconds, for milliseconds since 1970.
pub fn timestamp(ms: i64) -> String {
    let date = app::components::format_date(ms);
    let in_day = ms.rem_euclid(86_400_000);
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    )
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectList {
    pub projects: Vec<ProjectEntry>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectEntry {
    pub id: String,
    pub name: String,
    pub purpose: String,
    /// The token's person's role in it.
    pub role: words::Role,
}

/// The projects the token's person is a member of, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/projects",
    operation_id = "list_projects",
    responses(
        (status = 200, description = "The projects the token's person is a member of.", body = ProjectList,
            links(("decisions" = (operation_id = "list_decisions",
                parameters(("project_id" = "$response.body#/projects/0/id")))))),
        (status = 401, description = "No token, or one that is unknown or revoked.", body = ApiError,
            headers(("WWW-Authenticate" = String, description = "Bearer"))),
    ),
)]
async fn projects(State(state): State<AppState>, caller: Caller) -> Response {
    match app::projects::server::list_projects(&state.pool, &caller.0).await {
        Ok(list) => Json(ProjectList {
            projects: list
                .into_iter()
                .map(|p| ProjectEntry {
                    id: p.id,
                    name: p.name,
                    purpose: p.purpose,
                    role: words::Role(p.my_role),
                })
                .collect(),
        })
        .into_response(),
        Err(e) => internal("projects", e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc_3339_in_utc_with_milliseconds() {
        assert_eq!(
            timestamp(1_795_564_800_000 + 9 * 3_600_000 + 31 * 60_000 + 7_042),
            "2026-11-25T09:31:07.042Z"
        );
        assert_eq!(timestamp(0), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn only_a_bearer_token_is_read() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
            bearer(&h).map(str::to_owned)
        };
        assert_eq!(with("Bearer abc").as_deref(), Some("abc"));
        assert_eq!(with("bearer  abc ").as_deref(), Some("abc"));
        assert_eq!(with("Basic abc"), None);
        assert_eq!(with("Bearer "), None);
        assert_eq!(with("Bearer"), None);
    }
}
