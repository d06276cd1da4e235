//! The database: one pool of the `Any` driver, so one set of queries serves
//! SQLite and PostgreSQL.

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres:") || url.starts_with("postgresql:")
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs
/// and error messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

pub async fn connect(url: &str) -> Result<AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let sqlite = !is_postgres(url);
    AnyPoolOptions::new()
        .max_connections(if sqlite { 8 } else { 16 })
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if sqlite {
                    // WAL lets readers run beside the writer; synchronous=FULL
                    // makes every acknowledged commit survive a power cut.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
}

pub async fn migrate(pool: &AnyPool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("../migrations").run(pool).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_not_shown() {
        assert_eq!(
            redact("postgres://samspill:hemmelig@db.local:5432/samspill"),
            "postgres://samspill:***@db.local:5432/samspill"
        );
        assert_eq!(redact("sqlite://data/samspill.db"), "sqlite://data/samspill.db");
        assert_eq!(
            redact("postgres://postgres@localhost/x"),
            "postgres://postgres@localhost/x"
        );
    }
}
