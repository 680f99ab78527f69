//! The one shell of the portal's wizards (the OA Change Request, the enrollment application):
//! the step indicator, Back, the error summary, the step's heading, the form whose Continue
//! checks the step, the signature's submission and the confirmation. A wizard brings its steps
//! (a `WizardStep`), the body of each step and what Continue does with it.

use super::error_summary::ERROR_SUMMARY_ID;
use super::focus::focus_by_id_after_render;
use super::wizard::{StepIndicator, WizardLink};
use super::{ErrorSummary, PageHeading, SummaryItem};
use crate::api::{Answer, ApiError};
use crate::state::wizard::{ProblemLine, WizardStep};
use contract::application::{AttachmentInfo, SubmitRequest};
use contract::date::CalendarDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the shell and a wizard's steps share while the user answers: the error summary's lines,
/// whether a request is on its way, which steps' choices are the user's, the explanation
/// document uploaded on this visit (R-OA-3) and the signature (R-AUTH-4). Every field is a
/// handle, so the whole is `Copy`. The shell provides it as context to its steps' fields.
#[derive(Clone, Copy)]
pub struct WizardForm {
    pub errors: RwSignal<Vec<ProblemLine>>,
    pub busy: RwSignal<bool>,
    /// The number of the last step the saved draft completed (0: none). A draft holds a value
    /// for every choice, but one the user has not yet made is not shown as chosen.
    pub completed: RwSignal<usize>,
    /// The user made a choice on the step open now.
    pub chose: RwSignal<bool>,
    pub uploaded: RwSignal<Option<AttachmentInfo>>,
    pub attestation: RwSignal<bool>,
    pub pin: RwSignal<String>,
}

impl WizardForm {
    pub fn new() -> Self {
        Self {
            errors: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            completed: RwSignal::new(0),
            chose: RwSignal::new(false),
            uploaded: RwSignal::new(None),
            attestation: RwSignal::new(false),
            pin: RwSignal::new(String::new()),
        }
    }

    /// Whether the choices of the step numbered `step` are the user's: made on this visit, or
    /// saved with a step completed since. Until then no radio is chosen for them.
    pub fn answered(self, step: usize) -> bool {
        self.chose.get() || step <= self.completed.get()
    }

    /// The messages about `field` while its answer is refused, in the summary's words.
    pub fn errors_at(self, field: impl Into<String>) -> Signal<Vec<String>> {
        let field = field.into();
        Signal::derive(move || {
            self.errors.with(|lines| {
                lines
                    .iter()
                    .filter(|(at, _)| *at == field)
                    .map(|(_, message)| message.clone())
                    .collect()
            })
        })
    }

    /// The first message about `field`, as a field shows it.
    pub fn error_at(self, field: impl Into<String>) -> Signal<Option<String>> {
        let errors = self.errors_at(field);
        Signal::derive(move || errors.with(|errors| errors.first().cloned()))
    }

    /// Shows the problems in the error summary, which takes focus.
    pub fn show_errors(self, lines: Vec<ProblemLine>) {
        self.errors.set(lines);
        focus_by_id_after_render(ERROR_SUMMARY_ID);
    }

    pub fn signature(self) -> SubmitRequest {
        SubmitRequest {
            attestation: self.attestation.get_untracked(),
            pin: self.pin.get_untracked(),
        }
    }

    /// Waits for one request of the wizard with the form busy, so Continue is not sent twice.
    pub fn send<T: 'static>(
        self,
        answer: Answer<T>,
        on_answer: impl FnOnce(Result<T, ApiError>) + 'static,
    ) {
        self.busy.set(true);
        spawn_local(async move {
            let answer = answer.await;
            self.busy.set(false);
            on_answer(answer);
        });
    }

    /// R-AUTH-4: signs and submits with the attestation and the PIN, which is forgotten
    /// whatever the answer; a refusal is shown as `refusal` words it.
    pub fn sign<T: 'static>(
        self,
        submit: impl FnOnce(SubmitRequest) -> Answer<T>,
        refusal: impl FnOnce(ApiError) -> Vec<ProblemLine> + 'static,
        on_signed: impl FnOnce(T) + 'static,
    ) {
        let answer = submit(self.signature());
        self.pin.set(String::new());
        self.send(answer, move |answer| match answer {
            Ok(signed) => {
                self.errors.set(Vec::new());
                on_signed(signed);
            }
            Err(error) => self.show_errors(refusal(error)),
        });
    }
}

impl Default for WizardForm {
    fn default() -> Self {
        Self::new()
    }
}

/// One wizard page: the step indicator, Back, the error summary, the wizard's caption and the
/// step's title as the page heading, the step's body (`children`) in a form, and Continue
/// ("Sign and submit" on the last step), which `on_continue` answers. Each step starts without
/// the last one's errors.
#[component]
pub fn WizardShell<S, T>(
    form: WizardForm,
    #[prop(into)] step: Signal<S>,
    /// Above each step's heading, e.g. "OA Change Request".
    caption: &'static str,
    /// Names the list of steps, e.g. "Steps of the request".
    steps_label: &'static str,
    /// The id of the control an error about this form field links to.
    field_target: T,
    /// Where Back leads; none: the portal home.
    #[prop(into)]
    back: Signal<Option<WizardLink>>,
    /// The application is submitted: its confirmation shows, with no Back and no Continue.
    #[prop(optional, into)]
    submitted: Signal<bool>,
    /// The step's content is still on its way: Continue appears with it, under the loaded
    /// content, rather than being pushed down the screen when it arrives (a layout shift).
    #[prop(optional, into)]
    loading: Signal<bool>,
    /// Shown under the heading of every step, e.g. why a request was returned.
    #[prop(optional, into)]
    notice: ViewFn,
    /// The steps that ask nothing of this application (the step indicator says so); none by
    /// default.
    #[prop(optional, into)]
    skipped: Signal<Vec<S>>,
    on_continue: Callback<S>,
    children: Children,
) -> impl IntoView
where
    S: WizardStep,
    T: Fn(&str) -> Option<String> + Send + Sync + 'static,
{
    Effect::new(move |_| {
        step.track();
        form.errors.set(Vec::new());
        form.chose.set(false);
    });
    // The steps' fields find their errors and their answered state here.
    provide_context(form);
    let summary = Signal::derive(move || {
        form.errors
            .with(|lines| SummaryItem::for_fields(lines, &field_target))
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.busy.get_untracked() {
            on_continue.run(step.get_untracked());
        }
    };
    view! {
        <div class="wizard">
            <StepIndicator
                number=Signal::derive(move || step.get().number())
                titles=S::all().iter().map(|step| step.title()).collect()
                skipped=Signal::derive(move || {
                    skipped.with(|skipped| skipped.iter().map(|step| step.number()).collect())
                })
                label=steps_label
            />
            // The confirmation is the end: nothing to go back to.
            <Show when=move || !submitted.get()>
                <BackLink back />
            </Show>
            <ErrorSummary items=summary />
            {move || {
                view! {
                    <span class="caption">{caption}</span>
                    <PageHeading text=step.get().title() />
                }
            }}
            {notice.run()}
            <form class="wizard__form" novalidate on:submit=on_submit>
                {children()}
                <Show when=move || !submitted.get() && !loading.get()>
                    <button type="submit" class="button" aria-disabled=move || form.busy.get().to_string()>
                        {move || if step.get().signs() { "Sign and submit" } else { "Continue" }}
                    </button>
                </Show>
            </form>
        </div>
    }
}

#[component]
fn BackLink(back: Signal<Option<WizardLink>>) -> impl IntoView {
    let href = move || back.with(|back| back.as_ref().map_or("/".to_owned(), |to| to.href.clone()));
    let on_click = move |ev| {
        if let Some(to) = back.get() {
            to.follow(ev);
        }
    };
    view! {
        <a class="back-link" href=href on:click=on_click>
            "Back"
        </a>
    }
}

/// The end of a wizard, a page of its own: the GOV.UK confirmation panel as the page heading
/// with the tracking number, then what was requested, who signed it and when, what happens
/// next (`children`), and a print view that carries all of it (style/pages.css `@media print`).
#[component]
pub fn ConfirmationPage(
    /// The container's id, which takes focus once the application is submitted.
    id: &'static str,
    /// "OA Change Request submitted", which also names the browser tab.
    heading: &'static str,
    tracking_number: String,
    /// The answers as submitted.
    requested: AnyView,
    /// "Jordan Avery (javery1)".
    signed_by: String,
    submitted: CalendarDate,
    children: Children,
) -> impl IntoView {
    let signature = format!(
        "Signed electronically by {signed_by} on {}.",
        submitted.long_form()
    );
    view! {
        <div class="confirmation" id=id tabindex="-1">
            <div class="panel">
                <PageHeading text=heading />
                <p class="panel__body">
                    "Your tracking number is"
                    <br />
                    <strong class="tracking-number">{tracking_number}</strong>
                </p>
            </div>
            <h2>"What you submitted"</h2>
            {requested}
            <p class="confirmation__signature">{signature}</p>
            <h2>"What happens next"</h2>
            {children()}
            <p>
                <button type="button" class="button button--outline" on:click=move |_| { _ = window().print(); }>
                    "Print this page"
                </button>
            </p>
        </div>
    }
}
