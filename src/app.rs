//! The app: the routes table and the page layout, with the site header (`header`), the session
//! guard (`session_guard`), the idle timeout (`idle`), and the live region that announces route
//! changes (each page's `PageHeading` takes focus and names the document). The site footer is
//! index.html's own, below the element the app mounts in.

pub mod header;
pub mod idle;
mod session_guard;

use header::{SiteHeader, UnreadMessages};
use idle::IdleWatch;
use session_guard::RequireSession;

use crate::api::accounts::ServerAccounts;
use crate::api::applications::ServerApplications;
use crate::api::enrollment::ServerEnrollment;
use crate::api::home::home;
use crate::api::messages::ServerMessages;
use crate::api::oa_change::ServerOaChange;
use crate::api::operations::ServerOperations;
use crate::api::record_users::ServerRecordUsers;
use crate::api::session::{self as session_requests, use_session, ServerSignIn, SessionContext};
use crate::api::several_records::ServerSeveralRecords;
use crate::components::focus::focus_by_id;
use crate::components::{Announcer, LiveAnnouncer};
use crate::pages::account::remembered_selection;
use crate::pages::{
    AccountManagement, ApplicationView, EnrollmentPage, HomePage, Inbox, LoginPage, MyApplications,
    NotFoundPage, OaChangeWizard, OperationsEnrollment, OperationsQueue, OperationsRequest,
    RecordUsers, SeveralRecordsFlow,
};
use crate::session_storage::remembered_selection as remembered_users_selection;
use crate::state::account_table::account_path;
use crate::state::applications::application_id;
use crate::state::enrollment::EnrollmentPlace;
use crate::state::navigation::{decode_query, safe_next};
use crate::state::oa_change::WizardPlace;
use crate::state::operations::{messages_page, messages_path, queue_filter, queue_path};
use crate::state::record_users::{record_users_path, selection_key};
use crate::state::session::{SessionStatus, SignOutReason};
use crate::state::several_records::SeveralPlace;
use crate::state::sign_in::SignInFlow;
use contract::accounts::AccountQuery;
use contract::application::ApplicationId;
use contract::auth::{SessionInfo, SignedInUser};
use contract::record_users::RecordUserQuery;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};
use leptos_router::{path, NavigateOptions};
use leptos_router::{Lazy, LazyRoute};
use std::rc::Rc;

const MAIN_ID: &str = "main-content";

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
                                        <HomePage records=home />
                                    </RequireSession>
                                }
                            }
                        />
                        <Route path=path!("/account") view={Lazy::<AccountRoutePage>::new()} />
                        <Route path=path!("/oa-change") view={Lazy::<OaChangeRoutePage>::new()} />
                        <Route path=path!("/oa-change/several") view={Lazy::<SeveralRecordsRoutePage>::new()} />
                        <Route path=path!("/enrollment") view={Lazy::<EnrollmentRoutePage>::new()} />
                        <Route path=path!("/applications") view={Lazy::<ApplicationsRoutePage>::new()} />
                        <Route path=path!("/applications/:id") view={Lazy::<ApplicationRoutePage>::new()} />
                        <Route path=path!("/messages") view={Lazy::<MessagesRoutePage>::new()} />
                        <Route path=path!("/operations") view={Lazy::<OperationsRoutePage>::new()} />
                        <Route path=path!("/operations/requests/:id") view={Lazy::<OperationsRequestRoutePage>::new()} />
                        <Route path=path!("/operations/enrollments/:id") view={Lazy::<OperationsEnrollmentRoutePage>::new()} />
                        <Route path=path!("/records/:id/users") view={Lazy::<RecordUsersRoutePage>::new()} />
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
lazy_page!(
    SeveralRecordsRoutePage,
    several_records_page,
    SeveralRecordsRoute
);
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
lazy_page!(RecordUsersRoutePage, record_users_page, RecordUsersRoute);
lazy_page!(
    OperationsEnrollmentRoutePage,
    operations_enrollment_page,
    OperationsEnrollmentRoute
);

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
    let navigate = use_navigate();
    let query = url_query(|pairs| AccountQuery::from_pairs(pairs));
    let selection = session.with_untracked(|status| {
        remembered_selection(status.user().map_or("", |info| info.user.ncid.as_str()))
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

/// `/records/<id>/users`: the table's view is in the URL, the selection kept per user and
/// record in `sessionStorage`; another record in the address is another page.
#[component]
fn RecordUsersRoute() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let query = url_query(|pairs| RecordUserQuery::from_pairs(pairs));
    let record = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    move || {
        let record = record.get();
        let navigate = use_navigate();
        let ncid = session.with_untracked(|status| {
            status
                .user()
                .map_or_else(String::new, |info| info.user.ncid.clone())
        });
        let selection = remembered_users_selection(selection_key(&ncid, &record));
        let path_record = record.clone();
        let on_navigate = Callback::new(move |query: RecordUserQuery| {
            navigate(
                &record_users_path(&path_record, &query),
                NavigateOptions::default(),
            );
        });
        view! {
            <RecordUsers
                api=Rc::new(ServerRecordUsers)
                record
                query
                on_navigate
                selection
            />
        }
    }
}

/// `/oa-change`: the wizard's record and step are in the URL, so a reload resumes there.
#[component]
fn OaChangeRoute() -> impl IntoView {
    let navigate = use_navigate();
    let place = url_query(|pairs| WizardPlace::from_pairs(pairs));
    let applicant = signed_in_user();
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

/// `/oa-change/several`: the step is in the URL and the set on the server, so a reload resumes
/// there (R-MANY-1..3).
#[component]
fn SeveralRecordsRoute() -> impl IntoView {
    let navigate = use_navigate();
    let place = url_query(|pairs| SeveralPlace::from_pairs(pairs));
    let on_navigate = Callback::new(move |to: SeveralPlace| {
        navigate(&to.path(), NavigateOptions::default());
    });
    view! {
        <SeveralRecordsFlow
            api=Rc::new(ServerSeveralRecords)
            place
            applicant=signed_in_user()
            on_navigate
        />
    }
}

/// The signed-in user (the session guard has let the page open), who signs applications.
fn signed_in_user() -> SignedInUser {
    use_session().with_untracked(|status| {
        status
            .user()
            .map(|info| info.user.clone())
            .unwrap_or_else(|| SignedInUser {
                ncid: String::new(),
                name: String::new(),
                operations_staff: false,
            })
    })
}

/// `/enrollment`: the application and the step are in the URL, so a reload resumes there.
#[component]
fn EnrollmentRoute() -> impl IntoView {
    let navigate = use_navigate();
    let place = url_query(|pairs| EnrollmentPlace::from_pairs(pairs));
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
    let navigate = use_navigate();
    let unread = expect_context::<UnreadMessages>();
    let page = url_query(|pairs| messages_page(pairs));
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
    let navigate = use_navigate();
    let status = url_query(|pairs| queue_filter(pairs));
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

/// What a route reads from the URL's query, from the raw query: `use_query_map` decodes values
/// twice, which would turn a filter such as "%41" into "A".
fn url_query<T: Send + Sync + 'static>(
    read: impl for<'a> Fn(&mut dyn Iterator<Item = (&'a str, &'a str)>) -> T + Send + Sync + 'static,
) -> Signal<T> {
    let location = use_location();
    Signal::derive(move || {
        let pairs = decode_query(&location.search.get());
        read(
            &mut pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
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
