//! `GET /api/home`: the records the signed-in user administers as primary or backup OA.

use axum::extract::State;
use axum::Json;
use contract::records::{AdministeredRecord, HomeSummary, OaRole};

use crate::auth::CurrentUser;
use crate::http::error::ApiResult;
use crate::store::records::Record;
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(home))
}

/// The records where the caller is primary or backup OA, sorted by name.
#[utoipa::path(
    get,
    path = "/api/home",
    tag = "home",
    security(("session" = [])),
    responses((status = 200, description = "The caller's records.", body = HomeSummary))
)]
async fn home(State(state): State<AppState>, user: CurrentUser) -> ApiResult<Json<HomeSummary>> {
    let mut connection = state.db.acquire().await?;
    let records = Record::related_to(&mut connection, &user, state.clock.today()).await?;
    let records = records
        .into_iter()
        .filter_map(|record| {
            // An end-dated primary OA still sees the record as theirs, without the standing
            // (R-BOA-8); an MR user who is neither OA does not.
            let my_role = if record.primary_id == Some(user.id) {
                OaRole::Primary
            } else if record.backup_id == Some(user.id) {
                OaRole::Backup
            } else {
                return None;
            };
            Some(AdministeredRecord {
                kind: record.kind,
                programs: record.programs,
                my_role,
                // R-BOA-8: an end-dated (or missing) primary leaves the record with no active
                // primary; the backup is not promoted.
                has_active_primary_oa: record.primary_active,
                primary_oa: record.primary,
                backup_oa: record.backup,
                id: record.id,
                name: record.name,
            })
        })
        .collect();
    Ok(Json(HomeSummary { records }))
}
