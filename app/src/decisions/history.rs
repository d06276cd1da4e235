//! How the decisions' events read in the history, with the titles and
//! option texts as they were.

use super::changes::DecisionsChange;
use super::model::{Side, Stance, Status};
use super::slice::DecisionsSlice;
use crate::people::Profession;
use serde::{Deserialize, Serialize};

crate::read_json!(define
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionsWhat {
    Proposed {
        title: String,
    },
    Revised {
        title: String,
        revision: u32,
    },
    StatusChanged {
        title: String,
        status: Status,
        reason: String,
    },
    Argued {
        title: String,
        option: String,
        side: Side,
    },
    PositionTaken {
        title: String,
        option: String,
        stance: Stance,
        reason: String,
    },
    Closed {
        title: String,
        outcome: Option<String>,
        dissent: usize,
    },
    Reopened {
        title: String,
        reason: String,
    },
    Withdrawn {
        title: String,
    },
    ArgumentWithdrawn {
        title: String,
    },
    QuorumSet {
        title: String,
        professions: Vec<Profession>,
    },
    Superseded {
        title: String,
        by: String,
        reason: String,
    },
});

pub fn describe(s: &DecisionsSlice, change: &DecisionsChange) -> (DecisionsWhat, String) {
    let id = change.decision_id();
    let title = s.title(id);
    let option_text = |option_id: &str| {
        s.decisions
            .get(id)
            .and_then(|d| d.option(option_id))
            .map(|o| o.text.clone())
            .unwrap_or_default()
    };
    let what = match change {
        DecisionsChange::DecisionProposed { text, .. } => DecisionsWhat::Proposed {
            title: text.title.clone(),
        },
        DecisionsChange::DecisionRevised { text, .. } => DecisionsWhat::Revised {
            title: text.title.clone(),
            revision: s.decisions.get(id).map(|d| d.revision() + 1).unwrap_or(1),
        },
        DecisionsChange::DecisionStatusChanged { status, reason, .. } => DecisionsWhat::StatusChanged {
            title,
            status: *status,
            reason: reason.clone(),
        },
        DecisionsChange::ArgumentAdded { option_id, side, .. } => DecisionsWhat::Argued {
            title,
            option: option_text(option_id),
            side: *side,
        },
        DecisionsChange::PositionTaken {
            option_id,
            stance,
            reason,
            ..
        } => DecisionsWhat::PositionTaken {
            title,
            option: option_text(option_id),
            stance: *stance,
            reason: reason.clone(),
        },
        DecisionsChange::DecisionClosed { outcome, dissent, .. } => DecisionsWhat::Closed {
            title,
            outcome: outcome.as_deref().map(option_text),
            dissent: dissent.len(),
        },
        DecisionsChange::DecisionReopened { reason, .. } => DecisionsWhat::Reopened {
            title,
            reason: reason.clone(),
        },
        DecisionsChange::DecisionWithdrawn { .. } => DecisionsWhat::Withdrawn { title },
        DecisionsChange::ArgumentWithdrawn { .. } => DecisionsWhat::ArgumentWithdrawn { title },
        DecisionsChange::QuorumSet { professions, .. } => DecisionsWhat::QuorumSet {
            title,
            professions: professions.clone(),
        },
        DecisionsChange::DecisionSuperseded { by, reason, .. } => DecisionsWhat::Superseded {
            title,
            by: s.title(by),
            reason: reason.clone(),
        },
    };
    (what, id.to_owned())
}
