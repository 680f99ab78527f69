//! The OA Change Request: each step with its saved answers and with the errors of a Continue
//! that answered nothing, a record that cannot have a backup OA, check your answers, a request
//! returned for correction, and the confirmation.

use super::{avery_overview, backup_request, day, laid_out, AVERY};
use crate::catalogue::State;
use crate::fixed::{offline, uploaded_pdf, Fixed};
use contract::application::{
    ApplicationId, AttachmentInfo, ExclusionAnswers, RequestStatus, SubmitReceipt, SubmitRequest,
    TrackingNumber,
};
use contract::oa_change::{
    ApplicationDetail, ApplicationSummary, BackupChoice, DraftView, OaChangeDraft, PickableRecord,
    PrimaryChoice, RecordOverview, ReturnedRequest, SaveDraft, Step,
};
use contract::records::{BackupUnavailable, RecordKind, Standing};
use leptos::prelude::*;
use provider_portal::api::oa_change::OaChangeApi;
use provider_portal::api::Answer;
use provider_portal::pages::OaChangeWizard;
use provider_portal::state::oa_change::WizardPlace;
use provider_portal::state::wizard::WizardStep;
use std::rc::Rc;
use wasm_bindgen::JsValue;

const BILLING_AGENT: &str = "1023456780";

#[derive(Clone)]
struct FixedOaChange {
    overview: RecordOverview,
    /// The draft saved so far, and the last step it completed.
    saved: Option<(Step, OaChangeDraft)>,
    returned: Option<ReturnedRequest>,
}

fn draft_view(step: Step, draft: OaChangeDraft, returned: Option<ReturnedRequest>) -> DraftView {
    DraftView {
        id: 7,
        record_id: AVERY.into(),
        step,
        draft,
        updated: day(2026, 11, 24),
        returned,
    }
}

impl OaChangeApi for FixedOaChange {
    fn records(&self) -> Answer<Vec<PickableRecord>> {
        let pickable = |id: &str, name: &str, standing| PickableRecord {
            id: id.into(),
            name: name.into(),
            standing,
        };
        Fixed::Ready(vec![
            pickable(AVERY, "Avery Family Practice, PLLC", Standing::PrimaryOa),
            pickable(
                "2956351383",
                "Triangle Pediatrics Group",
                Standing::BackupOa,
            ),
            pickable(
                BILLING_AGENT,
                "Piedmont Billing Services",
                Standing::PrimaryOa,
            ),
        ])
        .answer()
    }

    fn record(&self, _id: String) -> Answer<RecordOverview> {
        Fixed::Ready(self.overview.clone()).answer()
    }

    fn draft(&self, _record_id: String) -> Answer<Option<DraftView>> {
        let saved = self
            .saved
            .clone()
            .map(|(step, draft)| draft_view(step, draft, self.returned.clone()));
        Fixed::Ready(saved).answer()
    }

    fn save(&self, _record_id: String, save: SaveDraft) -> Answer<DraftView> {
        Fixed::Ready(draft_view(save.step, save.draft, None)).answer()
    }

    fn upload(&self, _file: JsValue) -> Answer<AttachmentInfo> {
        uploaded_pdf()
    }

    fn submit(&self, _record_id: String, _submit: SubmitRequest) -> Answer<SubmitReceipt> {
        Fixed::Ready(SubmitReceipt {
            id: 7,
            tracking_number: TrackingNumber::new(day(2026, 11, 24), 7),
            submitted: day(2026, 11, 24),
        })
        .answer()
    }

    fn application(&self, id: ApplicationId) -> Answer<ApplicationDetail> {
        let submitted = day(2026, 11, 24);
        Fixed::Ready(ApplicationDetail {
            summary: ApplicationSummary {
                id,
                record_id: AVERY.into(),
                record_name: "Avery Family Practice, PLLC".into(),
                status: RequestStatus::Submitted,
                tracking_number: Some(TrackingNumber::new(submitted, id)),
                updated: submitted,
                submitted: Some(submitted),
            },
            step: Step::Review,
            draft: backup_request(),
            attachment: None,
            decision_note: None,
        })
        .answer()
    }
}

fn wizard(api: FixedOaChange, place: WizardPlace) -> AnyView {
    let place = RwSignal::new(place);
    laid_out(view! {
        <OaChangeWizard
            api=Rc::new(api)
            place
            applicant=super::jordan_avery()
            on_navigate=Callback::new(move |to| place.set(to))
        />
    })
}

/// Avery Family Practice at `step`, the request answered up to `completed`.
fn at(step: Step, completed: Option<Step>) -> AnyView {
    let api = FixedOaChange {
        overview: avery_overview(),
        saved: completed.map(|completed| (completed, backup_request())),
        returned: None,
    };
    wizard(api, WizardPlace::at(Some(AVERY.into()), step))
}

/// The step answered (the request saved through the signature's step before).
fn answered(step: Step) -> AnyView {
    at(step, Some(Step::Review))
}

/// The step not yet answered: the one before it completed, no exclusion question answered.
fn unanswered(step: Step) -> AnyView {
    let api = FixedOaChange {
        overview: avery_overview(),
        saved: step.previous().map(|completed| {
            let draft = OaChangeDraft {
                exclusion: ExclusionAnswers::default(),
                ..backup_request()
            };
            (completed, draft)
        }),
        returned: None,
    };
    wizard(api, WizardPlace::at(Some(AVERY.into()), step))
}

/// A request naming Casey Lin the new primary OA, which asks whether the record's users keep
/// their access (R-OA-4): answered, or not yet.
fn new_primary(continued_access: Option<bool>, completed: Step) -> AnyView {
    let draft = OaChangeDraft {
        primary: PrimaryChoice::New {
            ncid: "clin2".into(),
        },
        backup: BackupChoice::default(),
        continued_access,
        ..backup_request()
    };
    let api = FixedOaChange {
        overview: avery_overview(),
        saved: Some((completed, draft)),
        returned: None,
    };
    wizard(
        api,
        WizardPlace::at(Some(AVERY.into()), Step::ContinuedAccess),
    )
}

fn start() -> AnyView {
    let api = FixedOaChange {
        overview: avery_overview(),
        saved: None,
        returned: None,
    };
    wizard(api, WizardPlace::default())
}

fn billing_agent() -> AnyView {
    let api = FixedOaChange {
        overview: RecordOverview {
            id: BILLING_AGENT.into(),
            name: "Piedmont Billing Services".into(),
            kind: RecordKind::BillingAgent,
            backup_unavailable: Some(BackupUnavailable::BillingAgent),
            candidates: Vec::new(),
            ..avery_overview()
        },
        saved: Some((Step::OfficeAdministrator, backup_request())),
        returned: None,
    };
    wizard(
        api,
        WizardPlace::at(Some(BILLING_AGENT.into()), Step::Backup),
    )
}

fn returned() -> AnyView {
    let api = FixedOaChange {
        overview: avery_overview(),
        saved: Some((Step::Review, backup_request())),
        returned: Some(ReturnedRequest {
            tracking_number: TrackingNumber::new(day(2026, 11, 20), 7),
            note: Some("The explanation document is missing: upload it and submit again.".into()),
        }),
    };
    wizard(api, WizardPlace::at(Some(AVERY.into()), Step::Review))
}

fn confirmation() -> AnyView {
    let api = FixedOaChange {
        overview: avery_overview(),
        saved: None,
        returned: None,
    };
    let place = WizardPlace {
        submitted: Some(7),
        ..WizardPlace::at(Some(AVERY.into()), Step::Sign)
    };
    wizard(api, place)
}

pub fn states() -> Vec<State> {
    let mut states = vec![
        State::new("choose-record", "Step 1: choose the record", start),
        State::new("choose-record-errors", "Step 1: no record chosen", start).pressing("Continue"),
    ];
    states.extend([
        State::new("office-administrator", "Step 2: the primary OA", || {
            answered(Step::OfficeAdministrator)
        }),
        State::new(
            "office-administrator-errors",
            "Step 2: nothing chosen",
            || unanswered(Step::OfficeAdministrator),
        )
        .pressing("Continue"),
        State::new("backup", "Step 3: the backup OA", || answered(Step::Backup)),
        State::new(
            "continued-access",
            "Step 4: the users' access under a new primary",
            || new_primary(Some(true), Step::Review),
        ),
        State::new("continued-access-errors", "Step 4: not answered", || {
            new_primary(None, Step::Backup)
        })
        .pressing("Continue"),
        State::new(
            "exclusion",
            "Step 5: exclusion and sanction questions",
            || answered(Step::Exclusion),
        ),
        State::new("sign", "Step 7: sign and submit", || answered(Step::Sign)),
    ]);
    states.extend([
        State::new("backup-errors", "Step 3: no backup OA chosen", || {
            unanswered(Step::Backup)
        })
        .pressing("Continue"),
        State::new("exclusion-errors", "Step 5: questions unanswered", || {
            unanswered(Step::Exclusion)
        })
        .pressing("Continue"),
        State::new("sign-errors", "Step 7: not signed", || {
            unanswered(Step::Sign)
        })
        .pressing("Sign and submit"),
        State::new(
            "backup-unavailable",
            "A record that cannot have a backup OA",
            billing_agent,
        ),
        State::new("check-answers", "Step 6: check your answers", || {
            answered(Step::Review)
        }),
        State::new("returned", "A request returned for correction", returned),
        State::new("confirmation", "Submitted: the confirmation", confirmation),
        State::new("loading", "Loading", || {
            laid_out(view! {
                <OaChangeWizard
                    api=Rc::new(Loading)
                    place=Signal::stored(WizardPlace::at(Some(AVERY.into()), Step::Backup))
                    applicant=super::jordan_avery()
                    on_navigate=Callback::new(|_| ())
                />
            })
        }),
    ]);
    states
}

/// A server whose answers never come.
struct Loading;

impl OaChangeApi for Loading {
    fn records(&self) -> Answer<Vec<PickableRecord>> {
        Fixed::Loading.answer()
    }

    fn record(&self, _id: String) -> Answer<RecordOverview> {
        Fixed::Loading.answer()
    }

    fn draft(&self, _record_id: String) -> Answer<Option<DraftView>> {
        Fixed::Loading.answer()
    }

    fn save(&self, _record_id: String, _save: SaveDraft) -> Answer<DraftView> {
        offline().answer()
    }

    fn upload(&self, _file: JsValue) -> Answer<AttachmentInfo> {
        offline().answer()
    }

    fn submit(&self, _record_id: String, _submit: SubmitRequest) -> Answer<SubmitReceipt> {
        offline().answer()
    }

    fn application(&self, _id: ApplicationId) -> Answer<ApplicationDetail> {
        Fixed::Loading.answer()
    }
}
