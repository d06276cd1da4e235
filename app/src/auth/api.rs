//! Server functions for accounts. Each is thin: read the session, check,
//! call the store code in `server.rs`.

use super::CurrentUser;
use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        domain::{DisplayName, Email, Password},
        safe_next,
        server::{self as store, internal},
    },
    crate::state::app_state,
};

#[server(prefix = "/api", endpoint = "get_current_user", output = crate::json::JsonAnswer)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    store::signed_in(&app_state()?.pool).await
}

#[server(prefix = "/api", endpoint = "sign_up", output = crate::json::JsonAnswer)]
pub async fn sign_up(
    display_name: String,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let name = DisplayName::parse(&display_name)?;
    let email = Email::parse(&email)?;
    let password = Password::parse(&password)?;
    let address = store::client_address().await;
    let user = store::sign_up_throttled(&state.pool, &name, &email, &password, &address).await?;
    let session = store::request_session().await?;
    store::start_session(&session, &user).await?;
    tracing::info!(user = %user.id, "signed up");
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "sign_in", output = crate::json::JsonAnswer)]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let address = store::client_address().await;
    let user = store::authenticate(&state.pool, &email, &password, &address).await?;
    let session = store::request_session().await?;
    store::start_session(&session, &user).await?;
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "sign_out", output = crate::json::JsonAnswer)]
pub async fn sign_out() -> Result<(), AppError> {
    let session = store::request_session().await?;
    // Deletes the record on the server, not only the cookie.
    session.flush().await.map_err(|e| internal("session flush", e))?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Remembers the chosen language in a cookie; the page is then reloaded in it.
#[server(prefix = "/api", endpoint = "set_language", output = crate::json::JsonAnswer)]
pub async fn set_language(lang: String) -> Result<Lang, AppError> {
    use crate::error::Problem;
    let lang = Lang::from_code(&lang).ok_or(Problem::UnknownLanguage)?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        crate::i18n::LANG_COOKIE,
        lang.code()
    );
    response.append_header(
        http::header::SET_COOKIE,
        http::HeaderValue::from_str(&cookie).map_err(|e| internal("cookie", e))?,
    );
    Ok(lang)
}

/// A guest adds an email and a password to keep their access; the session
/// gets a new id, as at any sign-in.
#[server(prefix = "/api", endpoint = "keep_access", output = crate::json::JsonAnswer)]
pub async fn keep_access(email: String, password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = store::require_user(&state.pool).await?;
    let email = Email::parse(&email)?;
    let password = Password::parse(&password)?;
    let address = store::client_address().await;
    let user = store::keep_guest_access(&state.pool, &user, &email, &password, &address).await?;
    let session = store::request_session().await?;
    store::start_session(&session, &user).await?;
    leptos_axum::redirect("/");
    Ok(())
}
