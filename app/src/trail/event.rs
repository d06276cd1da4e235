//! The events of the decision trail.
//!
//! Versioned by addition: features may add kinds, the meaning of an
//! existing kind never changes. An event whose kind this build does not know
//! is an error when read, never a panic.
//!
//! The core knows no feature's changes: an event carries a `C`, which the
//! registry (`crate::features`) makes from every feature's own changes, or
//! an [`Entry::Undone`], which the core itself records.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Position of an event in its project's log: 1, 2, 3, … without gaps.
pub type Seq = i64;

/// What a feature's changes must offer the core: a stored name per kind and
/// a payload. Implemented for each feature's change enum by serde's
/// adjacent tagging (`#[serde(tag = "kind", content = "payload")]`), so that
/// the stored form is what serde makes of it.
pub trait Change: Clone + std::fmt::Debug + PartialEq + Send + Sync + 'static {
    /// The stored tag, without serialising the payload.
    fn kind(&self) -> &'static str;
    /// The payload as JSON (object keys sorted, as `serde_json` keeps them).
    fn payload(&self) -> Value;
    /// `Ok(None)` if this kind is not one of these changes.
    fn read(kind: &str, payload: &Value) -> Result<Option<Self>, DecodeError>;
}

/// Reads an adjacently tagged change of a feature: `None` if `kind` is not
/// one of its `kinds`.
pub fn read_tagged<T: DeserializeOwned>(
    kinds: &[&str],
    kind: &str,
    payload: &Value,
) -> Result<Option<T>, DecodeError> {
    if !kinds.contains(&kind) {
        return Ok(None);
    }
    let tagged = serde_json::json!({ "kind": kind, "payload": payload });
    serde_json::from_value(tagged)
        .map(Some)
        .map_err(|e| DecodeError::BadPayload {
            kind: kind.to_owned(),
            message: e.to_string(),
        })
}

/// The payload of an adjacently tagged change.
pub fn tagged_payload<T: Serialize>(change: &T) -> Value {
    let mut value = serde_json::to_value(change).expect("a change always serialises");
    value.get_mut("payload").map(Value::take).unwrap_or(Value::Null)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "C: Change", deserialize = "C: Change"))]
pub struct Event<C> {
    pub project_id: String,
    pub seq: Seq,
    /// UUID v7.
    pub id: String,
    /// The user who made the change.
    pub actor_id: String,
    /// Milliseconds since 1970 (UTC).
    pub at_ms: i64,
    /// The workshop it happened in, if any.
    pub workshop_id: Option<String>,
    pub change: Entry<C>,
}

/// What one event records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry<C> {
    /// A feature's change.
    Change(C),
    /// A person took back their own change `of_seq`; `changes` restore what
    /// it changed. Not itself undoable (that would be a redo).
    Undone { of_seq: Seq, changes: Vec<C> },
}

pub const UNDONE: &str = "undone";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("unknown event kind {0:?}")]
    UnknownKind(String),
    #[error("payload of {kind} does not fit: {message}")]
    BadPayload { kind: String, message: String },
}

fn read_change<C: Change>(kind: &str, payload: &Value) -> Result<C, DecodeError> {
    C::read(kind, payload)?.ok_or_else(|| DecodeError::UnknownKind(kind.to_owned()))
}

fn tagged<C: Change>(c: &C) -> Value {
    serde_json::json!({ "kind": c.kind(), "payload": c.payload() })
}

impl<C: Change> Entry<C> {
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::Change(c) => c.kind(),
            Entry::Undone { .. } => UNDONE,
        }
    }

    fn payload(&self) -> Value {
        match self {
            Entry::Change(c) => c.payload(),
            Entry::Undone { of_seq, changes } => serde_json::json!({
                "of_seq": of_seq,
                "changes": changes.iter().map(tagged).collect::<Vec<_>>(),
            }),
        }
    }

    /// The stored form: kind and payload JSON.
    pub fn encode(&self) -> (String, String) {
        let payload = serde_json::to_string(&self.payload()).expect("a Value always serialises");
        (self.kind().to_owned(), payload)
    }

    pub fn decode(kind: &str, payload: &str) -> Result<Self, DecodeError> {
        let payload: Value = serde_json::from_str(payload).map_err(|e| DecodeError::BadPayload {
            kind: kind.to_owned(),
            message: e.to_string(),
        })?;
        Self::from_value(kind, &payload)
    }

    fn from_value(kind: &str, payload: &Value) -> Result<Self, DecodeError> {
        if kind != UNDONE {
            return read_change(kind, payload).map(Entry::Change);
        }
        let bad = |message: &str| DecodeError::BadPayload {
            kind: kind.to_owned(),
            message: message.to_owned(),
        };
        let of_seq = payload["of_seq"].as_i64().ok_or_else(|| bad("of_seq"))?;
        let changes = payload["changes"]
            .as_array()
            .ok_or_else(|| bad("changes"))?
            .iter()
            .map(|c| {
                let kind = c["kind"].as_str().ok_or_else(|| bad("a change without a kind"))?;
                read_change(kind, &c["payload"])
            })
            .collect::<Result<_, _>>()?;
        Ok(Entry::Undone { of_seq, changes })
    }

    /// The changes this entry makes, in order.
    pub fn changes(&self) -> &[C] {
        match self {
            Entry::Change(c) => std::slice::from_ref(c),
            Entry::Undone { changes, .. } => changes,
        }
    }
}

// On the wire (the live stream, snapshots) an entry is `{"kind", "payload"}`,
// the shape its stored form has.
impl<C: Change> Serialize for Entry<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_json::json!({ "kind": self.kind(), "payload": self.payload() }).serialize(s)
    }
}

impl<'de, C: Change> Deserialize<'de> for Entry<C> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        let kind = value["kind"]
            .as_str()
            .ok_or_else(|| D::Error::custom("no kind"))?;
        Entry::from_value(kind, &value["payload"]).map_err(D::Error::custom)
    }
}

/// Lets a feature's change be stored and sent inside another structure
/// (undo entries) in the same `{"kind", "payload"}` shape.
pub mod as_tagged {
    use super::*;

    pub fn serialize<C: Change, S: Serializer>(changes: &[C], s: S) -> Result<S::Ok, S::Error> {
        Value::Array(changes.iter().map(tagged).collect()).serialize(s)
    }

    pub fn deserialize<'de, C: Change, D: Deserializer<'de>>(d: D) -> Result<Vec<C>, D::Error> {
        let values = Vec::<Value>::deserialize(d)?;
        values
            .iter()
            .map(|v| {
                let kind = v["kind"].as_str().ok_or_else(|| D::Error::custom("no kind"))?;
                read_change(kind, &v["payload"]).map_err(D::Error::custom)
            })
            .collect()
    }
}
