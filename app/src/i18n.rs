//! Every visible string in Norwegian bokmål and English.
//!
//! The texts are two values of one struct, so a string that exists in one
//! language and not the other does not compile. The language is chosen per
//! request (cookie, then Accept-Language) and the page is rendered in it; the
//! browser reads it back from `<html lang>` so hydration matches.

use crate::error::{AppError, Problem};
use crate::people::{Profession, Role};
use crate::projects::slice::ProjectWhat;
use crate::trail::history::Field;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

crate::read_json!(define
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    Nb,
    En,
});

pub const LANG_COOKIE: &str = "samspill_lang";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language the browser likes best among the two we have.
    /// No header at all means bokmål (our users are in Norway); a header that
    /// names neither means English.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::Nb;
        };
        let mut best: Option<(f32, usize, Lang)> = None;
        for (pos, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::from_code(primary) else {
                continue;
            };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            // Higher q wins; at equal q the earlier entry wins.
            let better = match best {
                None => true,
                Some((bq, bpos, _)) => q > bq || (q == bq && pos < bpos),
            };
            if better {
                best = Some((q, pos, lang));
            }
        }
        best.map(|(_, _, l)| l).unwrap_or(Lang::En)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nb => &NB,
            Lang::En => &EN,
        }
    }
}

/// The language of the current request (server) or page (browser).
mod problems;

pub fn current_lang() -> Lang {
    if let Some(lang) = use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    {
        if let Some(parts) = use_context::<http::request::Parts>() {
            return lang_of_request(&parts.headers);
        }
    }
    #[cfg(feature = "hydrate")]
    {
        if let Some(code) = leptos::prelude::document()
            .document_element()
            .and_then(|el| el.get_attribute("lang"))
        {
            if let Some(lang) = Lang::from_code(&code) {
                return lang;
            }
        }
    }
    Lang::Nb
}

#[cfg(feature = "ssr")]
pub fn lang_of_request(headers: &http::HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .and_then(|(_, v)| Lang::from_code(v));
    from_cookie.unwrap_or_else(|| {
        Lang::negotiate(
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    })
}

pub fn use_texts() -> &'static Texts {
    current_lang().texts()
}

pub struct Texts {
    pub skip_to_content: &'static str,
    pub tagline: &'static str,
    pub intro: &'static str,
    pub intro_points: [&'static str; 4],
    pub main_navigation: &'static str,
    /// The navigation between a project's pages.
    pub project_navigation: &'static str,
    pub nav_projects: &'static str,
    pub sign_in: &'static str,
    pub sign_up: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub language: &'static str,
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,

    pub email: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub display_name: &'static str,
    pub sign_in_title: &'static str,
    pub sign_up_title: &'static str,
    pub no_account: &'static str,
    pub have_account: &'static str,
    pub create_account: &'static str,

    pub my_projects_title: &'static str,
    pub no_projects: &'static str,
    pub new_project_title: &'static str,
    pub project_name: &'static str,
    pub purpose: &'static str,
    pub your_profession: &'static str,
    pub choose: &'static str,
    pub create_project: &'static str,
    pub join_with_code_title: &'static str,
    pub invite_code: &'static str,
    pub go_to_invite: &'static str,

    pub your_role: &'static str,
    pub members_title: &'static str,
    pub member_name: &'static str,
    pub member_role: &'static str,
    pub member_profession: &'static str,
    pub observer_notice: &'static str,
    pub project_settings_title: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub change_role_of: &'static str,
    pub change_role: &'static str,
    pub my_profession_title: &'static str,
    pub invites_title: &'static str,
    pub invite_role: &'static str,
    pub create_invite: &'static str,
    pub invite_link: &'static str,
    pub invite_valid_until: &'static str,
    pub invite_help: &'static str,

    pub join_title: &'static str,
    pub join_invited_as: &'static str,
    /// What someone with a role may do, said before they join.
    pub role_can: fn(Role) -> &'static str,
    pub join_sign_in_first: &'static str,
    pub join_button: &'static str,

    pub live_on: &'static str,
    pub live_reconnecting: &'static str,
    pub live_ended: &'static str,
    pub history_title: &'static str,
    pub filter_kind: &'static str,
    pub filter_person: &'static str,
    pub filter_workshop: &'static str,
    pub filter_from: &'static str,
    pub filter_to: &'static str,
    pub all: &'static str,
    pub show: &'static str,
    pub history_count: fn(usize, usize) -> String,
    pub compare: &'static str,
    pub compare_title: &'static str,
    pub version_from: &'static str,
    pub version_to: &'static str,
    pub no_difference: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub field: &'static str,
    pub fields: fn(Field) -> &'static str,
    /// Kinds of the project's own events and of the core's.
    pub event_kinds: fn(&str) -> Option<&'static str>,
    pub edit: &'static str,
    /// Closes an open editor without saving.
    pub close: &'static str,
    pub project_what: fn(&ProjectWhat) -> String,
    /// The work-system map's texts (`map/texts.rs`).
    pub map: &'static crate::map::texts::MapTexts,
    /// The relevance work's texts (`fields/texts.rs`).
    pub information_fields: &'static crate::fields::texts::FieldsTexts,
    pub rounds: &'static crate::rounds::texts::RoundsTexts,
    pub workshops: &'static crate::workshops::texts::WorkshopsTexts,
    pub decisions: &'static crate::decisions::texts::DecisionsTexts,
    pub tokens: &'static crate::tokens::texts::TokensTexts,
    pub undone: fn(crate::trail::Seq) -> String,
    pub roles: fn(Role) -> &'static str,
    pub professions: fn(Profession) -> &'static str,
    pub problem: fn(Problem) -> &'static str,
    pub error: fn(&AppError) -> &'static str,
    pub conflict: fn(&str, &str, bool) -> String,
}

impl Texts {
    pub fn role(&self, r: Role) -> &'static str {
        (self.roles)(r)
    }
    pub fn profession(&self, p: Profession) -> &'static str {
        (self.professions)(p)
    }
    pub fn error_message(&self, e: &AppError) -> String {
        match e {
            AppError::Invalid(p) => (self.problem)(*p).to_owned(),
            AppError::Conflict(c) => (self.conflict)(&c.by, &c.item, c.removed),
            other => (self.error)(other).to_owned(),
        }
    }
}

pub static NB: Texts = Texts {
    skip_to_content: "Hopp til innhold",
    tagline: "Medvirkning i design av helse- og omsorgstjenester",
    intro: "Samspill samler det klinikere, koordinatorer og designere vet når de designer et nytt digitalt verktøy sammen.",
    intro_points: [
        "Tegn arbeidssystemet dere deler: enheter, roller, IT-systemer, oppgaver og overføringer.",
        "Foreslå hvilke informasjonsfelt som trengs i hvilken brukssituasjon, og se hvor yrkesgruppene er enige og uenige.",
        "Forhandle designbeslutninger med alternativer, argumenter, standpunkt og dissens.",
        "Behold hele beslutningssporet, med historikk som alle kan spole tilbake i.",
    ],
    main_navigation: "Hovedmeny",
    project_navigation: "Prosjektets sider",
    nav_projects: "Mine prosjekter",
    sign_in: "Logg inn",
    sign_up: "Opprett konto",
    sign_out: "Logg ut",
    signed_in_as: "Logget inn som",
    language: "Språk",
    loading: "Laster …",
    not_found_title: "Fant ikke siden",
    not_found_body: "Siden finnes ikke, eller du har ikke tilgang til den.",
    back_home: "Til forsiden",

    email: "E-post",
    password: "Passord",
    password_hint: "Minst 10 tegn. Noen ord etter hverandre er lette å huske og vanskelige å gjette.",
    display_name: "Navn som vises for andre",
    sign_in_title: "Logg inn",
    sign_up_title: "Opprett konto",
    no_account: "Har du ikke konto?",
    have_account: "Har du allerede konto?",
    create_account: "Opprett konto",

    my_projects_title: "Mine prosjekter",
    no_projects: "Du er ikke med i noen prosjekter ennå. Opprett et nytt, eller bli med via en invitasjon.",
    new_project_title: "Nytt prosjekt",
    project_name: "Prosjektnavn",
    purpose: "Formål",
    your_profession: "Ditt yrke / fagbakgrunn",
    choose: "Velg …",
    create_project: "Opprett prosjekt",
    join_with_code_title: "Bli med med en kode",
    invite_code: "Invitasjonskode",
    go_to_invite: "Fortsett",

    your_role: "Din rolle",
    members_title: "Medlemmer",
    member_name: "Navn",
    member_role: "Rolle",
    member_profession: "Yrke",
    observer_notice: "Du er observatør: du kan lese alt, men ikke endre noe.",
    project_settings_title: "Prosjektinnstillinger",
    save: "Lagre",
    saved: "Lagret.",
    change_role_of: "Rolle for",
    change_role: "Endre rolle",
    my_profession_title: "Mitt yrke i prosjektet",
    invites_title: "Inviter",
    invite_role: "Rolle for den som blir med",
    create_invite: "Lag invitasjon",
    invite_link: "Lenke",
    invite_valid_until: "Gyldig til",
    invite_help: "Del lenken eller koden. Den som åpner den, logger inn eller oppretter konto og er med i prosjektet med rollen du valgte.",

    join_title: "Bli med i prosjekt",
    join_invited_as: "Du er invitert som",
    role_can: |r| match r {
        Role::Lead => "Som prosjektleder kan du endre alt, invitere andre og bestemme hvem som har hvilken rolle.",
        Role::Facilitator => "Som fasilitator kan du endre innholdet og lede verksteder.",
        Role::Participant => "Som deltaker kan du tegne og endre kartet, melde utfordringer og si din mening.",
        Role::Observer => "Som observatør kan du lese alt, men ikke endre noe.",
    },
    join_sign_in_first: "Logg inn eller opprett en konto for å bli med.",
    join_button: "Bli med",

    live_on: "Oppdateres live: endringer fra andre vises her med en gang.",
    live_reconnecting: "Mistet forbindelsen. Kobler til igjen …",
    live_ended: "Oppdateringene har stoppet: du er logget ut, eller ikke lenger medlem av prosjektet.",
    history_title: "Historikk",
    filter_kind: "Hva",
    filter_person: "Hvem",
    filter_workshop: "Verksted",
    filter_from: "Fra dato",
    filter_to: "Til dato",
    all: "Alle",
    show: "Vis",
    history_count: |matched, total| format!("{matched} av {total} endringer."),
    compare: "Sammenlign",
    compare_title: "Sammenlign versjoner",
    version_from: "Fra versjon",
    version_to: "Til versjon",
    no_difference: "Ingen forskjell mellom disse versjonene.",
    before: "Før",
    after: "Etter",
    field: "Felt",
    fields: |f| match f {
        Field::Name => "navn",
        Field::Purpose => "formål",
        Field::Description => "beskrivelse",
        Field::Kind => "type",
        Field::Position => "plassering",
        Field::Label => "etikett",
        Field::From => "fra",
        Field::To => "til",
        Field::Text => "tekst",
        Field::On => "gjelder",
    },
    event_kinds: |k| {
        Some(match k {
            "project_described" => "prosjektet beskrevet",
            "undone" => "endring angret",
            _ => return None,
        })
    },
    edit: "Endre",
    close: "Lukk",
    project_what: |w| match w {
        ProjectWhat::ProjectDescribed { name, renamed_from: None } => format!("beskrev prosjektet «{name}»"),
        ProjectWhat::ProjectDescribed { name, renamed_from: Some(from) } if from == name => {
            format!("endret formålet med prosjektet «{name}»")
        }
        ProjectWhat::ProjectDescribed { name, renamed_from: Some(from) } => {
            format!("endret navnet på prosjektet fra «{from}» til «{name}»")
        }
    },
    undone: |of_seq| format!("angret sin endring nr. {of_seq}"),
    map: &crate::map::texts::NB,
    information_fields: &crate::fields::texts::NB,
    rounds: &crate::rounds::texts::NB,
    workshops: &crate::workshops::texts::NB,
    decisions: &crate::decisions::texts::NB,
    tokens: &crate::tokens::texts::NB,
    roles: |r| match r {
        Role::Lead => "prosjektleder",
        Role::Facilitator => "fasilitator",
        Role::Participant => "deltaker",
        Role::Observer => "observatør",
    },
    professions: |p| match p {
        Profession::Clinician => "kliniker",
        Profession::Nurse => "sykepleier",
        Profession::Physician => "lege",
        Profession::Therapist => "terapeut",
        Profession::CareWorker => "helsefagarbeider / omsorgsarbeider",
        Profession::Coordinator => "koordinator",
        Profession::Designer => "designer",
        Profession::Developer => "utvikler",
        Profession::Manager => "leder",
        Profession::PatientRepresentative => "representant for pasient eller pårørende",
        Profession::Other => "annet",
    },
    problem: problems::nb,
    error: |e| match e {
        AppError::NotSignedIn => "Du må logge inn først.",
        AppError::NotFound => "Vi fant ikke det du lette etter.",
        AppError::Forbidden => "Rollen din gir ikke lov til dette.",
        AppError::Invalid(_) => "Noe i skjemaet må rettes.",
        AppError::WrongCredentials => "Feil e-post eller passord.",
        AppError::TooManyAttempts => "For mange mislykkede forsøk. Vent et kvarter og prøv igjen.",
        AppError::Conflict(_) => "Noen andre endret dette i mellomtiden.",
        AppError::Unreachable => "Fikk ikke kontakt med Samspill. Sjekk nettet og prøv igjen.",
        AppError::Internal => "Noe gikk galt hos oss. Ingenting ble endret. Prøv igjen.",
    },
    conflict: |by, item, removed| {
        let did = if removed { "fjernet" } else { "endret" };
        format!("{by} {did} «{item}» mens du holdt på med det. Endringen din ble ikke lagret: se på den nye versjonen og prøv igjen.")
    },
};

pub static EN: Texts = Texts {
    skip_to_content: "Skip to content",
    tagline: "Participatory design for health and care services",
    intro: "Samspill gathers what clinicians, coordinators and designers know when they design a new digital tool together.",
    intro_points: [
        "Map the work system you share: units, roles, IT systems, tasks and hand-overs.",
        "Propose which information fields matter in which context of use, and see where professions agree and disagree.",
        "Negotiate design decisions with options, arguments, positions and dissent.",
        "Keep the whole decision trail, with a history anyone can replay.",
    ],
    main_navigation: "Main navigation",
    project_navigation: "Project pages",
    nav_projects: "My projects",
    sign_in: "Sign in",
    sign_up: "Sign up",
    sign_out: "Sign out",
    signed_in_as: "Signed in as",
    language: "Language",
    loading: "Loading…",
    not_found_title: "Page not found",
    not_found_body: "This page does not exist, or you do not have access to it.",
    back_home: "Go to the front page",

    email: "Email",
    password: "Password",
    password_hint: "At least 10 characters. A few words in a row are easy to remember and hard to guess.",
    display_name: "Name shown to others",
    sign_in_title: "Sign in",
    sign_up_title: "Create an account",
    no_account: "No account yet?",
    have_account: "Already have an account?",
    create_account: "Create account",

    my_projects_title: "My projects",
    no_projects: "You are not in any project yet. Create one, or join with an invite.",
    new_project_title: "New project",
    project_name: "Project name",
    purpose: "Purpose",
    your_profession: "Your profession",
    choose: "Choose…",
    create_project: "Create project",
    join_with_code_title: "Join with a code",
    invite_code: "Invite code",
    go_to_invite: "Continue",

    your_role: "Your role",
    members_title: "Members",
    member_name: "Name",
    member_role: "Role",
    member_profession: "Profession",
    observer_notice: "You are an observer: you can read everything but change nothing.",
    project_settings_title: "Project settings",
    save: "Save",
    saved: "Saved.",
    change_role_of: "Role of",
    change_role: "Change role",
    my_profession_title: "My profession in this project",
    invites_title: "Invite",
    invite_role: "Role of the person who joins",
    create_invite: "Create invite",
    invite_link: "Link",
    invite_valid_until: "Valid until",
    invite_help: "Share the link or the code. Whoever opens it signs in or creates an account and joins the project with the role you chose.",

    join_title: "Join a project",
    join_invited_as: "You are invited as",
    role_can: |r| match r {
        Role::Lead => "As a lead you can change everything, invite others and decide who has which role.",
        Role::Facilitator => "As a facilitator you can change the content and run workshops.",
        Role::Participant => "As a participant you can draw and change the map, raise pain points and give your view.",
        Role::Observer => "As an observer you can read everything but change nothing.",
    },
    join_sign_in_first: "Sign in or create an account to join.",
    join_button: "Join",

    live_on: "Live: changes by others appear here at once.",
    live_reconnecting: "Connection lost. Reconnecting…",
    live_ended: "Updates have stopped: you are signed out, or no longer a member of this project.",
    history_title: "History",
    filter_kind: "What",
    filter_person: "Who",
    filter_workshop: "Workshop",
    filter_from: "From date",
    filter_to: "To date",
    all: "All",
    show: "Show",
    history_count: |matched, total| format!("{matched} of {total} changes."),
    compare: "Compare",
    compare_title: "Compare versions",
    version_from: "From version",
    version_to: "To version",
    no_difference: "No difference between these versions.",
    before: "Before",
    after: "After",
    field: "Field",
    fields: |f| match f {
        Field::Name => "name",
        Field::Purpose => "purpose",
        Field::Description => "description",
        Field::Kind => "kind",
        Field::Position => "position",
        Field::Label => "label",
        Field::From => "from",
        Field::To => "to",
        Field::Text => "text",
        Field::On => "about",
    },
    event_kinds: |k| {
        Some(match k {
            "project_described" => "project described",
            "undone" => "change undone",
            _ => return None,
        })
    },
    edit: "Edit",
    close: "Close",
    project_what: |w| match w {
        ProjectWhat::ProjectDescribed { name, renamed_from: None } => format!("described the project “{name}”"),
        ProjectWhat::ProjectDescribed { name, renamed_from: Some(from) } if from == name => {
            format!("changed the purpose of the project “{name}”")
        }
        ProjectWhat::ProjectDescribed { name, renamed_from: Some(from) } => {
            format!("renamed the project from “{from}” to “{name}”")
        }
    },
    undone: |of_seq| format!("undid their change #{of_seq}"),
    map: &crate::map::texts::EN,
    information_fields: &crate::fields::texts::EN,
    rounds: &crate::rounds::texts::EN,
    workshops: &crate::workshops::texts::EN,
    decisions: &crate::decisions::texts::EN,
    tokens: &crate::tokens::texts::EN,
    roles: |r| match r {
        Role::Lead => "lead",
        Role::Facilitator => "facilitator",
        Role::Participant => "participant",
        Role::Observer => "observer",
    },
    professions: |p| match p {
        Profession::Clinician => "clinician",
        Profession::Nurse => "nurse",
        Profession::Physician => "physician",
        Profession::Therapist => "therapist",
        Profession::CareWorker => "care worker",
        Profession::Coordinator => "coordinator",
        Profession::Designer => "designer",
        Profession::Developer => "developer",
        Profession::Manager => "manager",
        Profession::PatientRepresentative => "patient or next-of-kin representative",
        Profession::Other => "other",
    },
    problem: problems::en,
    error: |e| match e {
        AppError::NotSignedIn => "Please sign in first.",
        AppError::NotFound => "We could not find what you were looking for.",
        AppError::Forbidden => "Your role does not allow this.",
        AppError::Invalid(_) => "Something in the form needs fixing.",
        AppError::WrongCredentials => "Wrong email or password.",
        AppError::TooManyAttempts => "Too many failed attempts. Wait a quarter of an hour and try again.",
        AppError::Conflict(_) => "Someone else changed this meanwhile.",
        AppError::Unreachable => "Could not reach Samspill. Check your connection and try again.",
        AppError::Internal => "Something went wrong on our side. Nothing was changed. Try again.",
    },
    conflict: |by, item, removed| {
        let did = if removed { "removed" } else { "changed" };
        format!("{by} {did} “{item}” while you were working on it. Your change was not saved: look at the new version and try again.")
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_supported_language() {
        assert_eq!(Lang::negotiate(Some("nb-NO,nb;q=0.9,en;q=0.5")), Lang::Nb);
        assert_eq!(Lang::negotiate(Some("en-US,en;q=0.9,nb;q=0.8")), Lang::En);
        assert_eq!(Lang::negotiate(Some("de-DE,de;q=0.9,no;q=0.4")), Lang::Nb);
        assert_eq!(Lang::negotiate(Some("nn-NO")), Lang::Nb);
        assert_eq!(Lang::negotiate(Some("en;q=0.3,nb;q=0.7")), Lang::Nb);
        assert_eq!(Lang::negotiate(Some("nb;q=0,en")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr-FR")), Lang::En);
        assert_eq!(Lang::negotiate(None), Lang::Nb);
    }

    #[test]
    fn every_error_has_a_distinct_message_in_both_languages() {
        let errors = [
            AppError::NotSignedIn,
            AppError::NotFound,
            AppError::Forbidden,
            AppError::WrongCredentials,
            AppError::TooManyAttempts,
            AppError::Unreachable,
            AppError::Internal,
        ];
        for e in &errors {
            assert_ne!(NB.error_message(e), EN.error_message(e), "{e:?}");
        }
        assert_ne!(
            NB.error_message(&AppError::Invalid(Problem::PasswordTooShort)),
            EN.error_message(&AppError::Invalid(Problem::PasswordTooShort))
        );
    }
}
