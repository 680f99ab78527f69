//! The operations pages' requests (staff only): the queue, review and decision (R-OA-6), and
//! the tools (R-BOA-8, R-AUTH-2).

use super::client::{built, get, json, no_content, path_segment, post, url, with_json};
use super::Answer;
use crate::state::navigation::query_string;
use contract::application::{ApplicationId, AttachmentId, DecisionRequest, RequestStatus};
use contract::operations::{
    EndDatePrimary, EnrollmentQueueItem, EnrollmentReview, RequestQueueItem, RequestReview,
};
use serde::de::DeserializeOwned;

/// The requests of the operations pages.
pub trait OperationsApi {
    fn queue(&self, status: Option<RequestStatus>) -> Answer<Vec<RequestQueueItem>>;
    fn request(&self, id: ApplicationId) -> Answer<RequestReview>;
    /// R-OA-6: puts a submitted request In review.
    fn start_review(&self, id: ApplicationId) -> Answer<RequestQueueItem>;
    fn decide(&self, id: ApplicationId, decision: DecisionRequest) -> Answer<RequestQueueItem>;
    /// The enrollment applications of the same queue (R-BOA-5).
    fn enrollment_queue(&self, status: Option<RequestStatus>) -> Answer<Vec<EnrollmentQueueItem>>;
    fn enrollment(&self, id: ApplicationId) -> Answer<EnrollmentReview>;
    /// R-OA-6: puts a submitted enrollment application In review.
    fn start_enrollment_review(&self, id: ApplicationId) -> Answer<EnrollmentQueueItem>;
    fn decide_enrollment(
        &self,
        id: ApplicationId,
        decision: DecisionRequest,
    ) -> Answer<EnrollmentQueueItem>;
    fn end_date_primary(&self, record_id: String, request: EndDatePrimary) -> Answer<()>;
    fn unlock(&self, ncid: String) -> Answer<()>;
}

/// The real server, over HTTP.
pub struct ServerOperations;

/// Where one kind of application sits in the operations API: `requests` (OA Change Requests)
/// or `enrollments`; both kinds have the same queue, review and decision.
fn queue<T: DeserializeOwned + 'static>(
    kind: &str,
    status: Option<RequestStatus>,
) -> Answer<Vec<T>> {
    let pairs: Vec<(&str, String)> = status
        .map(|status| ("status", status.as_str().to_owned()))
        .into_iter()
        .collect();
    json(built(get(&format!(
        "/operations/{kind}{}",
        query_string(&pairs)
    ))))
}

/// Reading an application changes nothing.
fn review<T: DeserializeOwned + 'static>(kind: &str, id: ApplicationId) -> Answer<T> {
    json(built(get(&format!("/operations/{kind}/{id}"))))
}

fn start_review<T: DeserializeOwned + 'static>(kind: &str, id: ApplicationId) -> Answer<T> {
    json(built(post(&format!("/operations/{kind}/{id}/review"))))
}

fn decide<T: DeserializeOwned + 'static>(
    kind: &str,
    id: ApplicationId,
    decision: DecisionRequest,
) -> Answer<T> {
    let path = format!("/operations/{kind}/{id}/decision");
    json(with_json(post(&path), &decision))
}

impl OperationsApi for ServerOperations {
    fn queue(&self, status: Option<RequestStatus>) -> Answer<Vec<RequestQueueItem>> {
        queue("requests", status)
    }

    fn request(&self, id: ApplicationId) -> Answer<RequestReview> {
        review("requests", id)
    }

    fn start_review(&self, id: ApplicationId) -> Answer<RequestQueueItem> {
        start_review("requests", id)
    }

    fn decide(&self, id: ApplicationId, decision: DecisionRequest) -> Answer<RequestQueueItem> {
        decide("requests", id, decision)
    }

    fn enrollment_queue(&self, status: Option<RequestStatus>) -> Answer<Vec<EnrollmentQueueItem>> {
        queue("enrollments", status)
    }

    fn enrollment(&self, id: ApplicationId) -> Answer<EnrollmentReview> {
        review("enrollments", id)
    }

    fn start_enrollment_review(&self, id: ApplicationId) -> Answer<EnrollmentQueueItem> {
        start_review("enrollments", id)
    }

    /// Approving an enrollment application creates the record.
    fn decide_enrollment(
        &self,
        id: ApplicationId,
        decision: DecisionRequest,
    ) -> Answer<EnrollmentQueueItem> {
        decide("enrollments", id, decision)
    }

    /// R-BOA-8: end-dates the record's primary OA; the backup is not promoted.
    fn end_date_primary(&self, record_id: String, request: EndDatePrimary) -> Answer<()> {
        let path = format!(
            "/operations/records/{}/end-date-primary",
            path_segment(&record_id)
        );
        no_content(with_json(post(&path), &request))
    }

    /// R-AUTH-2: clears the user's sign-in, PIN and Authorization Code locks.
    fn unlock(&self, ncid: String) -> Answer<()> {
        let path = format!("/operations/users/{}/unlock", path_segment(&ncid));
        no_content(built(post(&path)))
    }
}

/// Where staff download a request's explanation document (R-OA-3).
pub fn attachment_url(id: AttachmentId) -> String {
    url(&format!("/operations/attachments/{id}"))
}
