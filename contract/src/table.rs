//! A table the server pages, sorts and filters: its view as a URL query (`page`, `size`,
//! `sort`, `dir`, `q`, `status`) of the page and of its list API. My Account Management
//! (R-ACCT-1) and a record's users (R-USER-1) are two such tables, over their own columns.

use std::fmt;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::accounts::{AssociationStatus, SortDirection};

/// The page sizes a table offers; 10 is the default.
pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 10;
/// The longest filter text accepted; longer is a validation error, not a silent cut.
pub const MAX_FILTER_LENGTH: usize = 100;

/// The columns a table sorts by.
pub trait SortKey: Copy + Eq + Hash + fmt::Debug + Send + Sync + 'static {
    /// Every column, in the table's order; the first is the default sort.
    const COLUMNS: &'static [Self];

    /// The column's name in the URL.
    fn url_key(self) -> &'static str;

    fn from_url_key(key: &str) -> Option<Self> {
        Self::COLUMNS
            .iter()
            .copied()
            .find(|column| column.url_key() == key)
    }
}

/// A row a `TableFilter` narrows.
pub trait FilteredRow {
    fn association_status(&self) -> AssociationStatus;
    /// The texts the filter's words are looked for in.
    fn searched_texts(&self) -> Vec<&str>;
}

/// One page of a table's rows, as the server answers it.
pub trait RowsPage {
    type Row;
    fn rows(&self) -> &[Self::Row];
    fn page(&self) -> u32;
    fn page_size(&self) -> u32;
    /// Rows matching the filter on every page.
    fn total_matching(&self) -> u64;

    /// At least one page, even with no rows.
    fn page_count(&self) -> u32 {
        let pages = self
            .total_matching()
            .div_ceil(u64::from(self.page_size().max(1)));
        u32::try_from(pages.max(1)).unwrap_or(u32::MAX)
    }
}

/// Implements `RowsPage` for a page type with `rows`, `page`, `page_size` and `total_matching`.
macro_rules! rows_page {
    ($page:ty, $row:ty) => {
        impl $crate::table::RowsPage for $page {
            type Row = $row;

            fn rows(&self) -> &[$row] {
                &self.rows
            }

            fn page(&self) -> u32 {
                self.page
            }

            fn page_size(&self) -> u32 {
                self.page_size
            }

            fn total_matching(&self) -> u64 {
                self.total_matching
            }
        }
    };
}
pub(crate) use rows_page;

/// What narrows a table: free text and a status. On My Account Management the same filter, plus
/// exceptions, is also a selection ("Select all N matching").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TableFilter {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub status: Option<AssociationStatus>,
}

impl TableFilter {
    /// The one definition of "matches" both sides use: the server's SQL mirrors it, and the
    /// client uses it to tell whether a row it shows belongs to a select-all selection.
    pub fn matches(&self, row: &impl FilteredRow) -> bool {
        if self
            .status
            .is_some_and(|status| status != row.association_status())
        {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || row
                .searched_texts()
                .iter()
                .any(|text| text.to_lowercase().contains(&needle))
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.text.chars().count() > MAX_FILTER_LENGTH {
            return Err(format!(
                "The filter can be at most {MAX_FILTER_LENGTH} characters"
            ));
        }
        Ok(())
    }
}

/// Page, size, sort and filter of a table over the columns `C`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableQuery<C> {
    pub page: u32,
    pub page_size: u32,
    pub sort: C,
    pub direction: SortDirection,
    pub filter: TableFilter,
}

impl<C: SortKey> Default for TableQuery<C> {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            sort: C::COLUMNS[0],
            direction: SortDirection::Ascending,
            filter: TableFilter::default(),
        }
    }
}

/// A query parameter that is present but wrong, with the words to show at its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidQuery {
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for InvalidQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl<C: SortKey> TableQuery<C> {
    /// Reads `page`, `size`, `sort`, `dir`, `q` and `status` from decoded query pairs. Missing
    /// values take their defaults; present but wrong ones are errors, never silently replaced.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, InvalidQuery> {
        let mut query = Self::default();
        let wrong = |field: &'static str, message: &str| InvalidQuery {
            field,
            message: message.to_owned(),
        };
        for (key, value) in pairs {
            match key {
                "page" => {
                    query.page = value
                        .parse()
                        .ok()
                        .filter(|page| *page >= 1)
                        .ok_or_else(|| wrong("page", "The page must be a whole number from 1"))?;
                }
                "size" => {
                    query.page_size = value
                        .parse()
                        .ok()
                        .filter(|size| PAGE_SIZES.contains(size))
                        .ok_or_else(|| wrong("size", "Rows per page must be 10, 25, 50 or 100"))?;
                }
                "sort" => {
                    query.sort = C::from_url_key(value)
                        .ok_or_else(|| wrong("sort", "Sort by one of the table's columns"))?;
                }
                "dir" => {
                    query.direction = SortDirection::from_key(value)
                        .ok_or_else(|| wrong("dir", "The sort direction must be asc or desc"))?;
                }
                "q" => query.filter.text = value.to_owned(),
                "status" if value.is_empty() => query.filter.status = None,
                "status" => {
                    query.filter.status =
                        Some(AssociationStatus::from_key(value).ok_or_else(|| {
                            wrong("status", "The status must be active or inactive")
                        })?);
                }
                _ => {}
            }
        }
        query
            .filter
            .validate()
            .map_err(|message| wrong("q", &message))?;
        Ok(query)
    }

    /// The non-default parameters as query pairs, so links stay short and a default view has a
    /// clean URL.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let default = Self::default();
        let mut pairs = Vec::new();
        if self.page != default.page {
            pairs.push(("page", self.page.to_string()));
        }
        if self.page_size != default.page_size {
            pairs.push(("size", self.page_size.to_string()));
        }
        if self.sort != default.sort {
            pairs.push(("sort", self.sort.url_key().to_owned()));
        }
        if self.direction != default.direction {
            pairs.push(("dir", self.direction.key().to_owned()));
        }
        if !self.filter.text.is_empty() {
            pairs.push(("q", self.filter.text.clone()));
        }
        if let Some(status) = self.filter.status {
            pairs.push(("status", status.key().to_owned()));
        }
        pairs
    }

    /// A header button: the sorted column turns round, another column sorts ascending. Either
    /// way the view goes back to page 1, as the rows on page N change meaning.
    pub fn sorted_by(&self, column: C) -> Self {
        let direction = if self.sort == column {
            self.direction.toggled()
        } else {
            SortDirection::Ascending
        };
        Self {
            sort: column,
            direction,
            page: 1,
            ..self.clone()
        }
    }

    pub fn on_page(&self, page: u32) -> Self {
        Self {
            page: page.max(1),
            ..self.clone()
        }
    }

    pub fn with_page_size(&self, page_size: u32) -> Self {
        Self {
            page_size,
            page: 1,
            ..self.clone()
        }
    }

    /// The filter as typed, with its text trimmed, from page 1.
    pub fn with_filter(&self, filter: TableFilter) -> Self {
        Self {
            filter: TableFilter {
                text: filter.text.trim().to_owned(),
                status: filter.status,
            },
            page: 1,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{AccountQuery, AssociationStatus, SortColumn};
    use crate::record_users::{RecordUserQuery, UserSortColumn};

    #[test]
    fn query_round_trips_through_the_url() {
        let query = AccountQuery {
            page: 3,
            page_size: 25,
            sort: SortColumn::OaName,
            direction: SortDirection::Descending,
            filter: TableFilter {
                text: "avery".into(),
                status: Some(AssociationStatus::Active),
            },
        };
        let pairs = query.to_pairs();
        let parsed = AccountQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
        assert_eq!(parsed, query);
        assert!(AccountQuery::default().to_pairs().is_empty());
    }

    #[test]
    fn wrong_query_values_are_errors() {
        for (key, value) in [
            ("page", "0"),
            ("size", "20"),
            ("sort", "colour"),
            ("dir", "up"),
            ("status", "gone"),
        ] {
            let error = AccountQuery::from_pairs([(key, value)]).unwrap_err();
            assert_eq!(error.field, key);
        }
        let long = "x".repeat(MAX_FILTER_LENGTH + 1);
        assert_eq!(
            AccountQuery::from_pairs([("q", long.as_str())])
                .unwrap_err()
                .field,
            "q"
        );
    }

    #[test]
    fn each_table_sorts_by_its_own_columns_only() {
        for column in UserSortColumn::ALL {
            let query = RecordUserQuery::default().sorted_by(column);
            let pairs = query.to_pairs();
            let parsed =
                RecordUserQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
            assert_eq!(parsed.sort, column);
        }
        assert!(RecordUserQuery::from_pairs([("sort", SortColumn::OaNcid.key())]).is_err());
    }

    #[test]
    fn a_header_button_turns_the_sorted_column_round_and_starts_on_page_one() {
        let query = AccountQuery {
            page: 3,
            ..AccountQuery::default()
        };
        let by_ncid = query.sorted_by(SortColumn::OaNcid);
        assert_eq!(by_ncid.direction, SortDirection::Descending);
        assert_eq!(by_ncid.page, 1);
        let by_status = by_ncid.sorted_by(SortColumn::Status);
        assert_eq!(
            (by_status.sort, by_status.direction),
            (SortColumn::Status, SortDirection::Ascending)
        );
    }

    #[test]
    fn a_new_filter_or_page_size_starts_on_page_one_and_keeps_the_sort() {
        let query = AccountQuery {
            page: 4,
            sort: SortColumn::Roles,
            ..AccountQuery::default()
        };
        let filtered = query.with_filter(TableFilter {
            text: "  avery ".into(),
            status: Some(AssociationStatus::Inactive),
        });
        assert_eq!(filtered.page, 1);
        assert_eq!(filtered.sort, SortColumn::Roles);
        assert_eq!(filtered.filter.text, "avery");
        let sized = query.with_page_size(50);
        assert_eq!((sized.page, sized.page_size), (1, 50));
        assert_eq!(query.on_page(0).page, 1);
    }
}
