//! The OA Change Request wizard's requests (R-OA-1..3, R-AUTH-4).

use super::client::{built, get, if_found, json, path_segment, post, put, with_json};
use super::{Answer, ApiError};
use contract::application::{ApplicationId, AttachmentInfo, SubmitReceipt, SubmitRequest};
use contract::oa_change::{
    ApplicationDetail, DraftView, PickableRecord, RecordOverview, SaveDraft,
};
use wasm_bindgen::JsValue;

/// The requests of the wizard.
pub trait OaChangeApi {
    fn records(&self) -> Answer<Vec<PickableRecord>>;
    fn record(&self, id: String) -> Answer<RecordOverview>;
    /// The caller's draft for the record; `None` when there is none.
    fn draft(&self, record_id: String) -> Answer<Option<DraftView>>;
    fn save(&self, record_id: String, save: SaveDraft) -> Answer<DraftView>;
    /// R-OA-3: the explanation document (a browser `File`).
    fn upload(&self, file: JsValue) -> Answer<AttachmentInfo>;
    /// R-AUTH-4: the electronic signature.
    fn submit(&self, record_id: String, submit: SubmitRequest) -> Answer<SubmitReceipt>;
    /// The request just submitted, whose confirmation a reload shows again.
    fn application(&self, id: ApplicationId) -> Answer<ApplicationDetail>;
}

/// The real server, over HTTP.
pub struct ServerOaChange;

fn draft_path(record_id: &str) -> String {
    format!("/oa-change/drafts/{}", path_segment(record_id))
}

impl OaChangeApi for ServerOaChange {
    /// The records step 1 offers.
    fn records(&self) -> Answer<Vec<PickableRecord>> {
        json(built(get("/oa-change/records")))
    }

    /// What steps 1–3 show about a record, with every listed person's eligibility.
    fn record(&self, id: String) -> Answer<RecordOverview> {
        record_overview(&id)
    }

    fn draft(&self, record_id: String) -> Answer<Option<DraftView>> {
        if_found(json(built(get(&draft_path(&record_id)))))
    }

    /// Saved on every Continue.
    fn save(&self, record_id: String, save: SaveDraft) -> Answer<DraftView> {
        json(with_json(put(&draft_path(&record_id)), &save))
    }

    fn upload(&self, file: JsValue) -> Answer<AttachmentInfo> {
        upload_attachment(file)
    }

    /// R-AUTH-4: signs and submits the caller's draft for the record.
    fn submit(&self, record_id: String, submit: SubmitRequest) -> Answer<SubmitReceipt> {
        let path = format!("{}/submit", draft_path(&record_id));
        json(with_json(post(&path), &submit))
    }

    fn application(&self, id: ApplicationId) -> Answer<ApplicationDetail> {
        application_detail(id)
    }
}

/// A record as the OA Change Request shows it; My applications names its people from it too.
pub(super) fn record_overview(id: &str) -> Answer<RecordOverview> {
    json(built(get(&format!(
        "/oa-change/records/{}",
        path_segment(id)
    ))))
}

/// R-OA-3: the explanation document, sent as it is; the server checks its size and type. The
/// enrollment application uploads here too.
pub(super) fn upload_attachment(file: JsValue) -> Answer<AttachmentInfo> {
    json(
        post("/oa-change/attachments")
            .body(file)
            .map_err(|_| ApiError::Server),
    )
}

/// One of the caller's applications, read-only: the wizard's confirmation and My applications.
pub(super) fn application_detail(id: ApplicationId) -> Answer<ApplicationDetail> {
    json(built(get(&format!("/applications/{id}"))))
}
