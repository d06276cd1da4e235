//! Information fields over HTTP: what the demo holds, the checkbox form of
//! "also kept in", one rating per form submission, and the page without
//! JavaScript. On both backends.

use crate::helpers::*;
use app::error::{AppError, Problem};
use app::fields::measures::CellSummary;
use app::fields::slice::FieldsSlice;
use serde_json::Value;
use std::collections::BTreeSet;

async fn fields_of(person: &Person, project_id: &str) -> FieldsSlice {
    let state = person
        .call(
            "get_trail_state",
            &[("project_id", project_id), ("slices", "fields")],
        )
        .await
        .unwrap();
    serde_json::from_value(state["content"]["fields"].clone()).unwrap()
}

/// Loads the demo and signs in as its lead: the person and the project.
pub(crate) async fn demo_signed_in(app: &TestApp) -> (Person, String) {
    assert!(server::demo::load(&app.trail).await.unwrap());
    let demo = Person::anonymous(app);
    demo.call(
        "sign_in",
        &[
            ("email", server::demo::DEMO_EMAIL),
            ("password", server::demo::DEMO_PASSWORD),
        ],
    )
    .await
    .unwrap();
    let list = demo.call("list_projects", &[]).await.unwrap();
    let project_id = list[0]["id"].as_str().unwrap().to_owned();
    (demo, project_id)
}

#[tokio::test]
async fn the_demo_holds_a_realistic_matrix_with_agreement_and_disagreement() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (demo, project_id) = demo_signed_in(&app).await;
        let s = fields_of(&demo, &project_id).await;
        assert_eq!((s.fields.len(), s.contexts.len()), (30, 8), "{backend:?}");
        let cells: Vec<_> = s
            .ratings
            .values()
            .flat_map(|by_context| by_context.values())
            .collect();
        let ratings: usize = cells.iter().map(|c| c.len()).sum();
        let raters: BTreeSet<&String> = cells.iter().flat_map(|c| c.keys()).collect();
        let professions: BTreeSet<_> = cells
            .iter()
            .flat_map(|c| c.values().filter_map(|r| r.profession))
            .collect();
        assert!(ratings > 1000, "{backend:?}: {ratings} ratings");
        assert_eq!(raters.len(), 12, "{backend:?}");
        assert!(professions.len() >= 5, "{backend:?}: {professions:?}");
        let summaries: Vec<CellSummary> = cells.iter().map(|c| CellSummary::of_cell(c)).collect();
        let split = summaries
            .iter()
            .filter(|c| c.disagreement.is_some_and(|d| d.delta >= 0.5))
            .count();
        let agreed = summaries
            .iter()
            .filter(|c| c.all.n() >= 5 && c.consensus.is_some_and(|x| x >= 0.9))
            .count();
        assert!(
            split >= 3,
            "{backend:?}: {split} cells where professions disagree"
        );
        assert!(agreed >= 30, "{backend:?}: {agreed} cells of broad agreement");
    }
}

#[tokio::test]
async fn a_field_kept_in_ticked_systems_and_a_rating_form_sent_twice_counts_once() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        lead.call("create_map", &[("project_id", &id), ("name", "I dag")])
            .await
            .unwrap();
        let state = lead
            .call("get_trail_state", &[("project_id", &id)])
            .await
            .unwrap();
        let map_id = state["content"]["map"]["maps"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone();
        for name in ["Pasientjournal", "Kommunal journal"] {
            lead.call(
                "add_element",
                &[
                    ("project_id", &id),
                    ("map_id", &map_id),
                    ("kind", "it_system"),
                    ("name", name),
                ],
            )
            .await
            .unwrap();
        }
        let state = lead
            .call("get_trail_state", &[("project_id", &id)])
            .await
            .unwrap();
        let systems: Vec<String> = state["content"]["map"]["elements"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        // As the form sends it: one numbered checkbox per system, the
        // first not ticked.
        lead.call(
            "propose_field",
            &[
                ("project_id", &id),
                ("name", "Legemiddelliste"),
                ("source", &systems[0]),
                ("also_kept_in[1]", &systems[1]),
                ("sensitivity", "sensitive"),
            ],
        )
        .await
        .unwrap();
        lead.call(
            "propose_context",
            &[("project_id", &id), ("name", "Første besøk")],
        )
        .await
        .unwrap();
        let s = fields_of(&lead, &id).await;
        let field = s.fields.values().next().unwrap();
        assert_eq!(
            field.details.also_kept_in,
            vec![systems[1].clone()],
            "{backend:?}"
        );
        assert!(field.kept_twice(), "{backend:?}");
        let (field_id, context_id) = (field.id.clone(), s.contexts.keys().next().unwrap().clone());

        let rate = |rating: &'static str, token: &'static str| {
            let form = [
                ("project_id", id.clone()),
                ("field_id", field_id.clone()),
                ("context_id", context_id.clone()),
                ("rating", rating.to_owned()),
                ("token", token.to_owned()),
            ];
            let lead = &lead;
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                lead.call_with_status("rate_cell", &form).await
            }
        };
        let (a, b) = tokio::join!(rate("essential", "t1"), rate("essential", "t1"));
        assert!(a.1.is_ok() && b.1.is_ok(), "{backend:?}");
        rate("useful", "t2").await.1.unwrap();
        let head = lead
            .call("get_history", &[("project_id", &id), ("kind", "cell_rated")])
            .await
            .unwrap();
        assert_eq!(
            head["entries"].as_array().unwrap().len(),
            2,
            "{backend:?}: {head}"
        );
        // The cell's own history: both of the lead's ratings, named.
        let item = app::fields::slice::cell_item(&field_id, &context_id);
        let about = lead
            .call("get_history", &[("project_id", &id), ("about", &item)])
            .await
            .unwrap();
        assert_eq!(
            about["entries"].as_array().unwrap().len(),
            2,
            "{backend:?}: {about}"
        );
        assert_eq!(about["about"], "Legemiddelliste – Første besøk", "{backend:?}");
        let s = fields_of(&lead, &id).await;
        let cell = s.cell(&field_id, &context_id).unwrap();
        assert_eq!(cell.len(), 1, "{backend:?}: one rating per person");
        assert_eq!(cell[lead.id()].rating.as_str(), "useful", "{backend:?}");
        // A rating that is not one: 422, in words, nothing changed.
        let (status, got) = rate("very", "t3").await;
        assert_eq!(status, 422, "{backend:?}");
        assert_eq!(got.unwrap_err(), AppError::Invalid(Problem::UnknownOption));
        assert_eq!(fields_of(&lead, &id).await, s, "{backend:?}");

        // The page, as a browser without JavaScript gets it.
        let (status, html) = lead.page(&format!("/projects/{id}/fields")).await;
        assert_eq!(status, 200);
        for expected in ["Legemiddelliste", "Første besøk", "n=1"] {
            assert!(html.contains(expected), "{backend:?}: {expected} missing");
        }
    }
}

/// What the spreadsheet import's preview says now, for `person`.
async fn preview_of(person: &Person, project_id: &str) -> Value {
    person
        .call("get_import_preview", &[("project_id", project_id)])
        .await
        .unwrap()
}

#[tokio::test]
async fn the_demos_spreadsheets_import_into_a_new_project_once_after_a_preview() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (mut demo, demo_project) = demo_signed_in(&app).await;
        demo.id = Some(
            demo.call("get_current_user", &[]).await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
        let download = |person: &Person, sheet: &str| {
            let url = format!("{}/export/{demo_project}/{sheet}", app.base_url);
            let get = person.client.get(url).header("accept-language", "nb");
            async move {
                let res = get.send().await.unwrap();
                let status = res.status().as_u16();
                let kind = res
                    .headers()
                    .get("content-type")
                    .map(|v| v.to_str().unwrap().to_owned());
                (status, kind, res.text().await.unwrap())
            }
        };
        let (status, kind, fields_csv) = download(&demo, "information-fields.csv").await;
        assert_eq!(status, 200, "{backend:?}");
        assert_eq!(kind.as_deref(), Some("text/csv; charset=utf-8"));
        assert!(
            fields_csv.starts_with("\u{feff}Navn;Definisjon;"),
            "{backend:?}: {fields_csv}"
        );
        assert!(fields_csv.contains("Allergier"), "{backend:?}");
        let (_, _, contexts_csv) = download(&demo, "contexts-of-use.csv").await;
        // Someone else learns nothing of the project.
        let outsider = Person::sign_up(&app, "Per", "per@example.org").await;
        assert_eq!(download(&outsider, "information-fields.csv").await.0, 404);
        assert_eq!(
            download(&Person::anonymous(&app), "contexts-of-use.csv").await.0,
            401
        );

        // Into a new project of the demo person's, which has no map.
        let new = demo
            .call(
                "create_project",
                &[("name", "Ny kommune"), ("purpose", ""), ("profession", "nurse")],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        demo.call("preview_import", &[("project_id", &new), ("csv", &fields_csv)])
            .await
            .unwrap();
        let preview = preview_of(&demo, &new).await;
        let rows = preview["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 30, "{backend:?}");
        assert!(
            rows.iter().all(|r| r["problems"] == serde_json::json!([])),
            "{backend:?}: {preview}"
        );
        // The systems and roles named are not on this project's map.
        assert!(rows
            .iter()
            .any(|r| !r["not_on_map"].as_array().unwrap().is_empty()));
        // Nothing is written by a preview.
        assert!(fields_of(&demo, &new).await.fields.is_empty(), "{backend:?}");
        let digest = preview["digest"].as_str().unwrap().to_owned();
        // A digest that is not the preview's imports nothing.
        let (status, got) = demo
            .call_with_status(
                "import_rows",
                &[("project_id", &new), ("digest", "0000"), ("token", "t0")],
            )
            .await;
        assert_eq!(status, 422, "{backend:?}");
        assert_eq!(got.unwrap_err(), AppError::Invalid(Problem::ImportChanged));
        // The same form sent twice imports once.
        let form = [
            ("project_id", new.as_str()),
            ("digest", digest.as_str()),
            ("token", "t1"),
        ];
        let (a, b) = tokio::join!(demo.call("import_rows", &form), demo.call("import_rows", &form));
        assert!(a.is_ok() && b.is_ok(), "{backend:?}: {a:?} {b:?}");
        let demo_fields = fields_of(&demo, &demo_project).await;
        let imported = fields_of(&demo, &new).await;
        let names = |s: &FieldsSlice| {
            s.fields
                .values()
                .map(|f| f.details.name.clone())
                .collect::<BTreeSet<_>>()
        };
        assert_eq!(names(&imported), names(&demo_fields), "{backend:?}");
        let field = |s: &FieldsSlice, name: &str| {
            s.fields
                .values()
                .find(|f| f.details.name == name)
                .unwrap()
                .details
                .clone()
        };
        let (was, now) = (
            field(&demo_fields, "Allergier og CAVE"),
            field(&imported, "Allergier og CAVE"),
        );
        assert_eq!(
            (&now.definition, now.group, now.sensitivity, &now.freshness),
            (&was.definition, was.group, was.sensitivity, &was.freshness),
            "{backend:?}"
        );
        assert_eq!(now.source, None, "{backend:?}: no map, no source");
        // The file is gone once imported.
        assert_eq!(preview_of(&demo, &new).await, Value::Null);
        let history = demo
            .call("get_history", &[("project_id", &new), ("kind", "imported")])
            .await
            .unwrap();
        assert_eq!(history["entries"].as_array().unwrap().len(), 1, "{backend:?}");

        // Contexts, previewed as a browser without JavaScript sees it.
        demo.call("preview_import", &[("project_id", &new), ("csv", &contexts_csv)])
            .await
            .unwrap();
        let (_, html) = demo.page(&format!("/projects/{new}/fields/spreadsheet")).await;
        assert!(
            html.contains("8 of 8 rows can be imported") || html.contains("8 av 8 rader"),
            "{backend:?}"
        );
        let digest = preview_of(&demo, &new).await["digest"]
            .as_str()
            .unwrap()
            .to_owned();
        demo.call(
            "import_rows",
            &[("project_id", &new), ("digest", &digest), ("token", "t2")],
        )
        .await
        .unwrap();
        assert_eq!(fields_of(&demo, &new).await.contexts.len(), 8, "{backend:?}");
        // Imported again: every row is already there, and says so.
        demo.call("preview_import", &[("project_id", &new), ("csv", &contexts_csv)])
            .await
            .unwrap();
        let again = preview_of(&demo, &new).await;
        assert!(again["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["problems"] == serde_json::json!(["AlreadyThere"])));
        // Not a spreadsheet of fields or contexts: refused at once, in words.
        let (status, got) = demo
            .call_with_status("preview_import", &[("project_id", &new), ("csv", "a,b\n1,2")])
            .await;
        assert_eq!(status, 422);
        assert_eq!(got.unwrap_err(), AppError::Invalid(Problem::ImportNotRecognised));
    }
}
