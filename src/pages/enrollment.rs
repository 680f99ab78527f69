//! `/enrollment`: the initial enrollment application (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10,
//! R-OA-3, R-AUTH-4), nine steps in the shape of the OA Change Request. Without an application
//! in the URL the page lists the user's applications; with one it is the wizard, whose answers
//! are saved to the server on every Continue so a reload resumes them. The applicant becomes the
//! primary OA and is the only one who signs; the named backup OA reads the application only.

use crate::api::enrollment::EnrollmentApi;
use crate::api::ApiError;
use crate::components::error_summary::ERROR_SUMMARY_ID;
use crate::components::focus::focus_by_id_after_render;
use crate::components::wizard::{
    answer_exclusion, exclusion_questions, radio, signature_fields, summary_list, StepIndicator,
    SummaryRow,
};
use crate::components::{Alert, AlertKind, ErrorSummary, PageHeading, Skeleton, SummaryItem};
use crate::state::enrollment::{field_target, previous_step, resume_step, EnrollmentPlace};
use crate::state::oa_change::{error_lines, yes_no};
use contract::application::{
    ApplicationId, AttachmentInfo, ExclusionQuestion, RequestStatus, Steps, SubmitRequest,
};
use contract::enrollment::{
    validate_enrollment, validate_enrollment_step, EnrollmentDraft, EnrollmentRole, EnrollmentStep,
    EnrollmentView, ListedPerson, SaveEnrollment,
};
use contract::records::{Ineligibility, Program, RecordKind, Relationship};
use leptos::ev::{MouseEvent, SubmitEvent};
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
        None => view! { <ApplicationList api on_navigate /> }.into_any(),
        Some(id) => view! { <EnrollmentWizard api id place on_navigate /> }.into_any(),
    }
}

/// The user's applications and those that name them backup OA, with a way to start one.
#[component]
fn ApplicationList(api: SharedApi, on_navigate: Callback<EnrollmentPlace>) -> impl IntoView {
    let applications = RwSignal::new(None::<Result<Vec<EnrollmentView>, ApiError>>);
    let starting = RwSignal::new(false);
    let start_problem = RwSignal::new(None::<String>);
    let load = move || {
        applications.set(None);
        let answer = api.with_value(|api| api.list());
        spawn_local(async move {
            let answer = answer.await;
            applications.set(Some(answer));
        });
    };
    load();
    let start = move |_| {
        if starting.get_untracked() {
            return;
        }
        starting.set(true);
        let answer = api.with_value(|api| api.create());
        spawn_local(async move {
            let answer = answer.await;
            starting.set(false);
            match answer {
                Ok(created) => on_navigate.run(EnrollmentPlace::at(
                    created.id,
                    EnrollmentStep::ProviderType,
                )),
                Err(error) => start_problem.set(Some(error.to_string())),
            }
        });
    };
    let table = move || match applications.get() {
        None => {
            view! { <Skeleton label="Loading your enrollment applications" blocks=2 /> }.into_any()
        }
        Some(Err(error)) => view! {
            <Alert kind=AlertKind::Error heading="We could not load your enrollment applications">
                <p>{error.to_string()}</p>
                <button type="button" class="button button--outline" on:click=move |_| load()>
                    "Try again"
                </button>
            </Alert>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="lead" id="no-enrollments">"You have no enrollment applications yet."</p>
        }
        .into_any(),
        Some(Ok(list)) => {
            let rows = list
                .into_iter()
                .map(|application| application_row(application, on_navigate))
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="table">
                        <caption class="visually-hidden">"Your enrollment applications"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Provider"</th>
                                <th scope="col">"Your role"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Tracking number"</th>
                                <th scope="col">"Last updated"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <PageHeading text="Enrollment applications" />
        <p class="lead">
            "Enroll a new provider. You become its primary Office Administrator, and you may name a backup OA among the owners and managing relationships you list."
        </p>
        {move || {
            start_problem
                .get()
                .map(|problem| {
                    view! {
                        <Alert kind=AlertKind::Error heading="We could not start an application">
                            <p>{problem}</p>
                        </Alert>
                    }
                })
        }}
        <p>
            <button
                type="button"
                class="button"
                aria-disabled=move || starting.get().to_string()
                on:click=start
            >
                "Start a new enrollment application"
            </button>
        </p>
        <h2>"Your applications"</h2>
        {table}
    }
}

fn application_row(
    application: EnrollmentView,
    on_navigate: Callback<EnrollmentPlace>,
) -> impl IntoView {
    let place = EnrollmentPlace {
        application: Some(application.id),
        ..EnrollmentPlace::default()
    };
    let href = place.path();
    let open = move |ev: MouseEvent| {
        if !ev.default_prevented() {
            ev.prevent_default();
            on_navigate.run(place.clone());
        }
    };
    let name = provider_name(&application.draft);
    let role = match application.role {
        EnrollmentRole::Primary => "Primary OA (applicant)",
        EnrollmentRole::NamedBackup => "Named backup OA",
    };
    view! {
        <tr>
            <td>
                <a href=href on:click=open>
                    {name}
                </a>
            </td>
            <td>{role}</td>
            <td>{application.status.label()}</td>
            <td>
                {application
                    .tracking_number
                    .map_or_else(|| "Not submitted yet".to_owned(), |number| number.to_string())}
            </td>
            <td>{application.updated.long_form()}</td>
        </tr>
    }
}

fn provider_name(draft: &EnrollmentDraft) -> String {
    let name = draft.name.trim();
    if name.is_empty() {
        "New provider (not named yet)".to_owned()
    } else {
        name.to_owned()
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
    errors: RwSignal<Vec<(String, String)>>,
    busy: RwSignal<bool>,
    uploaded: RwSignal<Option<AttachmentInfo>>,
    attestation: RwSignal<bool>,
    pin: RwSignal<String>,
    api: SharedApi,
    on_navigate: Callback<EnrollmentPlace>,
}

impl Wizard {
    fn go(self, step: EnrollmentStep, return_to_review: bool) {
        self.on_navigate.run(EnrollmentPlace {
            return_to_review,
            ..EnrollmentPlace::at(self.id, step)
        });
    }

    fn show_errors(self, lines: Vec<(String, String)>) {
        self.errors.set(lines);
        focus_by_id_after_render(ERROR_SUMMARY_ID);
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
        errors: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
        uploaded: RwSignal::new(None),
        attestation: RwSignal::new(false),
        pin: RwSignal::new(String::new()),
        api,
        on_navigate,
    };
    let problem = RwSignal::new(None::<String>);
    let answer = api.with_value(|api| api.application(id));
    spawn_local(async move {
        match answer.await {
            Ok(view) => {
                loaded_step.set(Some(resume_step(view.step)));
                wizard.draft.set(view.draft.clone());
                wizard.view.set(Some(view));
            }
            Err(error) => problem.set(Some(error.to_string())),
        }
    });

    // Each step starts without the last one's errors.
    Effect::new(move |_| {
        step.track();
        wizard.errors.set(Vec::new());
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
                .map(|view| read_only(view).into_any())
                .unwrap_or_else(|| ().into_any()),
        }
    }
}

/// The application as it stands, for the named backup (R-BOA-5) and for the applicant once it
/// is submitted: status, tracking number, and every answer.
fn read_only(view: EnrollmentView) -> impl IntoView {
    let role = view.role;
    let tracking = view
        .tracking_number
        .as_ref()
        .map_or_else(|| "Not submitted yet".to_owned(), ToString::to_string);
    let applicant = format!("{} ({})", view.applicant_name, view.applicant_ncid);
    let status = view.status;
    let backup_message = format!(
        "You are named backup OA in it. Only the applicant, {applicant}, who becomes the primary \
         Office Administrator, can change, sign and submit it (R-BOA-5)."
    );
    let tracking_shown = tracking.clone();
    let notice = match role {
        EnrollmentRole::NamedBackup => view! {
            <Alert kind=AlertKind::Info heading="You can read this application">
                <p>
                    {backup_message}
                </p>
            </Alert>
        }
        .into_any(),
        EnrollmentRole::Primary if status == RequestStatus::Submitted => view! {
            <Alert kind=AlertKind::Success heading="Application submitted">
                <p>
                    "Your tracking number is "
                    <strong class="tracking-number">{tracking_shown}</strong>
                </p>
                {view.submitted.map(|day| view! { <p>{format!("Submitted on {}.", day.long_form())}</p> })}
            </Alert>
            <h2>"What happens next"</h2>
            <p>
                "NCTracks reviews the application. Keep the tracking number to ask about it. Once it is approved the provider record exists, with you as its primary OA and the backup OA you named, and both of you receive its notices."
            </p>
            <p>
                <button type="button" class="button button--outline" on:click=move |_| { _ = window().print(); }>
                    "Print this page"
                </button>
            </p>
        }
        .into_any(),
        EnrollmentRole::Primary => view! {
            <p class="lead">{format!("This application is {}.", status.label().to_lowercase())}</p>
        }
        .into_any(),
    };
    view! {
        <span class="caption">"Enrollment application"</span>
        <PageHeading text=provider_name(&view.draft) />
        <div id="enrollment-confirmation" tabindex="-1">
            {notice}
        </div>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"Status"</dt>
                <dd>{status.label()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Tracking number"</dt>
                <dd>{tracking}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Applicant and primary OA"</dt>
                <dd>{applicant}</dd>
            </div>
        </dl>
        <h2>"Answers"</h2>
        {answers(&view.draft, None)}
        <p>
            <a href=EnrollmentPlace::default().path()>"Back to your enrollment applications"</a>
        </p>
    }
}

fn editing(wizard: Wizard) -> impl IntoView {
    let step = wizard.step;
    let summary = Signal::derive(move || {
        wizard.errors.with(|lines| {
            lines
                .iter()
                .map(|(field, message)| SummaryItem {
                    target: field_target(field),
                    message: message.clone(),
                })
                .collect::<Vec<_>>()
        })
    });
    let returned_note = wizard.view.with_untracked(|view| {
        view.as_ref()
            .filter(|view| view.status == RequestStatus::Returned)
            .map(|view| view.decision_note.clone().unwrap_or_default())
    });
    let on_continue = move |ev: SubmitEvent| {
        ev.prevent_default();
        if wizard.busy.get_untracked() {
            return;
        }
        let step = step.get_untracked();
        let applicant = wizard.applicant();
        if step == EnrollmentStep::Backup
            && wizard
                .draft
                .with_untracked(|d| d.backup_availability().is_err())
        {
            // R-BOA-9, R-BOA-10: nothing to choose, so nothing named.
            wizard.draft.update(|draft| draft.backup = None);
        }
        let lines = wizard.draft.with_untracked(|draft| {
            if step == EnrollmentStep::Sign {
                error_lines(&validate_enrollment(draft, &applicant, &signature(wizard)))
            } else {
                error_lines(&validate_enrollment_step(step, draft, &applicant))
            }
        });
        if !lines.is_empty() {
            wizard.show_errors(lines);
            return;
        }
        if step == EnrollmentStep::Sign {
            sign(wizard);
            return;
        }
        let save = SaveEnrollment {
            step,
            draft: wizard.draft.get_untracked(),
        };
        let answer = wizard.api.with_value(|api| api.save(wizard.id, save));
        wizard.busy.set(true);
        spawn_local(async move {
            let answer = answer.await;
            wizard.busy.set(false);
            match answer {
                Ok(saved) => {
                    wizard.draft.set(saved.draft.clone());
                    wizard.view.set(Some(saved));
                    let next = wizard
                        .place
                        .with_untracked(|place| place.after_continue(step));
                    if let Some(next) = next {
                        wizard.go(next, false);
                    }
                }
                Err(error) => wizard.show_errors(refusal_lines(error, "")),
            }
        });
    };
    let titles = EnrollmentStep::ALL
        .iter()
        .map(|step| step.title())
        .collect();
    view! {
        <div class="wizard">
            <StepIndicator
                number=Signal::derive(move || step.get().number())
                titles
                label="Steps of the enrollment application"
            />
            <BackLink wizard />
            <ErrorSummary items=summary />
            {returned_note
                .map(|note| {
                    view! {
                        <Alert kind=AlertKind::Warning heading="Returned for correction">
                            <p>{format!("NCTracks returned this application: {note}")}</p>
                            <p>"Correct it and submit it again; it keeps its tracking number."</p>
                        </Alert>
                    }
                })}
            {move || {
                view! {
                    <span class="caption">"Enrollment application"</span>
                    <PageHeading text=step.get().title() />
                }
            }}
            <form class="wizard__form" novalidate on:submit=on_continue>
                {move || match step.get() {
                    EnrollmentStep::ProviderType => provider_type_step(wizard).into_any(),
                    EnrollmentStep::Identity => identity_step(wizard).into_any(),
                    EnrollmentStep::Programs => programs_step(wizard).into_any(),
                    EnrollmentStep::People => people_step(wizard).into_any(),
                    EnrollmentStep::OfficeAdministrator => primary_step(wizard).into_any(),
                    EnrollmentStep::Backup => backup_step(wizard).into_any(),
                    EnrollmentStep::Exclusion => exclusion_step(wizard).into_any(),
                    EnrollmentStep::Review => review_step(wizard).into_any(),
                    EnrollmentStep::Sign => signature_fields(wizard.attestation, wizard.pin).into_any(),
                }}
                <button type="submit" class="button" aria-disabled=move || wizard.busy.get().to_string()>
                    {move || if step.get() == EnrollmentStep::Sign { "Sign and submit" } else { "Continue" }}
                </button>
            </form>
        </div>
    }
}

/// A server refusal as lines of the error summary; a 403 or 423 is shown on `denied_field`.
fn refusal_lines(error: ApiError, denied_field: &str) -> Vec<(String, String)> {
    match error {
        ApiError::Validation { message, fields } if fields.is_empty() => {
            vec![(String::new(), message)]
        }
        ApiError::Validation { fields, .. } => fields.into_iter().collect(),
        ApiError::Forbidden(message) | ApiError::Locked(message) => {
            vec![(denied_field.to_owned(), message)]
        }
        other => vec![(String::new(), other.to_string())],
    }
}

#[component]
fn BackLink(wizard: Wizard) -> impl IntoView {
    let target = move || previous_step(wizard.step.get());
    let href = move || {
        target().map_or_else(
            || EnrollmentPlace::default().path(),
            |step| EnrollmentPlace::at(wizard.id, step).path(),
        )
    };
    let on_click = move |ev: MouseEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        match target() {
            Some(step) => wizard.go(step, false),
            None => wizard.on_navigate.run(EnrollmentPlace::default()),
        }
    };
    view! {
        <a class="back-link" href=href on:click=on_click>
            "Back"
        </a>
    }
}

const PROVIDER_TYPES: [(RecordKind, &str); 4] = [
    (RecordKind::Individual, "individual"),
    (RecordKind::Organization, "organization"),
    (RecordKind::Atypical, "atypical"),
    (RecordKind::BillingAgent, "billing-agent"),
];

fn provider_type_step(wizard: Wizard) -> impl IntoView {
    let options = PROVIDER_TYPES
        .into_iter()
        .map(|(kind, slug)| {
            let checked = Signal::derive(move || {
                wizard.draft.with(|draft| draft.provider_type == Some(kind))
            });
            radio(
                "provider_type",
                format!("provider-type-{slug}"),
                kind.label().to_owned(),
                None,
                checked,
                move || {
                    wizard
                        .draft
                        .update(|draft| draft.provider_type = Some(kind))
                },
            )
        })
        .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend class="label">"What kind of provider are you enrolling?"</legend>
            <p class="hint">
                "Billing agents list no owners or managing relationships, so they have no backup OA."
            </p>
            {options}
        </fieldset>
    }
}

/// One labelled text box bound to a part of the draft.
fn text_field(
    wizard: Wizard,
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    autocomplete: &'static str,
    read: fn(&EnrollmentDraft) -> &String,
    write: fn(&mut EnrollmentDraft) -> &mut String,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="form-group">
            <label class="label" for=id>
                {label}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            <input
                class="input"
                type="text"
                id=id
                autocomplete=autocomplete
                aria-describedby=hint_id
                prop:value=move || wizard.draft.with(|draft| read(draft).clone())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    wizard.draft.update(|draft| *write(draft) = value);
                }
            />
        </div>
    }
}

fn identity_step(wizard: Wizard) -> impl IntoView {
    let atypical = wizard
        .draft
        .with_untracked(|draft| draft.provider_type == Some(RecordKind::Atypical));
    let (id_label, id_hint) = if atypical {
        (
            "Atypical ID",
            "Up to 15 letters and digits, as NC Medicaid issued it.",
        )
    } else {
        (
            "NPI",
            "The provider's 10-digit National Provider Identifier.",
        )
    };
    view! {
        {text_field(wizard, "provider-name", "Legal name of the provider", None, "organization", |d| &d.name, |d| &mut d.name)}
        {text_field(wizard, "provider-id", id_label, Some(id_hint), "off", |d| &d.provider_id, |d| &mut d.provider_id)}
        <fieldset class="fieldset">
            <legend class="label">"Service address"</legend>
            {text_field(wizard, "address-street", "Street address", None, "address-line1", |d| &d.address.street, |d| &mut d.address.street)}
            {text_field(wizard, "address-city", "City", None, "address-level2", |d| &d.address.city, |d| &mut d.address.city)}
            {text_field(wizard, "address-state", "State", Some("Two letters, like NC."), "address-level1", |d| &d.address.state, |d| &mut d.address.state)}
            {text_field(wizard, "address-zip", "ZIP code", None, "postal-code", |d| &d.address.zip, |d| &mut d.address.zip)}
        </fieldset>
    }
}

fn programs_step(wizard: Wizard) -> impl IntoView {
    let boxes = [(Program::Medicaid, "medicaid"), (Program::Dmhddsus, "dmhddsus")]
        .into_iter()
        .map(|(program, slug)| {
            let id = format!("program-{slug}");
            view! {
                <div class="radio">
                    <input
                        class="radio__input"
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || wizard.draft.with(|draft| draft.programs.contains(&program))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            wizard.draft.update(|draft| {
                                draft.programs.retain(|p| *p != program);
                                if on {
                                    draft.programs.push(program);
                                    draft.programs.sort();
                                }
                            });
                        }
                    />
                    <label class="radio__label" for=id>
                        {program.label()}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend class="label">"Which programs will the provider serve?"</legend>
            <p class="hint">
                "Choose one or both. The backup OA is available for NC Medicaid providers only."
            </p>
            {boxes}
        </fieldset>
    }
}

const RELATIONSHIPS: [(Relationship, &str); 3] = [
    (Relationship::Owner, "owner"),
    (Relationship::ManagingEmployee, "managing_employee"),
    (Relationship::Provider, "provider"),
];

/// Step 4: everyone the application lists, each editable and removable (R-BOA-9: billing
/// agents list nobody).
fn people_step(wizard: Wizard) -> impl IntoView {
    let kind = wizard.draft.with_untracked(|draft| draft.provider_type);
    if kind == Some(RecordKind::BillingAgent) {
        return view! {
            <div id="people" tabindex="-1">
                <Alert kind=AlertKind::Info heading="Billing agents list no one here">
                    <p>
                        "Billing agents capture no owners or managing relationships (R-BOA-9). Continue to the next step."
                    </p>
                </Alert>
            </div>
        }
        .into_any();
    }
    let individual = kind == Some(RecordKind::Individual);
    let count = Memo::new(move |_| wizard.draft.with(|draft| draft.people.len()));
    let add = move |_| {
        let added = count.get_untracked();
        wizard.draft.update(|draft| {
            draft.people.push(ListedPerson {
                name: String::new(),
                relationship: if individual && draft.people.is_empty() {
                    Relationship::Provider
                } else {
                    Relationship::Owner
                },
                ncid: None,
                adverse_findings: None,
            });
        });
        focus_by_id_after_render(format!("people-{added}-name"));
    };
    let intro = if individual {
        "List yourself as the provider, and anyone who owns or manages the practice."
    } else {
        "List every owner and managing employee. Give an NCID for those who have one: only they can be backup OA."
    };
    view! {
        <p class="lead" id="people" tabindex="-1">{intro}</p>
        {move || (0..count.get()).map(|index| person_fields(wizard, index, individual)).collect_view()}
        <p>
            <button type="button" class="button button--outline" on:click=add>
                "Add a person"
            </button>
        </p>
    }
    .into_any()
}

fn person_fields(wizard: Wizard, index: usize, individual: bool) -> impl IntoView {
    let read = move |get: fn(&ListedPerson) -> String| {
        move || {
            wizard
                .draft
                .with(|draft| draft.people.get(index).map(get).unwrap_or_default())
        }
    };
    let write = move |set: fn(&mut ListedPerson, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            wizard.draft.update(|draft| {
                if let Some(person) = draft.people.get_mut(index) {
                    set(person, value);
                }
            });
        }
    };
    let base = format!("people-{index}");
    let number = index + 1;
    let relationships = RELATIONSHIPS
        .into_iter()
        .filter(|(relationship, _)| individual || *relationship != Relationship::Provider)
        .map(|(relationship, value)| {
            let selected = move || {
                wizard.draft.with(|draft| {
                    draft.people.get(index).map(|p| p.relationship) == Some(relationship)
                })
            };
            view! {
                <option value=value selected=selected>
                    {relationship.label()}
                </option>
            }
        })
        .collect_view();
    let adverse = move |value: bool| {
        (
            Signal::derive(move || {
                wizard.draft.with(|draft| {
                    draft.people.get(index).and_then(|p| p.adverse_findings) == Some(value)
                })
            }),
            move || {
                wizard.draft.update(|draft| {
                    if let Some(person) = draft.people.get_mut(index) {
                        person.adverse_findings = Some(value);
                    }
                });
            },
        )
    };
    let (yes, choose_yes) = adverse(true);
    let (no, choose_no) = adverse(false);
    let remove = move |_| {
        wizard.draft.update(|draft| {
            if index < draft.people.len() {
                let gone = draft.people.remove(index);
                // The backup must be listed (R-BOA-5): removing them un-names them.
                if gone.ncid.is_some() && draft.backup.as_deref() == gone.ncid.as_deref() {
                    draft.backup = None;
                }
            }
        });
        focus_by_id_after_render("people");
    };
    let name_label = read(|p| p.name.clone());
    view! {
        <fieldset class="fieldset person">
            <legend class="label">{format!("Person {number}")}</legend>
            <div class="form-group">
                <label class="label" for=format!("{base}-name")>"Full name"</label>
                <input
                    class="input"
                    type="text"
                    id=format!("{base}-name")
                    autocomplete="off"
                    prop:value=read(|p| p.name.clone())
                    on:input=write(|p, value| p.name = value)
                />
            </div>
            <div class="form-group">
                <label class="label" for=format!("{base}-relationship")>"Relationship"</label>
                <select
                    class="select"
                    id=format!("{base}-relationship")
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let chosen = RELATIONSHIPS.iter().find(|(_, slug)| *slug == value).map(|(r, _)| *r);
                        wizard.draft.update(|draft| {
                            if let (Some(person), Some(relationship)) = (draft.people.get_mut(index), chosen) {
                                person.relationship = relationship;
                            }
                        });
                    }
                >
                    {relationships}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for=format!("{base}-ncid")>"NCID (if they have one)"</label>
                <input
                    class="input"
                    type="text"
                    id=format!("{base}-ncid")
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=read(|p| p.ncid.clone().unwrap_or_default())
                    on:input=write(|p, value| {
                        p.ncid = Some(value.trim().to_owned()).filter(|ncid| !ncid.is_empty());
                    })
                />
            </div>
            <fieldset class="fieldset">
                <legend class="label">"Does this person have adverse findings?"</legend>
                {radio(format!("{base}-adverse"), format!("{base}-adverse-yes"), "Yes".into(), None, yes, choose_yes)}
                {radio(format!("{base}-adverse"), format!("{base}-adverse-no"), "No".into(), None, no, choose_no)}
            </fieldset>
            <button type="button" class="button button--outline button--small" on:click=remove>
                "Remove"
                <span class="visually-hidden">
                    {move || {
                        let name = name_label();
                        if name.trim().is_empty() { format!(" person {number}") } else { format!(" {name}") }
                    }}
                </span>
            </button>
        </fieldset>
    }
}

/// Step 5 (R-BOA-5): the applicant is the primary OA; nothing to choose.
fn primary_step(wizard: Wizard) -> impl IntoView {
    let who = wizard.view.with_untracked(|view| {
        view.as_ref()
            .map(|view| format!("{} ({})", view.applicant_name, view.applicant_ncid))
            .unwrap_or_default()
    });
    view! {
        <p class="lead" id="primary-oa">
            {format!("You, {who}, will be the provider's primary Office Administrator.")}
        </p>
        <p>
            "Only you can sign and submit this application. The backup OA you name next can read it, but cannot sign it."
        </p>
    }
}

/// Step 6 (R-BOA-5 with R-BOA-2, R-BOA-9, R-BOA-10): no backup, or an eligible listed person.
fn backup_step(wizard: Wizard) -> impl IntoView {
    let notes = view! {
        <p class="hint">
            "The backup OA is not promoted automatically when the primary OA leaves: a new primary OA needs an OA Change Request."
        </p>
        <p class="hint">"The backup OA receives every communication sent to the primary OA."</p>
    };
    let draft = wizard.draft.get_untracked();
    if let Err(why) = draft.backup_availability() {
        return view! {
            <div id="backup-unavailable">
                <Alert kind=AlertKind::Info heading="A backup OA is not available for this application">
                    <p>{format!("{why} ({})", why.rule())}</p>
                </Alert>
            </div>
        }
        .into_any();
    }
    let chosen = move |ncid: Option<String>| {
        Signal::derive(move || {
            wizard.draft.with(|draft| {
                draft.backup.as_deref().map(str::to_ascii_lowercase)
                    == ncid.as_deref().map(str::to_ascii_lowercase)
            })
        })
    };
    let choose = move |ncid: Option<String>| {
        move || wizard.draft.update(|draft| draft.backup = ncid.clone())
    };
    let candidates = draft.backup_candidates(&wizard.applicant());
    let people = if candidates.is_empty() {
        view! {
            <p class="hint" id="no-backup-candidates">
                "Nobody you listed has an NCID. To name a backup OA, go back and give their NCID."
            </p>
        }
        .into_any()
    } else {
        candidates
            .into_iter()
            .enumerate()
            .map(|(index, candidate)| {
                let label = format!(
                    "{} ({}, {})",
                    candidate.name,
                    candidate.relationship.label(),
                    candidate.ncid
                );
                let why = candidate
                    .ineligible
                    .as_ref()
                    .map(Ineligibility::explanation);
                let ncid = Some(candidate.ncid);
                radio(
                    "backup",
                    format!("backup-{index}"),
                    label,
                    why,
                    chosen(ncid.clone()),
                    choose(ncid),
                )
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="fieldset">
            <legend class="label">"Who should be the backup OA?"</legend>
            {radio("backup", "backup-none".into(), "No backup OA".into(), None, chosen(None), choose(None))}
            {people}
        </fieldset>
        {notes}
    }
    .into_any()
}

fn exclusion_step(wizard: Wizard) -> impl IntoView {
    let answers = Signal::derive(move || wizard.draft.with(|draft| draft.exclusion.clone()));
    let on_answer = Callback::new(move |(question, value): (ExclusionQuestion, bool)| {
        wizard
            .draft
            .update(|draft| answer_exclusion(&mut draft.exclusion, question, value));
    });
    let upload: crate::components::wizard::Upload =
        Rc::new(move |file| wizard.api.with_value(|api| api.upload(file)));
    // The upload names the document in the draft; the Continue that follows saves it.
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
}

fn signature(wizard: Wizard) -> SubmitRequest {
    SubmitRequest {
        attestation: wizard.attestation.get_untracked(),
        pin: wizard.pin.get_untracked(),
    }
}

/// Step 9's submission (R-AUTH-4, R-BOA-5); the PIN is forgotten whatever the answer. The
/// answer is the submitted application, which the page then shows read-only with its tracking
/// number, also after a reload.
fn sign(wizard: Wizard) {
    let answer = wizard
        .api
        .with_value(|api| api.submit(wizard.id, signature(wizard)));
    wizard.pin.set(String::new());
    wizard.busy.set(true);
    spawn_local(async move {
        let answer = answer.await;
        wizard.busy.set(false);
        match answer {
            Ok(submitted) => {
                wizard.errors.set(Vec::new());
                wizard.view.set(Some(submitted));
                focus_by_id_after_render("enrollment-confirmation");
            }
            Err(error) => wizard.show_errors(refusal_lines(error, "pin")),
        }
    });
}

fn review_step(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft.get_untracked();
    answers(&draft, Some((wizard.id, wizard.on_navigate)))
}

/// Every answer of the application, as the applicant checks it and as operations staff review
/// it. With `change_links` (the application and where its links go), each answer has a Change
/// link that comes back to Check your answers.
pub fn answers(
    draft: &EnrollmentDraft,
    change_links: Option<(ApplicationId, Callback<EnrollmentPlace>)>,
) -> impl IntoView {
    let not_given = || "Not given".to_owned();
    let text = |value: &str| {
        let value = value.trim();
        if value.is_empty() {
            not_given()
        } else {
            value.to_owned()
        }
    };
    let address = &draft.address;
    let address_text = [&address.street, &address.city, &address.state, &address.zip]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let programs = draft
        .programs
        .iter()
        .map(|program| program.label())
        .collect::<Vec<_>>()
        .join(" and ");
    let people = draft
        .people
        .iter()
        .map(|person| {
            let ncid = person.ncid.as_deref().unwrap_or("no NCID");
            format!(
                "{} – {}, {ncid}, adverse findings: {}",
                text(&person.name),
                person.relationship.label(),
                yes_no(person.adverse_findings)
            )
        })
        .collect::<Vec<_>>();
    let backup = draft.backup.as_deref().map_or_else(
        || "No backup OA".to_owned(),
        |ncid| {
            draft
                .people
                .iter()
                .find(|person| {
                    person
                        .ncid
                        .as_deref()
                        .is_some_and(|listed| listed.eq_ignore_ascii_case(ncid))
                })
                .map_or_else(
                    || ncid.to_owned(),
                    |person| format!("{} ({ncid})", person.name.trim()),
                )
        },
    );
    let mut rows = vec![
        (
            EnrollmentStep::ProviderType,
            "Provider type".to_owned(),
            draft
                .provider_type
                .map_or_else(not_given, |kind| kind.label().to_owned()),
        ),
        (
            EnrollmentStep::Identity,
            "Legal name".to_owned(),
            text(&draft.name),
        ),
        (
            EnrollmentStep::Identity,
            "NPI or Atypical ID".to_owned(),
            text(&draft.provider_id),
        ),
        (
            EnrollmentStep::Identity,
            "Service address".to_owned(),
            text(&address_text),
        ),
        (
            EnrollmentStep::Programs,
            "Programs".to_owned(),
            text(&programs),
        ),
        (
            EnrollmentStep::People,
            "Owners and managing relationships".to_owned(),
            if people.is_empty() {
                "None listed".to_owned()
            } else {
                people.join("; ")
            },
        ),
        (EnrollmentStep::Backup, "Backup OA".to_owned(), backup),
    ];
    for question in ExclusionQuestion::ALL {
        rows.push((
            EnrollmentStep::Exclusion,
            question.text().to_owned(),
            yes_no(draft.exclusion.answer(question)).to_owned(),
        ));
    }
    if draft.exclusion.any_yes() {
        let explanation = if draft.exclusion.explanation.is_some() {
            "Uploaded"
        } else {
            "Missing"
        };
        rows.push((
            EnrollmentStep::Exclusion,
            "Explanation document".to_owned(),
            explanation.to_owned(),
        ));
    }
    let rows = rows
        .into_iter()
        .map(|(step, question, answer)| SummaryRow {
            change: change_links.map(|(id, on_navigate)| {
                let place = EnrollmentPlace {
                    return_to_review: true,
                    ..EnrollmentPlace::at(id, step)
                };
                let href = place.path();
                (
                    href,
                    Callback::new(move |()| on_navigate.run(place.clone())),
                )
            }),
            question,
            answer,
        })
        .collect();
    summary_list(rows)
}
