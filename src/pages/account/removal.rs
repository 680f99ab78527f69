//! The selection bar and Remove Selected Accounts (R-ACCT-2): a count over every page, "Select
//! all N matching", and a confirmation that lists what one removal request will act on.

use super::{AccountView, AccountsApi, Notice};
use crate::api::ApiError;
use crate::components::{AlertKind, ModalDialog};
use crate::state::account_table::{accounts_count, oa_name_text, record_text, RemovalSummary};
use crate::state::selection::Selection;
use contract::accounts::{AccountRow, AccountSelection, SelectionPreview};
use leptos::prelude::*;
use std::rc::Rc;

type Api = StoredValue<Rc<dyn AccountsApi>, LocalStorage>;

/// Where Remove Selected Accounts is.
#[derive(Debug, Clone, PartialEq)]
enum RemovalStep {
    Idle,
    /// Asking the server what the selection stands for.
    Previewing,
    Confirming(SelectionPreview),
    /// The one removal request is on its way; the dialog stays, its button busy.
    Removing(SelectionPreview),
}

pub(super) fn selection_bar(
    view: AccountView,
    api: Api,
    announce: Callback<Notice>,
    removed: Callback<()>,
) -> impl IntoView {
    let count = Memo::new(move |_| view.selection.with(Selection::count));
    let matching = Memo::new(move |_| {
        view.table.page.with(|page| {
            page.as_ref()
                .map(|page| (page.removable_matching, page.total_matching))
        })
    });
    let select_all = move |_| {
        let Some((removable, _)) = matching.get_untracked() else {
            return;
        };
        let filter = view
            .table
            .query
            .with_untracked(|query| query.filter.clone());
        view.selection
            .update(|selection| selection.select_all_matching(filter, removable));
    };
    let step = RwSignal::new(RemovalStep::Idle);
    let asked_with_nothing_selected = RwSignal::new(false);
    let failed = move |heading: &str, error: ApiError| {
        announce.run(Notice::failure(heading, &error));
    };

    let preview = Action::new_local(move |wire: &AccountSelection| {
        let answer = api.with_value(|api| api.preview_selection(wire.clone()));
        async move {
            match answer.await {
                Ok(preview) => step.set(RemovalStep::Confirming(preview)),
                Err(error) => {
                    step.set(RemovalStep::Idle);
                    failed("The selected accounts could not be checked", error);
                }
            }
        }
    });
    let remove_selected = move |_| {
        if count.get_untracked() == 0 {
            asked_with_nothing_selected.set(true);
            return;
        }
        if step.get_untracked() != RemovalStep::Idle {
            return;
        }
        step.set(RemovalStep::Previewing);
        preview.dispatch_local(view.selection.with_untracked(Selection::to_wire));
    };

    let remove = Action::new_local(move |wire: &AccountSelection| {
        let answer = api.with_value(|api| api.remove_accounts(wire.clone()));
        // The rows the confirmation listed name the records in the alert that follows.
        let listed = match step.get_untracked() {
            RemovalStep::Removing(preview) => preview.rows,
            _ => Vec::new(),
        };
        async move {
            let answer = answer.await;
            step.set(RemovalStep::Idle);
            match answer {
                Ok(report) => {
                    let summary = RemovalSummary::of(&report, &listed);
                    // Removed rows leave the selection; refused ones stay, with their reason.
                    view.selection
                        .update(|selection| selection.after_removal(&report));
                    view.refusals.set(summary.refused.clone());
                    announce.run(Notice {
                        kind: if summary.all_removed() {
                            AlertKind::Success
                        } else {
                            AlertKind::Error
                        },
                        heading: summary.heading(),
                        text: summary.detail(),
                    });
                    removed.run(());
                }
                Err(error) => failed("Your accounts were not removed", error),
            }
        }
    });
    let confirm = Callback::new(move |()| {
        let RemovalStep::Confirming(preview) = step.get_untracked() else {
            // Removing already: a second press must not send a second request.
            return;
        };
        step.set(RemovalStep::Removing(preview));
        remove.dispatch_local(view.selection.with_untracked(Selection::to_wire));
    });
    let keep = Callback::new(move |()| {
        if matches!(step.get_untracked(), RemovalStep::Confirming(_)) {
            step.set(RemovalStep::Idle);
        }
    });
    let dialog_preview = Memo::new(move |_| match step.get() {
        RemovalStep::Confirming(preview) | RemovalStep::Removing(preview) => Some(preview),
        RemovalStep::Idle | RemovalStep::Previewing => None,
    });
    let removing = Memo::new(move |_| matches!(step.get(), RemovalStep::Removing(_)));

    view! {
        <div class="selection-bar">
            <p class="selection-bar__count" role="status" aria-live="polite" aria-atomic="true">
                {move || format!("{} selected", count.get())}
            </p>
            <div class="selection-bar__actions">
                {move || {
                    matching
                        .get()
                        .filter(|(removable, _)| *removable > 0)
                        .map(|(removable, _)| {
                            view! {
                                <button
                                    type="button"
                                    class="button button--outline button--small"
                                    on:click=select_all
                                >
                                    {format!("Select all {removable} matching")}
                                </button>
                            }
                        })
                }}
                <button
                    type="button"
                    class="button button--outline button--small"
                    on:click=move |_| view.selection.update(Selection::clear)
                >
                    "Clear selection"
                </button>
                <button
                    type="button"
                    class="button button--danger"
                    id="remove-selected"
                    aria-busy=move || (step.get() == RemovalStep::Previewing).then_some("true")
                    on:click=remove_selected
                >
                    "Remove Selected Accounts"
                </button>
            </div>
            {move || {
                matching
                    .get()
                    .filter(|(removable, total)| removable < total)
                    .map(|(removable, total)| {
                        view! {
                            <p class="selection-bar__note">
                                {format!("{removable} of {total} matching can be removed")}
                            </p>
                        }
                    })
            }}
            {move || {
                (asked_with_nothing_selected.get() && count.get() == 0)
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert">
                                "Select at least one account to remove."
                            </p>
                        }
                    })
            }}
        </div>
        {move || {
            dialog_preview
                .get()
                .map(|preview| confirmation(preview, removing, confirm, keep))
        }}
    }
}

/// "Remove 3 accounts?": every selected account from every page (the first `PREVIEW_LIMIT` and
/// how many more), and apart from them the selected rows that cannot go (R-ACCT-3).
fn confirmation(
    preview: SelectionPreview,
    removing: Memo<bool>,
    confirm: Callback<()>,
    keep: Callback<()>,
) -> impl IntoView {
    let total = preview.total;
    let more = total.saturating_sub(preview.rows.len() as u64);
    let title = if total == 0 {
        "None of the selected accounts can be removed".to_owned()
    } else {
        format!("Remove {}?", accounts_count(total))
    };
    let yes = format!("Yes, remove {}", accounts_count(total));
    let description = if total == 0 {
        "You are the primary or backup OA of the record of every selected account."
    } else {
        "You will no longer have access to these provider records. The Office Administrators \
         of the records will be sent a notice."
    };
    let list = (total > 0).then(|| {
        view! {
            <div class="removal-list" role="region" aria-label="Accounts to remove" tabindex="0">
                <ul class="removal-list__rows">
                    {preview
                        .rows
                        .iter()
                        .map(|row| view! { <li class="removal-list__row">{preview_row(row)}</li> })
                        .collect_view()}
                </ul>
                {(more > 0)
                    .then(|| view! { <p class="removal-list__more">{format!("and {more} more")}</p> })}
            </div>
        }
    });
    let locked = (!preview.locked.is_empty()).then(|| {
        view! {
            <h3 class="removal-locked__title">
                {format!("{} cannot be removed", accounts_count(preview.locked.len() as u64))}
            </h3>
            <ul class="removal-locked">
                {preview
                    .locked
                    .iter()
                    .map(|row| {
                        view! {
                            <li class="removal-list__row">
                                {preview_row(row)}
                                <p class="removal-locked__reason">
                                    {row.lock.as_ref().map(|lock| lock.explanation())}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    // With nothing removable the only choice is to close; "Close" then keeps them too.
    let confirm_button = (total > 0).then(|| {
        view! {
            <button
                type="button"
                class="button button--danger"
                aria-disabled=move || removing.get().then_some("true")
                on:click=move |_| confirm.run(())
            >
                {move || if removing.get() { "Removing…".to_owned() } else { yes.clone() }}
            </button>
        }
    });
    let keep_label = match total {
        0 => "Close",
        1 => "No, keep it",
        _ => "No, keep them",
    };
    let buttons = view! {
        <div class="button-group">
            {confirm_button}
            <button type="button" class="button button--outline" on:click=move |_| keep.run(())>
                {keep_label}
            </button>
        </div>
    };
    view! {
        <ModalDialog id="remove-dialog" title=title on_escape=keep>
            <p id="remove-dialog-description">{description}</p>
            {list}
            {locked}
            {buttons}
        </ModalDialog>
    }
}

/// "Coastal Pediatrics (NPI 2336930211) – OA: tstclaims3 – Riley Morgan": the provider record
/// first, since that is what the user loses access to.
fn preview_row(row: &AccountRow) -> impl IntoView {
    let rest = format!(
        " \u{2013} OA: {} \u{2013} {}",
        row.oa_ncid,
        oa_name_text(row)
    );
    view! {
        <strong>{record_text(row)}</strong>
        {rest}
    }
}
