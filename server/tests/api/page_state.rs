//! A project page names its state instead of carrying it, and members fetch
//! it from `/state/<project>`: concealed for their role, without anyone's
//! own undo list, refused to anyone asking for another role's view or for a
//! project they are not in.

use crate::helpers::*;
use reqwest::header::{ACCEPT, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};
use serde_json::Value;

/// The state address a page names, as written into its script.
fn named_state(html: &str) -> Option<String> {
    let marker = r#"{\"$state\":\""#;
    let start = html.find(marker)? + marker.len();
    let end = start + html[start..].find(r#"\""#)?;
    Some(html[start..end].to_owned())
}

async fn get(p: &Person, base: &str, path: &str, encoding: &str) -> reqwest::Response {
    p.client
        .get(format!("{base}{path}"))
        .header(ACCEPT, "application/json")
        .header(ACCEPT_ENCODING, encoding)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_page_names_its_state_which_only_members_get_as_their_role_sees_it() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        let participant = invited(&app, &lead, &id, "participant", "ola").await;
        let outsider = Person::sign_up(&app, "Per", "per@example.org").await;
        lead.call(
            "create_map",
            &[("project_id", &id), ("name", "Utskrivning i dag")],
        )
        .await
        .unwrap();
        let sealed = seal_note(&app, &id, &lead, "Lønnsforhandling").await;

        // The map page as the participant's browser gets it: the map is in
        // the page, its state is named, not carried.
        let (status, html) = participant.page(&format!("/projects/{id}")).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(
            html.contains("Utskrivning i dag"),
            "{backend:?}: the map is in the page"
        );
        let named = named_state(&html).unwrap_or_else(|| panic!("{backend:?}: no state named in the page"));
        assert!(
            named.starts_with(&format!("/state/{id}?at={sealed}&")) && named.ends_with("&as=participant"),
            "{backend:?}: {named}"
        );
        assert!(
            !html.contains(r#"\"content\""#),
            "{backend:?}: the page carries a state"
        );

        // Fetched as the page's script does: compressed once, not stored.
        let res = get(&participant, &app.base_url, &named, "gzip, deflate, br").await;
        assert_eq!(res.status(), 200, "{backend:?}");
        assert_eq!(res.headers()[CONTENT_ENCODING], "br", "{backend:?}");
        assert_eq!(res.headers()[CACHE_CONTROL], "no-store", "{backend:?}");
        let plain = get(&participant, &app.base_url, &named, "identity").await;
        assert!(plain.headers().get(CONTENT_ENCODING).is_none(), "{backend:?}");
        let state: Value = plain.json().await.unwrap();
        assert_eq!(state["seq"], sealed, "{backend:?}");
        assert!(
            state.to_string().contains("Utskrivning i dag"),
            "{backend:?}: {state}"
        );

        // The whole state, for each role as it may see it; nobody's undo list.
        let whole = |role: &str, at: i64| format!("/state/{id}?at={at}&slices=&as={role}");
        let text = |res: reqwest::Response| async move { (res.status().as_u16(), res.text().await.unwrap()) };
        let (status, as_participant) = text(
            get(
                &participant,
                &app.base_url,
                &whole("participant", sealed),
                "identity",
            )
            .await,
        )
        .await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(
            !as_participant.contains("Lønnsforhandling"),
            "{backend:?}: a participant reads a sealed note"
        );
        let (status, as_lead) =
            text(get(&lead, &app.base_url, &whole("lead", sealed), "identity").await).await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(
            as_lead.contains("Lønnsforhandling"),
            "{backend:?}: the lead's view"
        );
        assert!(
            !as_lead.contains("\"undo\""),
            "{backend:?}: a person's undo list in a shared state"
        );

        // Another role's view, another project's, a version not yet made,
        // or no session: nothing.
        for (who, path, expected) in [
            (&participant, whole("lead", sealed), 404),
            (&lead, whole("participant", sealed), 404),
            (&outsider, whole("participant", sealed), 404),
            (&participant, whole("participant", sealed + 1), 404),
            (&participant, whole("participant", -1), 404),
        ] {
            let (status, body) = text(get(who, &app.base_url, &path, "identity").await).await;
            assert_eq!(status, expected, "{backend:?}: {path}");
            assert!(!body.contains("Utskrivning"), "{backend:?}: {path}");
        }
        let (status, _) = text(
            get(
                &Person::anonymous(&app),
                &app.base_url,
                &whole("participant", sealed),
                "identity",
            )
            .await,
        )
        .await;
        assert_eq!(status, 401, "{backend:?}: signed out");

        // An earlier version, as a page looking back names it.
        let (status, before) = text(
            get(
                &participant,
                &app.base_url,
                &whole("participant", sealed - 1),
                "identity",
            )
            .await,
        )
        .await;
        assert_eq!(status, 200, "{backend:?}");
        let before: Value = serde_json::from_str(&before).unwrap();
        assert_eq!(before["seq"], sealed - 1, "{backend:?}");
        assert!(before.to_string().contains("Utskrivning i dag"), "{backend:?}");
    }
}
