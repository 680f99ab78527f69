//! `/enrollment`: the initial enrollment application (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10,
//! R-OA-3, R-AUTH-4), nine steps in the shared `WizardShell`. Without an application in the URL
//! the page lists the user's applications; with one it is the wizard, whose answers are saved to
//! the server on every Continue so a reload resumes them. The applicant becomes the primary OA
//! and is the only one who signs; the named backup OA reads the application only.

mod administrators;
mod list;
mod people;
mod provider;
mod submitted;

use crate::api::enrollment::EnrollmentApi;
use crate::components::exclusion::{exclusion_questions, DraftPart, Upload};
use crate::components::focus::focus_by_id_after_render;
use crate::components::wizard::{answer_list, signature_fields, WizardLink};
use crate::components::wizard_shell::{WizardForm, WizardShell};
use crate::components::{Alert, AlertKind, PageHeading, Skeleton};
use crate::state::enrollment::{answer_rows, field_target, resume_step, EnrollmentPlace};
use crate::state::wizard::{error_lines, refusal_lines, WizardStep};
use contract::application::{ApplicationId, RequestStatus, Steps};
use contract::enrollment::{
    validate_enrollment, validate_enrollment_step, EnrollmentDraft, EnrollmentStep, EnrollmentView,
    SaveEnrollment,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

type SharedApi = StoredValue<Rc<dyn EnrollmentApi>, LocalStorage>;

#[component]
pub fn EnrollmentPage(
    api: Rc<dyn EnrollmentApi>,
    /// Where the URL says the page is.
    #[prop(into)]
    place: Signal<EnrollmentPlace>,
    /// Moves the wizard: the app puts the place in the URL.
    on_navigate: Callback<EnrollmentPlace>,
) -> impl IntoView {
    let api: SharedApi = StoredValue::new_local(api);
    let application = Memo::new(move |_| place.with(|place| place.application));
    move || match application.get() {
        None => view! { <list::ApplicationList api on_navigate /> }.into_any(),
        Some(id) => view! { <EnrollmentWizard api id place on_navigate /> }.into_any(),
    }
}

/// What the steps share; every field is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
struct Wizard {
    id: ApplicationId,
    place: Signal<EnrollmentPlace>,
    step: Memo<EnrollmentStep>,
    view: RwSignal<Option<EnrollmentView>>,
    draft: RwSignal<EnrollmentDraft>,
    form: WizardForm,
    api: SharedApi,
    on_navigate: Callback<EnrollmentPlace>,
}

impl Wizard {
    fn go(self, step: EnrollmentStep) {
        self.on_navigate.run(EnrollmentPlace::at(self.id, step));
    }

    fn link(self, place: EnrollmentPlace) -> WizardLink {
        WizardLink::to(place.path(), place, self.on_navigate)
    }

    fn applicant(self) -> String {
        self.view.with(|view| {
            view.as_ref()
                .map(|view| view.applicant_ncid.clone())
                .unwrap_or_default()
        })
    }
}

/// An application the user may change: the applicant's draft, or one returned for correction.
fn editable(view: &EnrollmentView) -> bool {
    view.role.may_sign() && matches!(view.status, RequestStatus::Draft | RequestStatus::Returned)
}

#[component]
fn EnrollmentWizard(
    api: SharedApi,
    id: ApplicationId,
    place: Signal<EnrollmentPlace>,
    on_navigate: Callback<EnrollmentPlace>,
) -> impl IntoView {
    let loaded_step = RwSignal::new(None::<EnrollmentStep>);
    let step = Memo::new(move |_| {
        place
            .with(|place| place.step)
            .or_else(|| loaded_step.get())
            .unwrap_or(EnrollmentStep::ProviderType)
    });
    let wizard = Wizard {
        id,
        place,
        step,
        view: RwSignal::new(None),
        draft: RwSignal::new(EnrollmentDraft::default()),
        form: WizardForm::new(),
        api,
        on_navigate,
    };
    let problem = RwSignal::new(None::<String>);
    let answer = api.with_value(|api| api.application(id));
    spawn_local(async move {
        match answer.await {
            Ok(view) => {
                loaded_step.set(Some(resume_step(view.step)));
                wizard
                    .form
                    .completed
                    .set(view.step.map_or(0, |step| step.number()));
                wizard.draft.set(view.draft.clone());
                wizard.view.set(Some(view));
            }
            Err(error) => problem.set(Some(error.to_string())),
        }
    });

    // Re-rendered when the application becomes read-only (submitted), not on every save.
    let mode = Memo::new(move |_| {
        wizard
            .view
            .with(|view| view.as_ref().map(|view| (editable(view), view.status)))
    });
    move || {
        if let Some(problem) = problem.get() {
            return view! {
                <PageHeading text="Enrollment application" />
                <Alert kind=AlertKind::Error heading="We could not open this application">
                    <p>{problem}</p>
                </Alert>
                <p>
                    <a href=EnrollmentPlace::default().path()>"Back to your enrollment applications"</a>
                </p>
            }
            .into_any();
        }
        match mode.get() {
            None => view! { <Skeleton label="Loading the application" blocks=2 /> }.into_any(),
            Some((true, _)) => editing(wizard).into_any(),
            Some((false, _)) => wizard
                .view
                .get_untracked()
                .map(|view| submitted::read_only(view).into_any())
                .unwrap_or_else(|| ().into_any()),
        }
    }
}

fn editing(wizard: Wizard) -> impl IntoView {
    let step = wizard.step;
    let returned_note = wizard.view.with_untracked(|view| {
        view.as_ref()
            .filter(|view| view.status == RequestStatus::Returned)
            .map(|view| view.decision_note.clone().unwrap_or_default())
    });
    let on_continue = Callback::new(move |step: EnrollmentStep| {
        let applicant = wizard.applicant();
        let backup_asked = wizard
            .draft
            .with_untracked(|d| d.backup_availability().is_ok());
        if step == EnrollmentStep::Backup && !backup_asked {
            // R-BOA-9, R-BOA-10: nothing to choose, so nothing named.
            wizard.draft.update(|draft| draft.backup = None);
        }
        if step == EnrollmentStep::Backup && backup_asked && !wizard.form.answered(step.number()) {
            // The draft's "no backup OA" is a default, not the user's answer.
            wizard.form.show_errors(vec![(
                "backup".into(),
                "Select who should be the backup OA, or no backup OA".into(),
            )]);
            return;
        }
        let lines = wizard.draft.with_untracked(|draft| {
            if step == EnrollmentStep::Sign {
                let signature = wizard.form.signature();
                error_lines(&validate_enrollment(draft, &applicant, &signature))
            } else {
                error_lines(&validate_enrollment_step(step, draft, &applicant))
            }
        });
        if !lines.is_empty() {
            wizard.form.show_errors(lines);
        } else if step == EnrollmentStep::Sign {
            sign(wizard);
        } else {
            save(wizard, step);
        }
    });
    let back = Signal::derive(move || {
        let to = match step.get().previous() {
            Some(step) => EnrollmentPlace::at(wizard.id, step),
            None => EnrollmentPlace::default(),
        };
        Some(wizard.link(to))
    });
    let notice = move || {
        returned_note.clone().map(|note| {
            view! {
                <Alert kind=AlertKind::Warning heading="Returned for correction">
                    <p>{format!("NCTracks returned this application: {note}")}</p>
                    <p>"Correct it and submit it again; it keeps its tracking number."</p>
                </Alert>
            }
        })
    };
    view! {
        <WizardShell
            form=wizard.form
            step=step
            caption="Enrollment application"
            steps_label="Steps of the enrollment application"
            field_target=field_target
            back
            notice
            on_continue
        >
            {move || match step.get() {
                EnrollmentStep::ProviderType => provider::provider_type_step(wizard).into_any(),
                EnrollmentStep::Identity => provider::identity_step(wizard).into_any(),
                EnrollmentStep::Programs => provider::programs_step(wizard).into_any(),
                EnrollmentStep::People => people::people_step(wizard).into_any(),
                EnrollmentStep::OfficeAdministrator => administrators::primary_step(wizard).into_any(),
                EnrollmentStep::Backup => administrators::backup_step(wizard).into_any(),
                EnrollmentStep::Exclusion => exclusion_step(wizard).into_any(),
                EnrollmentStep::Review => review_step(wizard),
                EnrollmentStep::Sign => signature_fields(wizard.form.attestation, wizard.form.pin).into_any(),
            }}
        </WizardShell>
    }
}

/// Saves the step's answers on Continue, then opens the next step (or Check your answers, for a
/// step opened from there).
fn save(wizard: Wizard, step: EnrollmentStep) {
    let save = SaveEnrollment {
        step,
        draft: wizard.draft.get_untracked(),
    };
    let answer = wizard.api.with_value(|api| api.save(wizard.id, save));
    wizard.form.send(answer, move |answer| match answer {
        Ok(saved) => {
            wizard
                .form
                .completed
                .set(saved.step.map_or(0, |step| step.number()));
            wizard.draft.set(saved.draft.clone());
            wizard.view.set(Some(saved));
            let next = wizard
                .place
                .with_untracked(|place| place.after_continue(step));
            if let Some(next) = next {
                wizard.go(next);
            }
        }
        Err(error) => wizard.form.show_errors(refusal_lines(error, "")),
    });
}

/// Step 9's submission (R-AUTH-4, R-BOA-5). The answer is the submitted application, which the
/// page then shows read-only with its tracking number, also after a reload.
fn sign(wizard: Wizard) {
    let submit = |signature| {
        wizard
            .api
            .with_value(|api| api.submit(wizard.id, signature))
    };
    let refusal = |error| refusal_lines(error, "pin");
    wizard.form.sign(submit, refusal, move |submitted| {
        wizard.view.set(Some(submitted));
        focus_by_id_after_render("enrollment-confirmation");
    });
}

/// Step 7 (R-OA-3): the three questions, and the explanation document when any answer is Yes.
fn exclusion_step(wizard: Wizard) -> impl IntoView {
    let answers = DraftPart::new(
        wizard.draft,
        |draft| &draft.exclusion,
        |draft| &mut draft.exclusion,
    );
    let upload: Upload = Rc::new(move |file| wizard.api.with_value(|api| api.upload(file)));
    exclusion_questions(answers, upload, wizard.form, "", wizard.form.uploaded)
}

/// Step 8: every answer, each with a Change link back to its step that returns here.
fn review_step(wizard: Wizard) -> AnyView {
    let rows = wizard.draft.with_untracked(answer_rows);
    let change = Callback::new(move |step| {
        wizard.link(EnrollmentPlace {
            return_to_review: true,
            ..EnrollmentPlace::at(wizard.id, step)
        })
    });
    answer_list(rows, Some(change))
}
