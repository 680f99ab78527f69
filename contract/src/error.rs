//! The JSON body of every refusal the API answers (ARCHITECTURE.md): a stable machine code, a
//! sentence for people, the rule id that refused, and per-field messages for forms.

use crate::Rule;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

impl ApiErrorBody {
    pub fn new(error: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: error.into(),
            message: message.into(),
            rule: None,
            fields: BTreeMap::new(),
        }
    }

    pub fn with_rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self
    }

    pub fn with_field(mut self, name: &str, message: impl Into<String>) -> Self {
        self.fields.insert(name.to_owned(), message.into());
        self
    }
}

/// Machine codes of `ApiErrorBody::error`, shared so client and server cannot drift apart.
pub mod codes {
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    pub const INVALID_CODE: &str = "invalid_code";
    pub const LOCKED: &str = "locked";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const FORBIDDEN: &str = "forbidden";
    pub const CSRF: &str = "missing_requested_with";
    pub const NOT_FOUND: &str = "not_found";
    pub const VALIDATION: &str = "validation";
    pub const CONFLICT: &str = "conflict";
    /// R-AUTH-4: the PIN that signs an application is wrong.
    pub const INVALID_PIN: &str = "invalid_pin";
    /// R-AUTH-4: signing is locked after too many wrong PINs.
    pub const PIN_LOCKED: &str = "pin_locked";
    /// R-OA-2: giving Authorization Codes is locked after too many wrong ones.
    pub const AUTHORIZATION_CODE_LOCKED: &str = "authorization_code_locked";
    /// R-OA-3: an upload over `oa_change::MAX_ATTACHMENT_BYTES`.
    pub const TOO_LARGE: &str = "too_large";
    /// Too many attempts from one client, or from all clients at once: `Retry-After` says when
    /// to try again.
    pub const TOO_MANY_REQUESTS: &str = "too_many_requests";
    /// 408: the request's body did not arrive within the server's deadline.
    pub const TOO_SLOW: &str = "too_slow";
    /// 503 with `Retry-After`: the database stayed busy with other writes for longer than a
    /// request waits; nothing was changed, and the same request can be sent again.
    pub const BUSY: &str = "busy";
    pub const SERVER: &str = "server_error";
}
