//! Information fields and contexts of use as spreadsheets (CSV): exported
//! to edit, keep or reuse in another project; imported after a preview that
//! shows each row's problems and writes nothing.
//!
//! A sheet holds fields or contexts. Its first row names the columns in
//! either language, so a file exported in English imports into a project
//! run in bokmål. Map elements are named, not referenced by id: a name this
//! project's map does not have is left empty, and the preview says so.

use super::texts::FieldsTexts;
use crate::error::Problem;
use serde::{Deserialize, Serialize};

crate::read_json!(define
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sheet {
    Fields,
    Contexts,
});

crate::read_json!(define
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Column {
    Name,
    Definition,
    Example,
    DataType,
    Group,
    Source,
    AlsoKeptIn,
    Keeper,
    Freshness,
    Sensitivity,
    Who,
    Where,
    HandOver,
    Moment,
    Doing,
    Reason,
});

impl Sheet {
    pub fn columns(self) -> &'static [Column] {
        use Column::*;
        match self {
            Sheet::Fields => &[
                Name,
                Definition,
                Example,
                DataType,
                Group,
                Source,
                AlsoKeptIn,
                Keeper,
                Freshness,
                Sensitivity,
                Reason,
            ],
            Sheet::Contexts => &[Name, Who, Where, HandOver, Moment, Doing, Reason],
        }
    }

    /// The file's name in the download, and its address's last part.
    pub fn file_name(self) -> &'static str {
        match self {
            Sheet::Fields => "information-fields.csv",
            Sheet::Contexts => "contexts-of-use.csv",
        }
    }

    pub fn from_file_name(name: &str) -> Option<Sheet> {
        [Sheet::Fields, Sheet::Contexts]
            .into_iter()
            .find(|s| s.file_name() == name)
    }
}

impl Column {
    /// The column's heading in a sheet, as the form names it.
    pub fn heading(self, sheet: Sheet, f: &FieldsTexts) -> &'static str {
        match self {
            Column::Name if sheet == Sheet::Contexts => f.context_name,
            Column::Name => f.name,
            Column::Definition => f.definition,
            Column::Example => f.example,
            Column::DataType => f.data_type,
            Column::Group => f.group,
            Column::Source => f.source,
            Column::AlsoKeptIn => f.also_kept_in,
            Column::Keeper => f.keeper,
            Column::Freshness => f.freshness,
            Column::Sensitivity => f.sensitivity,
            Column::Who => f.who,
            Column::Where => f.where_,
            Column::HandOver => f.hand_over,
            Column::Moment => f.moment,
            Column::Doing => f.doing,
            Column::Reason => f.reason,
        }
    }
}

/// What the preview shows of a file: each row with what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub sheet: Sheet,
    pub rows: Vec<PreviewRow>,
    /// Column names of the first row this import does not know: left out.
    pub ignored_columns: Vec<String>,
    /// Of the file as previewed: importing names it, so that what is
    /// brought in is what the person saw.
    pub digest: String,
}

crate::read_json!(ImportPreview {
    sheet,
    rows,
    ignored_columns,
    digest
});

impl ImportPreview {
    /// Rows without problems: what importing brings in.
    pub fn importable(&self) -> usize {
        self.rows.iter().filter(|r| r.problems.is_empty()).count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// The row's number in the file; the column names are row 1.
    pub line: usize,
    pub name: String,
    pub problems: Vec<RowProblem>,
    /// Map names this project's map does not have: left empty.
    pub not_on_map: Vec<(Column, String)>,
}

crate::read_json!(PreviewRow {
    line,
    name,
    problems,
    not_on_map
});

crate::read_json!(define
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    Invalid(Problem),
    UnknownChoice {
        column: Column,
        value: String,
    },
    /// A field (or context) of that name is in the project already.
    AlreadyThere,
    /// An earlier row has the same name.
    TwiceInFile {
        line: usize,
    },
});

/// At most this much is read: a spreadsheet of a project's fields is a few
/// hundred rows.
pub const MAX_BYTES: usize = 500_000;
pub const MAX_ROWS: usize = 1_000;

/// A spreadsheet program runs a cell that begins with one of these as a
/// formula (OWASP's CSV injection list).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell as exported: a value a spreadsheet would run as a formula gets a
/// `'` before it, and so does one that already begins with `'` and a
/// formula sign or another `'`, so that importing (which then drops one
/// `'`) gives the value back exactly.
pub fn guard_cell(value: &str) -> String {
    let mut chars = value.chars();
    let risky = match chars.next() {
        Some(c) if FORMULA_STARTS.contains(&c) => true,
        Some('\'') => chars
            .next()
            .is_some_and(|c| FORMULA_STARTS.contains(&c) || c == '\''),
        _ => false,
    };
    if risky {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// A cell as imported: the `'` an export put before a formula sign goes.
pub fn unguard_cell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => value,
    }
}

#[cfg(feature = "ssr")]
mod io;
#[cfg(feature = "ssr")]
pub use io::{export, parse, sheet_writer, Parsed};

#[cfg(all(test, feature = "ssr"))]
mod tests;
