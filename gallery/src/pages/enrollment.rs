//! Enrollment: the list of the applicant's applications, each step of the wizard with its
//! answers and with the errors of an empty Continue, check your answers, a named backup OA's
//! read-only view, and the confirmation.

use super::{day, laid_out};
use crate::catalogue::State;
use crate::fixed::{offline, uploaded_pdf, Fixed};
use contract::application::{
    ApplicationId, AttachmentInfo, EnrollmentTrackingNumber, RequestStatus, SubmitRequest,
};
use contract::enrollment::{
    examples, EnrollmentDraft, EnrollmentRole, EnrollmentStep, EnrollmentView, SaveEnrollment,
};
use leptos::prelude::*;
use provider_portal::api::enrollment::EnrollmentApi;
use provider_portal::api::Answer;
use provider_portal::pages::EnrollmentPage;
use provider_portal::state::enrollment::EnrollmentPlace;
use std::rc::Rc;
use wasm_bindgen::JsValue;

const ID: ApplicationId = 5;

fn application(
    draft: EnrollmentDraft,
    completed: Option<EnrollmentStep>,
    role: EnrollmentRole,
    status: RequestStatus,
) -> EnrollmentView {
    let submitted = (status != RequestStatus::Draft).then(|| day(2026, 11, 24));
    EnrollmentView {
        id: ID,
        status,
        step: completed,
        draft,
        applicant_ncid: "dwhit5".into(),
        applicant_name: "Dana Whitfield".into(),
        role,
        tracking_number: submitted.map(|on| EnrollmentTrackingNumber::new(on, ID)),
        updated: day(2026, 11, 24),
        submitted,
        decision_note: None,
    }
}

#[derive(Clone)]
struct FixedEnrollment {
    application: Fixed<EnrollmentView>,
}

impl EnrollmentApi for FixedEnrollment {
    fn list(&self) -> Answer<Vec<EnrollmentView>> {
        self.application.answer_with(|view| vec![view.clone()])
    }

    fn create(&self) -> Answer<EnrollmentView> {
        self.application.answer()
    }

    fn application(&self, _id: ApplicationId) -> Answer<EnrollmentView> {
        self.application.answer()
    }

    fn save(&self, _id: ApplicationId, save: SaveEnrollment) -> Answer<EnrollmentView> {
        let saved = application(
            save.draft,
            Some(save.step),
            EnrollmentRole::Primary,
            RequestStatus::Draft,
        );
        Fixed::Ready(saved).answer()
    }

    fn upload(&self, _file: JsValue) -> Answer<AttachmentInfo> {
        uploaded_pdf()
    }

    fn submit(&self, _id: ApplicationId, _submit: SubmitRequest) -> Answer<EnrollmentView> {
        let submitted = application(
            examples::complete(),
            Some(EnrollmentStep::Sign),
            EnrollmentRole::Primary,
            RequestStatus::Submitted,
        );
        Fixed::Ready(submitted).answer()
    }
}

fn page(application: Fixed<EnrollmentView>, place: EnrollmentPlace) -> AnyView {
    let place = RwSignal::new(place);
    laid_out(view! {
        <EnrollmentPage
            api=Rc::new(FixedEnrollment { application })
            place
            on_navigate=Callback::new(move |to| place.set(to))
        />
    })
}

/// The step with every answer given.
fn answered(step: EnrollmentStep) -> AnyView {
    let view = application(
        examples::complete(),
        Some(EnrollmentStep::Review),
        EnrollmentRole::Primary,
        RequestStatus::Draft,
    );
    page(Fixed::Ready(view), EnrollmentPlace::at(ID, step))
}

/// A new application at the step, nothing answered.
fn unanswered(step: EnrollmentStep) -> AnyView {
    let view = application(
        EnrollmentDraft::default(),
        None,
        EnrollmentRole::Primary,
        RequestStatus::Draft,
    );
    page(Fixed::Ready(view), EnrollmentPlace::at(ID, step))
}

fn list(application: Fixed<EnrollmentView>) -> AnyView {
    page(application, EnrollmentPlace::default())
}

pub fn states() -> Vec<State> {
    vec![
        State::new("list", "My enrollment applications", || {
            list(Fixed::Ready(application(
                examples::complete(),
                Some(EnrollmentStep::People),
                EnrollmentRole::Primary,
                RequestStatus::Draft,
            )))
        }),
        State::new("list-loading", "Loading", || list(Fixed::Loading)),
        State::new("list-error", "Could not load, with Retry", || {
            list(offline())
        }),
        State::new("provider-type", "Step 1: the kind of provider", || {
            answered(EnrollmentStep::ProviderType)
        }),
        State::new("provider-type-errors", "Step 1: nothing chosen", || {
            unanswered(EnrollmentStep::ProviderType)
        })
        .pressing("Continue"),
        State::new("identity", "Step 2: the provider's identity", || {
            answered(EnrollmentStep::Identity)
        }),
        State::new("identity-errors", "Step 2: nothing entered", || {
            unanswered(EnrollmentStep::Identity)
        })
        .pressing("Continue"),
        State::new("programs", "Step 3: the programs", || {
            answered(EnrollmentStep::Programs)
        }),
        State::new("programs-errors", "Step 3: none chosen", || {
            unanswered(EnrollmentStep::Programs)
        })
        .pressing("Continue"),
        State::new("people", "Step 4: owners and managing employees", || {
            answered(EnrollmentStep::People)
        }),
        State::new("office-administrator", "Step 5: the primary OA", || {
            answered(EnrollmentStep::OfficeAdministrator)
        }),
        State::new("backup", "Step 6: the backup OA", || {
            answered(EnrollmentStep::Backup)
        }),
        State::new(
            "exclusion",
            "Step 7: exclusion and sanction questions",
            || answered(EnrollmentStep::Exclusion),
        ),
        State::new("exclusion-errors", "Step 7: questions unanswered", || {
            unanswered(EnrollmentStep::Exclusion)
        })
        .pressing("Continue"),
        State::new("check-answers", "Step 8: check your answers", || {
            answered(EnrollmentStep::Review)
        }),
        State::new("sign", "Step 9: sign and submit", || {
            answered(EnrollmentStep::Sign)
        }),
        State::new("sign-errors", "Step 9: not signed", || {
            answered(EnrollmentStep::Sign)
        })
        .pressing("Sign and submit"),
        State::new("named-backup", "Read-only for the named backup OA", || {
            let view = application(
                examples::complete(),
                Some(EnrollmentStep::Review),
                EnrollmentRole::NamedBackup,
                RequestStatus::Draft,
            );
            page(
                Fixed::Ready(view),
                EnrollmentPlace::at(ID, EnrollmentStep::Review),
            )
        }),
        State::new("submitted", "Submitted: the confirmation", || {
            let view = application(
                examples::complete(),
                Some(EnrollmentStep::Sign),
                EnrollmentRole::Primary,
                RequestStatus::Submitted,
            );
            page(
                Fixed::Ready(view),
                EnrollmentPlace::at(ID, EnrollmentStep::Sign),
            )
        }),
    ]
}
