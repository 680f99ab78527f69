//! `/oa-change/several`: one backup OA prepared for several records (R-MANY-1..3), in the
//! shared `WizardShell`: the records, the person (judged for each record), each record's
//! exclusion answers, Check your answers, one signature, and the confirmation that says, record
//! by record, its tracking number or why it was not filed. The step is in the URL and the set
//! is saved on the server on every Continue, so reload, Back and Forward and coming back later
//! resume it. The page takes its requests as a trait so a test can script the server.

mod answers;
mod backup;
mod check;
mod confirmation;
mod records;

use crate::api::several_records::SeveralRecordsApi;
use crate::api::ApiError;
use crate::components::wizard::WizardLink;
use crate::components::wizard_shell::{WizardForm, WizardShell};
use crate::components::{Alert, AlertKind, Skeleton};
use crate::state::several_records::{after_save, field_target, SeveralPlace, SeveralStep};
use crate::state::wizard::{error_lines, refusal_lines, WizardStep};
use contract::application::{validate_signature, ExclusionAnswers, Steps};
use contract::auth::SignedInUser;
use contract::oa_change::RecordOverview;
use contract::records::AdministeredRecord;
use contract::several_records::{
    validate_set, RecordOutcome, RecordVerdict, SaveSet, SetStep, SetView, SeveralRecordsDraft,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// A judgement of one person for the records of the set (R-MANY-1).
#[derive(Debug, Clone, PartialEq)]
struct Judgement {
    ncid: String,
    verdicts: Vec<RecordVerdict>,
}

/// What the steps share; every field is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
struct Flow {
    place: Signal<SeveralPlace>,
    applicant: StoredValue<SignedInUser>,
    /// The records where the user is primary or backup OA.
    records: RwSignal<Option<Result<Vec<AdministeredRecord>, ApiError>>>,
    /// The picked records' overviews, for the people listed on them.
    overviews: RwSignal<Vec<RecordOverview>>,
    draft: RwSignal<SeveralRecordsDraft>,
    /// The saved set has come (or there is none).
    loaded: RwSignal<bool>,
    load_problem: RwSignal<Option<String>>,
    /// The NCID typed on step 2.
    typed: RwSignal<String>,
    judgement: RwSignal<Option<Judgement>>,
    /// What step 2 last removed from the set, said in its live region.
    removed: RwSignal<String>,
    /// What the records held before their answers were copied, for Undo.
    copied: RwSignal<Option<Vec<ExclusionAnswers>>>,
    /// What the copy (or its undo) did, said in step 3's live region.
    copy_status: RwSignal<String>,
    outcomes: RwSignal<Option<Vec<RecordOutcome>>>,
    form: WizardForm,
    api: StoredValue<Rc<dyn SeveralRecordsApi>, LocalStorage>,
    on_navigate: Callback<SeveralPlace>,
}

impl Flow {
    fn go(self, place: SeveralPlace) {
        self.on_navigate.run(place);
    }

    fn link(self, place: SeveralPlace) -> WizardLink {
        WizardLink::to(place.path(), place, self.on_navigate)
    }

    fn step(self) -> SeveralStep {
        self.place
            .with(|place| place.step.unwrap_or(SeveralStep::Records))
    }

    /// The record of the user's list with this id.
    fn record(self, id: &str) -> Option<AdministeredRecord> {
        self.records.with(|records| {
            records
                .as_ref()
                .and_then(|records| records.as_ref().ok())
                .and_then(|records| records.iter().find(|record| record.id == id).cloned())
        })
    }

    /// The record's name, or its id while the list is on its way.
    fn record_name(self, id: &str) -> String {
        self.record(id)
            .map_or_else(|| id.to_owned(), |record| record.name)
    }

    fn record_ids(self) -> Vec<String> {
        self.draft.with(|draft| {
            draft
                .records
                .iter()
                .map(|record| record.record_id.clone())
                .collect()
        })
    }
}

#[component]
pub fn SeveralRecordsFlow(
    api: Rc<dyn SeveralRecordsApi>,
    /// Where the URL says the flow is.
    #[prop(into)]
    place: Signal<SeveralPlace>,
    /// The signed-in user, who signs every request.
    applicant: SignedInUser,
    /// Moves the flow: the app puts the place in the URL.
    on_navigate: Callback<SeveralPlace>,
) -> impl IntoView {
    let flow = Flow {
        place,
        applicant: StoredValue::new(applicant),
        records: RwSignal::new(None),
        overviews: RwSignal::new(Vec::new()),
        draft: RwSignal::new(SeveralRecordsDraft::default()),
        loaded: RwSignal::new(false),
        load_problem: RwSignal::new(None),
        typed: RwSignal::new(String::new()),
        judgement: RwSignal::new(None),
        removed: RwSignal::new(String::new()),
        copied: RwSignal::new(None),
        copy_status: RwSignal::new(String::new()),
        outcomes: RwSignal::new(None),
        form: WizardForm::new(),
        api: StoredValue::new_local(api),
        on_navigate,
    };

    let (records, prepared) = flow.api.with_value(|api| (api.records(), api.prepared()));
    spawn_local(async move {
        let records = records.await.map(|summary| summary.records);
        flow.records.set(Some(records));
    });
    spawn_local(async move {
        match prepared.await {
            Ok(set) => resume(flow, set),
            Err(error) => flow.load_problem.set(Some(error.to_string())),
        }
        flow.loaded.set(true);
    });
    backup::load_people(flow);

    let step = Memo::new(move |_| flow.step());
    let on_continue = Callback::new(move |step: SeveralStep| on_continue(flow, step));
    let back = Signal::derive(move || {
        let returning = place.with(|place| place.returning);
        let to = if returning {
            Some(SeveralStep::Review)
        } else {
            step.get().previous()
        };
        to.map(|to| flow.link(SeveralPlace::at(to)))
    });
    let shell = move || {
        view! {
            <WizardShell
                form=flow.form
                step=step
                caption="Backup OA for several records"
                steps_label="Steps of preparing the requests"
                field_target=field_target
                back
                on_continue
            >
                {move || step_body(flow, step.get())}
            </WizardShell>
        }
    };
    let submitted = Memo::new(move |_| {
        flow.outcomes.with(Option::is_some) && place.with(|place| place.submitted)
    });
    move || {
        if let Some(problem) = flow.load_problem.get() {
            return view! {
                <Alert kind=AlertKind::Error heading="We could not open your prepared requests">
                    <p>{problem}</p>
                </Alert>
            }
            .into_any();
        }
        if !flow.loaded.get() {
            return view! { <Skeleton label="Loading your prepared requests" blocks=2 /> }
                .into_any();
        }
        if submitted.get() {
            confirmation::confirmation(flow)
        } else {
            shell().into_any()
        }
    }
}

/// The saved set, if any: a submitted one shows its confirmation where the URL says so, and
/// is otherwise done with (a new set starts); one being prepared resumes after its last step.
fn resume(flow: Flow, set: Option<SetView>) {
    let place = flow.place.get_untracked();
    let Some(set) = set else {
        if place.submitted || place.step.is_some_and(|step| step > SeveralStep::Records) {
            flow.go(SeveralPlace::at(SeveralStep::Records));
        }
        return;
    };
    if let Some(outcomes) = set.outcomes {
        if place.submitted {
            flow.draft.set(set.draft);
            flow.outcomes.set(Some(outcomes));
        } else if place.step.is_some_and(|step| step > SeveralStep::Records) {
            flow.go(SeveralPlace::at(SeveralStep::Records));
        }
        return;
    }
    let resuming = SeveralStep::resuming(set.step);
    flow.draft.set(set.draft);
    flow.form.completed.set(resuming.number() - 1);
    // A step further than the saved set reaches opens where it resumes.
    if place.submitted || place.step.is_none_or(|step| step > resuming) {
        flow.go(SeveralPlace::at(resuming));
    }
}

fn step_body(flow: Flow, step: SeveralStep) -> AnyView {
    match step {
        SeveralStep::Records => records::records_step(flow),
        SeveralStep::Backup => backup::backup_step(flow),
        SeveralStep::Exclusion => answers::answers_step(flow),
        SeveralStep::Review => check::review_step(flow),
        SeveralStep::Sign => check::sign_step(flow),
    }
}

/// Continue: the step's checks from the contract, then the save (or, on the last step, the
/// signature); a refusal shows in the summary and at the fields.
fn on_continue(flow: Flow, step: SeveralStep) {
    let Some(saved_as) = step.saved_as() else {
        let errors = validate_signature(&flow.form.signature());
        if errors.is_empty() {
            confirmation::sign(flow);
        } else {
            flow.form.show_errors(error_lines(&errors));
        }
        return;
    };
    if step == SeveralStep::Backup {
        backup::take_typed(flow);
        if let Some(lines) = backup::refused_records(flow) {
            flow.form.show_errors(lines);
            return;
        }
    }
    let errors = flow
        .draft
        .with_untracked(|draft| validate_set(saved_as, draft));
    if !errors.is_empty() {
        flow.form.show_errors(error_lines(&errors));
        return;
    }
    save(flow, step, saved_as);
}

/// Saves the set through the step, then opens where `after_save` says.
fn save(flow: Flow, step: SeveralStep, saved_as: SetStep) {
    let save = SaveSet {
        step: saved_as,
        draft: flow.draft.get_untracked(),
    };
    let answer = flow.api.with_value(|api| api.save(save));
    flow.form.send(answer, move |answer| match answer {
        Ok(saved) => {
            flow.form.completed.set(step.number());
            let answered = validate_set(SetStep::Exclusion, &saved.draft).is_empty();
            flow.draft.set(saved.draft);
            let returning = flow.place.with_untracked(|place| place.returning);
            flow.go(after_save(step, returning, answered));
        }
        Err(error) => {
            let refused_records = matches!(&error, ApiError::Validation { fields, .. }
                if fields.keys().any(|field| field.starts_with("records.")));
            flow.form.show_errors(refusal_lines(error, ""));
            if step == SeveralStep::Backup && refused_records {
                backup::judge(flow);
            }
        }
    });
}
