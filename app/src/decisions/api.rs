//! Server functions for design decisions. Arguments are flat form fields,
//! so each works as a plain HTML form. Anyone taking part proposes, argues
//! and takes positions; leads and facilitators change the status, close
//! and reopen; the proposer, a lead or a facilitator edits the text.

use crate::error::AppError;
use crate::trail::Seq;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::commands::DecisionsCommand,
    crate::contribute::{contribute, contribute_as, contribute_if, Made},
    crate::people::Role,
};

/// A textarea's lines: one option each.
#[cfg(feature = "ssr")]
fn lines(raw: &str) -> Vec<String> {
    raw.lines().map(str::to_owned).collect()
}

#[server(prefix = "/api", endpoint = "propose_decision", output = crate::json::JsonAnswer)]
pub async fn propose_decision(
    project_id: String,
    title: String,
    #[server(default)] problem: String,
    /// One option per line.
    #[server(default)]
    options: String,
    /// `references[<n>]`: what it concerns, as `kind:id`.
    #[server(default)]
    references: Vec<String>,
    /// A ticked checkbox sends `on`.
    #[server(default)]
    open: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::submission(token)?,
        DecisionsCommand::Propose {
            title,
            problem,
            options: lines(&options),
            references,
            open: !open.is_empty(),
        },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "revise_decision", output = crate::json::JsonAnswer)]
pub async fn revise_decision(
    project_id: String,
    base_seq: Seq,
    decision_id: String,
    title: String,
    #[server(default)] problem: String,
    #[server(default)] options: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    // Who they are first: a non-member learns nothing, not even whether
    // the project exists.
    let user = crate::auth::server::require_user(&state.pool).await?;
    crate::projects::server::require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?;
    let proposer = head
        .state
        .content
        .decisions
        .decisions
        .get(&decision_id)
        .map(|d| d.proposed_by.clone());
    // The proposer edits their own; leads and facilitators any.
    let own = proposer.as_deref() == Some(user.id.as_str());
    let command = DecisionsCommand::Revise {
        decision_id,
        title,
        problem,
        options: lines(&options),
    };
    let made = Made::on(base_seq);
    if own {
        contribute(project_id, made, command).await?;
    } else {
        contribute_if(project_id, made, Role::can_curate, command).await?;
    }
    Ok(())
}

/// Draft → open, open → draft or deferred (with a reason).
#[server(prefix = "/api", endpoint = "set_decision_status", output = crate::json::JsonAnswer)]
pub async fn set_decision_status(
    project_id: String,
    decision_id: String,
    status: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::default(),
        Role::can_curate,
        DecisionsCommand::SetStatus {
            decision_id,
            status,
            reason,
        },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "argue", output = crate::json::JsonAnswer)]
pub async fn argue(
    project_id: String,
    decision_id: String,
    option_id: String,
    side: String,
    text: String,
    #[server(default)] evidence: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    contribute_as(project_id, Made::submission(token)?, |m| {
        DecisionsCommand::Argue {
            decision_id,
            option_id,
            side,
            text,
            evidence,
            profession: Some(m.profession),
        }
    })
    .await?;
    Ok(())
}

/// A position on an option; the same one sent again counts once.
#[server(prefix = "/api", endpoint = "take_position", output = crate::json::JsonAnswer)]
pub async fn take_position(
    project_id: String,
    decision_id: String,
    option_id: String,
    stance: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    contribute_as(project_id, Made::default(), |m| DecisionsCommand::TakePosition {
        decision_id,
        option_id,
        stance,
        reason,
        profession: Some(m.profession),
    })
    .await?;
    Ok(())
}

/// Seals the decision with its outcome (an option's id, or empty: all
/// rejected), the rationale, and the dissent that remains.
#[server(prefix = "/api", endpoint = "close_decision", output = crate::json::JsonAnswer)]
pub async fn close_decision(
    project_id: String,
    decision_id: String,
    #[server(default)] outcome: String,
    #[server(default)] rationale: String,
    #[server(default)] override_reason: String,
    /// What to evaluate later, one per line.
    #[server(default)]
    criteria: String,
    #[server(default)] evaluate_on: String,
) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::default(),
        Role::can_curate,
        DecisionsCommand::Close {
            decision_id,
            outcome,
            rationale,
            override_reason,
            criteria: lines(&criteria),
            evaluate_on,
        },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "reopen_decision", output = crate::json::JsonAnswer)]
pub async fn reopen_decision(
    project_id: String,
    decision_id: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::default(),
        Role::can_curate,
        DecisionsCommand::Reopen { decision_id, reason },
    )
    .await?;
    Ok(())
}

/// The professions that must have taken a position before the decision
/// can close (ticked boxes; none: no quorum).
#[server(prefix = "/api", endpoint = "set_quorum", output = crate::json::JsonAnswer)]
pub async fn set_quorum(
    project_id: String,
    decision_id: String,
    /// `professions[<n>]`.
    #[server(default)]
    professions: Vec<String>,
) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::default(),
        Role::can_curate,
        DecisionsCommand::SetQuorum {
            decision_id,
            professions,
        },
    )
    .await?;
    Ok(())
}

/// A decided or deferred decision replaced by a later one, named.
#[server(prefix = "/api", endpoint = "supersede_decision", output = crate::json::JsonAnswer)]
pub async fn supersede_decision(
    project_id: String,
    decision_id: String,
    #[server(default)] by: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::default(),
        Role::can_curate,
        DecisionsCommand::Supersede {
            decision_id,
            by,
            reason,
        },
    )
    .await?;
    Ok(())
}
