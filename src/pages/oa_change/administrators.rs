//! Steps 2 to 4 of the OA Change Request: the record's Office Administrator (R-OA-1), its
//! backup OA (R-BOA-1..10) and, when the primary changes, whether the users keep their access
//! (R-OA-4).

use super::Wizard;
use crate::components::wizard::{backup_notes, backup_unavailable, radio, ChoiceQuestion};
use crate::state::oa_change::{oa_text, primary_text};
use contract::application::Steps;
use contract::oa_change::{BackupChoice, PrimaryChoice, RecordOverview, Step};
use contract::records::{Ineligibility, RecordKind};
use leptos::prelude::*;

/// Step 2 (R-OA-1): keep the primary OA, or name a new one among the eligible people.
pub(super) fn primary_step(wizard: Wizard, overview: &RecordOverview) -> AnyView {
    let applicant = wizard
        .applicant
        .with_value(|applicant| applicant.ncid.clone());
    let current = overview
        .primary_oa
        .as_ref()
        .filter(|_| overview.has_active_primary_oa)
        .map(|oa| oa.ncid.clone());
    // Nothing is chosen for the user: the draft's "keep" is only a default until they answer.
    let chosen = move |ncid: Option<String>| {
        Signal::derive(move || {
            wizard.form.answered(Step::OfficeAdministrator.number())
                && wizard
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
    // R-BOA-8: with the primary end-dated there is none to keep, and the backup is not
    // promoted: the choice that names nobody says what it leaves.
    let (hint, keep_label) = match current {
        Some(_) => (
            format!("Current primary OA: {}", primary_text(overview)),
            "Keep the current primary OA",
        ),
        None => (
            format!(
                "{}. The backup OA does not become the primary OA automatically: name one here, or the record stays without a primary OA.",
                primary_text(overview)
            ),
            "Do not name a primary OA in this request",
        ),
    };
    let keep = radio(
        "primary",
        "primary-keep".into(),
        keep_label.into(),
        None,
        chosen(None),
        choose(None),
    );
    view! {
        <ChoiceQuestion field="primary" legend="Who should be the record's Office Administrator?" hint>
            {keep}
            {people}
        </ChoiceQuestion>
    }
    .into_any()
}

/// Step 3 (R-BOA-1..10): keep, assign, replace or remove the backup OA.
pub(super) fn backup_step(wizard: Wizard, overview: &RecordOverview) -> AnyView {
    if let Some(why) = overview.backup_unavailable {
        return backup_unavailable(why, "this record");
    }
    let current = overview.backup_oa.clone();
    let choice = move |wanted: BackupChoice| {
        Signal::derive(move || {
            wizard.form.answered(Step::Backup.number())
                && wizard.draft.with(|draft| draft.backup == wanted)
        })
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
    let hint = format!(
        "Current backup OA: {}",
        oa_text(overview.backup_oa.as_ref())
    );
    view! {
        <ChoiceQuestion field="backup" legend="What should happen to the backup OA?" hint>
            {radio("backup", "backup-no-change".into(), "No change to the backup OA".into(), None, choice(BackupChoice::NoChange), choose(BackupChoice::NoChange))}
            {people}
            {remove}
        </ChoiceQuestion>
        {backup_notes("a new OA Change Request")}
    }
    .into_any()
}

/// Step 4 (R-OA-4): asked only when the primary changes; Continue and Back pass over it
/// otherwise, and only an address typed by hand opens it then.
pub(super) fn access_step(wizard: Wizard) -> AnyView {
    if wizard.draft.with(|draft| draft.new_primary().is_none()) {
        return view! {
            <p class="lead" id="continued-access-not-asked">
                "This question is not needed: the request keeps the current primary OA. Continue to the next step."
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
        <ChoiceQuestion field="continued_access" legend="Should the record's users keep their access under the new OA?">
            {radio("continued_access", "continued-access-yes".into(), "Yes, every user keeps their access".into(), None, yes, choose_yes)}
            <p class="hint radio__hint">"Every user's association with the record stays, now under the new OA."</p>
            {radio("continued_access", "continued-access-no".into(), "No, only the previous OA and the MR users keep their access".into(), None, no, choose_no)}
            <p class="hint radio__hint">"The other users' associations become Inactive. Owners and MR users always stay."</p>
        </ChoiceQuestion>
    }
    .into_any()
}
