//! My applications' requests (R-OA-5, R-OA-6).

use super::client::{built, get, json, post};
use super::Answer;
use crate::state::applications::EnrollmentLine;
use contract::application::ApplicationId;
use contract::oa_change::{ApplicationDetail, ApplicationSummary, RecordOverview};

/// The requests of My applications.
pub trait ApplicationsApi {
    fn applications(&self) -> Answer<Vec<ApplicationSummary>>;
    /// The user's enrollment applications and those naming them backup OA (R-BOA-5).
    fn enrollments(&self) -> Answer<Vec<EnrollmentLine>>;
    fn application(&self, id: ApplicationId) -> Answer<ApplicationDetail>;
    /// R-OA-5: cannot be undone.
    fn withdraw(&self, id: ApplicationId) -> Answer<ApplicationSummary>;
    /// The record's overview, to name the people the answers give by NCID.
    fn record(&self, id: String) -> Answer<RecordOverview>;
}

/// The real server, over HTTP.
pub struct ServerApplications;

impl ApplicationsApi for ServerApplications {
    /// The caller's drafts and requests with their status (R-OA-6).
    fn applications(&self) -> Answer<Vec<ApplicationSummary>> {
        json(built(get("/applications")))
    }

    fn enrollments(&self) -> Answer<Vec<EnrollmentLine>> {
        json(built(get("/enrollments")))
    }

    fn application(&self, id: ApplicationId) -> Answer<ApplicationDetail> {
        super::oa_change::application_detail(id)
    }

    /// R-OA-5: discards a draft or withdraws an open request.
    fn withdraw(&self, id: ApplicationId) -> Answer<ApplicationSummary> {
        json(built(post(&format!("/applications/{id}/withdraw"))))
    }

    fn record(&self, id: String) -> Answer<RecordOverview> {
        super::oa_change::record_overview(&id)
    }
}
