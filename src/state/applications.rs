//! My applications: where each application is found, and what its read-only view offers.

use crate::state::enrollment::EnrollmentPlace;
use crate::state::oa_change::WizardPlace;
use contract::application::EnrollmentTrackingNumber;
use contract::application::{ApplicationId, RequestStatus};
use contract::date::CalendarDate;
use contract::enrollment::EnrollmentRole;
use contract::oa_change::ApplicationSummary;
use contract::provider_id::ProviderId;
use serde::Deserialize;

pub const APPLICATIONS_PATH: &str = "/applications";

/// `/applications/<id>`: one application, read-only.
pub fn application_path(id: ApplicationId) -> String {
    format!("{APPLICATIONS_PATH}/{id}")
}

/// The id in `/applications/<id>`; anything but a whole number is no application.
pub fn application_id(segment: &str) -> Option<ApplicationId> {
    segment
        .trim()
        .parse()
        .ok()
        .filter(|id: &ApplicationId| *id > 0)
}

/// "NPI 1234567893" or "Atypical ID ATY00417", as the record's id reads.
pub fn record_id_label(record_id: &str) -> String {
    ProviderId::parse(record_id).map_or_else(|_| record_id.to_owned(), |id| id.to_string())
}

/// Where "Continue this application" goes: the wizard for the record, which resumes the
/// caller's draft, or the request returned for correction, after its last step (R-OA-6).
pub fn continue_place(summary: &ApplicationSummary) -> Option<WizardPlace> {
    matches!(
        summary.status,
        RequestStatus::Draft | RequestStatus::Returned
    )
    .then(|| WizardPlace {
        record: Some(summary.record_id.clone()),
        ..WizardPlace::default()
    })
}

/// The tracking number, or why there is none: only a submitted request has one (R-OA-6).
pub fn tracking_text(summary: &ApplicationSummary) -> String {
    summary
        .tracking_number
        .as_ref()
        .map_or_else(|| "Not submitted yet".to_owned(), ToString::to_string)
}

/// The two kinds of application a user makes, as My applications names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationKind {
    OaChange,
    Enrollment,
}

impl ApplicationKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::OaChange => "OA Change Request",
            Self::Enrollment => "Enrollment application",
        }
    }
}

/// One line of My applications, of either kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyApplication {
    pub kind: ApplicationKind,
    /// The provider record, or the provider the enrollment application names.
    pub name: String,
    /// "NPI 2044707588", or nothing for an enrollment application not yet that far.
    pub provider_id: Option<String>,
    /// Said of an enrollment application that names the user backup OA (R-BOA-5).
    pub named_backup: bool,
    pub status: RequestStatus,
    pub tracking: String,
    pub updated: CalendarDate,
    pub submitted: Option<CalendarDate>,
    /// Where it opens: the read-only request, or the enrollment application.
    pub href: String,
}

/// What My applications reads of an enrollment application (`GET /api/enrollments` answers
/// `EnrollmentView`s; the other fields are ignored): the list needs no answers of the wizard.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EnrollmentLine {
    pub id: ApplicationId,
    pub status: RequestStatus,
    pub role: EnrollmentRole,
    pub tracking_number: Option<EnrollmentTrackingNumber>,
    pub updated: CalendarDate,
    pub submitted: Option<CalendarDate>,
    pub draft: EnrollmentLineDraft,
}

/// The provider an enrollment application names, as far as the applicant got.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct EnrollmentLineDraft {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub provider_id: String,
}

/// The provider an enrollment application names, or that it names none yet.
pub fn enrollment_provider_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        "New provider (not named yet)".to_owned()
    } else {
        name.to_owned()
    }
}

/// Every application of the user, OA Change Requests and enrollment applications together,
/// the latest change first.
pub fn my_applications(
    requests: Vec<ApplicationSummary>,
    enrollments: Vec<EnrollmentLine>,
) -> Vec<MyApplication> {
    let requests = requests.into_iter().map(|request| MyApplication {
        kind: ApplicationKind::OaChange,
        tracking: tracking_text(&request),
        provider_id: Some(record_id_label(&request.record_id)),
        name: request.record_name,
        named_backup: false,
        status: request.status,
        updated: request.updated,
        submitted: request.submitted,
        href: application_path(request.id),
    });
    let enrollments = enrollments.into_iter().map(|application| MyApplication {
        kind: ApplicationKind::Enrollment,
        name: enrollment_provider_name(&application.draft.name),
        provider_id: ProviderId::parse(&application.draft.provider_id)
            .ok()
            .map(|id| id.to_string()),
        named_backup: application.role == EnrollmentRole::NamedBackup,
        status: application.status,
        tracking: application.tracking_number.map_or_else(
            || "Not submitted yet".to_owned(),
            |number| number.to_string(),
        ),
        updated: application.updated,
        submitted: application.submitted,
        href: EnrollmentPlace {
            application: Some(application.id),
            ..EnrollmentPlace::default()
        }
        .path(),
    });
    let mut all: Vec<MyApplication> = requests.chain(enrollments).collect();
    // Stable: within a day each list keeps the server's latest-first order.
    all.sort_by_key(|application| std::cmp::Reverse(application.updated));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::application::TrackingNumber;
    use contract::date::CalendarDate;

    fn summary(status: RequestStatus) -> ApplicationSummary {
        let day = CalendarDate::new(2026, 5, 20).unwrap();
        ApplicationSummary {
            id: 12,
            record_id: "2044707588".into(),
            record_name: "Avery Family Practice, PLLC".into(),
            status,
            tracking_number: (status != RequestStatus::Draft).then(|| TrackingNumber::new(day, 12)),
            updated: day,
            submitted: (status != RequestStatus::Draft).then_some(day),
        }
    }

    #[test]
    fn an_application_has_its_own_address() {
        assert_eq!(application_path(12), "/applications/12");
        assert_eq!(application_id("12"), Some(12));
        for wrong in ["", "x", "-3", "0", "1.5"] {
            assert_eq!(application_id(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn only_drafts_and_returned_requests_can_be_continued() {
        assert_eq!(
            continue_place(&summary(RequestStatus::Draft))
                .unwrap()
                .path(),
            "/oa-change?record=2044707588"
        );
        assert!(continue_place(&summary(RequestStatus::Returned)).is_some());
        for status in [
            RequestStatus::Submitted,
            RequestStatus::InReview,
            RequestStatus::Approved,
            RequestStatus::Denied,
            RequestStatus::Withdrawn,
        ] {
            assert_eq!(continue_place(&summary(status)), None, "{status:?}");
        }
    }

    #[test]
    fn a_draft_has_no_tracking_number_yet() {
        assert_eq!(
            tracking_text(&summary(RequestStatus::Draft)),
            "Not submitted yet"
        );
        assert_eq!(
            tracking_text(&summary(RequestStatus::Submitted)),
            "OAC-20260520-000012"
        );
        assert_eq!(record_id_label("2044707588"), "NPI 2044707588");
    }

    #[test]
    fn an_enrollment_line_reads_what_the_list_answers() {
        let view = contract::enrollment::EnrollmentView {
            id: 8,
            status: RequestStatus::Submitted,
            step: None,
            draft: contract::enrollment::EnrollmentDraft {
                name: "Blue Ridge Therapy Group".into(),
                provider_id: "1234567893".into(),
                ..Default::default()
            },
            applicant_ncid: "dwhit5".into(),
            applicant_name: "Dana Whitfield".into(),
            role: EnrollmentRole::Primary,
            tracking_number: Some(EnrollmentTrackingNumber("ENR-20260510-000008".into())),
            updated: CalendarDate::new(2026, 5, 10).unwrap(),
            submitted: Some(CalendarDate::new(2026, 5, 10).unwrap()),
            decision_note: None,
        };
        let line: EnrollmentLine =
            serde_json::from_str(&serde_json::to_string(&view).unwrap()).unwrap();
        assert_eq!(line.id, 8);
        assert_eq!(line.draft.name, "Blue Ridge Therapy Group");
        assert_eq!(line.draft.provider_id, "1234567893");
        assert_eq!(line.tracking_number, view.tracking_number);
        assert_eq!(line.submitted, view.submitted);
    }

    #[test]
    fn my_applications_list_both_kinds_latest_first() {
        let mut older = summary(RequestStatus::Submitted);
        older.updated = CalendarDate::new(2026, 5, 1).unwrap();
        let enrollment = |id, name: &str, role, updated| EnrollmentLine {
            id,
            status: RequestStatus::Draft,
            draft: EnrollmentLineDraft {
                name: name.into(),
                provider_id: if name.is_empty() {
                    String::new()
                } else {
                    "1234567893".into()
                },
            },
            role,
            tracking_number: None,
            updated,
            submitted: None,
        };
        let mut submitted = enrollment(
            8,
            "Blue Ridge Therapy Group",
            EnrollmentRole::NamedBackup,
            CalendarDate::new(2026, 5, 10).unwrap(),
        );
        submitted.status = RequestStatus::Submitted;
        submitted.tracking_number = Some(EnrollmentTrackingNumber("ENR-20260510-000008".into()));
        let list = my_applications(
            vec![older, summary(RequestStatus::Draft)],
            vec![
                submitted,
                enrollment(
                    3,
                    "",
                    EnrollmentRole::Primary,
                    CalendarDate::new(2026, 4, 2).unwrap(),
                ),
            ],
        );
        let kinds: Vec<_> = list
            .iter()
            .map(|line| (line.kind, line.href.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ApplicationKind::OaChange, "/applications/12"),
                (ApplicationKind::Enrollment, "/enrollment?application=8"),
                (ApplicationKind::OaChange, "/applications/12"),
                (ApplicationKind::Enrollment, "/enrollment?application=3"),
            ]
        );
        assert_eq!(list[1].name, "Blue Ridge Therapy Group");
        assert_eq!(list[1].provider_id.as_deref(), Some("NPI 1234567893"));
        assert_eq!(list[1].tracking, "ENR-20260510-000008");
        assert!(list[1].named_backup);
        assert_eq!(list[3].name, "New provider (not named yet)");
        assert_eq!(list[3].provider_id, None);
        assert_eq!(list[3].tracking, "Not submitted yet");
        assert_eq!(
            ApplicationKind::Enrollment.label(),
            "Enrollment application"
        );
    }
}
