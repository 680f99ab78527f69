use super::laid_out;
use crate::catalogue::State;
use crate::fixed::{ready, refused, Fixed};
use contract::auth::{
    locked_message, DemoCode, OneTimeCodeRequest, PasswordRequest, SessionInfo,
    INVALID_CREDENTIALS_MESSAGE,
};
use contract::error::codes;
use leptos::prelude::*;
use provider_portal::api::session::SignInApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::LoginPage;
use provider_portal::state::session::SignOutReason;
use provider_portal::state::sign_in::SignInFlow;
use std::rc::Rc;

/// A sign-in server that takes any user name and answers the password as the state needs.
struct FixedSignIn {
    password: Fixed<()>,
}

impl SignInApi for FixedSignIn {
    fn submit_password(&self, _request: PasswordRequest) -> Answer<()> {
        self.password.answer()
    }

    fn submit_one_time_code(&self, _request: OneTimeCodeRequest) -> Answer<SessionInfo> {
        refused(ApiError::Network)
    }

    fn demo_code(&self) -> Answer<Option<DemoCode>> {
        ready(None)
    }
}

fn sign_in(password: Fixed<()>, notice: Option<String>) -> AnyView {
    laid_out(view! {
        <LoginPage
            flow=RwSignal::new(SignInFlow::new())
            api=Rc::new(FixedSignIn { password })
            notice
            on_signed_in=Callback::new(|_| ())
        />
    })
}

const NCID: &[(&str, &str)] = &[("ncid", "javery1")];
const PASSWORD: &[(&str, &str)] = &[("password", "not-the-password")];

fn locked() -> AnyView {
    sign_in(Fixed::Failing(ApiError::Locked(locked_message())), None)
}

fn wrong_password() -> AnyView {
    sign_in(
        Fixed::Failing(ApiError::Unauthorized {
            code: codes::UNAUTHORIZED.to_owned(),
            message: INVALID_CREDENTIALS_MESSAGE.to_owned(),
        }),
        None,
    )
}

pub fn states() -> Vec<State> {
    vec![
        State::new("user-name", "User name", || sign_in(Fixed::Ready(()), None)),
        State::new("user-name-missing", "User name missing", || {
            sign_in(Fixed::Ready(()), None)
        })
        .pressing("Next"),
        State::new("signed-out-inactive", "Signed out after inactivity", || {
            sign_in(
                Fixed::Ready(()),
                SignOutReason::Inactive { minutes: 15 }.notice(),
            )
        }),
        State::new("password", "Password", || sign_in(Fixed::Ready(()), None)).typing(NCID, "Next"),
        State::new("wrong-password", "Wrong password", wrong_password)
            .typing(NCID, "Next")
            .typing(PASSWORD, "Sign in"),
        State::new("locked-out", "Locked out", locked)
            .typing(NCID, "Next")
            .typing(PASSWORD, "Sign in"),
        State::new("one-time-code", "One-time code", || {
            sign_in(Fixed::Ready(()), None)
        })
        .typing(NCID, "Next")
        .typing(PASSWORD, "Sign in"),
    ]
}
