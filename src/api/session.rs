//! The session: who is signed in, for every page (`SessionContext`), the sign-in's requests
//! (R-AUTH-1) and the session's own (check, keep alive, sign out).

use super::client::{built, delete, get, if_found, json, no_content, post, with_json};
use super::Answer;
use crate::state::session::{SessionStatus, SignOutReason};
use contract::auth::{DemoCode, OneTimeCodeRequest, PasswordRequest, SessionInfo};
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

/// The requests of the sign-in page.
pub trait SignInApi {
    fn submit_password(&self, request: PasswordRequest) -> Answer<()>;
    fn submit_one_time_code(&self, request: OneTimeCodeRequest) -> Answer<SessionInfo>;
    /// `Ok(None)` when the server is not in demo mode.
    fn demo_code(&self) -> Answer<Option<DemoCode>>;
}

/// The real server, over HTTP.
pub struct ServerSignIn;

impl SignInApi for ServerSignIn {
    /// R-AUTH-1, step 2: the password; success leaves a session waiting for its one-time code.
    fn submit_password(&self, request: PasswordRequest) -> Answer<()> {
        no_content(with_json(post("/session/password"), &request))
    }

    /// R-AUTH-1, step 3: the one-time code completes the sign-in.
    fn submit_one_time_code(&self, request: OneTimeCodeRequest) -> Answer<SessionInfo> {
        json(with_json(post("/session/one-time-code"), &request))
    }

    /// Only a server started with `--demo` tells the code; otherwise it answers 404.
    fn demo_code(&self) -> Answer<Option<DemoCode>> {
        if_found(json(built(get("/session/demo-code"))))
    }
}

pub fn session() -> Answer<SessionInfo> {
    json(built(get("/session")))
}

pub fn keep_alive() -> Answer<SessionInfo> {
    json(built(post("/session/keep-alive")))
}

pub fn sign_out() -> Answer<()> {
    no_content(built(delete("/session")))
}
