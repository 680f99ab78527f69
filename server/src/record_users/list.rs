//! `GET /api/records/{id}/users`: one page of a record's users (R-USER-1), sorted, filtered and
//! paged in SQL.

use crate::auth::CurrentUser;
use crate::http::error::ApiResult;
use crate::http::path::Path;
use crate::search;
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use contract::accounts::{AssociationId, SortDirection};
use contract::record_users::{RecordUserPage, RecordUserQuery, UserSortColumn};
use contract::table::TableFilter;
use contract::ApiErrorBody;
use sqlx::QueryBuilder;

use super::{administered, invalid, Sql, UserRow, ROWS};

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

/// Pushes the condition of `TableFilter::matches`.
fn push_filter(query: &mut Sql, filter: &TableFilter) {
    if let Some(status) = filter.status {
        query.push(" AND a.status = ").push_bind(status.key());
    }
    let needle = search::needle(&filter.text);
    if !needle.is_empty() {
        query
            .push(" AND (contains_folded(a.user_ncid, ")
            .push_bind(needle.clone())
            .push(") OR contains_folded(a.user_name, ")
            .push_bind(needle)
            .push("))");
    }
}

/// `ORDER BY` the column, ties by association id in the same direction, so paging is stable;
/// the user's columns are the association's copies of them (migration 0011). Never signed in
/// sorts first ascending (SQLite puts NULL first).
fn push_order(query: &mut Sql, sort: UserSortColumn, direction: SortDirection) {
    let column = match sort {
        UserSortColumn::Ncid => "a.user_ncid",
        UserSortColumn::Name => "a.user_name COLLATE NOCASE",
        UserSortColumn::Roles => "a.roles_label",
        UserSortColumn::Status => "a.status",
        UserSortColumn::Added => "a.added",
        UserSortColumn::LastSignIn => "a.user_last_sign_in",
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
pub(super) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(record_id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Json<RecordUserPage>> {
    let query = parse_query(query)?;
    let mut connection = state.db.acquire().await?;
    let (record, my_role) =
        administered(&mut connection, &record_id, &user, state.clock.today()).await?;

    // The page's ids are chosen first, from the record's associations alone (the user's
    // columns are copied onto them); the row's other columns (the generated roles label, the
    // listing) are read for that page alone. With a text filter the count comes with the ids,
    // so the filter reads each association once.
    let text_filtered = !search::needle(&query.filter.text).is_empty();
    let mut ids: Sql = QueryBuilder::new(if text_filtered {
        "SELECT a.id, COUNT(*) OVER () FROM associations a WHERE a.record_id = "
    } else {
        "SELECT a.id, 0 FROM associations a WHERE a.record_id = "
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

    let total = match found.first() {
        Some((_, total)) if text_filtered => *total,
        // Without a text filter, or a page past the end: counted on its own.
        _ => {
            let mut count: Sql =
                QueryBuilder::new("SELECT COUNT(*) FROM associations a WHERE a.record_id = ");
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
