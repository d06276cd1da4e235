//! Server functions for the work-system map. Every edit is a command to the
//! project's trail.

use crate::error::AppError;
use crate::trail::Seq;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::trail::{api::contribute, command::Command};

#[server(prefix = "/api", endpoint = "create_map")]
pub async fn create_map(project_id: String, name: String) -> Result<(), AppError> {
    contribute(project_id, None, Command::CreateMap { name }).await?;
    Ok(())
}

/// Adds an element; new elements are laid out in a grid until someone
/// places them on the canvas.
#[server(prefix = "/api", endpoint = "add_element")]
pub async fn add_element(
    project_id: String,
    map_id: String,
    kind: String,
    name: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let count = match state.trail.current(&project_id).await {
        Ok(head) => head
            .state
            .elements
            .values()
            .filter(|e| e.map_id == map_id)
            .count() as i32,
        Err(_) => 0,
    };
    let (x, y) = (40 + (count % 5) * 180, 40 + (count / 5) * 110);
    contribute(
        project_id,
        None,
        Command::AddElement {
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

#[server(prefix = "/api", endpoint = "edit_element")]
pub async fn edit_element(
    project_id: String,
    base_seq: Seq,
    element_id: String,
    name: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    contribute(
        project_id,
        Some(base_seq),
        Command::EditElement {
            element_id,
            name,
            description,
        },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_element")]
pub async fn remove_element(project_id: String, base_seq: Seq, element_id: String) -> Result<(), AppError> {
    contribute(project_id, Some(base_seq), Command::RemoveElement { element_id }).await?;
    Ok(())
}
