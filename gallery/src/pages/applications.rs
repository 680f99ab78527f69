//! My applications: both kinds with their statuses, empty, loading and a failure; one
//! application read-only, returned with the reason, and its withdrawal confirmed.

use super::{avery_overview, backup_request, day, laid_out, AVERY};
use crate::catalogue::State;
use crate::fixed::{offline, Fixed};
use contract::application::{
    ApplicationId, EnrollmentTrackingNumber, RequestStatus, TrackingNumber,
};
use contract::enrollment::EnrollmentRole;
use contract::oa_change::{ApplicationDetail, ApplicationSummary, RecordOverview, Step};
use leptos::prelude::*;
use provider_portal::api::applications::ApplicationsApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::{ApplicationView, MyApplications};
use provider_portal::state::applications::{EnrollmentLine, EnrollmentLineDraft};
use std::rc::Rc;

fn summary(id: ApplicationId, status: RequestStatus) -> ApplicationSummary {
    let submitted = (status != RequestStatus::Draft).then_some(day(2026, 11, 20));
    ApplicationSummary {
        id,
        record_id: AVERY.into(),
        record_name: "Avery Family Practice, PLLC".into(),
        status,
        tracking_number: submitted.map(|on| TrackingNumber::new(on, id)),
        updated: day(2026, 11, 24),
        submitted,
    }
}

fn requests() -> Vec<ApplicationSummary> {
    RequestStatus::ALL
        .into_iter()
        .enumerate()
        .map(|(at, status)| summary(at as ApplicationId + 1, status))
        .collect()
}

fn enrollments() -> Vec<EnrollmentLine> {
    vec![EnrollmentLine {
        id: 21,
        status: RequestStatus::Submitted,
        role: EnrollmentRole::Primary,
        tracking_number: Some(EnrollmentTrackingNumber::new(day(2026, 11, 21), 21)),
        updated: day(2026, 11, 21),
        submitted: Some(day(2026, 11, 21)),
        draft: EnrollmentLineDraft {
            name: "Blue Ridge Therapy Group".into(),
            provider_id: "1234567893".into(),
        },
    }]
}

#[derive(Clone)]
struct FixedApplications {
    list: Fixed<Vec<ApplicationSummary>>,
    enrollments: Fixed<Vec<EnrollmentLine>>,
    detail: Fixed<ApplicationDetail>,
}

impl ApplicationsApi for FixedApplications {
    fn applications(&self) -> Answer<Vec<ApplicationSummary>> {
        self.list.answer()
    }

    fn enrollments(&self) -> Answer<Vec<EnrollmentLine>> {
        self.enrollments.answer()
    }

    fn application(&self, _id: ApplicationId) -> Answer<ApplicationDetail> {
        self.detail.answer()
    }

    fn withdraw(&self, id: ApplicationId) -> Answer<ApplicationSummary> {
        Fixed::Ready(summary(id, RequestStatus::Withdrawn)).answer()
    }

    fn record(&self, _id: String) -> Answer<RecordOverview> {
        Fixed::Ready(avery_overview()).answer()
    }
}

fn detail(status: RequestStatus, note: Option<&str>) -> Fixed<ApplicationDetail> {
    Fixed::Ready(ApplicationDetail {
        summary: summary(7, status),
        step: Step::Review,
        draft: backup_request(),
        attachment: None,
        decision_note: note.map(str::to_owned),
    })
}

fn list(list: Fixed<Vec<ApplicationSummary>>, enrollments: Fixed<Vec<EnrollmentLine>>) -> AnyView {
    let api = FixedApplications {
        list,
        enrollments,
        detail: offline(),
    };
    laid_out(view! { <MyApplications api=Rc::new(api) on_navigate=Callback::new(|_| ()) /> })
}

fn one(detail: Fixed<ApplicationDetail>) -> AnyView {
    let api = FixedApplications {
        list: offline(),
        enrollments: offline(),
        detail,
    };
    laid_out(view! {
        <ApplicationView api=Rc::new(api) id=Some(7) on_navigate=Callback::new(|_| ()) />
    })
}

pub fn states() -> Vec<State> {
    vec![
        State::new("list", "Both kinds, a request in each status", || {
            list(Fixed::Ready(requests()), Fixed::Ready(enrollments()))
        }),
        State::new("empty", "No applications", || {
            list(Fixed::Ready(Vec::new()), Fixed::Ready(Vec::new()))
        }),
        State::new("loading", "Loading", || {
            list(Fixed::Loading, Fixed::Loading)
        }),
        State::new("error", "Could not load, with Retry", || {
            list(offline(), offline())
        }),
        State::new("submitted", "A submitted request, read-only", || {
            one(detail(RequestStatus::Submitted, None))
        }),
        State::new("returned", "A request returned for correction", || {
            one(detail(
                RequestStatus::Returned,
                Some("The explanation document is missing: upload it and submit again."),
            ))
        }),
        State::new("withdraw-dialog", "Withdraw: the confirmation", || {
            one(detail(RequestStatus::Submitted, None))
        })
        .pressing("Withdraw request"),
        State::new("withdrawn", "Withdrawn", || {
            one(detail(RequestStatus::Submitted, None))
        })
        .pressing("Withdraw request")
        .pressing("Withdraw request"),
        State::new("not-found", "An application that is not there", || {
            one(Fixed::Failing(ApiError::NotFound(
                "There is no application with this number.".into(),
            )))
        }),
    ]
}
