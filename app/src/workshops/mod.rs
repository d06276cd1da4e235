//! Live workshops: a facilitator plans a co-design session (title, time,
//! goal, an agenda of time-boxed activities) and runs it: a countdown
//! everyone sees, bringing everyone to one page, locking editing, a join
//! code and a projector view. Participants join with the code, as guests if
//! they have no account. Every event made while a workshop runs records it.

pub mod api;
pub mod changes;
pub mod commands;
#[cfg(feature = "ssr")]
pub mod dots;
pub mod dots_api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod slice;
pub mod summary;
#[cfg(test)]
mod tests;
pub mod texts;
