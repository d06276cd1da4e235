//! What people ask of the relevance work, and the rules that turn it into
//! changes. Who may ask (anyone taking part proposes and rates; leads and
//! facilitators edit and retire) is checked by the server functions, which
//! know the person's role.

use super::changes::{FieldsChange, ImportedContext, ImportedField};
use super::model::{ContextDetails, DataType, FieldDetails, FieldGroup, Moment, Rating, Sensitivity};
use super::slice::FieldsSlice;
use crate::error::{AppError, Problem};
use crate::features::Project;
use crate::map::model::{ElementKind, LinkKind};
use crate::map::slice::MapSlice;
use crate::people::Profession;
use crate::text::{free_text, one_line};
use crate::trail::{check_fresh, Context, State};
use serde::{Deserialize, Serialize};

pub const NAME_MAX_CHARS: usize = 120;
pub const SHORT_MAX_CHARS: usize = 200;
pub const TEXT_MAX_CHARS: usize = 2000;
pub const REASON_MAX_CHARS: usize = 500;

/// A field as typed in a form (checked by `decide`). Choices and map
/// references are empty for none.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldInput {
    pub name: String,
    pub definition: String,
    pub example: String,
    pub data_type: String,
    pub group: String,
    pub source: String,
    pub also_kept_in: Vec<String>,
    pub keeper: String,
    pub freshness: String,
    pub sensitivity: String,
}

/// A context of use as typed in a form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContextInput {
    pub name: String,
    pub role: String,
    pub unit: String,
    pub hand_over: String,
    pub moment: String,
    pub doing: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldsCommand {
    ProposeField {
        details: FieldInput,
        reason: String,
    },
    EditField {
        field_id: String,
        details: FieldInput,
    },
    RetireField {
        field_id: String,
    },
    RestoreField {
        field_id: String,
    },
    ProposeContext {
        details: ContextInput,
        reason: String,
    },
    EditContext {
        context_id: String,
        details: ContextInput,
    },
    RetireContext {
        context_id: String,
    },
    RestoreContext {
        context_id: String,
    },
    /// Rates as the person asking, with their profession now.
    RateCell {
        field_id: String,
        context_id: String,
        rating: String,
        reason: String,
        profession: Option<Profession>,
    },
    WithdrawRating {
        field_id: String,
        context_id: String,
    },
    /// `merged` is the same field or context of use as `kept`: one, with
    /// both's ratings.
    Merge {
        kept: String,
        merged: String,
    },
    /// Rows of a spreadsheet, each with its reason, checked as proposals.
    Import {
        fields: Vec<(FieldInput, String)>,
        contexts: Vec<(ContextInput, String)>,
    },
}

fn choice<T>(raw: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, Problem> {
    match raw.trim() {
        "" => Ok(None),
        raw => parse(raw).map(Some).ok_or(Problem::UnknownOption),
    }
}

fn optional_line(raw: &str, max: usize) -> Result<String, Problem> {
    match one_line(raw, max, Problem::TextMissing, Problem::TextTooLong) {
        Err(Problem::TextMissing) => Ok(String::new()),
        other => other,
    }
}

/// A map element of `kind`, or none.
fn element(map: &MapSlice, raw: &str, kind: ElementKind, wrong: Problem) -> Result<Option<String>, Problem> {
    match raw.trim() {
        "" => Ok(None),
        id => match map.elements.get(id) {
            Some(e) if e.kind == kind => Ok(Some(id.to_owned())),
            _ => Err(wrong),
        },
    }
}

pub fn check_field(map: &MapSlice, d: &FieldInput) -> Result<FieldDetails, Problem> {
    let name = one_line(
        &d.name,
        NAME_MAX_CHARS,
        Problem::NameMissing,
        Problem::NameTooLong,
    )?;
    let source = element(map, &d.source, ElementKind::ItSystem, Problem::NotAnItSystem)?;
    let mut also_kept_in = Vec::new();
    for raw in &d.also_kept_in {
        if let Some(id) = element(map, raw, ElementKind::ItSystem, Problem::NotAnItSystem)? {
            if Some(&id) != source.as_ref() && !also_kept_in.contains(&id) {
                also_kept_in.push(id);
            }
        }
    }
    also_kept_in.sort();
    Ok(FieldDetails {
        name,
        definition: free_text(&d.definition, TEXT_MAX_CHARS, Problem::DescriptionTooLong)?,
        example: optional_line(&d.example, SHORT_MAX_CHARS)?,
        data_type: choice(&d.data_type, DataType::parse)?,
        group: choice(&d.group, FieldGroup::parse)?,
        source,
        also_kept_in,
        keeper: element(map, &d.keeper, ElementKind::Role, Problem::NotARole)?,
        freshness: optional_line(&d.freshness, SHORT_MAX_CHARS)?,
        sensitivity: choice(&d.sensitivity, Sensitivity::parse)?,
    })
}

pub fn check_context(map: &MapSlice, d: &ContextInput) -> Result<ContextDetails, Problem> {
    let name = one_line(
        &d.name,
        NAME_MAX_CHARS,
        Problem::NameMissing,
        Problem::NameTooLong,
    )?;
    let hand_over = match d.hand_over.trim() {
        "" => None,
        id => match map.links.get(id) {
            Some(l) if l.kind == LinkKind::HandOver => Some(id.to_owned()),
            _ => return Err(Problem::NotAHandOver),
        },
    };
    Ok(ContextDetails {
        name,
        role: element(map, &d.role, ElementKind::Role, Problem::NotARole)?,
        unit: element(map, &d.unit, ElementKind::Unit, Problem::NotAUnit)?,
        hand_over,
        moment: choice(&d.moment, Moment::parse)?,
        doing: free_text(&d.doing, REASON_MAX_CHARS, Problem::TextTooLong)?,
    })
}

fn reason(raw: &str) -> Result<String, Problem> {
    free_text(raw, REASON_MAX_CHARS, Problem::TextTooLong)
}

/// The field or context was withdrawn: a conflict if someone else did it
/// after the page was loaded, otherwise simply not found.
fn gone(state: &FieldsSlice, ctx: &Context, id: &str) -> AppError {
    match state.withdrawn.get(id) {
        Some((name, stamp)) => match check_fresh(ctx, Some(stamp), name, true) {
            Err(conflict) => conflict,
            Ok(()) => AppError::NotFound,
        },
        None => AppError::NotFound,
    }
}

pub fn decide(
    state: &State<Project>,
    ctx: &mut Context,
    command: &FieldsCommand,
) -> Result<Vec<FieldsChange>, AppError> {
    let map = &state.map;
    let s = &state.fields;
    let field = |id: &String| match s.fields.get(id) {
        Some(f) => Ok(f),
        None => Err(gone(s, ctx, id)),
    };
    let context = |id: &String| match s.contexts.get(id) {
        Some(c) => Ok(c),
        None => Err(gone(s, ctx, id)),
    };
    let change = match command {
        FieldsCommand::ProposeField { details, reason: why } => FieldsChange::FieldProposed {
            details: check_field(map, details)?,
            reason: reason(why)?,
            field_id: (ctx.new_id)(),
        },
        FieldsCommand::EditField { field_id, details } => {
            let details = check_field(map, details)?;
            let f = field(field_id)?;
            check_fresh(ctx, s.edits.get(field_id), f.name(), false)?;
            FieldsChange::FieldEdited {
                field_id: field_id.clone(),
                details,
            }
        }
        FieldsCommand::RetireField { field_id } | FieldsCommand::RestoreField { field_id } => {
            let f = field(field_id)?;
            check_fresh(ctx, s.edits.get(field_id), f.name(), false)?;
            let field_id = field_id.clone();
            match command {
                FieldsCommand::RetireField { .. } => FieldsChange::FieldRetired { field_id },
                _ => FieldsChange::FieldRestored { field_id },
            }
        }
        FieldsCommand::ProposeContext { details, reason: why } => FieldsChange::ContextProposed {
            details: check_context(map, details)?,
            reason: reason(why)?,
            context_id: (ctx.new_id)(),
        },
        FieldsCommand::EditContext { context_id, details } => {
            let details = check_context(map, details)?;
            let c = context(context_id)?;
            check_fresh(ctx, s.edits.get(context_id), c.name(), false)?;
            FieldsChange::ContextEdited {
                context_id: context_id.clone(),
                details,
            }
        }
        FieldsCommand::RetireContext { context_id } | FieldsCommand::RestoreContext { context_id } => {
            let c = context(context_id)?;
            check_fresh(ctx, s.edits.get(context_id), c.name(), false)?;
            let context_id = context_id.clone();
            match command {
                FieldsCommand::RetireContext { .. } => FieldsChange::ContextRetired { context_id },
                _ => FieldsChange::ContextRestored { context_id },
            }
        }
        FieldsCommand::RateCell {
            field_id,
            context_id,
            rating,
            reason: why,
            profession,
        } => {
            let rating = Rating::parse(rating).ok_or(Problem::UnknownOption)?;
            let reason = reason(why)?;
            // Retired ones left the matrix: a rating there would go unseen.
            if field(field_id)?.retired || context(context_id)?.retired {
                return Err(AppError::NotFound);
            }
            FieldsChange::CellRated {
                field_id: field_id.clone(),
                context_id: context_id.clone(),
                rater: ctx.actor_id.to_owned(),
                rating,
                profession: *profession,
                reason,
            }
        }
        FieldsCommand::WithdrawRating { field_id, context_id } => {
            let rated = s
                .cell(field_id, context_id)
                .is_some_and(|c| c.contains_key(ctx.actor_id));
            if !rated {
                return Err(Problem::NothingToWithdraw.into());
            }
            FieldsChange::RatingWithdrawn {
                field_id: field_id.clone(),
                context_id: context_id.clone(),
                rater: ctx.actor_id.to_owned(),
            }
        }
        FieldsCommand::Merge { kept, merged } => {
            if kept == merged {
                return Err(Problem::MergeWithItself.into());
            }
            let both_fields = s.fields.contains_key(kept) && s.fields.contains_key(merged);
            for id in [kept, merged] {
                let name = match both_fields {
                    true => field(id)?.name(),
                    false => context(id)?.name(),
                };
                check_fresh(ctx, s.edits.get(id), name, false)?;
            }
            let (kept, merged) = (kept.clone(), merged.clone());
            match both_fields {
                true => FieldsChange::FieldsMerged { kept, merged },
                false => FieldsChange::ContextsMerged { kept, merged },
            }
        }
        FieldsCommand::Import { fields, contexts } => {
            if fields.is_empty() && contexts.is_empty() {
                return Err(Problem::NothingToImport.into());
            }
            let mut imported_fields = Vec::with_capacity(fields.len());
            for (details, why) in fields {
                imported_fields.push(ImportedField {
                    details: check_field(map, details)?,
                    reason: reason(why)?,
                    field_id: (ctx.new_id)(),
                });
            }
            let mut imported_contexts = Vec::with_capacity(contexts.len());
            for (details, why) in contexts {
                imported_contexts.push(ImportedContext {
                    details: check_context(map, details)?,
                    reason: reason(why)?,
                    context_id: (ctx.new_id)(),
                });
            }
            FieldsChange::Imported {
                fields: imported_fields,
                contexts: imported_contexts,
            }
        }
    };
    Ok(vec![change])
}
