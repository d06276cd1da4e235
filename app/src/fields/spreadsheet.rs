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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sheet {
    Fields,
    Contexts,
}

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
}

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
}

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
pub use io::{export, parse, Parsed};

#[cfg(feature = "ssr")]
mod io {
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
    pub fn export(state: &ProjectState, sheet: Sheet, lang: Lang) -> String {
        let f = fields_texts(lang);
        let map = &state.map;
        let element = |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| map.elements.get(id))
                .map(|e| e.name.clone())
                .unwrap_or_default()
        };
        let delimiter = match lang {
            Lang::Nb => b';',
            Lang::En => b',',
        };
        let mut out = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
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
                        let id =
                            named_element(map, name, ElementKind::ItSystem, Column::AlsoKeptIn, &mut row);
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
                        sensitivity: choice(
                            Column::Sensitivity,
                            &cell(Column::Sensitivity),
                            &mut row.problems,
                        ),
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
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::features::{ProjectState, Request};
    use crate::fields::commands::{ContextInput, FieldInput, FieldsCommand};
    use crate::i18n::Lang;
    use crate::map::commands::{LinkDetails, MapCommand};
    use crate::testing::run;

    fn element(kind: &str, name: &str) -> (&'static str, Request) {
        let add = MapCommand::AddElement {
            map_id: "id1".into(),
            kind: kind.into(),
            name: name.into(),
            description: String::new(),
            x: 0,
            y: 0,
        };
        ("kari", Request::Do(add.into()))
    }

    /// A map (Pasientjournal id2, Gerica id3, Sykepleier id4, Sengepost
    /// id5, Hjemmetjenesten id6, a hand-over id7 from 5 to 6) with a field
    /// and a context of use.
    fn project() -> ProjectState {
        let mut steps = vec![
            (
                "kari",
                Request::Do(MapCommand::CreateMap { name: "I dag".into() }.into()),
            ),
            element("it_system", "Pasientjournal"),
            element("it_system", "Gerica"),
            element("role", "Sykepleier"),
            element("unit", "Sengepost"),
            element("unit", "Hjemmetjenesten"),
        ];
        let link = MapCommand::AddLink {
            map_id: "id1".into(),
            from: "id5".into(),
            to: "id6".into(),
            details: LinkDetails {
                kind: "hand_over".into(),
                ..LinkDetails::default()
            },
        };
        steps.push(("kari", Request::Do(link.into())));
        let field = FieldsCommand::ProposeField {
            details: FieldInput {
                name: "Legemiddelliste".into(),
                definition: "Alle legemidler; dose, og tidspunkt\n«slik de gis»".into(),
                example: "=HYPERLINK(\"http://evil.example\")".into(),
                data_type: "list".into(),
                group: "medication".into(),
                source: "id2".into(),
                also_kept_in: vec!["id3".into()],
                keeper: "id4".into(),
                freshness: "Oppdatert på utskrivningsdagen".into(),
                sensitivity: "sensitive".into(),
            },
            reason: "-Må stemme".into(),
        };
        steps.push(("kari", Request::Do(field.into())));
        let context = FieldsCommand::ProposeContext {
            details: ContextInput {
                name: "Første hjemmebesøk".into(),
                role: "id4".into(),
                unit: "id6".into(),
                hand_over: "id7".into(),
                moment: "after".into(),
                doing: "Går gjennom legemidlene".into(),
            },
            reason: String::new(),
        };
        steps.push(("ola", Request::Do(context.into())));
        run(&steps).unwrap()
    }

    fn empty_with_map() -> ProjectState {
        let mut s = project();
        s.content.fields = Default::default();
        s
    }

    #[test]
    fn an_export_imports_into_another_project_as_it_was() {
        let from = project();
        for lang in [Lang::Nb, Lang::En] {
            let into = empty_with_map();
            let fields = parse(&into, &export(&from, Sheet::Fields, lang)).unwrap();
            assert_eq!(fields.preview.sheet, Sheet::Fields);
            assert_eq!(fields.preview.importable(), 1, "{:?}", fields.preview);
            assert!(fields.preview.ignored_columns.is_empty());
            let (input, reason) = &fields.fields[0];
            let was = &from.fields.fields["id8"];
            let details = crate::fields::commands::check_field(&into.map, input).unwrap();
            assert_eq!(&details, &was.details, "{lang:?}");
            assert_eq!(reason, "-Må stemme");
            let contexts = parse(&into, &export(&from, Sheet::Contexts, lang)).unwrap();
            assert_eq!(contexts.preview.sheet, Sheet::Contexts);
            let details = crate::fields::commands::check_context(&into.map, &contexts.contexts[0].0).unwrap();
            assert_eq!(details, from.fields.contexts["id9"].details);
        }
    }

    #[test]
    fn an_export_never_starts_a_cell_with_a_formula_sign() {
        let csv = export(&project(), Sheet::Fields, Lang::En);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert!(csv.contains("'-Må stemme"), "{csv}");
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(FORMULA_STARTS), "{cell}");
            }
        }
        for value in ["=1+1", "'=1+1", "''=1", "plain", "'quoted", "@SUM", ""] {
            assert_eq!(unguard_cell(&guard_cell(value)), value);
        }
    }

    #[test]
    fn each_bad_row_says_what_is_wrong_and_the_rest_still_imports() {
        let s = project();
        let csv =
            "Name;Data type;Source of truth (the IT system that owns it);Kept up to date by (role);Colour\n\
                   Fastlege;coded;Pasientjournal;sykepleier;blue\n\
                   ;number;;;\n\
                   Allergier;tekst;;;\n\
                   legemiddelliste;;;;\n\
                   Fastlege;;Ukjent system;;\n\
                   ;;;;\n\
                   Pårørende;liste;;Lege;\n";
        let parsed = parse(&s, csv).unwrap();
        let p = &parsed.preview;
        assert_eq!(p.ignored_columns, vec!["Colour".to_owned()]);
        let problems: Vec<(usize, &Vec<RowProblem>)> = p.rows.iter().map(|r| (r.line, &r.problems)).collect();
        assert_eq!(
            problems,
            vec![
                (2, &vec![]),
                (3, &vec![RowProblem::Invalid(Problem::NameMissing)]),
                (
                    4,
                    &vec![RowProblem::UnknownChoice {
                        column: Column::DataType,
                        value: "tekst".into()
                    }]
                ),
                (5, &vec![RowProblem::AlreadyThere]),
                (6, &vec![RowProblem::TwiceInFile { line: 2 }]),
                (8, &vec![]),
            ]
        );
        // A name the map does not have is left empty, and said.
        assert_eq!(
            p.rows[4].not_on_map,
            vec![(Column::Source, "Ukjent system".to_owned())]
        );
        assert_eq!(p.rows[5].not_on_map, vec![(Column::Keeper, "Lege".to_owned())]);
        assert_eq!(parsed.fields.len(), 2);
        assert_eq!(parsed.fields[0].0.source, "id2");
        assert_eq!(parsed.fields[0].0.keeper, "id4");
        assert_eq!(parsed.fields[1].0.data_type, "list");
        assert_eq!(p.importable(), 2);
    }

    #[test]
    fn a_file_that_is_not_a_sheet_of_fields_or_contexts_is_refused_whole() {
        let s = project();
        assert_eq!(
            parse(&s, "a,b,c\n1,2,3\n").unwrap_err(),
            Problem::ImportNotRecognised
        );
        assert_eq!(parse(&s, "").unwrap_err(), Problem::ImportNotRecognised);
        let big = format!("Name\n{}", "x\n".repeat(MAX_BYTES / 2));
        assert_eq!(parse(&s, &big).unwrap_err(), Problem::ImportTooLarge);
        let many = format!(
            "Name\n{}",
            (0..=MAX_ROWS).map(|n| format!("Felt {n}\n")).collect::<String>()
        );
        assert_eq!(parse(&s, &many).unwrap_err(), Problem::ImportTooLarge);
        // As a browser's form sends it, with CRLF: rows keep their numbers.
        let sent = parse(&s, "Name\r\nFastlege\r\nFastlege\r\n").unwrap();
        assert_eq!(
            sent.preview.rows[1].problems,
            vec![RowProblem::TwiceInFile { line: 2 }]
        );
        // Pasted from a spreadsheet: tabs.
        let pasted = parse(&s, "Navn\tGruppe\nFastlege\tKontakter\n").unwrap();
        assert_eq!(pasted.fields[0].0.group, "contacts");
    }
}
