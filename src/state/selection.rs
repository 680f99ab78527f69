//! The selection of a server-paged table — My Account Management (R-ACCT-2), a record's users
//! (R-USER-1): it holds across pages, sorting, filtering and reload, and is either ids ticked
//! row by row or "everything matching a filter" less the rows unticked afterwards — never a
//! download of every page.

use contract::accounts::{
    AccountRow, AccountSelection, AssociationId, RemovalOutcome, RemovalReport,
};
use contract::record_users::RecordUserRow;
use contract::table::{FilteredRow, TableFilter};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A row that a selection holds: known by its association's id, perhaps locked (never
/// selected), and matched by the table's filter.
pub trait SelectableRow: FilteredRow {
    fn id(&self) -> AssociationId;
    fn locked(&self) -> bool;
}

impl SelectableRow for AccountRow {
    fn id(&self) -> AssociationId {
        self.id
    }

    /// R-ACCT-3: the user's own association with a record they are an OA of.
    fn locked(&self) -> bool {
        self.lock.is_some()
    }
}

impl SelectableRow for RecordUserRow {
    fn id(&self) -> AssociationId {
        self.id
    }

    /// R-USER-2: the rows of the record's primary and backup OA are not changed here.
    fn locked(&self) -> bool {
        self.oa_role.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Mode {
    Ids(BTreeSet<AssociationId>),
    Matching {
        filter: TableFilter,
        /// The server's count of removable rows matching `filter` when it was chosen.
        removable_matching: u64,
        /// Matching rows unticked afterwards.
        except: BTreeSet<AssociationId>,
        /// Rows outside the filter ticked afterwards.
        also: BTreeSet<AssociationId>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    mode: Mode,
}

/// The header checkbox reflects the current page only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageCheckbox {
    Checked,
    Mixed,
    Unchecked,
}

/// Where a user's selection is kept in `sessionStorage`: a reload restores it, and another user
/// signing in in the same tab never sees it.
pub fn storage_key(ncid: &str) -> String {
    format!("account-selection:{ncid}")
}

impl Default for Selection {
    fn default() -> Self {
        Self {
            mode: Mode::Ids(BTreeSet::new()),
        }
    }
}

impl Selection {
    /// Locked rows are never selected (R-ACCT-3, R-USER-2).
    pub fn is_selected<R: SelectableRow>(&self, row: &R) -> bool {
        if row.locked() {
            return false;
        }
        match &self.mode {
            Mode::Ids(ids) => ids.contains(&row.id()),
            Mode::Matching {
                filter,
                except,
                also,
                ..
            } => {
                if filter.matches(row) {
                    !except.contains(&row.id())
                } else {
                    also.contains(&row.id())
                }
            }
        }
    }

    pub fn set<R: SelectableRow>(&mut self, row: &R, selected: bool) {
        if row.locked() {
            return;
        }
        match &mut self.mode {
            Mode::Ids(ids) if selected => {
                ids.insert(row.id());
            }
            Mode::Ids(ids) => {
                ids.remove(&row.id());
            }
            Mode::Matching {
                filter,
                except,
                also,
                ..
            } => {
                let (in_filter, id) = (filter.matches(row), row.id());
                match (in_filter, selected) {
                    (true, true) => except.remove(&id),
                    (true, false) => except.insert(id),
                    (false, true) => also.insert(id),
                    (false, false) => also.remove(&id),
                };
            }
        }
    }

    pub fn page_checkbox<R: SelectableRow>(&self, page: &[R]) -> PageCheckbox {
        let mut removable = page.iter().filter(|row| !row.locked()).peekable();
        if removable.peek().is_none() {
            return PageCheckbox::Unchecked;
        }
        let (selected, total) = removable.fold((0, 0), |(selected, total), row| {
            (selected + usize::from(self.is_selected(row)), total + 1)
        });
        match selected {
            0 => PageCheckbox::Unchecked,
            s if s == total => PageCheckbox::Checked,
            _ => PageCheckbox::Mixed,
        }
    }

    /// The header checkbox: a full page is cleared, anything else becomes full.
    pub fn toggle_page<R: SelectableRow>(&mut self, page: &[R]) {
        let select = self.page_checkbox(page) != PageCheckbox::Checked;
        for row in page {
            self.set(row, select);
        }
    }

    pub fn select_all_matching(&mut self, filter: TableFilter, removable_matching: u64) {
        self.mode = Mode::Matching {
            filter,
            removable_matching,
            except: BTreeSet::new(),
            also: BTreeSet::new(),
        };
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// "N selected" across all pages.
    pub fn count(&self) -> u64 {
        match &self.mode {
            Mode::Ids(ids) => ids.len() as u64,
            Mode::Matching {
                removable_matching,
                except,
                also,
                ..
            } => removable_matching.saturating_sub(except.len() as u64) + also.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// Whether "Select all N matching" is what is selected now, for that filter.
    pub fn is_all_matching(&self, wanted: &TableFilter) -> bool {
        matches!(&self.mode, Mode::Matching { filter, except, .. }
            if filter == wanted && except.is_empty())
    }

    /// The ids ticked row by row; `None` while "everything matching" is selected.
    pub fn ids(&self) -> Option<&BTreeSet<AssociationId>> {
        match &self.mode {
            Mode::Ids(ids) => Some(ids),
            Mode::Matching { .. } => None,
        }
    }

    /// Exactly these rows, e.g. those a change kept so that their reason can be shown.
    pub fn set_ids(&mut self, ids: BTreeSet<AssociationId>) {
        self.mode = Mode::Ids(ids);
    }
}

impl Selection {
    /// The text kept in `sessionStorage`.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What was kept; anything unreadable (an older shape, a hand edit) is no selection.
    pub fn from_stored(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }
}

impl Selection {
    pub fn to_wire(&self) -> AccountSelection {
        match &self.mode {
            Mode::Ids(ids) => AccountSelection::Ids { ids: ids.clone() },
            Mode::Matching {
                filter,
                except,
                also,
                ..
            } => AccountSelection::Matching {
                filter: filter.clone(),
                except: except.clone(),
                also: also.clone(),
            },
        }
    }

    /// After a removal the server has answered for every id the selection stood for: removed and
    /// already-gone ids leave it; refused ones stay selected so their reason can be shown.
    pub fn after_removal(&mut self, report: &RemovalReport) {
        let mut refused = BTreeSet::new();
        for result in &report.results {
            if matches!(result.outcome, RemovalOutcome::Refused { .. }) {
                refused.insert(result.id);
            }
        }
        self.set_ids(refused);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::accounts::{AssociationStatus, RemovalLock, RemovalResult};
    use contract::records::OaRole;

    fn row(id: AssociationId, oa_ncid: &str) -> AccountRow {
        AccountRow {
            id,
            oa_ncid: oa_ncid.into(),
            oa_name: format!("Name of {oa_ncid}"),
            oa_end_date: None,
            roles: vec!["Claims".into()],
            provider_id: format!("20000000{id:02}"),
            record_name: "A record".into(),
            status: AssociationStatus::Active,
            lock: None,
        }
    }

    fn locked(id: AssociationId) -> AccountRow {
        AccountRow {
            lock: Some(RemovalLock::for_role(OaRole::Backup)),
            ..row(id, "providertraining1")
        }
    }

    fn page(ids: std::ops::RangeInclusive<AssociationId>) -> Vec<AccountRow> {
        ids.map(|id| row(id, &format!("oa{id}"))).collect()
    }

    #[test]
    fn header_checkbox_reflects_the_current_page_only() {
        let page_one = page(1..=10);
        let page_two = page(11..=20);
        let mut selection = Selection::default();
        assert_eq!(selection.page_checkbox(&page_one), PageCheckbox::Unchecked);
        selection.set(&page_one[0], true);
        assert_eq!(selection.page_checkbox(&page_one), PageCheckbox::Mixed);
        assert_eq!(selection.page_checkbox(&page_two), PageCheckbox::Unchecked);
        selection.toggle_page(&page_one);
        assert_eq!(selection.page_checkbox(&page_one), PageCheckbox::Checked);
        selection.toggle_page(&page_one);
        assert_eq!(selection.page_checkbox(&page_one), PageCheckbox::Unchecked);
        assert!(selection.is_empty());
    }

    #[test]
    fn locked_rows_are_never_selected_and_do_not_count_for_the_header() {
        let mut rows = page(1..=2);
        rows.push(locked(3));
        let mut selection = Selection::default();
        selection.set(&rows[2], true);
        assert!(!selection.is_selected(&rows[2]));
        selection.toggle_page(&rows);
        assert_eq!(selection.count(), 2);
        assert_eq!(selection.page_checkbox(&rows), PageCheckbox::Checked);
        assert_eq!(
            selection.page_checkbox(&[locked(9)]),
            PageCheckbox::Unchecked
        );
    }

    #[test]
    fn the_selection_survives_page_changes() {
        let page_one = page(1..=10);
        let page_three = page(21..=30);
        let mut selection = Selection::default();
        selection.set(&page_one[2], true);
        selection.set(&page_three[4], true);
        // Back on page one after visiting page three: still ticked.
        assert!(selection.is_selected(&page_one[2]));
        assert_eq!(selection.count(), 2);
        assert_eq!(
            selection.to_wire(),
            AccountSelection::Ids {
                ids: BTreeSet::from([3, 25])
            }
        );
    }

    #[test]
    fn select_all_matching_is_a_filter_plus_exceptions() {
        let filter = TableFilter {
            text: "oa1".into(),
            status: None,
        };
        let rows = page(10..=19);
        let mut selection = Selection::default();
        selection.select_all_matching(filter.clone(), 11);
        assert_eq!(selection.count(), 11);
        assert!(selection.is_all_matching(&filter));
        assert!(rows.iter().all(|r| selection.is_selected(r)));
        // A row outside the filter is not selected by it.
        assert!(!selection.is_selected(&row(42, "oa42")));

        selection.set(&rows[3], false);
        assert_eq!(selection.count(), 10);
        assert!(!selection.is_all_matching(&filter));
        assert_eq!(selection.page_checkbox(&rows), PageCheckbox::Mixed);
        assert_eq!(
            selection.to_wire(),
            AccountSelection::Matching {
                filter: filter.clone(),
                except: BTreeSet::from([13]),
                also: BTreeSet::new(),
            }
        );
        selection.set(&rows[3], true);
        assert_eq!(selection.count(), 11);
    }

    #[test]
    fn survives_a_round_trip_through_storage() {
        let mut selection = Selection::default();
        selection.select_all_matching(TableFilter::default(), 40);
        selection.set(&row(7, "oa7"), false);
        let restored = Selection::from_stored(&selection.to_stored());
        assert_eq!(restored, selection);
        assert_eq!(restored.count(), 39);
        assert!(!restored.is_selected(&row(7, "oa7")));
        assert!(restored.is_selected(&row(8, "oa8")));
    }

    #[test]
    fn ids_picked_on_several_pages_survive_a_reload() {
        let (page_one, page_two) = (page(1..=10), page(11..=20));
        let mut selection = Selection::default();
        selection.set(&page_one[0], true);
        selection.toggle_page(&page_two);
        let restored = Selection::from_stored(&selection.to_stored());
        assert_eq!(restored.count(), 11);
        assert_eq!(restored.page_checkbox(&page_one), PageCheckbox::Mixed);
        assert_eq!(restored.page_checkbox(&page_two), PageCheckbox::Checked);
    }

    #[test]
    fn an_unreadable_stored_selection_is_no_selection() {
        assert_eq!(Selection::from_stored("{not json"), Selection::default());
        assert_eq!(Selection::from_stored(""), Selection::default());
        assert_eq!(storage_key("javery1"), "account-selection:javery1");
    }

    #[test]
    fn removal_prunes_removed_and_gone_ids_and_keeps_refused_ones() {
        let mut selection = Selection::default();
        for id in [1, 2, 3] {
            selection.set(&row(id, "oa"), true);
        }
        let refused = RemovalOutcome::Refused {
            rule: contract::Rule::Acct3,
            reason: "You are the backup OA".into(),
        };
        let outcomes = [
            (1, RemovalOutcome::Removed),
            (2, RemovalOutcome::AlreadyGone),
            (3, refused),
        ];
        selection.after_removal(&RemovalReport {
            results: outcomes
                .map(|(id, outcome)| RemovalResult { id, outcome })
                .into(),
        });
        assert_eq!(
            selection.to_wire(),
            AccountSelection::Ids {
                ids: BTreeSet::from([3])
            }
        );
        assert_eq!(selection.count(), 1);
    }

    #[test]
    fn ticking_a_row_outside_a_filter_selection_adds_it() {
        let filter = TableFilter {
            text: "oa1".into(),
            status: None,
        };
        let mut selection = Selection::default();
        selection.select_all_matching(filter.clone(), 11);
        selection.set(&row(42, "oa42"), true);
        assert_eq!(selection.count(), 12);
        assert!(selection.is_selected(&row(42, "oa42")));
        assert!(selection.is_selected(&row(12, "oa12")));
        selection.set(&row(42, "oa42"), false);
        assert_eq!(selection.count(), 11);
        assert!(selection.is_all_matching(&filter));
    }
}
