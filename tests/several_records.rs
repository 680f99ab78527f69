//! One backup OA for several records in a real browser (R-MANY-1..3): the records that can
//! and cannot be picked, select all, the error summary, resuming a saved set, the person judged
//! per record and records dropped from the set, copying answers and undoing it, and the
//! confirmation per record, with the server's answers supplied by the test.

use crate::support::{focused_id, ready, settle, uploaded_pdf, MountedWizard, Received, Reply};
use contract::application::{AttachmentInfo, ExclusionAnswers, SubmitRequest, TrackingNumber};
use contract::auth::SignedInUser;
use contract::date::CalendarDate;
use contract::oa_change::{Candidate, RecordOverview};
use contract::records::{
    AdministeredRecord, HomeSummary, OaRole, OfficeAdministrator, Program, RecordKind, Relationship,
};
use contract::several_records::{
    JudgeBackup, Outcome, RecordAnswers, RecordOutcome, RecordVerdict, SaveSet, SetStep, SetView,
    SeveralRecordsDraft, Verdict,
};
use contract::Rule;
use leptos::prelude::*;
use provider_portal::api::several_records::SeveralRecordsApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::SeveralRecordsFlow;
use provider_portal::state::several_records::{SeveralPlace, SeveralStep};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const AVERY: &str = "2044707588";
const COASTAL: &str = "2137914794";
const AGENT: &str = "2059028110";

fn record(id: &str, name: &str, kind: RecordKind, my_role: OaRole) -> AdministeredRecord {
    AdministeredRecord {
        id: id.into(),
        name: name.into(),
        kind,
        programs: vec![Program::Medicaid],
        my_role,
        primary_oa: Some(OfficeAdministrator {
            ncid: "javery1".into(),
            name: "Jordan Avery".into(),
            end_date: None,
        }),
        has_active_primary_oa: true,
        backup_oa: None,
    }
}

fn my_records() -> Vec<AdministeredRecord> {
    vec![
        record(
            AGENT,
            "Avery Billing Services LLC",
            RecordKind::BillingAgent,
            OaRole::Primary,
        ),
        record(
            AVERY,
            "Avery Family Practice, PLLC",
            RecordKind::Organization,
            OaRole::Primary,
        ),
        record(
            COASTAL,
            "Coastal Plain Surgical Associates",
            RecordKind::Organization,
            OaRole::Backup,
        ),
    ]
}

fn overview(id: &str) -> RecordOverview {
    RecordOverview {
        id: id.into(),
        name: id.into(),
        kind: RecordKind::Organization,
        programs: vec![Program::Medicaid],
        primary_oa: None,
        has_active_primary_oa: true,
        backup_oa: None,
        backup_unavailable: None,
        candidates: ["Casey Lin:clin2", "Jordan Avery:javery1"]
            .map(|person| {
                let (name, ncid) = person.split_once(':').unwrap();
                Candidate {
                    name: name.into(),
                    relationship: Relationship::ManagingEmployee,
                    ncid: Some(ncid.into()),
                    as_backup: None,
                    as_new_primary: None,
                }
            })
            .to_vec(),
        needs_authorization_code: false,
    }
}

fn today() -> CalendarDate {
    CalendarDate::new(2026, 5, 20).unwrap()
}

fn set(step: SetStep, ids: &[&str], backup: &str) -> SetView {
    SetView {
        step,
        draft: SeveralRecordsDraft {
            records: ids
                .iter()
                .map(|id| RecordAnswers {
                    record_id: (*id).into(),
                    exclusion: ExclusionAnswers::default(),
                })
                .collect(),
            backup_ncid: backup.into(),
        },
        updated: today(),
        outcomes: None,
    }
}

/// The server's answers, chosen by each test; the requests it received, for the asserts.
#[derive(Clone, Default)]
struct ScriptedServer {
    prepared: Reply<Option<SetView>>,
    verdicts: Reply<Vec<RecordVerdict>>,
    judged: Received<JudgeBackup>,
    saves: Received<SaveSet>,
    submits: Received<SubmitRequest>,
    outcomes: Reply<Vec<RecordOutcome>>,
}

impl SeveralRecordsApi for ScriptedServer {
    fn records(&self) -> Answer<HomeSummary> {
        ready(Ok(HomeSummary {
            records: my_records(),
        }))
    }

    fn record(&self, id: String) -> Answer<RecordOverview> {
        ready(Ok(overview(&id)))
    }

    fn prepared(&self) -> Answer<Option<SetView>> {
        ready(Ok(self.prepared.borrow().clone()))
    }

    fn judge(&self, asked: JudgeBackup) -> Answer<Vec<RecordVerdict>> {
        self.judged.record(asked);
        ready(Ok(self.verdicts.borrow().clone()))
    }

    fn save(&self, save: SaveSet) -> Answer<SetView> {
        self.saves.record(save.clone());
        ready(Ok(SetView {
            step: save.step,
            draft: save.draft,
            updated: today(),
            outcomes: None,
        }))
    }

    fn upload(&self, _file: JsValue) -> Answer<AttachmentInfo> {
        uploaded_pdf()
    }

    fn submit(&self, signature: SubmitRequest) -> Answer<Vec<RecordOutcome>> {
        self.submits.record(signature);
        let outcomes = self.outcomes.borrow().clone();
        if outcomes.is_empty() {
            return ready(Err(ApiError::Server));
        }
        ready(Ok(outcomes))
    }
}

type Page = MountedWizard<SeveralPlace>;

async fn mount(server: ScriptedServer, place: SeveralPlace) -> Page {
    Page::at(place, move |place, on_navigate| {
        view! {
            <SeveralRecordsFlow
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

fn checked(page: &Page, id: &str) -> bool {
    page.input(id).checked()
}

#[wasm_bindgen_test]
async fn step_one_lists_the_records_locks_those_without_a_backup_and_selects_all() {
    let server = ScriptedServer::default();
    let page = mount(server.clone(), SeveralPlace::default()).await;
    assert!(page.text().contains("Step 1 of 5: Provider records"));
    // R-BOA-9: the billing agent is listed with why, and has no checkbox.
    page.assert_says(
        ".several-locked",
        &["Avery Billing Services LLC", "Billing agent records"],
    );
    let labels = page.texts("fieldset#records label");
    assert_eq!(
        labels,
        [
            "Select all 2 records",
            "Avery Family Practice, PLLC – NPI 2044707588",
            "Coastal Plain Surgical Associates – NPI 2137914794"
        ]
    );
    // Nothing is chosen in advance; Continue says so, focused, linking to the question.
    assert!(!checked(&page, "records-all"));
    page.press("Continue").await;
    assert_eq!(
        page.error_summary(),
        ["Select at least one provider record"]
    );
    assert_eq!(page.summary_targets(), ["#records"]);
    assert_eq!(focused_id().as_deref(), Some("error-summary"));

    page.click("#records-pick-1").await;
    assert!(page.input("records-all").indeterminate());
    assert!(page.text().contains("1 record selected"));
    page.click("#records-all").await;
    assert!(checked(&page, "records-pick-0") && checked(&page, "records-pick-1"));
    page.press("Continue").await;
    let saves = server.saves.borrow();
    assert_eq!(saves[0].step, SetStep::Records);
    let ids: Vec<&str> = saves[0]
        .draft
        .records
        .iter()
        .map(|r| r.record_id.as_str())
        .collect();
    assert_eq!(ids, [AVERY, COASTAL]);
    assert_eq!(
        page.place().get_untracked(),
        SeveralPlace::at(SeveralStep::Backup)
    );
}

#[wasm_bindgen_test]
async fn a_saved_set_resumes_after_its_last_step() {
    let server = ScriptedServer::default();
    *server.prepared.borrow_mut() = Some(set(SetStep::Backup, &[AVERY, COASTAL], "clin2"));
    let page = mount(server, SeveralPlace::default()).await;
    assert_eq!(
        page.place().get_untracked(),
        SeveralPlace::at(SeveralStep::Exclusion)
    );
    settle().await;
    assert!(page
        .text()
        .contains("Step 3 of 5: Exclusion and sanction questions"));
    assert!(page.find("#records-1-exclusion-excluded-no").is_some());
}

#[wasm_bindgen_test]
async fn the_person_is_judged_per_record_and_records_can_be_dropped() {
    let server = ScriptedServer::default();
    *server.prepared.borrow_mut() = Some(set(SetStep::Records, &[AVERY, COASTAL], ""));
    *server.verdicts.borrow_mut() = vec![
        RecordVerdict {
            record_id: AVERY.into(),
            record_name: "Avery Family Practice, PLLC".into(),
            verdict: Verdict::Eligible,
        },
        RecordVerdict {
            record_id: COASTAL.into(),
            record_name: "Coastal Plain Surgical Associates".into(),
            verdict: Verdict::Ineligible {
                rule: Rule::Boa2,
                reason: "Has adverse findings".into(),
            },
        },
    ];
    let page = mount(server.clone(), SeveralPlace::at(SeveralStep::Backup)).await;
    // The people listed on the picked records, without the applicant; none chosen.
    assert_eq!(
        page.texts("fieldset#backup-ncid label"),
        ["Casey Lin (clin2)"]
    );
    assert!(!checked(&page, "backup-ncid-0"));
    page.click("#backup-ncid-0").await;
    assert_eq!(server.judged.borrow()[0].ncid, "clin2");
    page.assert_says(
        ".verdicts",
        &[
            "Can be named backup OA",
            "Cannot be named backup OA: Has adverse findings",
        ],
    );
    // No rule id reaches the screen.
    assert!(!page.text().contains("R-BOA"));

    page.press("Continue").await;
    assert_eq!(
        page.error_summary(),
        ["Coastal Plain Surgical Associates: Cannot be named backup OA: Has adverse findings"]
    );
    assert_eq!(page.summary_targets(), ["#records-1"]);
    assert!(page
        .text_of("#records-1-error")
        .contains("Remove this record from the set"));
    assert!(page.find("#records-0-error").is_none());
    assert!(server.saves.borrow().is_empty());

    page.press("Remove the record where Casey Lin (clin2) cannot be named")
        .await;
    assert!(page
        .text()
        .contains("Removed from the set: Coastal Plain Surgical Associates."));
    assert!(page.error_summary().is_empty());
    page.press("Continue").await;
    let saves = server.saves.borrow();
    assert_eq!(saves[0].step, SetStep::Backup);
    assert_eq!(saves[0].draft.backup_ncid, "clin2");
    assert_eq!(saves[0].draft.records.len(), 1);
}

#[wasm_bindgen_test]
async fn taking_the_last_record_out_says_so_and_leads_back_to_the_records() {
    let server = ScriptedServer::default();
    *server.prepared.borrow_mut() = Some(set(SetStep::Records, &[AVERY], "clin2"));
    *server.verdicts.borrow_mut() = vec![RecordVerdict {
        record_id: AVERY.into(),
        record_name: "Avery Family Practice, PLLC".into(),
        verdict: Verdict::Eligible,
    }];
    let page = mount(server.clone(), SeveralPlace::at(SeveralStep::Backup)).await;
    page.press("Remove from the set: Avery Family Practice, PLLC")
        .await;
    assert!(page.text().contains("No records left in the set"));
    page.press("Continue").await;
    assert_eq!(
        page.error_summary(),
        ["Select at least one provider record"]
    );
    // The summary's link lands on the way back to step 1, on this page.
    assert_eq!(page.summary_targets(), ["#records"]);
    assert!(page.find("a#records").is_some());
    assert!(server.saves.borrow().is_empty());
}

#[wasm_bindgen_test]
async fn the_first_records_answers_are_copied_visibly_and_the_copy_undone() {
    let server = ScriptedServer::default();
    *server.prepared.borrow_mut() = Some(set(SetStep::Backup, &[AVERY, COASTAL], "clin2"));
    let page = mount(server.clone(), SeveralPlace::at(SeveralStep::Exclusion)).await;
    page.press("Use the same answers for all the records").await;
    assert_eq!(page.summary_targets(), ["#records-0-exclusion-excluded"]);
    for question in ["excluded", "sanctioned", "convicted"] {
        page.click(&format!("#records-0-exclusion-{question}-no"))
            .await;
    }
    page.press("Use the same answers for all the records").await;
    assert!(page.text().contains("were copied to the other record"));
    assert!(checked(&page, "records-1-exclusion-convicted-no"));
    page.press("Undo the copy").await;
    assert!(page.text().contains("The copy was undone"));
    assert!(!checked(&page, "records-1-exclusion-convicted-no"));
    assert!(checked(&page, "records-0-exclusion-convicted-no"));

    page.press("Continue").await;
    let lines = page.error_summary();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(page.summary_targets()[0].starts_with("#records-1-exclusion-"));
    // A Yes asks that record, and only that one, for its explanation document.
    page.click("#records-1-exclusion-excluded-yes").await;
    assert!(page.find("#records-1-exclusion-explanation").is_some());
    assert!(page.find("#records-0-exclusion-explanation").is_none());
}

#[wasm_bindgen_test]
async fn one_signature_files_each_record_and_the_confirmation_says_what_became_of_each() {
    let server = ScriptedServer::default();
    let mut prepared = set(SetStep::Review, &[AVERY, COASTAL], "clin2");
    for record in &mut prepared.draft.records {
        record.exclusion = ExclusionAnswers::no_to_every_question();
    }
    *server.prepared.borrow_mut() = Some(prepared);
    *server.outcomes.borrow_mut() = vec![
        RecordOutcome {
            record_id: AVERY.into(),
            record_name: "Avery Family Practice, PLLC".into(),
            outcome: Outcome::Filed {
                id: 11,
                tracking_number: TrackingNumber::new(today(), 11),
            },
        },
        RecordOutcome {
            record_id: COASTAL.into(),
            record_name: "Coastal Plain Surgical Associates".into(),
            outcome: Outcome::NotFiled {
                rule: Some(Rule::Oa5),
                reason: "A request for this record is pending".into(),
            },
        },
    ];
    // Check your answers: each record's Change links name the record for screen readers.
    let page = mount(server.clone(), SeveralPlace::at(SeveralStep::Review)).await;
    settle().await;
    let change_links = page.texts(".summary-list a");
    assert!(change_links
        .iter()
        .any(|link| link.ends_with("for Coastal Plain Surgical Associates")));
    assert!(change_links
        .iter()
        .all(|link| link.contains(" for Avery Family Practice, PLLC")
            || link.contains(" for Coastal Plain Surgical Associates")));
    drop(page);

    let page = mount(server.clone(), SeveralPlace::at(SeveralStep::Sign)).await;
    page.assert_says(
        ".wizard__form",
        &[
            "Avery Family Practice, PLLC – NPI 2044707588",
            "Coastal Plain Surgical Associates",
        ],
    );
    page.press("Sign and submit").await;
    assert_eq!(page.summary_targets(), ["#attestation", "#pin"]);
    assert!(server.submits.borrow().is_empty());

    page.click("#attestation").await;
    page.type_into("pin", "2468").await;
    page.press("Sign and submit").await;
    assert_eq!(server.submits.borrow()[0].pin, "2468");
    assert!(page.place().get_untracked().submitted);
    settle().await;
    assert!(page.text().contains("1 of 2 requests filed"));
    assert_eq!(
        page.texts(".tracking-number"),
        [TrackingNumber::new(today(), 11).to_string()]
    );
    page.assert_says(
        ".several-outcomes",
        &[
            "Not filed.",
            "A request for this record is pending",
            "withdraw it in My applications",
        ],
    );

    // Another set starts empty: nothing of the submitted one is chosen in advance.
    page.click(".confirmation a[href='/oa-change/several?step=1']")
        .await;
    assert_eq!(
        page.place().get_untracked(),
        SeveralPlace::at(SeveralStep::Records)
    );
    assert!(page.text().contains("Step 1 of 5: Provider records"));
    assert!(!checked(&page, "records-pick-0") && !checked(&page, "records-pick-1"));
}

#[wasm_bindgen_test]
async fn with_nothing_filed_the_confirmation_promises_no_review() {
    let server = ScriptedServer::default();
    let mut prepared = set(SetStep::Review, &[AVERY], "clin2");
    prepared.draft.records[0].exclusion = ExclusionAnswers::no_to_every_question();
    *server.prepared.borrow_mut() = Some(prepared);
    *server.outcomes.borrow_mut() = vec![RecordOutcome {
        record_id: AVERY.into(),
        record_name: "Avery Family Practice, PLLC".into(),
        outcome: Outcome::NotFiled {
            rule: Some(Rule::Oa5),
            reason: "A request for this record is pending".into(),
        },
    }];
    let page = mount(server, SeveralPlace::at(SeveralStep::Sign)).await;
    page.click("#attestation").await;
    page.type_into("pin", "2468").await;
    page.press("Sign and submit").await;
    settle().await;
    assert!(page.text().contains("No OA Change Request was filed"));
    assert!(page.text().contains("Nothing has changed on these records"));
    assert!(!page.text().contains("Keep the tracking numbers"));
}
