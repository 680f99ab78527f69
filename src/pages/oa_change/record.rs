//! Step 1 of the OA Change Request: the provider record, picked from the user's records or
//! typed as an NPI or Atypical ID, with the record's Authorization Code when the user is not its
//! OA, and the offer to continue a draft already saved for it (R-OA-5).

use super::Wizard;
use crate::components::form_field::{text_input, FormField};
use crate::components::wizard::{radio, ChoiceQuestion};
use crate::components::{Alert, AlertKind, Skeleton};
use crate::state::oa_change::{
    oa_text, primary_text, record_label, resume_step, typed_record, WizardPlace,
};
use crate::state::several_records::SEVERAL_PATH;
use crate::state::wizard::ProblemLine;
use contract::application::Steps;
use contract::oa_change::{RecordOverview, Step};
use leptos::prelude::*;

/// Step 1's answer: the id typed wins over the record picked; none, or a wrong NPI, is refused
/// as a line of the error summary, at the box typed in or at the list.
pub(super) fn chosen_record(wizard: Wizard) -> Result<String, ProblemLine> {
    let typed = wizard.typed.get_untracked();
    if !typed.trim().is_empty() {
        return typed_record(&typed).map_err(|why| (TYPED_RECORD.into(), why));
    }
    wizard
        .place
        .with_untracked(|place| place.record.clone())
        .ok_or_else(|| {
            (
                "record".into(),
                "Select a provider record, or enter its NPI or Atypical ID".to_owned(),
            )
        })
}

/// The field of step 1's text box, which errors about a typed id are shown at.
pub(super) const TYPED_RECORD: &str = "record_id";

/// What the user is about to change: the record and its OAs as they are.
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

/// Step 1: the record, by choice or by id, and its Authorization Code when one is needed.
pub(super) fn record_step(wizard: Wizard) -> AnyView {
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
            let step = resume_step(saved.step, &saved.draft);
            let to = wizard.link(WizardPlace::at(Some(record), step));
            let href = to.href.clone();
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
                            <a href=href on:click=move |ev| to.follow(ev)>
                                {format!("Continue where you left off: step {} of {}, {}", step.number(), Step::count(), step.title())}
                            </a>
                        </p>
                    </Alert>
                </div>
            }
        })
    };
    let form = wizard.form;
    view! {
        // R-MANY-1: the same backup OA for many records is prepared in one sitting elsewhere.
        <p class="several-link">
            "Naming the same backup OA for several records? "
            <a href=SEVERAL_PATH>"Assign one backup OA to several records"</a>
        </p>
        <ChoiceQuestion field="record" legend="Which provider record is the request for?">
            {record_list}
        </ChoiceQuestion>
        // The rest of the step appears with the list, not pushed down the screen by it.
        <Show when=move || wizard.records.with(Option::is_some)>
            {resume_offer}
            <FormField
                id="record-id"
                label="NPI or Atypical ID"
                hint=Some("If the record is not listed, enter its 10-digit NPI or its Atypical ID.")
                error=form.error_at(TYPED_RECORD)
                input=move |wiring| {
                    text_input("record-id".into(), wizard.typed.into(), move |typed| wizard.typed.set(typed), wiring)
                }
            />
            <Show when=code_needed>
                <FormField
                    id="authorization-code"
                    label="Authorization Code"
                    hint=Some("You are not this record's Office Administrator or backup OA, so give the record's Authorization Code. The record's details appear once the code is accepted.")
                    error=form.error_at("authorization_code")
                    input=move |wiring| {
                        text_input("authorization-code".into(), wizard.code.into(), move |code| wizard.code.set(code), wiring)
                    }
                />
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
        </Show>
    }
    .into_any()
}
