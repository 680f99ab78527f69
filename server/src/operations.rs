//! Operations review, for operations staff only: the queue of OA Change Requests, a request with
//! every answer and its explanation document, the decision (R-OA-6) whose approval applies the
//! request in one transaction (R-OA-4, R-BOA-1), end-dating a record's primary OA (R-BOA-8), and
//! unlocking a user (R-AUTH-2). Every decision and end-dating is announced (R-OA-7, R-BOA-4).

use contract::Rule;
use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::application::{
    status_when_review_starts, validate_decision, ApplicationId, AttachmentId, AttachmentInfo,
    AttachmentKind, Decision, DecisionRequest, RequestStatus, TrackingNumber,
};
use contract::error::codes;
use contract::oa_change::{validate_through, BackupChoice, OaChangeDraft, Step};
use contract::operations::{
    keeps_association, EndDatePrimary, QueueItem, RequestReview, ALL_ROLES,
};
use contract::ApiErrorBody;
use sqlx::{Connection, SqliteConnection};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::json::ApiJson;
use crate::notices::{self, About, Notice};
use crate::oa_change::{day_of, field_errors, request_recipients, user_id, Record};
use crate::AppState;

/// A signed-in member of operations staff: 401 when signed out, 403 `forbidden` for anyone else.
pub struct Staff(pub(crate) CurrentUser);

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if !user.operations_staff {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ApiErrorBody::new(codes::FORBIDDEN, "Only operations staff can do this."),
            ));
        }
        Ok(Self(user))
    }
}

fn conflict(message: impl Into<String>, rule: Rule) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        ApiErrorBody::new(codes::CONFLICT, message).with_rule(rule),
    )
}

fn no_request() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorBody::new(
            codes::NOT_FOUND,
            "There is no submitted request with this id.",
        ),
    )
}

fn parse_status(text: &str) -> ApiResult<RequestStatus> {
    RequestStatus::parse(text)
        .ok_or_else(|| anyhow::anyhow!("unknown request status {text}").into())
}

type QueueRow = (
    ApplicationId,
    String, // tracking number
    String, // record id
    String, // record name
    String, // applicant ncid
    String, // applicant name
    String, // status
    i64,    // submitted
    i64,    // updated
);

/// Submitted requests only: a draft (also a discarded one) has no submission and stays private
/// to its author (R-OA-5).
const QUEUE_COLUMNS: &str = "SELECT a.id, a.tracking_number, a.record_id, r.name, u.ncid, \
     u.name, a.status, a.submitted, a.updated FROM oa_change_requests a \
     JOIN records r ON r.id = a.record_id JOIN users u ON u.id = a.applicant_user_id \
     WHERE a.submitted IS NOT NULL";

fn queue_item(row: QueueRow) -> ApiResult<QueueItem> {
    let (id, tracking, record_id, record_name, ncid, name, status, submitted, updated) = row;
    Ok(QueueItem {
        id,
        tracking_number: TrackingNumber(tracking),
        record_id,
        record_name,
        applicant_ncid: ncid,
        applicant_name: name,
        status: parse_status(&status)?,
        submitted: day_of(submitted),
        updated: day_of(updated),
    })
}

async fn load_item(connection: &mut SqliteConnection, id: ApplicationId) -> ApiResult<QueueItem> {
    let row: Option<QueueRow> = sqlx::query_as(&format!("{QUEUE_COLUMNS} AND a.id = ?"))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    queue_item(row.ok_or_else(no_request)?)
}

/// The queue's `status` filter (of OA Change Requests and of enrollment applications): absent
/// or empty means every submitted one; a draft is never queued.
pub(crate) fn queue_status(query: &BTreeMap<String, String>) -> ApiResult<Option<RequestStatus>> {
    match query.get("status").map(String::as_str) {
        None | Some("") => Ok(None),
        Some(text) => match RequestStatus::parse(text) {
            Some(status) if status != RequestStatus::Draft => Ok(Some(status)),
            _ => Err(ApiError::validation(
                ApiErrorBody::new(codes::VALIDATION, "Choose a status of a submitted request.")
                    .with_field("status", "Choose a status of a submitted request"),
            )),
        },
    }
}

/// `GET /api/operations/requests?status=`: every submitted request, or those with the status
/// given, in order of submission (the oldest waits longest).
pub async fn queue(
    State(state): State<AppState>,
    _staff: Staff,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Vec<QueueItem>>> {
    let status = queue_status(&query)?;
    let rows: Vec<QueueRow> = sqlx::query_as(&format!(
        "{QUEUE_COLUMNS} AND (?1 IS NULL OR a.status = ?1) ORDER BY a.submitted, a.id"
    ))
    .bind(status.map(RequestStatus::as_str))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter().map(queue_item).collect::<ApiResult<_>>()?,
    ))
}

/// `GET /api/operations/requests/{id}`: every answer, the record as it is now and the
/// explanation's metadata. Reading changes nothing: the review starts with `start_review`.
pub async fn request(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<RequestReview>> {
    let mut connection = state.db.acquire().await?;
    let item = load_item(&mut connection, id).await?;
    let (content, decision_note): (String, Option<String>) =
        sqlx::query_as("SELECT content, decision_note FROM oa_change_requests WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *connection)
            .await?;
    let draft: OaChangeDraft = serde_json::from_str(&content).map_err(anyhow::Error::from)?;
    let record = Record::load(&mut connection, &item.record_id, state.clock.today())
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {id}: record {} is gone", item.record_id))?;
    let attachment = match draft.exclusion.explanation {
        Some(attachment_id) => attachment_info(&mut connection, attachment_id).await?,
        None => None,
    };
    Ok(Json(RequestReview {
        item,
        draft,
        primary_oa: record.primary,
        backup_oa: record.backup,
        attachment,
        decision_note,
    }))
}

/// `POST /api/operations/requests/{id}/review`: staff start reviewing a submitted request,
/// which puts it In review (R-OA-6); starting again changes nothing. A returned, decided or
/// withdrawn request cannot be reviewed (409).
pub async fn start_review(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<QueueItem>> {
    let mut connection = state.db.acquire().await?;
    // The write lock first, so a decision made meanwhile is seen and not overwritten.
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let item = load_item(&mut transaction, id).await?;
    let Some(reviewed) = status_when_review_starts(item.status) else {
        return Err(conflict(
            format!(
                "This request is {}: only a submitted request can be reviewed.",
                item.status.label().to_lowercase()
            ),
            Rule::Oa6,
        ));
    };
    if reviewed == item.status {
        return Ok(Json(item));
    }
    sqlx::query("UPDATE oa_change_requests SET status = ?, updated = ? WHERE id = ?")
        .bind(reviewed.as_str())
        .bind(state.clock.now())
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    let item = load_item(&mut transaction, id).await?;
    transaction.commit().await?;
    Ok(Json(item))
}

pub(crate) async fn attachment_info(
    connection: &mut SqliteConnection,
    id: AttachmentId,
) -> ApiResult<Option<AttachmentInfo>> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT media_type, length(content) FROM attachments WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
    row.map(|(media_type, size)| {
        Ok(AttachmentInfo {
            id,
            kind: AttachmentKind::parse(&media_type)
                .ok_or_else(|| anyhow::anyhow!("attachment {id}: media type {media_type}"))?,
            size: usize::try_from(size).map_err(anyhow::Error::from)?,
        })
    })
    .transpose()
}

/// `GET /api/operations/attachments/{id}`: the explanation document of a submitted request, as
/// a download with its checked media type (R-OA-3). An upload no submitted request or
/// enrollment application names stays private to its owner.
pub async fn attachment(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<AttachmentId>,
) -> ApiResult<Response> {
    let row: Option<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT t.media_type, t.content FROM attachments t WHERE t.id = ?1 AND (EXISTS \
         (SELECT 1 FROM oa_change_requests a WHERE a.submitted IS NOT NULL \
          AND json_extract(a.content, '$.exclusion.explanation') = ?1) OR EXISTS \
         (SELECT 1 FROM enrollment_applications e WHERE e.submitted IS NOT NULL \
          AND json_extract(e.content, '$.exclusion.explanation') = ?1))",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let (media_type, content) = row.ok_or_else(ApiError::not_found)?;
    let kind = AttachmentKind::parse(&media_type)
        .ok_or_else(|| anyhow::anyhow!("attachment {id}: media type {media_type}"))?;
    let extension = match kind {
        AttachmentKind::Pdf => "pdf",
        AttachmentKind::Png => "png",
        AttachmentKind::Jpeg => "jpg",
    };
    let disposition = format!("attachment; filename=\"explanation-{id}.{extension}\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(kind.media_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?,
            ),
        ],
        content,
    )
        .into_response())
}

/// `POST /api/operations/requests/{id}/decision`: approve, deny or return a submitted or
/// in-review request (R-OA-6). Approval applies it in the same transaction; everyone R-OA-7
/// names hears of the decision.
pub async fn decide(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(id): Path<ApplicationId>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> ApiResult<Json<QueueItem>> {
    let errors = validate_decision(&request);
    if !errors.is_empty() {
        return Err(field_errors(errors));
    }
    let now = state.clock.now();
    let mut connection = state.db.acquire().await?;
    // The write lock first: of two decisions at once the second sees the first (409).
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let item = load_item(&mut transaction, id).await?;
    if !item.status.may_decide() {
        return Err(conflict(
            format!(
                "This request is {}: only a submitted or in-review request can be decided.",
                item.status.label().to_lowercase()
            ),
            Rule::Oa6,
        ));
    }
    let (applicant_id, content): (i64, String) =
        sqlx::query_as("SELECT applicant_user_id, content FROM oa_change_requests WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *transaction)
            .await?;
    let draft: OaChangeDraft = serde_json::from_str(&content).map_err(anyhow::Error::from)?;
    let record = Record::load(&mut transaction, &item.record_id, state.clock.today())
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {id}: record {} is gone", item.record_id))?;
    // Everyone who hears of the decision, as the record was before it (R-OA-7, R-BOA-4): the
    // backup an approval replaces or removes hears of it too.
    let recipients = request_recipients(&mut transaction, &record, applicant_id, &draft).await?;
    if request.decision == Decision::Approve {
        apply(&mut transaction, &record, &item.applicant_ncid, &draft).await?;
    }
    let outcome = request.decision.outcome();
    let note = request.note.trim();
    sqlx::query(
        "UPDATE oa_change_requests SET status = ?, decision_note = ?, decided_by_user_id = ?, \
         decided = ?, updated = ? WHERE id = ?",
    )
    .bind(outcome.as_str())
    .bind(Some(note).filter(|note| !note.is_empty()))
    .bind(staff.id)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    let what = match request.decision {
        Decision::Approve => "approved; the change is in effect",
        Decision::Deny => "denied; nothing changes",
        Decision::Return => {
            "returned for correction; the applicant can correct it in My applications and \
             submit it again"
        }
    };
    let mut body = format!(
        "OA Change Request {} for {} ({}) was {what}.",
        item.tracking_number, record.name, record.id
    );
    if !note.is_empty() {
        body.push_str(&format!(" Note from operations: {note}"));
    }
    let notice = Notice {
        about: About::Record(&record.id),
        subject: format!(
            "OA Change Request {}: {}",
            outcome.label().to_lowercase(),
            record.name
        ),
        body,
        created: now,
    };
    notices::send(&mut transaction, recipients, &notice).await?;
    let item = load_item(&mut transaction, id).await?;
    transaction.commit().await?;
    Ok(Json(item))
}

/// Applies an approved request to its record. The request is checked again against the record
/// as it is now (a listing may have changed since submission); a check that fails refuses the
/// approval with its rule, and nothing changes.
async fn apply(
    connection: &mut SqliteConnection,
    record: &Record,
    applicant_ncid: &str,
    draft: &OaChangeDraft,
) -> ApiResult<()> {
    let errors = validate_through(Step::Review, draft, &record.facts(applicant_ncid));
    if let Some(first) = errors.first() {
        return Err(conflict(
            format!(
                "The record has changed since the request was submitted: {}.",
                first.message
            ),
            first.rule.unwrap_or(Rule::Oa6),
        ));
    }
    let named = |ncid: &str| {
        conflict(
            format!("{ncid} has no portal account, so cannot become an Office Administrator."),
            Rule::Oa1,
        )
    };
    let new_primary = match draft.new_primary() {
        Some(ncid) => Some(
            user_id(connection, ncid)
                .await?
                .ok_or_else(|| named(ncid))?,
        ),
        None => None,
    };
    let new_backup = match &draft.backup {
        BackupChoice::Assign { ncid } => Some(
            user_id(connection, ncid)
                .await?
                .ok_or_else(|| named(ncid))?,
        ),
        BackupChoice::NoChange | BackupChoice::Remove => None,
    };

    if let Some(primary) = new_primary {
        sqlx::query(
            "UPDATE records SET primary_oa_id = ?, primary_oa_end_date = NULL WHERE id = ?",
        )
        .bind(primary)
        .bind(&record.id)
        .execute(&mut *connection)
        .await?;
        // R-OA-4: with No to continued access, only the previous OA, owners and MR users keep
        // their access; the others become Inactive.
        let continued = draft.continued_access == Some(true);
        let associations: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT a.id, a.user_id, u.ncid FROM associations a JOIN users u ON u.id = a.user_id \
             WHERE a.record_id = ? AND a.status = 'active'",
        )
        .bind(&record.id)
        .fetch_all(&mut *connection)
        .await?;
        for (association, user, ncid) in associations {
            let listing = record.listed.iter().find(|listed| {
                listed
                    .ncid
                    .as_deref()
                    .is_some_and(|listed| listed.eq_ignore_ascii_case(&ncid))
            });
            if !keeps_association(continued, record.primary_id == Some(user), listing) {
                sqlx::query("UPDATE associations SET status = 'inactive' WHERE id = ?")
                    .bind(association)
                    .execute(&mut *connection)
                    .await?;
            }
        }
    }

    // R-BOA-1: an assignment replaces the backup, a removal leaves none. R-BOA-2: a person is
    // never primary and backup at once, so a backup who becomes the primary leaves the backup
    // slot empty when the request does not fill it.
    let backup = match &draft.backup {
        BackupChoice::Assign { .. } => new_backup,
        BackupChoice::Remove => None,
        BackupChoice::NoChange => record
            .backup_id
            .filter(|backup| Some(*backup) != new_primary),
    };
    sqlx::query("UPDATE records SET backup_oa_id = ? WHERE id = ?")
        .bind(backup)
        .bind(&record.id)
        .execute(&mut *connection)
        .await?;

    // R-OA-4: the new primary and the backup get an Active association with every role when
    // they have none; one they have is made Active and keeps its roles.
    let roles = serde_json::to_string(&ALL_ROLES).map_err(anyhow::Error::from)?;
    for user in [new_primary, new_backup].into_iter().flatten() {
        sqlx::query(
            "INSERT INTO associations (user_id, record_id, roles, status) \
             VALUES (?, ?, ?, 'active') \
             ON CONFLICT (user_id, record_id) DO UPDATE SET status = 'active'",
        )
        .bind(user)
        .bind(&record.id)
        .bind(&roles)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// `POST /api/operations/records/{id}/end-date-primary`: R-BOA-8 — the backup stays backup and,
/// after the date (inclusive), the record has no active primary OA until a request names one.
/// The primary OA and the backup OA hear of it (R-BOA-4).
pub async fn end_date_primary(
    State(state): State<AppState>,
    _staff: Staff,
    Path(record_id): Path<String>,
    ApiJson(request): ApiJson<EndDatePrimary>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let mut connection = state.db.acquire().await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let record = Record::load(&mut transaction, &record_id, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let (Some(primary_id), Some(primary)) = (record.primary_id, record.primary.as_ref()) else {
        return Err(conflict(
            "This record has no primary OA to end-date.",
            Rule::Boa8,
        ));
    };
    sqlx::query("UPDATE records SET primary_oa_end_date = ? WHERE id = ?")
        .bind(request.date.to_string())
        .bind(&record.id)
        .execute(&mut *transaction)
        .await?;
    let notice = Notice {
        about: About::Record(&record.id),
        subject: format!("Primary OA end-dated: {}", record.name),
        body: format!(
            "{} ({}) is the primary OA of {} ({}) through {}. The backup OA stays backup and is \
             not promoted: after that day the record has no active primary OA until an OA \
             Change Request names one.",
            primary.name,
            primary.ncid,
            record.name,
            record.id,
            request.date.long_form()
        ),
        created: now,
    };
    let recipients = [Some(primary_id), record.backup_id].into_iter().flatten();
    notices::send(&mut transaction, recipients, &notice).await?;
    transaction.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/operations/users/{ncid}/unlock`: clears the sign-in lock of the user name
/// (R-AUTH-2, counted per name lower-cased, R-AUTH-3) and the user's signing and
/// Authorization Code locks (R-AUTH-4, R-OA-2). Staff are told when no user has the name (404),
/// so a mistyped NCID is not taken for a done unlock; only staff see this answer, so R-AUTH-3
/// (sign-in never reveals whether a name exists) is not at stake.
pub async fn unlock(
    State(state): State<AppState>,
    _staff: Staff,
    Path(ncid): Path<String>,
) -> ApiResult<StatusCode> {
    let mut connection = state.db.acquire().await?;
    let mut transaction = connection.begin().await?;
    let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(ncid.trim())
        .fetch_optional(&mut *transaction)
        .await?;
    let user = user.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ApiErrorBody::new(codes::NOT_FOUND, "No user has this NCID."),
        )
    })?;
    sqlx::query("DELETE FROM login_failures WHERE ncid_key = ?")
        .bind(ncid.trim().to_lowercase())
        .execute(&mut *transaction)
        .await?;
    sqlx::query("DELETE FROM guess_failures WHERE user_id = ?")
        .bind(user)
        .execute(&mut *transaction)
        .await?;
    transaction.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
