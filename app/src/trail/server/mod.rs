//! Server-only trail code: appending (one writer per process, with group
//! commit, in this file), reading the log and the past (`store`), verifying
//! the chain (`verify`), and publishing new events to open streams.

mod store;
mod verify;

pub use store::{load_events, read_stored, state_at, state_at_time, StoredEvent, SNAPSHOT_EVERY};
pub use verify::{check_link, export, verify, Export, Verdict};

use super::command::{decide, Request};
use super::domain::{Context, Domain};
use super::event::{Event, Seq};
use super::state::State;
use crate::error::{AppError, AppResult, Conflict};
use crate::state::now_ms;
use sqlx::AnyPool;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use store::{
    insert_event, load_head, record_submission, was_submitted, write_snapshot, write_tables, LoadError,
};
use tokio::sync::{broadcast, mpsc, oneshot};

/// At most this many appends share one transaction (one fsync).
const MAX_BATCH: usize = 512;

/// A project's folded state and the hash of its last event.
#[derive(Debug, Clone)]
pub struct Head<D: Domain> {
    pub state: State<D>,
    pub hash: String,
}

#[derive(Debug, Clone)]
pub enum Published<C> {
    /// New events of one project, in order.
    Events(Arc<Vec<Event<C>>>),
    /// Someone joined, left or changed role: open streams check access again.
    Members { project_id: String },
    /// Notifications may have been missed (another process's listener
    /// reconnected): streams look in the table for anything newer.
    Resync,
}

/// One request to append.
#[derive(Debug, Clone)]
pub struct Append<K> {
    pub project_id: String,
    pub actor_id: String,
    pub workshop_id: Option<String>,
    /// The version the person's page showed; `None` where no conflict is
    /// possible.
    pub base_seq: Option<Seq>,
    pub request: Request<K>,
    /// Whether the person may curate (see `Context::curator`).
    pub curator: bool,
    /// The form submission this is, if the form said: a second append with
    /// the same token (a double click, a form sent again) records nothing
    /// and is answered as done.
    pub token: Option<String>,
}

struct Job<D: Domain> {
    append: Append<D::Command>,
    reply: oneshot::Sender<AppResult<Vec<Event<D::Change>>>>,
}

struct Inner<D: Domain> {
    pool: AnyPool,
    postgres: bool,
    /// Tells this process's own notifications from other processes'.
    process_id: String,
    jobs: mpsc::Sender<Job<D>>,
    heads: Mutex<HashMap<String, Arc<Head<D>>>>,
    live: broadcast::Sender<Published<D::Change>>,
}

/// The trail of every project in this database. Cheap to clone.
pub struct Trail<D: Domain> {
    inner: Arc<Inner<D>>,
}

impl<D: Domain> Clone for Trail<D> {
    fn clone(&self) -> Self {
        Trail {
            inner: self.inner.clone(),
        }
    }
}

impl<D: Domain> std::fmt::Debug for Trail<D> {
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

impl<D: Domain> Trail<D> {
    /// Starts the writer task. `postgres` turns on NOTIFY to other processes.
    pub fn start(pool: AnyPool, postgres: bool) -> Self {
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

    /// Whether the database is PostgreSQL (some locking differs).
    pub fn is_postgres(&self) -> bool {
        self.inner.postgres
    }

    pub fn process_id(&self) -> &str {
        &self.inner.process_id
    }

    /// Appends and waits until the events are durably committed.
    pub async fn submit(&self, append: Append<D::Command>) -> AppResult<Vec<Event<D::Change>>> {
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
    pub async fn current(&self, project_id: &str) -> AppResult<Arc<Head<D>>> {
        let mut conn = self.inner.pool.acquire().await?;
        let cached = self.inner.heads.lock().unwrap().get(project_id).cloned();
        let head = load_head(cached, &mut conn, project_id)
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

    pub fn subscribe(&self) -> broadcast::Receiver<Published<D::Change>> {
        self.inner.live.subscribe()
    }

    pub fn publish(&self, p: Published<D::Change>) {
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
        let events = load_events::<D>(&self.inner.pool, project_id, known, seq - known).await?;
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

async fn run_writer<D: Domain>(inner: Arc<Inner<D>>, mut rx: mpsc::Receiver<Job<D>>) {
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

fn forget<D: Domain>(inner: &Inner<D>, batch: &[Job<D>]) {
    let mut cache = inner.heads.lock().unwrap();
    for job in batch {
        cache.remove(&job.append.project_id);
    }
}

type BatchOutcome<D> = (
    Vec<AppResult<Vec<Event<<D as Domain>::Change>>>>,
    HashMap<String, Head<D>>,
);

/// Decides and writes every job of the batch in one transaction. A job
/// that is refused (bad input, conflict) does not affect the others.
async fn write_batch<D: Domain>(inner: &Inner<D>, batch: &[Job<D>]) -> Result<BatchOutcome<D>, BatchError> {
    let mut tx = crate::state::begin_write(&inner.pool).await?;
    let mut working: HashMap<String, Head<D>> = HashMap::new();
    let mut started_at: HashMap<String, (Seq, String)> = HashMap::new();
    let mut results = Vec::with_capacity(batch.len());
    let mut submitted: HashSet<(String, String)> = HashSet::new();
    let now = now_ms();

    for job in batch {
        let a = &job.append;
        if !working.contains_key(&a.project_id) {
            let cached = inner.heads.lock().unwrap().get(&a.project_id).cloned();
            match load_head(cached, &mut tx, &a.project_id).await {
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
        let token = a.token.as_ref().map(|t| (a.project_id.clone(), t.clone()));
        if let Some(key) = &token {
            if submitted.contains(key) || was_submitted(&mut tx, &key.0, &key.1).await? {
                results.push(Ok(Vec::new()));
                continue;
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
                curator: a.curator,
            };
            decide(&head.state, &mut ctx, &a.request)
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
            // The occasion before the change, or else the one it begins:
            // the events that start and end a workshop are made in it too.
            let before = a.workshop_id.clone().or_else(|| head.state.content.occasion());
            let mut event = Event {
                project_id: a.project_id.clone(),
                seq: head.state.seq + 1,
                id: uuid::Uuid::now_v7().to_string(),
                actor_id: a.actor_id.clone(),
                at_ms: now,
                workshop_id: before,
                change,
            };
            if let Err(e) = head.state.apply(&event) {
                tracing::error!(error = %e, "a decided change does not apply");
                return Err(BatchError::Inconsistent);
            }
            if event.workshop_id.is_none() {
                event.workshop_id = head.state.content.occasion();
            }
            head.hash = insert_event::<D>(&mut tx, &event, &head.hash).await?;
            for change in event.change.changes() {
                write_tables(&mut tx, D::table_writes(&event.project_id, change)).await?;
            }
            events.push(event);
        }
        if let (Some(key), Some(first)) = (token, events.first()) {
            record_submission(&mut tx, &key.0, &key.1, first.seq).await?;
            submitted.insert(key);
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
            write_snapshot(&mut tx, &head.state).await?;
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
