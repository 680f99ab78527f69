//! The decision on a submitted OA Change Request or enrollment application (R-OA-6), shared by
//! both review pages: checked as the server checks it (a note for Deny and Return), confirmed in
//! a dialog that says what it changes, and its outcome shown with the new status.

use crate::api::{Answer, ApiError};
use crate::components::error_summary::ERROR_SUMMARY_ID;
use crate::components::focus::focus_by_id_after_render;
use crate::components::{Alert, AlertKind, ConfirmButtons, ErrorSummary, ModalDialog, SummaryItem};
use crate::state::operations::{decision_request, queue_path, FormProblem};
use contract::application::{Decision, DecisionRequest, RequestStatus, MAX_NOTE_CHARS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::rc::Rc;

const OUTCOME_ID: &str = "decision-outcome";

/// Sends a decision and answers the status it leads to; the page keeps its own copy current.
pub type Decide = Rc<dyn Fn(DecisionRequest) -> Answer<RequestStatus>>;

fn field_target(field: &str) -> Option<&'static str> {
    match field {
        "decision" => Some("decision-approve"),
        "note" => Some("decision-note"),
        _ => None,
    }
}

/// The decision form, shown while the status may be decided (R-OA-6).
#[component]
pub fn DecisionForm(
    /// The status now; `None` while unknown.
    #[prop(into)]
    status: Signal<Option<RequestStatus>>,
    /// What the outcome names, e.g. "Request OAC-20261120-000007".
    #[prop(into)]
    name: Signal<String>,
    /// What the dialog names, e.g. "request OAC-20261120-000007 for Avery Family Practice".
    #[prop(into)]
    subject: Signal<String>,
    /// What the dialog says a decision does, before it is made.
    consequence: fn(Decision) -> &'static str,
    /// Who hears of the decision (R-OA-7), as the dialog says it.
    told: &'static str,
    decide: Decide,
) -> impl IntoView {
    let decide = StoredValue::new_local(decide);
    let decision = RwSignal::new(None::<Decision>);
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FormProblem>::new());
    let confirming = RwSignal::new(None::<DecisionRequest>);
    let decided = RwSignal::new(None::<RequestStatus>);
    let refusal = RwSignal::new(None::<String>);

    let show_problems = move |found: Vec<FormProblem>| {
        problems.set(found);
        focus_by_id_after_render(ERROR_SUMMARY_ID);
    };
    let summary = Signal::derive(move || {
        problems.with(|problems| SummaryItem::for_fields(problems, field_target))
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        refusal.set(None);
        match decision_request(decision.get_untracked(), &note.get_untracked()) {
            Ok(request) => {
                problems.set(Vec::new());
                confirming.set(Some(request));
            }
            Err(found) => show_problems(found),
        }
    };
    let record = Action::new_local(move |request: &DecisionRequest| {
        let answer = decide.with_value(|decide| decide(request.clone()));
        async move {
            let answer = answer.await;
            confirming.set(None);
            match answer {
                Ok(outcome) => {
                    decided.set(Some(outcome));
                    focus_by_id_after_render(OUTCOME_ID);
                }
                Err(ApiError::Validation { message, fields }) => {
                    let mut found: Vec<FormProblem> = fields
                        .into_iter()
                        .map(|(field, text)| {
                            (if field == "note" { "note" } else { "decision" }, text)
                        })
                        .collect();
                    if found.is_empty() {
                        found.push(("decision", message));
                    }
                    show_problems(found);
                }
                // 409: decided meanwhile (R-OA-6), or an approval that no longer fits the
                // record, with its rule; shown as the server words it.
                Err(error) => {
                    refusal.set(Some(error.to_string()));
                    focus_by_id_after_render(OUTCOME_ID);
                }
            }
        }
    });
    let busy = record.pending();
    let confirm = Callback::new(move |()| {
        if let Some(request) = confirming.get_untracked().filter(|_| !busy.get_untracked()) {
            record.dispatch_local(request);
        }
    });
    let cancel = Callback::new(move |()| confirming.set(None));

    let radio = move |option: Decision| {
        let id = match option {
            Decision::Approve => "decision-approve",
            Decision::Deny => "decision-deny",
            Decision::Return => "decision-return",
        };
        view! {
            <div class="radio">
                <input
                    class="radio__input"
                    type="radio"
                    name="decision"
                    id=id
                    prop:checked=move || decision.get() == Some(option)
                    on:change=move |_| decision.set(Some(option))
                />
                <label class="radio__label" for=id>{option.label()}</label>
            </div>
        }
    };
    let note_error = move || {
        problems.with(|problems| {
            problems
                .iter()
                .find(|(field, _)| *field == "note")
                .map(|(_, message)| message.clone())
        })
    };

    view! {
        <div id=OUTCOME_ID tabindex="-1">
            {move || decided.get().map(|outcome| view! {
                <Alert kind=AlertKind::Success heading="Decision recorded">
                    <p>
                        {format!("{} is now ", name.get_untracked())}
                        <strong>{outcome.label()}</strong> "."
                    </p>
                    <p><a href=queue_path(None)>"Back to the queue"</a></p>
                </Alert>
            })}
            {move || refusal.get().map(|message| view! {
                <Alert kind=AlertKind::Error heading="The decision was not recorded">
                    <p>{message}</p>
                </Alert>
            })}
        </div>
        <Show when=move || status.get().is_some_and(RequestStatus::may_decide)>
            <section aria-labelledby="decision-title" class="decision">
                <h2 id="decision-title">"Decision"</h2>
                <ErrorSummary items=summary />
                <form novalidate on:submit=on_submit>
                    <fieldset class="fieldset">
                        <legend class="label">"What is your decision?"</legend>
                        {Decision::ALL.into_iter().map(radio).collect_view()}
                    </fieldset>
                    <div class="form-group" class:form-group--error=move || note_error().is_some()>
                        <label class="label" for="decision-note">"Note"</label>
                        <p class="hint" id="decision-note-hint">
                            {format!("The applicant reads it. Needed to deny or to return for correction: say why, or what to correct. At most {MAX_NOTE_CHARS} characters.")}
                        </p>
                        {move || note_error().map(|message| view! {
                            <p class="field-error" id="decision-note-error">
                                <span class="visually-hidden">"Error: "</span>
                                {message}
                            </p>
                        })}
                        <textarea
                            class="input textarea"
                            id="decision-note"
                            rows="4"
                            aria-describedby=move || if note_error().is_some() { "decision-note-hint decision-note-error" } else { "decision-note-hint" }
                            aria-invalid=move || note_error().is_some().then_some("true")
                            prop:value=note
                            on:input=move |ev| note.set(event_target_value(&ev))
                        ></textarea>
                    </div>
                    <button type="submit" class="button">"Record the decision"</button>
                </form>
            </section>
        </Show>
        <Show when=move || confirming.with(Option::is_some)>
            <ModalDialog
                id="decision-confirm"
                title=confirming.get_untracked().map_or_else(String::new, |request| format!("{}?", request.decision.label()))
                on_escape=cancel
            >
                <div id="decision-confirm-description">
                    {move || confirming.get().map(|request| {
                        view! {
                            <p>{format!("{}: {}.", request.decision.label(), subject.get_untracked())}</p>
                            <p>{consequence(request.decision)}</p>
                            {(!request.note.is_empty()).then(|| view! { <p>"Note: " {request.note.clone()}</p> })}
                            <p>{told}</p>
                        }
                    })}
                </div>
                <ConfirmButtons
                    confirm=Signal::derive(move || {
                        confirming.get().map_or_else(String::new, |request| {
                            format!("Yes, {}", request.decision.label().to_lowercase())
                        })
                    })
                    class="button"
                    busy
                    on_confirm=confirm
                    on_cancel=cancel
                />
            </ModalDialog>
        </Show>
    }
}
