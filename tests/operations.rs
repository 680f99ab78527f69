//! The operations pages in a real browser (R-OA-6, R-BOA-8, R-BOA-5): the queue of requests and
//! enrollment applications and its status filter, the 403 of a user who is not staff, opening a
//! submitted request or enrollment application (which starts its review), and the decision
//! form's checks, confirmation and outcome, with the server's answers supplied by the test.

use crate::support::{focused_id, settle, Container};
use contract::application::{
    ApplicationId, Decision, DecisionRequest, EnrollmentTrackingNumber, ExclusionAnswers,
    RequestStatus, TrackingNumber,
};
use contract::date::CalendarDate;
use contract::enrollment::examples;
use contract::oa_change::{BackupChoice, OaChangeDraft, PrimaryChoice};
use contract::operations::{
    EndDatePrimary, EnrollmentQueueItem, EnrollmentReview, EnrollmentSubject, NamedUser,
    RequestQueueItem, RequestReview, RequestSubject,
};
use contract::records::{OfficeAdministrator, Relationship};
use leptos::prelude::*;
use provider_portal::api::operations::OperationsApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::{OperationsEnrollment, OperationsQueue, OperationsRequest};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

fn item(id: ApplicationId, record: &str, status: RequestStatus) -> RequestQueueItem {
    let submitted = CalendarDate::new(2026, 11, 20).unwrap();
    RequestQueueItem {
        id,
        subject: RequestSubject {
            tracking_number: TrackingNumber::new(submitted, id),
            record_id: "2044707588".into(),
            record_name: record.into(),
        },
        applicant_ncid: "javery1".into(),
        applicant_name: "Jordan Avery".into(),
        status,
        submitted,
        updated: submitted,
    }
}

fn review(status: RequestStatus) -> RequestReview {
    RequestReview {
        item: item(7, "Avery Family Practice, PLLC", status),
        draft: OaChangeDraft {
            primary: PrimaryChoice::Keep,
            backup: BackupChoice::Assign {
                ncid: "clin2".into(),
            },
            continued_access: None,
            exclusion: ExclusionAnswers::no_to_every_question(),
        },
        primary_oa: Some(OfficeAdministrator {
            ncid: "javery1".into(),
            name: "Jordan Avery".into(),
            end_date: None,
        }),
        backup_oa: None,
        new_primary: None,
        new_backup: Some(NamedUser {
            ncid: "clin2".into(),
            name: "Casey Lin".into(),
        }),
        attachment: None,
        decision_note: None,
    }
}

fn enrollment_item(id: ApplicationId, status: RequestStatus) -> EnrollmentQueueItem {
    let submitted = CalendarDate::new(2026, 11, 21).unwrap();
    EnrollmentQueueItem {
        id,
        subject: EnrollmentSubject {
            tracking_number: EnrollmentTrackingNumber::new(submitted, id),
            provider_id: "1234567893".into(),
            provider_name: "Blue Ridge Therapy Group".into(),
        },
        applicant_ncid: "dwhit5".into(),
        applicant_name: "Dana Whitfield".into(),
        status,
        submitted,
        updated: submitted,
    }
}

fn enrollment_review(status: RequestStatus) -> EnrollmentReview {
    EnrollmentReview {
        item: enrollment_item(9, status),
        draft: examples::organization(
            vec![
                examples::person("Dana Whitfield", Relationship::Owner, "dwhit5"),
                examples::person("Glenn Hart", Relationship::ManagingEmployee, "ghart7"),
            ],
            "ghart7",
        ),
        attachment: None,
        decision_note: None,
    }
}

/// The server's answers, chosen by each test, and the requests it received.
#[derive(Clone, Default)]
struct ScriptedServer {
    items: Rc<RefCell<Vec<RequestQueueItem>>>,
    forbidden: bool,
    review: Rc<RefCell<Option<RequestReview>>>,
    decision_refusal: Rc<RefCell<Option<ApiError>>>,
    queue_asked: Rc<RefCell<Vec<Option<RequestStatus>>>>,
    reviews_started: Rc<RefCell<Vec<ApplicationId>>>,
    decisions: Rc<RefCell<Vec<DecisionRequest>>>,
    enrollment_items: Rc<RefCell<Vec<EnrollmentQueueItem>>>,
    enrollment_review: Rc<RefCell<Option<EnrollmentReview>>>,
    enrollment_queue_asked: Rc<RefCell<Vec<Option<RequestStatus>>>>,
    enrollment_reviews_started: Rc<RefCell<Vec<ApplicationId>>>,
    enrollment_decisions: Rc<RefCell<Vec<(ApplicationId, DecisionRequest)>>>,
    end_dated: Rc<RefCell<Vec<(String, EndDatePrimary)>>>,
    unlocked: Rc<RefCell<Vec<String>>>,
}

impl ScriptedServer {
    fn staff_only(&self) -> Result<(), ApiError> {
        if self.forbidden {
            return Err(ApiError::Forbidden(
                "Only operations staff can do this.".into(),
            ));
        }
        Ok(())
    }

    /// One list of the queue: the items with the status asked for.
    fn listed<T: Clone + 'static>(
        &self,
        items: &RefCell<Vec<T>>,
        status: Option<RequestStatus>,
        status_of: fn(&T) -> RequestStatus,
    ) -> Answer<Vec<T>> {
        let answer = self.staff_only().map(|()| {
            items
                .borrow()
                .iter()
                .filter(|item| status.is_none_or(|status| status_of(item) == status))
                .cloned()
                .collect()
        });
        Box::pin(async move { answer })
    }

    /// One application under review, or `missing` when the test gave none.
    fn reviewed<T: Clone + 'static>(
        &self,
        review: &RefCell<Option<T>>,
        missing: &str,
    ) -> Answer<T> {
        let answer = self.staff_only().and_then(|()| {
            review
                .borrow()
                .clone()
                .ok_or_else(|| ApiError::NotFound(missing.into()))
        });
        Box::pin(async move { answer })
    }
}

impl OperationsApi for ScriptedServer {
    fn queue(&self, status: Option<RequestStatus>) -> Answer<Vec<RequestQueueItem>> {
        self.queue_asked.borrow_mut().push(status);
        self.listed(&self.items, status, |item| item.status)
    }

    fn request(&self, _id: ApplicationId) -> Answer<RequestReview> {
        self.reviewed(&self.review, "There is no submitted request with this id.")
    }

    fn start_review(&self, id: ApplicationId) -> Answer<RequestQueueItem> {
        self.reviews_started.borrow_mut().push(id);
        let mut started = self.review.borrow().clone().unwrap().item;
        started.status = RequestStatus::InReview;
        Box::pin(async move { Ok(started) })
    }

    fn decide(&self, _id: ApplicationId, decision: DecisionRequest) -> Answer<RequestQueueItem> {
        self.decisions.borrow_mut().push(decision.clone());
        let answer = match self.decision_refusal.borrow().clone() {
            Some(error) => Err(error),
            None => {
                // As the server would read it afterwards: the new status and, after an
                // approval, the backup the request named.
                let mut review = self.review.borrow_mut();
                let review = review.as_mut().unwrap();
                review.item.status = decision.decision.outcome();
                if decision.decision == Decision::Approve {
                    review.backup_oa = Some(OfficeAdministrator {
                        ncid: "clin2".into(),
                        name: "Casey Lin".into(),
                        end_date: None,
                    });
                }
                Ok(review.item.clone())
            }
        };
        Box::pin(async move { answer })
    }

    fn enrollment_queue(&self, status: Option<RequestStatus>) -> Answer<Vec<EnrollmentQueueItem>> {
        self.enrollment_queue_asked.borrow_mut().push(status);
        self.listed(&self.enrollment_items, status, |item| item.status)
    }

    fn enrollment(&self, _id: ApplicationId) -> Answer<EnrollmentReview> {
        self.reviewed(
            &self.enrollment_review,
            "There is no submitted enrollment application with this id.",
        )
    }

    fn start_enrollment_review(&self, id: ApplicationId) -> Answer<EnrollmentQueueItem> {
        self.enrollment_reviews_started.borrow_mut().push(id);
        let mut started = self.enrollment_review.borrow().clone().unwrap().item;
        started.status = RequestStatus::InReview;
        Box::pin(async move { Ok(started) })
    }

    fn decide_enrollment(
        &self,
        id: ApplicationId,
        decision: DecisionRequest,
    ) -> Answer<EnrollmentQueueItem> {
        self.enrollment_decisions
            .borrow_mut()
            .push((id, decision.clone()));
        // As the server would read it afterwards, with its new status.
        let mut review = self.enrollment_review.borrow_mut();
        let review = review.as_mut().unwrap();
        review.item.status = decision.decision.outcome();
        let decided = review.item.clone();
        Box::pin(async move { Ok(decided) })
    }

    fn end_date_primary(&self, record_id: String, request: EndDatePrimary) -> Answer<()> {
        self.end_dated.borrow_mut().push((record_id, request));
        Box::pin(async { Ok(()) })
    }

    /// Only tstclaims3 exists.
    fn unlock(&self, ncid: String) -> Answer<()> {
        self.unlocked.borrow_mut().push(ncid.clone());
        Box::pin(async move {
            if ncid == "tstclaims3" {
                Ok(())
            } else {
                Err(ApiError::NotFound("No user has this NCID.".into()))
            }
        })
    }
}

async fn mount_queue(server: ScriptedServer, status: RwSignal<Option<RequestStatus>>) -> Container {
    let page = Container::mount(move || {
        view! {
            <OperationsQueue
                api=Rc::new(server)
                status
                on_navigate=Callback::new(move |to| status.set(to))
            />
        }
    });
    settle().await;
    page
}

async fn mount_request(server: ScriptedServer) -> Container {
    let page = Container::mount(move || view! { <OperationsRequest api=Rc::new(server) id=7 /> });
    settle().await;
    page
}

async fn mount_enrollment(server: ScriptedServer) -> Container {
    let page =
        Container::mount(move || view! { <OperationsEnrollment api=Rc::new(server) id=9 /> });
    settle().await;
    page
}

fn queued() -> ScriptedServer {
    let server = ScriptedServer::default();
    *server.items.borrow_mut() = vec![
        item(1, "Avery Family Practice, PLLC", RequestStatus::Submitted),
        item(2, "Triangle Pediatrics Group", RequestStatus::Returned),
        item(
            3,
            "Coastal Plain Surgical Associates",
            RequestStatus::Approved,
        ),
    ];
    server
}

#[wasm_bindgen_test]
async fn the_queue_lists_requests_and_filters_them_by_status() {
    let server = queued();
    let status = RwSignal::new(None);
    let page = mount_queue(server.clone(), status).await;
    assert_eq!(page.text_of("h1"), "Operations");
    let rows = page.rows();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].contains("OAC-20261120-000001"));
    assert!(rows[0].contains("Avery Family Practice, PLLC"));
    assert!(rows[0].contains("Jordan Avery (javery1)"));
    assert!(rows[0].contains("Submitted"));
    let link = page.find("tbody tr a").unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "/operations/requests/1"
    );
    assert!(page
        .text_of("caption")
        .contains("All submitted requests: 3"));
    let headers: Vec<String> = page
        .all("th[scope=col]")
        .into_iter()
        .map(|th| th.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        headers,
        [
            "Tracking number",
            "Provider record",
            "Applicant",
            "Submitted",
            "Status"
        ]
    );

    // Choosing a status and applying it puts it in the URL (here: the signal), and the server
    // is asked for that status only.
    page.enter("queue-status", "returned", "change");
    page.press("Apply filter").await;
    assert_eq!(status.get_untracked(), Some(RequestStatus::Returned));
    assert_eq!(
        server.queue_asked.borrow().last().copied(),
        Some(Some(RequestStatus::Returned))
    );
    let rows = page.rows();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("Triangle Pediatrics Group"));
    assert!(page
        .text_of("caption")
        .contains("Returned for correction requests: 1"));

    // A status with no request: the empty state says so.
    status.set(Some(RequestStatus::Denied));
    settle().await;
    assert!(page.rows().is_empty());
    assert_eq!(page.text_of("#queue-empty"), "No requests are denied.");
    // Back to every status (Back in the browser): the select follows the URL.
    status.set(None);
    settle().await;
    assert_eq!(page.rows().len(), 3);
    let select = page.find("#queue-status").unwrap();
    let value = js_sys::Reflect::get(&select, &"value".into()).unwrap();
    assert_eq!(value.as_string().unwrap(), "");
}

#[wasm_bindgen_test]
async fn a_user_who_is_not_staff_is_told_they_have_no_access() {
    let server = ScriptedServer {
        forbidden: true,
        ..queued()
    };
    let page = mount_queue(server.clone(), RwSignal::new(None)).await;
    assert_eq!(page.text_of("h1"), "Operations");
    assert!(page
        .text_of("#no-access")
        .contains("You do not have access to this page"));
    // Neither the queue nor the tools are offered.
    assert!(page.find("table").is_none());
    assert!(page.find("#end-date-record").is_none());
    assert!(page.find("#unlock-ncid").is_none());

    let request = mount_request(server).await;
    assert!(request
        .text_of("#no-access")
        .contains("You do not have access to this page"));
    assert!(request.find("#decision-note").is_none());
}

#[wasm_bindgen_test]
async fn opening_a_submitted_request_starts_its_review_and_shows_every_answer() {
    let server = ScriptedServer::default();
    *server.review.borrow_mut() = Some(review(RequestStatus::Submitted));
    let page = mount_request(server.clone()).await;
    assert_eq!(page.text_of("h1"), "Request OAC-20261120-000007");
    assert_eq!(*server.reviews_started.borrow(), [7]);
    assert_eq!(page.text_of("#request-status"), "In review");
    let answers = page.text_of(".summary-list");
    for expected in [
        "Avery Family Practice, PLLC (2044707588)",
        "Jordan Avery (javery1)",
        "New backup OA: Casey Lin (clin2)",
        "Keep the current primary OA",
        "None (every answer is No)",
    ] {
        assert!(answers.contains(expected), "{expected} in {answers}");
    }

    // A request already in review is not started again.
    let again = ScriptedServer::default();
    *again.review.borrow_mut() = Some(review(RequestStatus::InReview));
    let _page = mount_request(again.clone()).await;
    assert!(again.reviews_started.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn a_decision_is_checked_then_confirmed_then_shown_with_the_new_status() {
    let server = ScriptedServer::default();
    *server.review.borrow_mut() = Some(review(RequestStatus::InReview));
    let page = mount_request(server.clone()).await;

    // Nothing chosen: the summary says so and takes focus.
    page.press("Record the decision").await;
    assert_eq!(page.error_summary(), ["Choose a decision"]);
    assert_eq!(focused_id().as_deref(), Some("error-summary"));

    // R-OA-6: returning for correction needs a note.
    page.find("#decision-return").unwrap().click();
    page.press("Record the decision").await;
    assert_eq!(
        page.error_summary(),
        ["Say what the applicant must correct"]
    );
    let link = page.find("#error-summary a").unwrap();
    assert_eq!(link.get_attribute("href").unwrap(), "#decision-note");
    assert_eq!(
        page.find("#decision-note")
            .unwrap()
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(page.find("[role=dialog]").is_none());
    assert!(server.decisions.borrow().is_empty());

    // With a note: a confirmation first, which can be cancelled without deciding.
    page.enter("decision-note", "Name Casey Lin instead", "input");
    page.press("Record the decision").await;
    assert!(page.error_summary().is_empty());
    let dialog = page.find("[role=dialog]").expect("a confirmation dialog");
    let said = dialog.text_content().unwrap();
    assert!(said.contains("Return for correction"), "{said}");
    assert!(said.contains("same tracking number"), "{said}");
    assert!(said.contains("Name Casey Lin instead"), "{said}");
    page.press("Cancel").await;
    assert!(page.find("[role=dialog]").is_none());
    assert!(server.decisions.borrow().is_empty());

    page.press("Record the decision").await;
    page.press("Yes, return for correction").await;
    assert_eq!(
        *server.decisions.borrow(),
        [DecisionRequest {
            decision: Decision::Return,
            note: "Name Casey Lin instead".into(),
        }]
    );
    assert!(page.find("[role=dialog]").is_none());
    assert!(page
        .text_of("#decision-outcome")
        .contains("Decision recorded"));
    assert!(page
        .text_of("#decision-outcome")
        .contains("is now Returned for correction"));
    assert_eq!(page.text_of("#request-status"), "Returned for correction");
    assert_eq!(focused_id().as_deref(), Some("decision-outcome"));
    // A returned request waits for its applicant: no more decisions here.
    assert!(page.find("#decision-note").is_none());
}

#[wasm_bindgen_test]
async fn after_an_approval_the_page_shows_the_record_as_it_is_now() {
    let server = ScriptedServer::default();
    *server.review.borrow_mut() = Some(review(RequestStatus::InReview));
    let page = mount_request(server.clone()).await;
    let before = page.text();
    assert!(before.contains("Backup OA nowNone"), "{before}");
    page.find("#decision-approve").unwrap().click();
    page.press("Record the decision").await;
    // The destructive dialog opens on its heading, not on "Yes, approve".
    let title = page
        .find("[role=dialog]")
        .unwrap()
        .get_attribute("aria-labelledby");
    assert_eq!(focused_id(), title);
    page.press("Yes, approve").await;
    settle().await;
    assert_eq!(page.text_of("#request-status"), "Approved");
    let after = page.text();
    assert!(
        after.contains("Backup OA nowCasey Lin (clin2)"),
        "the record as it is now: {after}"
    );
    assert!(
        after.contains("New backup OA: Casey Lin (clin2)"),
        "{after}"
    );
}

#[wasm_bindgen_test]
async fn a_refused_decision_says_why_and_keeps_the_form() {
    let server = ScriptedServer::default();
    *server.review.borrow_mut() = Some(review(RequestStatus::InReview));
    *server.decision_refusal.borrow_mut() = Some(ApiError::Conflict(
        "This request is approved: only a submitted or in-review request can be decided.".into(),
    ));
    let page = mount_request(server.clone()).await;
    page.find("#decision-approve").unwrap().click();
    page.press("Record the decision").await;
    page.press("Yes, approve").await;
    assert_eq!(server.decisions.borrow().len(), 1);
    let outcome = page.text_of("#decision-outcome");
    assert!(
        outcome.contains("The decision was not recorded"),
        "{outcome}"
    );
    assert!(
        outcome.contains("only a submitted or in-review request"),
        "{outcome}"
    );
    assert_eq!(page.text_of("#request-status"), "In review");
}

#[wasm_bindgen_test]
async fn the_tools_check_their_fields_and_say_what_happened() {
    let server = queued();
    let page = mount_queue(server.clone(), RwSignal::new(None)).await;

    // Unlock: an NCID is needed; an unknown one is reported, a known one unlocked.
    page.press("Unlock").await;
    assert!(page
        .text_of("#unlock-ncid-error")
        .contains("Enter the NCID to unlock"));
    assert_eq!(focused_id().as_deref(), Some("unlock-ncid"));
    assert!(server.unlocked.borrow().is_empty());
    let ncid = page.input("unlock-ncid");
    for (typed, heading) in [
        ("nobody9", "Nobody was unlocked"),
        (" tstclaims3 ", "tstclaims3 is unlocked"),
    ] {
        ncid.set_value(typed);
        ncid.dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        page.press("Unlock").await;
        assert!(page.text_of("#unlock-outcome").contains(heading), "{typed}");
        assert_eq!(focused_id().as_deref(), Some("unlock-outcome"));
    }
    assert_eq!(*server.unlocked.borrow(), ["nobody9", "tstclaims3"]);

    // End-dating: a valid NPI and a real date, then a confirmation that says the backup is
    // not promoted (R-BOA-8).
    page.enter("end-date-record", "2044707589", "input");
    page.press("End-date the primary OA").await;
    assert!(page.find("#end-date-record-error").is_some());
    assert!(page
        .text_of("#end-date-date-error")
        .contains("Enter the end date"));
    assert_eq!(focused_id().as_deref(), Some("end-date-record"));
    page.enter("end-date-record", "2044707588", "input");
    page.enter("end-date-date", "2026-11-22", "input");
    page.press("End-date the primary OA").await;
    let dialog = page.find("[role=dialog]").expect("a confirmation dialog");
    let said = dialog.text_content().unwrap();
    assert!(said.contains("November 22, 2026"), "{said}");
    assert!(said.contains("not promoted"), "{said}");
    assert!(server.end_dated.borrow().is_empty());
    page.press("Yes, end-date the primary OA").await;
    assert_eq!(
        *server.end_dated.borrow(),
        [(
            "2044707588".to_owned(),
            EndDatePrimary {
                date: CalendarDate::new(2026, 11, 22).unwrap()
            }
        )]
    );
    assert!(page
        .text_of("#end-date-outcome")
        .contains("The primary OA is end-dated"));
}

#[wasm_bindgen_test]
async fn the_queue_lists_enrollment_applications_under_the_same_filter() {
    let server = queued();
    *server.enrollment_items.borrow_mut() = vec![
        enrollment_item(9, RequestStatus::Submitted),
        enrollment_item(10, RequestStatus::Denied),
    ];
    let status = RwSignal::new(None);
    let page = mount_queue(server.clone(), status).await;
    assert!(page
        .text_of("#enrollment-queue-title")
        .contains("Enrollment applications"));
    assert!(page
        .text_of("#enrollment-queue-caption")
        .contains("All submitted enrollment applications: 2"));
    let link = page
        .find("#enrollment-queue-caption ~ tbody a")
        .expect("a link to the first application");
    assert_eq!(link.text_content().unwrap(), "ENR-20261121-000009");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "/operations/enrollments/9"
    );
    let rows = page.rows();
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows[3].contains("Blue Ridge Therapy Group"));
    assert!(rows[3].contains("Dana Whitfield (dwhit5)"));

    // One filter for both tables.
    status.set(Some(RequestStatus::Denied));
    settle().await;
    assert_eq!(
        server.enrollment_queue_asked.borrow().last(),
        Some(&Some(RequestStatus::Denied))
    );
    assert!(page
        .text_of("#enrollment-queue-caption")
        .contains("Denied enrollment applications: 1"));
    status.set(Some(RequestStatus::Withdrawn));
    settle().await;
    assert_eq!(
        page.text_of("#enrollment-queue-empty"),
        "No enrollment applications are withdrawn."
    );
}

#[wasm_bindgen_test]
async fn opening_a_submitted_enrollment_starts_its_review_and_shows_every_answer() {
    let server = ScriptedServer::default();
    *server.enrollment_review.borrow_mut() = Some(enrollment_review(RequestStatus::Submitted));
    let page = mount_enrollment(server.clone()).await;
    assert_eq!(page.text_of("h1"), "Enrollment ENR-20261121-000009");
    assert_eq!(*server.enrollment_reviews_started.borrow(), [9]);
    assert_eq!(page.text_of("#enrollment-status"), "In review");
    let answers = page
        .all(".summary-list")
        .into_iter()
        .map(|list| list.text_content().unwrap_or_default())
        .collect::<String>();
    for expected in [
        "Dana Whitfield (dwhit5)",
        "Organization",
        "Blue Ridge Therapy Group",
        "1234567893",
        "12 Main St, Asheville, NC, 28801",
        "NC Medicaid",
        "Glenn Hart – Managing employee, ghart7, adverse findings: No",
        "Glenn Hart (ghart7)",
        "None (every answer is No)",
    ] {
        assert!(answers.contains(expected), "{expected} in {answers}");
    }
    // No Change links: staff read the answers, they do not edit them.
    assert!(!answers.contains("Change"), "{answers}");
}

#[wasm_bindgen_test]
async fn denying_or_returning_an_enrollment_needs_a_note() {
    let server = ScriptedServer::default();
    *server.enrollment_review.borrow_mut() = Some(enrollment_review(RequestStatus::InReview));
    let page = mount_enrollment(server.clone()).await;
    assert!(server.enrollment_reviews_started.borrow().is_empty());
    page.find("#decision-deny").unwrap().click();
    page.press("Record the decision").await;
    assert_eq!(page.error_summary(), ["Say why the request is denied"]);
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert!(page.find("[role=dialog]").is_none());
    page.find("#decision-return").unwrap().click();
    page.press("Record the decision").await;
    assert_eq!(
        page.error_summary(),
        ["Say what the applicant must correct"]
    );
    assert!(page.find("[role=dialog]").is_none());
    assert!(server.enrollment_decisions.borrow().is_empty());

    page.enter("decision-note", "Add the suite number", "input");
    page.press("Record the decision").await;
    let dialog = page.find("[role=dialog]").expect("a confirmation dialog");
    let said = dialog.text_content().unwrap();
    assert!(said.contains("ENR-20261121-000009"), "{said}");
    assert!(said.contains("Add the suite number"), "{said}");
    page.press("Yes, return for correction").await;
    assert_eq!(
        *server.enrollment_decisions.borrow(),
        [(
            9,
            DecisionRequest {
                decision: Decision::Return,
                note: "Add the suite number".into(),
            }
        )]
    );
    assert_eq!(
        page.text_of("#enrollment-status"),
        "Returned for correction"
    );
}

#[wasm_bindgen_test]
async fn approving_an_enrollment_is_confirmed_then_sent() {
    let server = ScriptedServer::default();
    *server.enrollment_review.borrow_mut() = Some(enrollment_review(RequestStatus::InReview));
    let page = mount_enrollment(server.clone()).await;
    page.find("#decision-approve").unwrap().click();
    page.press("Record the decision").await;
    let dialog = page.find("[role=dialog]").expect("a confirmation dialog");
    let said = dialog.text_content().unwrap();
    assert!(said.contains("Blue Ridge Therapy Group"), "{said}");
    assert!(said.contains("record is created"), "{said}");
    // Nothing is sent before the confirmation.
    assert!(server.enrollment_decisions.borrow().is_empty());
    page.press("Yes, approve").await;
    assert_eq!(
        *server.enrollment_decisions.borrow(),
        [(
            9,
            DecisionRequest {
                decision: Decision::Approve,
                note: String::new(),
            }
        )]
    );
    assert!(page.find("[role=dialog]").is_none());
    let outcome = page.text_of("#decision-outcome");
    assert!(
        outcome.contains("Enrollment ENR-20261121-000009 is now Approved"),
        "{outcome}"
    );
    assert_eq!(page.text_of("#enrollment-status"), "Approved");
    assert_eq!(focused_id().as_deref(), Some("decision-outcome"));
    assert!(page.find("#decision-note").is_none());
}
