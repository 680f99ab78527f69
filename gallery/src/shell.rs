//! The gallery's pages: the index of every state, one state with the width switch, one state
//! alone in a frame (`?frame`), and the design tokens.

use crate::catalogue::{self, Act, Kind, State};
use crate::tokens::Tokens;
use contract::auth::{SessionInfo, SignedInUser};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::path;
use provider_portal::api::session::SessionContext;
use provider_portal::components::Announcer;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The widths the switch offers, in CSS pixels: a phone, a tablet, a laptop.
const WIDTHS: [u32; 3] = [375, 768, 1280];

#[component]
pub fn Gallery() -> impl IntoView {
    // The pages are drawn as for Jordan Avery, signed in: the navigation, the wizards' signer.
    SessionContext::provide().sign_in(SessionInfo {
        user: SignedInUser {
            ncid: "javery1".into(),
            name: "Jordan Avery".into(),
            operations_staff: true,
        },
        idle_timeout_seconds: 900,
    });
    Announcer::provide();
    view! {
        <Router>
            <Routes fallback=LeftTheGallery>
                <Route path=path!("/") view=Index />
                <Route path=path!("/gallery") view=Index />
                <Route path=path!("/gallery/tokens") view=Tokens />
                <Route path=path!("/gallery/:group/:state") view=StatePage />
            </Routes>
        </Router>
    }
}

/// The gallery's own heading band, above every page of it but the frames.
#[component]
fn GalleryBar(children: Children) -> impl IntoView {
    view! {
        <div class="gallery-bar">
            <div class="container gallery-bar__row">
                <A href="/gallery">"Provider Portal gallery"</A>
                {children()}
            </div>
        </div>
    }
}

/// Every group and its states, each a link; what the coverage test reads.
#[component]
fn Index() -> impl IntoView {
    document().set_title("Provider Portal gallery");
    let group_list = |wanted: fn(Kind) -> bool| {
        catalogue::groups()
            .into_iter()
            .filter(|group| wanted(group.kind))
            .map(|group| {
                let module = match group.kind {
                    Kind::Page { module } => Some(module),
                    Kind::Component => None,
                };
                let heading = format!("gallery-{}", group.id);
                let states = group
                    .states
                    .iter()
                    .map(|state| {
                        let href = format!("/gallery/{}/{}", group.id, state.id);
                        view! {
                            <li>
                                <a href=href>{state.title}</a>
                            </li>
                        }
                    })
                    .collect_view();
                let labelled_by = heading.clone();
                view! {
                    <section
                        class="gallery-index__group"
                        aria-labelledby=labelled_by
                        data-group=group.id
                        data-page-module=module
                    >
                        <h3 id=heading>{group.title}</h3>
                        <ul>{states}</ul>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <GalleryBar>
            <span>"Every component and page, in each of its states"</span>
        </GalleryBar>
        <main class="main" id="main-content">
            <div class="container">
                <h1 class="page-heading">"Provider Portal gallery"</h1>
                <p class="lead">
                    "Drawn by the portal's own components from fixed data, with no server. Each state has its own address; its page shows it at 375, 768 and 1280 px side by side."
                </p>
                <p>
                    <a href="/gallery/tokens">"Design tokens: colours, spacing and type"</a>
                </p>
                <h2>"Components"</h2>
                {group_list(|kind| kind == Kind::Component)}
                <h2>"Pages"</h2>
                {group_list(|kind| kind != Kind::Component)}
            </div>
        </main>
    }
}

/// One state: alone in a frame (`?frame`), or with the gallery's band and the width switch
/// (`?width=375`, `?width=all` for the three side by side).
#[component]
fn StatePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let group = params.with(|p| p.get("group").unwrap_or_default());
        let state = params.with(|p| p.get("state").unwrap_or_default());
        let Some((group_id, group_title, state)) = catalogue::find(&group, &state) else {
            return view! { <LeftTheGallery /> }.into_any();
        };
        let title = format!("{} – {group_title} – Provider Portal gallery", state.title);
        if query.with(|q| q.get("frame").is_some()) {
            return view! { <Drawn state title /> }.into_any();
        }
        let width = query.with(|q| q.get("width"));
        let path = format!("/gallery/{group_id}/{}", state.id);
        let frames = match width.as_deref() {
            Some("all") => WIDTHS.to_vec(),
            Some(width) => width.parse().ok().into_iter().collect(),
            None => Vec::new(),
        };
        let switch = width_switch(&path, width.as_deref());
        let heading = format!("{group_title}: {}", state.title);
        let band = heading.clone();
        let shown = if frames.is_empty() {
            view! { <Drawn state title /> }.into_any()
        } else {
            document().set_title(&title);
            view! {
                <div class="gallery-frames">
                    {frames
                        .into_iter()
                        .map(|width| {
                            let caption = format!("{width} px");
                            view! {
                                <figure class="gallery-frame">
                                    <figcaption>{caption.clone()}</figcaption>
                                    <iframe
                                        src=format!("{path}?frame")
                                        title=format!("{heading} at {caption}")
                                        width=width.to_string()
                                    ></iframe>
                                </figure>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        };
        view! {
            <GalleryBar>
                <span>{band}</span>
                {switch}
            </GalleryBar>
            {shown}
        }
        .into_any()
    }
}

fn width_switch(path: &str, current: Option<&str>) -> impl IntoView {
    let choices = [
        (None, "As the window".to_owned()),
        (Some("375"), "375 px".to_owned()),
        (Some("768"), "768 px".to_owned()),
        (Some("1280"), "1280 px".to_owned()),
        (Some("all"), "All three side by side".to_owned()),
    ];
    let links = choices
        .into_iter()
        .map(|(width, label)| {
            let href = width.map_or_else(|| path.to_owned(), |w| format!("{path}?width={w}"));
            view! {
                <li>
                    <a href=href aria-current=(width == current).then_some("page")>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label="Width">
            <ul class="gallery-widths">{links}</ul>
        </nav>
    }
}

/// The state itself, as the portal lays out a page, then what a person does to reach it; when
/// it has settled, the document is named after it and says it is ready (`data-gallery-ready`),
/// which the visual suite waits for.
#[component]
fn Drawn(state: State, title: String) -> impl IntoView {
    let ready = RwSignal::new(false);
    perform_then(state.act.into_iter().rev().collect(), move || {
        document().set_title(&title);
        ready.set(true);
    });
    view! {
        <div id="gallery-state" data-gallery-ready=move || ready.get().to_string()>
            {(state.view)()}
        </div>
    }
}

/// Each act after the page has answered the last (its requests, its focus), then `done`,
/// after two more frames: what the page moves on the next frame (focus) comes first.
fn perform_then(mut to_do: Vec<Act>, done: impl FnOnce() + 'static) {
    set_timeout(
        move || match to_do.pop() {
            Some(act) => {
                perform(act);
                perform_then(to_do, done);
            }
            None => request_animation_frame(move || request_animation_frame(done)),
        },
        Duration::from_millis(120),
    );
}

fn perform(act: Act) {
    let document = document();
    match act {
        Act::Click(selector) => {
            if let Some(element) = document
                .query_selector(selector)
                .ok()
                .flatten()
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                element.click();
            }
        }
        Act::Press(fields, button) => {
            for (id, text) in fields {
                if let Some(field) = document.get_element_by_id(id) {
                    _ = js_sys::Reflect::set(&field, &"value".into(), &(*text).into());
                    for event in ["input", "change"] {
                        if let Ok(event) = web_sys::Event::new(event) {
                            _ = field.dispatch_event(&event);
                        }
                    }
                }
            }
            // With a dialog open, only its buttons can be pressed.
            let scope = if document
                .query_selector("#gallery-state [aria-modal='true']")
                .ok()
                .flatten()
                .is_some()
            {
                "#gallery-state [aria-modal='true'] button"
            } else {
                "#gallery-state button"
            };
            let buttons = document.query_selector_all(scope);
            if let Ok(buttons) = buttons {
                let pressed = (0..buttons.length())
                    .filter_map(|index| buttons.item(index))
                    .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
                    .find(|b| b.text_content().is_some_and(|t| t.trim() == button));
                if let Some(pressed) = pressed {
                    pressed.click();
                }
            }
        }
    }
}

/// A link inside a page led out of the gallery (to the portal's own routes).
#[component]
fn LeftTheGallery() -> impl IntoView {
    view! {
        <GalleryBar>
            <span>"Not in the gallery"</span>
        </GalleryBar>
        <main class="main">
            <div class="container">
                <h1 class="page-heading">"This address is not in the gallery"</h1>
                <p>
                    "The gallery draws the portal's pages from fixed data; their links into the portal lead nowhere here."
                </p>
                <p>
                    <a href="/gallery">"Go to the gallery's index"</a>
                </p>
            </div>
        </main>
    }
}
