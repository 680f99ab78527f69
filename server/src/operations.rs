//! Operations staff's tools besides the review queues (`oa_change`, `enrollment`): end-dating a
//! record's primary OA (R-BOA-8), announced to its OAs (R-BOA-4), and unlocking a user
//! (R-AUTH-2).

use axum::extract::State;
use axum::http::StatusCode;
use contract::error::codes;
use contract::operations::EndDatePrimary;
use contract::{ApiErrorBody, Rule};
use sqlx::Connection;

use crate::auth::Staff;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::path::Path;
use crate::store::notices::{self, About, Notice};
use crate::store::records::Record;
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(end_date_primary))
        .routes(routes!(unlock))
}

/// `POST /api/operations/records/{id}/end-date-primary`: R-BOA-8 — the backup stays backup and,
/// after the date (inclusive), the record has no active primary OA until a request names one.
/// The primary OA and the backup OA hear of it (R-BOA-4).
#[utoipa::path(
    post,
    path = "/api/operations/records/{id}/end-date-primary",
    tag = "operations",
    security(("session" = [])),
    params(("id" = String, Path, description = "The record's NPI or Atypical ID.")),
    request_body = EndDatePrimary,
    responses(
        (status = 204, description = "The record's primary OA is end-dated (inclusive)."),
        (status = 404, description = "`not_found`: no such record.", body = ApiErrorBody),
        (status = 409, description = "`conflict` (R-BOA-8): the record has no primary OA.",
            body = ApiErrorBody),
    )
)]
async fn end_date_primary(
    State(state): State<AppState>,
    _staff: Staff,
    Path(record_id): Path<String>,
    ApiJson(request): ApiJson<EndDatePrimary>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let record = Record::load(&mut transaction, &record_id, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let Some(primary) = record.primary.as_ref() else {
        return Err(ApiError::conflict(
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
    notices::send(&mut transaction, notices::record_oas(&record), &notice).await?;
    transaction.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/operations/users/{ncid}/unlock`: clears the sign-in lock of the user name
/// (R-AUTH-2, counted per name lower-cased, R-AUTH-3) and the user's signing and
/// Authorization Code locks (R-AUTH-4, R-OA-2). Staff are told when no user has the name (404),
/// so a mistyped NCID is not taken for a done unlock; only staff see this answer, so R-AUTH-3
/// (sign-in never reveals whether a name exists) is not at stake.
#[utoipa::path(
    post,
    path = "/api/operations/users/{ncid}/unlock",
    tag = "operations",
    security(("session" = [])),
    params(("ncid" = String, Path, description = "The user's NCID, compared ignoring case.")),
    responses(
        (status = 204, description = "The sign-in lock and the PIN and Authorization Code \
            locks are cleared."),
        (status = 404, description = "`not_found`: no user has this NCID; nothing changes.",
            body = ApiErrorBody),
    )
)]
async fn unlock(
    State(state): State<AppState>,
    _staff: Staff,
    Path(ncid): Path<String>,
) -> ApiResult<StatusCode> {
    // IMMEDIATE: the read below is followed by writes, and a deferred transaction cannot
    // become the writer once another unlock has committed after its read.
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
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
