//! Reading and writing the sheets (server only: the `csv` crate stays out
//! of the browser's code).

use super::*;
use crate::features::ProjectState;
use crate::fields::commands::{check_context, check_field, ContextInput, FieldInput, REASON_MAX_CHARS};
use crate::fields::model::{DataType, FieldGroup, Moment, Sensitivity};
use crate::fields::texts::{fields_texts, EN, NB};
use crate::i18n::Lang;
use crate::map::model::{ElementKind, LinkKind};
use crate::map::slice::MapSlice;
use crate::text::free_text;
use sha2::{Digest, Sha256};

/// What a hand-over is called in a sheet: its ends.
fn hand_over_name(map: &MapSlice, link_id: &str) -> String {
    let name = |id: &str| map.elements.get(id).map(|e| e.name.clone()).unwrap_or_default();
    match map.links.get(link_id) {
        Some(l) => format!("{} → {}", name(&l.from), name(&l.to)),
        None => String::new(),
    }
}

/// The project's fields or contexts (not the retired ones) as a CSV
/// file in `lang`: semicolons in bokmål, as a Norwegian spreadsheet
/// program expects, commas in English; a byte-order mark, so that it
/// opens as UTF-8.
/// A spreadsheet in memory, separated as a spreadsheet program in that
/// language expects (Norwegian ones take `,` as the decimal mark).
pub fn sheet_writer(lang: Lang) -> csv::Writer<Vec<u8>> {
    let delimiter = match lang {
        Lang::Nb => b';',
        Lang::En => b',',
    };
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new())
}

pub fn export(state: &ProjectState, sheet: Sheet, lang: Lang) -> String {
    let f = fields_texts(lang);
    let map = &state.map;
    let element = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| map.elements.get(id))
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    let mut out = sheet_writer(lang);
    let headings: Vec<&str> = sheet.columns().iter().map(|c| c.heading(sheet, f)).collect();
    let mut rows: Vec<Vec<String>> = vec![headings.iter().map(|h| h.to_string()).collect()];
    match sheet {
        Sheet::Fields => {
            let mut fields: Vec<_> = state.fields.active_fields().collect();
            fields.sort_by(|a, b| a.group().cmp(&b.group()).then(a.name().cmp(b.name())));
            for x in fields {
                let d = &x.details;
                let also: Vec<String> = d
                    .also_kept_in
                    .iter()
                    .map(|id| element(&Some(id.clone())))
                    .collect();
                rows.push(vec![
                    d.name.clone(),
                    d.definition.clone(),
                    d.example.clone(),
                    d.data_type.map(f.data_types).unwrap_or_default().to_owned(),
                    d.group.map(f.groups).unwrap_or_default().to_owned(),
                    element(&d.source),
                    also.join("; "),
                    element(&d.keeper),
                    d.freshness.clone(),
                    d.sensitivity.map(f.sensitivities).unwrap_or_default().to_owned(),
                    x.reason.clone(),
                ]);
            }
        }
        Sheet::Contexts => {
            for x in state.fields.active_contexts() {
                let d = &x.details;
                rows.push(vec![
                    d.name.clone(),
                    element(&d.role),
                    element(&d.unit),
                    d.hand_over
                        .as_ref()
                        .map(|id| hand_over_name(map, id))
                        .unwrap_or_default(),
                    d.moment.map(f.moments).unwrap_or_default().to_owned(),
                    d.doing.clone(),
                    x.reason.clone(),
                ]);
            }
        }
    }
    for row in rows {
        // Writing to memory does not fail.
        let _ = out.write_record(row.iter().map(|v| guard_cell(v)));
    }
    let body = out.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&body))
}

/// A file read for import: its preview, and the rows without problems
/// as proposals (with their reasons).
#[derive(Debug)]
pub struct Parsed {
    pub preview: ImportPreview,
    pub fields: Vec<(FieldInput, String)>,
    pub contexts: Vec<(ContextInput, String)>,
}

fn comparable(s: &str) -> String {
    unguard_cell(s.trim()).trim().to_lowercase()
}

/// The column a heading names, in either language or by its stored
/// name ("data_type").
fn column_named(heading: &str) -> Option<Column> {
    let wanted = comparable(heading);
    [Sheet::Fields, Sheet::Contexts].into_iter().find_map(|sheet| {
        sheet.columns().iter().copied().find(|c| {
            let code = serde_json::to_value(c).ok();
            let code = code.as_ref().and_then(|v| v.as_str()).map(snake_case);
            [&NB, &EN]
                .iter()
                .flat_map(|f| [c.heading(Sheet::Fields, f), c.heading(Sheet::Contexts, f)])
                .any(|h| h.to_lowercase() == wanted)
                || code.is_some_and(|code| code == wanted)
        })
    })
}

fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// What a choice column's values may be: the stored names and the
/// texts of both languages.
fn choices_of(column: Column) -> Option<Vec<(&'static str, [&'static str; 2])>> {
    fn all<T: Copy>(
        values: &[T],
        code: fn(T) -> &'static str,
        text: fn(&FieldsTexts) -> fn(T) -> &'static str,
    ) -> Vec<(&'static str, [&'static str; 2])> {
        values
            .iter()
            .map(|v| (code(*v), [text(&NB)(*v), text(&EN)(*v)]))
            .collect()
    }
    Some(match column {
        Column::DataType => all(DataType::ALL, DataType::as_str, |f| f.data_types),
        Column::Group => all(FieldGroup::ALL, FieldGroup::as_str, |f| f.groups),
        Column::Sensitivity => all(Sensitivity::ALL, Sensitivity::as_str, |f| f.sensitivities),
        Column::Moment => all(Moment::ALL, Moment::as_str, |f| f.moments),
        _ => return None,
    })
}

/// The delimiter the first line uses most: a spreadsheet program saves
/// with commas, semicolons (in Norway) or tabs (when pasted).
fn delimiter(first_line: &str) -> u8 {
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// A choice given in the sheet: its stored name, or `UnknownChoice`.
fn choice(column: Column, value: &str, problems: &mut Vec<RowProblem>) -> String {
    let wanted = comparable(value);
    if wanted.is_empty() {
        return String::new();
    }
    let found = choices_of(column)
        .unwrap_or_default()
        .into_iter()
        .find(|(code, texts)| *code == wanted || texts.iter().any(|t| t.to_lowercase() == wanted));
    match found {
        Some((code, _)) => code.to_owned(),
        None => {
            problems.push(RowProblem::UnknownChoice {
                column,
                value: value.trim().to_owned(),
            });
            String::new()
        }
    }
}

/// Reads `text` against the project as it is now. Refused as a whole
/// only if it is too large or not a sheet of fields or contexts.
pub fn parse(state: &ProjectState, text: &str) -> Result<Parsed, Problem> {
    if text.len() > MAX_BYTES {
        return Err(Problem::ImportTooLarge);
    }
    let digest = hex::encode(Sha256::digest(text.as_bytes()));
    // A form sends its text with CRLF; the reader counts lines by LF
    // only after the CR ended a record, which would put every row one
    // line early.
    let text = text.replace("\r\n", "\n");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first_line = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first_line))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headings = match records.next() {
        Some(Ok(r)) => r,
        _ => return Err(Problem::ImportNotRecognised),
    };
    let columns: Vec<Option<Column>> = headings.iter().map(column_named).collect();
    if !columns.contains(&Some(Column::Name)) {
        return Err(Problem::ImportNotRecognised);
    }
    let only_in = |sheet: Sheet, other: Sheet| {
        columns
            .iter()
            .flatten()
            .any(|c| sheet.columns().contains(c) && !other.columns().contains(c))
    };
    let sheet = if only_in(Sheet::Contexts, Sheet::Fields) {
        Sheet::Contexts
    } else {
        Sheet::Fields
    };
    let ignored_columns = headings
        .iter()
        .zip(&columns)
        .filter(|(_, c)| c.is_none_or(|c| !sheet.columns().contains(&c)))
        .map(|(h, _)| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .collect();
    let mut parsed = Parsed {
        preview: ImportPreview {
            sheet,
            rows: Vec::new(),
            ignored_columns,
            digest,
        },
        fields: Vec::new(),
        contexts: Vec::new(),
    };
    let existing: Vec<String> = match sheet {
        Sheet::Fields => state
            .fields
            .active_fields()
            .map(|f| comparable(f.name()))
            .collect(),
        Sheet::Contexts => state
            .fields
            .active_contexts()
            .map(|c| comparable(c.name()))
            .collect(),
    };
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (n, record) in records.enumerate() {
        // Blank lines produce no record: count the file's lines.
        let line = match &record {
            Ok(r) => r.position().map_or(n + 2, |p| p.line() as usize),
            Err(e) => e.position().map_or(n + 2, |p| p.line() as usize),
        };
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                parsed.preview.rows.push(PreviewRow {
                    line,
                    name: String::new(),
                    problems: vec![RowProblem::Invalid(Problem::Malformed)],
                    not_on_map: Vec::new(),
                });
                continue;
            }
        };
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if parsed.preview.rows.len() == MAX_ROWS {
            return Err(Problem::ImportTooLarge);
        }
        let cell = |wanted: Column| -> String {
            columns
                .iter()
                .position(|c| *c == Some(wanted))
                .and_then(|i| record.get(i))
                .map(|v| unguard_cell(v.trim()).to_owned())
                .unwrap_or_default()
        };
        let mut row = PreviewRow {
            line,
            name: cell(Column::Name),
            problems: Vec::new(),
            not_on_map: Vec::new(),
        };
        let map = &state.map;
        let named = |column: Column, kind: ElementKind, row: &mut PreviewRow| -> String {
            let name = cell(column);
            named_element(map, &name, kind, column, row)
        };
        let reason = cell(Column::Reason);
        if let Err(p) = free_text(&reason, REASON_MAX_CHARS, Problem::TextTooLong) {
            row.problems.push(RowProblem::Invalid(p));
        }
        let checked = match sheet {
            Sheet::Fields => {
                let mut also_kept_in = Vec::new();
                for name in cell(Column::AlsoKeptIn)
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                {
                    let id = named_element(map, name, ElementKind::ItSystem, Column::AlsoKeptIn, &mut row);
                    if !id.is_empty() {
                        also_kept_in.push(id);
                    }
                }
                let input = FieldInput {
                    name: cell(Column::Name),
                    definition: cell(Column::Definition),
                    example: cell(Column::Example),
                    data_type: choice(Column::DataType, &cell(Column::DataType), &mut row.problems),
                    group: choice(Column::Group, &cell(Column::Group), &mut row.problems),
                    source: named(Column::Source, ElementKind::ItSystem, &mut row),
                    also_kept_in,
                    keeper: named(Column::Keeper, ElementKind::Role, &mut row),
                    freshness: cell(Column::Freshness),
                    sensitivity: choice(Column::Sensitivity, &cell(Column::Sensitivity), &mut row.problems),
                };
                check_field(map, &input).map(|_| Row::Field(input))
            }
            Sheet::Contexts => {
                let hand_over = cell(Column::HandOver);
                let hand_over_id = if hand_over.is_empty() {
                    String::new()
                } else {
                    let wanted = comparable(&hand_over.replace("->", "→"));
                    let found = map
                        .links
                        .values()
                        .filter(|l| l.kind == LinkKind::HandOver)
                        .find(|l| comparable(&hand_over_name(map, &l.id)) == wanted);
                    match found {
                        Some(l) => l.id.clone(),
                        None => {
                            row.not_on_map.push((Column::HandOver, hand_over.clone()));
                            String::new()
                        }
                    }
                };
                let input = ContextInput {
                    name: cell(Column::Name),
                    role: named(Column::Who, ElementKind::Role, &mut row),
                    unit: named(Column::Where, ElementKind::Unit, &mut row),
                    hand_over: hand_over_id,
                    moment: choice(Column::Moment, &cell(Column::Moment), &mut row.problems),
                    doing: cell(Column::Doing),
                };
                check_context(map, &input).map(|_| Row::Context(input))
            }
        };
        let key = comparable(&row.name);
        if existing.contains(&key) && !key.is_empty() {
            row.problems.push(RowProblem::AlreadyThere);
        }
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key && !key.is_empty()) {
            row.problems.push(RowProblem::TwiceInFile { line: *first });
        } else {
            seen.push((key, line));
        }
        match checked {
            Err(p) => row.problems.insert(0, RowProblem::Invalid(p)),
            Ok(_) if !row.problems.is_empty() => {}
            Ok(Row::Field(input)) => parsed.fields.push((input, reason)),
            Ok(Row::Context(input)) => parsed.contexts.push((input, reason)),
        }
        parsed.preview.rows.push(row);
    }
    Ok(parsed)
}

enum Row {
    Field(FieldInput),
    Context(ContextInput),
}

/// The id of the map element of `kind` called `name` (any case), or
/// empty, noted in the row, if the map has none.
fn named_element(
    map: &MapSlice,
    name: &str,
    kind: ElementKind,
    column: Column,
    row: &mut PreviewRow,
) -> String {
    if name.is_empty() {
        return String::new();
    }
    let wanted = comparable(name);
    match map
        .elements
        .values()
        .find(|e| e.kind == kind && comparable(&e.name) == wanted)
    {
        Some(e) => e.id.clone(),
        None => {
            row.not_on_map.push((column, name.to_owned()));
            String::new()
        }
    }
}
