//! `/operations/requests/<id>`: one request with every answer and its explanation document,
//! and the decision on it (R-OA-6). Opening a submitted request starts its review (In review).
//! The decision is checked as the server checks it (a note for Deny and Return), confirmed in a
//! dialog that says what it changes, and its outcome shown with the new status.

use super::{NoAccess, OperationsApi};
use crate::api::{self, ApiError};
use crate::components::error_summary::ERROR_SUMMARY_ID;
use crate::components::focus::focus_by_id_after_render;
use crate::components::{
    Alert, AlertKind, ErrorSummary, ModalDialog, PageHeading, Skeleton, SummaryItem,
};
use crate::state::operations::{decision_request, queue_path, FormProblem};
use contract::oa_change::{ApplicationId, BackupChoice, ExclusionQuestion, RequestStatus};
use contract::operations::{
    may_decide, Decision, DecisionRequest, QueueItem, RequestReview, MAX_NOTE_CHARS,
};
use contract::records::OfficeAdministrator;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

const OUTCOME_ID: &str = "decision-outcome";

fn field_target(field: &str) -> Option<&'static str> {
    match field {
        "decision" => Some("decision-approve"),
        "note" => Some("decision-note"),
        _ => None,
    }
}

/// What the dialog says a decision does, before it is made.
fn consequence(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => {
            "The change applies at once: the record's primary and backup OA change as requested, and My Account Management follows (R-OA-4, R-BOA-1)."
        }
        Decision::Deny => "Nothing changes on the record. The decision is final.",
        Decision::Return => {
            "The applicant can correct the request and submit it again with the same tracking number."
        }
    }
}

#[component]
pub fn OperationsRequest(
    api: Rc<dyn OperationsApi>,
    id: ApplicationId,
    /// A request was refused as unauthorized: the server ended the session.
    on_session_ended: Callback<()>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let review = RwSignal::new(None::<Result<RequestReview, ApiError>>);
    let answer = api.with_value(|api| api.request(id));
    spawn_local(async move {
        let answer = answer.await;
        if matches!(&answer, Err(error) if error.is_unauthorized()) {
            on_session_ended.run(());
            return;
        }
        let submitted =
            matches!(&answer, Ok(found) if found.item.status == RequestStatus::Submitted);
        review.set(Some(answer));
        // R-OA-6: opening a submitted request starts its review.
        if submitted {
            let started = api.with_value(|api| api.start_review(id));
            if let Ok(item) = started.await {
                review.update(|review| {
                    if let Some(Ok(review)) = review {
                        review.item = item;
                    }
                });
            }
        }
    });

    // Memos, so that the heading (which takes focus) and the form (which holds the outcome)
    // are built once, not again when the status changes.
    let heading = Memo::new(move |_| {
        review.with(|review| match review {
            Some(Ok(review)) => format!("Request {}", review.item.tracking_number),
            _ => "OA Change Request".to_owned(),
        })
    });
    let phase = Memo::new(move |_| {
        review.with(|review| match review {
            None => Phase::Loading,
            Some(Err(ApiError::Forbidden(_))) => Phase::Forbidden,
            Some(Err(error)) => Phase::Failed(error.to_string()),
            Some(Ok(_)) => Phase::Loaded,
        })
    });
    let details = move || {
        review.with(|review| match review {
            Some(Ok(found)) => Some(view! { <RequestDetails review=found.clone() /> }),
            _ => None,
        })
    };
    view! {
        <a class="back-link" href=queue_path(None)>"Back to the queue"</a>
        {move || {
            let text = heading.get();
            view! { <PageHeading text /> }
        }}
        {move || match phase.get() {
            Phase::Loading => view! { <Skeleton label="Loading the request" blocks=2 /> }.into_any(),
            Phase::Forbidden => view! { <NoAccess /> }.into_any(),
            Phase::Failed(problem) => view! {
                <Alert kind=AlertKind::Error heading="We could not open this request">
                    <p>{problem}</p>
                </Alert>
            }
            .into_any(),
            Phase::Loaded => view! {
                {details}
                <DecisionForm api id review on_session_ended />
            }
            .into_any(),
        }}
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Forbidden,
    Failed(String),
    Loaded,
}

fn oa_text(oa: Option<&OfficeAdministrator>) -> String {
    match oa {
        None => "None".to_owned(),
        Some(oa) => match &oa.end_date {
            Some(end) => format!("{} ({}), end-dated {}", oa.name, oa.ncid, end.long_form()),
            None => format!("{} ({})", oa.name, oa.ncid),
        },
    }
}

fn yes_no(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not answered",
    }
}

#[component]
fn RequestDetails(review: RequestReview) -> impl IntoView {
    let item = &review.item;
    let draft = &review.draft;
    let primary_change = match draft.new_primary() {
        None => "Keep the current primary OA".to_owned(),
        Some(ncid) => format!("New primary OA: {ncid}"),
    };
    let backup_change = match &draft.backup {
        BackupChoice::NoChange => "No change".to_owned(),
        BackupChoice::Assign { ncid } => format!("New backup OA: {ncid}"),
        BackupChoice::Remove => "Remove the backup OA".to_owned(),
    };
    let mut rows: Vec<(String, AnyView)> = vec![
        (
            "Status".into(),
            view! { <strong id="request-status">{item.status.label()}</strong> }.into_any(),
        ),
        (
            "Tracking number".into(),
            item.tracking_number.to_string().into_any(),
        ),
        (
            "Provider record".into(),
            format!("{} ({})", item.record_name, item.record_id).into_any(),
        ),
        (
            "Applicant".into(),
            format!("{} ({})", item.applicant_name, item.applicant_ncid).into_any(),
        ),
        ("Submitted".into(), item.submitted.long_form().into_any()),
        (
            "Primary OA now".into(),
            oa_text(review.primary_oa.as_ref()).into_any(),
        ),
        (
            "Backup OA now".into(),
            oa_text(review.backup_oa.as_ref()).into_any(),
        ),
        ("Primary OA change".into(), primary_change.into_any()),
        ("Backup OA change".into(), backup_change.into_any()),
    ];
    if draft.new_primary().is_some() {
        // R-OA-4
        rows.push((
            "Users keep their access".into(),
            yes_no(draft.continued_access).into_any(),
        ));
    }
    for question in ExclusionQuestion::ALL {
        rows.push((
            question.text().to_owned(),
            yes_no(draft.exclusion.answer(question)).into_any(),
        ));
    }
    // R-OA-3: the explanation document, downloaded from the server (staff only).
    let attachment = match &review.attachment {
        Some(info) => view! {
            <a href=api::attachment_url(info.id) download="">
                {format!("Download the explanation ({}, {} KB)", info.kind.media_type(), info.size.div_ceil(1024))}
            </a>
        }
        .into_any(),
        None if draft.exclusion.any_yes() => "Missing".into_any(),
        None => "None (every answer is No)".into_any(),
    };
    rows.push(("Explanation document".into(), attachment));
    if let Some(note) = &review.decision_note {
        rows.push(("Last decision note".into(), note.clone().into_any()));
    }
    let rows = rows
        .into_iter()
        .map(|(question, answer)| {
            view! {
                <div class="summary-list__row summary-list__row--two">
                    <dt>{question}</dt>
                    <dd>{answer}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2>"Answers"</h2>
        <dl class="summary-list">{rows}</dl>
    }
}

#[component]
fn DecisionForm(
    api: StoredValue<Rc<dyn OperationsApi>, LocalStorage>,
    id: ApplicationId,
    review: RwSignal<Option<Result<RequestReview, ApiError>>>,
    on_session_ended: Callback<()>,
) -> impl IntoView {
    let status = Memo::new(move |_| {
        review.with(|review| match review {
            Some(Ok(review)) => Some(review.item.status),
            _ => None,
        })
    });
    let decision = RwSignal::new(None::<Decision>);
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FormProblem>::new());
    let confirming = RwSignal::new(None::<DecisionRequest>);
    let busy = RwSignal::new(false);
    let decided = RwSignal::new(None::<QueueItem>);
    let refusal = RwSignal::new(None::<String>);

    let show_problems = move |found: Vec<FormProblem>| {
        problems.set(found);
        focus_by_id_after_render(ERROR_SUMMARY_ID);
    };
    let summary = Signal::derive(move || {
        problems.with(|problems| {
            problems
                .iter()
                .map(|(field, message)| SummaryItem {
                    target: field_target(field),
                    message: message.clone(),
                })
                .collect::<Vec<_>>()
        })
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
    let confirm = move || {
        let Some(request) = confirming.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let answer = api.with_value(|api| api.decide(id, request));
        spawn_local(async move {
            let answer = answer.await;
            busy.set(false);
            confirming.set(None);
            match answer {
                Ok(item) => {
                    review.update(|review| {
                        if let Some(Ok(review)) = review {
                            review.item = item.clone();
                        }
                    });
                    decided.set(Some(item));
                    focus_by_id_after_render(OUTCOME_ID);
                }
                Err(error) if error.is_unauthorized() => on_session_ended.run(()),
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
        });
    };
    let cancel = move || confirming.set(None);

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
            {move || decided.get().map(|item| view! {
                <Alert kind=AlertKind::Success heading="Decision recorded">
                    <p>
                        {format!("Request {} is now ", item.tracking_number)}
                        <strong>{item.status.label()}</strong> "."
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
        <Show when=move || status.get().is_some_and(may_decide)>
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
                            {format!("The applicant reads it. Needed to deny or return a request: say why, or what to correct (R-OA-6). At most {MAX_NOTE_CHARS} characters.")}
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
                on_escape=Callback::new(move |()| cancel())
            >
                <div id="decision-confirm-description">
                    {move || confirming.get().map(|request| {
                        let tracking = review.with(|review| match review {
                            Some(Ok(review)) => format!("{} for {}", review.item.tracking_number, review.item.record_name),
                            _ => String::new(),
                        });
                        view! {
                            <p>{format!("{}: request {tracking}.", request.decision.label())}</p>
                            <p>{consequence(request.decision)}</p>
                            {(!request.note.is_empty()).then(|| view! { <p>"Note: " {request.note.clone()}</p> })}
                            <p>"The applicant, the record's OAs and the people the request names are told (R-OA-7)."</p>
                        }
                    })}
                </div>
                <div class="button-group">
                    <button
                        type="button"
                        class="button"
                        aria-disabled=move || busy.get().to_string()
                        on:click=move |_| confirm()
                    >
                        {move || confirming.get().map(|request| format!("Yes, {}", request.decision.label().to_lowercase()))}
                    </button>
                    <button type="button" class="button button--outline" on:click=move |_| cancel()>
                        "Cancel"
                    </button>
                </div>
            </ModalDialog>
        </Show>
    }
}
