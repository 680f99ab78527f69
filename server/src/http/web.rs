//! Everything around the handlers: CSRF refusal, security and cache headers, request logging,
//! the built client's static files with the SPA fallback, and the JSON 404 of unknown `/api`.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use contract::auth::{REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE};
use http_body_util::Limited;
use tower_http::services::{ServeDir, ServeFile};

use crate::http::error::ApiError;

/// Any `/api/...` path (or method) without a handler: a JSON 404, never the page.
pub async fn api_not_found() -> ApiError {
    ApiError::not_found()
}

/// CSRF: a mutating request must carry `X-Requested-With: provider-portal`, which a cross-site
/// form cannot set. Refused before the session is loaded or the body read (docs/api.md).
pub async fn require_requested_with(request: Request, next: Next) -> Response {
    let mutating = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    let carries_header = request
        .headers()
        .get(REQUESTED_WITH_HEADER)
        .is_some_and(|value| value.as_bytes() == REQUESTED_WITH_VALUE.as_bytes());
    if mutating && !carries_header {
        return ApiError::csrf().into_response();
    }
    next.run(request).await
}

/// The largest draft a save takes, as JSON: fifty listed people at their longest fields fit
/// several times over. Every `PUT` of the API is a draft save, and a draft saved at its first
/// step is stored before its later steps are validated (1.9 MB of people were stored so).
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// Bounds the body of a draft save to `MAX_DRAFT_BYTES`: the JSON extractor answers 413
/// `too_large` past it, unread. Other bodies keep axum's 2 MB limit (a removal's selection may
/// name tens of thousands of associations).
pub async fn bound_draft_size(request: Request, next: Next) -> Response {
    if request.method() != Method::PUT {
        return next.run(request).await;
    }
    let request = request.map(|body| Body::new(Limited::new(body, MAX_DRAFT_BYTES)));
    next.run(request).await
}

/// What `security_headers` adds that depends on the start-up.
pub struct SecurityHeaders {
    pub content_security_policy: HeaderValue,
    /// Served behind TLS (`--secure-cookies`): browsers are told to use HTTPS only.
    pub strict_transport: bool,
}

/// A year, and every subdomain: the portal's host serves nothing over plain HTTP.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// Headers for every response, the page and the API alike.
pub async fn security_headers(
    State(edge): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        edge.content_security_policy.clone(),
    );
    if edge.strict_transport {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
    );
    response
}

/// One log line per request.
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}

/// index.html must be revalidated (it names the current hashed assets); trunk's hashed assets
/// never change under their name. Only 200s are marked: a 304 keeps what the 200 said.
async fn static_cache_control(mut response: Response) -> Response {
    if response.status() == StatusCode::OK {
        let is_html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        let policy = if is_html {
            "no-cache"
        } else {
            "public, max-age=31536000, immutable"
        };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        // The same URL answers brotli, gzip or plain bytes by Accept-Encoding.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

async fn page_not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

/// The built client: files (brotli/gzip variants when the build wrote them), and index.html for
/// any other GET (SPA fallback) when the directory has one; a plain 404 otherwise.
pub fn static_files(dir: Option<&Path>) -> Router {
    let Some(dir) = dir else {
        return Router::new().fallback(page_not_found);
    };
    let index = dir.join("index.html");
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let router = if index.is_file() {
        Router::new().fallback_service(
            files.fallback(
                ServeFile::new(index)
                    .precompressed_br()
                    .precompressed_gzip(),
            ),
        )
    } else {
        Router::new().fallback_service(files)
    };
    router.layer(axum::middleware::map_response(static_cache_control))
}

/// Reads the CSP header value from the static directory's index.html (none: no inline hashes).
pub fn content_security_policy(dir: Option<&Path>) -> anyhow::Result<HeaderValue> {
    let hashes = match dir.map(|dir| dir.join("index.html")) {
        Some(index) if index.is_file() => {
            super::csp::inline_script_hashes(&std::fs::read_to_string(&index)?)
        }
        _ => Vec::new(),
    };
    Ok(HeaderValue::from_str(&super::csp::policy(&hashes))?)
}
