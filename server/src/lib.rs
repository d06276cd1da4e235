#![recursion_limit = "256"]
//! The Samspill server: the axum router around the Leptos app, kept apart
//! from `main` so that tests can build it without a port or with port 0.

pub mod config;
pub mod db;
pub mod delivery;
pub mod demo;
pub mod export;
pub mod live;
pub mod page_state;
pub mod read_api;
pub mod security;
pub mod sessions;
pub mod status;

use app::state::AppState;
use app::{shell, App};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sessions::Sessions;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub struct RouterOptions {
    /// Cookies only over https, with the `__Host-` prefix.
    pub secure_cookies: bool,
}

pub fn app(state: AppState, sessions: Sessions, options: RouterOptions) -> Router {
    // The route list comes from rendering the whole app once. Done while
    // another server in the process renders pages (the integration tests
    // start a server per test), it made one of those renders now and then
    // never finish (7 runs in 400 with a server per test; 0 in 300 with
    // the list made once). A real process makes it once, before it serves.
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let leptos_options = state.leptos_options.clone();
    let cookie_name = if options.secure_cookies {
        "__Host-samspill_session"
    } else {
        "samspill_session"
    };
    let session_ends = axum::Extension(sessions.clone());
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name(cookie_name)
        .with_secure(options.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));
    let allowed_origin = security::origin_of(&state.public_url);
    let site_root = leptos_options.site_root.to_string();

    Router::new()
        .route("/healthz", get(healthz))
        .nest_service("/pkg", delivery::pkg_files(&site_root))
        .route_service("/favicon.ico", delivery::favicon(&site_root))
        .route("/live/{project_id}", get(live::stream))
        .route("/state/{project_id}", get(page_state::state))
        .route("/export/{project_id}/{map_id}/{file}", get(export::map_file))
        .route("/export/{project_id}/{file}", get(export::fields_sheet))
        .route(
            "/export/{project_id}/decisions/{file}",
            get(export::decision_report),
        )
        .route("/export/{project_id}/log/{file}", get(export::decision_log))
        .route(
            "/export/{project_id}/workshops/{workshop_id}/{file}",
            get(export::workshop_summary),
        )
        .nest(read_api::PREFIX, read_api::router())
        .leptos_routes(&state, routes, move || shell(leptos_options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(status::server_fn_errors))
        .layer(axum::middleware::from_fn(page_reads))
        .layer(session_layer)
        .layer(session_ends)
        .layer(axum::middleware::from_fn(move |req, next| {
            security::require_same_origin(allowed_origin.clone(), req, next)
        }))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(axum::middleware::from_fn(delivery::cache_control))
        .layer(axum::middleware::from_fn(delivery::brotli_pages))
        .layer(delivery::brotli())
        .layer(delivery::gzip())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// A page's render reads who is asking once (`app::state::PageReads`); only
/// a GET gets one, as only a GET changes nothing.
async fn page_reads(
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if req.method() == axum::http::Method::GET {
        req.extensions_mut().insert(app::state::PageReads::default());
    }
    next.run(req).await
}

/// For load balancers and test setups: answers once the database does.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&state.pool).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// Leptos options for a site whose client files were built into `site_root`.
/// A site built by `make` has fingerprinted file names listed in
/// `<site_root>/hash.txt`; Leptos looks for that file beside the running
/// binary unless given an absolute path, so it gets one.
pub fn leptos_options(site_root: &str, addr: std::net::SocketAddr) -> LeptosOptions {
    let hash_file = std::path::absolute(std::path::Path::new(site_root).join("hash.txt"))
        .ok()
        .filter(|path| path.is_file());
    let builder = LeptosOptions::builder()
        .output_name("samspill")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr);
    match hash_file {
        Some(path) => builder
            .hash_files(true)
            .hash_file(std::sync::Arc::from(path.to_string_lossy().as_ref()))
            .build(),
        None => builder.build(),
    }
}
