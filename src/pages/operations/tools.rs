//! The two small tools of `/operations`: end-dating a record's primary OA (R-BOA-8), after a
//! confirmation that says what follows, and unlocking a user (R-AUTH-2). Each checks its fields
//! first (the message under the field, focus on the first wrong one) and says what happened in
//! an alert that takes focus.

use super::OperationsApi;
use crate::api::ApiError;
use crate::components::focus::focus_by_id_after_render;
use crate::components::{Alert, AlertKind, ConfirmButtons, ModalDialog};
use crate::state::operations::{end_date_request, unlock_request, FormProblem};
use contract::date::CalendarDate;
use contract::operations::EndDatePrimary;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::rc::Rc;

/// What an action came to, shown in an alert that takes focus.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    kind: AlertKind,
    heading: String,
    text: String,
}

impl Outcome {
    /// A tool's answer in words: done, nobody or nothing under that name (404), or refused.
    fn of(answer: Result<(), ApiError>, done: Self, failed: &str, not_found: String) -> Self {
        match answer {
            Ok(()) => done,
            Err(ApiError::NotFound(_)) => Self {
                kind: AlertKind::Error,
                heading: failed.to_owned(),
                text: not_found,
            },
            Err(error) => Self {
                kind: AlertKind::Error,
                heading: failed.to_owned(),
                text: error.to_string(),
            },
        }
    }
}

fn outcome_view(id: &'static str, outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    move || {
        outcome.get().map(|outcome| {
            view! {
                <div id=id tabindex="-1" class="tool__outcome">
                    <Alert kind=outcome.kind heading=outcome.heading heading_level=3>
                        <p>{outcome.text}</p>
                    </Alert>
                </div>
            }
        })
    }
}

/// One labelled text field with its hint and, when refused, its error message.
fn text_field(
    id: &'static str,
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
    problems: RwSignal<Vec<FormProblem>>,
) -> impl IntoView {
    let error = move || {
        problems.with(|problems| {
            problems
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, message)| message.clone())
        })
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error().is_some()>
            <label class="label" for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            {move || error().map(|message| view! {
                <p class="field-error" id=error_id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            })}
            <input
                class="input"
                type=kind
                id=id
                autocomplete="off"
                aria-describedby=described
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

fn focus_first(problems: &[FormProblem], ids: &[(&'static str, &'static str)]) {
    if let Some(id) = problems.first().and_then(|(field, _)| {
        ids.iter()
            .find(|(name, _)| name == field)
            .map(|(_, id)| *id)
    }) {
        focus_by_id_after_render(id);
    }
}

#[component]
pub(super) fn EndDateTool(api: StoredValue<Rc<dyn OperationsApi>, LocalStorage>) -> impl IntoView {
    const FIELDS: [(&str, &str); 2] = [("record", "end-date-record"), ("date", "end-date-date")];
    let record = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FormProblem>::new());
    let confirming = RwSignal::new(None::<(String, CalendarDate)>);
    let outcome = RwSignal::new(None::<Outcome>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        match end_date_request(&record.get_untracked(), &date.get_untracked()) {
            Ok(request) => {
                problems.set(Vec::new());
                confirming.set(Some(request));
            }
            Err(found) => {
                focus_first(&found, &FIELDS);
                problems.set(found);
            }
        }
    };
    let end_date = Action::new_local(move |(record_id, date): &(String, CalendarDate)| {
        let (record_id, date) = (record_id.clone(), *date);
        let answer =
            api.with_value(|api| api.end_date_primary(record_id.clone(), EndDatePrimary { date }));
        async move {
            let answer = answer.await;
            confirming.set(None);
            let done = Outcome {
                kind: AlertKind::Success,
                heading: "The primary OA is end-dated".to_owned(),
                text: format!(
                    "The primary OA of record {record_id} is active through {} and not after. The backup OA stays backup.",
                    date.long_form()
                ),
            };
            outcome.set(Some(Outcome::of(
                answer,
                done,
                "The primary OA was not end-dated",
                format!("No provider record has the NPI or Atypical ID {record_id}."),
            )));
            focus_by_id_after_render("end-date-outcome");
        }
    });
    let busy = end_date.pending();
    let confirm = Callback::new(move |()| {
        if let Some(request) = confirming.get_untracked().filter(|_| !busy.get_untracked()) {
            end_date.dispatch_local(request);
        }
    });
    let cancel = Callback::new(move |()| confirming.set(None));

    view! {
        <section class="tool" aria-labelledby="end-date-title">
            <h2 id="end-date-title">"End-date a record's primary OA"</h2>
            <p>
                "The primary OA stays active through the end date. The backup OA is not promoted: the record then has no active primary OA until an approved OA Change Request names one."
            </p>
            {outcome_view("end-date-outcome", outcome)}
            <form class="tool__form" novalidate on:submit=on_submit>
                {text_field("end-date-record", "record", "NPI or Atypical ID", "The provider record whose primary OA leaves.", "text", record, problems)}
                {text_field("end-date-date", "date", "End date", "The last day the primary OA is active.", "date", date, problems)}
                <button type="submit" class="button">"End-date the primary OA"</button>
            </form>
            <Show when=move || confirming.with(Option::is_some)>
                <ModalDialog
                    id="end-date-confirm"
                    title="End-date the primary OA?"
                    on_escape=cancel
                >
                    <p id="end-date-confirm-description">
                        {move || confirming.get().map(|(record_id, date)| format!(
                            "The primary OA of record {record_id} will be active through {} and not after. The backup OA stays backup and is not promoted: the record will have no active primary OA until an approved OA Change Request names one. The primary OA and the backup OA are told.",
                            date.long_form()
                        ))}
                    </p>
                    <ConfirmButtons
                        confirm="Yes, end-date the primary OA".to_owned()
                        class="button button--danger"
                        busy
                        on_confirm=confirm
                        on_cancel=cancel
                    />
                </ModalDialog>
            </Show>
        </section>
    }
}

#[component]
pub(super) fn UnlockTool(api: StoredValue<Rc<dyn OperationsApi>, LocalStorage>) -> impl IntoView {
    const FIELDS: [(&str, &str); 1] = [("ncid", "unlock-ncid")];
    let ncid = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FormProblem>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let unlock = Action::new_local(move |name: &String| {
        let name = name.clone();
        let answer = api.with_value(|api| api.unlock(name.clone()));
        async move {
            let done = Outcome {
                kind: AlertKind::Success,
                heading: format!("{name} is unlocked"),
                text: "They can sign in again, and sign and give Authorization Codes again."
                    .to_owned(),
            };
            outcome.set(Some(Outcome::of(
                answer.await,
                done,
                "Nobody was unlocked",
                format!("No user has the NCID {name}. Check the spelling."),
            )));
            focus_by_id_after_render("unlock-outcome");
        }
    });
    let busy = unlock.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        outcome.set(None);
        match unlock_request(&ncid.get_untracked()) {
            Ok(name) => {
                problems.set(Vec::new());
                unlock.dispatch_local(name);
            }
            Err(found) => {
                focus_first(&found, &FIELDS);
                problems.set(found);
            }
        }
    };

    view! {
        <section class="tool" aria-labelledby="unlock-title">
            <h2 id="unlock-title">"Unlock a user"</h2>
            <p>"Clears a sign-in lock after three unsuccessful attempts, and the PIN and Authorization Code locks."</p>
            {outcome_view("unlock-outcome", outcome)}
            <form class="tool__form" novalidate on:submit=on_submit>
                {text_field("unlock-ncid", "ncid", "NCID", "The user name to unlock.", "text", ncid, problems)}
                <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                    "Unlock"
                </button>
            </form>
        </section>
    }
}
