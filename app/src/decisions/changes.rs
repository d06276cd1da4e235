//! The design decisions' events. Their kinds and payloads are stored for
//! ever: add kinds and optional fields, never change what one means.

use super::model::{Criterion, DecisionText, Dissent, Reference, Side, Stance, Status};
use crate::people::Profession;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum DecisionsChange {
    DecisionProposed {
        decision_id: String,
        text: DecisionText,
        references: Vec<Reference>,
        /// Open for discussion at once, or a draft.
        status: Status,
    },
    /// A new revision of the title, problem and options.
    DecisionRevised { decision_id: String, text: DecisionText },
    /// Draft → open, open → deferred, and back.
    DecisionStatusChanged {
        decision_id: String,
        status: Status,
        reason: String,
    },
    ArgumentAdded {
        decision_id: String,
        argument_id: String,
        option_id: String,
        side: Side,
        text: String,
        #[serde(default)]
        evidence: String,
        profession: Option<Profession>,
    },
    /// A person's position on an option; earlier ones stay.
    PositionTaken {
        decision_id: String,
        option_id: String,
        stance: Stance,
        #[serde(default)]
        reason: String,
        revision: u32,
        profession: Option<Profession>,
    },
    /// Sealed: the outcome, why, and the dissent that remained.
    DecisionClosed {
        decision_id: String,
        outcome: Option<String>,
        rationale: String,
        dissent: Vec<Dissent>,
        #[serde(default)]
        override_reason: String,
        /// Added after the first decisions were stored: absent in those.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        criteria: Vec<Criterion>,
    },
    /// An explicit step back to discussion: the text starts a new revision.
    DecisionReopened { decision_id: String, reason: String },
    /// What undo records: a proposal or an argument taken back.
    DecisionWithdrawn { decision_id: String },
    ArgumentWithdrawn {
        decision_id: String,
        argument_id: String,
    },
    /// The professions that must have taken a position before closing;
    /// empty: no quorum.
    QuorumSet {
        decision_id: String,
        professions: Vec<Profession>,
    },
    /// Replaced by a later decision, named; linked both ways.
    DecisionSuperseded {
        decision_id: String,
        by: String,
        reason: String,
    },
}

pub const KINDS: &[&str] = &[
    "decision_proposed",
    "decision_revised",
    "decision_status_changed",
    "argument_added",
    "position_taken",
    "decision_closed",
    "decision_reopened",
    "decision_withdrawn",
    "argument_withdrawn",
    "quorum_set",
    "decision_superseded",
];

impl DecisionsChange {
    pub fn kind(&self) -> &'static str {
        match self {
            DecisionsChange::DecisionProposed { .. } => "decision_proposed",
            DecisionsChange::DecisionRevised { .. } => "decision_revised",
            DecisionsChange::DecisionStatusChanged { .. } => "decision_status_changed",
            DecisionsChange::ArgumentAdded { .. } => "argument_added",
            DecisionsChange::PositionTaken { .. } => "position_taken",
            DecisionsChange::DecisionClosed { .. } => "decision_closed",
            DecisionsChange::DecisionReopened { .. } => "decision_reopened",
            DecisionsChange::DecisionWithdrawn { .. } => "decision_withdrawn",
            DecisionsChange::ArgumentWithdrawn { .. } => "argument_withdrawn",
            DecisionsChange::QuorumSet { .. } => "quorum_set",
            DecisionsChange::DecisionSuperseded { .. } => "decision_superseded",
        }
    }

    pub fn decision_id(&self) -> &str {
        match self {
            DecisionsChange::DecisionProposed { decision_id, .. }
            | DecisionsChange::DecisionRevised { decision_id, .. }
            | DecisionsChange::DecisionStatusChanged { decision_id, .. }
            | DecisionsChange::ArgumentAdded { decision_id, .. }
            | DecisionsChange::PositionTaken { decision_id, .. }
            | DecisionsChange::DecisionClosed { decision_id, .. }
            | DecisionsChange::DecisionReopened { decision_id, .. }
            | DecisionsChange::DecisionWithdrawn { decision_id }
            | DecisionsChange::ArgumentWithdrawn { decision_id, .. }
            | DecisionsChange::QuorumSet { decision_id, .. }
            | DecisionsChange::DecisionSuperseded { decision_id, .. } => decision_id,
        }
    }
}
