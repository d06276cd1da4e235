//! Server functions for information fields, contexts of use and ratings.
//! Arguments are flat form fields, so every operation also works as a
//! plain HTML form. Anyone taking part proposes and rates; leads and
//! facilitators edit and retire.
// Flat form fields make long argument lists; a struct would break the forms.
#![allow(clippy::too_many_arguments)]

use super::slice::SystemFlags;
use super::spreadsheet::ImportPreview;
use crate::error::AppError;
use crate::trail::Seq;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::commands::{ContextInput, FieldInput, FieldsCommand},
    crate::contribute::{contribute, contribute_as, contribute_if, Made},
    crate::error::Problem,
    crate::people::Role,
};

#[server(prefix = "/api", endpoint = "propose_field", output = crate::json::JsonAnswer)]
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

#[server(prefix = "/api", endpoint = "edit_field", output = crate::json::JsonAnswer)]
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
#[server(prefix = "/api", endpoint = "retire", output = crate::json::JsonAnswer)]
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

#[server(prefix = "/api", endpoint = "propose_context", output = crate::json::JsonAnswer)]
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

#[server(prefix = "/api", endpoint = "edit_context", output = crate::json::JsonAnswer)]
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
#[server(prefix = "/api", endpoint = "rate_cell", output = crate::json::JsonAnswer)]
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

#[server(prefix = "/api", endpoint = "withdraw_rating", output = crate::json::JsonAnswer)]
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

/// Merges a duplicate field into another, or a duplicate context of use:
/// one, with the ratings of both. Leads and facilitators.
#[server(prefix = "/api", endpoint = "merge", output = crate::json::JsonAnswer)]
pub async fn merge(project_id: String, base_seq: Seq, kept: String, merged: String) -> Result<(), AppError> {
    contribute_if(
        project_id,
        Made::on(base_seq),
        Role::can_curate,
        FieldsCommand::Merge { kept, merged },
    )
    .await?;
    Ok(())
}

/// Where a person's file waits between its preview and its import: in
/// their session, so that it works without JavaScript (the form posts, the
/// page shows the preview) and no one else sees it.
#[cfg(feature = "ssr")]
fn import_key(project_id: &str) -> String {
    format!("fields_import:{project_id}")
}

/// Importing is for leads and facilitators: it proposes many at once.
#[cfg(feature = "ssr")]
async fn curator_of(project_id: &str) -> Result<crate::state::AppState, AppError> {
    let state = crate::state::app_state()?;
    let user = crate::auth::server::require_user(&state.pool).await?;
    let membership = crate::projects::server::require_member(&state.pool, project_id, &user).await?;
    if !membership.role.can_curate() {
        return Err(AppError::Forbidden);
    }
    Ok(state)
}

/// Keeps a spreadsheet of fields or contexts (CSV text) for its preview.
/// A file that is too large or not such a sheet is refused at once.
#[server(prefix = "/api", endpoint = "preview_import", output = crate::json::JsonAnswer)]
pub async fn preview_import(project_id: String, csv: String) -> Result<(), AppError> {
    let state = curator_of(&project_id).await?;
    let head = state.trail.current(&project_id).await?;
    super::spreadsheet::parse(&head.state, &csv)?;
    let session = crate::auth::server::request_session().await?;
    session
        .insert(&import_key(&project_id), csv)
        .await
        .map_err(|e| crate::auth::server::internal("session write", e))?;
    Ok(())
}

/// The waiting file's preview against the project as it is now, if there
/// is one.
#[server(prefix = "/api", endpoint = "get_import_preview", output = crate::json::JsonAnswer)]
pub async fn get_import_preview(project_id: String) -> Result<Option<ImportPreview>, AppError> {
    let state = curator_of(&project_id).await?;
    let Some(csv) = waiting_file(&project_id).await? else {
        return Ok(None);
    };
    let head = state.trail.current(&project_id).await?;
    Ok(Some(super::spreadsheet::parse(&head.state, &csv)?.preview))
}

#[cfg(feature = "ssr")]
async fn waiting_file(project_id: &str) -> Result<Option<String>, AppError> {
    let session = crate::auth::server::request_session().await?;
    session
        .get::<String>(&import_key(project_id))
        .await
        .map_err(|e| crate::auth::server::internal("session read", e))
}

/// Brings in the previewed file's rows that have no problems, as one
/// change, then shows the fields page. `digest` is the preview's: a file
/// replaced meanwhile (in another tab) is not imported unseen.
#[server(prefix = "/api", endpoint = "import_rows", output = crate::json::JsonAnswer)]
pub async fn import_rows(
    project_id: String,
    digest: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    let made = Made::submission(token)?;
    let state = curator_of(&project_id).await?;
    let parsed = match waiting_file(&project_id).await? {
        Some(csv) => {
            let head = state.trail.current(&project_id).await?;
            let parsed = super::spreadsheet::parse(&head.state, &csv)?;
            if parsed.preview.digest != digest {
                return Err(Problem::ImportChanged.into());
            }
            Some(parsed)
        }
        None => None,
    };
    // Without a waiting file this is either the same form sent twice (its
    // token finds the first import, which counts once) or a stale page.
    let (fields, contexts) = parsed.map(|p| (p.fields, p.contexts)).unwrap_or_default();
    match contribute_if(
        project_id.clone(),
        made,
        Role::can_curate,
        FieldsCommand::Import { fields, contexts },
    )
    .await
    {
        Err(AppError::Invalid(Problem::NothingToImport)) if waiting_file(&project_id).await?.is_none() => {
            return Err(Problem::ImportChanged.into());
        }
        other => other?,
    };
    forget_file(&project_id).await?;
    leptos_axum::redirect(&format!("/projects/{project_id}/fields"));
    Ok(())
}

#[cfg(feature = "ssr")]
async fn forget_file(project_id: &str) -> Result<(), AppError> {
    let session = crate::auth::server::request_session().await?;
    session
        .remove::<String>(&import_key(project_id))
        .await
        .map_err(|e| crate::auth::server::internal("session write", e))?;
    Ok(())
}

/// Throws the waiting file away.
#[server(prefix = "/api", endpoint = "cancel_import", output = crate::json::JsonAnswer)]
pub async fn cancel_import(project_id: String) -> Result<(), AppError> {
    curator_of(&project_id).await?;
    forget_file(&project_id).await
}

/// The flags the map shows on its IT systems, by element id. Members only.
#[server(prefix = "/api", endpoint = "get_system_flags", output = crate::json::JsonAnswer)]
pub async fn get_system_flags(
    project_id: String,
) -> Result<std::collections::BTreeMap<String, SystemFlags>, AppError> {
    let state = crate::state::app_state()?;
    let user = crate::auth::server::require_user(&state.pool).await?;
    crate::projects::server::require_member(&state.pool, &project_id, &user).await?;
    let head = state.trail.current(&project_id).await?;
    Ok(head.state.fields.system_flags())
}
