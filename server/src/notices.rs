//! Notices to users about a record, written to `messages` (and, by a trigger, to the `outbox`
//! that stands in for e-mail). R-BOA-4: whoever sends a notice to a record's primary OA names
//! its backup OA among the recipients too.

use sqlx::SqliteConnection;

use crate::error::ApiResult;

pub struct Notice<'a> {
    pub record_id: &'a str,
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
    for recipient in recipients {
        sqlx::query(
            "INSERT INTO messages (recipient_user_id, record_id, subject, body, created) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(recipient)
        .bind(notice.record_id)
        .bind(&notice.subject)
        .bind(&notice.body)
        .bind(notice.created)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}
