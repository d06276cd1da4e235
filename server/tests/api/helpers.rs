use app::error::AppError;
use app::state::AppState;
use reqwest::header::{ACCEPT, ORIGIN};
use serde_json::Value;
use server::sessions::Sessions;
use std::net::SocketAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

/// A fresh, empty database of the backend, as a URL.
pub async fn fresh_database(backend: Backend) -> String {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("samspill-test-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}/samspill.db?mode=rwc", dir.display())
        }
        Backend::Postgres => {
            let admin = std::env::var("SAMSPILL_TEST_POSTGRES_URL").expect(
                "SAMSPILL_TEST_POSTGRES_URL is not set: run the tests with `make test`, \
                 which starts a throwaway PostgreSQL (server/scripts/with-postgres.sh)",
            );
            let name = format!("samspill_test_{}", uuid::Uuid::new_v4().simple());
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&admin)
                .await
                .expect("connect to test PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
            let base = admin.rsplit_once('/').unwrap().0;
            format!("{base}/{name}")
        }
    }
}

pub struct TestApp {
    pub base_url: String,
    pub database_url: String,
    pub pool: sqlx::AnyPool,
    pub trail: app::features::ProjectTrail,
    /// Other processes' events (PostgreSQL only).
    pub listener: Option<tokio::task::JoinHandle<()>>,
    /// Other processes' ended sessions (PostgreSQL only).
    session_listener: Option<tokio::task::JoinHandle<()>>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        for l in [&self.listener, &self.session_listener].into_iter().flatten() {
            l.abort();
        }
    }
}

/// The built browser files: `make test` passes the site it built in
/// `SAMSPILL_TEST_SITE`; without it pages still render, with no files behind
/// their links.
pub fn site_root() -> String {
    std::env::var("SAMSPILL_TEST_SITE").unwrap_or_else(|_| "target/site".to_owned())
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    let url = fresh_database(backend).await;
    spawn_app_on(&url).await
}

/// The whole server on port 0, as `samspill serve` builds it.
pub async fn spawn_app_on(database_url: &str) -> TestApp {
    // `TEST_LOG=debug cargo test …` shows the servers' logs on stderr.
    if let Ok(filter) = std::env::var("TEST_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_thread_names(true)
            .with_writer(std::io::stderr)
            .try_init();
    }
    let pool = server::db::connect(database_url).await.expect("connect");
    server::db::migrate(&pool).await.expect("migrate");
    let sessions = Sessions::connect(database_url).await.expect("sessions");
    let session_listener = sessions.start_listener(database_url);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let base_url = format!("http://{addr}");
    let postgres = server::db::is_postgres(database_url);
    let trail = app::features::ProjectTrail::start(pool.clone(), postgres);
    let notifications =
        postgres.then(|| server::live::start_listener(trail.clone(), database_url.to_owned()));
    let state = AppState {
        pool: pool.clone(),
        trail: trail.clone(),
        leptos_options: server::leptos_options(&site_root(), addr),
        public_url: base_url.clone(),
    };
    let router = server::app(
        state,
        sessions,
        server::RouterOptions {
            secure_cookies: false,
        },
    );
    let server = tokio::spawn(async move {
        axum::serve(
            server::delivery::without_nagle(listener),
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    TestApp {
        base_url,
        database_url: database_url.to_owned(),
        pool,
        trail,
        listener: notifications,
        session_listener,
        server,
    }
}

/// One person's browser: its own cookie jar, sending this site's Origin the
/// way a browser does on every POST.
pub struct Person {
    pub client: reqwest::Client,
    pub base_url: String,
    pub id: Option<String>,
}

impl Person {
    pub fn anonymous(app: &TestApp) -> Self {
        Self::with_cookie(app, None)
    }

    pub fn with_cookie(app: &TestApp, cookie: Option<&str>) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(ORIGIN, app.base_url.parse().unwrap());
        headers.insert(ACCEPT, "application/json".parse().unwrap());
        if let Some(c) = cookie {
            headers.insert(reqwest::header::COOKIE, c.parse().unwrap());
        }
        let client = reqwest::Client::builder()
            // A request that never gets an answer fails the test, naming
            // its address, instead of hanging the whole suite (two runs of
            // the fields tests once hung with everything idle).
            .timeout(REQUEST_TIMEOUT)
            .cookie_store(cookie.is_none())
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Person {
            client,
            base_url: app.base_url.clone(),
            id: None,
        }
    }

    /// Calls a server function the way a hydrated page does.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Result<Value, AppError> {
        self.call_with_status(endpoint, form).await.1
    }

    /// The same, with the HTTP status of the answer.
    pub async fn call_with_status(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, Result<Value, AppError>) {
        let res = self.post(endpoint, form).await;
        let status = res.status().as_u16();
        let body = res.text().await.unwrap();
        let result = if res_ok(status) {
            Ok(serde_json::from_str(&body).unwrap_or(Value::Null))
        } else {
            Err(serde_json::from_str(&body).unwrap_or_else(|_| panic!("not an AppError: {body}")))
        };
        (status, result)
    }

    /// A page (`path`, from the site's root) as this person's browser gets
    /// it without JavaScript: its status and HTML.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let res = self
            .client
            .get(format!("{}{path}", self.base_url))
            .header(ACCEPT, "text/html")
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    pub async fn post(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.base_url))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_up(app: &TestApp, name: &str, email: &str) -> Person {
        let mut p = Person::anonymous(app);
        p.call(
            "sign_up",
            &[("display_name", name), ("email", email), ("password", PASSWORD)],
        )
        .await
        .expect("sign up");
        let me = p.call("get_current_user", &[]).await.unwrap();
        p.id = Some(me["id"].as_str().unwrap().to_owned());
        p
    }

    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap()
    }
}

fn res_ok(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Far longer than any request takes, even on a loaded machine.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

pub const PASSWORD: &str = "blå-hest-på-sykkeltur";

/// The session cookie (`name=value`) that the last response set.
pub fn session_cookie(res: &reqwest::Response) -> Option<(String, String)> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("samspill_session="))
        .map(|v| {
            let pair = v.split(';').next().unwrap().to_owned();
            (pair, v.to_owned())
        })
}

/// Hanne signs up and creates a project; she is its lead.
pub async fn lead_with_project(app: &TestApp) -> (Person, String) {
    let lead = Person::sign_up(app, "Hanne", "hanne@example.org").await;
    let id = lead
        .call(
            "create_project",
            &[
                ("name", "Trygg utskrivning"),
                ("purpose", ""),
                ("profession", "nurse"),
            ],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    (lead, id)
}

pub type LiveStream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// `name` signs up and joins `project` in `role`, as a nurse, by the lead's
/// invite.
pub async fn invited(app: &TestApp, lead: &Person, project: &str, role: &str, name: &str) -> Person {
    let invite = lead
        .call("create_invite", &[("project_id", project), ("role", role)])
        .await
        .unwrap();
    let p = Person::sign_up(app, name, &format!("{name}@example.org")).await;
    p.call(
        "join_project",
        &[
            ("code", invite["code"].as_str().unwrap()),
            ("profession", "nurse"),
        ],
    )
    .await
    .unwrap();
    p
}

/// `actor` seals a note (the tests' example kind, only leads read it),
/// straight into the trail; its version.
pub async fn seal_note(app: &TestApp, project: &str, actor: &Person, text: &str) -> app::trail::Seq {
    use app::features::{Append, Request};
    use app::sealed_notes::SealedCommand;
    app.trail
        .submit(Append {
            project_id: project.to_owned(),
            actor_id: actor.id().to_owned(),
            workshop_id: None,
            base_seq: None,
            request: Request::Do(SealedCommand::Seal { text: text.into() }.into()),
            curator: true,
            token: None,
        })
        .await
        .unwrap()[0]
        .seq
}

/// Signs in and returns the session cookie, as a browser would hold it.
pub async fn cookie_of(app: &TestApp, email: &str) -> String {
    let res = Person::anonymous(app)
        .post("sign_in", &[("email", email), ("password", PASSWORD)])
        .await;
    session_cookie(&res).expect("signed in").0
}

/// Opens a project's live stream as a page of `origin` would, after event
/// `after`; the HTTP status if it is refused.
pub async fn open_stream(
    app: &TestApp,
    cookie: &str,
    project: &str,
    after: app::trail::Seq,
    origin: &str,
) -> Result<LiveStream, u16> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let url = format!(
        "{}/live/{project}?after={after}",
        app.base_url.replace("http://", "ws://")
    );
    let mut req = url.into_client_request().unwrap();
    req.headers_mut().insert("Cookie", cookie.parse().unwrap());
    req.headers_mut().insert("Origin", origin.parse().unwrap());
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => Err(res.status().as_u16()),
        Err(e) => panic!("{e}"),
    }
}
