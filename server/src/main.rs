use clap::Parser;
use server::config::{Cli, Command, ExportFormat, ServeArgs};
use server::{db, demo, sessions::Sessions};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    // clap prints its own clear message and exits 2 on a bad flag.
    let cli = Cli::parse();
    let filter = EnvFilter::try_new(&cli.log).unwrap_or_else(|_| EnvFilter::new("info"));
    if cli.log_json {
        tracing_subscriber::fmt().json().with_env_filter(filter).init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("samspill: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let url = cli.database_url();
    if !db::is_postgres(&url) {
        std::fs::create_dir_all(&cli.data_dir)
            .and_then(|_| probe_writable(&cli.data_dir))
            .map_err(|e| format!("cannot use data directory {}: {e}", cli.data_dir.display()))?;
    }
    let pool = db::connect(&url)
        .await
        .map_err(|e| format!("cannot open the database at {}: {e}", db::redact(&url)))?;
    db::migrate(&pool)
        .await
        .map_err(|e| format!("cannot apply migrations: {e}"))?;

    let trail = app::features::ProjectTrail::start(pool.clone(), db::is_postgres(&url));
    match cli.command {
        Command::Migrate => {
            println!("migrations applied to {}", db::redact(&url));
            Ok(())
        }
        Command::Demo => {
            let loaded = demo::load(&trail)
                .await
                .map_err(|e| format!("cannot load demo: {e:?}"))?;
            println!("{}", demo::describe(loaded));
            Ok(())
        }
        Command::Verify { project } => verify(&trail, &project).await,
        Command::Export {
            project,
            format: ExportFormat::Json,
        } => {
            let export = app::trail::server::export(trail.pool(), &project)
                .await
                .map_err(|e| format!("cannot export {project}: {e}"))?;
            if export.events.is_empty() && !project_exists(trail.pool(), &project).await {
                return Err(format!("no project {project}"));
            }
            let json = serde_json::to_string_pretty(&export).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(())
        }
        Command::Serve(args) => serve(trail, &url, args).await,
    }
}

async fn project_exists(pool: &sqlx::AnyPool, project: &str) -> bool {
    sqlx::query("SELECT 1 FROM projects WHERE id = $1")
        .bind(project)
        .fetch_optional(pool)
        .await
        .map(|r| r.is_some())
        .unwrap_or(false)
}

async fn verify(trail: &app::features::ProjectTrail, project: &str) -> Result<(), String> {
    use app::trail::server::Verdict;
    match app::trail::server::verify(trail.pool(), project).await {
        Ok(Verdict::Intact { events, head }) => {
            println!("project {project}: chain intact, {events} events, head {head}");
            Ok(())
        }
        Ok(Verdict::Broken { seq, reason }) => Err(format!(
            "project {project}: chain broken at event {seq}: {reason}"
        )),
        Err(app::error::AppError::NotFound) => Err(format!("no project {project}")),
        Err(e) => Err(format!("cannot verify {project}: {e}")),
    }
}

fn probe_writable(dir: &std::path::Path) -> std::io::Result<()> {
    let probe = dir.join(".write-probe");
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(probe)
}

async fn serve(trail: app::features::ProjectTrail, url: &str, args: ServeArgs) -> Result<(), String> {
    use tower_sessions::ExpiredDeletion;

    if !args.no_demo {
        let loaded = demo::load(&trail)
            .await
            .map_err(|e| format!("cannot load demo: {e:?}"))?;
        println!("{}", demo::describe(loaded));
    }
    let sessions = Sessions::connect(url)
        .await
        .map_err(|e| format!("cannot open the session store at {}: {e}", db::redact(url)))?;
    tokio::spawn(
        sessions
            .clone()
            .continuously_delete_expired(tokio::time::Duration::from_secs(3600)),
    );

    if db::is_postgres(url) {
        server::live::start_listener(trail.clone(), url.to_owned());
    }
    // Sessions ended in other processes close this one's streams.
    sessions.start_listener(url);
    let public_url = args.public_url();
    let state = app::state::AppState {
        pool: trail.pool().clone(),
        trail,
        leptos_options: server::leptos_options(&args.site_root, args.bind),
        public_url: public_url.clone(),
    };
    let router = server::app(
        state,
        sessions,
        server::RouterOptions {
            secure_cookies: public_url.starts_with("https://"),
        },
    );
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
    println!("Samspill is running at {public_url}");
    tracing::info!(bind = %args.bind, database = %db::redact(url), "serving");
    axum::serve(
        server::delivery::without_nagle(listener),
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server stopped: {e}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
