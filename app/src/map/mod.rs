//! The work-system map: elements (units, roles, IT systems, tasks,
//! artefacts), links between them and pain points.

pub mod api;
pub mod canvas;
pub mod export;
pub mod look_back;
pub mod model;
pub mod pages;
pub mod png;
