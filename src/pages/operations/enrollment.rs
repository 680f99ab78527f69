//! `/operations/enrollments/<id>`: one initial enrollment application with every answer (as the
//! applicant checked them, `state::enrollment::answer_rows`) and its explanation document, on the
//! one review page (`review`); approval creates the record with its primary and backup OA
//! (R-BOA-5).

use super::review::{review_page, Reviewed};
use super::{attachment_answer, summary_rows, OperationsApi};
use crate::api::Answer;
use crate::components::wizard::answer_list;
use crate::state::enrollment::answer_rows;
use contract::application::{ApplicationId, Decision, DecisionRequest, RequestStatus};
use contract::operations::{EnrollmentQueueItem, EnrollmentReview};
use leptos::prelude::*;
use std::rc::Rc;

/// What the dialog says a decision does, before it is made.
fn consequence(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => {
            "The provider record is created at once, with the applicant as primary OA and the named backup OA, both with every role."
        }
        Decision::Deny => "No record is created. The decision is final.",
        Decision::Return => {
            "The applicant can correct the application and submit it again with the same tracking number."
        }
    }
}

#[component]
pub fn OperationsEnrollment(api: Rc<dyn OperationsApi>, id: ApplicationId) -> impl IntoView {
    review_page::<EnrollmentReview>(api, id)
}

impl Reviewed for EnrollmentReview {
    type Item = EnrollmentQueueItem;
    const KIND: &'static str = "Enrollment application";
    const NOUN: &'static str = "application";
    const TOLD: &'static str = "The applicant and the backup OA the application names are told.";

    fn load(api: &dyn OperationsApi, id: ApplicationId) -> Answer<Self> {
        api.enrollment(id)
    }

    fn start_review(api: &dyn OperationsApi, id: ApplicationId) -> Answer<EnrollmentQueueItem> {
        api.start_enrollment_review(id)
    }

    fn decide(
        api: &dyn OperationsApi,
        id: ApplicationId,
        decision: DecisionRequest,
    ) -> Answer<EnrollmentQueueItem> {
        api.decide_enrollment(id, decision)
    }

    fn consequence(decision: Decision) -> &'static str {
        consequence(decision)
    }

    fn status(&self) -> RequestStatus {
        self.item.status
    }

    fn item_status(item: &EnrollmentQueueItem) -> RequestStatus {
        item.status
    }

    fn set_item(&mut self, item: EnrollmentQueueItem) {
        self.item = item;
    }

    fn heading(&self) -> String {
        format!("Enrollment {}", self.item.subject.tracking_number)
    }

    fn subject(&self) -> String {
        format!(
            "enrollment application {} for {}",
            self.item.subject.tracking_number, self.item.subject.provider_name
        )
    }

    fn details(&self) -> AnyView {
        enrollment_details(self).into_any()
    }
}

/// The application as it stands, then every answer the applicant gave.
fn enrollment_details(review: &EnrollmentReview) -> impl IntoView {
    let item = &review.item;
    let mut rows: Vec<(String, AnyView)> = vec![
        (
            "Status".into(),
            view! { <strong id="enrollment-status">{item.status.label()}</strong> }.into_any(),
        ),
        (
            "Tracking number".into(),
            item.subject.tracking_number.to_string().into_any(),
        ),
        (
            "Applicant and primary OA".into(),
            format!("{} ({})", item.applicant_name, item.applicant_ncid).into_any(),
        ),
        ("Submitted".into(), item.submitted.long_form().into_any()),
        (
            "Explanation document".into(),
            attachment_answer(review.attachment.as_ref(), &review.draft.exclusion),
        ),
    ];
    if let Some(note) = &review.decision_note {
        rows.push(("Last decision note".into(), note.clone().into_any()));
    }
    view! {
        <h2>"Application"</h2>
        {summary_rows(rows)}
        <h2>"Answers"</h2>
        {answer_list(answer_rows(&review.draft), None)}
    }
}
