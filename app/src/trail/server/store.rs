//! Reading and writing the log's rows: events, heads and snapshots.

use super::super::domain::Domain;
use super::super::event::{DecodeError, Entry, Event, Seq};
use super::super::hash::{chain, payload_digest, Header, GENESIS};
use super::super::slice::TableWrite;
use super::super::state::{ReduceError, State};
use super::Head;
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use sqlx::{AnyPool, Row};

/// A snapshot is kept whenever the log crosses a multiple of this.
pub const SNAPSHOT_EVERY: Seq = 256;

/// Writes one event row and returns its hash.
pub(super) async fn insert_event<D: Domain>(
    conn: &mut sqlx::AnyConnection,
    event: &Event<D::Change>,
    previous: &str,
) -> Result<String, sqlx::Error> {
    let (kind, payload) = event.change.encode();
    let digest = payload_digest(&payload);
    let hash = chain(previous, &Header::of(event, &kind), &digest)
        .ok_or_else(|| sqlx::Error::Protocol(format!("head hash of {} is not hex", event.project_id)))?;
    sqlx::query(
        "INSERT INTO events (project_id, seq, id, actor_id, at_ms, workshop_id, kind, payload, payload_sha256, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&event.project_id)
    .bind(event.seq)
    .bind(&event.id)
    .bind(&event.actor_id)
    .bind(event.at_ms)
    .bind(event.workshop_id.clone())
    .bind(&kind)
    .bind(&payload)
    .bind(&digest)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    Ok(hash)
}

/// Whether a form submission with this token was recorded in the project.
pub(super) async fn was_submitted(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    token: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(Seq,)> =
        sqlx::query_as("SELECT seq FROM submissions WHERE project_id = $1 AND token = $2")
            .bind(project_id)
            .bind(token)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.is_some())
}

/// Records a form submission with the first event it made, in the same
/// transaction as the events.
pub(super) async fn record_submission(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    token: &str,
    seq: Seq,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO submissions (project_id, token, seq) VALUES ($1, $2, $3)")
        .bind(project_id)
        .bind(token)
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Keeps the current-state tables that queries read in step with the log,
/// in the same transaction as the append.
pub(super) async fn write_tables(
    conn: &mut sqlx::AnyConnection,
    writes: Vec<TableWrite>,
) -> Result<(), sqlx::Error> {
    for w in writes {
        let mut q = sqlx::query(w.sql);
        for b in w.binds {
            q = q.bind(b);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub(super) enum LoadError {
    #[error("no such project")]
    NotFound,
    #[error("database: {0}")]
    Db(sqlx::Error),
    #[error("event {0}: {1}")]
    Decode(Seq, DecodeError),
    #[error("{0}")]
    Reduce(ReduceError),
}

impl LoadError {
    pub(super) fn into_app(self) -> AppError {
        match self {
            LoadError::NotFound => AppError::NotFound,
            LoadError::Db(e) => e.into(),
            other => {
                tracing::error!(error = %other, "cannot rebuild project state");
                AppError::Internal
            }
        }
    }
}

impl From<sqlx::Error> for LoadError {
    fn from(e: sqlx::Error) -> Self {
        LoadError::Db(e)
    }
}

/// The head of a project's log: from the cache if it is current, else
/// caught up from the table (another process may have appended).
pub(super) async fn load_head<D: Domain>(
    cached: Option<std::sync::Arc<Head<D>>>,
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
) -> Result<std::sync::Arc<Head<D>>, LoadError> {
    let row: Option<(Seq, String)> =
        sqlx::query_as("SELECT seq, hash FROM project_heads WHERE project_id = $1")
            .bind(project_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (seq, hash) = row.ok_or(LoadError::NotFound)?;
    let mut head = match cached {
        Some(h) if h.state.seq == seq => return Ok(h),
        Some(h) if h.state.seq < seq => (*h).clone(),
        _ => Head {
            state: snapshot_at_or_before(conn, project_id, seq).await?,
            hash: String::new(),
        },
    };
    let replayed_from = head.state.seq;
    while head.state.seq < seq {
        let events = read_events::<D>(conn, project_id, head.state.seq, 2000).await?;
        if events.is_empty() {
            break;
        }
        for e in &events {
            head.state.apply(e).map_err(LoadError::Reduce)?;
        }
    }
    // No snapshot of this shape was there to start from (the shape changed
    // in this build): keep one, so the next load starts from it.
    if head.state.seq - replayed_from >= SNAPSHOT_EVERY {
        write_snapshot(conn, &head.state).await?;
    }
    head.hash = if seq == 0 { GENESIS.to_owned() } else { hash };
    Ok(std::sync::Arc::new(head))
}

/// Keeps the folded state at its version, tagged with the shape of this
/// build's state; replaces a snapshot of another shape at the same version.
pub(super) async fn write_snapshot<D: Domain>(
    conn: &mut sqlx::AnyConnection,
    state: &State<D>,
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(state).expect("state serialises");
    sqlx::query(
        "INSERT INTO snapshots (project_id, seq, state, shape) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (project_id, seq) DO UPDATE SET state = excluded.state, shape = excluded.shape",
    )
    .bind(&state.project_id)
    .bind(state.seq)
    .bind(json)
    .bind(D::shape())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The nearest snapshot of this build's shape at or before `seq`, or the
/// empty state. A snapshot of another shape is passed over, never an error.
pub(super) async fn snapshot_at_or_before<D: Domain>(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    seq: Seq,
) -> Result<State<D>, LoadError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT state FROM snapshots WHERE project_id = $1 AND seq <= $2 AND shape = $3 \
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(project_id)
    .bind(seq)
    .bind(D::shape())
    .fetch_optional(&mut *conn)
    .await?;
    match row.map(|(json,)| serde_json::from_str::<State<D>>(&json)) {
        Some(Ok(state)) if state.project_id == project_id => Ok(state),
        Some(Err(e)) => {
            tracing::warn!(project = %project_id, error = %e, "a snapshot does not read; rebuilding from the log");
            Ok(State::new(project_id))
        }
        _ => Ok(State::new(project_id)),
    }
}

/// One row of the log as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredEvent {
    pub project_id: String,
    pub seq: Seq,
    pub id: String,
    pub actor_id: String,
    pub at_ms: i64,
    pub workshop_id: Option<String>,
    pub kind: String,
    pub payload: String,
    pub payload_sha256: String,
    pub hash: String,
}

const EVENT_COLUMNS: &str =
    "project_id, seq, id, actor_id, at_ms, workshop_id, kind, payload, payload_sha256, hash";

fn stored_from_row(row: &sqlx::any::AnyRow) -> Result<StoredEvent, sqlx::Error> {
    Ok(StoredEvent {
        project_id: row.try_get("project_id")?,
        seq: row.try_get("seq")?,
        id: row.try_get("id")?,
        actor_id: row.try_get("actor_id")?,
        at_ms: row.try_get("at_ms")?,
        workshop_id: row.try_get("workshop_id")?,
        kind: row.try_get("kind")?,
        payload: row.try_get("payload")?,
        payload_sha256: row.try_get("payload_sha256")?,
        hash: row.try_get("hash")?,
    })
}

pub async fn read_stored(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    after: Seq,
    limit: i64,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE project_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
    ))
    .bind(project_id)
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(stored_from_row).collect()
}

impl StoredEvent {
    pub fn event<D: Domain>(&self) -> Result<Event<D::Change>, DecodeError> {
        Ok(Event {
            project_id: self.project_id.clone(),
            seq: self.seq,
            id: self.id.clone(),
            actor_id: self.actor_id.clone(),
            at_ms: self.at_ms,
            workshop_id: self.workshop_id.clone(),
            change: Entry::decode(&self.kind, &self.payload)?,
        })
    }
}

pub(super) async fn read_events<D: Domain>(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    after: Seq,
    limit: i64,
) -> Result<Vec<Event<D::Change>>, LoadError> {
    read_stored(conn, project_id, after, limit)
        .await?
        .iter()
        .map(|s| s.event::<D>().map_err(|e| LoadError::Decode(s.seq, e)))
        .collect()
}

/// Events after `after`, at most `limit`, in order.
pub async fn load_events<D: Domain>(
    pool: &AnyPool,
    project_id: &str,
    after: Seq,
    limit: i64,
) -> AppResult<Vec<Event<D::Change>>> {
    let mut conn = pool.acquire().await?;
    read_events::<D>(&mut conn, project_id, after, limit)
        .await
        .map_err(LoadError::into_app)
}

/// The whole project as it was right after event `seq`.
pub async fn state_at<D: Domain>(pool: &AnyPool, project_id: &str, seq: Seq) -> AppResult<State<D>> {
    let mut conn = pool.acquire().await?;
    let mut state = snapshot_at_or_before::<D>(&mut conn, project_id, seq)
        .await
        .map_err(LoadError::into_app)?;
    while state.seq < seq {
        let events = read_events::<D>(&mut conn, project_id, state.seq, (seq - state.seq).min(5000))
            .await
            .map_err(LoadError::into_app)?;
        if events.is_empty() {
            break;
        }
        for e in &events {
            state.apply(e).map_err(|e| LoadError::Reduce(e).into_app())?;
        }
    }
    Ok(state)
}

/// The whole project as it was at a moment (milliseconds since 1970).
pub async fn state_at_time<D: Domain>(pool: &AnyPool, project_id: &str, at_ms: i64) -> AppResult<State<D>> {
    let (seq,): (Option<Seq>,) =
        sqlx::query_as("SELECT MAX(seq) FROM events WHERE project_id = $1 AND at_ms <= $2")
            .bind(project_id)
            .bind(at_ms)
            .fetch_one(pool)
            .await?;
    state_at::<D>(pool, project_id, seq.unwrap_or(0)).await
}
