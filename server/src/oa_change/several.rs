//! One backup OA for several records (R-MANY-1..3): the person judged for each of the caller's
//! records on its own, the set the caller prepares (saved on every Continue), and its
//! submission: one signature, and each record its own OA Change Request (R-BOA-7), filed in
//! its own transaction, whole or not at all.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use contract::application::{validate_signature, SubmitRequest, TrackingNumber};
use contract::error::codes;
use contract::oa_change::{BackupChoice, OaChangeDraft, PrimaryChoice, Step};
use contract::several_records::{
    judge_backup, validate_judgement, validate_set, JudgeBackup, Outcome, RecordAnswers,
    RecordOutcome, RecordVerdict, SaveSet, SetStep, SetView, SeveralRecordsDraft, Verdict,
};
use contract::{ApiErrorBody, Rule};
use sqlx::{Connection, SqliteConnection};

use super::kind::OaChangeRequest;
use super::wizard::notify_submitted;
use crate::application::{refuse_open, ApplicationKind};
use crate::attachments;
use crate::auth::CurrentUser;
use crate::guesses;
use crate::http::error::{ApiError, ApiResult};
use crate::http::json::ApiJson;
use crate::store::records::Record;
use crate::store::{day_of, from_text, to_text};
use crate::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(judgement))
        .routes(routes!(prepared, save))
        .routes(routes!(submit))
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
    let errors = validate_judgement(&asked);
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let mut connection = state.db.acquire().await?;
    let records = administered(&mut connection, &state, &user, &asked.records).await?;
    Ok(Json(
        records
            .iter()
            .map(|record| RecordVerdict {
                record_id: record.id.clone(),
                record_name: record.name.clone(),
                verdict: judge_backup(&record.facts(&user.ncid), &asked.ncid),
            })
            .collect(),
    ))
}

/// The records `ids` names, in that order, each one the caller administers (R-BOA-3);
/// otherwise the refusal, which tells nothing about a stranger's record.
async fn administered(
    connection: &mut SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    ids: &[String],
) -> ApiResult<Vec<Record>> {
    let mut mine: Vec<Record> = Record::related_to(connection, user, state.clock.today())
        .await?
        .into_iter()
        .filter(|record| {
            record
                .standing(user)
                .is_some_and(|standing| standing.may_administer())
        })
        .collect();
    ids.iter()
        .map(|id| {
            let at = mine
                .iter()
                .position(|record| record.id.eq_ignore_ascii_case(id.trim()))
                .ok_or_else(not_administered)?;
            Ok(mine.swap_remove(at))
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct SetRow {
    step: String,
    content: String,
    outcomes: Option<String>,
    updated: i64,
}

impl SetRow {
    fn view(self) -> ApiResult<SetView> {
        Ok(SetView {
            step: from_text(&self.step)?,
            draft: serde_json::from_str(&self.content).map_err(anyhow::Error::from)?,
            updated: day_of(self.updated),
            outcomes: self
                .outcomes
                .map(|outcomes| serde_json::from_str(&outcomes))
                .transpose()
                .map_err(anyhow::Error::from)?,
        })
    }
}

async fn load_set(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
) -> ApiResult<Option<SetView>> {
    sqlx::query_as::<_, SetRow>(
        "SELECT step, content, outcomes, updated FROM oa_change_sets WHERE applicant_user_id = ?",
    )
    .bind(user.id)
    .fetch_optional(&mut *connection)
    .await?
    .map(SetRow::view)
    .transpose()
}

/// The caller's prepared set, if any: reload, Back and Forward and coming back later resume it.
#[utoipa::path(
    get,
    path = "/api/oa-change/several",
    tag = "oa-change",
    security(("session" = [])),
    responses((status = 200, description = "The caller's prepared set, or null.",
        body = Option<SetView>))
)]
async fn prepared(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Option<SetView>>> {
    let mut connection = state.db.acquire().await?;
    Ok(Json(load_set(&mut connection, &user).await?))
}

/// R-MANY-1, R-MANY-2: saves the set through `step`, checked with every step before it: the
/// caller's own records, the person eligible for each of them, each record's answers and its
/// explanation document (R-OA-3). Saving again after a submission starts a new set.
#[utoipa::path(
    put,
    path = "/api/oa-change/several",
    tag = "oa-change",
    security(("session" = [])),
    request_body = SaveSet,
    responses(
        (status = 200, description = "The set as saved.", body = SetView),
        (status = 403, description = "`forbidden` (R-MANY-1): a record the caller is not \
            primary or backup OA of; nothing is saved.", body = ApiErrorBody),
        (status = 422, description = "`validation`: the fields refused, `records.N` for a \
            record the person cannot be named backup OA of (R-BOA-2, R-BOA-9, R-BOA-10).",
            body = ApiErrorBody),
    )
)]
async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(save): ApiJson<SaveSet>,
) -> ApiResult<Json<SetView>> {
    let mut connection = state.db.acquire().await?;
    check_set(&mut connection, &state, &user, save.step, &save.draft).await?;
    let content = serde_json::to_string(&save.draft).map_err(anyhow::Error::from)?;
    let step = to_text(save.step)?;
    let now = state.clock.now();
    drop(connection);
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    sqlx::query(
        "INSERT INTO oa_change_sets (applicant_user_id, step, content, outcomes, updated) \
         VALUES (?1, ?2, ?3, NULL, ?4) ON CONFLICT (applicant_user_id) DO UPDATE \
         SET step = ?2, content = ?3, outcomes = NULL, updated = ?4",
    )
    .bind(user.id)
    .bind(&step)
    .bind(&content)
    .bind(now)
    .execute(&mut *connection)
    .await?;
    Ok(Json(SetView {
        step: save.step,
        draft: save.draft,
        updated: day_of(now),
        outcomes: None,
    }))
}

/// Every check of the set through `last`; answers the records, in the set's order.
async fn check_set(
    connection: &mut SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    last: SetStep,
    draft: &SeveralRecordsDraft,
) -> ApiResult<Vec<Record>> {
    let errors = validate_set(last, draft);
    if !errors.is_empty() {
        return Err(ApiError::fields(errors));
    }
    let ids: Vec<String> = draft.records.iter().map(|r| r.record_id.clone()).collect();
    let records = administered(connection, state, user, &ids).await?;
    if last >= SetStep::Backup {
        let mut refused = ApiErrorBody::new(
            codes::VALIDATION,
            "The person cannot be named backup OA of every record: remove those records from the set.",
        )
        .with_rule(Rule::Many1);
        for (index, record) in records.iter().enumerate() {
            match judge_backup(&record.facts(&user.ncid), &draft.backup_ncid) {
                Verdict::Eligible => {}
                Verdict::AlreadyBackup => {
                    refused = refused.with_field(
                        &format!("records.{index}"),
                        format!("{}: is already its backup OA", record.name),
                    );
                }
                Verdict::Ineligible { reason, .. } => {
                    refused = refused.with_field(
                        &format!("records.{index}"),
                        format!("{}: {reason}", record.name),
                    );
                }
            }
        }
        if !refused.fields.is_empty() {
            return Err(ApiError::validation(refused));
        }
    }
    if last >= SetStep::Exclusion {
        for (index, answers) in draft.records.iter().enumerate() {
            let explanation = answers.exclusion.explanation;
            if let Some(mut error) =
                attachments::check_explanation(connection, user.id, explanation).await?
            {
                error.field = format!("records.{index}.{}", error.field).into();
                return Err(ApiError::fields(vec![error]));
            }
        }
    }
    Ok(records)
}

/// R-MANY-3, R-AUTH-4: one attestation and one PIN sign every request of the set; the PIN is
/// checked once, and counts against the guessing limit once. Each record's request is then
/// filed in its own transaction: one refused (an open request already exists, R-OA-5) does not
/// stop the others. The answer says, record by record, its tracking number or why it was not
/// filed, and stays with the set so a reload shows it again.
#[utoipa::path(
    post,
    path = "/api/oa-change/several/submit",
    tag = "oa-change",
    security(("session" = [])),
    request_body = SubmitRequest,
    responses(
        (status = 200, description = "What became of each record, in the set's order.",
            body = Vec<RecordOutcome>),
        (status = 403, description = "`invalid_pin` (R-AUTH-4): the PIN is wrong; nothing is \
            filed.", body = ApiErrorBody),
        (status = 404, description = "`not_found`: no prepared set, or one already submitted.",
            body = ApiErrorBody),
        (status = 422, description = "`validation`: the attestation or the PIN is missing, or \
            the set no longer passes its checks.", body = ApiErrorBody),
        (status = 423, description = "`pin_locked` (R-AUTH-4): too many wrong PINs.",
            body = ApiErrorBody),
    )
)]
async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(signature): ApiJson<SubmitRequest>,
) -> ApiResult<Json<Vec<RecordOutcome>>> {
    let mut connection = state.db.acquire().await?;
    let set = load_set(&mut connection, &user)
        .await?
        .filter(|set| set.outcomes.is_none())
        .ok_or_else(no_prepared_set)?;
    let signature_errors = validate_signature(&signature);
    if !signature_errors.is_empty() {
        return Err(ApiError::fields(signature_errors));
    }
    let records = check_set(&mut connection, &state, &user, SetStep::Review, &set.draft).await?;
    let now = state.clock.now();
    guesses::verify_pin(&mut connection, user.id, signature.pin, now).await?;
    drop(connection);

    let mut outcomes = Vec::with_capacity(records.len());
    for (record, answers) in records.iter().zip(&set.draft.records) {
        let outcome = file(&state, &user, record, answers, &set.draft.backup_ncid, now).await?;
        outcomes.push(RecordOutcome {
            record_id: record.id.clone(),
            record_name: record.name.clone(),
            outcome,
        });
    }
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    // A second submission of the same set at once finds it submitted and files nothing.
    sqlx::query(
        "UPDATE oa_change_sets SET outcomes = ?, updated = ? \
         WHERE applicant_user_id = ? AND outcomes IS NULL",
    )
    .bind(serde_json::to_string(&outcomes).map_err(anyhow::Error::from)?)
    .bind(now)
    .bind(user.id)
    .execute(&mut *connection)
    .await?;
    Ok(Json(outcomes))
}

/// One record's OA Change Request, submitted whole in its own `BEGIN IMMEDIATE` transaction
/// with its notices, or why not: it keeps the primary OA and names the set's person backup
/// (R-MANY-2).
async fn file(
    state: &AppState,
    user: &CurrentUser,
    record: &Record,
    answers: &RecordAnswers,
    backup_ncid: &str,
    now: i64,
) -> ApiResult<Outcome> {
    let draft = OaChangeDraft {
        primary: PrimaryChoice::Keep,
        backup: BackupChoice::Assign {
            ncid: backup_ncid.trim().to_owned(),
        },
        continued_access: None,
        exclusion: answers.exclusion.clone(),
    };
    let content = serde_json::to_string(&draft).map_err(anyhow::Error::from)?;
    let (_turn, mut connection) = state.writes.writer(&state.db).await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    // Under the write lock: of two submissions of the same set, the second sees the first's
    // request for the record as open (R-OA-5).
    if let Err(open) = refuse_open::<OaChangeRequest>(&mut transaction, &record.id, 0).await {
        return Ok(Outcome::NotFiled {
            rule: open.body.rule,
            reason: open.body.message,
        });
    }
    // The id is the table's next, taken under the lock, so the tracking number is written
    // with the row (every submitted request has one, R-OA-6).
    let id: i64 = sqlx::query_scalar(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'oa_change_requests'), 0) + 1",
    )
    .fetch_one(&mut *transaction)
    .await?;
    let tracking_number = TrackingNumber(OaChangeRequest::tracking_number(day_of(now), id));
    sqlx::query(
        "INSERT INTO oa_change_requests (id, applicant_user_id, record_id, status, step, \
         content, code_proven, tracking_number, created, updated, submitted) \
         VALUES (?, ?, ?, 'submitted', ?, ?, 0, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(user.id)
    .bind(&record.id)
    .bind(to_text(Step::Review)?)
    .bind(&content)
    .bind(&tracking_number.0)
    .bind(now)
    .bind(now)
    .bind(now)
    .execute(&mut *transaction)
    .await?;
    notify_submitted(
        &mut transaction,
        user,
        record,
        &draft,
        &tracking_number,
        now,
    )
    .await?;
    transaction.commit().await?;
    Ok(Outcome::Filed {
        id,
        tracking_number,
    })
}

fn no_prepared_set() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorBody::new(
            codes::NOT_FOUND,
            "There is no prepared set to submit: prepare one, or see My applications for the requests already filed.",
        )
        .with_rule(Rule::Many3),
    )
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
