//! The OA Change Request wizard (R-BOA-1..10, R-OA-1..7, R-AUTH-4) and My applications: records
//! the user may pick, drafts saved on every Continue, submission signed with the PIN, the
//! explanation upload, and the user's applications with withdrawal.

use axum::body::{to_bytes, Body};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use contract::application::{
    ApplicationId, AttachmentId, AttachmentInfo, AttachmentKind, FieldError, RequestStatus,
    SubmitReceipt, SubmitRequest, TrackingNumber, MAX_ATTACHMENT_BYTES,
};
use contract::error::codes;
use contract::oa_change::{
    may_sign, request_record, validate_request, validate_through, ApplicationDetail,
    ApplicationSummary, BackupChoice, DraftView, OaChangeDraft, PickableRecord, RecordFacts,
    RecordOverview, ReturnedRequest, SaveDraft,
};
use contract::records::{
    backup_availability, oa_is_active, ManagingRelationship, OfficeAdministrator, Program,
    RecordKind, Relationship, Standing,
};
use contract::Rule;
use contract::{ApiErrorBody, CalendarDate};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::{Connection, SqliteConnection};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::guesses::{self, Guess};
use crate::home::{oa, parse_kind};
use crate::json::ApiJson;
use crate::notices::{self, About, Notice};
use crate::AppState;

/// A record with everything the rules need.
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) name: String,
    kind: RecordKind,
    programs: Vec<Program>,
    pub(crate) primary_id: Option<i64>,
    pub(crate) primary: Option<OfficeAdministrator>,
    /// R-BOA-8: an end-dated primary (end date inclusive) is no longer the record's OA.
    primary_active: bool,
    pub(crate) backup_id: Option<i64>,
    pub(crate) backup: Option<OfficeAdministrator>,
    authorization_code: String,
    pub(crate) listed: Vec<ManagingRelationship>,
}

type RecordRow = (
    String,         // name
    String,         // kind
    String,         // programs (JSON)
    Option<i64>,    // primary OA id
    Option<String>, // primary OA end date
    Option<String>, // primary OA ncid
    Option<String>, // primary OA name
    Option<i64>,    // backup OA id
    Option<String>, // backup OA ncid
    Option<String>, // backup OA name
    String,         // authorization code
);

type ListedRow = (String, String, Option<String>, bool, bool);

impl Record {
    pub(crate) async fn load(
        connection: &mut SqliteConnection,
        id: &str,
        today: CalendarDate,
    ) -> ApiResult<Option<Self>> {
        let row: Option<RecordRow> = sqlx::query_as(
            "SELECT r.name, r.kind, r.programs, r.primary_oa_id, r.primary_oa_end_date, \
                    p.ncid, p.name, r.backup_oa_id, b.ncid, b.name, r.authorization_code \
             FROM records r \
             LEFT JOIN users p ON p.id = r.primary_oa_id \
             LEFT JOIN users b ON b.id = r.backup_oa_id \
             WHERE r.id = ?",
        )
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
        let Some((
            name,
            kind,
            programs,
            primary_id,
            end,
            p_ncid,
            p_name,
            backup_id,
            b_ncid,
            b_name,
            code,
        )) = row
        else {
            return Ok(None);
        };
        let listed: Vec<ListedRow> = sqlx::query_as(
            "SELECT name, relationship, ncid, adverse_findings, active \
             FROM managing_relationships WHERE record_id = ? ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *connection)
        .await?;
        let listed = listed
            .into_iter()
            .map(|(name, relationship, ncid, adverse_findings, active)| {
                Ok(ManagingRelationship {
                    name,
                    relationship: from_text::<Relationship>(&relationship)?,
                    ncid,
                    adverse_findings,
                    active,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let end_date = end
            .map(|text| text.parse::<CalendarDate>())
            .transpose()
            .map_err(|error| anyhow::anyhow!("record {id}: end date: {error}"))?;
        let primary = oa(p_ncid, p_name, end_date);
        Ok(Some(Self {
            id: id.to_owned(),
            name,
            kind: parse_kind(kind)?,
            programs: serde_json::from_str(&programs).map_err(anyhow::Error::from)?,
            primary_id,
            primary_active: primary.is_some() && oa_is_active(end_date, today),
            primary,
            backup_id,
            backup: oa(b_ncid, b_name, None),
            authorization_code: code,
            listed,
        }))
    }

    pub(crate) fn facts<'a>(&'a self, applicant: &'a str) -> RecordFacts<'a> {
        RecordFacts {
            kind: self.kind,
            programs: &self.programs,
            primary_oa: self
                .primary
                .as_ref()
                .filter(|_| self.primary_active)
                .map(|primary| primary.ncid.as_str()),
            backup_oa: self.backup.as_ref().map(|backup| backup.ncid.as_str()),
            listed: &self.listed,
            applicant,
        }
    }

    fn standing(&self, user: &CurrentUser) -> Option<Standing> {
        if self.primary_active && self.primary_id == Some(user.id) {
            Some(Standing::PrimaryOa)
        } else if self.backup_id == Some(user.id) {
            Some(Standing::BackupOa)
        } else if self.listed.iter().any(|listed| {
            listed.is_mr_user()
                && listed
                    .ncid
                    .as_deref()
                    .is_some_and(|ncid| ncid.eq_ignore_ascii_case(&user.ncid))
        }) {
            Some(Standing::MrUser)
        } else {
            None
        }
    }

    /// R-OA-2 with R-BOA-3: the primary and the backup OA alike need no code; anyone else must
    /// have proven it.
    fn may_apply(&self, user: &CurrentUser, code_proven: bool) -> bool {
        may_sign(self.standing(user), code_proven)
    }

    /// R-OA-2: what the applicant typed against the Welcome Letter's code, ignoring case and
    /// surrounding spaces, in constant time.
    fn code_matches(&self, given: &str) -> bool {
        constant_time_eq::constant_time_eq(
            given.trim().to_ascii_uppercase().as_bytes(),
            self.authorization_code.to_ascii_uppercase().as_bytes(),
        )
    }
}

pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> anyhow::Result<T> {
    Ok(serde_json::from_value(serde_json::Value::String(
        text.to_owned(),
    ))?)
}

pub(crate) fn to_text<T: Serialize>(value: T) -> anyhow::Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(text) => Ok(text),
        other => Err(anyhow::anyhow!("not a unit variant: {other}")),
    }
}

pub(crate) fn day_of(seconds: i64) -> CalendarDate {
    CalendarDate::from_unix_seconds(seconds)
}

/// 422 with every refused field; the body's rule is the first field's.
pub(crate) fn field_errors(errors: Vec<FieldError>) -> ApiError {
    let mut body = ApiErrorBody::new(codes::VALIDATION, "Check the answers marked.");
    if let Some(rule) = errors.iter().find_map(|error| error.rule) {
        body = body.with_rule(rule);
    }
    for error in errors {
        body.fields
            .entry(error.field.to_owned())
            .or_insert(error.message);
    }
    ApiError::validation(body)
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

/// R-OA-5: drafts are private to their author, so someone else's application answers exactly
/// like one that does not exist.
fn not_yours() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorBody::new(codes::NOT_FOUND, "You have no application here.").with_rule(Rule::Oa5),
    )
}

/// Step 1 accepts a typed NPI or Atypical ID: a wrong NPI check digit is told as such rather
/// than as an unknown record, and a list of records is refused (R-BOA-7).
fn check_record_id(id: &str) -> ApiResult<()> {
    request_record(id).map(drop).map_err(|error| {
        let body = ApiErrorBody::new(codes::VALIDATION, error.message.clone())
            .with_field(error.field, error.message);
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
pub async fn records(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Vec<PickableRecord>>> {
    let rows: Vec<(String, String, bool, bool, bool)> = sqlx::query_as(
        "SELECT r.id, r.name, \
                r.primary_oa_id IS ?1 AND (r.primary_oa_end_date IS NULL \
                                           OR r.primary_oa_end_date >= ?3), \
                r.backup_oa_id IS ?1, \
                EXISTS (SELECT 1 FROM managing_relationships m \
                        WHERE m.record_id = r.id AND m.ncid = ?2 AND m.active = 1) \
         FROM records r \
         WHERE r.primary_oa_id = ?1 OR r.backup_oa_id = ?1 \
            OR r.id IN (SELECT record_id FROM managing_relationships \
                        WHERE ncid = ?2 AND active = 1) \
         ORDER BY r.name COLLATE NOCASE, r.id",
    )
    .bind(user.id)
    .bind(&user.ncid)
    .bind(state.clock.today().to_string())
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .filter_map(|(id, name, primary, backup, mr_user)| {
                let standing = if primary {
                    Standing::PrimaryOa
                } else if backup {
                    Standing::BackupOa
                } else if mr_user {
                    Standing::MrUser
                } else {
                    // An end-dated primary OA who is not listed on the record.
                    return None;
                };
                Some(PickableRecord { id, name, standing })
            })
            .collect(),
    ))
}

async fn code_proven(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    record_id: &str,
) -> ApiResult<bool> {
    Ok(sqlx::query_scalar::<_, Option<bool>>(
        "SELECT max(code_proven) FROM oa_change_requests \
         WHERE applicant_user_id = ? AND record_id = ? AND status IN ('draft', 'returned')",
    )
    .bind(user.id)
    .bind(record_id)
    .fetch_one(&mut *connection)
    .await?
    .unwrap_or(false))
}

/// `GET /api/oa-change/records/{id}`: what steps 1–3 show. Someone unrelated to the record sees
/// it only once a draft of theirs has proven its Authorization Code (R-OA-2).
pub async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<RecordOverview>> {
    check_record_id(&id)?;
    let mut connection = state.db.acquire().await?;
    let record = Record::load(&mut connection, &id, state.clock.today())
        .await?
        .ok_or_else(no_such_record)?;
    let proven = code_proven(&mut connection, &user, &id).await?;
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

/// R-OA-3: an explanation named in a draft must be an upload of the applicant's own.
async fn check_attachment(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    draft: &OaChangeDraft,
) -> ApiResult<()> {
    let Some(id) = draft.exclusion.explanation else {
        return Ok(());
    };
    let owned: Option<i64> =
        sqlx::query_scalar("SELECT id FROM attachments WHERE id = ? AND owner_user_id = ?")
            .bind(id)
            .bind(user.id)
            .fetch_optional(&mut *connection)
            .await?;
    if owned.is_none() {
        return Err(field_errors(vec![FieldError {
            field: "exclusion.explanation",
            message: "Upload the explanation document again".into(),
            rule: Some(Rule::Oa3),
        }]));
    }
    Ok(())
}

/// id, step, content, code proven, updated, and the tracking number and decision note a
/// returned request keeps.
type DraftRow = (
    ApplicationId,
    String,
    String,
    bool,
    i64,
    Option<String>,
    Option<String>,
);

/// The caller's editable application for the record: a request returned for correction
/// (R-OA-6), which is the one to correct and resubmit, or else the draft.
async fn load_draft(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    record_id: &str,
) -> ApiResult<Option<DraftRow>> {
    Ok(sqlx::query_as(
        "SELECT id, step, content, code_proven, updated, tracking_number, decision_note \
         FROM oa_change_requests \
         WHERE applicant_user_id = ? AND record_id = ? AND status IN ('draft', 'returned') \
         ORDER BY status = 'returned' DESC LIMIT 1",
    )
    .bind(user.id)
    .bind(record_id)
    .fetch_optional(&mut *connection)
    .await?)
}

fn draft_view(record_id: String, row: DraftRow) -> ApiResult<DraftView> {
    let (id, step, content, _, updated, tracking, note) = row;
    Ok(DraftView {
        id,
        record_id,
        step: from_text(&step)?,
        draft: serde_json::from_str(&content).map_err(anyhow::Error::from)?,
        updated: day_of(updated),
        // Only a submitted request has a tracking number; among those only a returned one is
        // editable (`load_draft`).
        returned: tracking.map(|tracking| ReturnedRequest {
            tracking_number: TrackingNumber(tracking),
            note,
        }),
    })
}

/// `PUT /api/oa-change/drafts/{record_id}`: saved on every Continue, after the steps up to the
/// one completed pass the contract's checks. One draft per author and record (R-OA-5).
pub async fn save_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    ApiJson(save): ApiJson<SaveDraft>,
) -> ApiResult<Json<DraftView>> {
    check_record_id(&record_id)?;
    let mut connection = state.db.acquire().await?;
    let record = Record::load(&mut connection, &record_id, state.clock.today())
        .await?
        .ok_or_else(no_such_record)?;
    let already_proven = code_proven(&mut connection, &user, &record_id).await?;
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
        return Err(field_errors(errors));
    }
    check_attachment(&mut connection, &user, &save.draft).await?;

    let content = serde_json::to_string(&save.draft).map_err(anyhow::Error::from)?;
    let step = to_text(save.step)?;
    // R-OA-6: a request returned for correction is edited in place, keeping its id and
    // tracking number; otherwise the one draft per author and record is created or replaced.
    let returned: Option<(ApplicationId, String, Option<String>)> = sqlx::query_as(
        "UPDATE oa_change_requests \
         SET step = ?3, content = ?4, code_proven = max(code_proven, ?5), updated = ?6 \
         WHERE applicant_user_id = ?1 AND record_id = ?2 AND status = 'returned' \
         RETURNING id, tracking_number, decision_note",
    )
    .bind(user.id)
    .bind(&record_id)
    .bind(&step)
    .bind(&content)
    .bind(code_proven)
    .bind(now)
    .fetch_optional(&mut *connection)
    .await?;
    if let Some((id, tracking, note)) = returned {
        return Ok(Json(DraftView {
            id,
            record_id,
            step: save.step,
            draft: save.draft,
            updated: day_of(now),
            returned: Some(ReturnedRequest {
                tracking_number: TrackingNumber(tracking),
                note,
            }),
        }));
    }
    let id: ApplicationId = sqlx::query_scalar(
        "INSERT INTO oa_change_requests \
             (applicant_user_id, record_id, status, step, content, code_proven, created, updated) \
         VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?6) \
         ON CONFLICT (applicant_user_id, record_id) WHERE status = 'draft' DO UPDATE \
         SET step = excluded.step, content = excluded.content, \
             code_proven = max(code_proven, excluded.code_proven), updated = excluded.updated \
         RETURNING id",
    )
    .bind(user.id)
    .bind(&record_id)
    .bind(&step)
    .bind(&content)
    .bind(code_proven)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    Ok(Json(DraftView {
        id,
        record_id,
        step: save.step,
        draft: save.draft,
        updated: day_of(now),
        returned: None,
    }))
}

/// `GET /api/oa-change/drafts/{record_id}`: the caller's own draft only (R-OA-5).
pub async fn draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
) -> ApiResult<Json<DraftView>> {
    let mut connection = state.db.acquire().await?;
    let row = load_draft(&mut connection, &user, &record_id)
        .await?
        .ok_or_else(not_yours)?;
    Ok(Json(draft_view(record_id, row)?))
}

/// R-OA-5: the refusal tells only that a request is pending, its tracking number and date.
/// `own` is the request being submitted, which is open itself when it was returned.
async fn open_request(
    connection: &mut SqliteConnection,
    record_id: &str,
    own: ApplicationId,
) -> ApiResult<Option<ApiError>> {
    let open: Option<(String, i64)> = sqlx::query_as(&format!(
        "SELECT tracking_number, submitted FROM oa_change_requests \
         WHERE record_id = ? AND id != ? AND status IN ({})",
        RequestStatus::sql_list(&RequestStatus::OPEN)
    ))
    .bind(record_id)
    .bind(own)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(open.map(|(tracking_number, submitted)| {
        ApiError::new(
            StatusCode::CONFLICT,
            ApiErrorBody::new(
                codes::CONFLICT,
                format!(
                    "A request for this record is pending: tracking number {tracking_number}, \
                     submitted {}. Another can be submitted once it is decided or withdrawn.",
                    day_of(submitted).long_form()
                ),
            )
            .with_rule(Rule::Oa5),
        )
    }))
}

/// `POST /api/oa-change/drafts/{record_id}/submit`: the whole request is checked again, signed
/// with the PIN (R-AUTH-4), refused while another request for the record is open (R-OA-5), and
/// announced to everyone R-OA-7 names.
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    ApiJson(submit): ApiJson<SubmitRequest>,
) -> ApiResult<Json<SubmitReceipt>> {
    let mut connection = state.db.acquire().await?;
    let row = load_draft(&mut connection, &user, &record_id)
        .await?
        .ok_or_else(not_yours)?;
    let (id, _, content, code_proven, _, returned_tracking, _) = row;
    let draft: OaChangeDraft = serde_json::from_str(&content).map_err(anyhow::Error::from)?;
    let record = Record::load(&mut connection, &record_id, state.clock.today())
        .await?
        .ok_or_else(no_such_record)?;
    if !record.may_apply(&user, code_proven) {
        return Err(code_required());
    }
    let errors = validate_request(&draft, &record.facts(&user.ncid), &submit);
    if !errors.is_empty() {
        return Err(field_errors(errors));
    }
    check_attachment(&mut connection, &user, &draft).await?;
    let now = state.clock.now();
    guesses::verify_pin(&mut connection, user.id, submit.pin, now).await?;

    let today = day_of(now);
    // A returned request keeps the tracking number it was first submitted with.
    let tracking_number = returned_tracking
        .map(TrackingNumber)
        .unwrap_or_else(|| TrackingNumber::new(today, id));
    // `BEGIN IMMEDIATE` takes the write lock before the open-request check, so of two
    // submissions for one record the second sees the first (R-OA-5).
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(refusal) = open_request(&mut transaction, &record_id, id).await? {
        return Err(refusal);
    }
    let updated = sqlx::query(
        "UPDATE oa_change_requests \
         SET status = 'submitted', tracking_number = ?, submitted = ?, updated = ? \
         WHERE id = ? AND status IN ('draft', 'returned')",
    )
    .bind(&tracking_number.0)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    if updated.rows_affected() == 0 {
        // Withdrawn or submitted by a concurrent request of the same user.
        return Err(not_yours());
    }
    let recipients = request_recipients(&mut transaction, &record, user.id, &draft).await?;
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
    notices::send(&mut transaction, recipients, &notice).await?;
    transaction.commit().await?;
    Ok(Json(SubmitReceipt {
        id,
        tracking_number,
        submitted: today,
    }))
}

/// R-OA-7 (with R-BOA-4): who hears of a request's submission and decision — the applicant,
/// the record's primary OA (also an end-dated one) and backup OA, the new primary and the new
/// backup the request names, and the provider of an individual record.
pub(crate) async fn request_recipients(
    connection: &mut SqliteConnection,
    record: &Record,
    applicant_id: i64,
    draft: &OaChangeDraft,
) -> ApiResult<Vec<i64>> {
    let mut ncids: Vec<&str> = Vec::new();
    ncids.extend(draft.new_primary());
    if let BackupChoice::Assign { ncid } = &draft.backup {
        ncids.push(ncid);
    }
    ncids.extend(
        record
            .listed
            .iter()
            .filter(|listed| listed.relationship == Relationship::Provider)
            .filter_map(|listed| listed.ncid.as_deref()),
    );
    let mut recipients: Vec<i64> = [Some(applicant_id), record.primary_id, record.backup_id]
        .into_iter()
        .flatten()
        .collect();
    for ncid in ncids {
        recipients.extend(user_id(connection, ncid).await?);
    }
    Ok(recipients)
}

pub(crate) async fn user_id(
    connection: &mut SqliteConnection,
    ncid: &str,
) -> ApiResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_optional(&mut *connection)
        .await?)
}

type ApplicationRow = (
    ApplicationId,
    String,         // record id
    String,         // record name
    String,         // status
    Option<String>, // tracking number
    i64,            // updated
    Option<i64>,    // submitted
);

const APPLICATION_COLUMNS: &str = "SELECT a.id, a.record_id, r.name, a.status, \
     a.tracking_number, a.updated, a.submitted FROM oa_change_requests a \
     JOIN records r ON r.id = a.record_id";

fn summary(row: ApplicationRow) -> ApiResult<ApplicationSummary> {
    let (id, record_id, record_name, status, tracking_number, updated, submitted) = row;
    Ok(ApplicationSummary {
        id,
        record_id,
        record_name,
        status: RequestStatus::parse(&status)
            .ok_or_else(|| anyhow::anyhow!("application {id}: status {status}"))?,
        tracking_number: tracking_number.map(TrackingNumber),
        updated: day_of(updated),
        submitted: submitted.map(day_of),
    })
}

/// `GET /api/applications`: the caller's drafts and requests, the latest first.
pub async fn applications(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Vec<ApplicationSummary>>> {
    let rows: Vec<ApplicationRow> = sqlx::query_as(&format!(
        "{APPLICATION_COLUMNS} WHERE a.applicant_user_id = ? ORDER BY a.updated DESC, a.id DESC"
    ))
    .bind(user.id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter().map(summary).collect::<ApiResult<_>>()?,
    ))
}

/// `GET /api/applications/{id}`: one of the caller's applications, read-only.
pub async fn application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<ApplicationDetail>> {
    let row: Option<ApplicationDetailRow> = sqlx::query_as(
        "SELECT a.id, a.record_id, r.name, a.status, a.tracking_number, a.updated, \
                a.submitted, a.step, a.content, a.decision_note \
         FROM oa_change_requests a JOIN records r ON r.id = a.record_id \
         WHERE a.id = ? AND a.applicant_user_id = ?",
    )
    .bind(id)
    .bind(user.id)
    .fetch_optional(&state.db)
    .await?;
    let (id, record_id, name, status, tracking, updated, submitted, step, content, decision_note) =
        row.ok_or_else(not_yours)?;
    let row = (id, record_id, name, status, tracking, updated, submitted);
    let draft: OaChangeDraft = serde_json::from_str(&content).map_err(anyhow::Error::from)?;
    let attachment = match draft.exclusion.explanation {
        Some(attachment_id) => {
            let mut connection = state.db.acquire().await?;
            crate::operations::attachment_info(&mut connection, attachment_id).await?
        }
        None => None,
    };
    Ok(Json(ApplicationDetail {
        summary: summary(row)?,
        step: from_text(&step)?,
        draft,
        attachment,
        decision_note,
    }))
}

type ApplicationDetailRow = (
    ApplicationId,
    String,
    String,
    String,
    Option<String>,
    i64,
    Option<i64>,
    String,
    String,
    Option<String>,
);

/// `POST /api/applications/{id}/withdraw`: a draft is discarded, an open request withdrawn;
/// a decided or withdrawn one is refused. It cannot be undone (R-OA-5).
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<ApplicationSummary>> {
    let mut connection = state.db.acquire().await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let status: Option<String> = sqlx::query_scalar(
        "SELECT status FROM oa_change_requests WHERE id = ? AND applicant_user_id = ?",
    )
    .bind(id)
    .bind(user.id)
    .fetch_optional(&mut *transaction)
    .await?;
    let status = status.ok_or_else(not_yours)?;
    let status = RequestStatus::parse(&status)
        .ok_or_else(|| anyhow::anyhow!("application {id}: status {status}"))?;
    if !status.may_withdraw() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            ApiErrorBody::new(
                codes::CONFLICT,
                format!(
                    "This application is {} and can no longer be withdrawn.",
                    status.label().to_lowercase()
                ),
            )
            .with_rule(Rule::Oa6),
        ));
    }
    sqlx::query("UPDATE oa_change_requests SET status = 'withdrawn', updated = ? WHERE id = ?")
        .bind(state.clock.now())
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    let row: ApplicationRow = sqlx::query_as(&format!("{APPLICATION_COLUMNS} WHERE a.id = ?"))
        .bind(id)
        .fetch_one(&mut *transaction)
        .await?;
    transaction.commit().await?;
    Ok(Json(summary(row)?))
}

/// `POST /api/oa-change/attachments`: the raw document as the body. R-OA-3: at most
/// `MAX_ATTACHMENT_BYTES`, and a PDF, PNG or JPEG by its content, whatever it claims to be.
pub async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Body,
) -> ApiResult<Json<AttachmentInfo>> {
    // The body is read up to the limit and no further; a longer one is refused unread.
    let bytes = to_bytes(body, MAX_ATTACHMENT_BYTES).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ApiErrorBody::new(
                codes::TOO_LARGE,
                format!(
                    "The document is larger than {} MB.",
                    MAX_ATTACHMENT_BYTES / (1024 * 1024)
                ),
            )
            .with_rule(Rule::Oa3)
            .with_field("exclusion.explanation", "Upload a smaller document"),
        )
    })?;
    let kind = AttachmentKind::sniff(&bytes).ok_or_else(|| {
        ApiError::validation(
            ApiErrorBody::new(
                codes::VALIDATION,
                "The document must be a PDF, PNG or JPEG.",
            )
            .with_rule(Rule::Oa3)
            .with_field("exclusion.explanation", "Upload a PDF, PNG or JPEG"),
        )
    })?;
    let id: AttachmentId = sqlx::query_scalar(
        "INSERT INTO attachments (owner_user_id, media_type, content, created) \
         VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(user.id)
    .bind(kind.media_type())
    .bind(bytes.as_ref())
    .bind(state.clock.now())
    .fetch_one(&state.db)
    .await?;
    Ok(Json(AttachmentInfo {
        id,
        kind,
        size: bytes.len(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::oa_change::Step;

    #[test]
    fn steps_and_kinds_round_trip_through_their_text() {
        for step in Step::ALL {
            assert_eq!(from_text::<Step>(&to_text(step).unwrap()).unwrap(), step);
        }
        assert_eq!(
            to_text(Step::OfficeAdministrator).unwrap(),
            "office_administrator"
        );
        assert!(to_text(PickableRecord {
            id: String::new(),
            name: String::new(),
            standing: Standing::MrUser
        })
        .is_err());
    }
}
