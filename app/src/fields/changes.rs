//! The relevance work's events. Their kinds and payloads are stored for
//! ever: add kinds and optional fields, never change what one means.

use super::model::{ContextDetails, ContextOfUse, FieldDetails, InformationField, Rating};
use super::slice::CellRatings;
use crate::people::Profession;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum FieldsChange {
    FieldProposed {
        field_id: String,
        details: FieldDetails,
        reason: String,
    },
    FieldEdited {
        field_id: String,
        details: FieldDetails,
    },
    /// Leaves the matrix; kept, with its ratings, in the history.
    FieldRetired {
        field_id: String,
    },
    FieldRestored {
        field_id: String,
    },
    /// Gone with its ratings: what taking back a proposal records.
    FieldWithdrawn {
        field_id: String,
    },
    ContextProposed {
        context_id: String,
        details: ContextDetails,
        reason: String,
    },
    ContextEdited {
        context_id: String,
        details: ContextDetails,
    },
    ContextRetired {
        context_id: String,
    },
    ContextRestored {
        context_id: String,
    },
    ContextWithdrawn {
        context_id: String,
    },
    /// The rater's latest rating of the cell counts; earlier ones stay in
    /// the history.
    CellRated {
        field_id: String,
        context_id: String,
        rater: String,
        rating: Rating,
        profession: Option<Profession>,
        #[serde(default)]
        reason: String,
    },
    RatingWithdrawn {
        field_id: String,
        context_id: String,
        rater: String,
    },
    /// Two fields were one: `merged` goes, its ratings join `kept`'s (a
    /// person who rated both keeps their latest).
    FieldsMerged {
        kept: String,
        merged: String,
    },
    /// What taking back a merge records: the merged field and both fields'
    /// ratings as they were before it.
    MergeTakenBack {
        kept: String,
        field: InformationField,
        /// By context.
        merged_ratings: BTreeMap<String, CellRatings>,
        kept_ratings: BTreeMap<String, CellRatings>,
    },
    /// Two contexts of use were one: `merged` goes, its ratings join
    /// `kept`'s (a person who rated both keeps their latest).
    ContextsMerged {
        kept: String,
        merged: String,
    },
    /// What taking back a merge of contexts records: the merged context
    /// and both contexts' ratings as they were before it.
    ContextMergeTakenBack {
        kept: String,
        context: ContextOfUse,
        /// By field.
        merged_ratings: BTreeMap<String, CellRatings>,
        kept_ratings: BTreeMap<String, CellRatings>,
    },
    /// Fields and contexts brought in from a spreadsheet, in one event so
    /// that one undo takes the whole file back.
    Imported {
        fields: Vec<ImportedField>,
        contexts: Vec<ImportedContext>,
    },
    /// What taking back an import records: its fields and contexts go.
    ImportTakenBack {
        field_ids: Vec<String>,
        context_ids: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedField {
    pub field_id: String,
    pub details: FieldDetails,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedContext {
    pub context_id: String,
    pub details: ContextDetails,
    pub reason: String,
}

pub const KINDS: &[&str] = &[
    "field_proposed",
    "field_edited",
    "field_retired",
    "field_restored",
    "field_withdrawn",
    "context_proposed",
    "context_edited",
    "context_retired",
    "context_restored",
    "context_withdrawn",
    "cell_rated",
    "rating_withdrawn",
    "fields_merged",
    "merge_taken_back",
    "contexts_merged",
    "context_merge_taken_back",
    "imported",
    "import_taken_back",
];

impl FieldsChange {
    /// The stored tag, without serialising the payload.
    pub fn kind(&self) -> &'static str {
        match self {
            FieldsChange::FieldProposed { .. } => "field_proposed",
            FieldsChange::FieldEdited { .. } => "field_edited",
            FieldsChange::FieldRetired { .. } => "field_retired",
            FieldsChange::FieldRestored { .. } => "field_restored",
            FieldsChange::FieldWithdrawn { .. } => "field_withdrawn",
            FieldsChange::ContextProposed { .. } => "context_proposed",
            FieldsChange::ContextEdited { .. } => "context_edited",
            FieldsChange::ContextRetired { .. } => "context_retired",
            FieldsChange::ContextRestored { .. } => "context_restored",
            FieldsChange::ContextWithdrawn { .. } => "context_withdrawn",
            FieldsChange::CellRated { .. } => "cell_rated",
            FieldsChange::RatingWithdrawn { .. } => "rating_withdrawn",
            FieldsChange::FieldsMerged { .. } => "fields_merged",
            FieldsChange::MergeTakenBack { .. } => "merge_taken_back",
            FieldsChange::ContextsMerged { .. } => "contexts_merged",
            FieldsChange::ContextMergeTakenBack { .. } => "context_merge_taken_back",
            FieldsChange::Imported { .. } => "imported",
            FieldsChange::ImportTakenBack { .. } => "import_taken_back",
        }
    }
}
