//! What people ask of the map, and the rules that turn it into changes.

use super::changes::{MapChange, Place};
use super::model::{Channel, ElementKind, LinkKind, Timing, POSITION_LIMIT};
use super::slice::MapSlice;
use crate::error::{AppError, Problem};
use crate::features::Project;
use crate::people::Profession;
use crate::text::{collapse_whitespace, free_text, one_line};
use crate::trail::{check_fresh, Context, State};
use serde::{Deserialize, Serialize};

pub const NAME_MAX_CHARS: usize = 120;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const PAIN_POINT_MAX_CHARS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MapCommand {
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
    /// Lays the map out readably (`layout::arrange`).
    ArrangeMap {
        map_id: String,
    },
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

/// A place on the map, within `POSITION_LIMIT` either way.
fn check_position(x: i32, y: i32) -> Result<(), Problem> {
    let within = -POSITION_LIMIT..=POSITION_LIMIT;
    if !within.contains(&x) || !within.contains(&y) {
        return Err(Problem::PositionOutOfRange);
    }
    Ok(())
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

/// The thing was removed: a conflict if someone else removed it after the
/// page was loaded, otherwise simply not found.
fn gone(state: &MapSlice, ctx: &Context, id: &str) -> AppError {
    let item = state.removed_names.get(id).cloned().unwrap_or_default();
    match check_fresh(ctx, state.removed.get(id), &item, true) {
        Err(conflict) => conflict,
        Ok(()) => AppError::NotFound,
    }
}

pub fn decide(
    state: &State<Project>,
    ctx: &mut Context,
    command: &MapCommand,
) -> Result<Vec<MapChange>, AppError> {
    let state = &state.map;
    let change = match command {
        MapCommand::CreateMap { name: raw } => MapChange::MapCreated {
            map_id: (ctx.new_id)(),
            name: name(raw)?,
        },
        MapCommand::AddElement {
            map_id,
            kind,
            name: raw_name,
            description: raw_description,
            x,
            y,
        } => {
            let element_kind = ElementKind::parse(kind).ok_or(Problem::UnknownElementKind)?;
            check_position(*x, *y)?;
            let name = name(raw_name)?;
            let description = description(raw_description)?;
            if !state.maps.contains_key(map_id) {
                return Err(AppError::NotFound);
            }
            MapChange::ElementAdded {
                element_id: (ctx.new_id)(),
                map_id: map_id.clone(),
                element_kind,
                name,
                description,
                x: *x,
                y: *y,
            }
        }
        MapCommand::EditElement {
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
            MapChange::ElementEdited {
                element_id: element_id.clone(),
                name,
                description,
            }
        }
        // Two people moving one box: both moves are kept, the later wins.
        MapCommand::MoveElement { element_id, x, y } => {
            check_position(*x, *y)?;
            if !state.elements.contains_key(element_id) {
                return Err(gone(state, ctx, element_id));
            }
            MapChange::ElementMoved {
                element_id: element_id.clone(),
                x: *x,
                y: *y,
            }
        }
        MapCommand::RemoveElement { element_id } => {
            let Some(el) = state.elements.get(element_id) else {
                return Err(gone(state, ctx, element_id));
            };
            check_fresh(ctx, state.element_edits.get(element_id), &el.name, false)?;
            MapChange::ElementRemoved {
                element_id: element_id.clone(),
            }
        }
        MapCommand::AddLink {
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
            MapChange::LinkAdded {
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
        MapCommand::EditLink { link_id, details } => {
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
            MapChange::LinkEdited {
                link_id: link_id.clone(),
                link_kind: d.kind,
                label: d.label,
                description: d.description,
                channel: d.channel,
                message_type: d.message_type,
                timing: d.timing,
            }
        }
        MapCommand::RemoveLink { link_id } => {
            if !state.links.contains_key(link_id) {
                return Err(gone(state, ctx, link_id));
            }
            MapChange::LinkRemoved {
                link_id: link_id.clone(),
            }
        }
        MapCommand::RaisePainPoint {
            target,
            text,
            profession,
        } => {
            let text = pain_point_text(text)?;
            if !state.elements.contains_key(target) && !state.links.contains_key(target) {
                return Err(gone(state, ctx, target));
            }
            MapChange::PainPointRaised {
                pain_point_id: (ctx.new_id)(),
                target: target.clone(),
                text,
                profession: *profession,
            }
        }
        MapCommand::ArrangeMap { map_id } => {
            if !state.maps.contains_key(map_id) {
                return Err(AppError::NotFound);
            }
            let elements: Vec<_> = state.elements.values().filter(|e| &e.map_id == map_id).collect();
            let links: Vec<_> = state.links.values().filter(|l| &l.map_id == map_id).collect();
            let places: Vec<Place> = super::layout::arrange(&elements, &links)
                .into_iter()
                .filter(|(id, x, y)| state.elements.get(id).is_some_and(|e| (e.x, e.y) != (*x, *y)))
                .map(|(element_id, x, y)| Place { element_id, x, y })
                .collect();
            // Already arranged: nothing to record, nothing to undo.
            if places.is_empty() {
                return Ok(Vec::new());
            }
            MapChange::ElementsArranged {
                map_id: map_id.clone(),
                places,
            }
        }
        MapCommand::RemovePainPoint { pain_point_id } => {
            if !state.pain_points.contains_key(pain_point_id) {
                return Err(gone(state, ctx, pain_point_id));
            }
            MapChange::PainPointRemoved {
                pain_point_id: pain_point_id.clone(),
            }
        }
    };
    Ok(vec![change])
}
