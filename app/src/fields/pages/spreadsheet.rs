//! The fields and contexts of use as spreadsheets: download for everyone
//! taking part; for leads and facilitators, import with a preview. The
//! file waits in the person's session between preview and import, so the
//! whole flow works as plain forms without JavaScript; with it, a file can
//! be chosen instead of pasted.

use crate::components::editing::{action_error, submission_token, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::fields::api::{get_import_preview, CancelImport, ImportRows, PreviewImport};
use crate::fields::spreadsheet::{Column, ImportPreview, PreviewRow, RowProblem, Sheet};
use crate::fields::texts::FieldsTexts;
use crate::i18n::{use_texts, Texts};
use crate::projects::api::get_project;
use crate::projects::pages::frame::{
    project_error, use_project_id, ProjectHeader, ProjectNav, Section, YourRole,
};
use crate::projects::ProjectView;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SpreadsheetPage() -> impl IntoView {
    let t = use_texts();
    let project_id = use_project_id();
    let project = crate::json::resource(move || project_id.get(), get_project);
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match project.await {
                    Ok(p) => {
                        Either::Left(view! {
                            <Title text=format!("{} – {} – Samspill", t.information_fields.spreadsheet_title, p.name) />
                            <ProjectHeader name=p.name.clone() purpose=p.purpose.clone() />
                            <ProjectNav project_id=p.id.clone() current=Section::Fields />
                            <YourRole role=p.my_role />
                            <Spreadsheets project=p />
                        })
                    }
                    Err(e) => Either::Right(project_error(t, &e, &project_id.get_untracked())),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Spreadsheets(project: ProjectView) -> impl IntoView {
    let f = use_texts().information_fields;
    let download = |sheet: Sheet, text: &'static str| {
        let href = format!("/export/{}/{}", project.id, sheet.file_name());
        view! {
            <li>
                <a href=href download=sheet.file_name()>{text}</a>
            </li>
        }
    };
    view! {
        <section aria-labelledby="spreadsheet-title" class="spreadsheet">
            <h2 id="spreadsheet-title">{f.spreadsheet_title}</h2>
            <p>
                <a href=Section::Fields.href(&project.id)>{f.back_to_fields}</a>
            </p>
            <h3>{f.download_title}</h3>
            <p class="hint">{f.download_hint}</p>
            <ul>
                {download(Sheet::Fields, f.download_fields)}
                {download(Sheet::Contexts, f.download_contexts)}
            </ul>
            {project.my_role.can_curate().then(|| view! { <Import project_id=project.id.clone() /> })}
        </section>
    }
}

#[component]
fn Import(project_id: String) -> impl IntoView {
    let f = use_texts().information_fields;
    let preview = FormAction::<PreviewImport>::new();
    let cancel = FormAction::<CancelImport>::new();
    let import = FormAction::<ImportRows>::new();
    let waiting = crate::json::resource(
        {
            let id = project_id.clone();
            move || (id.clone(), preview.version().get(), cancel.version().get())
        },
        |(id, ..)| get_import_preview(id),
    );
    let pasted = NodeRef::<leptos::html::Textarea>::new();
    let id = StoredValue::new(project_id);
    view! {
        <h3>{f.import_title}</h3>
        <p class="hint">{f.import_hint}</p>
        <ActionForm action=preview attr:class="stacked-form" attr:aria-label=f.import_title>
            <input type="hidden" name="project_id" value=id.get_value() />
            <div class="field">
                <label for="import-file">{f.choose_file}</label>
                <input id="import-file" type="file" accept=".csv,.tsv,.txt,text/csv" on:change=move |ev| read_chosen_file(ev, pasted) />
            </div>
            <div class="field">
                <label for="import-csv">{f.paste_label}</label>
                <textarea id="import-csv" name="csv" rows="8" required node_ref=pasted></textarea>
            </div>
            <button type="submit">{f.preview}</button>
        </ActionForm>
        <ErrorNote error=action_error(preview) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match waiting.await {
                    Ok(Some(p)) => {
                        EitherOf3::A(view! { <Preview preview=p project_id=id.get_value() import=import cancel=cancel /> })
                    }
                    Ok(None) => EitherOf3::B(()),
                    Err(e) => EitherOf3::C(view! { <p class="error" role="alert">{use_texts().error_message(&e)}</p> }),
                }
            })}
        </Suspense>
    }
}

/// With JavaScript, a chosen file's text goes into the form, where it can
/// still be read and mended before the preview.
fn read_chosen_file(ev: leptos::ev::Event, into: NodeRef<leptos::html::Textarea>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let (Some(area), Some(text)) = (into.get_untracked(), text.as_string()) {
                    area.set_value(&text);
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, into);
}

#[component]
fn Preview(
    preview: ImportPreview,
    project_id: String,
    import: FormAction<ImportRows>,
    cancel: FormAction<CancelImport>,
) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let form = NodeRef::new();
    let importable = preview.importable();
    let (for_import, for_cancel) = (project_id.clone(), project_id);
    let sheet = preview.sheet;
    let sheet_name = match sheet {
        Sheet::Fields => f.fields_title,
        Sheet::Contexts => f.contexts_title,
    };
    view! {
        <section aria-labelledby="preview-title" class="import-preview">
            <h3 id="preview-title">{f.preview_title}": " {sheet_name}</h3>
            <p role="status">{(f.preview_summary)(importable, preview.rows.len())}</p>
            {(!preview.ignored_columns.is_empty())
                .then(|| view! { <p class="hint">{f.ignored_columns}": " {preview.ignored_columns.join(", ")}</p> })}
            <div class="table-scroll">
                <table class="preview-rows">
                    <thead>
                        <tr>
                            <th scope="col">{f.row}</th>
                            <th scope="col">{f.name}</th>
                            <th scope="col">{f.row_check}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {preview.rows.into_iter().map(|row| preview_row(t, sheet, row)).collect_view()}
                    </tbody>
                </table>
            </div>
            <ActionForm action=import node_ref=form attr:class="inline-form">
                <input type="hidden" name="project_id" value=for_import />
                <input type="hidden" name="digest" value=preview.digest.clone() />
                {submission_token(import, form)}
                <button type="submit" disabled=importable == 0>
                    {(f.import_rows)(importable)}
                </button>
            </ActionForm>
            <ActionForm action=cancel attr:class="inline-form">
                <input type="hidden" name="project_id" value=for_cancel />
                <button type="submit">{f.discard}</button>
            </ActionForm>
            <ErrorNote error=action_error(import) />
        </section>
    }
}

fn preview_row(t: &'static Texts, sheet: Sheet, row: PreviewRow) -> impl IntoView {
    let f: &'static FieldsTexts = t.information_fields;
    let heading = move |c: Column| c.heading(sheet, f);
    let mut said: Vec<String> = row
        .problems
        .iter()
        .map(|p| match p {
            RowProblem::Invalid(p) => (t.problem)(*p).to_owned(),
            RowProblem::UnknownChoice { column, value } => (f.unknown_choice)(heading(*column), value),
            RowProblem::AlreadyThere => f.already_there.to_owned(),
            RowProblem::TwiceInFile { line } => (f.twice_in_file)(*line),
        })
        .collect();
    let ok = said.is_empty();
    said.extend(
        row.not_on_map
            .iter()
            .map(|(column, name)| (f.not_on_map)(heading(*column), name)),
    );
    view! {
        <tr class:has-problem=!ok>
            <td>{row.line}</td>
            <td dir="auto">{row.name}</td>
            <td>
                <strong>{if ok { f.row_ok } else { f.row_left_out }}</strong>
                {said.into_iter().map(|s| view! { <br /> <span dir="auto">{s}</span> }).collect_view()}
            </td>
        </tr>
    }
}
