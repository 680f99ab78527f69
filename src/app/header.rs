//! The site header: the service's name, the main navigation with the unread-message count,
//! and who is signed in with Sign out; on a narrow screen behind a Menu button.

use crate::api::messages::unread_count;
use crate::api::session::{self as session_requests, use_session};
use crate::components::focus::{focus_by_id, focus_by_id_after_render};
use crate::state::navigation::SITE_NAME;
use crate::state::operations::messages_link_label;
use crate::state::session::SignOutReason;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The signed-in user's unread messages, for the navigation (`None` until known).
#[derive(Debug, Clone, Copy)]
pub struct UnreadMessages(pub RwSignal<Option<u64>>);

/// Signs out on the server, then shows the sign-in page saying so.
fn use_sign_out() -> Callback<()> {
    let session = use_session();
    let navigate = use_navigate();
    Callback::new(move |()| {
        let navigate = navigate.clone();
        spawn_local(async move {
            // The answer changes nothing here: a failed request leaves a session that the
            // server's idle timeout ends.
            _ = session_requests::sign_out().await;
            session.end(SignOutReason::ChoseToSignOut);
            navigate("/login", NavigateOptions::default());
        });
    })
}

/// "Sign out", in the header (`small`) and in the idle warning.
#[component]
pub(super) fn SignOutButton(#[prop(optional)] small: bool) -> impl IntoView {
    let sign_out = use_sign_out();
    let class = if small {
        "button button--outline button--small"
    } else {
        "button button--outline"
    };
    view! {
        <button type="button" class=class on:click=move |_| sign_out.run(())>
            "Sign out"
        </button>
    }
}

/// The sections every signed-in user has, after Home and before Messages: (path, link text).
const SECTIONS: [(&str, &str); 4] = [
    ("/account", "My Account Management"),
    ("/oa-change", "OA Change Request"),
    ("/applications", "My applications"),
    ("/enrollment", "Enrollment"),
];

/// The navigation's id, which the Menu button controls.
const MENU_ID: &str = "site-menu";
const MENU_BUTTON_ID: &str = "site-menu-button";
/// The first link of the navigation, which takes focus when the menu opens.
const HOME_LINK_ID: &str = "site-nav-home";

/// The site name, the navigation, and the signed-in user with Sign out. On a narrow screen the
/// navigation and the user are behind a Menu button (USWDS mobile menu), so the header keeps to
/// one short row; it closes with Escape and when a link is followed. The user is written once,
/// after the links: on a wide screen the style places it in the header's row.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let user_name =
        Memo::new(move |_| session.with(|status| status.user().map(|info| info.user.name.clone())));
    let signed_in = Memo::new(move |_| user_name.with(Option::is_some));
    let staff = Memo::new(move |_| {
        session.with(|status| status.user().is_some_and(|info| info.user.operations_staff))
    });
    let unread = use_context::<UnreadMessages>().map(|unread| unread.0);
    let location = use_location();
    let signed_in_as =
        Memo::new(move |_| session.with(|status| status.user().map(|info| info.user.ncid.clone())));
    let menu_open = RwSignal::new(false);
    // The count is fetched on sign-in and on every route change; the inbox also reports it
    // when a message is read.
    Effect::new(move |_| {
        location.pathname.track();
        let (Some(_), Some(unread)) = (signed_in_as.get(), unread) else {
            if let Some(unread) = unread {
                unread.set(None);
            }
            return;
        };
        spawn_local(async move {
            if let Ok(count) = unread_count().await {
                unread.set(Some(count.unread));
            }
        });
    });
    let toggle_menu = move |_| {
        let opening = !menu_open.get_untracked();
        menu_open.set(opening);
        // Opened, reading starts at the first link; closed, focus stays on the button.
        if opening {
            focus_by_id_after_render(HOME_LINK_ID);
        }
    };
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
            focus_by_id(MENU_BUTTON_ID);
        }
    };
    let count = move || unread.and_then(|unread| unread.get()).unwrap_or(0);
    view! {
        <header class="site-header" on:keydown=close_on_escape>
            <div class="site-header__bar container">
                <A href="/" attr:class="site-header__name">
                    {SITE_NAME}
                </A>
                <Show when=move || signed_in.get()>
                    <button
                        type="button"
                        class="site-header__menu-button"
                        id=MENU_BUTTON_ID
                        aria-controls=MENU_ID
                        aria-expanded=move || menu_open.get().to_string()
                        on:click=toggle_menu
                    >
                        "Menu"
                    </button>
                </Show>
            </div>
            // The band is there before the session check answers, so the links appearing in it
            // move nothing below (no layout shift). Only the pages that exist are offered.
            <div class="site-nav" class:site-nav--open=move || menu_open.get()>
                <Show when=move || signed_in.get()>
                    <nav aria-label="Main" id=MENU_ID>
                        // A link followed closes the menu, also one to the page already shown.
                        <ul class="site-nav__list container" on:click=move |_| menu_open.set(false)>
                        <li>
                            <A href="/" exact=true attr:class="site-nav__link" attr:id=HOME_LINK_ID>
                                "Home"
                            </A>
                        </li>
                        {SECTIONS
                            .iter()
                            .map(|&(href, name)| {
                                view! {
                                    <li>
                                        <A href=href attr:class="site-nav__link">
                                            {name}
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()}
                        <li>
                            <A href="/messages" attr:class="site-nav__link">
                                // The badge is for the eye; the link's name says the count.
                                <span class="visually-hidden">{move || messages_link_label(count())}</span>
                                <span aria-hidden="true">
                                    "Messages"
                                    <Show when=move || { count() > 0 }>
                                        <span class="nav-badge">{count}</span>
                                    </Show>
                                </span>
                            </A>
                        </li>
                        <Show when=move || staff.get()>
                            <li>
                                <A href="/operations" attr:class="site-nav__link">
                                    "Operations"
                                </A>
                            </li>
                        </Show>
                        </ul>
                        <div class="site-header__user container">
                            <span class="site-header__signed-in">
                                "Signed in as " <strong>{move || user_name.get()}</strong>
                            </span>
                            <SignOutButton small=true />
                        </div>
                    </nav>
                </Show>
            </div>
        </header>
    }
}
