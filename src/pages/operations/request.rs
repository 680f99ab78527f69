//! `/operations/requests/<id>`: one request with every answer and its explanation document,
//! and the decision on it (R-OA-6, the form shared in `decision`). Opening a submitted request
//! starts its review (In review).

use super::decision::{Decide, DecisionForm};
use super::{attachment_answer, summary_rows, NoAccess, OperationsApi, Phase};
use crate::api::ApiError;
use crate::components::{Alert, AlertKind, PageHeading, Skeleton};
use crate::state::operations::queue_path;
use crate::state::wizard::yes_no;
use contract::oa_change::{ApplicationId, BackupChoice, ExclusionQuestion, RequestStatus};
use contract::operations::{Decision, RequestReview};
use contract::records::OfficeAdministrator;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// What the dialog says a decision does, before it is made.
fn consequence(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => {
            "The change applies at once: the record's primary and backup OA change as requested, and My Account Management follows (R-OA-4, R-BOA-1)."
        }
        Decision::Deny => "Nothing changes on the record. The decision is final.",
        Decision::Return => {
            "The applicant can correct the request and submit it again with the same tracking number."
        }
    }
}

#[component]
pub fn OperationsRequest(api: Rc<dyn OperationsApi>, id: ApplicationId) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let review = RwSignal::new(None::<Result<RequestReview, ApiError>>);
    let answer = api.with_value(|api| api.request(id));
    spawn_local(async move {
        let answer = answer.await;
        let submitted =
            matches!(&answer, Ok(found) if found.item.status == RequestStatus::Submitted);
        review.set(Some(answer));
        // R-OA-6: opening a submitted request starts its review.
        if submitted {
            let started = api.with_value(|api| api.start_review(id));
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
            Some(Ok(review)) => format!("Request {}", review.item.tracking_number),
            _ => "OA Change Request".to_owned(),
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
    let details = move || {
        review.with(|review| match review {
            Some(Ok(found)) => Some(view! { <RequestDetails review=found.clone() /> }),
            _ => None,
        })
    };
    let status = Memo::new(move |_| {
        review.with(|review| match review {
            Some(Ok(review)) => Some(review.item.status),
            _ => None,
        })
    });
    let subject = Memo::new(move |_| {
        review.with(|review| match review {
            Some(Ok(review)) => format!(
                "request {} for {}",
                review.item.tracking_number, review.item.record_name
            ),
            _ => String::new(),
        })
    });
    // The form learns the new status; the page's copy of the request follows it.
    let decide: Decide = Rc::new(move |request| {
        let answer = api.with_value(|api| api.decide(id, request));
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
            Phase::Loading => view! { <Skeleton label="Loading the request" blocks=2 /> }.into_any(),
            Phase::Forbidden => view! { <NoAccess /> }.into_any(),
            Phase::Failed(problem) => view! {
                <Alert kind=AlertKind::Error heading="We could not open this request">
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
                    told="The applicant, the record's OAs and the people the request names are told (R-OA-7)."
                    decide=decide.get_value()
                />
            }
            .into_any(),
        }}
    }
}

fn oa_text(oa: Option<&OfficeAdministrator>) -> String {
    match oa {
        None => "None".to_owned(),
        Some(oa) => match &oa.end_date {
            Some(end) => format!("{} ({}), end-dated {}", oa.name, oa.ncid, end.long_form()),
            None => format!("{} ({})", oa.name, oa.ncid),
        },
    }
}

#[component]
fn RequestDetails(review: RequestReview) -> impl IntoView {
    let item = &review.item;
    let draft = &review.draft;
    let primary_change = match draft.new_primary() {
        None => "Keep the current primary OA".to_owned(),
        Some(ncid) => format!("New primary OA: {ncid}"),
    };
    let backup_change = match &draft.backup {
        BackupChoice::NoChange => "No change".to_owned(),
        BackupChoice::Assign { ncid } => format!("New backup OA: {ncid}"),
        BackupChoice::Remove => "Remove the backup OA".to_owned(),
    };
    let mut rows: Vec<(String, AnyView)> = vec![
        (
            "Status".into(),
            view! { <strong id="request-status">{item.status.label()}</strong> }.into_any(),
        ),
        (
            "Tracking number".into(),
            item.tracking_number.to_string().into_any(),
        ),
        (
            "Provider record".into(),
            format!("{} ({})", item.record_name, item.record_id).into_any(),
        ),
        (
            "Applicant".into(),
            format!("{} ({})", item.applicant_name, item.applicant_ncid).into_any(),
        ),
        ("Submitted".into(), item.submitted.long_form().into_any()),
        (
            "Primary OA now".into(),
            oa_text(review.primary_oa.as_ref()).into_any(),
        ),
        (
            "Backup OA now".into(),
            oa_text(review.backup_oa.as_ref()).into_any(),
        ),
        ("Primary OA change".into(), primary_change.into_any()),
        ("Backup OA change".into(), backup_change.into_any()),
    ];
    if draft.new_primary().is_some() {
        // R-OA-4
        rows.push((
            "Users keep their access".into(),
            yes_no(draft.continued_access).into_any(),
        ));
    }
    for question in ExclusionQuestion::ALL {
        rows.push((
            question.text().to_owned(),
            yes_no(draft.exclusion.answer(question)).into_any(),
        ));
    }
    rows.push((
        "Explanation document".into(),
        attachment_answer(review.attachment.as_ref(), &draft.exclusion),
    ));
    if let Some(note) = &review.decision_note {
        rows.push(("Last decision note".into(), note.clone().into_any()));
    }
    view! {
        <h2>"Answers"</h2>
        {summary_rows(rows)}
    }
}
