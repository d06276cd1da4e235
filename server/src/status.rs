//! HTTP status codes for server-function errors.
//!
//! Leptos answers every server-function error with 500 and the error, as
//! JSON, in the body. Here the error is read back and the status set from
//! [`AppError::status`]: 400 for a request that could not be read, 401 when
//! not signed in or the credentials are wrong, 403, 404, 409 for a conflict,
//! 422 for refused input, 429 with `Retry-After` for too many attempts, and
//! 500 only for real faults. The body (and so the message shown) is
//! unchanged. A form posted without JavaScript is answered with a redirect
//! back to the form, as before.

use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

/// Errors are a few hundred bytes; anything larger is not one of ours.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// The throttling window, for a 429 whose handler did not say how long.
const DEFAULT_RETRY_AFTER_SECS: &str = "900";

pub async fn server_fn_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if parts.status == StatusCode::TOO_MANY_REQUESTS && !parts.headers.contains_key(header::RETRY_AFTER) {
            parts.headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(DEFAULT_RETRY_AFTER_SECS),
            );
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
