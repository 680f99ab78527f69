//! The selection bar and the changes of the selected users (R-USER-1): make Inactive, make
//! Active again, end access. Each confirms in a dialog that lists who and what changes, sends
//! one request, and reports each user's result.

use super::{Notice, UsersView};
use crate::components::{AlertKind, ConfirmButtons, ModalDialog};
use crate::state::record_users::{user_text, users_count, ChangeReport, SeveralChange};
use contract::accounts::{AssociationId, AssociationStatus};
use contract::record_users::{AccessEnding, StatusChange, UserChangeReport, MAX_CHANGED_USERS};
use leptos::prelude::*;
use std::collections::BTreeSet;

const CHANGES: [SeveralChange; 3] = [
    SeveralChange::Status(AssociationStatus::Inactive),
    SeveralChange::Status(AssociationStatus::Active),
    SeveralChange::EndAccess,
];

/// Where a change of the selected users is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Idle,
    Confirming(SeveralChange),
    /// The one request is on its way; the dialog stays, its button busy.
    Sending(SeveralChange),
}

pub(super) fn selection_bar(view: UsersView) -> impl IntoView {
    let selected = Memo::new(move |_| {
        view.selection
            .with(|selection| selection.ids().cloned().unwrap_or_default())
    });
    let count = Memo::new(move |_| selected.with(BTreeSet::len));
    let step = RwSignal::new(Step::Idle);
    let asked_with_nothing_selected = RwSignal::new(false);

    let send = Action::new_local(
        move |(change, ids): &(SeveralChange, BTreeSet<AssociationId>)| {
            let (change, ids) = (*change, ids.clone());
            let record = view.record.get_value();
            let answer = view.api.with_value(|api| match change {
                SeveralChange::Status(status) => {
                    api.change_status(&record, StatusChange { ids, status })
                }
                SeveralChange::EndAccess => api.end_access(&record, AccessEnding { ids }),
            });
            async move {
                let answer = answer.await;
                step.set(Step::Idle);
                match answer {
                    Ok(report) => reported(view, change, &report),
                    Err(error) => view.announce(Notice::failure("Nothing was changed", &error)),
                }
            }
        },
    );
    let open = move |change: SeveralChange| {
        if count.get_untracked() == 0 {
            asked_with_nothing_selected.set(true);
            return;
        }
        if step.get_untracked() == Step::Idle {
            step.set(Step::Confirming(change));
        }
    };
    let confirm = Callback::new(move |()| {
        let Step::Confirming(change) = step.get_untracked() else {
            // Sending already: a second press must not send a second request.
            return;
        };
        step.set(Step::Sending(change));
        send.dispatch_local((change, selected.get_untracked()));
    });
    let cancel = Callback::new(move |()| {
        if matches!(step.get_untracked(), Step::Confirming(_)) {
            step.set(Step::Idle);
        }
    });

    view! {
        <div class="selection-bar">
            <p class="selection-bar__count" role="status" aria-live="polite" aria-atomic="true">
                {move || format!("{} selected", count.get())}
            </p>
            <div class="selection-bar__actions">
                <button
                    type="button"
                    class="button button--outline button--small"
                    on:click=move |_| view.selection.update(|selection| selection.clear())
                >
                    "Clear selection"
                </button>
                {CHANGES
                    .into_iter()
                    .map(|change| {
                        let class = if change == SeveralChange::EndAccess {
                            "button button--danger"
                        } else {
                            "button button--outline"
                        };
                        view! {
                            <button type="button" class=class on:click=move |_| open(change)>
                                {change.button()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                (asked_with_nothing_selected.get() && count.get() == 0)
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert">
                                "Select at least one user first."
                            </p>
                        }
                    })
            }}
            {move || {
                (count.get() > MAX_CHANGED_USERS)
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert">
                                {format!("One change can name at most {MAX_CHANGED_USERS} users.")}
                            </p>
                        }
                    })
            }}
        </div>
        {move || match step.get() {
            Step::Idle => None,
            Step::Confirming(change) | Step::Sending(change) => {
                let sending = Signal::derive(move || matches!(step.get(), Step::Sending(_)));
                Some(confirmation(view, change, selected.get_untracked(), sending, confirm, cancel))
            }
        }}
    }
}

/// The report after the change: refused users stay selected with their reason beside them.
fn reported(view: UsersView, change: SeveralChange, report: &UserChangeReport) {
    let summary = ChangeReport::of(change, report);
    let refused = summary.refused_ids();
    view.refusals.set(
        summary
            .lines
            .iter()
            .filter(|line| line.refused)
            .map(|line| (line.id, line.result.clone()))
            .collect(),
    );
    view.selection
        .update(|selection| selection.set_ids(refused));
    let text = if summary.all_done() {
        "Each user and the record's primary and backup OA have been sent a notice.".to_owned()
    } else {
        "The reason is shown beside each user who was not changed; they are still selected."
            .to_owned()
    };
    view.announce(Notice {
        kind: if summary.all_done() {
            AlertKind::Success
        } else {
            AlertKind::Error
        },
        heading: summary.heading.clone(),
        text,
        lines: summary.lines,
    });
    view.reload.run(());
}

/// "Make 2 users Inactive?": each selected user by name where the page has seen them, with
/// what changes for them, and how many more were selected elsewhere.
fn confirmation(
    view: UsersView,
    change: SeveralChange,
    selected: BTreeSet<AssociationId>,
    sending: Signal<bool>,
    confirm: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    let count = selected.len();
    // The rows seen selected, and those of the page shown (a reload keeps the selection but
    // not the rows seen before it).
    let named: Vec<_> = view.known.with_untracked(|known| {
        view.table.page.with_untracked(|page| {
            let shown = page.as_ref().map_or(&[][..], |page| &page.rows[..]);
            selected
                .iter()
                .filter_map(|id| {
                    known
                        .get(id)
                        .or_else(|| shown.iter().find(|row| row.id == *id))
                        .cloned()
                })
                .collect()
        })
    });
    let more = count.saturating_sub(named.len());
    let yes = change.confirm(count);
    view! {
        <ModalDialog id="change-dialog" title=change.title(count) on_escape=cancel>
            <p id="change-dialog-description">{change.description(&view.record_name())}</p>
            <div class="removal-list" role="region" aria-label="Users to change" tabindex="0">
                <ul class="removal-list__rows">
                    {named
                        .iter()
                        .map(|row| {
                            view! {
                                <li class="removal-list__row">
                                    <strong>{user_text(row)}</strong>
                                    {format!(" \u{2013} {}", change.change_of(row))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {(more > 0)
                    .then(|| {
                        view! {
                            <p class="removal-list__more">
                                {format!("and {} selected on other pages", users_count(more))}
                            </p>
                        }
                    })}
            </div>
            <ConfirmButtons
                confirm=Signal::derive(move || {
                    if sending.get() { "Saving…".to_owned() } else { yes.clone() }
                })
                class=if change == SeveralChange::EndAccess {
                    "button button--danger"
                } else {
                    "button"
                }
                busy=sending
                on_confirm=confirm
                on_cancel=cancel
            />
        </ModalDialog>
    }
}
