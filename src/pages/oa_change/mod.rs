//! `/oa-change`: the OA Change Request wizard (R-OA-1, R-OA-2, R-BOA-1..10), one question per
//! page, in the shared `WizardShell`. Where the wizard is lives in the URL
//! (`?record=..&step=..`) and the answers in the server's draft, saved on every Continue, so a
//! reload resumes where the user was. The page takes its requests as a trait so a test can
//! script the server.

mod administrators;
mod record;
mod submitted;

use crate::api::oa_change::OaChangeApi;
use crate::api::ApiError;
use crate::components::exclusion::{exclusion_questions, DraftPart, Upload};
use crate::components::wizard::{answer_list, signature_fields, WizardLink};
use crate::components::wizard_shell::{WizardForm, WizardShell};
use crate::components::{Alert, AlertKind, Skeleton};
use crate::state::oa_change::{
    after_change, answer_rows, facts, field_target, listed_from, resume_step, WizardPlace,
};
use crate::state::wizard::{error_lines, refusal_lines, ProblemLine};
use contract::application::{SkippableSteps, Steps, SubmitReceipt};
use contract::auth::SignedInUser;
use contract::oa_change::{
    validate_request, validate_step, DraftView, OaChangeDraft, PickableRecord, RecordFacts,
    RecordOverview, ReturnedRequest, SaveDraft, Step,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// What the steps share; every field is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
struct Wizard {
    place: Signal<WizardPlace>,
    /// The signed-in applicant, who signs the request.
    applicant: StoredValue<SignedInUser>,
    records: RwSignal<Option<Result<Vec<PickableRecord>, ApiError>>>,
    overview: RwSignal<Option<RecordOverview>>,
    overview_problem: RwSignal<Option<String>>,
    draft: RwSignal<OaChangeDraft>,
    /// The caller's saved draft (or returned request) for the record, offered on step 1.
    saved: RwSignal<Option<DraftView>>,
    typed: RwSignal<String>,
    code: RwSignal<String>,
    code_refused: RwSignal<bool>,
    form: WizardForm,
    receipt: RwSignal<Option<SubmitReceipt>>,
    receipt_problem: RwSignal<Option<String>>,
    /// R-OA-6: the request being corrected was returned by operations, with their note.
    returned: RwSignal<Option<ReturnedRequest>>,
    api: StoredValue<Rc<dyn OaChangeApi>, LocalStorage>,
    on_navigate: Callback<WizardPlace>,
}

impl Wizard {
    fn go(self, record: Option<String>, step: Step) {
        self.on_navigate.run(WizardPlace::at(record, step));
    }

    fn link(self, place: WizardPlace) -> WizardLink {
        WizardLink::to(place.path(), place, self.on_navigate)
    }

    fn record(self) -> Option<String> {
        self.place.with(|place| place.record.clone())
    }

    /// The submitted request's confirmation is showing, or on its way (after a reload).
    fn submitted(self) -> bool {
        self.receipt.with(Option::is_some) || self.place.with(|place| place.submitted.is_some())
    }

    /// What the step shows is on its way: step 1's list of records, the record's overview for
    /// the others (once there is no problem to show instead).
    fn step_loading(self, step: Step) -> bool {
        match step {
            Step::Record => self.records.with(Option::is_none),
            _ => self.overview.with(Option::is_none) && self.overview_problem.with(Option::is_none),
        }
    }

    fn backup_unavailable(self) -> bool {
        self.overview.with(|overview| {
            overview
                .as_ref()
                .is_some_and(|o| o.backup_unavailable.is_some())
        })
    }

    /// Runs `check` on the record's facts, once its overview has come.
    fn with_facts<R>(self, check: impl FnOnce(&RecordFacts) -> R) -> Option<R> {
        self.overview.with_untracked(|overview| {
            overview.as_ref().map(|overview| {
                let listed = listed_from(&overview.candidates);
                self.applicant
                    .with_value(|applicant| check(&facts(overview, &listed, &applicant.ncid)))
            })
        })
    }
}

#[component]
pub fn OaChangeWizard(
    api: Rc<dyn OaChangeApi>,
    /// Where the URL says the wizard is.
    #[prop(into)]
    place: Signal<WizardPlace>,
    /// The signed-in user: the new primary of a billing agent record (R-OA-1) and the one who
    /// signs.
    applicant: SignedInUser,
    /// Moves the wizard: the app puts the place in the URL.
    on_navigate: Callback<WizardPlace>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let step = Memo::new(move |_| {
        place.with(|place| {
            place
                .step
                .filter(|_| place.record.is_some())
                .unwrap_or(Step::Record)
        })
    });
    let wizard = Wizard {
        place,
        applicant: StoredValue::new(applicant),
        records: RwSignal::new(None),
        overview: RwSignal::new(None),
        overview_problem: RwSignal::new(None),
        draft: RwSignal::new(OaChangeDraft::default()),
        saved: RwSignal::new(None),
        typed: RwSignal::new(String::new()),
        code: RwSignal::new(String::new()),
        code_refused: RwSignal::new(false),
        form: WizardForm::new(),
        receipt: RwSignal::new(None),
        receipt_problem: RwSignal::new(None),
        returned: RwSignal::new(None),
        api,
        on_navigate,
    };

    let records_answer = api.with_value(|api| api.records());
    spawn_local(async move {
        let answer = records_answer.await;
        wizard.records.set(Some(answer));
    });

    // A record named in the URL: its overview, and the caller's draft to resume.
    let loaded_for = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let Some(record) = wizard.record() else {
            return;
        };
        if loaded_for.get_value().as_deref() == Some(record.as_str()) {
            return;
        }
        loaded_for.set_value(Some(record.clone()));
        wizard.overview.set(None);
        wizard.overview_problem.set(None);
        wizard.saved.set(None);
        wizard.form.completed.set(0);
        let (overview, draft) =
            api.with_value(|api| (api.record(record.clone()), api.draft(record.clone())));
        spawn_local(async move {
            match overview.await {
                Ok(overview) => wizard.overview.set(Some(overview)),
                Err(error) => {
                    if matches!(error, ApiError::Forbidden(_)) {
                        wizard.code_refused.set(true);
                    }
                    wizard.overview_problem.set(Some(error.to_string()));
                }
            }
            if let Ok(Some(saved)) = draft.await {
                wizard.draft.set(saved.draft.clone());
                wizard.returned.set(saved.returned.clone());
                wizard.form.completed.set(saved.step.number());
                let resume = resume_step(saved.step, &saved.draft);
                let (resuming, starting) = place.with_untracked(|place| {
                    (
                        place.step.is_none(),
                        place.step == Some(Step::Record) && !place.returning,
                    )
                });
                if resuming {
                    wizard.go(Some(record), resume);
                } else if starting {
                    // Only a user starting on step 1 is offered the draft they already have.
                    wizard.saved.set(Some(saved));
                }
            }
        });
    });

    submitted::load_confirmation(wizard);

    let on_continue = Callback::new(move |step: Step| {
        if step == Step::Record {
            match record::chosen_record(wizard) {
                Ok(record) => save(wizard, record, step),
                Err(line) => wizard.form.show_errors(vec![line]),
            }
            return;
        }
        if let Some(line) = unanswered(wizard, step) {
            wizard.form.show_errors(vec![line]);
            return;
        }
        let Some(record) = place.with_untracked(|place| place.record.clone()) else {
            return;
        };
        let refused = wizard.with_facts(|facts| {
            wizard.draft.with_untracked(|draft| {
                if step == Step::Sign {
                    error_lines(&validate_request(draft, facts, &wizard.form.signature()))
                } else {
                    error_lines(&validate_step(step, draft, facts))
                }
            })
        });
        match refused {
            None => {}
            Some(lines) if !lines.is_empty() => wizard.form.show_errors(lines),
            Some(_) if step == Step::Sign => submitted::sign(wizard, record),
            Some(_) => save(wizard, record, step),
        }
    });

    let back = Signal::derive(move || {
        let (record, returning) = place.with(|place| (place.record.clone(), place.returning));
        // A step opened from Check your answers leads back there.
        let to = if returning {
            Some(Step::Review)
        } else {
            wizard.draft.with(|draft| step.get().previous_for(draft))
        };
        to.map(|to| wizard.link(WizardPlace::at(record, to)))
    });
    let link_of = move |field: &str| {
        field_target(field)
            .filter(|_| !(field == "backup" && wizard.backup_unavailable()))
            .map(str::to_owned)
    };
    // R-OA-4: the continued-access question while the primary stays, once the user has said
    // it stays (before that the draft's "keep" is only a default).
    let skipped = Signal::derive(move || {
        if !wizard.form.answered(Step::OfficeAdministrator.number()) {
            return Vec::new();
        }
        wizard.draft.with(|draft| {
            Step::ALL
                .into_iter()
                .filter(|step| !step.applies(draft))
                .collect::<Vec<_>>()
        })
    });
    // The confirmation is a page of its own: no step indicator, no Back, no "Step 7" heading.
    let shell = move || {
        view! {
        <WizardShell
            form=wizard.form
            step=step
            caption="OA Change Request"
            steps_label="Steps of the request"
            field_target=link_of
            back
            notice=move || view! { <submitted::ReturnedNotice wizard /> }
            skipped
            loading=Signal::derive(move || wizard.step_loading(step.get()))
            on_continue
        >
            {move || match step.get() {
                Step::Record => record::record_step(wizard),
                Step::OfficeAdministrator => with_overview(wizard, move |overview| {
                    administrators::primary_step(wizard, overview)
                }),
                Step::Backup => with_overview(wizard, move |overview| {
                    administrators::backup_step(wizard, overview)
                }),
                Step::ContinuedAccess => {
                    with_overview(wizard, move |_| administrators::access_step(wizard))
                }
                Step::Exclusion => with_overview(wizard, move |_| exclusion_step(wizard)),
                Step::Review => with_overview(wizard, move |overview| review_step(wizard, overview)),
                Step::Sign => with_overview(wizard, move |_| {
                    signature_fields(wizard.form.attestation, wizard.form.pin).into_any()
                }),
            }}
        </WizardShell>
        }
    };
    let submitted = Memo::new(move |_| wizard.submitted());
    move || {
        if submitted.get() {
            submitted::confirmation(wizard)
        } else {
            shell().into_any()
        }
    }
}

/// Saves the step's answers on Continue, then opens the next step (or Check your answers, for a
/// step opened from there).
fn save(wizard: Wizard, record: String, step: Step) {
    let code = wizard.code.get_untracked();
    let mut draft = wizard.draft.get_untracked();
    // R-OA-4: asked only when the primary changes.
    if draft.new_primary().is_none() {
        draft.continued_access = None;
    }
    let save = SaveDraft {
        step,
        draft,
        authorization_code: Some(code.trim().to_owned()).filter(|code| !code.is_empty()),
    };
    let answer = wizard.api.with_value(|api| api.save(record.clone(), save));
    wizard.form.send(answer, move |answer| match answer {
        Ok(saved) => {
            wizard.form.completed.set(saved.step.number());
            let next = saved.step.next_for(&saved.draft);
            wizard.draft.set(saved.draft);
            wizard.returned.set(saved.returned);
            // A step opened from Check your answers goes back there (for the same record).
            let returning = wizard.place.with_untracked(|place| {
                place.returning && place.record.as_deref() == Some(record.as_str())
            });
            let back = returning
                .then(|| {
                    wizard.with_facts(|facts| {
                        wizard
                            .draft
                            .with_untracked(|draft| after_change(draft, facts))
                    })
                })
                .flatten();
            match back {
                Some(to) => wizard.on_navigate.run(WizardPlace {
                    record: Some(record),
                    ..to
                }),
                None => wizard.go(Some(record), next.unwrap_or(step)),
            }
        }
        Err(error) => {
            if matches!(error, ApiError::Forbidden(_)) {
                wizard.code_refused.set(true);
            }
            wizard
                .form
                .show_errors(refusal_on(wizard, error, "authorization_code"));
        }
    });
}

/// A server refusal as lines of the error summary; a record the server does not know is shown
/// on step 1's record question, or at its box when the user typed it.
fn refusal_on(wizard: Wizard, error: ApiError, denied_field: &str) -> Vec<ProblemLine> {
    let record_field = if wizard.typed.with_untracked(|typed| typed.trim().is_empty()) {
        "record"
    } else {
        record::TYPED_RECORD
    };
    let lines = match error {
        ApiError::NotFound(message) => vec![("record".into(), message)],
        other => refusal_lines(other, denied_field),
    };
    lines
        .into_iter()
        .map(|(field, message)| {
            let field = if field == "record" {
                record_field.to_owned()
            } else {
                field
            };
            (field, message)
        })
        .collect()
}

/// A question of steps 2 and 3 the user has not answered on this visit, nor before: the draft
/// holds a default for it, which is not their answer.
fn unanswered(wizard: Wizard, step: Step) -> Option<ProblemLine> {
    if wizard.form.answered(step.number()) {
        return None;
    }
    match step {
        Step::OfficeAdministrator => Some((
            "primary".into(),
            "Select whether to keep the primary OA or who should be the new primary OA".into(),
        )),
        Step::Backup if !wizard.backup_unavailable() => Some((
            "backup".into(),
            "Select what should happen to the backup OA".into(),
        )),
        _ => None,
    }
}

/// Steps 2 to 7 need the record's overview: a skeleton until it comes, or why it did not.
fn with_overview(wizard: Wizard, show: impl Fn(&RecordOverview) -> AnyView) -> AnyView {
    if let Some(problem) = wizard.overview_problem.get() {
        return view! {
            <Alert kind=AlertKind::Error heading="We could not open this record">
                <p>{problem}</p>
            </Alert>
        }
        .into_any();
    }
    wizard.overview.with(|overview| match overview {
        Some(overview) => show(overview),
        None => view! { <Skeleton label="Loading the provider record" blocks=1 /> }.into_any(),
    })
}

/// Step 5 (R-OA-3): the three questions, and the explanation document when any answer is Yes.
fn exclusion_step(wizard: Wizard) -> AnyView {
    let answers = DraftPart::new(
        wizard.draft,
        |draft| &draft.exclusion,
        |draft| &mut draft.exclusion,
    );
    let upload: Upload = Rc::new(move |file| wizard.api.with_value(|api| api.upload(file)));
    exclusion_questions(answers, upload, wizard.form, "", wizard.form.uploaded).into_any()
}

/// Step 6: every answer, each with a Change link back to its step that returns here.
fn review_step(wizard: Wizard, overview: &RecordOverview) -> AnyView {
    let rows = wizard
        .draft
        .with(|draft| answer_rows(&overview.name, draft, Some(overview)));
    let record = wizard.record();
    let change = Callback::new(move |step| {
        wizard.link(WizardPlace {
            returning: true,
            ..WizardPlace::at(record.clone(), step)
        })
    });
    answer_list(rows, Some(change))
}
