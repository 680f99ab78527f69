//! `/applications` and `/applications/<id>`: My applications (R-OA-5, R-OA-6). The signed-in
//! user's applications of both kinds — OA Change Requests and enrollment applications (the
//! latter open in the enrollment pages) — with their status and tracking number; a request is
//! opened read-only here, a
//! draft or a request returned for correction continued in the wizard, an open one withdrawn
//! after a confirmation that says it cannot be undone. The pages take their requests as a trait
//! so a test can script the server.

use crate::api::applications::ApplicationsApi;
use crate::api::ApiError;
use crate::components::focus::focus_by_id_after_render;
use crate::components::wizard::answer_list;
use crate::components::{
    Alert, AlertKind, Announcer, Column, DataTable, LoadFailure, Loaded, ModalDialog, PageHeading,
};
use crate::state::applications::{
    continue_place, my_applications, record_id_label, tracking_text, MyApplication,
    APPLICATIONS_PATH,
};
use crate::state::enrollment::ENROLLMENT_PATH;
use crate::state::oa_change::{answer_rows, OA_CHANGE_PATH};
use crate::state::wizard::EXPLANATION_QUESTION;
use contract::application::{ApplicationId, RequestStatus};
use contract::oa_change::{ApplicationDetail, RecordOverview};
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use std::rc::Rc;

type Api = StoredValue<Rc<dyn ApplicationsApi>, LocalStorage>;

/// A link that the app's router follows (`on_navigate`) rather than the browser.
fn route_link(
    href: String,
    on_navigate: Callback<String>,
    class: &'static str,
    children: impl IntoView + 'static,
) -> impl IntoView {
    let to = href.clone();
    let on_click = move |ev: MouseEvent| {
        // A modified click (new tab, new window) is the browser's.
        if !ev.default_prevented() && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
            ev.prevent_default();
            on_navigate.run(to.clone());
        }
    };
    view! {
        <a href=href class=class on:click=on_click>
            {children}
        </a>
    }
}

/// R-OA-6: the status in words (never by colour alone).
fn status_tag(status: RequestStatus) -> impl IntoView {
    view! {
        <span class=format!("status-tag status-tag--{}", status.as_str())>{status.label()}</span>
    }
}

/// `/applications`: the table of the user's applications of both kinds, the latest first.
#[component]
pub fn MyApplications(
    api: Rc<dyn ApplicationsApi>,
    /// Follows a link within the app.
    on_navigate: Callback<String>,
) -> impl IntoView {
    let api: Api = StoredValue::new_local(api);
    let list = LocalResource::new(move || {
        let (requests, enrollments) = api.with_value(|api| (api.applications(), api.enrollments()));
        async move { Ok(my_applications(requests.await?, enrollments.await?)) }
    });
    view! {
        <PageHeading text="My applications" />
        <p class="lead">
            "Your OA Change Requests and enrollment applications: drafts you can continue, and submitted applications with their tracking number and status."
        </p>
        <Loaded
            resource=list
            loading="Loading your applications"
            failed="Your applications could not be loaded"
            content={move |applications: Vec<MyApplication>| {
                if applications.is_empty() {
                    no_applications(on_navigate).into_any()
                } else {
                    applications_table(applications, on_navigate).into_any()
                }
            }}
        />
    }
}

fn no_applications(on_navigate: Callback<String>) -> impl IntoView {
    view! {
        <div class="empty-state">
            <h2 class="empty-state__title">"No applications yet"</h2>
            <p>"You have not started an OA Change Request or an enrollment application."</p>
            <ul>
                <li>{route_link(OA_CHANGE_PATH.to_owned(), on_navigate, "", "Start an OA Change Request")}</li>
                <li>{route_link(ENROLLMENT_PATH.to_owned(), on_navigate, "", "Start an enrollment application")}</li>
            </ul>
        </div>
    }
}

fn applications_table(
    applications: Vec<MyApplication>,
    on_navigate: Callback<String>,
) -> impl IntoView {
    let columns = [
        "Provider record",
        "Kind",
        "Status",
        "Tracking number",
        "Last updated",
        "Submitted",
    ]
    .map(Column::plain)
    .to_vec();
    view! {
        <DataTable
            id="applications"
            caption="Your applications".to_owned()
            class="account-table applications-table"
            columns
            rows=applications
            key=|application: &MyApplication| application.href.clone()
            cells=move |application| application_cells(application, on_navigate).into_any()
        />
    }
}

fn application_cells(application: MyApplication, on_navigate: Callback<String>) -> impl IntoView {
    // Two applications for one record read differently to a screen reader.
    let hidden = format!(
        ", {}, {}, {}",
        application.kind.label(),
        application.status.label(),
        application.tracking
    );
    let name = view! {
        {application.name.clone()}
        <span class="visually-hidden">{hidden}</span>
    };
    let submitted = application
        .submitted
        .map_or_else(|| "Not submitted".to_owned(), |day| day.long_form());
    // R-BOA-5: an application that names the user backup OA is theirs to read, not to sign.
    let kind = if application.named_backup {
        format!("{} (you are named backup OA)", application.kind.label())
    } else {
        application.kind.label().to_owned()
    };
    view! {
        <th scope="row">
            {route_link(application.href, on_navigate, "", name)}
            {application
                .provider_id
                .map(|id| view! { <span class="applications-table__id">{id}</span> })}
        </th>
        <td>{kind}</td>
        <td>{status_tag(application.status)}</td>
        <td class="applications-table__tracking">{application.tracking}</td>
        <td>{application.updated.long_form()}</td>
        <td>{submitted}</td>
    }
}

/// What the withdrawal last did, shown at the top of the page.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Withdrawn(String),
    Refused(String),
}

const OUTCOME_ID: &str = "withdraw-outcome";

/// `/applications/<id>`: one application, read-only, with what can still be done with it.
#[component]
pub fn ApplicationView(
    api: Rc<dyn ApplicationsApi>,
    /// The id in the address; `None` when it is not one.
    id: Option<ApplicationId>,
    on_navigate: Callback<String>,
) -> impl IntoView {
    let api: Api = StoredValue::new_local(api);
    let detail = LocalResource::new(move || {
        let answer = id.map(|id| api.with_value(|api| api.application(id)));
        async move {
            match answer {
                Some(answer) => answer.await,
                None => Err(ApiError::NotFound(String::new())),
            }
        }
    });
    // Names for the NCIDs in the answers, once the record is known; without them the NCIDs
    // stand alone.
    let record = Memo::new(move |_| {
        detail.with(|detail| match detail {
            Some(Ok(loaded)) => Some(loaded.summary.record_id.clone()),
            _ => None,
        })
    });
    let overview = LocalResource::new(move || {
        let answer = record
            .get()
            .map(|record| api.with_value(|api| api.record(record)));
        async move {
            match answer {
                Some(answer) => answer.await.ok(),
                None => None,
            }
        }
    });
    let overview = Signal::derive(move || overview.get().flatten());
    let confirming = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let announcer = use_context::<Announcer>();

    let close = Callback::new(move |()| confirming.set(false));
    let withdraw = Action::new_local(move |id: &ApplicationId| {
        let answer = api.with_value(|api| api.withdraw(*id));
        async move {
            let answer = answer.await;
            confirming.set(false);
            match answer {
                Ok(summary) => {
                    let text = match summary.tracking_number.as_ref() {
                        Some(tracking) => format!("Request {tracking} is withdrawn."),
                        None => "Your draft is withdrawn.".to_owned(),
                    };
                    // After the page's heading has announced itself again (it re-renders).
                    let said = text.clone();
                    request_animation_frame(move || {
                        if let Some(announcer) = announcer {
                            announcer.announce(said);
                        }
                    });
                    detail.update(|detail| {
                        if let Some(Ok(detail)) = detail {
                            detail.summary = summary;
                        }
                    });
                    outcome.set(Some(Outcome::Withdrawn(text)));
                }
                Err(error) => {
                    outcome.set(Some(Outcome::Refused(error.to_string())));
                    // 409: the request was decided meanwhile; show it as it is now.
                    if matches!(error, ApiError::Conflict(_)) {
                        detail.refetch();
                    }
                }
            }
            focus_by_id_after_render(OUTCOME_ID);
        }
    });
    let withdrawing = withdraw.pending();
    let on_withdraw = move |_| {
        if let Some(id) = id.filter(|_| !withdrawing.get_untracked()) {
            withdraw.dispatch_local(id);
        }
    };

    let outcome_view = move || {
        outcome.get().map(|outcome| match outcome {
            Outcome::Withdrawn(text) => view! {
                <Alert kind=AlertKind::Success heading="Request withdrawn">
                    <p>{text}</p>
                    <p>"You can start a new OA Change Request for this record."</p>
                </Alert>
            }
            .into_any(),
            Outcome::Refused(text) => view! {
                <Alert kind=AlertKind::Error heading="The request could not be withdrawn">
                    <p>{text}</p>
                </Alert>
            }
            .into_any(),
        })
    };

    let explain = Callback::new(move |error: ApiError| {
        Some(match error {
            ApiError::NotFound(_) => not_found(on_navigate).into_any(),
            error => view! {
                <PageHeading text="Application" />
                <LoadFailure
                    heading="The application could not be loaded"
                    error
                    retry=Callback::new(move |()| detail.refetch())
                />
            }
            .into_any(),
        })
    });
    let page = view! {
        <Loaded
            resource=detail
            loading="Loading the application"
            failed="The application could not be loaded"
            explain
            content={move |detail: ApplicationDetail| {
                detail_view(detail, overview, on_navigate, confirming).into_any()
            }}
        />
    };

    // The outcome stays on the page while the application reloads, above it as a notification
    // banner, so that focus can move to it.
    view! {
        <div id=OUTCOME_ID class="account-notice" role="status" tabindex="-1">
            {outcome_view}
        </div>
        {page}
        <Show when=move || confirming.get()>
            <ModalDialog id="withdraw-dialog" title="Withdraw this request?" on_escape=close>
                <p id="withdraw-dialog-description">
                    <strong>"Withdrawing cannot be undone."</strong>
                    " The request stops here and is not reviewed. To change the record's OA later, you would start a new OA Change Request."
                </p>
                <div class="button-group">
                    <button
                        type="button"
                        class="button button--danger"
                        aria-disabled=move || withdrawing.get().then_some("true")
                        on:click=on_withdraw
                    >
                        {move || if withdrawing.get() { "Withdrawing…" } else { "Withdraw request" }}
                    </button>
                    <button type="button" class="button button--outline" on:click=move |_| close.run(())>
                        "Cancel"
                    </button>
                </div>
            </ModalDialog>
        </Show>
    }
}

/// R-OA-5: another user's application is answered like a missing one.
fn not_found(on_navigate: Callback<String>) -> impl IntoView {
    let back = route_link(
        APPLICATIONS_PATH.to_owned(),
        on_navigate,
        "",
        "Go to My applications",
    );
    view! {
        <PageHeading text="Application not found" />
        <p>"There is no application of yours at this address."</p>
        <p>{back}</p>
    }
}

fn detail_view(
    detail: ApplicationDetail,
    overview: Signal<Option<RecordOverview>>,
    on_navigate: Callback<String>,
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let summary = detail.summary.clone();
    let heading = format!("OA Change Request for {}", summary.record_name);
    let submitted = summary
        .submitted
        .map_or_else(|| "Not submitted".to_owned(), |day| day.long_form());
    let continue_link = continue_place(&summary).map(|place| {
        let text = if summary.status == RequestStatus::Returned {
            "Correct and resubmit this request"
        } else {
            "Continue this application"
        };
        route_link(place.path(), on_navigate, "button", text)
    });
    // R-OA-5: a draft can be discarded and an open request withdrawn; a decision is final.
    let withdraw_button = summary.status.may_withdraw().then(|| {
        view! {
            <button
                type="button"
                class="button button--outline"
                id="withdraw-open"
                on:click=move |_| confirming.set(true)
            >
                "Withdraw request"
            </button>
        }
    });
    let returned_note = (summary.status == RequestStatus::Returned).then(|| {
        view! {
            <Alert kind=AlertKind::Warning heading="Returned for correction">
                <p>"NCTracks returned this request. Correct it and submit it again; it keeps its tracking number."</p>
            </Alert>
        }
    });
    // R-OA-3: the explanation document's kind and size where the answers say "Uploaded".
    let attachment = detail.attachment.map(|info| {
        format!(
            "Uploaded: {} document, {} KB",
            info.kind.media_type(),
            info.size.div_ceil(1024)
        )
    });
    let answers = move || {
        let mut rows = overview
            .with(|overview| answer_rows(&summary.record_name, &detail.draft, overview.as_ref()));
        if let Some(text) = &attachment {
            for row in rows
                .iter_mut()
                .filter(|row| row.question == EXPLANATION_QUESTION)
            {
                row.answer = text.clone();
            }
        }
        answer_list(rows, None)
    };
    view! {
        <span class="caption">"My applications"</span>
        <PageHeading text=heading />
        {returned_note}
        <dl class="summary-list application-facts">
            <div class="summary-list__row">
                <dt>"Status"</dt>
                <dd>{status_tag(detail.summary.status)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Tracking number"</dt>
                <dd class="tracking-number">{tracking_text(&detail.summary)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Provider record"</dt>
                <dd>{format!("{} – {}", detail.summary.record_name, record_id_label(&detail.summary.record_id))}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Last updated"</dt>
                <dd>{detail.summary.updated.long_form()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Submitted"</dt>
                <dd>{submitted}</dd>
            </div>
        </dl>
        <div class="button-group">{continue_link} {withdraw_button}</div>
        <h2>"Your answers"</h2>
        {answers}
    }
}
