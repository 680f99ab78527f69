//! Initial enrollment applications (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10, R-OA-3 and
//! R-AUTH-4): drafts saved on every Continue by the applicant, who becomes the record's primary
//! OA and is the only one who may sign and submit; the person named backup OA may read the
//! application but not change or sign it. Approval creates the record (see `approve`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use contract::application::{
    ApplicationId, EnrollmentTrackingNumber, FieldError, RequestStatus, SubmitRequest,
};
use contract::enrollment::{
    validate_enrollment, validate_enrollment_through, EnrollmentDraft, EnrollmentRole,
    EnrollmentView, SaveEnrollment,
};
use contract::error::codes;
use contract::operations::ALL_ROLES;
use contract::Rule;
use contract::{ApiErrorBody, ProviderId};
use password_hash::rand_core::{OsRng, RngCore};
use sqlx::{Connection, SqliteConnection};

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::guesses;
use crate::json::ApiJson;
use crate::notices::{self, About, Notice};
use crate::oa_change::{day_of, field_errors, from_text, to_text, user_id};
use crate::AppState;

type Row = (
    ApplicationId,
    i64,            // applicant user id
    String,         // applicant NCID
    String,         // applicant name
    String,         // status
    Option<String>, // last step completed
    String,         // content (JSON)
    Option<String>, // tracking number
    i64,            // updated
    Option<i64>,    // submitted
    Option<String>, // decision note
);

const COLUMNS: &str = "SELECT e.id, e.applicant_user_id, u.ncid, u.name, e.status, e.step, \
     e.content, e.tracking_number, e.updated, e.submitted, e.decision_note \
     FROM enrollment_applications e JOIN users u ON u.id = e.applicant_user_id";

/// An application is visible to its applicant and to the person it names backup OA (R-BOA-5).
const VISIBLE_TO: &str = "(e.applicant_user_id = ?1 OR e.backup_ncid = ?2)";

fn status_of(id: ApplicationId, status: &str) -> ApiResult<RequestStatus> {
    Ok(RequestStatus::parse(status)
        .ok_or_else(|| anyhow::anyhow!("enrollment {id}: status {status}"))?)
}

fn view(row: Row, viewer: &CurrentUser) -> ApiResult<EnrollmentView> {
    let (id, applicant_id, ncid, name, status, step, content, tracking, updated, submitted, note) =
        row;
    Ok(EnrollmentView {
        id,
        status: status_of(id, &status)?,
        step: step.as_deref().map(from_text).transpose()?,
        draft: serde_json::from_str(&content).map_err(anyhow::Error::from)?,
        applicant_ncid: ncid,
        applicant_name: name,
        role: if applicant_id == viewer.id {
            EnrollmentRole::Primary
        } else {
            EnrollmentRole::NamedBackup
        },
        tracking_number: tracking.map(EnrollmentTrackingNumber),
        updated: day_of(updated),
        submitted: submitted.map(day_of),
        decision_note: note,
    })
}

/// Someone else's application answers exactly like one that does not exist.
fn no_application() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorBody::new(codes::NOT_FOUND, "You have no enrollment application here.")
            .with_rule(Rule::Boa5),
    )
}

/// R-BOA-5: the named backup reads; only the primary OA changes, signs and submits.
fn primary_only() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        ApiErrorBody::new(
            codes::FORBIDDEN,
            "Only the applicant, who becomes the primary Office Administrator, may change, sign \
             and submit this application.",
        )
        .with_rule(Rule::Boa5),
    )
}

fn conflict(message: impl Into<String>, rule: Rule) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        ApiErrorBody::new(codes::CONFLICT, message).with_rule(rule),
    )
}

async fn load(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    id: ApplicationId,
) -> ApiResult<Row> {
    sqlx::query_as(&format!("{COLUMNS} WHERE e.id = ?3 AND {VISIBLE_TO}"))
        .bind(user.id)
        .bind(&user.ncid)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or_else(no_application)
}

/// The applicant's application in a state they may still change: a draft, or one returned for
/// correction (R-OA-6).
async fn load_editable(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    id: ApplicationId,
) -> ApiResult<Row> {
    let row = load(connection, user, id).await?;
    if row.1 != user.id {
        return Err(primary_only());
    }
    let status = status_of(id, &row.4)?;
    if !matches!(status, RequestStatus::Draft | RequestStatus::Returned) {
        return Err(conflict(
            format!(
                "This application is {} and can no longer be changed.",
                status.label().to_lowercase()
            ),
            Rule::Oa6,
        ));
    }
    Ok(row)
}

/// What the contract cannot know: the named backup has a portal account (an NCID), and the
/// explanation document is an upload of the applicant's own (R-OA-3).
async fn check_with_database(
    connection: &mut SqliteConnection,
    user: &CurrentUser,
    draft: &EnrollmentDraft,
) -> ApiResult<()> {
    let mut errors = Vec::new();
    if let Some(ncid) = draft.backup.as_deref() {
        if user_id(connection, ncid).await?.is_none() {
            errors.push(FieldError {
                field: "backup",
                message: format!("No NCID account is {ncid}: check the NCID in step 4"),
                rule: Some(Rule::Boa2),
            });
        }
    }
    if let Some(attachment) = draft.exclusion.explanation {
        let owned: Option<i64> =
            sqlx::query_scalar("SELECT id FROM attachments WHERE id = ? AND owner_user_id = ?")
                .bind(attachment)
                .bind(user.id)
                .fetch_optional(&mut *connection)
                .await?;
        if owned.is_none() {
            errors.push(FieldError {
                field: "exclusion.explanation",
                message: "Upload the explanation document again".into(),
                rule: Some(Rule::Oa3),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(field_errors(errors))
    }
}

/// The provider id as the record will have it, once the identity step has passed.
fn provider_id(draft: &EnrollmentDraft) -> Option<ProviderId> {
    ProviderId::parse(&draft.provider_id).ok()
}

/// `GET /api/enrollments`: the caller's applications and those naming them backup OA, the
/// latest first.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Vec<EnrollmentView>>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{COLUMNS} WHERE {VISIBLE_TO} ORDER BY e.updated DESC, e.id DESC"
    ))
    .bind(user.id)
    .bind(&user.ncid)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|row| view(row, &user))
            .collect::<ApiResult<_>>()?,
    ))
}

/// `POST /api/enrollments`: a new, empty application whose applicant is the caller.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<(StatusCode, Json<EnrollmentView>)> {
    let now = state.clock.now();
    let content =
        serde_json::to_string(&EnrollmentDraft::default()).map_err(anyhow::Error::from)?;
    let mut connection = state.db.acquire().await?;
    let id: ApplicationId = sqlx::query_scalar(
        "INSERT INTO enrollment_applications (applicant_user_id, status, content, created, updated) \
         VALUES (?, 'draft', ?, ?, ?) RETURNING id",
    )
    .bind(user.id)
    .bind(content)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    let row = load(&mut connection, &user, id).await?;
    Ok((StatusCode::CREATED, Json(view(row, &user)?)))
}

/// `GET /api/enrollments/{id}`: read-only for the named backup, editable for the applicant.
pub async fn application(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<EnrollmentView>> {
    let mut connection = state.db.acquire().await?;
    let row = load(&mut connection, &user, id).await?;
    Ok(Json(view(row, &user)?))
}

/// `PUT /api/enrollments/{id}`: saved on every Continue after the steps up to the one completed
/// pass the contract's checks.
pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
    ApiJson(save): ApiJson<SaveEnrollment>,
) -> ApiResult<Json<EnrollmentView>> {
    let mut connection = state.db.acquire().await?;
    load_editable(&mut connection, &user, id).await?;
    let errors = validate_enrollment_through(save.step, &save.draft, &user.ncid);
    if !errors.is_empty() {
        return Err(field_errors(errors));
    }
    check_with_database(&mut connection, &user, &save.draft).await?;
    let content = serde_json::to_string(&save.draft).map_err(anyhow::Error::from)?;
    sqlx::query(
        "UPDATE enrollment_applications \
         SET step = ?, content = ?, provider_id = ?, backup_ncid = ?, updated = ? \
         WHERE id = ? AND status IN ('draft', 'returned')",
    )
    .bind(to_text(save.step)?)
    .bind(content)
    .bind(provider_id(&save.draft).map(|id| id.as_str().to_owned()))
    .bind(save.draft.backup.as_deref().map(str::trim))
    .bind(state.clock.now())
    .bind(id)
    .execute(&mut *connection)
    .await?;
    let row = load(&mut connection, &user, id).await?;
    Ok(Json(view(row, &user)?))
}

/// `POST /api/enrollments/{id}/submit`: only the applicant signs (R-BOA-5), with the PIN
/// (R-AUTH-4), an application that passes every check; a provider already enrolled, or with
/// another application under review, is refused.
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
    ApiJson(submit): ApiJson<SubmitRequest>,
) -> ApiResult<Json<EnrollmentView>> {
    let mut connection = state.db.acquire().await?;
    let row = load_editable(&mut connection, &user, id).await?;
    let draft: EnrollmentDraft = serde_json::from_str(&row.6).map_err(anyhow::Error::from)?;
    let errors = validate_enrollment(&draft, &user.ncid, &submit);
    if !errors.is_empty() {
        return Err(field_errors(errors));
    }
    check_with_database(&mut connection, &user, &draft).await?;
    let now = state.clock.now();
    guesses::verify_pin(&mut connection, user.id, submit.pin, now).await?;

    let provider = provider_id(&draft)
        .ok_or_else(|| anyhow::anyhow!("enrollment {id}: validated without a provider id"))?;
    // `BEGIN IMMEDIATE` takes the write lock before the checks, so of two submissions for one
    // provider the second sees the first.
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    check_not_enrolled(&mut transaction, provider.as_str(), id).await?;
    // A returned application keeps the tracking number it was first submitted with.
    let tracking = row
        .7
        .map(EnrollmentTrackingNumber)
        .unwrap_or_else(|| EnrollmentTrackingNumber::new(day_of(now), id));
    sqlx::query(
        "UPDATE enrollment_applications \
         SET status = 'submitted', tracking_number = ?, submitted = ?, updated = ? \
         WHERE id = ?",
    )
    .bind(&tracking.0)
    .bind(now)
    .bind(now)
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    let row = load(&mut transaction, &user, id).await?;
    transaction.commit().await?;
    Ok(Json(view(row, &user)?))
}

/// One record per provider, and one open application for it at a time.
async fn check_not_enrolled(
    connection: &mut SqliteConnection,
    provider: &str,
    own: ApplicationId,
) -> ApiResult<()> {
    let enrolled: Option<String> = sqlx::query_scalar("SELECT id FROM records WHERE id = ?")
        .bind(provider)
        .fetch_optional(&mut *connection)
        .await?;
    if enrolled.is_some() {
        return Err(conflict(
            format!(
                "{provider} is already enrolled. To change its Office Administrators use an OA \
                 Change Request."
            ),
            Rule::Boa6,
        ));
    }
    let open: Option<(String, i64)> = sqlx::query_as(&format!(
        "SELECT tracking_number, submitted FROM enrollment_applications \
         WHERE provider_id = ? AND id != ? AND status IN ({})",
        RequestStatus::sql_list(&RequestStatus::OPEN)
    ))
    .bind(provider)
    .bind(own)
    .fetch_optional(&mut *connection)
    .await?;
    if let Some((tracking, submitted)) = open {
        return Err(conflict(
            format!(
                "An enrollment application for {provider} is already open: {tracking}, \
                 submitted {}.",
                day_of(submitted)
            ),
            Rule::Oa5,
        ));
    }
    Ok(())
}

/// `POST /api/enrollments/{id}/withdraw`: the applicant discards a draft or withdraws an open
/// application; a decided one is refused. It cannot be undone.
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<ApplicationId>,
) -> ApiResult<Json<EnrollmentView>> {
    let mut connection = state.db.acquire().await?;
    let mut transaction = connection.begin_with("BEGIN IMMEDIATE").await?;
    let row = load(&mut transaction, &user, id).await?;
    if row.1 != user.id {
        return Err(primary_only());
    }
    let status = status_of(id, &row.4)?;
    if !status.may_withdraw() {
        return Err(conflict(
            format!(
                "This application is {} and can no longer be withdrawn.",
                status.label().to_lowercase()
            ),
            Rule::Oa6,
        ));
    }
    sqlx::query(
        "UPDATE enrollment_applications SET status = 'withdrawn', updated = ? WHERE id = ?",
    )
    .bind(state.clock.now())
    .bind(id)
    .execute(&mut *transaction)
    .await?;
    let row = load(&mut transaction, &user, id).await?;
    transaction.commit().await?;
    Ok(Json(view(row, &user)?))
}

/// A Welcome Letter's Authorization Code (R-OA-2) for a new record: ten letters and digits
/// without the look-alikes 0, O, 1 and I.
fn new_authorization_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0_u8; 10];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
        .collect()
}

/// Approval (R-BOA-5): in the caller's transaction, creates the record with the applicant as
/// primary OA and the named backup, its listed people, both their Active associations with
/// every role, and tells both (R-BOA-4). Returns the new record's id.
pub(crate) async fn approve(
    connection: &mut SqliteConnection,
    id: ApplicationId,
    now: i64,
) -> ApiResult<String> {
    let (applicant, applicant_ncid, content): (i64, String, String) = sqlx::query_as(
        "SELECT e.applicant_user_id, u.ncid, e.content FROM enrollment_applications e \
         JOIN users u ON u.id = e.applicant_user_id WHERE e.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or_else(no_application)?;
    let draft: EnrollmentDraft = serde_json::from_str(&content).map_err(anyhow::Error::from)?;
    let errors = validate_enrollment_through(
        contract::enrollment::EnrollmentStep::Review,
        &draft,
        &applicant_ncid,
    );
    if let Some(first) = errors.first() {
        return Err(conflict(
            format!(
                "The application no longer passes its checks: {}.",
                first.message
            ),
            first.rule.unwrap_or(Rule::Oa6),
        ));
    }
    let provider = provider_id(&draft)
        .ok_or_else(|| anyhow::anyhow!("enrollment {id}: validated without a provider id"))?;
    check_not_enrolled(connection, provider.as_str(), id).await?;
    let kind = draft
        .provider_type
        .ok_or_else(|| anyhow::anyhow!("enrollment {id}: validated without a provider type"))?;
    let backup = match draft.backup.as_deref() {
        Some(ncid) => Some(user_id(connection, ncid).await?.ok_or_else(|| {
            conflict(
                format!("{ncid} has no portal account, so cannot become the backup OA."),
                Rule::Boa2,
            )
        })?),
        None => None,
    };
    let name = draft.name.trim();
    sqlx::query(
        "INSERT INTO records (id, id_kind, name, kind, programs, primary_oa_id, backup_oa_id, \
         authorization_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(provider.as_str())
    .bind(match provider {
        ProviderId::Npi(_) => "npi",
        ProviderId::Atypical(_) => "atypical",
    })
    .bind(name)
    .bind(to_text(kind)?)
    .bind(serde_json::to_string(&draft.programs).map_err(anyhow::Error::from)?)
    .bind(applicant)
    .bind(backup)
    .bind(new_authorization_code())
    .execute(&mut *connection)
    .await?;
    for person in draft.people.iter().map(|person| person.as_relationship()) {
        sqlx::query(
            "INSERT INTO managing_relationships \
             (record_id, name, relationship, ncid, adverse_findings, active) \
             VALUES (?, ?, ?, ?, ?, 1)",
        )
        .bind(provider.as_str())
        .bind(&person.name)
        .bind(to_text(person.relationship)?)
        .bind(&person.ncid)
        .bind(person.adverse_findings)
        .execute(&mut *connection)
        .await?;
    }
    let roles = serde_json::to_string(&ALL_ROLES).map_err(anyhow::Error::from)?;
    for user in [Some(applicant), backup].into_iter().flatten() {
        sqlx::query(
            "INSERT INTO associations (user_id, record_id, roles, status) \
             VALUES (?, ?, ?, 'active')",
        )
        .bind(user)
        .bind(provider.as_str())
        .bind(&roles)
        .execute(&mut *connection)
        .await?;
    }
    let tracking: Option<String> =
        sqlx::query_scalar("SELECT tracking_number FROM enrollment_applications WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *connection)
            .await?;
    let notice = Notice {
        about: About::Record(provider.as_str()),
        subject: format!("Enrollment approved: {name}"),
        body: format!(
            "Enrollment application {} for {name} ({}) is approved. {applicant_ncid} is its \
             primary Office Administrator{}.",
            tracking.unwrap_or_default(),
            provider.as_str(),
            draft
                .backup
                .as_deref()
                .map(|ncid| format!(
                    " and {ncid} its backup OA, who receives every notice sent to the primary"
                ))
                .unwrap_or_default(),
        ),
        created: now,
    };
    // R-BOA-4: the backup hears everything the primary does.
    notices::send(
        connection,
        [Some(applicant), backup].into_iter().flatten(),
        &notice,
    )
    .await?;
    Ok(provider.as_str().to_owned())
}
