//! Server-only token code: making, listing and revoking tokens, and
//! finding the person a token belongs to.

use super::{ApiToken, NewToken};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, Problem};
use crate::state::now_ms;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

/// Every token starts with this, so a token pasted somewhere it should not
/// be (a chat, a repository) is easy to recognise and search for.
pub const PREFIX: &str = "samspill_";
/// Working tokens one person may hold: enough for a few scripts, few
/// enough that a forgotten one is noticed.
pub const MAX_WORKING: i64 = 20;
pub const NAME_MAX: usize = 80;

/// 256 random bits from the operating system, hex-encoded after the prefix.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{PREFIX}{}", hex::encode(bytes))
}

/// What is stored of a token. The token is random and long, so a fast hash
/// is enough: there is nothing to guess from it.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub async fn create(pool: &AnyPool, user: &CurrentUser, name: &str) -> AppResult<NewToken> {
    let name = crate::text::one_line(name, NAME_MAX, Problem::NameMissing, Problem::NameTooLong)?;
    let (working,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL")
            .bind(&user.id)
            .fetch_one(pool)
            .await?;
    if working >= MAX_WORKING {
        return Err(Problem::TooManyTokens.into());
    }
    let secret = new_secret();
    let id = uuid::Uuid::now_v7().to_string();
    let last_four = secret[secret.len() - 4..].to_owned();
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, last_four, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(&user.id)
    .bind(&name)
    .bind(digest(&secret))
    .bind(&last_four)
    .bind(now_ms())
    .execute(pool)
    .await?;
    Ok(NewToken { id, name, secret })
}

pub async fn list(pool: &AnyPool, user: &CurrentUser) -> AppResult<Vec<ApiToken>> {
    let rows: Vec<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, name, last_four, created_at, revoked_at FROM api_tokens \
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(&user.id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, last_four, created_at_ms, revoked_at_ms)| ApiToken {
            id,
            name,
            last_four,
            created_at_ms,
            revoked_at_ms,
        })
        .collect())
}

/// Revokes one of the person's own tokens; from this moment it is refused.
/// Someone else's token, or one that does not exist, is not found.
/// Revoking a revoked token changes nothing.
pub async fn revoke(pool: &AnyPool, user: &CurrentUser, token_id: &str) -> AppResult<()> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT revoked_at FROM api_tokens WHERE id = $1 AND user_id = $2")
            .bind(token_id)
            .bind(&user.id)
            .fetch_optional(pool)
            .await?;
    match row {
        None => Err(AppError::NotFound),
        Some((Some(_),)) => Ok(()),
        Some((None,)) => {
            sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 \
                 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
            )
            .bind(now_ms())
            .bind(token_id)
            .bind(&user.id)
            .execute(pool)
            .await?;
            Ok(())
        }
    }
}

/// The person a working token belongs to; `None` for a token that is
/// unknown or revoked (the caller cannot tell which).
pub async fn user_of_token(pool: &AnyPool, secret: &str) -> AppResult<Option<CurrentUser>> {
    // Anything else was never made here: no need to ask the database.
    if !secret.starts_with(PREFIX) || secret.len() != PREFIX.len() + 64 {
        return Ok(None);
    }
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.email FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
    )
    .bind(digest(secret))
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, display_name, email)| CurrentUser {
        id,
        display_name,
        email,
    }))
}

/// A token of `user`'s that still works, by its secret: what a page may
/// show once after a form sent without JavaScript made it.
pub async fn own_working(pool: &AnyPool, user: &CurrentUser, secret: &str) -> AppResult<Option<NewToken>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT id, name FROM api_tokens WHERE token_hash = $1 AND user_id = $2 AND revoked_at IS NULL",
    )
    .bind(digest(secret))
    .bind(&user.id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, name)| NewToken {
        id,
        name,
        secret: secret.to_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_256_random_bits_after_the_prefix_and_its_digest_is_not_it() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        let bits = a.strip_prefix(PREFIX).unwrap();
        assert_eq!(bits.len(), 64);
        assert!(bits.bytes().all(|c| c.is_ascii_hexdigit()));
        let d = digest(&a);
        assert_eq!(d.len(), 64);
        assert!(!d.contains(bits) && !a.contains(&d));
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
