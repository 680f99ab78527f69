//! `/oa-change`: the OA Change Request wizard (R-OA-1, R-OA-2, R-BOA-1..10), one question per
//! page. Where the wizard is lives in the URL (`?record=..&step=..`) and the answers in the
//! server's draft, saved on every Continue, so a reload resumes where the user was. The page
//! takes its requests as a trait so a test can script the server.

use crate::api::oa_change::OaChangeApi;
use crate::api::ApiError;
use crate::components::error_summary::ERROR_SUMMARY_ID;
use crate::components::focus::focus_by_id_after_render;
use crate::components::wizard::{
    answer_exclusion, exclusion_questions, radio, signature_fields, summary_list, StepIndicator,
    SummaryRow, Upload,
};
use crate::components::{Alert, AlertKind, ErrorSummary, PageHeading, Skeleton, SummaryItem};
use crate::state::oa_change::{
    after_change, answer_rows, error_lines, facts, field_target, listed_from, next_step, oa_text,
    previous_step, primary_text, record_label, resume_step, typed_record, AnswerRow, WizardPlace,
};
use contract::application::{
    AttachmentInfo, ExclusionQuestion, Steps, SubmitReceipt, SubmitRequest,
};
use contract::oa_change::{
    validate_request, validate_step, ApplicationDetail, BackupChoice, DraftView, OaChangeDraft,
    PickableRecord, PrimaryChoice, RecordFacts, RecordOverview, ReturnedRequest, SaveDraft, Step,
};
use contract::records::{Ineligibility, RecordKind};
use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// What the steps share; every field is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
struct Wizard {
    place: Signal<WizardPlace>,
    step: Memo<Step>,
    records: RwSignal<Option<Result<Vec<PickableRecord>, ApiError>>>,
    overview: RwSignal<Option<RecordOverview>>,
    overview_problem: RwSignal<Option<String>>,
    draft: RwSignal<OaChangeDraft>,
    /// The caller's saved draft (or returned request) for the record, offered on step 1.
    saved: RwSignal<Option<DraftView>>,
    typed: RwSignal<String>,
    code: RwSignal<String>,
    code_refused: RwSignal<bool>,
    errors: RwSignal<Vec<(String, String)>>,
    busy: RwSignal<bool>,
    uploaded: RwSignal<Option<AttachmentInfo>>,
    attestation: RwSignal<bool>,
    pin: RwSignal<String>,
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

    /// The submitted request's confirmation is showing, or on its way (after a reload).
    fn submitted(self) -> bool {
        self.receipt.with(Option::is_some) || self.place.with(|place| place.submitted.is_some())
    }

    fn show_errors(self, lines: Vec<(String, String)>) {
        self.errors.set(lines);
        focus_by_id_after_render(ERROR_SUMMARY_ID);
    }

    fn backup_unavailable(self) -> bool {
        self.overview.with(|overview| {
            overview
                .as_ref()
                .is_some_and(|o| o.backup_unavailable.is_some())
        })
    }
}

#[component]
pub fn OaChangeWizard(
    api: Rc<dyn OaChangeApi>,
    /// Where the URL says the wizard is.
    #[prop(into)]
    place: Signal<WizardPlace>,
    /// The signed-in user's NCID (the new primary of a billing agent record, R-OA-1).
    #[prop(into)]
    applicant: String,
    /// Moves the wizard: the app puts the place in the URL.
    on_navigate: Callback<WizardPlace>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let applicant = StoredValue::new(applicant);
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
        step,
        records: RwSignal::new(None),
        overview: RwSignal::new(None),
        overview_problem: RwSignal::new(None),
        draft: RwSignal::new(OaChangeDraft::default()),
        saved: RwSignal::new(None),
        typed: RwSignal::new(String::new()),
        code: RwSignal::new(String::new()),
        code_refused: RwSignal::new(false),
        errors: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
        uploaded: RwSignal::new(None),
        attestation: RwSignal::new(false),
        pin: RwSignal::new(String::new()),
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
        let Some(record) = place.with(|place| place.record.clone()) else {
            return;
        };
        if loaded_for.get_value().as_deref() == Some(record.as_str()) {
            return;
        }
        loaded_for.set_value(Some(record.clone()));
        wizard.overview.set(None);
        wizard.overview_problem.set(None);
        wizard.saved.set(None);
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
                let resume = resume_step(saved.step);
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

    // A reload of the confirmation: the request named in the URL, as the server has it.
    Effect::new(move |_| {
        let Some(id) = place.with(|place| place.submitted) else {
            return;
        };
        if wizard
            .receipt
            .with_untracked(|receipt| receipt.as_ref().is_some_and(|receipt| receipt.id == id))
        {
            return;
        }
        let answer = api.with_value(|api| api.application(id));
        spawn_local(async move {
            match answer.await {
                Ok(detail) => match receipt_of(&detail) {
                    Some(receipt) => wizard.receipt.set(Some(receipt)),
                    None => wizard
                        .receipt_problem
                        .set(Some("This request has not been submitted.".into())),
                },
                Err(error) => wizard.receipt_problem.set(Some(error.to_string())),
            }
        });
    });

    // Each step starts without the last one's errors.
    Effect::new(move |_| {
        step.track();
        wizard.errors.set(Vec::new());
    });

    let summary = Signal::derive(move || {
        let unavailable = wizard.backup_unavailable();
        wizard.errors.with(|lines| {
            lines
                .iter()
                .map(|(field, message)| SummaryItem {
                    target: field_target(field).filter(|_| !(field == "backup" && unavailable)),
                    message: message.clone(),
                })
                .collect::<Vec<_>>()
        })
    });

    let on_continue = move |ev: SubmitEvent| {
        ev.prevent_default();
        if wizard.busy.get_untracked() {
            return;
        }
        let step = step.get_untracked();
        let record = if step == Step::Record {
            match chosen_record(wizard) {
                Ok(record) => record,
                Err(message) => {
                    wizard.show_errors(vec![("record".into(), message)]);
                    return;
                }
            }
        } else {
            let Some(record) = place.with_untracked(|place| place.record.clone()) else {
                return;
            };
            let refused = with_facts(wizard, applicant, |facts| {
                wizard.draft.with_untracked(|draft| {
                    if step == Step::Sign {
                        error_lines(&validate_request(draft, facts, &signature(wizard)))
                    } else {
                        error_lines(&validate_step(step, draft, facts))
                    }
                })
            });
            match refused {
                None => return,
                Some(lines) if !lines.is_empty() => {
                    wizard.show_errors(lines);
                    return;
                }
                Some(_) if step == Step::Sign => {
                    sign(wizard, record);
                    return;
                }
                Some(_) => record,
            }
        };
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
        let answer = api.with_value(|api| api.save(record.clone(), save));
        wizard.busy.set(true);
        spawn_local(async move {
            let answer = answer.await;
            wizard.busy.set(false);
            match answer {
                Ok(saved) => {
                    wizard.draft.set(saved.draft);
                    wizard.returned.set(saved.returned);
                    // A step opened from Check your answers goes back there (for the same record).
                    let returning = place.with_untracked(|place| {
                        place.returning && place.record.as_deref() == Some(record.as_str())
                    });
                    let back = returning
                        .then(|| {
                            with_facts(wizard, applicant, |facts| {
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
                        None => wizard.go(Some(record), next_step(step)),
                    }
                }
                Err(error) => {
                    if matches!(error, ApiError::Forbidden(_)) {
                        wizard.code_refused.set(true);
                    }
                    wizard.show_errors(refusal_lines(error));
                }
            }
        });
    };

    view! {
        <div class="wizard">
            <StepIndicator
                number=Signal::derive(move || step.get().number())
                titles=Step::ALL.iter().map(|step| step.title()).collect()
                label="Steps of the request"
            />
            // The confirmation is the end: nothing to go back to.
            <Show when=move || !wizard.submitted()>
                <BackLink wizard />
            </Show>
            <ErrorSummary items=summary />
            {move || {
                let step = step.get();
                view! {
                    <span class="caption">"OA Change Request"</span>
                    <PageHeading text=step.title() />
                }
            }}
            <ReturnedNotice wizard />
            <form class="wizard__form" novalidate on:submit=on_continue>
                {move || match step.get() {
                    Step::Record => record_step(wizard).into_any(),
                    Step::OfficeAdministrator => with_overview(wizard, move |overview| {
                        primary_step(wizard, overview, applicant.get_value())
                    }),
                    Step::Backup => with_overview(wizard, move |overview| backup_step(wizard, overview)),
                    Step::ContinuedAccess => with_overview(wizard, move |_| access_step(wizard)),
                    Step::Exclusion => with_overview(wizard, move |_| exclusion_step(wizard)),
                    Step::Review => with_overview(wizard, move |overview| review_step(wizard, overview)),
                    // The confirmation does not need the record: a reload shows it from the request.
                    Step::Sign if wizard.submitted() => confirmation(wizard),
                    Step::Sign => with_overview(wizard, move |_| sign_step(wizard)),
                }}
                <Show when=move || !wizard.submitted()>
                    <button type="submit" class="button" aria-disabled=move || wizard.busy.get().to_string()>
                        {move || if step.get() == Step::Sign { "Sign and submit" } else { "Continue" }}
                    </button>
                </Show>
            </form>
        </div>
    }
}

/// Runs `check` on the record's facts, once its overview has come.
fn with_facts<R>(
    wizard: Wizard,
    applicant: StoredValue<String>,
    check: impl FnOnce(&RecordFacts) -> R,
) -> Option<R> {
    wizard.overview.with_untracked(|overview| {
        overview.as_ref().map(|overview| {
            let listed = listed_from(&overview.candidates);
            applicant.with_value(|applicant| check(&facts(overview, &listed, applicant)))
        })
    })
}

/// A submitted request's receipt, as the confirmation shows it (R-OA-6: it has a tracking number).
fn receipt_of(detail: &ApplicationDetail) -> Option<SubmitReceipt> {
    let summary = &detail.summary;
    Some(SubmitReceipt {
        id: summary.id,
        tracking_number: summary.tracking_number.clone()?,
        submitted: summary.submitted?,
    })
}

/// Step 1's answer: the id typed wins over the record picked; none, or a wrong NPI, is refused.
fn chosen_record(wizard: Wizard) -> Result<String, String> {
    let typed = wizard.typed.get_untracked();
    if !typed.trim().is_empty() {
        return typed_record(&typed);
    }
    wizard
        .place
        .with_untracked(|place| place.record.clone())
        .ok_or_else(|| "Choose a provider record, or enter its NPI or Atypical ID".to_owned())
}

/// A server refusal as lines of the error summary.
fn refusal_lines(error: ApiError) -> Vec<(String, String)> {
    refusal_lines_on(error, "authorization_code")
}

/// As `refusal_lines`, with a 403 or 423 shown on `denied_field` (the PIN when signing).
fn refusal_lines_on(error: ApiError, denied_field: &str) -> Vec<(String, String)> {
    match error {
        ApiError::Validation { message, fields } if fields.is_empty() => {
            vec![(String::new(), message)]
        }
        ApiError::Validation { fields, .. } => fields.into_iter().collect(),
        ApiError::Forbidden(message) | ApiError::Locked(message) => {
            vec![(denied_field.to_owned(), message)]
        }
        ApiError::NotFound(message) => vec![("record".into(), message)],
        other => vec![(String::new(), other.to_string())],
    }
}

/// R-OA-6: a request returned for correction says so on every step, with the reviewer's note,
/// until it is submitted again (it keeps its tracking number).
#[component]
fn ReturnedNotice(wizard: Wizard) -> impl IntoView {
    move || {
        let returned = wizard.returned.get()?;
        if wizard.receipt.with(Option::is_some) {
            return None;
        }
        Some(view! {
            <div id="returned-notice">
                <Alert kind=AlertKind::Warning heading="This request was returned for correction">
                    <p>
                        {format!(
                            "NCTracks operations returned request {}. Correct your answers, then sign and submit it again: it keeps its tracking number.",
                            returned.tracking_number
                        )}
                    </p>
                    {returned.note.map(|note| view! {
                        <p>"Note from NCTracks operations: " <strong class="returned-note">{note}</strong></p>
                    })}
                </Alert>
            </div>
        })
    }
}

#[component]
fn BackLink(wizard: Wizard) -> impl IntoView {
    // A step opened from Check your answers leads back there.
    let target = move || {
        let (record, returning) = wizard
            .place
            .with(|place| (place.record.clone(), place.returning));
        let step = if returning {
            Some(Step::Review)
        } else {
            previous_step(wizard.step.get())
        };
        step.map(|step| WizardPlace::at(record, step))
    };
    let href = move || target().map_or_else(|| "/".to_owned(), |place| place.path());
    let on_click = move |ev: MouseEvent| {
        if let Some(place) = target() {
            if !ev.default_prevented() {
                ev.prevent_default();
                wizard.on_navigate.run(place);
            }
        }
    };
    view! {
        <a class="back-link" href=href on:click=on_click>
            "Back"
        </a>
    }
}

/// Steps 2 and 3 need the record's overview: a skeleton until it comes, or why it did not.
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

fn record_details(overview: &RecordOverview) -> impl IntoView {
    let programs = overview
        .programs
        .iter()
        .map(|program| program.label())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <dl class="record__details oa-record">
            <dt>"Record"</dt>
            <dd>{overview.name.clone()}</dd>
            <dt>"Kind"</dt>
            <dd>{overview.kind.label()}</dd>
            <dt>"Programs"</dt>
            <dd>{programs}</dd>
            <dt>"Primary OA"</dt>
            <dd>{primary_text(overview)}</dd>
            <dt>"Backup OA"</dt>
            <dd>{oa_text(overview.backup_oa.as_ref())}</dd>
        </dl>
    }
}

fn record_step(wizard: Wizard) -> AnyView {
    let record_list = move || match wizard.records.get() {
        None => view! { <Skeleton label="Loading your provider records" blocks=1 /> }.into_any(),
        Some(Err(error)) => view! {
            <Alert kind=AlertKind::Error heading="We could not load your provider records">
                <p>{error.to_string()}</p>
            </Alert>
        }
        .into_any(),
        Some(Ok(records)) => records
            .into_iter()
            .enumerate()
            .map(|(index, record)| {
                let label = record_label(&record);
                let id = record.id;
                let mine = id.clone();
                let checked = Signal::derive(move || {
                    wizard
                        .place
                        .with(|place| place.record.as_deref() == Some(mine.as_str()))
                });
                radio(
                    "record",
                    format!("record-{index}"),
                    label,
                    None,
                    checked,
                    move || {
                        wizard.typed.set(String::new());
                        wizard.go(Some(id.clone()), Step::Record);
                    },
                )
            })
            .collect_view()
            .into_any(),
    };
    let code_needed = move || {
        wizard.code_refused.get()
            || !wizard.typed.with(|typed| typed.trim().is_empty())
            || wizard.overview.with(|overview| {
                overview
                    .as_ref()
                    .is_some_and(|overview| overview.needs_authorization_code)
            })
    };
    // R-OA-5: a user has one draft per record, so starting again for the same record offers
    // the saved one (its answers are already filled in below).
    let resume_offer = move || {
        let saved = wizard.saved.get()?;
        let record = wizard.place.with(|place| place.record.clone())?;
        (saved.record_id == record).then(|| {
            let step = resume_step(saved.step);
            let place = WizardPlace::at(Some(record), step);
            let href = place.path();
            let on_click = move |ev: MouseEvent| {
                if !ev.default_prevented() {
                    ev.prevent_default();
                    wizard.on_navigate.run(place.clone());
                }
            };
            view! {
                <div id="resume-offer">
                    <Alert kind=AlertKind::Info heading="You have already started a request for this record">
                        <p>
                            {format!(
                                "Your answers were saved on {}. Continue where you left off, or check each step again with Continue.",
                                saved.updated.long_form(),
                            )}
                        </p>
                        <p>
                            <a href=href on:click=on_click>
                                {format!("Continue where you left off: step {} of {}, {}", step.number(), Step::count(), step.title())}
                            </a>
                        </p>
                    </Alert>
                </div>
            }
        })
    };
    view! {
        <fieldset class="fieldset">
            <legend class="label">"Which provider record is the request for?"</legend>
            {record_list}
        </fieldset>
        {resume_offer}
        <div class="form-group">
            <label class="label" for="record-id">
                "NPI or Atypical ID"
            </label>
            <p class="hint" id="record-id-hint">
                "If the record is not listed, enter its 10-digit NPI or its Atypical ID."
            </p>
            <input
                class="input"
                type="text"
                id="record-id"
                autocomplete="off"
                aria-describedby="record-id-hint"
                prop:value=wizard.typed
                on:input=move |ev| wizard.typed.set(event_target_value(&ev))
            />
        </div>
        <Show when=code_needed>
            <div class="form-group">
                <label class="label" for="authorization-code">
                    "Authorization Code"
                </label>
                <p class="hint" id="authorization-code-hint">
                    "You are not this record's Office Administrator or backup OA, so give the record's Authorization Code. The record's details appear once the code is accepted."
                </p>
                <input
                    class="input"
                    type="text"
                    id="authorization-code"
                    autocomplete="off"
                    aria-describedby="authorization-code-hint"
                    prop:value=wizard.code
                    on:input=move |ev| wizard.code.set(event_target_value(&ev))
                />
            </div>
        </Show>
        {move || {
            wizard
                .overview_problem
                .get()
                .map(|problem| {
                    view! {
                        <Alert kind=AlertKind::Warning>
                            <p>{problem}</p>
                        </Alert>
                    }
                })
        }}
        {move || wizard.overview.with(|overview| overview.as_ref().map(record_details))}
    }
    .into_any()
}

fn primary_step(wizard: Wizard, overview: &RecordOverview, applicant: String) -> AnyView {
    let current = overview
        .primary_oa
        .as_ref()
        .filter(|_| overview.has_active_primary_oa)
        .map(|oa| oa.ncid.clone());
    let chosen = move |ncid: Option<String>| {
        Signal::derive(move || {
            wizard
                .draft
                .with(|draft| draft.new_primary().map(str::to_owned) == ncid)
        })
    };
    let choose = move |ncid: Option<String>| {
        move || {
            wizard.draft.update(|draft| {
                draft.primary = ncid
                    .clone()
                    .map_or(PrimaryChoice::Keep, |ncid| PrimaryChoice::New { ncid });
            });
        }
    };
    let people = if overview.kind == RecordKind::BillingAgent {
        // R-OA-1: a billing agent record lists nobody; its new primary is the applicant.
        let label = format!("Make me ({applicant}) the new primary OA");
        let why = current
            .as_deref()
            .filter(|primary| primary.eq_ignore_ascii_case(&applicant))
            .map(|_| Ineligibility::IsPrimaryOa.explanation());
        radio(
            "primary",
            "primary-me".into(),
            label,
            why,
            chosen(Some(applicant.clone())),
            choose(Some(applicant)),
        )
        .into_any()
    } else {
        overview
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, candidate)| candidate.ncid != current)
            .map(|(index, candidate)| {
                let label = format!("{} ({})", candidate.name, candidate.relationship.label());
                let why = candidate
                    .as_new_primary
                    .as_ref()
                    .map(Ineligibility::explanation);
                let ncid = candidate.ncid.clone().unwrap_or_default();
                radio(
                    "primary",
                    format!("primary-{index}"),
                    label,
                    why,
                    chosen(Some(ncid.clone())),
                    choose(Some(ncid)),
                )
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="fieldset">
            <legend class="label">"Who should be the record's Office Administrator?"</legend>
            <p class="hint">"Current primary OA: " {primary_text(overview)}</p>
            {radio("primary", "primary-keep".into(), "Keep the current primary OA".into(), None, chosen(None), choose(None))}
            {people}
        </fieldset>
    }
    .into_any()
}

fn backup_step(wizard: Wizard, overview: &RecordOverview) -> AnyView {
    let notes = view! {
        <p class="hint">
            "The backup OA is not promoted automatically when the primary OA leaves: a new primary OA needs a new OA Change Request."
        </p>
        <p class="hint">"The backup OA receives every communication sent to the primary OA."</p>
    };
    if let Some(why) = overview.backup_unavailable {
        return view! {
            <div id="backup-unavailable">
                <Alert kind=AlertKind::Info heading="A backup OA is not available for this record">
                    <p>{format!("{why} ({})", why.rule())}</p>
                </Alert>
            </div>
        }
        .into_any();
    }
    let current = overview.backup_oa.clone();
    let choice = move |wanted: BackupChoice| {
        Signal::derive(move || wizard.draft.with(|draft| draft.backup == wanted))
    };
    let choose =
        move |to: BackupChoice| move || wizard.draft.update(|draft| draft.backup = to.clone());
    let verb = if current.is_some() {
        "Replace the backup OA with"
    } else {
        "Assign as backup OA:"
    };
    let people = overview
        .candidates
        .iter()
        .enumerate()
        .filter_map(|(index, candidate)| {
            let ncid = candidate.ncid.clone()?;
            if current
                .as_ref()
                .is_some_and(|oa| oa.ncid.eq_ignore_ascii_case(&ncid))
            {
                return None;
            }
            let label = format!(
                "{verb} {} ({})",
                candidate.name,
                candidate.relationship.label()
            );
            let server_why = candidate.as_backup.as_ref().map(Ineligibility::explanation);
            let mine = ncid.clone();
            let why = Signal::derive(move || {
                server_why.clone().or_else(|| {
                    wizard
                        .draft
                        .with(|draft| draft.new_primary() == Some(mine.as_str()))
                        .then(|| Ineligibility::IsNewPrimaryOa.explanation())
                })
            });
            let to = BackupChoice::Assign { ncid };
            let id = format!("backup-{index}");
            Some(move || {
                radio(
                    "backup",
                    id.clone(),
                    label.clone(),
                    why.get(),
                    choice(to.clone()),
                    choose(to.clone()),
                )
            })
        })
        .collect_view();
    let remove = current.map(|oa| {
        radio(
            "backup",
            "backup-remove".into(),
            format!("Remove {} as backup OA", oa.name),
            None,
            choice(BackupChoice::Remove),
            choose(BackupChoice::Remove),
        )
    });
    view! {
        <fieldset class="fieldset">
            <legend class="label">"What should happen to the backup OA?"</legend>
            <p class="hint">"Current backup OA: " {oa_text(overview.backup_oa.as_ref())}</p>
            {radio("backup", "backup-no-change".into(), "No change to the backup OA".into(), None, choice(BackupChoice::NoChange), choose(BackupChoice::NoChange))}
            {people}
            {remove}
        </fieldset>
        {notes}
    }
    .into_any()
}

/// Step 4 (R-OA-4): asked only when the primary changes.
fn access_step(wizard: Wizard) -> AnyView {
    if wizard.draft.with(|draft| draft.new_primary().is_none()) {
        return view! {
            <p class="lead" id="continued-access-not-asked">
                "This step does not apply: the request keeps the current primary OA. Continue to the next step."
            </p>
        }
        .into_any();
    }
    let answer = move |value: bool| {
        (
            Signal::derive(move || {
                wizard
                    .draft
                    .with(|draft| draft.continued_access == Some(value))
            }),
            move || {
                wizard
                    .draft
                    .update(|draft| draft.continued_access = Some(value))
            },
        )
    };
    let (yes, choose_yes) = answer(true);
    let (no, choose_no) = answer(false);
    view! {
        <fieldset class="fieldset">
            <legend class="label">"Should the record's users keep their access under the new OA?"</legend>
            {radio("continued_access", "continued-access-yes".into(), "Yes, every user keeps their access".into(), None, yes, choose_yes)}
            <p class="hint radio__hint">"Every user's association with the record stays, now under the new OA."</p>
            {radio("continued_access", "continued-access-no".into(), "No, only the previous OA and the MR users keep their access".into(), None, no, choose_no)}
            <p class="hint radio__hint">"The other users' associations become Inactive. Owners and MR users always stay."</p>
        </fieldset>
    }
    .into_any()
}

/// Step 5 (R-OA-3): the three questions, and the explanation document when any answer is Yes.
fn exclusion_step(wizard: Wizard) -> AnyView {
    let answers = Signal::derive(move || wizard.draft.with(|draft| draft.exclusion.clone()));
    let on_answer = Callback::new(move |(question, value): (ExclusionQuestion, bool)| {
        wizard
            .draft
            .update(|draft| answer_exclusion(&mut draft.exclusion, question, value));
    });
    let upload: Upload = Rc::new(move |file| wizard.api.with_value(|api| api.upload(file)));
    let on_uploaded = Callback::new(move |info: AttachmentInfo| {
        wizard
            .draft
            .update(|draft| draft.exclusion.explanation = Some(info.id));
        wizard.errors.set(Vec::new());
    });
    let on_problem = Callback::new(move |message: String| {
        wizard.show_errors(vec![("exclusion.explanation".into(), message)]);
    });
    exclusion_questions(
        answers,
        on_answer,
        upload,
        wizard.uploaded,
        on_uploaded,
        on_problem,
    )
    .into_any()
}

fn signature(wizard: Wizard) -> SubmitRequest {
    SubmitRequest {
        attestation: wizard.attestation.get_untracked(),
        pin: wizard.pin.get_untracked(),
    }
}

/// Step 7's submission (R-AUTH-4); the PIN is forgotten whatever the answer.
fn sign(wizard: Wizard, record: String) {
    let answer = wizard
        .api
        .with_value(|api| api.submit(record, signature(wizard)));
    wizard.pin.set(String::new());
    wizard.busy.set(true);
    spawn_local(async move {
        let answer = answer.await;
        wizard.busy.set(false);
        match answer {
            Ok(receipt) => {
                wizard.errors.set(Vec::new());
                let id = receipt.id;
                wizard.receipt.set(Some(receipt));
                // The URL names the request, so a reload shows this confirmation again.
                wizard.on_navigate.run(WizardPlace {
                    submitted: Some(id),
                    ..WizardPlace::at(
                        wizard.place.with_untracked(|p| p.record.clone()),
                        Step::Sign,
                    )
                });
                focus_by_id_after_render("oa-change-confirmation");
            }
            Err(error) => wizard.show_errors(refusal_lines_on(error, "pin")),
        }
    });
}

/// Step 6: every answer, each with a Change link back to its step that returns here.
fn review_step(wizard: Wizard, overview: &RecordOverview) -> AnyView {
    let rows = wizard
        .draft
        .with(|draft| answer_rows(&overview.name, draft, Some(overview)));
    let change = ChangeLinks {
        record: wizard.place.with(|place| place.record.clone()),
        on_navigate: wizard.on_navigate,
    };
    answer_list(rows, Some(change))
}

/// Where the Change links of Check your answers lead.
pub(crate) struct ChangeLinks {
    pub record: Option<String>,
    pub on_navigate: Callback<WizardPlace>,
}

/// A request's answers as a summary list, as step 6 and My applications show them; with
/// `change`, each row links to its step, marked to come back to Check your answers.
pub(crate) fn answer_list(rows: Vec<AnswerRow>, change: Option<ChangeLinks>) -> AnyView {
    let rows = rows
        .into_iter()
        .map(
            |AnswerRow {
                 step,
                 question,
                 answer,
             }| SummaryRow {
                change: change.as_ref().map(|change| {
                    let place = WizardPlace {
                        returning: true,
                        ..WizardPlace::at(change.record.clone(), step)
                    };
                    let on_navigate = change.on_navigate;
                    let href = place.path();
                    (
                        href,
                        Callback::new(move |()| on_navigate.run(place.clone())),
                    )
                }),
                question,
                answer,
            },
        )
        .collect();
    summary_list(rows).into_any()
}

/// Step 7: the attestation and the PIN (R-AUTH-4); the confirmation follows.
fn sign_step(wizard: Wizard) -> AnyView {
    signature_fields(wizard.attestation, wizard.pin).into_any()
}

/// After step 7: the tracking number and what happens next, also after a reload (the URL names
/// the request).
fn confirmation(wizard: Wizard) -> AnyView {
    if let Some(problem) = wizard.receipt_problem.get() {
        return view! {
            <Alert kind=AlertKind::Error heading="We could not show the confirmation">
                <p>{problem}</p>
                <p>"The request's status and tracking number are in " <a href="/applications">"My applications"</a> "."</p>
            </Alert>
        }
        .into_any();
    }
    let Some(receipt) = wizard.receipt.get() else {
        return view! { <Skeleton label="Loading the confirmation" blocks=1 /> }.into_any();
    };
    view! {
        <div class="confirmation" id="oa-change-confirmation" tabindex="-1">
            <Alert kind=AlertKind::Success heading="Request submitted">
                <p>
                    "Your tracking number is " <strong class="tracking-number">{receipt.tracking_number.to_string()}</strong>
                </p>
                <p>{format!("Submitted on {}.", receipt.submitted.long_form())}</p>
            </Alert>
            <h2>"What happens next"</h2>
            <p>
                "NCTracks reviews the request. Keep the tracking number to ask about it. Nothing changes on the record until the request is approved."
            </p>
            <p>"You can follow its status, or withdraw it, in " <a href="/applications">"My applications"</a> "."</p>
            <button type="button" class="button button--outline" on:click=move |_| { _ = window().print(); }>
                "Print this page"
            </button>
        </div>
    }
    .into_any()
}
