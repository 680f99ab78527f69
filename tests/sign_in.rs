//! The sign-in page in a real browser (R-AUTH-1, R-AUTH-2): each step, its client-side checks,
//! and the server's refusals, with the server's answers supplied by the test.

use crate::support::{jordan_avery, ready, settle, Mounted, Received};
use contract::auth::{
    locked_message, DemoCode, OneTimeCodeRequest, PasswordRequest, SessionInfo,
    INVALID_CODE_MESSAGE, INVALID_CREDENTIALS_MESSAGE,
};
use contract::error::codes;
use leptos::prelude::*;
use provider_portal::api::session::SignInApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::LoginPage;
use provider_portal::state::sign_in::SignInFlow;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

/// The server's answers, chosen by each test; the passwords it received, for the asserts.
struct ScriptedServer {
    password: Result<(), ApiError>,
    code: Result<SessionInfo, ApiError>,
    demo: Option<DemoCode>,
    passwords_received: Received<PasswordRequest>,
}

impl ScriptedServer {
    fn accepting() -> Self {
        Self {
            password: Ok(()),
            code: Ok(jordan_avery()),
            demo: None,
            passwords_received: Received::default(),
        }
    }
}

impl SignInApi for ScriptedServer {
    fn submit_password(&self, request: PasswordRequest) -> Answer<()> {
        self.passwords_received.record(request);
        ready(self.password.clone())
    }

    fn submit_one_time_code(&self, _request: OneTimeCodeRequest) -> Answer<SessionInfo> {
        ready(self.code.clone())
    }

    fn demo_code(&self) -> Answer<Option<DemoCode>> {
        ready(Ok(self.demo.clone()))
    }
}

/// The sign-in page; `outside` holds the session it signed in, if it did.
type Page = Mounted<RwSignal<Option<SessionInfo>>>;

impl Page {
    async fn mount(server: ScriptedServer) -> Self {
        Self::with(RwSignal::new(None), move |signed_in| {
            view! {
                <LoginPage
                    flow=RwSignal::new(SignInFlow::new())
                    api=Rc::new(server)
                    notice=None
                    on_signed_in=Callback::new(move |info| signed_in.set(Some(info)))
                />
            }
        })
        .await
    }

    fn signed_in(&self) -> Option<SessionInfo> {
        self.outside.get_untracked()
    }

    /// Sets the value without an `input` event: each step reads its field when submitted.
    fn fill(&self, id: &str, value: &str) {
        self.input(id).set_value(value);
    }

    async fn to_password_step(&self, ncid: &str) {
        self.fill("ncid", ncid);
        self.press("Next").await;
    }

    async fn to_code_step(&self) {
        self.to_password_step("javery1").await;
        self.fill("password", "Demo!Passw0rd");
        self.press("Sign in").await;
    }
}

#[wasm_bindgen_test]
async fn the_first_step_asks_for_the_user_name_with_a_label() {
    let page = Page::mount(ScriptedServer::accepting()).await;
    assert_eq!(page.text_of("h1"), "Sign in");
    assert_eq!(page.text_of("label[for=ncid]"), "User name");
    let input = page.find("#ncid").expect("the user-name input");
    assert_eq!(
        input.get_attribute("autocomplete").as_deref(),
        Some("username")
    );
    assert!(
        page.find("[role=alert]").is_none(),
        "no alert before a submit"
    );
}

#[wasm_bindgen_test]
async fn an_empty_user_name_shows_the_error_summary_and_the_field_error() {
    let page = Page::mount(ScriptedServer::accepting()).await;
    page.press("Next").await;
    let summary = page.find("[role=alert]").expect("the error summary");
    let summary_text = summary.text_content().unwrap();
    assert!(summary_text.contains("There is a problem"));
    assert!(summary_text.contains("Enter your user name"));
    let link = page.find(".error-summary a").expect("a link to the field");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#ncid"));
    assert!(page.text_of("#ncid-error").contains("Enter your user name"));
    let input = page.find("#ncid").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("ncid-error")
    );
    // The summary takes focus once the browser has rendered it.
    gloo_timers::future::TimeoutFuture::new(100).await;
    let focused = document().active_element().map(|element| element.id());
    assert_eq!(focused.as_deref(), Some("error-summary"));
}

#[wasm_bindgen_test]
async fn next_goes_to_the_password_step_showing_the_user_name() {
    let page = Page::mount(ScriptedServer::accepting()).await;
    page.to_password_step("  javery1 ").await;
    assert_eq!(page.text_of(".signing-in-as__name"), "javery1");
    assert!(page.text_of(".signing-in-as").contains("Change"));
    assert_eq!(page.text_of("label[for=password]"), "Password");
    let password = page.find("#password").expect("the password input");
    assert_eq!(
        password.get_attribute("autocomplete").as_deref(),
        Some("current-password")
    );
    assert_eq!(password.get_attribute("type").as_deref(), Some("password"));
    assert!(page.find("#ncid").is_none());
}

#[wasm_bindgen_test]
async fn change_returns_to_the_user_name_prefilled() {
    let page = Page::mount(ScriptedServer::accepting()).await;
    page.to_password_step("javery1").await;
    page.find(".signing-in-as__change").unwrap().click();
    settle().await;
    let input: HtmlInputElement = page.find("#ncid").unwrap().unchecked_into();
    assert_eq!(input.value(), "javery1");
}

#[wasm_bindgen_test]
async fn an_empty_password_shows_an_error_and_is_not_sent() {
    let server = ScriptedServer::accepting();
    let received = server.passwords_received.clone();
    let page = Page::mount(server).await;
    page.to_password_step("javery1").await;
    page.press("Sign in").await;
    assert!(page.text_of("[role=alert]").contains("Enter your password"));
    assert!(page
        .text_of("#password-error")
        .contains("Enter your password"));
    assert!(received.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn wrong_credentials_show_the_servers_message() {
    let page = Page::mount(ScriptedServer {
        password: Err(ApiError::Unauthorized {
            code: codes::INVALID_CREDENTIALS.into(),
            message: INVALID_CREDENTIALS_MESSAGE.into(),
        }),
        ..ScriptedServer::accepting()
    })
    .await;
    page.to_password_step("javery1").await;
    page.fill("password", "wrong");
    page.press("Sign in").await;
    assert!(page
        .text_of("[role=alert]")
        .contains(INVALID_CREDENTIALS_MESSAGE));
    let password: HtmlInputElement = page.find("#password").unwrap().unchecked_into();
    assert_eq!(password.value(), "", "the refused password is cleared");
}

#[wasm_bindgen_test]
async fn a_locked_answer_shows_both_help_desk_numbers() {
    let server = ScriptedServer {
        password: Err(ApiError::Locked(locked_message())),
        ..ScriptedServer::accepting()
    };
    let received = server.passwords_received.clone();
    let page = Page::mount(server).await;
    page.to_password_step("JAvery1").await;
    page.fill("password", "Demo!Passw0rd");
    page.press("Sign in").await;
    let alert = page.text_of("[role=alert]");
    assert!(alert.contains("locked"), "{alert}");
    assert!(alert.contains("919-754-6000"), "{alert}");
    assert!(alert.contains("800-722-3946"), "{alert}");
    assert!(page.find("#one-time-code").is_none());
    assert_eq!(received.borrow()[0].ncid, "JAvery1");
}

#[wasm_bindgen_test]
async fn the_code_step_shows_the_demo_code_when_the_server_tells_it() {
    let page = Page::mount(ScriptedServer {
        demo: Some(DemoCode {
            code: "123456".into(),
        }),
        ..ScriptedServer::accepting()
    })
    .await;
    page.to_code_step().await;
    assert_eq!(page.text_of("label[for=one-time-code]"), "One-time code");
    let code = page.find("#one-time-code").expect("the code input");
    assert_eq!(code.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(
        code.get_attribute("autocomplete").as_deref(),
        Some("one-time-code")
    );
    assert!(page.text().contains("Demo: your current code is 123456"));
}

#[wasm_bindgen_test]
async fn without_demo_mode_no_code_is_shown() {
    let page = Page::mount(ScriptedServer::accepting()).await;
    page.to_code_step().await;
    assert!(page.find("#one-time-code").is_some());
    assert!(!page.text().contains("Demo:"));
}

#[wasm_bindgen_test]
async fn a_malformed_code_is_refused_before_it_is_sent() {
    let page = Page::mount(ScriptedServer::accepting()).await;
    page.to_code_step().await;
    page.fill("one-time-code", "12345");
    page.press("Verify").await;
    assert!(page.text_of("#one-time-code-error").contains("6 digits"));
    assert_eq!(page.signed_in(), None);
}

#[wasm_bindgen_test]
async fn an_invalid_code_returns_to_the_user_name_step_with_its_message() {
    let page = Page::mount(ScriptedServer {
        code: Err(ApiError::Unauthorized {
            code: codes::INVALID_CODE.into(),
            message: INVALID_CODE_MESSAGE.into(),
        }),
        ..ScriptedServer::accepting()
    })
    .await;
    page.to_code_step().await;
    page.fill("one-time-code", "000000");
    page.press("Verify").await;
    assert!(page.text_of("[role=alert]").contains(INVALID_CODE_MESSAGE));
    assert!(page.find("#ncid").is_some(), "back at the user-name step");
    assert!(page.find("#one-time-code").is_none());
    assert_eq!(page.signed_in(), None);
}

#[wasm_bindgen_test]
async fn an_accepted_code_signs_in() {
    let page = Page::mount(ScriptedServer::accepting()).await;
    page.to_code_step().await;
    page.fill("one-time-code", "123 456");
    page.press("Verify").await;
    assert_eq!(page.signed_in(), Some(jordan_avery()));
}
