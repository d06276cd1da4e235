//! What the relevance work holds: information fields, contexts of use, and
//! each person's rating of a field in a context.

use crate::people::Profession;
use serde::{Deserialize, Serialize};

/// A closed set of choices, stored by name: `ALL`, `as_str` and `parse`.
macro_rules! choices {
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

choices!(
    /// What kind of value a field holds.
    DataType {
        FreeText => "free_text",
        Coded => "coded",
        Number => "number",
        Date => "date",
        List => "list",
    }
);

choices!(
    /// Where a field belongs in the matrix's rows.
    FieldGroup {
        Identity => "identity",
        Contacts => "contacts",
        Medication => "medication",
        Function => "function",
        Risk => "risk",
        Clinical => "clinical",
        Social => "social",
        Plans => "plans",
        Other => "other",
    }
);

choices!(
    /// How carefully a field must be handled; marked wherever it appears.
    Sensitivity {
        Ordinary => "ordinary",
        Sensitive => "sensitive",
        StrictlyConfidential => "strictly_confidential",
    }
);

choices!(
    /// When, relative to a hand-over, the information is needed.
    Moment {
        Before => "before",
        On => "on",
        After => "after",
    }
);

choices!(
    /// How relevant a field is in a context, from one person's view.
    Rating {
        Essential => "essential",
        Useful => "useful",
        NotNeeded => "not_needed",
        ShouldNotBeShown => "should_not_be_shown",
    }
);

impl Rating {
    /// Best first, as the buttons show them.
    pub fn score(self) -> u8 {
        match self {
            Rating::Essential => 4,
            Rating::Useful => 3,
            Rating::NotNeeded => 2,
            Rating::ShouldNotBeShown => 1,
        }
    }

    pub fn from_score(score: u8) -> Option<Self> {
        Rating::ALL.iter().copied().find(|r| r.score() == score)
    }
}

/// An information field as proposed or last edited.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldDetails {
    pub name: String,
    pub definition: String,
    pub example: String,
    pub data_type: Option<DataType>,
    pub group: Option<FieldGroup>,
    /// The IT system (a map element) whose copy counts.
    pub source: Option<String>,
    /// Other IT systems (map elements) that also keep it.
    #[serde(default)]
    pub also_kept_in: Vec<String>,
    /// The role (a map element) that keeps it up to date.
    pub keeper: Option<String>,
    /// How fresh it must be: "updated on the day of discharge".
    pub freshness: String,
    pub sensitivity: Option<Sensitivity>,
}

crate::read_json!(FieldDetails { name, definition, example, data_type, group, source, also_kept_in = default, keeper, freshness, sensitivity });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformationField {
    pub id: String,
    pub details: FieldDetails,
    pub proposed_by: String,
    pub reason: String,
    /// Retired fields stay in the history and keep their ratings, but
    /// leave the matrix.
    pub retired: bool,
}

crate::read_json!(InformationField {
    id,
    details,
    proposed_by,
    reason,
    retired
});

impl InformationField {
    pub fn name(&self) -> &str {
        &self.details.name
    }
    pub fn group(&self) -> FieldGroup {
        self.details.group.unwrap_or(FieldGroup::Other)
    }
    pub fn sensitivity(&self) -> Sensitivity {
        self.details.sensitivity.unwrap_or(Sensitivity::Ordinary)
    }
    /// Kept in two or more systems: documented twice.
    pub fn kept_twice(&self) -> bool {
        let mut systems: Vec<&String> = self
            .details
            .source
            .iter()
            .chain(&self.details.also_kept_in)
            .collect();
        systems.sort();
        systems.dedup();
        systems.len() >= 2
    }
    /// Nobody keeps it up to date, or nobody said how fresh it must be.
    pub fn may_go_stale(&self) -> bool {
        self.details.keeper.is_none() || self.details.freshness.is_empty()
    }
}

/// A situation in which someone needs information.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContextDetails {
    /// "Home-care nurse's first visit on the day of discharge".
    pub name: String,
    /// Who: a role on the map.
    pub role: Option<String>,
    /// Where: a unit on the map.
    pub unit: Option<String>,
    /// When: a hand-over link on the map, and before, on or after it.
    pub hand_over: Option<String>,
    pub moment: Option<Moment>,
    /// What they are doing.
    pub doing: String,
}

crate::read_json!(ContextDetails {
    name,
    role,
    unit,
    hand_over,
    moment,
    doing
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextOfUse {
    pub id: String,
    pub details: ContextDetails,
    pub proposed_by: String,
    pub reason: String,
    pub retired: bool,
}

crate::read_json!(ContextOfUse {
    id,
    details,
    proposed_by,
    reason,
    retired
});

impl ContextOfUse {
    pub fn name(&self) -> &str {
        &self.details.name
    }
}

/// One person's latest rating of a field in a context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellRating {
    pub rating: Rating,
    /// The rater's profession when they rated.
    pub profession: Option<Profession>,
    pub reason: String,
    pub at_ms: i64,
}

crate::read_json!(CellRating {
    rating,
    profession,
    reason,
    at_ms
});
