use crate::state::navigation::page_title;
use leptos::html::H1;
use leptos::prelude::*;

/// The text of the polite live region that announces page changes.
#[derive(Debug, Clone, Copy)]
pub struct Announcer(RwSignal<String>);

impl Announcer {
    pub fn provide() -> Self {
        let announcer = Self(RwSignal::new(String::new()));
        provide_context(announcer);
        announcer
    }

    pub fn announce(self, text: String) {
        self.0.set(text);
    }
}

/// The live region. It is on the page from the start: a region added together with its text
/// is not announced.
#[component]
pub fn LiveAnnouncer(announcer: Announcer) -> impl IntoView {
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcer.0.get()}
        </div>
    }
}

/// The page `<h1>`. When a page appears it names the document, is announced, and takes focus,
/// so a route change is as clear to a screen-reader or keyboard user as a page load.
#[component]
pub fn PageHeading(#[prop(into)] text: String) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    let announcer = use_context::<Announcer>();
    let title = page_title(&text);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(element) = heading.get() else {
            return false;
        };
        document().set_title(&title);
        if let Some(announcer) = announcer {
            announcer.announce(title.clone());
        }
        _ = element.focus();
        true
    });
    view! {
        <h1 class="page-heading" tabindex="-1" node_ref=heading>
            {text}
        </h1>
    }
}
