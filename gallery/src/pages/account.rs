//! My Account Management: the table's states and the selection bar's (0, 1, many selected,
//! all matching), the removal dialog and its report.

use super::{day, laid_out};
use crate::catalogue::State;
use crate::fixed::{offline, Fixed};
use contract::accounts::{
    AccountPage, AccountQuery, AccountRow, AccountSelection, AssociationStatus, RemovalLock,
    RemovalOutcome, RemovalReport, RemovalResult, SelectionPreview,
};
use contract::records::OaRole;
use contract::table::{InvalidQuery, TableFilter};
use contract::Rule;
use leptos::prelude::*;
use provider_portal::api::accounts::AccountsApi;
use provider_portal::api::Answer;
use provider_portal::pages::AccountManagement;
use provider_portal::state::selection::Selection;
use std::rc::Rc;

#[derive(Clone)]
struct FixedAccounts {
    page: Fixed<AccountPage>,
}

impl AccountsApi for FixedAccounts {
    fn accounts(&self, _query: AccountQuery) -> Answer<AccountPage> {
        self.page.answer()
    }

    /// The rows shown that the selection names.
    fn preview_selection(&self, selection: AccountSelection) -> Answer<SelectionPreview> {
        let rows = match &self.page {
            Fixed::Ready(page) => page.rows.clone(),
            _ => Vec::new(),
        };
        let selected = rows.into_iter().filter(|row| match &selection {
            AccountSelection::Ids { ids } => ids.contains(&row.id),
            AccountSelection::Matching { except, .. } => !except.contains(&row.id),
        });
        let (locked, removable): (Vec<_>, Vec<_>) = selected.partition(|row| row.lock.is_some());
        Fixed::Ready(SelectionPreview {
            total: removable.len() as u64,
            rows: removable,
            locked,
        })
        .answer()
    }

    fn remove_accounts(&self, _selection: AccountSelection) -> Answer<RemovalReport> {
        Fixed::Ready(RemovalReport {
            results: vec![
                RemovalResult {
                    id: 1,
                    outcome: RemovalOutcome::Removed,
                },
                RemovalResult {
                    id: 2,
                    outcome: RemovalOutcome::Refused {
                        rule: Rule::Acct3,
                        reason: "Casey Lin became the backup OA of this record since the page was loaded."
                            .into(),
                    },
                },
            ],
        })
        .answer()
    }
}

fn row(id: i64, oa_ncid: &str, oa_name: &str, provider_id: &str, record: &str) -> AccountRow {
    AccountRow {
        id,
        oa_ncid: oa_ncid.into(),
        oa_name: oa_name.into(),
        oa_end_date: None,
        roles: vec!["Claims".into(), "Eligibility".into()],
        provider_id: provider_id.into(),
        record_name: record.into(),
        status: AssociationStatus::Active,
        lock: None,
    }
}

fn rows() -> Vec<AccountRow> {
    vec![
        row(
            1,
            "tstclaims3",
            "Riley Morgan",
            "2336930211",
            "Avery Family Practice, PLLC",
        ),
        row(
            2,
            "clin2",
            "Casey Lin",
            "ATY00417",
            "Blue Ridge Therapy Group",
        ),
        AccountRow {
            status: AssociationStatus::Inactive,
            roles: vec!["Prior Approval".into()],
            ..row(
                4,
                "mreyes3",
                "Morgan Reyes",
                "1467583920",
                "Eastern Carolina Clinic",
            )
        },
        AccountRow {
            oa_end_date: Some(day(2026, 9, 30)),
            ..row(
                5,
                "ghart7",
                "Glenn Hart",
                "1851390421",
                "Coastal Plain Surgical Associates",
            )
        },
    ]
}

/// R-ACCT-3: the user's own rows as an OA of the record cannot be removed here.
fn locked_rows() -> Vec<AccountRow> {
    vec![
        AccountRow {
            lock: Some(RemovalLock::for_role(OaRole::Primary)),
            ..row(
                6,
                "javery1",
                "Jordan Avery",
                "2044707588",
                "Avery Family Practice, PLLC",
            )
        },
        AccountRow {
            lock: Some(RemovalLock::for_role(OaRole::Backup)),
            ..row(
                3,
                "providertraining1",
                "Taylor Brooks",
                "2956351383",
                "Triangle Pediatrics Group",
            )
        },
    ]
}

fn page_of(rows: Vec<AccountRow>, total: u64, removable: u64) -> Fixed<AccountPage> {
    Fixed::Ready(AccountPage {
        rows,
        page: 1,
        page_size: 10,
        total_matching: total,
        removable_matching: removable,
    })
}

fn first_page() -> Fixed<AccountPage> {
    let mut shown = rows();
    shown.extend(locked_rows());
    page_of(shown, 43, 41)
}

fn account(page: Fixed<AccountPage>, selection: Selection) -> AnyView {
    account_at(page, selection, Ok(AccountQuery::default()))
}

fn account_at(
    page: Fixed<AccountPage>,
    selection: Selection,
    query: Result<AccountQuery, InvalidQuery>,
) -> AnyView {
    laid_out(view! {
        <AccountManagement
            api=Rc::new(FixedAccounts { page })
            query=Signal::stored(query)
            on_navigate=Callback::new(|_| ())
            selection=RwSignal::new(selection)
        />
    })
}

/// The rows with these ids selected.
fn selecting(ids: &[i64]) -> Selection {
    let mut selection = Selection::default();
    for row in rows().iter().filter(|row| ids.contains(&row.id)) {
        selection.set(row, true);
    }
    selection
}

pub fn states() -> Vec<State> {
    vec![
        State::new("loading", "Loading", || {
            account(Fixed::Loading, Selection::default())
        }),
        State::new("error", "Could not load, with Retry", || {
            account(offline(), Selection::default())
        }),
        State::new("no-accounts", "No accounts at all", || {
            account(page_of(Vec::new(), 0, 0), Selection::default())
        }),
        State::new("no-match", "Nothing matches the filter", || {
            let filtered = AccountQuery {
                filter: TableFilter {
                    text: "zz".into(),
                    status: None,
                },
                ..AccountQuery::default()
            };
            account_at(
                page_of(Vec::new(), 0, 0),
                Selection::default(),
                Ok(filtered),
            )
        }),
        State::new("locked-rows", "Rows with locked checkboxes", || {
            account(first_page(), Selection::default())
        }),
        State::new("one-selected", "One selected", || {
            account(first_page(), selecting(&[1]))
        }),
        State::new("many-selected", "Many selected", || {
            account(first_page(), selecting(&[1, 2, 4]))
        }),
        State::new("all-matching", "All matching selected", || {
            let mut selection = Selection::default();
            selection.select_all_matching(TableFilter::default(), 41);
            account(first_page(), selection)
        }),
        State::new(
            "nothing-selected-remove",
            "Remove with nothing selected",
            || account(first_page(), Selection::default()),
        )
        .pressing("Remove Selected Accounts"),
        State::new("removal-dialog", "The removal dialog", || {
            account(first_page(), selecting(&[1, 2]))
        })
        .pressing("Remove Selected Accounts"),
        State::new("removal-report", "The removal report", || {
            account(first_page(), selecting(&[1, 2]))
        })
        .pressing("Remove Selected Accounts")
        .pressing("Yes, remove 2 accounts"),
        State::new("bad-address", "A wrong page address", || {
            account_at(
                first_page(),
                Selection::default(),
                Err(InvalidQuery {
                    field: "page",
                    message: "The page number must be a whole number from 1".into(),
                }),
            )
        }),
    ]
}
