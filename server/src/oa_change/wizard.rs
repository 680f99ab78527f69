//! The OA Change Request wizard (R-BOA-1..10, R-OA-1..7, R-AUTH-4): records the user may
//! pick, drafts saved on every Continue, and the submission signed with the PIN.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use contract::application::{ApplicationId, SubmitReceipt, SubmitRequest, TrackingNumber};
use contract::error::codes;
use contract::oa_change::{
    request_record, validate_request, validate_through, DraftView, OaChangeDraft, PickableRecord,
    RecordOverview, ReturnedRequest, SaveDraft,
};
use contract::records::backup_availability;
use contract::ApiErrorBody;
use contract::Rule;
use sqlx::SqliteConnection;

use super::kind::{parse_draft, OaChangeRequest};
use crate::application::{self, editable_sql, not_yours};
use crate::attachments;
use crate::auth::CurrentUser;
use crate::guesses::{self, Guess};
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::path::Path;
use crate::store::notices::{self, About, Notice};
use crate::store::records::Record;
use crate::store::{day_of, from_text, to_text};
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(records))
        .routes(routes!(record))
        .routes(routes!(draft, save_draft))
        .routes(routes!(submit))
}

/// R-OA-2
fn code_required() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ApiErrorBody::new(
            codes::FORBIDDEN,
            "You are not an Office Administrator of this record: give its Authorization Code, \
             from its Welcome Letter.",
        )
        .with_rule(Rule::Oa2)
        .with_field(
            "authorization_code",
            "Enter the record's Authorization Code",
        ),
    )
}

/// Step 1 accepts a typed NPI or Atypical ID: a wrong NPI check digit is told as such rather
/// than as an unknown record, and a list of records is refused (R-BOA-7).
fn check_record_id(id: &str) -> ApiResult<()> {
    request_record(id).map(drop).map_err(|error| {
        let body = ApiErrorBody::new(codes::VALIDATION, error.message.clone())
            .with_field(&error.field, error.message);
        ApiError::validation(match error.rule {
            Some(rule) => body.with_rule(rule),
            None => body,
        })
    })
}

fn no_such_record() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorBody::new(
            codes::NOT_FOUND,
            "There is no provider record with this id.",
        )
        .with_field("record", "Check the NPI or Atypical ID"),
    )
}

/// `GET /api/oa-change/records`: where the user is primary OA (not end-dated), backup OA or an
/// MR user.
#[utoipa::path(
    get,
    path = "/api/oa-change/records",
    tag = "oa-change",
    security(("session" = [])),
    responses((status = 200, description = "The records the caller may pick, with their \
        `standing`, sorted by name.", body = Vec<PickableRecord>))
)]
async fn records(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Vec<PickableRecord>>> {
    let mut connection = state.db.acquire().await?;
    let records = Record::related_to(&mut connection, &user, state.clock.today()).await?;
    Ok(Json(
        records
            .into_iter()
            .filter_map(|record| {
                // None: an end-dated primary OA who is not listed on the record (R-BOA-8).
                let standing = record.standing(&user)?;
                Some(PickableRecord {
                    id: record.id,
                    name: record.name,
                    standing,
                })
            })
            .collect(),
    ))
}

async fn code_proven(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    record_id: &str,
) -> ApiResult<bool> {
    let editable = editable_sql();
    Ok(sqlx::query_scalar::<_, Option<bool>>(&format!(
        "SELECT max(code_proven) FROM oa_change_requests \
         WHERE applicant_user_id = ? AND record_id = ? AND status IN {editable}"
    ))
    .bind(user.id)
    .bind(record_id)
    .fetch_one(&mut *connection)
    .await?
    .unwrap_or(false))
}

/// The record a typed id names, and whether a draft of the user's for it has proven its
/// Authorization Code (R-OA-2).
async fn record_and_proof(
    connection: &mut SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> ApiResult<(Record, bool)> {
    check_record_id(id)?;
    let record = Record::load(connection, id, state.clock.today())
        .await?
        .ok_or_else(no_such_record)?;
    let proven = code_proven(connection, user, id).await?;
    Ok((record, proven))
}

/// `GET /api/oa-change/records/{id}`: what steps 1–3 show. Someone unrelated to the record sees
/// it only once a draft of theirs has proven its Authorization Code (R-OA-2).
#[utoipa::path(
    get,
    path = "/api/oa-change/records/{id}",
    tag = "oa-change",
    security(("session" = [])),
    params(("id" = String, Path, description = "The record's NPI or Atypical ID, as typed.")),
    responses(
        (status = 200, description = "What steps 1-3 show.", body = RecordOverview),
        (status = 403, description = "`forbidden` (R-OA-2): the caller is neither an OA nor an \
            MR user of the record and no draft of theirs has proven its code.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no such record.", body = ApiErrorBody),
        (status = 422, description = "`validation`: `fields.record` is not an NPI with a valid \
            check digit nor an Atypical ID (R-BOA-7).", body = ApiErrorBody),
    )
)]
async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<RecordOverview>> {
    let mut connection = state.db.acquire().await?;
    let (record, proven) = record_and_proof(&mut connection, &state, &user, &id).await?;
    let standing = record.standing(&user);
    if standing.is_none() && !proven {
        return Err(code_required());
    }
    let facts = record.facts(&user.ncid);
    Ok(Json(RecordOverview {
        candidates: facts.candidates(None),
        backup_unavailable: backup_availability(record.kind, &record.programs).err(),
        needs_authorization_code: !record.may_apply(&user, proven),
        has_active_primary_oa: record.primary_active,
        id: record.id,
        name: record.name,
        kind: record.kind,
        programs: record.programs,
        primary_oa: record.primary,
        backup_oa: record.backup,
    }))
}

/// The caller's editable request for a record, with the tracking number and decision note a
/// returned request keeps.
#[derive(sqlx::FromRow)]
struct DraftRow {
    id: ApplicationId,
    step: String,
    content: String,
    code_proven: bool,
    updated: i64,
    tracking_number: Option<String>,
    decision_note: Option<String>,
}

/// The caller's editable application for the record: a request returned for correction
/// (R-OA-6), which is the one to correct and resubmit, or else the draft.
async fn load_draft(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    record_id: &str,
) -> ApiResult<Option<DraftRow>> {
    let editable = editable_sql();
    Ok(sqlx::query_as(&format!(
        "SELECT id, step, content, code_proven, updated, tracking_number, decision_note \
         FROM oa_change_requests \
         WHERE applicant_user_id = ? AND record_id = ? AND status IN {editable} \
         ORDER BY status = 'returned' DESC LIMIT 1"
    ))
    .bind(user.id)
    .bind(record_id)
    .fetch_optional(&mut *connection)
    .await?)
}

fn draft_view(record_id: String, row: DraftRow) -> ApiResult<DraftView> {
    Ok(DraftView {
        id: row.id,
        record_id,
        step: from_text(&row.step)?,
        draft: parse_draft(&row.content)?,
        updated: day_of(row.updated),
        returned: returned_request(row.tracking_number, row.decision_note),
    })
}

/// R-OA-3: an explanation named in a draft must be an upload of the applicant's own.
async fn check_explanation(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    draft: &OaChangeDraft,
) -> ApiResult<()> {
    match attachments::check_explanation(connection, user.id, draft.exclusion.explanation).await? {
        Some(error) => Err(ApiError::fields(vec![error])),
        None => Ok(()),
    }
}

/// What a save writes, in the order the statements below bind it.
struct DraftWrite<'a> {
    applicant: i64,
    record_id: &'a str,
    step: &'a str,
    content: &'a str,
    code_proven: bool,
    now: i64,
}

const UPDATE_RETURNED: &str = "UPDATE oa_change_requests \
     SET step = ?3, content = ?4, code_proven = max(code_proven, ?5), updated = ?6 \
     WHERE applicant_user_id = ?1 AND record_id = ?2 AND status = 'returned' \
     RETURNING id, tracking_number, decision_note";

const UPSERT_DRAFT: &str = "INSERT INTO oa_change_requests \
         (applicant_user_id, record_id, status, step, content, code_proven, created, updated) \
     VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?6) \
     ON CONFLICT (applicant_user_id, record_id) WHERE status = 'draft' DO UPDATE \
     SET step = excluded.step, content = excluded.content, \
         code_proven = max(code_proven, excluded.code_proven), updated = excluded.updated \
     RETURNING id, tracking_number, decision_note";

/// The request a save wrote, with the tracking number and note a returned one keeps.
#[derive(sqlx::FromRow)]
struct SavedRow {
    id: ApplicationId,
    tracking_number: Option<String>,
    decision_note: Option<String>,
}

impl DraftWrite<'_> {
    async fn run(
        &self,
        connection: &mut SqliteConnection,
        sql: &str,
    ) -> ApiResult<Option<SavedRow>> {
        Ok(sqlx::query_as(sql)
            .bind(self.applicant)
            .bind(self.record_id)
            .bind(self.step)
            .bind(self.content)
            .bind(self.code_proven)
            .bind(self.now)
            .fetch_optional(&mut *connection)
            .await?)
    }
}

/// Only a submitted request has a tracking number; among those only a returned one is editable
/// (`load_draft`).
fn returned_request(
    tracking_number: Option<String>,
    note: Option<String>,
) -> Option<ReturnedRequest> {
    tracking_number.map(|tracking| ReturnedRequest {
        tracking_number: TrackingNumber(tracking),
        note,
    })
}

/// `PUT /api/oa-change/drafts/{record_id}`: saved on every Continue, after the steps up to the
/// one completed pass the contract's checks. One draft per author and record (R-OA-5).
#[utoipa::path(
    put,
    path = "/api/oa-change/drafts/{record_id}",
    tag = "oa-change",
    security(("session" = [])),
    params(("record_id" = String, Path, description = "The record's NPI or Atypical ID.")),
    request_body = SaveDraft,
    responses(
        (status = 200, description = "The saved draft, or the returned request corrected.",
            body = DraftView),
        (status = 403, description = "`forbidden` (R-OA-2): no standing, no draft that proved \
            the code, and no or a wrong `authorization_code`.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no such record.", body = ApiErrorBody),
        (status = 422, description = "`validation` of the steps up to `step` (R-OA-1, \
            R-BOA-1, R-BOA-2, R-BOA-9, R-BOA-10, R-OA-4, R-OA-3).", body = ApiErrorBody),
        (status = 423, description = "`authorization_code_locked` (R-OA-2) on the third wrong \
            code and while locked.", body = ApiErrorBody),
    )
)]
async fn save_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    ApiJson(save): ApiJson<SaveDraft>,
) -> ApiResult<Json<DraftView>> {
    let mut connection = state.db.acquire().await?;
    let (record, already_proven) =
        record_and_proof(&mut connection, &state, &user, &record_id).await?;
    let now = state.clock.now();
    let mut proven_now = false;
    let given = save
        .authorization_code
        .as_deref()
        .filter(|code| !code.trim().is_empty());
    // R-OA-2: a code counts only from someone who needs one; wrong codes are limited like PINs.
    if let Some(code) = given.filter(|_| !record.may_apply(&user, already_proven)) {
        guesses::claim(&mut connection, user.id, Guess::AuthorizationCode, now).await?;
        if !record.code_matches(code) {
            return Err(guesses::wrong(
                &mut connection,
                user.id,
                Guess::AuthorizationCode,
                now,
                code_required(),
            )
            .await);
        }
        guesses::clear(&mut connection, user.id, Guess::AuthorizationCode).await?;
        proven_now = true;
    }
    let code_proven = already_proven || proven_now;
    // R-OA-2
    if !record.may_apply(&user, code_proven) {
        return Err(code_required());
    }
    let errors = validate_through(save.step, &save.draft, &record.facts(&user.ncid));
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    check_explanation(&mut connection, &user, &save.draft).await?;

    let content = serde_json::to_string(&save.draft).map_err(anyhow::Error::from)?;
    let step = to_text(save.step)?;
    let write = DraftWrite {
        applicant: user.id,
        record_id: &record_id,
        step: &step,
        content: &content,
        code_proven,
        now,
    };
    // R-OA-6: a request returned for correction is edited in place, keeping its id and
    // tracking number; otherwise the one draft per author and record is created or replaced.
    let saved = match write.run(&mut connection, UPDATE_RETURNED).await? {
        Some(returned) => returned,
        None => write
            .run(&mut connection, UPSERT_DRAFT)
            .await?
            .ok_or_else(|| anyhow::anyhow!("saving a draft for {record_id} wrote no row"))?,
    };
    Ok(Json(DraftView {
        id: saved.id,
        record_id,
        step: save.step,
        draft: save.draft,
        updated: day_of(now),
        returned: returned_request(saved.tracking_number, saved.decision_note),
    }))
}

/// `GET /api/oa-change/drafts/{record_id}`: the caller's own draft only (R-OA-5).
#[utoipa::path(
    get,
    path = "/api/oa-change/drafts/{record_id}",
    tag = "oa-change",
    security(("session" = [])),
    params(("record_id" = String, Path, description = "The record's NPI or Atypical ID.")),
    responses(
        (status = 200, description = "The caller's request returned for correction, else \
            their draft.", body = DraftView),
        (status = 404, description = "`not_found` (R-OA-5): none of the caller's.", body = ApiErrorBody),
    )
)]
async fn draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
) -> ApiResult<Json<DraftView>> {
    let mut connection = state.db.acquire().await?;
    let row = load_draft(&mut connection, &user, &record_id)
        .await?
        .ok_or_else(not_yours::<OaChangeRequest>)?;
    Ok(Json(draft_view(record_id, row)?))
}

/// `POST /api/oa-change/drafts/{record_id}/submit`: the whole request is checked again, signed
/// with the PIN (R-AUTH-4), refused while another request for the record is open (R-OA-5), and
/// announced to everyone R-OA-7 names.
#[utoipa::path(
    post,
    path = "/api/oa-change/drafts/{record_id}/submit",
    operation_id = "submit_oa_change",
    tag = "oa-change",
    security(("session" = [])),
    params(("record_id" = String, Path, description = "The record's NPI or Atypical ID.")),
    request_body = SubmitRequest,
    responses(
        (status = 200, description = "Submitted: its tracking number.", body = SubmitReceipt),
        (status = 403, description = "`forbidden` (R-OA-2: standing lost since the draft) or \
            `invalid_pin` (R-AUTH-4, `fields.pin`).", body = ApiErrorBody),
        (status = 404, description = "`not_found` (R-OA-5): no draft or returned request of \
            the caller's.", body = ApiErrorBody),
        (status = 409, description = "`conflict` (R-OA-5): the record already has an open \
            request.", body = ApiErrorBody),
        (status = 422, description = "`validation`: any step, or `attestation` or `pin` \
            missing (R-AUTH-4).", body = ApiErrorBody),
        (status = 423, description = "`pin_locked` (R-AUTH-4) on the third wrong PIN and while \
            locked.", body = ApiErrorBody),
    )
)]
async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    ApiJson(submit): ApiJson<SubmitRequest>,
) -> ApiResult<Json<SubmitReceipt>> {
    let mut connection = state.db.acquire().await?;
    let row = load_draft(&mut connection, &user, &record_id)
        .await?
        .ok_or_else(not_yours::<OaChangeRequest>)?;
    let draft = parse_draft(&row.content)?;
    let record = Record::load(&mut connection, &record_id, state.clock.today())
        .await?
        .ok_or_else(no_such_record)?;
    if !record.may_apply(&user, row.code_proven) {
        return Err(code_required());
    }
    let errors = validate_request(&draft, &record.facts(&user.ncid), &submit);
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    check_explanation(&mut connection, &user, &draft).await?;
    let now = state.clock.now();
    guesses::verify_pin(&mut connection, user.id, submit.pin, now).await?;

    drop(connection);
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let (mut transaction, tracking) = application::submit::<OaChangeRequest>(
        &mut connection,
        row.id,
        &record_id,
        row.tracking_number,
        now,
    )
    .await?;
    let tracking_number = TrackingNumber(tracking);
    notify_submitted(
        &mut transaction,
        &user,
        &record,
        &draft,
        &tracking_number,
        now,
    )
    .await?;
    transaction.commit().await?;
    Ok(Json(SubmitReceipt {
        id: row.id,
        tracking_number,
        submitted: day_of(now),
    }))
}

/// R-OA-7, R-BOA-4: everyone who hears of a submitted request, told once each, in the
/// submission's transaction.
pub(super) async fn notify_submitted(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    record: &Record,
    draft: &OaChangeDraft,
    tracking_number: &TrackingNumber,
    now: i64,
) -> ApiResult<()> {
    let recipients = notices::oa_change_recipients(connection, record, user.id, draft).await?;
    let notice = Notice {
        about: About::Record(&record.id),
        subject: format!("OA Change Request submitted: {}", record.name),
        body: format!(
            "{} ({}) submitted OA Change Request {tracking_number} for {} ({}). Nothing changes \
             until the request is approved.",
            user.name, user.ncid, record.name, record.id
        ),
        created: now,
    };
    notices::send(connection, recipients, &notice).await
}
