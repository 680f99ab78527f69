//! The end (R-MANY-3): one signature files each record's request on its own, and the
//! confirmation lists every record with its tracking number, or why it was not filed and
//! what to do. It survives a reload (the set keeps its outcomes) and prints.

use super::Flow;
use crate::components::focus::focus_by_id_after_render;
use crate::components::PageHeading;
use crate::state::several_records::{
    filed_count, not_filed_advice, record_label, SeveralPlace, SeveralStep,
};
use crate::state::wizard::refusal_lines;
use contract::several_records::{Outcome, RecordOutcome, SeveralRecordsDraft};
use leptos::prelude::*;

const CONFIRMATION_ID: &str = "several-confirmation";

/// Step 5's submission; the URL then says the set was submitted, so a reload shows the
/// confirmation again.
pub(super) fn sign(flow: Flow) {
    let submit = |signature| flow.api.with_value(|api| api.submit(signature));
    let refusal = |error| refusal_lines(error, "pin");
    flow.form.sign(submit, refusal, move |outcomes| {
        flow.outcomes.set(Some(outcomes));
        flow.go(SeveralPlace {
            submitted: true,
            ..SeveralPlace::at(SeveralStep::Sign)
        });
        focus_by_id_after_render(CONFIRMATION_ID);
    });
}

fn outcome_row(flow: Flow, outcome: RecordOutcome) -> impl IntoView {
    let label = flow.record(&outcome.record_id).map_or_else(
        || record_label(&outcome.record_name, &outcome.record_id),
        |record| record_label(&record.name, &record.id),
    );
    let result = match outcome.outcome {
        Outcome::Filed {
            tracking_number, ..
        } => view! {
            <dd>
                "Filed. Tracking number "
                <br />
                <strong class="tracking-number">{tracking_number.to_string()}</strong>
            </dd>
        }
        .into_any(),
        Outcome::NotFiled { rule, reason } => view! {
            <dd>
                <p><strong>"Not filed. "</strong>{reason}</p>
                <p>{not_filed_advice(rule)}</p>
            </dd>
        }
        .into_any(),
    };
    view! {
        <div class="summary-list__row">
            <dt>{label}</dt>
            {result}
        </div>
    }
}

pub(super) fn confirmation(flow: Flow) -> AnyView {
    let outcomes = flow.outcomes.get().unwrap_or_default();
    let filed = filed_count(&outcomes);
    let total = outcomes.len();
    let heading = match filed {
        0 => "No OA Change Request was filed".to_owned(),
        1 => "OA Change Request submitted".to_owned(),
        _ => "OA Change Requests submitted".to_owned(),
    };
    let summary = if filed == total {
        format!("{filed} of {total} requests filed, each with its own tracking number.")
    } else {
        format!("{filed} of {total} requests filed. The records not filed say why and what to do.")
    };
    let signed_by = flow.applicant.with_value(|applicant| {
        format!(
            "Signed electronically, once for every request, by {} ({}).",
            applicant.name, applicant.ncid
        )
    });
    let rows = outcomes
        .into_iter()
        .map(|outcome| outcome_row(flow, outcome))
        .collect_view();
    let again = flow.link(SeveralPlace::at(SeveralStep::Records));
    let again_href = again.href.clone();
    // A new set starts empty: nothing of the submitted one is chosen in advance.
    let start_again = move |ev| {
        flow.draft.set(SeveralRecordsDraft::default());
        flow.judgement.set(None);
        flow.typed.set(String::new());
        flow.copied.set(None);
        flow.form.completed.set(0);
        again.follow(ev);
    };
    view! {
        <div class="confirmation" id=CONFIRMATION_ID tabindex="-1">
            // Nothing filed is no success: the panel is plain.
            <div class="panel" class:panel--plain=filed == 0>
                <PageHeading text=heading />
                <p class="panel__body">{summary}</p>
            </div>
            <h2>"Each record"</h2>
            <dl class="summary-list several-outcomes">{rows}</dl>
            <p class="confirmation__signature">{signed_by}</p>
            <h2>"What happens next"</h2>
            {next_steps(filed)}
            <p>
                <a href=again_href on:click=start_again>
                    "Prepare a backup OA for other records"
                </a>
            </p>
            <p>
                <button type="button" class="button button--outline" on:click=move |_| { _ = window().print(); }>
                    "Print this page"
                </button>
            </p>
        </div>
    }
    .into_any()
}

/// What happens next, in words that fit what was filed: with nothing filed there are no
/// requests to review and no tracking numbers to keep.
fn next_steps(filed: usize) -> AnyView {
    if filed == 0 {
        return view! {
            <p>
                "Nothing has changed on these records. Do what each record says above, then prepare them again. Open requests are in "
                <a href="/applications">"My applications"</a>
                "."
            </p>
        }
        .into_any();
    }
    view! {
        <p>
            "NCTracks reviews each request on its own. Keep the tracking numbers to ask about them. Nothing changes on a record until its request is approved."
        </p>
        <p>
            "You can follow each request, or withdraw it, in "
            <a href="/applications">"My applications"</a>
            "."
        </p>
    }
    .into_any()
}
