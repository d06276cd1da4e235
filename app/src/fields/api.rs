//! Server functions for information fields, contexts of use and ratings.
//! Arguments are flat form fields, so every operation also works as a
//! plain HTML form. Anyone taking part proposes and rates; leads and
//! facilitators edit and retire.
// Flat form fields make long argument lists; a struct would break the forms.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::trail::Seq;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::commands::{ContextInput, FieldInput, FieldsCommand},
    crate::contribute::{contribute, contribute_as, contribute_if, Made},
    crate::people::Role,
};

#[server(prefix = "/api", endpoint = "propose_field")]
pub async fn propose_field(
    project_id: String,
    name: String,
    #[server(default)] definition: String,
    #[server(default)] example: String,
    #[server(default)] data_type: String,
    #[server(default)] group: String,
    #[server(default)] source: String,
    /// One checkbox per IT system, `also_kept_in[<n>]` with the system's
    /// id as its value: the ticked ones arrive, in order.
    #[server(default)]
    also_kept_in: Vec<String>,
    #[server(default)] keeper: String,
    #[server(default)] freshness: String,
    #[server(default)] sensitivity: String,
    #[server(default)] reason: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    let details = FieldInput {
        name,
        definition,
        example,
        data_type,
        group,
        source,
        also_kept_in,
        keeper,
        freshness,
        sensitivity,
    };
    contribute(
        project_id,
        Made::submission(token)?,
        FieldsCommand::ProposeField { details, reason },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "edit_field")]
pub async fn edit_field(
    project_id: String,
    base_seq: Seq,
    field_id: String,
    name: String,
    #[server(default)] definition: String,
    #[server(default)] example: String,
    #[server(default)] data_type: String,
    #[server(default)] group: String,
    #[server(default)] source: String,
    #[server(default)] also_kept_in: Vec<String>,
    #[server(default)] keeper: String,
    #[server(default)] freshness: String,
    #[server(default)] sensitivity: String,
) -> Result<(), AppError> {
    let details = FieldInput {
        name,
        definition,
        example,
        data_type,
        group,
        source,
        also_kept_in,
        keeper,
        freshness,
        sensitivity,
    };
    contribute_if(
        project_id,
        Made::on(base_seq),
        Role::can_curate,
        FieldsCommand::EditField { field_id, details },
    )
    .await?;
    Ok(())
}

/// Retires a field or a context of use (`id`), or brings it back
/// (`restore`).
#[server(prefix = "/api", endpoint = "retire")]
pub async fn retire(
    project_id: String,
    base_seq: Seq,
    id: String,
    #[server(default)] restore: bool,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let is_field = match state.trail.current(&project_id).await {
        Ok(head) => head.state.fields.fields.contains_key(&id),
        Err(_) => false,
    };
    let command = match (is_field, restore) {
        (true, false) => FieldsCommand::RetireField { field_id: id },
        (true, true) => FieldsCommand::RestoreField { field_id: id },
        (false, false) => FieldsCommand::RetireContext { context_id: id },
        (false, true) => FieldsCommand::RestoreContext { context_id: id },
    };
    contribute_if(project_id, Made::on(base_seq), Role::can_curate, command).await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "propose_context")]
pub async fn propose_context(
    project_id: String,
    name: String,
    #[server(default)] role: String,
    #[server(default)] unit: String,
    #[server(default)] hand_over: String,
    #[server(default)] moment: String,
    #[server(default)] doing: String,
    #[server(default)] reason: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    let details = ContextInput {
        name,
        role,
        unit,
        hand_over,
        moment,
        doing,
    };
    contribute(
        project_id,
        Made::submission(token)?,
        FieldsCommand::ProposeContext { details, reason },
    )
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "edit_context")]
pub async fn edit_context(
    project_id: String,
    base_seq: Seq,
    context_id: String,
    name: String,
    #[server(default)] role: String,
    #[server(default)] unit: String,
    #[server(default)] hand_over: String,
    #[server(default)] moment: String,
    #[server(default)] doing: String,
) -> Result<(), AppError> {
    let details = ContextInput {
        name,
        role,
        unit,
        hand_over,
        moment,
        doing,
    };
    contribute_if(
        project_id,
        Made::on(base_seq),
        Role::can_curate,
        FieldsCommand::EditContext { context_id, details },
    )
    .await?;
    Ok(())
}

/// Rates a cell as the person asking, with their profession in the
/// project now. Rating again replaces their earlier rating.
#[server(prefix = "/api", endpoint = "rate_cell")]
pub async fn rate_cell(
    project_id: String,
    field_id: String,
    context_id: String,
    rating: String,
    #[server(default)] reason: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    contribute_as(project_id, Made::submission(token)?, |m| {
        FieldsCommand::RateCell {
            field_id,
            context_id,
            rating,
            reason,
            profession: Some(m.profession),
        }
    })
    .await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "withdraw_rating")]
pub async fn withdraw_rating(
    project_id: String,
    field_id: String,
    context_id: String,
) -> Result<(), AppError> {
    contribute(
        project_id,
        Made::default(),
        FieldsCommand::WithdrawRating { field_id, context_id },
    )
    .await?;
    Ok(())
}

/// Merges a duplicate field into another: one field, with the ratings of
/// both. Leads and facilitators.
#[server(prefix = "/api", endpoint = "merge_fields")]
pub async fn merge_fields(
    project_id: String,
    base_seq: Seq,
    kept: String,
    merged: String,
) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::on(base_seq),
        Role::can_curate,
        FieldsCommand::MergeFields { kept, merged },
    )
    .await?;
    Ok(())
}
