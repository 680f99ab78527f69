//! Step 4 of the enrollment application: everyone it lists, owners and managing relationships
//! (and for an individual, the provider), among whom the backup OA is chosen (R-BOA-5).

use super::Wizard;
use crate::components::focus::focus_by_id_after_render;
use crate::components::form_field::{text_input, FieldWiring, FormField};
use crate::components::wizard::{error_id, radio, ChoiceQuestion, FieldErrors};
use crate::components::{Alert, AlertKind};
use contract::enrollment::ListedPerson;
use contract::records::{RecordKind, Relationship};
use leptos::prelude::*;

const RELATIONSHIPS: [(Relationship, &str); 3] = [
    (Relationship::Owner, "owner"),
    (Relationship::ManagingEmployee, "managing_employee"),
    (Relationship::Provider, "provider"),
];

/// Step 4: everyone the application lists, each editable and removable (R-BOA-9: billing
/// agents list nobody).
pub(super) fn people_step(wizard: Wizard) -> impl IntoView {
    let kind = wizard.draft.with_untracked(|draft| draft.provider_type);
    if kind == Some(RecordKind::BillingAgent) {
        return view! {
            <div id="people" tabindex="-1">
                <Alert kind=AlertKind::Info heading="Billing agents list no one here">
                    <p>
                        "Billing agents capture no owners or managing relationships. Continue to the next step."
                    </p>
                </Alert>
            </div>
        }
        .into_any();
    }
    let individual = kind == Some(RecordKind::Individual);
    let count = Memo::new(move |_| wizard.draft.with(|draft| draft.people.len()));
    let add = move |_| {
        let added = count.get_untracked();
        wizard.draft.update(|draft| {
            draft.people.push(ListedPerson {
                name: String::new(),
                relationship: if individual && draft.people.is_empty() {
                    Relationship::Provider
                } else {
                    Relationship::Owner
                },
                ncid: None,
                adverse_findings: None,
            });
        });
        focus_by_id_after_render(format!("people-{added}-name"));
    };
    let intro = if individual {
        "List yourself as the provider, and anyone who owns or manages the practice."
    } else {
        "List every owner and managing employee. Give an NCID for those who have one: only they can be backup OA."
    };
    let errors = wizard.form.errors_at("people");
    view! {
        <div class="form-group" class:form-group--error=move || errors.with(|errors| !errors.is_empty())>
            <p class="lead" id="people" tabindex="-1" aria-describedby=move || errors.with(|errors| (!errors.is_empty()).then(|| error_id("people")))>
                {intro}
            </p>
            <FieldErrors id=error_id("people") errors />
        </div>
        {move || (0..count.get()).map(|index| person_fields(wizard, index, individual)).collect_view()}
        <p>
            <button type="button" class="button button--outline" on:click=add>
                "Add a person"
            </button>
        </p>
    }
    .into_any()
}

fn person_fields(wizard: Wizard, index: usize, individual: bool) -> impl IntoView {
    let read = move |get: fn(&ListedPerson) -> String| {
        move || {
            wizard
                .draft
                .with(|draft| draft.people.get(index).map(get).unwrap_or_default())
        }
    };
    let write = move |set: fn(&mut ListedPerson, String)| {
        move |value: String| {
            wizard.draft.update(|draft| {
                if let Some(person) = draft.people.get_mut(index) {
                    set(person, value);
                }
            });
        }
    };
    let base = format!("people-{index}");
    let number = index + 1;
    let relationships = RELATIONSHIPS
        .into_iter()
        .filter(|(relationship, _)| individual || *relationship != Relationship::Provider)
        .map(|(relationship, value)| {
            let selected = move || {
                wizard.draft.with(|draft| {
                    draft.people.get(index).map(|p| p.relationship) == Some(relationship)
                })
            };
            view! {
                <option value=value selected=selected>
                    {relationship.label()}
                </option>
            }
        })
        .collect_view();
    let adverse = move |value: bool| {
        (
            Signal::derive(move || {
                wizard.draft.with(|draft| {
                    draft.people.get(index).and_then(|p| p.adverse_findings) == Some(value)
                })
            }),
            move || {
                wizard.draft.update(|draft| {
                    if let Some(person) = draft.people.get_mut(index) {
                        person.adverse_findings = Some(value);
                    }
                });
            },
        )
    };
    let (yes, choose_yes) = adverse(true);
    let (no, choose_no) = adverse(false);
    let remove = move |_| {
        wizard.draft.update(|draft| {
            if index < draft.people.len() {
                let gone = draft.people.remove(index);
                // The backup must be listed (R-BOA-5): removing them un-names them.
                if gone.ncid.is_some() && draft.backup.as_deref() == gone.ncid.as_deref() {
                    draft.backup = None;
                }
            }
        });
        focus_by_id_after_render("people");
    };
    let name_label = read(|p| p.name.clone());
    let field = move |part: &str| format!("people.{index}.{part}");
    let error_at = move |part: &str| wizard.form.error_at(field(part));
    let adverse_field = field("adverse_findings");
    let [name_id, relationship_id, ncid_id] =
        ["name", "relationship", "ncid"].map(|part| format!("{base}-{part}"));
    let (name_input, relationship_input, ncid_input) =
        (name_id.clone(), relationship_id.clone(), ncid_id.clone());
    view! {
        <fieldset class="fieldset person">
            <legend class="label">{format!("Person {number}")}</legend>
            <FormField
                id=name_id
                label="Full name"
                error=error_at("name")
                input=move |wiring| text_input(name_input, Signal::derive(read(|p| p.name.clone())), write(|p, value| p.name = value), wiring)
            />
            <FormField
                id=relationship_id
                label="Relationship"
                error=error_at("relationship")
                input=move |wiring: FieldWiring| view! {
                    <select
                        class="select"
                        id=relationship_input
                        aria-describedby=wiring.described_by
                        aria-invalid=wiring.invalid
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let chosen = RELATIONSHIPS.iter().find(|(_, slug)| *slug == value).map(|(r, _)| *r);
                            wizard.draft.update(|draft| {
                                if let (Some(person), Some(relationship)) = (draft.people.get_mut(index), chosen) {
                                    person.relationship = relationship;
                                }
                            });
                        }
                    >
                        {relationships}
                    </select>
                }
            />
            <FormField
                id=ncid_id
                label="NCID (if they have one)"
                error=error_at("ncid")
                input=move |wiring| {
                    let ncid = Signal::derive(read(|p| p.ncid.clone().unwrap_or_default()));
                    let set = write(|p, value| {
                        p.ncid = Some(value.trim().to_owned()).filter(|ncid| !ncid.is_empty());
                    });
                    text_input(ncid_input, ncid, set, wiring)
                }
            />
            <ChoiceQuestion field=adverse_field.clone() legend="Does this person have adverse findings?">
                {radio(adverse_field.clone(), format!("{base}-adverse-yes"), "Yes".into(), None, yes, choose_yes)}
                {radio(adverse_field.clone(), format!("{base}-adverse-no"), "No".into(), None, no, choose_no)}
            </ChoiceQuestion>
            <button type="button" class="button button--outline button--small" on:click=remove>
                "Remove"
                <span class="visually-hidden">
                    {move || {
                        let name = name_label();
                        if name.trim().is_empty() { format!(" person {number}") } else { format!(" {name}") }
                    }}
                </span>
            </button>
        </fieldset>
    }
}
