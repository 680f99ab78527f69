//! The view model of a record's users page (R-USER-1..4): its path, the words of its rows, and
//! what a change of several users asks and then reports, user by user.

use crate::state::navigation::query_string;
use contract::accounts::{AssociationId, AssociationStatus};
use contract::record_users::{RecordUserQuery, RecordUserRow, UserChangeOutcome, UserChangeReport};
use contract::records::OaRole;
use contract::CalendarDate;
use std::collections::BTreeSet;

/// `/records/<id>/users`, with the table's view; the default view has no query at all.
pub fn record_users_path(record: &str, query: &RecordUserQuery) -> String {
    format!("/records/{record}/users{}", query_string(&query.to_pairs()))
}

/// The OA Change Request with the record chosen: where an OA's own access changes (R-USER-2,
/// R-BOA-6) and where a record at risk is put right (R-USER-5).
pub fn oa_change_path(record: &str) -> String {
    format!(
        "/oa-change{}",
        query_string(&[("record", record.to_owned())])
    )
}

/// Where a user's selection on this record's page is kept in `sessionStorage`.
pub fn selection_key(ncid: &str, record: &str) -> String {
    format!("record-users-selection:{ncid}:{record}")
}

/// "Select kpatel4 – Kiran Patel".
pub fn user_checkbox_label(row: &RecordUserRow) -> String {
    format!("Select {} \u{2013} {}", row.ncid, row.name)
}

/// "Kiran Patel (kpatel4)".
pub fn user_text(row: &RecordUserRow) -> String {
    format!("{} ({})", row.name, row.ncid)
}

/// What the row is besides a user: the record's primary or backup OA (R-USER-2), and how the
/// person is listed on the record (owner, managing employee, provider).
pub fn row_marks(row: &RecordUserRow) -> Vec<&'static str> {
    row.oa_role
        .map(OaRole::label)
        .into_iter()
        .chain(row.listed_as.map(|listed| listed.label()))
        .collect()
}

/// "March 4, 2026", or `never` when there is no date.
pub fn date_text(date: Option<CalendarDate>, never: &str) -> String {
    date.map_or_else(|| never.to_owned(), |date| date.long_form())
}

/// "1 user", "3 users".
pub fn users_count(count: usize) -> String {
    if count == 1 {
        "1 user".to_owned()
    } else {
        format!("{count} users")
    }
}

/// A change of the selected users: one request for all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeveralChange {
    Status(AssociationStatus),
    EndAccess,
}

impl SeveralChange {
    /// The button that opens the confirmation.
    pub fn button(self) -> &'static str {
        match self {
            Self::Status(AssociationStatus::Inactive) => "Make Inactive",
            Self::Status(AssociationStatus::Active) => "Make Active",
            Self::EndAccess => "End access",
        }
    }

    /// "Make 2 users Inactive?"
    pub fn title(self, count: usize) -> String {
        match self {
            Self::Status(status) => format!("Make {} {}?", users_count(count), status.label()),
            Self::EndAccess => format!("End the access of {}?", users_count(count)),
        }
    }

    /// "Yes, make 2 users Inactive"
    pub fn confirm(self, count: usize) -> String {
        match self {
            Self::Status(status) => {
                format!("Yes, make {} {}", users_count(count), status.label())
            }
            Self::EndAccess => format!("Yes, end the access of {}", users_count(count)),
        }
    }

    /// What changes, said once above the list of users.
    pub fn description(self, record_name: &str) -> String {
        let what = match self {
            Self::Status(AssociationStatus::Inactive) => format!(
                "These users will keep their association with {record_name} but cannot act \
                 for it until they are made Active again."
            ),
            Self::Status(AssociationStatus::Active) => {
                format!(
                    "These users will be able to act for {record_name} again, with their roles."
                )
            }
            Self::EndAccess => format!(
                "These users will no longer have access to {record_name}. To give it back, \
                 add them again."
            ),
        };
        format!(
            "{what} Each of them, and the record's primary and backup OA, will be sent a notice."
        )
    }

    /// What the change does to one user, for the confirmation's list.
    pub fn change_of(self, row: &RecordUserRow) -> String {
        match self {
            Self::Status(status) if status == row.status => {
                format!("already {}: no change", status.label())
            }
            Self::Status(status) => format!("{} \u{2192} {}", row.status.label(), status.label()),
            Self::EndAccess => "access ends".to_owned(),
        }
    }

    fn done(self) -> &'static str {
        match self {
            Self::Status(AssociationStatus::Inactive) => "Made Inactive",
            Self::Status(AssociationStatus::Active) => "Made Active",
            Self::EndAccess => "Access ended",
        }
    }

    fn unchanged(self) -> &'static str {
        match self {
            Self::Status(AssociationStatus::Inactive) => "Already Inactive: nothing changed",
            Self::Status(AssociationStatus::Active) => "Already Active: nothing changed",
            Self::EndAccess => "Nothing changed",
        }
    }
}

/// One line of the report after a change of several users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultLine {
    pub id: AssociationId,
    /// "Kiran Patel (kpatel4)", or the association's number when the server found none.
    pub who: String,
    pub result: String,
    pub refused: bool,
}

/// What one change of several users did, user by user, as the removal report does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeReport {
    pub heading: String,
    pub lines: Vec<ResultLine>,
}

impl ChangeReport {
    pub fn of(change: SeveralChange, report: &UserChangeReport) -> Self {
        let lines: Vec<ResultLine> = report
            .results
            .iter()
            .map(|result| {
                let who = match (&result.name, &result.ncid) {
                    (Some(name), Some(ncid)) => format!("{name} ({ncid})"),
                    _ => format!("Association {}", result.id),
                };
                let (result_text, refused) = match &result.outcome {
                    UserChangeOutcome::Changed => (change.done().to_owned(), false),
                    UserChangeOutcome::Unchanged => (change.unchanged().to_owned(), false),
                    UserChangeOutcome::NotFound => (
                        "No longer has access to this record: nothing changed".to_owned(),
                        false,
                    ),
                    UserChangeOutcome::Refused { reason, .. } => (reason.clone(), true),
                };
                ResultLine {
                    id: result.id,
                    who,
                    result: result_text,
                    refused,
                }
            })
            .collect();
        let refused = lines.iter().filter(|line| line.refused).count();
        let heading = if refused == 0 {
            format!("{} done", change.button())
        } else {
            format!("{} could not be changed", users_count(refused))
        };
        Self { heading, lines }
    }

    pub fn all_done(&self) -> bool {
        self.lines.iter().all(|line| !line.refused)
    }

    /// The users the server refused stay selected, so that their reason can be read beside them.
    pub fn refused_ids(&self) -> BTreeSet<AssociationId> {
        self.lines
            .iter()
            .filter(|line| line.refused)
            .map(|line| line.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::accounts::SortDirection;
    use contract::record_users::{UserChangeResult, UserSortColumn};
    use contract::records::Relationship;
    use contract::table::TableFilter;
    use contract::Rule;

    fn row(status: AssociationStatus) -> RecordUserRow {
        RecordUserRow {
            id: 7,
            ncid: "kpatel4".into(),
            name: "Kiran Patel".into(),
            roles: vec!["Eligibility".into()],
            status,
            added: None,
            last_sign_in: None,
            oa_role: None,
            listed_as: None,
        }
    }

    #[test]
    fn the_path_carries_the_record_and_only_what_differs_from_the_default_view() {
        assert_eq!(
            record_users_path("2956351383", &RecordUserQuery::default()),
            "/records/2956351383/users"
        );
        let query = RecordUserQuery {
            page: 2,
            sort: UserSortColumn::Name,
            direction: SortDirection::Descending,
            filter: TableFilter {
                text: "patel".into(),
                status: None,
            },
            ..RecordUserQuery::default()
        };
        assert_eq!(
            record_users_path("2956351383", &query),
            "/records/2956351383/users?page=2&sort=name&dir=desc&q=patel"
        );
        assert_eq!(oa_change_path("2956351383"), "/oa-change?record=2956351383");
    }

    #[test]
    fn a_row_names_the_user_and_what_they_are() {
        let mut oa = row(AssociationStatus::Active);
        assert_eq!(user_checkbox_label(&oa), "Select kpatel4 – Kiran Patel");
        assert!(row_marks(&oa).is_empty());
        oa.oa_role = Some(OaRole::Backup);
        oa.listed_as = Some(Relationship::ManagingEmployee);
        assert_eq!(row_marks(&oa), vec!["Backup OA", "Managing employee"]);
        assert_eq!(date_text(None, "Never"), "Never");
    }

    #[test]
    fn the_confirmation_says_what_changes_for_each_user() {
        let inactivate = SeveralChange::Status(AssociationStatus::Inactive);
        assert_eq!(inactivate.title(2), "Make 2 users Inactive?");
        assert_eq!(inactivate.confirm(1), "Yes, make 1 user Inactive");
        assert_eq!(
            inactivate.change_of(&row(AssociationStatus::Active)),
            "Active → Inactive"
        );
        assert_eq!(
            inactivate.change_of(&row(AssociationStatus::Inactive)),
            "already Inactive: no change"
        );
        assert_eq!(
            SeveralChange::EndAccess.title(3),
            "End the access of 3 users?"
        );
    }

    #[test]
    fn the_report_says_each_users_result_and_keeps_the_refused_selected() {
        let result = |id, outcome| UserChangeResult {
            id,
            ncid: Some(format!("user{id}")),
            name: Some(format!("User {id}")),
            outcome,
        };
        let report = UserChangeReport {
            results: vec![
                result(1, UserChangeOutcome::Changed),
                result(2, UserChangeOutcome::NotFound),
            ],
        };
        let summary = ChangeReport::of(SeveralChange::EndAccess, &report);
        assert!(summary.all_done());
        assert_eq!(summary.heading, "End access done");
        assert_eq!(summary.lines[0].who, "User 1 (user1)");
        assert_eq!(summary.lines[0].result, "Access ended");

        let mut refused = report.clone();
        refused.results.push(result(
            3,
            UserChangeOutcome::Refused {
                rule: Rule::User2,
                reason: "This is the backup OA of the record.".into(),
            },
        ));
        let summary = ChangeReport::of(SeveralChange::EndAccess, &refused);
        assert!(!summary.all_done());
        assert_eq!(summary.heading, "1 user could not be changed");
        assert_eq!(summary.refused_ids(), BTreeSet::from([3]));
    }
}
