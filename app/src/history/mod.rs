//! A project's past as people see it: the history page, comparing two
//! versions of an item, the project as it was, and taking back one's own
//! latest change. Reads go through the trail core and the registry; every
//! read is filtered for the person asking.

pub mod api;
pub mod pages;
pub mod texts;
pub mod time;
