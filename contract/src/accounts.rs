//! My Account Management (R-ACCT-1..4): the signed-in user's associations, paged, sorted and
//! filtered on the server; a selection that spans pages; and the removal of selected accounts.

use crate::date::CalendarDate;
use crate::records::OaRole;
use crate::Rule;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

pub type AssociationId = i64;

/// The page sizes the table offers; 10 is the default.
pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 10;
/// The confirmation dialog lists at most this many rows and says how many more.
pub const PREVIEW_LIMIT: usize = 50;
/// The longest filter text accepted; longer is a validation error, not a silent cut.
pub const MAX_FILTER_LENGTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssociationStatus {
    Active,
    Inactive,
}

impl AssociationStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Inactive => "Inactive",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "active" => Some(Self::Active),
            "inactive" => Some(Self::Inactive),
            _ => None,
        }
    }
}

/// The table's columns, in order (R-ACCT-1); each is sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    OaNcid,
    OaName,
    Roles,
    ProviderId,
    Status,
}

impl SortColumn {
    pub const ALL: [Self; 5] = [
        Self::OaNcid,
        Self::OaName,
        Self::Roles,
        Self::ProviderId,
        Self::Status,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Self::OaNcid => "Office Administrator NCID",
            Self::OaName => "Office Administrator Name",
            Self::Roles => "My Roles",
            Self::ProviderId => "NPI/Atypical ID",
            Self::Status => "Status",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::OaNcid => "oa_ncid",
            Self::OaName => "oa_name",
            Self::Roles => "roles",
            Self::ProviderId => "provider_id",
            Self::Status => "status",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

impl SortDirection {
    pub fn key(self) -> &'static str {
        match self {
            Self::Ascending => "asc",
            Self::Descending => "desc",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "asc" => Some(Self::Ascending),
            "desc" => Some(Self::Descending),
            _ => None,
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }
}

/// What narrows the table: free text matched against OA NCID, OA name and NPI/Atypical ID, and a
/// status. The same filter, plus exceptions, is also a selection ("Select all N matching").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountFilter {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub status: Option<AssociationStatus>,
}

impl AccountFilter {
    /// The one definition of "matches" both sides use: the server's SQL mirrors it, and the
    /// client uses it to tell whether a row it shows belongs to a select-all selection.
    pub fn matches(&self, row: &AccountRow) -> bool {
        if self.status.is_some_and(|status| status != row.status) {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || [&row.oa_ncid, &row.oa_name, &row.provider_id]
                .iter()
                .any(|field| field.to_lowercase().contains(&needle))
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

/// Page, size, sort and filter of the table: the URL query of `/account` and of the list API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountQuery {
    pub page: u32,
    pub page_size: u32,
    pub sort: SortColumn,
    pub direction: SortDirection,
    pub filter: AccountFilter,
}

impl Default for AccountQuery {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            sort: SortColumn::OaNcid,
            direction: SortDirection::Ascending,
            filter: AccountFilter::default(),
        }
    }
}

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

impl AccountQuery {
    /// Reads `page`, `size`, `sort`, `dir`, `q` and `status` from decoded query pairs. Missing
    /// values take their defaults; present but wrong ones are errors, never silently replaced.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, InvalidQuery> {
        let mut query = Self::default();
        for (key, value) in pairs {
            match key {
                "page" => {
                    query.page = value.parse().ok().filter(|p| *p >= 1).ok_or(InvalidQuery {
                        field: "page",
                        message: "The page must be a whole number from 1".into(),
                    })?;
                }
                "size" => {
                    query.page_size = value
                        .parse()
                        .ok()
                        .filter(|s| PAGE_SIZES.contains(s))
                        .ok_or(InvalidQuery {
                            field: "size",
                            message: "Rows per page must be 10, 25, 50 or 100".into(),
                        })?;
                }
                "sort" => {
                    query.sort = SortColumn::from_key(value).ok_or(InvalidQuery {
                        field: "sort",
                        message: "Sort by one of the table's columns".into(),
                    })?;
                }
                "dir" => {
                    query.direction = SortDirection::from_key(value).ok_or(InvalidQuery {
                        field: "dir",
                        message: "The sort direction must be asc or desc".into(),
                    })?;
                }
                "q" => query.filter.text = value.to_owned(),
                "status" if value.is_empty() => query.filter.status = None,
                "status" => {
                    query.filter.status =
                        Some(AssociationStatus::from_key(value).ok_or(InvalidQuery {
                            field: "status",
                            message: "The status must be active or inactive".into(),
                        })?);
                }
                _ => {}
            }
        }
        query.filter.validate().map_err(|message| InvalidQuery {
            field: "q",
            message,
        })?;
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
            pairs.push(("sort", self.sort.key().to_owned()));
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
}

/// Why a row cannot be removed (R-ACCT-3): the user administers its record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemovalLock {
    pub rule: Rule,
    pub role: OaRole,
}

impl RemovalLock {
    pub fn for_role(role: OaRole) -> Self {
        Self {
            rule: Rule::Acct3,
            role,
        }
    }

    pub fn explanation(&self) -> String {
        let role = match self.role {
            OaRole::Primary => "the primary OA",
            OaRole::Backup => "the backup OA",
        };
        format!(
            "You are {role} of this record, so you cannot remove it. A new OA must be approved \
             through an OA Change Request first."
        )
    }
}

/// One association of the signed-in user, as a table row (R-ACCT-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountRow {
    pub id: AssociationId,
    pub oa_ncid: String,
    pub oa_name: String,
    /// Set when the record's primary OA is end-dated: shown "(end-dated <date>)".
    pub oa_end_date: Option<CalendarDate>,
    pub roles: Vec<String>,
    pub provider_id: String,
    pub record_name: String,
    pub status: AssociationStatus,
    /// `Some` when the row cannot be removed (R-ACCT-3).
    pub lock: Option<RemovalLock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountPage {
    pub rows: Vec<AccountRow>,
    pub page: u32,
    pub page_size: u32,
    /// Rows matching the filter, locked ones included.
    pub total_matching: u64,
    /// Of those, the ones that can be removed: "N of M matching can be removed".
    pub removable_matching: u64,
}

impl AccountPage {
    pub fn page_count(&self) -> u32 {
        let pages = self
            .total_matching
            .div_ceil(u64::from(self.page_size.max(1)));
        u32::try_from(pages.max(1)).unwrap_or(u32::MAX)
    }
}

/// What "Remove Selected Accounts" acts on (R-ACCT-2): either ids picked row by row on any page,
/// or everything matching a filter less the rows unticked afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccountSelection {
    Ids {
        ids: BTreeSet<AssociationId>,
    },
    Matching {
        filter: AccountFilter,
        except: BTreeSet<AssociationId>,
        /// Rows outside the filter ticked afterwards (the filter in view may have changed).
        #[serde(default)]
        also: BTreeSet<AssociationId>,
    },
}

/// The rows a selection stands for, for the confirmation dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelectionPreview {
    /// The removable rows selected, at most `PREVIEW_LIMIT` of them.
    pub rows: Vec<AccountRow>,
    /// How many removable rows the selection stands for in all.
    pub total: u64,
    /// Selected rows that cannot be removed (R-ACCT-3); listed apart, never removed.
    pub locked: Vec<AccountRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RemovalOutcome {
    Removed,
    /// Already removed (or never the caller's): not an error, R-ACCT-4.
    AlreadyGone,
    Refused {
        rule: Rule,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemovalResult {
    pub id: AssociationId,
    pub outcome: RemovalOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemovalReport {
    pub results: Vec<RemovalResult>,
}

impl RemovalReport {
    pub fn count(&self, wanted: fn(&RemovalOutcome) -> bool) -> usize {
        self.results.iter().filter(|r| wanted(&r.outcome)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: AssociationId, oa_ncid: &str, status: AssociationStatus) -> AccountRow {
        AccountRow {
            id,
            oa_ncid: oa_ncid.into(),
            oa_name: "Riley Morgan".into(),
            oa_end_date: None,
            roles: vec!["Claims".into()],
            provider_id: "2336930211".into(),
            record_name: "Sandhills Family Medicine".into(),
            status,
            lock: None,
        }
    }

    #[test]
    fn filter_matches_ncid_name_or_npi_ignoring_case() {
        let r = row(8, "tstclaims3", AssociationStatus::Active);
        for text in ["TSTCLAIMS", "riley", "2336930", "", "  morgan "] {
            let filter = AccountFilter {
                text: text.into(),
                status: None,
            };
            assert!(filter.matches(&r), "{text}");
        }
        let other = AccountFilter {
            text: "avery".into(),
            status: None,
        };
        assert!(!other.matches(&r));
        let inactive = AccountFilter {
            text: String::new(),
            status: Some(AssociationStatus::Inactive),
        };
        assert!(!inactive.matches(&r));
    }

    #[test]
    fn query_round_trips_through_the_url() {
        let query = AccountQuery {
            page: 3,
            page_size: 25,
            sort: SortColumn::OaName,
            direction: SortDirection::Descending,
            filter: AccountFilter {
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
    fn page_count_rounds_up_and_is_at_least_one() {
        let page = |total| AccountPage {
            rows: vec![],
            page: 1,
            page_size: 10,
            total_matching: total,
            removable_matching: total,
        };
        assert_eq!(page(0).page_count(), 1);
        assert_eq!(page(10).page_count(), 1);
        assert_eq!(page(11).page_count(), 2);
    }

    #[test]
    fn selection_wire_shape_is_tagged() {
        let selection = AccountSelection::Matching {
            filter: AccountFilter {
                text: "avery".into(),
                status: None,
            },
            except: BTreeSet::from([4]),
            also: BTreeSet::new(),
        };
        let json = serde_json::to_value(&selection).unwrap();
        assert_eq!(json["kind"], "matching");
        assert_eq!(json["except"][0], 4);
    }
}
