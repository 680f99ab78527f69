//! Notices to users about a record or an enrollment application, written to `messages` (and, by
//! a trigger, to the `outbox` that stands in for e-mail), and every list of who hears of what.
//! R-BOA-4: every list that names a record's primary OA names its backup OA too.

use contract::application::ApplicationId;
use contract::oa_change::{BackupChoice, OaChangeDraft};
use contract::records::Relationship;
use sqlx::SqliteConnection;

use super::records::Record;
use super::users;
use crate::http::error::ApiResult;

/// What a notice is about: a record, or an enrollment application that has no record yet (a
/// denied or returned one, R-OA-7).
#[derive(Debug, Clone, Copy)]
pub enum About<'a> {
    Record(&'a str),
    Enrollment(ApplicationId),
}

pub struct Notice<'a> {
    pub about: About<'a>,
    pub subject: String,
    pub body: String,
    pub created: i64,
}

/// Writes `notice` once to each recipient, however often a user is named.
pub async fn send(
    connection: &mut SqliteConnection,
    recipients: impl IntoIterator<Item = i64>,
    notice: &Notice<'_>,
) -> ApiResult<()> {
    let mut recipients: Vec<i64> = recipients.into_iter().collect();
    recipients.sort_unstable();
    recipients.dedup();
    let (record_id, enrollment_id) = match notice.about {
        About::Record(id) => (Some(id), None),
        About::Enrollment(id) => (None, Some(id)),
    };
    for recipient in recipients {
        sqlx::query(
            "INSERT INTO messages \
             (recipient_user_id, record_id, enrollment_id, subject, body, created) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(recipient)
        .bind(record_id)
        .bind(enrollment_id)
        .bind(&notice.subject)
        .bind(&notice.body)
        .bind(notice.created)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// R-BOA-4: a record's primary OA (also an end-dated one, R-BOA-8) and its backup OA, as when
/// the primary is end-dated.
pub fn record_oas(record: &Record) -> impl Iterator<Item = i64> {
    [record.primary_id, record.backup_id].into_iter().flatten()
}

/// R-OA-7 (with R-BOA-4): who hears of an OA Change Request's submission and decision — the
/// applicant, the record's primary OA (also an end-dated one) and backup OA, the new primary and
/// the new backup the request names, and the provider of an individual record.
pub async fn oa_change_recipients(
    connection: &mut SqliteConnection,
    record: &Record,
    applicant_id: i64,
    draft: &OaChangeDraft,
) -> ApiResult<Vec<i64>> {
    let mut ncids: Vec<&str> = Vec::new();
    ncids.extend(draft.new_primary());
    if let BackupChoice::Assign { ncid } = &draft.backup {
        ncids.push(ncid);
    }
    ncids.extend(
        record
            .listed
            .iter()
            .filter(|listed| listed.relationship == Relationship::Provider)
            .filter_map(|listed| listed.ncid.as_deref()),
    );
    let mut recipients: Vec<i64> = std::iter::once(applicant_id)
        .chain(record_oas(record))
        .collect();
    for ncid in ncids {
        recipients.extend(users::id_of(connection, ncid).await?);
    }
    Ok(recipients)
}

/// R-OA-7, R-BOA-4: an enrollment application's decision goes to its applicant, who becomes
/// the primary OA, and to the backup OA it names (when the NCID has an account).
pub async fn enrollment_recipients(
    connection: &mut SqliteConnection,
    application: ApplicationId,
) -> ApiResult<Vec<i64>> {
    let (applicant, backup_ncid): (i64, Option<String>) = sqlx::query_as(
        "SELECT applicant_user_id, backup_ncid FROM enrollment_applications WHERE id = ?",
    )
    .bind(application)
    .fetch_one(&mut *connection)
    .await?;
    let backup = match backup_ncid.as_deref() {
        Some(ncid) => users::id_of(connection, ncid).await?,
        None => None,
    };
    Ok([Some(applicant), backup].into_iter().flatten().collect())
}

/// R-ACCT-4: the primary OA and the backup OA (R-BOA-4) of each record in `records` (a JSON
/// array of record ids), each once, hear that `remover` left; not the remover, who may be a
/// former (end-dated) primary OA. One statement for a whole batch of removals (see
/// `accounts::remove_batch`).
pub async fn access_removed(
    connection: &mut SqliteConnection,
    remover: &crate::auth::CurrentUser,
    records: &str,
    created: i64,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO messages (recipient_user_id, record_id, subject, body, created) \
         SELECT u.id, r.id, 'Access removed: ' || r.name, ? || r.name, ? \
         FROM json_each(?) AS removed \
         JOIN records r ON r.id = removed.value \
         JOIN users u ON u.id IN (r.primary_oa_id, r.backup_oa_id) \
         WHERE u.id <> ?",
    )
    .bind(format!(
        "{} ({}) removed their access to ",
        remover.name, remover.ncid
    ))
    .bind(created)
    .bind(records)
    .bind(remover.id)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// R-USER-3 with R-BOA-4: a change an OA made to a user's access goes to that user and to the
/// record's primary and backup OA, each once, never to the OA who made it.
pub async fn record_user_changed(
    connection: &mut SqliteConnection,
    record: &Record,
    actor: &crate::auth::CurrentUser,
    user_id: i64,
    notice: &Notice<'_>,
) -> ApiResult<()> {
    let recipients = std::iter::once(user_id)
        .chain(record_oas(record))
        .filter(|recipient| *recipient != actor.id);
    send(connection, recipients, notice).await
}
