//! Information fields over HTTP: what the demo holds, the checkbox form of
//! "also kept in", one rating per form submission, and the page without
//! JavaScript. On both backends.

use crate::helpers::*;
use app::fields::measures::CellSummary;
use app::fields::slice::FieldsSlice;
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

#[tokio::test]
async fn the_demo_holds_a_realistic_matrix_with_agreement_and_disagreement() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        assert!(server::demo::load(&app.trail).await.unwrap());
        let demo = Person::anonymous(&app);
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
        let s = fields_of(&lead, &id).await;
        let cell = s.cell(&field_id, &context_id).unwrap();
        assert_eq!(cell.len(), 1, "{backend:?}: one rating per person");
        assert_eq!(cell[lead.id()].rating.as_str(), "useful", "{backend:?}");
        // A rating that is not one: 422, in words, nothing changed.
        let (status, got) = rate("very", "t3").await;
        assert_eq!(status, 422, "{backend:?}");
        assert_eq!(
            got.unwrap_err(),
            app::error::AppError::Invalid(app::error::Problem::UnknownOption)
        );
        assert_eq!(fields_of(&lead, &id).await, s, "{backend:?}");

        // The page, as a browser without JavaScript gets it.
        let page = lead
            .client
            .get(format!("{}/projects/{id}/fields", app.base_url))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        for expected in ["Legemiddelliste", "Første besøk", "n=1"] {
            assert!(html.contains(expected), "{backend:?}: {expected} missing");
        }
    }
}
