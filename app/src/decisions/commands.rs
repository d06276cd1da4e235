//! What people ask of a decision, and the rules that turn it into changes.
//! Who may ask is checked by the server functions: anyone taking part
//! proposes, argues and takes positions; leads and facilitators change the
//! status, close and reopen; the proposer or a lead or facilitator revises.

use super::changes::DecisionsChange;
use super::model::{
    Criterion, Decision, DecisionOption, DecisionText, Dissent, Reference, Side, Stance, Status,
};
use crate::error::{AppError, Problem};
use crate::features::Project;
use crate::fields::slice::cell_of;
use crate::people::Profession;
use crate::text::{free_text, one_line};
use crate::trail::{check_fresh, Context, State};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 200;
pub const PROBLEM_MAX_CHARS: usize = 4000;
pub const OPTION_MAX_CHARS: usize = 500;
pub const ARGUMENT_MAX_CHARS: usize = 2000;
pub const MAX_OPTIONS: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionsCommand {
    Propose {
        title: String,
        problem: String,
        /// One per option; empty ones are left out.
        options: Vec<String>,
        /// `kind:id`, see [`Reference`].
        references: Vec<String>,
        open: bool,
    },
    /// Options keep their ids by position: the first option stays the
    /// first, so positions on it stay on it (marked as given on the
    /// earlier revision).
    Revise {
        decision_id: String,
        title: String,
        problem: String,
        options: Vec<String>,
    },
    SetStatus {
        decision_id: String,
        status: String,
        reason: String,
    },
    Argue {
        decision_id: String,
        option_id: String,
        side: String,
        text: String,
        evidence: String,
        profession: Option<Profession>,
    },
    TakePosition {
        decision_id: String,
        option_id: String,
        stance: String,
        reason: String,
        profession: Option<Profession>,
    },
    Close {
        decision_id: String,
        /// An option's id, or empty: all options rejected.
        outcome: String,
        rationale: String,
        override_reason: String,
        /// What to evaluate later, one per line; each gets `evaluate_on`.
        criteria: Vec<String>,
        /// `YYYY-MM-DD`; required with criteria.
        evaluate_on: String,
    },
    /// Professions by name; none: no quorum.
    SetQuorum {
        decision_id: String,
        professions: Vec<String>,
    },
    Supersede {
        decision_id: String,
        by: String,
        reason: String,
    },
    Reopen {
        decision_id: String,
        reason: String,
    },
}

fn text_of(
    title: &str,
    problem: &str,
    options: &[String],
    earlier: Option<&DecisionText>,
    ctx: &mut Context,
) -> Result<DecisionText, Problem> {
    let title = one_line(title, TITLE_MAX_CHARS, Problem::NameMissing, Problem::NameTooLong)?;
    let problem = free_text(problem, PROBLEM_MAX_CHARS, Problem::DescriptionTooLong)?;
    let texts: Vec<String> = options
        .iter()
        .map(|o| free_text(o, OPTION_MAX_CHARS, Problem::TextTooLong))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|o| !o.is_empty())
        .collect();
    if texts.is_empty() {
        return Err(Problem::NoOption);
    }
    if texts.len() > MAX_OPTIONS {
        return Err(Problem::TooManyOptions);
    }
    let options = texts
        .into_iter()
        .enumerate()
        .map(|(n, text)| DecisionOption {
            id: earlier
                .and_then(|e| e.options.get(n))
                .map(|o| o.id.clone())
                .unwrap_or_else(|| (ctx.new_id)()),
            text,
        })
        .collect();
    Ok(DecisionText {
        title,
        problem,
        options,
    })
}

/// Every reference must name something that exists in the project now.
fn references(state: &State<Project>, raw: &[String]) -> Result<Vec<Reference>, AppError> {
    let c = &state.content;
    let mut out: Vec<Reference> = Vec::new();
    for r in raw.iter().filter(|r| !r.trim().is_empty()) {
        let reference = Reference::parse(r).ok_or(Problem::Malformed)?;
        let exists = match &reference {
            Reference::Element(id) => c.map.elements.contains_key(id),
            Reference::Field(id) => c.fields.fields.contains_key(id),
            Reference::Context(id) => c.fields.contexts.contains_key(id),
            Reference::Cell(id) => cell_of(id)
                .is_some_and(|(f, x)| c.fields.fields.contains_key(f) && c.fields.contexts.contains_key(x)),
            Reference::Decision(id) => c.decisions.decisions.contains_key(id),
        };
        if !exists {
            return Err(AppError::NotFound);
        }
        if !out.contains(&reference) {
            out.push(reference);
        }
    }
    Ok(out)
}

fn decision<'a>(state: &'a State<Project>, id: &str) -> Result<&'a Decision, AppError> {
    state
        .content
        .decisions
        .decisions
        .get(id)
        .ok_or(AppError::NotFound)
}

/// Arguments and positions are for a decision under discussion.
fn open_for_discussion(d: &Decision) -> Result<(), Problem> {
    match d.status {
        Status::Draft | Status::Open => Ok(()),
        Status::Decided | Status::Deferred | Status::Superseded => Err(Problem::DecisionSealed),
    }
}

fn reason(raw: &str, required: bool) -> Result<String, Problem> {
    let r = free_text(raw, ARGUMENT_MAX_CHARS, Problem::TextTooLong)?;
    if required && r.is_empty() {
        return Err(Problem::ReasonRequired);
    }
    Ok(r)
}

/// One criterion per non-empty line, all due on `evaluate_on`.
fn criteria_of(lines: &[String], evaluate_on: &str) -> Result<Vec<Criterion>, Problem> {
    let texts: Vec<String> = lines
        .iter()
        .map(|l| one_line(l, OPTION_MAX_CHARS, Problem::TextMissing, Problem::TextTooLong))
        .filter(|r| r != &Err(Problem::TextMissing))
        .collect::<Result<_, _>>()?;
    if texts.is_empty() {
        return Ok(Vec::new());
    }
    let due = evaluate_on.trim();
    if !super::dates::is_date(due) {
        return Err(Problem::DateInvalid);
    }
    Ok(texts
        .into_iter()
        .map(|text| Criterion {
            text,
            due: due.to_owned(),
        })
        .collect())
}

pub fn decide(
    state: &State<Project>,
    ctx: &mut Context,
    command: &DecisionsCommand,
) -> Result<Vec<DecisionsChange>, AppError> {
    let change = match command {
        DecisionsCommand::Propose {
            title,
            problem,
            options,
            references: raw,
            open,
        } => DecisionsChange::DecisionProposed {
            references: references(state, raw)?,
            text: text_of(title, problem, options, None, ctx)?,
            decision_id: (ctx.new_id)(),
            status: if *open { Status::Open } else { Status::Draft },
        },
        DecisionsCommand::Revise {
            decision_id,
            title,
            problem,
            options,
        } => {
            let d = decision(state, decision_id)?;
            if d.sealed() {
                return Err(Problem::DecisionSealed.into());
            }
            check_fresh(ctx, Some(d.edited()), &d.text().title, false)?;
            let text = text_of(title, problem, options, Some(d.text()), ctx)?;
            if &text == d.text() {
                return Ok(Vec::new());
            }
            DecisionsChange::DecisionRevised {
                decision_id: decision_id.clone(),
                text,
            }
        }
        DecisionsCommand::SetStatus {
            decision_id,
            status,
            reason: why,
        } => {
            let d = decision(state, decision_id)?;
            let status = Status::parse(status).ok_or(Problem::UnknownOption)?;
            // Deciding is closing, with its outcome; a decided or deferred
            // one is reopened (a recorded step with a new revision).
            let allowed = matches!(
                (d.status, status),
                (Status::Draft, Status::Open)
                    | (Status::Open, Status::Deferred)
                    | (Status::Open, Status::Draft)
            );
            if !allowed {
                return Err(Problem::UnknownOption.into());
            }
            DecisionsChange::DecisionStatusChanged {
                decision_id: decision_id.clone(),
                status,
                reason: reason(why, status == Status::Deferred)?,
            }
        }
        DecisionsCommand::Argue {
            decision_id,
            option_id,
            side,
            text,
            evidence,
            profession,
        } => {
            let d = decision(state, decision_id)?;
            open_for_discussion(d)?;
            d.option(option_id).ok_or(AppError::NotFound)?;
            DecisionsChange::ArgumentAdded {
                decision_id: decision_id.clone(),
                argument_id: (ctx.new_id)(),
                option_id: option_id.clone(),
                side: Side::parse(side).ok_or(Problem::UnknownOption)?,
                text: match reason(text, true) {
                    Err(Problem::ReasonRequired) => return Err(Problem::TextMissing.into()),
                    other => other?,
                },
                evidence: free_text(evidence, ARGUMENT_MAX_CHARS, Problem::TextTooLong)?,
                profession: *profession,
            }
        }
        DecisionsCommand::TakePosition {
            decision_id,
            option_id,
            stance,
            reason: why,
            profession,
        } => {
            let d = decision(state, decision_id)?;
            open_for_discussion(d)?;
            d.option(option_id).ok_or(AppError::NotFound)?;
            let stance = Stance::parse(stance).ok_or(Problem::UnknownOption)?;
            let why = reason(why, stance.needs_reason())?;
            // The same position sent again (a double click, a resend, fifty
            // at once) is one position.
            let latest = d
                .positions
                .get(ctx.actor_id)
                .and_then(|by_option| by_option.get(option_id))
                .and_then(|p| p.last());
            if latest.is_some_and(|p| p.stance == stance && p.reason == why && p.revision == d.revision()) {
                return Ok(Vec::new());
            }
            DecisionsChange::PositionTaken {
                decision_id: decision_id.clone(),
                option_id: option_id.clone(),
                stance,
                reason: why,
                revision: d.revision(),
                profession: *profession,
            }
        }
        DecisionsCommand::Close {
            decision_id,
            outcome,
            rationale,
            override_reason,
            criteria,
            evaluate_on,
        } => {
            let d = decision(state, decision_id)?;
            if d.status != Status::Open {
                return Err(Problem::DecisionNotOpen.into());
            }
            if !d.quorum_missing().is_empty() {
                return Err(Problem::QuorumNotMet.into());
            }

            let outcome = match outcome.trim() {
                "" => None,
                id => Some(d.option(id).ok_or(AppError::NotFound)?.id.clone()),
            };
            let rationale = reason(rationale, true)?;
            let override_reason = free_text(override_reason, ARGUMENT_MAX_CHARS, Problem::TextTooLong)?;
            let mut dissent = Vec::new();
            if let Some(accepted) = &outcome {
                if !d.blocks(accepted).is_empty() && override_reason.is_empty() {
                    return Err(Problem::OpenBlock.into());
                }
                for (person, p) in d.latest_positions(accepted) {
                    if matches!(p.stance, Stance::Disagree | Stance::Block) {
                        dissent.push(Dissent {
                            person: person.clone(),
                            profession: p.profession,
                            stance: p.stance,
                            reason: p.reason.clone(),
                        });
                    }
                }
            }
            DecisionsChange::DecisionClosed {
                decision_id: decision_id.clone(),
                outcome,
                rationale,
                dissent,
                override_reason,
                criteria: criteria_of(criteria, evaluate_on)?,
            }
        }
        DecisionsCommand::SetQuorum {
            decision_id,
            professions,
        } => {
            let d = decision(state, decision_id)?;
            if d.sealed() {
                return Err(Problem::DecisionSealed.into());
            }
            let mut quorum = professions
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|p| Profession::parse(p.trim()).map_err(|_| Problem::UnknownProfession))
                .collect::<Result<Vec<_>, _>>()?;
            quorum.sort();
            quorum.dedup();
            if quorum == d.quorum {
                return Ok(Vec::new());
            }
            DecisionsChange::QuorumSet {
                decision_id: decision_id.clone(),
                professions: quorum,
            }
        }
        DecisionsCommand::Supersede {
            decision_id,
            by,
            reason: why,
        } => {
            let d = decision(state, decision_id)?;
            if !matches!(d.status, Status::Decided | Status::Deferred) {
                return Err(Problem::NotDecided.into());
            }
            let newer = decision(state, by)?;
            // A chain of replacements that comes back to this decision
            // would leave no decision standing.
            let mut next = Some(newer);
            while let Some(n) = next {
                if n.id == *decision_id {
                    return Err(Problem::SupersededByItself.into());
                }
                next = n
                    .superseded_by
                    .as_deref()
                    .and_then(|id| state.content.decisions.decisions.get(id));
            }
            DecisionsChange::DecisionSuperseded {
                decision_id: decision_id.clone(),
                by: by.clone(),
                reason: reason(why, true)?,
            }
        }
        DecisionsCommand::Reopen {
            decision_id,
            reason: why,
        } => {
            let d = decision(state, decision_id)?;
            if !d.sealed() {
                return Err(Problem::DecisionNotOpen.into());
            }
            DecisionsChange::DecisionReopened {
                decision_id: decision_id.clone(),
                reason: reason(why, true)?,
            }
        }
    };
    Ok(vec![change])
}
