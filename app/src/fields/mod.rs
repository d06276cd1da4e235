//! Information fields and contexts of use: which information matters in
//! which situation, rated by everyone taking part, and where professions
//! agree and disagree (the relevance matrix).

pub mod api;
pub mod changes;
pub mod commands;
pub mod history;
pub mod measures;
pub mod model;
mod packed;
pub mod pages;
pub mod slice;
pub mod spreadsheet;
#[cfg(test)]
mod tests;
pub mod texts;

/// What the fields page loads of a project's state: the project's name,
/// the map (for the systems, roles, units and hand-overs fields and
/// contexts refer to) and the fields.
pub fn fields_slices() -> String {
    use crate::{
        fields::slice::FieldsSlice, map::slice::MapSlice, projects::slice::ProjectSlice,
        rounds::slice::RoundsSlice, workshops::slice::WorkshopsSlice,
    };
    crate::trail::slice::reads::<(ProjectSlice, MapSlice, FieldsSlice, RoundsSlice, WorkshopsSlice)>()
}
