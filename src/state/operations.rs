//! Operations and Messages pure logic: the queue's status filter and the inbox page in the URL,
//! the decision form's checks (the contract's, plus a decision must be chosen), the end-date and
//! unlock forms' checks, and the words the navigation and the inbox show.

use crate::state::navigation::query_string;
use crate::state::oa_change::typed_record;
use contract::application::{
    validate_decision, ApplicationId, Decision, DecisionRequest, RequestStatus,
};
use contract::date::{CalendarDate, EasternTime};
use contract::messages::parse_page;
use std::str::FromStr;

pub const OPERATIONS_PATH: &str = "/operations";
pub const MESSAGES_PATH: &str = "/messages";

/// The statuses the queue can be filtered by: every status of a submitted request (R-OA-6).
pub const QUEUE_STATUSES: [RequestStatus; 6] = [
    RequestStatus::Submitted,
    RequestStatus::InReview,
    RequestStatus::Returned,
    RequestStatus::Approved,
    RequestStatus::Denied,
    RequestStatus::Withdrawn,
];

/// The queue's `status` from the URL; absent, unknown or `draft` (never queued) mean every one.
pub fn queue_filter<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<RequestStatus> {
    pairs
        .into_iter()
        .filter(|(key, _)| *key == "status")
        .filter_map(|(_, value)| RequestStatus::parse(value.trim()))
        .find(|status| QUEUE_STATUSES.contains(status))
}

pub fn queue_path(status: Option<RequestStatus>) -> String {
    let pairs: Vec<(&str, String)> = status
        .map(|status| ("status", status.as_str().to_owned()))
        .into_iter()
        .collect();
    format!("{OPERATIONS_PATH}{}", query_string(&pairs))
}

pub fn request_path(id: ApplicationId) -> String {
    format!("{OPERATIONS_PATH}/requests/{id}")
}

pub fn enrollment_review_path(id: ApplicationId) -> String {
    format!("{OPERATIONS_PATH}/enrollments/{id}")
}

/// The inbox page from the URL; a page the server would refuse shows the first.
pub fn messages_page<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> u32 {
    pairs
        .into_iter()
        .find(|(key, _)| *key == "page")
        .map_or(1, |(_, value)| parse_page(Some(value)).unwrap_or(1))
}

pub fn messages_path(page: u32) -> String {
    if page <= 1 {
        MESSAGES_PATH.to_owned()
    } else {
        format!("{MESSAGES_PATH}?page={page}")
    }
}

/// The navigation link's accessible name: the count is said, not only shown in a badge.
pub fn messages_link_label(unread: u64) -> String {
    if unread == 0 {
        "Messages".to_owned()
    } else {
        format!("Messages, {unread} unread")
    }
}

/// When a message was sent, in Eastern time as people write it, e.g. "November 22, 2026 at
/// 2:05 pm".
pub fn message_time(created: i64) -> String {
    EasternTime::of_unix_seconds(created).long_form()
}

/// One problem of a form: the field it concerns and the sentence to show.
pub type FormProblem = (&'static str, String);

/// The decision form: a decision must be chosen, then the contract's rule for the note
/// (R-OA-6: Deny and Return need one), as the server checks it.
pub fn decision_request(
    decision: Option<Decision>,
    note: &str,
) -> Result<DecisionRequest, Vec<FormProblem>> {
    let Some(decision) = decision else {
        return Err(vec![("decision", "Choose a decision".to_owned())]);
    };
    let request = DecisionRequest {
        decision,
        note: note.trim().to_owned(),
    };
    let errors = validate_decision(&request);
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(errors
            .into_iter()
            // The decision form has two fields; anything else is about the decision.
            .map(|error| {
                let field = if error.field == "note" {
                    "note"
                } else {
                    "decision"
                };
                (field, error.message)
            })
            .collect())
    }
}

/// The end-date form: the record's NPI or Atypical ID, and the last day the primary OA is
/// active (R-BOA-8).
pub fn end_date_request(
    record: &str,
    date: &str,
) -> Result<(String, CalendarDate), Vec<FormProblem>> {
    let mut problems = Vec::new();
    let record = if record.trim().is_empty() {
        problems.push(("record", "Enter the record's NPI or Atypical ID".to_owned()));
        None
    } else {
        typed_record(record)
            .map_err(|message| problems.push(("record", message)))
            .ok()
    };
    let date = CalendarDate::from_str(date.trim())
        .map_err(|_| problems.push(("date", "Enter the end date as a real date".to_owned())))
        .ok();
    match (record, date) {
        (Some(record), Some(date)) => Ok((record, date)),
        _ => Err(problems),
    }
}

/// The unlock form: an NCID, trimmed.
pub fn unlock_request(ncid: &str) -> Result<String, Vec<FormProblem>> {
    let ncid = ncid.trim();
    if ncid.is_empty() {
        Err(vec![("ncid", "Enter the NCID to unlock".to_owned())])
    } else {
        Ok(ncid.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_filter_round_trips_through_the_url() {
        for status in QUEUE_STATUSES {
            let path = queue_path(Some(status));
            let query = path.split_once('?').unwrap().1;
            let (key, value) = query.split_once('=').unwrap();
            assert_eq!(queue_filter([(key, value)]), Some(status));
        }
        assert_eq!(queue_path(None), "/operations");
        assert_eq!(queue_filter([("status", "draft")]), None);
        assert_eq!(queue_filter([("status", "nonsense")]), None);
        assert_eq!(queue_filter([]), None);
    }

    #[test]
    fn the_inbox_page_comes_from_the_url() {
        assert_eq!(messages_page([("page", "3")]), 3);
        assert_eq!(messages_page([("page", "0")]), 1);
        assert_eq!(messages_page([]), 1);
        assert_eq!(messages_path(1), "/messages");
        assert_eq!(messages_path(2), "/messages?page=2");
    }

    #[test]
    fn the_navigation_says_how_many_are_unread() {
        assert_eq!(messages_link_label(0), "Messages");
        assert_eq!(messages_link_label(2), "Messages, 2 unread");
    }

    #[test]
    fn message_times_are_given_in_eastern_time() {
        // 2026-11-22 14:05:09 UTC is 9:05 am in North Carolina.
        assert_eq!(message_time(1_795_356_309), "November 22, 2026 at 9:05 am");
    }

    #[test]
    fn a_decision_is_chosen_and_deny_and_return_need_a_note() {
        assert_eq!(decision_request(None, "x").unwrap_err()[0].0, "decision");
        assert!(decision_request(Some(Decision::Approve), "").is_ok());
        for decision in [Decision::Deny, Decision::Return] {
            assert_eq!(
                decision_request(Some(decision), "  ").unwrap_err()[0].0,
                "note"
            );
            let request = decision_request(Some(decision), " Attach the form ").unwrap();
            assert_eq!(request.note, "Attach the form");
        }
    }

    #[test]
    fn end_dating_needs_a_record_and_a_real_date() {
        let (record, date) = end_date_request(" 2044707588 ", "2026-11-22").unwrap();
        assert_eq!(record, "2044707588");
        assert_eq!(date, CalendarDate::new(2026, 11, 22).unwrap());
        let problems = end_date_request("", "2026-02-30").unwrap_err();
        let fields: Vec<_> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["record", "date"]);
        assert_eq!(
            end_date_request("2044707589", "2026-11-22").unwrap_err()[0].0,
            "record"
        );
    }

    #[test]
    fn unlocking_needs_an_ncid() {
        assert_eq!(unlock_request(" tstclaims3 ").unwrap(), "tstclaims3");
        assert!(unlock_request("  ").is_err());
    }
}
