//! Sheets written and read back, bad rows, the formula guard.

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
