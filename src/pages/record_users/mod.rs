//! `/records/<id>/users`: the users of a record, for its primary and backup OA (R-USER-1..4,
//! R-BOA-3). The shared table paged, sorted and filtered by the server, a selection across
//! pages, adding a user, changing one user's roles, and changes of the selected users with a
//! report per user. Anyone else is told they do not administer the record, and who does. The
//! page takes its view (from the URL), its selection and its requests as props, so a test can
//! mount it with the answers of its choice.

mod add;
mod changes;
mod roles;
mod table;

use crate::api::record_users::RecordUsersApi;
use crate::api::ApiError;
use crate::components::focus::focus_by_id_after_render;
use crate::components::table_view::{EmptyWords, TableView};
use crate::components::{Alert, AlertKind, BadTableAddress, LoadFailure, PageHeading, Skeleton};
use crate::state::record_users::{record_users_path, ResultLine};
use crate::state::selection::Selection;
use contract::accounts::AssociationId;
use contract::record_users::{RecordUserPage, RecordUserQuery, RecordUserRow, UserSortColumn};
use contract::table::InvalidQuery;
use leptos::either::Either;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::rc::Rc;

type Api = StoredValue<Rc<dyn RecordUsersApi>, LocalStorage>;

const NOTICE_ID: &str = "record-users-notice";
const TABLE_REGION_ID: &str = "record-users-region";
const EMPTY_WORDS: EmptyWords = EmptyWords {
    no_matches: "No users match the filter",
    no_matches_hint: "Check the spelling, or clear the filter to see every user.",
    past_the_end: "This page has no users",
};

/// What the page shares with its parts; every field is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
struct UsersView {
    api: Api,
    record: StoredValue<String>,
    table: TableView<UserSortColumn, RecordUserPage>,
    selection: RwSignal<Selection>,
    /// The rows seen while selected, so a confirmation names users selected on other pages.
    known: RwSignal<BTreeMap<AssociationId, RecordUserRow>>,
    /// The server's reasons for rows it kept in the last change (R-USER-2).
    refusals: RwSignal<Vec<(AssociationId, String)>>,
    /// The user whose roles are being changed, in the roles dialog.
    changing_roles: RwSignal<Option<RecordUserRow>>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
}

impl UsersView {
    fn record_name(self) -> String {
        self.table.page.with(|page| {
            page.as_ref()
                .map_or_else(String::new, |page| page.record_name.clone())
        })
    }

    /// An alert after a change; it takes focus so that the outcome is read at once.
    fn announce(self, notice: Notice) {
        self.notice.set(Some(notice));
        focus_by_id_after_render(NOTICE_ID);
    }
}

/// A page-level alert that follows a change, with one line per user when several changed.
#[derive(Debug, Clone, PartialEq)]
struct Notice {
    kind: AlertKind,
    heading: String,
    text: String,
    lines: Vec<ResultLine>,
}

impl Notice {
    fn said(kind: AlertKind, heading: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            kind,
            heading: heading.into(),
            text: text.into(),
            lines: Vec::new(),
        }
    }

    fn failure(heading: &str, error: &ApiError) -> Self {
        Self::said(
            AlertKind::Error,
            heading,
            format!("{error} Nothing was changed; your selection is kept."),
        )
    }
}

/// What the area below the heading shows.
#[derive(Debug, Clone, PartialEq)]
enum PageState {
    Loading,
    /// R-USER-1: the server's words, which name who administers the record.
    NotAdministrator(String),
    NotFound,
    Failed(ApiError),
    Table,
}

#[component]
pub fn RecordUsers(
    api: Rc<dyn RecordUsersApi>,
    /// The record's NPI or Atypical ID, from the address.
    #[prop(into)]
    record: String,
    /// The view of the table the URL asks for, or why the URL is wrong.
    #[prop(into)]
    query: Signal<Result<RecordUserQuery, InvalidQuery>>,
    /// Shows another view of the table: the app puts it in the URL.
    on_navigate: Callback<RecordUserQuery>,
    /// What is selected, on every page; the app keeps it across reloads.
    selection: RwSignal<Selection>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let record = StoredValue::new(record);
    let url_problem = Memo::new(move |_| {
        query.with(|query| query.as_ref().err().map(|problem| problem.message.clone()))
    });
    // Keyed on the URL's view; each answer carries the view it is for, so a slow answer to an
    // older view is recognised as such.
    let users = LocalResource::new(move || {
        let answer = query.get().ok().map(|wanted| {
            let answer = api.with_value(|api| api.users(&record.get_value(), wanted.clone()));
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
        users.with(|answer| {
            answer
                .as_ref()
                .and_then(Option::as_ref)
                .and_then(|(_, page)| page.as_ref().ok().cloned())
        })
    });
    let pending = Memo::new(move |_| {
        let wanted = query.with(|query| query.as_ref().ok().cloned());
        users.with(|answer| {
            answer
                .as_ref()
                .and_then(Option::as_ref)
                .map(|(query, _)| query)
                != wanted.as_ref()
        })
    });
    let state = Memo::new(move |_| {
        users.with(|answer| match answer.as_ref().and_then(Option::as_ref) {
            None => PageState::Loading,
            Some((_, Err(ApiError::Forbidden(message)))) => {
                PageState::NotAdministrator(message.clone())
            }
            Some((_, Err(ApiError::NotFound(_)))) => PageState::NotFound,
            Some((_, Err(error))) => PageState::Failed(error.clone()),
            Some(_) => PageState::Table,
        })
    });
    let view = UsersView {
        api,
        record,
        table: TableView {
            query: Memo::new(move |_| {
                query.with(|query| query.as_ref().ok().cloned().unwrap_or_default())
            }),
            page,
            path: Callback::new(move |query: RecordUserQuery| {
                record_users_path(&record.get_value(), &query)
            }),
            on_navigate,
        },
        selection,
        known: RwSignal::new(BTreeMap::new()),
        refusals: RwSignal::new(Vec::new()),
        changing_roles: RwSignal::new(None),
        notice: RwSignal::new(None),
        reload: Callback::new(move |()| users.refetch()),
    };

    let heading = Memo::new(move |_| match state.get() {
        PageState::NotAdministrator(_) => "You do not administer this record".to_owned(),
        PageState::NotFound => "Record not found".to_owned(),
        _ => page.with(|page| {
            page.as_ref().map_or_else(
                || "Users of this record".to_owned(),
                |page| format!("Users of {}", page.record_name),
            )
        }),
    });
    let body = move || match state.get() {
        PageState::Loading => {
            view! { <Skeleton label="Loading the record's users" blocks=2 /> }.into_any()
        }
        PageState::NotAdministrator(message) => not_administrator(message).into_any(),
        PageState::NotFound => not_found(record.get_value()).into_any(),
        PageState::Failed(error) => view! {
            <LoadFailure
                heading="The record's users could not be loaded"
                error
                retry=Callback::new(move |()| users.refetch())
            >
                <p>"Your selection is kept."</p>
            </LoadFailure>
        }
        .into_any(),
        PageState::Table => view! {
            <p class="lead">
                "Everyone who can act for this record, with their roles. As its Office \
                Administrator (OA) you can add users, change their roles, make them Inactive \
                or Active again, and end their access."
            </p>
            {add::add_user(view)}
            <h2>"Users"</h2>
            {view.table.filter_form("record-users", "users", "Filter by NCID or name")}
            {changes::selection_bar(view)}
            {view.table.toolbar("record-users")}
            {table::users_table(view, pending)}
            {view.table.pagination(TABLE_REGION_ID)}
            {roles::roles_dialog(view)}
        }
        .into_any(),
    };

    view! {
        {move || view! { <PageHeading text=heading.get() /> }}
        {move || view.notice.get().map(notice_view)}
        {move || match url_problem.get() {
            None => Either::Left(body),
            Some(problem) => Either::Right(bad_address(view, problem)),
        }}
    }
}

fn notice_view(notice: Notice) -> impl IntoView {
    let lines = (!notice.lines.is_empty()).then(|| {
        view! {
            <ul class="change-report">
                {notice
                    .lines
                    .into_iter()
                    .map(|line| {
                        view! {
                            <li class="change-report__line" class:change-report__line--refused=line.refused>
                                <strong>{line.who}</strong>
                                {format!(": {}", line.result)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <div id=NOTICE_ID class="account-notice" role="alert" tabindex="-1">
            <Alert kind=notice.kind heading=notice.heading>
                <p>{notice.text}</p>
                {lines}
            </Alert>
        </div>
    }
}

/// R-USER-1: the list is its OAs' only; the server's words say who they are.
fn not_administrator(message: String) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p>{message}</p>
            <p>
                "To have a user added, changed or removed, ask the record's Office \
                Administrator. To become an Office Administrator of the record, submit an OA \
                Change Request."
            </p>
            <p>
                <a href="/">"Back to My provider records"</a>
            </p>
        </div>
    }
}

fn not_found(record: String) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p>{format!("There is no provider record with the NPI or Atypical ID {record}.")}</p>
            <p>
                <a href="/">"Back to My provider records"</a>
            </p>
        </div>
    }
}

/// A wrong value in the URL (a hand edit, an old link) is said, never silently replaced.
fn bad_address(view: UsersView, problem: String) -> impl IntoView {
    let reset_href = record_users_path(&view.record.get_value(), &RecordUserQuery::default());
    let on_reset = Callback::new(move |ev: MouseEvent| {
        view.table.follow_link(&ev, RecordUserQuery::default());
    });
    view! { <BadTableAddress problem reset_href on_reset /> }
}
