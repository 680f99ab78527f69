//! Step 1: the records where the user is primary or backup OA, each with a checkbox and one
//! that selects them all; those that cannot have a backup OA are listed with the reason and
//! cannot be picked (R-BOA-9, R-BOA-10).

use super::Flow;
use crate::components::wizard::ChoiceQuestion;
use crate::components::{Alert, AlertKind, Skeleton};
use crate::state::several_records::{is_picked, pick, pick_all, record_label, why_not_pickable};
use contract::records::{AdministeredRecord, OaRole};
use leptos::prelude::*;

/// "You are its primary OA. Backup OA now: Casey Lin (clin2)."
fn standing_text(record: &AdministeredRecord) -> String {
    let role = match record.my_role {
        OaRole::Primary => "You are its primary OA.",
        OaRole::Backup => "You are its backup OA.",
    };
    let backup = record.backup_oa.as_ref().map_or_else(
        || "It has no backup OA now.".to_owned(),
        |oa| format!("Backup OA now: {} ({}).", oa.name, oa.ncid),
    );
    format!("{role} {backup}")
}

pub(super) fn records_step(flow: Flow) -> AnyView {
    let list = move || match flow.records.get() {
        None => view! { <Skeleton label="Loading your provider records" blocks=1 /> }.into_any(),
        Some(Err(error)) => view! {
            <Alert kind=AlertKind::Error heading="We could not load your provider records">
                <p>{error.to_string()}</p>
            </Alert>
        }
        .into_any(),
        Some(Ok(records)) => record_choices(flow, records).into_any(),
    };
    view! { {list} }.into_any()
}

fn record_choices(flow: Flow, records: Vec<AdministeredRecord>) -> impl IntoView {
    let (pickable, locked): (Vec<_>, Vec<_>) = records
        .into_iter()
        .partition(|record| why_not_pickable(record).is_none());
    let order: Vec<String> = pickable.iter().map(|record| record.id.clone()).collect();
    let order = StoredValue::new(order);
    let total = pickable.len();
    let picked_count = move || {
        flow.draft.with(|draft| {
            order.with_value(|order| order.iter().filter(|id| is_picked(draft, id)).count())
        })
    };
    let all = move || total > 0 && picked_count() == total;
    let some = move || picked_count() > 0 && !all();
    let choices = pickable
        .into_iter()
        .enumerate()
        .map(|(index, record)| {
            let id = format!("records-pick-{index}");
            let hint_id = format!("{id}-hint");
            let record_id = StoredValue::new(record.id.clone());
            let checked =
                move || record_id.with_value(|rid| flow.draft.with(|d| is_picked(d, rid)));
            let on_change = move |ev| {
                let on = event_target_checked(&ev);
                flow.form.chose.set(true);
                record_id.with_value(|rid| {
                    order
                        .with_value(|order| flow.draft.update(|draft| pick(draft, order, rid, on)));
                });
            };
            view! {
                <div class="radio">
                    <input
                        class="radio__input"
                        type="checkbox"
                        id=id.clone()
                        aria-describedby=hint_id.clone()
                        prop:checked=checked
                        on:change=on_change
                    />
                    <label class="radio__label" for=id>
                        {record_label(&record.name, &record.id)}
                    </label>
                    <p class="hint radio__hint" id=hint_id>{standing_text(&record)}</p>
                </div>
            }
        })
        .collect_view();
    let on_all = move |ev| {
        let on = event_target_checked(&ev);
        flow.form.chose.set(true);
        order.with_value(|order| flow.draft.update(|draft| pick_all(draft, order, on)));
    };
    let count_text = move || match picked_count() {
        0 => "No records selected".to_owned(),
        1 => "1 record selected".to_owned(),
        n => format!("{n} records selected"),
    };
    // The user's records do not change while the step is open.
    let question = if total == 0 {
        view! { <p>"None of your records can have a backup OA named here."</p> }.into_any()
    } else {
        view! {
            <ChoiceQuestion
                field="records"
                legend="Which records should have the new backup OA?"
                hint="Select every record the person should be backup OA of."
            >
                <div class="radio radio--select-all">
                    <input
                        class="radio__input"
                        type="checkbox"
                        id="records-all"
                        prop:checked=all
                        prop:indeterminate=some
                        on:change=on_all
                    />
                    <label class="radio__label" for="records-all">
                        {format!("Select all {total} records")}
                    </label>
                </div>
                {choices}
            </ChoiceQuestion>
        }
        .into_any()
    };
    view! {
        <p>
            "Each record gets its own OA Change Request with its own tracking number, reviewed on its own. Each request keeps the record's primary OA."
        </p>
        {question}
        <p class="hint" role="status">{count_text}</p>
        {(!locked.is_empty()).then(|| locked_records(locked))}
    }
}

/// The records that cannot have a backup OA, each with why (R-BOA-9, R-BOA-10, R-BOA-8).
fn locked_records(locked: Vec<AdministeredRecord>) -> impl IntoView {
    view! {
        <h2>"Records that cannot have a backup OA named here"</h2>
        <ul class="several-locked">
            {locked
                .into_iter()
                .map(|record| {
                    let why = why_not_pickable(&record).unwrap_or_default();
                    view! {
                        <li>
                            <strong>{record_label(&record.name, &record.id)}</strong>
                            ": "
                            {why}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
