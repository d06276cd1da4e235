//! One integration-test binary: the real router on a real port, against
//! SQLite and against PostgreSQL.

mod auth;
mod crash;
mod delivery;
mod helpers;
mod live;
mod matrix;
mod projects;
mod trail;
