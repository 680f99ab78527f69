//! Who is signed in, as the whole app sees it.

use contract::auth::SessionInfo;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionStatus {
    /// `GET /api/session` has not answered yet.
    Checking,
    SignedIn(SessionInfo),
    SignedOut(SignOutReason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    NotSignedIn,
    ChoseToSignOut,
    /// The idle timeout ran out (the server ends the session at the same time).
    Inactive {
        minutes: i64,
    },
    /// A request was refused as unauthorized: the server ended the session.
    Ended,
}

impl SignOutReason {
    /// What the sign-in page says about how the user got there.
    pub fn notice(self) -> Option<String> {
        match self {
            Self::NotSignedIn => None,
            Self::ChoseToSignOut => Some("You have signed out.".to_owned()),
            Self::Inactive { minutes } => Some(format!(
                "You were signed out because there was no activity for {minutes} minutes. \
                 This protects your information. Sign in again to continue."
            )),
            Self::Ended => Some("Your session has ended. Sign in again to continue.".to_owned()),
        }
    }
}

impl SessionStatus {
    pub fn user(&self) -> Option<&SessionInfo> {
        match self {
            Self::SignedIn(info) => Some(info),
            _ => None,
        }
    }

    pub fn is_signed_out(&self) -> bool {
        matches!(self, Self::SignedOut(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::auth::SignedInUser;

    #[test]
    fn only_a_signed_in_status_has_a_user() {
        let info = SessionInfo {
            user: SignedInUser {
                ncid: "javery1".into(),
                name: "Jordan Avery".into(),
                operations_staff: false,
            },
            idle_timeout_seconds: 900,
        };
        assert_eq!(SessionStatus::SignedIn(info.clone()).user(), Some(&info));
        assert_eq!(SessionStatus::Checking.user(), None);
        assert!(!SessionStatus::Checking.is_signed_out());
        assert!(SessionStatus::SignedOut(SignOutReason::Ended).is_signed_out());
    }

    #[test]
    fn the_sign_in_page_explains_an_idle_sign_out() {
        let notice = SignOutReason::Inactive { minutes: 15 }.notice().unwrap();
        assert!(notice.contains("15 minutes"));
        assert_eq!(SignOutReason::NotSignedIn.notice(), None);
    }
}
