//! The approval of an OA Change Request, applied to its record in the decision's transaction
//! (R-OA-4, R-BOA-1, R-BOA-2).

use contract::oa_change::{validate_through, BackupChoice, OaChangeDraft, Step};
use contract::operations::{keeps_association, ALL_ROLES};
use contract::Rule;
use sqlx::SqliteConnection;

use crate::http::error::{ApiError, ApiResult};
use crate::store::records::Record;
use crate::store::users;

/// Applies an approved request to its record. The request is checked again against the record
/// as it is now (a listing may have changed since submission); a check that fails refuses the
/// approval with its rule, and nothing changes.
pub(crate) async fn apply(
    connection: &mut SqliteConnection,
    record: &Record,
    applicant_ncid: &str,
    draft: &OaChangeDraft,
) -> ApiResult<()> {
    let errors = validate_through(Step::Review, draft, &record.facts(applicant_ncid));
    if let Some(first) = errors.first() {
        return Err(ApiError::conflict(
            format!(
                "The record has changed since the request was submitted: {}.",
                first.message
            ),
            first.rule.unwrap_or(Rule::Oa6),
        ));
    }
    let named = |ncid: &str| {
        ApiError::conflict(
            format!("{ncid} has no portal account, so cannot become an Office Administrator."),
            Rule::Oa1,
        )
    };
    let new_primary = match draft.new_primary() {
        Some(ncid) => Some(
            users::id_of(connection, ncid)
                .await?
                .ok_or_else(|| named(ncid))?,
        ),
        None => None,
    };
    let new_backup = match &draft.backup {
        BackupChoice::Assign { ncid } => Some(
            users::id_of(connection, ncid)
                .await?
                .ok_or_else(|| named(ncid))?,
        ),
        BackupChoice::NoChange | BackupChoice::Remove => None,
    };

    if let Some(primary) = new_primary {
        sqlx::query(
            "UPDATE records SET primary_oa_id = ?, primary_oa_end_date = NULL WHERE id = ?",
        )
        .bind(primary)
        .bind(&record.id)
        .execute(&mut *connection)
        .await?;
        // R-OA-4: with No to continued access, only the previous OA, owners and MR users keep
        // their access; the others become Inactive.
        let continued = draft.continued_access == Some(true);
        let associations: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT a.id, a.user_id, u.ncid FROM associations a JOIN users u ON u.id = a.user_id \
             WHERE a.record_id = ? AND a.status = 'active'",
        )
        .bind(&record.id)
        .fetch_all(&mut *connection)
        .await?;
        for (association, user, ncid) in associations {
            let listing = record.listed.iter().find(|listed| {
                listed
                    .ncid
                    .as_deref()
                    .is_some_and(|listed| listed.eq_ignore_ascii_case(&ncid))
            });
            if !keeps_association(continued, record.primary_id == Some(user), listing) {
                sqlx::query("UPDATE associations SET status = 'inactive' WHERE id = ?")
                    .bind(association)
                    .execute(&mut *connection)
                    .await?;
            }
        }
    }

    // R-BOA-1: an assignment replaces the backup, a removal leaves none. R-BOA-2: a person is
    // never primary and backup at once, so a backup who becomes the primary leaves the backup
    // slot empty when the request does not fill it.
    let backup = match &draft.backup {
        BackupChoice::Assign { .. } => new_backup,
        BackupChoice::Remove => None,
        BackupChoice::NoChange => record
            .backup_id
            .filter(|backup| Some(*backup) != new_primary),
    };
    sqlx::query("UPDATE records SET backup_oa_id = ? WHERE id = ?")
        .bind(backup)
        .bind(&record.id)
        .execute(&mut *connection)
        .await?;

    // R-OA-4: the new primary and the backup get an Active association with every role when
    // they have none; one they have is made Active and keeps its roles.
    let roles = serde_json::to_string(&ALL_ROLES).map_err(anyhow::Error::from)?;
    for user in [new_primary, new_backup].into_iter().flatten() {
        sqlx::query(
            "INSERT INTO associations (user_id, record_id, roles, status) \
             VALUES (?, ?, ?, 'active') \
             ON CONFLICT (user_id, record_id) DO UPDATE SET status = 'active'",
        )
        .bind(user)
        .bind(&record.id)
        .bind(&roles)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}
