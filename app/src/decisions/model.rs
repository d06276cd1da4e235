//! What a design decision holds: its text in revisions, what it concerns,
//! its status, the arguments for and against each option, everyone's
//! positions (each change kept), and how it was closed.

use crate::people::Profession;
use crate::trail::Stamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A closed set of words, stored by name: `ALL`, `as_str` and `parse`.
macro_rules! words {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $s:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s,)* }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == raw.trim())
            }
        }

        crate::read_json!(names $name);
    };
}

words!(
    /// Where a decision stands. Decided and deferred decisions are sealed
    /// until reopened.
    Status {
        Draft => "draft",
        Open => "open",
        Decided => "decided",
        Deferred => "deferred",
        Superseded => "superseded",
    }
);

words!(
    /// A person's position on an option.
    Stance {
        Agree => "agree",
        AgreeWithConcerns => "agree_with_concerns",
        Disagree => "disagree",
        Block => "block",
        Abstain => "abstain",
    }
);

impl Stance {
    /// Disagreeing and blocking need a reason: the server refuses them
    /// without one.
    pub fn needs_reason(self) -> bool {
        matches!(self, Stance::Disagree | Stance::Block)
    }
}

words!(
    /// Which way an argument speaks about an option.
    Side {
        For => "for",
        Against => "against",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionOption {
    pub id: String,
    pub text: String,
}

crate::read_json!(DecisionOption { id, text });

/// One revision of what is being decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionText {
    pub title: String,
    pub problem: String,
    pub options: Vec<DecisionOption>,
}

crate::read_json!(DecisionText {
    title,
    problem,
    options
});

/// What a decision concerns: something on the map or in the matrix, or
/// another decision. Stored as `kind:id` (a cell as `cell:FIELD~CONTEXT`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Reference {
    Element(String),
    Field(String),
    Context(String),
    Cell(String),
    Decision(String),
}

/// serde's form: `{"kind": "element", "id": …}`.
impl crate::json::Read for Reference {
    fn read(r: &mut crate::json::Reader) -> crate::json::ReadResult<Self> {
        use crate::json::Read;
        let at = r.error("a reference");
        let (mut kind, mut id) = (None::<String>, None::<String>);
        r.object(&mut |r, name| {
            match name {
                "kind" => kind = Some(Read::read(r)?),
                "id" => id = Some(Read::read(r)?),
                _ => r.skip()?,
            }
            Ok(())
        })?;
        let id = id.ok_or(at.clone())?;
        Ok(match kind.as_deref() {
            Some("element") => Reference::Element(id),
            Some("field") => Reference::Field(id),
            Some("context") => Reference::Context(id),
            Some("cell") => Reference::Cell(id),
            Some("decision") => Reference::Decision(id),
            _ => return Err(at),
        })
    }
}

impl Reference {
    pub fn parse(raw: &str) -> Option<Self> {
        let (kind, id) = raw.trim().split_once(':')?;
        let id = id.trim().to_owned();
        if id.is_empty() {
            return None;
        }
        Some(match kind {
            "element" => Reference::Element(id),
            "field" => Reference::Field(id),
            "context" => Reference::Context(id),
            "cell" => Reference::Cell(id),
            "decision" => Reference::Decision(id),
            _ => return None,
        })
    }

    pub fn as_string(&self) -> String {
        match self {
            Reference::Element(id) => format!("element:{id}"),
            Reference::Field(id) => format!("field:{id}"),
            Reference::Context(id) => format!("context:{id}"),
            Reference::Cell(id) => format!("cell:{id}"),
            Reference::Decision(id) => format!("decision:{id}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    pub id: String,
    pub option_id: String,
    pub side: Side,
    pub text: String,
    /// What it rests on, in words (a pain point seen, a matrix cell's
    /// pattern, an observation).
    pub evidence: String,
    pub author: String,
    pub profession: Option<Profession>,
    pub at_ms: i64,
}

crate::read_json!(Argument {
    id,
    option_id,
    side,
    text,
    evidence,
    author,
    profession,
    at_ms
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub stance: Stance,
    pub reason: String,
    /// The revision the person saw: a later edit shows the position as
    /// given on that revision until they confirm or change it.
    pub revision: u32,
    pub profession: Option<Profession>,
    pub at_ms: i64,
}

crate::read_json!(Position {
    stance,
    reason,
    revision,
    profession,
    at_ms
});

/// A disagreement or block that remained when the decision closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dissent {
    pub person: String,
    pub profession: Option<Profession>,
    pub stance: Stance,
    pub reason: String,
}

crate::read_json!(Dissent {
    person,
    profession,
    stance,
    reason
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    /// The option accepted; `None`: all were rejected. For a deferral, none.
    pub outcome: Option<String>,
    pub rationale: String,
    pub dissent: Vec<Dissent>,
    /// Why the decision closed over a block, if it did.
    pub override_reason: String,
    /// Reservations turned into what to check later, each with a date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    pub stamp: Stamp,
}

crate::read_json!(Closing { outcome, rationale, dissent, override_reason, criteria = default, stamp });

/// Something to evaluate later, often a reservation given with an agreeing
/// position ("check after three months that the night shift still reaches
/// the next of kin").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub text: String,
    /// `YYYY-MM-DD`.
    pub due: String,
}

crate::read_json!(Criterion { text, due });

/// A change of status, with who, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: Status,
    pub reason: String,
    pub stamp: Stamp,
}

crate::read_json!(StatusChange {
    status,
    reason,
    stamp
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    /// Revision N is `revisions[N - 1]`.
    pub revisions: Vec<(DecisionText, Stamp)>,
    pub references: Vec<Reference>,
    pub status: Status,
    pub status_changes: Vec<StatusChange>,
    pub arguments: Vec<Argument>,
    /// Person → option → their positions, the latest last.
    pub positions: BTreeMap<String, BTreeMap<String, Vec<Position>>>,
    pub closing: Option<Closing>,
    pub proposed_by: String,
    /// The professions that must have taken a position before it can close.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quorum: Vec<Profession>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// The decisions this one replaced: the other end of `superseded_by`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<String>,
}

crate::read_json!(Decision { id, revisions, references, status, status_changes, arguments, positions, closing, proposed_by, quorum = default, superseded_by = default, supersedes = default });

impl Decision {
    pub fn text(&self) -> &DecisionText {
        &self.revisions.last().expect("a decision has a first revision").0
    }

    pub fn revision(&self) -> u32 {
        self.revisions.len() as u32
    }

    /// The last change of its text: what an edit's conflict is judged by.
    pub fn edited(&self) -> &Stamp {
        &self.revisions.last().expect("a decision has a first revision").1
    }

    /// Decided, deferred or superseded: nothing changes until it is
    /// reopened.
    pub fn sealed(&self) -> bool {
        matches!(
            self.status,
            Status::Decided | Status::Deferred | Status::Superseded
        )
    }

    /// The quorum's professions that no one has yet taken a position for,
    /// on any option. An abstention counts as taking part: it is a
    /// position, neither for nor against.
    pub fn quorum_missing(&self) -> Vec<Profession> {
        self.quorum
            .iter()
            .copied()
            .filter(|q| {
                !self.positions.values().any(|by_option| {
                    by_option
                        .values()
                        .filter_map(|p| p.last())
                        .any(|p| p.profession == Some(*q))
                })
            })
            .collect()
    }

    pub fn option(&self, option_id: &str) -> Option<&DecisionOption> {
        self.text().options.iter().find(|o| o.id == option_id)
    }

    /// Each person's latest position on `option_id`.
    pub fn latest_positions<'a>(
        &'a self,
        option_id: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a Position)> + 'a {
        self.positions.iter().filter_map(move |(person, by_option)| {
            by_option
                .get(option_id)
                .and_then(|p| p.last())
                .map(|p| (person, p))
        })
    }

    /// Latest blocks on `option_id`: what keeps it from being accepted
    /// unless the closer records why it is overridden.
    pub fn blocks<'a>(&'a self, option_id: &'a str) -> Vec<(&'a String, &'a Position)> {
        self.latest_positions(option_id)
            .filter(|(_, p)| p.stance == Stance::Block)
            .collect()
    }
}
