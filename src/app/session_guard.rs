//! The session guard: pages for signed-in users only.

use crate::api::session::use_session;
use crate::components::Skeleton;
use crate::state::navigation::login_path;
use crate::state::session::SignOutReason;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// Pages for signed-in users: a visitor without a session goes to the sign-in page, which
/// brings them back here afterwards.
#[component]
pub(super) fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        // Sign-out and the idle timeout navigate themselves (to say why).
        if let Some(SignOutReason::NotSignedIn | SignOutReason::Ended) = session.signed_out_reason()
        {
            let here = current_path(&location);
            navigate(
                &login_path(&here),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    let signed_in = Memo::new(move |_| session.with(|status| status.user().is_some()));
    view! {
        <Show
            when=move || signed_in.get()
            fallback=|| view! { <Skeleton label="Checking that you are signed in" blocks=1 /> }
        >
            {children()}
        </Show>
    }
}

pub(super) fn current_path(location: &leptos_router::location::Location) -> String {
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}
