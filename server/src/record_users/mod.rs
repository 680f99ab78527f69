//! Record users (R-USER-1..4): the associations of one record, for its active primary OA and
//! its backup OA alike (R-BOA-3) — the list, adding a user, changing one user's roles, making
//! the selected users Inactive or Active again, and ending their access.
//!
//! Every write takes its turn, then a connection (`WriteTurns::writer`), and checks who the
//! caller is to the record inside its `BEGIN IMMEDIATE` transaction: an OA Change Request
//! approved meanwhile cannot let a former OA through. Each change writes one audit row and its
//! notices in the same transaction (R-USER-3), so it is all or nothing.

mod changes;
mod list;

use axum::http::StatusCode;
use contract::accounts::{AssociationId, AssociationStatus};
use contract::error::codes;
use contract::record_users::{not_administrator_message, RecordUserRow};
use contract::records::{OaRole, Standing};
use contract::{ApiErrorBody, CalendarDate, Rule};
use serde_json::json;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::store::records::Record;
use crate::store::{day_of, from_text, notices};
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list, changes::add))
        .routes(routes!(changes::change_roles))
        .routes(routes!(changes::change_status))
        .routes(routes!(changes::end_access))
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
