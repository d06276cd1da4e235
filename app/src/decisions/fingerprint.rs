//! A closed decision's fingerprint: SHA-256 of a canonical form of its
//! final text, outcome, rationale, dissent and criteria. The page shows the
//! canonical text beside the digest, so anyone can recompute it
//! (`sha256sum` of the text as shown, UTF-8, no trailing newline) and see
//! that the decision a report quotes is the one that was sealed.

use super::model::{Decision, Stance};
use crate::people::Profession;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// What is fingerprinted. Field order is part of the format: serde writes
/// a struct's fields in declaration order, and `v` names this layout.
#[derive(Serialize)]
struct Canonical<'a> {
    v: u8,
    decision: &'a str,
    revision: u32,
    title: &'a str,
    problem: &'a str,
    options: Vec<CanonicalOption<'a>>,
    /// The accepted option's id; `null`: all rejected.
    outcome: Option<&'a str>,
    rationale: &'a str,
    dissent: Vec<CanonicalDissent<'a>>,
    override_reason: &'a str,
    criteria: Vec<[&'a str; 2]>,
    /// The event that sealed it.
    sealed_by: u64,
}

#[derive(Serialize)]
struct CanonicalOption<'a> {
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct CanonicalDissent<'a> {
    person: &'a str,
    profession: Option<Profession>,
    stance: Stance,
    reason: &'a str,
}

pub struct Fingerprint {
    /// Compact JSON, as hashed.
    pub canonical: String,
    /// Hex SHA-256 of `canonical`.
    pub sha256: String,
    /// The sequence number of the event that closed the decision.
    pub sealed_by: u64,
}

/// `None` until the decision is closed with an outcome (decided).
pub fn fingerprint(d: &Decision) -> Option<Fingerprint> {
    let closing = d.closing.as_ref()?;
    let text = d.text();
    let canonical = Canonical {
        v: 1,
        decision: &d.id,
        revision: d.revision(),
        title: &text.title,
        problem: &text.problem,
        options: text
            .options
            .iter()
            .map(|o| CanonicalOption {
                id: &o.id,
                text: &o.text,
            })
            .collect(),
        outcome: closing.outcome.as_deref(),
        rationale: &closing.rationale,
        dissent: closing
            .dissent
            .iter()
            .map(|x| CanonicalDissent {
                person: &x.person,
                profession: x.profession,
                stance: x.stance,
                reason: &x.reason,
            })
            .collect(),
        override_reason: &closing.override_reason,
        criteria: closing
            .criteria
            .iter()
            .map(|c| [c.due.as_str(), c.text.as_str()])
            .collect(),
        sealed_by: closing.stamp.seq as u64,
    };
    let canonical = serde_json::to_string(&canonical).expect("plain data serialises");
    let sha256 = hex::encode(Sha256::digest(canonical.as_bytes()));
    Some(Fingerprint {
        canonical,
        sha256,
        sealed_by: closing.stamp.seq as u64,
    })
}
