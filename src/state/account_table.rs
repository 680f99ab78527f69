//! The view model of My Account Management (R-ACCT-1..4) that is neither the selection nor the
//! table's view (`table_query`): its path, and the words the page uses.

use crate::state::navigation::query_string;
use contract::accounts::{AccountQuery, AccountRow, AssociationId, RemovalOutcome, RemovalReport};
use contract::ProviderId;

pub const ACCOUNT_PATH: &str = "/account";

/// The page's URL for a view of the table; the default view has no query at all.
pub fn account_path(query: &AccountQuery) -> String {
    format!("{ACCOUNT_PATH}{}", query_string(&query.to_pairs()))
}

/// "NPI" for a ten-digit NPI, "Atypical ID" for the others.
pub fn provider_id_kind(provider_id: &str) -> &'static str {
    match ProviderId::parse(provider_id) {
        Ok(ProviderId::Atypical(_)) => "Atypical ID",
        _ => "NPI",
    }
}

/// "NPI 2336930211" or "Atypical ID A1234".
pub fn provider_id_text(provider_id: &str) -> String {
    format!("{} {provider_id}", provider_id_kind(provider_id))
}

/// The label of a row's checkbox: "Select tstclaims3 – NPI 2336930211".
pub fn row_checkbox_label(row: &AccountRow) -> String {
    format!(
        "Select {} \u{2013} {}",
        row.oa_ncid,
        provider_id_text(&row.provider_id)
    )
}

/// The OA name, with "(end-dated September 30, 2026)" when the record's primary OA is end-dated.
pub fn oa_name_text(row: &AccountRow) -> String {
    match row.oa_end_date {
        Some(end) => format!("{} (end-dated {})", row.oa_name, end.long_form()),
        None => row.oa_name.clone(),
    }
}

/// "1 account", "3 accounts".
pub fn accounts_count(count: u64) -> String {
    if count == 1 {
        "1 account".to_owned()
    } else {
        format!("{count} accounts")
    }
}

/// What one `POST /api/accounts/removal` did, in the words of the alert that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovalSummary {
    /// Removed now or before: a row already gone is not an error (R-ACCT-4).
    pub removed: u64,
    /// The records of the removed rows that the confirmation listed, e.g. "Coastal Pediatrics
    /// (NPI 2336930211)", so the alert names what went.
    pub removed_records: Vec<String>,
    /// The rows the server kept, with its reason (R-ACCT-3).
    pub refused: Vec<(AssociationId, String)>,
}

impl RemovalSummary {
    /// `listed` are the rows the confirmation showed, which name the removed records.
    pub fn of(report: &RemovalReport, listed: &[AccountRow]) -> Self {
        let mut summary = Self {
            removed: 0,
            removed_records: Vec::new(),
            refused: Vec::new(),
        };
        for result in &report.results {
            match &result.outcome {
                RemovalOutcome::Removed | RemovalOutcome::AlreadyGone => {
                    summary.removed += 1;
                    if let Some(row) = listed.iter().find(|row| row.id == result.id) {
                        summary.removed_records.push(record_text(row));
                    }
                }
                RemovalOutcome::Refused { reason, .. } => {
                    summary.refused.push((result.id, reason.clone()));
                }
            }
        }
        summary
    }

    pub fn all_removed(&self) -> bool {
        self.refused.is_empty()
    }

    /// "3 accounts removed", or how many could not be.
    pub fn heading(&self) -> String {
        if self.all_removed() {
            return format!("{} removed", accounts_count(self.removed));
        }
        format!(
            "{} could not be removed",
            accounts_count(self.refused.len() as u64)
        )
    }

    pub fn detail(&self) -> String {
        if self.all_removed() {
            format!(
                "You no longer have access to {}. The Office Administrators of those records \
                 have been sent a notice.",
                self.what_was_removed()
            )
        } else {
            let removed = if self.removed_records.is_empty() {
                format!("{} removed", accounts_count(self.removed))
            } else {
                format!(
                    "{} removed: {}",
                    accounts_count(self.removed),
                    self.what_was_removed()
                )
            };
            format!(
                "{removed}. The reason is shown beside each account that was kept; it is still \
                 selected."
            )
        }
    }

    /// "Coastal Pediatrics (NPI 2336930211) and 2 more", or the count alone when the
    /// confirmation listed none of them.
    fn what_was_removed(&self) -> String {
        let named = self.removed_records.len() as u64;
        let more = self.removed.saturating_sub(named);
        match (named, more) {
            (0, _) => accounts_count(self.removed),
            (_, 0) => list_in_words(&self.removed_records),
            (_, 1) => format!("{} and 1 more account", self.removed_records.join(", ")),
            (_, more) => format!(
                "{} and {more} more accounts",
                self.removed_records.join(", ")
            ),
        }
    }
}

/// "Coastal Pediatrics (NPI 2336930211)": the provider record of an association.
pub fn record_text(row: &AccountRow) -> String {
    format!(
        "{} ({})",
        row.record_name,
        provider_id_text(&row.provider_id)
    )
}

/// "A", "A and B", "A, B and C".
fn list_in_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::table_query::{aria_sort, page_items, showing, PageItem};
    use contract::accounts::{AccountPage, AssociationStatus, RemovalResult, SortColumn};
    use contract::table::TableFilter;
    use contract::CalendarDate;

    fn row(oa_ncid: &str, provider_id: &str) -> AccountRow {
        AccountRow {
            id: 1,
            oa_ncid: oa_ncid.into(),
            oa_name: "Riley Morgan".into(),
            oa_end_date: None,
            roles: vec!["Claims".into()],
            provider_id: provider_id.into(),
            record_name: "Sandhills Family Medicine".into(),
            status: AssociationStatus::Active,
            lock: None,
        }
    }

    fn page(page: u32, rows: usize, total: u64) -> AccountPage {
        AccountPage {
            rows: (0..rows).map(|_| row("tstclaims3", "2336930211")).collect(),
            page,
            page_size: 10,
            total_matching: total,
            removable_matching: total,
        }
    }

    #[test]
    fn only_the_sorted_column_header_carries_aria_sort() {
        let by_ncid = AccountQuery::default().sorted_by(SortColumn::OaNcid);
        let by_status = by_ncid.sorted_by(SortColumn::Status);
        assert_eq!(aria_sort(&by_status, SortColumn::Status), Some("ascending"));
        assert_eq!(aria_sort(&by_status, SortColumn::OaNcid), None);
        assert_eq!(aria_sort(&by_ncid, SortColumn::OaNcid), Some("descending"));
    }

    #[test]
    fn the_path_carries_only_what_differs_from_the_default_view() {
        assert_eq!(account_path(&AccountQuery::default()), "/account");
        let query = AccountQuery {
            page: 2,
            filter: TableFilter {
                text: "Riley Morgan & co".into(),
                status: None,
            },
            ..AccountQuery::default()
        };
        assert_eq!(
            account_path(&query),
            "/account?page=2&q=Riley%20Morgan%20%26%20co"
        );
    }

    #[test]
    fn showing_counts_the_rows_of_this_page() {
        assert_eq!(
            showing(&page(2, 10, 37)).as_deref(),
            Some("Showing 11–20 of 37")
        );
        assert_eq!(
            showing(&page(4, 7, 37)).as_deref(),
            Some("Showing 31–37 of 37")
        );
        assert_eq!(showing(&page(5, 0, 37)), None);
    }

    #[test]
    fn pagination_shows_every_page_when_there_are_few() {
        use PageItem::Page;
        assert_eq!(page_items(1, 1), vec![Page(1)]);
        assert_eq!(page_items(3, 7), (1..=7).map(Page).collect::<Vec<_>>());
    }

    #[test]
    fn pagination_elides_pages_far_from_the_current_one() {
        use PageItem::{GapAfter, Page};
        assert_eq!(
            page_items(1, 20),
            vec![
                Page(1),
                Page(2),
                Page(3),
                Page(4),
                Page(5),
                GapAfter(5),
                Page(20)
            ]
        );
        assert_eq!(
            page_items(10, 20),
            vec![
                Page(1),
                GapAfter(1),
                Page(9),
                Page(10),
                Page(11),
                GapAfter(11),
                Page(20)
            ]
        );
        assert_eq!(
            page_items(19, 20),
            vec![
                Page(1),
                GapAfter(1),
                Page(16),
                Page(17),
                Page(18),
                Page(19),
                Page(20)
            ]
        );
        // A page past the end (rows removed meanwhile) still offers the last page.
        assert_eq!(page_items(30, 8).last(), Some(&Page(8)));
    }

    #[test]
    fn a_row_checkbox_names_the_oa_and_the_record() {
        assert_eq!(
            row_checkbox_label(&row("tstclaims3", "2336930211")),
            "Select tstclaims3 – NPI 2336930211"
        );
        assert_eq!(
            row_checkbox_label(&row("clin2", "ATY00417")),
            "Select clin2 – Atypical ID ATY00417"
        );
    }

    #[test]
    fn an_end_dated_oa_says_so() {
        let mut end_dated = row("javery1", "2336930211");
        end_dated.oa_end_date = Some(CalendarDate::new(2026, 9, 30).unwrap());
        assert_eq!(
            oa_name_text(&end_dated),
            "Riley Morgan (end-dated September 30, 2026)"
        );
    }

    #[test]
    fn the_removal_summary_counts_gone_rows_as_removed_and_keeps_refusals() {
        let outcomes = [
            (1, RemovalOutcome::Removed),
            (2, RemovalOutcome::AlreadyGone),
        ];
        let report = RemovalReport {
            results: outcomes
                .map(|(id, outcome)| RemovalResult { id, outcome })
                .into(),
        };
        let listed = [
            AccountRow {
                id: 1,
                record_name: "Coastal Pediatrics".into(),
                ..row("tstclaims3", "2336930211")
            },
            AccountRow {
                id: 2,
                record_name: "Avery Family Practice".into(),
                ..row("javery1", "2044707588")
            },
        ];
        let summary = RemovalSummary::of(&report, &listed);
        assert!(summary.all_removed());
        assert_eq!(summary.heading(), "2 accounts removed");
        assert_eq!(
            summary.detail(),
            "You no longer have access to Coastal Pediatrics (NPI 2336930211) and Avery Family \
             Practice (NPI 2044707588). The Office Administrators of those records have been \
             sent a notice."
        );
        // Beyond the rows the confirmation listed, the rest are counted.
        let summary = RemovalSummary::of(&report, &listed[..1]);
        assert!(summary.detail().starts_with(
            "You no longer have access to Coastal Pediatrics (NPI 2336930211) and 1 more account."
        ));

        let mut with_refusal = report.clone();
        with_refusal.results.push(RemovalResult {
            id: 3,
            outcome: RemovalOutcome::Refused {
                rule: contract::Rule::Acct3,
                reason: "You are the backup OA of this record".into(),
            },
        });
        let summary = RemovalSummary::of(&with_refusal, &[]);
        assert_eq!(summary.heading(), "1 account could not be removed");
        assert!(summary
            .detail()
            .starts_with("2 accounts removed. The reason"));
        assert_eq!(
            summary.refused,
            vec![(3, "You are the backup OA of this record".to_owned())]
        );
    }
}
