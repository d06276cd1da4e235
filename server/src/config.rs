//! Command line and environment. Every flag has an environment variable, so
//! a service manager can configure the server without arguments.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "samspill",
    version,
    about = "Samspill: participatory design for health and care services"
)]
pub struct Cli {
    /// Where the SQLite database lives (created if missing).
    #[arg(long, env = "SAMSPILL_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// `postgres://…` for PostgreSQL; defaults to SQLite in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Log filter, e.g. `info` or `samspill=debug,tower_http=debug`.
    #[arg(long, env = "SAMSPILL_LOG", default_value = "info", global = true)]
    pub log: String,

    /// Log lines as JSON objects (for log collectors) instead of text.
    #[arg(long, env = "SAMSPILL_LOG_JSON", global = true)]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (applies migrations first).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo project (does nothing if it is already there).
    Demo,
    /// Check a project's hash chain from the first event; report the first
    /// broken link. Exits 1 if the chain is broken.
    Verify {
        /// The project's id.
        project: String,
    },
    /// Write a project's whole log with hashes to standard output.
    Export {
        /// The project's id.
        project: String,
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "SAMSPILL_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// The address people use to reach the server, e.g.
    /// `https://samspill.example.no`; used in invite links and the Origin
    /// check. Defaults to `http://<bind>`.
    #[arg(long, env = "SAMSPILL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The built client files (JavaScript, WebAssembly, CSS).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Do not load the demo project on first start.
    #[arg(long, env = "SAMSPILL_NO_DEMO")]
    pub no_demo: bool,
}

impl Cli {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            _ => format!("sqlite://{}/samspill.db?mode=rwc", self.data_dir.display()),
        }
    }
}

impl ServeArgs {
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned()
    }
}
