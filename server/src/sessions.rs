//! Sessions live in the same database as everything else, so they survive a
//! restart and are shared by several server processes.
//!
//! Every way a session ends (sign-out, a new id at sign-in, and later a
//! password change) deletes it through this store, so this is where its end
//! is announced: to this process's live streams at once, and with
//! PostgreSQL to every other process through `NOTIFY`. A stream opened under
//! a session closes when it hears of that session's end; it also checks
//! every few seconds that its session is still there, which covers expiry
//! and a missed notification.

use async_trait::async_trait;
use std::str::FromStr;
use std::time::Duration;
use tokio::sync::broadcast;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::sqlx::{postgres::PgPoolOptions, sqlite::SqliteConnectOptions, PgPool};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The PostgreSQL channel on which ended sessions are announced. The payload
/// is the id of a session that no longer exists, so it opens nothing.
pub const ENDED_CHANNEL: &str = "samspill_sessions_ended";

/// The session store of whichever backend `DATABASE_URL` names. The store
/// crate needs a typed pool, so this is the one place the backends part ways.
#[derive(Clone, Debug)]
pub struct Sessions {
    store: Store,
    ended: broadcast::Sender<Id>,
}

#[derive(Clone, Debug)]
enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore, PgPool),
}

impl Sessions {
    pub async fn connect(database_url: &str) -> Result<Self, sqlx::Error> {
        let store = if crate::db::is_postgres(database_url) {
            let pool = PgPoolOptions::new()
                .max_connections(4)
                .connect(database_url)
                .await?;
            let store = PostgresStore::new(pool.clone());
            store.migrate().await?;
            Store::Postgres(store, pool)
        } else {
            let options = SqliteConnectOptions::from_str(database_url)?
                .create_if_missing(true)
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
                .busy_timeout(std::time::Duration::from_secs(5));
            let pool = sqlx::pool::PoolOptions::new()
                .max_connections(2)
                .connect_with(options)
                .await?;
            let store = SqliteStore::new(pool);
            store.migrate().await?;
            Store::Sqlite(store)
        };
        let (ended, _) = broadcast::channel(1024);
        Ok(Sessions { store, ended })
    }

    /// Hears of every session that ends from now on, in this process or
    /// (once [`Sessions::start_listener`] runs) in another.
    pub fn subscribe_ended(&self) -> broadcast::Receiver<Id> {
        self.ended.subscribe()
    }

    /// Whether the session still exists and has not expired. A database that
    /// does not answer is no reason to end anything: `true`.
    pub async fn is_live(&self, id: &Id) -> bool {
        match self.load(id).await {
            Ok(record) => record.is_some(),
            Err(e) => {
                tracing::warn!(error = %e, "cannot check a session");
                true
            }
        }
    }

    /// With PostgreSQL: passes other processes' ended sessions to this
    /// process's streams. `None` for SQLite, which has one process.
    pub fn start_listener(&self, database_url: &str) -> Option<tokio::task::JoinHandle<()>> {
        if !matches!(self.store, Store::Postgres(..)) {
            return None;
        }
        let (ended, url) = (self.ended.clone(), database_url.to_owned());
        Some(tokio::spawn(async move {
            loop {
                if let Err(e) = listen(&ended, &url).await {
                    tracing::warn!(error = %e, "session listener lost its connection; reconnecting");
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }))
    }
}

async fn listen(ended: &broadcast::Sender<Id>, database_url: &str) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(database_url).await?;
    listener.listen(ENDED_CHANNEL).await?;
    loop {
        let notification = listener.recv().await?;
        if let Ok(id) = Id::from_str(notification.payload()) {
            let _ = ended.send(id);
        }
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.store {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s, _) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match &self.store {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s, _) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match &self.store {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s, _) => s.load(id).await,
        }
    }

    /// Deletes the session and announces its end.
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match &self.store {
            Store::Sqlite(s) => s.delete(id).await?,
            Store::Postgres(s, pool) => {
                s.delete(id).await?;
                // Other processes' streams; this one's hear it below. A
                // failure here leaves them to their periodic check.
                if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(ENDED_CHANNEL)
                    .bind(id.to_string())
                    .execute(pool)
                    .await
                {
                    tracing::warn!(error = %e, "cannot announce an ended session");
                }
            }
        }
        let _ = self.ended.send(*id);
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match &self.store {
            Store::Sqlite(s) => s.delete_expired().await,
            Store::Postgres(s, _) => s.delete_expired().await,
        }
    }
}
