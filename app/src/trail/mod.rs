//! The decision trail: every change to a project's content is an event in
//! one append-only, hash-chained log per project. The reducer folds events
//! into state here and in the browser alike.
//!
//! This is the generic core: it knows no feature. Features implement
//! [`Slice`]; the registry (`crate::features`) joins them into one
//! [`Domain`].

pub mod command;
pub mod domain;
pub mod event;
pub mod hash;
pub mod history;
pub mod live;
pub mod page_state;
#[cfg(feature = "ssr")]
pub mod server;
pub mod slice;
pub mod state;

pub use command::{check_fresh, Request};
pub use domain::{deliver, Context, Domain, Guard, Viewer, Visibility};
pub use event::{Entry, Event, Seq};
pub use slice::Slice;
pub use state::{ReduceError, Stamp, State};
