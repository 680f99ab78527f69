//! Record users (R-USER-1..4): what a record's primary and backup OA see of its associations,
//! the changes they make to them, and the per-user report of a change of several users.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::accounts::{
    AssociationId, AssociationStatus, InvalidQuery, SortDirection, DEFAULT_PAGE_SIZE,
    MAX_FILTER_LENGTH, PAGE_SIZES,
};
use crate::date::CalendarDate;
use crate::operations::ALL_ROLES;
use crate::records::{OaRole, OfficeAdministrator, Relationship};
use crate::Rule;

/// The most users one change of several users may name.
pub const MAX_CHANGED_USERS: usize = 1_000;

/// The table's columns, in order (R-USER-1); each is sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserSortColumn {
    Ncid,
    Name,
    Roles,
    Status,
    Added,
    LastSignIn,
}

impl UserSortColumn {
    pub const ALL: [Self; 6] = [
        Self::Ncid,
        Self::Name,
        Self::Roles,
        Self::Status,
        Self::Added,
        Self::LastSignIn,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Self::Ncid => "User NCID",
            Self::Name => "Name",
            Self::Roles => "Roles",
            Self::Status => "Status",
            Self::Added => "Added",
            Self::LastSignIn => "Last sign-in",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Ncid => "ncid",
            Self::Name => "name",
            Self::Roles => "roles",
            Self::Status => "status",
            Self::Added => "added",
            Self::LastSignIn => "last_sign_in",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|column| column.key() == key)
    }
}

/// Free text matched against the user's NCID and name, and a status.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordUserFilter {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub status: Option<AssociationStatus>,
}

impl RecordUserFilter {
    /// The one definition of "matches": the server's SQL mirrors it.
    pub fn matches(&self, row: &RecordUserRow) -> bool {
        if self.status.is_some_and(|status| status != row.status) {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || [&row.ncid, &row.name]
                .iter()
                .any(|field| field.to_lowercase().contains(&needle))
    }
}

/// Page, size, sort and filter: the URL query of `/records/<id>/users` and of its list API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordUserQuery {
    pub page: u32,
    pub page_size: u32,
    pub sort: UserSortColumn,
    pub direction: SortDirection,
    pub filter: RecordUserFilter,
}

impl Default for RecordUserQuery {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            sort: UserSortColumn::Ncid,
            direction: SortDirection::Ascending,
            filter: RecordUserFilter::default(),
        }
    }
}

impl RecordUserQuery {
    /// Reads `page`, `size`, `sort`, `dir`, `q` and `status`; missing values take their
    /// defaults, wrong ones are errors, never silently replaced.
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
                    query.sort = UserSortColumn::from_key(value)
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
        if query.filter.text.chars().count() > MAX_FILTER_LENGTH {
            return Err(InvalidQuery {
                field: "q",
                message: format!("The filter can be at most {MAX_FILTER_LENGTH} characters"),
            });
        }
        Ok(query)
    }

    /// The non-default parameters as query pairs, so a default view has a clean URL.
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

/// R-USER-2: the row of the record's primary or backup OA is not changed here.
pub fn oa_row_explanation(role: OaRole) -> String {
    let who = match role {
        OaRole::Primary => "the primary OA",
        OaRole::Backup => "the backup OA",
    };
    format!("This is {who} of the record. Their access changes only through an OA Change Request.")
}

/// One association with the record, as the OA's table shows it (R-USER-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordUserRow {
    pub id: AssociationId,
    pub ncid: String,
    pub name: String,
    /// In the order RULES.md lists them.
    pub roles: Vec<String>,
    pub status: AssociationStatus,
    pub added: Option<CalendarDate>,
    /// `None`: never signed in.
    pub last_sign_in: Option<CalendarDate>,
    /// `Some` for the row of the record's primary (not end-dated) or backup OA: locked (R-USER-2).
    pub oa_role: Option<OaRole>,
    /// How the user is listed on the record (owner, managing employee, provider), if at all.
    pub listed_as: Option<Relationship>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordUserPage {
    pub record_id: String,
    pub record_name: String,
    /// How the caller administers the record.
    pub my_role: OaRole,
    pub rows: Vec<RecordUserRow>,
    pub page: u32,
    pub page_size: u32,
    pub total_matching: u64,
}

impl RecordUserPage {
    pub fn page_count(&self) -> u32 {
        let pages = self
            .total_matching
            .div_ceil(u64::from(self.page_size.max(1)));
        u32::try_from(pages.max(1)).unwrap_or(u32::MAX)
    }
}

/// R-USER-1: at least one of the four roles, each known; answered in the order RULES.md lists
/// them, once each.
pub fn checked_roles(roles: &[String]) -> Result<Vec<String>, String> {
    if let Some(unknown) = roles
        .iter()
        .find(|role| !ALL_ROLES.contains(&role.as_str()))
    {
        return Err(format!(
            "{unknown} is not a role. Choose from Prior Approvals, Claims, Eligibility and Referrals"
        ));
    }
    let chosen: Vec<String> = ALL_ROLES
        .iter()
        .filter(|known| roles.iter().any(|role| role == *known))
        .map(|role| (*role).to_owned())
        .collect();
    if chosen.is_empty() {
        return Err("Choose at least one role".to_owned());
    }
    Ok(chosen)
}

/// "Add a user": an NCID that has an account (R-USER-4) and at least one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRecordUser {
    pub ncid: String,
    pub roles: Vec<String>,
}

impl NewRecordUser {
    /// The field errors of the form, by field name (`ncid`, `roles`).
    pub fn field_errors(&self) -> Vec<(&'static str, String)> {
        let mut errors = Vec::new();
        if self.ncid.trim().is_empty() {
            errors.push(("ncid", "Enter the user's NCID".to_owned()));
        } else if self.ncid.trim().chars().count() > MAX_FILTER_LENGTH {
            errors.push((
                "ncid",
                format!("An NCID is at most {MAX_FILTER_LENGTH} characters"),
            ));
        }
        if let Err(message) = checked_roles(&self.roles) {
            errors.push(("roles", message));
        }
        errors
    }
}

/// R-USER-4: the message of an NCID without an account.
pub fn no_account_message(ncid: &str) -> String {
    format!("There is no portal account with the NCID {ncid}. Check the NCID with the user")
}

/// R-USER-4: the message of a user who already has access to the record.
pub fn already_a_user_message(ncid: &str) -> String {
    format!("{ncid} already has access to this record. Change their roles instead")
}

/// "Change roles" of one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleChange {
    pub roles: Vec<String>,
}

/// "Make Inactive" / "Make Active" of the selected users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub ids: BTreeSet<AssociationId>,
    pub status: AssociationStatus,
}

/// "End access" of the selected users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessEnding {
    pub ids: BTreeSet<AssociationId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum UserChangeOutcome {
    Changed,
    /// It was already so: nothing written.
    Unchanged,
    /// No such association with the record (already ended, or never this record's).
    NotFound,
    Refused {
        rule: Rule,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserChangeResult {
    pub id: AssociationId,
    /// The user's NCID and name, when the association was found.
    pub ncid: Option<String>,
    pub name: Option<String>,
    pub outcome: UserChangeOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserChangeReport {
    pub results: Vec<UserChangeResult>,
}

/// R-USER-1: what someone who does not administer the record is told, with who does. `primary`
/// is the active one only (R-BOA-8: an end-dated primary administers nothing).
pub fn not_administrator_message(
    record_name: &str,
    primary: Option<&OfficeAdministrator>,
    backup: Option<&OfficeAdministrator>,
) -> String {
    let mut who = Vec::new();
    if let Some(primary) = primary {
        who.push(format!("{} ({}), primary OA", primary.name, primary.ncid));
    }
    if let Some(backup) = backup {
        who.push(format!("{} ({}), backup OA", backup.name, backup.ncid));
    }
    let administered_by = if who.is_empty() {
        "It has no office administrator at the moment.".to_owned()
    } else {
        format!("It is administered by {}.", who.join(" and "))
    };
    format!("You do not administer {record_name}, so you cannot see or change its users. {administered_by}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_come_back_in_rule_order_once_each() {
        let roles = checked_roles(&["Referrals".into(), "Claims".into(), "Claims".into()]);
        assert_eq!(roles.unwrap(), vec!["Claims", "Referrals"]);
        assert!(checked_roles(&[]).is_err());
        assert!(checked_roles(&["Billing".into()]).is_err());
    }

    #[test]
    fn a_new_user_needs_an_ncid_and_a_role() {
        let blank = NewRecordUser {
            ncid: "  ".into(),
            roles: vec![],
        };
        let fields: Vec<_> = blank.field_errors().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec!["ncid", "roles"]);
        let fine = NewRecordUser {
            ncid: "kpatel4".into(),
            roles: vec!["Eligibility".into()],
        };
        assert!(fine.field_errors().is_empty());
    }

    #[test]
    fn query_round_trips_and_refuses_wrong_values() {
        let query = RecordUserQuery {
            page: 2,
            page_size: 25,
            sort: UserSortColumn::LastSignIn,
            direction: SortDirection::Descending,
            filter: RecordUserFilter {
                text: "patel".into(),
                status: Some(AssociationStatus::Inactive),
            },
        };
        let pairs = query.to_pairs();
        let parsed =
            RecordUserQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
        assert_eq!(parsed, query);
        for (key, value) in [
            ("page", "0"),
            ("size", "7"),
            ("sort", "oa_ncid"),
            ("dir", "up"),
        ] {
            assert_eq!(
                RecordUserQuery::from_pairs([(key, value)])
                    .unwrap_err()
                    .field,
                key
            );
        }
    }

    #[test]
    fn the_refusal_says_who_administers() {
        let oa = |ncid: &str| OfficeAdministrator {
            ncid: ncid.into(),
            name: "Jordan Avery".into(),
            end_date: None,
        };
        let message =
            not_administrator_message("Avery Family Practice", Some(&oa("javery1")), None);
        assert!(
            message.contains("Jordan Avery (javery1), primary OA"),
            "{message}"
        );
        let message = not_administrator_message("Coastal", None, Some(&oa("javery1")));
        assert!(message.contains("(javery1), backup OA"), "{message}");
        assert!(
            not_administrator_message("Coastal", None, None).contains("no office administrator")
        );
    }
}
