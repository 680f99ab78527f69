//! A JSON body extractor whose refusals are `ApiErrorBody` like every other refusal, instead of
//! axum's plain-text rejections, and which bounds every text field at the edge: no string in a
//! body is longer than the longest text any form takes (a decision note), whatever the
//! field's own rule says later. 1.9 MB user names were stored before.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::Json;
use contract::application::MAX_NOTE_CHARS;
use contract::error::codes;
use contract::ApiErrorBody;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::http::body_deadline::too_slow;
use crate::http::error::ApiError;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let value = match Json::<Value>::from_request(request, state).await {
            Ok(Json(value)) => value,
            Err(rejection) => return Err(refusal(&rejection)),
        };
        if let Some(field) = too_long(&value, String::new()) {
            return Err(ApiError::validation(
                ApiErrorBody::new(
                    codes::VALIDATION,
                    format!("A text is longer than {MAX_NOTE_CHARS} characters."),
                )
                .with_field(&field, format!("Use {MAX_NOTE_CHARS} characters or fewer")),
            ));
        }
        serde_json::from_value(value).map(Self).map_err(|error| {
            ApiError::validation(ApiErrorBody::new(
                codes::VALIDATION,
                format!("Failed to deserialize the JSON body into the target type: {error}"),
            ))
        })
    }
}

fn refusal(rejection: &JsonRejection) -> ApiError {
    if too_slow(rejection) {
        return ApiError::body_too_slow();
    }
    let code = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        codes::TOO_LARGE
    } else {
        codes::VALIDATION
    };
    ApiError::new(
        rejection.status(),
        ApiErrorBody::new(code, rejection.body_text()),
    )
}

/// The dotted path of the first string (key or value) in `value` over `MAX_NOTE_CHARS`.
fn too_long(value: &Value, path: String) -> Option<String> {
    let long = |text: &str| text.chars().count() > MAX_NOTE_CHARS;
    match value {
        Value::String(text) => long(text).then_some(path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| too_long(item, join(&path, &index.to_string()))),
        Value::Object(members) => members.iter().find_map(|(key, member)| {
            if long(key) {
                Some(path.clone())
            } else {
                too_long(member, join(&path, key))
            }
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}
