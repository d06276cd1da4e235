//! What facilitators and participants ask of a workshop, and the rules.
//! Running a workshop is for those who may curate (leads and
//! facilitators); joining and saying one is done are for everyone.

use super::changes::WorkshopsChange as C;
use super::model::{
    Activity, VoteItem, Workshop, MAX_ACTIVITIES, MAX_CHOSEN, MAX_DOTS, MAX_MINUTES, MAX_VOTE_ITEMS,
    MIN_VOTE_ITEMS,
};
use crate::error::{AppError, Problem};
use crate::features::Project;
use crate::text::{free_text, one_line};
use crate::trail::{Context, State};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 120;
pub const GOAL_MAX_CHARS: usize = 2_000;
pub const NOTES_MAX_CHARS: usize = 20_000;

/// A workshop's plan as a facilitator writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub title: String,
    pub starts_at: String,
    pub goal: String,
    pub agenda: Vec<Activity>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkshopsCommand {
    Plan(Plan),
    Replan {
        workshop_id: String,
        plan: Plan,
    },
    /// `code` is drawn by the server (it must be random, which a rule
    /// cannot be).
    Start {
        workshop_id: String,
        code: String,
    },
    StartActivity {
        workshop_id: String,
        index: usize,
    },
    Pause {
        workshop_id: String,
    },
    Resume {
        workshop_id: String,
    },
    BringEveryone {
        workshop_id: String,
        path: Option<String>,
    },
    Lock {
        workshop_id: String,
        locked: bool,
    },
    Join {
        workshop_id: String,
    },
    Done {
        workshop_id: String,
    },
    WriteNotes {
        workshop_id: String,
        notes: String,
    },
    End {
        workshop_id: String,
    },
    /// `items` are ids (`field:ID`, `pain_point:ID`, `option:DECISION:OPTION`);
    /// their words are taken from the project as it is.
    OpenDotVote {
        workshop_id: String,
        items: Vec<String>,
        dots: u32,
    },
    /// What agenda item `index` works on: `context:ID`s for a rating
    /// activity, `decision:ID`s for a deciding one; none clears it.
    ChooseItems {
        workshop_id: String,
        index: usize,
        items: Vec<String>,
    },
    /// The server gathers the totals; the rules check the vote is open.
    RevealDots {
        vote_id: String,
        totals: Vec<u32>,
        voters: u32,
    },
}

/// `YYYY-MM-DDTHH:MM`, as a browser's date-time field sends it.
pub fn check_starts_at(raw: &str) -> Result<String, Problem> {
    let raw = raw.trim();
    let (date, time) = raw.split_once('T').ok_or(Problem::DateInvalid)?;
    crate::decisions::dates::ms_of(date).ok_or(Problem::DateInvalid)?;
    let (h, m) = time.split_once(':').ok_or(Problem::DateInvalid)?;
    let ok = |s: &str, max: u32| s.len() == 2 && s.parse::<u32>().is_ok_and(|v| v <= max);
    if !ok(h, 23) || !ok(m, 59) {
        return Err(Problem::DateInvalid);
    }
    Ok(format!("{date}T{h}:{m}"))
}

pub fn check_plan(plan: &Plan) -> Result<Plan, Problem> {
    let title = one_line(
        &plan.title,
        TITLE_MAX_CHARS,
        Problem::NameMissing,
        Problem::NameTooLong,
    )?;
    let goal = free_text(&plan.goal, GOAL_MAX_CHARS, Problem::DescriptionTooLong)?;
    let starts_at = check_starts_at(&plan.starts_at)?;
    if plan.agenda.is_empty() {
        return Err(Problem::AgendaEmpty);
    }
    if plan.agenda.len() > MAX_ACTIVITIES {
        return Err(Problem::AgendaTooLong);
    }
    let agenda = plan
        .agenda
        .iter()
        .map(|a| {
            if a.minutes == 0 || a.minutes > MAX_MINUTES {
                return Err(Problem::TimeBoxInvalid);
            }
            Ok(Activity {
                title: one_line(
                    &a.title,
                    TITLE_MAX_CHARS,
                    Problem::NameMissing,
                    Problem::NameTooLong,
                )?,
                kind: a.kind,
                minutes: a.minutes,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Plan {
        title,
        starts_at,
        goal,
        agenda,
    })
}

/// A page of this project that everyone may be brought to: a path under
/// the project's own address, without a scheme, host or `..`.
pub fn check_path(project_id: &str, path: &str) -> Result<String, Problem> {
    let base = format!("/projects/{project_id}");
    let path = path.trim();
    let inside =
        path == base || path.starts_with(&format!("{base}/")) || path.starts_with(&format!("{base}?"));
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/-_.~?=&%".contains(c));
    if !inside || !plain || path.contains("..") || path.contains("//") || path.len() > 500 {
        return Err(Problem::Malformed);
    }
    Ok(path.to_owned())
}

fn find<'a>(state: &'a State<Project>, id: &str) -> Result<&'a Workshop, AppError> {
    state
        .content
        .workshops
        .workshops
        .get(id)
        .ok_or(AppError::NotFound)
}

fn running<'a>(state: &'a State<Project>, id: &str) -> Result<&'a Workshop, AppError> {
    let w = find(state, id)?;
    if !w.is_running() {
        return Err(Problem::WorkshopNotRunning.into());
    }
    Ok(w)
}

fn curating(ctx: &Context) -> Result<(), AppError> {
    if ctx.curator {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn decide(
    state: &State<Project>,
    ctx: &mut Context,
    command: &WorkshopsCommand,
) -> Result<Vec<C>, AppError> {
    use WorkshopsCommand as K;
    let one = |c: C| Ok(vec![c]);
    match command {
        K::Join { workshop_id } => {
            let w = running(state, workshop_id)?;
            if w.joined.contains_key(ctx.actor_id) {
                return Ok(Vec::new());
            }
            one(C::WorkshopJoined {
                workshop_id: w.id.clone(),
            })
        }
        K::Done { workshop_id } => {
            let w = running(state, workshop_id)?;
            let current = w.current.as_ref().ok_or(Problem::NoActivityRunning)?;
            if current.done.contains(ctx.actor_id) {
                return Ok(Vec::new());
            }
            one(C::ActivityDone {
                workshop_id: w.id.clone(),
                index: current.index,
            })
        }
        _ => {
            curating(ctx)?;
            decide_as_facilitator(state, ctx, command)
        }
    }
}

fn decide_as_facilitator(
    state: &State<Project>,
    ctx: &mut Context,
    command: &WorkshopsCommand,
) -> Result<Vec<C>, AppError> {
    use WorkshopsCommand as K;
    let one = |c: C| Ok(vec![c]);
    let workshops = &state.content.workshops;
    match command {
        K::Plan(plan) => {
            let Plan {
                title,
                starts_at,
                goal,
                agenda,
            } = check_plan(plan)?;
            one(C::WorkshopPlanned {
                workshop_id: (ctx.new_id)(),
                title,
                starts_at,
                goal,
                agenda,
            })
        }
        K::Replan { workshop_id, plan } => {
            let w = find(state, workshop_id)?;
            if w.started.is_some() {
                return Err(Problem::WorkshopStarted.into());
            }
            let Plan {
                title,
                starts_at,
                goal,
                agenda,
            } = check_plan(plan)?;
            one(C::WorkshopReplanned {
                workshop_id: w.id.clone(),
                title,
                starts_at,
                goal,
                agenda,
            })
        }
        K::Start { workshop_id, code } => {
            let w = find(state, workshop_id)?;
            if w.started.is_some() {
                return Err(Problem::WorkshopStarted.into());
            }
            if workshops.running().is_some() {
                return Err(Problem::WorkshopRunning.into());
            }
            one(C::WorkshopStarted {
                workshop_id: w.id.clone(),
                code: code.clone(),
            })
        }
        K::StartActivity { workshop_id, index } => {
            let w = running(state, workshop_id)?;
            let activity = w.agenda.get(*index).ok_or(AppError::NotFound)?;
            one(C::ActivityStarted {
                workshop_id: w.id.clone(),
                index: *index,
                seconds: i64::from(activity.minutes) * 60,
            })
        }
        K::Pause { workshop_id } | K::Resume { workshop_id } => {
            let w = running(state, workshop_id)?;
            let timer = &w.current.as_ref().ok_or(Problem::NoActivityRunning)?.timer;
            let pause = matches!(command, K::Pause { .. });
            if pause == timer.paused_left_ms.is_some() {
                return Ok(Vec::new());
            }
            let workshop_id = w.id.clone();
            one(match pause {
                true => C::TimerPaused { workshop_id },
                false => C::TimerResumed { workshop_id },
            })
        }
        K::BringEveryone { workshop_id, path } => {
            let w = running(state, workshop_id)?;
            let path = path
                .as_deref()
                .map(|p| check_path(&state.project_id, p))
                .transpose()?;
            one(C::EveryoneBrought {
                workshop_id: w.id.clone(),
                path,
            })
        }
        K::Lock { workshop_id, locked } => {
            let w = running(state, workshop_id)?;
            if w.locked == *locked {
                return Ok(Vec::new());
            }
            one(C::EditingLocked {
                workshop_id: w.id.clone(),
                locked: *locked,
            })
        }
        K::WriteNotes { workshop_id, notes } => {
            let w = find(state, workshop_id)?;
            let notes = free_text(notes, NOTES_MAX_CHARS, Problem::TextTooLong)?;
            if w.notes == notes {
                return Ok(Vec::new());
            }
            one(C::WorkshopNotesWritten {
                workshop_id: w.id.clone(),
                notes,
            })
        }
        K::End { workshop_id } => {
            let w = running(state, workshop_id)?;
            one(C::WorkshopEnded {
                workshop_id: w.id.clone(),
            })
        }
        K::OpenDotVote {
            workshop_id,
            items,
            dots,
        } => {
            let w = running(state, workshop_id)?;
            if workshops
                .dot_votes
                .values()
                .any(|v| v.workshop_id == w.id && v.revealed.is_none())
            {
                return Err(Problem::DotVoteOpen.into());
            }
            if !(1..=MAX_DOTS).contains(dots) {
                return Err(Problem::DotsOutOfRange.into());
            }
            let chosen = labelled(items, |id| item_label(state, id))?;
            if !(MIN_VOTE_ITEMS..=MAX_VOTE_ITEMS).contains(&chosen.len()) {
                return Err(Problem::VoteItemsOutOfRange.into());
            }
            one(C::DotVoteOpened {
                workshop_id: w.id.clone(),
                vote_id: (ctx.new_id)(),
                items: chosen,
                dots: *dots,
            })
        }
        K::RevealDots {
            vote_id,
            totals,
            voters,
        } => {
            let vote = workshops
                .dot_votes
                .get(vote_id)
                .filter(|v| v.revealed.is_none())
                .ok_or(Problem::DotVoteNotOpen)?;
            if totals.len() != vote.items.len() {
                return Err(Problem::Malformed.into());
            }
            one(C::DotVoteRevealed {
                workshop_id: vote.workshop_id.clone(),
                vote_id: vote.id.clone(),
                totals: totals.clone(),
                voters: *voters,
            })
        }
        K::ChooseItems {
            workshop_id,
            index,
            items,
        } => {
            let w = find(state, workshop_id)?;
            if w.ended.is_some() {
                return Err(Problem::WorkshopNotRunning.into());
            }
            let activity = w.agenda.get(*index).ok_or(AppError::NotFound)?;
            let wanted = activity.kind.chooses().ok_or(Problem::Malformed)?;
            let chosen = labelled(items, |id| chosen_label(state, wanted, id))?;
            if chosen.len() > MAX_CHOSEN {
                return Err(Problem::TooManyChosen.into());
            }
            if w.chosen
                .get(index)
                .map_or(chosen.is_empty(), |now| *now == chosen)
            {
                return Ok(Vec::new());
            }
            one(C::ActivityItemsChosen {
                workshop_id: w.id.clone(),
                index: *index,
                items: chosen,
            })
        }
        K::Join { .. } | K::Done { .. } => unreachable!("decided for everyone above"),
    }
}

/// `ids` with their words as the project has them now, each once, in the
/// order given; an id the project does not hold is not found.
fn labelled(ids: &[String], label_of: impl Fn(&str) -> Option<String>) -> Result<Vec<VoteItem>, AppError> {
    let mut items: Vec<VoteItem> = Vec::new();
    for id in ids {
        let label = label_of(id).ok_or(AppError::NotFound)?;
        if !items.iter().any(|i| &i.id == id) {
            items.push(VoteItem {
                id: id.clone(),
                label,
            });
        }
    }
    Ok(items)
}

/// The words of a context of use (`wanted` = `context`, not retired) or
/// a decision (`decision`) an activity may work on.
fn chosen_label(state: &State<Project>, wanted: &str, id: &str) -> Option<String> {
    let content = &state.content;
    match id.split_once(':')? {
        ("context", context) if wanted == "context" => content
            .fields
            .contexts
            .get(context)
            .filter(|c| !c.retired)
            .map(|c| c.name().to_owned()),
        ("decision", decision) if wanted == "decision" => content
            .decisions
            .decisions
            .get(decision)
            .map(|d| d.text().title.clone()),
        _ => None,
    }
}

/// The words of something that can be voted on, if it is in the project
/// now (a retired field is not).
pub fn item_label(state: &State<Project>, id: &str) -> Option<String> {
    let content = &state.content;
    match id.split_once(':')? {
        ("field", field) => content
            .fields
            .fields
            .get(field)
            .filter(|f| !f.retired)
            .map(|f| f.name().to_owned()),
        ("pain_point", pain) => content.map.pain_points.get(pain).map(|p| p.text.clone()),
        ("option", rest) => {
            let (decision, option) = rest.split_once(':')?;
            let d = content.decisions.decisions.get(decision)?;
            let text = d.text();
            let o = text.options.iter().find(|o| o.id == option)?;
            Some(format!("{}: {}", text.title, o.text))
        }
        _ => None,
    }
}
