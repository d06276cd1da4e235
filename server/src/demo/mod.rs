//! The demo project: a discharge from hospital to home care, with people a
//! clinician would recognise. Loading it twice changes nothing.

use app::auth::domain::{DisplayName, Email, Password};
use app::auth::server::create_user;
use app::error::AppResult;
use app::features::{Append, Change, Entry, Event, ProjectTrail as Trail, Request};
use app::map::changes::MapChange;
use app::map::commands::{LinkDetails, MapCommand as Command};
use app::projects::domain::{Profession, ProjectName, Purpose, Role};
use app::projects::server::create_project;
use std::collections::HashMap;

mod decisions;
mod fields;

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
    let project_id = create_project(trail, &lead, &name, &purpose, Profession::Coordinator).await?;

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
            "Bente Hjemmesykepleier",
            "bente.hjemmesykepleier@demo.samspill.no",
            Role::Participant,
            Profession::Nurse,
        ),
        (
            "Lars Fastlege",
            "lars.fastlege@demo.samspill.no",
            Role::Participant,
            Profession::Physician,
        ),
        (
            "Tor Tildeling",
            "tor.tildeling@demo.samspill.no",
            Role::Participant,
            Profession::Coordinator,
        ),
        (
            "Jonas Helsefagarbeider",
            "jonas.helsefagarbeider@demo.samspill.no",
            Role::Participant,
            Profession::CareWorker,
        ),
        (
            "Mona Helsefagarbeider",
            "mona.helsefagarbeider@demo.samspill.no",
            Role::Participant,
            Profession::CareWorker,
        ),
        (
            "Eva Ergoterapeut",
            "eva.ergoterapeut@demo.samspill.no",
            Role::Participant,
            Profession::Therapist,
        ),
        (
            "Per Pårørende",
            "per.parorende@demo.samspill.no",
            Role::Observer,
            Profession::PatientRepresentative,
        ),
    ];
    let mut ids = HashMap::new();
    ids.insert("lead", lead.id.clone());
    let mut professions = HashMap::from([("lead", Profession::Coordinator)]);
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
        let key = email.split('.').next().unwrap_or(email);
        ids.insert(key, user.id.clone());
        professions.insert(key, profession);
    }
    let elements = load_map(trail, &project_id, &ids).await?;
    let (field_ids, context_ids) = fields::load(trail, &project_id, &ids, &elements).await?;
    decisions::load(trail, &project_id, &ids, &professions, &field_ids, &context_ids).await?;
    Ok(true)
}

/// Today's discharge from a medical ward to home nursing, as the people who
/// do it would draw it. Returns the map's elements' ids by their keys.
async fn load_map(
    trail: &Trail,
    project_id: &str,
    people: &HashMap<&str, String>,
) -> AppResult<HashMap<&'static str, String>> {
    let submit = |actor: &str, command: Command| {
        let actor = people.get(actor).cloned().unwrap_or_default();
        async move {
            trail
                .submit(Append {
                    project_id: project_id.to_owned(),
                    actor_id: actor,
                    workshop_id: None,
                    base_seq: None,
                    request: Request::Do(command.into()),
                    curator: true,
                    token: None,
                })
                .await
        }
    };
    let created = |events: Vec<Event>| match events.first().map(|e| &e.change) {
        Some(Entry::Change(Change::Map(MapChange::MapCreated { map_id, .. }))) => map_id.clone(),
        Some(Entry::Change(Change::Map(MapChange::ElementAdded { element_id, .. }))) => element_id.clone(),
        Some(Entry::Change(Change::Map(MapChange::LinkAdded { link_id, .. }))) => link_id.clone(),
        _ => String::new(),
    };
    let map = created(submit("ingrid", Command::CreateMap { name: "I dag".into() }).await?);

    let elements = [
        ("ward", "unit", "Medisinsk sengepost", "Sykehuset", 60, 60),
        ("ward_nurse", "role", "Sykepleier på sengepost", "", 60, 200),
        ("coordinator", "role", "Utskrivningskoordinator", "", 60, 340),
        (
            "hospital_record",
            "it_system",
            "Sykehusets journal (EPJ)",
            "",
            60,
            480,
        ),
        (
            "reconcile",
            "task",
            "Legemiddelsamstemming",
            "Før utskrivning",
            300,
            480,
        ),
        (
            "allocation",
            "unit",
            "Tildelingskontoret",
            "Kommunen: vedtak om tjenester",
            560,
            60,
        ),
        ("home_nursing", "unit", "Hjemmesykepleien", "Kommunen", 560, 200),
        ("home_nurse", "role", "Hjemmesykepleier", "", 560, 340),
        (
            "municipal_record",
            "it_system",
            "Kommunal journal",
            "Pleie- og omsorgsjournal",
            560,
            480,
        ),
        (
            "first_visit",
            "task",
            "Første hjemmebesøk",
            "Samme dag eller dagen etter",
            800,
            340,
        ),
        ("patient", "role", "Pasient", "", 300, 200),
        ("next_of_kin", "role", "Pårørende", "", 300, 60),
        ("gp_practice", "unit", "Fastlegekontoret", "", 1040, 160),
        ("gp", "role", "Fastlege", "", 1040, 300),
        ("core_record", "it_system", "Kjernejournal", "Nasjonal", 800, 480),
        ("medication_list", "artefact", "Legemiddelliste", "", 1040, 480),
        ("out_of_hours", "unit", "Legevakten", "", 1270, 160),
    ];
    let mut id = HashMap::new();
    for (i, (key, kind, name, description, x, y)) in elements.iter().enumerate() {
        let who = ["kari", "ahmed", "ingrid", "ola"][i % 4];
        let events = submit(
            who,
            Command::AddElement {
                map_id: map.clone(),
                kind: (*kind).into(),
                name: (*name).into(),
                description: (*description).into(),
                x: *x,
                y: *y,
            },
        )
        .await?;
        id.insert(*key, created(events));
    }

    // (from, to, kind, channel, message type, timing, label)
    let links = [
        ("ward_nurse", "ward", "belongs_to", "", "", "", ""),
        ("coordinator", "ward", "belongs_to", "", "", "", ""),
        ("home_nurse", "home_nursing", "belongs_to", "", "", "", ""),
        ("gp", "gp_practice", "belongs_to", "", "", "", ""),
        ("ward_nurse", "hospital_record", "uses", "", "", "", ""),
        ("home_nurse", "municipal_record", "uses", "", "", "", ""),
        ("home_nurse", "core_record", "uses", "", "", "", ""),
        ("gp", "core_record", "uses", "", "", "", ""),
        (
            "ward",
            "home_nursing",
            "hand_over",
            "",
            "",
            "on_discharge",
            "Pasienten skrives ut",
        ),
        (
            "ward",
            "allocation",
            "information_flow",
            "electronic_message",
            "Innleggelsesrapport",
            "before_discharge",
            "",
        ),
        (
            "coordinator",
            "allocation",
            "information_flow",
            "phone",
            "",
            "before_discharge",
            "Avklarer behov",
        ),
        (
            "allocation",
            "home_nursing",
            "information_flow",
            "electronic_message",
            "Vedtak",
            "before_discharge",
            "",
        ),
        (
            "ward",
            "home_nursing",
            "information_flow",
            "electronic_message",
            "Utskrivningsrapport",
            "on_discharge",
            "",
        ),
        (
            "ward",
            "gp_practice",
            "information_flow",
            "electronic_message",
            "Epikrise",
            "after_discharge",
            "",
        ),
        (
            "ward_nurse",
            "patient",
            "information_flow",
            "in_person",
            "",
            "on_discharge",
            "Muntlig informasjon",
        ),
        (
            "patient",
            "next_of_kin",
            "information_flow",
            "in_person",
            "",
            "after_discharge",
            "",
        ),
        (
            "out_of_hours",
            "gp_practice",
            "information_flow",
            "electronic_message",
            "Legevaktsnotat",
            "after_discharge",
            "",
        ),
        (
            "home_nurse",
            "first_visit",
            "other",
            "",
            "",
            "after_discharge",
            "Utfører",
        ),
        (
            "reconcile",
            "medication_list",
            "other",
            "",
            "",
            "before_discharge",
            "Oppdaterer",
        ),
        (
            "gp",
            "medication_list",
            "other",
            "",
            "",
            "after_discharge",
            "Ansvarlig for",
        ),
        (
            "ward",
            "patient",
            "hand_over",
            "",
            "",
            "on_discharge",
            "Reiser hjem",
        ),
    ];
    let mut link_ids = Vec::new();
    for (from, to, kind, channel, message_type, timing, label) in links {
        let events = submit(
            "ingrid",
            Command::AddLink {
                map_id: map.clone(),
                from: id[from].clone(),
                to: id[to].clone(),
                details: LinkDetails {
                    kind: kind.into(),
                    label: label.into(),
                    description: String::new(),
                    channel: channel.into(),
                    message_type: message_type.into(),
                    timing: timing.into(),
                },
            },
        )
        .await?;
        link_ids.push(created(events));
    }

    let pain_points = [
        (
            "kari",
            link_ids[12].clone(),
            "Kommer ofte etter at pasienten er hjemme",
            Profession::Nurse,
        ),
        (
            "ahmed",
            id["medication_list"].clone(),
            "Ikke oppdatert",
            Profession::Nurse,
        ),
        (
            "ahmed",
            id["municipal_record"].clone(),
            "Dobbeltdokumentasjon",
            Profession::Nurse,
        ),
        ("ahmed", link_ids[6].clone(), "Mangler tilgang", Profession::Nurse),
        (
            "ola",
            link_ids[13].clone(),
            "Epikrisen kommer for sent til fastlegen",
            Profession::Physician,
        ),
    ];
    for (who, target, text, profession) in pain_points {
        submit(
            who,
            Command::RaisePainPoint {
                target,
                text: text.into(),
                profession: Some(profession),
            },
        )
        .await?;
    }
    Ok(id)
}

pub fn describe(loaded_now: bool) -> String {
    format!(
        "Demo project {}. Sign in as {DEMO_EMAIL} with password {DEMO_PASSWORD}",
        if loaded_now { "loaded" } else { "already present" }
    )
}
