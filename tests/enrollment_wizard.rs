//! The enrollment application in a real browser (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10,
//! R-AUTH-4): the nine-step indicator, the error summary on Continue, listing people, backup
//! candidates that cannot be chosen and why, Change links that come back to the review, the
//! named backup's read-only view, and signing — with the server's answers supplied by the test.

use crate::support::{focused_id, ready, settle, uploaded_pdf, MountedWizard, Received, Reply};
use contract::application::{
    ApplicationId, AttachmentInfo, EnrollmentTrackingNumber, RequestStatus, SubmitRequest,
};
use contract::date::CalendarDate;
use contract::enrollment::examples;
use contract::enrollment::{
    EnrollmentDraft, EnrollmentRole, EnrollmentStep, EnrollmentView, SaveEnrollment,
};
use contract::records::{Program, RecordKind, Relationship};
use contract::Rule;
use leptos::prelude::*;
use provider_portal::api::enrollment::EnrollmentApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::EnrollmentPage;
use provider_portal::state::enrollment::EnrollmentPlace;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

const ID: ApplicationId = 5;

fn application(draft: EnrollmentDraft, role: EnrollmentRole) -> EnrollmentView {
    EnrollmentView {
        id: ID,
        status: RequestStatus::Draft,
        step: None,
        draft,
        applicant_ncid: "dwhit5".into(),
        applicant_name: "Dana Whitfield".into(),
        role,
        tracking_number: None,
        updated: CalendarDate::new(2026, 11, 23).unwrap(),
        submitted: None,
        decision_note: None,
    }
}

/// The server's answers, chosen by each test; the saves and signatures it received.
#[derive(Clone)]
struct ScriptedServer {
    application: Reply<EnrollmentView>,
    saves: Received<SaveEnrollment>,
    submits: Received<SubmitRequest>,
}

impl ScriptedServer {
    fn new(application: EnrollmentView) -> Self {
        Self {
            application: Reply::new(application),
            saves: Received::default(),
            submits: Received::default(),
        }
    }

    fn view(&self) -> EnrollmentView {
        self.application.borrow().clone()
    }
}

impl EnrollmentApi for ScriptedServer {
    fn list(&self) -> Answer<Vec<EnrollmentView>> {
        ready(Ok(vec![self.view()]))
    }

    fn create(&self) -> Answer<EnrollmentView> {
        ready(Ok(self.view()))
    }

    fn application(&self, _id: ApplicationId) -> Answer<EnrollmentView> {
        ready(Ok(self.view()))
    }

    fn save(&self, _id: ApplicationId, save: SaveEnrollment) -> Answer<EnrollmentView> {
        self.saves.record(save.clone());
        let mut view = self.view();
        view.step = Some(save.step);
        view.draft = save.draft;
        *self.application.borrow_mut() = view.clone();
        ready(Ok(view))
    }

    fn upload(&self, _file: JsValue) -> Answer<AttachmentInfo> {
        uploaded_pdf()
    }

    fn submit(&self, _id: ApplicationId, submit: SubmitRequest) -> Answer<EnrollmentView> {
        let signed = submit.pin == "1118";
        self.submits.record(submit);
        if !signed {
            return ready(Err(ApiError::Forbidden("The PIN is not correct.".into())));
        }
        let day = CalendarDate::new(2026, 11, 23).unwrap();
        let mut view = self.view();
        view.status = RequestStatus::Submitted;
        view.tracking_number = Some(EnrollmentTrackingNumber::new(day, ID));
        view.submitted = Some(day);
        ready(Ok(view))
    }
}

type Page = MountedWizard<EnrollmentPlace>;

fn at(step: EnrollmentStep) -> EnrollmentPlace {
    EnrollmentPlace::at(ID, step)
}

impl Page {
    async fn mount(server: ScriptedServer, place: EnrollmentPlace) -> Self {
        Self::at(place, move |place, on_navigate| {
            view! { <EnrollmentPage api=Rc::new(server) place on_navigate /> }
        })
        .await
    }
}

#[wasm_bindgen_test]
async fn the_step_indicator_says_which_step_of_nine() {
    let server = ScriptedServer::new(application(
        EnrollmentDraft::default(),
        EnrollmentRole::Primary,
    ));
    let page = Page::mount(server, at(EnrollmentStep::Programs)).await;
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 3 of 9: Programs"
    );
    assert_eq!(page.all(".step-indicator li").len(), 9);
    let current = page.all(".step-indicator [aria-current=step]");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].text_content().unwrap(), "Programs");
    assert_eq!(page.text_of("h1"), "Programs");
}

#[wasm_bindgen_test]
async fn a_new_application_opens_at_the_first_step_and_refuses_an_empty_answer() {
    let server = ScriptedServer::new(application(
        EnrollmentDraft::default(),
        EnrollmentRole::Primary,
    ));
    let page = Page::mount(
        server.clone(),
        EnrollmentPlace {
            application: Some(ID),
            ..EnrollmentPlace::default()
        },
    )
    .await;
    assert_eq!(page.text_of("h1"), "Provider type");
    page.press("Continue").await;
    assert_eq!(page.summary_targets(), vec!["#provider-type".to_owned()]);
    assert!(page.text_of("#provider-type-error").starts_with("Error: "));
    assert_eq!(
        page.input("provider-type-individual")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert!(server.saves.borrow().is_empty(), "nothing saved");

    page.click("#provider-type-organization").await;
    page.press("Continue").await;
    let saves = server.saves.borrow();
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].step, EnrollmentStep::ProviderType);
    assert_eq!(saves[0].draft.provider_type, Some(RecordKind::Organization));
    assert_eq!(page.place().get_untracked(), at(EnrollmentStep::Identity));
}

#[wasm_bindgen_test]
async fn people_are_added_edited_and_removed() {
    let mut draft = examples::complete();
    draft.people.clear();
    draft.backup = None;
    let server = ScriptedServer::new(application(draft, EnrollmentRole::Primary));
    let page = Page::mount(server.clone(), at(EnrollmentStep::People)).await;
    page.press("Continue").await;
    assert_eq!(page.summary_targets(), vec!["#people".to_owned()]);

    page.press("Add a person").await;
    page.press("Add a person").await;
    assert_eq!(page.all("fieldset.person").len(), 2);
    page.type_into("people-0-name", "Pat Owner").await;
    page.type_into("people-0-ncid", "powner2").await;
    page.click("#people-0-adverse-no").await;
    page.type_into("people-1-name", "Lee Gone").await;
    // A person's problems are shown at their own fields.
    page.press("Continue").await;
    assert_eq!(
        page.summary_targets(),
        vec!["#people-1-adverse-findings".to_owned()]
    );
    let message = page.text_of("#people-1-adverse-findings-error");
    assert!(
        message.contains("Person 2 (Lee Gone): select yes if they have adverse findings"),
        "{message}"
    );
    assert_eq!(
        page.input("people-1-adverse-yes")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        page.input("people-0-adverse-yes")
            .get_attribute("aria-invalid"),
        None
    );
    page.click("#error-summary a").await;
    assert_eq!(focused_id().as_deref(), Some("people-1-adverse-yes"));
    let remove_second = page
        .all("fieldset.person button")
        .into_iter()
        .nth(1)
        .expect("a Remove button for the second person");
    assert_eq!(remove_second.text_content().unwrap(), "Remove Lee Gone");
    remove_second.click();
    settle().await;
    assert_eq!(page.all("fieldset.person").len(), 1);

    page.press("Continue").await;
    let saves = server.saves.borrow();
    assert_eq!(saves.len(), 1, "{:?}", page.summary_targets());
    assert_eq!(
        saves[0].draft.people,
        vec![examples::person(
            "Pat Owner",
            Relationship::Owner,
            "powner2"
        )]
    );
}

#[wasm_bindgen_test]
async fn billing_agents_list_nobody_and_have_no_backup() {
    // R-BOA-9
    let mut draft = examples::complete();
    draft.provider_type = Some(RecordKind::BillingAgent);
    draft.people.clear();
    draft.backup = None;
    let server = ScriptedServer::new(application(draft, EnrollmentRole::Primary));
    let page = Page::mount(server.clone(), at(EnrollmentStep::People)).await;
    assert!(page.find("fieldset.person").is_none());
    assert!(!page
        .all("button")
        .iter()
        .any(|b| b.text_content().as_deref() == Some("Add a person")));
    let people = page.text_of("#people");
    assert!(
        people.contains("Billing agents capture no owners or managing relationships")
            && !people.contains(Rule::Boa9.id()),
        "{people}"
    );

    page.place().set(at(EnrollmentStep::Backup));
    settle().await;
    let why = page.text_of("#backup-unavailable");
    assert!(
        why.contains("Billing agent records list no managing relationships")
            && !why.contains(Rule::Boa9.id()),
        "{why}"
    );
    assert!(page.find("input[name=backup]").is_none());
}

#[wasm_bindgen_test]
async fn dmhddsus_only_applications_have_no_backup() {
    // R-BOA-10
    let mut draft = examples::complete();
    draft.programs = vec![Program::Dmhddsus];
    let server = ScriptedServer::new(application(draft, EnrollmentRole::Primary));
    let page = Page::mount(server.clone(), at(EnrollmentStep::Backup)).await;
    let why = page.text_of("#backup-unavailable");
    assert!(
        why.contains("available for NC Medicaid records only") && !why.contains(Rule::Boa10.id()),
        "{why}"
    );
    page.press("Continue").await;
    // Nothing to choose, so nothing named.
    assert_eq!(server.saves.borrow()[0].draft.backup, None);
}

#[wasm_bindgen_test]
async fn backup_candidates_that_cannot_be_chosen_say_why() {
    // R-BOA-2 inside the application
    let mut saved = application(examples::complete(), EnrollmentRole::Primary);
    saved.step = Some(EnrollmentStep::Review);
    let server = ScriptedServer::new(saved);
    let page = Page::mount(server, at(EnrollmentStep::Backup)).await;
    let radios = page.all("input[name=backup]");
    let labels: Vec<String> = page
        .all("input[name=backup] + label")
        .into_iter()
        .map(|label| label.text_content().unwrap())
        .collect();
    assert_eq!(
        labels,
        vec![
            "No backup OA",
            "Dana Whitfield (Owner, dwhit5)",
            "Glenn Hart (Managing employee, ghart7)",
            "Morgan Reyes (Owner, mreyes3)",
        ]
    );
    let disabled: Vec<bool> = radios
        .iter()
        .map(|radio| radio.has_attribute("disabled"))
        .collect();
    assert_eq!(disabled, vec![false, true, false, true]);
    assert_eq!(page.text_of("#backup-0-why"), "Is the record's primary OA");
    assert_eq!(page.text_of("#backup-2-why"), "Has adverse findings");
    let chosen: HtmlInputElement = page.input("backup-1");
    assert!(chosen.checked(), "the saved backup is chosen");
}

#[wasm_bindgen_test]
async fn the_backup_question_is_not_answered_for_the_user() {
    let mut draft = examples::complete();
    draft.backup = None;
    let mut saved = application(draft, EnrollmentRole::Primary);
    saved.step = Some(EnrollmentStep::OfficeAdministrator);
    let server = ScriptedServer::new(saved);
    let page = Page::mount(server.clone(), at(EnrollmentStep::Backup)).await;
    // The draft names nobody, but "No backup OA" is not chosen in advance.
    assert!(!page.input("backup-none").checked());
    page.press("Continue").await;
    assert_eq!(page.summary_targets(), vec!["#backup".to_owned()]);
    assert_eq!(
        page.text_of("#backup-error"),
        "Error: Select who should be the backup OA, or no backup OA"
    );
    assert!(server.saves.borrow().is_empty());
    page.click("#backup-none").await;
    page.press("Continue").await;
    assert_eq!(server.saves.borrow().len(), 1);
    assert_eq!(server.saves.borrow()[0].draft.backup, None);
}

#[wasm_bindgen_test]
async fn identity_errors_are_shown_at_their_fields() {
    let mut draft = examples::complete();
    draft.provider_id = "12-34".into();
    draft.address.zip = "x".into();
    let server = ScriptedServer::new(application(draft, EnrollmentRole::Primary));
    let page = Page::mount(server.clone(), at(EnrollmentStep::Identity)).await;
    page.press("Continue").await;
    assert_eq!(
        page.summary_targets(),
        vec!["#provider-id".to_owned(), "#address-zip".to_owned()]
    );
    // The box is labelled NPI, and its message says NPI only.
    assert_eq!(page.text_of("label[for=provider-id]"), "NPI");
    assert_eq!(
        page.text_of("#provider-id-error"),
        "Error: Enter the provider's 10-digit NPI"
    );
    let id = page.input("provider-id");
    assert_eq!(id.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        id.get_attribute("aria-describedby").as_deref(),
        Some("provider-id-hint provider-id-error")
    );
    assert!(page.text_of("#address-zip-error").contains("ZIP code"));
    assert_eq!(
        page.input("provider-name").get_attribute("aria-invalid"),
        None
    );
    assert!(server.saves.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn a_change_link_comes_back_to_check_your_answers() {
    let server = ScriptedServer::new(application(examples::complete(), EnrollmentRole::Primary));
    let page = Page::mount(server.clone(), at(EnrollmentStep::Review)).await;
    let change = page
        .all(".summary-list a")
        .into_iter()
        .find(|link| link.text_content().unwrap() == "Change Programs")
        .expect("a Change link for the programs");
    change.click();
    settle().await;
    assert_eq!(
        page.place().get_untracked(),
        EnrollmentPlace {
            return_to_review: true,
            ..at(EnrollmentStep::Programs)
        }
    );
    page.click("#program-dmhddsus").await;
    page.press("Continue").await;
    assert_eq!(page.place().get_untracked(), at(EnrollmentStep::Review));
    assert_eq!(
        server.saves.borrow()[0].draft.programs,
        vec![Program::Medicaid, Program::Dmhddsus]
    );
    assert!(page
        .text_of(".summary-list")
        .contains("NC Medicaid and DMHDDSUS"));
}

#[wasm_bindgen_test]
async fn the_named_backup_reads_the_application_but_cannot_sign() {
    // R-BOA-5
    let server = ScriptedServer::new(application(
        examples::complete(),
        EnrollmentRole::NamedBackup,
    ));
    let page = Page::mount(server.clone(), at(EnrollmentStep::Sign)).await;
    assert_eq!(page.text_of("h1"), "Blue Ridge Therapy Group");
    let confirmation = page.text_of("#enrollment-confirmation");
    assert!(
        confirmation.contains("can change, sign and submit it")
            && !confirmation.contains(Rule::Boa5.id()),
        "{confirmation}"
    );
    assert!(page
        .text_of(".summary-list")
        .contains("Dana Whitfield (dwhit5)"));
    assert!(page.find("#pin").is_none());
    assert!(page.find("form").is_none());
    assert!(page.find(".summary-list a").is_none(), "no Change links");
}

#[wasm_bindgen_test]
async fn the_primary_signs_with_the_pin_and_gets_a_tracking_number() {
    // R-AUTH-4
    let server = ScriptedServer::new(application(examples::complete(), EnrollmentRole::Primary));
    let page = Page::mount(server.clone(), at(EnrollmentStep::Sign)).await;
    page.press("Sign and submit").await;
    assert_eq!(
        page.summary_targets(),
        vec!["#attestation".to_owned(), "#pin".to_owned()]
    );
    assert!(server.submits.borrow().is_empty());

    page.click("#attestation").await;
    page.type_into("pin", "9999").await;
    page.press("Sign and submit").await;
    assert_eq!(page.summary_targets(), vec!["#pin".to_owned()]);
    assert_eq!(page.input("pin").value(), "", "the PIN is forgotten");

    page.type_into("pin", "1118").await;
    page.press("Sign and submit").await;
    assert_eq!(page.text_of(".tracking-number"), "ENR-20261123-000005");
    assert_eq!(focused_id().as_deref(), Some("enrollment-confirmation"));
    // The confirmation page: the panel is the heading, then the answers and the signature.
    assert_eq!(
        page.text_of(".panel h1"),
        "Enrollment application submitted"
    );
    let text = page.text_of("#enrollment-confirmation");
    assert!(text.contains("Blue Ridge Therapy Group"), "{text}");
    assert!(
        text.contains("Signed electronically by Dana Whitfield (dwhit5) on"),
        "{text}"
    );
    assert!(page.find(".step-indicator").is_none());
    // The first attempt was refused on the page; the wrong PIN reached the server.
    assert_eq!(server.submits.borrow().len(), 2);
}
