//! A workshop as the project state keeps it: its plan (title, time, goal,
//! agenda), and while it runs, the current activity and its timer, where
//! the facilitator has brought everyone, whether editing is locked, who
//! joined and who is done.

use crate::trail::Stamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What an agenda item asks people to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Map the work system together.
    Map,
    /// Rate information fields for chosen contexts of use.
    Rate,
    /// Discuss and decide chosen decisions.
    Decide,
    /// Free discussion.
    Discuss,
}

crate::read_json!(names ActivityKind);

impl ActivityKind {
    pub const ALL: [ActivityKind; 4] = [
        ActivityKind::Map,
        ActivityKind::Rate,
        ActivityKind::Decide,
        ActivityKind::Discuss,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Map => "map",
            ActivityKind::Rate => "rate",
            ActivityKind::Decide => "decide",
            ActivityKind::Discuss => "discuss",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }

    /// What a facilitator chooses for it to work on: contexts of use to
    /// rate, decisions to discuss and decide (the prefix of their ids).
    pub fn chooses(self) -> Option<&'static str> {
        match self {
            ActivityKind::Rate => Some("context"),
            ActivityKind::Decide => Some("decision"),
            ActivityKind::Map | ActivityKind::Discuss => None,
        }
    }

    /// The page where people work on a chosen item: the rating of one
    /// context, or the decision.
    pub fn item_page(project_id: &str, item_id: &str) -> Option<String> {
        match item_id.split_once(':')? {
            ("context", id) => Some(format!("/projects/{project_id}/fields?rate={id}")),
            ("decision", id) => Some(format!("/projects/{project_id}/decisions/{id}")),
            _ => None,
        }
    }

    /// The project page the activity happens on.
    pub fn page(self, project_id: &str) -> String {
        match self {
            ActivityKind::Map | ActivityKind::Discuss => format!("/projects/{project_id}"),
            ActivityKind::Rate => format!("/projects/{project_id}/fields"),
            ActivityKind::Decide => format!("/projects/{project_id}/decisions"),
        }
    }
}

/// One item of the agenda, with its time box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub title: String,
    pub kind: ActivityKind,
    pub minutes: u32,
}

crate::read_json!(Activity { title, kind, minutes });

/// The longest time box: a working day.
pub const MAX_MINUTES: u32 = 8 * 60;
pub const MAX_ACTIVITIES: usize = 20;

/// A countdown that browsers run themselves: it is one end time (or, when
/// paused, the time that was left), so no tick is ever sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    pub ends_at_ms: i64,
    pub paused_left_ms: Option<i64>,
}

crate::read_json!(Timer {
    ends_at_ms,
    paused_left_ms
});

impl Timer {
    /// Milliseconds left at `now_ms` (0 once over).
    pub fn left_ms(&self, now_ms: i64) -> i64 {
        self.paused_left_ms.unwrap_or(self.ends_at_ms - now_ms).max(0)
    }
}

/// The activity now running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Current {
    /// Its place in the agenda.
    pub index: usize,
    pub started: Stamp,
    pub timer: Timer,
    /// Who said they are done with it.
    pub done: BTreeSet<String>,
}

crate::read_json!(Current {
    index,
    started,
    timer,
    done
});

/// How long an agenda item actually ran (for the summary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub index: usize,
    pub from_ms: i64,
    pub to_ms: i64,
}

crate::read_json!(Span {
    index,
    from_ms,
    to_ms
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: String,
    pub title: String,
    /// When it is planned for, as the facilitator wrote it
    /// (`YYYY-MM-DDTHH:MM`, local time).
    pub starts_at: String,
    pub goal: String,
    pub agenda: Vec<Activity>,
    pub planned: Stamp,
    pub started: Option<Stamp>,
    pub ended: Option<Stamp>,
    /// The join code while it runs.
    pub code: Option<String>,
    pub current: Option<Current>,
    pub spans: Vec<Span>,
    /// The project page everyone has been brought to, if any.
    pub focus: Option<String>,
    pub locked: bool,
    /// Who joined, and when first.
    pub joined: BTreeMap<String, Stamp>,
    /// The facilitators' private notes (concealed from everyone else).
    pub notes: String,
    /// What each agenda item works on, by its place in the agenda, with
    /// the items' words as they were when chosen.
    #[serde(default)]
    pub chosen: BTreeMap<usize, Vec<VoteItem>>,
}

crate::read_json!(Workshop { id, title, starts_at, goal, agenda, planned, started, ended, code, current, spans, focus, locked, joined, notes, chosen = default });

impl Workshop {
    pub fn is_running(&self) -> bool {
        self.started.is_some() && self.ended.is_none()
    }

    /// From its start to its end (or, while it runs, on): every moment of a
    /// change made in it, as only one workshop runs at a time.
    pub fn span(&self) -> Option<std::ops::RangeInclusive<i64>> {
        let start = self.started.as_ref()?.at_ms;
        Some(start..=self.ended.as_ref().map_or(i64::MAX, |e| e.at_ms))
    }

    pub fn current_activity(&self) -> Option<&Activity> {
        self.current.as_ref().and_then(|c| self.agenda.get(c.index))
    }
}

/// Something to put dots on (an information field, a pain point or an
/// option of a decision) or for an activity to work on (a context of use,
/// a decision), with its words as they were when chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteItem {
    /// `field:ID`, `pain_point:ID`, `option:DECISION:OPTION`, `context:ID`
    /// or `decision:ID`.
    pub id: String,
    pub label: String,
}

crate::read_json!(VoteItem { id, label });

/// A dot vote: each person spreads up to `dots` dots over the items. What
/// they cast waits in the server's `dot_ballots` table, which nothing
/// shows, until a facilitator reveals the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotVote {
    pub id: String,
    pub workshop_id: String,
    pub items: Vec<VoteItem>,
    pub dots: u32,
    pub opened: Stamp,
    pub revealed: Option<Revealed>,
}

crate::read_json!(DotVote {
    id,
    workshop_id,
    items,
    dots,
    opened,
    revealed
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revealed {
    pub at: Stamp,
    /// Dots per item, in the items' order.
    pub totals: Vec<u32>,
    /// How many people cast dots.
    pub voters: u32,
}

crate::read_json!(Revealed { at, totals, voters });

pub const MIN_VOTE_ITEMS: usize = 2;
pub const MAX_VOTE_ITEMS: usize = 30;
pub const MAX_DOTS: u32 = 10;
/// The most an activity works on.
pub const MAX_CHOSEN: usize = 30;
