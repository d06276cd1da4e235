//! The demo project: a discharge from hospital to home care, with people a
//! clinician would recognise. Loading it twice changes nothing.

use app::auth::domain::{DisplayName, Email, Password};
use app::auth::server::create_user;
use app::error::AppResult;
use app::projects::domain::{Profession, ProjectName, Purpose, Role};
use app::projects::server::create_project;
use app::trail::command::Command;
use app::trail::server::{Append, Trail};

pub const DEMO_EMAIL: &str = "demo@samspill.no";
pub const DEMO_PASSWORD: &str = "samspill-demo-2026";

/// True if it was loaded now, false if it was already there.
pub async fn load(trail: &Trail) -> AppResult<bool> {
    let pool = trail.pool();
    let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(DEMO_EMAIL)
        .fetch_optional(pool)
        .await?;
    if exists.is_some() {
        return Ok(false);
    }
    let lead = create_user(
        pool,
        &DisplayName::parse("Hanne Prosjektleder").map_err(app::error::AppError::from)?,
        &Email::parse(DEMO_EMAIL)?,
        &Password::parse(DEMO_PASSWORD)?,
    )
    .await?;
    let name = ProjectName::parse("Trygg utskrivning til hjemmetjenesten")?;
    let purpose = Purpose::parse(
        "Sykehuset og kommunen designer sammen et verktøy som tar med riktig informasjon \
         når en pasient skrives ut fra sykehuset til hjemmesykepleien: legemidler, \
         funksjonsnivå, avtaler og hvem som har ansvar for hva.",
    )?;
    let project_id = create_project(pool, &lead, &name, &purpose, Profession::Coordinator).await?;
    trail
        .submit(Append {
            project_id: project_id.clone(),
            actor_id: lead.id.clone(),
            workshop_id: None,
            base_seq: None,
            command: Command::DescribeProject {
                name: name.as_str().to_owned(),
                purpose: purpose.as_str().to_owned(),
            },
        })
        .await?;

    let people = [
        (
            "Kari Sykepleier",
            "kari.sykepleier@demo.samspill.no",
            Role::Participant,
            Profession::Nurse,
        ),
        (
            "Ola Lege",
            "ola.lege@demo.samspill.no",
            Role::Participant,
            Profession::Physician,
        ),
        (
            "Ingrid Koordinator",
            "ingrid.koordinator@demo.samspill.no",
            Role::Facilitator,
            Profession::Coordinator,
        ),
        (
            "Ahmed Hjemmesykepleier",
            "ahmed.hjemmesykepleier@demo.samspill.no",
            Role::Participant,
            Profession::Nurse,
        ),
        (
            "Siri Designer",
            "siri.designer@demo.samspill.no",
            Role::Facilitator,
            Profession::Designer,
        ),
        (
            "Per Pårørende",
            "per.parorende@demo.samspill.no",
            Role::Observer,
            Profession::PatientRepresentative,
        ),
    ];
    for (name, email, role, profession) in people {
        // Demo colleagues cannot sign in: their password is random and unknown.
        let password = format!("{}{}", uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        let user = create_user(
            pool,
            &DisplayName::parse(name)?,
            &Email::parse(email)?,
            &Password::parse(&password)?,
        )
        .await?;
        sqlx::query(
            "INSERT INTO memberships (project_id, user_id, role, profession, joined_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&project_id)
        .bind(&user.id)
        .bind(role.as_str())
        .bind(profession.as_str())
        .bind(app::state::now_ms())
        .execute(pool)
        .await?;
    }
    Ok(true)
}

pub fn describe(loaded_now: bool) -> String {
    format!(
        "Demo project {}. Sign in as {DEMO_EMAIL} with password {DEMO_PASSWORD}",
        if loaded_now { "loaded" } else { "already present" }
    )
}
