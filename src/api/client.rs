use super::ApiError;
use crate::state::navigation::query_string;
use contract::accounts::{
    AccountPage, AccountQuery, AccountSelection, RemovalReport, SelectionPreview,
};
use contract::auth::{
    DemoCode, OneTimeCodeRequest, PasswordRequest, SessionInfo, REQUESTED_WITH_HEADER,
    REQUESTED_WITH_VALUE,
};
use contract::records::HomeSummary;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::Cell;

/// Set at build time to reach a backend elsewhere; by default the same origin serves `/api`.
const API_BASE: &str = match option_env!("PORTAL_API_BASE") {
    Some(base) => base,
    None => "/api",
};

thread_local! {
    /// When the server last answered a request successfully: each one restarts its idle period.
    static LAST_ACTIVITY_MS: Cell<Option<f64>> = const { Cell::new(None) };
}

/// The time (ms since the epoch) of the last successful answer, for the idle-timeout model.
pub fn last_activity_ms() -> Option<f64> {
    LAST_ACTIVITY_MS.with(Cell::get)
}

fn url(path: &str) -> String {
    format!("{API_BASE}{path}")
}

pub(super) fn get(path: &str) -> RequestBuilder {
    Request::get(&url(path))
}

/// Every mutating request names the app, which a cross-site form cannot do (CSRF).
fn mutating(builder: RequestBuilder) -> RequestBuilder {
    builder.header(REQUESTED_WITH_HEADER, REQUESTED_WITH_VALUE)
}

pub(super) fn post(path: &str) -> RequestBuilder {
    mutating(Request::post(&url(path)))
}

fn delete(path: &str) -> RequestBuilder {
    mutating(Request::delete(&url(path)))
}

pub(super) fn with_json(
    builder: RequestBuilder,
    body: &impl Serialize,
) -> Result<Request, ApiError> {
    builder.json(body).map_err(|_| ApiError::Server)
}

async fn send(request: Request) -> Result<Response, ApiError> {
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        LAST_ACTIVITY_MS.with(|at| at.set(Some(js_sys::Date::now())));
        return Ok(response);
    }
    let body = response.text().await.unwrap_or_default();
    Err(ApiError::from_response(response.status(), &body))
}

/// The one way answers are read: a refusal becomes an `ApiError`, a success its JSON body.
pub async fn fetch_json<T: DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    send(request)
        .await?
        .json::<T>()
        .await
        .map_err(|_| ApiError::Server)
}

pub(super) fn built(builder: RequestBuilder) -> Result<Request, ApiError> {
    builder.build().map_err(|_| ApiError::Server)
}

pub async fn session() -> Result<SessionInfo, ApiError> {
    fetch_json(built(get("/session"))?).await
}

/// R-AUTH-1, step 2: the password; success leaves a session waiting for its one-time code.
pub async fn submit_password(request: PasswordRequest) -> Result<(), ApiError> {
    send(with_json(post("/session/password"), &request)?)
        .await
        .map(drop)
}

/// R-AUTH-1, step 3: the one-time code completes the sign-in.
pub async fn submit_one_time_code(request: OneTimeCodeRequest) -> Result<SessionInfo, ApiError> {
    fetch_json(with_json(post("/session/one-time-code"), &request)?).await
}

/// Only a server started with `--demo` tells the code; otherwise it answers 404.
pub async fn demo_code() -> Result<Option<DemoCode>, ApiError> {
    match fetch_json(built(get("/session/demo-code"))?).await {
        Ok(code) => Ok(Some(code)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(error) => Err(error),
    }
}

pub async fn keep_alive() -> Result<SessionInfo, ApiError> {
    fetch_json(built(post("/session/keep-alive"))?).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send(built(delete("/session"))?).await.map(drop)
}

pub async fn home() -> Result<HomeSummary, ApiError> {
    fetch_json(built(get("/home"))?).await
}

/// R-ACCT-1: one page of the signed-in user's associations, sorted and filtered by the server.
pub async fn accounts(query: AccountQuery) -> Result<AccountPage, ApiError> {
    let path = format!("/accounts{}", query_string(&query.to_pairs()));
    fetch_json(built(get(&path))?).await
}

/// The rows a selection on any page stands for, for the confirmation dialog (R-ACCT-2).
pub async fn preview_selection(selection: AccountSelection) -> Result<SelectionPreview, ApiError> {
    fetch_json(with_json(post("/accounts/preview"), &selection)?).await
}

/// R-ACCT-2, R-ACCT-4: one request removes everything selected, on every page.
pub async fn remove_accounts(selection: AccountSelection) -> Result<RemovalReport, ApiError> {
    fetch_json(with_json(post("/accounts/removal"), &selection)?).await
}

pub(super) fn put(path: &str) -> RequestBuilder {
    mutating(Request::put(&url(path)))
}

/// The records step 1 of the OA Change Request offers.
pub async fn oa_change_records() -> Result<Vec<contract::oa_change::PickableRecord>, ApiError> {
    fetch_json(built(get("/oa-change/records"))?).await
}

/// What steps 1–3 show about a record, with every listed person's eligibility.
pub async fn oa_change_record(id: String) -> Result<contract::oa_change::RecordOverview, ApiError> {
    fetch_json(built(get(&format!(
        "/oa-change/records/{}",
        path_segment(&id)
    )))?)
    .await
}

/// The caller's draft for the record, to resume; `None` when there is none (404).
pub async fn oa_change_draft(
    record_id: String,
) -> Result<Option<contract::oa_change::DraftView>, ApiError> {
    let path = format!("/oa-change/drafts/{}", path_segment(&record_id));
    match fetch_json(built(get(&path))?).await {
        Ok(draft) => Ok(Some(draft)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Saved on every Continue.
pub async fn save_oa_change_draft(
    record_id: String,
    save: contract::oa_change::SaveDraft,
) -> Result<contract::oa_change::DraftView, ApiError> {
    let path = format!("/oa-change/drafts/{}", path_segment(&record_id));
    fetch_json(with_json(put(&path), &save)?).await
}

/// Record ids are letters and digits; anything else is escaped so it stays one path segment.
fn path_segment(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// R-OA-3: the explanation document, sent as it is; the server checks its size and type.
pub async fn upload_oa_change_attachment(
    file: wasm_bindgen::JsValue,
) -> Result<contract::application::AttachmentInfo, ApiError> {
    let request = post("/oa-change/attachments")
        .body(file)
        .map_err(|_| ApiError::Server)?;
    fetch_json(request).await
}

/// R-AUTH-4: signs and submits the caller's draft for the record.
pub async fn submit_oa_change(
    record_id: String,
    submit: contract::application::SubmitRequest,
) -> Result<contract::application::SubmitReceipt, ApiError> {
    let path = format!("/oa-change/drafts/{}/submit", path_segment(&record_id));
    fetch_json(with_json(post(&path), &submit)?).await
}

/// My applications: the caller's drafts and requests with their status (R-OA-6).
pub async fn applications() -> Result<Vec<contract::oa_change::ApplicationSummary>, ApiError> {
    fetch_json(built(get("/applications"))?).await
}

/// One of the caller's applications, read-only.
pub async fn application(
    id: contract::application::ApplicationId,
) -> Result<contract::oa_change::ApplicationDetail, ApiError> {
    fetch_json(built(get(&format!("/applications/{id}")))?).await
}

/// R-OA-5: discards a draft or withdraws an open request; it cannot be undone.
pub async fn withdraw_application(
    id: contract::application::ApplicationId,
) -> Result<contract::oa_change::ApplicationSummary, ApiError> {
    fetch_json(built(post(&format!("/applications/{id}/withdraw")))?).await
}

/// The operations queue (staff only), every submitted request or those with `status`.
pub async fn operations_queue(
    status: Option<contract::application::RequestStatus>,
) -> Result<Vec<contract::operations::QueueItem>, ApiError> {
    let pairs: Vec<(&str, String)> = status
        .map(|status| ("status", status.as_str().to_owned()))
        .into_iter()
        .collect();
    let path = format!("/operations/requests{}", query_string(&pairs));
    fetch_json(built(get(&path))?).await
}

/// One request with every answer; reading it changes nothing.
pub async fn operations_request(
    id: contract::application::ApplicationId,
) -> Result<contract::operations::RequestReview, ApiError> {
    fetch_json(built(get(&format!("/operations/requests/{id}")))?).await
}

/// R-OA-6: staff start reviewing a submitted request, which puts it In review.
pub async fn start_review(
    id: contract::application::ApplicationId,
) -> Result<contract::operations::QueueItem, ApiError> {
    fetch_json(built(post(&format!("/operations/requests/{id}/review")))?).await
}

/// R-OA-6: approve, deny or return the request.
pub async fn decide(
    id: contract::application::ApplicationId,
    decision: contract::application::DecisionRequest,
) -> Result<contract::operations::QueueItem, ApiError> {
    let path = format!("/operations/requests/{id}/decision");
    fetch_json(with_json(post(&path), &decision)?).await
}

/// The enrollment applications of the operations queue (staff only), every submitted one or
/// those with `status`.
pub async fn operations_enrollments(
    status: Option<contract::application::RequestStatus>,
) -> Result<Vec<contract::operations::EnrollmentQueueItem>, ApiError> {
    let pairs: Vec<(&str, String)> = status
        .map(|status| ("status", status.as_str().to_owned()))
        .into_iter()
        .collect();
    let path = format!("/operations/enrollments{}", query_string(&pairs));
    fetch_json(built(get(&path))?).await
}

/// One enrollment application with every answer; reading it changes nothing.
pub async fn operations_enrollment(
    id: contract::application::ApplicationId,
) -> Result<contract::operations::EnrollmentReview, ApiError> {
    fetch_json(built(get(&format!("/operations/enrollments/{id}")))?).await
}

/// R-OA-6: staff start reviewing a submitted enrollment application.
pub async fn start_enrollment_review(
    id: contract::application::ApplicationId,
) -> Result<contract::operations::EnrollmentQueueItem, ApiError> {
    fetch_json(built(post(&format!(
        "/operations/enrollments/{id}/review"
    )))?)
    .await
}

/// R-OA-6: approve (which creates the record), deny or return the enrollment application.
pub async fn decide_enrollment(
    id: contract::application::ApplicationId,
    decision: contract::application::DecisionRequest,
) -> Result<contract::operations::EnrollmentQueueItem, ApiError> {
    let path = format!("/operations/enrollments/{id}/decision");
    fetch_json(with_json(post(&path), &decision)?).await
}

/// Where staff download a request's explanation document (R-OA-3).
pub fn attachment_url(id: contract::application::AttachmentId) -> String {
    url(&format!("/operations/attachments/{id}"))
}

/// R-BOA-8: end-dates the record's primary OA; the backup is not promoted.
pub async fn end_date_primary(
    record_id: String,
    request: contract::operations::EndDatePrimary,
) -> Result<(), ApiError> {
    let path = format!(
        "/operations/records/{}/end-date-primary",
        path_segment(&record_id)
    );
    send(with_json(post(&path), &request)?).await.map(drop)
}

/// R-AUTH-2: clears the user's sign-in, PIN and Authorization Code locks.
pub async fn unlock_user(ncid: String) -> Result<(), ApiError> {
    let path = format!("/operations/users/{}/unlock", path_segment(&ncid));
    send(built(post(&path))?).await.map(drop)
}

/// One page of the signed-in user's messages, newest first.
pub async fn messages(page: u32) -> Result<contract::messages::MessagePage, ApiError> {
    fetch_json(built(get(&format!("/messages?page={page}")))?).await
}

/// The count the navigation shows.
pub async fn unread_count() -> Result<contract::messages::UnreadCount, ApiError> {
    fetch_json(built(get("/messages/unread-count"))?).await
}

pub async fn mark_message_read(
    id: contract::messages::MessageId,
) -> Result<contract::messages::Message, ApiError> {
    fetch_json(built(post(&format!("/messages/{id}/read")))?).await
}
