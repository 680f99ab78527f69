//! The OA Change Request as an `ApplicationKind`: its table, its queue row, and what a decision
//! does — an approval applies the request to its record (`approval::apply`), and everyone R-OA-7
//! names hears of every decision.

use contract::application::{ApplicationId, Decision, RequestStatus, TrackingNumber};
use contract::oa_change::{BackupChoice, OaChangeDraft};
use contract::operations::{QueueItem, RequestSubject};
use contract::{CalendarDate, Rule};
use sqlx::SqliteConnection;

use super::approval;
use crate::application::{decision_body, not_yours, status_of, ApplicationKind};
use crate::auth::CurrentUser;
use crate::http::error::{ApiError, ApiResult};
use crate::review_routes::ReviewRoutes;
use crate::store::notices::{self, About, Notice};
use crate::store::records::Record;
use crate::store::{day_of, users};

pub(crate) struct OaChangeRequest;

/// The request's draft, as stored.
pub(crate) fn parse_draft(content: &str) -> ApiResult<OaChangeDraft> {
    Ok(serde_json::from_str(content).map_err(anyhow::Error::from)?)
}

impl ApplicationKind for OaChangeRequest {
    const TABLE: &'static str = "oa_change_requests";
    const SUBJECT: &'static str = "record_id";
    const NOUN: &'static str = "request";
    const QUEUE: &'static str = "SELECT a.id, a.tracking_number, a.record_id AS subject_id, \
         r.name AS subject_name, u.ncid AS applicant_ncid, u.name AS applicant_name, a.status, \
         a.submitted, a.updated FROM oa_change_requests a \
         JOIN records r ON r.id = a.record_id JOIN users u ON u.id = a.applicant_user_id \
         WHERE a.submitted IS NOT NULL";

    const NOT_IN_QUEUE: &'static str = "There is no submitted request with this id.";
    const REVIEW_ROUTES: ReviewRoutes = ReviewRoutes {
        path: "/api/operations/requests",
        operation_noun: "request",
        approval: "applying the request to the record",
        // The rules `validate_through` checks again against the record as it is now, and the
        // new OAs' portal accounts (oa_change/approval.rs).
        approval_conflicts: &[
            (
                Rule::Oa1,
                "the new primary OA is no longer listed, or has no portal account",
            ),
            (
                Rule::Boa1,
                "the named backup already is the backup, or there is none to remove",
            ),
            (Rule::Boa2, "the new backup OA is no longer eligible"),
            (Rule::Boa9, "the record is a billing agent record"),
            (Rule::Boa10, "the record has no NC Medicaid program"),
            (Rule::Oa4, "the continued-access answer no longer fits"),
            (
                Rule::Oa3,
                "the exclusion answers no longer cover the record's people",
            ),
        ],
    };
    /// R-OA-5: drafts are private to their author.
    const NOT_YOURS: (&'static str, Rule) = ("You have no application here.", Rule::Oa5);

    type Subject = RequestSubject;
    type Draft = OaChangeDraft;

    fn subject(tracking_number: String, record_id: String, record_name: String) -> RequestSubject {
        RequestSubject {
            tracking_number: TrackingNumber(tracking_number),
            record_id,
            record_name,
        }
    }

    fn tracking_number(submitted: CalendarDate, id: ApplicationId) -> String {
        TrackingNumber::new(submitted, id).0
    }

    /// The refusal tells only that a request is pending, its tracking number and date.
    fn already_open(_record: &str, tracking: &str, submitted: CalendarDate) -> ApiError {
        ApiError::conflict(
            format!(
                "A request for this record is pending: tracking number {tracking}, submitted \
                 {}. Another can be submitted once it is decided or withdrawn.",
                submitted.long_form()
            ),
            Rule::Oa5,
        )
    }

    async fn applicant_status(
        connection: &mut SqliteConnection,
        user: &CurrentUser,
        id: ApplicationId,
    ) -> ApiResult<RequestStatus> {
        let status: Option<String> = sqlx::query_scalar(
            "SELECT status FROM oa_change_requests WHERE id = ? AND applicant_user_id = ?",
        )
        .bind(id)
        .bind(user.id)
        .fetch_optional(&mut *connection)
        .await?;
        status_of(id, &status.ok_or_else(not_yours::<Self>)?)
    }

    async fn decided(
        connection: &mut SqliteConnection,
        queued: &QueueItem<RequestSubject>,
        decision: Decision,
        note: &str,
        now: i64,
    ) -> ApiResult<()> {
        let (applicant_id, content): (i64, String) = sqlx::query_as(
            "SELECT applicant_user_id, content FROM oa_change_requests WHERE id = ?",
        )
        .bind(queued.id)
        .fetch_one(&mut *connection)
        .await?;
        let draft = parse_draft(&content)?;
        let record = Record::load(connection, &queued.subject.record_id, day_of(now))
            .await?
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "request {}: record {} is gone",
                    queued.id,
                    queued.subject.record_id
                )
            })?;
        // Everyone who hears of the decision, as the record was before it (R-OA-7, R-BOA-4): the
        // backup an approval replaces or removes hears of it too.
        let recipients =
            notices::oa_change_recipients(connection, &record, applicant_id, &draft).await?;
        if decision == Decision::Approve {
            approval::apply(connection, &record, &queued.applicant_ncid, &draft).await?;
        }
        let what = match decision {
            Decision::Approve => "approved; the change is in effect",
            Decision::Deny => "denied; nothing changes",
            Decision::Return => {
                "returned for correction; the applicant can correct it in My applications and \
                 submit it again"
            }
        };
        // An approval says who the record's OAs now are, by name and NCID.
        let mut changes = String::new();
        if decision == Decision::Approve {
            if let Some(ncid) = draft.new_primary() {
                let primary = users::name_and_ncid(connection, ncid).await?;
                changes.push_str(&format!(" New primary OA: {primary}."));
            }
            match &draft.backup {
                BackupChoice::Assign { ncid } => {
                    let backup = users::name_and_ncid(connection, ncid).await?;
                    changes.push_str(&format!(" New backup OA: {backup}."));
                }
                BackupChoice::Remove => changes.push_str(" The backup OA is removed."),
                BackupChoice::NoChange => {}
            }
        }
        let notice = Notice {
            about: About::Record(&record.id),
            subject: format!(
                "OA Change Request {}: {}",
                decision.outcome().label().to_lowercase(),
                record.name
            ),
            body: decision_body(
                format!(
                    "OA Change Request {} for {} ({}) was {what}.{changes}",
                    queued.subject.tracking_number, record.name, record.id
                ),
                note,
            ),
            created: now,
        };
        notices::send(connection, recipients, &notice).await
    }
}
