//! The workshops' events. A stored kind never changes meaning: add kinds
//! and `#[serde(default)]` fields.

use super::model::{Activity, VoteItem};
use serde::{Deserialize, Serialize};

pub const KINDS: &[&str] = &[
    "workshop_planned",
    "workshop_replanned",
    "workshop_started",
    "activity_started",
    "timer_paused",
    "timer_resumed",
    "everyone_brought",
    "editing_locked",
    "workshop_joined",
    "activity_done",
    "workshop_notes_written",
    "workshop_ended",
    "dot_vote_opened",
    "dot_vote_revealed",
    "activity_items_chosen",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum WorkshopsChange {
    WorkshopPlanned {
        workshop_id: String,
        title: String,
        starts_at: String,
        goal: String,
        agenda: Vec<Activity>,
    },
    /// The plan changed before the workshop started.
    WorkshopReplanned {
        workshop_id: String,
        title: String,
        starts_at: String,
        goal: String,
        agenda: Vec<Activity>,
    },
    WorkshopStarted {
        workshop_id: String,
        code: String,
    },
    /// The timer runs for `seconds` from the event's own time.
    ActivityStarted {
        workshop_id: String,
        index: usize,
        seconds: i64,
    },
    TimerPaused {
        workshop_id: String,
    },
    TimerResumed {
        workshop_id: String,
    },
    /// Every participant's view follows to `path`; `None` lets them go.
    EveryoneBrought {
        workshop_id: String,
        path: Option<String>,
    },
    EditingLocked {
        workshop_id: String,
        locked: bool,
    },
    WorkshopJoined {
        workshop_id: String,
    },
    ActivityDone {
        workshop_id: String,
        index: usize,
    },
    WorkshopNotesWritten {
        workshop_id: String,
        notes: String,
    },
    WorkshopEnded {
        workshop_id: String,
    },
    DotVoteOpened {
        workshop_id: String,
        vote_id: String,
        items: Vec<VoteItem>,
        dots: u32,
    },
    /// The totals, gathered by the server from the waiting dots, which
    /// the same transaction deletes.
    DotVoteRevealed {
        workshop_id: String,
        vote_id: String,
        totals: Vec<u32>,
        voters: u32,
    },
    /// What agenda item `index` works on (contexts of use for a rating
    /// activity, decisions for a deciding one); empty clears the choice.
    ActivityItemsChosen {
        workshop_id: String,
        index: usize,
        items: Vec<VoteItem>,
    },
}

impl WorkshopsChange {
    pub fn workshop_id(&self) -> &str {
        match self {
            WorkshopsChange::WorkshopPlanned { workshop_id, .. }
            | WorkshopsChange::WorkshopReplanned { workshop_id, .. }
            | WorkshopsChange::WorkshopStarted { workshop_id, .. }
            | WorkshopsChange::ActivityStarted { workshop_id, .. }
            | WorkshopsChange::TimerPaused { workshop_id }
            | WorkshopsChange::TimerResumed { workshop_id }
            | WorkshopsChange::EveryoneBrought { workshop_id, .. }
            | WorkshopsChange::EditingLocked { workshop_id, .. }
            | WorkshopsChange::WorkshopJoined { workshop_id }
            | WorkshopsChange::ActivityDone { workshop_id, .. }
            | WorkshopsChange::WorkshopNotesWritten { workshop_id, .. }
            | WorkshopsChange::WorkshopEnded { workshop_id }
            | WorkshopsChange::DotVoteOpened { workshop_id, .. }
            | WorkshopsChange::DotVoteRevealed { workshop_id, .. }
            | WorkshopsChange::ActivityItemsChosen { workshop_id, .. } => workshop_id,
        }
    }
}
