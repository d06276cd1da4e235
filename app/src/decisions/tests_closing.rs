//! Closing rules: the quorum, criteria to evaluate later, supersession and
//! the fingerprint of what was sealed.

use super::commands::DecisionsCommand;
use super::fingerprint::fingerprint;
use super::model::Status;
use super::tests::{a_decision_about_a_cell, decisions, with, D, TOP};
use crate::error::{AppError, Problem};
use crate::features::{ProjectState, Request};
use crate::people::Profession;
use sha2::{Digest, Sha256};

fn position(stance: &str, reason: &str, profession: Profession) -> Request {
    decisions(DecisionsCommand::TakePosition {
        decision_id: D.into(),
        option_id: TOP.into(),
        stance: stance.into(),
        reason: reason.into(),
        profession: Some(profession),
    })
}

fn close_with(criteria: &[&str], evaluate_on: &str) -> Request {
    decisions(DecisionsCommand::Close {
        decision_id: D.into(),
        outcome: TOP.into(),
        rationale: "Sykepleierne leser den først.".into(),
        override_reason: String::new(),
        criteria: criteria.iter().map(|c| c.to_string()).collect(),
        evaluate_on: evaluate_on.into(),
    })
}

fn quorum(professions: &[&str]) -> Request {
    decisions(DecisionsCommand::SetQuorum {
        decision_id: D.into(),
        professions: professions.iter().map(|p| p.to_string()).collect(),
    })
}

#[test]
fn a_quorum_holds_the_close_until_each_profession_took_a_position_and_an_abstention_counts() {
    let set = vec![("ingrid", quorum(&["physician", "nurse", "nurse"]))];
    let s = with(set.clone()).unwrap();
    let d = &s.decisions.decisions[D];
    assert_eq!(d.quorum, vec![Profession::Nurse, Profession::Physician]);
    assert_eq!(d.quorum_missing(), vec![Profession::Nurse, Profession::Physician]);

    let nurse_only = [
        set.clone(),
        vec![("kari", position("agree", "", Profession::Nurse))],
    ]
    .concat();
    assert_eq!(
        with([nurse_only.clone(), vec![("ingrid", close_with(&[], ""))]].concat()),
        Err(Problem::QuorumNotMet.into())
    );
    // The physician abstains: that is taking part, and not dissent.
    let abstained = [
        nurse_only,
        vec![("per", position("abstain", "", Profession::Physician))],
    ]
    .concat();
    assert!(with(abstained.clone()).unwrap().decisions.decisions[D]
        .quorum_missing()
        .is_empty());
    let s = with([abstained, vec![("ingrid", close_with(&[], ""))]].concat()).unwrap();
    let d = &s.decisions.decisions[D];
    assert_eq!(d.status, Status::Decided);
    assert!(d.closing.as_ref().unwrap().dissent.is_empty());

    // The same quorum again changes nothing; an unknown profession is refused.
    assert_eq!(
        with([set.clone(), set].concat()).unwrap().seq,
        with(vec![("ingrid", quorum(&["nurse", "physician"]))])
            .unwrap()
            .seq
    );
    assert_eq!(
        with(vec![("ingrid", quorum(&["astronaut"]))]),
        Err(Problem::UnknownProfession.into())
    );
}

#[test]
fn reservations_become_criteria_with_a_date_that_must_be_a_real_day() {
    let concern = vec![(
        "kari",
        position("agree_with_concerns", "Sjekk nattevakten", Profession::Nurse),
    )];
    let closing = |criteria: &[&str], on: &str| {
        with([concern.clone(), vec![("ingrid", close_with(criteria, on))]].concat())
    };
    assert_eq!(
        closing(&["Sjekk nattevakten"], "2027-02-30"),
        Err(Problem::DateInvalid.into())
    );
    assert_eq!(
        closing(&["Sjekk nattevakten"], ""),
        Err(Problem::DateInvalid.into())
    );
    // No criteria: no date needed.
    assert!(closing(&["  ", ""], "").is_ok());
    let s = closing(&["Sjekk nattevakten", "", "  Spør   fastlegene "], "2027-03-01").unwrap();
    let criteria: Vec<(String, String)> = s.decisions.decisions[D]
        .closing
        .as_ref()
        .unwrap()
        .criteria
        .iter()
        .map(|c| (c.text.clone(), c.due.clone()))
        .collect();
    assert_eq!(
        criteria,
        vec![
            ("Sjekk nattevakten".into(), "2027-03-01".into()),
            ("Spør fastlegene".into(), "2027-03-01".into())
        ]
    );
}

/// The cell decision (id5) closed, and a second decision (option id6,
/// decision id7) open.
fn two_decisions_the_first_closed() -> Vec<(&'static str, Request)> {
    vec![
        ("ingrid", close_with(&[], "")),
        (
            "ingrid",
            decisions(DecisionsCommand::Propose {
                title: "Legemiddelendringer i egen seksjon".into(),
                problem: String::new(),
                options: vec!["Egen seksjon".into()],
                references: vec![],
                open: true,
            }),
        ),
    ]
}

fn supersede(which: &str, by: &str) -> Request {
    decisions(DecisionsCommand::Supersede {
        decision_id: which.into(),
        by: by.into(),
        reason: "Piloten viste noe annet".into(),
    })
}

#[test]
fn a_superseded_decision_names_its_successor_both_ways_until_reopened() {
    let base = two_decisions_the_first_closed();
    let s = with([base.clone(), vec![("ingrid", supersede(D, "id7"))]].concat()).unwrap();
    let (old, new) = (&s.decisions.decisions[D], &s.decisions.decisions["id7"]);
    assert_eq!(
        (old.status, old.superseded_by.as_deref()),
        (Status::Superseded, Some("id7"))
    );
    assert_eq!(new.supersedes, vec![D.to_owned()]);
    assert!(old.sealed());

    // Only a decided or deferred one; never by itself, even round a loop.
    assert_eq!(
        with([base.clone(), vec![("ingrid", supersede("id7", D))]].concat()),
        Err(Problem::NotDecided.into())
    );
    assert_eq!(
        with([base.clone(), vec![("ingrid", supersede(D, D))]].concat()),
        Err(Problem::SupersededByItself.into())
    );
    let close_second = decisions(DecisionsCommand::Close {
        decision_id: "id7".into(),
        outcome: "id6".into(),
        rationale: "Enklere".into(),
        override_reason: String::new(),
        criteria: vec![],
        evaluate_on: String::new(),
    });
    let looped = [
        base.clone(),
        vec![
            ("ingrid", supersede(D, "id7")),
            ("ingrid", close_second),
            ("ingrid", supersede("id7", D)),
        ],
    ]
    .concat();
    assert_eq!(with(looped), Err(Problem::SupersededByItself.into()));
    assert_eq!(
        with([base.clone(), vec![("ingrid", supersede(D, "nowhere"))]].concat()),
        Err(AppError::NotFound)
    );

    let reopen = decisions(DecisionsCommand::Reopen {
        decision_id: D.into(),
        reason: "Likevel".into(),
    });
    let s = with([base, vec![("ingrid", supersede(D, "id7")), ("ingrid", reopen)]].concat()).unwrap();
    let (old, new) = (&s.decisions.decisions[D], &s.decisions.decisions["id7"]);
    assert_eq!((old.status, old.superseded_by.clone()), (Status::Open, None));
    assert!(new.supersedes.is_empty());
}

fn closed(rationale_extra: &[(&'static str, Request)]) -> ProjectState {
    let mut steps = vec![(
        "kari",
        position("block", "Nattevakten ser den ikke", Profession::Nurse),
    )];
    steps.extend(rationale_extra.iter().cloned());
    steps.push((
        "ingrid",
        decisions(DecisionsCommand::Close {
            decision_id: D.into(),
            outcome: TOP.into(),
            rationale: "Sykepleierne leser den først.".into(),
            override_reason: "Fristen er nå".into(),
            criteria: vec!["Sjekk nattevakten".into()],
            evaluate_on: "2027-03-01".into(),
        }),
    ));
    with(steps).unwrap()
}

#[test]
fn a_closed_decision_has_a_fingerprint_anyone_can_recompute_from_its_text() {
    assert!(fingerprint(&with(vec![]).unwrap().decisions.decisions[D]).is_none());
    let s = closed(&[]);
    let f = fingerprint(&s.decisions.decisions[D]).unwrap();
    assert_eq!(f.sha256, hex::encode(Sha256::digest(f.canonical.as_bytes())));
    assert_eq!(f.sealed_by, s.seq as u64);
    // What was sealed is in the text: title, options, outcome, rationale,
    // dissent and the criteria, in a fixed order.
    assert!(
        f.canonical
            .starts_with(r#"{"v":1,"decision":"id5","revision":1,"title":"#),
        "{}",
        f.canonical
    );
    let at = |key: &str| f.canonical.find(&format!("\"{key}\":")).unwrap();
    let order = [
        "title",
        "problem",
        "options",
        "outcome",
        "rationale",
        "dissent",
        "override_reason",
        "criteria",
        "sealed_by",
    ];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{}", f.canonical);
    let v: serde_json::Value = serde_json::from_str(&f.canonical).unwrap();
    assert_eq!(v["dissent"][0]["stance"], "block");
    assert_eq!(v["criteria"][0][1], "Sjekk nattevakten");
    assert!(f.canonical.contains("Legemiddelendringer øverst i rapporten"));

    // Any change to what was decided changes the fingerprint.
    let argued_differently = closed(&[("ola", position("disagree", "For lang", Profession::Physician))]);
    assert_ne!(
        fingerprint(&argued_differently.decisions.decisions[D])
            .unwrap()
            .sha256,
        f.sha256
    );
}

#[test]
fn quorum_and_supersession_read_in_the_history() {
    use crate::features::Entry;
    use crate::i18n::Lang;
    use crate::testing::{ctx, run};
    use crate::trail::command::decide;
    use crate::trail::Domain;
    let say = |steps: Vec<(&'static str, Request)>, lang: Lang| {
        let mut all = a_decision_about_a_cell();
        all.extend(steps);
        let (last, earlier) = all.split_last().unwrap();
        let s = run(earlier).unwrap();
        let names = |id: &str| id.to_owned();
        let mut new_id = || "x".to_owned();
        let changes = decide(&s, &mut ctx(last.0, Some(s.seq), &names, &mut new_id), &last.1).unwrap();
        let Entry::Change(change) = &changes[0] else {
            panic!()
        };
        s.content.describe(change).0.say(lang)
    };
    assert_eq!(
        say(vec![("ingrid", quorum(&["nurse", "physician"]))], Lang::En),
        "required positions from nurse, physician before “Legemiddelendringer øverst i rapporten” is decided"
    );
    let mut steps = two_decisions_the_first_closed();
    steps.push(("ingrid", supersede(D, "id7")));
    assert_eq!(
        say(steps, Lang::Nb),
        "erstattet «Legemiddelendringer øverst i rapporten» med «Legemiddelendringer i egen seksjon», fordi: «Piloten viste noe annet»"
    );
}
