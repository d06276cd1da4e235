//! Server functions for dot votes. Leads and facilitators open one on
//! chosen items and reveal it; everyone taking part places their dots,
//! which nobody sees (nor any total) until the reveal.

use super::model::VoteItem;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::commands::WorkshopsCommand,
    crate::auth::server::require_user,
    crate::contribute::{contribute_if, Made},
    crate::error::Problem,
    crate::people::Role,
    crate::projects::server::require_member,
    crate::state::app_state,
};

/// Opens a dot vote in the running workshop on `items[<n>]` (ids as
/// `field:ID`, `pain_point:ID`, `option:DECISION:OPTION`), `dots` each.
#[server(prefix = "/api", endpoint = "open_dot_vote", output = crate::json::JsonAnswer)]
pub async fn open_dot_vote(
    project_id: String,
    workshop_id: String,
    #[server(default)] items: Vec<String>,
    dots: String,
) -> Result<(), AppError> {
    let dots = dots.trim().parse().map_err(|_| Problem::DotsOutOfRange)?;
    let command = WorkshopsCommand::OpenDotVote {
        workshop_id,
        items,
        dots,
    };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// The person's dots, `dots[<n>]` per item in the vote's order (empty is
/// none). Sent again, it replaces what they cast before.
#[server(prefix = "/api", endpoint = "cast_dots", output = crate::json::JsonAnswer)]
pub async fn cast_dots(
    project_id: String,
    vote_id: String,
    #[server(default)] dots: Vec<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    let membership = require_member(&state.pool, &project_id, &user).await?;
    if !membership.role.can_edit_content() {
        return Err(AppError::Forbidden);
    }
    let head = state.trail.current(&project_id).await?;
    let workshops = &head.state.content.workshops;
    if workshops.running().is_some_and(|w| w.locked) && !membership.role.can_curate() {
        return Err(Problem::EditingLocked.into());
    }
    let vote = workshops
        .dot_votes
        .get(&vote_id)
        .filter(|v| v.revealed.is_none())
        .ok_or(Problem::DotVoteNotOpen)?;
    if dots.len() > vote.items.len() {
        return Err(Problem::Malformed.into());
    }
    let mut placed = vec![0u32; vote.items.len()];
    for (slot, raw) in placed.iter_mut().zip(&dots) {
        *slot = match raw.trim() {
            "" => 0,
            d => d.parse().map_err(|_| Problem::Malformed)?,
        };
    }
    if placed.iter().map(|d| u64::from(*d)).sum::<u64>() > u64::from(vote.dots) {
        return Err(Problem::TooManyDots.into());
    }
    super::dots::cast(
        &state.pool,
        state.trail.is_postgres(),
        &vote_id,
        &user.id,
        &placed,
    )
    .await
}

/// Totals the dots and shows them to everyone.
#[server(prefix = "/api", endpoint = "reveal_dots", output = crate::json::JsonAnswer)]
pub async fn reveal_dots(project_id: String, vote_id: String) -> Result<(), AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    if !require_member(&state.pool, &project_id, &user)
        .await?
        .role
        .can_curate()
    {
        return Err(AppError::Forbidden);
    }
    let head = state.trail.current(&project_id).await?;
    let items = head
        .state
        .content
        .workshops
        .dot_votes
        .get(&vote_id)
        .filter(|v| v.revealed.is_none())
        .ok_or(Problem::DotVoteNotOpen)?
        .items
        .len();
    let (totals, voters) = super::dots::gather(&state.pool, &project_id, &vote_id, items).await?;
    let command = WorkshopsCommand::RevealDots {
        vote_id,
        totals,
        voters,
    };
    contribute_if(project_id, Made::default(), Role::can_curate, command).await?;
    Ok(())
}

/// What an open vote shows a person: their own dots and how many have
/// voted (never who, nor any total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDots {
    pub mine: Option<Vec<u32>>,
    pub voters: u32,
}

crate::read_json!(MyDots { mine, voters });

#[server(prefix = "/api", endpoint = "get_my_dots", output = crate::json::JsonAnswer)]
pub async fn get_my_dots(project_id: String, vote_id: String) -> Result<MyDots, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?;
    let items = head
        .state
        .content
        .workshops
        .dot_votes
        .get(&vote_id)
        .ok_or(AppError::NotFound)?
        .items
        .len();
    Ok(MyDots {
        mine: super::dots::own(&state.pool, &vote_id, &user.id, items).await?,
        voters: super::dots::voters(&state.pool, &vote_id).await?,
    })
}

/// What can be voted on now: the project's fields, pain points and
/// decisions' options, grouped as (group, items).
#[server(prefix = "/api", endpoint = "get_vote_candidates", output = crate::json::JsonAnswer)]
pub async fn get_vote_candidates(project_id: String) -> Result<Vec<(String, Vec<VoteItem>)>, AppError> {
    let state = app_state()?;
    let user = require_user(&state.pool).await?;
    require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?;
    Ok(candidates(&head.state.content))
}

/// What can be voted on in `content`: its fields, pain points and
/// decisions' options, grouped as (group, items).
pub fn candidates(c: &crate::features::Project) -> Vec<(String, Vec<VoteItem>)> {
    let item = |id: String, label: String| VoteItem { id, label };
    let fields = c
        .fields
        .active_fields()
        .map(|f| item(format!("field:{}", f.id), f.name().to_owned()))
        .collect();
    let pains = c
        .map
        .pain_points
        .values()
        .map(|p| item(format!("pain_point:{}", p.id), p.text.clone()))
        .collect();
    let options = c
        .decisions
        .decisions
        .values()
        .flat_map(|d| {
            let text = d.text();
            text.options
                .iter()
                .map(|o| {
                    item(
                        format!("option:{}:{}", d.id, o.id),
                        format!("{}: {}", text.title, o.text),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    vec![
        ("fields".into(), fields),
        ("pain_points".into(), pains),
        ("options".into(), options),
    ]
}
