//! Server functions for the work-system map. Every edit is a command to the
//! project's trail. Arguments are flat form fields, so every operation also
//! works as a plain HTML form.
// Flat form fields make long argument lists; a struct would break the forms.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::trail::Seq;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::commands::{LinkDetails, MapCommand},
    crate::contribute::{contribute, contribute_as, Made},
};

#[server(prefix = "/api", endpoint = "create_map", output = crate::json::JsonAnswer)]
pub async fn create_map(
    project_id: String,
    name: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::submission(token)?,
        MapCommand::CreateMap { name },
    )
    .await?;
    Ok(())
}

/// Adds an element at `x`, `y`, or else in free space near `near_x`,
/// `near_y` (the middle of what the person's drawing shows), or else near
/// the middle of the map (a page without JavaScript knows no view).
#[server(prefix = "/api", endpoint = "add_element", output = crate::json::JsonAnswer)]
pub async fn add_element(
    project_id: String,
    map_id: String,
    kind: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] x: Option<i32>,
    #[server(default)] y: Option<i32>,
    #[server(default)] near_x: Option<i32>,
    #[server(default)] near_y: Option<i32>,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    use super::geometry::{H, W};
    let made = Made::submission(token)?;
    let (x, y) = match (x, y) {
        (Some(x), Some(y)) => (x, y),
        _ => {
            let state = crate::state::app_state()?;
            let taken: Vec<(i32, i32)> = match state.trail.current(&project_id).await {
                Ok(head) => head
                    .state
                    .map
                    .elements
                    .values()
                    .filter(|e| e.map_id == map_id)
                    .map(|e| (e.x, e.y))
                    .collect(),
                Err(_) => Vec::new(),
            };
            let middle = || {
                let n = taken.len().max(1) as i64;
                let sum = taken
                    .iter()
                    .fold((0i64, 0i64), |(sx, sy), (x, y)| (sx + *x as i64, sy + *y as i64));
                match taken.is_empty() {
                    true => (40 + W / 2, 40 + H / 2),
                    false => ((sum.0 / n) as i32 + W / 2, (sum.1 / n) as i32 + H / 2),
                }
            };
            let near = match (near_x, near_y) {
                (Some(x), Some(y)) => (x, y),
                _ => middle(),
            };
            super::layout::free_spot(&taken, near)
        }
    };
    contribute(
        project_id,
        made,
        MapCommand::AddElement {
            map_id,
            kind,
            name,
            description,
            x,
            y,
        },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "edit_element", output = crate::json::JsonAnswer)]
pub async fn edit_element(
    project_id: String,
    base_seq: Seq,
    element_id: String,
    name: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::on(base_seq),
        MapCommand::EditElement {
            element_id,
            name,
            description,
        },
    )
    .await?;
    Ok(())
}

/// Moves never conflict: the later move wins.
#[server(prefix = "/api", endpoint = "move_element", output = crate::json::JsonAnswer)]
pub async fn move_element(project_id: String, element_id: String, x: i32, y: i32) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::default(),
        MapCommand::MoveElement { element_id, x, y },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_element", output = crate::json::JsonAnswer)]
pub async fn remove_element(project_id: String, base_seq: Seq, element_id: String) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::on(base_seq),
        MapCommand::RemoveElement { element_id },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_link", output = crate::json::JsonAnswer)]
pub async fn add_link(
    project_id: String,
    map_id: String,
    from: String,
    to: String,
    kind: String,
    #[server(default)] label: String,
    #[server(default)] description: String,
    #[server(default)] channel: String,
    #[server(default)] message_type: String,
    #[server(default)] timing: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    let made = Made::submission(token)?;
    let details = LinkDetails {
        kind,
        label,
        description,
        channel,
        message_type,
        timing,
    };
    contribute(
        project_id,
        made,
        MapCommand::AddLink {
            map_id,
            from,
            to,
            details,
        },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "edit_link", output = crate::json::JsonAnswer)]
pub async fn edit_link(
    project_id: String,
    base_seq: Seq,
    link_id: String,
    kind: String,
    #[server(default)] label: String,
    #[server(default)] description: String,
    #[server(default)] channel: String,
    #[server(default)] message_type: String,
    #[server(default)] timing: String,
) -> Result<(), AppError> {
    let details = LinkDetails {
        kind,
        label,
        description,
        channel,
        message_type,
        timing,
    };
    contribute(
        project_id,
        Made::on(base_seq),
        MapCommand::EditLink { link_id, details },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_link", output = crate::json::JsonAnswer)]
pub async fn remove_link(project_id: String, base_seq: Seq, link_id: String) -> Result<(), AppError> {
    contribute(project_id, Made::on(base_seq), MapCommand::RemoveLink { link_id }).await?;
    Ok(())
}

/// Lays the map out in columns that follow its hand-overs: one change in
/// the trail, undone as one.
#[server(prefix = "/api", endpoint = "arrange_map", output = crate::json::JsonAnswer)]
pub async fn arrange_map(project_id: String, map_id: String) -> Result<(), AppError> {
    contribute(project_id, Made::default(), MapCommand::ArrangeMap { map_id }).await?;
    Ok(())
}

/// Notes a pain point on an element or a link, with the profession of the
/// person raising it.
#[server(prefix = "/api", endpoint = "raise_pain_point", output = crate::json::JsonAnswer)]
pub async fn raise_pain_point(
    project_id: String,
    target: String,
    text: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    contribute_as(project_id, Made::submission(token)?, |m| {
        MapCommand::RaisePainPoint {
            target,
            text,
            profession: Some(m.profession),
        }
    })
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_pain_point", output = crate::json::JsonAnswer)]
pub async fn remove_pain_point(
    project_id: String,
    base_seq: Seq,
    pain_point_id: String,
) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::on(base_seq),
        MapCommand::RemovePainPoint { pain_point_id },
    )
    .await?;
    Ok(())
}
