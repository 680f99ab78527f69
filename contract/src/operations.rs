//! Operations review (R-OA-6, R-OA-4, R-BOA-1, R-BOA-8, R-AUTH-2): the queue of OA Change
//! Requests, a request with every answer, the decision on it, end-dating a record's primary OA and
//! unlocking a user. Operations staff only.

use crate::date::CalendarDate;
use crate::enrollment::{EnrollmentDraft, EnrollmentTrackingNumber};
use crate::oa_change::{
    ApplicationId, AttachmentInfo, FieldError, OaChangeDraft, RequestStatus, TrackingNumber,
};
use crate::records::{ManagingRelationship, OfficeAdministrator, Relationship};
use crate::Rule;
use serde::{Deserialize, Serialize};

/// Every role of an association, in the order RULES.md lists them: R-OA-4 gives them all to a
/// new primary or backup OA who has no association with the record.
pub const ALL_ROLES: [&str; 4] = ["Prior Approvals", "Claims", "Eligibility", "Referrals"];

/// The longest decision note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// What operations staff decide on a submitted or in-review request (R-OA-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Deny,
    /// Return for correction: the applicant edits the request and submits it again.
    Return,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Self::Approve, Self::Deny, Self::Return];

    pub fn label(self) -> &'static str {
        match self {
            Self::Approve => "Approve",
            Self::Deny => "Deny",
            Self::Return => "Return for correction",
        }
    }

    /// R-OA-6: the status the request has after this decision.
    pub fn outcome(self) -> RequestStatus {
        match self {
            Self::Approve => RequestStatus::Approved,
            Self::Deny => RequestStatus::Denied,
            Self::Return => RequestStatus::Returned,
        }
    }
}

/// R-OA-6: only a request waiting for operations (Submitted or In review) can be decided; a
/// returned one waits for its applicant, and Approved, Denied and Withdrawn are final.
pub fn may_decide(status: RequestStatus) -> bool {
    matches!(status, RequestStatus::Submitted | RequestStatus::InReview)
}

/// R-OA-6: starting the review (`POST /api/operations/requests/{id}/review`) puts a submitted
/// request In review; starting it again changes nothing. `None`: no review can start, since the
/// request waits for its applicant (Returned) or is decided or withdrawn.
pub fn status_when_review_starts(status: RequestStatus) -> Option<RequestStatus> {
    match status {
        RequestStatus::Submitted | RequestStatus::InReview => Some(RequestStatus::InReview),
        _ => None,
    }
}

/// `POST /api/operations/requests/{id}/decision`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRequest {
    pub decision: Decision,
    #[serde(default)]
    pub note: String,
}

/// The note tells the applicant why a request is denied or what to correct, so those two need
/// one; an approval may go without. Every note is at most `MAX_NOTE_CHARS`.
pub fn validate_decision(request: &DecisionRequest) -> Vec<FieldError> {
    let note = request.note.trim();
    let mut errors = Vec::new();
    if note.is_empty() && request.decision != Decision::Approve {
        errors.push(FieldError {
            field: "note",
            message: match request.decision {
                Decision::Return => "Say what the applicant must correct".into(),
                _ => "Say why the request is denied".into(),
            },
            rule: Some(Rule::Oa6),
        });
    } else if note.chars().count() > MAX_NOTE_CHARS {
        errors.push(FieldError {
            field: "note",
            message: format!("Write at most {MAX_NOTE_CHARS} characters"),
            rule: None,
        });
    }
    errors
}

/// R-OA-4: whether a user's association with the record survives an approved change of primary.
/// *Yes* to continued access keeps everyone; *No* keeps the previous OA and the people listed as
/// owners (always) or as MR users, and the others become Inactive.
pub fn keeps_association(
    continued_access: bool,
    is_previous_oa: bool,
    listing: Option<&ManagingRelationship>,
) -> bool {
    continued_access
        || is_previous_oa
        || listing
            .is_some_and(|listed| listed.relationship == Relationship::Owner || listed.is_mr_user())
}

/// One line of the operations queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: ApplicationId,
    pub tracking_number: TrackingNumber,
    pub record_id: String,
    pub record_name: String,
    pub applicant_ncid: String,
    pub applicant_name: String,
    pub status: RequestStatus,
    pub submitted: CalendarDate,
    pub updated: CalendarDate,
}

/// A request as operations staff review it: every answer, the record as it is now, the
/// explanation document's metadata and the last decision note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestReview {
    pub item: QueueItem,
    pub draft: OaChangeDraft,
    /// The record's primary OA now (with its end date, R-BOA-8) and backup OA.
    pub primary_oa: Option<OfficeAdministrator>,
    pub backup_oa: Option<OfficeAdministrator>,
    /// R-OA-3: the explanation document, fetched from `GET /api/operations/attachments/{id}`.
    pub attachment: Option<AttachmentInfo>,
    pub decision_note: Option<String>,
}

/// One submitted enrollment application in the operations queue (R-BOA-5): the provider it
/// would enroll, as the application names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentQueueItem {
    pub id: ApplicationId,
    pub tracking_number: EnrollmentTrackingNumber,
    pub provider_id: String,
    pub provider_name: String,
    pub applicant_ncid: String,
    pub applicant_name: String,
    pub status: RequestStatus,
    pub submitted: CalendarDate,
    pub updated: CalendarDate,
}

/// An enrollment application as operations staff review it: every answer, the explanation
/// document's metadata and the last decision note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentReview {
    pub item: EnrollmentQueueItem,
    pub draft: EnrollmentDraft,
    /// R-OA-3: the explanation document, fetched from `GET /api/operations/attachments/{id}`.
    pub attachment: Option<AttachmentInfo>,
    pub decision_note: Option<String>,
}

/// `POST /api/operations/records/{id}/end-date-primary` (R-BOA-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndDatePrimary {
    /// Inclusive: the primary OA is active through this day and not after.
    pub date: CalendarDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(
        relationship: Relationship,
        ncid: Option<&str>,
        active: bool,
    ) -> ManagingRelationship {
        ManagingRelationship {
            name: "Someone".into(),
            relationship,
            ncid: ncid.map(str::to_owned),
            adverse_findings: false,
            active,
        }
    }

    #[test]
    fn only_submitted_and_in_review_requests_can_be_decided() {
        use RequestStatus::*;
        for status in [Submitted, InReview] {
            assert!(may_decide(status), "{status:?}");
        }
        for status in [Draft, Returned, Approved, Denied, Withdrawn] {
            assert!(!may_decide(status), "{status:?}");
        }
    }

    #[test]
    fn decisions_lead_to_their_statuses() {
        assert_eq!(Decision::Approve.outcome(), RequestStatus::Approved);
        assert_eq!(Decision::Deny.outcome(), RequestStatus::Denied);
        assert_eq!(Decision::Return.outcome(), RequestStatus::Returned);
        // A returned request is open again (R-OA-5) but waits for its applicant, not operations.
        assert!(Decision::Return.outcome().is_open());
        assert!(!may_decide(Decision::Return.outcome()));
        assert_eq!(
            serde_json::to_value(Decision::Return).unwrap(),
            serde_json::json!("return")
        );
    }

    #[test]
    fn starting_the_review_puts_a_submitted_request_in_review() {
        use RequestStatus::*;
        assert_eq!(status_when_review_starts(Submitted), Some(InReview));
        assert_eq!(status_when_review_starts(InReview), Some(InReview));
        for status in [Draft, Returned, Approved, Denied, Withdrawn] {
            assert_eq!(status_when_review_starts(status), None, "{status:?}");
        }
    }

    #[test]
    fn deny_and_return_need_a_note() {
        let request = |decision, note: &str| DecisionRequest {
            decision,
            note: note.into(),
        };
        assert!(validate_decision(&request(Decision::Approve, "")).is_empty());
        for decision in [Decision::Deny, Decision::Return] {
            let errors = validate_decision(&request(decision, "   "));
            assert_eq!(errors.len(), 1);
            assert_eq!((errors[0].field, errors[0].rule), ("note", Some(Rule::Oa6)));
            assert!(validate_decision(&request(decision, "Attach the signed form")).is_empty());
        }
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            validate_decision(&request(Decision::Approve, &long))[0].field,
            "note"
        );
        assert!(validate_decision(&request(Decision::Approve, &long[1..])).is_empty());
    }

    #[test]
    fn continued_access_no_keeps_the_previous_oa_owners_and_mr_users() {
        let owner_without_ncid = listed(Relationship::Owner, None, false);
        let mr_user = listed(Relationship::ManagingEmployee, Some("clin2"), true);
        let inactive = listed(Relationship::ManagingEmployee, Some("dwhit5"), false);
        // Yes keeps everyone.
        assert!(keeps_association(true, false, None));
        assert!(keeps_association(true, false, Some(&inactive)));
        // No keeps the previous OA, owners and MR users only.
        assert!(keeps_association(false, true, None));
        assert!(keeps_association(false, false, Some(&owner_without_ncid)));
        assert!(keeps_association(false, false, Some(&mr_user)));
        assert!(!keeps_association(false, false, Some(&inactive)));
        assert!(!keeps_association(false, false, None));
    }
}
