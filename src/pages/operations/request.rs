//! `/operations/requests/<id>`: one request with every answer and its explanation document,
//! on the one review page (`review`), with what the decision on it does.

use super::review::{review_page, Reviewed};
use super::{attachment_answer, summary_rows, OperationsApi};
use crate::api::Answer;
use crate::state::wizard::yes_no;
use contract::application::{
    ApplicationId, Decision, DecisionRequest, ExclusionQuestion, RequestStatus,
};
use contract::oa_change::BackupChoice;
use contract::operations::{NamedUser, RequestQueueItem, RequestReview};
use contract::records::OfficeAdministrator;
use leptos::prelude::*;
use std::rc::Rc;

/// What the dialog says a decision does, before it is made.
fn consequence(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => {
            "The change applies at once: the record's primary and backup OA change as requested, and My Account Management follows."
        }
        Decision::Deny => "Nothing changes on the record. The decision is final.",
        Decision::Return => {
            "The applicant can correct the request and submit it again with the same tracking number."
        }
    }
}

#[component]
pub fn OperationsRequest(api: Rc<dyn OperationsApi>, id: ApplicationId) -> impl IntoView {
    review_page::<RequestReview>(api, id)
}

impl Reviewed for RequestReview {
    type Item = RequestQueueItem;
    const KIND: &'static str = "OA Change Request";
    const NOUN: &'static str = "request";
    const TOLD: &'static str =
        "The applicant, the record's OAs and the people the request names are told.";

    fn load(api: &dyn OperationsApi, id: ApplicationId) -> Answer<Self> {
        api.request(id)
    }

    fn start_review(api: &dyn OperationsApi, id: ApplicationId) -> Answer<RequestQueueItem> {
        api.start_review(id)
    }

    fn decide(
        api: &dyn OperationsApi,
        id: ApplicationId,
        decision: DecisionRequest,
    ) -> Answer<RequestQueueItem> {
        api.decide(id, decision)
    }

    fn consequence(decision: Decision) -> &'static str {
        consequence(decision)
    }

    fn status(&self) -> RequestStatus {
        self.item.status
    }

    fn item_status(item: &RequestQueueItem) -> RequestStatus {
        item.status
    }

    fn set_item(&mut self, item: RequestQueueItem) {
        self.item = item;
    }

    fn heading(&self) -> String {
        format!("Request {}", self.item.subject.tracking_number)
    }

    fn subject(&self) -> String {
        format!(
            "request {} for {}",
            self.item.subject.tracking_number, self.item.subject.record_name
        )
    }

    fn details(&self) -> AnyView {
        view! { <RequestDetails review=self.clone() /> }.into_any()
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
    // People by name and NCID ("New backup OA: Casey Lin (clin2)"); an NCID the server could
    // not name stands alone.
    let named = |named: Option<&NamedUser>, ncid: &str| {
        named.map_or_else(|| ncid.to_owned(), ToString::to_string)
    };
    let primary_change = match draft.new_primary() {
        None => "Keep the current primary OA".to_owned(),
        Some(ncid) => format!(
            "New primary OA: {}",
            named(review.new_primary.as_ref(), ncid)
        ),
    };
    let backup_change = match &draft.backup {
        BackupChoice::NoChange => "No change".to_owned(),
        BackupChoice::Assign { ncid } => {
            format!("New backup OA: {}", named(review.new_backup.as_ref(), ncid))
        }
        BackupChoice::Remove => "Remove the backup OA".to_owned(),
    };
    let mut rows: Vec<(String, AnyView)> = vec![
        (
            "Status".into(),
            view! { <strong id="request-status">{item.status.label()}</strong> }.into_any(),
        ),
        (
            "Tracking number".into(),
            item.subject.tracking_number.to_string().into_any(),
        ),
        (
            "Provider record".into(),
            format!("{} ({})", item.subject.record_name, item.subject.record_id).into_any(),
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
