//! The decisions' words, in bokmål and English.

use super::history::DecisionsWhat;
use super::model::{Side, Stance, Status};
use crate::i18n::Lang;

pub struct DecisionsTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub none_yet: &'static str,
    pub propose: &'static str,
    pub decision_title: &'static str,
    pub problem: &'static str,
    pub options: &'static str,
    pub options_hint: &'static str,
    pub open_now: &'static str,
    pub concerns: &'static str,
    pub filter_status: &'static str,
    pub all: &'static str,
    pub show: &'static str,
    pub counts: fn(usize, usize) -> String,
    pub back: &'static str,
    pub revision: fn(u32) -> String,
    pub for_: &'static str,
    pub against: &'static str,
    pub positions: &'static str,
    pub given_on: fn(u32) -> String,
    pub argue: &'static str,
    pub side: &'static str,
    pub argument: &'static str,
    pub evidence: &'static str,
    pub add_argument: &'static str,
    pub your_position: &'static str,
    pub position_reason: &'static str,
    pub edit: &'static str,
    pub save_revision: &'static str,
    pub reason: &'static str,
    pub open_for_discussion: &'static str,
    pub back_to_draft: &'static str,
    pub defer: &'static str,
    pub close: &'static str,
    pub outcome: &'static str,
    pub all_rejected: &'static str,
    pub rationale: &'static str,
    pub override_reason: &'static str,
    pub close_button: &'static str,
    pub reopen: &'static str,
    pub accepted: &'static str,
    pub dissent: &'static str,
    pub no_dissent: &'static str,
    pub overridden: &'static str,
    pub status_history: &'static str,
    pub take_into_decision: &'static str,
    pub compare: &'static str,
    pub download: &'static str,
    pub filters: &'static str,
    pub search: &'static str,
    pub anything: &'static str,
    pub person: &'static str,
    pub anyone: &'static str,
    pub sort: &'static str,
    pub newest: &'static str,
    pub most_disagreement: &'static str,
    pub disagreeing: fn(usize) -> String,
    pub compare_from: &'static str,
    pub compare_to: &'static str,
    pub compare_button: &'static str,
    pub removed: &'static str,
    pub added: &'static str,
    pub changed_from: &'static str,
    pub changed_to: &'static str,
    /// The log's filter by the workshop a decision changed in.
    pub in_workshop: &'static str,
    pub any_workshop: &'static str,
    pub proposed_label: &'static str,
    pub decided_label: &'static str,
    pub timeline_summary: fn(usize, usize, &str, &str) -> String,
    pub timeline_stretch: fn(&str, &str, usize, usize) -> String,
    pub proposed_on: &'static str,
    pub proposed_by: &'static str,
    pub remaining: &'static str,
    pub download_log: &'static str,
    pub quorum: &'static str,
    pub quorum_none: &'static str,
    pub quorum_missing: fn(&str) -> String,
    pub quorum_met: &'static str,
    pub abstentions: &'static str,
    pub set_quorum: &'static str,
    pub criteria: &'static str,
    pub criteria_hint: &'static str,
    pub reservations_given: &'static str,
    pub evaluate_on: &'static str,
    pub due: fn(&str) -> String,
    pub fingerprint: &'static str,
    pub fingerprint_hint: fn(u64) -> String,
    pub canonical_text: &'static str,
    pub superseded_by: &'static str,
    pub supersedes: &'static str,
    pub supersede: &'static str,
    pub supersede_by: &'static str,
    pub statuses: fn(Status) -> &'static str,
    pub stances: fn(Stance) -> &'static str,
    pub sides: fn(Side) -> &'static str,
}

pub fn decisions_texts(lang: Lang) -> &'static DecisionsTexts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

pub static NB: DecisionsTexts = DecisionsTexts {
    title: "Beslutninger",
    intro: "Forhandle designvalg: alternativer, argumenter for og mot, hver persons standpunkt, og utfallet med begrunnelse og det som fortsatt er uenighet.",
    none_yet: "Ingen beslutninger ennå.",
    propose: "Foreslå en beslutning",
    decision_title: "Hva skal besluttes",
    problem: "Problemet den svarer på",
    options: "Alternativer",
    options_hint: "Ett alternativ per linje.",
    open_now: "Åpne for diskusjon med en gang",
    concerns: "Gjelder",
    filter_status: "Status",
    all: "alle",
    show: "Vis",
    counts: |arguments, positions| format!("{arguments} argumenter, {positions} standpunkter"),
    back: "Alle beslutninger",
    revision: |n| format!("versjon {n} av teksten"),
    for_: "For",
    against: "Mot",
    positions: "Standpunkter",
    given_on: |n| format!("gitt på versjon {n}: bekreft eller endre"),
    argue: "Legg til et argument",
    side: "For eller mot",
    argument: "Argument",
    evidence: "Grunnlag (valgfritt): et smertepunkt, en celle i matrisen, en observasjon",
    add_argument: "Legg til argument",
    your_position: "Ditt standpunkt",
    position_reason: "Begrunnelse (må fylles ut for uenig og blokkerer)",
    edit: "Endre teksten",
    save_revision: "Lagre som ny versjon",
    reason: "Begrunnelse",
    open_for_discussion: "Åpne for diskusjon",
    back_to_draft: "Tilbake til utkast",
    defer: "Utsett",
    close: "Avslutt beslutningen",
    outcome: "Utfall",
    all_rejected: "Alle alternativer forkastet",
    rationale: "Begrunnelse for utfallet",
    override_reason: "Hvorfor beslutningen tas selv om noen blokkerer (bare ved blokkering)",
    close_button: "Avslutt og forsegl",
    reopen: "Åpne igjen",
    accepted: "Valgt",
    dissent: "Uenighet som står igjen",
    no_dissent: "Ingen uenighet sto igjen.",
    overridden: "Tatt til tross for blokkering:",
    status_history: "Statusendringer",
    take_into_decision: "Ta dette inn i en beslutning",
    compare: "Sammenlign versjoner",
    download: "Last ned som Markdown",
    filters: "Finn beslutninger",
    search: "Søk",
    anything: "alt",
    person: "Person",
    anyone: "alle",
    sort: "Rekkefølge",
    newest: "nyeste først",
    most_disagreement: "mest uenighet først",
    disagreeing: |n| format!("{n} uenige eller blokkerer"),
    compare_from: "Fra versjon",
    compare_to: "til versjon",
    compare_button: "Sammenlign",
    removed: "fjernet:",
    added: "lagt til:",
    changed_from: "Endret fra og med",
    changed_to: "til og med",
    in_workshop: "Endret i verkstedet",
    any_workshop: "alle verksteder og ellers",
    proposed_label: "foreslått",
    decided_label: "besluttet",
    timeline_summary: |p, d, from, to| format!("Beslutningene over tid: {p} foreslått og {d} besluttet fra {from} til {to}."),
    timeline_stretch: |from, to, p, d| format!("{from} – {to}: {p} foreslått, {d} besluttet"),
    proposed_on: "Foreslått",
    proposed_by: "Foreslått av",
    remaining: "Uenige eller blokkerer nå",
    download_log: "Last ned alle beslutninger:",
    quorum: "Må være med før beslutningen tas",
    quorum_none: "Ingen krav om hvilke yrkesgrupper som må være med.",
    quorum_missing: |list| format!("Mangler standpunkt fra: {list}."),
    quorum_met: "Alle yrkesgruppene som må være med, har tatt standpunkt.",
    abstentions: "Å avstå teller som å være med, men verken for eller mot.",
    set_quorum: "Lagre kravet",
    criteria: "Evalueres senere",
    criteria_hint: "Ett kriterium per linje, med datoen under.",
    reservations_given: "Forbehold som er gitt:",
    evaluate_on: "Evalueres innen",
    due: |d| format!("innen {d}"),
    fingerprint: "Fingeravtrykk (SHA-256)",
    fingerprint_hint: |seq| format!("Regnet ut av teksten under (UTF-8, uten linjeskift til slutt). Forseglet av hendelse {seq} i historikken."),
    canonical_text: "Teksten fingeravtrykket er regnet ut av",
    superseded_by: "Erstattet av",
    supersedes: "Erstatter",
    supersede: "Erstatt med en annen beslutning",
    supersede_by: "Den nye beslutningen",
    statuses: |s| match s {
        Status::Draft => "utkast",
        Status::Open => "åpen for diskusjon",
        Status::Decided => "besluttet",
        Status::Deferred => "utsatt",
        Status::Superseded => "erstattet",
    },
    stances: |s| match s {
        Stance::Agree => "enig",
        Stance::AgreeWithConcerns => "enig med forbehold",
        Stance::Disagree => "uenig",
        Stance::Block => "blokkerer",
        Stance::Abstain => "avstår",
    },
    sides: |s| match s {
        Side::For => "for",
        Side::Against => "mot",
    },
};

pub static EN: DecisionsTexts = DecisionsTexts {
    title: "Decisions",
    intro: "Negotiate design choices: options, arguments for and against, each person's position, and the outcome with its rationale and the dissent that remains.",
    none_yet: "No decisions yet.",
    propose: "Propose a decision",
    decision_title: "What is to be decided",
    problem: "The problem it answers",
    options: "Options",
    options_hint: "One option per line.",
    open_now: "Open for discussion at once",
    concerns: "Concerns",
    filter_status: "Status",
    all: "all",
    show: "Show",
    counts: |arguments, positions| format!("{arguments} arguments, {positions} positions"),
    back: "All decisions",
    revision: |n| format!("revision {n} of the text"),
    for_: "For",
    against: "Against",
    positions: "Positions",
    given_on: |n| format!("given on revision {n}: confirm or change"),
    argue: "Add an argument",
    side: "For or against",
    argument: "Argument",
    evidence: "Evidence (optional): a pain point, a matrix cell, an observation",
    add_argument: "Add argument",
    your_position: "Your position",
    position_reason: "Reason (required for disagree and block)",
    edit: "Edit the text",
    save_revision: "Save as a new revision",
    reason: "Reason",
    open_for_discussion: "Open for discussion",
    back_to_draft: "Back to draft",
    defer: "Defer",
    close: "Close the decision",
    outcome: "Outcome",
    all_rejected: "All options rejected",
    rationale: "Rationale for the outcome",
    override_reason: "Why the decision is taken although someone blocks (only with a block)",
    close_button: "Close and seal",
    reopen: "Reopen",
    accepted: "Accepted",
    dissent: "Dissent that remains",
    no_dissent: "No dissent remained.",
    overridden: "Taken over a block:",
    status_history: "Status changes",
    take_into_decision: "Take this into a decision",
    compare: "Compare revisions",
    download: "Download as Markdown",
    filters: "Find decisions",
    search: "Search",
    anything: "anything",
    person: "Person",
    anyone: "anyone",
    sort: "Order",
    newest: "newest first",
    most_disagreement: "most disagreement first",
    disagreeing: |n| format!("{n} disagree or block"),
    compare_from: "From revision",
    compare_to: "to revision",
    compare_button: "Compare",
    removed: "removed:",
    added: "added:",
    changed_from: "Changed from",
    changed_to: "up to and including",
    in_workshop: "Changed in the workshop",
    any_workshop: "any workshop or none",
    proposed_label: "proposed",
    decided_label: "decided",
    timeline_summary: |p, d, from, to| format!("Decisions over time: {p} proposed and {d} decided from {from} to {to}."),
    timeline_stretch: |from, to, p, d| format!("{from} – {to}: {p} proposed, {d} decided"),
    proposed_on: "Proposed",
    proposed_by: "Proposed by",
    remaining: "Disagreeing or blocking now",
    download_log: "Download all decisions:",
    quorum: "Must take part before it is decided",
    quorum_none: "No profession is required to take part.",
    quorum_missing: |list| format!("No position yet from: {list}."),
    quorum_met: "Every profession that must take part has taken a position.",
    abstentions: "Abstaining counts as taking part, neither for nor against.",
    set_quorum: "Save",
    criteria: "To evaluate later",
    criteria_hint: "One criterion per line, with the date below.",
    reservations_given: "Reservations given:",
    evaluate_on: "Evaluate by",
    due: |d| format!("by {d}"),
    fingerprint: "Fingerprint (SHA-256)",
    fingerprint_hint: |seq| format!("Computed from the text below (UTF-8, no newline at the end). Sealed by event {seq} in the history."),
    canonical_text: "The text the fingerprint is computed from",
    superseded_by: "Superseded by",
    supersedes: "Supersedes",
    supersede: "Supersede by another decision",
    supersede_by: "The new decision",
    statuses: |s| match s {
        Status::Draft => "draft",
        Status::Open => "open for discussion",
        Status::Decided => "decided",
        Status::Deferred => "deferred",
        Status::Superseded => "superseded",
    },
    stances: |s| match s {
        Stance::Agree => "agree",
        Stance::AgreeWithConcerns => "agree with concerns",
        Stance::Disagree => "disagree",
        Stance::Block => "block",
        Stance::Abstain => "abstain",
    },
    sides: |s| match s {
        Side::For => "for",
        Side::Against => "against",
    },
};

/// ", because: “…”" in English, ", fordi: «…»" in bokmål; nothing
/// without a reason.
fn because(reason: &str, word: &str) -> String {
    let (open, close) = if word == "fordi" {
        ('«', '»')
    } else {
        ('“', '”')
    };
    if reason.is_empty() {
        String::new()
    } else {
        format!(", {word}: {open}{reason}{close}")
    }
}

// How this feature's events read in the history (`Slice::say` and
// `Slice::kind_label` match on the language). Functions, not texts of the
// tables above: a table is in every page's code with every function it
// names, and only the history reads these (README, "Delivery").

pub(super) fn what_nb(w: &DecisionsWhat) -> String {
    match w {
        DecisionsWhat::Proposed { title } => format!("foreslo beslutningen «{title}»"),
        DecisionsWhat::Revised { title, revision } => format!("endret «{title}» (versjon {revision})"),
        DecisionsWhat::StatusChanged {
            title,
            status,
            reason,
        } => {
            format!(
                "satte «{title}» til {}{}",
                (NB.statuses)(*status),
                because(reason, "fordi")
            )
        }
        DecisionsWhat::Argued { title, option, side } => {
            format!("argumenterte {} «{option}» i «{title}»", (NB.sides)(*side))
        }
        DecisionsWhat::PositionTaken {
            title,
            option,
            stance,
            reason,
        } => format!(
            "tok standpunktet «{}» til «{option}» i «{title}»{}",
            (NB.stances)(*stance),
            because(reason, "fordi")
        ),
        DecisionsWhat::Closed {
            title,
            outcome,
            dissent,
        } => match outcome {
            Some(o) => format!("avsluttet «{title}»: valgte «{o}» ({dissent} uenige)"),
            None => format!("avsluttet «{title}»: alle alternativer forkastet"),
        },
        DecisionsWhat::Reopened { title, reason } => {
            format!("åpnet «{title}» igjen{}", because(reason, "fordi"))
        }
        DecisionsWhat::Withdrawn { title } => format!("angret forslaget «{title}»"),
        DecisionsWhat::ArgumentWithdrawn { title } => format!("angret et argument i «{title}»"),
        DecisionsWhat::QuorumSet { title, professions } if professions.is_empty() => {
            format!("fjernet kravet om hvem som må være med i «{title}»")
        }
        DecisionsWhat::QuorumSet { title, professions } => {
            let list: Vec<&str> = professions
                .iter()
                .map(|p| Lang::Nb.texts().profession(*p))
                .collect();
            format!("krevde standpunkt fra {} før «{title}» tas", list.join(", "))
        }
        DecisionsWhat::Superseded { title, by, reason } => {
            format!("erstattet «{title}» med «{by}»{}", because(reason, "fordi"))
        }
    }
}

pub(super) fn what_en(w: &DecisionsWhat) -> String {
    match w {
        DecisionsWhat::Proposed { title } => format!("proposed the decision “{title}”"),
        DecisionsWhat::Revised { title, revision } => format!("edited “{title}” (revision {revision})"),
        DecisionsWhat::StatusChanged {
            title,
            status,
            reason,
        } => {
            format!(
                "set “{title}” to {}{}",
                (EN.statuses)(*status),
                because(reason, "because")
            )
        }
        DecisionsWhat::Argued { title, option, side } => {
            format!("argued {} “{option}” in “{title}”", (EN.sides)(*side))
        }
        DecisionsWhat::PositionTaken {
            title,
            option,
            stance,
            reason,
        } => format!(
            "took the position “{}” on “{option}” in “{title}”{}",
            (EN.stances)(*stance),
            because(reason, "because")
        ),
        DecisionsWhat::Closed {
            title,
            outcome,
            dissent,
        } => match outcome {
            Some(o) => format!("closed “{title}”: accepted “{o}” ({dissent} dissenting)"),
            None => format!("closed “{title}”: all options rejected"),
        },
        DecisionsWhat::Reopened { title, reason } => {
            format!("reopened “{title}”{}", because(reason, "because"))
        }
        DecisionsWhat::Withdrawn { title } => format!("took back the proposal “{title}”"),
        DecisionsWhat::ArgumentWithdrawn { title } => format!("took back an argument in “{title}”"),
        DecisionsWhat::QuorumSet { title, professions } if professions.is_empty() => {
            format!("removed the required professions of “{title}”")
        }
        DecisionsWhat::QuorumSet { title, professions } => {
            let list: Vec<&str> = professions
                .iter()
                .map(|p| Lang::En.texts().profession(*p))
                .collect();
            format!(
                "required positions from {} before “{title}” is decided",
                list.join(", ")
            )
        }
        DecisionsWhat::Superseded { title, by, reason } => {
            format!("superseded “{title}” by “{by}”{}", because(reason, "because"))
        }
    }
}

pub(super) fn event_kinds_nb(k: &str) -> Option<&'static str> {
    Some(match k {
        "decision_proposed" => "beslutning foreslått",
        "decision_revised" => "beslutning endret",
        "decision_status_changed" => "beslutningens status endret",
        "argument_added" => "argument",
        "position_taken" => "standpunkt",
        "decision_closed" => "beslutning tatt",
        "decision_reopened" => "beslutning åpnet igjen",
        "decision_withdrawn" => "forslag om beslutning angret",
        "argument_withdrawn" => "argument angret",
        "quorum_set" => "krav om deltakelse",
        "decision_superseded" => "beslutning erstattet",
        _ => return None,
    })
}

pub(super) fn event_kinds_en(k: &str) -> Option<&'static str> {
    Some(match k {
        "decision_proposed" => "decision proposed",
        "decision_revised" => "decision edited",
        "decision_status_changed" => "decision status changed",
        "argument_added" => "argument",
        "position_taken" => "position",
        "decision_closed" => "decision taken",
        "decision_reopened" => "decision reopened",
        "decision_withdrawn" => "decision proposal taken back",
        "argument_withdrawn" => "argument taken back",
        "quorum_set" => "required professions",
        "decision_superseded" => "decision superseded",
        _ => return None,
    })
}
