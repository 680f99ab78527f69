//! Steps 1 to 3 of the enrollment application: the kind of provider, its identity and
//! service address, and the programs it serves.

use super::Wizard;
use crate::components::form_field::{FieldWiring, FormField};
use crate::components::wizard::{radio, ChoiceQuestion};
use contract::enrollment::EnrollmentDraft;
use contract::records::{Program, RecordKind};
use leptos::prelude::*;

const PROVIDER_TYPES: [(RecordKind, &str); 4] = [
    (RecordKind::Individual, "individual"),
    (RecordKind::Organization, "organization"),
    (RecordKind::Atypical, "atypical"),
    (RecordKind::BillingAgent, "billing-agent"),
];

pub(super) fn provider_type_step(wizard: Wizard) -> impl IntoView {
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
        <ChoiceQuestion
            field="provider_type"
            legend="What kind of provider are you enrolling?"
            hint="Billing agents list no owners or managing relationships, so they have no backup OA."
        >
            {options}
        </ChoiceQuestion>
    }
}

/// One labelled text box bound to a part of the draft, with its message at the field while
/// the contract refuses `field`.
#[allow(clippy::too_many_arguments)]
fn text_field(
    wizard: Wizard,
    id: &'static str,
    field: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    autocomplete: &'static str,
    read: fn(&EnrollmentDraft) -> &String,
    write: fn(&mut EnrollmentDraft) -> &mut String,
) -> impl IntoView {
    view! {
        <FormField
            id=id
            label=label
            hint=hint
            error=wizard.form.error_at(field)
            input=move |wiring: FieldWiring| view! {
                <input
                    class="input"
                    type="text"
                    id=id
                    autocomplete=autocomplete
                    aria-describedby=wiring.described_by
                    aria-invalid=wiring.invalid
                    prop:value=move || wizard.draft.with(|draft| read(draft).clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        wizard.draft.update(|draft| *write(draft) = value);
                    }
                />
            }
        />
    }
}

pub(super) fn identity_step(wizard: Wizard) -> impl IntoView {
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
        {text_field(wizard, "provider-name", "name", "Legal name of the provider", None, "organization", |d| &d.name, |d| &mut d.name)}
        {text_field(wizard, "provider-id", "provider_id", id_label, Some(id_hint), "off", |d| &d.provider_id, |d| &mut d.provider_id)}
        <fieldset class="fieldset">
            <legend class="label">"Service address"</legend>
            {text_field(wizard, "address-street", "address.street", "Street address", None, "address-line1", |d| &d.address.street, |d| &mut d.address.street)}
            {text_field(wizard, "address-city", "address.city", "City", None, "address-level2", |d| &d.address.city, |d| &mut d.address.city)}
            {text_field(wizard, "address-state", "address.state", "State", Some("Two letters, like NC."), "address-level1", |d| &d.address.state, |d| &mut d.address.state)}
            {text_field(wizard, "address-zip", "address.zip", "ZIP code", None, "postal-code", |d| &d.address.zip, |d| &mut d.address.zip)}
        </fieldset>
    }
}

pub(super) fn programs_step(wizard: Wizard) -> impl IntoView {
    let refused = wizard.form.error_at("programs");
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
                        aria-invalid=move || refused.with(Option::is_some).then_some("true")
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
        <ChoiceQuestion
            field="programs"
            legend="Which programs will the provider serve?"
            hint="Choose one or both. The backup OA is available for NC Medicaid providers only."
        >
            {boxes}
        </ChoiceQuestion>
    }
}
