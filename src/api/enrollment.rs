//! The enrollment application's requests (R-BOA-5, R-AUTH-4).

use super::client::{built, get, json, post, put, with_json};
use super::Answer;
use contract::application::{ApplicationId, AttachmentInfo, SubmitRequest};
use contract::enrollment::{EnrollmentView, SaveEnrollment};
use wasm_bindgen::JsValue;

/// The requests of the enrollment pages.
pub trait EnrollmentApi {
    fn list(&self) -> Answer<Vec<EnrollmentView>>;
    fn create(&self) -> Answer<EnrollmentView>;
    fn application(&self, id: ApplicationId) -> Answer<EnrollmentView>;
    fn save(&self, id: ApplicationId, save: SaveEnrollment) -> Answer<EnrollmentView>;
    /// R-OA-3: the explanation document (a browser `File`).
    fn upload(&self, file: JsValue) -> Answer<AttachmentInfo>;
    /// R-AUTH-4, R-BOA-5: the primary OA's electronic signature.
    fn submit(&self, id: ApplicationId, submit: SubmitRequest) -> Answer<EnrollmentView>;
}

/// The real server, over HTTP.
pub struct ServerEnrollment;

impl EnrollmentApi for ServerEnrollment {
    /// The caller's applications and those naming them backup OA.
    fn list(&self) -> Answer<Vec<EnrollmentView>> {
        json(built(get("/enrollments")))
    }

    fn create(&self) -> Answer<EnrollmentView> {
        json(built(post("/enrollments")))
    }

    fn application(&self, id: ApplicationId) -> Answer<EnrollmentView> {
        json(built(get(&format!("/enrollments/{id}"))))
    }

    /// Saved on every Continue.
    fn save(&self, id: ApplicationId, save: SaveEnrollment) -> Answer<EnrollmentView> {
        json(with_json(put(&format!("/enrollments/{id}")), &save))
    }

    fn upload(&self, file: JsValue) -> Answer<AttachmentInfo> {
        super::oa_change::upload_attachment(file)
    }

    /// R-BOA-5, R-AUTH-4: the primary OA signs and submits.
    fn submit(&self, id: ApplicationId, submit: SubmitRequest) -> Answer<EnrollmentView> {
        json(with_json(
            post(&format!("/enrollments/{id}/submit")),
            &submit,
        ))
    }
}
