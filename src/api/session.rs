//! The session: who is signed in, for every page (`SessionContext`, in `session_context`), the
//! sign-in's requests (R-AUTH-1) and the session's own (check, keep alive, sign out).

use super::client::{built, delete, get, if_found, json, no_content, post, with_json};
use super::Answer;
use contract::auth::{DemoCode, OneTimeCodeRequest, PasswordRequest, SessionInfo};

pub use super::session_context::{ended_by_server, use_session, SessionContext};

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
