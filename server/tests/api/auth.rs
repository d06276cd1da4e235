use crate::helpers::*;
use app::error::{AppError, Problem};

#[tokio::test]
async fn sign_up_sign_in_and_sign_out() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let kari = Person::sign_up(&app, "Kari Nordmann", "Kari@Example.org").await;
        let me = kari.call("get_current_user", &[]).await.unwrap();
        assert_eq!(me["display_name"], "Kari Nordmann", "{backend:?}");
        assert_eq!(me["email"], "kari@example.org", "{backend:?}");

        // A second account with the same email, in any case, is refused.
        let again = Person::anonymous(&app)
            .call(
                "sign_up",
                &[
                    ("display_name", "Kari 2"),
                    ("email", "KARI@example.org"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(again, Err(AppError::Invalid(Problem::EmailTaken)), "{backend:?}");

        kari.call("sign_out", &[]).await.unwrap();
        assert_eq!(
            kari.call("get_current_user", &[]).await.unwrap(),
            serde_json::Value::Null
        );

        let back = Person::anonymous(&app);
        back.call(
            "sign_in",
            &[("email", "kari@example.org"), ("password", PASSWORD)],
        )
        .await
        .unwrap();
        let me = back.call("get_current_user", &[]).await.unwrap();
        assert_eq!(me["display_name"], "Kari Nordmann", "{backend:?}");
    }
}

#[tokio::test]
async fn weak_passwords_and_bad_input_are_refused_and_create_nothing() {
    let app = spawn_app(Backend::Sqlite).await;
    let p = Person::anonymous(&app);
    let cases = [
        (("Kari", "kari@example.org", "kort123"), Problem::PasswordTooShort),
        (
            ("Kari", "kari@example.org", "password123"),
            Problem::PasswordTooCommon,
        ),
        (
            ("Kari", "kari@example.org", "1234567890"),
            Problem::PasswordTooCommon,
        ),
        (("Kari", "not-an-email", PASSWORD), Problem::EmailInvalid),
        (("  ", "kari@example.org", PASSWORD), Problem::DisplayNameMissing),
    ];
    for ((name, email, password), problem) in cases {
        let r = p
            .call(
                "sign_up",
                &[("display_name", name), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(r, Err(AppError::Invalid(problem)), "{name} {email} {password}");
    }
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = spawn_app(Backend::Sqlite).await;
    Person::sign_up(&app, "Kari", "kari@example.org").await;
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
}

#[tokio::test]
async fn a_wrong_email_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app(Backend::Sqlite).await;
    Person::sign_up(&app, "Kari", "kari@example.org").await;
    let p = Person::anonymous(&app);
    let wrong_password = p
        .call(
            "sign_in",
            &[("email", "kari@example.org"), ("password", "feil-passord-1")],
        )
        .await;
    let wrong_email = p
        .call("sign_in", &[("email", "ola@example.org"), ("password", PASSWORD)])
        .await;
    assert_eq!(wrong_password, Err(AppError::WrongCredentials));
    assert_eq!(wrong_email, Err(AppError::WrongCredentials));
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        Person::sign_up(&app, "Kari", "kari@example.org").await;
        let attacker = Person::anonymous(&app);
        for _ in 0..5 {
            let r = attacker
                .call(
                    "sign_in",
                    &[("email", "kari@example.org"), ("password", "gjetting-123")],
                )
                .await;
            assert_eq!(r, Err(AppError::WrongCredentials));
        }
        // Now even the right password is refused, without being checked.
        let r = attacker
            .call(
                "sign_in",
                &[("email", "kari@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r, Err(AppError::TooManyAttempts), "{backend:?}");
        // Another account is not affected.
        Person::sign_up(&app, "Ola", "ola@example.org").await;
    }
}

#[tokio::test]
async fn the_session_cookie_is_http_only_same_site_and_rotated_at_sign_in() {
    let app = spawn_app(Backend::Sqlite).await;
    Person::sign_up(&app, "Kari", "kari@example.org").await;

    let browser = Person::anonymous(&app);
    let creds = [("email", "kari@example.org"), ("password", PASSWORD)];
    let first = browser.post("sign_in", &creds).await;
    let (first_pair, attrs) = session_cookie(&first).expect("a session cookie");
    assert!(attrs.contains("HttpOnly"), "{attrs}");
    assert!(attrs.contains("SameSite=Lax"), "{attrs}");
    assert!(attrs.contains("Path=/"), "{attrs}");
    assert!(
        !attrs.contains("Secure"),
        "plain http must not mark it Secure: {attrs}"
    );

    // Signing in again, in the same browser, issues a new id and the old one
    // stops working.
    let second = browser.post("sign_in", &creds).await;
    let (second_pair, _) = session_cookie(&second).expect("a new session cookie");
    assert_ne!(first_pair, second_pair);
    let stale = Person::with_cookie(&app, Some(&first_pair));
    assert_eq!(
        stale.call("get_current_user", &[]).await.unwrap(),
        serde_json::Value::Null
    );
    let current = Person::with_cookie(&app, Some(&second_pair));
    assert_eq!(
        current.call("get_current_user", &[]).await.unwrap()["display_name"],
        "Kari"
    );

    // Signing out ends the session on the server, not just in the browser.
    current.call("sign_out", &[]).await.unwrap();
    let replay = Person::with_cookie(&app, Some(&second_pair));
    assert_eq!(
        replay.call("get_current_user", &[]).await.unwrap(),
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn sessions_survive_a_server_restart() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        Person::sign_up(&app, "Kari", "kari@example.org").await;
        let res = Person::anonymous(&app)
            .post(
                "sign_in",
                &[("email", "kari@example.org"), ("password", PASSWORD)],
            )
            .await;
        let (cookie, _) = session_cookie(&res).unwrap();
        let url = app.database_url.clone();
        drop(app);

        let restarted = spawn_app_on(&url).await;
        let same_browser = Person::with_cookie(&restarted, Some(&cookie));
        let me = same_browser.call("get_current_user", &[]).await.unwrap();
        assert_eq!(me["display_name"], "Kari", "{backend:?}");
    }
}

#[tokio::test]
async fn a_post_from_another_site_is_refused_and_changes_nothing() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = reqwest::Client::new();
    let form = [
        ("display_name", "Mallory"),
        ("email", "mallory@example.org"),
        ("password", PASSWORD),
    ];
    for origin in [Some("https://evil.example"), Some("null"), None] {
        let mut req = client.post(format!("{}/api/sign_up", app.base_url)).form(&form);
        if let Some(o) = origin {
            req = req.header("Origin", o);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 403, "{origin:?}");
    }
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test]
async fn pages_are_served_and_health_is_reported() {
    let app = spawn_app(Backend::Sqlite).await;
    let client = reqwest::Client::new();
    let health = client
        .get(format!("{}/healthz", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let page = client
        .get(format!("{}/sign-in", app.base_url))
        .header("Accept-Language", "nb-NO,nb;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"<html lang="nb""#), "{html}");
    assert!(html.contains("Logg inn"));
    let missing = client
        .get(format!("{}/no-such-page", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}
