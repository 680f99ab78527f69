//! The changes an OA makes to a record's users (R-USER-1..4): add, change one user's roles,
//! make several Inactive or Active again, end their access.

use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::path::Path;
use crate::store::users;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use contract::accounts::{AssociationId, AssociationStatus};
use contract::error::codes;
use contract::record_users::{
    already_a_user_message, checked_roles, no_account_message, oa_row_explanation, AccessEnding,
    NewRecordUser, RecordUserRow, RoleChange, StatusChange, UserChangeOutcome, UserChangeReport,
    UserChangeResult, MAX_CHANGED_USERS,
};
use contract::{ApiErrorBody, Rule};
use serde_json::json;
use sqlx::Connection;

use super::{administered, association, invalid, oa_role_of, record_change, roles_of, Change};

/// `POST /api/records/{id}/users`: gives a user with an account access to the record with the
/// roles chosen (R-USER-1, R-USER-4).
#[utoipa::path(
    post,
    path = "/api/records/{id}/users",
    operation_id = "add_record_user",
    tag = "record users",
    security(("session" = [])),
    params(("id" = String, Path, description = "The record's NPI or Atypical ID.")),
    request_body = NewRecordUser,
    responses(
        (status = 201, description = "Added, Active, with its audit row and notices \
            (R-USER-3).", body = RecordUserRow),
        (status = 403, description = "`forbidden` (R-USER-1): not the record's primary or \
            backup OA; nothing changes.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no record has this id.", body = ApiErrorBody),
        (status = 409, description = "`conflict`: the user already has access to the record \
            (R-USER-4: change their roles instead; `fields.ncid`), or is its primary or backup \
            OA (R-USER-2).", body = ApiErrorBody),
        (status = 422, description = "`validation`: `fields.ncid` (empty, or no account has \
            it, R-USER-4) or `fields.roles` (none, or an unknown one).", body = ApiErrorBody),
    )
)]
pub(super) async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    ApiJson(new_user): ApiJson<NewRecordUser>,
) -> ApiResult<(StatusCode, Json<RecordUserRow>)> {
    let errors = new_user.field_errors();
    if let Some((_, first)) = errors.first() {
        let mut body = ApiErrorBody::new(codes::VALIDATION, first.clone()).with_rule(Rule::User1);
        for (field, message) in errors {
            body = body.with_field(field, message);
        }
        return Err(ApiError::validation(body));
    }
    let roles = checked_roles(&new_user.roles).map_err(|message| invalid("roles", message))?;
    let ncid = new_user.ncid.trim();
    let now = state.clock.now();

    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let (record, _) =
        administered(&mut transaction, &record_id, &user, state.clock.today()).await?;

    let Some(user_id) = users::id_of(&mut transaction, ncid).await? else {
        let message = no_account_message(ncid);
        return Err(ApiError::validation(
            ApiErrorBody::new(codes::VALIDATION, message.clone())
                .with_rule(Rule::User4)
                .with_field("ncid", message),
        ));
    };
    if let Some(role) = oa_role_of(&record, user_id) {
        return Err(ApiError::conflict(oa_row_explanation(role), Rule::User2));
    }
    let existing: Option<AssociationId> =
        sqlx::query_scalar("SELECT id FROM associations WHERE user_id = ? AND record_id = ?")
            .bind(user_id)
            .bind(&record.id)
            .fetch_optional(&mut *transaction)
            .await?;
    if existing.is_some() {
        let message = already_a_user_message(ncid);
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            ApiErrorBody::new(codes::CONFLICT, message.clone())
                .with_rule(Rule::User4)
                .with_field("ncid", message),
        ));
    }

    let id: AssociationId = sqlx::query_scalar(
        "INSERT INTO associations (user_id, record_id, roles, status, added) \
         VALUES (?, ?, ?, 'active', ?) RETURNING id",
    )
    .bind(user_id)
    .bind(&record.id)
    .bind(serde_json::to_string(&roles).map_err(anyhow::Error::from)?)
    .bind(now)
    .fetch_one(&mut *transaction)
    .await?;
    let row = association(&mut transaction, &record.id, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("association {id} just added is missing"))?;
    let change = Change {
        action: "user_added",
        before: None,
        after: Some(row.audited()?),
        subject: "User added",
        what: format!(
            "gave {} ({}) access to {} with the roles {}",
            row.name, row.ncid, record.name, row.roles_label
        ),
    };
    record_change(&mut transaction, &record, &user, &row, change, now).await?;
    transaction.commit().await?;
    Ok((StatusCode::CREATED, Json(row.into_row(&record)?)))
}

/// `PUT /api/records/{id}/users/{association}/roles`: sets one user's roles (R-USER-1).
#[utoipa::path(
    put,
    path = "/api/records/{id}/users/{association}/roles",
    operation_id = "change_record_user_roles",
    tag = "record users",
    security(("session" = [])),
    params(
        ("id" = String, Path, description = "The record's NPI or Atypical ID."),
        ("association" = i64, Path, description = "The user's association with the record."),
    ),
    request_body = RoleChange,
    responses(
        (status = 200, description = "The association with its roles now; the same roles \
            again change nothing and write nothing.", body = RecordUserRow),
        (status = 403, description = "`forbidden` (R-USER-1): not the record's primary or \
            backup OA; nothing changes.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no such record, or no such association \
            with it.", body = ApiErrorBody),
        (status = 409, description = "`conflict` (R-USER-2): the association of the record's \
            primary or backup OA.", body = ApiErrorBody),
        (status = 422, description = "`validation`: `fields.roles` (none, or an unknown one).",
            body = ApiErrorBody),
    )
)]
pub(super) async fn change_roles(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((record_id, id)): Path<(String, AssociationId)>,
    ApiJson(change): ApiJson<RoleChange>,
) -> ApiResult<Json<RecordUserRow>> {
    let roles = checked_roles(&change.roles).map_err(|message| invalid("roles", message))?;
    let now = state.clock.now();

    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let (record, _) =
        administered(&mut transaction, &record_id, &user, state.clock.today()).await?;
    let before = association(&mut transaction, &record.id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if let Some(role) = oa_role_of(&record, before.user_id) {
        return Err(ApiError::conflict(oa_row_explanation(role), Rule::User2));
    }
    if roles_of(&before.roles_label) == roles {
        return Ok(Json(before.into_row(&record)?));
    }

    sqlx::query("UPDATE associations SET roles = ? WHERE id = ?")
        .bind(serde_json::to_string(&roles).map_err(anyhow::Error::from)?)
        .bind(id)
        .execute(&mut *transaction)
        .await?;
    let after = association(&mut transaction, &record.id, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("association {id} just changed is missing"))?;
    let change = Change {
        action: "roles_changed",
        before: Some(before.audited()?),
        after: Some(after.audited()?),
        subject: "Roles changed",
        what: format!(
            "changed the roles of {} ({}) for {} from {} to {}",
            after.name, after.ncid, record.name, before.roles_label, after.roles_label
        ),
    };
    record_change(&mut transaction, &record, &user, &after, change, now).await?;
    transaction.commit().await?;
    Ok(Json(after.into_row(&record)?))
}

/// What a change of several users does to each.
#[derive(Clone, Copy)]
enum ChangeOfSeveral {
    Status(AssociationStatus),
    EndAccess,
}

fn validate_ids(ids: &std::collections::BTreeSet<AssociationId>) -> ApiResult<()> {
    if ids.is_empty() {
        return Err(invalid("ids", "Select at least one user".to_owned()));
    }
    if ids.len() > MAX_CHANGED_USERS {
        return Err(invalid(
            "ids",
            format!("Select at most {MAX_CHANGED_USERS} users at a time"),
        ));
    }
    Ok(())
}

/// One transaction for the whole selection, each user with its own outcome, in id order.
async fn change_several(
    state: &AppState,
    user: &CurrentUser,
    record_id: &str,
    ids: &std::collections::BTreeSet<AssociationId>,
    change: ChangeOfSeveral,
) -> ApiResult<UserChangeReport> {
    validate_ids(ids)?;
    let now = state.clock.now();
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let (record, _) = administered(&mut transaction, record_id, user, state.clock.today()).await?;

    let mut results = Vec::with_capacity(ids.len());
    for &id in ids {
        let Some(row) = association(&mut transaction, &record.id, id).await? else {
            results.push(UserChangeResult {
                id,
                ncid: None,
                name: None,
                outcome: UserChangeOutcome::NotFound,
            });
            continue;
        };
        let outcome = if let Some(role) = oa_role_of(&record, row.user_id) {
            UserChangeOutcome::Refused {
                rule: Rule::User2,
                reason: oa_row_explanation(role),
            }
        } else {
            match change {
                ChangeOfSeveral::Status(status) if row.status()? == status => {
                    UserChangeOutcome::Unchanged
                }
                ChangeOfSeveral::Status(status) => {
                    sqlx::query("UPDATE associations SET status = ? WHERE id = ?")
                        .bind(status.key())
                        .bind(id)
                        .execute(&mut *transaction)
                        .await?;
                    let after = json!({
                        "roles": serde_json::from_str::<serde_json::Value>(&row.roles)
                            .map_err(anyhow::Error::from)?,
                        "status": status.key(),
                    });
                    let (action, subject) = match status {
                        AssociationStatus::Inactive => ("user_inactivated", "Access made inactive"),
                        AssociationStatus::Active => ("user_reactivated", "Access made active"),
                    };
                    let audit = Change {
                        action,
                        before: Some(row.audited()?),
                        after: Some(after.to_string()),
                        subject,
                        what: format!(
                            "made the access of {} ({}) to {} {}",
                            row.name,
                            row.ncid,
                            record.name,
                            status.label()
                        ),
                    };
                    record_change(&mut transaction, &record, user, &row, audit, now).await?;
                    UserChangeOutcome::Changed
                }
                ChangeOfSeveral::EndAccess => {
                    sqlx::query("DELETE FROM associations WHERE id = ?")
                        .bind(id)
                        .execute(&mut *transaction)
                        .await?;
                    let audit = Change {
                        action: "access_ended",
                        before: Some(row.audited()?),
                        after: None,
                        subject: "Access ended",
                        what: format!(
                            "ended the access of {} ({}) to {}",
                            row.name, row.ncid, record.name
                        ),
                    };
                    record_change(&mut transaction, &record, user, &row, audit, now).await?;
                    UserChangeOutcome::Changed
                }
            }
        };
        results.push(UserChangeResult {
            id,
            ncid: Some(row.ncid),
            name: Some(row.name),
            outcome,
        });
    }
    transaction.commit().await?;
    Ok(UserChangeReport { results })
}

/// `POST /api/records/{id}/users/status`: makes the selected users Inactive or Active again.
#[utoipa::path(
    post,
    path = "/api/records/{id}/users/status",
    operation_id = "change_record_users_status",
    tag = "record users",
    security(("session" = [])),
    params(("id" = String, Path, description = "The record's NPI or Atypical ID.")),
    request_body = StatusChange,
    responses(
        (status = 200, description = "One result per id, in id order: `changed`, `unchanged` \
            (already so), `not_found`, or `refused` for the primary's and backup's own rows \
            (R-USER-2).", body = UserChangeReport),
        (status = 403, description = "`forbidden` (R-USER-1): not the record's primary or \
            backup OA; nothing changes.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no record has this id.", body = ApiErrorBody),
        (status = 422, description = "`validation`: `fields.ids` empty or over 1,000.",
            body = ApiErrorBody),
    )
)]
pub(super) async fn change_status(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    ApiJson(change): ApiJson<StatusChange>,
) -> ApiResult<Json<UserChangeReport>> {
    let report = change_several(
        &state,
        &user,
        &record_id,
        &change.ids,
        ChangeOfSeveral::Status(change.status),
    )
    .await?;
    Ok(Json(report))
}

/// `POST /api/records/{id}/users/end-access`: ends the selected users' access to the record.
#[utoipa::path(
    post,
    path = "/api/records/{id}/users/end-access",
    operation_id = "end_record_users_access",
    tag = "record users",
    security(("session" = [])),
    params(("id" = String, Path, description = "The record's NPI or Atypical ID.")),
    request_body = AccessEnding,
    responses(
        (status = 200, description = "One result per id, in id order: `changed` (ended), \
            `not_found` (already ended: not an error), or `refused` for the primary's and \
            backup's own rows (R-USER-2).", body = UserChangeReport),
        (status = 403, description = "`forbidden` (R-USER-1): not the record's primary or \
            backup OA; nothing changes.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no record has this id.", body = ApiErrorBody),
        (status = 422, description = "`validation`: `fields.ids` empty or over 1,000.",
            body = ApiErrorBody),
    )
)]
pub(super) async fn end_access(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    ApiJson(ending): ApiJson<AccessEnding>,
) -> ApiResult<Json<UserChangeReport>> {
    let report = change_several(
        &state,
        &user,
        &record_id,
        &ending.ids,
        ChangeOfSeveral::EndAccess,
    )
    .await?;
    Ok(Json(report))
}
