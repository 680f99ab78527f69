//! The view of a table that the server pages, sorts and filters, kept in the URL query: how a
//! click changes it, its `aria-sort`, "Showing 11–20 of 37", and the pagination's slots. My
//! Account Management and a record's users both page this way.

use contract::accounts::SortDirection;
use contract::table::{RowsPage, SortKey, TableQuery};

/// `aria-sort` of a column header: only the sorted column carries it.
pub fn aria_sort<C: SortKey>(query: &TableQuery<C>, column: C) -> Option<&'static str> {
    (query.sort == column).then_some(match query.direction {
        SortDirection::Ascending => "ascending",
        SortDirection::Descending => "descending",
    })
}

/// "Showing 11–20 of 37" for the rows of this page; `None` for a page without rows.
pub fn showing(page: &impl RowsPage) -> Option<String> {
    let shown = page.rows().len() as u64;
    if shown == 0 {
        return None;
    }
    let first = u64::from(page.page().saturating_sub(1)) * u64::from(page.page_size().max(1)) + 1;
    let last = first + shown - 1;
    Some(format!(
        "Showing {first}\u{2013}{last} of {}",
        page.total_matching()
    ))
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
