//! The decisions' rules: given a state, when a person asks for something,
//! then these changes or this refusal.

use super::commands::DecisionsCommand;
use super::model::{Reference, Stance, Status};
use crate::error::{AppError, Problem};
use crate::features::{Entry, ProjectState, Request};
use crate::fields::commands::{ContextInput, FieldInput, FieldsCommand};
use crate::i18n::Lang;
use crate::people::Profession;
use crate::testing::{ctx, run};
use crate::trail::command::decide;
use crate::trail::Domain;

pub(super) fn decisions(c: DecisionsCommand) -> Request {
    Request::Do(c.into())
}

/// A field (id1), a context (id2), and a decision about their cell with
/// two options (id3, id4; the decision is id5), open for discussion.
pub(super) fn a_decision_about_a_cell() -> Vec<(&'static str, Request)> {
    vec![
        (
            "ingrid",
            Request::Do(
                FieldsCommand::ProposeField {
                    details: FieldInput {
                        name: "Legemiddelendringer".into(),
                        ..FieldInput::default()
                    },
                    reason: String::new(),
                }
                .into(),
            ),
        ),
        (
            "ingrid",
            Request::Do(
                FieldsCommand::ProposeContext {
                    details: ContextInput {
                        name: "Første hjemmebesøk".into(),
                        ..ContextInput::default()
                    },
                    reason: String::new(),
                }
                .into(),
            ),
        ),
        (
            "ingrid",
            decisions(DecisionsCommand::Propose {
                title: "Legemiddelendringer øverst i rapporten".into(),
                problem: "Endringene forsvinner i lange epikriser.".into(),
                options: vec![
                    "Øverst, med begrunnelse".into(),
                    "  ".into(),
                    "I egen fane".into(),
                ],
                references: vec!["cell:id1~id2".into()],
                open: true,
            }),
        ),
    ]
}

pub(super) const D: &str = "id5";
pub(super) const TOP: &str = "id3";

fn position(stance: &str, reason: &str) -> Request {
    decisions(DecisionsCommand::TakePosition {
        decision_id: D.into(),
        option_id: TOP.into(),
        stance: stance.into(),
        reason: reason.into(),
        profession: Some(Profession::Nurse),
    })
}

fn close(override_reason: &str) -> Request {
    decisions(DecisionsCommand::Close {
        decision_id: D.into(),
        outcome: TOP.into(),
        rationale: "Sykepleierne leser den først.".into(),
        override_reason: override_reason.into(),
        criteria: vec![],
        evaluate_on: String::new(),
    })
}

pub(super) fn with(extra: Vec<(&'static str, Request)>) -> Result<ProjectState, AppError> {
    let mut steps = a_decision_about_a_cell();
    steps.extend(extra);
    run(&steps)
}

#[test]
fn a_proposed_decision_keeps_its_options_and_what_it_concerns() {
    let s = with(vec![]).unwrap();
    let d = &s.decisions.decisions[D];
    assert_eq!(d.status, Status::Open);
    let options: Vec<(&str, &str)> = d
        .text()
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.text.as_str()))
        .collect();
    assert_eq!(
        options,
        vec![(TOP, "Øverst, med begrunnelse"), ("id4", "I egen fane")]
    );
    assert_eq!(d.references, vec![Reference::Cell("id1~id2".into())]);

    // Nothing to choose from, or a cell that is not there: refused.
    let no_options = DecisionsCommand::Propose {
        title: "Tom".into(),
        problem: String::new(),
        options: vec![" ".into()],
        references: vec![],
        open: true,
    };
    assert_eq!(
        with(vec![("ola", decisions(no_options))]),
        Err(Problem::NoOption.into())
    );
    let nowhere = DecisionsCommand::Propose {
        title: "Feil".into(),
        problem: String::new(),
        options: vec!["A".into()],
        references: vec!["cell:id1~nowhere".into()],
        open: true,
    };
    assert_eq!(with(vec![("ola", decisions(nowhere))]), Err(AppError::NotFound));
}

#[test]
fn disagreeing_needs_a_reason_and_every_position_is_kept() {
    assert_eq!(
        with(vec![("kari", position("disagree", " "))]),
        Err(Problem::ReasonRequired.into())
    );
    assert_eq!(
        with(vec![("kari", position("block", ""))]),
        Err(Problem::ReasonRequired.into())
    );
    let s = with(vec![
        ("kari", position("disagree", "Legen trenger dem også")),
        (
            "kari",
            position("agree_with_concerns", "Hvis begrunnelsen står der"),
        ),
    ])
    .unwrap();
    let d = &s.decisions.decisions[D];
    let kari = &d.positions["kari"][TOP];
    assert_eq!(kari.len(), 2, "the earlier position stays");
    let latest: Vec<Stance> = d.latest_positions(TOP).map(|(_, p)| p.stance).collect();
    assert_eq!(latest, vec![Stance::AgreeWithConcerns]);
}

#[test]
fn the_same_position_sent_again_is_one_position() {
    let s = with(vec![("kari", position("agree", ""))]).unwrap();
    let names = |id: &str| id.to_owned();
    let mut new_id = || "x".to_owned();
    let again = decide(
        &s,
        &mut ctx("kari", Some(s.seq), &names, &mut new_id),
        &position("agree", ""),
    )
    .unwrap();
    assert!(again.is_empty(), "{again:?}");
    let changed = decide(
        &s,
        &mut ctx("kari", Some(s.seq), &names, &mut new_id),
        &position("agree", "Ja"),
    )
    .unwrap();
    assert_eq!(changed.len(), 1);
}

#[test]
fn an_edit_marks_earlier_positions_and_keeps_options_in_place() {
    let revise = decisions(DecisionsCommand::Revise {
        decision_id: D.into(),
        title: "Legemiddelendringer øverst".into(),
        problem: String::new(),
        options: vec![
            "Øverst, med begrunnelse og dato".into(),
            "I egen fane".into(),
            "Begge".into(),
        ],
    });
    let s = with(vec![("kari", position("agree", "")), ("ingrid", revise)]).unwrap();
    let d = &s.decisions.decisions[D];
    assert_eq!(d.revision(), 2);
    assert_eq!(d.text().options[0].id, TOP, "the first option keeps its id");
    assert_eq!(d.text().options.len(), 3);
    let (_, kari) = d.latest_positions(TOP).next().unwrap();
    assert!(kari.revision < d.revision(), "given on the earlier revision");
}

#[test]
fn a_block_prevents_closing_unless_overridden_and_then_shows_as_dissent() {
    let blocked = vec![
        ("kari", position("block", "Nattevakten ser ikke rapporten")),
        ("ola", position("disagree", "For lang")),
    ];
    assert_eq!(
        with([blocked.clone(), vec![("ingrid", close(""))]].concat()),
        Err(Problem::OpenBlock.into())
    );

    // Withdrawn (changed to agree): it closes, with Ola's dissent.
    let s = with(
        [
            blocked.clone(),
            vec![("kari", position("agree", "")), ("ingrid", close(""))],
        ]
        .concat(),
    )
    .unwrap();
    let d = &s.decisions.decisions[D];
    assert_eq!(d.status, Status::Decided);
    let dissent: Vec<(&str, Stance)> = d
        .closing
        .as_ref()
        .unwrap()
        .dissent
        .iter()
        .map(|x| (x.person.as_str(), x.stance))
        .collect();
    assert_eq!(dissent, vec![("ola", Stance::Disagree)]);

    // Overridden: the block stays as dissent, with the override's reason.
    let s = with(
        [
            blocked,
            vec![(
                "ingrid",
                close("Fristen er i dag; nattevakten får en egen løsning"),
            )],
        ]
        .concat(),
    )
    .unwrap();
    let c = s.decisions.decisions[D].closing.clone().unwrap();
    assert_eq!(c.dissent.len(), 2);
    assert!(c.override_reason.starts_with("Fristen"));
}

#[test]
fn a_closed_decision_is_sealed_until_reopened_with_a_new_revision() {
    let closed = vec![("kari", position("agree", "")), ("ingrid", close(""))];
    let argue = decisions(DecisionsCommand::Argue {
        decision_id: D.into(),
        option_id: TOP.into(),
        side: "for".into(),
        text: "Sent".into(),
        evidence: String::new(),
        profession: None,
    });
    assert_eq!(
        with([closed.clone(), vec![("ola", argue)]].concat()),
        Err(Problem::DecisionSealed.into())
    );
    assert_eq!(
        with([closed.clone(), vec![("ola", position("disagree", "Sent"))]].concat()),
        Err(Problem::DecisionSealed.into())
    );
    let reopen = decisions(DecisionsCommand::Reopen {
        decision_id: D.into(),
        reason: "Ny kunnskap fra piloten".into(),
    });
    let s = with([closed, vec![("ingrid", reopen)]].concat()).unwrap();
    let d = &s.decisions.decisions[D];
    assert_eq!(
        (d.status, d.revision(), d.closing.is_none()),
        (Status::Open, 2, true)
    );
    // Kari's position stays hers, shown as given on revision 1.
    assert_eq!(d.latest_positions(TOP).next().unwrap().1.revision, 1);
}

#[test]
fn a_position_reads_in_the_history_with_the_option_and_the_reason() {
    let mut steps = a_decision_about_a_cell();
    steps.push(("kari", position("block", "Nattevakten ser ikke rapporten")));
    let (last, earlier) = steps.split_last().unwrap();
    let s = run(earlier).unwrap();
    let names = |id: &str| id.to_owned();
    let mut new_id = || "x".to_owned();
    let changes = decide(&s, &mut ctx(last.0, Some(s.seq), &names, &mut new_id), &last.1).unwrap();
    let Entry::Change(change) = &changes[0] else {
        panic!()
    };
    let (what, item) = s.content.describe(change);
    assert_eq!(item, D);
    assert_eq!(
        what.say(Lang::Nb),
        "tok standpunktet «blokkerer» til «Øverst, med begrunnelse» i «Legemiddelendringer øverst i rapporten», fordi: «Nattevakten ser ikke rapporten»"
    );
}
