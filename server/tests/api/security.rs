//! Issue 10: redirects, streams after sign-out, the Origin check, the
//! Content-Security-Policy, throttling of sign-up and sign-in, error status
//! codes, and typed text that could break a view.

use crate::helpers::*;
use app::error::{AppError, Problem};
use app::trail::live::CLOSE_NO_ACCESS;
use futures::StreamExt;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

/// Ways to write "another site" that a naive check lets through, and
/// browsers follow.
const BYPASSES: &[&str] = &[
    "/\t/evil.example/stolen",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "https:evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//user:pass@evil.example",
    "https://127.0.0.1@evil.example",
    "/%2F/evil.example",
    "/%5C/evil.example",
    "/%09/evil.example",
    "%2F%2Fevil.example",
    " //evil.example",
    "/\u{3000}/evil.example",
    "/\u{202E}/evil.example",
    "evil.example",
];

/// Where a browser would go after the answer's `Location`, resolved with the
/// WHATWG URL parser (the `url` crate, which browsers' parsing follows).
fn lands_on(base: &str, location: &str) -> reqwest::Url {
    reqwest::Url::parse(&format!("{base}/sign-in"))
        .unwrap()
        .join(location)
        .unwrap_or_else(|e| panic!("{location:?} is not a URL: {e}"))
}

#[tokio::test]
async fn after_sign_in_or_sign_up_next_never_leaves_the_site() {
    let app = spawn_app(Backend::Sqlite).await;
    Person::sign_up(&app, "Kari", "kari@example.org").await;
    let base = reqwest::Url::parse(&app.base_url).unwrap();
    for (i, next) in BYPASSES.iter().enumerate() {
        for form_post in [true, false] {
            // Without JavaScript the form posts and follows a 302; with it the
            // page reads `Location` from a 200.
            let browser = Person::anonymous(&app);
            let accept = if form_post {
                "text/html,application/xhtml+xml"
            } else {
                "application/json"
            };
            let sign_in = browser
                .client
                .post(format!("{}/api/sign_in", app.base_url))
                .header("Accept", accept)
                .header("Referer", format!("{}/sign-in", app.base_url))
                .form(&[
                    ("email", "kari@example.org"),
                    ("password", PASSWORD),
                    ("next", next),
                ])
                .send()
                .await
                .unwrap();
            assert!(
                sign_in.status().is_success() || sign_in.status().is_redirection(),
                "{next:?}: {}",
                sign_in.status()
            );
            let location = sign_in.headers()["location"].to_str().unwrap().to_owned();
            let landed = lands_on(&app.base_url, &location);
            assert_eq!(
                landed.origin(),
                base.origin(),
                "sign_in, next={next:?} (form post: {form_post}) → Location {location:?}"
            );

            let email = format!("new{i}{form_post}@example.org");
            let sign_up = browser
                .client
                .post(format!("{}/api/sign_up", app.base_url))
                .header("Accept", accept)
                .form(&[
                    ("display_name", "Ny"),
                    ("email", email.as_str()),
                    ("password", PASSWORD),
                    ("next", next),
                ])
                .send()
                .await
                .unwrap();
            let location = sign_up.headers()["location"].to_str().unwrap().to_owned();
            assert_eq!(
                lands_on(&app.base_url, &location).origin(),
                base.origin(),
                "sign_up, next={next:?} → Location {location:?}"
            );
        }
    }
    // A path on this site is kept.
    let res = Person::anonymous(&app)
        .post(
            "sign_in",
            &[
                ("email", "kari@example.org"),
                ("password", PASSWORD),
                ("next", "/join/ABCD-EFGH"),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"], "/join/ABCD-EFGH");
}

#[tokio::test]
async fn a_post_with_this_host_but_another_scheme_or_port_is_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    let host = app.base_url.strip_prefix("http://").unwrap();
    let port: u16 = host.rsplit(':').next().unwrap().parse().unwrap();
    let client = reqwest::Client::new();
    let form = [
        ("display_name", "Mallory"),
        ("email", "mallory@example.org"),
        ("password", PASSWORD),
    ];
    for origin in [
        format!("https://{host}"),
        format!("ftp://{host}"),
        format!("ws://{host}"),
        format!("http://127.0.0.1:{}", port + 1),
        format!("http://{host}.evil.example"),
        format!("http://evil@{host}"),
        format!("http://{host}/"),
        host.to_owned(),
    ] {
        let res = client
            .post(format!("{}/api/sign_up", app.base_url))
            .header("Origin", &origin)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{origin}");
    }
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users, 0);

    // The same for a WebSocket.
    let (lead, id) = lead_with_project(&app).await;
    drop(lead);
    let cookie = cookie_of(&app, "hanne@example.org").await;
    assert_eq!(
        open_stream(&app, &cookie, &id, 0, &format!("https://{host}"))
            .await
            .err(),
        Some(403)
    );
    assert!(open_stream(&app, &cookie, &id, 0, &app.base_url).await.is_ok());
}

type Stream = LiveStream;

/// Reads the stream until it closes: the close code, if it closed within
/// `within`, and how many event messages came before.
async fn closed_within(ws: &mut Stream, within: Duration) -> (Option<u16>, usize) {
    let deadline = tokio::time::Instant::now() + within;
    let mut messages = 0;
    loop {
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Ok(Some(Ok(Message::Close(frame)))) => return (frame.map(|f| u16::from(f.code)), messages),
            Ok(Some(Ok(Message::Text(_)))) => messages += 1,
            Ok(Some(Ok(_))) => {}
            Ok(Some(Err(_))) | Ok(None) => return (Some(0), messages),
            Err(_) => return (None, messages),
        }
    }
}

async fn write_something(app: &TestApp, project: &str, actor: &str) {
    use app::features::{Append, Request};
    use app::map::commands::MapCommand;
    app.trail
        .submit(Append {
            project_id: project.to_owned(),
            actor_id: actor.to_owned(),
            workshop_id: None,
            base_seq: None,
            request: Request::Do(
                MapCommand::CreateMap {
                    name: "Etter utlogging".into(),
                }
                .into(),
            ),
            curator: true,
            token: None,
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn signing_out_closes_that_sessions_streams_at_once() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        let cookie = cookie_of(&app, "hanne@example.org").await;
        let other = cookie_of(&app, "hanne@example.org").await;
        let mut ws = open_stream(&app, &cookie, &id, 0, &app.base_url).await.unwrap();
        let mut other_ws = open_stream(&app, &other, &id, 0, &app.base_url).await.unwrap();
        // The catch-up (the project's first event) arrives.
        assert!(matches!(ws.next().await, Some(Ok(Message::Text(_)))));
        assert!(matches!(other_ws.next().await, Some(Ok(Message::Text(_)))));

        Person::with_cookie(&app, Some(&cookie))
            .call("sign_out", &[])
            .await
            .unwrap();
        write_something(&app, &id, lead.id()).await;
        let (code, events) = closed_within(&mut ws, Duration::from_secs(2)).await;
        assert_eq!(code, Some(CLOSE_NO_ACCESS), "{backend:?}: closed at once");
        assert_eq!(events, 0, "{backend:?}: nothing after sign-out");
        assert_eq!(
            open_stream(&app, &cookie, &id, 0, &app.base_url).await.err(),
            Some(401)
        );

        // The same person's other session is not affected.
        let (code, events) = closed_within(&mut other_ws, Duration::from_millis(500)).await;
        assert_eq!((code, events), (None, 1), "{backend:?}");
    }
}

#[tokio::test]
async fn signing_in_anew_in_the_same_browser_closes_the_old_sessions_streams() {
    let app = spawn_app(Backend::Sqlite).await;
    let (_lead, id) = lead_with_project(&app).await;
    let cookie = cookie_of(&app, "hanne@example.org").await;
    let mut ws = open_stream(&app, &cookie, &id, 0, &app.base_url).await.unwrap();
    assert!(matches!(ws.next().await, Some(Ok(Message::Text(_)))));
    // The session id is replaced at sign-in: the old one has ended.
    let browser = Person::with_cookie(&app, Some(&cookie));
    browser
        .call(
            "sign_in",
            &[("email", "hanne@example.org"), ("password", PASSWORD)],
        )
        .await
        .unwrap();
    let (code, _) = closed_within(&mut ws, Duration::from_secs(2)).await;
    assert_eq!(code, Some(CLOSE_NO_ACCESS));
}

#[tokio::test]
async fn a_sign_out_in_one_process_closes_streams_in_another() {
    let url = fresh_database(Backend::Postgres).await;
    let a = spawn_app_on(&url).await;
    let b = spawn_app_on(&url).await;
    let (_lead, id) = lead_with_project(&a).await;
    let cookie = cookie_of(&a, "hanne@example.org").await;
    let mut on_a = open_stream(&a, &cookie, &id, 0, &a.base_url).await.unwrap();
    assert!(matches!(on_a.next().await, Some(Ok(Message::Text(_)))));
    Person::with_cookie(&b, Some(&cookie))
        .call("sign_out", &[])
        .await
        .unwrap();
    // Through NOTIFY, well before the periodic check.
    let (code, _) = closed_within(&mut on_a, Duration::from_secs(3)).await;
    assert_eq!(code, Some(CLOSE_NO_ACCESS));
}

#[tokio::test]
async fn a_session_that_is_gone_from_the_store_ends_its_streams() {
    // Expiry, or an end whose notification was missed: the periodic check
    // (every 10 s) finds the session gone.
    let app = spawn_app(Backend::Sqlite).await;
    let (_lead, id) = lead_with_project(&app).await;
    let cookie = cookie_of(&app, "hanne@example.org").await;
    let mut ws = open_stream(&app, &cookie, &id, 0, &app.base_url).await.unwrap();
    assert!(matches!(ws.next().await, Some(Ok(Message::Text(_)))));
    sqlx::query("DELETE FROM tower_sessions")
        .execute(&app.pool)
        .await
        .unwrap();
    let (code, _) = closed_within(&mut ws, Duration::from_secs(15)).await;
    assert_eq!(code, Some(CLOSE_NO_ACCESS));
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_with_this_responses_nonce() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = reqwest::Client::new();
    let mut nonces = Vec::new();
    for path in ["/", "/sign-in", "/no-such-page"] {
        let res = client
            .get(format!("{}{path}", app.base_url))
            .send()
            .await
            .unwrap();
        let csp = res
            .headers()
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no Content-Security-Policy"))
            .to_str()
            .unwrap()
            .to_owned();
        let html = res.text().await.unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {csp}"))
            .to_owned();
        assert!(nonce.len() >= 16, "{nonce}");
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: the scripts carry the policy's nonce"
        );
        // Every inline script carries it.
        let scripts = html.matches("<script").count();
        let with_nonce = html
            .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
            .count()
            + html.matches(&format!("<script nonce=\"{nonce}\"")).count();
        assert_eq!(scripts, with_nonce, "{path}: {html}");
        for directive in [
            "default-src 'self'",
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            &format!("ws://{}", app.base_url.strip_prefix("http://").unwrap()),
        ] {
            assert!(csp.contains(directive), "{path}: {directive} missing in {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
        nonces.push(nonce);
    }
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "a fresh nonce for every response");
}

/// The status and the error of a server-function call.
async fn status_of(p: &Person, endpoint: &str, form: &[(&str, &str)]) -> (u16, Option<AppError>) {
    let res = p.post(endpoint, form).await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    (status, serde_json::from_str(&body).ok())
}

/// Who calls what, with which arguments, and the status and error expected.
type Case<'a> = (&'a Person, &'a str, Vec<(&'a str, &'a str)>, u16, AppError);

#[tokio::test]
async fn server_function_errors_have_their_own_status_codes() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        let anonymous = Person::anonymous(&app);
        let outsider = Person::sign_up(&app, "Ola", "ola@example.org").await;
        let cases: Vec<Case> = vec![
            (&anonymous, "list_projects", vec![], 401, AppError::NotSignedIn),
            (
                &anonymous,
                "sign_in",
                vec![("email", "hanne@example.org"), ("password", "feil-passord-1")],
                401,
                AppError::WrongCredentials,
            ),
            (
                &outsider,
                "get_project",
                vec![("project_id", &id)],
                404,
                AppError::NotFound,
            ),
            (
                &lead,
                "create_project",
                vec![("name", "  "), ("purpose", ""), ("profession", "nurse")],
                422,
                AppError::Invalid(Problem::ProjectNameMissing),
            ),
            (
                &lead,
                "create_project",
                vec![("name", "x")],
                400,
                AppError::Invalid(Problem::Malformed),
            ),
            (
                &anonymous,
                "sign_up",
                vec![
                    ("display_name", "Hanne 2"),
                    ("email", "hanne@example.org"),
                    ("password", PASSWORD),
                ],
                409,
                AppError::Invalid(Problem::EmailTaken),
            ),
        ];
        for (person, endpoint, form, status, error) in cases {
            let (got_status, got) = status_of(person, endpoint, &form).await;
            assert_eq!(got_status, status, "{backend:?}: {endpoint} {got:?}");
            assert_eq!(got.as_ref(), Some(&error), "{backend:?}: {endpoint}");
        }
        // An observer who tries to change something: 403.
        let invite = lead
            .call("create_invite", &[("project_id", &id), ("role", "observer")])
            .await
            .unwrap();
        let observer = Person::sign_up(&app, "Obs", "obs@example.org").await;
        observer
            .call(
                "join_project",
                &[
                    ("code", invite["code"].as_str().unwrap()),
                    ("profession", "nurse"),
                ],
            )
            .await
            .unwrap();
        let (status, got) = status_of(
            &observer,
            "set_my_profession",
            &[("project_id", &id), ("profession", "physician")],
        )
        .await;
        assert_eq!((status, got), (403, Some(AppError::Forbidden)), "{backend:?}");

        // Success is still 200.
        let (status, _) = status_of(&lead, "get_project", &[("project_id", &id)]).await;
        assert_eq!(status, 200);
    }
}

#[tokio::test]
async fn too_many_attempts_is_429_with_retry_after() {
    let app = spawn_app(Backend::Sqlite).await;
    Person::sign_up(&app, "Kari", "kari@example.org").await;
    let attacker = Person::anonymous(&app);
    let wrong = [("email", "kari@example.org"), ("password", "gjetting-123")];
    for _ in 0..5 {
        assert_eq!(status_of(&attacker, "sign_in", &wrong).await.0, 401);
    }
    let res = attacker.post("sign_in", &wrong).await;
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    let body: AppError = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(body, AppError::TooManyAttempts);

    // Without JavaScript the form is sent back to, as before, with the error.
    let form_post = attacker
        .client
        .post(format!("{}/api/sign_in", app.base_url))
        .header("Accept", "text/html")
        .header("Referer", format!("{}/sign-in", app.base_url))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(form_post.status(), 302);
    let location = form_post.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{}/sign-in?", app.base_url)),
        "{location}"
    );
}

/// A browser at another address: the loopback network is all ours.
fn person_at(app: &TestApp, ip: &str) -> Person {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("Origin", app.base_url.parse().unwrap());
    headers.insert("Accept", "application/json".parse().unwrap());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(ip.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    Person {
        client,
        base_url: app.base_url.clone(),
        id: None,
    }
}

#[tokio::test]
async fn a_stranger_cannot_lock_a_person_out() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        Person::sign_up(&app, "Kari", "kari@example.org").await;
        let stranger = person_at(&app, "127.0.0.2");
        for _ in 0..5 {
            let r = stranger
                .call(
                    "sign_in",
                    &[("email", "kari@example.org"), ("password", "gjetting-123")],
                )
                .await;
            assert_eq!(r, Err(AppError::WrongCredentials));
        }
        let r = stranger
            .call(
                "sign_in",
                &[("email", "kari@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            r,
            Err(AppError::TooManyAttempts),
            "{backend:?}: the stranger is stopped"
        );
        // Kari, from her own address, still gets in.
        let kari = person_at(&app, "127.0.0.3");
        let r = kari
            .call(
                "sign_in",
                &[("email", "kari@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert!(r.is_ok(), "{backend:?}: {r:?}");
    }
}

#[tokio::test]
async fn sign_up_cannot_be_used_to_list_accounts() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        for i in 0..12 {
            Person::sign_up(&app, "Kari", &format!("kari{i}@example.org")).await;
        }
        let prober = person_at(&app, "127.0.0.4");
        let probe = |i: usize| {
            let email = format!("kari{i}@example.org");
            let prober = &prober;
            async move {
                prober
                    .call(
                        "sign_up",
                        &[
                            ("display_name", "Probe"),
                            ("email", email.as_str()),
                            ("password", PASSWORD),
                        ],
                    )
                    .await
            }
        };
        let mut answers = Vec::new();
        for i in 0..12 {
            answers.push(probe(i).await);
        }
        let taken = answers
            .iter()
            .filter(|a| **a == Err(AppError::Invalid(Problem::EmailTaken)))
            .count();
        assert_eq!(taken, 10, "{backend:?}: {answers:?}");
        assert_eq!(answers[10], Err(AppError::TooManyAttempts), "{backend:?}");
        assert_eq!(answers[11], Err(AppError::TooManyAttempts), "{backend:?}");
        // Once throttled, an address that does not exist is refused the same
        // way: the answer says nothing about accounts.
        let fresh = prober
            .call(
                "sign_up",
                &[
                    ("display_name", "Probe"),
                    ("email", "nobody@example.org"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(fresh, Err(AppError::TooManyAttempts), "{backend:?}");
        // Others still sign up.
        let other = person_at(&app, "127.0.0.5");
        other
            .call(
                "sign_up",
                &[
                    ("display_name", "Ny"),
                    ("email", "ny@example.org"),
                    ("password", PASSWORD),
                ],
            )
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn names_with_controls_overrides_or_only_invisible_characters() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let p = Person::anonymous(&app);
        for blank in ["\u{200B}\u{200C}", "\u{202E}", "\u{0}", "\u{3164}\u{FEFF}"] {
            let r = p
                .call(
                    "sign_up",
                    &[
                        ("display_name", blank),
                        ("email", "blank@example.org"),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(
                r,
                Err(AppError::Invalid(Problem::DisplayNameMissing)),
                "{blank:?}"
            );
        }
        let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(users, 0, "{backend:?}: refused input creates nothing");

        let kari = Person::sign_up(&app, "Kari\u{202E} Nord\u{0}mann", "kari@example.org").await;
        let me = kari.call("get_current_user", &[]).await.unwrap();
        assert_eq!(me["display_name"], "Kari Nordmann", "{backend:?}");
        let id = kari
            .call(
                "create_project",
                &[
                    ("name", "Trygg\u{202E} utskrivning"),
                    ("purpose", "Linje 1\u{0}\nLinje\u{2066} 2"),
                    ("profession", "nurse"),
                ],
            )
            .await
            .unwrap();
        let project = kari
            .call("get_project", &[("project_id", id.as_str().unwrap())])
            .await
            .unwrap();
        assert_eq!(project["name"], "Trygg utskrivning", "{backend:?}");
        assert_eq!(project["purpose"], "Linje 1\nLinje 2", "{backend:?}");
        let zero_width = kari
            .call(
                "create_project",
                &[("name", "\u{200B}"), ("purpose", ""), ("profession", "nurse")],
            )
            .await;
        assert_eq!(zero_width, Err(AppError::Invalid(Problem::ProjectNameMissing)));
        // Shown isolated, so an override stored before cannot turn the line.
        let (_, page) = kari.page("/").await;
        assert!(page.contains("<bdi>Kari Nordmann</bdi>"), "{backend:?}");
        assert!(!page.contains('\u{0}'));
    }
}
