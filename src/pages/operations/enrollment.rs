//! `/operations/enrollments/<id>`: one initial enrollment application with every answer (as the
//! applicant checked them, `state::enrollment::answer_rows`) and its explanation document, and the
//! decision on it (R-OA-6, the form shared in `decision`). Opening a submitted application
//! starts its review (In review); approval creates the record with its primary and backup OA
//! (R-BOA-5).

use super::decision::{Decide, DecisionForm};
use super::{attachment_answer, summary_rows, NoAccess, OperationsApi, Phase};
use crate::api::ApiError;
use crate::components::wizard::answer_list;
use crate::components::{Alert, AlertKind, PageHeading, Skeleton};
use crate::state::enrollment::answer_rows;
use crate::state::operations::queue_path;
use contract::oa_change::{ApplicationId, RequestStatus};
use contract::operations::{Decision, EnrollmentReview};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// What the dialog says a decision does, before it is made.
fn consequence(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => {
            "The provider record is created at once, with the applicant as primary OA and the named backup OA, both with every role (R-BOA-5, R-BOA-3)."
        }
        Decision::Deny => "No record is created. The decision is final.",
        Decision::Return => {
            "The applicant can correct the application and submit it again with the same tracking number."
        }
    }
}

#[component]
pub fn OperationsEnrollment(api: Rc<dyn OperationsApi>, id: ApplicationId) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let review = RwSignal::new(None::<Result<EnrollmentReview, ApiError>>);
    let answer = api.with_value(|api| api.enrollment(id));
    spawn_local(async move {
        let answer = answer.await;
        let submitted =
            matches!(&answer, Ok(found) if found.item.status == RequestStatus::Submitted);
        review.set(Some(answer));
        // R-OA-6: opening a submitted application starts its review.
        if submitted {
            let started = api.with_value(|api| api.start_enrollment_review(id));
            if let Ok(item) = started.await {
                review.update(|review| {
                    if let Some(Ok(review)) = review {
                        review.item = item;
                    }
                });
            }
        }
    });

    // Memos, so that the heading (which takes focus) and the form (which holds the outcome)
    // are built once, not again when the status changes.
    let heading = Memo::new(move |_| {
        review.with(|review| match review {
            Some(Ok(review)) => format!("Enrollment {}", review.item.tracking_number),
            _ => "Enrollment application".to_owned(),
        })
    });
    let phase = Memo::new(move |_| {
        review.with(|review| match review {
            None => Phase::Loading,
            Some(Err(ApiError::Forbidden(_))) => Phase::Forbidden,
            Some(Err(error)) => Phase::Failed(error.to_string()),
            Some(Ok(_)) => Phase::Loaded,
        })
    });
    let status = Memo::new(move |_| {
        review.with(|review| match review {
            Some(Ok(review)) => Some(review.item.status),
            _ => None,
        })
    });
    let subject = Memo::new(move |_| {
        review.with(|review| match review {
            Some(Ok(review)) => format!(
                "enrollment application {} for {}",
                review.item.tracking_number, review.item.provider_name
            ),
            _ => String::new(),
        })
    });
    let details = move || {
        review.with(|review| match review {
            Some(Ok(found)) => Some(enrollment_details(found)),
            _ => None,
        })
    };
    // The form learns the new status; the page's copy of the application follows it.
    let decide: Decide = Rc::new(move |request| {
        let answer = api.with_value(|api| api.decide_enrollment(id, request));
        Box::pin(async move {
            let item = answer.await?;
            let outcome = item.status;
            review.update(|review| {
                if let Some(Ok(review)) = review {
                    review.item = item;
                }
            });
            Ok(outcome)
        })
    });
    let decide = StoredValue::new_local(decide);
    view! {
        <a class="back-link" href=queue_path(None)>"Back to the queue"</a>
        {move || {
            let text = heading.get();
            view! { <PageHeading text /> }
        }}
        {move || match phase.get() {
            Phase::Loading => view! { <Skeleton label="Loading the application" blocks=2 /> }.into_any(),
            Phase::Forbidden => view! { <NoAccess /> }.into_any(),
            Phase::Failed(problem) => view! {
                <Alert kind=AlertKind::Error heading="We could not open this application">
                    <p>{problem}</p>
                </Alert>
            }
            .into_any(),
            Phase::Loaded => view! {
                {details}
                <DecisionForm
                    status
                    name=heading
                    subject
                    consequence
                    told="The applicant and the backup OA the application names are told (R-OA-7, R-BOA-4)."
                    decide=decide.get_value()
                />
            }
            .into_any(),
        }}
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
            item.tracking_number.to_string().into_any(),
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
