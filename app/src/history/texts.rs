//! The history's own words, in both languages (a missing text does not
//! compile).

use crate::i18n::{current_lang, Lang};
use crate::trail::Seq;

pub struct HistoryTexts {
    /// In place of two positions when comparing versions: numbers say
    /// nothing to a person, "moved" does.
    pub moved: &'static str,
    /// "version 12".
    pub version: fn(Seq) -> String,
    /// Version 0, before anything was recorded.
    pub start: &'static str,
    /// For the browser's date format.
    pub locale: &'static str,
    /// The heading of a history of one item.
    pub about: fn(&str) -> String,
    pub all_history: &'static str,
    /// The next page of the history, and the way back to its first.
    pub older: &'static str,
    pub newest: &'static str,
    pub pages: &'static str,
}

pub static NB: HistoryTexts = HistoryTexts {
    moved: "flyttet",
    version: |n| format!("versjon {n}"),
    start: "før første endring",
    locale: "nb-NO",
    about: |name| format!("Historikken til «{name}»"),
    all_history: "Vis hele historikken",
    older: "Eldre endringer →",
    newest: "← De nyeste endringene",
    pages: "Sider i historikken",
};

pub static EN: HistoryTexts = HistoryTexts {
    moved: "moved",
    version: |n| format!("version {n}"),
    start: "before the first change",
    locale: "en-GB",
    about: |name| format!("The history of “{name}”"),
    all_history: "Show the whole history",
    older: "Older changes →",
    newest: "← The newest changes",
    pages: "Pages of the history",
};

pub fn history_texts(lang: Lang) -> &'static HistoryTexts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

pub fn use_history_texts() -> &'static HistoryTexts {
    history_texts(current_lang())
}
