//! The relevance work's rules: given a state, when a person asks for
//! something, then these changes or this refusal.

use super::commands::{ContextInput, FieldInput, FieldsCommand};
use super::model::{Rating, Sensitivity};
use crate::error::{AppError, Problem};
use crate::features::{Entry, Request};
use crate::i18n::Lang;
use crate::map::commands::{LinkDetails, MapCommand};
use crate::people::Profession;
use crate::testing::{ctx, run};
use crate::trail::command::decide;
use crate::trail::Domain;

fn fields(c: FieldsCommand) -> Request {
    Request::Do(c.into())
}

fn element(kind: &str, name: &str) -> Request {
    Request::Do(
        MapCommand::AddElement {
            map_id: "id1".into(),
            kind: kind.into(),
            name: name.into(),
            description: String::new(),
            x: 0,
            y: 0,
        }
        .into(),
    )
}

fn propose_field(name: &str) -> Request {
    fields(FieldsCommand::ProposeField {
        details: FieldInput {
            name: name.into(),
            source: "id2".into(),
            keeper: "id3".into(),
            sensitivity: "sensitive".into(),
            ..FieldInput::default()
        },
        reason: "Hjemmesykepleien må vite det før første besøk".into(),
    })
}

fn rate(field: &str, context: &str, rating: &str, profession: Profession) -> Request {
    fields(FieldsCommand::RateCell {
        field_id: field.into(),
        context_id: context.into(),
        rating: rating.into(),
        reason: String::new(),
        profession: Some(profession),
    })
}

/// A map with an IT system (id2), a role (id3), a unit (id4) and a
/// hand-over (id5); a field (id6) and a context of use (id7).
fn a_field_and_a_context() -> Vec<(&'static str, Request)> {
    vec![
        (
            "kari",
            Request::Do(MapCommand::CreateMap { name: "I dag".into() }.into()),
        ),
        ("kari", element("it_system", "Pasientjournal")),
        ("kari", element("role", "Hjemmesykepleier")),
        ("kari", element("unit", "Hjemmesykepleien")),
        (
            "kari",
            Request::Do(
                MapCommand::AddLink {
                    map_id: "id1".into(),
                    from: "id3".into(),
                    to: "id4".into(),
                    details: LinkDetails {
                        kind: "hand_over".into(),
                        ..LinkDetails::default()
                    },
                }
                .into(),
            ),
        ),
        ("kari", propose_field("Allergier / CAVE")),
        (
            "ola",
            fields(FieldsCommand::ProposeContext {
                details: ContextInput {
                    name: "Første hjemmebesøk".into(),
                    role: "id3".into(),
                    unit: "id4".into(),
                    hand_over: "id5".into(),
                    moment: "after".into(),
                    doing: "Går gjennom legemidlene med pasienten".into(),
                },
                reason: String::new(),
            }),
        ),
    ]
}

#[test]
fn a_proposed_field_and_context_are_rated_with_the_raters_profession() {
    let mut steps = a_field_and_a_context();
    steps.push(("kari", rate("id6", "id7", "essential", Profession::Nurse)));
    steps.push(("ola", rate("id6", "id7", "useful", Profession::Physician)));
    let s = run(&steps).unwrap();
    let field = &s.fields.fields["id6"];
    assert_eq!(field.details.source.as_deref(), Some("id2"));
    assert_eq!(field.sensitivity(), Sensitivity::Sensitive);
    assert_eq!(field.proposed_by, "kari");
    let context = &s.fields.contexts["id7"];
    assert_eq!(context.details.hand_over.as_deref(), Some("id5"));
    let cell = s.fields.cell("id6", "id7").unwrap();
    assert_eq!(cell["kari"].rating, Rating::Essential);
    assert_eq!(cell["kari"].profession, Some(Profession::Nurse));
    assert_eq!(cell["ola"].rating, Rating::Useful);
}

#[test]
fn rating_again_replaces_ones_own_rating_and_undo_brings_the_earlier_back() {
    let mut steps = a_field_and_a_context();
    steps.push(("kari", rate("id6", "id7", "essential", Profession::Nurse)));
    steps.push(("kari", rate("id6", "id7", "not_needed", Profession::Nurse)));
    let s = run(&steps).unwrap();
    let cell = s.fields.cell("id6", "id7").unwrap();
    assert_eq!(cell.len(), 1);
    assert_eq!(cell["kari"].rating, Rating::NotNeeded);
    steps.push(("kari", Request::Undo));
    let s = run(&steps).unwrap();
    assert_eq!(
        s.fields.cell("id6", "id7").unwrap()["kari"].rating,
        Rating::Essential
    );
    steps.push(("kari", Request::Undo));
    let s = run(&steps).unwrap();
    assert!(s.fields.cell("id6", "id7").unwrap().is_empty());
}

#[test]
fn a_rating_reads_in_the_history_with_names_and_profession() {
    let mut s = run(&a_field_and_a_context()).unwrap();
    let names = |id: &str| id.to_owned();
    let mut new_id = || "x".to_owned();
    for (rating, said) in [
        (
            "essential",
            "rated “Allergier / CAVE” essential for “Første hjemmebesøk” (nurse)",
        ),
        (
            "useful",
            "rated “Allergier / CAVE” useful for “Første hjemmebesøk”, was essential (nurse)",
        ),
    ] {
        let changes = decide(
            &s,
            &mut ctx("kari", Some(s.seq), &names, &mut new_id),
            &rate("id6", "id7", rating, Profession::Nurse),
        )
        .unwrap();
        let Entry::Change(change) = &changes[0] else {
            panic!()
        };
        let (what, item) = s.content.describe(change);
        assert_eq!(item, "id6~id7");
        assert_eq!(what.say(Lang::En), said);
        crate::testing::apply_all(&mut s, "kari", changes);
    }
    assert_eq!(
        s.content.name_of("id6~id7").as_deref(),
        Some("Allergier / CAVE – Første hjemmebesøk")
    );
}

#[test]
fn bad_input_is_refused_in_the_users_terms() {
    let refused = |command: FieldsCommand| {
        let mut steps = a_field_and_a_context();
        steps.push(("kari", fields(command)));
        run(&steps).unwrap_err()
    };
    let field = |f: fn(&mut FieldInput)| {
        let mut details = FieldInput {
            name: "Fastlege".into(),
            ..FieldInput::default()
        };
        f(&mut details);
        FieldsCommand::ProposeField {
            details,
            reason: String::new(),
        }
    };
    let invalid = |p| AppError::Invalid(p);
    assert_eq!(
        refused(field(|d| d.name = " \u{200b} ".into())),
        invalid(Problem::NameMissing)
    );
    assert_eq!(
        refused(field(|d| d.name = "x".repeat(121))),
        invalid(Problem::NameTooLong)
    );
    assert_eq!(
        refused(field(|d| d.data_type = "blob".into())),
        invalid(Problem::UnknownOption)
    );
    // The source must be an IT system on the map, the keeper a role.
    assert_eq!(
        refused(field(|d| d.source = "id3".into())),
        invalid(Problem::NotAnItSystem)
    );
    assert_eq!(
        refused(field(|d| d.keeper = "id2".into())),
        invalid(Problem::NotARole)
    );
    assert_eq!(
        refused(field(|d| d.also_kept_in = vec!["nope".into()])),
        invalid(Problem::NotAnItSystem)
    );
    let context = |hand_over: &str| FieldsCommand::ProposeContext {
        details: ContextInput {
            name: "Kveldsbesøk".into(),
            hand_over: hand_over.into(),
            ..ContextInput::default()
        },
        reason: String::new(),
    };
    assert_eq!(refused(context("id3")), invalid(Problem::NotAHandOver));
    let rating = |r: &str| FieldsCommand::RateCell {
        field_id: "id6".into(),
        context_id: "id7".into(),
        rating: r.into(),
        reason: String::new(),
        profession: None,
    };
    assert_eq!(refused(rating("5")), invalid(Problem::UnknownOption));
    assert_eq!(
        refused(FieldsCommand::WithdrawRating {
            field_id: "id6".into(),
            context_id: "id7".into()
        }),
        invalid(Problem::NothingToWithdraw)
    );
    // Nothing was changed by any of these.
    let s = run(&a_field_and_a_context()).unwrap();
    assert_eq!(s.fields.fields.len(), 1);
}

#[test]
fn a_field_kept_in_two_systems_or_with_no_keeper_is_flagged() {
    let mut steps = a_field_and_a_context();
    steps.push(("kari", element("it_system", "Kommunal journal"))); // id8
    steps.push((
        "kari",
        fields(FieldsCommand::ProposeField {
            details: FieldInput {
                name: "Legemiddelliste".into(),
                source: "id2".into(),
                also_kept_in: vec!["id8".into(), "id2".into(), "id8".into()],
                ..FieldInput::default()
            },
            reason: String::new(),
        }),
    )); // id9
    let s = run(&steps).unwrap();
    let twice = &s.fields.fields["id9"];
    assert_eq!(twice.details.also_kept_in, vec!["id8".to_owned()]);
    assert!(twice.kept_twice() && twice.may_go_stale());
    let once = &s.fields.fields["id6"];
    assert!(!once.kept_twice());
    // A keeper but no freshness still risks stale information.
    assert!(once.may_go_stale());
}

#[test]
fn editing_what_someone_else_edited_meanwhile_is_a_conflict() {
    let mut s = run(&a_field_and_a_context()).unwrap();
    let base = s.seq;
    let names = |id: &str| id.to_owned();
    let mut new_id = || "x".to_owned();
    let edit = |name: &str| {
        fields(FieldsCommand::EditField {
            field_id: "id6".into(),
            details: FieldInput {
                name: name.into(),
                ..FieldInput::default()
            },
        })
    };
    let changes = decide(
        &s,
        &mut ctx("ingrid", Some(base), &names, &mut new_id),
        &edit("CAVE"),
    )
    .unwrap();
    crate::testing::apply_all(&mut s, "ingrid", changes);
    let err = decide(
        &s,
        &mut ctx("kari", Some(base), &names, &mut new_id),
        &edit("Allergier"),
    )
    .unwrap_err();
    assert!(
        matches!(&err, AppError::Conflict(c) if c.by == "ingrid" && c.item == "CAVE"),
        "{err:?}"
    );
    // A rating since the page loaded is no reason to refuse an edit.
    let base = s.seq;
    let changes = decide(
        &s,
        &mut ctx("ola", Some(base), &names, &mut new_id),
        &rate("id6", "id7", "useful", Profession::Physician),
    )
    .unwrap();
    crate::testing::apply_all(&mut s, "ola", changes);
    assert!(decide(
        &s,
        &mut ctx("kari", Some(base), &names, &mut new_id),
        &edit("Allergier")
    )
    .is_ok());
}

#[test]
fn taking_back_a_proposal_is_refused_once_others_rated_it() {
    let mut steps = a_field_and_a_context();
    steps.push(("kari", rate("id6", "id7", "essential", Profession::Nurse)));
    steps.push(("ola", Request::Undo)); // Ola's context, rated by Kari since
    let err = run(&steps).unwrap_err();
    assert!(matches!(&err, AppError::Conflict(c) if c.by == "kari"), "{err:?}");
    // Without others' ratings the proposal is taken back, whole.
    let mut steps = a_field_and_a_context();
    steps.push(("ola", Request::Undo));
    let s = run(&steps).unwrap();
    assert!(s.fields.contexts.is_empty());
    assert_eq!(s.fields.name("id7"), "Første hjemmebesøk");
}

#[test]
fn a_retired_field_leaves_the_matrix_and_cannot_be_rated() {
    let mut steps = a_field_and_a_context();
    steps.push((
        "ingrid",
        fields(FieldsCommand::RetireField {
            field_id: "id6".into(),
        }),
    ));
    let s = run(&steps).unwrap();
    assert_eq!(s.fields.active_fields().count(), 0);
    assert_eq!(s.fields.fields.len(), 1);
    steps.push(("kari", rate("id6", "id7", "essential", Profession::Nurse)));
    assert_eq!(run(&steps).unwrap_err(), AppError::NotFound);
    steps.pop();
    steps.push(("ingrid", Request::Undo));
    assert_eq!(run(&steps).unwrap().fields.active_fields().count(), 1);
}

#[test]
fn changes_round_trip_through_their_stored_form() {
    let mut s = run(&a_field_and_a_context()).unwrap();
    let names = |id: &str| id.to_owned();
    let mut new_id = || "x".to_owned();
    let changes = decide(
        &s,
        &mut ctx("kari", Some(s.seq), &names, &mut new_id),
        &rate("id6", "id7", "should_not_be_shown", Profession::CareWorker),
    )
    .unwrap();
    for c in &changes {
        let (kind, payload) = c.encode();
        assert_eq!(kind, "cell_rated");
        assert!(payload.contains(r#""rating":"should_not_be_shown""#), "{payload}");
        assert_eq!(Entry::decode(&kind, &payload).as_ref(), Ok(c));
    }
    crate::testing::apply_all(&mut s, "kari", changes);
}

#[test]
fn a_merge_keeps_both_fields_ratings_and_the_latest_of_someone_who_rated_both() {
    let mut steps = a_field_and_a_context();
    steps.push(("ahmed", propose_field("CAVE"))); // id8, a duplicate of id6
    steps.push(("kari", rate("id6", "id7", "useful", Profession::Nurse)));
    steps.push(("ola", rate("id8", "id7", "essential", Profession::Physician)));
    steps.push(("kari", rate("id8", "id7", "essential", Profession::Nurse))); // later
    let before = run(&steps).unwrap();
    steps.push((
        "ingrid",
        fields(FieldsCommand::Merge {
            kept: "id6".into(),
            merged: "id8".into(),
        }),
    ));
    let s = run(&steps).unwrap();
    assert!(!s.fields.fields.contains_key("id8"));
    let cell = s.fields.cell("id6", "id7").unwrap();
    assert_eq!(cell.len(), 2);
    assert_eq!(cell["ola"].rating, Rating::Essential);
    assert_eq!(cell["ola"].profession, Some(Profession::Physician));
    // Kari rated both: her later rating (of the duplicate) counts.
    assert_eq!(cell["kari"].rating, Rating::Essential);
    // Taken back: both fields as they were.
    steps.push(("ingrid", Request::Undo));
    let back = run(&steps).unwrap();
    assert_eq!(back.fields.fields, before.fields.fields);
    assert_eq!(back.fields.ratings, before.fields.ratings);
    // Not once someone rated the kept field since.
    steps.pop();
    steps.push(("ola", rate("id6", "id7", "not_needed", Profession::Physician)));
    steps.push(("ingrid", Request::Undo));
    let err = run(&steps).unwrap_err();
    assert!(matches!(&err, AppError::Conflict(c) if c.by == "ola"), "{err:?}");
    // A field cannot be merged with itself.
    let mut steps = a_field_and_a_context();
    steps.push((
        "ingrid",
        fields(FieldsCommand::Merge {
            kept: "id6".into(),
            merged: "id6".into(),
        }),
    ));
    assert_eq!(
        run(&steps).unwrap_err(),
        AppError::Invalid(Problem::MergeWithItself)
    );
}

/// How the last step reads in the history (bokmål), and what it is listed
/// under.
fn said_by_last(steps: &[(&'static str, Request)]) -> (String, String) {
    let (last, earlier) = steps.split_last().unwrap();
    let s = run(earlier).unwrap();
    let names = |id: &str| id.to_owned();
    let mut new_id = || "x".to_owned();
    let changes = decide(&s, &mut ctx(last.0, Some(s.seq), &names, &mut new_id), &last.1).unwrap();
    let Entry::Change(change) = &changes[0] else {
        panic!()
    };
    let (what, item) = s.content.describe(change);
    (what.say(Lang::Nb), item)
}

fn propose_context(name: &str) -> Request {
    fields(FieldsCommand::ProposeContext {
        details: ContextInput {
            name: name.into(),
            ..ContextInput::default()
        },
        reason: String::new(),
    })
}

#[test]
fn a_merge_of_contexts_keeps_both_contexts_ratings_and_can_be_taken_back() {
    let mut steps = a_field_and_a_context();
    steps.push(("ahmed", propose_context("Første besøk hjemme"))); // id8, a duplicate of id7
    steps.push(("kari", rate("id6", "id7", "useful", Profession::Nurse)));
    steps.push(("ola", rate("id6", "id8", "essential", Profession::Physician)));
    steps.push(("kari", rate("id6", "id8", "essential", Profession::Nurse))); // later
    let before = run(&steps).unwrap();
    steps.push((
        "ingrid",
        fields(FieldsCommand::Merge {
            kept: "id7".into(),
            merged: "id8".into(),
        }),
    ));
    let s = run(&steps).unwrap();
    assert!(!s.fields.contexts.contains_key("id8"));
    assert!(!s.fields.ratings["id6"].contains_key("id8"));
    let cell = s.fields.cell("id6", "id7").unwrap();
    assert_eq!(cell.len(), 2);
    assert_eq!(cell["ola"].rating, Rating::Essential);
    assert_eq!(cell["kari"].rating, Rating::Essential);
    let (what, item) = said_by_last(&steps);
    assert!(
        what.contains("slo sammen «Første besøk hjemme» med «Første hjemmebesøk»"),
        "{what}"
    );
    assert_eq!(item, "id7");
    steps.push(("ingrid", Request::Undo));
    let back = run(&steps).unwrap();
    assert_eq!(back.fields.contexts, before.fields.contexts);
    assert_eq!(back.fields.ratings, before.fields.ratings);
    // A field and a context are not duplicates of each other.
    let mut steps = a_field_and_a_context();
    steps.push((
        "ingrid",
        fields(FieldsCommand::Merge {
            kept: "id6".into(),
            merged: "id7".into(),
        }),
    ));
    assert_eq!(run(&steps).unwrap_err(), AppError::NotFound);
}

fn import(fields_: Vec<&str>, contexts: Vec<&str>) -> Request {
    fields(FieldsCommand::Import {
        fields: fields_
            .into_iter()
            .map(|n| {
                let input = FieldInput {
                    name: n.into(),
                    source: "id2".into(),
                    group: "medication".into(),
                    ..FieldInput::default()
                };
                (input, "fra regnearket".to_owned())
            })
            .collect(),
        contexts: contexts
            .into_iter()
            .map(|n| {
                let input = ContextInput {
                    name: n.into(),
                    role: "id3".into(),
                    ..ContextInput::default()
                };
                (input, String::new())
            })
            .collect(),
    })
}

#[test]
fn an_import_is_one_event_that_one_undo_takes_back() {
    let mut steps = a_field_and_a_context();
    steps.push((
        "ingrid",
        import(vec!["Legemiddelliste", "Fastlege"], vec!["Kveldsbesøk"]),
    ));
    let s = run(&steps).unwrap();
    let names: Vec<&str> = s.fields.active_fields().map(|f| f.name()).collect();
    assert!(
        names.contains(&"Legemiddelliste") && names.contains(&"Fastlege"),
        "{names:?}"
    );
    let imported = s.fields.fields.values().find(|f| f.name() == "Fastlege").unwrap();
    assert_eq!(imported.proposed_by, "ingrid");
    assert_eq!(imported.reason, "fra regnearket");
    assert_eq!(imported.details.source.as_deref(), Some("id2"));
    assert_eq!(s.fields.contexts.len(), 2);
    // One event: the version moved by one.
    let before = run(&a_field_and_a_context()).unwrap();
    assert_eq!(s.seq, before.seq + 1);
    let (what, _) = said_by_last(&steps);
    assert!(
        what.contains("hentet inn 2 informasjonsfelt og 1 brukssituasjon fra et regneark"),
        "{what}"
    );
    steps.push(("ingrid", Request::Undo));
    let back = run(&steps).unwrap();
    assert_eq!(back.fields.fields, before.fields.fields);
    assert_eq!(back.fields.contexts, before.fields.contexts);
    // Not once someone else rated what it brought in.
    steps.pop();
    steps.push(("kari", rate("id9", "id7", "essential", Profession::Nurse)));
    steps.push(("ingrid", Request::Undo));
    let err = run(&steps).unwrap_err();
    assert!(matches!(&err, AppError::Conflict(c) if c.by == "kari"), "{err:?}");
    // A row naming something that is not on the map refuses the whole file.
    let mut steps = a_field_and_a_context();
    steps.push((
        "ingrid",
        fields(FieldsCommand::Import {
            fields: vec![(
                FieldInput {
                    name: "Fastlege".into(),
                    keeper: "id2".into(),
                    ..FieldInput::default()
                },
                String::new(),
            )],
            contexts: vec![],
        }),
    ));
    assert_eq!(run(&steps).unwrap_err(), AppError::Invalid(Problem::NotARole));
    let mut steps = a_field_and_a_context();
    steps.push(("ingrid", import(vec![], vec![])));
    assert_eq!(
        run(&steps).unwrap_err(),
        AppError::Invalid(Problem::NothingToImport)
    );
}

#[test]
fn an_it_system_is_flagged_with_the_fields_it_keeps_twice_and_those_that_may_go_stale() {
    let mut steps = a_field_and_a_context();
    steps.push(("kari", element("it_system", "Kommunal journal"))); // id8
    let field = |name: &str, source: &str, also: Vec<&str>, keeper: &str, freshness: &str| {
        fields(FieldsCommand::ProposeField {
            details: FieldInput {
                name: name.into(),
                source: source.into(),
                also_kept_in: also.into_iter().map(String::from).collect(),
                keeper: keeper.into(),
                freshness: freshness.into(),
                ..FieldInput::default()
            },
            reason: String::new(),
        })
    };
    steps.push((
        "kari",
        field("Legemiddelliste", "id2", vec!["id8"], "id3", "Samme dag"),
    ));
    steps.push(("kari", field("Fastlege", "id8", vec![], "id3", "Ved endring")));
    steps.push(("kari", field("Bosituasjon", "id8", vec![], "", "")));
    let s = run(&steps).unwrap();
    let flags = s.fields.system_flags();
    // "Allergier / CAVE" (id6) has id2 as source and no freshness.
    assert_eq!(flags["id2"].kept_twice, vec!["Legemiddelliste"]);
    assert_eq!(flags["id2"].may_go_stale, vec!["Allergier / CAVE"]);
    assert_eq!(flags["id8"].kept_twice, vec!["Legemiddelliste"]);
    assert_eq!(flags["id8"].may_go_stale, vec!["Bosituasjon"]);
    // A retired field is no longer flagged.
    steps.push((
        "ingrid",
        fields(FieldsCommand::RetireField {
            field_id: "id11".into(),
        }),
    ));
    assert!(run(&steps).unwrap().fields.system_flags()["id8"]
        .may_go_stale
        .is_empty());
}
