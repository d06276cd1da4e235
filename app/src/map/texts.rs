//! The map's texts in bokmål and English. Two values of one struct: a text
//! missing in one language does not compile.

use super::history::MapWhat;
use super::model::{Channel, ElementKind, LinkKind, Timing};
use crate::i18n::{current_lang, Lang};

pub struct MapTexts {
    pub map_title: &'static str,
    pub map_intro: &'static str,
    pub create_map: &'static str,
    pub map_name: &'static str,
    pub first_map_name: &'static str,
    /// What to do first in a project with no map yet.
    pub first_step: &'static str,
    pub no_elements: &'static str,
    pub add_element: &'static str,
    pub element_kind: &'static str,
    pub element_name: &'static str,
    pub remove: &'static str,
    pub elements_title: &'static str,
    pub links_title: &'static str,
    pub no_links: &'static str,
    pub description: &'static str,
    pub add_to_map: &'static str,
    pub pain_points: &'static str,
    /// How many pain points an element has, as the drawing names it.
    pub pain_count: fn(usize) -> String,
    pub raise_pain_point: &'static str,
    pub pain_point_text: &'static str,
    pub pain_point_examples: &'static str,
    pub add_link: &'static str,
    pub link_from: &'static str,
    pub link_to: &'static str,
    pub link_kind: &'static str,
    pub link_label: &'static str,
    pub channel: &'static str,
    pub message_type: &'static str,
    pub timing: &'static str,
    pub none: &'static str,
    pub undo: &'static str,
    pub canvas_label: &'static str,
    pub canvas_tools: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_fit: &'static str,
    pub connect: &'static str,
    /// Lays the map out in columns that follow the hand-overs.
    pub arrange: &'static str,
    pub arrange_label: &'static str,
    pub connect_hint: &'static str,
    pub legend: &'static str,
    pub selected_title: &'static str,
    /// In the selection, when the element's editor is open in the list.
    pub edited_below: &'static str,
    pub look_back: &'static str,
    pub look_back_hint: &'static str,
    pub version: &'static str,
    pub diff_added: &'static str,
    pub diff_changed: &'static str,
    pub diff_removed: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub download_json: &'static str,
    pub undo_hint: &'static str,
    pub channels: fn(Channel) -> &'static str,
    pub timings: fn(Timing) -> &'static str,
    pub element_kinds: fn(ElementKind) -> &'static str,
    pub link_kinds: fn(LinkKind) -> &'static str,
}

impl MapTexts {
    pub fn element_kind(&self, k: ElementKind) -> &'static str {
        (self.element_kinds)(k)
    }
}

pub fn map_texts(lang: Lang) -> &'static MapTexts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

pub fn use_map_texts() -> &'static MapTexts {
    map_texts(current_lang())
}

pub static NB: MapTexts = MapTexts {
    map_title: "Arbeidssystemkart",
    map_intro: "Hvem arbeider hvor, hvilke systemer de bruker, og hvor pasienter og informasjon overføres.",
    create_map: "Lag kart",
    map_name: "Navn på kartet",
    first_map_name: "I dag",
    first_step: "Begynn med kartet over hvordan det er i dag: lag kartet, og legg så til enhetene, rollene og IT-systemene som er med når en pasient skrives ut.",
    no_elements: "Ingen elementer ennå.",
    add_element: "Legg til",
    element_kind: "Type",
    element_name: "Navn",
    remove: "Fjern",
    elements_title: "Elementer",
    links_title: "Koblinger",
    no_links: "Ingen koblinger ennå.",
    description: "Beskrivelse",
    add_to_map: "Legg til i kartet",
    pain_points: "Utfordringer",
    pain_count: |n| match n {
        1 => "1 utfordring".into(),
        n => format!("{n} utfordringer"),
    },
    raise_pain_point: "Meld utfordring",
    pain_point_text: "Utfordring",
    pain_point_examples: "For eksempel «ikke oppdatert», «dobbeltdokumentasjon», «mangler tilgang».",
    add_link: "Legg til kobling",
    link_from: "Fra",
    link_to: "Til",
    link_kind: "Type kobling",
    link_label: "Etikett",
    channel: "Kanal",
    message_type: "Meldingstype",
    timing: "Når",
    none: "Ikke oppgitt",
    undo: "Angre min siste endring",
    canvas_label: "tegning. Klikk eller trykk Enter for å velge et element, piltastene flytter det. Det samme kartet står som lister under.",
    canvas_tools: "Verktøy for kartet",
    zoom_in: "Zoom inn",
    zoom_out: "Zoom ut",
    zoom_fit: "Vis alt",
    connect: "Koble til …",
    arrange: "Ordne",
    arrange_label: "Ordne kartet: elementene i kolonner etter overføringene (kan angres)",
    connect_hint: "Velg elementet du vil koble til fra",
    legend: "Tegnforklaring",
    selected_title: "Valgt",
    edited_below: "Endres i listen under",
    look_back: "Se kartet slik det var",
    look_back_hint: "Velg en versjon og trykk Vis. Det som er lagt til, endret og fjernet siden, blir markert.",
    version: "Versjon",
    diff_added: "lagt til siden",
    diff_changed: "endret siden",
    diff_removed: "fjernet siden",
    download_svg: "Last ned SVG",
    download_png: "Last ned PNG",
    download_json: "Last ned JSON",
    undo_hint: "Angring blir en ny endring i historikken; ingenting slettes.",
    channels: |c| match c {
        Channel::ElectronicMessage => "elektronisk melding",
        Channel::Phone => "telefon",
        Channel::Paper => "papir",
        Channel::InPerson => "muntlig, ansikt til ansikt",
    },
    timings: |t| match t {
        Timing::BeforeDischarge => "før utskrivning",
        Timing::OnDischarge => "ved utskrivning",
        Timing::AfterDischarge => "etter utskrivning",
    },
    element_kinds: |k| match k {
        ElementKind::Unit => "enhet/tjeneste",
        ElementKind::Role => "rolle",
        ElementKind::ItSystem => "IT-system",
        ElementKind::Task => "oppgave",
        ElementKind::Artefact => "dokument",
    },
    link_kinds: |k| match k {
        LinkKind::HandOver => "overføring",
        LinkKind::InformationFlow => "informasjonsflyt",
        LinkKind::Uses => "bruker",
        LinkKind::BelongsTo => "tilhører",
        LinkKind::Other => "annet",
    },
};

pub static EN: MapTexts = MapTexts {
    map_title: "Work-system map",
    map_intro: "Who works where, which systems they use, and where patients and information are handed over.",
    create_map: "Create map",
    map_name: "Name of the map",
    first_map_name: "Today",
    first_step: "Start with a map of how it is today: create the map, then add the units, roles and IT systems involved when a patient is discharged.",
    no_elements: "No elements yet.",
    add_element: "Add",
    element_kind: "Kind",
    element_name: "Name",
    remove: "Remove",
    elements_title: "Elements",
    links_title: "Links",
    no_links: "No links yet.",
    description: "Description",
    add_to_map: "Add to the map",
    pain_points: "Pain points",
    pain_count: |n| match n {
        1 => "1 pain point".into(),
        n => format!("{n} pain points"),
    },
    raise_pain_point: "Raise a pain point",
    pain_point_text: "Pain point",
    pain_point_examples: "For example “not up to date”, “double documentation”, “no access”.",
    add_link: "Add link",
    link_from: "From",
    link_to: "To",
    link_kind: "Kind of link",
    link_label: "Label",
    channel: "Channel",
    message_type: "Message type",
    timing: "When",
    none: "Not given",
    undo: "Undo my last change",
    canvas_label: "drawing. Click or press Enter to select an element; the arrow keys move it. The same map is listed below.",
    canvas_tools: "Map tools",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom_fit: "Show all",
    connect: "Connect to…",
    arrange: "Arrange",
    arrange_label: "Arrange the map: elements in columns following the hand-overs (can be undone)",
    connect_hint: "Now choose the element to connect to from",
    legend: "Legend",
    selected_title: "Selected",
    edited_below: "Being edited in the list below",
    look_back: "See the map as it was",
    look_back_hint: "Choose a version and press Show. What has been added, changed and removed since is marked.",
    version: "Version",
    diff_added: "added since",
    diff_changed: "changed since",
    diff_removed: "removed since",
    download_svg: "Download SVG",
    download_png: "Download PNG",
    download_json: "Download JSON",
    undo_hint: "Undoing is a new change in the history; nothing is deleted.",
    channels: |c| match c {
        Channel::ElectronicMessage => "electronic message",
        Channel::Phone => "phone",
        Channel::Paper => "paper",
        Channel::InPerson => "in person",
    },
    timings: |t| match t {
        Timing::BeforeDischarge => "before discharge",
        Timing::OnDischarge => "on discharge",
        Timing::AfterDischarge => "after discharge",
    },
    element_kinds: |k| match k {
        ElementKind::Unit => "unit/service",
        ElementKind::Role => "role",
        ElementKind::ItSystem => "IT system",
        ElementKind::Task => "task",
        ElementKind::Artefact => "artefact",
    },
    link_kinds: |k| match k {
        LinkKind::HandOver => "hand-over",
        LinkKind::InformationFlow => "information flow",
        LinkKind::Uses => "uses",
        LinkKind::BelongsTo => "belongs to",
        LinkKind::Other => "other",
    },
};

// How this feature's events read in the history (`Slice::say` and
// `Slice::kind_label` match on the language). Functions, not texts of the
// tables above: a table is in every page's code with every function it
// names, and only the history reads these (README, "Delivery").

pub(super) fn what_nb(w: &MapWhat) -> String {
    match w {
        MapWhat::MapCreated { name } => format!("laget kartet «{name}»"),
        MapWhat::ElementAdded { kind, name, map } => {
            format!("la til {} «{name}» i «{map}»", NB.element_kind(*kind))
        }
        MapWhat::ElementEdited { from, to } if from == to => format!("endret beskrivelsen av «{to}»"),
        MapWhat::ElementEdited { from, to } => format!("endret navnet på «{from}» til «{to}»"),
        MapWhat::ElementMoved { name } => format!("flyttet «{name}»"),
        MapWhat::MapArranged { map, count } => format!("ordnet kartet «{map}» ({count} elementer flyttet)"),
        MapWhat::ElementRemoved { name } => format!("fjernet «{name}»"),
        MapWhat::LinkAdded { kind, from, to } => {
            format!("koblet «{from}» til «{to}» ({})", (NB.link_kinds)(*kind))
        }
        MapWhat::LinkRemoved { from, to } => format!("fjernet koblingen fra «{from}» til «{to}»"),
        MapWhat::LinkEdited { from, to } => format!("endret koblingen fra «{from}» til «{to}»"),
        MapWhat::PainPointRaised { text, on } => format!("meldte utfordringen «{text}» på «{on}»"),
        MapWhat::PainPointRemoved { text } => format!("fjernet utfordringen «{text}»"),
    }
}

pub(super) fn what_en(w: &MapWhat) -> String {
    match w {
        MapWhat::MapCreated { name } => format!("created the map “{name}”"),
        MapWhat::ElementAdded { kind, name, map } => {
            format!("added the {} “{name}” to “{map}”", EN.element_kind(*kind))
        }
        MapWhat::ElementEdited { from, to } if from == to => format!("changed the description of “{to}”"),
        MapWhat::ElementEdited { from, to } => format!("renamed “{from}” to “{to}”"),
        MapWhat::ElementMoved { name } => format!("moved “{name}”"),
        MapWhat::MapArranged { map, count } => format!("arranged the map “{map}” ({count} elements moved)"),
        MapWhat::ElementRemoved { name } => format!("removed “{name}”"),
        MapWhat::LinkAdded { kind, from, to } => {
            format!("linked “{from}” to “{to}” ({})", (EN.link_kinds)(*kind))
        }
        MapWhat::LinkRemoved { from, to } => format!("removed the link from “{from}” to “{to}”"),
        MapWhat::LinkEdited { from, to } => format!("changed the link from “{from}” to “{to}”"),
        MapWhat::PainPointRaised { text, on } => format!("raised the pain point “{text}” about “{on}”"),
        MapWhat::PainPointRemoved { text } => format!("removed the pain point “{text}”"),
    }
}

pub(super) fn event_kinds_nb(k: &str) -> Option<&'static str> {
    Some(match k {
        "map_created" => "kart laget",
        "element_added" => "element lagt til",
        "element_edited" => "element endret",
        "element_moved" => "element flyttet",
        "element_removed" => "element fjernet",
        "link_added" => "kobling lagt til",
        "link_removed" => "kobling fjernet",
        "link_edited" => "kobling endret",
        "pain_point_raised" => "utfordring meldt",
        "pain_point_removed" => "utfordring fjernet",
        "elements_arranged" => "kart ordnet",
        _ => return None,
    })
}

pub(super) fn event_kinds_en(k: &str) -> Option<&'static str> {
    Some(match k {
        "map_created" => "map created",
        "element_added" => "element added",
        "element_edited" => "element changed",
        "element_moved" => "element moved",
        "element_removed" => "element removed",
        "link_added" => "link added",
        "link_removed" => "link removed",
        "link_edited" => "link changed",
        "pain_point_raised" => "pain point raised",
        "pain_point_removed" => "pain point removed",
        "elements_arranged" => "map arranged",
        _ => return None,
    })
}
