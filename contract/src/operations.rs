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

/// One line of the operations queue, of either kind: what every application has, and its
/// kind's own part (`Subject`: the tracking number and what it is for), whose fields stand in
/// the same JSON object as the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem<Subject> {
    pub id: ApplicationId,
    #[serde(flatten)]
    pub subject: Subject,
    pub applicant_ncid: String,
    pub applicant_name: String,
    pub status: RequestStatus,
    pub submitted: CalendarDate,
    pub updated: CalendarDate,
}

/// An OA Change Request's part of its queue line: the record it would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestSubject {
    pub tracking_number: TrackingNumber,
    pub record_id: String,
    pub record_name: String,
}

/// An enrollment application's part of its queue line (R-BOA-5): the provider it would
/// enroll, as the application names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollmentSubject {
    pub tracking_number: EnrollmentTrackingNumber,
    pub provider_id: String,
    pub provider_name: String,
}

/// One OA Change Request in the operations queue.
pub type RequestQueueItem = QueueItem<RequestSubject>;

/// One submitted enrollment application in the operations queue (R-BOA-5).
pub type EnrollmentQueueItem = QueueItem<EnrollmentSubject>;

/// A request as operations staff review it: every answer, the record as it is now, the
/// explanation document's metadata and the last decision note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestReview {
    pub item: QueueItem<RequestSubject>,
    pub draft: OaChangeDraft,
    /// The people the request names as new primary and new backup OA, by name and NCID
    /// ("Casey Lin (clin2)"); `None` where it names nobody, or an NCID with no account.
    #[serde(default)]
    pub new_primary: Option<NamedUser>,
    #[serde(default)]
    pub new_backup: Option<NamedUser>,
    /// The record's primary OA now (with its end date, R-BOA-8) and backup OA.
    pub primary_oa: Option<OfficeAdministrator>,
    pub backup_oa: Option<OfficeAdministrator>,
    /// R-OA-3: the explanation document, fetched from `GET /api/operations/attachments/{id}`.
    pub attachment: Option<AttachmentInfo>,
    pub decision_note: Option<String>,
}

/// A portal user as the pages name people: by name and NCID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NamedUser {
    pub ncid: String,
    pub name: String,
}

impl std::fmt::Display for NamedUser {
    /// "Casey Lin (clin2)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.ncid)
    }
}

/// An enrollment application as operations staff review it: every answer, the explanation
/// document's metadata and the last decision note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollmentReview {
    pub item: QueueItem<EnrollmentSubject>,
    pub draft: EnrollmentDraft,
    /// R-OA-3: the explanation document, fetched from `GET /api/operations/attachments/{id}`.
    pub attachment: Option<AttachmentInfo>,
    pub decision_note: Option<String>,
}

/// `POST /api/operations/records/{id}/end-date-primary` (R-BOA-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

    /// The queue line's JSON is one flat object, as before the two kinds shared the type: the
    /// client and the browser tests read these names.
    #[test]
    fn a_queue_item_is_one_flat_object_of_either_kind() {
        let day = CalendarDate::new(2026, 11, 20).unwrap();
        let request = RequestQueueItem {
            id: 7,
            subject: RequestSubject {
                tracking_number: TrackingNumber::new(day, 7),
                record_id: "2044707588".into(),
                record_name: "Avery Family Practice, PLLC".into(),
            },
            applicant_ncid: "javery1".into(),
            applicant_name: "Jordan Avery".into(),
            status: RequestStatus::InReview,
            submitted: day,
            updated: day,
        };
        let json = r#"{"id":7,"tracking_number":"OAC-20261120-000007","record_id":"2044707588","record_name":"Avery Family Practice, PLLC","applicant_ncid":"javery1","applicant_name":"Jordan Avery","status":"in_review","submitted":"2026-11-20","updated":"2026-11-20"}"#;
        assert_eq!(serde_json::to_string(&request).unwrap(), json);
        assert_eq!(
            serde_json::from_str::<RequestQueueItem>(json).unwrap(),
            request
        );

        let enrollment = EnrollmentQueueItem {
            id: 9,
            subject: EnrollmentSubject {
                tracking_number: EnrollmentTrackingNumber::new(day, 9),
                provider_id: "1234567893".into(),
                provider_name: "Blue Ridge Therapy Group".into(),
            },
            applicant_ncid: "dwhit5".into(),
            applicant_name: "Dana Whitfield".into(),
            status: RequestStatus::Submitted,
            submitted: day,
            updated: day,
        };
        let json = r#"{"id":9,"tracking_number":"ENR-20261120-000009","provider_id":"1234567893","provider_name":"Blue Ridge Therapy Group","applicant_ncid":"dwhit5","applicant_name":"Dana Whitfield","status":"submitted","submitted":"2026-11-20","updated":"2026-11-20"}"#;
        assert_eq!(serde_json::to_string(&enrollment).unwrap(), json);
        assert_eq!(
            serde_json::from_str::<EnrollmentQueueItem>(json).unwrap(),
            enrollment
        );
    }
}
