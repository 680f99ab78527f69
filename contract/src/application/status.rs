//! Where an application stands (R-OA-6) and the tracking number it gets on submission.

use super::ApplicationId;
use crate::date::CalendarDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// R-OA-6
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    Submitted,
    InReview,
    Returned,
    Approved,
    Denied,
    Withdrawn,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        Self::Draft,
        Self::Submitted,
        Self::InReview,
        Self::Returned,
        Self::Approved,
        Self::Denied,
        Self::Withdrawn,
    ];

    /// R-OA-5: Submitted, In review and Returned are open; an open request blocks another
    /// submission for the same record.
    pub const OPEN: [RequestStatus; 3] = [Self::Submitted, Self::InReview, Self::Returned];

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Submitted => "Submitted",
            Self::InReview => "In review",
            Self::Returned => "Returned for correction",
            Self::Approved => "Approved",
            Self::Denied => "Denied",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// The name stored in the database and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::InReview => "in_review",
            Self::Returned => "returned",
            Self::Approved => "approved",
            Self::Denied => "denied",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    /// The statuses as an SQL list, `'submitted', 'in_review', 'returned'` for
    /// [`RequestStatus::OPEN`], so a query's `status IN (...)` says the rule's statuses and no
    /// others.
    pub fn sql_list(statuses: &[RequestStatus]) -> String {
        statuses
            .iter()
            .map(|status| format!("'{}'", status.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// R-OA-5
    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    /// A draft may be discarded and an open request withdrawn; a decision is final.
    pub fn may_withdraw(self) -> bool {
        self == Self::Draft || self.is_open()
    }

    /// R-OA-6: only a request waiting for operations (Submitted or In review) can be decided; a
    /// returned one waits for its applicant, and Approved, Denied and Withdrawn are final.
    pub fn may_decide(self) -> bool {
        matches!(self, Self::Submitted | Self::InReview)
    }
}

/// Each kind's tracking number: `PREFIX-YYYYMMDD-NNNNNN`, the submission day and the id.
macro_rules! tracking_number {
    ($(#[$doc:meta])* $name:ident = $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(submitted: CalendarDate, id: ApplicationId) -> Self {
                let day = submitted.to_string().replace('-', "");
                Self(format!("{}-{day}-{id:06}", $prefix))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

tracking_number! {
    /// R-OA-6: every submitted OA Change Request has one, `OAC-YYYYMMDD-NNNNNN`.
    TrackingNumber = "OAC"
}

tracking_number! {
    /// R-OA-6 for enrollments: `ENR-YYYYMMDD-NNNNNN`.
    EnrollmentTrackingNumber = "ENR"
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus::*;

    #[test]
    fn only_submitted_in_review_and_returned_are_open() {
        for status in [Submitted, InReview, Returned] {
            assert!(status.is_open() && status.may_withdraw());
        }
        for status in [Draft, Approved, Denied, Withdrawn] {
            assert!(!status.is_open());
        }
        assert!(Draft.may_withdraw());
        assert!(!Approved.may_withdraw() && !Denied.may_withdraw() && !Withdrawn.may_withdraw());
        for status in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(status.as_str()), Some(status));
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::Value::String(status.as_str().into())
            );
        }
    }

    #[test]
    fn the_open_statuses_read_as_an_sql_list() {
        assert_eq!(
            RequestStatus::sql_list(&RequestStatus::OPEN),
            "'submitted', 'in_review', 'returned'"
        );
        assert_eq!(
            RequestStatus::sql_list(&[Draft, Returned]),
            "'draft', 'returned'"
        );
    }

    #[test]
    fn only_submitted_and_in_review_requests_can_be_decided() {
        for status in [Submitted, InReview] {
            assert!(status.may_decide(), "{status:?}");
        }
        for status in [Draft, Returned, Approved, Denied, Withdrawn] {
            assert!(!status.may_decide(), "{status:?}");
        }
    }

    #[test]
    fn tracking_numbers_carry_the_kind_the_day_and_the_id() {
        let day: CalendarDate = "2026-11-23".parse().unwrap();
        assert_eq!(TrackingNumber::new(day, 42).0, "OAC-20261123-000042");
        assert_eq!(
            EnrollmentTrackingNumber::new(day, 42).to_string(),
            "ENR-20261123-000042"
        );
    }
}
