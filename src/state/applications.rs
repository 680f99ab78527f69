//! My applications: where each application is found, and what its read-only view offers.

use crate::state::oa_change::WizardPlace;
use contract::application::{ApplicationId, RequestStatus};
use contract::oa_change::ApplicationSummary;
use contract::provider_id::ProviderId;

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
}
