//! The reference backend of the Provider Portal: the HTTP contract of docs/api.md on SQLite, and
//! the built client's static files. `app` builds everything; tests run it in-process.

mod accounts;
mod auth;
mod clock;
mod csp;
mod db;
mod enrollment;
mod enrollment_review;
mod error;
mod guesses;
mod home;
mod json;
mod messages;
mod notices;
mod oa_change;
mod operations;
mod passwords;
mod search;
mod seed;
mod web;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::http::header::{self, HeaderValue};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use sqlx::SqlitePool;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

pub use clock::Clock;

/// The session cookie's name (docs/api.md).
pub const SESSION_COOKIE: &str = "portal_session";

/// How often expired session rows are deleted.
const SESSION_SWEEP_PERIOD: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct Config {
    pub db_path: PathBuf,
    /// The built client (`dist/`); `None` serves no pages.
    pub static_dir: Option<PathBuf>,
    /// Load the demo data into an empty database.
    pub seed_demo: bool,
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
            seed_demo: false,
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
}

/// Opens (and migrates, and optionally seeds) the database and builds the router.
pub async fn app(config: Config) -> anyhow::Result<(Router, AppState)> {
    let db = db::open(&config.db_path).await?;
    if config.seed_demo {
        if seed::seed_demo(&db)
            .await
            .context("seeding the demo data")?
        {
            tracing::info!("seeded the demo data");
        } else {
            tracing::info!("the database already has users: not seeding");
        }
    }

    let sessions = SqliteStore::new(db.clone());
    sessions
        .migrate()
        .await
        .context("creating the session table")?;
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
        // Every request of a session saves it, which restarts the idle period (docs/api.md).
        .with_always_save(true);

    let state = AppState {
        db,
        clock: config.clock,
        demo: config.demo,
        idle_timeout_seconds: idle_seconds,
        dummy_hash: passwords::hash("no user has this password".into())
            .await?
            .into(),
    };

    let static_dir = config.static_dir.as_deref();
    let csp = Arc::new(web::content_security_policy(static_dir)?);
    let api = Router::new()
        .route("/api/health", get(health))
        .route("/api/session", get(auth::current).delete(auth::sign_out))
        .route("/api/session/password", post(auth::password))
        .route("/api/session/one-time-code", post(auth::one_time_code))
        .route("/api/session/demo-code", get(auth::demo_code))
        .route("/api/session/keep-alive", post(auth::keep_alive))
        .route("/api/home", get(home::home))
        .route("/api/accounts", get(accounts::list))
        .route("/api/accounts/preview", post(accounts::preview))
        .route("/api/accounts/removal", post(accounts::remove))
        .route("/api/oa-change/records", get(oa_change::records))
        .route("/api/oa-change/records/{id}", get(oa_change::record))
        .route(
            "/api/oa-change/drafts/{record_id}",
            get(oa_change::draft).put(oa_change::save_draft),
        )
        .route(
            "/api/oa-change/drafts/{record_id}/submit",
            post(oa_change::submit),
        )
        .route("/api/oa-change/attachments", post(oa_change::upload))
        .route("/api/applications", get(oa_change::applications))
        .route("/api/applications/{id}", get(oa_change::application))
        .route("/api/applications/{id}/withdraw", post(oa_change::withdraw))
        .route(
            "/api/enrollments",
            get(enrollment::list).post(enrollment::create),
        )
        .route(
            "/api/enrollments/{id}",
            get(enrollment::application).put(enrollment::save),
        )
        .route("/api/enrollments/{id}/submit", post(enrollment::submit))
        .route("/api/enrollments/{id}/withdraw", post(enrollment::withdraw))
        .route("/api/operations/requests", get(operations::queue))
        .route("/api/operations/requests/{id}", get(operations::request))
        .route(
            "/api/operations/requests/{id}/review",
            post(operations::start_review),
        )
        .route(
            "/api/operations/requests/{id}/decision",
            post(operations::decide),
        )
        .route("/api/operations/enrollments", get(enrollment_review::queue))
        .route(
            "/api/operations/enrollments/{id}",
            get(enrollment_review::application),
        )
        .route(
            "/api/operations/enrollments/{id}/review",
            post(enrollment_review::start_review),
        )
        .route(
            "/api/operations/enrollments/{id}/decision",
            post(enrollment_review::decide),
        )
        .route(
            "/api/operations/attachments/{id}",
            get(operations::attachment),
        )
        .route(
            "/api/operations/records/{id}/end-date-primary",
            post(operations::end_date_primary),
        )
        .route(
            "/api/operations/users/{ncid}/unlock",
            post(operations::unlock),
        )
        .route("/api/messages", get(messages::list))
        .route("/api/messages/unread-count", get(messages::unread_count))
        .route("/api/messages/{id}/read", post(messages::mark_read))
        .route("/api", any(web::api_not_found))
        .route("/api/", any(web::api_not_found))
        .route("/api/{*rest}", any(web::api_not_found))
        .method_not_allowed_fallback(web::api_not_found)
        .layer(session_layer)
        .layer(axum::middleware::from_fn(web::require_requested_with))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state.clone());

    let router = api
        .fallback_service(web::static_files(static_dir))
        .layer(axum::middleware::from_fn_with_state(
            csp,
            web::security_headers,
        ))
        .layer(axum::middleware::from_fn(web::log_request));
    Ok((router, state))
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> anyhow::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving")
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
