//! The events of the decision trail.
//!
//! Versioned by addition: new kinds may be added, the meaning of an existing
//! kind never changes. An event whose kind this build does not know is an
//! error when read, never a panic.

use crate::map::model::{Channel, ElementKind, LinkKind, Timing};
use crate::projects::domain::Profession;
use serde::{Deserialize, Serialize};

/// Position of an event in its project's log: 1, 2, 3, … without gaps.
pub type Seq = i64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
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
    pub change: Change,
}

/// What changed. Stored as `kind` (the tag) and `payload` (the fields, JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum Change {
    ProjectDescribed {
        name: String,
        purpose: String,
    },
    MapCreated {
        map_id: String,
        name: String,
    },
    ElementAdded {
        element_id: String,
        map_id: String,
        element_kind: ElementKind,
        name: String,
        description: String,
        x: i32,
        y: i32,
    },
    ElementEdited {
        element_id: String,
        name: String,
        description: String,
    },
    /// Moves never conflict: the later one wins.
    ElementMoved {
        element_id: String,
        x: i32,
        y: i32,
    },
    /// Also removes the element's links and pain points.
    ElementRemoved {
        element_id: String,
    },
    LinkAdded {
        link_id: String,
        map_id: String,
        from: String,
        to: String,
        link_kind: LinkKind,
        label: String,
        #[serde(default)]
        description: String,
        #[serde(default)]
        channel: Option<Channel>,
        #[serde(default)]
        message_type: String,
        #[serde(default)]
        timing: Option<Timing>,
    },
    LinkEdited {
        link_id: String,
        link_kind: LinkKind,
        label: String,
        description: String,
        channel: Option<Channel>,
        message_type: String,
        timing: Option<Timing>,
    },
    LinkRemoved {
        link_id: String,
    },
    PainPointRaised {
        pain_point_id: String,
        target: String,
        text: String,
        #[serde(default)]
        profession: Option<Profession>,
    },
    PainPointRemoved {
        pain_point_id: String,
    },
    /// A person took back their own change `of_seq`; `changes` restore what
    /// it changed. Not itself undoable (that would be a redo).
    Undone {
        of_seq: Seq,
        changes: Vec<Change>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("unknown event kind {0:?}")]
    UnknownKind(String),
    #[error("payload of {kind} does not fit: {message}")]
    BadPayload { kind: String, message: String },
}

impl Change {
    /// The stored form: kind and payload JSON.
    pub fn encode(&self) -> (String, String) {
        let value = serde_json::to_value(self).expect("a Change always serialises");
        let kind = value["kind"].as_str().expect("tagged").to_owned();
        let payload = serde_json::to_string(&value["payload"]).expect("a Value always serialises");
        (kind, payload)
    }

    pub fn decode(kind: &str, payload: &str) -> Result<Change, DecodeError> {
        let payload: serde_json::Value =
            serde_json::from_str(payload).map_err(|e| DecodeError::BadPayload {
                kind: kind.to_owned(),
                message: e.to_string(),
            })?;
        let tagged = serde_json::json!({ "kind": kind, "payload": payload });
        serde_json::from_value(tagged).map_err(|e| {
            if e.to_string().contains("unknown variant") {
                DecodeError::UnknownKind(kind.to_owned())
            } else {
                DecodeError::BadPayload {
                    kind: kind.to_owned(),
                    message: e.to_string(),
                }
            }
        })
    }

    /// The stored tag, without serialising the payload.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::ProjectDescribed { .. } => "project_described",
            Change::MapCreated { .. } => "map_created",
            Change::ElementAdded { .. } => "element_added",
            Change::ElementEdited { .. } => "element_edited",
            Change::ElementMoved { .. } => "element_moved",
            Change::ElementRemoved { .. } => "element_removed",
            Change::LinkAdded { .. } => "link_added",
            Change::LinkEdited { .. } => "link_edited",
            Change::LinkRemoved { .. } => "link_removed",
            Change::PainPointRaised { .. } => "pain_point_raised",
            Change::PainPointRemoved { .. } => "pain_point_removed",
            Change::Undone { .. } => "undone",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_trip_through_their_stored_form() {
        let c = Change::ElementAdded {
            element_id: "e1".into(),
            map_id: "m1".into(),
            element_kind: ElementKind::ItSystem,
            name: "Kjernejournal".into(),
            description: "<script>".into(),
            x: 10,
            y: -5,
        };
        let (kind, payload) = c.encode();
        assert_eq!(kind, "element_added");
        assert_eq!(c.kind(), kind);
        assert_eq!(Change::decode(&kind, &payload), Ok(c));
    }

    #[test]
    fn unknown_kinds_and_bad_payloads_are_errors() {
        assert_eq!(
            Change::decode("decision_made", "{}"),
            Err(DecodeError::UnknownKind("decision_made".into()))
        );
        assert!(matches!(
            Change::decode("element_moved", r#"{"element_id":"e1"}"#),
            Err(DecodeError::BadPayload { .. })
        ));
        assert!(matches!(
            Change::decode("element_moved", "not json"),
            Err(DecodeError::BadPayload { .. })
        ));
    }
}
