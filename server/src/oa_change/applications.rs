//! My applications (the applicant's OA Change Requests, read-only, with withdrawal) and the
//! Operations review of OA Change Requests (the queue, one request, start review, decide).

use axum::extract::State;
use axum::Json;
use contract::application::{ApplicationId, TrackingNumber};
use contract::oa_change::{ApplicationDetail, ApplicationSummary, BackupChoice};
use contract::operations::RequestReview;
use contract::ApiErrorBody;
use sqlx::SqliteConnection;

use super::kind::{parse_draft, OaChangeRequest};
use crate::application::{self, not_yours, status_of};
use crate::attachments;
use crate::auth::{CurrentUser, Staff};
use crate::http::error::ApiResult;
use crate::http::path::Path;
use crate::review_routes;
use crate::store::records::Record;
use crate::store::{day_of, from_text, users};
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(applications))
        .routes(routes!(application))
        .routes(routes!(withdraw))
        .routes(routes!(review))
        .merge(review_routes::router::<OaChangeRequest>())
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: ApplicationId,
    record_id: String,
    record_name: String,
    status: String,
    tracking_number: Option<String>,
    updated: i64,
    submitted: Option<i64>,
}

const SUMMARIES: &str = "SELECT a.id, a.record_id, r.name AS record_name, a.status, \
     a.tracking_number, a.updated, a.submitted FROM oa_change_requests a \
     JOIN records r ON r.id = a.record_id";

impl SummaryRow {
    fn into_summary(self) -> ApiResult<ApplicationSummary> {
        Ok(ApplicationSummary {
            status: status_of(self.id, &self.status)?,
            id: self.id,
            record_id: self.record_id,
            record_name: self.record_name,
            tracking_number: self.tracking_number.map(TrackingNumber),
            updated: day_of(self.updated),
            submitted: self.submitted.map(day_of),
        })
    }
}

async fn summary(
    connection: &mut SqliteConnection,
    id: ApplicationId,
) -> ApiResult<ApplicationSummary> {
    let row: SummaryRow = sqlx::query_as(&format!("{SUMMARIES} WHERE a.id = ?"))
        .bind(id)
        .fetch_one(&mut *connection)
        .await?;
    row.into_summary()
}

/// `GET /api/applications`: the caller's drafts and requests, the latest first.
#[utoipa::path(
    get,
    path = "/api/applications",
    tag = "applications",
    security(("session" = [])),
    responses((status = 200, description = "The caller's drafts and requests (R-OA-6), latest \
        first.", body = Vec<ApplicationSummary>))
)]
async fn applications(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Vec<ApplicationSummary>>> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARIES} WHERE a.applicant_user_id = ? ORDER BY a.updated DESC, a.id DESC"
    ))
    .bind(user.id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(SummaryRow::into_summary)
            .collect::<ApiResult<_>>()?,
    ))
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    step: String,
    content: String,
    decision_note: Option<String>,
}

/// `GET /api/applications/{id}`: one of the caller's applications, read-only.
#[utoipa::path(
    get,
    path = "/api/applications/{id}",
    operation_id = "application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    responses(
        (status = 200, description = "The application, read-only.", body = ApplicationDetail),
        (status = 404, description = "`not_found` (R-OA-5): not the caller's, answered like a \
            missing id.", body = ApiErrorBody),
    )
)]
async fn application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<ApplicationDetail>> {
    let mut connection = state.db.acquire().await?;
    let row: Option<DetailRow> = sqlx::query_as(
        "SELECT a.id, a.record_id, r.name AS record_name, a.status, a.tracking_number, \
                a.updated, a.submitted, a.step, a.content, a.decision_note \
         FROM oa_change_requests a JOIN records r ON r.id = a.record_id \
         WHERE a.id = ? AND a.applicant_user_id = ?",
    )
    .bind(id)
    .bind(user.id)
    .fetch_optional(&mut *connection)
    .await?;
    let row = row.ok_or_else(not_yours::<OaChangeRequest>)?;
    let draft = parse_draft(&row.content)?;
    let attachment = attachments::info(&mut connection, draft.exclusion.explanation).await?;
    Ok(Json(ApplicationDetail {
        summary: row.summary.into_summary()?,
        step: from_text(&row.step)?,
        draft,
        attachment,
        decision_note: row.decision_note,
    }))
}

/// `POST /api/applications/{id}/withdraw`: a draft is discarded, an open request withdrawn;
/// a decided or withdrawn one is refused. It cannot be undone (R-OA-5).
#[utoipa::path(
    post,
    path = "/api/applications/{id}/withdraw",
    operation_id = "withdraw_application",
    tag = "applications",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    responses(
        (status = 200, description = "Withdrawn: a draft is discarded, an open request \
            withdrawn.", body = ApplicationSummary),
        (status = 404, description = "`not_found` (R-OA-5): not the caller's.", body = ApiErrorBody),
        (status = 409, description = "`conflict` (R-OA-6): approved, denied or already \
            withdrawn.", body = ApiErrorBody),
    )
)]
async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<ApplicationSummary>> {
    application::withdraw::<OaChangeRequest>(&state, &user, id).await?;
    let mut connection = state.db.acquire().await?;
    Ok(Json(summary(&mut connection, id).await?))
}

/// `GET /api/operations/requests/{id}`: every answer, the record as it is now and the
/// explanation's metadata.
#[utoipa::path(
    get,
    path = "/api/operations/requests/{id}",
    operation_id = "review_request",
    tag = "operations",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The request.")),
    responses(
        (status = 200, description = "Every answer, the record's OAs now, the explanation's \
            metadata and the last decision note. Reading changes nothing.",
            body = RequestReview),
        (status = 404, description = "`not_found`: no submitted request with this id.", body = ApiErrorBody),
    )
)]
async fn review(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<RequestReview>> {
    let mut connection = state.db.acquire().await?;
    let review = application::review::<OaChangeRequest>(&mut connection, id).await?;
    let record_id = &review.item.subject.record_id;
    let record = Record::load(&mut connection, record_id, state.clock.today())
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {id}: record {record_id} is gone"))?;
    let new_primary = match review.draft.new_primary() {
        Some(ncid) => users::named(&mut connection, ncid).await?,
        None => None,
    };
    let new_backup = match &review.draft.backup {
        BackupChoice::Assign { ncid } => users::named(&mut connection, ncid).await?,
        BackupChoice::NoChange | BackupChoice::Remove => None,
    };
    Ok(Json(RequestReview {
        item: review.item,
        draft: review.draft,
        new_primary,
        new_backup,
        primary_oa: record.primary,
        backup_oa: record.backup,
        attachment: review.attachment,
        decision_note: review.decision_note,
    }))
}
