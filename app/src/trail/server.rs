//! Server-only trail code: appending (one writer per process, with group
//! commit), reading the past, verifying the chain, and publishing new events
//! to open streams.

use super::command::{decide, Command, Context};
use super::event::{Change, DecodeError, Event, Seq};
use super::hash::{chain, payload_digest, Header, GENESIS};
use super::reducer::ProjectState;
use crate::error::{AppError, AppResult, Conflict};
use crate::state::now_ms;
use serde::{Deserialize, Serialize};
use sqlx::{AnyPool, Row};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{broadcast, mpsc, oneshot};

/// A snapshot is kept whenever the log crosses a multiple of this.
pub const SNAPSHOT_EVERY: Seq = 256;
/// At most this many appends share one transaction (one fsync).
const MAX_BATCH: usize = 512;

/// A project's folded state and the hash of its last event.
#[derive(Debug, Clone)]
pub struct Head {
    pub state: ProjectState,
    pub hash: String,
}

impl Head {
    fn genesis(project_id: &str) -> Self {
        Head {
            state: ProjectState::new(project_id),
            hash: GENESIS.to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Published {
    /// New events of one project, in order.
    Events(Arc<Vec<Event>>),
    /// Someone joined, left or changed role: open streams check access again.
    Members { project_id: String },
    /// Notifications may have been missed (another process's listener
    /// reconnected): streams look in the table for anything newer.
    Resync,
}

/// One request to append.
#[derive(Debug, Clone)]
pub struct Append {
    pub project_id: String,
    pub actor_id: String,
    pub workshop_id: Option<String>,
    /// The version the person's page showed; `None` where no conflict is
    /// possible.
    pub base_seq: Option<Seq>,
    pub command: Command,
}

struct Job {
    append: Append,
    reply: oneshot::Sender<AppResult<Vec<Event>>>,
}

struct Inner {
    pool: AnyPool,
    postgres: bool,
    /// Tells this process's own notifications from other processes'.
    process_id: String,
    jobs: mpsc::Sender<Job>,
    heads: Mutex<HashMap<String, Arc<Head>>>,
    live: broadcast::Sender<Published>,
}

/// The trail of every project in this database. Cheap to clone.
#[derive(Clone)]
pub struct Trail {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Trail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Trail")
    }
}

pub const NOTIFY_CHANNEL: &str = "samspill_events";

#[derive(Debug, thiserror::Error)]
enum BatchError {
    /// Another process appended to one of the projects meanwhile.
    #[error("another process appended meanwhile")]
    HeadMoved,
    #[error("database: {0}")]
    Db(sqlx::Error),
    #[error("a decided change did not apply")]
    Inconsistent,
}

impl From<sqlx::Error> for BatchError {
    fn from(e: sqlx::Error) -> Self {
        BatchError::Db(e)
    }
}

impl Trail {
    /// Starts the writer task. `postgres` turns on NOTIFY to other processes.
    pub fn start(pool: AnyPool, postgres: bool) -> Trail {
        let (jobs, rx) = mpsc::channel(4096);
        let (live, _) = broadcast::channel(4096);
        let inner = Arc::new(Inner {
            pool,
            postgres,
            process_id: uuid::Uuid::new_v4().simple().to_string(),
            jobs,
            heads: Mutex::new(HashMap::new()),
            live,
        });
        tokio::spawn(run_writer(inner.clone(), rx));
        Trail { inner }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.inner.pool
    }

    pub fn process_id(&self) -> &str {
        &self.inner.process_id
    }

    /// Appends and waits until the events are durably committed.
    pub async fn submit(&self, append: Append) -> AppResult<Vec<Event>> {
        let (reply, answer) = oneshot::channel();
        self.inner.jobs.send(Job { append, reply }).await.map_err(|_| {
            tracing::error!("trail writer has stopped");
            AppError::Internal
        })?;
        let result = answer.await.map_err(|_| {
            tracing::error!("trail writer dropped a job");
            AppError::Internal
        })?;
        match result {
            // The writer knows ids; people know names.
            Err(AppError::Conflict(c)) => Err(AppError::Conflict(Conflict {
                by: display_name(&self.inner.pool, &c.by).await,
                ..c
            })),
            other => other,
        }
    }

    /// The current state, caught up with anything other processes wrote.
    pub async fn current(&self, project_id: &str) -> AppResult<Arc<Head>> {
        let mut conn = self.inner.pool.acquire().await?;
        let head = load_head(&self.inner, &mut conn, project_id)
            .await
            .map_err(|e| match e {
                LoadError::NotFound => AppError::NotFound,
                other => other.into_app(),
            })?;
        self.inner
            .heads
            .lock()
            .unwrap()
            .insert(project_id.to_owned(), head.clone());
        Ok(head)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Published> {
        self.inner.live.subscribe()
    }

    pub fn publish(&self, p: Published) {
        let _ = self.inner.live.send(p);
    }

    /// A notification from another process: read its events and pass them on.
    pub async fn caught_up_from_elsewhere(&self, project_id: &str, seq: Seq) -> AppResult<()> {
        let known = self
            .inner
            .heads
            .lock()
            .unwrap()
            .get(project_id)
            .map(|h| h.state.seq)
            .unwrap_or(seq - 1);
        if seq <= known {
            return Ok(());
        }
        let events = load_events(&self.inner.pool, project_id, known, seq - known).await?;
        if !events.is_empty() {
            self.publish(Published::Events(Arc::new(events)));
        }
        Ok(())
    }
}

async fn display_name(pool: &AnyPool, user_id: &str) -> String {
    sqlx::query_as::<_, (String,)>("SELECT display_name FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await
        .ok()
        .flatten()
        .map(|(n,)| n)
        .unwrap_or_default()
}

async fn run_writer(inner: Arc<Inner>, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut outcome = write_batch(&inner, &batch).await;
        for _ in 0..8 {
            if !matches!(outcome, Err(BatchError::HeadMoved)) {
                break;
            }
            forget(&inner, &batch);
            outcome = write_batch(&inner, &batch).await;
        }
        match outcome {
            Ok((results, heads)) => {
                {
                    let mut cache = inner.heads.lock().unwrap();
                    for (project_id, head) in heads {
                        cache.insert(project_id, Arc::new(head));
                    }
                }
                for (job, result) in batch.into_iter().zip(results) {
                    if let Ok(events) = &result {
                        if !events.is_empty() {
                            let _ = inner.live.send(Published::Events(Arc::new(events.clone())));
                        }
                    }
                    let _ = job.reply.send(result);
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "append failed; nothing was written");
                forget(&inner, &batch);
                for job in batch {
                    let _ = job.reply.send(Err(AppError::Internal));
                }
            }
        }
    }
}

fn forget(inner: &Inner, batch: &[Job]) {
    let mut cache = inner.heads.lock().unwrap();
    for job in batch {
        cache.remove(&job.append.project_id);
    }
}

type BatchOutcome = (Vec<AppResult<Vec<Event>>>, HashMap<String, Head>);

/// Decides and writes every job of the batch in one transaction. A job
/// that is refused (bad input, conflict) does not affect the others.
async fn write_batch(inner: &Inner, batch: &[Job]) -> Result<BatchOutcome, BatchError> {
    let mut tx = inner.pool.begin().await?;
    let mut working: HashMap<String, Head> = HashMap::new();
    let mut started_at: HashMap<String, (Seq, String)> = HashMap::new();
    let mut results = Vec::with_capacity(batch.len());
    let now = now_ms();

    for job in batch {
        let a = &job.append;
        if !working.contains_key(&a.project_id) {
            match load_head(inner, &mut tx, &a.project_id).await {
                Ok(head) => {
                    started_at.insert(a.project_id.clone(), (head.state.seq, head.hash.clone()));
                    working.insert(a.project_id.clone(), (*head).clone());
                }
                Err(LoadError::NotFound) => {
                    results.push(Err(AppError::NotFound));
                    continue;
                }
                Err(LoadError::Db(e)) => return Err(e.into()),
                Err(other) => {
                    tracing::error!(project = %a.project_id, error = %other, "cannot load project state");
                    results.push(Err(AppError::Internal));
                    continue;
                }
            }
        }
        let head = working.get_mut(&a.project_id).expect("loaded above");
        let decided = {
            let mut new_id = || uuid::Uuid::now_v7().to_string();
            let name_of = |id: &str| id.to_owned();
            let mut ctx = Context {
                actor_id: &a.actor_id,
                base_seq: a.base_seq,
                name_of: &name_of,
                new_id: &mut new_id,
            };
            decide(&head.state, &mut ctx, &a.command)
        };
        let changes = match decided {
            Ok(changes) => changes,
            Err(e) => {
                results.push(Err(e));
                continue;
            }
        };
        // `decide` checked the command, so the reducer accepts its changes;
        // if it does not, that is a bug and the whole batch is abandoned
        // (and the cached state forgotten).
        let mut events = Vec::with_capacity(changes.len());
        for change in changes {
            let event = Event {
                project_id: a.project_id.clone(),
                seq: head.state.seq + 1,
                id: uuid::Uuid::now_v7().to_string(),
                actor_id: a.actor_id.clone(),
                at_ms: now,
                workshop_id: a.workshop_id.clone(),
                change,
            };
            if let Err(e) = head.state.apply(&event) {
                tracing::error!(error = %e, "a decided change does not apply");
                return Err(BatchError::Inconsistent);
            }
            head.hash = insert_event(&mut tx, &event, &head.hash).await?;
            project(&mut tx, &event).await?;
            events.push(event);
        }
        results.push(Ok(events));
    }

    for (project_id, head) in &working {
        let (start_seq, start_hash) = &started_at[project_id];
        if head.state.seq == *start_seq {
            continue;
        }
        let moved = sqlx::query(
            "UPDATE project_heads SET seq = $1, hash = $2 WHERE project_id = $3 AND seq = $4 AND hash = $5",
        )
        .bind(head.state.seq)
        .bind(&head.hash)
        .bind(project_id)
        .bind(start_seq)
        .bind(start_hash)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            return Err(BatchError::HeadMoved);
        }
        if head.state.seq / SNAPSHOT_EVERY != start_seq / SNAPSHOT_EVERY {
            let state = serde_json::to_string(&head.state).expect("state serialises");
            sqlx::query("INSERT INTO snapshots (project_id, seq, state) VALUES ($1, $2, $3)")
                .bind(project_id)
                .bind(head.state.seq)
                .bind(state)
                .execute(&mut *tx)
                .await?;
        }
        if inner.postgres {
            // Delivered at commit, to every process listening.
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(NOTIFY_CHANNEL)
                .bind(format!("{}:{}:{}", inner.process_id, project_id, head.state.seq))
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok((results, working))
}

/// Writes one event row and returns its hash.
async fn insert_event(
    conn: &mut sqlx::AnyConnection,
    event: &Event,
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

/// Keeps the current-state tables that queries read in step with the log,
/// in the same transaction as the append.
async fn project(conn: &mut sqlx::AnyConnection, event: &Event) -> Result<(), sqlx::Error> {
    if let Change::ProjectDescribed { name, purpose } = &event.change {
        sqlx::query("UPDATE projects SET name = $1, purpose = $2 WHERE id = $3")
            .bind(name)
            .bind(purpose)
            .bind(&event.project_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
enum LoadError {
    #[error("no such project")]
    NotFound,
    #[error("database: {0}")]
    Db(sqlx::Error),
    #[error("event {0}: {1}")]
    Decode(Seq, DecodeError),
    #[error("{0}")]
    Reduce(super::reducer::ReduceError),
    #[error("snapshot: {0}")]
    Snapshot(String),
}

impl LoadError {
    fn into_app(self) -> AppError {
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
async fn load_head(
    inner: &Inner,
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
) -> Result<Arc<Head>, LoadError> {
    let row: Option<(Seq, String)> =
        sqlx::query_as("SELECT seq, hash FROM project_heads WHERE project_id = $1")
            .bind(project_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (seq, hash) = row.ok_or(LoadError::NotFound)?;
    let cached = inner.heads.lock().unwrap().get(project_id).cloned();
    let mut head = match cached {
        Some(h) if h.state.seq == seq => return Ok(h),
        Some(h) if h.state.seq < seq => (*h).clone(),
        _ => Head {
            state: snapshot_at_or_before(conn, project_id, seq).await?,
            hash: String::new(),
        },
    };
    let mut after = head.state.seq;
    while after < seq {
        let events = read_events(conn, project_id, after, 2000).await?;
        if events.is_empty() {
            break;
        }
        for e in &events {
            head.state.apply(e).map_err(LoadError::Reduce)?;
        }
        after = head.state.seq;
    }
    head.hash = if seq == 0 { GENESIS.to_owned() } else { hash };
    Ok(Arc::new(head))
}

async fn snapshot_at_or_before(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    seq: Seq,
) -> Result<ProjectState, LoadError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT state FROM snapshots WHERE project_id = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1",
    )
    .bind(project_id)
    .bind(seq)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((json,)) => serde_json::from_str(&json).map_err(|e| LoadError::Snapshot(e.to_string())),
        None => Ok(Head::genesis(project_id).state),
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
    pub fn event(&self) -> Result<Event, DecodeError> {
        Ok(Event {
            project_id: self.project_id.clone(),
            seq: self.seq,
            id: self.id.clone(),
            actor_id: self.actor_id.clone(),
            at_ms: self.at_ms,
            workshop_id: self.workshop_id.clone(),
            change: Change::decode(&self.kind, &self.payload)?,
        })
    }
}

async fn read_events(
    conn: &mut sqlx::AnyConnection,
    project_id: &str,
    after: Seq,
    limit: i64,
) -> Result<Vec<Event>, LoadError> {
    read_stored(conn, project_id, after, limit)
        .await?
        .iter()
        .map(|s| s.event().map_err(|e| LoadError::Decode(s.seq, e)))
        .collect()
}

/// Events after `after`, at most `limit`, in order.
pub async fn load_events(pool: &AnyPool, project_id: &str, after: Seq, limit: i64) -> AppResult<Vec<Event>> {
    let mut conn = pool.acquire().await?;
    read_events(&mut conn, project_id, after, limit)
        .await
        .map_err(LoadError::into_app)
}

/// The whole project as it was right after event `seq`.
pub async fn state_at(pool: &AnyPool, project_id: &str, seq: Seq) -> AppResult<ProjectState> {
    let mut conn = pool.acquire().await?;
    let mut state = snapshot_at_or_before(&mut conn, project_id, seq)
        .await
        .map_err(LoadError::into_app)?;
    while state.seq < seq {
        let events = read_events(&mut conn, project_id, state.seq, (seq - state.seq).min(5000))
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
pub async fn state_at_time(pool: &AnyPool, project_id: &str, at_ms: i64) -> AppResult<ProjectState> {
    let (seq,): (Option<Seq>,) =
        sqlx::query_as("SELECT MAX(seq) FROM events WHERE project_id = $1 AND at_ms <= $2")
            .bind(project_id)
            .bind(at_ms)
            .fetch_one(pool)
            .await?;
    state_at(pool, project_id, seq.unwrap_or(0)).await
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Every link holds; this many events.
    Intact { events: Seq, head: String },
    /// The first event whose link does not hold, and why.
    Broken { seq: Seq, reason: String },
}

/// Walks the whole chain from genesis.
pub async fn verify(pool: &AnyPool, project_id: &str) -> AppResult<Verdict> {
    let mut conn = pool.acquire().await?;
    let mut previous = GENESIS.to_owned();
    let mut expected_seq = 1;
    loop {
        let page = read_stored(&mut conn, project_id, expected_seq - 1, 2000).await?;
        if page.is_empty() {
            break;
        }
        for s in &page {
            if let Some(reason) = check_link(s, expected_seq, &previous) {
                return Ok(Verdict::Broken { seq: s.seq, reason });
            }
            previous = s.hash.clone();
            expected_seq += 1;
        }
    }
    let head: Option<(Seq, String)> =
        sqlx::query_as("SELECT seq, hash FROM project_heads WHERE project_id = $1")
            .bind(project_id)
            .fetch_optional(&mut *conn)
            .await?;
    match head {
        None => Err(AppError::NotFound),
        Some((seq, hash)) if seq != expected_seq - 1 || hash != previous => Ok(Verdict::Broken {
            seq: expected_seq,
            reason: format!(
                "the head says event {seq} with hash {hash}, the log ends at {}",
                expected_seq - 1
            ),
        }),
        Some(_) => Ok(Verdict::Intact {
            events: expected_seq - 1,
            head: previous,
        }),
    }
}

/// Why this row does not continue the chain, if it does not.
pub fn check_link(s: &StoredEvent, expected_seq: Seq, previous: &str) -> Option<String> {
    if s.seq != expected_seq {
        return Some(format!("expected event {expected_seq}, found {}", s.seq));
    }
    let digest = payload_digest(&s.payload);
    if digest != s.payload_sha256 {
        return Some("the payload does not match its SHA-256".into());
    }
    let header = Header {
        project_id: &s.project_id,
        seq: s.seq,
        id: &s.id,
        actor_id: &s.actor_id,
        at_ms: s.at_ms,
        workshop_id: s.workshop_id.as_deref(),
        kind: &s.kind,
    };
    match chain(previous, &header, &digest) {
        Some(h) if h == s.hash => None,
        _ => Some("the hash does not match the event and the previous hash".into()),
    }
}

/// The whole log with hashes, for anyone to verify without Samspill.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub project_id: String,
    pub genesis: String,
    pub algorithm: String,
    pub events: Vec<StoredEvent>,
}

pub async fn export(pool: &AnyPool, project_id: &str) -> AppResult<Export> {
    let mut conn = pool.acquire().await?;
    let mut events = Vec::new();
    loop {
        let page = read_stored(&mut conn, project_id, events.len() as Seq, 5000).await?;
        if page.is_empty() {
            break;
        }
        events.extend(page);
    }
    Ok(Export {
        format: "samspill-trail/1".into(),
        project_id: project_id.to_owned(),
        genesis: GENESIS.to_owned(),
        algorithm: "hash = hex(SHA-256(bytes(previous hash) ++ canonical)), canonical = compact JSON \
                    {\"v\":1,\"project\",\"seq\",\"id\",\"actor\",\"at\",\"workshop\",\"kind\",\"payload_sha256\"} \
                    in that order, payload_sha256 = hex(SHA-256(payload)); the first event chains from genesis"
            .into(),
        events,
    })
}
