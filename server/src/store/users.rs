//! Portal users by NCID.

use contract::operations::NamedUser;
use sqlx::SqliteConnection;

use crate::http::error::ApiResult;

/// The user with this NCID, if the NCID has a portal account.
pub(crate) async fn id_of(connection: &mut SqliteConnection, ncid: &str) -> ApiResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_optional(&mut *connection)
        .await?)
}

/// The user with this NCID by name and NCID, if the NCID has a portal account.
pub(crate) async fn named(
    connection: &mut SqliteConnection,
    ncid: &str,
) -> ApiResult<Option<NamedUser>> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_optional(&mut *connection)
        .await?;
    Ok(name.map(|name| NamedUser {
        ncid: ncid.to_owned(),
        name,
    }))
}

/// "Casey Lin (clin2)", or the NCID alone when it has no account.
pub(crate) async fn name_and_ncid(
    connection: &mut SqliteConnection,
    ncid: &str,
) -> ApiResult<String> {
    Ok(named(connection, ncid)
        .await?
        .map_or_else(|| ncid.to_owned(), |user| user.to_string()))
}
