//! Checking the chain, and the log as a file anyone can check.

use super::super::event::Seq;
use super::super::hash::{chain, payload_digest, Header, GENESIS};
use super::store::{read_stored, StoredEvent};
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

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
