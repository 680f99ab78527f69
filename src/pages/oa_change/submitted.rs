//! The end of the OA Change Request: the signature's submission (R-AUTH-4), the confirmation
//! with the tracking number (also after a reload: the URL names the request), and the notice
//! of a request returned for correction (R-OA-6).

use super::{refusal_on, Wizard};
use crate::components::focus::focus_by_id_after_render;
use crate::components::wizard::answer_list;
use crate::components::wizard_shell::ConfirmationPage;
use crate::components::{Alert, AlertKind, PageHeading, Skeleton};
use crate::state::oa_change::{answer_rows, WizardPlace};
use contract::application::SubmitReceipt;
use contract::oa_change::{ApplicationDetail, Step};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Step 7's submission; the URL then names the request, so a reload shows its confirmation.
pub(super) fn sign(wizard: Wizard, record: String) {
    let submit = |signature| wizard.api.with_value(|api| api.submit(record, signature));
    let refusal = move |error| refusal_on(wizard, error, "pin");
    wizard
        .form
        .sign(submit, refusal, move |receipt: SubmitReceipt| {
            let id = receipt.id;
            wizard.receipt.set(Some(receipt));
            wizard.on_navigate.run(WizardPlace {
                submitted: Some(id),
                ..WizardPlace::at(
                    wizard.place.with_untracked(|p| p.record.clone()),
                    Step::Sign,
                )
            });
            focus_by_id_after_render("oa-change-confirmation");
        });
}

/// A reload of the confirmation: the request named in the URL, as the server has it.
pub(super) fn load_confirmation(wizard: Wizard) {
    Effect::new(move |_| {
        let Some(id) = wizard.place.with(|place| place.submitted) else {
            return;
        };
        if wizard
            .receipt
            .with_untracked(|receipt| receipt.as_ref().is_some_and(|receipt| receipt.id == id))
        {
            return;
        }
        let answer = wizard.api.with_value(|api| api.application(id));
        spawn_local(async move {
            match answer.await {
                Ok(detail) => match receipt_of(&detail) {
                    Some(receipt) => {
                        // The confirmation shows the request as submitted.
                        wizard.draft.set(detail.draft);
                        wizard.receipt.set(Some(receipt));
                    }
                    None => wizard
                        .receipt_problem
                        .set(Some("This request has not been submitted.".into())),
                },
                Err(error) => wizard.receipt_problem.set(Some(error.to_string())),
            }
        });
    });
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

/// R-OA-6: a request returned for correction says so on every step, with the reviewer's note,
/// until it is submitted again (it keeps its tracking number).
#[component]
pub(super) fn ReturnedNotice(wizard: Wizard) -> impl IntoView {
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

/// After step 7, a page of its own: the tracking number, the request as submitted (people by
/// name once the record's overview is there, also after a reload), who signed it and what
/// happens next.
pub(super) fn confirmation(wizard: Wizard) -> AnyView {
    if let Some(problem) = wizard.receipt_problem.get() {
        return view! {
            <PageHeading text="OA Change Request" />
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
    let requested = move || {
        wizard.overview.with(|overview| {
            let record_name = overview
                .as_ref()
                .map(|overview| overview.name.clone())
                .or_else(|| wizard.record())
                .unwrap_or_default();
            let rows = wizard
                .draft
                .with(|draft| answer_rows(&record_name, draft, overview.as_ref()));
            answer_list(rows, None)
        })
    };
    let signed_by = wizard
        .applicant
        .with_value(|applicant| format!("{} ({})", applicant.name, applicant.ncid));
    view! {
        <ConfirmationPage
            id="oa-change-confirmation"
            heading="OA Change Request submitted"
            tracking_number=receipt.tracking_number.to_string()
            requested=requested.into_any()
            signed_by
            submitted=receipt.submitted
        >
            <p>
                "NCTracks reviews the request. Keep the tracking number to ask about it. Nothing changes on the record until the request is approved."
            </p>
            <p>"You can follow its status, or withdraw it, in " <a href="/applications">"My applications"</a> "."</p>
        </ConfirmationPage>
    }
    .into_any()
}
