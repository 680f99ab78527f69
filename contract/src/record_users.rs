//! Record users (R-USER-1..4): what a record's primary and backup OA see of its associations,
//! the changes they make to them, and the per-user report of a change of several users.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::accounts::{AssociationId, AssociationStatus};
use crate::date::CalendarDate;
use crate::operations::ALL_ROLES;
use crate::records::{OaRole, OfficeAdministrator, Relationship};
use crate::table::{rows_page, FilteredRow, SortKey, TableQuery, MAX_FILTER_LENGTH};
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

impl SortKey for UserSortColumn {
    const COLUMNS: &'static [Self] = &Self::ALL;

    fn url_key(self) -> &'static str {
        self.key()
    }
}

/// Page, size, sort and filter: the URL query of `/records/<id>/users` and of its list API.
/// Its filter's text is matched against the user's NCID and name.
pub type RecordUserQuery = TableQuery<UserSortColumn>;

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

impl FilteredRow for RecordUserRow {
    fn association_status(&self) -> AssociationStatus {
        self.status
    }

    fn searched_texts(&self) -> Vec<&str> {
        vec![&self.ncid, &self.name]
    }
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

rows_page!(RecordUserPage, RecordUserRow);

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
