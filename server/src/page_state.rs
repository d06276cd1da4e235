//! `/state/<project>`: the project state a page names in place of carrying
//! it (`app::trail::page_state`), for members only. The page's script
//! fetches it before hydrating. Each state is serialised and compressed
//! once and then shared by every page of its version and role.

use app::history::api::slice_list;
use app::state::AppState;
use app::trail::page_state::shared::{self, Key, Shared};
use app::trail::Seq;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::io::Write;
use std::sync::Arc;
use tower_sessions::Session;

#[derive(Debug, Deserialize)]
pub struct Named {
    at: Seq,
    #[serde(default)]
    slices: String,
    #[serde(rename = "as")]
    role: String,
}

/// Brotli at a quality a page's on-the-fly compression cannot afford:
/// this is done once per state.
const BROTLI_QUALITY: u32 = 6;

pub async fn state(
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    Query(named): Query<Named>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    let (head, viewer) = match crate::export::member_viewer(&app, &project_id, &session).await {
        Ok(found) => found,
        Err(status) => return status.into_response(),
    };
    // A page made before the person's role changed names a state concealed
    // for the old role; they get nothing they may no longer see, and the
    // page stays as the server rendered it.
    if named.role != viewer.role.as_str() || named.at < 0 || named.at > head.state.seq {
        return StatusCode::NOT_FOUND.into_response();
    }
    let slices = slice_list(&named.slices);
    let key = Key {
        project_id: project_id.clone(),
        seq: named.at,
        slices: slices.join(","),
        role: viewer.role,
    };
    let shared = match shared::recall(&key) {
        Some(shared) => shared,
        None => {
            let state = if named.at == head.state.seq {
                head.state.view_for(&slices, &viewer)
            } else {
                match app::trail::server::state_at::<app::features::Project>(&app.pool, &project_id, named.at)
                    .await
                {
                    Ok(then) => then.view_for(&slices, &viewer),
                    Err(e) => {
                        tracing::error!(error = %e, "a page's state at an earlier version");
                        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                    }
                }
            };
            match shared::remember(&state) {
                Ok(Some(shared)) => shared,
                Ok(None) | Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
    };
    answer(&shared, &headers)
}

/// The state in the best encoding the browser takes. Marked as encoded, it
/// passes the on-the-fly compression untouched.
fn answer(shared: &Arc<Shared>, headers: &HeaderMap) -> Response {
    let accepts = |coding| crate::delivery::accepts(headers, coding);
    let (body, encoding) = if accepts("br") {
        (
            shared.brotli.get_or_init(|| brotli(&shared.json)).clone(),
            Some("br"),
        )
    } else if accepts("gzip") {
        (
            shared.gzip.get_or_init(|| gzip(&shared.json)).clone(),
            Some("gzip"),
        )
    } else {
        (shared.json.clone().into_bytes(), None)
    };
    let mut res = (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::VARY, HeaderValue::from_static("accept-encoding")),
        ],
        body,
    )
        .into_response();
    if let Some(encoding) = encoding {
        res.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    res
}

fn brotli(text: &str) -> Vec<u8> {
    crate::delivery::brotli_in_one_go(text.as_bytes(), BROTLI_QUALITY)
}

fn gzip(text: &str) -> Vec<u8> {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = out.write_all(text.as_bytes());
    out.finish().unwrap_or_default()
}
