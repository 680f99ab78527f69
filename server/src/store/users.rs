//! Portal users by NCID.

use sqlx::SqliteConnection;

use crate::http::error::ApiResult;

/// The user with this NCID, if the NCID has a portal account.
pub(crate) async fn id_of(connection: &mut SqliteConnection, ncid: &str) -> ApiResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_optional(&mut *connection)
        .await?)
}
