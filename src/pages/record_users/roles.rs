//! The roles: the four checkboxes that the add form and the roles dialog share, and "Change
//! roles" of one user (R-USER-1) in the confirmation dialog.

use super::{Notice, UsersView};
use crate::api::ApiError;
use crate::components::wizard::FieldErrors;
use crate::components::{AlertKind, ConfirmButtons, ModalDialog};
use contract::operations::ALL_ROLES;
use contract::record_users::{checked_roles, RecordUserRow, RoleChange};
use leptos::prelude::*;

/// The four roles as a GOV.UK checkbox group: the legend, the message at the group while no
/// role is chosen, and one checkbox per role.
pub(super) fn roles_fieldset(
    id: &'static str,
    legend: &'static str,
    chosen: RwSignal<Vec<String>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let errors = Signal::derive(move || error.get().into_iter().collect::<Vec<_>>());
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" id=id aria-describedby=described>
                <legend class="label">{legend}</legend>
                <FieldErrors id=error_id errors />
                {ALL_ROLES
                    .into_iter()
                    .map(|role| {
                        let box_id = format!("{id}-{}", role.to_lowercase().replace(' ', "-"));
                        let toggle = move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            chosen
                                .update(|roles| {
                                    roles.retain(|chosen| chosen != role);
                                    if on {
                                        roles.push(role.to_owned());
                                    }
                                });
                        };
                        view! {
                            <div class="radio">
                                <input
                                    class="radio__input"
                                    type="checkbox"
                                    id=box_id.clone()
                                    name=id
                                    value=role
                                    prop:checked=move || chosen.with(|roles| roles.iter().any(|r| r == role))
                                    on:change=toggle
                                />
                                <label class="radio__label" for=box_id>
                                    {role}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// "Change the roles of Kiran Patel?": the user's roles now, ticked; one request on Save.
pub(super) fn roles_dialog(view: UsersView) -> impl IntoView {
    move || {
        view.changing_roles
            .get()
            .map(|row| dialog(view, row).into_any())
    }
}

fn dialog(view: UsersView, row: RecordUserRow) -> impl IntoView {
    let chosen = RwSignal::new(row.roles.clone());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = row.id;
    let who = format!("{} ({})", row.name, row.ncid);
    let save = Action::new_local(move |roles: &Vec<String>| {
        let answer = view.api.with_value(|api| {
            api.change_roles(
                &view.record.get_value(),
                id,
                RoleChange {
                    roles: roles.clone(),
                },
            )
        });
        async move {
            let answer = answer.await;
            busy.set(false);
            match answer {
                Ok(changed) => {
                    view.changing_roles.set(None);
                    view.announce(Notice::said(
                        AlertKind::Success,
                        "Roles changed",
                        format!(
                            "{} ({}) now has the roles {}. They and the record's OAs have been \
                             sent a notice.",
                            changed.name,
                            changed.ncid,
                            changed.roles.join(", ")
                        ),
                    ));
                    view.reload.run(());
                }
                Err(ApiError::Validation { message, fields }) => {
                    error.set(Some(fields.get("roles").cloned().unwrap_or(message)));
                }
                Err(failure) => {
                    view.changing_roles.set(None);
                    view.announce(Notice::failure("The roles were not changed", &failure));
                }
            }
        }
    });
    let on_confirm = Callback::new(move |()| {
        if busy.get_untracked() {
            return;
        }
        match checked_roles(&chosen.get_untracked()) {
            Ok(roles) => {
                error.set(None);
                busy.set(true);
                save.dispatch_local(roles);
            }
            Err(message) => error.set(Some(message)),
        }
    });
    let on_cancel = Callback::new(move |()| view.changing_roles.set(None));
    let before = row.roles.join(", ");
    view! {
        <ModalDialog id="roles-dialog" title=format!("Change the roles of {who}?") on_escape=on_cancel>
            <p id="roles-dialog-description">
                {format!(
                    "Their roles now: {before}. Choose the roles they should have. They and the \
                     record's primary and backup OA will be sent a notice."
                )}
            </p>
            {roles_fieldset("roles-change", "Roles", chosen, error.into())}
            <ConfirmButtons
                confirm=Signal::derive(move || {
                    if busy.get() { "Saving…".to_owned() } else { "Save roles".to_owned() }
                })
                class="button"
                busy
                on_confirm
                on_cancel
            />
        </ModalDialog>
    }
}
