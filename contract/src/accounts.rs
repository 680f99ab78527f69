//! My Account Management (R-ACCT-1..4): the signed-in user's associations, paged, sorted and
//! filtered on the server; a selection that spans pages; and the removal of selected accounts.

use crate::date::CalendarDate;
use crate::records::OaRole;
use crate::table::{rows_page, FilteredRow, SortKey, TableFilter, TableQuery};
use crate::Rule;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub type AssociationId = i64;

/// The confirmation dialog lists at most this many rows and says how many more.
pub const PREVIEW_LIMIT: usize = 50;

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

impl SortKey for SortColumn {
    const COLUMNS: &'static [Self] = &Self::ALL;

    fn url_key(self) -> &'static str {
        self.key()
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

/// Page, size, sort and filter of the table: the URL query of `/account` and of the list API.
/// Its filter's text is matched against OA NCID, OA name and NPI/Atypical ID.
pub type AccountQuery = TableQuery<SortColumn>;

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

impl FilteredRow for AccountRow {
    fn association_status(&self) -> AssociationStatus {
        self.status
    }

    fn searched_texts(&self) -> Vec<&str> {
        vec![&self.oa_ncid, &self.oa_name, &self.provider_id]
    }
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

rows_page!(AccountPage, AccountRow);

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
        filter: TableFilter,
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
    use crate::table::RowsPage;

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
            let filter = TableFilter {
                text: text.into(),
                status: None,
            };
            assert!(filter.matches(&r), "{text}");
        }
        let other = TableFilter {
            text: "avery".into(),
            status: None,
        };
        assert!(!other.matches(&r));
        let inactive = TableFilter {
            text: String::new(),
            status: Some(AssociationStatus::Inactive),
        };
        assert!(!inactive.matches(&r));
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
            filter: TableFilter {
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
