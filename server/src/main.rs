//! `portal-server`: the Provider Portal's reference backend.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use portal_server::{app, serve, Config, Scenario};

/// Argon2 allocates 19 MiB per password or PIN check; glibc's allocator kept those blocks (300
/// failed sign-ins took the server from 313 MiB to 4.4 GiB), mimalloc returns them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(version, about = "Reference backend of the Provider Portal")]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// SQLite database file (created when missing).
    #[arg(long, default_value = "portal.db")]
    db: PathBuf,
    /// Directory of the built client.
    #[arg(long = "static", default_value = "dist")]
    static_dir: PathBuf,
    /// Load the demo data, and the named situation on top of it, into an empty database.
    #[arg(long, value_enum)]
    seed: Option<Scenario>,
    /// Delete the database first, so `--seed` starts from nothing.
    #[arg(long)]
    reset: bool,
    /// Enable GET /api/session/demo-code (designers sign in without an authenticator app).
    #[arg(long)]
    demo: bool,
    /// Mark the session cookie Secure (behind TLS).
    #[arg(long)]
    secure_cookies: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_ansi(std::io::stdout().is_terminal())
        .init();
    let cli = Cli::parse();
    if !cli.static_dir.join("index.html").is_file() {
        tracing::warn!(
            dir = %cli.static_dir.display(),
            "no index.html in the static directory: pages answer 404"
        );
    }
    if cli.demo {
        tracing::warn!("--demo: GET /api/session/demo-code tells one-time codes");
    }
    let config = Config {
        static_dir: Some(cli.static_dir),
        seed: cli.seed,
        reset: cli.reset,
        demo: cli.demo,
        secure_cookies: cli.secure_cookies,
        ..Config::new(cli.db)
    };
    let (router, _state) = app(config).await?;
    let listener = tokio::net::TcpListener::bind(cli.addr)
        .await
        .with_context(|| format!("listening on {}", cli.addr))?;
    println!(
        "Provider Portal listening on http://{}",
        listener.local_addr()?
    );
    serve(listener, router).await
}
