//! The relevance work's texts in bokmål and English. Two values of one
//! struct: a text missing in one language does not compile.

use super::history::{FieldsWhat, Step, Thing};
use super::model::{DataType, FieldGroup, Moment, Rating, Sensitivity};
use crate::i18n::Lang;

pub struct FieldsTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub first_step: &'static str,
    pub matrix_title: &'static str,
    pub matrix_hint: &'static str,
    pub fields_title: &'static str,
    pub contexts_title: &'static str,
    pub field: &'static str,
    pub context: &'static str,
    pub no_fields: &'static str,
    pub no_contexts: &'static str,
    pub propose_field: &'static str,
    pub propose_context: &'static str,
    pub name: &'static str,
    pub definition: &'static str,
    pub example: &'static str,
    pub data_type: &'static str,
    pub group: &'static str,
    pub source: &'static str,
    pub also_kept_in: &'static str,
    pub keeper: &'static str,
    pub freshness: &'static str,
    pub sensitivity: &'static str,
    pub reason: &'static str,
    pub context_name: &'static str,
    pub who: &'static str,
    pub where_: &'static str,
    pub hand_over: &'static str,
    pub moment: &'static str,
    pub doing: &'static str,
    pub none: &'static str,
    pub rate: &'static str,
    pub rate_context: fn(&str) -> String,
    pub rating_progress: fn(usize, usize) -> String,
    pub all_rated: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub your_rating: &'static str,
    pub reason_optional: &'static str,
    pub withdraw_rating: &'static str,
    pub cell_title: fn(&str, &str) -> String,
    pub ratings_count: fn(usize) -> String,
    pub too_few: fn(u32) -> String,
    pub consensus: &'static str,
    pub disagreement: &'static str,
    pub disagreement_between: fn(&str, &str) -> String,
    pub needed_by_all: &'static str,
    pub left_out: &'static str,
    pub no_profession: &'static str,
    pub reasons: &'static str,
    /// The link from a cell to its history: every rating given there.
    pub cell_history: &'static str,
    pub legend: &'static str,
    pub disagreement_mark: &'static str,
    pub sort: &'static str,
    pub sort_by_group: &'static str,
    pub sort_by_disagreement: &'static str,
    pub sort_by_consensus: &'static str,
    pub sort_by_needed: &'static str,
    pub profession_filter: &'static str,
    pub all_professions: &'static str,
    pub show: &'static str,
    pub most_disagreement: &'static str,
    pub broad_agreement: &'static str,
    pub nothing_yet: &'static str,
    pub view_as: &'static str,
    pub view_as_title: fn(&str) -> String,
    pub view_as_hint: &'static str,
    pub not_to_be_shown: &'static str,
    pub kept_twice: &'static str,
    /// The list of a system's flags on the map.
    pub field_flags: &'static str,
    pub may_go_stale: &'static str,
    pub retire: &'static str,
    /// After "Merge “X”": what the chosen field is to X.
    pub merge_into: &'static str,
    pub merge: &'static str,
    pub restore: &'static str,
    pub retired_title: &'static str,
    pub proposed_by: &'static str,
    pub close: &'static str,
    pub look_back: &'static str,
    pub version: &'static str,
    /// "The matrix as it was at version 120".
    pub as_it_was: fn(i64) -> String,
    pub back_to_now: &'static str,
    pub spreadsheet_title: &'static str,
    pub spreadsheet_link: &'static str,
    pub back_to_fields: &'static str,
    pub download_title: &'static str,
    pub download_hint: &'static str,
    pub download_fields: &'static str,
    pub download_contexts: &'static str,
    pub import_title: &'static str,
    pub import_hint: &'static str,
    pub choose_file: &'static str,
    pub paste_label: &'static str,
    pub preview: &'static str,
    pub preview_title: &'static str,
    pub preview_summary: fn(usize, usize) -> String,
    pub ignored_columns: &'static str,
    pub row: &'static str,
    pub row_check: &'static str,
    pub row_ok: &'static str,
    pub row_left_out: &'static str,
    pub import_rows: fn(usize) -> String,
    pub discard: &'static str,
    /// A column's heading and the value in it.
    pub unknown_choice: fn(&str, &str) -> String,
    pub already_there: &'static str,
    pub twice_in_file: fn(usize) -> String,
    pub not_on_map: fn(&str, &str) -> String,
    pub data_types: fn(DataType) -> &'static str,
    pub groups: fn(FieldGroup) -> &'static str,
    pub sensitivities: fn(Sensitivity) -> &'static str,
    pub moments: fn(Moment) -> &'static str,
    pub ratings: fn(Rating) -> &'static str,
}

pub fn fields_texts(lang: Lang) -> &'static FieldsTexts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

pub static NB: FieldsTexts = FieldsTexts {
    title: "Informasjonsfelt",
    intro: "Foreslå hvilken informasjon som trengs i hvilken brukssituasjon, vurder hver kombinasjon, og se hvor yrkesgruppene er enige og uenige.",
    first_step: "Start med å foreslå et informasjonsfelt (for eksempel «Allergier / CAVE») og en brukssituasjon (for eksempel «Hjemmesykepleiens første besøk»). Så kan alle vurdere dem.",
    matrix_title: "Relevansmatrise",
    matrix_hint: "Hver rute viser midtverdien av vurderingene (4 = nødvendig … 1 = skal ikke vises). ≠ betyr at yrkesgruppene er uenige. Velg en rute for å se vurderingene og gi din egen.",
    fields_title: "Informasjonsfelt",
    contexts_title: "Brukssituasjoner",
    field: "Informasjonsfelt",
    context: "Brukssituasjon",
    no_fields: "Ingen informasjonsfelt ennå.",
    no_contexts: "Ingen brukssituasjoner ennå.",
    propose_field: "Foreslå informasjonsfelt",
    propose_context: "Foreslå brukssituasjon",
    name: "Navn",
    definition: "Definisjon",
    example: "Eksempel på verdi",
    data_type: "Datatype",
    group: "Gruppe",
    source: "Kilde (IT-system som eier opplysningen)",
    also_kept_in: "Føres også i",
    keeper: "Holdes oppdatert av (rolle)",
    freshness: "Hvor fersk må den være",
    sensitivity: "Sensitivitet",
    reason: "Begrunnelse",
    context_name: "Navn på situasjonen",
    who: "Hvem (rolle)",
    where_: "Hvor (enhet)",
    hand_over: "Når (overføring)",
    moment: "Før, under eller etter overføringen",
    doing: "Hva de gjør",
    none: "Ingen",
    rate: "Vurder",
    rate_context: |c| format!("Vurder felt for «{c}»"),
    rating_progress: |done, all| format!("{done} av {all} vurdert"),
    all_rated: "Du har vurdert alle feltene i denne situasjonen.",
    previous: "Forrige",
    next: "Neste",
    your_rating: "Din vurdering",
    reason_optional: "Kort begrunnelse (valgfritt)",
    withdraw_rating: "Trekk vurderingen",
    cell_title: |f, c| format!("«{f}» i «{c}»"),
    ratings_count: |n| format!("{n} vurderinger"),
    too_few: |n| format!("for få vurderinger (n = {n})"),
    consensus: "Enighet",
    disagreement: "Uenighet mellom yrkesgrupper",
    disagreement_between: |a, b| format!("mest mellom {a} og {b}"),
    needed_by_all: "Trengs av alle",
    left_out: "Bare én vurdering, ikke med i sammenligningen",
    no_profession: "Uten yrke",
    reasons: "Begrunnelser",
    cell_history: "Alle vurderinger av ruten, også tidligere (historikk)",
    legend: "Forklaring",
    disagreement_mark: "yrkesgruppene er uenige (Δ ≥ 0,5)",
    sort: "Sorter",
    sort_by_group: "etter gruppe",
    sort_by_disagreement: "etter uenighet",
    sort_by_consensus: "etter enighet",
    sort_by_needed: "etter «trengs av alle»",
    profession_filter: "Vis vurderingene til",
    all_professions: "alle yrker",
    show: "Vis",
    most_disagreement: "Mest uenighet",
    broad_agreement: "Bred enighet",
    nothing_yet: "Ingenting ennå.",
    view_as: "Se som",
    view_as_title: |c| format!("Det som vises i «{c}»"),
    view_as_hint: "Feltene i rekkefølge etter vurdering. Sensitive felt er merket, og felt som ikke skal vises er flagget.",
    not_to_be_shown: "skal ikke vises her",
    kept_twice: "føres i flere systemer (dobbeltdokumentasjon)",
    field_flags: "Informasjonsfelt med varsel",
    may_go_stale: "mangler ansvarlig eller krav til ferskhet",
    retire: "Trekk tilbake",
    merge_into: "med",
    merge: "Slå sammen",
    restore: "Ta i bruk igjen",
    retired_title: "Trukket tilbake",
    proposed_by: "Foreslått av",
    close: "Lukk",
    look_back: "Se matrisen slik den var",
    version: "Versjon",
    as_it_was: |n| format!("Du ser informasjonsfeltene og matrisen slik de var etter versjon {n}"),
    back_to_now: "Tilbake til nå",
    spreadsheet_title: "Regneark (CSV)",
    spreadsheet_link: "Last ned eller hent inn som regneark (CSV)",
    back_to_fields: "Tilbake til informasjonsfeltene",
    download_title: "Last ned",
    download_hint: "Feltene og situasjonene som er i bruk, med semikolon mellom kolonnene, slik norske regnearkprogrammer venter. Kart-elementer er oppgitt med navn.",
    download_fields: "Informasjonsfelt (CSV)",
    download_contexts: "Brukssituasjoner (CSV)",
    import_title: "Hent inn fra regneark",
    import_hint: "Første rad må ha kolonnenavnene fra en nedlasting (på norsk eller engelsk). Du ser hver rad og hva som er galt før noe lagres, og hele innhentingen kan angres i ett steg.",
    choose_file: "Velg en fil",
    paste_label: "eller lim inn innholdet i filen",
    preview: "Se gjennom",
    preview_title: "Gjennomgang",
    preview_summary: |ok, all| format!("{ok} av {all} rader kan hentes inn. Rader med feil blir ikke med."),
    ignored_columns: "Kolonner som ikke blir med",
    row: "Rad",
    row_check: "Kontroll",
    row_ok: "Blir med",
    row_left_out: "Blir ikke med",
    import_rows: |n| format!("Hent inn {n} rader"),
    discard: "Forkast filen",
    unknown_choice: |column, value| format!("{column}: «{value}» er ikke et av alternativene"),
    already_there: "Finnes allerede i prosjektet",
    twice_in_file: |line| format!("Samme navn som rad {line}"),
    not_on_map: |column, name| format!("{column}: «{name}» finnes ikke på kartet og blir stående tom"),
    data_types: |d| match d {
        DataType::FreeText => "fritekst",
        DataType::Coded => "kodet",
        DataType::Number => "tall",
        DataType::Date => "dato",
        DataType::List => "liste",
    },
    groups: |g| match g {
        FieldGroup::Identity => "Identitet",
        FieldGroup::Contacts => "Kontakter",
        FieldGroup::Medication => "Legemidler",
        FieldGroup::Function => "Funksjon",
        FieldGroup::Risk => "Risiko",
        FieldGroup::Clinical => "Klinisk",
        FieldGroup::Social => "Sosialt",
        FieldGroup::Plans => "Planer",
        FieldGroup::Other => "Annet",
    },
    sensitivities: |s| match s {
        Sensitivity::Ordinary => "vanlig",
        Sensitivity::Sensitive => "sensitiv",
        Sensitivity::StrictlyConfidential => "strengt fortrolig",
    },
    moments: |m| match m {
        Moment::Before => "før",
        Moment::On => "under",
        Moment::After => "etter",
    },
    ratings: |r| match r {
        Rating::Essential => "nødvendig",
        Rating::Useful => "nyttig",
        Rating::NotNeeded => "ikke nødvendig",
        Rating::ShouldNotBeShown => "skal ikke vises",
    },
};

pub static EN: FieldsTexts = FieldsTexts {
    title: "Information fields",
    intro: "Propose which information is needed in which context of use, rate each pair, and see where professions agree and disagree.",
    first_step: "Start by proposing an information field (for example “Allergies / CAVE”) and a context of use (for example “Home-care nurse's first visit”). Then everyone can rate them.",
    matrix_title: "Relevance matrix",
    matrix_hint: "Each cell shows the middle rating (4 = essential … 1 = should not be shown). ≠ means the professions disagree. Choose a cell to see its ratings and give yours.",
    fields_title: "Information fields",
    contexts_title: "Contexts of use",
    field: "Information field",
    context: "Context of use",
    no_fields: "No information fields yet.",
    no_contexts: "No contexts of use yet.",
    propose_field: "Propose an information field",
    propose_context: "Propose a context of use",
    name: "Name",
    definition: "Definition",
    example: "Example value",
    data_type: "Data type",
    group: "Group",
    source: "Source of truth (the IT system that owns it)",
    also_kept_in: "Also kept in",
    keeper: "Kept up to date by (role)",
    freshness: "How fresh it must be",
    sensitivity: "Sensitivity",
    reason: "Reason",
    context_name: "Name of the situation",
    who: "Who (role)",
    where_: "Where (unit)",
    hand_over: "When (hand-over)",
    moment: "Before, on or after the hand-over",
    doing: "What they are doing",
    none: "None",
    rate: "Rate",
    rate_context: |c| format!("Rate fields for “{c}”"),
    rating_progress: |done, all| format!("{done} of {all} rated"),
    all_rated: "You have rated every field in this context.",
    previous: "Previous",
    next: "Next",
    your_rating: "Your rating",
    reason_optional: "Short reason (optional)",
    withdraw_rating: "Withdraw my rating",
    cell_title: |f, c| format!("“{f}” in “{c}”"),
    ratings_count: |n| format!("{n} ratings"),
    too_few: |n| format!("too few ratings (n = {n})"),
    consensus: "Consensus",
    disagreement: "Disagreement between professions",
    disagreement_between: |a, b| format!("most between {a} and {b}"),
    needed_by_all: "Needed by all",
    left_out: "Only one rating, left out of the comparison",
    no_profession: "No profession",
    reasons: "Reasons",
    cell_history: "Every rating of this cell, earlier ones too (history)",
    legend: "Legend",
    disagreement_mark: "the professions disagree (Δ ≥ 0.5)",
    sort: "Sort",
    sort_by_group: "by group",
    sort_by_disagreement: "by disagreement",
    sort_by_consensus: "by consensus",
    sort_by_needed: "by “needed by all”",
    profession_filter: "Show the ratings of",
    all_professions: "all professions",
    show: "Show",
    most_disagreement: "Most disagreement",
    broad_agreement: "Broad agreement",
    nothing_yet: "Nothing yet.",
    view_as: "View as",
    view_as_title: |c| format!("What is shown in “{c}”"),
    view_as_hint: "The fields in order of rating. Sensitive fields are marked, and fields that should not be shown are flagged.",
    not_to_be_shown: "should not be shown here",
    kept_twice: "kept in several systems (double documentation)",
    field_flags: "Information fields flagged",
    may_go_stale: "no keeper or freshness set",
    retire: "Retire",
    merge_into: "into",
    merge: "Merge",
    restore: "Restore",
    retired_title: "Retired",
    proposed_by: "Proposed by",
    close: "Close",
    look_back: "See the matrix as it was",
    version: "Version",
    as_it_was: |n| format!("You are looking at the fields and the matrix as they were after version {n}"),
    back_to_now: "Back to now",
    spreadsheet_title: "Spreadsheet (CSV)",
    spreadsheet_link: "Download or import as a spreadsheet (CSV)",
    back_to_fields: "Back to the information fields",
    download_title: "Download",
    download_hint: "The fields and contexts in use, comma-separated. Map elements are given by name.",
    download_fields: "Information fields (CSV)",
    download_contexts: "Contexts of use (CSV)",
    import_title: "Import from a spreadsheet",
    import_hint: "The first row must have the column names of a download (in English or Norwegian). You see each row and what is wrong with it before anything is saved, and the whole import can be undone in one step.",
    choose_file: "Choose a file",
    paste_label: "or paste the file's contents",
    preview: "Preview",
    preview_title: "Preview",
    preview_summary: |ok, all| format!("{ok} of {all} rows can be imported. Rows with errors are left out."),
    ignored_columns: "Columns left out",
    row: "Row",
    row_check: "Check",
    row_ok: "Imported",
    row_left_out: "Left out",
    import_rows: |n| format!("Import {n} rows"),
    discard: "Discard the file",
    unknown_choice: |column, value| format!("{column}: “{value}” is not one of the options"),
    already_there: "Already in this project",
    twice_in_file: |line| format!("Same name as row {line}"),
    not_on_map: |column, name| format!("{column}: “{name}” is not on the map and is left empty"),
    data_types: |d| match d {
        DataType::FreeText => "free text",
        DataType::Coded => "coded",
        DataType::Number => "number",
        DataType::Date => "date",
        DataType::List => "list",
    },
    groups: |g| match g {
        FieldGroup::Identity => "Identity",
        FieldGroup::Contacts => "Contacts",
        FieldGroup::Medication => "Medication",
        FieldGroup::Function => "Function",
        FieldGroup::Risk => "Risk",
        FieldGroup::Clinical => "Clinical",
        FieldGroup::Social => "Social",
        FieldGroup::Plans => "Plans",
        FieldGroup::Other => "Other",
    },
    sensitivities: |s| match s {
        Sensitivity::Ordinary => "ordinary",
        Sensitivity::Sensitive => "sensitive",
        Sensitivity::StrictlyConfidential => "strictly confidential",
    },
    moments: |m| match m {
        Moment::Before => "before",
        Moment::On => "on",
        Moment::After => "after",
    },
    ratings: |r| match r {
        Rating::Essential => "essential",
        Rating::Useful => "useful",
        Rating::NotNeeded => "not needed",
        Rating::ShouldNotBeShown => "should not be shown",
    },
};

// How this feature's events read in the history (`Slice::say` and
// `Slice::kind_label` match on the language). Functions, not texts of the
// tables above: a table is in every page's code with every function it
// names, and only the history reads these (README, "Delivery").

pub(super) fn what_nb(w: &FieldsWhat) -> String {
    match w {
        FieldsWhat::Item {
            thing,
            step,
            name,
            renamed_from,
        } => {
            let what = match thing {
                Thing::Field => "informasjonsfeltet",
                Thing::Context => "brukssituasjonen",
            };
            match (step, renamed_from) {
                (Step::Proposed, _) => format!("foreslo {what} «{name}»"),
                (Step::Edited, Some(old)) => format!("ga {what} «{old}» nytt navn: «{name}»"),
                (Step::Edited, None) => format!("endret {what} «{name}»"),
                (Step::Retired, _) => format!("trakk tilbake {what} «{name}»"),
                (Step::Restored, _) => format!("tok i bruk igjen {what} «{name}»"),
                (Step::Withdrawn, _) => format!("angret forslaget om {what} «{name}»"),
            }
        }
        FieldsWhat::Rated {
            field,
            context,
            rating,
            profession,
            before,
        } => {
            let as_who = profession
                .map(|p| format!(" ({})", (crate::i18n::NB.professions)(p)))
                .unwrap_or_default();
            let was = before
                .filter(|b| b != rating)
                .map(|b| format!(", før {}", (NB.ratings)(b)))
                .unwrap_or_default();
            format!(
                "vurderte «{field}» som {} for «{context}»{was}{as_who}",
                (NB.ratings)(*rating)
            )
        }
        FieldsWhat::RatingWithdrawn { field, context } => {
            format!("trakk vurderingen av «{field}» for «{context}»")
        }
        FieldsWhat::Merged { kept, merged, .. } => format!("slo sammen «{merged}» med «{kept}»"),
        FieldsWhat::MergeTakenBack { kept, merged, .. } => {
            format!("angret sammenslåingen av «{merged}» med «{kept}»")
        }
        FieldsWhat::Imported {
            fields,
            contexts,
            taken_back,
        } => {
            let situations = |c: &usize| match c {
                1 => "1 brukssituasjon".to_owned(),
                c => format!("{c} brukssituasjoner"),
            };
            let what = match (fields, contexts) {
                (f, 0) => format!("{f} informasjonsfelt"),
                (0, c) => situations(c),
                (f, c) => format!("{f} informasjonsfelt og {}", situations(c)),
            };
            match taken_back {
                false => format!("hentet inn {what} fra et regneark"),
                true => format!("angret innhentingen av {what} fra et regneark"),
            }
        }
    }
}

pub(super) fn what_en(w: &FieldsWhat) -> String {
    match w {
        FieldsWhat::Item {
            thing,
            step,
            name,
            renamed_from,
        } => {
            let what = match thing {
                Thing::Field => "the information field",
                Thing::Context => "the context of use",
            };
            match (step, renamed_from) {
                (Step::Proposed, _) => format!("proposed {what} “{name}”"),
                (Step::Edited, Some(old)) => format!("renamed {what} “{old}” to “{name}”"),
                (Step::Edited, None) => format!("changed {what} “{name}”"),
                (Step::Retired, _) => format!("retired {what} “{name}”"),
                (Step::Restored, _) => format!("restored {what} “{name}”"),
                (Step::Withdrawn, _) => format!("took back the proposal of {what} “{name}”"),
            }
        }
        FieldsWhat::Rated {
            field,
            context,
            rating,
            profession,
            before,
        } => {
            let as_who = profession
                .map(|p| format!(" ({})", (crate::i18n::EN.professions)(p)))
                .unwrap_or_default();
            let was = before
                .filter(|b| b != rating)
                .map(|b| format!(", was {}", (EN.ratings)(b)))
                .unwrap_or_default();
            format!(
                "rated “{field}” {} for “{context}”{was}{as_who}",
                (EN.ratings)(*rating)
            )
        }
        FieldsWhat::RatingWithdrawn { field, context } => {
            format!("withdrew their rating of “{field}” for “{context}”")
        }
        FieldsWhat::Merged { kept, merged, .. } => format!("merged “{merged}” into “{kept}”"),
        FieldsWhat::MergeTakenBack { kept, merged, .. } => {
            format!("took back the merge of “{merged}” into “{kept}”")
        }
        FieldsWhat::Imported {
            fields,
            contexts,
            taken_back,
        } => {
            let plural =
                |n: &usize, one: &str, many: &str| format!("{n} {}", if *n == 1 { one } else { many });
            let what = match (fields, contexts) {
                (f, 0) => plural(f, "information field", "information fields"),
                (0, c) => plural(c, "context of use", "contexts of use"),
                (f, c) => format!(
                    "{} and {}",
                    plural(f, "information field", "information fields"),
                    plural(c, "context of use", "contexts of use")
                ),
            };
            match taken_back {
                false => format!("imported {what} from a spreadsheet"),
                true => format!("took back the import of {what} from a spreadsheet"),
            }
        }
    }
}

pub(super) fn event_kinds_nb(k: &str) -> Option<&'static str> {
    Some(match k {
        "field_proposed" => "informasjonsfelt foreslått",
        "field_edited" => "informasjonsfelt endret",
        "field_retired" => "informasjonsfelt trukket tilbake",
        "field_restored" => "informasjonsfelt tatt i bruk igjen",
        "field_withdrawn" => "forslag om informasjonsfelt angret",
        "context_proposed" => "brukssituasjon foreslått",
        "context_edited" => "brukssituasjon endret",
        "context_retired" => "brukssituasjon trukket tilbake",
        "context_restored" => "brukssituasjon tatt i bruk igjen",
        "context_withdrawn" => "forslag om brukssituasjon angret",
        "cell_rated" => "vurdering",
        "rating_withdrawn" => "vurdering trukket",
        "fields_merged" => "informasjonsfelt slått sammen",
        "merge_taken_back" => "sammenslåing angret",
        "contexts_merged" => "brukssituasjoner slått sammen",
        "context_merge_taken_back" => "sammenslåing av brukssituasjoner angret",
        "imported" => "hentet inn fra regneark",
        "import_taken_back" => "innhenting angret",
        _ => return None,
    })
}

pub(super) fn event_kinds_en(k: &str) -> Option<&'static str> {
    Some(match k {
        "field_proposed" => "information field proposed",
        "field_edited" => "information field changed",
        "field_retired" => "information field retired",
        "field_restored" => "information field restored",
        "field_withdrawn" => "information field proposal taken back",
        "context_proposed" => "context of use proposed",
        "context_edited" => "context of use changed",
        "context_retired" => "context of use retired",
        "context_restored" => "context of use restored",
        "context_withdrawn" => "context of use proposal taken back",
        "cell_rated" => "rating",
        "rating_withdrawn" => "rating withdrawn",
        "fields_merged" => "information fields merged",
        "merge_taken_back" => "merge taken back",
        "contexts_merged" => "contexts of use merged",
        "context_merge_taken_back" => "merge of contexts taken back",
        "imported" => "imported from a spreadsheet",
        "import_taken_back" => "import taken back",
        _ => return None,
    })
}
