//! Server-side state shared by every request, reached through Leptos context
//! inside server functions and through axum `State` elsewhere.

use crate::error::{AppError, AppResult};
use axum::extract::FromRef;
use leptos::prelude::*;
use sqlx::AnyPool;

#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: AnyPool,
    pub leptos_options: LeptosOptions,
    /// Where people reach this server, e.g. `https://samspill.example.no`;
    /// used in links that are shared outside the app (invites).
    pub public_url: String,
    /// Appends to and reads from every project's decision trail.
    pub trail: crate::features::ProjectTrail,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state provided by the router; missing only if the router was built
/// wrongly, which is a bug, not user error.
pub fn app_state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A transaction that writes (and may read first). SQLite's plain `BEGIN` takes
/// the write lock only at the first write, and if another connection wrote
/// after this one's first read, that write fails at once with "database is
/// locked" (the busy timeout does not apply). `BEGIN IMMEDIATE` takes the
/// lock at the start, so such transactions wait their turn instead.
pub async fn begin_write(pool: &AnyPool) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    if pool.connect_options().database_url.scheme().starts_with("sqlite") {
        pool.begin_with("BEGIN IMMEDIATE").await
    } else {
        pool.begin().await
    }
}
