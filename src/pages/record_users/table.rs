//! The table of the record's users (R-USER-1) on the shared `DataTable`: the OAs' own rows
//! locked with the reason and the way to change them (R-USER-2), owners and managing employees
//! marked, a "Change roles" button on every other row; and the pagination below.

use super::{UsersView, EMPTY_WORDS};
use crate::components::{Column, ColumnSort, DataTable, RowSelection};
use crate::state::record_users::{date_text, oa_change_path, row_marks, user_checkbox_label};
use crate::state::selection::SelectableRow;
use crate::state::table_query::aria_sort;
use contract::accounts::AssociationId;
use contract::record_users::{oa_row_explanation, RecordUserRow, UserSortColumn};
use leptos::prelude::*;

pub(super) fn users_table(view: UsersView, pending: Memo<bool>) -> impl IntoView {
    let rows = Signal::derive(move || view.table.with_rows(<[RecordUserRow]>::to_vec));
    let sortable = UserSortColumn::ALL.map(|column| Column {
        heading: column.heading(),
        sort: Some(ColumnSort {
            state: Signal::derive(move || aria_sort(&view.table.query.get(), column)),
            on_sort: Callback::new(move |()| {
                view.table
                    .show(view.table.query.get_untracked().sorted_by(column));
            }),
        }),
    });
    let columns = sortable
        .into_iter()
        .chain(std::iter::once(Column::plain("Change")))
        .collect();
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
                .with_rows(|rows| rows.iter().all(SelectableRow::locked))
        }),
        on_toggle_page: Callback::new(move |()| {
            let rows = view.table.with_rows(<[RecordUserRow]>::to_vec);
            view.selection
                .update(|selection| selection.toggle_page(&rows));
            remember_selected(view, &rows);
        }),
        checkbox_id: |row: &RecordUserRow| format!("select-{}", row.id),
        label: user_checkbox_label,
        described_by: |row: &RecordUserRow| Some(note_id(row.id)),
        disabled: SelectableRow::locked,
        is_selected: Callback::new(move |row: RecordUserRow| {
            view.selection.with(|selection| selection.is_selected(&row))
        }),
        on_select: Callback::new(move |(row, checked): (RecordUserRow, bool)| {
            view.selection
                .update(|selection| selection.set(&row, checked));
            remember_selected(view, std::slice::from_ref(&row));
        }),
    };
    let caption = Signal::derive(move || format!("Users of {}", view.record_name()));
    view! {
        <DataTable
            id="record-users"
            caption
            class="account-table record-users-table"
            columns
            rows
            key=row_key
            cells=move |row| user_cells(view, row).into_any()
            select
            pending
            empty=ViewFn::from(move || view.table.empty_page(EMPTY_WORDS))
        />
    }
}

/// Keeps the selected rows of this page, so that a confirmation can name them from any page.
fn remember_selected(view: UsersView, rows: &[RecordUserRow]) {
    view.known.update(|known| {
        for row in rows {
            known.insert(row.id, row.clone());
        }
    });
}

/// Rows are known by id; a row whose shown content changed is drawn again.
fn row_key(row: &RecordUserRow) -> (AssociationId, Vec<String>, &'static str, bool) {
    (
        row.id,
        row.roles.clone(),
        row.status.label(),
        row.oa_role.is_some(),
    )
}

fn note_id(id: AssociationId) -> String {
    format!("user-note-{id}")
}

fn user_cells(view: UsersView, row: RecordUserRow) -> impl IntoView {
    let id = row.id;
    let marks = row_marks(&row);
    let marks = (!marks.is_empty()).then(|| {
        view! {
            <ul class="user-marks">
                {marks
                    .into_iter()
                    .map(|mark| view! { <li class="user-marks__mark">{mark}</li> })
                    .collect_view()}
            </ul>
        }
    });
    // R-USER-2: the server may refuse a row the page showed as changeable; it says why. The
    // note is always there, so the checkbox can always name it as its description.
    let refusal = Memo::new(move |_| {
        view.refusals.with(|refusals| {
            refusals
                .iter()
                .find(|(refused, _)| *refused == id)
                .map(|(_, reason)| reason.clone())
        })
    });
    let change = match row.oa_role {
        Some(role) => {
            let record_name = view.record_name();
            view! {
                <p>{oa_row_explanation(role)}</p>
                <p>
                    <a href=oa_change_path(&view.record.get_value())>
                        "Request an OA change for " {record_name}
                    </a>
                </p>
            }
            .into_any()
        }
        None => {
            let label = format!("Change roles of {} ({})", row.name, row.ncid);
            let chosen = row.clone();
            view! {
                <button
                    type="button"
                    class="button button--outline button--small"
                    aria-label=label
                    on:click=move |_| view.changing_roles.set(Some(chosen.clone()))
                >
                    "Change roles"
                </button>
            }
            .into_any()
        }
    };
    view! {
        <td>{row.ncid.clone()}</td>
        <td>{row.name.clone()} {marks}</td>
        <td>{row.roles.join(", ")}</td>
        <td>{row.status.label()}</td>
        <td>{date_text(row.added, "Not known")}</td>
        <td>{date_text(row.last_sign_in, "Never")}</td>
        <td class="account-table__status">
            <div class="row-note" id=note_id(id)>
                {change}
                <p class="row-note__refusal">{refusal}</p>
            </div>
        </td>
    }
}
