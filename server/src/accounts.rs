//! My Account Management (R-ACCT-1..4): the caller's associations as a paged, sorted and
//! filtered list; the preview of a selection; and the removal of the selected associations.
//!
//! Rows come from `mine`, the caller's associations with what the table shows and the lock of
//! R-ACCT-3, so "only my own rows" and "locked" are written once. Filters, selections and sort
//! keys name columns that `associations` and `mine` share, so the list can find a page in the
//! indexes of `associations` alone and join only the rows it answers.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use contract::accounts::{
    AccountPage, AccountQuery, AccountRow, AccountSelection, AssociationId, AssociationStatus,
    RemovalLock, RemovalOutcome, RemovalReport, RemovalResult, SelectionPreview, SortColumn,
    SortDirection, PREVIEW_LIMIT,
};
use contract::error::codes;
use contract::records::OaRole;
use contract::table::TableFilter;
use contract::{ApiErrorBody, CalendarDate};
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::search;
use crate::store::{notices, records};
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(preview))
        .routes(routes!(remove))
}

/// The most ids a selection may name in each of `ids`, `except` and `also`.
const MAX_SELECTED_IDS: usize = 10_000;
const TOO_MANY_IDS: &str = "Select at most 10,000 accounts at a time.";

/// How many associations one removal transaction takes at most (see `remove_batch`).
const REMOVAL_BATCH: usize = 500;

type Sql = QueryBuilder<'static, Sqlite>;

/// Who asks, and the day by the server's clock (an OA's end date is inclusive, R-ACCT-3).
struct Caller<'a> {
    user: &'a CurrentUser,
    today: String,
}

impl<'a> Caller<'a> {
    fn new(state: &AppState, user: &'a CurrentUser) -> Self {
        Self {
            user,
            today: state.clock.today().to_string(),
        }
    }

    /// Starts a query with the CTE `mine`: the caller's associations (R-ACCT-1) with the
    /// columns of `AccountRow`, and `lock_role`, which is 'primary' or 'backup' when the caller
    /// administers the record so the row cannot be removed (R-ACCT-3), else NULL. The primary
    /// OA locks while active (`records::push_primary_active`); the backup OA always locks.
    fn mine(&self) -> Sql {
        let mut query = QueryBuilder::new(
            "WITH mine AS (SELECT a.id, a.oa_ncid, a.oa_name, \
             r.primary_oa_end_date AS oa_end_date, a.roles_label, a.record_id, \
             r.name AS record_name, a.status, CASE WHEN r.primary_oa_id = ",
        );
        query.push_bind(self.user.id).push(" AND ");
        records::push_primary_active(&mut query, self.today.clone());
        query
            .push(" THEN 'primary' WHEN r.backup_oa_id = ")
            .push_bind(self.user.id)
            .push(
                " THEN 'backup' END AS lock_role \
                 FROM associations a JOIN records r ON r.id = a.record_id \
                 WHERE a.user_id = ",
            )
            .push_bind(self.user.id)
            .push(") ");
        query
    }

    /// Pushes the condition "a locked row of `mine`". `lock_role` decides; the `record_id` test
    /// only lets SQLite start from the few records the caller administers.
    fn push_locked(&self, query: &mut Sql) {
        query
            .push(
                "lock_role IS NOT NULL AND record_id IN \
                 (SELECT id FROM records WHERE primary_oa_id = ",
            )
            .push_bind(self.user.id)
            .push(" OR backup_oa_id = ")
            .push_bind(self.user.id)
            .push(")");
    }

    /// How many of the caller's rows meet `condition`, and how many of those are locked.
    async fn count(&self, db: &SqlitePool, condition: impl Fn(&mut Sql)) -> ApiResult<(u64, u64)> {
        let mut query = self.mine();
        query
            .push("SELECT (SELECT COUNT(*) FROM associations WHERE user_id = ")
            .push_bind(self.user.id)
            .push(" AND ");
        condition(&mut query);
        query.push("), (SELECT COUNT(*) FROM mine WHERE ");
        self.push_locked(&mut query);
        query.push(" AND ");
        condition(&mut query);
        query.push(")");
        let (total, locked): (i64, i64) = query.build_query_as().fetch_one(db).await?;
        Ok((non_negative(total)?, non_negative(locked)?))
    }
}

fn non_negative(count: i64) -> anyhow::Result<u64> {
    Ok(u64::try_from(count)?)
}

/// A row of `mine`, as SQLite gives it.
#[derive(sqlx::FromRow)]
struct MineRow {
    id: AssociationId,
    oa_ncid: String,
    oa_name: String,
    oa_end_date: Option<String>,
    roles_label: String,
    record_id: String,
    record_name: String,
    status: String,
    lock_role: Option<String>,
}

fn lock_role(text: Option<&str>) -> anyhow::Result<Option<OaRole>> {
    match text {
        None => Ok(None),
        Some("primary") => Ok(Some(OaRole::Primary)),
        Some("backup") => Ok(Some(OaRole::Backup)),
        Some(other) => anyhow::bail!("lock role {other:?}"),
    }
}

impl MineRow {
    fn into_account_row(self) -> anyhow::Result<AccountRow> {
        let lock = lock_role(self.lock_role.as_deref())?.map(RemovalLock::for_role);
        let status = AssociationStatus::from_key(&self.status)
            .ok_or_else(|| anyhow::anyhow!("association {}: status {:?}", self.id, self.status))?;
        let oa_end_date = self
            .oa_end_date
            .map(|text| text.parse::<CalendarDate>())
            .transpose()
            .map_err(|error| anyhow::anyhow!("association {}: end date: {error}", self.id))?;
        Ok(AccountRow {
            id: self.id,
            oa_ncid: self.oa_ncid,
            oa_name: self.oa_name,
            oa_end_date,
            // `roles_label` lists the roles in one order, whatever order they were stored in.
            roles: self
                .roles_label
                .split(", ")
                .filter(|role| !role.is_empty())
                .map(str::to_owned)
                .collect(),
            provider_id: self.record_id,
            record_name: self.record_name,
            status,
            lock,
        })
    }
}

fn account_rows(rows: Vec<MineRow>) -> anyhow::Result<Vec<AccountRow>> {
    rows.into_iter().map(MineRow::into_account_row).collect()
}

/// Pushes the condition of `TableFilter::matches`: the status, and the trimmed, lower-cased
/// text inside the OA NCID, OA name or NPI/Atypical ID (`search::contains_folded`).
fn push_filter(query: &mut Sql, filter: &TableFilter) {
    query.push("(1");
    if let Some(status) = filter.status {
        query.push(" AND status = ").push_bind(status.key());
    }
    let needle = search::needle(&filter.text);
    if !needle.is_empty() {
        query
            .push(" AND (contains_folded(oa_ncid, ")
            .push_bind(needle.clone())
            .push(") OR contains_folded(oa_name, ")
            .push_bind(needle.clone())
            .push(") OR contains_folded(record_id, ")
            .push_bind(needle)
            .push("))");
    }
    query.push(")");
}

fn id_list<'a>(ids: impl IntoIterator<Item = &'a AssociationId>) -> String {
    serde_json::Value::from(ids.into_iter().copied().collect::<Vec<_>>()).to_string()
}

fn push_ids(query: &mut Sql, ids: String) {
    query
        .push("id IN (SELECT value FROM json_each(")
        .push_bind(ids)
        .push("))");
}

/// Pushes the condition "in the selection" (R-ACCT-2): the ids, or the rows matching the
/// filter now, less `except`, plus `also`.
fn push_selection(query: &mut Sql, selection: &AccountSelection) {
    match selection {
        AccountSelection::Ids { ids } => push_ids(query, id_list(ids)),
        AccountSelection::Matching {
            filter,
            except,
            also,
        } => {
            query.push("((");
            push_filter(query, filter);
            query.push(" AND NOT ");
            push_ids(query, id_list(except));
            query.push(") OR ");
            push_ids(query, id_list(also));
            query.push(")");
        }
    }
}

/// Pushes `ORDER BY` for a sort of the list; ties go by id in the same direction, so every
/// order is total and paging is stable. `table` qualifies the columns when a join needs it.
fn push_order(query: &mut Sql, sort: SortColumn, direction: SortDirection, table: &str) {
    let column = match sort {
        SortColumn::OaNcid => "oa_ncid",
        SortColumn::OaName => "oa_name",
        SortColumn::Roles => "roles_label",
        SortColumn::ProviderId => "record_id",
        SortColumn::Status => "status",
    };
    let direction = match direction {
        SortDirection::Ascending => "ASC",
        SortDirection::Descending => "DESC",
    };
    query.push(format_args!(
        " ORDER BY {table}{column} {direction}, {table}id {direction}"
    ));
}

fn invalid(field: &str, message: String) -> ApiError {
    ApiError::validation(
        ApiErrorBody::new(codes::VALIDATION, message.clone()).with_field(field, message),
    )
}

fn parse_query(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<AccountQuery> {
    let Query(pairs) = query.map_err(|rejection| invalid("query", rejection.body_text()))?;
    AccountQuery::from_pairs(
        pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
    )
    .map_err(|wrong| invalid(wrong.field, wrong.message))
}

/// `GET /api/accounts`: one page of the caller's associations (R-ACCT-1). Sorting, filtering,
/// paging and counting happen in SQL; a page past the end is answered with no rows.
#[utoipa::path(
    get,
    path = "/api/accounts",
    operation_id = "list_accounts",
    tag = "accounts",
    security(("session" = [])),
    params(
        ("page" = Option<u32>, Query, minimum = 1, description = "The page, from 1 (default 1); \
            a page past the last answers no rows."),
        ("size" = Option<u32>, Query, description = "Rows per page: 10 (default), 25, 50 or 100."),
        ("sort" = Option<SortColumn>, Query, description = "The column sorted on (default \
            `oa_ncid`); ties go by association id."),
        ("dir" = Option<String>, Query, description = "`asc` (default) or `desc`."),
        ("q" = Option<String>, Query, description = "A substring of the OA NCID, OA name or \
            NPI/Atypical ID, trimmed, ignoring case."),
        ("status" = Option<String>, Query, description = "`active`, `inactive`, or empty for \
            both."),
    ),
    responses(
        (status = 200, description = "One page of the caller's associations (R-ACCT-1).",
            body = AccountPage),
        (status = 422, description = "`validation`: `fields` names `page`, `size`, `sort`, \
            `dir`, `q` or `status`.", body = ApiErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> ApiResult<Json<AccountPage>> {
    let query = parse_query(query)?;
    let caller = Caller::new(&state, &user);

    // The page's ids come from an index of `associations` in the sort order (the pages before
    // it are skipped there); only those rows are joined, then put back in order.
    let mut page = caller.mine();
    page.push(", page AS (SELECT id FROM associations WHERE user_id = ")
        .push_bind(user.id)
        .push(" AND ");
    push_filter(&mut page, &query.filter);
    push_order(&mut page, query.sort, query.direction, "");
    page.push(" LIMIT ")
        .push_bind(i64::from(query.page_size))
        .push(" OFFSET ")
        .push_bind(i64::from(query.page - 1) * i64::from(query.page_size))
        // CROSS JOIN keeps `page` the outer loop: SQLite would otherwise walk every row of the
        // caller in sort order to skip the final sort of at most 100 rows.
        .push(") SELECT mine.* FROM page CROSS JOIN mine ON mine.id = page.id");
    push_order(&mut page, query.sort, query.direction, "mine.");

    // The page and the counts do not depend on each other: two reads at once.
    let (rows, (total, locked)) = tokio::try_join!(
        async {
            let rows: Vec<MineRow> = page.build_query_as().fetch_all(&state.db).await?;
            Ok::<_, ApiError>(rows)
        },
        caller.count(&state.db, |sql| push_filter(sql, &query.filter)),
    )?;
    Ok(Json(AccountPage {
        rows: account_rows(rows)?,
        page: query.page,
        page_size: query.page_size,
        total_matching: total,
        removable_matching: total - locked,
    }))
}

/// 422 for a selection too large to be a selection, or with a filter the list would refuse.
fn validate(selection: &AccountSelection) -> ApiResult<()> {
    let mut problems = BTreeMap::new();
    match selection {
        AccountSelection::Ids { ids } => {
            if ids.len() > MAX_SELECTED_IDS {
                problems.insert("ids", TOO_MANY_IDS.to_owned());
            }
        }
        AccountSelection::Matching {
            filter,
            except,
            also,
        } => {
            if let Err(message) = filter.validate() {
                problems.insert("filter", message);
            }
            if except.len() > MAX_SELECTED_IDS {
                problems.insert("except", TOO_MANY_IDS.to_owned());
            }
            if also.len() > MAX_SELECTED_IDS {
                problems.insert("also", TOO_MANY_IDS.to_owned());
            }
        }
    }
    let Some(first) = problems.values().next() else {
        return Ok(());
    };
    let mut body = ApiErrorBody::new(codes::VALIDATION, first.clone());
    for (field, message) in problems {
        body = body.with_field(field, message);
    }
    Err(ApiError::validation(body))
}

/// `POST /api/accounts/preview`: what a removal of this selection would act on.
#[utoipa::path(
    post,
    path = "/api/accounts/preview",
    tag = "accounts",
    security(("session" = [])),
    request_body = AccountSelection,
    responses(
        (status = 200, description = "The first 50 removable rows, the total, and the selected \
            rows that are locked (R-ACCT-3).", body = SelectionPreview),
        (status = 422, description = "`validation`: more than 10,000 ids in `fields.ids`, \
            `fields.except` or `fields.also`, or `fields.filter` too long.", body = ApiErrorBody),
    )
)]
async fn preview(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(selection): ApiJson<AccountSelection>,
) -> ApiResult<Json<SelectionPreview>> {
    validate(&selection)?;
    let caller = Caller::new(&state, &user);

    let mut removable = caller.mine();
    removable.push("SELECT * FROM mine WHERE lock_role IS NULL AND ");
    push_selection(&mut removable, &selection);
    push_order(
        &mut removable,
        SortColumn::OaNcid,
        SortDirection::Ascending,
        "",
    );
    removable
        .push(" LIMIT ")
        .push_bind(i64::try_from(PREVIEW_LIMIT).map_err(anyhow::Error::from)?);

    let mut locked = caller.mine();
    locked.push("SELECT * FROM mine WHERE ");
    caller.push_locked(&mut locked);
    locked.push(" AND ");
    push_selection(&mut locked, &selection);
    push_order(
        &mut locked,
        SortColumn::OaNcid,
        SortDirection::Ascending,
        "",
    );

    let (rows, locked, (total, locked_count)) = tokio::try_join!(
        async {
            let rows: Vec<MineRow> = removable.build_query_as().fetch_all(&state.db).await?;
            Ok::<_, ApiError>(rows)
        },
        async {
            let rows: Vec<MineRow> = locked.build_query_as().fetch_all(&state.db).await?;
            Ok::<_, ApiError>(rows)
        },
        caller.count(&state.db, |sql| push_selection(sql, &selection)),
    )?;
    Ok(Json(SelectionPreview {
        rows: account_rows(rows)?,
        total: total - locked_count,
        locked: account_rows(locked)?,
    }))
}

/// `POST /api/accounts/removal`: removes the caller's selected associations (R-ACCT-2) with
/// their audit rows and notices (R-ACCT-4), and refuses locked ones whatever the client sent
/// (R-ACCT-3). Every id the selection stands for gets one result, in id order.
#[utoipa::path(
    post,
    path = "/api/accounts/removal",
    tag = "accounts",
    security(("session" = [])),
    request_body = AccountSelection,
    responses(
        (status = 200, description = "One result per id the selection stands for, in id order \
            (R-ACCT-2, R-ACCT-3, R-ACCT-4).", body = RemovalReport),
        (status = 422, description = "`validation`: as for the preview.", body = ApiErrorBody),
    )
)]
async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(selection): ApiJson<AccountSelection>,
) -> ApiResult<Json<RemovalReport>> {
    validate(&selection)?;
    let caller = Caller::new(&state, &user);
    let mut connection = state.db.acquire().await?;

    // The ids named outright, and for a filter the caller's rows matching it now.
    let targets: BTreeSet<AssociationId> = match &selection {
        AccountSelection::Ids { ids } => ids.clone(),
        AccountSelection::Matching { also, .. } => {
            let mut query = QueryBuilder::new("SELECT id FROM associations WHERE user_id = ");
            query.push_bind(user.id).push(" AND ");
            push_selection(&mut query, &selection);
            let matching: Vec<AssociationId> = query
                .build_query_scalar()
                .fetch_all(&mut *connection)
                .await?;
            matching.into_iter().chain(also.iter().copied()).collect()
        }
    };

    drop(connection);

    let now = state.clock.now();
    let targets: Vec<AssociationId> = targets.into_iter().collect();
    let mut results = Vec::with_capacity(targets.len());
    for batch in targets.chunks(REMOVAL_BATCH) {
        let (_turn, mut connection) = state.writes.writer(&state.db).await?;
        results.extend(remove_batch(&mut connection, &caller, batch, now).await?);
    }
    Ok(Json(RemovalReport { results }))
}

/// Removes the caller's unlocked associations among `ids`, each with its audit row and notices
/// (R-ACCT-4), in one transaction, and answers every id in order.
///
/// Why a batch and not a transaction per association: each commit writes the touched pages of
/// the table, its indexes, the audit log and the messages to the WAL, about half a millisecond
/// per association, so 1,000 took about 570 ms against a 200 ms target. An association's
/// delete, audit row and notices still commit together, so each is all or nothing; the batch
/// size bounds how long other writers wait for the lock.
///
/// `BEGIN IMMEDIATE` takes the write lock first, and the delete itself checks that each row is
/// still the caller's and unlocked: of two removals of one row, the second finds nothing,
/// writes nothing and answers `already_gone`.
async fn remove_batch(
    connection: &mut SqliteConnection,
    caller: &Caller<'_>,
    ids: &[AssociationId],
    now: i64,
) -> ApiResult<Vec<RemovalResult>> {
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let ids_json = id_list(ids);

    let mut delete = caller.mine();
    delete.push(
        "DELETE FROM associations WHERE id IN \
         (SELECT id FROM mine WHERE lock_role IS NULL AND ",
    );
    push_ids(&mut delete, ids_json.clone());
    delete.push(") RETURNING id, record_id");
    let removed: BTreeMap<AssociationId, String> = delete
        .build_query_as::<(AssociationId, String)>()
        .fetch_all(&mut *transaction)
        .await?
        .into_iter()
        .collect();

    if !removed.is_empty() {
        let pairs = serde_json::to_string(&removed.iter().collect::<Vec<_>>())
            .map_err(anyhow::Error::from)?;
        sqlx::query(
            "INSERT INTO audit_log (actor_user_id, action, association_id, record_id, created) \
             SELECT ?, 'association_removed', json_extract(value, '$[0]'), \
             json_extract(value, '$[1]'), ? FROM json_each(?)",
        )
        .bind(caller.user.id)
        .bind(now)
        .bind(&pairs)
        .execute(&mut *transaction)
        .await?;

        let records = serde_json::to_string(&removed.values().collect::<Vec<_>>())
            .map_err(anyhow::Error::from)?;
        notices::access_removed(&mut transaction, caller.user, &records, now).await?;
    }

    // Under the write lock nothing changes meanwhile: a row not removed is gone (or was never
    // the caller's), or it is locked.
    let mut locked = caller.mine();
    locked.push("SELECT id, lock_role FROM mine WHERE lock_role IS NOT NULL AND ");
    push_ids(&mut locked, ids_json);
    let locked: BTreeMap<AssociationId, String> = locked
        .build_query_as::<(AssociationId, String)>()
        .fetch_all(&mut *transaction)
        .await?
        .into_iter()
        .collect();
    transaction.commit().await?;

    ids.iter()
        .map(|id| {
            let outcome = if removed.contains_key(id) {
                RemovalOutcome::Removed
            } else if let Some(role) = lock_role(locked.get(id).map(String::as_str))? {
                refused(role)
            } else {
                RemovalOutcome::AlreadyGone
            };
            Ok(RemovalResult { id: *id, outcome })
        })
        .collect()
}

/// R-ACCT-3: the caller administers the record; a new OA must be approved first.
fn refused(role: OaRole) -> RemovalOutcome {
    let lock = RemovalLock::for_role(role);
    RemovalOutcome::Refused {
        reason: lock.explanation(),
        rule: lock.rule,
    }
}
