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
