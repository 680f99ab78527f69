//! Every refusal is a `contract::ApiErrorBody` with its status (docs/api.md).

use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::application::FieldError;
use contract::auth::{locked_message, INVALID_CODE_MESSAGE, INVALID_CREDENTIALS_MESSAGE};
use contract::error::codes;
use contract::ApiErrorBody;
use contract::Rule;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ApiErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, body: ApiErrorBody) -> Self {
        Self { status, body }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ApiErrorBody::new(codes::UNAUTHORIZED, "Sign in to continue."),
        )
    }

    /// R-AUTH-3: one body for an unknown user name and a wrong password.
    pub fn invalid_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ApiErrorBody::new(codes::INVALID_CREDENTIALS, INVALID_CREDENTIALS_MESSAGE)
                .with_rule(Rule::Auth3),
        )
    }

    /// R-AUTH-1: a refused one-time code sends the user back to the start.
    pub fn invalid_code() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ApiErrorBody::new(codes::INVALID_CODE, INVALID_CODE_MESSAGE).with_rule(Rule::Auth1),
        )
    }

    /// R-AUTH-2
    pub fn locked() -> Self {
        Self::new(
            StatusCode::LOCKED,
            ApiErrorBody::new(codes::LOCKED, locked_message()).with_rule(Rule::Auth2),
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ApiErrorBody::new(codes::NOT_FOUND, "There is nothing at this address."),
        )
    }

    /// The body did not arrive within its deadline (`body_deadline`); nothing was changed.
    pub fn body_too_slow() -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            ApiErrorBody::new(
                codes::TOO_SLOW,
                "The request took too long to arrive. Check your connection and try again.",
            ),
        )
    }

    pub fn csrf() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ApiErrorBody::new(
                codes::CSRF,
                format!(
                    "This request must carry the header {}: {}.",
                    contract::auth::REQUESTED_WITH_HEADER,
                    contract::auth::REQUESTED_WITH_VALUE
                ),
            ),
        )
    }

    pub fn validation(body: ApiErrorBody) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, body)
    }

    /// 422 with every refused field; the body's rule is the first field's.
    pub fn fields(errors: Vec<FieldError>) -> Self {
        let mut body = ApiErrorBody::new(codes::VALIDATION, "Check the answers marked.");
        if let Some(rule) = errors.iter().find_map(|error| error.rule) {
            body = body.with_rule(rule);
        }
        for error in errors {
            body.fields
                .entry(error.field.into_owned())
                .or_insert(error.message);
        }
        Self::validation(body)
    }

    /// 409: the request is valid but the state it would change refuses it, under `rule`.
    pub fn conflict(message: impl Into<String>, rule: Rule) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            ApiErrorBody::new(codes::CONFLICT, message).with_rule(rule),
        )
    }

    fn internal(error: &dyn std::fmt::Display) -> Self {
        tracing::error!(%error, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ApiErrorBody::new(
                codes::SERVER,
                "Something went wrong on our side. Try again in a moment.",
            ),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(1));
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        if is_busy(&error) {
            tracing::warn!(%error, "database busy");
            return Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ApiErrorBody::new(
                    codes::BUSY,
                    "The portal is very busy. Nothing was changed; try again in a moment.",
                ),
            );
        }
        Self::internal(&error)
    }
}

/// No connection came free, or SQLite's write lock stayed taken past the busy timeout
/// (`SQLITE_BUSY` and its extended codes end in 5): the request changed nothing (its
/// transaction rolled back) and may be sent again, which is a 503, not a fault.
fn is_busy(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(error) => error
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == 5),
        _ => false,
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> Self {
        Self::internal(&format!("{error:#}"))
    }
}

impl From<tower_sessions::session::Error> for ApiError {
    fn from(error: tower_sessions::session::Error) -> Self {
        Self::internal(&error)
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(error: tokio::task::JoinError) -> Self {
        Self::internal(&error)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
