//! `/operations`, for operations staff only (the server refuses anyone else, 403): the queue of
//! OA Change Requests and of enrollment applications, filtered by one status (the filter in the
//! URL), and two tools — end-dating a record's primary OA (R-BOA-8) and unlocking a user
//! (R-AUTH-2). `/operations/requests/<id>` (`request`) and `/operations/enrollments/<id>`
//! (`enrollment`) open one for review and decision (R-OA-6, the form shared in `decision`). The
//! pages take their requests as a trait so a test can script the server.

mod decision;
mod enrollment;
mod request;
mod tools;

pub use enrollment::OperationsEnrollment;
pub use request::OperationsRequest;

use crate::api::operations::{attachment_url, OperationsApi};
use crate::api::ApiError;
use crate::components::{Alert, AlertKind, PageHeading, Skeleton};
use crate::state::operations::{enrollment_review_path, request_path, QUEUE_STATUSES};
use contract::oa_change::{AttachmentInfo, ExclusionAnswers, RequestStatus};
use contract::operations::{EnrollmentQueueItem, QueueItem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use tools::{EndDateTool, UnlockTool};

/// What a page says when the server refuses the signed-in user (403): not staff.
#[component]
fn NoAccess() -> impl IntoView {
    view! {
        <div id="no-access">
            <Alert kind=AlertKind::Error heading="You do not have access to this page">
                <p>
                    "Only NCTracks operations staff can review OA Change Requests and enrollment applications, end-date Office Administrators and unlock users."
                </p>
                <p>
                    <a href="/">"Go to your provider records"</a>
                </p>
            </Alert>
        </div>
    }
}

#[component]
pub fn OperationsQueue(
    api: Rc<dyn OperationsApi>,
    /// The status the URL filters by; `None`: every submitted request.
    #[prop(into)]
    status: Signal<Option<RequestStatus>>,
    /// Shows another filter: the app puts it in the URL.
    on_navigate: Callback<Option<RequestStatus>>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let queue = RwSignal::new(None::<Result<Vec<QueueItem>, ApiError>>);
    let enrollments = RwSignal::new(None::<Result<Vec<EnrollmentQueueItem>, ApiError>>);
    // Only the answers to the latest filter are shown, whatever order they arrive in.
    let asked = StoredValue::new(0_u64);
    let load = move |status: Option<RequestStatus>| {
        asked.update_value(|count| *count += 1);
        let mine = asked.get_value();
        queue.set(None);
        enrollments.set(None);
        let requests = api.with_value(|api| api.queue(status));
        let applications = api.with_value(|api| api.enrollment_queue(status));
        spawn_local(async move {
            let answer = requests.await;
            if asked.get_value() != mine {
                return;
            }
            queue.set(Some(answer));
        });
        spawn_local(async move {
            let answer = applications.await;
            if asked.get_value() != mine {
                return;
            }
            enrollments.set(Some(answer));
        });
    };
    Effect::new(move |_| load(status.get()));

    let forbidden = Memo::new(move |_| {
        queue.with(|queue| matches!(queue, Some(Err(ApiError::Forbidden(_)))))
            || enrollments.with(|found| matches!(found, Some(Err(ApiError::Forbidden(_)))))
    });
    let retry = move || load(status.get_untracked());
    view! {
        <PageHeading text="Operations" />
        <Show
            when=move || !forbidden.get()
            fallback=|| view! { <NoAccess /> }
        >
            <QueueFilter status on_navigate />
            <section aria-labelledby="queue-title">
                <h2 id="queue-title">"OA Change Requests"</h2>
                {move || match queue.get() {
                    None => view! { <Skeleton label="Loading the requests" blocks=2 /> }.into_any(),
                    Some(Err(error)) => load_failure("We could not load the requests", error, retry).into_any(),
                    Some(Ok(items)) if items.is_empty() => view! {
                        <div class="empty-state" id="queue-empty">
                            <p>
                                {match status.get_untracked() {
                                    Some(status) => format!("No requests are {}.", status.label().to_lowercase()),
                                    None => "No requests have been submitted.".to_owned(),
                                }}
                            </p>
                        </div>
                    }
                    .into_any(),
                    Some(Ok(items)) => queue_table(items, status.get_untracked()).into_any(),
                }}
            </section>
            <section aria-labelledby="enrollment-queue-title">
                <h2 id="enrollment-queue-title">"Enrollment applications"</h2>
                {move || match enrollments.get() {
                    None => view! { <Skeleton label="Loading the enrollment applications" blocks=2 /> }.into_any(),
                    Some(Err(error)) => load_failure("We could not load the enrollment applications", error, retry).into_any(),
                    Some(Ok(items)) if items.is_empty() => view! {
                        <div class="empty-state" id="enrollment-queue-empty">
                            <p>
                                {match status.get_untracked() {
                                    Some(status) => format!("No enrollment applications are {}.", status.label().to_lowercase()),
                                    None => "No enrollment applications have been submitted.".to_owned(),
                                }}
                            </p>
                        </div>
                    }
                    .into_any(),
                    Some(Ok(items)) => enrollment_table(items, status.get_untracked()).into_any(),
                }}
            </section>
            <EndDateTool api />
            <UnlockTool api />
        </Show>
    }
}

fn load_failure(
    heading: &'static str,
    error: ApiError,
    retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Alert kind=AlertKind::Error heading=heading heading_level=3>
            <p>{error.to_string()}</p>
            <button type="button" class="button button--outline" on:click=move |_| retry()>
                "Try again"
            </button>
        </Alert>
    }
}

/// The status filter: a select and a button, so choosing does not reload on every arrow key.
#[component]
fn QueueFilter(
    status: Signal<Option<RequestStatus>>,
    on_navigate: Callback<Option<RequestStatus>>,
) -> impl IntoView {
    let chosen = RwSignal::new(status.get_untracked());
    // Back and Forward change the URL: the select follows.
    Effect::new(move |_| chosen.set(status.get()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_navigate.run(chosen.get_untracked());
    };
    let value_of = |status: Option<RequestStatus>| status.map_or("", RequestStatus::as_str);
    view! {
        <form class="queue-filter" on:submit=on_submit>
            <div class="form-group queue-filter__field">
                <label class="label" for="queue-status">"Status"</label>
                <select
                    class="select"
                    id="queue-status"
                    prop:value=move || value_of(chosen.get())
                    on:change=move |ev| chosen.set(RequestStatus::parse(&event_target_value(&ev)))
                >
                    <option value="" selected=move || chosen.get().is_none()>"All statuses"</option>
                    {QUEUE_STATUSES
                        .into_iter()
                        .map(|option| {
                            view! {
                                <option
                                    value=option.as_str()
                                    selected=move || chosen.get() == Some(option)
                                >
                                    {option.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--outline">"Apply filter"</button>
        </form>
    }
}

fn queue_table(items: Vec<QueueItem>, status: Option<RequestStatus>) -> impl IntoView {
    let caption = match status {
        Some(status) => format!("{} requests: {}, oldest first", status.label(), items.len()),
        None => format!("All submitted requests: {}, oldest first", items.len()),
    };
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <tr>
                    <td>
                        <a href=request_path(item.id)>{item.tracking_number.to_string()}</a>
                    </td>
                    <td>{item.record_name} <br /> <span class="hint">{item.record_id}</span></td>
                    <td>{format!("{} ({})", item.applicant_name, item.applicant_ncid)}</td>
                    <td>{item.submitted.long_form()}</td>
                    <td class="queue-table__status">{item.status.label()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-region" role="region" aria-labelledby="queue-caption" tabindex="0">
            <table class="account-table queue-table">
                <caption class="account-table__caption" id="queue-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Tracking number"</th>
                        <th scope="col">"Provider record"</th>
                        <th scope="col">"Applicant"</th>
                        <th scope="col">"Submitted"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn enrollment_table(
    items: Vec<EnrollmentQueueItem>,
    status: Option<RequestStatus>,
) -> impl IntoView {
    let caption = match status {
        Some(status) => format!(
            "{} enrollment applications: {}, oldest first",
            status.label(),
            items.len()
        ),
        None => format!(
            "All submitted enrollment applications: {}, oldest first",
            items.len()
        ),
    };
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <tr>
                    <td>
                        <a href=enrollment_review_path(item.id)>{item.tracking_number.to_string()}</a>
                    </td>
                    <td>{item.provider_name} <br /> <span class="hint">{item.provider_id}</span></td>
                    <td>{format!("{} ({})", item.applicant_name, item.applicant_ncid)}</td>
                    <td>{item.submitted.long_form()}</td>
                    <td class="queue-table__status">{item.status.label()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-region" role="region" aria-labelledby="enrollment-queue-caption" tabindex="0">
            <table class="account-table queue-table">
                <caption class="account-table__caption" id="enrollment-queue-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Tracking number"</th>
                        <th scope="col">"Provider"</th>
                        <th scope="col">"Applicant and primary OA"</th>
                        <th scope="col">"Submitted"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// What the review pages share: the phase of loading the one application they show.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Forbidden,
    Failed(String),
    Loaded,
}

/// R-OA-3: the explanation document, downloaded from the server (staff only).
fn attachment_answer(attachment: Option<&AttachmentInfo>, exclusion: &ExclusionAnswers) -> AnyView {
    match attachment {
        Some(info) => view! {
            <a href=attachment_url(info.id) download="">
                {format!("Download the explanation ({}, {} KB)", info.kind.media_type(), info.size.div_ceil(1024))}
            </a>
        }
        .into_any(),
        None if exclusion.any_yes() => "Missing".into_any(),
        None => "None (every answer is No)".into_any(),
    }
}

fn summary_rows(rows: Vec<(String, AnyView)>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(question, answer)| {
            view! {
                <div class="summary-list__row summary-list__row--two">
                    <dt>{question}</dt>
                    <dd>{answer}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="summary-list">{rows}</dl> }
}
