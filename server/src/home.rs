//! `GET /api/home`: the records the signed-in user administers as primary or backup OA.

use axum::extract::State;
use axum::Json;
use contract::records::{
    oa_is_active, AdministeredRecord, HomeSummary, OaRole, OfficeAdministrator, Program, RecordKind,
};
use contract::CalendarDate;

use crate::auth::CurrentUser;
use crate::error::ApiResult;
use crate::AppState;

type HomeRow = (
    String,         // record id
    String,         // name
    String,         // kind
    String,         // programs (JSON)
    Option<String>, // primary OA end date
    Option<String>, // primary OA ncid
    Option<String>, // primary OA name
    Option<String>, // backup OA ncid
    Option<String>, // backup OA name
    bool,           // the user is the primary OA
);

pub(crate) fn parse_kind(text: String) -> anyhow::Result<RecordKind> {
    Ok(serde_json::from_value(serde_json::Value::String(text))?)
}

pub(crate) fn oa(
    ncid: Option<String>,
    name: Option<String>,
    end_date: Option<CalendarDate>,
) -> Option<OfficeAdministrator> {
    Some(OfficeAdministrator {
        ncid: ncid?,
        name: name?,
        end_date,
    })
}

pub async fn home(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<HomeSummary>> {
    let rows: Vec<HomeRow> = sqlx::query_as(
        "SELECT r.id, r.name, r.kind, r.programs, r.primary_oa_end_date, \
                p.ncid, p.name, b.ncid, b.name, r.primary_oa_id IS ?1 \
         FROM records r \
         LEFT JOIN users p ON p.id = r.primary_oa_id \
         LEFT JOIN users b ON b.id = r.backup_oa_id \
         WHERE r.primary_oa_id = ?1 OR r.backup_oa_id = ?1 \
         ORDER BY r.name COLLATE NOCASE, r.id",
    )
    .bind(user.id)
    .fetch_all(&state.db)
    .await?;

    let today = state.clock.today();
    let mut records = Vec::with_capacity(rows.len());
    for (id, name, kind, programs, end_date, p_ncid, p_name, b_ncid, b_name, is_primary) in rows {
        let end_date = end_date
            .map(|text| text.parse::<CalendarDate>())
            .transpose()
            .map_err(|error| anyhow::anyhow!("record {id}: end date: {error}"))?;
        let primary_oa = oa(p_ncid, p_name, end_date);
        records.push(AdministeredRecord {
            kind: parse_kind(kind)?,
            programs: serde_json::from_str::<Vec<Program>>(&programs)
                .map_err(anyhow::Error::from)?,
            my_role: if is_primary {
                OaRole::Primary
            } else {
                OaRole::Backup
            },
            // R-BOA-8: an end-dated (or missing) primary leaves the record with no active
            // primary; the backup is not promoted. The end date is inclusive.
            has_active_primary_oa: primary_oa.is_some() && oa_is_active(end_date, today),
            primary_oa,
            backup_oa: oa(b_ncid, b_name, None),
            id,
            name,
        });
    }
    Ok(Json(HomeSummary { records }))
}
