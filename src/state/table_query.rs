//! The view of a table that the server pages, sorts and filters, kept in the URL query: how a
//! click changes it, its `aria-sort`, "Showing 11–20 of 37", and the pagination's slots. My
//! Account Management and a record's users both page this way.

use contract::accounts::{AccountFilter, AccountQuery, SortColumn, SortDirection};
use contract::record_users::{RecordUserFilter, RecordUserQuery, UserSortColumn};

/// A table's URL query: page, rows per page, sort and filter.
pub trait TableQuery: Clone {
    type Column: Copy + PartialEq;
    type Filter;
    fn page(&self) -> u32;
    fn set_page(&mut self, page: u32);
    fn set_page_size(&mut self, page_size: u32);
    fn sort(&self) -> (Self::Column, SortDirection);
    fn set_sort(&mut self, column: Self::Column, direction: SortDirection);
    /// The filter as typed, with its text trimmed.
    fn set_filter(&mut self, filter: Self::Filter);
}

impl TableQuery for AccountQuery {
    type Column = SortColumn;
    type Filter = AccountFilter;

    fn page(&self) -> u32 {
        self.page
    }

    fn set_page(&mut self, page: u32) {
        self.page = page;
    }

    fn set_page_size(&mut self, page_size: u32) {
        self.page_size = page_size;
    }

    fn sort(&self) -> (SortColumn, SortDirection) {
        (self.sort, self.direction)
    }

    fn set_sort(&mut self, column: SortColumn, direction: SortDirection) {
        (self.sort, self.direction) = (column, direction);
    }

    fn set_filter(&mut self, filter: AccountFilter) {
        self.filter = AccountFilter {
            text: filter.text.trim().to_owned(),
            status: filter.status,
        };
    }
}

impl TableQuery for RecordUserQuery {
    type Column = UserSortColumn;
    type Filter = RecordUserFilter;

    fn page(&self) -> u32 {
        self.page
    }

    fn set_page(&mut self, page: u32) {
        self.page = page;
    }

    fn set_page_size(&mut self, page_size: u32) {
        self.page_size = page_size;
    }

    fn sort(&self) -> (UserSortColumn, SortDirection) {
        (self.sort, self.direction)
    }

    fn set_sort(&mut self, column: UserSortColumn, direction: SortDirection) {
        (self.sort, self.direction) = (column, direction);
    }

    fn set_filter(&mut self, filter: RecordUserFilter) {
        self.filter = RecordUserFilter {
            text: filter.text.trim().to_owned(),
            status: filter.status,
        };
    }
}

/// A header button: the sorted column turns round, another column sorts ascending. Either way
/// the view goes back to page 1, as the rows on page N change meaning.
pub fn sorted_by<Q: TableQuery>(query: &Q, column: Q::Column) -> Q {
    let (sorted, direction) = query.sort();
    let direction = if sorted == column {
        direction.toggled()
    } else {
        SortDirection::Ascending
    };
    let mut sorted = query.clone();
    sorted.set_sort(column, direction);
    sorted.set_page(1);
    sorted
}

pub fn on_page<Q: TableQuery>(query: &Q, page: u32) -> Q {
    let mut moved = query.clone();
    moved.set_page(page.max(1));
    moved
}

pub fn with_page_size<Q: TableQuery>(query: &Q, page_size: u32) -> Q {
    let mut sized = query.clone();
    sized.set_page_size(page_size);
    sized.set_page(1);
    sized
}

pub fn with_filter<Q: TableQuery>(query: &Q, filter: Q::Filter) -> Q {
    let mut filtered = query.clone();
    filtered.set_filter(filter);
    filtered.set_page(1);
    filtered
}

/// `aria-sort` of a column header: only the sorted column carries it.
pub fn aria_sort<Q: TableQuery>(query: &Q, column: Q::Column) -> Option<&'static str> {
    let (sorted, direction) = query.sort();
    (sorted == column).then_some(match direction {
        SortDirection::Ascending => "ascending",
        SortDirection::Descending => "descending",
    })
}

/// "Showing 11–20 of 37" for `shown` rows of page `page`; `None` for a page without rows.
pub fn showing(page: u32, page_size: u32, shown: usize, total_matching: u64) -> Option<String> {
    if shown == 0 {
        return None;
    }
    let first = u64::from(page.saturating_sub(1)) * u64::from(page_size.max(1)) + 1;
    let last = first + shown as u64 - 1;
    Some(format!("Showing {first}\u{2013}{last} of {total_matching}"))
}

/// One slot of the pagination: a numbered page, or the gap after a page where numbers are left
/// out (USWDS shows at most seven slots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageItem {
    Page(u32),
    GapAfter(u32),
}

const PAGINATION_SLOTS: u32 = 7;

/// The first and last pages, and the current one with its neighbours: `1 … 4 5 6 … 20`.
pub fn page_items(current: u32, count: u32) -> Vec<PageItem> {
    let count = count.max(1);
    let current = current.clamp(1, count);
    if count <= PAGINATION_SLOTS {
        return (1..=count).map(PageItem::Page).collect();
    }
    let (middle_first, middle_last) = if current <= 4 {
        (2, 5)
    } else if current >= count - 3 {
        (count - 4, count - 1)
    } else {
        (current - 1, current + 1)
    };
    let mut items = vec![PageItem::Page(1)];
    if middle_first > 2 {
        items.push(PageItem::GapAfter(1));
    }
    items.extend((middle_first..=middle_last).map(PageItem::Page));
    if middle_last < count - 1 {
        items.push(PageItem::GapAfter(middle_last));
    }
    items.push(PageItem::Page(count));
    items
}
