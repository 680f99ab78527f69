//! Operations review (R-OA-6, R-OA-4, R-BOA-1, R-BOA-8, R-AUTH-2): the queues of OA Change
//! Requests and enrollment applications, an application with every answer, what an approval
//! keeps, end-dating a record's primary OA and unlocking a user. Operations staff only. The
//! decision itself is the same for every kind: [`crate::application::Decision`].

use crate::application::{
    ApplicationId, AttachmentInfo, EnrollmentTrackingNumber, RequestStatus, TrackingNumber,
};
use crate::date::CalendarDate;
use crate::enrollment::EnrollmentDraft;
use crate::oa_change::OaChangeDraft;
use crate::records::{ManagingRelationship, OfficeAdministrator, Relationship};
use serde::{Deserialize, Serialize};

/// Every role of an association, in the order RULES.md lists them: R-OA-4 gives them all to a
/// new primary or backup OA who has no association with the record.
pub const ALL_ROLES: [&str; 4] = ["Prior Approvals", "Claims", "Eligibility", "Referrals"];

/// R-OA-4: whether a user's association with the record survives an approved change of primary.
/// *Yes* to continued access keeps everyone; *No* keeps the previous OA and the people listed as
/// owners (always) or as MR users, and the others become Inactive.
pub fn keeps_association(
    continued_access: bool,
    is_previous_oa: bool,
    listing: Option<&ManagingRelationship>,
) -> bool {
    continued_access
        || is_previous_oa
        || listing
            .is_some_and(|listed| listed.relationship == Relationship::Owner || listed.is_mr_user())
}

/// One line of the operations queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: ApplicationId,
    pub tracking_number: TrackingNumber,
    pub record_id: String,
    pub record_name: String,
    pub applicant_ncid: String,
    pub applicant_name: String,
    pub status: RequestStatus,
    pub submitted: CalendarDate,
    pub updated: CalendarDate,
}

/// A request as operations staff review it: every answer, the record as it is now, the
/// explanation document's metadata and the last decision note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestReview {
    pub item: QueueItem,
    pub draft: OaChangeDraft,
    /// The record's primary OA now (with its end date, R-BOA-8) and backup OA.
    pub primary_oa: Option<OfficeAdministrator>,
    pub backup_oa: Option<OfficeAdministrator>,
    /// R-OA-3: the explanation document, fetched from `GET /api/operations/attachments/{id}`.
    pub attachment: Option<AttachmentInfo>,
    pub decision_note: Option<String>,
}

/// One submitted enrollment application in the operations queue (R-BOA-5): the provider it
/// would enroll, as the application names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentQueueItem {
    pub id: ApplicationId,
    pub tracking_number: EnrollmentTrackingNumber,
    pub provider_id: String,
    pub provider_name: String,
    pub applicant_ncid: String,
    pub applicant_name: String,
    pub status: RequestStatus,
    pub submitted: CalendarDate,
    pub updated: CalendarDate,
}

/// An enrollment application as operations staff review it: every answer, the explanation
/// document's metadata and the last decision note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentReview {
    pub item: EnrollmentQueueItem,
    pub draft: EnrollmentDraft,
    /// R-OA-3: the explanation document, fetched from `GET /api/operations/attachments/{id}`.
    pub attachment: Option<AttachmentInfo>,
    pub decision_note: Option<String>,
}

/// `POST /api/operations/records/{id}/end-date-primary` (R-BOA-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndDatePrimary {
    /// Inclusive: the primary OA is active through this day and not after.
    pub date: CalendarDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(
        relationship: Relationship,
        ncid: Option<&str>,
        active: bool,
    ) -> ManagingRelationship {
        ManagingRelationship {
            name: "Someone".into(),
            relationship,
            ncid: ncid.map(str::to_owned),
            adverse_findings: false,
            active,
        }
    }

    #[test]
    fn continued_access_no_keeps_the_previous_oa_owners_and_mr_users() {
        let owner_without_ncid = listed(Relationship::Owner, None, false);
        let mr_user = listed(Relationship::ManagingEmployee, Some("clin2"), true);
        let inactive = listed(Relationship::ManagingEmployee, Some("dwhit5"), false);
        // Yes keeps everyone.
        assert!(keeps_association(true, false, None));
        assert!(keeps_association(true, false, Some(&inactive)));
        // No keeps the previous OA, owners and MR users only.
        assert!(keeps_association(false, true, None));
        assert!(keeps_association(false, false, Some(&owner_without_ncid)));
        assert!(keeps_association(false, false, Some(&mr_user)));
        assert!(!keeps_association(false, false, Some(&inactive)));
        assert!(!keeps_association(false, false, None));
    }
}
