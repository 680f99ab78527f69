//! The pieces the portal's wizards are built of (the OA Change Request and the enrollment
//! application): the step indicator, radio buttons that say why they cannot be chosen, links
//! that move the wizard, the summary list of Check your answers, and the signature.

use super::form_field::{FieldWiring, FormField};
use super::wizard_shell::WizardForm;
use super::{Alert, AlertKind};
pub use crate::state::wizard::question_id;
use crate::state::wizard::{AnswerRow, WizardStep};
use contract::records::BackupUnavailable;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// An address within a wizard, and the in-app navigation that replaces following it.
#[derive(Clone)]
pub struct WizardLink {
    pub href: String,
    pub go: Callback<()>,
}

impl WizardLink {
    /// The link to `place`, whose address is `href`; following it hands the place to
    /// `on_navigate` (the app puts it in the URL).
    pub fn to<P: Clone + Send + Sync + 'static>(
        href: String,
        place: P,
        on_navigate: Callback<P>,
    ) -> Self {
        Self {
            href,
            go: Callback::new(move |()| on_navigate.run(place.clone())),
        }
    }

    /// A click on the link's `<a>`: navigates in the app, unless something else took the click.
    pub fn follow(&self, ev: MouseEvent) {
        if !ev.default_prevented() {
            ev.prevent_default();
            self.go.run(());
        }
    }
}

/// "Step N of M: title" and the list of steps, the current one marked for screen readers and
/// the ones that do not apply said to be not needed. On a narrow screen the list is a bar of
/// segments under the text (style/components.css), so the question stays on the first screen.
#[component]
pub fn StepIndicator(
    /// The current step, 1-based.
    #[prop(into)]
    number: Signal<usize>,
    titles: Vec<&'static str>,
    /// The numbers of the steps that ask nothing of this application.
    #[prop(optional, into)]
    skipped: Signal<Vec<usize>>,
    /// Names the list, e.g. "Steps of the request".
    label: &'static str,
) -> impl IntoView {
    let count = titles.len();
    let current_title = titles.clone();
    let text = move || {
        let number = number.get();
        let title = current_title
            .get(number.wrapping_sub(1))
            .copied()
            .unwrap_or("");
        format!("Step {number} of {count}: {title}")
    };
    view! {
        <p class="step-indicator__text">{text}</p>
        <ol class="step-indicator" aria-label=label>
            {titles
                .into_iter()
                .enumerate()
                .map(|(index, title)| {
                    let step = index + 1;
                    let not_needed = move || skipped.with(|skipped| skipped.contains(&step));
                    view! {
                        <li
                            class="step-indicator__step"
                            class:step-indicator__step--done=move || step < number.get()
                            class:step-indicator__step--skipped=not_needed
                            aria-current=move || (number.get() == step).then_some("step")
                        >
                            <span class="step-indicator__title">
                                {title}
                                <Show when=not_needed>
                                    <span class="step-indicator__note">" (not needed)"</span>
                                </Show>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The id of the message at `field` (`exclusion.excluded` → `exclusion-excluded-error`).
pub fn error_id(field: &str) -> String {
    format!("{}-error", question_id(field))
}

/// The wizard's form, which the shell provides to its steps (none outside a wizard).
fn wizard_form() -> Option<WizardForm> {
    use_context::<WizardForm>()
}

/// A question answered by choosing, as GOV.UK writes it: the fieldset and its legend, a hint,
/// the message at the question while its answer is refused (the group marked with the red
/// border, the fieldset described by the message), then the choices (`children`).
#[component]
pub fn ChoiceQuestion(
    /// The form field its errors are reported under, e.g. `backup`.
    #[prop(into)]
    field: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    children: Children,
) -> impl IntoView {
    let id = question_id(&field);
    let message_id = error_id(&field);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let errors =
        wizard_form().map_or_else(|| Signal::derive(Vec::new), |form| form.errors_at(field));
    let refused = move || errors.with(|errors| !errors.is_empty());
    let described = {
        let hint_id = hint_id.clone();
        let message_id = message_id.clone();
        move || {
            let ids: Vec<String> = hint_id
                .iter()
                .cloned()
                .chain(refused().then(|| message_id.clone()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group" class:form-group--error=refused>
            <fieldset class="fieldset" id=id aria-describedby=described>
                <legend class="label">{legend}</legend>
                {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
                <FieldErrors id=message_id errors />
                {children()}
            </fieldset>
        </div>
    }
}

/// The messages at a field while its answer is refused, each read as "Error: …".
#[component]
pub fn FieldErrors(id: String, #[prop(into)] errors: Signal<Vec<String>>) -> impl IntoView {
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="field-error" id=id.clone()>
                    {errors
                        .into_iter()
                        .map(|message| {
                            view! {
                                <p>
                                    <span class="visually-hidden">"Error: "</span>
                                    {message}
                                </p>
                            }
                        })
                        .collect_view()}
                </div>
            }
        })
    }
}

/// One radio button with its label and, when it cannot be chosen, why.
pub fn radio(
    name: impl Into<String>,
    id: String,
    label: String,
    why_not: Option<String>,
    checked: Signal<bool>,
    on_choose: impl Fn() + 'static,
) -> impl IntoView {
    let name: String = name.into();
    let hint_id = format!("{id}-why");
    let form = wizard_form();
    let refused = form.map(|form| form.error_at(name.clone()));
    let invalid = move || {
        refused
            .is_some_and(|refused| refused.with(Option::is_some))
            .then_some("true")
    };
    let message_id = error_id(&name);
    let why_id = why_not.as_ref().map(|_| hint_id.clone());
    let described = move || {
        let ids: Vec<String> = why_id
            .iter()
            .cloned()
            .chain(invalid().map(|_| message_id.clone()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="radio">
            <input
                class="radio__input"
                type="radio"
                name=name
                id=id.clone()
                disabled=why_not.is_some()
                aria-describedby=described
                aria-invalid=invalid
                prop:checked=checked
                on:change=move |_| {
                    if let Some(form) = form {
                        form.chose.set(true);
                    }
                    on_choose();
                }
            />
            <label class="radio__label" for=id>
                {label}
            </label>
            {why_not.map(|why| view! { <p class="hint radio__hint" id=hint_id>{why}</p> })}
        </div>
    }
}

/// An application's answers as the GOV.UK summary list ("Check your answers"); with `change`,
/// each answer has a Change link to its step, which names its question for screen readers.
pub fn answer_list<S: WizardStep>(
    rows: Vec<AnswerRow<S>>,
    change: Option<Callback<S, WizardLink>>,
) -> AnyView {
    answer_list_about(rows, change, None)
}

/// `answer_list` for one of several lists on a page (one per record): `about` ("for Avery
/// Family Practice, PLLC") ends each Change link's hidden text, so a screen reader's list of
/// links tells the records' links apart.
pub fn answer_list_about<S: WizardStep>(
    rows: Vec<AnswerRow<S>>,
    change: Option<Callback<S, WizardLink>>,
    about: Option<String>,
) -> AnyView {
    let rows = rows
        .into_iter()
        .map(
            |AnswerRow {
                 step,
                 question,
                 answer,
             }| {
                let link = change.map(|change| {
                    let to = change.run(step);
                    let href = to.href.clone();
                    let hidden = match &about {
                        Some(about) => format!(" {question} {about}"),
                        None => format!(" {question}"),
                    };
                    view! {
                        <dd>
                            <a href=href on:click=move |ev| to.follow(ev)>
                                "Change"
                                <span class="visually-hidden">{hidden}</span>
                            </a>
                        </dd>
                    }
                });
                view! {
                    <div class="summary-list__row">
                        <dt>{question}</dt>
                        <dd>{answer}</dd>
                        {link}
                    </div>
                }
            },
        )
        .collect_view();
    view! { <dl class="summary-list">{rows}</dl> }.into_any()
}

/// In place of the backup OA question when it cannot be asked (R-BOA-9, R-BOA-10): why, for
/// "this record" or "this application".
pub fn backup_unavailable(why: BackupUnavailable, of: &'static str) -> AnyView {
    view! {
        <div id="backup-unavailable">
            <Alert kind=AlertKind::Info heading=format!("A backup OA is not available for {of}")>
                <p>{why.to_string()}</p>
            </Alert>
        </div>
    }
    .into_any()
}

/// What the backup OA question says under its choices (R-BOA-8, R-BOA-4); `new_primary_needs`
/// names what a new primary OA takes.
pub fn backup_notes(new_primary_needs: &'static str) -> impl IntoView {
    view! {
        <p class="hint">
            {format!("The backup OA is not promoted automatically when the primary OA leaves: a new primary OA needs {new_primary_needs}.")}
        </p>
        <p class="hint">"The backup OA receives every communication sent to the primary OA."</p>
    }
}

/// The attestation checkbox and the PIN that sign an application (R-AUTH-4), each with its
/// message at the field while it is refused.
pub fn signature_fields(attestation: RwSignal<bool>, pin: RwSignal<String>) -> impl IntoView {
    let form = wizard_form();
    let error_at = move |field: &'static str| {
        form.map_or_else(|| Signal::derive(|| None), |form| form.error_at(field))
    };
    let attestation_error = error_at("attestation");
    let attestation_refused = move || attestation_error.with(Option::is_some);
    view! {
        <div class="form-group" class:form-group--error=attestation_refused>
            <FieldErrors
                id=error_id("attestation")
                errors=Signal::derive(move || attestation_error.get().into_iter().collect())
            />
            <div class="radio">
                <input
                    class="radio__input"
                    type="checkbox"
                    id="attestation"
                    aria-describedby=move || attestation_refused().then(|| error_id("attestation"))
                    aria-invalid=move || attestation_refused().then_some("true")
                    prop:checked=attestation
                    on:change=move |ev| attestation.set(event_target_checked(&ev))
                />
                <label class="radio__label" for="attestation">
                    "I confirm that the information I have given is true, and I sign this application electronically."
                </label>
            </div>
        </div>
        <FormField
            id="pin"
            label="PIN"
            hint=Some("Your PIN signs the application.")
            error=error_at("pin")
            input=move |wiring: FieldWiring| view! {
                <input
                    class="input input--code"
                    type="password"
                    id="pin"
                    autocomplete="off"
                    inputmode="numeric"
                    aria-describedby=wiring.described_by
                    aria-invalid=wiring.invalid
                    prop:value=pin
                    on:input=move |ev| pin.set(event_target_value(&ev))
                />
            }
        />
    }
}
