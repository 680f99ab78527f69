//! A 401 ends the session in one place, the API layer, whichever page's request it answers.

use crate::support::{jordan_avery, signed_in};
use leptos::prelude::*;
use provider_portal::api::session::{ended_by_server, SessionContext};
use provider_portal::state::session::{SessionStatus, SignOutReason};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn a_401_ends_the_signed_in_session_and_says_so_on_the_sign_in_page() {
    Owner::new().with(|| {
        let session = signed_in();
        ended_by_server();
        assert_eq!(
            session.with_untracked(Clone::clone),
            SessionStatus::SignedOut(SignOutReason::Ended)
        );
        assert_eq!(
            session.signed_out_reason().and_then(SignOutReason::notice),
            Some("Your session has ended. Sign in again to continue.".to_owned())
        );
    });
}

#[wasm_bindgen_test]
fn a_refused_password_or_start_up_check_is_not_an_ended_session() {
    Owner::new().with(|| {
        let session = SessionContext::provide();
        ended_by_server();
        assert_eq!(
            session.with_untracked(Clone::clone),
            SessionStatus::Checking
        );

        session.end(SignOutReason::ChoseToSignOut);
        ended_by_server();
        assert_eq!(
            session.with_untracked(Clone::clone),
            SessionStatus::SignedOut(SignOutReason::ChoseToSignOut)
        );

        session.sign_in(jordan_avery());
        ended_by_server();
        assert!(session.with_untracked(SessionStatus::is_signed_out));
    });
}
