//! Step 2: one person, chosen from the people listed on the picked records or typed as an
//! NCID, then judged for each record on its own (R-MANY-1: R-BOA-2, R-BOA-9, R-BOA-10; already
//! the backup: nothing to change), in plain words; the user can drop records from the set here.

use super::{Flow, Judgement};
use crate::components::focus::focus_by_id_after_render;
use crate::components::form_field::{text_input, FormField};
use crate::components::wizard::{
    backup_notes, error_id, question_id, radio, ChoiceQuestion, FieldErrors,
};
use crate::components::Skeleton;
use crate::state::several_records::{
    not_eligible, people_on, person_label, pick, record_label, verdict_text, SeveralPlace,
    SeveralStep,
};
use crate::state::wizard::{refusal_lines, ProblemLine};
use contract::several_records::{JudgeBackup, RecordVerdict, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;

const VERDICTS_HEADING: &str = "verdicts-heading";

/// Once the set has records and the flow is past step 1: each picked record's overview, for
/// the people listed on it (loaded once per record).
pub(super) fn load_people(flow: Flow) {
    let asked = StoredValue::new(Vec::<String>::new());
    Effect::new(move |_| {
        if flow.step() == SeveralStep::Records {
            return;
        }
        for id in flow.record_ids() {
            if asked.with_value(|asked| asked.contains(&id)) {
                continue;
            }
            asked.update_value(|asked| asked.push(id.clone()));
            let answer = flow.api.with_value(|api| api.record(id));
            spawn_local(async move {
                // A record that cannot be read here is judged, and explained, by the server.
                if let Ok(overview) = answer.await {
                    flow.overviews.update(|overviews| overviews.push(overview));
                }
            });
        }
    });
}

/// The NCID typed (if any) is the person chosen.
pub(super) fn take_typed(flow: Flow) {
    let typed = flow.typed.get_untracked();
    let typed = typed.trim();
    if !typed.is_empty() {
        flow.draft
            .update(|draft| draft.backup_ncid = typed.to_owned());
    }
}

/// The judgement of the chosen person, when it covers every record of the set.
fn current(flow: Flow) -> Option<Vec<RecordVerdict>> {
    let judgement = flow.judgement.get()?;
    let ncid = flow.draft.with(|draft| draft.backup_ncid.trim().to_owned());
    if !judgement.ncid.eq_ignore_ascii_case(&ncid) {
        return None;
    }
    flow.record_ids()
        .iter()
        .map(|id| {
            judgement
                .verdicts
                .iter()
                .find(|verdict| verdict.record_id == *id)
                .cloned()
        })
        .collect()
}

/// R-MANY-1: the records the chosen person cannot be named backup OA of, as lines of the
/// error summary at each record's row; none when every record can take them or the
/// judgement has not come.
pub(super) fn refused_records(flow: Flow) -> Option<Vec<ProblemLine>> {
    let verdicts = untrack(|| current(flow))?;
    let lines: Vec<ProblemLine> = verdicts
        .iter()
        .enumerate()
        .filter(|(_, verdict)| verdict.verdict != Verdict::Eligible)
        .map(|(index, verdict)| {
            (
                format!("records.{index}"),
                format!(
                    "{}: {}",
                    verdict.record_name,
                    verdict_text(&verdict.verdict)
                ),
            )
        })
        .collect();
    (!lines.is_empty()).then_some(lines)
}

/// Asks the server to judge the chosen person for every record of the set.
pub(super) fn judge(flow: Flow) {
    let ncid = flow
        .draft
        .with_untracked(|draft| draft.backup_ncid.trim().to_owned());
    let records = untrack(|| flow.record_ids());
    if ncid.is_empty() || records.is_empty() {
        return;
    }
    let asked = JudgeBackup {
        ncid: ncid.clone(),
        records,
    };
    let answer = flow.api.with_value(|api| api.judge(asked));
    spawn_local(async move {
        match answer.await {
            Ok(verdicts) => flow.judgement.set(Some(Judgement { ncid, verdicts })),
            Err(error) => flow.form.show_errors(refusal_lines(error, "backup_ncid")),
        }
    });
}

/// Takes the records out of the set and says so in the live region.
fn remove(flow: Flow, ids: &[String]) {
    let names: Vec<String> = ids.iter().map(|id| flow.record_name(id)).collect();
    flow.draft.update(|draft| {
        for id in ids {
            pick(draft, &[], id, false);
        }
    });
    flow.form.errors.set(Vec::new());
    flow.removed
        .set(format!("Removed from the set: {}.", names.join(", ")));
    focus_by_id_after_render(VERDICTS_HEADING);
}

pub(super) fn backup_step(flow: Flow) -> AnyView {
    // A person already chosen (a resumed set, a Change link) is judged on arrival, as is one
    // whose judgement no longer covers every record.
    Effect::new(move |_| {
        let chosen = flow
            .draft
            .with(|draft| !draft.backup_ncid.trim().is_empty());
        if chosen && current(flow).is_none() {
            untrack(|| judge(flow));
        }
    });
    let applicant = flow.applicant.with_value(|user| user.ncid.clone());
    let people = Memo::new(move |_| {
        flow.overviews
            .with(|overviews| people_on(overviews, &applicant))
    });
    let loading = move || {
        let ids = flow.record_ids();
        flow.overviews
            .with(|overviews| ids.iter().any(|id| !overviews.iter().any(|o| o.id == *id)))
    };
    let choices = move || {
        people
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, person)| {
                let ncid = person.ncid.clone();
                let checked = Signal::derive({
                    let ncid = ncid.clone();
                    move || {
                        flow.typed.with(|typed| typed.trim().is_empty())
                            && flow
                                .draft
                                .with(|draft| draft.backup_ncid.eq_ignore_ascii_case(&ncid))
                    }
                });
                radio(
                    "backup_ncid",
                    format!("backup-ncid-{index}"),
                    person.label(),
                    None,
                    checked,
                    move || {
                        flow.typed.set(String::new());
                        flow.draft.update(|draft| draft.backup_ncid = ncid.clone());
                        judge(flow);
                    },
                )
            })
            .collect_view()
    };
    let check_typed = move |_| {
        take_typed(flow);
        flow.form.chose.set(true);
        judge(flow);
    };
    view! {
        <ChoiceQuestion
            field="backup_ncid"
            legend="Who should be the backup OA of these records?"
            hint="Choose a person listed on the records you picked, or enter their NCID below. The person is checked for each record on its own."
        >
            <Show when=loading>
                <Skeleton label="Loading the people listed on your records" blocks=1 />
            </Show>
            {choices}
        </ChoiceQuestion>
        <FormField
            id="backup-ncid-typed"
            label="Or enter the person's NCID"
            hint=Some("They must be listed on each record as an owner or managing employee (or, for an individual's record, the provider).")
            input=move |wiring| {
                text_input("backup-ncid-typed".into(), flow.typed.into(), move |typed| flow.typed.set(typed), wiring)
            }
        />
        <p>
            <button type="button" class="button button--outline" on:click=check_typed>
                "Check this NCID"
            </button>
        </p>
        {move || verdict_list(flow)}
        <p class="hint" role="status">{move || flow.removed.get()}</p>
        {backup_notes("an OA Change Request for that record")}
    }
    .into_any()
}

/// R-MANY-1: record by record, whether the person can be named and why not, each with a way
/// to take the record out of the set.
fn verdict_list(flow: Flow) -> Option<AnyView> {
    if flow.draft.with(|draft| draft.records.is_empty()) {
        return Some(empty_set(flow));
    }
    let verdicts = current(flow)?;
    let ncid = flow.draft.with(|draft| draft.backup_ncid.clone());
    let who = flow
        .overviews
        .with(|overviews| person_label(&people_on(overviews, ""), &ncid));
    let refused = not_eligible(&verdicts);
    let remove_refused = (!refused.is_empty()).then(|| {
        let count = refused.len();
        let label = if count == 1 {
            format!("Remove the record where {who} cannot be named")
        } else {
            format!("Remove the {count} records where {who} cannot be named")
        };
        view! {
            <p>
                <button type="button" class="button button--outline" on:click=move |_| remove(flow, &refused)>
                    {label}
                </button>
            </p>
        }
    });
    let rows = verdicts
        .into_iter()
        .enumerate()
        .map(|(index, verdict)| {
            let eligible = verdict.verdict == Verdict::Eligible;
            let label = flow
                .record(&verdict.record_id)
                .map_or_else(|| verdict.record_name.clone(), |r| record_label(&r.name, &r.id));
            let id = verdict.record_id.clone();
            let field = format!("records.{index}");
            // Continue's refusal of this record, at the record (the summary says why in full).
            let refused = flow.form.errors_at(field.clone());
            let errors = Signal::derive(move || {
                refused.with(|refused| {
                    (!refused.is_empty())
                        .then(|| "Remove this record from the set, or choose another person".to_owned())
                        .into_iter()
                        .collect::<Vec<_>>()
                })
            });
            view! {
                <div class="summary-list__row" class:verdict--refused=!eligible>
                    <dt>{label}</dt>
                    <dd>
                        <FieldErrors id=error_id(&field) errors />
                        {verdict_text(&verdict.verdict)}
                    </dd>
                    <dd>
                        <button
                            type="button"
                            class="button button--outline button--small"
                            id=question_id(&format!("records.{index}"))
                            on:click=move |_| remove(flow, std::slice::from_ref(&id))
                        >
                            "Remove from the set"
                            <span class="visually-hidden">{format!(": {}", verdict.record_name)}</span>
                        </button>
                    </dd>
                </div>
            }
        })
        .collect_view();
    Some(
        view! {
            <h2 id=VERDICTS_HEADING tabindex="-1">{format!("Can {who} be named backup OA of each record?")}</h2>
            <dl class="summary-list verdicts">{rows}</dl>
            {remove_refused}
        }
        .into_any(),
    )
}

/// Every record taken out of the set: what to do next, where Continue's "Select at least one
/// provider record" leads (the link has the records question's id).
fn empty_set(flow: Flow) -> AnyView {
    let back = flow.link(SeveralPlace::at(SeveralStep::Records));
    let href = back.href.clone();
    view! {
        <div class="empty-state">
            <h2 class="empty-state__title">"No records left in the set"</h2>
            <p>
                <a id=question_id("records") href=href on:click=move |ev| back.follow(ev)>
                    "Choose the records again"
                </a>
            </p>
        </div>
    }
    .into_any()
}
