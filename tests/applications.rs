//! My applications in a real browser (R-OA-5, R-OA-6): the table of both kinds with statuses
//! and tracking numbers, the empty state, the read-only view with its answers, and withdrawal
//! only after a confirmation that says it cannot be undone, with the server's answers supplied
//! by the test.

use crate::support::{focused_id, ready, settle, Mounted, Received, Reply};
use contract::application::{
    ApplicationId, AttachmentInfo, AttachmentKind, EnrollmentTrackingNumber, RequestStatus,
    TrackingNumber,
};
use contract::date::CalendarDate;
use contract::enrollment::EnrollmentRole;
use contract::oa_change::{
    ApplicationDetail, ApplicationSummary, BackupChoice, OaChangeDraft, RecordOverview, Step,
};
use leptos::prelude::*;
use provider_portal::api::applications::ApplicationsApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::{ApplicationView, MyApplications};
use provider_portal::state::applications::{EnrollmentLine, EnrollmentLineDraft};
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

const RECORD: &str = "2044707588";

fn day() -> CalendarDate {
    CalendarDate::new(2026, 5, 20).unwrap()
}

fn summary(id: ApplicationId, status: RequestStatus) -> ApplicationSummary {
    let submitted = (status != RequestStatus::Draft).then_some(day());
    ApplicationSummary {
        id,
        record_id: RECORD.into(),
        record_name: "Avery Family Practice, PLLC".into(),
        status,
        tracking_number: submitted.map(|day| TrackingNumber::new(day, id)),
        updated: day(),
        submitted,
    }
}

fn detail(id: ApplicationId, status: RequestStatus) -> ApplicationDetail {
    let mut draft = OaChangeDraft {
        backup: BackupChoice::Assign {
            ncid: "clin2".into(),
        },
        ..OaChangeDraft::default()
    };
    draft.exclusion.excluded = Some(true);
    draft.exclusion.sanctioned = Some(false);
    draft.exclusion.convicted = Some(false);
    draft.exclusion.explanation = Some(42);
    ApplicationDetail {
        summary: summary(id, status),
        step: Step::Review,
        draft,
        attachment: Some(AttachmentInfo {
            id: 42,
            kind: AttachmentKind::Pdf,
            size: 2048,
        }),
        decision_note: None,
    }
}

/// The server's answers, chosen by each test; the requests it received, for the asserts.
#[derive(Clone)]
struct ScriptedServer {
    list: Reply<Result<Vec<ApplicationSummary>, ApiError>>,
    enrollments: Reply<Result<Vec<EnrollmentLine>, ApiError>>,
    detail: Reply<Result<ApplicationDetail, ApiError>>,
    withdraw: Reply<Option<ApiError>>,
    withdrawals: Received<ApplicationId>,
    list_requests: Received<()>,
}

impl ScriptedServer {
    fn new() -> Self {
        Self {
            list: Reply::new(Ok(Vec::new())),
            enrollments: Reply::new(Ok(Vec::new())),
            detail: Reply::new(Ok(detail(12, RequestStatus::Submitted))),
            withdraw: Reply::default(),
            withdrawals: Received::default(),
            list_requests: Received::default(),
        }
    }
}

impl ApplicationsApi for ScriptedServer {
    fn applications(&self) -> Answer<Vec<ApplicationSummary>> {
        self.list_requests.record(());
        self.list.answer()
    }

    fn enrollments(&self) -> Answer<Vec<EnrollmentLine>> {
        self.enrollments.answer()
    }

    fn application(&self, _id: ApplicationId) -> Answer<ApplicationDetail> {
        self.detail.answer()
    }

    fn withdraw(&self, id: ApplicationId) -> Answer<ApplicationSummary> {
        self.withdrawals.record(id);
        self.withdraw
            .or_accept(summary(id, RequestStatus::Withdrawn))
    }

    fn record(&self, _id: String) -> Answer<RecordOverview> {
        // The caller may have lost their standing: the view names people by NCID then.
        ready(Err(ApiError::Forbidden("Not yours".into())))
    }
}

/// My applications or one of them; `outside` holds the paths it navigated to.
type Page = Mounted<RwSignal<Vec<String>>>;

impl Page {
    async fn list(server: ScriptedServer) -> Self {
        Self::navigating(move |on_navigate| {
            view! { <MyApplications api=Rc::new(server) on_navigate /> }.into_any()
        })
        .await
    }

    async fn one(server: ScriptedServer, id: Option<ApplicationId>) -> Self {
        Self::navigating(move |on_navigate| {
            view! { <ApplicationView api=Rc::new(server) id on_navigate /> }.into_any()
        })
        .await
    }

    async fn navigating(page: impl FnOnce(Callback<String>) -> AnyView + 'static) -> Self {
        Self::with(RwSignal::new(Vec::new()), move |navigated| {
            page(Callback::new(move |path: String| {
                navigated.update(|to| to.push(path))
            }))
        })
        .await
    }

    fn navigated(&self) -> Vec<String> {
        self.outside.get_untracked()
    }
}

/// An enrollment application of the user's, submitted on `day()` with this tracking number.
fn enrollment(id: ApplicationId, tracking: &str) -> EnrollmentLine {
    EnrollmentLine {
        id,
        status: RequestStatus::Submitted,
        draft: EnrollmentLineDraft {
            name: "Blue Ridge Therapy Group".into(),
            provider_id: "1234567893".into(),
        },
        role: EnrollmentRole::Primary,
        tracking_number: Some(EnrollmentTrackingNumber(tracking.into())),
        updated: CalendarDate::new(2026, 5, 21).unwrap(),
        submitted: Some(CalendarDate::new(2026, 5, 21).unwrap()),
    }
}

#[wasm_bindgen_test]
async fn the_list_shows_both_kinds_with_each_status_and_tracking_number() {
    let server = ScriptedServer::new();
    *server.list.borrow_mut() = Ok(vec![
        summary(12, RequestStatus::Submitted),
        summary(9, RequestStatus::Draft),
        summary(5, RequestStatus::Returned),
    ]);
    *server.enrollments.borrow_mut() = Ok(vec![enrollment(7, "ENR-20260521-000007")]);
    let page = Page::list(server).await;
    assert_eq!(page.text_of("h1"), "My applications");
    assert_eq!(page.text_of("caption"), "Your applications");
    let headers: Vec<String> = page
        .all("thead th[scope=col]")
        .iter()
        .map(|th| th.text_content().unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            "Provider record",
            "Kind",
            "Status",
            "Tracking number",
            "Last updated",
            "Submitted"
        ]
    );
    let rows = page.cells();
    assert_eq!(rows.len(), 4);
    // The enrollment application changed last, so it comes first.
    assert!(rows[0][0].contains("Blue Ridge Therapy Group"));
    assert!(rows[0][0].contains("NPI 1234567893"));
    assert_eq!(rows[0][1], "Enrollment application");
    assert_eq!(rows[0][3], "ENR-20260521-000007");
    assert!(rows[1][0].contains("Avery Family Practice, PLLC"));
    assert!(rows[1][0].contains("NPI 2044707588"));
    assert_eq!(rows[1][1], "OA Change Request");
    assert_eq!(rows[1][2], "Submitted");
    assert_eq!(rows[1][3], "OAC-20260520-000012");
    assert_eq!(rows[1][4], "May 20, 2026");
    assert_eq!(rows[2][2], "Draft");
    assert_eq!(rows[2][3], "Not submitted yet");
    assert_eq!(rows[2][5], "Not submitted");
    assert_eq!(rows[3][2], "Returned for correction");

    // Each cell says its column, for the stacked layout of a narrow screen.
    let labels: Vec<String> = page
        .all("tbody tr:first-child > *")
        .iter()
        .map(|cell| cell.get_attribute("data-label").unwrap_or_default())
        .collect();
    assert_eq!(
        labels,
        [
            "Provider record",
            "Kind",
            "Status",
            "Tracking number",
            "Last updated",
            "Submitted"
        ]
    );

    let link = page.find("tbody tr:nth-child(2) th a").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/applications/12")
    );
    link.click();
    settle().await;
    assert_eq!(page.navigated(), ["/applications/12"]);
    let enrollment = page.find("tbody tr:first-child th a").unwrap();
    assert_eq!(
        enrollment.get_attribute("href").as_deref(),
        Some("/enrollment?application=7")
    );
    enrollment.click();
    settle().await;
    assert_eq!(
        page.navigated(),
        ["/applications/12", "/enrollment?application=7"]
    );
}

#[wasm_bindgen_test]
async fn enrollment_applications_alone_fill_the_list() {
    let server = ScriptedServer::new();
    *server.enrollments.borrow_mut() = Ok(vec![enrollment(7, "ENR-20260521-000007")]);
    let page = Page::list(server).await;
    assert!(page.find(".empty-state").is_none());
    assert_eq!(page.cells().len(), 1);
}

#[wasm_bindgen_test]
async fn no_applications_is_said_with_a_way_to_start_one() {
    let page = Page::list(ScriptedServer::new()).await;
    assert!(page.find("table").is_none());
    let empty = page.text_of(".empty-state");
    assert!(empty.contains("No applications yet"), "{empty}");
    let start = page.find(".empty-state a").unwrap();
    assert_eq!(start.text_content().unwrap(), "Start an OA Change Request");
    assert_eq!(start.get_attribute("href").as_deref(), Some("/oa-change"));
    let enroll = page.find(".empty-state li:nth-child(2) a").unwrap();
    assert_eq!(
        enroll.text_content().unwrap(),
        "Start an enrollment application"
    );
    assert_eq!(enroll.get_attribute("href").as_deref(), Some("/enrollment"));
}

#[wasm_bindgen_test]
async fn a_failed_load_can_be_retried() {
    let server = ScriptedServer::new();
    *server.list.borrow_mut() = Err(ApiError::Server);
    let page = Page::list(server.clone()).await;
    assert!(page
        .text_of(".load-error")
        .contains("Your applications could not be loaded"));
    *server.list.borrow_mut() = Ok(vec![summary(12, RequestStatus::Submitted)]);
    page.press("Retry").await;
    assert_eq!(server.list_requests.borrow().len(), 2);
    assert_eq!(page.cells().len(), 1);
}

#[wasm_bindgen_test]
async fn an_application_opens_read_only_with_every_answer() {
    let page = Page::one(ScriptedServer::new(), Some(12)).await;
    assert_eq!(
        page.text_of("h1"),
        "OA Change Request for Avery Family Practice, PLLC"
    );
    page.assert_says(
        ".application-facts",
        &["Submitted", "OAC-20260520-000012", "NPI 2044707588"],
    );
    let text = page.text();
    assert!(text.contains("New backup OA: clin2"), "{text}");
    assert!(
        text.contains("Explanation documentUploaded: application/pdf document, 2 KB"),
        "{text}"
    );
    // Read-only: no inputs, no Change links; a submitted request is not continued.
    assert!(page.find("input").is_none());
    assert!(page
        .all("a")
        .iter()
        .all(|a| !a.text_content().unwrap().starts_with("Change")));
    assert!(!text.contains("Continue this application"), "{text}");
    assert!(page.find_button("Withdraw request").is_some());
}

#[wasm_bindgen_test]
async fn a_draft_is_continued_in_the_wizard() {
    let server = ScriptedServer::new();
    *server.detail.borrow_mut() = Ok(detail(9, RequestStatus::Draft));
    let page = Page::one(server, Some(9)).await;
    assert!(page
        .text_of(".application-facts")
        .contains("Not submitted yet"));
    let link = page
        .all("a")
        .into_iter()
        .find(|a| a.text_content().as_deref() == Some("Continue this application"))
        .expect("a Continue link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/oa-change?record=2044707588")
    );
    link.click();
    settle().await;
    assert_eq!(page.navigated(), ["/oa-change?record=2044707588"]);
}

#[wasm_bindgen_test]
async fn a_decided_request_cannot_be_withdrawn() {
    let server = ScriptedServer::new();
    *server.detail.borrow_mut() = Ok(detail(12, RequestStatus::Approved));
    let page = Page::one(server, Some(12)).await;
    assert!(page.text_of(".application-facts").contains("Approved"));
    assert!(page.find_button("Withdraw request").is_none());
}

#[wasm_bindgen_test]
async fn withdrawing_asks_first_and_says_it_cannot_be_undone() {
    let server = ScriptedServer::new();
    let page = Page::one(server.clone(), Some(12)).await;
    page.press("Withdraw request").await;
    let dialog = page.find("[role=dialog]").expect("a confirmation dialog");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert_eq!(
        page.text_of("#withdraw-dialog-title"),
        "Withdraw this request?"
    );
    // Opened on its heading: an Enter meant for the page cannot withdraw.
    assert_eq!(focused_id().as_deref(), Some("withdraw-dialog-title"));
    assert!(page
        .text_of("#withdraw-dialog-description")
        .contains("cannot be undone"));
    assert!(
        server.withdrawals.borrow().is_empty(),
        "not before confirming"
    );

    // Cancel keeps the request.
    page.press("Cancel").await;
    assert!(page.find("[role=dialog]").is_none());
    assert!(server.withdrawals.borrow().is_empty());
    assert_eq!(focused_id().as_deref(), Some("withdraw-open"));

    page.press("Withdraw request").await;
    let confirm = page
        .find("[role=dialog] .button--danger")
        .expect("the dialog's Withdraw button");
    confirm.click();
    settle().await;
    assert_eq!(*server.withdrawals.borrow(), [12]);
    assert!(page.find("[role=dialog]").is_none());
    assert!(page.text_of(".application-facts").contains("Withdrawn"));
    assert!(page.find_button("Withdraw request").is_none());
    let outcome = page.text_of("#withdraw-outcome");
    assert!(outcome.contains("Request withdrawn"), "{outcome}");
    assert!(outcome.contains("OAC-20260520-000012"), "{outcome}");
    assert_eq!(focused_id().as_deref(), Some("withdraw-outcome"));
}

#[wasm_bindgen_test]
async fn a_refused_withdrawal_is_shown() {
    let server = ScriptedServer::new();
    *server.withdraw.borrow_mut() = Some(ApiError::Conflict(
        "This application is approved and can no longer be withdrawn.".into(),
    ));
    let page = Page::one(server.clone(), Some(12)).await;
    page.press("Withdraw request").await;
    page.find("[role=dialog] .button--danger").unwrap().click();
    settle().await;
    assert_eq!(*server.withdrawals.borrow(), [12]);
    let outcome = page.text_of("#withdraw-outcome");
    assert!(
        outcome.contains("The request could not be withdrawn"),
        "{outcome}"
    );
    assert!(outcome.contains("can no longer be withdrawn"), "{outcome}");
    assert_eq!(focused_id().as_deref(), Some("withdraw-outcome"));
}

#[wasm_bindgen_test]
async fn an_unknown_application_is_not_found() {
    let server = ScriptedServer::new();
    *server.detail.borrow_mut() = Err(ApiError::NotFound("No such application".into()));
    let page = Page::one(server, Some(404)).await;
    assert_eq!(page.text_of("h1"), "Application not found");
    let page = Page::one(ScriptedServer::new(), None).await;
    assert_eq!(page.text_of("h1"), "Application not found");
}
