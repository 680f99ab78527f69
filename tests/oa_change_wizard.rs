//! The OA Change Request wizard in a real browser (R-OA-1, R-OA-2, R-BOA-1..10): the step
//! indicator, the error summary on Continue, candidates that cannot be chosen and why, records
//! without a backup OA, resuming a saved draft, and saving on Continue, with the server's answers
//! supplied by the test.

use crate::support::{focused_id, ready, settle, uploaded_pdf, MountedWizard, Received, Reply};
use contract::application::{
    ApplicationId, AttachmentInfo, RequestStatus, SubmitReceipt, SubmitRequest, TrackingNumber,
};
use contract::auth::SignedInUser;
use contract::date::CalendarDate;
use contract::oa_change::{
    ApplicationDetail, ApplicationSummary, BackupChoice, Candidate, DraftView, OaChangeDraft,
    PickableRecord, PrimaryChoice, RecordOverview, ReturnedRequest, SaveDraft, Step,
};
use contract::records::{
    BackupUnavailable, Ineligibility, OfficeAdministrator, Program, RecordKind, Relationship,
    Standing,
};
use contract::Rule;
use leptos::prelude::*;
use provider_portal::api::oa_change::OaChangeApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::OaChangeWizard;
use provider_portal::state::oa_change::WizardPlace;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

const RECORD: &str = "1234567893";

fn candidate(name: &str, ncid: &str, as_backup: Option<Ineligibility>) -> Candidate {
    Candidate {
        name: name.into(),
        relationship: Relationship::ManagingEmployee,
        ncid: Some(ncid.into()),
        as_backup,
        as_new_primary: None,
    }
}

fn organization() -> RecordOverview {
    RecordOverview {
        id: RECORD.into(),
        name: "Sandhills Family Medicine".into(),
        kind: RecordKind::Organization,
        programs: vec![Program::Medicaid],
        primary_oa: Some(OfficeAdministrator {
            ncid: "javery1".into(),
            name: "Jordan Avery".into(),
            end_date: None,
        }),
        has_active_primary_oa: true,
        backup_oa: None,
        backup_unavailable: None,
        candidates: vec![
            candidate("Casey Lin", "clin2", None),
            candidate(
                "Morgan Reyes",
                "mreyes3",
                Some(Ineligibility::AdverseFindings),
            ),
        ],
        needs_authorization_code: false,
    }
}

fn billing_agent() -> RecordOverview {
    RecordOverview {
        kind: RecordKind::BillingAgent,
        backup_unavailable: Some(BackupUnavailable::BillingAgent),
        candidates: Vec::new(),
        ..organization()
    }
}

fn saved(step: Step, draft: OaChangeDraft) -> DraftView {
    DraftView {
        id: 7,
        record_id: RECORD.into(),
        step,
        draft,
        updated: submitted_on(),
        returned: None,
    }
}

/// The server's answers, chosen by each test; the requests it received, for the asserts.
#[derive(Clone)]
struct ScriptedServer {
    overview: Reply<RecordOverview>,
    draft: Reply<Option<DraftView>>,
    save: Reply<Option<ApiError>>,
    saves: Received<SaveDraft>,
    uploads: Received<JsValue>,
    submit: Reply<Option<ApiError>>,
    submits: Received<SubmitRequest>,
    /// The applications asked for, by id.
    opened: Received<ApplicationId>,
}

impl ScriptedServer {
    fn new(overview: RecordOverview) -> Self {
        Self {
            overview: Reply::new(overview),
            draft: Reply::default(),
            save: Reply::default(),
            saves: Received::default(),
            uploads: Received::default(),
            submit: Reply::default(),
            submits: Received::default(),
            opened: Received::default(),
        }
    }

    /// The organization's record with a draft saved after `step`.
    fn resuming(step: Step, draft: OaChangeDraft) -> Self {
        let server = Self::new(organization());
        *server.draft.borrow_mut() = Some(saved(step, draft));
        server
    }
}

fn submitted_on() -> CalendarDate {
    CalendarDate::new(2025, 3, 14).unwrap()
}

impl OaChangeApi for ScriptedServer {
    fn submit(&self, _record_id: String, submit: SubmitRequest) -> Answer<SubmitReceipt> {
        self.submits.record(submit);
        self.submit.or_accept(SubmitReceipt {
            id: 7,
            tracking_number: TrackingNumber::new(submitted_on(), 7),
            submitted: submitted_on(),
        })
    }

    fn application(&self, id: ApplicationId) -> Answer<ApplicationDetail> {
        self.opened.record(id);
        let submitted = submitted_on();
        ready(Ok(ApplicationDetail {
            summary: ApplicationSummary {
                id,
                record_id: RECORD.into(),
                record_name: "Sandhills Family Medicine".into(),
                status: RequestStatus::Submitted,
                tracking_number: Some(TrackingNumber::new(submitted, id)),
                updated: submitted,
                submitted: Some(submitted),
            },
            step: Step::Review,
            draft: complete_draft(),
            attachment: None,
            decision_note: None,
        }))
    }

    fn upload(&self, file: JsValue) -> Answer<AttachmentInfo> {
        self.uploads.record(file);
        uploaded_pdf()
    }

    fn records(&self) -> Answer<Vec<PickableRecord>> {
        ready(Ok(vec![PickableRecord {
            id: RECORD.into(),
            name: "Sandhills Family Medicine".into(),
            standing: Standing::PrimaryOa,
        }]))
    }

    fn record(&self, _id: String) -> Answer<RecordOverview> {
        ready(Ok(self.overview.borrow().clone()))
    }

    fn draft(&self, _record_id: String) -> Answer<Option<DraftView>> {
        ready(Ok(self.draft.borrow().clone()))
    }

    fn save(&self, _record_id: String, save: SaveDraft) -> Answer<DraftView> {
        self.saves.record(save.clone());
        self.save.or_accept(saved(save.step, save.draft))
    }
}

type Page = MountedWizard<WizardPlace>;

fn at(step: Option<Step>) -> WizardPlace {
    WizardPlace {
        record: Some(RECORD.into()),
        step,
        ..WizardPlace::default()
    }
}

/// A step opened by a Change link on Check your answers.
fn changing(step: Step) -> WizardPlace {
    WizardPlace {
        returning: true,
        ..at(Some(step))
    }
}

impl Page {
    async fn mount(server: ScriptedServer, place: WizardPlace) -> Self {
        Self::at(place, move |place, on_navigate| {
            view! {
                <OaChangeWizard
                    api=Rc::new(server)
                    place
                    applicant=SignedInUser {
                        ncid: "javery1".into(),
                        name: "Jordan Avery".into(),
                        operations_staff: false,
                    }
                    on_navigate
                />
            }
        })
        .await
    }

    fn summary_links(&self) -> Vec<(String, String)> {
        self.all("#error-summary a")
            .into_iter()
            .map(|link| {
                (
                    link.get_attribute("href").unwrap_or_default(),
                    link.text_content().unwrap_or_default(),
                )
            })
            .collect()
    }
}

#[wasm_bindgen_test]
async fn the_step_indicator_says_which_step_of_seven_and_marks_it_current() {
    let page = Page::mount(ScriptedServer::new(organization()), WizardPlace::default()).await;
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 1 of 7: Provider record"
    );
    assert_eq!(page.all(".step-indicator li").len(), 7);
    let current = page.all(".step-indicator [aria-current=step]");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].text_content().unwrap(), "Provider record");
    assert_eq!(page.text_of("h1"), "Provider record");

    page.place().set(at(Some(Step::Backup)));
    settle().await;
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 3 of 7: Backup OA"
    );
    assert_eq!(
        page.text_of(".step-indicator [aria-current=step]"),
        "Backup OA"
    );
    assert_eq!(page.text_of("h1"), "Backup OA");
}

#[wasm_bindgen_test]
async fn step_one_lists_the_records_and_shows_the_one_chosen() {
    let page = Page::mount(ScriptedServer::new(organization()), WizardPlace::default()).await;
    assert_eq!(
        page.text_of("label[for=record-0]"),
        "Sandhills Family Medicine – NPI 1234567893"
    );
    assert_eq!(page.text_of("label[for=record-id]"), "NPI or Atypical ID");
    page.click("#record-0").await;
    assert_eq!(page.place().get_untracked(), at(Some(Step::Record)));
    assert!(page.input("record-0").checked());
    let details = page.text_of(".oa-record");
    assert!(details.contains("Organization"), "{details}");
    assert!(details.contains("Jordan Avery (javery1)"), "{details}");
}

#[wasm_bindgen_test]
async fn continue_with_nothing_chosen_shows_a_focused_summary_linking_to_the_field() {
    let server = ScriptedServer::new(organization());
    let page = Page::mount(server.clone(), WizardPlace::default()).await;
    page.press("Continue").await;
    let summary = page.find("#error-summary").expect("an error summary");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    let message = "Select a provider record, or enter its NPI or Atypical ID";
    assert_eq!(
        page.summary_links(),
        [("#record".to_owned(), message.to_owned())]
    );
    // The same words at the question, which its message describes.
    assert_eq!(page.text_of("#record-error"), format!("Error: {message}"));
    let question = page.find("fieldset#record").unwrap();
    assert_eq!(
        question.get_attribute("aria-describedby").as_deref(),
        Some("record-error")
    );
    assert!(page.find(".form-group--error fieldset#record").is_some());
    assert_eq!(
        page.input("record-0")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    // The NPI box is not what is wrong.
    assert_eq!(page.input("record-id").get_attribute("aria-invalid"), None);
    // The link goes to the record list, not to the NPI box.
    page.click("#error-summary a").await;
    assert_eq!(focused_id().as_deref(), Some("record-0"));
    assert!(server.saves.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn a_typed_npi_with_a_wrong_check_digit_is_explained() {
    let page = Page::mount(ScriptedServer::new(organization()), WizardPlace::default()).await;
    page.type_into("record-id", "1234567894").await;
    page.press("Continue").await;
    let links = page.summary_links();
    assert!(links[0].1.contains("check digit"), "{links:?}");
    // At the box it was typed in.
    assert_eq!(links[0].0, "#record-id");
    assert!(page.text_of("#record-id-error").contains("check digit"));
    let typed = page.input("record-id");
    assert_eq!(typed.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        typed.get_attribute("aria-describedby").as_deref(),
        Some("record-id-hint record-id-error")
    );
    assert!(page.find("#authorization-code").is_some());
}

#[wasm_bindgen_test]
async fn an_ineligible_backup_candidate_is_disabled_with_its_reason() {
    let page = Page::mount(ScriptedServer::new(organization()), at(Some(Step::Backup))).await;
    assert!(!page.input("backup-0").disabled());
    let morgan = page.input("backup-1");
    assert!(morgan.disabled());
    assert_eq!(
        morgan.get_attribute("aria-describedby").as_deref(),
        Some("backup-1-why")
    );
    assert_eq!(page.text_of("#backup-1-why"), "Has adverse findings");
    let text = page.0.text_content().unwrap();
    assert!(text.contains("not promoted automatically"), "{text}");
    assert!(text.contains("receives every communication sent to the primary OA"));
}

#[wasm_bindgen_test]
async fn the_new_primary_cannot_also_be_chosen_as_backup() {
    let server = ScriptedServer::resuming(
        Step::OfficeAdministrator,
        OaChangeDraft {
            primary: PrimaryChoice::New {
                ncid: "clin2".into(),
            },
            ..OaChangeDraft::default()
        },
    );
    let page = Page::mount(server, at(Some(Step::Backup))).await;
    assert!(page.input("backup-0").disabled());
    assert_eq!(
        page.text_of("#backup-0-why"),
        "Is named as the new primary OA in this request"
    );
}

#[wasm_bindgen_test]
async fn a_billing_agent_record_offers_no_backup_and_says_why() {
    let page = Page::mount(ScriptedServer::new(billing_agent()), at(Some(Step::Backup))).await;
    assert!(page.all("input[name=backup]").is_empty());
    let text = page.text_of("#backup-unavailable");
    assert!(
        text.contains("A backup OA is not available for this record"),
        "{text}"
    );
    assert!(
        text.contains("Billing agent records list no managing relationships")
            && !text.contains(Rule::Boa9.id()),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn continue_without_any_change_asks_for_one() {
    let server = ScriptedServer::new(organization());
    let page = Page::mount(server.clone(), at(Some(Step::Backup))).await;
    // Nothing is chosen for the user, although the draft holds "no change".
    for id in ["backup-no-change", "backup-0"] {
        assert!(!page.input(id).checked(), "{id}");
    }
    page.press("Continue").await;
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert_eq!(
        page.summary_links(),
        [(
            "#backup".to_owned(),
            "Select what should happen to the backup OA".to_owned()
        )]
    );
    page.click("#backup-no-change").await;
    page.press("Continue").await;
    assert_eq!(
        page.summary_links(),
        [(
            "#backup".to_owned(),
            "Choose a change: a new primary OA, or a new or removed backup OA".to_owned()
        )]
    );
    assert_eq!(
        page.text_of("#backup-error"),
        "Error: Choose a change: a new primary OA, or a new or removed backup OA"
    );
    assert!(server.saves.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn continue_saves_the_draft_and_opens_the_next_step() {
    let server = ScriptedServer::new(organization());
    let page = Page::mount(server.clone(), at(Some(Step::Backup))).await;
    page.click("#backup-0").await;
    page.press("Continue").await;
    let saves = server.saves.borrow().clone();
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].step, Step::Backup);
    assert_eq!(
        saves[0].draft.backup,
        BackupChoice::Assign {
            ncid: "clin2".into()
        }
    );
    // R-OA-4: the primary stays, so the continued-access question is passed over.
    assert_eq!(page.place().get_untracked(), at(Some(Step::Exclusion)));
    assert!(page.find("#error-summary").is_none());
}

#[wasm_bindgen_test]
async fn a_server_refusal_is_shown_in_the_summary() {
    let server = ScriptedServer::new(organization());
    *server.save.borrow_mut() = Some(ApiError::Validation {
        message: "Check your answers".into(),
        fields: BTreeMap::from([(
            "backup".to_owned(),
            "This person cannot be the backup OA: Has adverse findings".to_owned(),
        )]),
    });
    let page = Page::mount(server.clone(), at(Some(Step::Backup))).await;
    page.click("#backup-0").await;
    page.press("Continue").await;
    assert_eq!(server.saves.borrow().len(), 1);
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert_eq!(
        page.summary_links(),
        [(
            "#backup".to_owned(),
            "This person cannot be the backup OA: Has adverse findings".to_owned()
        )]
    );
    assert_eq!(
        page.text_of("#backup-error"),
        "Error: This person cannot be the backup OA: Has adverse findings"
    );
    assert_eq!(page.place().get_untracked(), at(Some(Step::Backup)));
}

#[wasm_bindgen_test]
async fn a_refused_authorization_code_is_shown_on_its_field() {
    let server = ScriptedServer::new(organization());
    *server.save.borrow_mut() = Some(ApiError::Forbidden(
        "Enter the record's Authorization Code".into(),
    ));
    let page = Page::mount(server, at(Some(Step::Record))).await;
    page.press("Continue").await;
    assert_eq!(
        page.summary_links(),
        [(
            "#authorization-code".to_owned(),
            "Enter the record's Authorization Code".to_owned()
        )]
    );
    assert!(page.find("#authorization-code").is_some());
}

#[wasm_bindgen_test]
async fn a_saved_draft_resumes_after_its_last_step() {
    let server = ScriptedServer::resuming(Step::OfficeAdministrator, OaChangeDraft::default());
    let page = Page::mount(server, at(None)).await;
    assert_eq!(page.place().get_untracked(), at(Some(Step::Backup)));
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 3 of 7: Backup OA"
    );
}

#[wasm_bindgen_test]
async fn step_two_offers_keep_or_an_eligible_new_primary() {
    let mut overview = organization();
    overview.candidates[1].as_new_primary = Some(Ineligibility::InactiveListing);
    let page = Page::mount(
        ScriptedServer::new(overview),
        at(Some(Step::OfficeAdministrator)),
    )
    .await;
    // Nothing is chosen for the user, although the draft holds "keep".
    assert!(!page.input("primary-keep").checked());
    assert!(!page.input("primary-0").checked());
    page.press("Continue").await;
    assert_eq!(
        page.summary_links(),
        [(
            "#primary".to_owned(),
            "Select whether to keep the primary OA or who should be the new primary OA".to_owned()
        )]
    );
    page.click("#primary-keep").await;
    assert!(page.input("primary-keep").checked());
    assert_eq!(
        page.text_of("label[for=primary-0]"),
        "Casey Lin (Managing employee)"
    );
    assert!(page.input("primary-1").disabled());
    assert_eq!(
        page.text_of("#primary-1-why"),
        "Listing on the record is not active"
    );
}

#[wasm_bindgen_test]
async fn continued_access_is_asked_when_the_primary_changes_and_saved() {
    let server = ScriptedServer::resuming(
        Step::Backup,
        OaChangeDraft {
            primary: PrimaryChoice::New {
                ncid: "clin2".into(),
            },
            ..OaChangeDraft::default()
        },
    );
    let page = Page::mount(server.clone(), at(Some(Step::ContinuedAccess))).await;
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 4 of 7: Continued access"
    );
    assert!(page.find(".step-indicator__step--skipped").is_none());
    page.press("Continue").await;
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert_eq!(
        page.summary_links(),
        [(
            "#continued-access".to_owned(),
            "Say whether the record's users keep their access under the new OA".to_owned()
        )]
    );
    assert!(server.saves.borrow().is_empty());
    page.click("#continued-access-no").await;
    page.press("Continue").await;
    let saves = server.saves.borrow().clone();
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].step, Step::ContinuedAccess);
    assert_eq!(saves[0].draft.continued_access, Some(false));
    assert_eq!(page.place().get_untracked(), at(Some(Step::Exclusion)));
}

#[wasm_bindgen_test]
async fn continued_access_is_passed_over_when_the_primary_stays() {
    let server = ScriptedServer::resuming(
        Step::Backup,
        OaChangeDraft {
            backup: BackupChoice::Assign {
                ncid: "clin2".into(),
            },
            ..OaChangeDraft::default()
        },
    );
    let page = Page::mount(server.clone(), at(Some(Step::Backup))).await;
    // The step indicator says the step is not needed.
    let skipped = page.all(".step-indicator__step--skipped");
    assert_eq!(skipped.len(), 1);
    assert_eq!(
        skipped[0].text_content().unwrap(),
        "Continued access (not needed)"
    );
    // The saved answer is the user's: it is shown chosen.
    assert!(page.input("backup-0").checked());
    page.press("Continue").await;
    assert_eq!(server.saves.borrow().len(), 1);
    assert_eq!(server.saves.borrow()[0].draft.continued_access, None);
    assert_eq!(page.place().get_untracked(), at(Some(Step::Exclusion)));
    // Back passes over it too.
    assert_eq!(
        page.find(".back-link")
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/oa-change?record=1234567893&step=3")
    );
}

/// Puts a small PDF in the file input, as choosing one in the browser's dialog would.
fn choose_file(input: &HtmlElement) {
    let put = js_sys::Function::new_with_args(
        "input",
        "const transfer = new DataTransfer(); \
         transfer.items.add(new File(['%PDF-1.4'], 'explanation.pdf', {type: 'application/pdf'})); \
         input.files = transfer.files; \
         input.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    put.call1(&JsValue::NULL, input).unwrap();
}

fn no_change_draft() -> OaChangeDraft {
    OaChangeDraft {
        backup: BackupChoice::Assign {
            ncid: "clin2".into(),
        },
        ..OaChangeDraft::default()
    }
}

#[wasm_bindgen_test]
async fn every_exclusion_question_must_be_answered() {
    let server = ScriptedServer::resuming(Step::ContinuedAccess, no_change_draft());
    let page = Page::mount(server.clone(), at(Some(Step::Exclusion))).await;
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 5 of 7: Exclusion and sanction questions"
    );
    page.press("Continue").await;
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert_eq!(
        page.summary_targets(),
        [
            "#exclusion-excluded",
            "#exclusion-sanctioned",
            "#exclusion-convicted"
        ]
    );
    // Each question its own words, at the question as in the summary.
    let messages: Vec<String> = page
        .summary_links()
        .into_iter()
        .map(|(_, message)| message)
        .collect();
    assert!(messages[0].starts_with("Select yes if anyone has ever been excluded"));
    assert!(messages[1].contains("license, certification or registration"));
    assert!(messages[2].contains("convicted"));
    for (field, message) in ["excluded", "sanctioned", "convicted"]
        .iter()
        .zip(&messages)
    {
        assert_eq!(
            page.text_of(&format!("#exclusion-{field}-error")),
            format!("Error: {message}")
        );
        assert_eq!(
            page.input(&format!("exclusion-{field}-no"))
                .get_attribute("aria-invalid")
                .as_deref(),
            Some("true")
        );
    }
    for id in [
        "exclusion-excluded-no",
        "exclusion-sanctioned-no",
        "exclusion-convicted-no",
    ] {
        page.click(&format!("#{id}")).await;
    }
    assert!(page.find("#exclusion-explanation").is_none());
    page.press("Continue").await;
    let saves = server.saves.borrow().clone();
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].step, Step::Exclusion);
    assert_eq!(saves[0].draft.exclusion.convicted, Some(false));
    assert_eq!(page.place().get_untracked(), at(Some(Step::Review)));
}

#[wasm_bindgen_test]
async fn a_yes_answer_needs_an_uploaded_explanation() {
    let server = ScriptedServer::resuming(Step::ContinuedAccess, no_change_draft());
    let page = Page::mount(server.clone(), at(Some(Step::Exclusion))).await;
    page.click("#exclusion-excluded-yes").await;
    page.click("#exclusion-sanctioned-no").await;
    page.click("#exclusion-convicted-no").await;
    assert_eq!(
        page.text_of("label[for=exclusion-explanation]"),
        "Upload a signed and dated explanation of every Yes answer"
    );
    page.press("Continue").await;
    assert_eq!(
        page.summary_links(),
        [(
            "#exclusion-explanation".to_owned(),
            "Upload a signed and dated explanation of every Yes answer".to_owned()
        )]
    );
    assert!(server.saves.borrow().is_empty());
    choose_file(&page.find("#exclusion-explanation").unwrap());
    settle().await;
    assert_eq!(server.uploads.borrow().len(), 1);
    assert_eq!(
        page.text_of("#exclusion-explanation-status"),
        "Uploaded: application/pdf document, 1 KB"
    );
    page.press("Continue").await;
    let saves = server.saves.borrow().clone();
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].draft.exclusion.explanation, Some(42));
    assert_eq!(page.place().get_untracked(), at(Some(Step::Review)));
}

fn complete_draft() -> OaChangeDraft {
    let mut draft = no_change_draft();
    draft.exclusion.excluded = Some(false);
    draft.exclusion.sanctioned = Some(false);
    draft.exclusion.convicted = Some(false);
    draft
}

#[wasm_bindgen_test]
async fn check_your_answers_lists_them_with_change_links() {
    let server = ScriptedServer::resuming(Step::Exclusion, complete_draft());
    let page = Page::mount(server.clone(), at(Some(Step::Review))).await;
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 6 of 7: Check your answers"
    );
    let text = page.text_of(".summary-list");
    assert!(text.contains("New backup OA: Casey Lin (clin2)"), "{text}");
    assert!(
        text.contains("Keep the current primary OA: Jordan Avery (javery1)"),
        "{text}"
    );
    let change = page.find(".summary-list__row:nth-child(3) a").unwrap();
    assert_eq!(
        change.get_attribute("href").as_deref(),
        Some("/oa-change?record=1234567893&step=3&return=review")
    );
    page.click(".summary-list__row:nth-child(3) a").await;
    assert_eq!(page.place().get_untracked(), changing(Step::Backup));
    page.place().set(at(Some(Step::Review)));
    settle().await;
    page.press("Continue").await;
    assert_eq!(server.saves.borrow()[0].step, Step::Review);
    assert_eq!(page.place().get_untracked(), at(Some(Step::Sign)));
}

#[wasm_bindgen_test]
async fn signing_needs_the_attestation_and_the_pin() {
    let server = ScriptedServer::resuming(Step::Review, complete_draft());
    let page = Page::mount(server.clone(), at(Some(Step::Sign))).await;
    assert_eq!(
        page.text_of(".step-indicator__text"),
        "Step 7 of 7: Sign and submit"
    );
    page.press("Sign and submit").await;
    assert_eq!(focused_id().as_deref(), Some("error-summary"));
    assert_eq!(page.summary_targets(), ["#attestation", "#pin"]);
    // Each at its field, which it describes.
    assert!(page.text_of("#attestation-error").starts_with("Error: "));
    assert!(page.text_of("#pin-error").starts_with("Error: "));
    assert_eq!(
        page.input("pin")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("pin-hint pin-error")
    );
    assert_eq!(
        page.input("attestation")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(server.submits.borrow().is_empty());
}

async fn sign(page: &Page) {
    page.click("#attestation").await;
    page.type_into("pin", "4321").await;
    page.press("Sign and submit").await;
}

#[wasm_bindgen_test]
async fn a_signed_request_shows_its_tracking_number() {
    let server = ScriptedServer::resuming(Step::Review, complete_draft());
    let page = Page::mount(server.clone(), at(Some(Step::Sign))).await;
    sign(&page).await;
    let submits = server.submits.borrow().clone();
    assert_eq!(
        submits,
        [SubmitRequest {
            attestation: true,
            pin: "4321".into()
        }]
    );
    assert_eq!(page.text_of(".tracking-number"), "OAC-20250314-000007");
    assert_eq!(focused_id().as_deref(), Some("oa-change-confirmation"));
    // The URL names the request, so that a reload shows the confirmation again.
    assert_eq!(
        page.place().get_untracked(),
        WizardPlace {
            submitted: Some(7),
            ..at(Some(Step::Sign))
        }
    );
    // A page of its own: the panel is the heading, then what was asked, who signed and when.
    assert_eq!(page.text_of(".panel h1"), "OA Change Request submitted");
    assert!(page.find(".step-indicator").is_none());
    assert_eq!(page.all("h1").len(), 1);
    let text = page.text_of("#oa-change-confirmation");
    assert!(text.contains("What happens next"), "{text}");
    assert!(text.contains("New backup OA: Casey Lin (clin2)"), "{text}");
    assert!(text.contains("Sandhills Family Medicine"), "{text}");
    assert!(
        text.contains("Signed electronically by Jordan Avery (javery1) on"),
        "{text}"
    );
    assert!(page.find("#pin").is_none());
    assert!(page.find(".summary-list a").is_none(), "no Change links");
}

#[wasm_bindgen_test]
async fn a_wrong_pin_is_shown_on_the_pin_field() {
    let server = ScriptedServer::resuming(Step::Review, complete_draft());
    *server.submit.borrow_mut() = Some(ApiError::Forbidden("The PIN is not correct".into()));
    let page = Page::mount(server.clone(), at(Some(Step::Sign))).await;
    sign(&page).await;
    assert_eq!(
        page.summary_links(),
        [("#pin".to_owned(), "The PIN is not correct".to_owned())]
    );
    assert_eq!(page.input("pin").value(), "");
}

#[wasm_bindgen_test]
async fn continue_on_a_step_opened_from_check_your_answers_goes_back_there() {
    let server = ScriptedServer::resuming(Step::Exclusion, complete_draft());
    let page = Page::mount(server.clone(), at(Some(Step::Review))).await;
    page.click(".summary-list__row:nth-child(3) a").await;
    assert_eq!(page.place().get_untracked(), changing(Step::Backup));
    assert_eq!(page.text_of("h1"), "Backup OA");
    // Back also leads to the review, not to the step before.
    assert_eq!(
        page.find(".back-link")
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/oa-change?record=1234567893&step=6")
    );
    page.click("#backup-0").await;
    page.press("Continue").await;
    let saves = server.saves.borrow().clone();
    assert_eq!(saves.len(), 1, "the change is saved first");
    assert_eq!(saves[0].step, Step::Backup);
    assert_eq!(page.place().get_untracked(), at(Some(Step::Review)));
    assert_eq!(page.text_of("h1"), "Check your answers");
}

#[wasm_bindgen_test]
async fn a_change_that_needs_a_later_answer_opens_that_step_first() {
    let server = ScriptedServer::resuming(Step::Exclusion, complete_draft());
    let page = Page::mount(server.clone(), changing(Step::OfficeAdministrator)).await;
    // Morgan Reyes as the new primary; Casey Lin stays the new backup.
    page.click("#primary-1").await;
    page.press("Continue").await;
    // R-OA-4: a new primary OA asks whether the users keep their access.
    assert_eq!(
        page.place().get_untracked(),
        changing(Step::ContinuedAccess)
    );
    page.click("#continued-access-yes").await;
    page.press("Continue").await;
    assert_eq!(page.place().get_untracked(), at(Some(Step::Review)));
    assert_eq!(server.saves.borrow().len(), 2);
}

#[wasm_bindgen_test]
async fn the_confirmation_is_shown_again_from_the_address_after_a_reload() {
    let server = ScriptedServer::new(organization());
    let page = Page::mount(
        server.clone(),
        WizardPlace {
            submitted: Some(31),
            ..at(Some(Step::Sign))
        },
    )
    .await;
    assert_eq!(*server.opened.borrow(), [31]);
    assert!(page.find(".back-link").is_none());
    assert_eq!(page.text_of(".tracking-number"), "OAC-20250314-000031");
    let text = page.text_of("#oa-change-confirmation");
    assert!(text.contains("OA Change Request submitted"), "{text}");
    assert!(text.contains("What happens next"), "{text}");
    assert!(
        text.contains("Signed electronically by Jordan Avery (javery1) on March 14, 2025."),
        "{text}"
    );
    // The request as the server has it, people by name from the record.
    assert!(text.contains("New backup OA: Casey Lin (clin2)"), "{text}");
    assert!(page.find("#pin").is_none());
    assert!(page
        .all("button")
        .iter()
        .any(|button| button.text_content().as_deref() == Some("Print this page")));
    assert!(!page
        .all("button")
        .iter()
        .any(|button| button.text_content().as_deref() == Some("Sign and submit")));
}

#[wasm_bindgen_test]
async fn starting_again_for_a_record_with_a_draft_offers_to_resume_it() {
    let server = ScriptedServer::resuming(Step::Backup, no_change_draft());
    let page = Page::mount(server, WizardPlace::default()).await;
    assert!(page.find("#resume-offer").is_none());
    page.click("#record-0").await;
    let offer = page.text_of("#resume-offer");
    assert!(
        offer.contains("You have already started a request for this record"),
        "{offer}"
    );
    assert!(offer.contains("March 14, 2025"), "{offer}");
    // R-OA-4: the draft keeps the primary, so continued access is passed over.
    assert!(offer.contains("step 5 of 7"), "{offer}");
    page.click("#resume-offer a").await;
    assert_eq!(page.place().get_untracked(), at(Some(Step::Exclusion)));
}

#[wasm_bindgen_test]
async fn a_record_without_an_active_primary_does_not_offer_to_keep_one() {
    let mut overview = organization();
    overview.has_active_primary_oa = false;
    if let Some(primary) = overview.primary_oa.as_mut() {
        primary.end_date = Some(CalendarDate::new(2025, 1, 31).unwrap());
    }
    let page = Page::mount(
        ScriptedServer::new(overview),
        at(Some(Step::OfficeAdministrator)),
    )
    .await;
    // R-BOA-8: there is none to keep; naming nobody says what it leaves.
    assert_eq!(
        page.text_of("label[for=primary-keep]"),
        "Do not name a primary OA in this request"
    );
    let hint = page.text_of("#primary-hint");
    assert!(hint.contains("No active primary OA since"), "{hint}");
    assert!(
        hint.contains("does not become the primary OA automatically"),
        "{hint}"
    );
    assert!(page.find("#primary-0").is_some());
}

#[wasm_bindgen_test]
async fn going_back_to_step_one_of_the_draft_in_hand_offers_nothing() {
    let server = ScriptedServer::resuming(Step::Backup, no_change_draft());
    let page = Page::mount(server, at(Some(Step::ContinuedAccess))).await;
    page.place().set(at(Some(Step::Record)));
    settle().await;
    assert_eq!(page.text_of("h1"), "Provider record");
    assert!(page.find("#resume-offer").is_none());
}

#[wasm_bindgen_test]
async fn a_typed_record_says_its_details_follow_the_authorization_code() {
    let page = Page::mount(ScriptedServer::new(organization()), WizardPlace::default()).await;
    page.type_into("record-id", "2044707588").await;
    let hint = page.text_of("#authorization-code-hint");
    assert!(
        hint.contains("The record's details appear once the code is accepted"),
        "{hint}"
    );
}

#[wasm_bindgen_test]
async fn a_returned_request_says_so_with_the_reviewers_note_until_it_is_submitted_again() {
    let server = ScriptedServer::new(organization());
    let tracking = TrackingNumber::new(submitted_on(), 7);
    let mut returned = saved(Step::Review, complete_draft());
    returned.returned = Some(ReturnedRequest {
        tracking_number: tracking.clone(),
        note: Some("Name Casey Lin instead".into()),
    });
    *server.draft.borrow_mut() = Some(returned);
    let page = Page::mount(server.clone(), at(Some(Step::Sign))).await;
    let notice = page.text_of("#returned-notice");
    assert!(
        notice.contains("This request was returned for correction"),
        "{notice}"
    );
    assert!(notice.contains(&tracking.0), "{notice}");
    assert_eq!(page.text_of(".returned-note"), "Name Casey Lin instead");

    // Submitted again: the confirmation replaces the notice.
    sign(&page).await;
    assert_eq!(page.text_of(".tracking-number"), tracking.0);
    assert!(page.find("#returned-notice").is_none());

    // A plain draft has no such notice.
    let draft = ScriptedServer::resuming(Step::Review, complete_draft());
    let page = Page::mount(draft, at(Some(Step::Sign))).await;
    assert!(page.find("#returned-notice").is_none());
}
