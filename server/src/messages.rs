//! Messages: the caller's own notices (about a record or an enrollment application), newest
//! first and paged, the unread count, and marking one read. Notices are written by
//! `notices::send`; another user's message is answered like a missing one.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use contract::error::codes;
use contract::messages::{
    parse_page, Message, MessageId, MessagePage, UnreadCount, MESSAGES_PAGE_SIZE,
};
use contract::ApiErrorBody;
use sqlx::SqliteConnection;

use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::http::path::Path;
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(unread_count))
        .routes(routes!(mark_read))
}

type MessageRow = (MessageId, String, String, String, String, i64, bool);

/// A notice about an enrollment application (R-OA-7: a denied or returned one has no record)
/// names the provider id and name the application gives.
const MESSAGE_COLUMNS: &str = "SELECT m.id, \
     COALESCE(m.record_id, e.provider_id, ''), \
     COALESCE(r.name, json_extract(e.content, '$.name'), ''), \
     m.subject, m.body, m.created, m.read FROM messages m \
     LEFT JOIN records r ON r.id = m.record_id \
     LEFT JOIN enrollment_applications e ON e.id = m.enrollment_id";

fn message((id, record_id, record_name, subject, body, created, read): MessageRow) -> Message {
    Message {
        id,
        record_id,
        record_name,
        subject,
        body,
        created,
        read,
    }
}

fn count(value: i64) -> ApiResult<u64> {
    Ok(u64::try_from(value).map_err(anyhow::Error::from)?)
}

async fn unread(connection: &mut SqliteConnection, user: &CurrentUser) -> ApiResult<u64> {
    let unread: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM messages WHERE recipient_user_id = ? AND read = 0",
    )
    .bind(user.id)
    .fetch_one(&mut *connection)
    .await?;
    count(unread)
}

/// `GET /api/messages?page=`: newest first; ties (one notice written to many) go by id.
#[utoipa::path(
    get,
    path = "/api/messages",
    operation_id = "list_messages",
    tag = "messages",
    security(("session" = [])),
    params(("page" = Option<u32>, Query, minimum = 1,
        description = "The page, from 1 (default 1); a page past the last has no messages.")),
    responses(
        (status = 200, description = "`MESSAGES_PAGE_SIZE` (20) messages, newest first.",
            body = MessagePage),
        (status = 422, description = "`validation`: `fields.page` is not a whole number from 1.",
            body = ApiErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<MessagePage>> {
    let page = parse_page(query.get("page").map(String::as_str)).map_err(|message| {
        ApiError::validation(
            ApiErrorBody::new(codes::VALIDATION, message.clone()).with_field("page", message),
        )
    })?;
    let mut connection = state.db.acquire().await?;
    let rows: Vec<MessageRow> = sqlx::query_as(&format!(
        "{MESSAGE_COLUMNS} WHERE m.recipient_user_id = ? \
         ORDER BY m.created DESC, m.id DESC LIMIT ? OFFSET ?"
    ))
    .bind(user.id)
    .bind(i64::from(MESSAGES_PAGE_SIZE))
    .bind(i64::from(page - 1) * i64::from(MESSAGES_PAGE_SIZE))
    .fetch_all(&mut *connection)
    .await?;
    let total: i64 =
        sqlx::query_scalar("SELECT count(*) FROM messages WHERE recipient_user_id = ?")
            .bind(user.id)
            .fetch_one(&mut *connection)
            .await?;
    Ok(Json(MessagePage {
        messages: rows.into_iter().map(message).collect(),
        page,
        page_size: MESSAGES_PAGE_SIZE,
        total: count(total)?,
        unread: unread(&mut connection, &user).await?,
    }))
}

/// `GET /api/messages/unread-count`: what the navigation shows.
#[utoipa::path(
    get,
    path = "/api/messages/unread-count",
    tag = "messages",
    security(("session" = [])),
    responses((status = 200, description = "The navigation's badge.", body = UnreadCount))
)]
async fn unread_count(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<UnreadCount>> {
    let mut connection = state.db.acquire().await?;
    Ok(Json(UnreadCount {
        unread: unread(&mut connection, &user).await?,
    }))
}

/// `POST /api/messages/{id}/read`: only the caller's own message; any other id is 404.
#[utoipa::path(
    post,
    path = "/api/messages/{id}/read",
    tag = "messages",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The message.")),
    responses(
        (status = 200, description = "The message, now read (again: no change).", body = Message),
        (status = 404, description = "`not_found`: no such message, or another user's \
            (indistinguishable).", body = ApiErrorBody),
    )
)]
async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<MessageId>,
) -> ApiResult<Json<Message>> {
    let mut connection = state.db.acquire().await?;
    let updated =
        sqlx::query("UPDATE messages SET read = 1 WHERE id = ? AND recipient_user_id = ?")
            .bind(id)
            .bind(user.id)
            .execute(&mut *connection)
            .await?;
    if updated.rows_affected() == 0 {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            ApiErrorBody::new(codes::NOT_FOUND, "You have no message with this id."),
        ));
    }
    let row: MessageRow = sqlx::query_as(&format!("{MESSAGE_COLUMNS} WHERE m.id = ?"))
        .bind(id)
        .fetch_one(&mut *connection)
        .await?;
    Ok(Json(message(row)))
}
