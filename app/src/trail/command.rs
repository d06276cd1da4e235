//! Commands: what a person asks for. A feature decides its own commands
//! (`Domain::decide`); taking back one's own latest change is the core's,
//! since every feature's changes can be taken back the same way. Pure, so it
//! is tested without a database.

use super::domain::{Context, Domain};
use super::event::{Entry, Event};
use super::state::{Stamp, State};
use crate::error::{AppError, Conflict, Problem};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request<K> {
    /// A feature's command.
    Do(K),
    /// Take back one's own latest change that can still be taken back.
    Undo,
}

/// Refuses a change to something another person changed after `base_seq`.
/// One's own later changes do not conflict with oneself.
pub fn check_fresh(ctx: &Context, stamp: Option<&Stamp>, item: &str, removed: bool) -> Result<(), AppError> {
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

/// What a request records in the log.
pub fn decide<D: Domain>(
    state: &State<D>,
    ctx: &mut Context,
    request: &Request<D::Command>,
) -> Result<Vec<Entry<D::Change>>, AppError> {
    let command = match request {
        Request::Do(command) => Some(command),
        Request::Undo => None,
    };
    D::admit(state, ctx, command)?;
    match request {
        Request::Do(command) => Ok(D::decide(state, ctx, command)?
            .into_iter()
            .map(Entry::Change)
            .collect()),
        Request::Undo => undo(state, ctx).map(|e| vec![e]),
    }
}

/// The person's latest undoable change, taken back; refused if someone else
/// has since changed or removed what it would restore.
fn undo<D: Domain>(state: &State<D>, ctx: &mut Context) -> Result<Entry<D::Change>, AppError> {
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
        curator: ctx.curator,
    };
    for change in &entry.changes {
        if let Some(guard) = state.content.guard(change) {
            check_fresh(&since, guard.last_change.as_ref(), &guard.item, guard.removed)?;
        }
    }
    // Whatever else stands in the way (an end of a link removed since):
    // try it on a copy.
    let change = Entry::Undone {
        of_seq: entry.seq,
        changes: entry.changes.clone(),
    };
    let mut trial = state.clone();
    let probe = Event {
        project_id: state.project_id.clone(),
        seq: state.seq + 1,
        id: String::new(),
        actor_id: ctx.actor_id.to_owned(),
        at_ms: state.at_ms,
        workshop_id: None,
        change: change.clone(),
    };
    trial.apply(&probe).map_err(|_| Problem::CannotUndo)?;
    Ok(change)
}
