//! One integration-test binary: the real router on a real port, against
//! SQLite and against PostgreSQL.

mod auth;
mod crash;
mod decision_files;
mod decisions;
mod delivery;
mod fields;
mod golden;
mod helpers;
mod live;
mod map;
mod matrix;
mod matrix_decisions;
mod matrix_workshops;
mod page_state;
mod projects;
mod read_api;
mod reading;
mod redaction;
mod rounds;
mod security;
mod snapshots;
mod trail;
mod workshop_results;
mod workshops;
