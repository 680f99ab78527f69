//! The lifecycle every application shares (R-OA-5, R-OA-6): draft → submitted → in review →
//! returned / approved / denied / withdrawn, with the signed submission, the Operations queue,
//! the review and the decision. An OA Change Request and an initial enrollment application are
//! each an `ApplicationKind`; what differs between them (the table, the queue's columns, what a
//! decision does) is the kind's, the rest is written here once.

use std::collections::BTreeMap;
use std::future::Future;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use contract::application::{
    status_when_review_starts, validate_decision, ApplicationId, AttachmentId, AttachmentInfo,
    Decision, DecisionRequest, RequestStatus,
};
use contract::error::codes;
use contract::operations::QueueItem;
use contract::{ApiErrorBody, CalendarDate, Rule};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::{Connection, Sqlite, SqliteConnection, Transaction};
use utoipa::ToSchema;

use crate::attachments;
use crate::auth::{CurrentUser, Staff};
use crate::db::WriteTurn;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::path::Path;
use crate::review_routes::ReviewRoutes;
use crate::store::day_of;
use crate::AppState;

/// R-OA-6: the statuses in which the applicant may still change an application: a draft, or one
/// returned for correction. (R-OA-5's open ones are the contract's `RequestStatus::OPEN`.)
const EDITABLE: [RequestStatus; 2] = [RequestStatus::Draft, RequestStatus::Returned];

/// `EDITABLE` as an SQL list, for `status IN (…)`.
pub(crate) fn editable_sql() -> String {
    format!("({})", RequestStatus::sql_list(&EDITABLE))
}

/// One kind of application. Its table has the columns `id`, `applicant_user_id`, `status`,
/// `content` (the draft as JSON), `tracking_number`, `submitted`, `updated`, `decision_note`,
/// `decided_by_user_id`, `decided`, and `SUBJECT`.
pub(crate) trait ApplicationKind: Send + Sync + 'static {
    const TABLE: &'static str;
    /// The column naming what an application is for (a record, a provider): at most one open
    /// application for it at a time (R-OA-5).
    const SUBJECT: &'static str;
    /// "request" or "application", as refusals name one.
    const NOUN: &'static str;
    /// The Operations queue's `SELECT` of the columns of `QueueRow` from `TABLE` as `a`, of
    /// submitted applications only: a draft (also a discarded one) stays private to its
    /// applicant.
    const QUEUE: &'static str;
    /// The 404 message for an id the queue does not hold.
    const NOT_IN_QUEUE: &'static str;

    /// The paths and words of the kind's Operations review routes (`review_routes`).
    const REVIEW_ROUTES: ReviewRoutes;

    /// The kind's own part of its queue line (`contract::operations::QueueItem`).
    type Subject: Serialize + ToSchema + Send + Sync;
    type Draft: DeserializeOwned + Send;

    /// The kind's part of a queue line, from the `QUEUE` columns `tracking_number`, `subject_id`
    /// and `subject_name`.
    fn subject(tracking_number: String, subject_id: String, subject_name: String) -> Self::Subject;
    /// The 404 message for an application that is not the caller's, and the rule that keeps it
    /// private: answered like one that does not exist.
    const NOT_YOURS: (&'static str, Rule);
    /// The tracking number of a first submission.
    fn tracking_number(submitted: CalendarDate, id: ApplicationId) -> String;
    /// R-OA-5: the refusal of a submission while `tracking` is open for the same subject.
    fn already_open(subject: &str, tracking: &str, submitted: CalendarDate) -> ApiError;
    /// The status of the caller's own application, or the kind's refusal.
    fn applicant_status(
        connection: &mut SqliteConnection,
        user: &CurrentUser,
        id: ApplicationId,
    ) -> impl Future<Output = ApiResult<RequestStatus>> + Send;
    /// What a submission must also not meet besides an open application, under the write lock;
    /// nothing unless the kind says.
    fn refuse_subject(
        _connection: &mut SqliteConnection,
        _subject: &str,
    ) -> impl Future<Output = ApiResult<()>> + Send {
        async { Ok(()) }
    }
    /// What a decision does besides setting the status and the note: an approval's changes and
    /// the notices (R-OA-7), in the decision's transaction.
    fn decided(
        connection: &mut SqliteConnection,
        queued: &QueueItem<Self::Subject>,
        decision: Decision,
        note: &str,
        now: i64,
    ) -> impl Future<Output = ApiResult<()>> + Send;
}

/// Someone else's application, or none: the kind's 404.
pub(crate) fn not_yours<K: ApplicationKind>() -> ApiError {
    let (message, rule) = K::NOT_YOURS;
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorBody::new(codes::NOT_FOUND, message).with_rule(rule),
    )
}

/// The stored status of an application.
pub(crate) fn status_of(id: ApplicationId, text: &str) -> ApiResult<RequestStatus> {
    Ok(RequestStatus::parse(text)
        .ok_or_else(|| anyhow::anyhow!("application {id}: status {text}"))?)
}

/// R-OA-6: the caller's own application, in a status they may still change.
pub(crate) async fn check_editable<K: ApplicationKind>(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    id: ApplicationId,
) -> ApiResult<()> {
    let status = K::applicant_status(connection, user, id).await?;
    if EDITABLE.contains(&status) {
        Ok(())
    } else {
        Err(ApiError::conflict(
            format!(
                "This {} is {} and can no longer be changed.",
                K::NOUN,
                status.label().to_lowercase()
            ),
            Rule::Oa6,
        ))
    }
}

/// R-OA-5: refuses when another application for `subject` is open; `own` is the one being
/// submitted or approved, which is open itself when it was returned.
pub(crate) async fn refuse_open<K: ApplicationKind>(
    connection: &mut SqliteConnection,
    subject: &str,
    own: ApplicationId,
) -> ApiResult<()> {
    let open: Option<(String, i64)> = sqlx::query_as(&format!(
        "SELECT tracking_number, submitted FROM {} \
         WHERE {} = ? AND id != ? AND status IN ({})",
        K::TABLE,
        K::SUBJECT,
        RequestStatus::sql_list(&RequestStatus::OPEN)
    ))
    .bind(subject)
    .bind(own)
    .fetch_optional(&mut *connection)
    .await?;
    match open {
        Some((tracking, submitted)) => Err(K::already_open(subject, &tracking, day_of(submitted))),
        None => Ok(()),
    }
}

/// Submits an application its kind has checked and signed (R-AUTH-4), in a transaction that
/// the caller commits after its notices; the caller holds its write turn (`db::WriteTurns`)
/// until then. A returned application keeps the tracking number it
/// was first submitted with.
pub(crate) async fn submit<'c, K: ApplicationKind>(
    connection: &'c mut SqliteConnection,
    id: ApplicationId,
    subject: &str,
    returned_tracking: Option<String>,
    now: i64,
) -> ApiResult<(Transaction<'c, Sqlite>, String)> {
    let tracking = returned_tracking.unwrap_or_else(|| K::tracking_number(day_of(now), id));
    // `BEGIN IMMEDIATE` takes the write lock before the checks, so of two submissions for one
    // subject the second sees the first (R-OA-5).
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    K::refuse_subject(&mut transaction, subject).await?;
    refuse_open::<K>(&mut transaction, subject, id).await?;
    let updated = sqlx::query(&format!(
        "UPDATE {} SET status = 'submitted', tracking_number = ?, submitted = ?, updated = ? \
         WHERE id = ? AND status IN {}",
        K::TABLE,
        editable_sql()
    ))
    .bind(&tracking)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    if updated.rows_affected() == 0 {
        // Withdrawn or submitted by a concurrent request of the same user.
        return Err(not_yours::<K>());
    }
    Ok((transaction, tracking))
}

/// The applicant discards a draft or withdraws an open application; a decided or withdrawn one
/// is refused. It cannot be undone (R-OA-5, R-OA-6).
pub(crate) async fn withdraw<K: ApplicationKind>(
    state: &AppState,
    user: &CurrentUser,
    id: ApplicationId,
) -> ApiResult<()> {
    let _turn = state.writes.wait().await;
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let status = K::applicant_status(&mut transaction, user, id).await?;
    if !status.may_withdraw() {
        return Err(ApiError::conflict(
            format!(
                "This application is {} and can no longer be withdrawn.",
                status.label().to_lowercase()
            ),
            Rule::Oa6,
        ));
    }
    sqlx::query(&format!(
        "UPDATE {} SET status = 'withdrawn', updated = ? WHERE id = ?",
        K::TABLE
    ))
    .bind(state.clock.now())
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// A queue row of either kind: `QUEUE` names what the application is for `subject_id` and
/// `subject_name`.
#[derive(sqlx::FromRow)]
struct QueueRow {
    id: ApplicationId,
    tracking_number: String,
    subject_id: String,
    subject_name: String,
    applicant_ncid: String,
    applicant_name: String,
    status: String,
    submitted: i64,
    updated: i64,
}

impl QueueRow {
    fn into_item<K: ApplicationKind>(self) -> ApiResult<QueueItem<K::Subject>> {
        Ok(QueueItem {
            status: status_of(self.id, &self.status)?,
            id: self.id,
            subject: K::subject(self.tracking_number, self.subject_id, self.subject_name),
            applicant_ncid: self.applicant_ncid,
            applicant_name: self.applicant_name,
            submitted: day_of(self.submitted),
            updated: day_of(self.updated),
        })
    }
}

async fn load_queued<K: ApplicationKind>(
    connection: &mut SqliteConnection,
    id: ApplicationId,
) -> ApiResult<QueueItem<K::Subject>> {
    let row: Option<QueueRow> = sqlx::query_as(&format!("{} AND a.id = ?", K::QUEUE))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    let row = row.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ApiErrorBody::new(codes::NOT_FOUND, K::NOT_IN_QUEUE),
        )
    })?;
    row.into_item::<K>()
}

/// The write lock first (`BEGIN IMMEDIATE`), then the queued application: a review or decision
/// made meanwhile is seen and not overwritten, and of two decisions at once the second sees the
/// first (409).
async fn lock_queued<K: ApplicationKind>(
    state: &AppState,
    id: ApplicationId,
) -> ApiResult<(
    WriteTurn,
    Transaction<'static, Sqlite>,
    QueueItem<K::Subject>,
)> {
    let turn = state.writes.wait().await;
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let queued = load_queued::<K>(&mut transaction, id).await?;
    Ok((turn, transaction, queued))
}

/// Commits a review's or decision's change and answers the application as it is now.
async fn commit_queued<K: ApplicationKind>(
    mut transaction: Transaction<'static, Sqlite>,
    id: ApplicationId,
) -> ApiResult<Json<QueueItem<K::Subject>>> {
    let queued = load_queued::<K>(&mut transaction, id).await?;
    transaction.commit().await?;
    Ok(Json(queued))
}

/// The queue's `status` filter: absent or empty means every submitted one; a draft is never
/// queued.
fn queue_status(query: &BTreeMap<String, String>) -> ApiResult<Option<RequestStatus>> {
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

/// `GET /api/operations/{requests,enrollments}?status=`: every submitted application, or those
/// with the status given, in order of submission (the oldest waits longest).
pub(crate) async fn queue<K: ApplicationKind>(
    State(state): State<AppState>,
    _staff: Staff,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Vec<QueueItem<K::Subject>>>> {
    let status = queue_status(&query)?;
    let rows: Vec<QueueRow> = sqlx::query_as(&format!(
        "{} AND (?1 IS NULL OR a.status = ?1) ORDER BY a.submitted, a.id",
        K::QUEUE
    ))
    .bind(status.map(RequestStatus::as_str))
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(QueueRow::into_item::<K>)
            .collect::<ApiResult<_>>()?,
    ))
}

/// What staff review of a queued application: every answer and the explanation's metadata.
pub(crate) struct Review<K: ApplicationKind> {
    pub(crate) item: QueueItem<K::Subject>,
    pub(crate) draft: K::Draft,
    pub(crate) attachment: Option<AttachmentInfo>,
    pub(crate) decision_note: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ContentRow {
    content: String,
    /// R-OA-3: both kinds' drafts name their explanation document at the same place.
    explanation: Option<AttachmentId>,
    decision_note: Option<String>,
}

/// Reading changes nothing: the review starts with `start_review`.
pub(crate) async fn review<K: ApplicationKind>(
    connection: &mut SqliteConnection,
    id: ApplicationId,
) -> ApiResult<Review<K>> {
    let item = load_queued::<K>(connection, id).await?;
    let row: ContentRow = sqlx::query_as(&format!(
        "SELECT content, json_extract(content, '$.exclusion.explanation') AS explanation, \
         decision_note FROM {} WHERE id = ?",
        K::TABLE
    ))
    .bind(id)
    .fetch_one(&mut *connection)
    .await?;
    let draft: K::Draft = serde_json::from_str(&row.content).map_err(anyhow::Error::from)?;
    Ok(Review {
        item,
        draft,
        attachment: attachments::info(connection, row.explanation).await?,
        decision_note: row.decision_note,
    })
}

/// R-OA-6: staff may do this only to an application in one of the statuses `expected` names.
fn not_in_status<K: ApplicationKind>(
    status: RequestStatus,
    expected: &str,
    done: &str,
) -> ApiError {
    ApiError::conflict(
        format!(
            "This {noun} is {}: only a {expected} {noun} can be {done}.",
            status.label().to_lowercase(),
            noun = K::NOUN
        ),
        Rule::Oa6,
    )
}

/// `POST /api/operations/{requests,enrollments}/{id}/review`: staff start reviewing a submitted
/// application, which puts it In review (R-OA-6); starting again changes nothing. A returned,
/// decided or withdrawn one cannot be reviewed (409).
pub(crate) async fn start_review<K: ApplicationKind>(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<QueueItem<K::Subject>>> {
    let (_turn, mut transaction, queued) = lock_queued::<K>(&state, id).await?;
    let status = queued.status;
    let Some(reviewed) = status_when_review_starts(status) else {
        return Err(not_in_status::<K>(status, "submitted", "reviewed"));
    };
    if reviewed == status {
        return Ok(Json(queued));
    }
    sqlx::query(&format!(
        "UPDATE {} SET status = ?, updated = ? WHERE id = ?",
        K::TABLE
    ))
    .bind(reviewed.as_str())
    .bind(state.clock.now())
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    commit_queued::<K>(transaction, id).await
}

/// `POST /api/operations/{requests,enrollments}/{id}/decision`: approve, deny or return a
/// submitted or in-review application (R-OA-6). The kind's changes and notices happen in the
/// same transaction; a refused approval changes nothing.
pub(crate) async fn decide<K: ApplicationKind>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(id): Path<ApplicationId>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> ApiResult<Json<QueueItem<K::Subject>>> {
    let errors = validate_decision(&request);
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let now = state.clock.now();
    let (_turn, mut transaction, queued) = lock_queued::<K>(&state, id).await?;
    let status = queued.status;
    if !status.may_decide() {
        return Err(not_in_status::<K>(
            status,
            "submitted or in-review",
            "decided",
        ));
    }
    let note = request.note.trim();
    K::decided(&mut transaction, &queued, request.decision, note, now).await?;
    sqlx::query(&format!(
        "UPDATE {} SET status = ?, decision_note = ?, decided_by_user_id = ?, decided = ?, \
         updated = ? WHERE id = ?",
        K::TABLE
    ))
    .bind(request.decision.outcome().as_str())
    .bind(Some(note).filter(|note| !note.is_empty()))
    .bind(staff.id)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    commit_queued::<K>(transaction, id).await
}

/// The body of a decision's notice: what happened, and the note from operations if any.
pub(crate) fn decision_body(what: String, note: &str) -> String {
    if note.is_empty() {
        what
    } else {
        format!("{what} Note from operations: {note}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editable_statuses_read_as_an_sql_list() {
        assert_eq!(editable_sql(), "('draft', 'returned')");
    }
}
