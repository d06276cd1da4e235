//! Commands: what a person asks for. `decide` checks a command against the
//! current state and the version the person's page was based on, and turns
//! it into changes. Pure, so it is tested without a database.

use super::event::{Change, Seq};
use super::reducer::{ProjectState, Stamp};
use crate::error::{AppError, Conflict, Problem};
use crate::map::model::{Channel, ElementKind, LinkKind, Timing};
use crate::projects::domain::Profession;
use crate::projects::domain::{ProjectName, Purpose};
use crate::text::{collapse_whitespace, free_text, one_line};
use serde::{Deserialize, Serialize};

pub const NAME_MAX_CHARS: usize = 120;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const PAIN_POINT_MAX_CHARS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    DescribeProject {
        name: String,
        purpose: String,
    },
    CreateMap {
        name: String,
    },
    AddElement {
        map_id: String,
        kind: String,
        name: String,
        description: String,
        x: i32,
        y: i32,
    },
    EditElement {
        element_id: String,
        name: String,
        description: String,
    },
    MoveElement {
        element_id: String,
        x: i32,
        y: i32,
    },
    RemoveElement {
        element_id: String,
    },
    AddLink {
        map_id: String,
        from: String,
        to: String,
        details: LinkDetails,
    },
    EditLink {
        link_id: String,
        details: LinkDetails,
    },
    RemoveLink {
        link_id: String,
    },
    RaisePainPoint {
        target: String,
        text: String,
        profession: Option<Profession>,
    },
    RemovePainPoint {
        pain_point_id: String,
    },
    /// Take back one's own latest change that can still be taken back.
    Undo,
}

/// A link's kind and particulars, as typed (checked by `decide`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LinkDetails {
    pub kind: String,
    pub label: String,
    pub description: String,
    /// Empty for none.
    pub channel: String,
    pub message_type: String,
    /// Empty for none.
    pub timing: String,
}

struct CheckedLink {
    kind: LinkKind,
    label: String,
    description: String,
    channel: Option<Channel>,
    message_type: String,
    timing: Option<Timing>,
}

fn check_link(d: &LinkDetails) -> Result<CheckedLink, Problem> {
    let kind = LinkKind::parse(&d.kind).ok_or(Problem::UnknownLinkKind)?;
    let label = collapse_whitespace(&d.label);
    let message_type = collapse_whitespace(&d.message_type);
    if label.chars().count() > NAME_MAX_CHARS || message_type.chars().count() > NAME_MAX_CHARS {
        return Err(Problem::NameTooLong);
    }
    let channel = match d.channel.trim() {
        "" => None,
        raw => Some(Channel::parse(raw).ok_or(Problem::Malformed)?),
    };
    let timing = match d.timing.trim() {
        "" => None,
        raw => Some(Timing::parse(raw).ok_or(Problem::Malformed)?),
    };
    Ok(CheckedLink {
        kind,
        label,
        description: description(&d.description)?,
        channel,
        message_type,
        timing,
    })
}

fn name(raw: &str) -> Result<String, Problem> {
    one_line(raw, NAME_MAX_CHARS, Problem::NameMissing, Problem::NameTooLong)
}

fn description(raw: &str) -> Result<String, Problem> {
    free_text(raw, DESCRIPTION_MAX_CHARS, Problem::DescriptionTooLong)
}

fn pain_point_text(raw: &str) -> Result<String, Problem> {
    one_line(
        raw,
        PAIN_POINT_MAX_CHARS,
        Problem::TextMissing,
        Problem::TextTooLong,
    )
}

/// What the deciding needs to know besides the state.
pub struct Context<'a> {
    pub actor_id: &'a str,
    /// The version the person's page showed. `None` for writes that cannot
    /// conflict (a new project's first description, a move).
    pub base_seq: Option<Seq>,
    /// Display name of a user id, for conflict messages.
    pub name_of: &'a dyn Fn(&str) -> String,
    pub new_id: &'a mut dyn FnMut() -> String,
}

/// Refuses a change to something another person changed after `base_seq`.
/// One's own later changes do not conflict with oneself.
fn check_fresh(ctx: &Context, stamp: Option<&Stamp>, item: &str, removed: bool) -> Result<(), AppError> {
    match (ctx.base_seq, stamp) {
        (Some(base), Some(s)) if s.seq > base && s.actor_id != ctx.actor_id => {
            Err(AppError::Conflict(Conflict {
                by: (ctx.name_of)(&s.actor_id),
                item: item.to_owned(),
                removed,
            }))
        }
        _ => Ok(()),
    }
}

/// The thing was removed: a conflict if someone else removed it after the
/// page was loaded, otherwise simply not found.
fn gone(state: &ProjectState, ctx: &Context, id: &str) -> AppError {
    let item = state.removed_names.get(id).cloned().unwrap_or_default();
    match check_fresh(ctx, state.removed.get(id), &item, true) {
        Err(conflict) => conflict,
        Ok(()) => AppError::NotFound,
    }
}

pub fn decide(state: &ProjectState, ctx: &mut Context, command: &Command) -> Result<Vec<Change>, AppError> {
    let change = match command {
        Command::DescribeProject { name, purpose } => {
            let name = ProjectName::parse(name)?;
            let purpose = Purpose::parse(purpose)?;
            check_fresh(ctx, state.described.as_ref(), &state.name, false)?;
            Change::ProjectDescribed {
                name: name.as_str().to_owned(),
                purpose: purpose.as_str().to_owned(),
            }
        }
        Command::CreateMap { name: raw } => Change::MapCreated {
            map_id: (ctx.new_id)(),
            name: name(raw)?,
        },
        Command::AddElement {
            map_id,
            kind,
            name: raw_name,
            description: raw_description,
            x,
            y,
        } => {
            let element_kind = ElementKind::parse(kind).ok_or(Problem::UnknownElementKind)?;
            let name = name(raw_name)?;
            let description = description(raw_description)?;
            if !state.maps.contains_key(map_id) {
                return Err(AppError::NotFound);
            }
            Change::ElementAdded {
                element_id: (ctx.new_id)(),
                map_id: map_id.clone(),
                element_kind,
                name,
                description,
                x: *x,
                y: *y,
            }
        }
        Command::EditElement {
            element_id,
            name: raw_name,
            description: raw_description,
        } => {
            let name = name(raw_name)?;
            let description = description(raw_description)?;
            let Some(el) = state.elements.get(element_id) else {
                return Err(gone(state, ctx, element_id));
            };
            check_fresh(ctx, state.element_edits.get(element_id), &el.name, false)?;
            Change::ElementEdited {
                element_id: element_id.clone(),
                name,
                description,
            }
        }
        // Two people moving one box: both moves are kept, the later wins.
        Command::MoveElement { element_id, x, y } => {
            if !state.elements.contains_key(element_id) {
                return Err(gone(state, ctx, element_id));
            }
            Change::ElementMoved {
                element_id: element_id.clone(),
                x: *x,
                y: *y,
            }
        }
        Command::RemoveElement { element_id } => {
            let Some(el) = state.elements.get(element_id) else {
                return Err(gone(state, ctx, element_id));
            };
            check_fresh(ctx, state.element_edits.get(element_id), &el.name, false)?;
            Change::ElementRemoved {
                element_id: element_id.clone(),
            }
        }
        Command::AddLink {
            map_id,
            from,
            to,
            details,
        } => {
            let d = check_link(details)?;
            if from == to {
                return Err(Problem::LinkToItself.into());
            }
            if !state.maps.contains_key(map_id) {
                return Err(AppError::NotFound);
            }
            for end in [from, to] {
                if !state.elements.contains_key(end) {
                    return Err(gone(state, ctx, end));
                }
            }
            Change::LinkAdded {
                link_id: (ctx.new_id)(),
                map_id: map_id.clone(),
                from: from.clone(),
                to: to.clone(),
                link_kind: d.kind,
                label: d.label,
                description: d.description,
                channel: d.channel,
                message_type: d.message_type,
                timing: d.timing,
            }
        }
        Command::EditLink { link_id, details } => {
            let d = check_link(details)?;
            let Some(link) = state.links.get(link_id) else {
                return Err(gone(state, ctx, link_id));
            };
            let name = if link.label.is_empty() {
                d.label.clone()
            } else {
                link.label.clone()
            };
            check_fresh(ctx, state.link_edits.get(link_id), &name, false)?;
            Change::LinkEdited {
                link_id: link_id.clone(),
                link_kind: d.kind,
                label: d.label,
                description: d.description,
                channel: d.channel,
                message_type: d.message_type,
                timing: d.timing,
            }
        }
        Command::RemoveLink { link_id } => {
            if !state.links.contains_key(link_id) {
                return Err(gone(state, ctx, link_id));
            }
            Change::LinkRemoved {
                link_id: link_id.clone(),
            }
        }
        Command::RaisePainPoint {
            target,
            text,
            profession,
        } => {
            let text = pain_point_text(text)?;
            if !state.elements.contains_key(target) && !state.links.contains_key(target) {
                return Err(gone(state, ctx, target));
            }
            Change::PainPointRaised {
                pain_point_id: (ctx.new_id)(),
                target: target.clone(),
                text,
                profession: *profession,
            }
        }
        Command::RemovePainPoint { pain_point_id } => {
            if !state.pain_points.contains_key(pain_point_id) {
                return Err(gone(state, ctx, pain_point_id));
            }
            Change::PainPointRemoved {
                pain_point_id: pain_point_id.clone(),
            }
        }
        Command::Undo => return undo(state, ctx),
    };
    Ok(vec![change])
}

/// The person's latest undoable change, taken back; refused if someone else
/// has since changed or removed what it would restore.
fn undo(state: &ProjectState, ctx: &mut Context) -> Result<Vec<Change>, AppError> {
    let entry = state
        .undo
        .get(ctx.actor_id)
        .and_then(|stack| stack.last())
        .ok_or(Problem::NothingToUndo)?;
    let since = Context {
        actor_id: ctx.actor_id,
        base_seq: Some(entry.seq),
        name_of: ctx.name_of,
        new_id: ctx.new_id,
    };
    for change in &entry.changes {
        let (id, stamp) = match change {
            Change::ElementEdited { element_id, .. } | Change::ElementRemoved { element_id } => {
                (element_id, state.element_edits.get(element_id))
            }
            Change::LinkEdited { link_id, .. } | Change::LinkRemoved { link_id } => {
                (link_id, state.link_edits.get(link_id))
            }
            Change::ElementAdded { element_id: id, .. }
            | Change::LinkAdded { link_id: id, .. }
            | Change::PainPointRaised {
                pain_point_id: id, ..
            } => (id, state.removed.get(id)),
            _ => continue,
        };
        let item = state.removed_names.get(id).cloned().unwrap_or_else(|| {
            state
                .elements
                .get(id)
                .map(|e| e.name.clone())
                .or_else(|| state.links.get(id).map(|l| l.label.clone()))
                .unwrap_or_default()
        });
        check_fresh(&since, stamp, &item, state.removed.contains_key(id))?;
    }
    // Whatever else stands in the way (an end of a link removed since):
    // try it on a copy.
    let change = Change::Undone {
        of_seq: entry.seq,
        changes: entry.changes.clone(),
    };
    let mut trial = state.clone();
    let probe = super::event::Event {
        project_id: state.project_id.clone(),
        seq: state.seq + 1,
        id: String::new(),
        actor_id: ctx.actor_id.to_owned(),
        at_ms: state.at_ms,
        workshop_id: None,
        change: change.clone(),
    };
    trial.apply(&probe).map_err(|_| Problem::CannotUndo)?;
    Ok(vec![change])
}
