//! Initial enrollment applications (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10, R-OA-3 and
//! R-AUTH-4): drafts saved on every Continue by the applicant, who becomes the record's primary
//! OA and is the only one who may sign and submit; the person named backup OA may read the
//! application but not change or sign it. Approval creates the record (`kind::approve`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::application::{
    ApplicationId, EnrollmentTrackingNumber, FieldError, RequestStatus, SubmitRequest,
};
use contract::enrollment::{
    validate_enrollment, validate_enrollment_through, EnrollmentDraft, EnrollmentRole,
    EnrollmentView, SaveEnrollment,
};
use contract::{ApiErrorBody, Rule};
use sqlx::SqliteConnection;

use super::kind::{provider_id, Enrollment, VISIBLE_TO};
use crate::application::{self, editable_sql, not_yours, status_of};
use crate::attachments;
use crate::auth::CurrentUser;
use crate::guesses;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::path::Path;
use crate::store::{day_of, from_text, to_text, users};
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(application, save))
        .routes(routes!(submit))
        .routes(routes!(withdraw))
}

/// An application as its applicant and its named backup see it.
#[derive(sqlx::FromRow)]
struct Row {
    id: ApplicationId,
    applicant_user_id: i64,
    applicant_ncid: String,
    applicant_name: String,
    status: String,
    /// The last step completed, once one is.
    step: Option<String>,
    /// `EnrollmentDraft` as JSON.
    content: String,
    tracking_number: Option<String>,
    updated: i64,
    submitted: Option<i64>,
    decision_note: Option<String>,
}

const COLUMNS: &str = "SELECT e.id, e.applicant_user_id, u.ncid AS applicant_ncid, \
     u.name AS applicant_name, e.status, e.step, e.content, e.tracking_number, e.updated, \
     e.submitted, e.decision_note \
     FROM enrollment_applications e JOIN users u ON u.id = e.applicant_user_id";

fn parse_draft(content: &str) -> ApiResult<EnrollmentDraft> {
    Ok(serde_json::from_str(content).map_err(anyhow::Error::from)?)
}

fn view(row: Row, viewer: &CurrentUser) -> ApiResult<EnrollmentView> {
    Ok(EnrollmentView {
        id: row.id,
        status: status_of(row.id, &row.status)?,
        step: row.step.as_deref().map(from_text).transpose()?,
        draft: parse_draft(&row.content)?,
        applicant_ncid: row.applicant_ncid,
        applicant_name: row.applicant_name,
        role: if row.applicant_user_id == viewer.id {
            EnrollmentRole::Primary
        } else {
            EnrollmentRole::NamedBackup
        },
        tracking_number: row.tracking_number.map(EnrollmentTrackingNumber),
        updated: day_of(row.updated),
        submitted: row.submitted.map(day_of),
        decision_note: row.decision_note,
    })
}

async fn load(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    id: ApplicationId,
) -> ApiResult<Row> {
    sqlx::query_as(&format!("{COLUMNS} WHERE e.id = ?3 AND {VISIBLE_TO}"))
        .bind(user.id)
        .bind(&user.ncid)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or_else(not_yours::<Enrollment>)
}

async fn view_of(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    id: ApplicationId,
) -> ApiResult<Json<EnrollmentView>> {
    let row = load(connection, user, id).await?;
    Ok(Json(view(row, user)?))
}

/// What the contract cannot know: the named backup has a portal account (an NCID), and the
/// explanation document is an upload of the applicant's own (R-OA-3).
async fn check_with_database(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    draft: &EnrollmentDraft,
) -> ApiResult<()> {
    let mut errors = Vec::new();
    if let Some(ncid) = draft.backup.as_deref() {
        if users::id_of(connection, ncid).await?.is_none() {
            errors.push(FieldError {
                field: "backup".into(),
                message: format!("No NCID account is {ncid}: check the NCID in step 4"),
                rule: Some(Rule::Boa2),
            });
        }
    }
    errors.extend(
        attachments::check_explanation(connection, user.id, draft.exclusion.explanation).await?,
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::fields(errors))
    }
}

/// `GET /api/enrollments`: the caller's applications and those naming them backup OA, the
/// latest first.
#[utoipa::path(
    get,
    path = "/api/enrollments",
    operation_id = "list_enrollments",
    tag = "enrollment",
    security(("session" = [])),
    responses((status = 200, description = "The caller's applications (`role` `primary`) and \
        those naming the caller backup OA (`named_backup`), latest first.",
        body = Vec<EnrollmentView>))
)]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Vec<EnrollmentView>>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{COLUMNS} WHERE {VISIBLE_TO} ORDER BY e.updated DESC, e.id DESC"
    ))
    .bind(user.id)
    .bind(&user.ncid)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|row| view(row, &user))
            .collect::<ApiResult<_>>()?,
    ))
}

/// `POST /api/enrollments`: a new, empty application whose applicant is the caller.
#[utoipa::path(
    post,
    path = "/api/enrollments",
    operation_id = "create_enrollment",
    tag = "enrollment",
    security(("session" = [])),
    responses((status = 201, description = "A new empty draft (`step` null) whose applicant is \
        the caller.", body = EnrollmentView))
)]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<(StatusCode, Json<EnrollmentView>)> {
    let now = state.clock.now();
    let content =
        serde_json::to_string(&EnrollmentDraft::default()).map_err(anyhow::Error::from)?;
    let mut connection = state.db.acquire().await?;
    let id: ApplicationId = sqlx::query_scalar(
        "INSERT INTO enrollment_applications (applicant_user_id, status, content, created, updated) \
         VALUES (?, 'draft', ?, ?, ?) RETURNING id",
    )
    .bind(user.id)
    .bind(content)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    Ok((
        StatusCode::CREATED,
        view_of(&mut connection, &user, id).await?,
    ))
}

/// `GET /api/enrollments/{id}`: read-only for the named backup, editable for the applicant.
#[utoipa::path(
    get,
    path = "/api/enrollments/{id}",
    operation_id = "enrollment",
    tag = "enrollment",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    responses(
        (status = 200, description = "The application.", body = EnrollmentView),
        (status = 404, description = "`not_found` (R-BOA-5): neither the applicant nor the named \
            backup, answered like a missing id.", body = ApiErrorBody),
    )
)]
async fn application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<EnrollmentView>> {
    let mut connection = state.db.acquire().await?;
    view_of(&mut connection, &user, id).await
}

/// `PUT /api/enrollments/{id}`: saved on every Continue after the steps up to the one completed
/// pass the contract's checks.
#[utoipa::path(
    put,
    path = "/api/enrollments/{id}",
    operation_id = "save_enrollment",
    tag = "enrollment",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    request_body = SaveEnrollment,
    responses(
        (status = 200, description = "The saved application.", body = EnrollmentView),
        (status = 403, description = "`forbidden` (R-BOA-5): the named backup may only read it.", body = ApiErrorBody),
        (status = 404, description = "`not_found` (R-BOA-5): neither the applicant nor the named \
            backup, answered like a missing id.", body = ApiErrorBody),
        (status = 409, description = "`conflict` (R-OA-6): no longer a draft or returned.", body = ApiErrorBody),
        (status = 422, description = "`validation` of the steps up to `step` (R-BOA-9, R-BOA-2, \
            R-BOA-5, R-BOA-10, R-OA-3), or R-OA-5 with `fields.provider_id`: the provider has \
            an open application, or the caller a draft for it.", body = ApiErrorBody),
        (status = 429, description = "`too_many_requests` with `fields.backup`: too many NCIDs \
            checked (a backup NCID the application did not name before is a look-up: 20 at \
            once, one more every 30 s, per user).", body = ApiErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
    ApiJson(save): ApiJson<SaveEnrollment>,
) -> Result<Json<EnrollmentView>, Response> {
    count_backup_lookup(&state, &user, id, &save.draft).await?;
    save_draft(&state, &user, id, save)
        .await
        .map_err(IntoResponse::into_response)
}

/// A backup NCID the application did not name before is a look-up of whether that NCID has an
/// account (`check_with_database` says so), counted against the user's limit; saving the same
/// one again at every later step is not.
async fn count_backup_lookup(
    state: &AppState,
    user: &CurrentUser,
    id: ApplicationId,
    draft: &EnrollmentDraft,
) -> Result<(), Response> {
    let Some(ncid) = draft.backup.as_deref().map(str::trim) else {
        return Ok(());
    };
    let named: Option<Option<String>> = sqlx::query_scalar(
        "SELECT backup_ncid FROM enrollment_applications WHERE id = ? AND applicant_user_id = ?",
    )
    .bind(id)
    .bind(user.id)
    .fetch_optional(&state.db)
    .await
    .map_err(|error| ApiError::from(error).into_response())?;
    if named.flatten().as_deref() == Some(ncid) {
        return Ok(());
    }
    state
        .ncid_lookups
        .look_up(user.id, "backup")
        .map_err(IntoResponse::into_response)
}

async fn save_draft(
    state: &AppState,
    user: &CurrentUser,
    id: ApplicationId,
    save: SaveEnrollment,
) -> ApiResult<Json<EnrollmentView>> {
    let mut connection = state.db.acquire().await?;
    application::check_editable::<Enrollment>(&mut connection, user, id).await?;
    let errors = validate_enrollment_through(save.step, &save.draft, &user.ncid);
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    check_with_database(&mut connection, user, &save.draft).await?;
    if let Some(provider) = provider_id(&save.draft) {
        refuse_second_application(&mut connection, user, id, provider.as_str()).await?;
    }
    let content = serde_json::to_string(&save.draft).map_err(anyhow::Error::from)?;
    let editable = editable_sql();
    sqlx::query(&format!(
        "UPDATE enrollment_applications \
         SET step = ?, content = ?, provider_id = ?, backup_ncid = ?, updated = ? \
         WHERE id = ? AND status IN {editable}"
    ))
    .bind(to_text(save.step)?)
    .bind(content)
    .bind(provider_id(&save.draft).map(|id| id.as_str().to_owned()))
    .bind(save.draft.backup.as_deref().map(str::trim))
    .bind(state.clock.now())
    .bind(id)
    .execute(&mut *connection)
    .await?;
    view_of(&mut connection, user, id).await
}

/// Another application of this provider that blocks this one, as the identity step names it.
#[derive(sqlx::FromRow)]
struct Blocking {
    status: String,
    tracking_number: Option<String>,
    submitted: Option<i64>,
}

/// R-OA-5: one open application per provider, and one draft per author and provider. A second
/// application is refused as soon as its identity step names the provider (not only at
/// submission), at the provider id field, saying only that one is pending (its tracking number
/// and date) or that the caller has a draft.
async fn refuse_second_application(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    id: ApplicationId,
    provider: &str,
) -> ApiResult<()> {
    let blocking: Option<Blocking> = sqlx::query_as(&format!(
        "SELECT status, tracking_number, submitted FROM enrollment_applications \
         WHERE provider_id = ? AND id != ? \
           AND (status IN ({}) OR (status = 'draft' AND applicant_user_id = ?)) \
         ORDER BY status = 'draft', id LIMIT 1",
        RequestStatus::sql_list(&RequestStatus::OPEN)
    ))
    .bind(provider)
    .bind(id)
    .bind(user.id)
    .fetch_optional(&mut *connection)
    .await?;
    let Some(blocking) = blocking else {
        return Ok(());
    };
    let message = match (blocking.tracking_number, blocking.submitted) {
        (Some(tracking), Some(submitted)) if blocking.status != "draft" => format!(
            "An enrollment application for {provider} is already pending: tracking number \
             {tracking}, submitted {}. Another can be made once it is decided or withdrawn.",
            day_of(submitted).long_form()
        ),
        _ => format!(
            "You already have a draft enrollment application for {provider}. Continue that \
             draft from Enrollment applications, or withdraw it before starting another."
        ),
    };
    Err(ApiError::fields(vec![FieldError {
        field: "provider_id".into(),
        message,
        rule: Some(Rule::Oa5),
    }]))
}

/// `POST /api/enrollments/{id}/submit`: only the applicant signs (R-BOA-5), with the PIN
/// (R-AUTH-4), an application that passes every check; a provider already enrolled, or with
/// another application open, is refused (R-BOA-6, R-OA-5).
#[utoipa::path(
    post,
    path = "/api/enrollments/{id}/submit",
    operation_id = "submit_enrollment",
    tag = "enrollment",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    request_body = SubmitRequest,
    responses(
        (status = 200, description = "Submitted: status `submitted` and its `ENR-` tracking \
            number.", body = EnrollmentView),
        (status = 403, description = "`forbidden` (R-BOA-5: the named backup) or `invalid_pin` \
            (R-AUTH-4, `fields.pin`).", body = ApiErrorBody),
        (status = 404, description = "`not_found` (R-BOA-5): neither the applicant nor the named \
            backup, answered like a missing id.", body = ApiErrorBody),
        (status = 409, description = "`conflict`: R-BOA-6 (the provider id is an enrolled \
            record), R-OA-5 (another application for the provider is open) or R-OA-6 (not a \
            draft or returned).", body = ApiErrorBody),
        (status = 422, description = "`validation`: any step, `attestation` or `pin` \
            (R-AUTH-4).", body = ApiErrorBody),
        (status = 423, description = "`pin_locked` (R-AUTH-4) on the third wrong PIN and while \
            locked.", body = ApiErrorBody),
    )
)]
async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
    ApiJson(submit): ApiJson<SubmitRequest>,
) -> ApiResult<Json<EnrollmentView>> {
    let mut connection = state.db.acquire().await?;
    application::check_editable::<Enrollment>(&mut connection, &user, id).await?;
    let row = load(&mut connection, &user, id).await?;
    let draft = parse_draft(&row.content)?;
    let errors = validate_enrollment(&draft, &user.ncid, &submit);
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    check_with_database(&mut connection, &user, &draft).await?;
    let now = state.clock.now();
    guesses::verify_pin(&mut connection, user.id, submit.pin, now).await?;

    let provider = provider_id(&draft)
        .ok_or_else(|| anyhow::anyhow!("enrollment {id}: validated without a provider id"))?;
    drop(connection);
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let (mut transaction, _) = application::submit::<Enrollment>(
        &mut connection,
        id,
        provider.as_str(),
        row.tracking_number,
        now,
    )
    .await?;
    let view = view_of(&mut transaction, &user, id).await?;
    transaction.commit().await?;
    Ok(view)
}

/// `POST /api/enrollments/{id}/withdraw`: the applicant discards a draft or withdraws an open
/// application; a decided one is refused. It cannot be undone.
#[utoipa::path(
    post,
    path = "/api/enrollments/{id}/withdraw",
    operation_id = "withdraw_enrollment",
    tag = "enrollment",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    responses(
        (status = 200, description = "Withdrawn; cannot be undone.", body = EnrollmentView),
        (status = 403, description = "`forbidden` (R-BOA-5): the named backup may only read it.", body = ApiErrorBody),
        (status = 404, description = "`not_found` (R-BOA-5): neither the applicant nor the named \
            backup, answered like a missing id.", body = ApiErrorBody),
        (status = 409, description = "`conflict` (R-OA-6): decided or withdrawn.", body = ApiErrorBody),
    )
)]
async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<EnrollmentView>> {
    application::withdraw::<Enrollment>(&state, &user, id).await?;
    let mut connection = state.db.acquire().await?;
    view_of(&mut connection, &user, id).await
}
