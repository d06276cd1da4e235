//! Personal API tokens: a person makes one to read the decisions of their
//! projects through the read API (`/api/v1/…`), sees it once, and revokes
//! it when it is no longer needed. A token sees exactly what its person
//! may see; only a digest of it is stored.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod texts;

use serde::{Deserialize, Serialize};

/// A token as its person's list shows it: never the token itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    /// Its last four characters, to tell tokens apart.
    pub last_four: String,
    pub created_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
}

crate::read_json!(ApiToken {
    id,
    name,
    last_four,
    created_at_ms,
    revoked_at_ms
});

/// A token just made: the one time its secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    pub id: String,
    pub name: String,
    pub secret: String,
}

crate::read_json!(NewToken { id, name, secret });

/// What the tokens page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    /// Newest first, revoked ones too (with when).
    pub tokens: Vec<ApiToken>,
    /// A token made by a form sent without JavaScript, shown on the page
    /// the browser is sent back to, then never again.
    pub fresh: Option<NewToken>,
}

crate::read_json!(Tokens { tokens, fresh });
