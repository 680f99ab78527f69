//! Explanation documents (R-OA-3) of both application kinds: the upload, the check that a draft
//! names an upload of its applicant's own, and the download for operations staff.

use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::application::{
    AttachmentId, AttachmentInfo, AttachmentKind, FieldError, MAX_ATTACHMENT_BYTES,
    MAX_UPLOADS_PER_DAY,
};
use contract::error::codes;
use contract::{ApiErrorBody, Rule};
use sqlx::SqliteConnection;

use crate::auth::{CurrentUser, Staff};
use crate::http::body_deadline::too_slow;
use crate::http::error::{ApiError, ApiResult};
use crate::http::path::Path;
use crate::limits::{upload_quota, upload_quota_spent, UPLOAD_WINDOW_SECONDS};
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .routes(routes!(download))
}

/// R-OA-3: an explanation named in a draft must be an upload of the applicant's own; the
/// refusal of the field when it is not.
pub(crate) async fn check_explanation(
    connection: &mut SqliteConnection,
    applicant: i64,
    explanation: Option<AttachmentId>,
) -> ApiResult<Option<FieldError>> {
    let Some(id) = explanation else {
        return Ok(None);
    };
    let owned: Option<i64> =
        sqlx::query_scalar("SELECT id FROM attachments WHERE id = ? AND owner_user_id = ?")
            .bind(id)
            .bind(applicant)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(owned.is_none().then(|| FieldError {
        field: "exclusion.explanation".into(),
        message: "Upload the explanation document again".into(),
        rule: Some(Rule::Oa3),
    }))
}

#[derive(sqlx::FromRow)]
struct InfoRow {
    media_type: String,
    size: i64,
}

/// What a review shows of the explanation a draft names, if any: its kind and size, not its
/// content.
pub(crate) async fn info(
    connection: &mut SqliteConnection,
    explanation: Option<AttachmentId>,
) -> ApiResult<Option<AttachmentInfo>> {
    let Some(id) = explanation else {
        return Ok(None);
    };
    let row: Option<InfoRow> =
        sqlx::query_as("SELECT media_type, length(content) AS size FROM attachments WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
    row.map(|row| {
        Ok(AttachmentInfo {
            id,
            kind: media_kind(id, &row.media_type)?,
            size: usize::try_from(row.size).map_err(anyhow::Error::from)?,
        })
    })
    .transpose()
}

fn media_kind(id: AttachmentId, media_type: &str) -> anyhow::Result<AttachmentKind> {
    AttachmentKind::parse(media_type)
        .ok_or_else(|| anyhow::anyhow!("attachment {id}: media type {media_type}"))
}

/// `POST /api/oa-change/attachments`: the raw document as the body. R-OA-3: at most
/// `MAX_ATTACHMENT_BYTES`, and a PDF, PNG or JPEG by its content, whatever it claims to be.
#[utoipa::path(
    post,
    path = "/api/oa-change/attachments",
    tag = "applications",
    security(("session" = [])),
    request_body(content = String, content_type = "application/octet-stream", description = "The document's bytes (any `Content-Type`): \
        a PDF, PNG or JPEG by its first bytes."),
    responses(
        (status = 200, description = "The upload, the caller's own.", body = AttachmentInfo),
        (status = 413, description = "`too_large` (R-OA-3): over `MAX_ATTACHMENT_BYTES` (2 MiB).",
            body = ApiErrorBody),
        (status = 422, description = "`validation` (R-OA-3): not a PDF, PNG or JPEG.", body = ApiErrorBody),
        (status = 429, description = "`too_many_requests` (R-OA-3): `MAX_UPLOADS_PER_DAY` (20) \
            uploads by the user in 24 hours.", body = ApiErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Body,
) -> Result<Json<AttachmentInfo>, Response> {
    upload_quota(&state.db, user.id, state.clock.now()).await?;
    match store_upload(&state, &user, body).await {
        Ok(Some(info)) => Ok(Json(info)),
        // Spent meanwhile by uploads sent at the same time.
        Ok(None) => Err(upload_quota_spent(UPLOAD_WINDOW_SECONDS)),
        Err(error) => Err(error.into_response()),
    }
}

async fn store_upload(
    state: &AppState,
    user: &CurrentUser,
    body: Body,
) -> ApiResult<Option<AttachmentInfo>> {
    // The body is read up to the limit and no further; a longer one is refused unread.
    let bytes = to_bytes(body, MAX_ATTACHMENT_BYTES)
        .await
        .map_err(|error| {
            if too_slow(&error) {
                return ApiError::body_too_slow();
            }
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ApiErrorBody::new(
                    codes::TOO_LARGE,
                    format!(
                        "The document is larger than {} MB.",
                        MAX_ATTACHMENT_BYTES / (1024 * 1024)
                    ),
                )
                .with_rule(Rule::Oa3)
                .with_field("exclusion.explanation", "Upload a smaller document"),
            )
        })?;
    let kind = AttachmentKind::sniff(&bytes).ok_or_else(|| {
        ApiError::validation(
            ApiErrorBody::new(
                codes::VALIDATION,
                "The document must be a PDF, PNG or JPEG.",
            )
            .with_rule(Rule::Oa3)
            .with_field("exclusion.explanation", "Upload a PDF, PNG or JPEG"),
        )
    })?;
    // The quota is counted in the insert's own statement: SQLite runs one writer at a time, so
    // of uploads sent at once exactly those within the quota are stored.
    let now = state.clock.now();
    let id: Option<AttachmentId> = sqlx::query_scalar(
        "INSERT INTO attachments (owner_user_id, media_type, content, created) \
         SELECT ?1, ?2, ?3, ?4 WHERE (SELECT count(*) FROM attachments \
         WHERE owner_user_id = ?1 AND created > ?5) < ?6 RETURNING id",
    )
    .bind(user.id)
    .bind(kind.media_type())
    .bind(bytes.as_ref())
    .bind(now)
    .bind(now - UPLOAD_WINDOW_SECONDS)
    .bind(MAX_UPLOADS_PER_DAY)
    .fetch_optional(&state.db)
    .await?;
    Ok(id.map(|id| AttachmentInfo {
        id,
        kind,
        size: bytes.len(),
    }))
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    media_type: String,
    content: Vec<u8>,
}

/// `GET /api/operations/attachments/{id}`: the explanation document of a submitted request, as
/// a download with its checked media type (R-OA-3). An upload no submitted request or
/// enrollment application names stays private to its owner.
#[utoipa::path(
    get,
    path = "/api/operations/attachments/{id}",
    tag = "operations",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The upload.")),
    responses(
        (status = 200, description = "The document, as an attachment named \
            `explanation-{id}.{pdf,png,jpg}`.", content(
            (String = "application/pdf"),
            (String = "image/png"),
            (String = "image/jpeg"),
        )),
        (status = 404, description = "`not_found`: no such upload, or one no submitted \
            application names.", body = ApiErrorBody),
    )
)]
async fn download(
    State(state): State<AppState>,
    _staff: Staff,
    Path(id): Path<AttachmentId>,
) -> ApiResult<Response> {
    let row: Option<DocumentRow> = sqlx::query_as(
        "SELECT t.media_type, t.content FROM attachments t WHERE t.id = ?1 AND (EXISTS \
         (SELECT 1 FROM oa_change_requests a WHERE a.submitted IS NOT NULL \
          AND json_extract(a.content, '$.exclusion.explanation') = ?1) OR EXISTS \
         (SELECT 1 FROM enrollment_applications e WHERE e.submitted IS NOT NULL \
          AND json_extract(e.content, '$.exclusion.explanation') = ?1))",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let document = row.ok_or_else(ApiError::not_found)?;
    let kind = media_kind(id, &document.media_type)?;
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
        document.content,
    )
        .into_response())
}
