//! Sign-in in the NCID shape (R-AUTH-1): user name, *Next*, password, *Sign On*, one-time code.

use serde::{Deserialize, Serialize};

/// R-AUTH-2: the third unsuccessful attempt locks the user name.
pub const MAX_FAILED_ATTEMPTS: u32 = 3;

/// The longest user name the password step takes: an NCID is far shorter, and every name
/// tried is stored while its failures count (R-AUTH-3).
pub const MAX_NCID_CHARS: usize = 64;
/// R-AUTH-2: a lock clears itself after 30 minutes.
pub const LOCK_SECONDS: i64 = 30 * 60;
/// A signed-in session ends after 15 minutes without a request.
pub const IDLE_TIMEOUT_SECONDS: i64 = 15 * 60;
/// The idle warning ("Stay signed in") shows this long before the session would end.
pub const IDLE_WARNING_SECONDS: i64 = 2 * 60;
/// R-AUTH-5: TOTP time step (RFC 6238).
pub const TOTP_STEP_SECONDS: i64 = 30;
/// R-AUTH-2: the help-desk numbers the lock message gives.
pub const HELP_DESK_NUMBERS: [&str; 2] = ["919-754-6000", "800-722-3946"];
/// The header every mutating request carries; a cross-site form cannot set it (CSRF).
pub const REQUESTED_WITH_HEADER: &str = "X-Requested-With";
pub const REQUESTED_WITH_VALUE: &str = "provider-portal";

/// R-AUTH-3: every refusal of a user name or password reads the same.
pub const INVALID_CREDENTIALS_MESSAGE: &str =
    "The user name or password you entered is incorrect. Passwords are case-sensitive.";
/// R-AUTH-1: a failed one-time code returns to the start.
pub const INVALID_CODE_MESSAGE: &str =
    "The one-time code was not accepted. Start again with your user name.";

pub fn locked_message() -> String {
    format!(
        "This user name is locked after three unsuccessful attempts. Try again in 30 minutes, \
         or call the NCTracks help desk at {} or {}.",
        HELP_DESK_NUMBERS[0], HELP_DESK_NUMBERS[1]
    )
}

/// R-AUTH-4: the third wrong PIN locks signing for `LOCK_SECONDS`, as R-AUTH-2 locks sign-in,
/// so a stolen session cannot guess the four digits.
pub fn pin_locked_message() -> String {
    format!(
        "Signing is locked after three wrong PINs. Try again in 30 minutes, or call the NCTracks \
         help desk at {} or {}.",
        HELP_DESK_NUMBERS[0], HELP_DESK_NUMBERS[1]
    )
}

/// R-OA-2: the third wrong Authorization Code locks giving codes for `LOCK_SECONDS`, so codes
/// cannot be guessed record by record.
pub fn authorization_code_locked_message() -> String {
    format!(
        "Authorization Codes are locked after three wrong codes. Try again in 30 minutes, or \
         call the NCTracks help desk at {} or {}.",
        HELP_DESK_NUMBERS[0], HELP_DESK_NUMBERS[1]
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordRequest {
    pub ncid: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OneTimeCodeRequest {
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedInUser {
    pub ncid: String,
    pub name: String,
    pub operations_staff: bool,
}

/// What `GET /api/session` and a completed sign-in answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub user: SignedInUser,
    /// Seconds of inactivity after which the server ends the session.
    pub idle_timeout_seconds: i64,
}

/// Only with the server's `--demo` flag: the current one-time code of the user who has passed
/// the password step, so designers can sign in without an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DemoCode {
    pub code: String,
}

/// A one-time code has six digits; anything else is refused before it reaches the server.
pub fn one_time_code_is_well_formed(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_message_gives_both_help_desk_numbers() {
        let message = locked_message();
        assert!(message.contains("919-754-6000"));
        assert!(message.contains("800-722-3946"));
    }

    #[test]
    fn signing_and_code_locks_give_the_help_desk_numbers() {
        for message in [pin_locked_message(), authorization_code_locked_message()] {
            assert!(message.contains("30 minutes"));
            assert!(message.contains("919-754-6000") && message.contains("800-722-3946"));
        }
    }

    #[test]
    fn one_time_codes_have_six_digits() {
        assert!(one_time_code_is_well_formed("012345"));
        assert!(!one_time_code_is_well_formed("12345"));
        assert!(!one_time_code_is_well_formed("12345a"));
    }
}
