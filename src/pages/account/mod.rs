//! `/account`: My Account Management (R-ACCT-1..4). The signed-in user's associations in a
//! table paged, sorted and filtered by the server; a selection that holds across pages; and one
//! removal of everything selected. The page takes its view of the table (from the URL), its
//! selection and its requests as props, so a test can mount it with the answers of its choice.

mod removal;
mod table;

use crate::api::accounts::AccountsApi;
use crate::api::ApiError;
use crate::components::focus::focus_by_id_after_render;
use crate::components::table_view::{EmptyWords, TableView};
use crate::components::{Alert, AlertKind, BadTableAddress, LoadFailure, PageHeading, Skeleton};
use crate::session_storage;
use crate::state::account_table::{account_path, ACCOUNT_PATH};
use crate::state::selection::{storage_key, Selection};
use contract::accounts::{AccountPage, AccountQuery, AssociationId, SortColumn};
use contract::table::{InvalidQuery, TableFilter};
use leptos::either::Either;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use std::rc::Rc;

/// The signed-in user's selection (R-ACCT-2) as this tab last kept it (see
/// `session_storage::remembered_selection`).
pub fn remembered_selection(ncid: &str) -> RwSignal<Selection> {
    session_storage::remembered_selection(storage_key(ncid))
}

const NOTICE_ID: &str = "account-notice";
const TABLE_REGION_ID: &str = "account-table-region";
const EMPTY_WORDS: EmptyWords = EmptyWords {
    no_matches: "No accounts match the filter",
    no_matches_hint: "Check the spelling, or clear the filter to see all your accounts.",
    past_the_end: "This page has no accounts",
};

/// What the page shares with its parts; every field is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
struct AccountView {
    table: TableView<SortColumn, AccountPage>,
    selection: RwSignal<Selection>,
    /// The server's reasons for rows it kept in the last removal (R-ACCT-3).
    refusals: RwSignal<Vec<(AssociationId, String)>>,
}

/// What the area below the controls shows.
#[derive(Debug, Clone, PartialEq)]
enum TableState {
    Loading,
    Failed(ApiError),
    /// The user has no association at all.
    NoAccounts,
    /// A page has arrived; it may have no rows (see `empty_page`).
    Table,
}

/// A page-level alert that follows an action; it takes focus.
#[derive(Debug, Clone, PartialEq)]
struct Notice {
    kind: AlertKind,
    heading: String,
    text: String,
}

impl Notice {
    fn failure(heading: &str, error: &ApiError) -> Self {
        Self {
            kind: AlertKind::Error,
            heading: heading.to_owned(),
            text: format!("{error} Your selection is kept."),
        }
    }
}

#[component]
pub fn AccountManagement(
    api: Rc<dyn AccountsApi>,
    /// The view of the table the URL asks for, or why the URL is wrong.
    #[prop(into)]
    query: Signal<Result<AccountQuery, InvalidQuery>>,
    /// Shows another view of the table: the app puts it in the URL.
    on_navigate: Callback<AccountQuery>,
    /// What is selected, on every page (R-ACCT-2); the app keeps it across reloads.
    selection: RwSignal<Selection>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let url_problem = Memo::new(move |_| {
        query.with(|query| query.as_ref().err().map(|problem| problem.message.clone()))
    });

    // Keyed on the URL's view; each answer carries the view it is for, so a slow answer to an
    // older view is recognised as such.
    let accounts = LocalResource::new(move || {
        let answer = query.get().ok().map(|wanted| {
            let answer = api.with_value(|api| api.accounts(wanted.clone()));
            (wanted, answer)
        });
        async move {
            match answer {
                Some((wanted, answer)) => Some((wanted, answer.await)),
                None => None,
            }
        }
    });
    let page = Memo::new(move |_| {
        accounts.with(|answer| {
            answer
                .as_ref()
                .and_then(Option::as_ref)
                .and_then(|(_, page)| page.as_ref().ok().cloned())
        })
    });
    let view = AccountView {
        table: TableView {
            query: Memo::new(move |_| {
                query.with(|query| query.as_ref().ok().cloned().unwrap_or_default())
            }),
            page,
            path: Callback::new(|query: AccountQuery| account_path(&query)),
            on_navigate,
        },
        selection,
        refusals: RwSignal::new(Vec::new()),
    };
    let pending = Memo::new(move |_| {
        let wanted = query.with(|query| query.as_ref().ok().cloned());
        accounts.with(|answer| {
            answer
                .as_ref()
                .and_then(Option::as_ref)
                .map(|(query, _)| query)
                != wanted.as_ref()
        })
    });

    let state = Memo::new(move |_| {
        accounts.with(|answer| match answer.as_ref().and_then(Option::as_ref) {
            None => TableState::Loading,
            Some((_, Err(error))) => TableState::Failed(error.clone()),
            Some((query, Ok(page)))
                if page.total_matching == 0 && query.filter == TableFilter::default() =>
            {
                TableState::NoAccounts
            }
            Some(_) => TableState::Table,
        })
    });

    let notice = RwSignal::new(None::<Notice>);
    let announce = Callback::new(move |new: Notice| {
        notice.set(Some(new));
        focus_by_id_after_render(NOTICE_ID);
    });
    let removed = Callback::new(move |()| accounts.refetch());

    // Without any account there is nothing to filter, select or remove.
    let has_controls = Memo::new(move |_| state.get() != TableState::NoAccounts);
    let controls = move || {
        has_controls.get().then(|| {
            view! {
                {view.table.filter_form("account", "accounts", "Filter by NCID, name or NPI")}
                {removal::selection_bar(view, api, announce, removed)}
                {view.table.toolbar("account")}
            }
        })
    };
    let body = move || match state.get() {
        TableState::Loading => {
            view! { <Skeleton label="Loading your accounts" blocks=1 /> }.into_any()
        }
        TableState::Failed(error) => view! {
            <LoadFailure
                heading="Your accounts could not be loaded"
                error
                retry=Callback::new(move |()| accounts.refetch())
            >
                <p>"Your selection is kept."</p>
            </LoadFailure>
        }
        .into_any(),
        TableState::NoAccounts => no_accounts().into_any(),
        TableState::Table => table::account_table(view, pending).into_any(),
    };

    view! {
        <PageHeading text="My Account Management" />
        <p class="lead">
            "The provider records you have access to, with the Office Administrator (OA) of \
            each. Select the accounts you no longer need, on any page, then choose Remove \
            Selected Accounts."
        </p>
        {move || notice.get().map(notice_view)}
        {move || match url_problem.get() {
            None => Either::Left(view! { {controls} {body} {view.table.pagination(TABLE_REGION_ID)} }),
            Some(problem) => Either::Right(bad_address(view, problem)),
        }}
    }
}

fn notice_view(notice: Notice) -> impl IntoView {
    // As GOV.UK's notification banner after an action: an alert that takes focus, success
    // or not, so the outcome is read at once.
    view! {
        <div id=NOTICE_ID class="account-notice" role="alert" tabindex="-1">
            <Alert kind=notice.kind heading=notice.heading>
                <p>{notice.text}</p>
            </Alert>
        </div>
    }
}

/// A wrong value in the URL (a hand edit, an old link) is said, never silently replaced.
fn bad_address(view: AccountView, problem: String) -> impl IntoView {
    let on_reset = Callback::new(move |ev: MouseEvent| {
        view.table.follow_link(&ev, AccountQuery::default());
    });
    view! { <BadTableAddress problem reset_href=ACCOUNT_PATH.to_owned() on_reset /> }
}

fn no_accounts() -> impl IntoView {
    view! {
        <div class="empty-state">
            <h2 class="empty-state__title">"You have no accounts"</h2>
            <p>"You are not associated with any provider record, so there is nothing to remove."</p>
        </div>
    }
}
