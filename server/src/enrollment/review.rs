//! The Operations review of initial enrollment applications, in the same queue and with the
//! same decisions as the OA Change Request (R-OA-6).

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::Json;
use contract::application::{ApplicationId, DecisionRequest, RequestStatus};
use contract::operations::{EnrollmentReview, EnrollmentSubject, QueueItem};
use contract::ApiErrorBody;

use super::kind::Enrollment;
use crate::application;
use crate::auth::Staff;
use crate::http::error::ApiResult;
use crate::http::json::ApiJson;
use crate::http::path::Path;
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(review))
        .routes(routes!(start_review))
        .routes(routes!(decide))
}

/// `GET /api/operations/enrollments/{id}`: every answer and the explanation's metadata.
#[utoipa::path(
    get,
    path = "/api/operations/enrollments/{id}",
    operation_id = "review_enrollment",
    tag = "operations",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    responses(
        (status = 200, description = "Every answer, the explanation's metadata and the last \
            decision note. Reading changes nothing.", body = EnrollmentReview),
        (status = 403, description = "`forbidden`: not operations staff.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no submitted application with this id.", body = ApiErrorBody),
    )
)]
async fn review(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<EnrollmentReview>> {
    let mut connection = state.db.acquire().await?;
    let review = application::review::<Enrollment>(&mut connection, id).await?;
    Ok(Json(EnrollmentReview {
        item: review.item,
        draft: review.draft,
        attachment: review.attachment,
        decision_note: review.decision_note,
    }))
}

/// Every submitted enrollment application (never a draft), or those with `status`.
#[utoipa::path(
    get,
    path = "/api/operations/enrollments",
    operation_id = "enrollment_queue",
    tag = "operations",
    security(("session" = [])),
    params(("status" = Option<RequestStatus>, Query, description = "Only applications with \
        this status (not `draft`).")),
    responses(
        (status = 200, description = "Oldest submission first.", body = [QueueItem<EnrollmentSubject>]),
        (status = 403, description = "`forbidden`: not operations staff.", body = ApiErrorBody),
        (status = 422, description = "`validation`: `fields.status` is unknown or `draft`.", body = ApiErrorBody),
    )
)]
async fn queue(
    state: State<AppState>,
    staff: Staff,
    query: Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Vec<QueueItem<EnrollmentSubject>>>> {
    application::queue::<Enrollment>(state, staff, query).await
}

/// Starts the review: a `submitted` application becomes `in_review`; an `in_review` one stays.
#[utoipa::path(
    post,
    path = "/api/operations/enrollments/{id}/review",
    operation_id = "start_enrollment_review",
    tag = "operations",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    responses(
        (status = 200, description = "The application under review.", body = QueueItem<EnrollmentSubject>),
        (status = 403, description = "`forbidden`: not operations staff.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no submitted application with this id.", body = ApiErrorBody),
        (status = 409, description = "`conflict` (R-OA-6): returned, approved, denied or \
            withdrawn.", body = ApiErrorBody),
    )
)]
async fn start_review(
    state: State<AppState>,
    staff: Staff,
    id: Path<ApplicationId>,
) -> ApiResult<Json<QueueItem<EnrollmentSubject>>> {
    application::start_review::<Enrollment>(state, staff, id).await
}

/// Approves (creating the record), denies or returns the application for correction.
#[utoipa::path(
    post,
    path = "/api/operations/enrollments/{id}/decision",
    operation_id = "decide_enrollment",
    tag = "operations",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The application.")),
    request_body = DecisionRequest,
    responses(
        (status = 200, description = "The application with its new status.",
            body = QueueItem<EnrollmentSubject>),
        (status = 403, description = "`forbidden`: not operations staff.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no submitted application with this id.", body = ApiErrorBody),
        (status = 409, description = "`conflict`: R-OA-6 unless `submitted` or `in_review`; \
            R-BOA-6 (the provider id was enrolled meanwhile), R-OA-5 (another application for \
            it is open) or R-BOA-2 (the named backup has no account); nothing changes.", body = ApiErrorBody),
        (status = 422, description = "`validation` (R-OA-6): `fields.note`, needed to deny or \
            return, at most 2,000 characters.", body = ApiErrorBody),
    )
)]
async fn decide(
    state: State<AppState>,
    staff: Staff,
    id: Path<ApplicationId>,
    request: ApiJson<DecisionRequest>,
) -> ApiResult<Json<QueueItem<EnrollmentSubject>>> {
    application::decide::<Enrollment>(state, staff, id, request).await
}
