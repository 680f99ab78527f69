//! The enrollment application's endpoints (docs/api.md, Enrollment).

use super::client::{built, fetch_json, get, post, put, with_json};
use super::ApiError;
use contract::application::{ApplicationId, SubmitRequest};
use contract::enrollment::{EnrollmentView, SaveEnrollment};

/// The caller's applications and those naming them backup OA.
pub async fn enrollments() -> Result<Vec<EnrollmentView>, ApiError> {
    fetch_json(built(get("/enrollments"))?).await
}

pub async fn create_enrollment() -> Result<EnrollmentView, ApiError> {
    fetch_json(built(post("/enrollments"))?).await
}

pub async fn enrollment(id: ApplicationId) -> Result<EnrollmentView, ApiError> {
    fetch_json(built(get(&format!("/enrollments/{id}")))?).await
}

/// Saved on every Continue.
pub async fn save_enrollment(
    id: ApplicationId,
    save: SaveEnrollment,
) -> Result<EnrollmentView, ApiError> {
    fetch_json(with_json(put(&format!("/enrollments/{id}")), &save)?).await
}

/// R-BOA-5, R-AUTH-4: the primary OA signs and submits.
pub async fn submit_enrollment(
    id: ApplicationId,
    submit: SubmitRequest,
) -> Result<EnrollmentView, ApiError> {
    fetch_json(with_json(
        post(&format!("/enrollments/{id}/submit")),
        &submit,
    )?)
    .await
}
