//! Operations review of initial enrollment applications, for operations staff only, in the same
//! queue and with the same decisions as the OA Change Request (R-OA-6): approval creates the
//! record with its primary and backup OA in the decision's transaction (`enrollment::approve`,
//! R-BOA-5, R-BOA-4); every decision is told to the applicant and the named backup (R-OA-7).

use contract::Rule;
use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use contract::application::{
    status_when_review_starts, validate_decision, ApplicationId, Decision, DecisionRequest,
    EnrollmentTrackingNumber, RequestStatus,
};
use contract::enrollment::EnrollmentDraft;
use contract::error::codes;
use contract::operations::{EnrollmentQueueItem, EnrollmentReview};
use contract::ApiErrorBody;
use sqlx::{Connection, SqliteConnection};

use crate::enrollment;
use crate::error::{ApiError, ApiResult};
use crate::json::ApiJson;
use crate::notices::{self, About, Notice};
use crate::oa_change::{day_of, field_errors, user_id};
use crate::operations::{attachment_info, queue_status, Staff};
use crate::AppState;

type QueueRow = (
    ApplicationId,
    String, // tracking number
    String, // provider id
    String, // provider name (from the application)
    String, // applicant ncid
    String, // applicant name
    String, // status
    i64,    // submitted
    i64,    // updated
);

/// Submitted applications only: a draft (also a discarded one) stays private to its applicant.
const QUEUE_COLUMNS: &str = "SELECT e.id, e.tracking_number, e.provider_id, \
     json_extract(e.content, '$.name'), u.ncid, u.name, e.status, e.submitted, e.updated \
     FROM enrollment_applications e JOIN users u ON u.id = e.applicant_user_id \
     WHERE e.submitted IS NOT NULL";

fn no_application() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorBody::new(
            codes::NOT_FOUND,
            "There is no submitted enrollment application with this id.",
        ),
    )
}

fn conflict(message: impl Into<String>) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        ApiErrorBody::new(codes::CONFLICT, message).with_rule(Rule::Oa6),
    )
}

fn queue_item(row: QueueRow) -> ApiResult<EnrollmentQueueItem> {
    let (id, tracking, provider_id, provider_name, ncid, name, status, submitted, updated) = row;
    Ok(EnrollmentQueueItem {
        id,
        tracking_number: EnrollmentTrackingNumber(tracking),
        provider_id,
        provider_name: provider_name.trim().to_owned(),
        applicant_ncid: ncid,
        applicant_name: name,
        status: RequestStatus::parse(&status)
            .ok_or_else(|| anyhow::anyhow!("enrollment {id}: status {status}"))?,
        submitted: day_of(submitted),
        updated: day_of(updated),
    })
}

async fn load_item(
    connection: &mut SqliteConnection,
    id: ApplicationId,
) -> ApiResult<EnrollmentQueueItem> {
    let row: Option<QueueRow> = sqlx::query_as(&format!("{QUEUE_COLUMNS} AND e.id = ?"))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    queue_item(row.ok_or_else(no_application)?)
}

/// `GET /api/operations/enrollments?status=`: every submitted application, or those with the
/// status given, oldest submission first.
pub async fn queue(
    State(state): State<AppState>,
    _staff: Staff,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Vec<EnrollmentQueueItem>>> {
    let status = queue_status(&query)?;
    let rows: Vec<QueueRow> = sqlx::query_as(&format!(
        "{QUEUE_COLUMNS} AND (?1 IS NULL OR e.status = ?1) ORDER BY e.submitted, e.id"
    ))
    .bind(status.map(RequestStatus::as_str))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter().map(queue_item).collect::<ApiResult<_>>()?,
    ))
}

/// `GET /api/operations/enrollments/{id}`: every answer and the explanation's metadata. Reading
/// changes nothing: the review starts with `start_review`.
pub async fn application(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<EnrollmentReview>> {
    let mut connection = state.db.acquire().await?;
    let item = load_item(&mut connection, id).await?;
    let (content, decision_note): (String, Option<String>) =
        sqlx::query_as("SELECT content, decision_note FROM enrollment_applications WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *connection)
            .await?;
    let draft: EnrollmentDraft = serde_json::from_str(&content).map_err(anyhow::Error::from)?;
    let attachment = match draft.exclusion.explanation {
        Some(attachment_id) => attachment_info(&mut connection, attachment_id).await?,
        None => None,
    };
    Ok(Json(EnrollmentReview {
        item,
        draft,
        attachment,
        decision_note,
    }))
}

/// `POST /api/operations/enrollments/{id}/review`: a submitted application goes In review
/// (R-OA-6); again changes nothing; a returned, decided or withdrawn one is refused (409).
pub async fn start_review(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<EnrollmentQueueItem>> {
    let mut connection = state.db.acquire().await?;
    // The write lock first, so a decision made meanwhile is seen and not overwritten.
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let item = load_item(&mut transaction, id).await?;
    let Some(reviewed) = status_when_review_starts(item.status) else {
        return Err(conflict(format!(
            "This application is {}: only a submitted application can be reviewed.",
            item.status.label().to_lowercase()
        )));
    };
    if reviewed == item.status {
        return Ok(Json(item));
    }
    sqlx::query("UPDATE enrollment_applications SET status = ?, updated = ? WHERE id = ?")
        .bind(reviewed.as_str())
        .bind(state.clock.now())
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    let item = load_item(&mut transaction, id).await?;
    transaction.commit().await?;
    Ok(Json(item))
}

/// `POST /api/operations/enrollments/{id}/decision`: approve, deny or return a submitted or
/// in-review application (R-OA-6). Approval creates the record in the same transaction; a
/// refused approval (the provider enrolled meanwhile, R-BOA-6) changes nothing.
pub async fn decide(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(id): Path<ApplicationId>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> ApiResult<Json<EnrollmentQueueItem>> {
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
        return Err(conflict(format!(
            "This application is {}: only a submitted or in-review application can be decided.",
            item.status.label().to_lowercase()
        )));
    }
    let note = request.note.trim();
    match request.decision {
        // Creates the record and tells its primary and backup OA (R-BOA-5, R-BOA-4).
        Decision::Approve => {
            enrollment::approve(&mut transaction, id, now).await?;
        }
        Decision::Deny => {
            let what = "denied; no record is created";
            tell_applicant_and_backup(&mut transaction, &item, request.decision, what, note, now)
                .await?;
        }
        Decision::Return => {
            let what = "returned for correction; the applicant can correct it in Enrollment \
                        and submit it again with the same tracking number";
            tell_applicant_and_backup(&mut transaction, &item, request.decision, what, note, now)
                .await?;
        }
    }
    let outcome = request.decision.outcome();
    sqlx::query(
        "UPDATE enrollment_applications SET status = ?, decision_note = ?, \
         decided_by_user_id = ?, decided = ?, updated = ? WHERE id = ?",
    )
    .bind(outcome.as_str())
    .bind(Some(note).filter(|note| !note.is_empty()))
    .bind(staff.id)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    let item = load_item(&mut transaction, id).await?;
    transaction.commit().await?;
    Ok(Json(item))
}

/// R-OA-7, R-BOA-4: a denial or return goes to the applicant and to the named backup (when the
/// NCID has an account). There is no record yet, so the notice is about the application.
async fn tell_applicant_and_backup(
    connection: &mut SqliteConnection,
    item: &EnrollmentQueueItem,
    decision: Decision,
    what: &str,
    note: &str,
    now: i64,
) -> ApiResult<()> {
    let (applicant, backup_ncid): (i64, Option<String>) = sqlx::query_as(
        "SELECT applicant_user_id, backup_ncid FROM enrollment_applications WHERE id = ?",
    )
    .bind(item.id)
    .fetch_one(&mut *connection)
    .await?;
    let backup = match backup_ncid.as_deref() {
        Some(ncid) => user_id(connection, ncid).await?,
        None => None,
    };
    let mut body = format!(
        "Enrollment application {} for {} ({}) was {what}.",
        item.tracking_number, item.provider_name, item.provider_id
    );
    if !note.is_empty() {
        body.push_str(&format!(" Note from operations: {note}"));
    }
    let notice = Notice {
        about: About::Enrollment(item.id),
        subject: format!(
            "Enrollment {}: {}",
            decision.outcome().label().to_lowercase(),
            item.provider_name
        ),
        body,
        created: now,
    };
    notices::send(
        connection,
        [Some(applicant), backup].into_iter().flatten(),
        &notice,
    )
    .await
}
