//! `/enrollment` without an application: the user's enrollment applications and those that
//! name them backup OA (R-BOA-5), with a way to start one.

use super::SharedApi;
use crate::components::{Alert, AlertKind, Column, DataTable, Loaded, PageHeading, Retry};
use crate::state::applications::enrollment_provider_name;
use crate::state::enrollment::EnrollmentPlace;
use contract::enrollment::{EnrollmentDraft, EnrollmentRole, EnrollmentStep, EnrollmentView};
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// The user's applications and those that name them backup OA, with a way to start one.
#[component]
pub(super) fn ApplicationList(
    api: SharedApi,
    on_navigate: Callback<EnrollmentPlace>,
) -> impl IntoView {
    let applications = LocalResource::new(move || api.with_value(|api| api.list()));
    let start_problem = RwSignal::new(None::<String>);
    let start = Action::new_local(move |()| {
        let answer = api.with_value(|api| api.create());
        async move {
            match answer.await {
                Ok(created) => on_navigate.run(EnrollmentPlace::at(
                    created.id,
                    EnrollmentStep::ProviderType,
                )),
                Err(error) => start_problem.set(Some(error.to_string())),
            }
        }
    });
    let starting = start.pending();
    let on_start = move |_| {
        if !starting.get_untracked() {
            start.dispatch_local(());
        }
    };
    view! {
        <PageHeading text="Enrollment applications" />
        <p class="lead">
            "Enroll a new provider. You become its primary Office Administrator, and you may name a backup OA among the owners and managing relationships you list."
        </p>
        {move || {
            start_problem
                .get()
                .map(|problem| {
                    view! {
                        <Alert kind=AlertKind::Error heading="We could not start an application">
                            <p>{problem}</p>
                        </Alert>
                    }
                })
        }}
        <p>
            <button
                type="button"
                class="button"
                aria-disabled=move || starting.get().to_string()
                on:click=on_start
            >
                "Start a new enrollment application"
            </button>
        </p>
        <h2>"Your applications"</h2>
        <Loaded
            resource=applications
            loading="Loading your enrollment applications"
            blocks=2
            failed="We could not load your enrollment applications"
            retry_place=Retry::InAlert
            content={move |list: Vec<EnrollmentView>| applications_table(list, on_navigate)}
        />
    }
}

fn applications_table(
    list: Vec<EnrollmentView>,
    on_navigate: Callback<EnrollmentPlace>,
) -> AnyView {
    if list.is_empty() {
        return view! {
            <p class="lead" id="no-enrollments">"You have no enrollment applications yet."</p>
        }
        .into_any();
    }
    let columns = [
        "Provider",
        "Your role",
        "Status",
        "Tracking number",
        "Last updated",
    ]
    .map(Column::plain)
    .to_vec();
    view! {
        <DataTable
            id="enrollment-table"
            caption="Your enrollment applications".to_owned()
            class="account-table enrollment-table"
            columns
            rows=list
            key=|application: &EnrollmentView| application.id
            cells=move |application| application_cells(application, on_navigate).into_any()
        />
    }
    .into_any()
}

fn application_cells(
    application: EnrollmentView,
    on_navigate: Callback<EnrollmentPlace>,
) -> impl IntoView {
    let place = EnrollmentPlace {
        application: Some(application.id),
        ..EnrollmentPlace::default()
    };
    let href = place.path();
    let open = move |ev: MouseEvent| {
        if !ev.default_prevented() {
            ev.prevent_default();
            on_navigate.run(place.clone());
        }
    };
    let name = provider_name(&application.draft);
    let role = match application.role {
        EnrollmentRole::Primary => "Primary OA (applicant)",
        EnrollmentRole::NamedBackup => "Named backup OA",
    };
    view! {
        <td>
            <a href=href on:click=open>
                {name}
            </a>
        </td>
        <td>{role}</td>
        <td>{application.status.label()}</td>
        <td>
            {application
                .tracking_number
                .map_or_else(|| "Not submitted yet".to_owned(), |number| number.to_string())}
        </td>
        <td>{application.updated.long_form()}</td>
    }
}

/// The provider an application names (the confirmation's heading too).
pub(super) fn provider_name(draft: &EnrollmentDraft) -> String {
    enrollment_provider_name(&draft.name)
}
