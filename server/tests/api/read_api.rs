//! The read API (`/api/v1/…`) and personal API tokens, on both backends:
//! who gets what with which token, a decision's trail against the log, a
//! token shown once and stored as a digest, a revoked token refused at
//! once, and the OpenAPI document.

use crate::helpers::*;
use app::error::AppError;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// One answer of the API: status, `Cache-Control`, body.
struct Answer {
    status: u16,
    cache_control: String,
    content_type: String,
    www_authenticate: Option<String>,
    body: Value,
}

/// A program's request: no cookie jar, only what it is given.
async fn get(app: &TestApp, path: &str, token: Option<&str>, cookie: Option<&str>) -> Answer {
    let mut req = reqwest::Client::new().get(format!("{}/api/v1{path}", app.base_url));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(c) = cookie {
        req = req.header(reqwest::header::COOKIE, c);
    }
    let res = req.send().await.unwrap();
    let header = |name| {
        res.headers()
            .get(name)
            .map(|v: &reqwest::header::HeaderValue| v.to_str().unwrap().to_owned())
    };
    let cache_control = header(reqwest::header::CACHE_CONTROL).unwrap_or_default();
    let content_type = header(reqwest::header::CONTENT_TYPE).unwrap_or_default();
    let www_authenticate = header(reqwest::header::WWW_AUTHENTICATE);
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    Answer {
        status,
        cache_control,
        content_type,
        www_authenticate,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

async fn token_of(person: &Person, name: &str) -> (String, String) {
    let new = person.call("create_token", &[("name", name)]).await.unwrap();
    (
        new["id"].as_str().unwrap().to_owned(),
        new["secret"].as_str().unwrap().to_owned(),
    )
}

async fn join(app: &TestApp, lead: &Person, project: &str, name: &str, role: &str) -> Person {
    let invite = lead
        .call("create_invite", &[("project_id", project), ("role", role)])
        .await
        .unwrap();
    let person = Person::sign_up(app, name, &format!("{role}@example.org")).await;
    person
        .call(
            "join_project",
            &[
                ("code", invite["code"].as_str().unwrap()),
                ("profession", "nurse"),
            ],
        )
        .await
        .unwrap();
    person
}

/// A decision with a trail: proposed, argued, a position, revised, a
/// position on the new text, closed. Its id and its first option's.
async fn decided(lead: &Person, kari: &Person, p: &str) -> (String, String) {
    lead.call(
        "propose_decision",
        &[
            ("project_id", p),
            ("title", "Pårørendes telefonnummer"),
            ("options", "Vises for alle\nSkjules for nattevakten"),
            ("open", "on"),
        ],
    )
    .await
    .unwrap();
    let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
    let decision = state["content"]["decisions"]["decisions"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    let d = decision["id"].as_str().unwrap().to_owned();
    let option = decision["revisions"][0][0]["options"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let on_option = [("project_id", p), ("decision_id", &d), ("option_id", &option)];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut form: Vec<(&str, &str)> = on_option.to_vec();
        form.extend_from_slice(extra);
        form
    };
    kari.call(
        "argue",
        &with(&[("side", "against"), ("text", "Nattevakten ringer sjelden")]),
    )
    .await
    .unwrap();
    kari.call(
        "take_position",
        &with(&[("stance", "disagree"), ("reason", "Personvern")]),
    )
    .await
    .unwrap();
    let seq = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap()["seq"].to_string();
    lead.call(
        "revise_decision",
        &[
            ("project_id", p),
            ("base_seq", &seq),
            ("decision_id", &d),
            ("title", "Pårørendes telefonnummer om natten"),
            ("options", "Vises for alle\nSkjules for nattevakten"),
        ],
    )
    .await
    .unwrap();
    lead.call(
        "take_position",
        &[
            ("project_id", p),
            ("decision_id", &d),
            ("option_id", &option),
            ("stance", "agree"),
        ],
    )
    .await
    .unwrap();
    lead.call(
        "close_decision",
        &[
            ("project_id", p),
            ("decision_id", &d),
            ("outcome", &option),
            ("rationale", "Alle trenger å nå pårørende"),
        ],
    )
    .await
    .unwrap();
    (d, option)
}

#[tokio::test]
async fn a_token_reads_what_its_person_may_see_and_nothing_else() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, p) = lead_with_project(&app).await;
        let kari = join(&app, &lead, &p, "Kari", "participant").await;
        let observer = join(&app, &lead, &p, "Olav", "observer").await;
        let outsider = Person::sign_up(&app, "Utenfor", "utenfor@example.org").await;
        outsider
            .call(
                "create_project",
                &[("name", "Eget"), ("purpose", ""), ("profession", "designer")],
            )
            .await
            .unwrap();
        let (d, _) = decided(&lead, &kari, &p).await;

        let routes = [
            "/projects".to_owned(),
            format!("/projects/{p}/decisions"),
            format!("/projects/{p}/decisions/{d}"),
        ];
        let (_, revoked) = token_of(&kari, "revoked").await;
        let revoked_id = kari.call("list_tokens", &[]).await.unwrap()["tokens"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        kari.call("revoke_token", &[("token_id", &revoked_id)])
            .await
            .unwrap();
        let lead_cookie = cookie_of(&app, "hanne@example.org").await;
        let bogus = format!("samspill_{}", "0".repeat(64));

        // Members, whatever their role: every route.
        for who in [&lead, &kari, &observer] {
            let (_, token) = token_of(who, "rapport").await;
            for route in &routes {
                let a = get(&app, route, Some(&token), None).await;
                assert_eq!(a.status, 200, "{backend:?} {route}: {:?}", a.body);
                assert_eq!(a.cache_control, "no-store", "{route}");
                assert!(a.content_type.starts_with("application/json"), "{route}");
            }
        }

        // A non-member: their own project list, and a 404 for this
        // project that says no more than one that does not exist.
        let (_, theirs) = token_of(&outsider, "nysgjerrig").await;
        let mine = get(&app, "/projects", Some(&theirs), None).await;
        assert_eq!(mine.body["projects"].as_array().unwrap().len(), 1);
        assert_ne!(mine.body["projects"][0]["id"], Value::String(p.clone()));
        let unknown = get(&app, "/projects/no-such-project/decisions", Some(&theirs), None).await;
        assert_eq!(unknown.status, 404);
        for route in &routes[1..] {
            let a = get(&app, route, Some(&theirs), None).await;
            assert_eq!((a.status, &a.body), (404, &unknown.body), "{backend:?} {route}");
            assert_eq!(a.cache_control, "no-store");
        }
        assert_eq!(unknown.body["error"], "not_found");
        // A member asking for a decision that is not there: the same.
        let (_, lead_token) = token_of(&lead, "lead").await;
        let missing = get(
            &app,
            &format!("/projects/{p}/decisions/nope"),
            Some(&lead_token),
            None,
        )
        .await;
        assert_eq!((missing.status, &missing.body), (404, &unknown.body));

        // No token, a revoked one, a made-up one, or only a session: 401
        // with a JSON body and a Bearer challenge, on every route.
        for route in &routes {
            for (what, token, cookie) in [
                ("no token", None, None),
                ("revoked token", Some(revoked.as_str()), None),
                ("unknown token", Some(bogus.as_str()), None),
                ("not a token", Some("hei"), None),
                ("session only", None, Some(lead_cookie.as_str())),
            ] {
                let a = get(&app, route, token, cookie).await;
                assert_eq!(a.status, 401, "{backend:?} {route} with {what}");
                assert_eq!(a.body["error"], "unauthorized", "{route} with {what}");
                assert!(a.www_authenticate.unwrap().starts_with("Bearer"), "{what}");
                assert_eq!(a.cache_control, "no-store", "{what}");
            }
        }
        // Anything else under /api/v1: a JSON 404, not a page.
        let elsewhere = get(&app, "/nothing/here", Some(&lead_token), None).await;
        assert_eq!(
            (elsewhere.status, elsewhere.body["error"].as_str()),
            (404, Some("not_found"))
        );
    }
}

#[tokio::test]
async fn a_decisions_trail_is_every_event_about_it_in_order_with_the_logs_hashes() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, p) = lead_with_project(&app).await;
        let kari = join(&app, &lead, &p, "Kari", "participant").await;
        let (d, option) = decided(&lead, &kari, &p).await;
        // Another decision's events are not in this one's trail.
        lead.call(
            "propose_decision",
            &[
                ("project_id", p.as_str()),
                ("title", "Noe annet"),
                ("options", "A\nB"),
            ],
        )
        .await
        .unwrap();
        let (_, token) = token_of(&kari, "rapport").await;
        let a = get(&app, &format!("/projects/{p}/decisions/{d}"), Some(&token), None).await;
        assert_eq!(a.status, 200, "{:?}", a.body);
        let decision = &a.body;
        assert_eq!(decision["title"], "Pårørendes telefonnummer om natten");
        assert_eq!(decision["status"], "decided");
        assert_eq!(decision["revision"], 2);
        assert_eq!(decision["closing"]["outcome"], Value::String(option.clone()));
        assert_eq!(decision["closing"]["dissent"][0]["person"]["name"], "Kari");
        assert_eq!(decision["closing"]["dissent"][0]["stance"], "disagree");

        let trail = decision["trail"].as_array().unwrap();
        let kinds: Vec<&str> = trail.iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            [
                "decision_proposed",
                "argument_added",
                "position_taken",
                "decision_revised",
                "position_taken",
                "decision_closed"
            ],
            "{backend:?}"
        );
        let types: Vec<&str> = trail
            .iter()
            .map(|e| e["change"]["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            ["revision", "argument", "position", "revision", "position", "outcome"]
        );
        assert_eq!(trail[3]["change"]["revision"], 2);
        let who: Vec<&str> = trail.iter().map(|e| e["by"]["name"].as_str().unwrap()).collect();
        assert_eq!(who, ["Hanne", "Kari", "Kari", "Hanne", "Hanne", "Hanne"]);
        let seqs: Vec<i64> = trail.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
        for entry in trail {
            let (hash, at_ms, kind): (String, i64, String) =
                sqlx::query_as("SELECT hash, at_ms, kind FROM events WHERE project_id = $1 AND seq = $2")
                    .bind(&p)
                    .bind(entry["seq"].as_i64().unwrap())
                    .fetch_one(&app.pool)
                    .await
                    .unwrap();
            assert_eq!(entry["hash"], Value::String(hash), "{backend:?}");
            assert_eq!(entry["kind"], Value::String(kind));
            let at = entry["at"].as_str().unwrap();
            assert!(at.ends_with('Z') && at.len() == 24, "{at}");
            assert_eq!(at, server::read_api::timestamp(at_ms));
        }

        let list = get(&app, &format!("/projects/{p}/decisions"), Some(&token), None).await;
        let titles: Vec<&str> = list.body["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Noe annet", "Pårørendes telefonnummer om natten"]);
    }
}

#[tokio::test]
async fn a_token_is_shown_once_only_its_digest_is_stored_and_revoking_refuses_it_at_once() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, p) = lead_with_project(&app).await;
        let (id, secret) = token_of(&lead, "Rapport til styringsgruppen").await;
        assert!(secret.starts_with("samspill_") && secret.len() == 73, "{secret}");

        // Stored: the digest, the last four, never the token.
        let (hash, last_four, name): (String, String, String) =
            sqlx::query_as("SELECT token_hash, last_four, name FROM api_tokens WHERE id = $1")
                .bind(&id)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(hash, hex::encode(Sha256::digest(secret.as_bytes())));
        assert_eq!(last_four, secret[secret.len() - 4..]);
        assert_eq!(name, "Rapport til styringsgruppen");
        if backend == Backend::Sqlite {
            // Not in any table, index or log page of the database.
            let path = app.database_url.trim_start_matches("sqlite://");
            let file = path.split('?').next().unwrap();
            for f in [file.to_owned(), format!("{file}-wal")] {
                let bytes = std::fs::read(&f).unwrap_or_default();
                let bits = secret.trim_start_matches("samspill_").as_bytes();
                assert!(!bytes.windows(bits.len()).any(|w| w == bits), "token in {f}");
            }
        }

        // Listed without the token; never shown again.
        let list = lead.call("list_tokens", &[]).await.unwrap();
        assert!(!list.to_string().contains(&secret[9..]), "{list}");
        assert_eq!(list["fresh"], Value::Null);
        assert_eq!(list["tokens"][0]["last_four"], Value::String(last_four));

        // Works, is revoked, and is refused on the very next request.
        let route = format!("/projects/{p}/decisions");
        assert_eq!(get(&app, &route, Some(&secret), None).await.status, 200);
        // Someone else cannot revoke it, nor learn that it exists.
        let other = Person::sign_up(&app, "Annen", "annen@example.org").await;
        let (status, refused) = other.call_with_status("revoke_token", &[("token_id", &id)]).await;
        assert_eq!((status, refused), (404, Err(AppError::NotFound)));
        assert_eq!(get(&app, &route, Some(&secret), None).await.status, 200);
        lead.call("revoke_token", &[("token_id", &id)]).await.unwrap();
        let after = get(&app, &route, Some(&secret), None).await;
        assert_eq!(
            (after.status, after.body["error"].as_str()),
            (401, Some("unauthorized"))
        );
        let list = lead.call("list_tokens", &[]).await.unwrap();
        assert!(list["tokens"][0]["revoked_at_ms"].as_i64().is_some(), "{list}");
        // Revoking again changes nothing.
        lead.call("revoke_token", &[("token_id", &id)]).await.unwrap();
    }
}

/// Without JavaScript the form's answer is a redirect back to the page, so
/// the token goes there in a cookie that only that page receives, and the
/// page's `list_tokens` shows it and clears it. Checked here through the
/// server functions; rendering the page is the browser test's part
/// (`end2end/tests/tokens.spec.ts`, `@nojs`): a page render inside this
/// suite can hang while the whole suite runs (README, "Matrix benchmark").
#[tokio::test]
async fn without_javascript_the_new_token_is_carried_to_the_page_once() {
    let app = spawn_app(Backend::Sqlite).await;
    let cookie = {
        Person::sign_up(&app, "Hanne", "hanne@example.org").await;
        cookie_of(&app, "hanne@example.org").await
    };
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = format!("{}/account/tokens", app.base_url);
    let set_cookies = |res: &reqwest::Response| -> Vec<String> {
        res.headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    };
    let res = browser
        .post(format!("{}/api/create_token", app.base_url))
        .header("Origin", &app.base_url)
        .header("Referer", &page)
        .header("Accept", "text/html")
        .header("Cookie", &cookie)
        .form(&[("name", "Uten JavaScript")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert!(res.headers()["location"].to_str().unwrap().starts_with(&page));
    let carried = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("samspill_new_token="))
        .expect("the token goes to the page");
    for part in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/account/tokens",
        "Max-Age=300",
    ] {
        assert!(carried.contains(part), "{carried}");
    }
    let pair = carried.split(';').next().unwrap().to_owned();
    let secret = pair.trim_start_matches("samspill_new_token=").to_owned();
    assert!(secret.starts_with("samspill_") && secret.len() == 73, "{secret}");
    // What the page asks for as it renders, with the cookie the browser sends it.
    let list = |cookies: String| {
        let browser = browser.clone();
        let url = format!("{}/api/list_tokens", app.base_url);
        let origin = app.base_url.clone();
        async move {
            browser
                .post(url)
                .header("Origin", origin)
                .header("Accept", "application/json")
                .header("Cookie", cookies)
                .send()
                .await
                .unwrap()
        }
    };
    let shown = list(format!("{cookie}; {pair}")).await;
    assert!(set_cookies(&shown)
        .iter()
        .any(|c| c.starts_with("samspill_new_token=;") && c.contains("Max-Age=0")));
    let body: Value = shown.json().await.unwrap();
    assert_eq!(body["fresh"]["secret"], Value::String(secret.clone()));
    assert_eq!(body["fresh"]["name"], "Uten JavaScript");
    // Once cleared, never again; and the token works.
    let again: Value = list(cookie.clone()).await.json().await.unwrap();
    assert_eq!(again["fresh"], Value::Null);
    assert!(!again.to_string().contains(&secret[9..]));
    assert_eq!(get(&app, "/projects", Some(&secret), None).await.status, 200);
    // A cookie naming a token that is not this person's shows nothing.
    let planted = format!("{cookie}; samspill_new_token=samspill_{}", "1".repeat(64));
    let body: Value = list(planted).await.json().await.unwrap();
    assert_eq!(body["fresh"], Value::Null);
    // With JavaScript the token is the answer itself, and no cookie is set.
    let hydrated = Person::with_cookie(&app, Some(&cookie));
    let res = hydrated.post("create_token", &[("name", "Med JavaScript")]).await;
    assert!(set_cookies(&res)
        .iter()
        .all(|c| !c.starts_with("samspill_new_token=")));
}

#[tokio::test]
async fn the_token_server_functions_as_everyone() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let signed_out = Person::anonymous(&app);
        for (function, args) in [
            ("list_tokens", vec![]),
            ("create_token", vec![("name", "x")]),
            ("revoke_token", vec![("token_id", "x")]),
        ] {
            let got = signed_out.call_with_status(function, &args).await;
            assert_eq!(got, (401, Err(AppError::NotSignedIn)), "{backend:?} {function}");
        }
        let hanne = Person::sign_up(&app, "Hanne", "hanne@example.org").await;
        let (status, _) = hanne.call_with_status("create_token", &[("name", "x")]).await;
        assert_eq!(status, 200);
        let list = hanne.call("list_tokens", &[]).await.unwrap();
        assert_eq!(list["tokens"].as_array().unwrap().len(), 1);
        // A name is required; there is a limit of working tokens.
        let blank = hanne.call_with_status("create_token", &[("name", "  ")]).await;
        assert_eq!(blank.1, Err(AppError::Invalid(app::error::Problem::NameMissing)));
        for _ in 1..20 {
            hanne.call("create_token", &[("name", "mange")]).await.unwrap();
        }
        let (status, too_many) = hanne
            .call_with_status("create_token", &[("name", "én til")])
            .await;
        assert_eq!(
            (status, too_many),
            (422, Err(AppError::Invalid(app::error::Problem::TooManyTokens)))
        );
    }
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_describes_every_route() {
    let app = spawn_app(Backend::Sqlite).await;
    let doc = get(&app, "/openapi.json", None, None).await;
    assert_eq!(doc.status, 200);
    assert_eq!(doc.cache_control, "no-store");
    assert!(
        doc.body["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc.body["openapi"]
    );
    let paths: Vec<&str> = doc.body["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/v1/openapi.json",
            "/api/v1/projects",
            "/api/v1/projects/{project_id}/decisions",
            "/api/v1/projects/{project_id}/decisions/{decision_id}",
        ]
    );
    // Every route of the document answers (401 without a token, not 404),
    // and every one but the document itself asks for the token.
    for path in &paths[1..] {
        let concrete = path
            .trim_start_matches("/api/v1")
            .replace("{project_id}", "p")
            .replace("{decision_id}", "d");
        assert_eq!(get(&app, &concrete, None, None).await.status, 401, "{path}");
        assert_eq!(doc.body["paths"][path]["get"].get("security"), None, "{path}");
    }
    assert_eq!(doc.body["security"][0]["token"], serde_json::json!([]));
    // Links in OpenAPI's own spelling, so clients (and schemathesis) follow
    // them from a project to its decisions to one decision.
    let link = &doc.body["paths"]["/api/v1/projects/{project_id}/decisions"]["get"]["responses"]["200"]
        ["links"]["decision"];
    assert_eq!(link["operationId"], "get_decision", "{link}");
    assert_eq!(
        link["parameters"]["decision_id"],
        "$response.body#/decisions/0/id"
    );
    assert_eq!(
        doc.body["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );
    // Leptos's server functions live at /api/<name>: none may be read as
    // part of the API.
    let under_v1: Vec<_> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(path, _)| path.starts_with("/api/v1"))
        .collect();
    assert!(under_v1.is_empty(), "{under_v1:?}");
}

#[tokio::test]
async fn the_decisions_list_is_searched_and_filtered_as_the_log_is() {
    let app = spawn_app(BACKENDS[0]).await;
    let (demo, p) = crate::fields::demo_signed_in(&app).await;
    let (_, token) = token_of(&demo, "søk").await;
    let titles = |a: &Answer| -> Vec<String> {
        a.body["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = get(&app, &format!("/projects/{p}/decisions"), Some(&token), None).await;
    assert_eq!(titles(&all).len(), 12);
    // Every word, in any case, anywhere in a decision.
    let found = get(
        &app,
        &format!("/projects/{p}/decisions?q=N%C3%98KKELBOKSEN%20koden"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        titles(&found),
        vec!["Koden til nøkkelboksen sendes ikke i meldingen"]
    );
    let decided = get(
        &app,
        &format!("/projects/{p}/decisions?status=decided"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(titles(&decided).len(), 5);
    let bad = get(
        &app,
        &format!("/projects/{p}/decisions?status=maybe"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        (bad.status, bad.body["error"].as_str()),
        (400, Some("bad_request"))
    );
}
