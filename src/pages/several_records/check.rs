//! Steps 4 and 5: Check your answers, one section per record with Change links, and the one
//! signature (R-AUTH-4) that signs every request (R-MANY-3).

use super::Flow;
use crate::components::wizard::{answer_list_about, signature_fields};
use crate::state::several_records::{
    people_on, person_label, record_label, record_rows, SeveralPlace,
};
use leptos::prelude::*;

/// "Avery Family Practice, PLLC – NPI 2044707588", or the id while the list is on its way.
fn label_of(flow: Flow, id: &str) -> String {
    flow.record(id).map_or_else(
        || id.to_owned(),
        |record| record_label(&record.name, &record.id),
    )
}

pub(super) fn review_step(flow: Flow) -> AnyView {
    let sections = move || {
        let draft = flow.draft.get();
        let backup = flow
            .overviews
            .with(|overviews| person_label(&people_on(overviews, ""), &draft.backup_ncid));
        let count = draft.records.len();
        let change = Callback::new(move |step| {
            flow.link(SeveralPlace {
                returning: true,
                ..SeveralPlace::at(step)
            })
        });
        let sections = draft
            .records
            .iter()
            .enumerate()
            .map(|(index, record)| {
                let heading_id = format!("record-review-{index}");
                let labelled_by = heading_id.clone();
                let label = label_of(flow, &record.record_id);
                let rows = record_rows(&label, &backup, &record.exclusion);
                let about = format!("for {}", flow.record_name(&record.record_id));
                view! {
                    <section aria-labelledby=labelled_by>
                        <h2 id=heading_id>{format!("Request {} of {count}: {}", index + 1, flow.record_name(&record.record_id))}</h2>
                        {answer_list_about(rows, Some(change), Some(about))}
                    </section>
                }
            })
            .collect_view();
        view! {
            <p>
                {format!("You are about to file {count} OA Change {}, one for each record. Each keeps the record's primary OA and names {backup} backup OA.",
                    if count == 1 { "Request" } else { "Requests" })}
            </p>
            {sections}
        }
    };
    view! { {sections} }.into_any()
}

pub(super) fn sign_step(flow: Flow) -> AnyView {
    let records = move || {
        flow.record_ids()
            .into_iter()
            .map(|id| view! { <li>{label_of(flow, &id)}</li> })
            .collect_view()
    };
    let count = move || flow.draft.with(|draft| draft.records.len());
    view! {
        <p>
            {move || format!(
                "Your signature signs each of these {} OA Change Requests. Each is filed on its own, with its own tracking number:",
                count(),
            )}
        </p>
        <ul>{records}</ul>
        {signature_fields(flow.form.attestation, flow.form.pin)}
    }
    .into_any()
}
