//! The Operations review of initial enrollment applications, in the same queue and with the
//! same decisions as the OA Change Request (R-OA-6).

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use contract::application::ApplicationId;
use contract::operations::EnrollmentReview;

use super::kind::Enrollment;
use crate::application;
use crate::auth::Staff;
use crate::http::error::ApiResult;
use crate::http::path::Path;
use crate::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/operations/enrollments",
            get(application::queue::<Enrollment>),
        )
        .route("/api/operations/enrollments/{id}", get(review))
        .route(
            "/api/operations/enrollments/{id}/review",
            post(application::start_review::<Enrollment>),
        )
        .route(
            "/api/operations/enrollments/{id}/decision",
            post(application::decide::<Enrollment>),
        )
}

/// `GET /api/operations/enrollments/{id}`: every answer and the explanation's metadata.
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
