//! Input that would break every member's view of the map is refused, in the
//! person's words, and changes nothing.

use crate::helpers::*;
use app::error::{AppError, Problem};

/// The id of the first map item of a kind (`maps`, `elements`) in a state.
fn first_id(state: &serde_json::Value, kind: &str) -> String {
    state["content"]["map"][kind]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone()
}

/// Hanne's project with one map, "I dag"; its id.
async fn lead_with_map(app: &TestApp) -> (Person, String, String) {
    let (lead, id) = lead_with_project(app).await;
    lead.call("create_map", &[("project_id", &id), ("name", "I dag")])
        .await
        .unwrap();
    let state = lead
        .call("get_trail_state", &[("project_id", &id)])
        .await
        .unwrap();
    let map = first_id(&state, "maps");
    (lead, id, map)
}

#[tokio::test]
async fn a_position_far_off_the_map_is_refused_and_changes_nothing() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id, map) = lead_with_map(&app).await;
        lead.call(
            "add_element",
            &[
                ("project_id", &id),
                ("map_id", &map),
                ("kind", "unit"),
                ("name", "Sengepost"),
            ],
        )
        .await
        .unwrap();
        let before = lead
            .call("get_trail_state", &[("project_id", &id)])
            .await
            .unwrap();
        let element = first_id(&before, "elements");

        for (x, y) in [("2147483647", "0"), ("0", "-2147483648"), ("100001", "5")] {
            let res = lead
                .post(
                    "move_element",
                    &[("project_id", &id), ("element_id", &element), ("x", x), ("y", y)],
                )
                .await;
            assert_eq!(res.status(), 422, "{backend:?}: move to {x}, {y}");
            let err: AppError = res.json().await.unwrap();
            assert_eq!(err, AppError::Invalid(Problem::PositionOutOfRange), "{backend:?}");
        }
        let res = lead
            .post(
                "add_element",
                &[
                    ("project_id", &id),
                    ("map_id", &map),
                    ("kind", "unit"),
                    ("name", "Langt ute"),
                    ("x", "2147483647"),
                    ("y", "0"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422, "{backend:?}: add far out");
        let after = lead
            .call("get_trail_state", &[("project_id", &id)])
            .await
            .unwrap();
        assert_eq!(after, before, "{backend:?}: nothing changed");

        // At the edge is still on the map.
        lead.call(
            "move_element",
            &[
                ("project_id", &id),
                ("element_id", &element),
                ("x", "100000"),
                ("y", "-100000"),
            ],
        )
        .await
        .unwrap();
    }
}

/// The `token` the page wrote into the form that posts to `endpoint`.
fn token_in_form(html: &str, endpoint: &str) -> String {
    let form = html
        .find(&format!("action=\"/api/{endpoint}\""))
        .unwrap_or_else(|| panic!("no form posts to {endpoint}"));
    let rest = &html[form..];
    let end = rest.find("</form>").unwrap();
    let field = rest[..end]
        .find("name=\"token\" value=\"")
        .unwrap_or_else(|| panic!("the form to {endpoint} has no token written in"));
    let value = &rest[field + "name=\"token\" value=\"".len()..];
    value[..value.find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn without_javascript_the_same_form_sent_twice_adds_one_element() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, id, map) = lead_with_map(&app).await;
    let page = format!("/projects/{id}");
    let (status, html) = lead.page(&page).await;
    assert_eq!(status, 200);
    let token = token_in_form(&html, "add_element");
    assert_eq!(token.len(), 32, "{token:?}");
    // A browser without JavaScript posts the form itself; a double click
    // or a resend posts it again, token and all.
    for _ in 0..2 {
        let posted = lead
            .client
            .post(format!("{}/api/add_element", app.base_url))
            .header("Accept", "text/html,application/xhtml+xml")
            .header("Referer", format!("{}{page}", app.base_url))
            .form(&[
                ("project_id", id.as_str()),
                ("map_id", map.as_str()),
                ("kind", "unit"),
                ("name", "Sengepost"),
                ("token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert!(posted.status().is_redirection(), "{}", posted.status());
    }
    let state = lead
        .call("get_trail_state", &[("project_id", &id)])
        .await
        .unwrap();
    let elements = state["content"]["map"]["elements"].as_object().unwrap();
    assert_eq!(elements.len(), 1, "one form sent twice, one element");
    // The page it comes back to has a new token for the next entry.
    let (_, again) = lead.page(&page).await;
    assert_ne!(token_in_form(&again, "add_element"), token);
}

#[tokio::test]
async fn the_same_form_sent_twice_adds_one_element() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id, map) = lead_with_map(&app).await;
        let add = |token: &'static str| {
            let form = [
                ("project_id", id.clone()),
                ("map_id", map.clone()),
                ("kind", "unit".to_owned()),
                ("name", "Sengepost".to_owned()),
                ("token", token.to_owned()),
            ];
            let lead = &lead;
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                lead.call("add_element", &form).await
            }
        };
        // A double click: both at once, and the same form again later.
        let (first, second) = tokio::join!(add("a1b2c3"), add("a1b2c3"));
        first.unwrap();
        second.unwrap();
        add("a1b2c3").await.unwrap();
        let count = |s: &serde_json::Value| s["content"]["map"]["elements"].as_object().unwrap().len();
        let after = lead
            .call("get_trail_state", &[("project_id", &id)])
            .await
            .unwrap();
        assert_eq!(count(&after), 1, "{backend:?}: one form, one element");
        // The next entry in the same form has a new token: a second element.
        add("d4e5f6").await.unwrap();
        let after = lead
            .call("get_trail_state", &[("project_id", &id)])
            .await
            .unwrap();
        assert_eq!(count(&after), 2, "{backend:?}");
        // A token that is not one is refused.
        let bad = lead
            .post(
                "add_element",
                &[
                    ("project_id", &id),
                    ("map_id", &map),
                    ("kind", "unit"),
                    ("name", "X"),
                    ("token", "<script>"),
                ],
            )
            .await;
        assert_eq!(bad.status(), 400, "{backend:?}");
    }
}
