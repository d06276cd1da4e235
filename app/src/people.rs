//! Who takes part: roles in a project and professions. Every feature may
//! import this (opinions are broken down by profession, rights by role).

use crate::error::Problem;
use serde::{Deserialize, Serialize};

crate::read_json!(define
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Lead,
    Facilitator,
    Participant,
    Observer,
});

impl Role {
    pub const ALL: [Role; 4] = [Role::Lead, Role::Facilitator, Role::Participant, Role::Observer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Facilitator => "facilitator",
            Role::Participant => "participant",
            Role::Observer => "observer",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or(Problem::UnknownRole)
    }

    /// Observers read; everyone else takes part in the content.
    pub fn can_edit_content(self) -> bool {
        !matches!(self, Role::Observer)
    }

    /// Who may edit, retire and merge what others proposed, and run
    /// workshops.
    pub fn can_curate(self) -> bool {
        matches!(self, Role::Lead | Role::Facilitator)
    }

    /// Who may change the project itself: its name, members and invites.
    pub fn can_manage(self) -> bool {
        matches!(self, Role::Lead)
    }
}

crate::read_json!(define
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Profession {
    Clinician,
    Nurse,
    Physician,
    Therapist,
    CareWorker,
    Coordinator,
    Designer,
    Developer,
    Manager,
    PatientRepresentative,
    Other,
});

impl Profession {
    pub const ALL: [Profession; 11] = [
        Profession::Clinician,
        Profession::Nurse,
        Profession::Physician,
        Profession::Therapist,
        Profession::CareWorker,
        Profession::Coordinator,
        Profession::Designer,
        Profession::Developer,
        Profession::Manager,
        Profession::PatientRepresentative,
        Profession::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profession::Clinician => "clinician",
            Profession::Nurse => "nurse",
            Profession::Physician => "physician",
            Profession::Therapist => "therapist",
            Profession::CareWorker => "care_worker",
            Profession::Coordinator => "coordinator",
            Profession::Designer => "designer",
            Profession::Developer => "developer",
            Profession::Manager => "manager",
            Profession::PatientRepresentative => "patient_representative",
            Profession::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        Profession::ALL
            .into_iter()
            .find(|p| p.as_str() == raw.trim())
            .ok_or(Problem::UnknownProfession)
    }
}
