//! `/operations`, for operations staff only (the server refuses anyone else, 403): the queue of
//! OA Change Requests and of enrollment applications, filtered by one status (the filter in the
//! URL), and two tools — end-dating a record's primary OA (R-BOA-8) and unlocking a user
//! (R-AUTH-2). `/operations/requests/<id>` (`request`) and `/operations/enrollments/<id>`
//! (`enrollment`) open one on the one review page (`review`) for the decision (R-OA-6,
//! `decision`). The pages take their requests as a trait so a test can script the server.

mod decision;
mod enrollment;
mod request;
mod review;
mod tools;

pub use enrollment::OperationsEnrollment;
pub use request::OperationsRequest;

use crate::api::operations::{attachment_url, OperationsApi};
use crate::api::ApiError;
use crate::components::{
    Alert, AlertKind, Column, DataTable, Loaded, PageHeading, Retry, Skeleton,
};
use crate::state::operations::{enrollment_review_path, request_path, QUEUE_STATUSES};
use contract::application::{AttachmentInfo, ExclusionAnswers, RequestStatus};
use contract::operations::{EnrollmentQueueItem, RequestQueueItem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
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
    // Keyed on the URL's filter: only the answer to the latest filter is shown.
    let requests = LocalResource::new(move || {
        let status = status.get();
        api.with_value(|api| api.queue(status))
    });
    let enrollments = LocalResource::new(move || {
        let status = status.get();
        api.with_value(|api| api.enrollment_queue(status))
    });
    let forbidden = Memo::new(move |_| requests.with(refused) || enrollments.with(refused));
    view! {
        <PageHeading text="Operations" />
        <Show
            when=move || !forbidden.get()
            fallback=|| view! { <NoAccess /> }
        >
            <QueueFilter status on_navigate />
            // Both lists and the tools under them appear together once both lists have come:
            // the first list's table does not push the rest down the screen (a layout shift).
            <Show
                when=move || requests.with(Option::is_some) && enrollments.with(Option::is_some)
                fallback=|| view! { <Skeleton label="Loading the review queue" blocks=2 /> }
            >
                {queue_section(REQUESTS, requests, status)}
                {queue_section(ENROLLMENTS, enrollments, status)}
                <EndDateTool api />
                <UnlockTool api />
            </Show>
        </Show>
    }
}

/// The words and columns of one of the queue's two lists.
#[derive(Clone, Copy)]
struct QueueKind {
    /// The start of the list's element ids, e.g. "queue" (`#queue-title`, `#queue-empty`).
    id: &'static str,
    title: &'static str,
    /// What the list holds, e.g. "requests" ("No requests have been submitted.").
    plural: &'static str,
    columns: [&'static str; 5],
}

const REQUESTS: QueueKind = QueueKind {
    id: "queue",
    title: "OA Change Requests",
    plural: "requests",
    columns: [
        "Tracking number",
        "Provider record",
        "Applicant",
        "Submitted",
        "Status",
    ],
};

const ENROLLMENTS: QueueKind = QueueKind {
    id: "enrollment-queue",
    title: "Enrollment applications",
    plural: "enrollment applications",
    columns: [
        "Tracking number",
        "Provider",
        "Applicant and primary OA",
        "Submitted",
        "Status",
    ],
};

/// One application in the queue, whichever its kind.
#[derive(Clone)]
struct QueueRow {
    /// Its review page.
    href: String,
    tracking_number: String,
    /// The record the request is for, or the provider the application would enroll.
    provider_name: String,
    provider_id: String,
    applicant: String,
    submitted: String,
    status: &'static str,
}

impl From<RequestQueueItem> for QueueRow {
    fn from(item: RequestQueueItem) -> Self {
        Self {
            href: request_path(item.id),
            tracking_number: item.subject.tracking_number.to_string(),
            provider_name: item.subject.record_name,
            provider_id: item.subject.record_id,
            applicant: format!("{} ({})", item.applicant_name, item.applicant_ncid),
            submitted: item.submitted.long_form(),
            status: item.status.label(),
        }
    }
}

impl From<EnrollmentQueueItem> for QueueRow {
    fn from(item: EnrollmentQueueItem) -> Self {
        Self {
            href: enrollment_review_path(item.id),
            tracking_number: item.subject.tracking_number.to_string(),
            provider_name: item.subject.provider_name,
            provider_id: item.subject.provider_id,
            applicant: format!("{} ({})", item.applicant_name, item.applicant_ncid),
            submitted: item.submitted.long_form(),
            status: item.status.label(),
        }
    }
}

/// Whether the server refused the signed-in user (403): not staff.
fn refused<T>(answer: &Option<Result<T, ApiError>>) -> bool {
    matches!(answer, Some(Err(ApiError::Forbidden(_))))
}

/// One list of the queue under its own heading: loading, refused, empty or the table.
fn queue_section<T: Into<QueueRow> + Clone + 'static>(
    kind: QueueKind,
    list: LocalResource<Result<Vec<T>, ApiError>>,
    status: Signal<Option<RequestStatus>>,
) -> impl IntoView {
    let title_id = format!("{}-title", kind.id);
    let labelled_by = title_id.clone();
    let content = move |items: Vec<T>| {
        if items.is_empty() {
            view! {
                <div class="empty-state" id=format!("{}-empty", kind.id)>
                    <p>
                        {match status.get_untracked() {
                            Some(status) => format!("No {} are {}.", kind.plural, status.label().to_lowercase()),
                            None => format!("No {} have been submitted.", kind.plural),
                        }}
                    </p>
                </div>
            }
            .into_any()
        } else {
            let rows = items.into_iter().map(Into::into).collect();
            queue_table(kind, rows, status.get_untracked()).into_any()
        }
    };
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=title_id>{kind.title}</h2>
            <Loaded
                resource=list
                loading=format!("Loading the {}", kind.plural)
                blocks=2
                failed=format!("We could not load the {}", kind.plural)
                retry_place=Retry::InAlert
                heading_level=3
                content
            />
        </section>
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

fn queue_table(
    kind: QueueKind,
    rows: Vec<QueueRow>,
    status: Option<RequestStatus>,
) -> impl IntoView {
    let caption = match status {
        Some(status) => format!(
            "{} {}: {}, oldest first",
            status.label(),
            kind.plural,
            rows.len()
        ),
        None => format!(
            "All submitted {}: {}, oldest first",
            kind.plural,
            rows.len()
        ),
    };
    view! {
        <DataTable
            id=kind.id
            caption
            class="account-table queue-table"
            columns=kind.columns.map(Column::plain).to_vec()
            rows
            key=|row: &QueueRow| row.href.clone()
            cells=queue_cells
        />
    }
}

fn queue_cells(row: QueueRow) -> AnyView {
    view! {
        <td>
            <a href=row.href>{row.tracking_number}</a>
        </td>
        <td>{row.provider_name} <br /> <span class="hint">{row.provider_id}</span></td>
        <td>{row.applicant}</td>
        <td>{row.submitted}</td>
        <td class="queue-table__status">{row.status}</td>
    }
    .into_any()
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
