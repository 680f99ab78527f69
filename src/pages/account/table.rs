//! The table of associations (R-ACCT-1) with its checkboxes (R-ACCT-2, R-ACCT-3), and the
//! pagination below it.

use super::{empty_page, AccountView, TABLE_REGION_ID};
use crate::components::focus::focus_by_id_after_render;
use crate::state::account_table::{
    account_path, aria_sort, oa_name_text, on_page, page_items, row_checkbox_label, sorted_by,
    PageItem,
};
use crate::state::navigation::query_string;
use crate::state::selection::{PageCheckbox, Selection};
use contract::accounts::{AccountRow, AssociationId, AssociationStatus, SortColumn};
use contract::CalendarDate;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

pub(super) fn account_table(view: AccountView, pending: Memo<bool>) -> impl IntoView {
    // The region scrolls sideways on a narrow screen; it takes focus so that keyboard users can
    // scroll it, and after a page link so that reading starts at the new rows.
    view! {
        <div
            class="table-region"
            class:table-region--pending=move || pending.get()
            id=TABLE_REGION_ID
            role="region"
            aria-labelledby="account-table-caption"
            aria-busy=move || pending.get().then_some("true")
            tabindex="0"
        >
            <table class="account-table">
                <caption id="account-table-caption" class="account-table__caption">
                    "My accounts"
                </caption>
                <thead>
                    <tr>
                        <th scope="col" class="account-table__select">
                            {page_checkbox(view)}
                        </th>
                        {SortColumn::ALL.map(|column| sort_header(view, column)).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <For each=move || view.with_rows(<[AccountRow]>::to_vec) key=row_key let:row>
                        {account_row(view, row)}
                    </For>
                    {empty_page(view)}
                </tbody>
            </table>
        </div>
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

/// Checked, mixed or unchecked for the rows on this page only.
fn page_checkbox(view: AccountView) -> impl IntoView {
    let state = Memo::new(move |_| {
        view.with_rows(|rows| {
            view.selection
                .with(|selection| selection.page_checkbox(rows))
        })
    });
    let nothing_removable =
        Memo::new(move |_| view.with_rows(|rows| rows.iter().all(|row| row.lock.is_some())));
    let toggle = move |_| {
        let rows = view.with_rows(<[AccountRow]>::to_vec);
        view.selection
            .update(|selection| selection.toggle_page(&rows));
    };
    view! {
        <input
            type="checkbox"
            class="checkbox"
            id="select-page"
            prop:checked=move || state.get() == PageCheckbox::Checked
            prop:indeterminate=move || state.get() == PageCheckbox::Mixed
            aria-checked=move || match state.get() {
                PageCheckbox::Checked => "true",
                PageCheckbox::Mixed => "mixed",
                PageCheckbox::Unchecked => "false",
            }
            disabled=move || nothing_removable.get()
            on:change=toggle
        />
        <label class="visually-hidden" for="select-page">
            "Select all rows on this page"
        </label>
    }
}

fn sort_header(view: AccountView, column: SortColumn) -> impl IntoView {
    let sort = move || aria_sort(&view.query.get(), column);
    // The arrow is drawn, not written, so that the header's name stays the column's name.
    let arrow = move || match sort() {
        Some("ascending") => "M12 4l6 8H6z",
        Some(_) => "M12 20l-6-8h12z",
        None => "M12 3l5 6H7zM12 21l-5-6h10z",
    };
    let click = move |_| view.show(sorted_by(&view.query.get_untracked(), column));
    view! {
        <th scope="col" class="account-table__sortable" aria-sort=sort>
            <button type="button" class="sort-button" on:click=click>
                {column.heading()}
                <svg
                    class="sort-button__arrow"
                    viewBox="0 0 24 24"
                    aria-hidden="true"
                    focusable="false"
                >
                    <path d=arrow />
                </svg>
            </button>
        </th>
    }
}

fn account_row(view: AccountView, row: AccountRow) -> impl IntoView {
    let id = row.id;
    let checkbox_id = format!("select-{id}");
    let note_id = format!("row-note-{id}");
    let locked = row.lock.is_some();
    let selected = {
        let row = row.clone();
        Memo::new(move |_| view.selection.with(|selection| selection.is_selected(&row)))
    };
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
    let toggle = {
        let row = row.clone();
        move |ev: leptos::ev::Event| {
            let checked = event_target_checked(&ev);
            view.selection
                .update(|selection: &mut Selection| selection.set(&row, checked));
        }
    };
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
        <tr>
            <td class="account-table__select">
                <input
                    type="checkbox"
                    class="checkbox"
                    id=checkbox_id.clone()
                    prop:checked=selected
                    disabled=locked
                    aria-describedby=note_id.clone()
                    on:change=toggle
                />
                <label class="visually-hidden" for=checkbox_id>
                    {row_checkbox_label(&row)}
                </label>
            </td>
            <td>{row.oa_ncid.clone()}</td>
            <td>{oa_name_text(&row)}</td>
            <td>{row.roles.join(", ")}</td>
            <td>{row.provider_id.clone()}</td>
            <td class="account-table__status">
                {row.status.label()} <div class="row-note" id=note_id>
                    {lock_note}
                    <p class="row-note__refusal">{refusal}</p>
                </div>
            </td>
        </tr>
    }
}

/// USWDS pagination: Previous, the first and last pages, the current one with its neighbours,
/// Next. A page link moves focus to the table, where the new rows are.
pub(super) fn pagination(view: AccountView) -> impl IntoView {
    let position = Memo::new(move |_| {
        view.page.with(|page| {
            page.as_ref()
                .map(|page| (view.query.with(|query| query.page), page.page_count()))
                .filter(|(_, count)| *count > 1)
        })
    });
    move || {
        position.get().map(|(current, count)| {
            let link =
                move |page: u32, content: AnyView, label: Option<String>, class: &'static str| {
                    let target = on_page(&view.query.get_untracked(), page);
                    let href = account_path(&target);
                    let go = move |ev: MouseEvent| {
                        if view.follow_link(&ev, target.clone()) {
                            focus_by_id_after_render(TABLE_REGION_ID);
                        }
                    };
                    view! {
                        <a
                            href=href
                            class=class
                            aria-label=label
                            aria-current=(page == current).then_some("page")
                            on:click=go
                        >
                            {content}
                        </a>
                    }
                };
            let previous = (current > 1).then(|| {
                let content = view! {
                    "Previous"
                    <span class="visually-hidden">" page"</span>
                }
                .into_any();
                view! {
                    <li class="pagination__item pagination__arrow">
                        {link(current.min(count + 1) - 1, content, None, "pagination__link")}
                    </li>
                }
            });
            let next = (current < count).then(|| {
                let content = view! {
                    "Next"
                    <span class="visually-hidden">" page"</span>
                }
                .into_any();
                view! {
                    <li class="pagination__item pagination__arrow">
                        {link(current + 1, content, None, "pagination__link")}
                    </li>
                }
            });
            let numbers = page_items(current, count)
                .into_iter()
                .map(|item| match item {
                    PageItem::Page(page) => view! {
                        <li class="pagination__item">
                            {link(
                                page,
                                page.to_string().into_any(),
                                Some(format!("Page {page}")),
                                "pagination__button",
                            )}
                        </li>
                    }
                    .into_any(),
                    PageItem::GapAfter(_) => view! {
                        <li class="pagination__item pagination__overflow" aria-hidden="true">
                            "…"
                        </li>
                    }
                    .into_any(),
                })
                .collect_view();
            view! {
                <nav class="pagination" aria-label="Pagination">
                    <ul class="pagination__list">{previous} {numbers} {next}</ul>
                </nav>
            }
        })
    }
}
