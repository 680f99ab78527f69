//! Steps 5 and 6 of the enrollment application: the applicant as primary OA, and the backup
//! OA among the people listed (R-BOA-5 with R-BOA-2, R-BOA-9, R-BOA-10).

use super::Wizard;
use crate::components::wizard::{backup_notes, backup_unavailable, radio, ChoiceQuestion};
use contract::application::Steps;
use contract::enrollment::EnrollmentStep;
use contract::records::Ineligibility;
use leptos::prelude::*;

/// Step 5 (R-BOA-5): the applicant is the primary OA; nothing to choose.
pub(super) fn primary_step(wizard: Wizard) -> impl IntoView {
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
pub(super) fn backup_step(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft.get_untracked();
    if let Err(why) = draft.backup_availability() {
        return backup_unavailable(why, "this application");
    }
    // Nothing is chosen for the user: "no backup OA" is only the draft's default until they
    // answer.
    let chosen = move |ncid: Option<String>| {
        Signal::derive(move || {
            wizard.form.answered(EnrollmentStep::Backup.number())
                && wizard.draft.with(|draft| {
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
        <ChoiceQuestion field="backup" legend="Who should be the backup OA?">
            {radio("backup", "backup-none".into(), "No backup OA".into(), None, chosen(None), choose(None))}
            {people}
        </ChoiceQuestion>
        {backup_notes("an OA Change Request")}
    }
    .into_any()
}
