//! Projects, their members and roles, and invites.

pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod slice;

use domain::{Profession, Role};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSummary {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub my_role: Role,
}

crate::read_json!(ProjectSummary {
    id,
    name,
    purpose,
    my_role
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: String,
    pub display_name: String,
    pub role: Role,
    pub profession: Profession,
}

crate::read_json!(Member {
    user_id,
    display_name,
    role,
    profession
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    /// As shown to people: `ABCD-EFGH`.
    pub code: String,
    /// The link to share; opening it is enough to join.
    pub url: String,
    pub role: Role,
    pub expires_at_ms: i64,
}

crate::read_json!(Invite {
    code,
    url,
    role,
    expires_at_ms
});

/// One project as a member sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectView {
    pub id: String,
    /// The version of the project's trail this view shows.
    pub seq: crate::trail::Seq,
    pub name: String,
    pub purpose: String,
    pub my_user_id: String,
    pub my_role: Role,
    pub my_profession: Profession,
    pub members: Vec<Member>,
    /// Only leads see the open invites.
    pub invites: Vec<Invite>,
}

crate::read_json!(ProjectView {
    id,
    seq,
    name,
    purpose,
    my_user_id,
    my_role,
    my_profession,
    members,
    invites
});

/// What the holder of an invite code may learn before joining.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePreview {
    pub project_name: String,
    pub role: Role,
}

crate::read_json!(InvitePreview { project_name, role });
