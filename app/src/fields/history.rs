//! How the relevance work's events read in the history.

use super::changes::FieldsChange;
use super::model::Rating;
use super::slice::{cell_item, FieldsSlice};
use crate::people::Profession;
use serde::{Deserialize, Serialize};

crate::read_json!(define
/// Whether a history line is about a field or a context of use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Thing {
    Field,
    Context,
});

crate::read_json!(define
/// What happened to a field or a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Proposed,
    Edited,
    Retired,
    Restored,
    Withdrawn,
});

crate::read_json!(define
/// What an event did, with the names things had then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldsWhat {
    Item {
        thing: Thing,
        step: Step,
        name: String,
        /// The earlier name, if an edit renamed it.
        renamed_from: Option<String>,
    },
    Rated {
        field: String,
        context: String,
        rating: Rating,
        profession: Option<Profession>,
        /// The rater's rating before, if they had one.
        before: Option<Rating>,
    },
    RatingWithdrawn {
        field: String,
        context: String,
    },
    Merged {
        thing: Thing,
        kept: String,
        merged: String,
    },
    MergeTakenBack {
        thing: Thing,
        kept: String,
        merged: String,
    },
    /// How many fields and contexts one import brought in, or its undo
    /// took out.
    Imported {
        fields: usize,
        contexts: usize,
        taken_back: bool,
    },
});

/// Describes `change` against the state just before it.
pub fn describe(before: &FieldsSlice, change: &FieldsChange) -> (FieldsWhat, String) {
    let item = |thing, step, id: &String| {
        (
            FieldsWhat::Item {
                thing,
                step,
                name: before.name(id),
                renamed_from: None,
            },
            id.clone(),
        )
    };
    match change {
        FieldsChange::FieldProposed {
            field_id, details, ..
        } => (
            FieldsWhat::Item {
                thing: Thing::Field,
                step: Step::Proposed,
                name: details.name.clone(),
                renamed_from: None,
            },
            field_id.clone(),
        ),
        FieldsChange::ContextProposed {
            context_id, details, ..
        } => (
            FieldsWhat::Item {
                thing: Thing::Context,
                step: Step::Proposed,
                name: details.name.clone(),
                renamed_from: None,
            },
            context_id.clone(),
        ),
        FieldsChange::FieldEdited { field_id, details } => {
            let old = before.name(field_id);
            (
                FieldsWhat::Item {
                    thing: Thing::Field,
                    step: Step::Edited,
                    renamed_from: (old != details.name).then_some(old),
                    name: details.name.clone(),
                },
                field_id.clone(),
            )
        }
        FieldsChange::ContextEdited { context_id, details } => {
            let old = before.name(context_id);
            (
                FieldsWhat::Item {
                    thing: Thing::Context,
                    step: Step::Edited,
                    renamed_from: (old != details.name).then_some(old),
                    name: details.name.clone(),
                },
                context_id.clone(),
            )
        }
        FieldsChange::FieldRetired { field_id } => item(Thing::Field, Step::Retired, field_id),
        FieldsChange::FieldRestored { field_id } => item(Thing::Field, Step::Restored, field_id),
        FieldsChange::FieldWithdrawn { field_id } => item(Thing::Field, Step::Withdrawn, field_id),
        FieldsChange::ContextRetired { context_id } => item(Thing::Context, Step::Retired, context_id),
        FieldsChange::ContextRestored { context_id } => item(Thing::Context, Step::Restored, context_id),
        FieldsChange::ContextWithdrawn { context_id } => item(Thing::Context, Step::Withdrawn, context_id),
        FieldsChange::CellRated {
            field_id,
            context_id,
            rater,
            rating,
            profession,
            ..
        } => (
            FieldsWhat::Rated {
                field: before.name(field_id),
                context: before.name(context_id),
                rating: *rating,
                profession: *profession,
                before: before
                    .cell(field_id, context_id)
                    .and_then(|c| c.get(rater))
                    .map(|r| r.rating),
            },
            cell_item(field_id, context_id),
        ),
        FieldsChange::FieldsMerged { kept, merged } | FieldsChange::ContextsMerged { kept, merged } => (
            FieldsWhat::Merged {
                thing: match change {
                    FieldsChange::FieldsMerged { .. } => Thing::Field,
                    _ => Thing::Context,
                },
                kept: before.name(kept),
                merged: before.name(merged),
            },
            kept.clone(),
        ),
        FieldsChange::MergeTakenBack { kept, field, .. } => (
            FieldsWhat::MergeTakenBack {
                thing: Thing::Field,
                kept: before.name(kept),
                merged: field.details.name.clone(),
            },
            kept.clone(),
        ),
        FieldsChange::ContextMergeTakenBack { kept, context, .. } => (
            FieldsWhat::MergeTakenBack {
                thing: Thing::Context,
                kept: before.name(kept),
                merged: context.details.name.clone(),
            },
            kept.clone(),
        ),
        // Listed under the first field (or context) it brought in.
        FieldsChange::Imported { fields, contexts } => (
            FieldsWhat::Imported {
                fields: fields.len(),
                contexts: contexts.len(),
                taken_back: false,
            },
            fields
                .first()
                .map(|f| f.field_id.clone())
                .or_else(|| contexts.first().map(|c| c.context_id.clone()))
                .unwrap_or_default(),
        ),
        FieldsChange::ImportTakenBack {
            field_ids,
            context_ids,
        } => (
            FieldsWhat::Imported {
                fields: field_ids.len(),
                contexts: context_ids.len(),
                taken_back: true,
            },
            field_ids
                .first()
                .or(context_ids.first())
                .cloned()
                .unwrap_or_default(),
        ),
        FieldsChange::RatingWithdrawn {
            field_id, context_id, ..
        } => (
            FieldsWhat::RatingWithdrawn {
                field: before.name(field_id),
                context: before.name(context_id),
            },
            cell_item(field_id, context_id),
        ),
    }
}
