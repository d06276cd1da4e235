//! The anonymous rounds' words, in bokmål and English.

use super::slice::RoundsWhat;
use crate::i18n::Lang;

pub struct RoundsTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub start: &'static str,
    pub contexts_to_rate: &'static str,
    pub running: &'static str,
    pub rate_in_round: &'static str,
    pub close: &'static str,
    pub close_hint: &'static str,
    pub hidden_while_running: &'static str,
    pub your_ballots: fn(usize, usize) -> String,
    pub counted: &'static str,
    pub closed_round: fn(usize, usize) -> String,
    pub results_of: &'static str,
    pub open_results: &'static str,
    pub too_few: fn(usize) -> String,
    pub others: &'static str,
    pub all: &'static str,
    pub reasons: &'static str,
    pub no_ballots: &'static str,
}

pub fn rounds_texts(lang: Lang) -> &'static RoundsTexts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

pub static NB: RoundsTexts = RoundsTexts {
    title: "Anonyme runder",
    intro: "I en anonym runde vurderer alle uten navn. Mens runden pågår ser ingen, heller ikke fasilitatoren, hvem som vurderte hva eller noe resultat. Når runden er avsluttet vises resultatet uten navn, og en yrkesgruppe med færre enn tre vurderinger vises ikke for seg.",
    start: "Start en anonym runde",
    contexts_to_rate: "Brukssituasjoner som skal vurderes",
    running: "En anonym runde pågår:",
    rate_in_round: "Vurder i runden",
    close: "Avslutt runden og vis resultatet",
    close_hint: "Vurderinger som kommer etter at runden er avsluttet, tas ikke med.",
    hidden_while_running: "Resultatet vises når runden er avsluttet.",
    your_ballots: |n, of| format!("Du har vurdert {n} av {of}. Bare du ser dine egne vurderinger."),
    counted: "Tatt med i runden.",
    closed_round: |people, ballots| format!("{people} deltok, {ballots} vurderinger"),
    results_of: "Resultat av runden",
    open_results: "Vis resultatet",
    too_few: |n| format!("for få vurderinger (n = {n})"),
    others: "Andre yrkesgrupper samlet",
    all: "Alle",
    reasons: "Begrunnelser",
    no_ballots: "Ingen vurderinger i runden.",
};

pub static EN: RoundsTexts = RoundsTexts {
    title: "Anonymous rounds",
    intro: "In an anonymous round everyone rates without names. While it runs, nobody, the facilitator included, sees who rated what or any result. Once it closes, the results show without names, and a profession with fewer than three ratings is not shown apart.",
    start: "Start an anonymous round",
    contexts_to_rate: "Contexts of use to rate",
    running: "An anonymous round is running:",
    rate_in_round: "Rate in the round",
    close: "Close the round and show the results",
    close_hint: "Ratings sent after the round closes are not counted.",
    hidden_while_running: "The results show once the round closes.",
    your_ballots: |n, of| format!("You have rated {n} of {of}. Only you see your own ratings."),
    counted: "Counted in the round.",
    closed_round: |people, ballots| format!("{people} took part, {ballots} ratings"),
    results_of: "Results of the round",
    open_results: "Show the results",
    too_few: |n| format!("too few ratings (n = {n})"),
    others: "Other professions together",
    all: "Everyone",
    reasons: "Reasons",
    no_ballots: "No ratings in the round.",
};

// How this feature's events read in the history (`Slice::say` and
// `Slice::kind_label` match on the language). Functions, not texts of the
// tables above: a table is in every page's code with every function it
// names, and only the history reads these (README, "Delivery").

pub(super) fn what_nb(w: &RoundsWhat) -> String {
    match w {
        RoundsWhat::Started { contexts } => {
            format!("startet en anonym runde om {contexts} brukssituasjon(er)")
        }
        RoundsWhat::Closed {
            participants,
            ballots,
        } => {
            format!("avsluttet en anonym runde: {participants} deltok, {ballots} vurderinger")
        }
    }
}

pub(super) fn what_en(w: &RoundsWhat) -> String {
    match w {
        RoundsWhat::Started { contexts } => {
            format!("started an anonymous round on {contexts} context(s) of use")
        }
        RoundsWhat::Closed {
            participants,
            ballots,
        } => {
            format!("closed an anonymous round: {participants} took part, {ballots} ratings")
        }
    }
}

pub(super) fn event_kinds_nb(k: &str) -> Option<&'static str> {
    Some(match k {
        "round_started" => "anonym runde startet",
        "round_closed" => "anonym runde avsluttet",
        _ => return None,
    })
}

pub(super) fn event_kinds_en(k: &str) -> Option<&'static str> {
    Some(match k {
        "round_started" => "anonymous round started",
        "round_closed" => "anonymous round closed",
        _ => return None,
    })
}
