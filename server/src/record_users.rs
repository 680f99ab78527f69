//! Record users (R-USER-1..4): the associations of one record, for its active primary OA and
//! its backup OA alike (R-BOA-3) — the list, adding a user, changing one user's roles, making
//! the selected users Inactive or Active again, and ending their access.
//!
//! Every write takes its turn, then a connection (`WriteTurns::writer`), and checks who the
//! caller is to the record inside its `BEGIN IMMEDIATE` transaction: an OA Change Request
//! approved meanwhile cannot let a former OA through. Each change writes one audit row and its
//! notices in the same transaction (R-USER-3), so it is all or nothing.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use contract::accounts::{AssociationId, AssociationStatus, SortDirection};
use contract::error::codes;
use contract::record_users::{
    already_a_user_message, checked_roles, no_account_message, not_administrator_message,
    oa_row_explanation, AccessEnding, NewRecordUser, RecordUserFilter, RecordUserPage,
    RecordUserQuery, RecordUserRow, RoleChange, StatusChange, UserChangeOutcome, UserChangeReport,
    UserChangeResult, UserSortColumn, MAX_CHANGED_USERS,
};
use contract::records::{OaRole, Standing};
use contract::{ApiErrorBody, CalendarDate, Rule};
use serde_json::json;
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::http::path::Path;
use crate::search;
use crate::store::records::Record;
use crate::store::{day_of, from_text, notices, users};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(change_roles))
        .routes(routes!(change_status))
        .routes(routes!(end_access))
}

type Sql = QueryBuilder<'static, Sqlite>;

/// An association with the record and what the table shows of its user. `listed_as` is the
/// user's first active listing on the record (owner, managing employee, provider).
const ROWS: &str = "SELECT a.id, a.user_id, u.ncid, u.name, a.roles, a.roles_label, a.status, \
     a.added, u.last_sign_in, \
     (SELECT m.relationship FROM managing_relationships m \
      WHERE m.record_id = a.record_id AND u.ncid = m.ncid AND m.active = 1 \
      ORDER BY m.id LIMIT 1) AS listed_as \
     FROM associations a JOIN users u ON u.id = a.user_id ";

#[derive(sqlx::FromRow)]
struct UserRow {
    id: AssociationId,
    user_id: i64,
    ncid: String,
    name: String,
    /// The JSON array as stored, for the audit log's before and after.
    roles: String,
    roles_label: String,
    status: String,
    added: Option<i64>,
    last_sign_in: Option<i64>,
    listed_as: Option<String>,
}

impl UserRow {
    fn status(&self) -> anyhow::Result<AssociationStatus> {
        AssociationStatus::from_key(&self.status)
            .ok_or_else(|| anyhow::anyhow!("association {}: status {:?}", self.id, self.status))
    }

    /// The association as the audit log keeps it before and after a change (R-USER-3).
    fn audited(&self) -> anyhow::Result<String> {
        let roles: serde_json::Value = serde_json::from_str(&self.roles)?;
        Ok(json!({ "roles": roles, "status": self.status }).to_string())
    }

    fn into_row(self, record: &Record) -> anyhow::Result<RecordUserRow> {
        Ok(RecordUserRow {
            status: self.status()?,
            oa_role: oa_role_of(record, self.user_id),
            listed_as: self.listed_as.as_deref().map(from_text).transpose()?,
            id: self.id,
            ncid: self.ncid,
            name: self.name,
            roles: roles_of(&self.roles_label),
            added: self.added.map(day_of),
            last_sign_in: self.last_sign_in.map(day_of),
        })
    }
}

/// `roles_label` lists the roles in RULES.md's order, whatever order they were stored in.
fn roles_of(label: &str) -> Vec<String> {
    label
        .split(", ")
        .filter(|role| !role.is_empty())
        .map(str::to_owned)
        .collect()
}

/// R-USER-2: the row of the record's active primary OA or its backup OA.
fn oa_role_of(record: &Record, user_id: i64) -> Option<OaRole> {
    if record.primary_active && record.primary_id == Some(user_id) {
        Some(OaRole::Primary)
    } else if record.backup_id == Some(user_id) {
        Some(OaRole::Backup)
    } else {
        None
    }
}

/// R-USER-1 with R-BOA-3: the record, when the caller is its active primary OA (R-BOA-8) or its
/// backup OA. Anyone else is refused with 403 and told who administers it.
async fn administered(
    connection: &mut SqliteConnection,
    record_id: &str,
    user: &CurrentUser,
    today: CalendarDate,
) -> ApiResult<(Record, OaRole)> {
    let record = Record::load(connection, record_id, today)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let role = match record.standing(user) {
        Some(Standing::PrimaryOa) => OaRole::Primary,
        Some(Standing::BackupOa) => OaRole::Backup,
        _ => {
            let message = not_administrator_message(
                &record.name,
                record.primary.as_ref().filter(|_| record.primary_active),
                record.backup.as_ref(),
            );
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ApiErrorBody::new(codes::FORBIDDEN, message).with_rule(Rule::User1),
            ));
        }
    };
    Ok((record, role))
}

async fn association(
    connection: &mut SqliteConnection,
    record_id: &str,
    id: AssociationId,
) -> ApiResult<Option<UserRow>> {
    Ok(
        sqlx::query_as(&format!("{ROWS} WHERE a.id = ? AND a.record_id = ?"))
            .bind(id)
            .bind(record_id)
            .fetch_optional(&mut *connection)
            .await?,
    )
}

fn invalid(field: &str, message: String) -> ApiError {
    ApiError::validation(
        ApiErrorBody::new(codes::VALIDATION, message.clone()).with_field(field, message),
    )
}

/// What one change did, for its audit row and its notices (R-USER-3).
struct Change<'a> {
    action: &'static str,
    before: Option<String>,
    after: Option<String>,
    subject: &'a str,
    /// The sentence after the actor's name: "ended the access of …".
    what: String,
}

/// Writes the change's audit row, and its notice to the user concerned and to the record's
/// primary and backup OA, each once, never the actor (R-USER-3, R-BOA-4).
async fn record_change(
    connection: &mut SqliteConnection,
    record: &Record,
    actor: &CurrentUser,
    row: &UserRow,
    change: Change<'_>,
    now: i64,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (actor_user_id, action, association_id, record_id, user_id, \
         before_change, after_change, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(actor.id)
    .bind(change.action)
    .bind(row.id)
    .bind(&record.id)
    .bind(row.user_id)
    .bind(change.before)
    .bind(change.after)
    .bind(now)
    .execute(&mut *connection)
    .await?;
    let notice = notices::Notice {
        about: notices::About::Record(&record.id),
        subject: format!("{}: {}", change.subject, record.name),
        body: format!("{} ({}) {}.", actor.name, actor.ncid, change.what),
        created: now,
    };
    notices::record_user_changed(connection, record, actor, row.user_id, &notice).await
}

fn parse_query(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<RecordUserQuery> {
    let Query(pairs) = query.map_err(|rejection| invalid("query", rejection.body_text()))?;
    RecordUserQuery::from_pairs(
        pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
    )
    .map_err(|wrong| invalid(wrong.field, wrong.message))
}

/// Pushes the condition of `RecordUserFilter::matches`.
fn push_filter(query: &mut Sql, filter: &RecordUserFilter) {
    if let Some(status) = filter.status {
        query.push(" AND a.status = ").push_bind(status.key());
    }
    let needle = search::needle(&filter.text);
    if !needle.is_empty() {
        query
            .push(" AND (contains_folded(u.ncid, ")
            .push_bind(needle.clone())
            .push(") OR contains_folded(u.name, ")
            .push_bind(needle)
            .push("))");
    }
}

/// `ORDER BY` the column, ties by association id in the same direction, so paging is stable.
/// Never signed in sorts first ascending (SQLite puts NULL first).
fn push_order(query: &mut Sql, sort: UserSortColumn, direction: SortDirection) {
    let column = match sort {
        UserSortColumn::Ncid => "u.ncid",
        UserSortColumn::Name => "u.name COLLATE NOCASE",
        UserSortColumn::Roles => "a.roles_label",
        UserSortColumn::Status => "a.status",
        UserSortColumn::Added => "a.added",
        UserSortColumn::LastSignIn => "u.last_sign_in",
    };
    let direction = match direction {
        SortDirection::Ascending => "ASC",
        SortDirection::Descending => "DESC",
    };
    query.push(format_args!(
        " ORDER BY {column} {direction}, a.id {direction}"
    ));
}

/// `GET /api/records/{id}/users`: one page of the record's associations (R-USER-1).
#[utoipa::path(
    get,
    path = "/api/records/{id}/users",
    operation_id = "list_record_users",
    tag = "record users",
    security(("session" = [])),
    params(
        ("id" = String, Path, description = "The record's NPI or Atypical ID."),
        ("page" = Option<u32>, Query, minimum = 1, description = "The page, from 1 (default 1); \
            a page past the last answers no rows."),
        ("size" = Option<u32>, Query, description = "Rows per page: 10 (default), 25, 50 or 100."),
        ("sort" = Option<UserSortColumn>, Query, description = "The column sorted on (default \
            `ncid`); ties go by association id."),
        ("dir" = Option<String>, Query, description = "`asc` (default) or `desc`."),
        ("q" = Option<String>, Query, description = "A substring of the user's NCID or name, \
            trimmed, ignoring case."),
        ("status" = Option<String>, Query, description = "`active`, `inactive`, or empty for \
            both."),
    ),
    responses(
        (status = 200, description = "One page of the record's users (R-USER-1).",
            body = RecordUserPage),
        (status = 403, description = "`forbidden` (R-USER-1): the caller is neither the \
            record's active primary OA nor its backup OA; the message names who is.",
            body = ApiErrorBody),
        (status = 404, description = "`not_found`: no record has this id.", body = ApiErrorBody),
        (status = 422, description = "`validation`: `fields` names `page`, `size`, `sort`, \
            `dir`, `q` or `status`.", body = ApiErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Json<RecordUserPage>> {
    let query = parse_query(query)?;
    let mut connection = state.db.acquire().await?;
    let (record, my_role) =
        administered(&mut connection, &record_id, &user, state.clock.today()).await?;

    // The page's ids are chosen first, sorting only what the order needs; the row's other
    // columns (the generated roles label, the listing) are read for that page alone. With a
    // text filter the count comes with the ids, so the filter reads each user once. This
    // keeps a record of 10,000 users within the list's budget.
    let text_filtered = !search::needle(&query.filter.text).is_empty();
    let mut ids: Sql = QueryBuilder::new(if text_filtered {
        "SELECT a.id, COUNT(*) OVER () FROM associations a JOIN users u ON u.id = a.user_id \
         WHERE a.record_id = "
    } else {
        "SELECT a.id, 0 FROM associations a JOIN users u ON u.id = a.user_id \
         WHERE a.record_id = "
    });
    ids.push_bind(record.id.clone());
    push_filter(&mut ids, &query.filter);
    push_order(&mut ids, query.sort, query.direction);
    ids.push(" LIMIT ")
        .push_bind(i64::from(query.page_size))
        .push(" OFFSET ")
        .push_bind(i64::from(query.page - 1) * i64::from(query.page_size));
    let found: Vec<(AssociationId, i64)> = ids.build_query_as().fetch_all(&mut *connection).await?;

    let rows: Vec<UserRow> = if found.is_empty() {
        Vec::new()
    } else {
        let mut page: Sql = QueryBuilder::new(ROWS);
        page.push("WHERE a.id IN (");
        let mut listed = page.separated(", ");
        for (id, _) in &found {
            listed.push_bind(*id);
        }
        listed.push_unseparated(")");
        push_order(&mut page, query.sort, query.direction);
        page.build_query_as().fetch_all(&mut *connection).await?
    };

    let total: i64 = match found.first() {
        Some((_, total)) if text_filtered => *total,
        _ => {
            // Every association has its user, so without a text filter the count needs no
            // join; a page past the end (no ids) counts on its own.
            let mut count: Sql = QueryBuilder::new(if text_filtered {
                "SELECT COUNT(*) FROM associations a JOIN users u ON u.id = a.user_id \
                 WHERE a.record_id = "
            } else {
                "SELECT COUNT(*) FROM associations a WHERE a.record_id = "
            });
            count.push_bind(record.id.clone());
            push_filter(&mut count, &query.filter);
            count
                .build_query_scalar()
                .fetch_one(&mut *connection)
                .await?
        }
    };

    Ok(Json(RecordUserPage {
        rows: rows
            .into_iter()
            .map(|row| row.into_row(&record))
            .collect::<anyhow::Result<_>>()?,
        record_id: record.id,
        record_name: record.name,
        my_role,
        page: query.page,
        page_size: query.page_size,
        total_matching: u64::try_from(total).map_err(anyhow::Error::from)?,
    }))
}

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
async fn add(
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
async fn change_roles(
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
async fn change_status(
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
async fn end_access(
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
