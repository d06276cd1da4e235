//! Server-side state shared by every request, reached through Leptos context
//! inside server functions and through axum `State` elsewhere; and what one
//! page's render reads once (`PageReads`).

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::projects::server::Membership;
use axum::extract::FromRef;
use leptos::prelude::*;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

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

/// Who is asking, as a page's render has read it, kept for the rest of that
/// render. A page calls several server functions while it renders, at once,
/// and each checks the session and the membership: on the matrix page the
/// same user was read three times and the same membership twice. The first
/// to ask reads; the others wait for its answer. The server puts one on each
/// GET request only, which changes nothing (every change is a POST), so
/// what was read stays true while the page renders.
#[derive(Clone, Default, Debug)]
pub struct PageReads(Arc<PageReadsInner>);

type Kept<T> = Arc<tokio::sync::OnceCell<T>>;

#[derive(Default, Debug)]
struct PageReadsInner {
    user: tokio::sync::OnceCell<Option<CurrentUser>>,
    memberships: Mutex<HashMap<(String, String), Kept<Membership>>>,
}

impl PageReads {
    /// The render's reads, if this request is a page's render.
    pub async fn of_request() -> Option<PageReads> {
        leptos_axum::extract::<axum::Extension<PageReads>>()
            .await
            .ok()
            .map(|axum::Extension(reads)| reads)
    }

    /// The signed-in person, read once for the render.
    pub async fn user<F>(&self, read: F) -> AppResult<Option<CurrentUser>>
    where
        F: Future<Output = AppResult<Option<CurrentUser>>>,
    {
        self.0.user.get_or_try_init(|| read).await.cloned()
    }

    /// A person's membership of a project, read once for the render. A
    /// refusal is not kept: whoever asks next reads again.
    pub async fn membership<F>(&self, project_id: &str, user_id: &str, read: F) -> AppResult<Membership>
    where
        F: Future<Output = AppResult<Membership>>,
    {
        let cell = {
            let mut kept = self.0.memberships.lock().unwrap_or_else(|e| e.into_inner());
            let key = (project_id.to_owned(), user_id.to_owned());
            kept.entry(key).or_default().clone()
        };
        cell.get_or_try_init(|| read).await.copied()
    }
}
