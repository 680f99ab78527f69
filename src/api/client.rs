//! The one HTTP helper every feature's requests go through: the base URL, the CSRF header, the
//! idle clock's last activity, and what a refusal means — a 401 ends the session here, once.

use super::{session_context, Answer, ApiError};
use contract::auth::{REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::Cell;

/// Set at build time to reach a backend elsewhere; by default the same origin serves `/api`.
const API_BASE: &str = match option_env!("PORTAL_API_BASE") {
    Some(base) => base,
    None => "/api",
};

thread_local! {
    /// When the server last answered a request successfully: each one restarts its idle period.
    static LAST_ACTIVITY_MS: Cell<Option<f64>> = const { Cell::new(None) };
}

/// The time (ms since the epoch) of the last successful answer, for the idle-timeout model.
pub fn last_activity_ms() -> Option<f64> {
    LAST_ACTIVITY_MS.with(Cell::get)
}

pub(super) fn url(path: &str) -> String {
    format!("{API_BASE}{path}")
}

pub(super) fn get(path: &str) -> RequestBuilder {
    Request::get(&url(path))
}

/// Every mutating request names the app, which a cross-site form cannot do (CSRF).
fn mutating(builder: RequestBuilder) -> RequestBuilder {
    builder.header(REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE)
}

pub(super) fn post(path: &str) -> RequestBuilder {
    mutating(Request::post(&url(path)))
}

pub(super) fn put(path: &str) -> RequestBuilder {
    mutating(Request::put(&url(path)))
}

pub(super) fn delete(path: &str) -> RequestBuilder {
    mutating(Request::delete(&url(path)))
}

pub(super) fn built(builder: RequestBuilder) -> Result<Request, ApiError> {
    builder.build().map_err(|_| ApiError::Server)
}

pub(super) fn with_json(
    builder: RequestBuilder,
    body: &impl Serialize,
) -> Result<Request, ApiError> {
    builder.json(body).map_err(|_| ApiError::Server)
}

/// Record ids and NCIDs are letters and digits; anything else is escaped so it stays one path
/// segment.
pub(super) fn path_segment(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

async fn send(request: Request) -> Result<Response, ApiError> {
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        LAST_ACTIVITY_MS.with(|at| at.set(Some(js_sys::Date::now())));
        return Ok(response);
    }
    let body = response.text().await.unwrap_or_default();
    let error = ApiError::from_response(response.status(), &body);
    if error.is_unauthorized() {
        session_context::ended_by_server();
    }
    Err(error)
}

/// The one way answers are read: a refusal becomes an `ApiError`, a success its JSON body.
async fn fetch_json<T: DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    send(request)
        .await?
        .json::<T>()
        .await
        .map_err(|_| ApiError::Server)
}

/// A request whose answer is JSON, as a feature's trait returns it.
pub(super) fn json<T: DeserializeOwned + 'static>(request: Result<Request, ApiError>) -> Answer<T> {
    Box::pin(async move { fetch_json(request?).await })
}

/// A request whose answer has nothing to read.
pub(super) fn no_content(request: Result<Request, ApiError>) -> Answer<()> {
    Box::pin(async move { send(request?).await.map(drop) })
}

/// A look-up where "there is none" is an answer (404), not a failure.
pub(super) fn if_found<T: 'static>(answer: Answer<T>) -> Answer<Option<T>> {
    Box::pin(async move {
        match answer.await {
            Ok(found) => Ok(Some(found)),
            Err(ApiError::NotFound(_)) => Ok(None),
            Err(error) => Err(error),
        }
    })
}
