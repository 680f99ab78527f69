//! What the browser tests share: a place in the document to mount one component, the DOM
//! queries the tests make of it, waiting for the page to settle, and the signed-in session.

use contract::auth::{SessionInfo, SignedInUser};
use provider_portal::api::session::SessionContext;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

/// A `<div>` in the document for one test's component; removed when dropped, so tests do not
/// see each other.
pub struct Container(pub HtmlElement);

impl Container {
    pub fn attach() -> Self {
        let document = leptos::prelude::document();
        let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&element).unwrap();
        Self(element)
    }

    pub fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.0
            .query_selector(selector)
            .unwrap()
            .map(JsCast::unchecked_into)
    }

    pub fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self.0.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|index| list.item(index))
            .map(JsCast::unchecked_into)
            .collect()
    }

    pub fn text_of(&self, selector: &str) -> String {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} on the page"))
            .text_content()
            .unwrap_or_default()
    }

    /// The button with this text (a dialog's too: it is rendered inside the page).
    pub fn button(&self, label: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|button| button.text_content().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no button {label:?}"))
    }

    /// Clicks the element, then lets the page answer.
    pub async fn click(&self, selector: &str) {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} on the page"))
            .click();
        settle().await;
    }

    /// Clicks the button with this text, then lets the page answer.
    pub async fn press(&self, label: &str) {
        self.button(label).click();
        settle().await;
    }

    /// Types into the text box as a person would: the value, then its `input` event.
    pub async fn type_into(&self, id: &str, text: &str) {
        let input = self.input(id);
        input.set_value(text);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        settle().await;
    }

    /// Where each link of the error summary leads (`#field-id`).
    pub fn summary_targets(&self) -> Vec<String> {
        self.all("#error-summary a")
            .into_iter()
            .map(|link| link.get_attribute("href").unwrap_or_default())
            .collect()
    }

    pub fn input(&self, id: &str) -> HtmlInputElement {
        self.find(&format!("#{id}"))
            .unwrap_or_else(|| panic!("no input #{id}"))
            .unchecked_into()
    }
}

impl Drop for Container {
    fn drop(&mut self) {
        self.0.remove();
    }
}

pub fn focused_id() -> Option<String> {
    leptos::prelude::document()
        .active_element()
        .map(|element| element.id())
}

/// Render effects, a resource's extra tick and the scripted answers run on later ticks; focus
/// moves after the next animation frame.
pub async fn settle() {
    for _ in 0..12 {
        leptos::task::tick().await;
    }
    gloo_timers::future::TimeoutFuture::new(50).await;
}

/// Jordan Avery, an OA and not operations staff, as the server answers a completed sign-in.
pub fn jordan_avery() -> SessionInfo {
    SessionInfo {
        user: SignedInUser {
            ncid: "javery1".into(),
            name: "Jordan Avery".into(),
            operations_staff: false,
        },
        idle_timeout_seconds: 900,
    }
}

/// The app's session, signed in as Jordan Avery; provided as context, so call it where a page
/// is mounted.
pub fn signed_in() -> SessionContext {
    let session = SessionContext::provide();
    session.sign_in(jordan_avery());
    session
}
