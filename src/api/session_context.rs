//! Who is signed in, for every page (`SessionContext`), and what a 401 does to it; below the
//! HTTP helper, which ends the session here.

use crate::state::session::{SessionStatus, SignOutReason};
use contract::auth::SessionInfo;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    /// The app's session, for the HTTP helper: it ends the session on a 401 with no page's help.
    static APP_SESSION: Cell<Option<SessionContext>> = const { Cell::new(None) };
}

/// Who is signed in, for every page.
#[derive(Debug, Clone, Copy)]
pub struct SessionContext(RwSignal<SessionStatus>);

impl SessionContext {
    /// The session of the app (or of a test's page): still being checked, provided as context
    /// and the one a 401 ends.
    pub fn provide() -> Self {
        let session = Self(RwSignal::new(SessionStatus::Checking));
        provide_context(session);
        APP_SESSION.with(|app| app.set(Some(session)));
        session
    }

    pub fn sign_in(self, info: SessionInfo) {
        self.0.set(SessionStatus::SignedIn(info));
    }

    pub fn end(self, reason: SignOutReason) {
        self.0.set(SessionStatus::SignedOut(reason));
    }

    /// The start-up check's answer, unless a sign-in completed meanwhile (it is newer).
    pub fn checked(self, status: SessionStatus) {
        self.0.update(|current| {
            if *current == SessionStatus::Checking {
                *current = status;
            }
        });
    }

    pub fn with<T>(self, read: impl FnOnce(&SessionStatus) -> T) -> T {
        self.0.with(read)
    }

    pub fn with_untracked<T>(self, read: impl FnOnce(&SessionStatus) -> T) -> T {
        self.0.with_untracked(read)
    }

    pub fn signed_out_reason(self) -> Option<SignOutReason> {
        self.0.with(|status| match status {
            SessionStatus::SignedOut(reason) => Some(*reason),
            _ => None,
        })
    }
}

pub fn use_session() -> SessionContext {
    expect_context()
}

/// What a 401 means wherever it arrives: the server ended the session, so the app's signed-in
/// session ends and the session guard takes the user to the sign-in page. A refused password or
/// code (401 too, R-AUTH-1, R-AUTH-3) comes while nobody is signed in and changes nothing.
pub fn ended_by_server() {
    let Some(session) = APP_SESSION.with(Cell::get) else {
        return;
    };
    let signed_in = session
        .0
        .try_with_untracked(|status| status.user().is_some())
        .unwrap_or(false);
    if signed_in {
        session.end(SignOutReason::Ended);
    }
}
