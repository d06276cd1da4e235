//! Server functions for personal API tokens. Each is thin: who is signed
//! in, then the store code in `server.rs` over their own tokens only.

use super::{NewToken, Tokens};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server as store,
    crate::auth::server::{internal, require_user},
    crate::state::app_state,
};

/// Carries a token made by a form sent without JavaScript to the page the
/// browser is sent back to: the browser holds it for a few minutes, only
/// that page receives it, and the page clears it as it shows the token.
/// It never reaches the database, where only digests are kept.
#[cfg(feature = "ssr")]
const SHOWN_ONCE_COOKIE: &str = "samspill_new_token";
#[cfg(feature = "ssr")]
const TOKENS_PATH: &str = "/account/tokens";

#[cfg(feature = "ssr")]
fn set_cookie(value: &str, max_age: u32, secure: bool) -> Result<(), AppError> {
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let secure = if secure { "; Secure" } else { "" };
    let cookie =
        format!("{SHOWN_ONCE_COOKIE}={value}; Path={TOKENS_PATH}; Max-Age={max_age}; SameSite=Strict; HttpOnly{secure}");
    response.append_header(
        http::header::SET_COOKIE,
        http::HeaderValue::from_str(&cookie).map_err(|e| internal("cookie", e))?,
    );
    Ok(())
}

/// The request's header, if the server function serves one.
#[cfg(feature = "ssr")]
fn request_header(name: http::header::HeaderName) -> Vec<String> {
    use_context::<http::request::Parts>()
        .map(|parts| {
            parts
                .headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The person's tokens, newest first, and the one just made without
/// JavaScript if there is one.
#[server(prefix = "/api", endpoint = "list_tokens", output = crate::json::JsonAnswer)]
pub async fn list_tokens() -> Result<Tokens, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let tokens = store::list(&state.pool, &user).await?;
    let carried = request_header(http::header::COOKIE)
        .iter()
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SHOWN_ONCE_COOKIE)
        .map(|(_, v)| v.to_owned());
    let fresh = match carried {
        Some(secret) => {
            set_cookie("", 0, state.public_url.starts_with("https://"))?;
            // Only a working token of this person's is shown: a cookie set
            // by anyone else shows nothing.
            store::own_working(&state.pool, &user, &secret).await?
        }
        None => None,
    };
    Ok(Tokens { tokens, fresh })
}

/// Makes a token and answers with it: the only time it is shown.
#[server(prefix = "/api", endpoint = "create_token", output = crate::json::JsonAnswer)]
pub async fn create_token(name: String) -> Result<NewToken, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let token = store::create(&state.pool, &user, &name).await?;
    // A form sent without JavaScript is sent back to the page, which never
    // sees this answer: the token goes there by the cookie.
    let plain_form = request_header(http::header::ACCEPT)
        .iter()
        .any(|v| v.contains("text/html"));
    if plain_form {
        set_cookie(&token.secret, 300, state.public_url.starts_with("https://"))?;
    }
    Ok(token)
}

#[server(prefix = "/api", endpoint = "revoke_token", output = crate::json::JsonAnswer)]
pub async fn revoke_token(token_id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    store::revoke(&state.pool, &user, &token_id).await
}
