//! One backup OA for several records (R-MANY-1): the person judged for each of the caller's
//! records on its own. Each record still gets its own OA Change Request (R-BOA-7).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use contract::error::codes;
use contract::several_records::{judge_backup, JudgeBackup, RecordVerdict, MAX_RECORDS};
use contract::{ApiErrorBody, Rule};

use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::store::records::Record;
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(judgement))
}

/// R-MANY-1: `ncid` judged as backup OA of each record, in the order asked. Every record must
/// be one where the caller is active primary or backup OA (R-BOA-3); otherwise nothing is
/// judged, so the answer tells nothing about a stranger's record.
#[utoipa::path(
    post,
    path = "/api/oa-change/several/judgement",
    tag = "oa-change",
    security(("session" = [])),
    request_body = JudgeBackup,
    responses(
        (status = 200, description = "One verdict per record, in the order asked.",
            body = Vec<RecordVerdict>),
        (status = 403, description = "`forbidden` (R-MANY-1): a record the caller is not \
            primary or backup OA of; nothing is judged.", body = ApiErrorBody),
        (status = 422, description = "`validation`: no NCID, no record, a record named twice \
            or more than the most records at once.", body = ApiErrorBody),
    )
)]
async fn judgement(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(asked): ApiJson<JudgeBackup>,
) -> ApiResult<Json<Vec<RecordVerdict>>> {
    check_asked(&asked)?;
    let mut connection = state.db.acquire().await?;
    let administered: Vec<Record> = Record::related_to(&mut connection, &user, state.clock.today())
        .await?
        .into_iter()
        .filter(|record| {
            record
                .standing(&user)
                .is_some_and(|standing| standing.may_administer())
        })
        .collect();
    asked
        .records
        .iter()
        .map(|id| {
            let record = administered
                .iter()
                .find(|record| record.id.eq_ignore_ascii_case(id.trim()))
                .ok_or_else(not_administered)?;
            Ok(RecordVerdict {
                record_id: record.id.clone(),
                record_name: record.name.clone(),
                verdict: judge_backup(&record.facts(&user.ncid), &asked.ncid),
            })
        })
        .collect::<ApiResult<_>>()
        .map(Json)
}

fn check_asked(asked: &JudgeBackup) -> ApiResult<()> {
    let refuse = |field: &str, message: &str| {
        Err(ApiError::validation(
            ApiErrorBody::new(codes::VALIDATION, message)
                .with_field(field, message)
                .with_rule(Rule::Many1),
        ))
    };
    if asked.ncid.trim().is_empty() {
        return refuse("ncid", "Enter the NCID of the person to name backup OA");
    }
    if asked.records.is_empty() {
        return refuse("records", "Select at least one provider record");
    }
    if asked.records.len() > MAX_RECORDS {
        return refuse(
            "records",
            &format!("Select at most {MAX_RECORDS} provider records at once"),
        );
    }
    let mut seen: Vec<String> = asked
        .records
        .iter()
        .map(|id| id.trim().to_ascii_uppercase())
        .collect();
    seen.sort();
    seen.dedup();
    if seen.len() != asked.records.len() {
        return refuse("records", "Select each provider record once");
    }
    Ok(())
}

/// R-MANY-1: only the records where the caller is active primary or backup OA.
fn not_administered() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ApiErrorBody::new(
            codes::FORBIDDEN,
            "You can prepare a backup OA only for records where you are the primary or backup OA.",
        )
        .with_rule(Rule::Many1),
    )
}
