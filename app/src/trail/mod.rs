//! The decision trail: every change to a project's content is an event in
//! one append-only, hash-chained log per project. The reducer folds events
//! into state here and in the browser alike.

pub mod api;
pub mod command;
pub mod event;
pub mod hash;
pub mod history;
pub mod live;
pub mod pages;
pub mod reducer;
#[cfg(feature = "ssr")]
pub mod server;

pub use event::{Change, Event, Seq};
pub use reducer::ProjectState;
#[cfg(test)]
mod tests;
