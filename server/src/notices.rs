//! Notices to users about a record or an enrollment application, written to `messages` (and, by
//! a trigger, to the `outbox` that stands in for e-mail). R-BOA-4: whoever sends a notice to a
//! record's primary OA names its backup OA among the recipients too.

use contract::application::ApplicationId;
use sqlx::SqliteConnection;

use crate::error::ApiResult;

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
