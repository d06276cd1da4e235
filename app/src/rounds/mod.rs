//! Anonymous rounds: a facilitator starts a round on chosen contexts of
//! use; everyone rates them without names. While it runs, the ballots wait
//! on the server where nobody, the facilitator included, can read them or
//! any result; the close records them in the trail under random per-round
//! pseudonyms and, apart, who took part, so the counts verify and no rating
//! links back to a person.

pub mod api;
pub mod pages;
pub mod results;
#[cfg(feature = "ssr")]
pub mod server;
pub mod slice;
pub mod texts;
