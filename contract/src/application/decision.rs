//! What operations staff decide on a submitted application, of either kind (R-OA-6).

use super::{FieldError, RequestStatus};
use crate::Rule;
use serde::{Deserialize, Serialize};

/// The longest decision note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// What operations staff decide on a submitted or in-review request (R-OA-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// R-OA-6: starting the review (`POST /api/operations/.../review`) puts a submitted request In
/// review; starting it again changes nothing. `None`: no review can start, since the request
/// waits for its applicant (Returned) or is decided or withdrawn.
pub fn status_when_review_starts(status: RequestStatus) -> Option<RequestStatus> {
    status.may_decide().then_some(RequestStatus::InReview)
}

/// `POST /api/operations/.../decision`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
        let message = match request.decision {
            Decision::Return => "Say what the applicant must correct",
            _ => "Say why the request is denied",
        };
        errors.push(FieldError::new("note", message, Some(Rule::Oa6)));
    } else if note.chars().count() > MAX_NOTE_CHARS {
        errors.push(FieldError::new(
            "note",
            format!("Write at most {MAX_NOTE_CHARS} characters"),
            None,
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_lead_to_their_statuses() {
        assert_eq!(Decision::Approve.outcome(), RequestStatus::Approved);
        assert_eq!(Decision::Deny.outcome(), RequestStatus::Denied);
        assert_eq!(Decision::Return.outcome(), RequestStatus::Returned);
        // A returned request is open again (R-OA-5) but waits for its applicant, not operations.
        assert!(Decision::Return.outcome().is_open());
        assert!(!Decision::Return.outcome().may_decide());
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
            assert_eq!(
                (errors[0].field.as_ref(), errors[0].rule),
                ("note", Some(Rule::Oa6))
            );
            assert!(validate_decision(&request(decision, "Attach the signed form")).is_empty());
        }
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            validate_decision(&request(Decision::Approve, &long))[0].field,
            "note"
        );
        assert!(validate_decision(&request(Decision::Approve, &long[1..])).is_empty());
    }
}
