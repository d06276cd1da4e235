//! The work-system map's events. Their kinds and payloads are stored for
//! ever: add kinds and optional fields, never change what one means.

use super::model::{Channel, ElementKind, LinkKind, Timing};
use crate::people::Profession;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum MapChange {
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
    /// Many elements of one map moved at once ("Arrange"): one change, so
    /// one undo puts them all back.
    ElementsArranged {
        map_id: String,
        places: Vec<Place>,
    },
}

/// Where one element goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub element_id: String,
    pub x: i32,
    pub y: i32,
}

pub const KINDS: &[&str] = &[
    "map_created",
    "element_added",
    "element_edited",
    "element_moved",
    "element_removed",
    "link_added",
    "link_edited",
    "link_removed",
    "pain_point_raised",
    "pain_point_removed",
    "elements_arranged",
];

impl MapChange {
    /// The stored tag, without serialising the payload.
    pub fn kind(&self) -> &'static str {
        match self {
            MapChange::MapCreated { .. } => "map_created",
            MapChange::ElementAdded { .. } => "element_added",
            MapChange::ElementEdited { .. } => "element_edited",
            MapChange::ElementMoved { .. } => "element_moved",
            MapChange::ElementRemoved { .. } => "element_removed",
            MapChange::LinkAdded { .. } => "link_added",
            MapChange::LinkEdited { .. } => "link_edited",
            MapChange::LinkRemoved { .. } => "link_removed",
            MapChange::PainPointRaised { .. } => "pain_point_raised",
            MapChange::PainPointRemoved { .. } => "pain_point_removed",
            MapChange::ElementsArranged { .. } => "elements_arranged",
        }
    }
}
