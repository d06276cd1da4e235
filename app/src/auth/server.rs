//! Server-only account code: password hashing, the users table, sign-in
//! throttling and the session key.

use super::domain::{DisplayName, Email, Password};
use super::CurrentUser;
use crate::error::{AppError, AppResult, Problem};
use crate::state::now_ms;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sqlx::AnyPool;
use std::sync::OnceLock;
use tower_sessions::Session;

/// The session holds only the user id; everything else is read fresh, so a
/// changed name or a removed membership takes effect at once.
pub const USER_ID_KEY: &str = "user_id";

/// OWASP's minimum for Argon2id: 19 MiB, two passes, one lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash_password(password: &Password) -> AppResult<String> {
    let password = password.expose().to_owned();
    // Hashing takes tens of milliseconds of CPU: keep it off the async workers.
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| internal("hash task", e))?
    .map_err(|e| internal("hash", e))
}

async fn verify_password(password: String, stored: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored).map_err(|e| internal("stored hash", e))?;
        Ok(argon2().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| internal("verify task", e))?
}

/// Checked against when the email is unknown, so that a wrong email takes as
/// long as a wrong password and timing does not reveal who has an account.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(b"not a real password at all", &salt)
            .expect("hashing a constant works")
            .to_string()
    })
}

pub fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "{what}");
    AppError::Internal
}

pub async fn create_user(
    pool: &AnyPool,
    name: &DisplayName,
    email: &Email,
    password: &Password,
) -> AppResult<CurrentUser> {
    let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(pool)
        .await?;
    if taken.is_some() {
        return Err(Problem::EmailTaken.into());
    }
    let hash = hash_password(password).await?;
    let id = uuid::Uuid::now_v7().to_string();
    let inserted = sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING",
    )
    .bind(&id)
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(&hash)
    .bind(now_ms())
    .execute(pool)
    .await?;
    // Two sign-ups with one email at once: the unique index decides.
    if inserted.rows_affected() == 0 {
        return Err(Problem::EmailTaken.into());
    }
    Ok(CurrentUser {
        id,
        display_name: name.as_str().to_owned(),
        email: email.as_str().to_owned(),
    })
}

pub async fn find_user(pool: &AnyPool, id: &str) -> AppResult<Option<CurrentUser>> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, display_name, email FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, display_name, email)| CurrentUser {
        id,
        display_name,
        email,
    }))
}

/// Failures counted over this window. Counts are kept in the database, so
/// that several server processes share them.
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Wrong passwords for one account from one address. Counted per account
/// *and* address, so a stranger who guesses wrong locks out only their own
/// address, never the account's owner elsewhere.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins (any account) and sign-ups refused as taken, per address.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;
/// Sign-ups refused because the address is taken, per address: each one
/// tells the caller that an account exists, so few are answered.
pub const MAX_TAKEN_PER_ADDRESS: i64 = 10;

fn account_key(email: &str, address: &str) -> String {
    format!("account:{email}|address:{address}")
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

fn sign_up_key(address: &str) -> String {
    format!("sign-up:{address}")
}

/// When the recent failures under `key` happened, oldest first.
async fn recent_failures(pool: &AnyPool, key: &str, since: i64) -> AppResult<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT failed_at FROM sign_in_failures WHERE throttle_key = $1 AND failed_at > $2 ORDER BY failed_at",
    )
    .bind(key)
    .bind(since)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

/// Refuses with `TooManyAttempts` (and a `Retry-After` of when the oldest
/// counted failure leaves the window) if any key has reached its limit.
async fn refuse_if_throttled(pool: &AnyPool, limits: &[(&str, i64)], now: i64) -> AppResult<()> {
    let since = now - THROTTLE_WINDOW_MS;
    for &(key, max) in limits {
        let failures = recent_failures(pool, key, since).await?;
        let n = failures.len() as i64;
        if n >= max {
            let frees_at = failures[(n - max) as usize] + THROTTLE_WINDOW_MS;
            let seconds = ((frees_at - now) + 999) / 1000;
            set_retry_after(seconds.max(1));
            return Err(AppError::TooManyAttempts);
        }
    }
    Ok(())
}

/// Tells the client how long to wait (the `Retry-After` header of a 429).
fn set_retry_after(seconds: i64) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = http::HeaderValue::from_str(&seconds.to_string()) {
            response.insert_header(http::header::RETRY_AFTER, value);
        }
    }
}

async fn record_failure(pool: &AnyPool, keys: &[&str], now: i64) -> AppResult<()> {
    let since = now - THROTTLE_WINDOW_MS;
    let mut tx = crate::state::begin_write(pool).await?;
    for key in keys {
        sqlx::query("DELETE FROM sign_in_failures WHERE throttle_key = $1 AND failed_at <= $2")
            .bind(key)
            .bind(since)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sign_in_failures (throttle_key, failed_at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sign-up and a guest keeping their access both take an email: they share
/// the limit on emails found taken per address. The throttle keys, for
/// recording a failure.
async fn refuse_if_taking_too_many(pool: &AnyPool, address: &str, now: i64) -> AppResult<(String, String)> {
    let (sign_up, any) = (sign_up_key(address), address_key(address));
    refuse_if_throttled(
        pool,
        &[
            (&sign_up, MAX_TAKEN_PER_ADDRESS),
            (&any, MAX_FAILURES_PER_ADDRESS),
        ],
        now,
    )
    .await?;
    Ok((sign_up, any))
}

/// Creates an account. Each sign-up refused because the email is taken
/// counts against the caller's address, and once an address has had too
/// many, it is refused before the email is looked at: the answer "taken"
/// cannot be used to list who has an account.
pub async fn sign_up_throttled(
    pool: &AnyPool,
    name: &DisplayName,
    email: &Email,
    password: &Password,
    address: &str,
) -> AppResult<CurrentUser> {
    let now = now_ms();
    let (sign_up, any) = refuse_if_taking_too_many(pool, address, now).await?;
    match create_user(pool, name, email, password).await {
        Err(AppError::Invalid(Problem::EmailTaken)) => {
            record_failure(pool, &[&sign_up, &any], now).await?;
            Err(Problem::EmailTaken.into())
        }
        other => other,
    }
}

/// A guest (made by joining a workshop with its code) keeps their access:
/// the account gets an email and a password and is no longer bound to its
/// project. Throttled as sign-up is, so it cannot be used to probe which
/// emails have accounts faster than sign-up can.
pub async fn keep_guest_access(
    pool: &AnyPool,
    user: &CurrentUser,
    email: &Email,
    password: &Password,
    address: &str,
) -> AppResult<CurrentUser> {
    let now = now_ms();
    let (sign_up, any) = refuse_if_taking_too_many(pool, address, now).await?;
    let hash = hash_password(password).await?;
    let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(pool)
        .await?;
    if taken.is_some() {
        record_failure(pool, &[&sign_up, &any], now).await?;
        return Err(Problem::EmailTaken.into());
    }
    // Only a guest's row changes; the unique email index settles a race.
    let kept = sqlx::query(
        "UPDATE users SET email = $1, password_hash = $2, guest_of = NULL WHERE id = $3 AND guest_of IS NOT NULL",
    )
    .bind(email.as_str())
    .bind(&hash)
    .bind(&user.id)
    .execute(pool)
    .await;
    match kept {
        Ok(done) if done.rows_affected() == 1 => Ok(CurrentUser {
            email: email.as_str().to_owned(),
            ..user.clone()
        }),
        Ok(_) => Err(AppError::Forbidden),
        Err(_) => Err(Problem::EmailTaken.into()),
    }
}

/// Checks the password; refuses without looking at it once this account has
/// failed too often lately from this address, or this address too often
/// for any account.
pub async fn authenticate(
    pool: &AnyPool,
    raw_email: &str,
    password: &str,
    address: &str,
) -> AppResult<CurrentUser> {
    let email = raw_email.trim().to_lowercase();
    let (account, any) = (account_key(&email, address), address_key(address));
    let now = now_ms();
    refuse_if_throttled(
        pool,
        &[
            (&account, MAX_FAILURES_PER_ACCOUNT),
            (&any, MAX_FAILURES_PER_ADDRESS),
        ],
        now,
    )
    .await?;

    // A guest (made by joining a workshop) has no password to check.
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, display_name, email, password_hash FROM users WHERE email = $1 AND guest_of IS NULL",
    )
    .bind(&email)
    .fetch_optional(pool)
    .await?;
    let stored = row
        .as_ref()
        .map(|r| r.3.clone())
        .unwrap_or_else(|| dummy_hash().to_owned());
    let matches = verify_password(password.to_owned(), stored).await?;

    match row {
        Some((id, display_name, email, _)) if matches => {
            sqlx::query("DELETE FROM sign_in_failures WHERE throttle_key = $1")
                .bind(&account)
                .execute(pool)
                .await?;
            Ok(CurrentUser {
                id,
                display_name,
                email,
            })
        }
        _ => {
            record_failure(pool, &[&account, &any], now).await?;
            Err(AppError::WrongCredentials)
        }
    }
}

/// The signed-in person, if the session names one that still exists.
pub async fn user_of_session(pool: &AnyPool, session: &Session) -> AppResult<Option<CurrentUser>> {
    let id: Option<String> = session
        .get(USER_ID_KEY)
        .await
        .map_err(|e| internal("session read", e))?;
    match id {
        Some(id) => find_user(pool, &id).await,
        None => Ok(None),
    }
}

/// Starts a signed-in session under a new id, so that an id planted before
/// sign-in (session fixation) is worth nothing afterwards.
pub async fn start_session(session: &Session, user: &CurrentUser) -> AppResult<()> {
    session
        .cycle_id()
        .await
        .map_err(|e| internal("session cycle", e))?;
    session
        .insert(USER_ID_KEY, &user.id)
        .await
        .map_err(|e| internal("session write", e))
}

/// The session of the request a server function is serving.
pub async fn request_session() -> AppResult<Session> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| internal("session extract", e))
}

/// Who is signed in on this request, if anyone: read once for a page's
/// render however many server functions ask.
pub async fn signed_in(pool: &AnyPool) -> AppResult<Option<CurrentUser>> {
    let read = async {
        let session = request_session().await?;
        user_of_session(pool, &session).await
    };
    match crate::state::PageReads::of_request().await {
        Some(reads) => reads.user(read).await,
        None => read.await,
    }
}

/// For server functions that need someone signed in.
pub async fn require_user(pool: &AnyPool) -> AppResult<CurrentUser> {
    signed_in(pool).await?.ok_or(AppError::NotSignedIn)
}

/// The peer address, for throttling; behind a proxy all requests share the
/// proxy's address, which only makes the per-address limit stricter.
pub async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_owasp_minimum() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let pw = Password::parse("blå-hest-på-tur").unwrap();
        let hash = rt.block_on(hash_password(&pw)).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(rt
            .block_on(verify_password("blå-hest-på-tur".into(), hash.clone()))
            .unwrap());
        assert!(!rt
            .block_on(verify_password("blå-hest-på-tu".into(), hash))
            .unwrap());
    }
}
