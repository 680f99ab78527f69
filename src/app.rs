//! The app: router, page layout, session guard, idle timeout, and the live region that
//! announces route changes (each page's `PageHeading` takes focus and names the document).

use crate::api::accounts::ServerAccounts;
use crate::api::applications::ServerApplications;
use crate::api::enrollment::ServerEnrollment;
use crate::api::last_activity_ms;
use crate::api::messages::{unread_count, ServerMessages};
use crate::api::oa_change::ServerOaChange;
use crate::api::operations::ServerOperations;
use crate::api::session::{self as session_requests, use_session, ServerSignIn, SessionContext};
use crate::components::focus::focus_by_id;
use crate::components::{Announcer, LiveAnnouncer, ModalDialog, Skeleton};
use crate::pages::{
    AccountManagement, ApplicationView, EnrollmentPage, HomePage, Inbox, LoginPage, MyApplications,
    NotFoundPage, OaChangeWizard, OperationsEnrollment, OperationsQueue, OperationsRequest,
};
use crate::session_storage;
use crate::state::account_table::account_path;
use crate::state::applications::application_id;
use crate::state::enrollment::EnrollmentPlace;
use crate::state::idle::{describe_duration, IdleClock, IdlePhase};
use crate::state::navigation::{decode_query, login_path, safe_next, SITE_NAME};
use crate::state::oa_change::WizardPlace;
use crate::state::operations::{
    messages_link_label, messages_page, messages_path, queue_filter, queue_path,
};
use crate::state::selection::{storage_key, Selection};
use crate::state::session::{SessionStatus, SignOutReason};
use crate::state::sign_in::SignInFlow;
use contract::accounts::AccountQuery;
use contract::auth::SessionInfo;
use contract::oa_change::ApplicationId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};
use leptos_router::{path, NavigateOptions};
use leptos_router::{Lazy, LazyRoute};
use std::rc::Rc;
use std::time::Duration;

const MAIN_ID: &str = "main-content";

/// The signed-in user's unread messages, for the navigation (`None` until known).
#[derive(Debug, Clone, Copy)]
struct UnreadMessages(RwSignal<Option<u64>>);

#[component]
pub fn App() -> impl IntoView {
    let session = SessionContext::provide();
    provide_context(UnreadMessages(RwSignal::new(None)));
    let announcer = Announcer::provide();

    spawn_local(async move {
        let status = match session_requests::session().await {
            Ok(info) => SessionStatus::SignedIn(info),
            Err(_) => SessionStatus::SignedOut(SignOutReason::NotSignedIn),
        };
        session.checked(status);
    });

    // Focus <main> itself: following the fragment would only scroll.
    let skip_to_main = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_by_id(MAIN_ID);
    };

    view! {
        <Router>
            <a class="skip-link" href=format!("#{MAIN_ID}") on:click=skip_to_main>
                "Skip to main content"
            </a>
            <SiteHeader />
            <main id=MAIN_ID class="main" tabindex="-1">
                <div class="container">
                    <Routes fallback=|| view! { <NotFoundPage /> }>
                        <Route path=path!("/login") view=LoginRoute />
                        <Route
                            path=path!("/")
                            view=|| {
                                view! {
                                    <RequireSession>
                                        <HomePage />
                                    </RequireSession>
                                }
                            }
                        />
                        <Route path=path!("/account") view={Lazy::<AccountRoutePage>::new()} />
                        <Route path=path!("/oa-change") view={Lazy::<OaChangeRoutePage>::new()} />
                        <Route path=path!("/enrollment") view={Lazy::<EnrollmentRoutePage>::new()} />
                        <Route path=path!("/applications") view={Lazy::<ApplicationsRoutePage>::new()} />
                        <Route path=path!("/applications/:id") view={Lazy::<ApplicationRoutePage>::new()} />
                        <Route path=path!("/messages") view={Lazy::<MessagesRoutePage>::new()} />
                        <Route path=path!("/operations") view={Lazy::<OperationsRoutePage>::new()} />
                        <Route path=path!("/operations/requests/:id") view={Lazy::<OperationsRequestRoutePage>::new()} />
                        <Route path=path!("/operations/enrollments/:id") view={Lazy::<OperationsEnrollmentRoutePage>::new()} />
                    </Routes>
                </div>
            </main>
            <IdleWatch />
            <LiveAnnouncer announcer />
        </Router>
    }
}

/// A page that the release build splits into its own wasm chunk, fetched the first time the page
/// opens, so the first load carries only the shell, sign-in and Home (the first-load budget).
/// The split is `--cfg portal_split` with `leptos::lazy` (scripts/split-wasm.mjs cuts the wasm);
/// without it, as in the browser tests and `make dev`, the page is an ordinary call.
macro_rules! lazy_page {
    ($page:ident, $load:ident, $route:ident) => {
        #[cfg_attr(portal_split, leptos::lazy)]
        async fn $load() -> AnyView {
            view! {
                <RequireSession>
                    <$route />
                </RequireSession>
            }
            .into_any()
        }

        struct $page;

        impl LazyRoute for $page {
            fn data() -> Self {
                Self
            }

            async fn view(_: Self) -> AnyView {
                $load().await
            }
        }
    };
}

lazy_page!(AccountRoutePage, account_page, AccountRoute);
lazy_page!(OaChangeRoutePage, oa_change_page, OaChangeRoute);
lazy_page!(EnrollmentRoutePage, enrollment_page, EnrollmentRoute);
lazy_page!(ApplicationsRoutePage, applications_page, ApplicationsRoute);
lazy_page!(ApplicationRoutePage, application_page, ApplicationRoute);
lazy_page!(MessagesRoutePage, messages_page_view, MessagesRoute);
lazy_page!(OperationsRoutePage, operations_page, OperationsRoute);
lazy_page!(
    OperationsRequestRoutePage,
    operations_request_page,
    OperationsRequestRoute
);
lazy_page!(
    OperationsEnrollmentRoutePage,
    operations_enrollment_page,
    OperationsEnrollmentRoute
);

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

#[component]
fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let user_name =
        Memo::new(move |_| session.with(|status| status.user().map(|info| info.user.name.clone())));
    let sign_out = use_sign_out();
    let staff = Memo::new(move |_| {
        session.with(|status| status.user().is_some_and(|info| info.user.operations_staff))
    });
    let unread = use_context::<UnreadMessages>().map(|unread| unread.0);
    let location = use_location();
    let signed_in_as =
        Memo::new(move |_| session.with(|status| status.user().map(|info| info.user.ncid.clone())));
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
    let count = move || unread.and_then(|unread| unread.get()).unwrap_or(0);
    view! {
        <header class="site-header">
            <div class="site-header__bar container">
                <A href="/" attr:class="site-header__name">
                    {SITE_NAME}
                </A>
                {move || {
                    user_name
                        .get()
                        .map(|name| {
                            view! {
                                <div class="site-header__user">
                                    <span class="site-header__signed-in">
                                        "Signed in as " <strong>{name}</strong>
                                    </span>
                                    <button
                                        type="button"
                                        class="button button--outline button--small"
                                        on:click=move |_| sign_out.run(())
                                    >
                                        "Sign out"
                                    </button>
                                </div>
                            }
                        })
                }}
            </div>
            // The band is there before the session check answers, so the links appearing in it
            // move nothing below (no layout shift). Only the pages that exist are offered.
            <div class="site-nav">
                <Show when=move || user_name.with(Option::is_some)>
                    <nav aria-label="Main">
                        <ul class="site-nav__list container">
                        <li>
                            <A href="/" exact=true attr:class="site-nav__link">
                                "Home"
                            </A>
                        </li>
                        <li>
                            <A href="/account" attr:class="site-nav__link">
                                "My Account Management"
                            </A>
                        </li>
                        <li>
                            <A href="/oa-change" attr:class="site-nav__link">
                                "OA Change Request"
                            </A>
                        </li>
                        <li>
                            <A href="/applications" attr:class="site-nav__link">
                                "My applications"
                            </A>
                        </li>
                        <li>
                            <A href="/enrollment" attr:class="site-nav__link">
                                "Enrollment"
                            </A>
                        </li>
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
                    </nav>
                </Show>
            </div>
        </header>
    }
}

/// Pages for signed-in users: a visitor without a session goes to the sign-in page, which
/// brings them back here afterwards.
#[component]
fn RequireSession(children: ChildrenFn) -> impl IntoView {
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

fn current_path(location: &leptos_router::location::Location) -> String {
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

#[component]
fn LoginRoute() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let notice = session.with_untracked(|status| match status {
        SessionStatus::SignedOut(reason) => reason.notice(),
        _ => None,
    });
    let on_signed_in = Callback::new(move |info: SessionInfo| {
        session.sign_in(info);
        let next = query.with_untracked(|query| safe_next(query.get("next").as_deref()));
        navigate(&next, NavigateOptions::default());
    });
    view! {
        <LoginPage
            flow=RwSignal::new(SignInFlow::new())
            api=Rc::new(ServerSignIn)
            notice=notice
            on_signed_in
        />
    }
}

/// `/account`: the table's view comes from the URL, so reload, Back and Forward and a shared
/// link restore it; the selection is kept per user in `sessionStorage` (R-ACCT-2).
#[component]
fn AccountRoute() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    // Read from the raw query: `use_query_map` decodes values twice, which would turn a filter
    // such as "%41" into "A".
    let query = Signal::derive(move || {
        let pairs = decode_query(&location.search.get());
        AccountQuery::from_pairs(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
    });
    let key = session.with_untracked(|status| {
        status
            .user()
            .map(|info| storage_key(&info.user.ncid))
            .unwrap_or_default()
    });
    let selection = RwSignal::new(
        session_storage::read(&key)
            .map(|stored| Selection::from_stored(&stored))
            .unwrap_or_default(),
    );
    Effect::new(move |_| {
        let stored = selection.with(Selection::to_stored);
        session_storage::write(&key, &stored);
    });
    let on_navigate = Callback::new(move |query: AccountQuery| {
        navigate(&account_path(&query), NavigateOptions::default());
    });
    view! {
        <AccountManagement
            api=Rc::new(ServerAccounts)
            query
            on_navigate
            selection
        />
    }
}

/// `/oa-change`: the wizard's record and step are in the URL, so a reload resumes there.
#[component]
fn OaChangeRoute() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let place = Signal::derive(move || {
        let pairs = decode_query(&location.search.get());
        WizardPlace::from_pairs(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
    });
    let applicant = session.with_untracked(|status| {
        status
            .user()
            .map(|info| info.user.ncid.clone())
            .unwrap_or_default()
    });
    let on_navigate = Callback::new(move |to: WizardPlace| {
        navigate(&to.path(), NavigateOptions::default());
    });
    view! {
        <OaChangeWizard
            api=Rc::new(ServerOaChange)
            place
            applicant
            on_navigate
        />
    }
}

/// `/enrollment`: the application and the step are in the URL, so a reload resumes there.
#[component]
fn EnrollmentRoute() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let place = Signal::derive(move || {
        let pairs = decode_query(&location.search.get());
        EnrollmentPlace::from_pairs(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
    });
    let on_navigate = Callback::new(move |to: EnrollmentPlace| {
        navigate(&to.path(), NavigateOptions::default());
    });
    view! {
        <EnrollmentPage
            api=Rc::new(ServerEnrollment)
            place
            on_navigate
        />
    }
}

/// `/applications`: My applications.
#[component]
fn ApplicationsRoute() -> impl IntoView {
    let navigate = use_navigate();
    view! {
        <MyApplications
            api=Rc::new(ServerApplications)
            on_navigate=Callback::new(move |to: String| navigate(&to, NavigateOptions::default()))
        />
    }
}

/// `/applications/<id>`: one application, read-only; a new id in the address is a new page.
#[component]
fn ApplicationRoute() -> impl IntoView {
    let navigate = use_navigate();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|params| params.get("id").as_deref().and_then(application_id))
    });
    move || {
        let navigate = navigate.clone();
        view! {
            <ApplicationView
                api=Rc::new(ServerApplications)
                id=id.get()
                on_navigate=Callback::new(move |to: String| navigate(&to, NavigateOptions::default()))
            />
        }
    }
}

/// `/messages`: the page is in the URL; reading a message lowers the navigation's count.
#[component]
fn MessagesRoute() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let unread = expect_context::<UnreadMessages>();
    let page = Signal::derive(move || {
        let pairs = decode_query(&location.search.get());
        messages_page(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
    });
    view! {
        <Inbox
            api=Rc::new(ServerMessages)
            page
            on_navigate=Callback::new(move |page| navigate(&messages_path(page), NavigateOptions::default()))
            on_unread_count=Callback::new(move |count| unread.0.set(Some(count)))
        />
    }
}

/// `/operations`: the queue's status filter is in the URL, so reload and Back keep it.
#[component]
fn OperationsRoute() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let status = Signal::derive(move || {
        let pairs = decode_query(&location.search.get());
        queue_filter(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
    });
    view! {
        <OperationsQueue
            api=Rc::new(ServerOperations)
            status
            on_navigate=Callback::new(move |status| navigate(&queue_path(status), NavigateOptions::default()))
        />
    }
}

/// `/operations/requests/<id>`: an id that is not a number is a page that does not exist.
#[component]
fn OperationsRequestRoute() -> impl IntoView {
    review_route(|id| view! { <OperationsRequest api=Rc::new(ServerOperations) id /> }.into_any())
}

/// `/operations/enrollments/<id>`: an id that is not a number is a page that does not exist.
#[component]
fn OperationsEnrollmentRoute() -> impl IntoView {
    review_route(|id| {
        view! { <OperationsEnrollment api=Rc::new(ServerOperations) id /> }.into_any()
    })
}

/// An operations review page for the numeric `:id` of the route; anything else is not found.
fn review_route(page: fn(ApplicationId) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse().ok())));
    move || match id.get() {
        Some(id) => page(id),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The idle timeout: warns before the server ends the session and leaves when it has.
#[component]
fn IdleWatch() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    let clock = StoredValue::new(None::<IdleClock>);
    let phase = RwSignal::new(IdlePhase::Active);

    // A new clock for each signed-in user; keep-alive answers do not restart it.
    let timeout = Memo::new(move |_| {
        session.with(|status| {
            status
                .user()
                .map(|info| (info.user.ncid.clone(), info.idle_timeout_seconds))
        })
    });
    Effect::new(move |_| {
        clock.set_value(
            timeout
                .get()
                .map(|(_, seconds)| IdleClock::new(seconds, now_ms())),
        );
        phase.set(IdlePhase::Active);
    });

    let check = move || {
        let Some(mut current) = clock.get_value() else {
            return;
        };
        if let Some(at) = last_activity_ms() {
            current.record_activity(at as i64);
        }
        let now = current.phase(now_ms());
        if now == IdlePhase::Expired {
            clock.set_value(None);
            session.end(SignOutReason::Inactive {
                minutes: current.timeout_minutes(),
            });
            // The server has ended it already; this only makes sure of it.
            spawn_local(async {
                _ = session_requests::sign_out().await;
            });
            navigate(
                &login_path(&current_path(&location)),
                NavigateOptions::default(),
            );
        } else {
            clock.set_value(Some(current));
        }
        if phase.get_untracked() != now {
            phase.set(now);
        }
    };
    if let Ok(handle) = set_interval_with_handle(check, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }

    // Any answered request restarts the server's idle period, this one too.
    let stay = move || {
        spawn_local(async move {
            // A refusal changes nothing here: a 401 has ended the session in the API layer.
            if session_requests::keep_alive().await.is_ok() {
                phase.set(IdlePhase::Active);
            }
        });
    };
    let seconds_left = move || match phase.get() {
        IdlePhase::Warning { seconds_left } => seconds_left,
        _ => 0,
    };
    let warning = Memo::new(move |_| matches!(phase.get(), IdlePhase::Warning { .. }));
    view! {
        <Show when=move || warning.get()>
            <ModalDialog
                id="idle-warning"
                title="You will be signed out soon"
                on_escape=Callback::new(move |()| stay())
            >
                <p id="idle-warning-description">
                    "For your security, we will sign you out in "
                    <strong>{move || describe_duration(seconds_left())}</strong>
                    " because there has been no activity."
                </p>
                <div class="button-group">
                    <button type="button" class="button" on:click=move |_| stay()>
                        "Stay signed in"
                    </button>
                    <button
                        type="button"
                        class="button button--outline"
                        on:click=move |_| sign_out.run(())
                    >
                        "Sign out"
                    </button>
                </div>
            </ModalDialog>
        </Show>
    }
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
