//! One backup OA for several records (R-MANY-1..3): the user's records, each picked record's
//! people, the judgement of a person for the set, the set saved on every Continue, the
//! explanation documents (R-OA-3) and the one signature that files a request per record.

use super::client::{built, get, json, post, put, with_json};
use super::oa_change::{record_overview, upload_attachment};
use super::Answer;
use contract::application::{AttachmentInfo, SubmitRequest};
use contract::oa_change::RecordOverview;
use contract::records::HomeSummary;
use contract::several_records::{JudgeBackup, RecordOutcome, RecordVerdict, SaveSet, SetView};
use wasm_bindgen::JsValue;

const SET_PATH: &str = "/oa-change/several";

/// The requests of the flow.
pub trait SeveralRecordsApi {
    /// The records where the user is primary or backup OA, as Home lists them.
    fn records(&self) -> Answer<HomeSummary>;
    /// A picked record's listed people.
    fn record(&self, id: String) -> Answer<RecordOverview>;
    /// The user's prepared set, if any.
    fn prepared(&self) -> Answer<Option<SetView>>;
    /// R-MANY-1: the person judged for each record.
    fn judge(&self, asked: JudgeBackup) -> Answer<Vec<RecordVerdict>>;
    /// Saved on every Continue.
    fn save(&self, save: SaveSet) -> Answer<SetView>;
    /// R-OA-3: an explanation document (a browser `File`).
    fn upload(&self, file: JsValue) -> Answer<AttachmentInfo>;
    /// R-MANY-3, R-AUTH-4: one signature files each record's request.
    fn submit(&self, signature: SubmitRequest) -> Answer<Vec<RecordOutcome>>;
}

/// The real server, over HTTP.
pub struct ServerSeveralRecords;

impl SeveralRecordsApi for ServerSeveralRecords {
    fn records(&self) -> Answer<HomeSummary> {
        super::home::home()
    }

    fn record(&self, id: String) -> Answer<RecordOverview> {
        record_overview(&id)
    }

    fn prepared(&self) -> Answer<Option<SetView>> {
        json(built(get(SET_PATH)))
    }

    fn judge(&self, asked: JudgeBackup) -> Answer<Vec<RecordVerdict>> {
        json(with_json(post(&format!("{SET_PATH}/judgement")), &asked))
    }

    fn save(&self, save: SaveSet) -> Answer<SetView> {
        json(with_json(put(SET_PATH), &save))
    }

    fn upload(&self, file: JsValue) -> Answer<AttachmentInfo> {
        upload_attachment(file)
    }

    fn submit(&self, signature: SubmitRequest) -> Answer<Vec<RecordOutcome>> {
        json(with_json(post(&format!("{SET_PATH}/submit")), &signature))
    }
}
