//! The relevance work's slice of the project state: fields, contexts and
//! the latest rating of each cell by each person.

use super::changes::{FieldsChange, KINDS};
use super::model::{CellRating, ContextDetails, ContextOfUse, FieldDetails, InformationField};
use crate::features::Project;
use crate::i18n::Lang;
use crate::trail::{Context, Guard, ReduceError, Slice, Stamp, State};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One cell's ratings, by rater.
pub type CellRatings = BTreeMap<String, CellRating>;

/// A field's ratings, by context: shared by copies of the state until one
/// of them changes it. Every page shows a copy of the state, and copying
/// 27,000 ratings one by one cost a matrix page more than drawing it.
pub type FieldRatings = Arc<BTreeMap<String, CellRatings>>;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldsSlice {
    pub fields: BTreeMap<String, InformationField>,
    pub contexts: BTreeMap<String, ContextOfUse>,
    /// Field id → context id → rater → their latest rating.
    pub ratings: super::packed::Ratings,
    /// When a field's or context's details or standing last changed:
    /// what an edit's conflict is judged by. Ratings do not count, so a
    /// lead can mend a definition while a room rates it.
    pub edits: BTreeMap<String, Stamp>,
    /// When a field or context was last rated: taking back its proposal
    /// must not wipe out others' ratings.
    pub last_rated: BTreeMap<String, Stamp>,
    /// Withdrawn fields and contexts: their names and when, for a clear
    /// conflict instead of "not found".
    pub withdrawn: BTreeMap<String, (String, Stamp)>,
}

crate::read_json!(FieldsSlice {
    fields,
    contexts,
    ratings,
    edits,
    last_rated,
    withdrawn
});

impl FieldsSlice {
    /// The ratings of a field in a context.
    pub fn cell(&self, field_id: &str, context_id: &str) -> Option<&CellRatings> {
        self.ratings
            .get(field_id)
            .and_then(|by_context| by_context.get(context_id))
    }

    /// Fields and contexts in the matrix (not retired).
    pub fn active_fields(&self) -> impl Iterator<Item = &InformationField> {
        self.fields.values().filter(|f| !f.retired)
    }

    pub fn active_contexts(&self) -> impl Iterator<Item = &ContextOfUse> {
        self.contexts.values().filter(|c| !c.retired)
    }

    /// A field's or context's name, also once withdrawn.
    pub fn name(&self, id: &str) -> String {
        self.fields
            .get(id)
            .map(|f| f.name().to_owned())
            .or_else(|| self.contexts.get(id).map(|c| c.name().to_owned()))
            .or_else(|| self.withdrawn.get(id).map(|(name, _)| name.clone()))
            .unwrap_or_default()
    }

    fn rating_of(&self, field_id: &str, context_id: &str, rater: &str) -> Option<&CellRating> {
        self.cell(field_id, context_id).and_then(|c| c.get(rater))
    }
}

/// What the map shows beside an IT system: the fields it keeps that are
/// kept in another system too (double documentation), and the fields it is
/// the source of that may go stale (no keeper or no freshness).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SystemFlags {
    pub kept_twice: Vec<String>,
    pub may_go_stale: Vec<String>,
}

crate::read_json!(SystemFlags {
    kept_twice,
    may_go_stale
});

impl FieldsSlice {
    /// By IT system (map element id), for the systems with a flag; field
    /// names in order.
    pub fn system_flags(&self) -> BTreeMap<String, SystemFlags> {
        let mut out: BTreeMap<String, SystemFlags> = BTreeMap::new();
        for f in self.active_fields() {
            let d = &f.details;
            if f.kept_twice() {
                for system in d.source.iter().chain(&d.also_kept_in) {
                    let names = &mut out.entry(system.clone()).or_default().kept_twice;
                    if !names.iter().any(|n| n == f.name()) {
                        names.push(f.name().to_owned());
                    }
                }
            }
            if let (true, Some(source)) = (f.may_go_stale(), &d.source) {
                out.entry(source.clone())
                    .or_default()
                    .may_go_stale
                    .push(f.name().to_owned());
            }
        }
        for flags in out.values_mut() {
            flags.kept_twice.sort();
            flags.may_go_stale.sort();
        }
        out
    }
}

/// The id under which a cell's changes are listed in the history (and a
/// cell is opened in the page's address).
pub fn cell_item(field_id: &str, context_id: &str) -> String {
    format!("{field_id}~{context_id}")
}

/// The field and context of a `cell_item`.
pub fn cell_of(item: &str) -> Option<(&str, &str)> {
    item.split_once('~')
}

impl Slice<Project> for FieldsSlice {
    const SHAPE: u32 = 2;
    const KINDS: &'static [&'static str] = KINDS;
    type Change = FieldsChange;
    type Command = super::commands::FieldsCommand;
    type What = super::history::FieldsWhat;

    fn kind(change: &FieldsChange) -> &'static str {
        change.kind()
    }

    fn say(what: &Self::What, lang: Lang) -> String {
        match lang {
            Lang::Nb => super::texts::what_nb(what),
            Lang::En => super::texts::what_en(what),
        }
    }

    fn kind_label(kind: &str, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Nb => super::texts::event_kinds_nb(kind),
            Lang::En => super::texts::event_kinds_en(kind),
        }
    }

    fn apply(&mut self, stamp: &Stamp, change: &FieldsChange) -> Result<(), ReduceError> {
        let unknown = |what: &'static str, id: &str| ReduceError::unknown(stamp, what, id);
        match change {
            FieldsChange::FieldProposed {
                field_id,
                details,
                reason,
            } => self.add_field(stamp, field_id, details, reason)?,
            FieldsChange::FieldEdited { field_id, details } => {
                let f = self
                    .fields
                    .get_mut(field_id)
                    .ok_or_else(|| unknown("field", field_id))?;
                f.details = details.clone();
                self.edits.insert(field_id.clone(), stamp.clone());
            }
            FieldsChange::FieldRetired { field_id } | FieldsChange::FieldRestored { field_id } => {
                let f = self
                    .fields
                    .get_mut(field_id)
                    .ok_or_else(|| unknown("field", field_id))?;
                f.retired = matches!(change, FieldsChange::FieldRetired { .. });
                self.edits.insert(field_id.clone(), stamp.clone());
            }
            FieldsChange::FieldWithdrawn { field_id } => self.remove_field(stamp, field_id)?,
            FieldsChange::ContextProposed {
                context_id,
                details,
                reason,
            } => self.add_context(stamp, context_id, details, reason)?,
            FieldsChange::ContextEdited { context_id, details } => {
                let c = self
                    .contexts
                    .get_mut(context_id)
                    .ok_or_else(|| unknown("context", context_id))?;
                c.details = details.clone();
                self.edits.insert(context_id.clone(), stamp.clone());
            }
            FieldsChange::ContextRetired { context_id } | FieldsChange::ContextRestored { context_id } => {
                let c = self
                    .contexts
                    .get_mut(context_id)
                    .ok_or_else(|| unknown("context", context_id))?;
                c.retired = matches!(change, FieldsChange::ContextRetired { .. });
                self.edits.insert(context_id.clone(), stamp.clone());
            }
            FieldsChange::ContextWithdrawn { context_id } => self.remove_context(stamp, context_id)?,
            FieldsChange::CellRated {
                field_id,
                context_id,
                rater,
                rating,
                profession,
                reason,
            } => {
                if !self.fields.contains_key(field_id) {
                    return Err(unknown("field", field_id));
                }
                if !self.contexts.contains_key(context_id) {
                    return Err(unknown("context", context_id));
                }
                Arc::make_mut(self.ratings.entry(field_id.clone()).or_default())
                    .entry(context_id.clone())
                    .or_default()
                    .insert(
                        rater.clone(),
                        CellRating {
                            rating: *rating,
                            profession: *profession,
                            reason: reason.clone(),
                            at_ms: stamp.at_ms,
                        },
                    );
                self.last_rated.insert(field_id.clone(), stamp.clone());
                self.last_rated.insert(context_id.clone(), stamp.clone());
            }
            FieldsChange::RatingWithdrawn {
                field_id,
                context_id,
                rater,
            } => {
                let by_context = self.ratings.get_mut(field_id).map(Arc::make_mut);
                let cell = by_context.and_then(|c| c.get_mut(context_id));
                if cell.and_then(|c| c.remove(rater)).is_none() {
                    return Err(unknown("rating", &cell_item(field_id, context_id)));
                }
            }
            FieldsChange::FieldsMerged { kept, merged } => {
                if kept == merged || !self.fields.contains_key(kept) {
                    return Err(unknown("field", kept));
                }
                let gone = self
                    .fields
                    .remove(merged)
                    .ok_or_else(|| unknown("field", merged))?;
                let moved = self.ratings.remove(merged).unwrap_or_default();
                let into = Arc::make_mut(self.ratings.entry(kept.clone()).or_default());
                for (context_id, cell) in Arc::unwrap_or_clone(moved) {
                    join(into.entry(context_id).or_default(), cell);
                }
                self.edits.insert(kept.clone(), stamp.clone());
                self.forget(merged, gone.details.name, stamp);
            }
            FieldsChange::MergeTakenBack {
                kept,
                field,
                merged_ratings,
                kept_ratings,
            } => {
                if !self.fields.contains_key(kept) {
                    return Err(unknown("field", kept));
                }
                if self.fields.contains_key(&field.id) {
                    return Err(ReduceError::duplicate(stamp, "field", &field.id));
                }
                self.fields.insert(field.id.clone(), field.clone());
                self.ratings
                    .insert(field.id.clone(), Arc::new(merged_ratings.clone()));
                self.ratings.insert(kept.clone(), Arc::new(kept_ratings.clone()));
                self.withdrawn.remove(&field.id);
                self.edits.insert(field.id.clone(), stamp.clone());
                self.edits.insert(kept.clone(), stamp.clone());
            }
            FieldsChange::ContextsMerged { kept, merged } => {
                if kept == merged || !self.contexts.contains_key(kept) {
                    return Err(unknown("context", kept));
                }
                let gone = self
                    .contexts
                    .remove(merged)
                    .ok_or_else(|| unknown("context", merged))?;
                for by_context in self.ratings.values_mut() {
                    if by_context.contains_key(merged) {
                        let by_context = Arc::make_mut(by_context);
                        let cell = by_context.remove(merged).unwrap_or_default();
                        join(by_context.entry(kept.clone()).or_default(), cell);
                    }
                }
                self.edits.insert(kept.clone(), stamp.clone());
                self.forget(merged, gone.details.name, stamp);
            }
            FieldsChange::ContextMergeTakenBack {
                kept,
                context,
                merged_ratings,
                kept_ratings,
            } => {
                if !self.contexts.contains_key(kept) {
                    return Err(unknown("context", kept));
                }
                if self.contexts.contains_key(&context.id) {
                    return Err(ReduceError::duplicate(stamp, "context", &context.id));
                }
                self.contexts.insert(context.id.clone(), context.clone());
                for by_context in self.ratings.values_mut() {
                    if by_context.contains_key(kept) {
                        Arc::make_mut(by_context).remove(kept);
                    }
                }
                for (ratings, id) in [(merged_ratings, &context.id), (kept_ratings, kept)] {
                    for (field_id, cell) in ratings {
                        Arc::make_mut(self.ratings.entry(field_id.clone()).or_default())
                            .insert(id.clone(), cell.clone());
                    }
                }
                self.withdrawn.remove(&context.id);
                self.edits.insert(context.id.clone(), stamp.clone());
                self.edits.insert(kept.clone(), stamp.clone());
            }
            FieldsChange::Imported { fields, contexts } => {
                for f in fields {
                    self.add_field(stamp, &f.field_id, &f.details, &f.reason)?;
                }
                for c in contexts {
                    self.add_context(stamp, &c.context_id, &c.details, &c.reason)?;
                }
            }
            FieldsChange::ImportTakenBack {
                field_ids,
                context_ids,
            } => {
                for id in field_ids {
                    self.remove_field(stamp, id)?;
                }
                for id in context_ids {
                    self.remove_context(stamp, id)?;
                }
            }
        }
        Ok(())
    }

    fn inverse(&self, change: &FieldsChange) -> Option<Vec<FieldsChange>> {
        let back = match change {
            FieldsChange::FieldProposed { field_id, .. } => FieldsChange::FieldWithdrawn {
                field_id: field_id.clone(),
            },
            FieldsChange::FieldEdited { field_id, .. } => FieldsChange::FieldEdited {
                field_id: field_id.clone(),
                details: self.fields.get(field_id)?.details.clone(),
            },
            FieldsChange::FieldRetired { field_id } => FieldsChange::FieldRestored {
                field_id: field_id.clone(),
            },
            FieldsChange::FieldRestored { field_id } => FieldsChange::FieldRetired {
                field_id: field_id.clone(),
            },
            FieldsChange::ContextProposed { context_id, .. } => FieldsChange::ContextWithdrawn {
                context_id: context_id.clone(),
            },
            FieldsChange::ContextEdited { context_id, .. } => FieldsChange::ContextEdited {
                context_id: context_id.clone(),
                details: self.contexts.get(context_id)?.details.clone(),
            },
            FieldsChange::ContextRetired { context_id } => FieldsChange::ContextRestored {
                context_id: context_id.clone(),
            },
            FieldsChange::ContextRestored { context_id } => FieldsChange::ContextRetired {
                context_id: context_id.clone(),
            },
            FieldsChange::FieldsMerged { kept, merged } => FieldsChange::MergeTakenBack {
                kept: kept.clone(),
                field: self.fields.get(merged)?.clone(),
                merged_ratings: self
                    .ratings
                    .get(merged)
                    .map(|r| (**r).clone())
                    .unwrap_or_default(),
                kept_ratings: self.ratings.get(kept).map(|r| (**r).clone()).unwrap_or_default(),
            },
            FieldsChange::ContextsMerged { kept, merged } => FieldsChange::ContextMergeTakenBack {
                kept: kept.clone(),
                context: self.contexts.get(merged)?.clone(),
                merged_ratings: self.ratings_in(merged),
                kept_ratings: self.ratings_in(kept),
            },
            FieldsChange::Imported { fields, contexts } => FieldsChange::ImportTakenBack {
                field_ids: fields.iter().map(|f| f.field_id.clone()).collect(),
                context_ids: contexts.iter().map(|c| c.context_id.clone()).collect(),
            },
            FieldsChange::FieldWithdrawn { .. }
            | FieldsChange::ContextWithdrawn { .. }
            | FieldsChange::MergeTakenBack { .. }
            | FieldsChange::ContextMergeTakenBack { .. }
            | FieldsChange::ImportTakenBack { .. } => return None,
            FieldsChange::CellRated {
                field_id,
                context_id,
                rater,
                ..
            }
            | FieldsChange::RatingWithdrawn {
                field_id,
                context_id,
                rater,
            } => match self.rating_of(field_id, context_id, rater) {
                Some(before) => FieldsChange::CellRated {
                    field_id: field_id.clone(),
                    context_id: context_id.clone(),
                    rater: rater.clone(),
                    rating: before.rating,
                    profession: before.profession,
                    reason: before.reason.clone(),
                },
                None if matches!(change, FieldsChange::CellRated { .. }) => FieldsChange::RatingWithdrawn {
                    field_id: field_id.clone(),
                    context_id: context_id.clone(),
                    rater: rater.clone(),
                },
                None => return None,
            },
        };
        Some(vec![back])
    }

    fn decide(
        state: &State<Project>,
        ctx: &mut Context,
        command: &Self::Command,
    ) -> Result<Vec<FieldsChange>, crate::error::AppError> {
        super::commands::decide(state, ctx, command)
    }

    /// Guards the changes an undo would record: an edit someone else made
    /// since, or (for taking back a proposal) someone else's ratings.
    fn guard(&self, change: &FieldsChange) -> Option<Guard> {
        let (id, last_change) = match change {
            FieldsChange::FieldEdited { field_id: id, .. }
            | FieldsChange::FieldRetired { field_id: id }
            | FieldsChange::FieldRestored { field_id: id }
            | FieldsChange::ContextEdited { context_id: id, .. }
            | FieldsChange::ContextRetired { context_id: id }
            | FieldsChange::ContextRestored { context_id: id } => (id, self.edits.get(id)),
            // Taking back a merge puts the kept field's ratings back as
            // they were: not over ratings or edits someone made since.
            FieldsChange::FieldWithdrawn { field_id: id }
            | FieldsChange::ContextWithdrawn { context_id: id }
            | FieldsChange::MergeTakenBack { kept: id, .. }
            | FieldsChange::ContextMergeTakenBack { kept: id, .. } => (id, self.touched(id)),
            // The whole file goes back only if nobody rated or changed any
            // of it since; the guard names the one touched last.
            FieldsChange::ImportTakenBack {
                field_ids,
                context_ids,
            } => {
                let id = field_ids
                    .iter()
                    .chain(context_ids)
                    .filter(|id| self.touched(id).is_some())
                    .max_by_key(|id| self.touched(id).map(|s| s.seq))?;
                (id, self.touched(id))
            }
            _ => return None,
        };
        Some(Guard {
            last_change: last_change.cloned(),
            item: self.name(id),
            removed: self.withdrawn.contains_key(id),
        })
    }

    fn describe(&self, change: &FieldsChange) -> (Self::What, String) {
        super::history::describe(self, change)
    }

    fn name_of(&self, item_id: &str) -> Option<String> {
        let name = match cell_of(item_id) {
            Some((field, context)) => format!("{} – {}", self.name(field), self.name(context)),
            None => self.name(item_id),
        };
        Some(name).filter(|n| !n.is_empty() && n != " – ")
    }
}

/// Adds `cell`'s ratings to `target`: a person who rated both keeps their
/// latest.
fn join(target: &mut CellRatings, cell: CellRatings) {
    for (rater, rating) in cell {
        if target.get(&rater).is_none_or(|mine| rating.at_ms > mine.at_ms) {
            target.insert(rater, rating);
        }
    }
}

impl FieldsSlice {
    /// The latest edit or rating of a field or context.
    fn touched(&self, id: &str) -> Option<&Stamp> {
        [self.edits.get(id), self.last_rated.get(id)]
            .into_iter()
            .flatten()
            .max_by_key(|s| s.seq)
    }

    /// A context's ratings, by field.
    fn ratings_in(&self, context_id: &str) -> BTreeMap<String, CellRatings> {
        self.ratings
            .iter()
            .filter_map(|(field_id, by_context)| {
                by_context
                    .get(context_id)
                    .map(|cell| (field_id.clone(), cell.clone()))
            })
            .collect()
    }

    fn add_field(
        &mut self,
        stamp: &Stamp,
        field_id: &str,
        details: &FieldDetails,
        reason: &str,
    ) -> Result<(), ReduceError> {
        if self.fields.contains_key(field_id) {
            return Err(ReduceError::duplicate(stamp, "field", field_id));
        }
        self.fields.insert(
            field_id.to_owned(),
            InformationField {
                id: field_id.to_owned(),
                details: details.clone(),
                proposed_by: stamp.actor_id.clone(),
                reason: reason.to_owned(),
                retired: false,
            },
        );
        self.withdrawn.remove(field_id);
        self.edits.insert(field_id.to_owned(), stamp.clone());
        Ok(())
    }

    fn add_context(
        &mut self,
        stamp: &Stamp,
        context_id: &str,
        details: &ContextDetails,
        reason: &str,
    ) -> Result<(), ReduceError> {
        if self.contexts.contains_key(context_id) {
            return Err(ReduceError::duplicate(stamp, "context", context_id));
        }
        self.contexts.insert(
            context_id.to_owned(),
            ContextOfUse {
                id: context_id.to_owned(),
                details: details.clone(),
                proposed_by: stamp.actor_id.clone(),
                reason: reason.to_owned(),
                retired: false,
            },
        );
        self.withdrawn.remove(context_id);
        self.edits.insert(context_id.to_owned(), stamp.clone());
        Ok(())
    }

    /// Gone with its ratings.
    fn remove_field(&mut self, stamp: &Stamp, field_id: &str) -> Result<(), ReduceError> {
        let f = self
            .fields
            .remove(field_id)
            .ok_or_else(|| ReduceError::unknown(stamp, "field", field_id))?;
        self.ratings.remove(field_id);
        self.forget(field_id, f.details.name, stamp);
        Ok(())
    }

    fn remove_context(&mut self, stamp: &Stamp, context_id: &str) -> Result<(), ReduceError> {
        let c = self
            .contexts
            .remove(context_id)
            .ok_or_else(|| ReduceError::unknown(stamp, "context", context_id))?;
        for by_context in self.ratings.values_mut() {
            if by_context.contains_key(context_id) {
                Arc::make_mut(by_context).remove(context_id);
            }
        }
        self.forget(context_id, c.details.name, stamp);
        Ok(())
    }

    fn forget(&mut self, id: &str, name: String, stamp: &Stamp) {
        self.edits.remove(id);
        self.last_rated.remove(id);
        self.withdrawn.insert(id.to_owned(), (name, stamp.clone()));
    }
}
