//! The work-system map: elements (units, roles, IT systems, tasks,
//! artefacts), links between them and pain points.

pub mod api;
pub mod canvas;
pub mod changes;
pub mod commands;
pub mod export;
pub mod geometry;
pub mod history;
pub mod label;
pub mod layout;
pub mod look_back;
pub mod model;
pub mod pages;
pub mod png;
pub mod slice;
#[cfg(test)]
mod tests;
pub mod texts;

/// What the map's pages load of a project's state: the project's name, the
/// map, and the workshops (for the bar of a running one).
pub fn map_slices() -> String {
    use crate::{map::slice::MapSlice, projects::slice::ProjectSlice, workshops::slice::WorkshopsSlice};
    crate::trail::slice::reads::<(ProjectSlice, MapSlice, WorkshopsSlice)>()
}
