//! What a work-system map holds, after the SEIPS work-system model.

use crate::projects::domain::Profession;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementKind {
    /// Unit or service: hospital ward, home nursing, allocation office.
    Unit,
    /// Ward nurse, discharge coordinator, GP, patient, next of kin.
    Role,
    /// Hospital record, municipal record, message exchange.
    ItSystem,
    /// Reconcile medication, first home visit.
    Task,
    /// Artefact or document: discharge summary, medication list.
    Artefact,
}

crate::read_json!(names ElementKind);

impl ElementKind {
    pub const ALL: [ElementKind; 5] = [
        ElementKind::Unit,
        ElementKind::Role,
        ElementKind::ItSystem,
        ElementKind::Task,
        ElementKind::Artefact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::Unit => "unit",
            ElementKind::Role => "role",
            ElementKind::ItSystem => "it_system",
            ElementKind::Task => "task",
            ElementKind::Artefact => "artefact",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        ElementKind::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A patient is handed over.
    HandOver,
    /// Information flows, by some channel at some time.
    InformationFlow,
    /// A role uses a system.
    Uses,
    /// A role belongs to a unit.
    BelongsTo,
    /// Anything else, named by its label.
    Other,
}

crate::read_json!(names LinkKind);

impl LinkKind {
    pub const ALL: [LinkKind; 5] = [
        LinkKind::HandOver,
        LinkKind::InformationFlow,
        LinkKind::Uses,
        LinkKind::BelongsTo,
        LinkKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::HandOver => "hand_over",
            LinkKind::InformationFlow => "information_flow",
            LinkKind::Uses => "uses",
            LinkKind::BelongsTo => "belongs_to",
            LinkKind::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// How information travels along a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// An electronic message; its type (e.g. a discharge report) is named
    /// beside it.
    ElectronicMessage,
    Phone,
    Paper,
    InPerson,
}

crate::read_json!(names Channel);

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::ElectronicMessage,
        Channel::Phone,
        Channel::Paper,
        Channel::InPerson,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::ElectronicMessage => "electronic_message",
            Channel::Phone => "phone",
            Channel::Paper => "paper",
            Channel::InPerson => "in_person",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Channel::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// When information travels, relative to the discharge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    BeforeDischarge,
    OnDischarge,
    AfterDischarge,
}

crate::read_json!(names Timing);

impl Timing {
    pub const ALL: [Timing; 3] = [
        Timing::BeforeDischarge,
        Timing::OnDischarge,
        Timing::AfterDischarge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Timing::BeforeDischarge => "before_discharge",
            Timing::OnDischarge => "on_discharge",
            Timing::AfterDischarge => "after_discharge",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Timing::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// A map, an element, a link or a pain point: what the log says happened to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapInfo {
    pub id: String,
    pub name: String,
}

crate::read_json!(MapInfo { id, name });

/// How far from the origin an element may stand, either way. Far beyond any
/// map people draw, and far from where i32 arithmetic (and every viewer's
/// drawing) would break.
pub const POSITION_LIMIT: i32 = 100_000;

/// A position moved by `delta`, kept within the limit.
pub fn moved(position: i32, delta: i32) -> i32 {
    position
        .saturating_add(delta)
        .clamp(-POSITION_LIMIT, POSITION_LIMIT)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    pub id: String,
    pub map_id: String,
    pub kind: ElementKind,
    pub name: String,
    pub description: String,
    pub x: i32,
    pub y: i32,
    pub added_by: String,
}

crate::read_json!(Element {
    id,
    map_id,
    kind,
    name,
    description,
    x,
    y,
    added_by
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub id: String,
    pub map_id: String,
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    pub label: String,
    pub description: String,
    pub channel: Option<Channel>,
    /// For electronic messages: which message (e.g. "utskrivningsrapport").
    pub message_type: String,
    pub timing: Option<Timing>,
    pub added_by: String,
}

crate::read_json!(Link {
    id,
    map_id,
    from,
    to,
    kind,
    label,
    description,
    channel,
    message_type,
    timing,
    added_by
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PainPoint {
    pub id: String,
    /// The element or link it is about.
    pub target: String,
    pub text: String,
    pub raised_by: String,
    /// The profession of the person who raised it, when they did.
    pub profession: Option<Profession>,
}

crate::read_json!(PainPoint {
    id,
    target,
    text,
    raised_by,
    profession
});
