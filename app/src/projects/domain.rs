//! Projects, roles and professions as the people in a project name them.

use crate::error::Problem;
use crate::text::{free_text, one_line};

pub use crate::people::{Profession, Role};

pub const PROJECT_NAME_MAX_CHARS: usize = 120;
pub const PURPOSE_MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectName(String);

impl ProjectName {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        one_line(
            raw,
            PROJECT_NAME_MAX_CHARS,
            Problem::ProjectNameMissing,
            Problem::ProjectNameTooLong,
        )
        .map(ProjectName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free text that explains why the project exists; line breaks are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purpose(String);

impl Purpose {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        free_text(raw, PURPOSE_MAX_CHARS, Problem::PurposeTooLong).map(Purpose)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Letters that cannot be mistaken for each other when read aloud in a
/// workshop or copied from a projector: no 0/O, 1/I/L.
pub const INVITE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const INVITE_LEN: usize = 8;

/// The short code on an invite, shown as `ABCD-EFGH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteCode(String);

impl InviteCode {
    /// Accepts what people type: any case, with or without the dash or spaces.
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let s: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if s.len() == INVITE_LEN && s.bytes().all(|b| INVITE_ALPHABET.contains(&b)) {
            Ok(InviteCode(s))
        } else {
            Err(Problem::InviteNotValid)
        }
    }

    pub fn from_random(bytes: [u8; INVITE_LEN]) -> Self {
        InviteCode(
            bytes
                .iter()
                .map(|b| INVITE_ALPHABET[*b as usize % INVITE_ALPHABET.len()] as char)
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_professions_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        for p in Profession::ALL {
            assert_eq!(Profession::parse(p.as_str()), Ok(p));
        }
        assert_eq!(Role::parse("owner"), Err(Problem::UnknownRole));
        assert_eq!(Profession::parse(""), Err(Problem::UnknownProfession));
    }

    #[test]
    fn only_observers_cannot_edit_and_only_leads_manage() {
        assert!(!Role::Observer.can_edit_content());
        assert!(Role::Participant.can_edit_content());
        assert!(Role::Lead.can_manage());
        assert!(!Role::Facilitator.can_manage());
    }

    #[test]
    fn project_name_is_required_and_bounded() {
        assert_eq!(
            ProjectName::parse("  Trygg   utskrivning ").unwrap().as_str(),
            "Trygg utskrivning"
        );
        assert_eq!(
            ProjectName::parse(" \n").unwrap_err(),
            Problem::ProjectNameMissing
        );
        assert_eq!(
            ProjectName::parse(&"x".repeat(121)).unwrap_err(),
            Problem::ProjectNameTooLong
        );
        assert_eq!(
            Purpose::parse(&"x".repeat(2001)).unwrap_err(),
            Problem::PurposeTooLong
        );
        assert_eq!(Purpose::parse(" a\r\nb ").unwrap().as_str(), "a\nb");
    }

    #[test]
    fn invite_codes_accept_what_people_type() {
        let code = InviteCode::from_random([0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(code.display(), "ABCD-EFGH");
        assert_eq!(InviteCode::parse(" abcd-efgh ").unwrap(), code);
        assert_eq!(InviteCode::parse("ABCD EFGH").unwrap(), code);
        assert_eq!(InviteCode::parse("ABCD-EFG0"), Err(Problem::InviteNotValid));
        assert_eq!(InviteCode::parse("ABC"), Err(Problem::InviteNotValid));
    }
}
