//! The one error type of every API call, read from the server's `ApiErrorBody`.

use contract::error::codes;
use contract::ApiErrorBody;
use std::collections::BTreeMap;

/// Shown when the server's answer carries no sentence for people (a proxy error page, say).
const SERVER_MESSAGE: &str = "Something went wrong on our side. Try again in a few minutes.";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("We could not reach NCTracks. Check your connection and try again.")]
    Network,
    /// 401: wrong credentials (R-AUTH-3), a refused one-time code (R-AUTH-1), or no session.
    #[error("{message}")]
    Unauthorized { code: String, message: String },
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// 423, R-AUTH-2: the message names both help-desk numbers.
    #[error("{0}")]
    Locked(String),
    #[error("{message}")]
    Validation {
        message: String,
        fields: BTreeMap<String, String>,
    },
    #[error("{SERVER_MESSAGE}")]
    Server,
}

impl ApiError {
    /// Reads a refusal: the status decides the variant, the body gives the words.
    pub fn from_response(status: u16, body: &str) -> Self {
        let Ok(body) = serde_json::from_str::<ApiErrorBody>(body) else {
            return Self::from_status(status, SERVER_MESSAGE.to_owned());
        };
        if status == 422 || status == 400 || body.error == codes::VALIDATION {
            return Self::Validation {
                message: body.message,
                fields: body.fields,
            };
        }
        if status == 401 {
            return Self::Unauthorized {
                code: body.error,
                message: body.message,
            };
        }
        Self::from_status(status, body.message)
    }

    fn from_status(status: u16, message: String) -> Self {
        match status {
            401 => Self::Unauthorized {
                code: codes::UNAUTHORIZED.to_owned(),
                message,
            },
            403 => Self::Forbidden(message),
            404 => Self::NotFound(message),
            409 => Self::Conflict(message),
            423 => Self::Locked(message),
            400 | 422 => Self::Validation {
                message,
                fields: BTreeMap::new(),
            },
            _ => Self::Server,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Self::Unauthorized { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::auth::{locked_message, INVALID_CODE_MESSAGE, INVALID_CREDENTIALS_MESSAGE};

    fn body(code: &str, message: &str) -> String {
        serde_json::to_string(&ApiErrorBody::new(code, message)).unwrap()
    }

    #[test]
    fn a_wrong_password_keeps_the_servers_words() {
        let error = ApiError::from_response(
            401,
            &body(codes::INVALID_CREDENTIALS, INVALID_CREDENTIALS_MESSAGE),
        );
        assert!(error.is_unauthorized());
        assert_eq!(error.to_string(), INVALID_CREDENTIALS_MESSAGE);
    }

    #[test]
    fn a_lock_reads_as_locked_with_the_help_desk_numbers() {
        let error = ApiError::from_response(423, &body(codes::LOCKED, &locked_message()));
        assert_eq!(error, ApiError::Locked(locked_message()));
        assert!(error.to_string().contains("919-754-6000"));
        assert!(error.to_string().contains("800-722-3946"));
    }

    #[test]
    fn an_invalid_code_is_unauthorized_with_its_code() {
        let error = ApiError::from_response(401, &body(codes::INVALID_CODE, INVALID_CODE_MESSAGE));
        assert_eq!(
            error,
            ApiError::Unauthorized {
                code: codes::INVALID_CODE.to_owned(),
                message: INVALID_CODE_MESSAGE.to_owned()
            }
        );
    }

    #[test]
    fn validation_keeps_the_field_messages() {
        let text = serde_json::to_string(
            &ApiErrorBody::new(codes::VALIDATION, "Check the form")
                .with_field("ncid", "Enter your user name"),
        )
        .unwrap();
        let ApiError::Validation { fields, .. } = ApiError::from_response(422, &text) else {
            panic!("expected a validation error");
        };
        assert_eq!(fields["ncid"], "Enter your user name");
    }

    #[test]
    fn a_conflict_says_the_servers_words_and_not_the_rule_id() {
        // The rule id is for the code, the API and the audit log: a person reads the words.
        let text = serde_json::to_string(
            &ApiErrorBody::new(codes::CONFLICT, "This request is approved.")
                .with_rule(contract::Rule::Oa6),
        )
        .unwrap();
        assert_eq!(
            ApiError::from_response(409, &text),
            ApiError::Conflict("This request is approved.".into())
        );
    }

    #[test]
    fn an_answer_without_a_json_body_falls_back_on_the_status() {
        assert_eq!(
            ApiError::from_response(502, "<html>Bad gateway</html>"),
            ApiError::Server
        );
        assert!(matches!(
            ApiError::from_response(404, ""),
            ApiError::NotFound(_)
        ));
        assert!(ApiError::from_response(401, "").is_unauthorized());
    }
}
