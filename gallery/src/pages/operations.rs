//! Operations: the queue with a request in each status, the 403 of someone who is not staff,
//! a request and an enrollment application under review, the decision's checks, confirmation
//! and outcome.

use super::{backup_request, day, laid_out, oa, AVERY};
use crate::catalogue::State;
use crate::fixed::{offline, Fixed};
use contract::application::{
    ApplicationId, DecisionRequest, EnrollmentTrackingNumber, RequestStatus, TrackingNumber,
};
use contract::enrollment::examples;
use contract::operations::{
    EndDatePrimary, EnrollmentQueueItem, EnrollmentReview, EnrollmentSubject, NamedUser,
    RequestQueueItem, RequestReview, RequestSubject,
};
use contract::records::Relationship;
use leptos::prelude::*;
use provider_portal::api::operations::OperationsApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::{OperationsEnrollment, OperationsQueue, OperationsRequest};
use provider_portal::state::operations::QUEUE_STATUSES;
use std::rc::Rc;

fn item(id: ApplicationId, status: RequestStatus) -> RequestQueueItem {
    let submitted = day(2026, 11, 20);
    RequestQueueItem {
        id,
        subject: RequestSubject {
            tracking_number: TrackingNumber::new(submitted, id),
            record_id: AVERY.into(),
            record_name: "Avery Family Practice, PLLC".into(),
        },
        applicant_ncid: "javery1".into(),
        applicant_name: "Jordan Avery".into(),
        status,
        submitted,
        updated: day(2026, 11, 24),
    }
}

fn review(status: RequestStatus) -> RequestReview {
    RequestReview {
        item: item(7, status),
        draft: backup_request(),
        primary_oa: Some(oa("javery1", "Jordan Avery")),
        backup_oa: None,
        new_primary: None,
        new_backup: Some(NamedUser {
            ncid: "clin2".into(),
            name: "Casey Lin".into(),
        }),
        attachment: None,
        decision_note: None,
    }
}

fn enrollment_item(id: ApplicationId, status: RequestStatus) -> EnrollmentQueueItem {
    let submitted = day(2026, 11, 21);
    EnrollmentQueueItem {
        id,
        subject: EnrollmentSubject {
            tracking_number: EnrollmentTrackingNumber::new(submitted, id),
            provider_id: "1234567893".into(),
            provider_name: "Blue Ridge Therapy Group".into(),
        },
        applicant_ncid: "dwhit5".into(),
        applicant_name: "Dana Whitfield".into(),
        status,
        submitted,
        updated: submitted,
    }
}

fn enrollment_review(status: RequestStatus) -> EnrollmentReview {
    EnrollmentReview {
        item: enrollment_item(9, status),
        draft: examples::organization(
            vec![
                examples::person("Dana Whitfield", Relationship::Owner, "dwhit5"),
                examples::person("Glenn Hart", Relationship::ManagingEmployee, "ghart7"),
            ],
            "ghart7",
        ),
        attachment: None,
        decision_note: None,
    }
}

#[derive(Clone)]
struct FixedOperations {
    /// How every request is answered: at once, never, or refused (`Forbidden` for someone who
    /// is not operations staff).
    answering: Fixed<()>,
    /// The status of the request or enrollment application opened.
    status: RequestStatus,
}

impl FixedOperations {
    fn answer<T: 'static>(&self, value: T) -> Answer<T> {
        self.answering.answer_with(|()| value)
    }
}

impl OperationsApi for FixedOperations {
    fn queue(&self, status: Option<RequestStatus>) -> Answer<Vec<RequestQueueItem>> {
        // A request in each status the queue shows.
        let items = QUEUE_STATUSES
            .into_iter()
            .enumerate()
            .map(|(at, each)| item(at as ApplicationId + 1, each))
            .filter(|item| status.is_none_or(|wanted| wanted == item.status))
            .collect();
        self.answer(items)
    }

    fn request(&self, _id: ApplicationId) -> Answer<RequestReview> {
        self.answer(review(self.status))
    }

    fn start_review(&self, id: ApplicationId) -> Answer<RequestQueueItem> {
        self.answer(item(id, RequestStatus::InReview))
    }

    fn decide(&self, id: ApplicationId, decision: DecisionRequest) -> Answer<RequestQueueItem> {
        self.answer(item(id, decision.decision.outcome()))
    }

    fn enrollment_queue(&self, _status: Option<RequestStatus>) -> Answer<Vec<EnrollmentQueueItem>> {
        self.answer(vec![enrollment_item(9, RequestStatus::Submitted)])
    }

    fn enrollment(&self, _id: ApplicationId) -> Answer<EnrollmentReview> {
        self.answer(enrollment_review(self.status))
    }

    fn start_enrollment_review(&self, id: ApplicationId) -> Answer<EnrollmentQueueItem> {
        self.answer(enrollment_item(id, RequestStatus::InReview))
    }

    fn decide_enrollment(
        &self,
        id: ApplicationId,
        decision: DecisionRequest,
    ) -> Answer<EnrollmentQueueItem> {
        self.answer(enrollment_item(id, decision.decision.outcome()))
    }

    fn end_date_primary(&self, _record_id: String, _request: EndDatePrimary) -> Answer<()> {
        self.answer(())
    }

    fn unlock(&self, _ncid: String) -> Answer<()> {
        self.answer(())
    }
}

fn staff(status: RequestStatus) -> Rc<FixedOperations> {
    answering(Fixed::Ready(()), status)
}

fn answering(answering: Fixed<()>, status: RequestStatus) -> Rc<FixedOperations> {
    Rc::new(FixedOperations { answering, status })
}

fn queue(api: Rc<FixedOperations>) -> AnyView {
    laid_out(view! {
        <OperationsQueue api status=Signal::stored(None) on_navigate=Callback::new(|_| ()) />
    })
}

fn request(status: RequestStatus) -> AnyView {
    laid_out(view! { <OperationsRequest api=staff(status) id=7 /> })
}

fn not_staff() -> AnyView {
    let refusal = ApiError::Forbidden("Only operations staff can do this.".into());
    queue(answering(Fixed::Failing(refusal), RequestStatus::Submitted))
}

const DENY_WITH_NOTE: &[(&str, &str)] = &[(
    "decision-note",
    "Casey Lin is not listed as a managing employee of this record.",
)];

pub fn states() -> Vec<State> {
    vec![
        State::new("queue", "The queue, a request in each status", || {
            queue(staff(RequestStatus::Submitted))
        }),
        State::new(
            "not-staff",
            "Someone who is not operations staff",
            not_staff,
        ),
        State::new("queue-error", "Could not load, with Retry", || {
            queue(answering(offline(), RequestStatus::Submitted))
        }),
        State::new("request-in-review", "A request under review", || {
            request(RequestStatus::Submitted)
        }),
        State::new("request-approved", "A request approved", || {
            request(RequestStatus::Approved)
        }),
        State::new("decision-errors", "A decision without a choice", || {
            request(RequestStatus::InReview)
        })
        .pressing("Record the decision"),
        State::new("decision-confirm", "A denial to confirm", || {
            request(RequestStatus::InReview)
        })
        .clicking("#decision-deny")
        .typing(DENY_WITH_NOTE, "Record the decision"),
        State::new("decision-recorded", "A denial recorded", || {
            request(RequestStatus::InReview)
        })
        .clicking("#decision-deny")
        .typing(DENY_WITH_NOTE, "Record the decision")
        .pressing("Yes, deny"),
        State::new(
            "enrollment-in-review",
            "An enrollment application under review",
            || {
                laid_out(
                    view! { <OperationsEnrollment api=staff(RequestStatus::Submitted) id=9 /> },
                )
            },
        ),
        State::new("loading", "Loading", || {
            let api = answering(Fixed::Loading, RequestStatus::Submitted);
            laid_out(view! { <OperationsRequest api id=7 /> })
        }),
    ]
}
