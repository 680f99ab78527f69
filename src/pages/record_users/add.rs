//! "Add a user" (R-USER-1, R-USER-4): an NCID and at least one role. An NCID without an account
//! is refused at the field; a user who already has access is offered a change of roles.

use super::roles::roles_fieldset;
use super::{Notice, UsersView};
use crate::api::ApiError;
use crate::components::error_summary::ERROR_SUMMARY_ID;
use crate::components::focus::focus_by_id_after_render;
use crate::components::form_field::text_input;
use crate::components::{AlertKind, ErrorSummary, FormField, SummaryItem};
use contract::record_users::{NewRecordUser, RecordUserQuery};
use contract::table::TableFilter;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

const NCID_ID: &str = "add-ncid";
const ROLES_ID: &str = "add-roles";

pub(super) fn add_user(view: UsersView) -> impl IntoView {
    let ncid = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    // The NCID of a user who already has access, for "Change their roles" (R-USER-4).
    let already = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let refused = move |field_errors: Vec<(&'static str, String)>| {
        errors.set(field_errors);
        focus_by_id_after_render(ERROR_SUMMARY_ID);
    };

    let add = Action::new_local(move |new_user: &NewRecordUser| {
        let answer = view
            .api
            .with_value(|api| api.add_user(&view.record.get_value(), new_user.clone()));
        let asked = new_user.ncid.clone();
        async move {
            let answer = answer.await;
            busy.set(false);
            match answer {
                Ok(row) => {
                    ncid.set(String::new());
                    roles.set(Vec::new());
                    errors.set(Vec::new());
                    view.announce(Notice::said(
                        AlertKind::Success,
                        format!("{} added", row.ncid),
                        format!(
                            "{} ({}) now has access to {} with the roles {}. They and the \
                             record's OAs have been sent a notice.",
                            row.name,
                            row.ncid,
                            view.record_name(),
                            row.roles.join(", ")
                        ),
                    ));
                    view.reload.run(());
                }
                Err(ApiError::Validation { message, fields }) => {
                    let mut lines: Vec<(&'static str, String)> = ["ncid", "roles"]
                        .into_iter()
                        .filter_map(|field| fields.get(field).map(|text| (field, text.clone())))
                        .collect();
                    if lines.is_empty() {
                        lines.push(("ncid", message));
                    }
                    refused(lines);
                }
                Err(ApiError::Conflict(message)) => {
                    already.set(Some(asked));
                    refused(vec![("ncid", message)]);
                }
                Err(failure) => view.announce(Notice::failure("The user was not added", &failure)),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        already.set(None);
        let new_user = NewRecordUser {
            ncid: ncid.get_untracked().trim().to_owned(),
            roles: roles.get_untracked(),
        };
        let field_errors = new_user.field_errors();
        if !field_errors.is_empty() {
            refused(field_errors);
            return;
        }
        errors.set(Vec::new());
        busy.set(true);
        add.dispatch_local(new_user);
    };

    let error_at = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|errors| {
                errors
                    .iter()
                    .find(|(at, _)| *at == field)
                    .map(|(_, message)| message.clone())
            })
        })
    };
    let summary = Signal::derive(move || {
        errors.with(|errors| {
            SummaryItem::for_fields(errors, |field| match field {
                "roles" => Some(ROLES_ID),
                _ => Some(NCID_ID),
            })
        })
    });
    view! {
        <section class="add-user" aria-labelledby="add-user-heading">
            <h2 id="add-user-heading">"Add a user"</h2>
            <ErrorSummary items=summary />
            <form class="add-user__form" novalidate on:submit=on_submit>
                <FormField
                    id=NCID_ID
                    label="User's NCID"
                    hint=Some("The user must already have an NCTracks portal account.")
                    error=error_at("ncid")
                    input=move |wiring| {
                        text_input(
                            NCID_ID.to_owned(),
                            ncid.into(),
                            move |text| ncid.set(text),
                            wiring,
                        )
                    }
                />
                {move || already.get().map(|user| change_instead(view, user))}
                {roles_fieldset(ROLES_ID, "Roles", roles, error_at("roles"))}
                <button type="submit" class="button" aria-busy=move || busy.get().then_some("true")>
                    {move || if busy.get() { "Adding…" } else { "Add user" }}
                </button>
            </form>
        </section>
    }
}

/// R-USER-4: a user who already has access is changed, not added twice. Their row is looked
/// up and its roles dialog opened; if it cannot be found, the table is filtered to them.
fn change_instead(view: UsersView, ncid: String) -> impl IntoView {
    let find = Action::new_local(move |ncid: &String| {
        let query = RecordUserQuery {
            filter: TableFilter {
                text: ncid.clone(),
                status: None,
            },
            ..RecordUserQuery::default()
        };
        let answer = view
            .api
            .with_value(|api| api.users(&view.record.get_value(), query.clone()));
        let ncid = ncid.clone();
        async move {
            let found = answer.await.ok().and_then(|page| {
                page.rows
                    .into_iter()
                    .find(|row| row.ncid.eq_ignore_ascii_case(&ncid) && row.oa_role.is_none())
            });
            match found {
                Some(row) => view.changing_roles.set(Some(row)),
                None => view.table.show(query),
            }
        }
    });
    let label = format!("Change the roles of {ncid} instead");
    view! {
        <p class="add-user__instead">
            <button
                type="button"
                class="button button--outline button--small"
                on:click=move |_| {
                    find.dispatch_local(ncid.clone());
                }
            >
                {label}
            </button>
        </p>
    }
}
