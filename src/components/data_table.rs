//! The data table (USWDS): a caption, column headers that sort with `aria-sort`, rows keyed by
//! what they show, row checkboxes that each say which row they select, a header checkbox that is
//! checked, mixed or unchecked for the rows shown, a row for an empty page, a busy state while
//! the next page loads; the filter above it, the page size, and the pagination below. My
//! Account Management and a record's users use it; the table knows nothing of either.

use crate::components::{Alert, AlertKind};
use crate::state::selection::PageCheckbox;
use crate::state::table_query::{page_items, PageItem};
use contract::accounts::AssociationStatus;
use contract::table::{DEFAULT_PAGE_SIZE, MAX_FILTER_LENGTH, PAGE_SIZES};
use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::html::{Input, Select, Tr};
use leptos::prelude::*;
use std::hash::Hash;
use web_sys::HtmlTableRowElement;

/// One column: its heading and, when it sorts, how.
#[derive(Clone)]
pub struct Column {
    pub heading: &'static str,
    pub sort: Option<ColumnSort>,
}

impl Column {
    pub fn plain(heading: &'static str) -> Self {
        Self {
            heading,
            sort: None,
        }
    }
}

/// A sortable column: `aria-sort` ("ascending", "descending", or none while another column
/// sorts) and what a click on its header does.
#[derive(Clone, Copy)]
pub struct ColumnSort {
    pub state: Signal<Option<&'static str>>,
    pub on_sort: Callback<()>,
}

/// Row checkboxes and the header checkbox.
pub struct RowSelection<R: Send + Sync + 'static> {
    /// The header checkbox's id.
    pub page_id: &'static str,
    pub page: Signal<PageCheckbox>,
    /// No row shown can be selected.
    pub page_disabled: Signal<bool>,
    pub on_toggle_page: Callback<()>,
    pub checkbox_id: fn(&R) -> String,
    /// What the checkbox says it selects, e.g. "Select tstclaims3 – NPI 2336930211".
    pub label: fn(&R) -> String,
    /// The element that says more about the row (why it cannot be selected, say).
    pub described_by: fn(&R) -> Option<String>,
    pub disabled: fn(&R) -> bool,
    pub is_selected: Callback<R, bool>,
    pub on_select: Callback<(R, bool)>,
}

impl<R: Send + Sync + 'static> Clone for RowSelection<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for RowSelection<R> {}

#[component]
pub fn DataTable<R, K, KF, CF>(
    /// The start of the table's element ids: `{id}-region`, `{id}-caption`.
    id: &'static str,
    #[prop(into)] caption: Signal<String>,
    /// The classes of the `<table>`.
    class: &'static str,
    columns: Vec<Column>,
    #[prop(into)] rows: Signal<Vec<R>>,
    /// What a row is known by: a row whose key changes is drawn again.
    key: KF,
    /// The row's cells after its checkbox.
    cells: CF,
    #[prop(optional)] select: Option<RowSelection<R>>,
    /// A new page is on its way; the rows shown are the last ones.
    #[prop(optional, into)]
    pending: Signal<bool>,
    /// What the body says when there are no rows.
    #[prop(optional, into)]
    empty: Option<ViewFn>,
) -> impl IntoView
where
    R: Clone + Send + Sync + 'static,
    K: Eq + Hash + Send + 'static,
    KF: Fn(&R) -> K + Clone + Send + 'static,
    CF: Fn(R) -> AnyView + Clone + Send + 'static,
{
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    let span = columns.len() + usize::from(select.is_some());
    let labels: Vec<&'static str> = columns.iter().map(|column| column.heading).collect();
    let headers = columns.into_iter().map(column_header).collect_view();
    let empty = move || {
        let empty = empty.clone()?;
        rows.with(Vec::is_empty).then(|| {
            view! {
                <tr>
                    <td colspan=span class="account-table__empty">
                        {empty.run()}
                    </td>
                </tr>
            }
        })
    };
    // The region scrolls sideways on a middling screen (on a narrow one the rows stack as
    // cards); it takes focus so that keyboard users can scroll it, and after a page link so
    // that reading starts at the new rows.
    view! {
        <div
            class="table-region"
            class:table-region--pending=move || pending.get()
            id=format!("{id}-region")
            role="region"
            aria-labelledby=labelled_by
            aria-busy=move || pending.get().then_some("true")
            tabindex="0"
        >
            <table class=class>
                <caption id=caption_id class="account-table__caption">
                    {caption}
                </caption>
                <thead>
                    <tr>{select.map(page_checkbox)} {headers}</tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key let:row>
                        {
                            let tr = NodeRef::<Tr>::new();
                            let labels = labels.clone();
                            tr.on_load(move |tr| label_cells(&tr, &labels, select.is_some()));
                            view! {
                                <tr node_ref=tr>
                                    {select.map(|select| row_checkbox(select, row.clone()))}
                                    {cells(row)}
                                </tr>
                            }
                        }
                    </For>
                    {empty}
                </tbody>
            </table>
        </div>
    }
}

/// Each cell after the checkbox gets its column's heading as `data-label`, which the narrow
/// layout shows above the cell when the rows stack as cards (the pages give only the cells).
fn label_cells(tr: &HtmlTableRowElement, labels: &[&'static str], has_checkbox: bool) {
    let cells = tr.cells();
    let first = u32::from(has_checkbox);
    for (index, label) in (first..cells.length()).zip(labels) {
        if let Some(cell) = cells.item(index) {
            _ = cell.set_attribute("data-label", label);
        }
    }
}

fn column_header(column: Column) -> AnyView {
    let Some(sort) = column.sort else {
        return view! { <th scope="col">{column.heading}</th> }.into_any();
    };
    // The arrow is drawn, not written, so that the header's name stays the column's name.
    let arrow = move || match sort.state.get() {
        Some("ascending") => "M12 4l6 8H6z",
        Some(_) => "M12 20l-6-8h12z",
        None => "M12 3l5 6H7zM12 21l-5-6h10z",
    };
    view! {
        <th scope="col" class="account-table__sortable" aria-sort=sort.state>
            <button type="button" class="sort-button" on:click=move |_| sort.on_sort.run(())>
                {column.heading}
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
    .into_any()
}

/// Checked, mixed or unchecked for the rows shown only.
fn page_checkbox<R: Send + Sync + 'static>(select: RowSelection<R>) -> impl IntoView {
    let state = select.page;
    view! {
        <th scope="col" class="account-table__select">
            <input
                type="checkbox"
                class="checkbox"
                id=select.page_id
                prop:checked=move || state.get() == PageCheckbox::Checked
                prop:indeterminate=move || state.get() == PageCheckbox::Mixed
                aria-checked=move || match state.get() {
                    PageCheckbox::Checked => "true",
                    PageCheckbox::Mixed => "mixed",
                    PageCheckbox::Unchecked => "false",
                }
                disabled=move || select.page_disabled.get()
                on:change=move |_| select.on_toggle_page.run(())
            />
            <label class="visually-hidden" for=select.page_id>
                "Select all rows on this page"
            </label>
        </th>
    }
}

fn row_checkbox<R: Clone + Send + Sync + 'static>(
    select: RowSelection<R>,
    row: R,
) -> impl IntoView {
    let checkbox_id = (select.checkbox_id)(&row);
    let label = (select.label)(&row);
    let described_by = (select.described_by)(&row);
    let disabled = (select.disabled)(&row);
    let selected = {
        let row = row.clone();
        Memo::new(move |_| select.is_selected.run(row.clone()))
    };
    let toggle = move |ev: leptos::ev::Event| {
        select
            .on_select
            .run((row.clone(), event_target_checked(&ev)));
    };
    view! {
        <td class="account-table__select">
            <input
                type="checkbox"
                class="checkbox"
                id=checkbox_id.clone()
                prop:checked=selected
                disabled=disabled
                aria-describedby=described_by
                on:change=toggle
            />
            <label class="visually-hidden" for=checkbox_id>
                {label}
            </label>
        </td>
    }
}

/// USWDS pagination: Previous, the first and last pages, the current one with its neighbours,
/// Next; nothing for a single page.
#[component]
pub fn Pagination<H>(
    /// The page shown and how many there are, from 1.
    #[prop(into)]
    position: Signal<Option<(u32, u32)>>,
    /// Where a page is, for its link.
    href: H,
    /// A page link was clicked: the page decides whether to show it itself.
    on_follow: Callback<(MouseEvent, u32)>,
) -> impl IntoView
where
    H: Fn(u32) -> String + Clone + Send + Sync + 'static,
{
    move || {
        let (current, count) = position.get().filter(|(_, count)| *count > 1)?;
        let href = href.clone();
        let link =
            move |page: u32, content: AnyView, label: Option<String>, class: &'static str| {
                view! {
                    <a
                        href=href(page)
                        class=class
                        aria-label=label
                        aria-current=(page == current).then_some("page")
                        on:click=move |ev: MouseEvent| on_follow.run((ev, page))
                    >
                        {content}
                    </a>
                }
            };
        let arrow = |page: u32, text: &'static str| {
            let content = view! {
                {text}
                <span class="visually-hidden">" page"</span>
            }
            .into_any();
            view! {
                <li class="pagination__item pagination__arrow">
                    {link(page, content, None, "pagination__link")}
                </li>
            }
        };
        let previous = (current > 1).then(|| arrow(current.min(count + 1) - 1, "Previous"));
        let next = (current < count).then(|| arrow(current + 1, "Next"));
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
        Some(view! {
            <nav class="pagination" aria-label="Pagination">
                <ul class="pagination__list">{previous} {numbers} {next}</ul>
            </nav>
        })
    }
}

/// The filter above a table: text and a status (all, active, inactive), applied together.
#[component]
pub fn FilterForm(
    /// The start of the controls' ids: `{id}-filter`, `{id}-status`.
    id: &'static str,
    /// What the rows are, for the search landmark: "Filter {name}".
    name: &'static str,
    /// The text box's label, e.g. "Filter by NCID or name".
    label: &'static str,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] status: Signal<Option<AssociationStatus>>,
    on_apply: Callback<(String, Option<AssociationStatus>)>,
) -> impl IntoView {
    let text_input = NodeRef::<Input>::new();
    let status_select = NodeRef::<Select>::new();
    let (text_id, status_id) = (format!("{id}-filter"), format!("{id}-status"));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = text_input
            .get_untracked()
            .map(|input| input.value())
            .unwrap_or_default();
        let status = status_select
            .get_untracked()
            .and_then(|select| AssociationStatus::from_key(&select.value()));
        on_apply.run((text, status));
    };
    let status_option = move |value: Option<AssociationStatus>, label: &'static str| {
        view! {
            <option
                value=value.map_or("", AssociationStatus::key)
                prop:selected=move || status.get() == value
            >
                {label}
            </option>
        }
    };
    view! {
        <form
            class="account-filter"
            role="search"
            aria-label=format!("Filter {name}")
            on:submit=on_submit
        >
            <div class="account-filter__field account-filter__field--text">
                <label class="label" for=text_id.clone()>
                    {label}
                </label>
                <input
                    class="input"
                    id=text_id
                    name="q"
                    type="text"
                    spellcheck="false"
                    maxlength=MAX_FILTER_LENGTH
                    prop:value=text
                    node_ref=text_input
                />
            </div>
            <div class="account-filter__field">
                <label class="label" for=status_id.clone()>
                    "Status"
                </label>
                <select class="select" id=status_id name="status" node_ref=status_select>
                    {status_option(None, "All")}
                    {status_option(Some(AssociationStatus::Active), "Active")}
                    {status_option(Some(AssociationStatus::Inactive), "Inactive")}
                </select>
            </div>
            <button type="submit" class="button">
                "Apply filter"
            </button>
        </form>
    }
}

/// "Showing 11–20 of 37" (announced as it changes) and the rows per page.
#[component]
pub fn TableToolbar(
    /// The start of the page-size control's id: `{id}-page-size`.
    id: &'static str,
    #[prop(into)] showing: Signal<Option<String>>,
    #[prop(into)] page_size: Signal<u32>,
    on_size: Callback<u32>,
) -> impl IntoView {
    let size_id = format!("{id}-page-size");
    let on_change = move |ev: leptos::ev::Event| {
        on_size.run(event_target_value(&ev).parse().unwrap_or(DEFAULT_PAGE_SIZE));
    };
    view! {
        <div class="account-toolbar">
            <p class="account-toolbar__showing" role="status" aria-live="polite" aria-atomic="true">
                {showing}
            </p>
            <div class="account-toolbar__size">
                <label class="label" for=size_id.clone()>
                    "Rows per page"
                </label>
                <select class="select" id=size_id name="size" on:change=on_change>
                    {PAGE_SIZES
                        .into_iter()
                        .map(|size| {
                            view! {
                                <option value=size prop:selected=move || page_size.get() == size>
                                    {size}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

/// A table address with a wrong value (a hand edit, an old link) is said, never silently
/// replaced: what is wrong, and a link to the table as it opens by default.
#[component]
pub fn BadTableAddress(
    /// What is wrong, as `InvalidQuery` says it.
    problem: String,
    /// The table's default address.
    reset_href: String,
    /// Follows the reset link within the app.
    on_reset: Callback<MouseEvent>,
) -> impl IntoView {
    view! {
        <Alert kind=AlertKind::Error heading="This page address is not valid">
            <p>{format!("{problem}.")}</p>
            <p>
                <a href=reset_href on:click=move |ev| on_reset.run(ev)>
                    "Reset the table"
                </a>
            </p>
        </Alert>
    }
}
