//! A server-paged table's page and its parts that are the same on every such table: the view
//! the URL asks for, the page the server answered, and how the filter, the page size, the
//! pagination and an empty page move to another view. My Account Management and a record's
//! users are two `TableView`s over their own columns and rows.

use contract::table::{RowsPage, SortKey, TableFilter, TableQuery};
use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::components::focus::focus_by_id_after_render;
use crate::components::{FilterForm, Pagination, TableToolbar};
use crate::state::table_query::showing;

/// What a table's page shares with its parts; every field is a handle, so the whole is `Copy`.
pub struct TableView<C: SortKey, P: Send + Sync + 'static> {
    /// The view the URL asks for (the default one while the URL is wrong).
    pub query: Memo<TableQuery<C>>,
    /// The last page the server answered, shown until the next one arrives.
    pub page: Memo<Option<P>>,
    /// The address of a view of the table.
    pub path: Callback<TableQuery<C>, String>,
    pub on_navigate: Callback<TableQuery<C>>,
}

// By hand: a derive would ask `P: Copy` of the page answer, which the handles do not need.
impl<C: SortKey, P: Send + Sync> Clone for TableView<C, P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: SortKey, P: Send + Sync> Copy for TableView<C, P> {}

/// How a table names its rows where it has none to show.
pub struct EmptyWords {
    /// "No accounts match the filter".
    pub no_matches: &'static str,
    /// "Check the spelling, or clear the filter to see all your accounts."
    pub no_matches_hint: &'static str,
    /// "This page has no accounts".
    pub past_the_end: &'static str,
}

impl<C: SortKey, P: RowsPage + Send + Sync> TableView<C, P> {
    /// The rows of the page shown, read without cloning them.
    pub fn with_rows<T>(self, read: impl FnOnce(&[P::Row]) -> T) -> T {
        self.page
            .with(|page| read(page.as_ref().map_or(&[][..], |page| page.rows())))
    }

    pub fn show(self, query: TableQuery<C>) {
        self.on_navigate.run(query);
    }

    /// A link to another view of the table. Inside the app the router follows it and marks the
    /// click handled; on its own (in a test) the page asks for the view itself. A click with a
    /// modifier is left to the browser (a new tab, say).
    pub fn follow_link(self, ev: &MouseEvent, to: TableQuery<C>) -> bool {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        if modified || ev.button() != 0 {
            return false;
        }
        if !ev.default_prevented() {
            ev.prevent_default();
            self.show(to);
        }
        true
    }

    /// The filter's text box and status, applied from page 1.
    pub fn filter_form(
        self,
        id: &'static str,
        name: &'static str,
        label: &'static str,
    ) -> impl IntoView {
        let on_apply = Callback::new(move |(text, status)| {
            self.show(
                self.query
                    .get_untracked()
                    .with_filter(TableFilter { text, status }),
            );
        });
        view! {
            <FilterForm
                id
                name
                label
                text=Signal::derive(move || self.query.with(|query| query.filter.text.clone()))
                status=Signal::derive(move || self.query.with(|query| query.filter.status))
                on_apply
            />
        }
    }

    /// "Showing 11–20 of 37" (announced as it changes) and the page size.
    pub fn toolbar(self, id: &'static str) -> impl IntoView {
        let shown = move || self.page.with(|page| page.as_ref().and_then(showing));
        view! {
            <TableToolbar
                id
                showing=Signal::derive(shown)
                page_size=Signal::derive(move || self.query.with(|query| query.page_size))
                on_size=Callback::new(move |size| {
                    self.show(self.query.get_untracked().with_page_size(size));
                })
            />
        }
    }

    /// A page without rows, said inside the table: nothing matches the filter, or the page
    /// asked for is past the last one (rows were removed or changed meanwhile).
    pub fn empty_page(self, words: EmptyWords) -> impl IntoView {
        let last_page = Memo::new(move |_| {
            self.page.with(|page| {
                page.as_ref()
                    .filter(|page| page.rows().is_empty())
                    .map(|page| (page.total_matching(), page.page_count()))
            })
        });
        move || {
            last_page.get().map(|(total_matching, last_page)| {
                if total_matching == 0 {
                    let clear = move |_| {
                        self.show(
                            self.query
                                .get_untracked()
                                .with_filter(TableFilter::default()),
                        );
                    };
                    view! {
                        <p class="account-table__empty-title">{words.no_matches}</p>
                        <p>{words.no_matches_hint}</p>
                        <button type="button" class="button" on:click=clear>
                            "Clear filter"
                        </button>
                    }
                    .into_any()
                } else {
                    let target = self.query.get_untracked().on_page(last_page);
                    let href = self.path.run(target.clone());
                    let go = move |ev: MouseEvent| {
                        self.follow_link(&ev, target.clone());
                    };
                    view! {
                        <p class="account-table__empty-title">{words.past_the_end}</p>
                        <p>
                            <a href=href on:click=go>
                                {format!("Go to page {last_page}, the last page")}
                            </a>
                        </p>
                    }
                    .into_any()
                }
            })
        }
    }

    /// The page links; following one moves focus to `region_id`, where the new rows are.
    pub fn pagination(self, region_id: &'static str) -> impl IntoView {
        let position = Signal::derive(move || {
            self.page.with(|page| {
                page.as_ref()
                    .map(|page| (self.query.with(|query| query.page), page.page_count()))
            })
        });
        let target = move |page: u32| self.query.get_untracked().on_page(page);
        let on_follow = Callback::new(move |(ev, page): (MouseEvent, u32)| {
            if self.follow_link(&ev, target(page)) {
                focus_by_id_after_render(region_id);
            }
        });
        view! { <Pagination position href=move |page| self.path.run(target(page)) on_follow /> }
    }
}
