//! What the browser tests share: a place in the document to mount one component, the DOM
//! queries and the person's actions the tests make of it, a page or wizard mounted with what
//! the app around it sees, the scripted server's answers and the requests it received, waiting
//! for the page to settle, and the signed-in session.

use contract::application::{AttachmentInfo, AttachmentKind};
use contract::auth::{SessionInfo, SignedInUser};
use leptos::mount::mount_to;
use leptos::prelude::*;
use provider_portal::api::session::SessionContext;
use provider_portal::api::{Answer, ApiError};
use std::any::Any;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

/// A `<div>` in the document for one test's component; the component is unmounted and the
/// `<div>` removed when dropped, so tests do not see each other.
pub struct Container(pub HtmlElement, Option<Box<dyn Any>>);

impl Container {
    pub fn attach() -> Self {
        let document = leptos::prelude::document();
        let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&element).unwrap();
        Self(element, None)
    }

    /// The component, mounted in a container of its own; the caller lets it settle.
    pub fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> Self {
        let mut container = Self::attach();
        let mounted = mount_to(container.0.clone(), view);
        container.1 = Some(Box::new(mounted));
        container
    }

    /// Everything the component says.
    pub fn text(&self) -> String {
        self.0.text_content().unwrap_or_default()
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

    /// The text of each element the selector finds, in document order.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector)
            .into_iter()
            .map(|element| element.text_content().unwrap_or_default())
            .collect()
    }

    /// Asserts that the element says each phrase, naming the first it does not say.
    pub fn assert_says(&self, selector: &str, phrases: &[&str]) {
        let text = self.text_of(selector);
        for phrase in phrases {
            assert!(
                text.contains(phrase),
                "{selector} does not say {phrase:?}: {text}"
            );
        }
    }

    pub fn text_of(&self, selector: &str) -> String {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} on the page"))
            .text_content()
            .unwrap_or_default()
    }

    /// The button with this text (a dialog's too: it is rendered inside the page).
    pub fn button(&self, label: &str) -> HtmlElement {
        self.find_button(label)
            .unwrap_or_else(|| panic!("no button {label:?}"))
    }

    pub fn find_button(&self, label: &str) -> Option<HtmlElement> {
        self.all("button")
            .into_iter()
            .find(|button| button.text_content().as_deref() == Some(label))
    }

    /// Clicks the element, then lets the page answer.
    pub async fn click(&self, selector: &str) {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} on the page"))
            .click();
        settle().await;
    }

    /// Focuses and clicks the button with this text, as a pointer or the keyboard would, then
    /// lets the page answer.
    pub async fn press(&self, label: &str) {
        let button = self.button(label);
        button.focus().unwrap();
        button.click();
        settle().await;
    }

    /// Types into a field (an input, textarea or select) as the browser reports it: the value,
    /// then `event` ("input", "change").
    pub fn enter(&self, id: &str, value: &str, event: &str) {
        let field = self
            .find(&format!("#{id}"))
            .unwrap_or_else(|| panic!("no #{id}"));
        js_sys::Reflect::set(
            &field,
            &"value".into(),
            &wasm_bindgen::JsValue::from_str(value),
        )
        .unwrap();
        field
            .dispatch_event(&web_sys::Event::new(event).unwrap())
            .unwrap();
    }

    /// The text of each body row of the table.
    pub fn rows(&self) -> Vec<String> {
        self.texts("tbody tr")
    }

    /// The text of each cell of each body row.
    pub fn cells(&self) -> Vec<Vec<String>> {
        self.all("tbody tr")
            .into_iter()
            .map(|row| {
                let cells = row.query_selector_all("th, td").unwrap();
                (0..cells.length())
                    .map(|index| cells.item(index).unwrap().text_content().unwrap())
                    .collect()
            })
            .collect()
    }

    /// The lines of the error summary ("There is a problem").
    pub fn error_summary(&self) -> Vec<String> {
        self.texts("#error-summary li")
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

/// A page mounted in its own container and settled, with `outside`: what the app around it
/// holds and is told (the URL the page navigates to, the counts it reports), as signals the
/// test reads and sets. Unmounted when dropped.
pub struct Mounted<Outside> {
    dom: Container,
    pub outside: Outside,
}

impl<Outside: Clone + 'static> Mounted<Outside> {
    pub async fn with<V: IntoView + 'static>(
        outside: Outside,
        page: impl FnOnce(Outside) -> V + 'static,
    ) -> Self {
        let dom = Container::mount({
            let outside = outside.clone();
            move || page(outside)
        });
        settle().await;
        Self { dom, outside }
    }
}

impl<Outside> Deref for Mounted<Outside> {
    type Target = Container;

    fn deref(&self) -> &Container {
        &self.dom
    }
}

/// A wizard mounted with its place, which stands for the URL and which the wizard's
/// `on_navigate` moves.
pub type MountedWizard<Place> = Mounted<RwSignal<Place>>;

impl<Place: Send + Sync + 'static> MountedWizard<Place> {
    /// Mounts `wizard` (given the place and its `on_navigate`) at `place`, settled.
    pub async fn at<V: IntoView + 'static>(
        place: Place,
        wizard: impl FnOnce(RwSignal<Place>, Callback<Place>) -> V + 'static,
    ) -> Self {
        Self::with(RwSignal::new(place), move |place| {
            wizard(place, Callback::new(move |to| place.set(to)))
        })
        .await
    }

    /// Where the wizard is: the URL.
    pub fn place(&self) -> RwSignal<Place> {
        self.outside
    }
}

/// An answer of a scripted server that is there at once, as the page receives it.
pub fn ready<T: 'static>(answer: Result<T, ApiError>) -> Answer<T> {
    Box::pin(std::future::ready(answer))
}

/// What a scripted server answers to one kind of request: set by the test, changed as it goes,
/// and a copy given each time the page asks.
pub struct Reply<T>(Rc<RefCell<T>>);

impl<T> Reply<T> {
    pub fn new(answer: T) -> Self {
        Self(Rc::new(RefCell::new(answer)))
    }
}

impl<T> Clone for Reply<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T: Default> Default for Reply<T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<T> Deref for Reply<T> {
    type Target = RefCell<T>;

    fn deref(&self) -> &RefCell<T> {
        &self.0
    }
}

impl<T: Clone + 'static> Reply<Result<T, ApiError>> {
    pub fn answer(&self) -> Answer<T> {
        ready(self.borrow().clone())
    }
}

impl Reply<Option<ApiError>> {
    /// The refusal the test set, or else `accepted`.
    pub fn or_accept<T: 'static>(&self, accepted: T) -> Answer<T> {
        ready(self.borrow().clone().map_or(Ok(accepted), Err))
    }
}

/// The requests of one kind a scripted server received, in order, for the asserts.
pub struct Received<T>(Rc<RefCell<Vec<T>>>);

impl<T> Received<T> {
    pub fn record(&self, request: T) {
        self.0.borrow_mut().push(request);
    }
}

impl<T> Clone for Received<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> Default for Received<T> {
    fn default() -> Self {
        Self(Rc::default())
    }
}

impl<T> Deref for Received<T> {
    type Target = RefCell<Vec<T>>;

    fn deref(&self) -> &RefCell<Vec<T>> {
        &self.0
    }
}

/// The server's answer to a wizard's explanation upload (R-OA-3): a PDF of 900 bytes, id 42.
pub fn uploaded_pdf() -> Answer<AttachmentInfo> {
    ready(Ok(AttachmentInfo {
        id: 42,
        kind: AttachmentKind::Pdf,
        size: 900,
    }))
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
