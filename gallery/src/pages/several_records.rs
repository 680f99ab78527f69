//! One backup OA for several records: the records with those that cannot have a backup, the
//! person judged record by record, the answers per record, check your answers, the signature
//! and the confirmation of each record's request.

use super::{avery_overview, day, javery_records, laid_out, AVERY};
use crate::catalogue::State;
use crate::fixed::{offline, uploaded_pdf, Fixed};
use contract::application::{AttachmentInfo, ExclusionAnswers, SubmitRequest, TrackingNumber};
use contract::oa_change::RecordOverview;
use contract::records::HomeSummary;
use contract::several_records::{
    JudgeBackup, Outcome, RecordAnswers, RecordOutcome, RecordVerdict, SaveSet, SetStep, SetView,
    SeveralRecordsDraft, Verdict,
};
use contract::Rule;
use leptos::prelude::*;
use provider_portal::api::several_records::SeveralRecordsApi;
use provider_portal::api::Answer;
use provider_portal::pages::SeveralRecordsFlow;
use provider_portal::state::several_records::{SeveralPlace, SeveralStep};
use std::rc::Rc;
use wasm_bindgen::JsValue;

const COASTAL: &str = "1851390421";
const JORDAN_AVERY_MD: &str = "1376549820";

/// Avery Family Practice and Coastal Plain Surgical Associates, Casey Lin as backup; the
/// answers given up to `answered`.
fn prepared(answered: bool) -> SeveralRecordsDraft {
    let answers = |record_id: &str| RecordAnswers {
        record_id: record_id.into(),
        exclusion: if answered {
            ExclusionAnswers::no_to_every_question()
        } else {
            ExclusionAnswers::default()
        },
    };
    SeveralRecordsDraft {
        records: vec![answers(AVERY), answers(COASTAL)],
        backup_ncid: "clin2".into(),
    }
}

fn verdicts() -> Vec<RecordVerdict> {
    let verdict = |record_id: &str, record_name: &str, verdict| RecordVerdict {
        record_id: record_id.into(),
        record_name: record_name.into(),
        verdict,
    };
    vec![
        verdict(AVERY, "Avery Family Practice, PLLC", Verdict::Eligible),
        verdict(
            COASTAL,
            "Coastal Plain Surgical Associates",
            Verdict::Eligible,
        ),
        verdict(JORDAN_AVERY_MD, "Jordan Avery, MD", Verdict::AlreadyBackup),
        verdict(
            "2956351383",
            "Triangle Pediatrics Group",
            Verdict::Ineligible {
                rule: Rule::Boa2,
                reason: "Casey Lin is not listed as an owner or managing employee of this record."
                    .into(),
            },
        ),
    ]
}

fn outcomes() -> Vec<RecordOutcome> {
    vec![
        RecordOutcome {
            record_id: AVERY.into(),
            record_name: "Avery Family Practice, PLLC".into(),
            outcome: Outcome::Filed {
                id: 31,
                tracking_number: TrackingNumber::new(day(2026, 11, 24), 31),
            },
        },
        RecordOutcome {
            record_id: COASTAL.into(),
            record_name: "Coastal Plain Surgical Associates".into(),
            outcome: Outcome::NotFiled {
                rule: Some(Rule::Oa5),
                reason: "An OA Change Request for this record is already open. Withdraw it or wait for its decision, then try again."
                    .into(),
            },
        },
    ]
}

#[derive(Clone)]
struct FixedSet {
    records: Fixed<HomeSummary>,
    /// The set as saved, after the step it completed.
    saved: Option<SetView>,
}

fn set_view(
    step: SetStep,
    draft: SeveralRecordsDraft,
    outcomes: Option<Vec<RecordOutcome>>,
) -> SetView {
    SetView {
        step,
        draft,
        updated: day(2026, 11, 24),
        outcomes,
    }
}

impl SeveralRecordsApi for FixedSet {
    fn records(&self) -> Answer<HomeSummary> {
        self.records.answer()
    }

    fn record(&self, id: String) -> Answer<RecordOverview> {
        let name = javery_records()
            .records
            .into_iter()
            .find(|record| record.id == id)
            .map_or_else(String::new, |record| record.name);
        Fixed::Ready(RecordOverview {
            id,
            name,
            ..avery_overview()
        })
        .answer()
    }

    fn prepared(&self) -> Answer<Option<SetView>> {
        Fixed::Ready(self.saved.clone()).answer()
    }

    fn judge(&self, _asked: JudgeBackup) -> Answer<Vec<RecordVerdict>> {
        Fixed::Ready(verdicts()).answer()
    }

    fn save(&self, save: SaveSet) -> Answer<SetView> {
        Fixed::Ready(set_view(save.step, save.draft, None)).answer()
    }

    fn upload(&self, _file: JsValue) -> Answer<AttachmentInfo> {
        uploaded_pdf()
    }

    fn submit(&self, _signature: SubmitRequest) -> Answer<Vec<RecordOutcome>> {
        Fixed::Ready(outcomes()).answer()
    }
}

fn flow(api: FixedSet, place: SeveralPlace) -> AnyView {
    let place = RwSignal::new(place);
    laid_out(view! {
        <SeveralRecordsFlow
            api=Rc::new(api)
            place
            applicant=super::jordan_avery()
            on_navigate=Callback::new(move |to| place.set(to))
        />
    })
}

/// The set saved after `completed`, shown at `step`.
fn at(step: SeveralStep, completed: Option<SetStep>, answered: bool) -> AnyView {
    let api = FixedSet {
        records: Fixed::Ready(javery_records()),
        saved: completed.map(|completed| set_view(completed, prepared(answered), None)),
    };
    flow(api, SeveralPlace::at(step))
}

pub fn states() -> Vec<State> {
    vec![
        State::new(
            "records",
            "Step 1: the records, some that cannot have a backup",
            || at(SeveralStep::Records, None, false),
        ),
        State::new("records-errors", "Step 1: no record picked", || {
            at(SeveralStep::Records, None, false)
        })
        .pressing("Continue"),
        State::new("records-loading", "Step 1: loading", || {
            let api = FixedSet {
                records: Fixed::Loading,
                saved: None,
            };
            flow(api, SeveralPlace::at(SeveralStep::Records))
        }),
        State::new(
            "records-error",
            "Step 1: could not load, with Retry",
            || {
                let api = FixedSet {
                    records: offline(),
                    saved: None,
                };
                flow(api, SeveralPlace::at(SeveralStep::Records))
            },
        ),
        State::new(
            "backup",
            "Step 2: the person judged record by record",
            || at(SeveralStep::Backup, Some(SetStep::Backup), false),
        ),
        State::new("backup-errors", "Step 2: nobody chosen", || {
            let api = FixedSet {
                records: Fixed::Ready(javery_records()),
                saved: Some(set_view(
                    SetStep::Records,
                    SeveralRecordsDraft {
                        backup_ncid: String::new(),
                        ..prepared(false)
                    },
                    None,
                )),
            };
            flow(api, SeveralPlace::at(SeveralStep::Backup))
        })
        .pressing("Continue"),
        State::new("answers", "Step 3: the answers of each record", || {
            at(SeveralStep::Exclusion, Some(SetStep::Review), true)
        }),
        State::new("answers-errors", "Step 3: questions unanswered", || {
            at(SeveralStep::Exclusion, Some(SetStep::Backup), false)
        })
        .pressing("Continue"),
        State::new("check-answers", "Step 4: check your answers", || {
            at(SeveralStep::Review, Some(SetStep::Review), true)
        }),
        State::new("sign", "Step 5: sign and submit", || {
            at(SeveralStep::Sign, Some(SetStep::Review), true)
        }),
        State::new("sign-errors", "Step 5: not signed", || {
            at(SeveralStep::Sign, Some(SetStep::Review), true)
        })
        .pressing("Sign and submit"),
        State::new(
            "confirmation",
            "Submitted: one request filed, one not",
            || {
                let api = FixedSet {
                    records: Fixed::Ready(javery_records()),
                    saved: Some(set_view(SetStep::Review, prepared(true), Some(outcomes()))),
                };
                flow(
                    api,
                    SeveralPlace {
                        submitted: true,
                        ..SeveralPlace::at(SeveralStep::Sign)
                    },
                )
            },
        ),
    ]
}
