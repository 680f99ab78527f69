//! Step 3: the exclusion and sanction questions for each record on its own (R-MANY-2, R-OA-3:
//! each record's managing employees differ), with the explanation document a Yes needs, and
//! "Use the same answers for all the records", which copies visibly and can be undone.

use super::Flow;
use crate::components::exclusion::{exclusion_questions, DraftPart, Upload};
use crate::state::several_records::{copy_first_answers, record_label, undo_copy};
use contract::application::ExclusionAnswers;
use contract::several_records::SeveralRecordsDraft;
use leptos::prelude::*;
use std::rc::Rc;

pub(super) fn answers_step(flow: Flow) -> AnyView {
    // The records do not change on this step; reading them untracked keeps each answer's
    // fields (and the focus in them) as the user answers.
    let ids = untrack(|| flow.record_ids());
    let count = ids.len();
    let sections = ids
        .into_iter()
        .enumerate()
        .map(|(index, id)| {
            // The user's records may come after a reload's saved set: the heading follows.
            let label = move || {
                flow.record(&id).map_or_else(
                    || id.clone(),
                    |record| record_label(&record.name, &record.id),
                )
            };
            let heading_id = format!("record-answers-{index}");
            let labelled_by = heading_id.clone();
            let answers = DraftPart::new(
                flow.draft,
                move |draft: &SeveralRecordsDraft| &draft.records[index].exclusion,
                move |draft: &mut SeveralRecordsDraft| &mut draft.records[index].exclusion,
            );
            let upload: Upload = Rc::new(move |file| flow.api.with_value(|api| api.upload(file)));
            let copy = (index == 0 && count > 1).then(|| copy_control(flow, count));
            view! {
                <section class="several-answers" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{label}</h2>
                    {exclusion_questions(
                        answers,
                        upload,
                        flow.form,
                        &format!("records.{index}."),
                        RwSignal::new(None),
                    )}
                </section>
                {copy}
            }
        })
        .collect_view();
    view! {
        <p>
            "Answer for each record. The answers cover the new backup OA, the provider and every managing employee of that record."
        </p>
        {sections}
    }
    .into_any()
}

/// R-MANY-2: copies the first record's answers to the others, says so, and offers Undo.
fn copy_control(flow: Flow, count: usize) -> impl IntoView {
    let others = count - 1;
    let the_others = if others == 1 {
        "the other record".to_owned()
    } else {
        format!("the other {others} records")
    };
    let hint = format!("Copies the answers above to {the_others}. You can undo it.");
    let on_copy = move |_| {
        let unanswered = flow.draft.with_untracked(|draft| {
            draft
                .records
                .first()
                .is_none_or(|record| !answered(&record.exclusion))
        });
        if unanswered {
            flow.form.show_errors(vec![(
                "records.0.exclusion.excluded".into(),
                "Answer every question for the first record before using its answers for all the records".into(),
            )]);
            return;
        }
        let mut before = Vec::new();
        flow.draft
            .update(|draft| before = copy_first_answers(draft));
        flow.copied.set(Some(before));
        flow.form.errors.set(Vec::new());
        let first = flow
            .record_ids()
            .first()
            .map(|id| flow.record_name(id))
            .unwrap_or_default();
        flow.copy_status.set(format!(
            "The answers for {first} were copied to {the_others}. Check them below; a record with a Yes needs its own explanation document."
        ));
    };
    let on_undo = move |_| {
        if let Some(before) = flow.copied.get_untracked() {
            flow.draft.update(|draft| undo_copy(draft, &before));
            flow.copied.set(None);
            flow.copy_status
                .set("The copy was undone: each record has its own answers again.".into());
        }
    };
    view! {
        <div class="several-copy">
            <p class="hint" id="copy-answers-hint">
                {hint}
            </p>
            <p>
                <button type="button" class="button button--outline" aria-describedby="copy-answers-hint" on:click=on_copy>
                    "Use the same answers for all the records"
                </button>
            </p>
            <p class="hint" role="status">
                {move || flow.copy_status.get()}
            </p>
            <Show when=move || flow.copied.with(Option::is_some)>
                <p>
                    <button type="button" class="button button--outline button--small" on:click=on_undo>
                        "Undo the copy"
                    </button>
                </p>
            </Show>
        </div>
    }
}

fn answered(answers: &ExclusionAnswers) -> bool {
    answers.excluded.is_some() && answers.sanctioned.is_some() && answers.convicted.is_some()
}
