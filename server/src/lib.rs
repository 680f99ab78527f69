//! The reference backend of the Provider Portal: the HTTP contract of docs/api.md on SQLite, and
//! the built client's static files. `app` builds everything; tests run it in-process.

mod accounts;
mod application;
mod attachments;
mod auth;
mod clock;
mod db;
mod enrollment;
mod guesses;
mod home;
mod http;
mod limits;
mod messages;
mod oa_change;
mod openapi;
mod operations;
mod passwords;
mod record_users;
mod review_routes;
pub mod scenarios;
mod search;
mod seed;
mod sessions;
mod store;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::http::header::{self, HeaderValue};
use axum::routing::any;
use axum::{Json, Router};
use sqlx::SqlitePool;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use http::web;

pub use clock::Clock;
pub use http::serve::ConnectionLimits;
pub use scenarios::Scenario;

/// The session cookie's name (docs/api.md).
pub const SESSION_COOKIE: &str = "portal_session";

/// How often expired session rows are deleted.
const SESSION_SWEEP_PERIOD: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct Config {
    pub db_path: PathBuf,
    /// The built client (`dist/`); `None` serves no pages.
    pub static_dir: Option<PathBuf>,
    /// Load the demo data and a situation on top of it into an empty database.
    pub seed: Option<Scenario>,
    /// Delete the database first, so `seed` starts from nothing.
    pub reset: bool,
    /// Enables `GET /api/session/demo-code`.
    pub demo: bool,
    pub secure_cookies: bool,
    /// A signed-in session ends after this long without a request.
    pub idle_timeout: Duration,
    pub clock: Clock,
}

impl Config {
    pub fn new(db_path: impl Into<PathBuf>) -> Self {
        Self {
            db_path: db_path.into(),
            static_dir: None,
            seed: None,
            reset: false,
            demo: false,
            secure_cookies: false,
            idle_timeout: Duration::from_secs(contract::auth::IDLE_TIMEOUT_SECONDS as u64),
            clock: Clock::default(),
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub clock: Clock,
    demo: bool,
    idle_timeout_seconds: i64,
    /// R-AUTH-3: verified against when the user name is unknown, so timing tells nothing.
    dummy_hash: Arc<str>,
    sign_in_limits: Arc<limits::SignInLimits>,
    ncid_lookups: Arc<limits::NcidLookups>,
    writes: db::WriteTurns,
}

/// Opens (and migrates, and optionally seeds) the database and builds the router.
pub async fn app(config: Config) -> anyhow::Result<(Router, AppState)> {
    if config.reset {
        db::delete(&config.db_path)?;
    }
    let db = db::open(&config.db_path).await?;
    let seeded = match config.seed {
        Some(_) => {
            let seeded = seed::seed_demo(&db)
                .await
                .context("seeding the demo data")?;
            if !seeded {
                tracing::info!("the database already has users: not seeding");
            }
            seeded
        }
        None => false,
    };

    let store = SqliteStore::new(db.clone());
    store
        .migrate()
        .await
        .context("creating the session table")?;
    let writes = db::WriteTurns::default();
    let sessions = sessions::Sessions::new(store, writes.clone(), config.idle_timeout);
    tokio::spawn(
        sessions
            .clone()
            .continuously_delete_expired(SESSION_SWEEP_PERIOD),
    );
    let idle_seconds = i64::try_from(config.idle_timeout.as_secs()).context("idle timeout")?;
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(idle_seconds)))
        // Every request of a session saves it, which restarts the idle period (docs/api.md);
        // `Sessions` writes those restarts at most once per its slack.
        .with_always_save(true);

    let state = AppState {
        db,
        clock: config.clock,
        demo: config.demo,
        idle_timeout_seconds: idle_seconds,
        dummy_hash: passwords::hash("no user has this password".into())
            .await?
            .into(),
        sign_in_limits: Arc::default(),
        ncid_lookups: Arc::default(),
        writes,
    };

    tokio::spawn(expire_failures_now_and_then(state.clone()));

    let static_dir = config.static_dir.as_deref();
    let edge = Arc::new(web::SecurityHeaders {
        content_security_policy: web::content_security_policy(static_dir)?,
        strict_transport: config.secure_cookies,
    });
    // Every module owns its routes; what is left here is the edge all of them share.
    let routes = OpenApiRouter::new()
        .routes(routes!(health))
        .merge(openapi::router())
        .merge(auth::router())
        .merge(home::router())
        .merge(accounts::router())
        .merge(record_users::router())
        .merge(oa_change::router())
        .merge(enrollment::router())
        .merge(attachments::router())
        .merge(operations::router())
        .merge(messages::router());
    let api = openapi::split(routes)?
        .route("/api", any(web::api_not_found))
        .route("/api/", any(web::api_not_found))
        .route("/api/{*rest}", any(web::api_not_found))
        .method_not_allowed_fallback(web::api_not_found)
        .layer(session_layer)
        .layer(axum::middleware::from_fn(web::bound_draft_size))
        .layer(axum::middleware::from_fn(web::require_requested_with))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state.clone());

    let router = api
        .fallback_service(web::static_files(static_dir))
        .layer(axum::middleware::from_fn_with_state(
            edge,
            web::security_headers,
        ))
        .layer(axum::middleware::from_fn(
            http::unread_body::close_when_unread,
        ))
        .layer(axum::middleware::from_fn(web::log_request));
    if let Some(scenario) = config.seed.filter(|_| seeded) {
        scenarios::apply(scenario, &router, &state)
            .await
            .with_context(|| format!("seeding the {scenario:?} scenario"))?;
        tracing::info!(?scenario, "seeded the demo data and the scenario");
    }
    Ok((router, state))
}

/// Sign-in failure counts that no longer count (R-AUTH-2), deleted every sweep period, and
/// the rate limits' idle client addresses forgotten.
async fn expire_failures_now_and_then(state: AppState) {
    let mut sweeps = tokio::time::interval(SESSION_SWEEP_PERIOD);
    loop {
        sweeps.tick().await;
        if let Err(error) = auth::expire_failures(&state).await {
            tracing::warn!(?error, "cannot expire sign-in failures");
        }
        state.sign_in_limits.forget_idle_clients();
        state.ncid_lookups.forget_idle_users();
    }
}

/// The answer of `GET /api/health`.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct Health {
    /// Always `ok`: the server answers.
    #[schema(example = "ok")]
    status: &'static str,
}

#[utoipa::path(
    get,
    path = "/api/health",
    tag = "session",
    responses((status = 200, description = "The server is up.", body = Health))
)]
async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// Serves with the default connection limits until Ctrl-C or SIGTERM, then lets requests in
/// flight finish.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> anyhow::Result<()> {
    serve_with(listener, router, ConnectionLimits::default()).await
}

/// `serve` with other connection limits (tests use short ones).
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: ConnectionLimits,
) -> anyhow::Result<()> {
    http::serve::serve(listener, router, limits, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
