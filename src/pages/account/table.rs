//! The table of associations (R-ACCT-1) with its checkboxes (R-ACCT-2, R-ACCT-3), and the
//! pagination below it, on the shared `DataTable`.

use super::{AccountView, EMPTY_WORDS};
use crate::components::{Column, ColumnSort, DataTable, RowSelection};
use crate::state::account_table::{oa_name_text, row_checkbox_label};
use crate::state::navigation::query_string;
use crate::state::table_query::aria_sort;
use contract::accounts::{AccountRow, AssociationId, AssociationStatus, SortColumn};
use contract::CalendarDate;
use leptos::prelude::*;

pub(super) fn account_table(view: AccountView, pending: Memo<bool>) -> impl IntoView {
    let rows = Signal::derive(move || view.table.with_rows(<[AccountRow]>::to_vec));
    // The record comes first: it is what the user would lose access to.
    let record = Column::plain("Provider record");
    let sortable = SortColumn::ALL.map(|column| Column {
        heading: column.heading(),
        sort: Some(ColumnSort {
            state: Signal::derive(move || aria_sort(&view.table.query.get(), column)),
            on_sort: Callback::new(move |()| {
                view.table
                    .show(view.table.query.get_untracked().sorted_by(column));
            }),
        }),
    });
    let columns = std::iter::once(record).chain(sortable).collect();
    let select = RowSelection {
        page_id: "select-page",
        page: Signal::derive(move || {
            view.table.with_rows(|rows| {
                view.selection
                    .with(|selection| selection.page_checkbox(rows))
            })
        }),
        page_disabled: Signal::derive(move || {
            view.table
                .with_rows(|rows| rows.iter().all(|row| row.lock.is_some()))
        }),
        on_toggle_page: Callback::new(move |()| {
            let rows = view.table.with_rows(<[AccountRow]>::to_vec);
            view.selection
                .update(|selection| selection.toggle_page(&rows));
        }),
        checkbox_id: |row: &AccountRow| format!("select-{}", row.id),
        label: row_checkbox_label,
        described_by: |row: &AccountRow| Some(note_id(row.id)),
        disabled: |row: &AccountRow| row.lock.is_some(),
        is_selected: Callback::new(move |row: AccountRow| {
            view.selection.with(|selection| selection.is_selected(&row))
        }),
        on_select: Callback::new(move |(row, checked): (AccountRow, bool)| {
            view.selection
                .update(|selection| selection.set(&row, checked));
        }),
    };
    view! {
        <DataTable
            id="account-table"
            caption="My accounts".to_owned()
            class="account-table"
            columns
            rows
            key=row_key
            cells=move |row| account_cells(view, row).into_any()
            select
            pending
            empty=ViewFn::from(move || view.table.empty_page(EMPTY_WORDS))
        />
    }
}

type RowKey = (
    AssociationId,
    String,
    String,
    Option<CalendarDate>,
    Vec<String>,
    AssociationStatus,
    Option<String>,
);

/// Rows are known by id; a row whose shown content changed (a new OA, a lock) is drawn again.
fn row_key(row: &AccountRow) -> RowKey {
    (
        row.id,
        row.oa_ncid.clone(),
        row.oa_name.clone(),
        row.oa_end_date,
        row.roles.clone(),
        row.status,
        row.lock.as_ref().map(|lock| lock.explanation()),
    )
}

/// The note under a row's status, which its checkbox names as its description.
fn note_id(id: AssociationId) -> String {
    format!("row-note-{id}")
}

fn account_cells(view: AccountView, row: AccountRow) -> impl IntoView {
    let id = row.id;
    let locked = row.lock.is_some();
    // R-ACCT-3: the server may keep a row the page showed as removable; it says why. The note
    // is always there (empty at first), so the checkbox can always name it as its description.
    let refusal = Memo::new(move |_| {
        view.refusals
            .with(|refusals| {
                refusals
                    .iter()
                    .find(|(refused, _)| *refused == id)
                    .map(|(_, reason)| reason.clone())
            })
            .filter(|_| !locked)
    });
    let lock_note = row.lock.as_ref().map(|lock| {
        let href = format!(
            "/oa-change{}",
            query_string(&[("record", row.provider_id.clone())])
        );
        view! {
            <p>{lock.explanation()}</p>
            <p>
                <a href=href>"Request an OA change for " {row.record_name.clone()}</a>
            </p>
        }
    });
    view! {
        <td>{row.record_name.clone()}</td>
        <td>{row.oa_ncid.clone()}</td>
        <td>{oa_name_text(&row)}</td>
        <td>{row.roles.join(", ")}</td>
        <td>{row.provider_id.clone()}</td>
        <td class="account-table__status">
            {row.status.label()} <div class="row-note" id=note_id(id)>
                {lock_note}
                <p class="row-note__refusal">{refusal}</p>
            </div>
        </td>
    }
}
