//! A path extractor whose refusal is `ApiErrorBody` like every other refusal: axum's own
//! answers `400 text/plain` ("Cannot parse `abc` to a `i64`") for an id that is not one.

use axum::extract::rejection::PathRejection;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use contract::error::codes;
use contract::ApiErrorBody;
use serde::de::DeserializeOwned;

use crate::http::error::ApiError;

/// `axum::extract::Path` with JSON refusals: a path id that does not parse is still 400, now
/// `validation` with axum's sentence; any other rejection is a route written wrong, a 500.
pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(rejection)) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                ApiErrorBody::new(codes::VALIDATION, rejection.body_text()),
            )),
            Err(rejection) => Err(anyhow::anyhow!("path: {}", rejection.body_text()).into()),
        }
    }
}
