//! The demo's relevance work: the information a discharge from hospital to
//! home care carries, the situations it is needed in, and a dozen people
//! of six professions rating them, agreeing on most and not on all.

use app::error::AppResult;
use app::features::{Append, Change, Entry, ProjectTrail as Trail, Request};
use app::fields::changes::FieldsChange;
use app::fields::commands::{ContextInput, FieldInput, FieldsCommand as Command};
use app::projects::domain::Profession;
use std::collections::HashMap;

/// Name, group, data type, sensitivity, and how relevant it is in each of
/// the eight contexts below (4 essential … 1 should not be shown).
const FIELDS: [(&str, &str, &str, &str, &str); 30] = [
    (
        "Navn og fødselsnummer",
        "identity",
        "coded",
        "ordinary",
        "44444444",
    ),
    ("Fastlege", "contacts", "free_text", "ordinary", "33324334"),
    (
        "Pårørende og kontaktinformasjon",
        "contacts",
        "list",
        "ordinary",
        "34433343",
    ),
    (
        "Innleggelsesårsak",
        "clinical",
        "free_text",
        "sensitive",
        "44323444",
    ),
    ("Diagnoser", "clinical", "coded", "sensitive", "43323444"),
    (
        "Sykepleieproblemer og tiltak",
        "clinical",
        "free_text",
        "ordinary",
        "44432421",
    ),
    (
        "Gjeldende legemiddelliste",
        "medication",
        "list",
        "ordinary",
        "44444444",
    ),
    (
        "Legemiddelendringer med begrunnelse",
        "medication",
        "list",
        "ordinary",
        "43434344",
    ),
    (
        "Hvem administrerer legemidler / multidose",
        "medication",
        "coded",
        "ordinary",
        "44432422",
    ),
    ("Allergier og CAVE", "risk", "list", "ordinary", "44444444"),
    ("Smitte", "risk", "coded", "sensitive", "33443443"),
    (
        "Behandlingsavklaringer (HLR minus)",
        "clinical",
        "coded",
        "strictly_confidential",
        "22322444",
    ),
    ("Funksjonsnivå (ADL)", "function", "coded", "ordinary", "44442331"),
    (
        "Mobilitet og fallrisiko",
        "function",
        "coded",
        "ordinary",
        "34442431",
    ),
    (
        "Kognisjon og samtykkekompetanse",
        "function",
        "free_text",
        "sensitive",
        "34433443",
    ),
    ("Ernæring", "function", "free_text", "ordinary", "33432321"),
    ("Eliminasjon", "function", "free_text", "ordinary", "32442221"),
    (
        "Sår og prosedyre for stell",
        "clinical",
        "free_text",
        "ordinary",
        "34442431",
    ),
    ("Smerte", "clinical", "number", "ordinary", "33432442"),
    ("Hjelpemidler", "function", "list", "ordinary", "24433321"),
    ("Oppfølgingsavtaler", "plans", "list", "ordinary", "33334223"),
    (
        "Kommunikasjonsbehov og tolk",
        "social",
        "free_text",
        "ordinary",
        "44443444",
    ),
    (
        "Bosituasjon og nøkkelboks",
        "social",
        "free_text",
        "sensitive",
        "24441211",
    ),
    (
        "Pasientens egne mål",
        "plans",
        "free_text",
        "ordinary",
        "33433321",
    ),
    (
        "Utskrivningsklar tidspunkt",
        "plans",
        "date",
        "ordinary",
        "44311221",
    ),
    (
        "Vedtak om tjenester",
        "plans",
        "free_text",
        "ordinary",
        "24431221",
    ),
    (
        "Kontaktperson i hjemmetjenesten",
        "contacts",
        "free_text",
        "ordinary",
        "34432331",
    ),
    ("Sist oppdatert og kilde", "other", "date", "ordinary", "33442333"),
    (
        "Rusmiddelbruk",
        "risk",
        "free_text",
        "strictly_confidential",
        "21322343",
    ),
    ("Psykisk helse", "clinical", "free_text", "sensitive", "32332443"),
];

const CONTEXTS: [(&str, &str); 8] = [
    (
        "Sykepleier på sengeposten skriver utskrivningsrapport",
        "Samler det hjemmetjenesten trenger før pasienten reiser",
    ),
    (
        "Tildelingskontoret vurderer tjenester",
        "Bestemmer hvilke tjenester pasienten skal få og hvor ofte",
    ),
    (
        "Hjemmesykepleierens første besøk på utreisedagen",
        "Går gjennom legemidler, stell og avtaler med pasienten hjemme",
    ),
    (
        "Kveldsbesøk av helsefagarbeider",
        "Hjelper med kveldsstell og legemidler, ofte alene og uten sykepleier tilgjengelig",
    ),
    (
        "Fastlegen avstemmer legemidler med multidoseapoteket",
        "Sørger for at multidosen stemmer med endringene fra sykehuset",
    ),
    (
        "Innleggelse på korttidsavdeling",
        "Tar imot pasienten for opptrening før hjemreise",
    ),
    (
        "Reinnleggelse på sykehuset",
        "Ser hva som skjedde siden forrige utskrivning",
    ),
    (
        "Pasienten kommer til legevakten",
        "Vurderer pasienten uten å kjenne historikken",
    ),
];

/// Where fields are kept and who keeps them (map elements by their keys in
/// the demo's map): field, source of truth, other systems that keep it too,
/// keeper, how fresh it must be. The rest were proposed without, as people
/// do at first; the page flags them.
const KEPT: [(usize, &str, &[&str], &str, &str); 14] = [
    (
        0,
        "hospital_record",
        &["municipal_record"],
        "",
        "Fra Folkeregisteret ved hver kontakt",
    ),
    (
        1,
        "core_record",
        &["hospital_record", "municipal_record"],
        "",
        "Ved bytte av fastlege",
    ),
    (
        5,
        "hospital_record",
        &["municipal_record"],
        "ward_nurse",
        "Oppdatert på utskrivningsdagen",
    ),
    (
        6,
        "core_record",
        &["hospital_record", "municipal_record"],
        "gp",
        "Samstemt på utskrivningsdagen",
    ),
    (7, "hospital_record", &[], "ward_nurse", "Samme dag som endringen"),
    (8, "municipal_record", &[], "home_nurse", "Før første dose hjemme"),
    (9, "core_record", &["hospital_record", "municipal_record"], "", ""),
    (12, "municipal_record", &["hospital_record"], "home_nurse", ""),
    (
        17,
        "hospital_record",
        &[],
        "ward_nurse",
        "Oppdatert på utskrivningsdagen",
    ),
    (20, "hospital_record", &[], "coordinator", ""),
    (22, "municipal_record", &[], "home_nurse", ""),
    (
        24,
        "hospital_record",
        &[],
        "coordinator",
        "Samme dag som pasienten meldes utskrivningsklar",
    ),
    (25, "municipal_record", &[], "", "Før utskrivning"),
    (26, "municipal_record", &[], "home_nurse", "Ved endring"),
];

/// Who rates (the people of the demo, by their key), with which profession
/// and which contexts (by index above).
const RATERS: [(&str, Profession, &[usize]); 12] = [
    ("kari", Profession::Nurse, &[0, 2, 6, 7]),
    ("ahmed", Profession::Nurse, &[2, 3, 1]),
    ("bente", Profession::Nurse, &[2, 3, 5]),
    ("ola", Profession::Physician, &[0, 4, 6, 7, 2]),
    ("lars", Profession::Physician, &[4, 7, 2, 3]),
    ("ingrid", Profession::Coordinator, &[1, 0, 5, 2]),
    ("tor", Profession::Coordinator, &[1, 5, 2]),
    ("lead", Profession::Coordinator, &[1, 4, 0]),
    ("jonas", Profession::CareWorker, &[3, 2, 5]),
    ("mona", Profession::CareWorker, &[3, 5, 2]),
    ("eva", Profession::Therapist, &[2, 5, 1, 3]),
    ("siri", Profession::Designer, &[2, 3, 0]),
];

/// Where a profession sees a field differently from the rest: physicians
/// want treatment limits everywhere and care less for nursing problems,
/// care workers alone in the evening want to know about substance use and
/// the key box but not the diagnoses, coordinators want the discharge-ready
/// time, and so on.
fn leaning(profession: Profession, field: usize) -> i32 {
    use Profession::*;
    match (profession, field) {
        (Physician, 11) => 2,
        (Physician, 5) | (CareWorker, 4) => -2,
        (Physician, 22) | (CareWorker, 3) | (Nurse, 28) | (Designer, 28) | (Designer, 11) => -1,
        (CareWorker, 11) | (CareWorker, 22) => 1,
        (CareWorker, 28) | (Coordinator, 24) => 2,
        (Nurse, 7) | (Coordinator, 25) => 1,
        (Therapist, 12) | (Therapist, 13) | (Therapist, 19) => 1,
        _ => 0,
    }
}

/// A little of everyone's own judgement, the same on every load.
fn nudge(rater: usize, field: usize, context: usize) -> Option<i32> {
    let h = (rater * 7919 + field * 104_729 + context * 1_299_709) % 23;
    match h {
        0 => None, // not rated (yet)
        1 | 2 => Some(-1),
        3 | 4 => Some(1),
        _ => Some(0),
    }
}

const REASONS: [(&str, usize, usize, &str); 5] = [
    (
        "jonas",
        11,
        3,
        "Jeg er alene på kveldsvakt og må vite hva som er avtalt hvis noe skjer",
    ),
    (
        "siri",
        11,
        3,
        "Så sensitivt at det bør ligge hos sykepleier, ikke i kveldslisten",
    ),
    ("ola", 11, 7, "Legevakten må vite dette med en gang"),
    ("mona", 28, 3, "Viktig for vår egen sikkerhet i hjemmet"),
    ("ahmed", 22, 3, "Uten nøkkelboks kommer vi ikke inn"),
];

pub async fn load(
    trail: &Trail,
    project_id: &str,
    people: &HashMap<&str, String>,
    elements: &HashMap<&'static str, String>,
) -> AppResult<(Vec<String>, Vec<String>)> {
    let submit = |actor: &str, command: Command| {
        let actor = people.get(actor).cloned().unwrap_or_default();
        let trail = trail.clone();
        let project_id = project_id.to_owned();
        async move {
            trail
                .submit(Append {
                    project_id,
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
    let proposed_id = |events: Vec<app::features::Event>| match events.first().map(|e| &e.change) {
        Some(Entry::Change(Change::Fields(FieldsChange::FieldProposed { field_id: id, .. })))
        | Some(Entry::Change(Change::Fields(FieldsChange::ContextProposed { context_id: id, .. }))) => {
            id.clone()
        }
        _ => String::new(),
    };
    let mut field_ids = Vec::new();
    for (i, (name, group, data_type, sensitivity, _)) in FIELDS.iter().enumerate() {
        let proposer = ["kari", "ahmed", "ola", "ingrid"][i % 4];
        let element = |key: &str| elements.get(key).cloned().unwrap_or_default();
        let mut details = FieldInput {
            name: (*name).into(),
            group: (*group).into(),
            data_type: (*data_type).into(),
            sensitivity: (*sensitivity).into(),
            ..FieldInput::default()
        };
        if let Some((_, source, also, keeper, freshness)) = KEPT.iter().find(|k| k.0 == i) {
            details.source = element(source);
            details.also_kept_in = also.iter().map(|k| element(k)).collect();
            details.keeper = element(keeper);
            details.freshness = (*freshness).into();
        }
        let events = submit(
            proposer,
            Command::ProposeField {
                details,
                reason: String::new(),
            },
        )
        .await?;
        field_ids.push(proposed_id(events));
    }
    let mut context_ids = Vec::new();
    for (name, doing) in CONTEXTS {
        let details = ContextInput {
            name: name.into(),
            doing: doing.into(),
            ..ContextInput::default()
        };
        let events = submit(
            "ingrid",
            Command::ProposeContext {
                details,
                reason: String::new(),
            },
        )
        .await?;
        context_ids.push(proposed_id(events));
    }

    // Many people rating at once, as in a workshop: the writer commits them
    // in groups.
    let mut ratings = tokio::task::JoinSet::new();
    for (r, (who, profession, contexts)) in RATERS.iter().enumerate() {
        for &c in *contexts {
            for (f, field) in FIELDS.iter().enumerate() {
                let Some(nudge) = nudge(r, f, c) else { continue };
                let base = i32::from(field.4.as_bytes()[c] - b'0');
                let score = (base + leaning(*profession, f) + nudge).clamp(1, 4);
                let rating = ["should_not_be_shown", "not_needed", "useful", "essential"][score as usize - 1];
                let reason = REASONS
                    .iter()
                    .find(|(by, rf, rc, _)| by == who && *rf == f && *rc == c)
                    .map(|(_, _, _, reason)| (*reason).to_owned())
                    .unwrap_or_default();
                let command = Command::RateCell {
                    field_id: field_ids[f].clone(),
                    context_id: context_ids[c].clone(),
                    rating: rating.into(),
                    reason,
                    profession: Some(*profession),
                };
                ratings.spawn(submit(who, command));
            }
        }
    }
    while let Some(done) = ratings.join_next().await {
        done.map_err(|_| app::error::AppError::Internal)??;
    }
    Ok((field_ids, context_ids))
}
