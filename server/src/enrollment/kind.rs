//! The initial enrollment application as an `ApplicationKind`: its table, its queue row, and
//! what a decision does — an approval creates the record with its primary and backup OA
//! (R-BOA-5, R-BOA-4); a denial or return is told to the applicant and the named backup
//! (R-OA-7).

use axum::http::StatusCode;
use contract::application::{ApplicationId, Decision, EnrollmentTrackingNumber, RequestStatus};
use contract::enrollment::{validate_enrollment_through, EnrollmentDraft, EnrollmentStep};
use contract::error::codes;
use contract::operations::{EnrollmentQueueItem, EnrollmentSubject, ALL_ROLES};
use contract::{ApiErrorBody, CalendarDate, ProviderId, Rule};
use password_hash::rand_core::{OsRng, RngCore};
use sqlx::SqliteConnection;

use crate::application::{self, decision_body, not_yours, status_of, ApplicationKind};
use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::review_routes::ReviewRoutes;
use crate::store::notices::{self, About, Notice};
use crate::store::{to_text, users};

pub(crate) struct Enrollment;

/// An application is visible to its applicant and to the person it names backup OA (R-BOA-5).
pub(crate) const VISIBLE_TO: &str = "(e.applicant_user_id = ?1 OR e.backup_ncid = ?2)";

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

/// The provider id as the record will have it, once the identity step has passed.
pub(crate) fn provider_id(draft: &EnrollmentDraft) -> Option<ProviderId> {
    ProviderId::parse(&draft.provider_id).ok()
}

#[derive(sqlx::FromRow)]
struct ApplicantRow {
    applicant_user_id: i64,
    status: String,
}

impl ApplicationKind for Enrollment {
    const TABLE: &'static str = "enrollment_applications";
    const SUBJECT: &'static str = "provider_id";
    const NOUN: &'static str = "application";
    const QUEUE: &'static str = "SELECT a.id, a.tracking_number, a.provider_id AS subject_id, \
         json_extract(a.content, '$.name') AS subject_name, u.ncid AS applicant_ncid, \
         u.name AS applicant_name, a.status, a.submitted, a.updated \
         FROM enrollment_applications a JOIN users u ON u.id = a.applicant_user_id \
         WHERE a.submitted IS NOT NULL";

    const NOT_IN_QUEUE: &'static str = "There is no submitted enrollment application with this id.";
    const REVIEW_ROUTES: ReviewRoutes = ReviewRoutes {
        path: "/api/operations/enrollments",
        operation_noun: "enrollment",
        approval: "creating the record",
        approval_conflicts: &[
            (Rule::Boa6, "the provider id was enrolled meanwhile"),
            (Rule::Oa5, "another application for it is open"),
            (Rule::Boa2, "the named backup has no account"),
        ],
    };
    /// R-BOA-5: visible to its applicant and its named backup only.
    const NOT_YOURS: (&'static str, Rule) =
        ("You have no enrollment application here.", Rule::Boa5);

    type Subject = EnrollmentSubject;
    type Draft = EnrollmentDraft;

    fn subject(tracking_number: String, provider_id: String, name: String) -> EnrollmentSubject {
        EnrollmentSubject {
            tracking_number: EnrollmentTrackingNumber(tracking_number),
            provider_id,
            // As the application gives it.
            provider_name: name.trim().to_owned(),
        }
    }

    fn tracking_number(submitted: CalendarDate, id: ApplicationId) -> String {
        EnrollmentTrackingNumber::new(submitted, id).0
    }

    fn already_open(provider: &str, tracking: &str, submitted: CalendarDate) -> ApiError {
        ApiError::conflict(
            format!(
                "An enrollment application for {provider} is already open: {tracking}, \
                 submitted {}.",
                submitted.long_form()
            ),
            Rule::Oa5,
        )
    }

    /// The named backup sees the application but is refused as not its applicant (R-BOA-5).
    async fn applicant_status(
        connection: &mut SqliteConnection,
        user: &CurrentUser,
        id: ApplicationId,
    ) -> ApiResult<RequestStatus> {
        let row: Option<ApplicantRow> = sqlx::query_as(&format!(
            "SELECT e.applicant_user_id, e.status FROM enrollment_applications e \
             WHERE e.id = ?3 AND {VISIBLE_TO}"
        ))
        .bind(user.id)
        .bind(&user.ncid)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
        let row = row.ok_or_else(not_yours::<Self>)?;
        if row.applicant_user_id != user.id {
            return Err(primary_only());
        }
        status_of(id, &row.status)
    }

    /// R-BOA-6: one record per provider.
    async fn refuse_subject(connection: &mut SqliteConnection, provider: &str) -> ApiResult<()> {
        let enrolled: Option<String> = sqlx::query_scalar("SELECT id FROM records WHERE id = ?")
            .bind(provider)
            .fetch_optional(&mut *connection)
            .await?;
        match enrolled {
            Some(_) => Err(ApiError::conflict(
                format!(
                    "{provider} is already enrolled. To change its Office Administrators use an \
                     OA Change Request."
                ),
                Rule::Boa6,
            )),
            None => Ok(()),
        }
    }

    async fn decided(
        connection: &mut SqliteConnection,
        queued: &EnrollmentQueueItem,
        decision: Decision,
        note: &str,
        now: i64,
    ) -> ApiResult<()> {
        let what = match decision {
            // Creates the record and tells its primary and backup OA (R-BOA-5, R-BOA-4).
            Decision::Approve => return approve(connection, queued.id, now).await,
            Decision::Deny => "denied; no record is created",
            Decision::Return => {
                "returned for correction; the applicant can correct it in Enrollment and submit \
                 it again with the same tracking number"
            }
        };
        let subject = &queued.subject;
        // There is no record yet, so the notice is about the application.
        let notice = Notice {
            about: About::Enrollment(queued.id),
            subject: format!(
                "Enrollment {}: {}",
                decision.outcome().label().to_lowercase(),
                subject.provider_name
            ),
            body: decision_body(
                format!(
                    "Enrollment application {} for {} ({}) was {what}.",
                    subject.tracking_number, subject.provider_name, subject.provider_id
                ),
                note,
            ),
            created: now,
        };
        let recipients = notices::enrollment_recipients(connection, queued.id).await?;
        notices::send(connection, recipients, &notice).await
    }
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
/// every role, and tells both (R-BOA-4).
async fn approve(connection: &mut SqliteConnection, id: ApplicationId, now: i64) -> ApiResult<()> {
    let (applicant, applicant_ncid, content): (i64, String, String) = sqlx::query_as(
        "SELECT e.applicant_user_id, u.ncid, e.content FROM enrollment_applications e \
         JOIN users u ON u.id = e.applicant_user_id WHERE e.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or_else(not_yours::<Enrollment>)?;
    let draft: EnrollmentDraft = serde_json::from_str(&content).map_err(anyhow::Error::from)?;
    let errors = validate_enrollment_through(EnrollmentStep::Review, &draft, &applicant_ncid);
    if let Some(first) = errors.first() {
        return Err(ApiError::conflict(
            format!(
                "The application no longer passes its checks: {}.",
                first.message
            ),
            first.rule.unwrap_or(Rule::Oa6),
        ));
    }
    let provider = provider_id(&draft)
        .ok_or_else(|| anyhow::anyhow!("enrollment {id}: validated without a provider id"))?;
    Enrollment::refuse_subject(connection, provider.as_str()).await?;
    application::refuse_open::<Enrollment>(connection, provider.as_str(), id).await?;
    let kind = draft
        .provider_type
        .ok_or_else(|| anyhow::anyhow!("enrollment {id}: validated without a provider type"))?;
    let backup = match draft.backup.as_deref() {
        Some(ncid) => Some(users::id_of(connection, ncid).await?.ok_or_else(|| {
            ApiError::conflict(
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
    // People by name and NCID, as every page names them.
    let primary = users::name_and_ncid(connection, &applicant_ncid).await?;
    let named_backup = match draft.backup.as_deref() {
        Some(ncid) => Some(users::name_and_ncid(connection, ncid).await?),
        None => None,
    };
    let notice = Notice {
        about: About::Record(provider.as_str()),
        subject: format!("Enrollment approved: {name}"),
        body: format!(
            "Enrollment application {} for {name} ({}) is approved. {primary} is its primary \
             Office Administrator{}.",
            tracking.unwrap_or_default(),
            provider.as_str(),
            named_backup
                .map(|backup| format!(
                    " and {backup} its backup OA, who receives every notice sent to the primary"
                ))
                .unwrap_or_default(),
        ),
        created: now,
    };
    let recipients = notices::enrollment_recipients(connection, id).await?;
    notices::send(connection, recipients, &notice).await
}
