//! The Operations review of initial enrollment applications, in the same queue and with the
//! same decisions as the OA Change Request (R-OA-6): one application as staff read it here, the
//! queue, the start of a review and the decision from `review_routes`.

use axum::extract::State;
use axum::Json;
use contract::application::ApplicationId;
use contract::operations::EnrollmentReview;
use contract::ApiErrorBody;

use super::kind::Enrollment;
use crate::application;
use crate::auth::Staff;
use crate::http::error::ApiResult;
use crate::http::path::Path;
use crate::review_routes;
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(review))
        .merge(review_routes::router::<Enrollment>())
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
