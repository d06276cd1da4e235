//! Design decisions: a title, the problem it answers and its options,
//! what it concerns on the map and in the matrix, arguments for and
//! against, each person's positions (nothing overwritten), revisions of the
//! text, and a closing with outcome, rationale and the dissent that
//! remains.

pub mod api;
pub mod changes;
pub mod commands;
pub mod compare;
pub mod dates;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod export;
pub mod fingerprint;
pub mod history;
pub mod log;
pub mod model;
pub mod pages;
pub mod slice;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_closing;
pub mod texts;
