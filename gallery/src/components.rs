//! The shared components, each on its own in its states; the selection bar, which needs a
//! table's rows, is drawn on a record's users (`pages::selection_bar`).

use crate::catalogue::{Group, Kind, State};
use contract::application::Steps;
use contract::date::CalendarDate;
use contract::oa_change::Step;
use leptos::prelude::*;
use provider_portal::api::ApiError;
use provider_portal::app::header::SiteHeader;
use provider_portal::app::idle::IdleWarning;
use provider_portal::components::wizard::{
    answer_list, radio, ChoiceQuestion, StepIndicator, WizardLink,
};
use provider_portal::components::wizard_shell::ConfirmationPage;
use provider_portal::components::{
    Alert, AlertKind, Column, ConfirmButtons, DataTable, ErrorSummary, LoadFailure, ModalDialog,
    Pagination, Skeleton, SummaryItem,
};
use provider_portal::state::oa_change::WizardPlace;
use provider_portal::state::wizard::AnswerRow;

/// A component as a page holds it: inside the portal's main column.
pub fn sample(view: impl IntoView + 'static) -> AnyView {
    view! {
        <main class="main" id="main-content">
            <div class="container">{view}</div>
        </main>
    }
    .into_any()
}

fn group(id: &'static str, title: &'static str, states: Vec<State>) -> Group {
    Group {
        id,
        title,
        kind: Kind::Component,
        states,
    }
}

pub fn groups() -> Vec<Group> {
    vec![
        group(
            "navigation",
            "Navigation (site header)",
            vec![
                State::new("signed-in", "Signed in", navigation),
                State::new("menu-open", "Menu open on a narrow screen", navigation)
                    .clicking("#site-menu-button"),
            ],
        ),
        group(
            "alert",
            "Alert",
            vec![
                State::new("kinds", "Information, success, warning and error", alerts),
                State::new(
                    "load-failure",
                    "A read that failed, with Retry",
                    load_failure,
                ),
            ],
        ),
        group(
            "error-summary",
            "Error summary",
            vec![State::new(
                "problems",
                "Two problems, each linked to its field",
                error_summary,
            )],
        ),
        group(
            "skeleton",
            "Skeleton (loading)",
            vec![State::new("loading", "Loading", skeleton)],
        ),
        group(
            "step-indicator",
            "Step indicator",
            vec![
                State::new("first-step", "Step 1 of 7", || {
                    step_indicator(1, Vec::new())
                }),
                State::new("skipped-step", "Step 5 with a skipped step", || {
                    step_indicator(5, vec![4])
                }),
            ],
        ),
        group(
            "data-table",
            "Data table",
            vec![
                State::new("rows", "Rows", || data_table(false, true)),
                State::new("loading-next-page", "The next page on its way", || {
                    data_table(true, true)
                }),
                State::new("empty", "No rows", || data_table(false, false)),
            ],
        ),
        crate::pages::selection_bar(),
        group(
            "pagination",
            "Pagination",
            vec![
                State::new("first-page", "Page 1 of 12", || pagination(1)),
                State::new("middle-page", "Page 6 of 12", || pagination(6)),
                State::new("last-page", "Page 12 of 12", || pagination(12)),
            ],
        ),
        group(
            "radios",
            "Radios with reasons",
            vec![
                State::new("choices", "One choice cannot be made, with why", radios),
                State::new("refused", "Refused: nothing chosen", radios).pressing("Continue"),
            ],
        ),
        group(
            "summary-list",
            "Summary list (check your answers)",
            vec![State::new(
                "answers",
                "Answers with Change links",
                summary_list,
            )],
        ),
        group(
            "dialog",
            "Confirmation dialog",
            vec![State::new("open", "Open", dialog)],
        ),
        group(
            "session-timeout",
            "Session-timeout warning",
            vec![State::new("warning", "Two minutes left", session_timeout)],
        ),
        group(
            "confirmation",
            "Confirmation panel",
            vec![State::new(
                "submitted",
                "An application submitted",
                confirmation,
            )],
        ),
    ]
}

fn navigation() -> AnyView {
    view! { <SiteHeader /> }.into_any()
}

fn alerts() -> AnyView {
    sample(view! {
        <Alert kind=AlertKind::Info heading="Your session was ended">
            <p>"You were signed out after 15 minutes without activity."</p>
        </Alert>
        <Alert kind=AlertKind::Success heading="2 accounts removed">
            <p>"You no longer work under their Office Administrators."</p>
        </Alert>
        <Alert kind=AlertKind::Warning heading="No backup OA">
            <p>"This record has no backup OA, so nobody else can administer it when the primary OA cannot."</p>
        </Alert>
        <Alert kind=AlertKind::Error heading="Your accounts could not be removed">
            <p>"We could not reach NCTracks. Check your connection and try again. Your selection is kept."</p>
        </Alert>
    })
}

fn load_failure() -> AnyView {
    sample(view! {
        <LoadFailure
            heading="Your provider records could not be loaded"
            error=ApiError::Network
            retry=Callback::new(|()| ())
        />
    })
}

fn error_summary() -> AnyView {
    let items = vec![
        SummaryItem {
            target: Some("ncid".into()),
            message: "Enter the user's NCID".into(),
        },
        SummaryItem {
            target: Some("roles-claims".into()),
            message: "Choose at least one role".into(),
        },
    ];
    sample(view! { <ErrorSummary items=Signal::stored(items) /> })
}

fn skeleton() -> AnyView {
    sample(view! { <Skeleton label="Loading your accounts" blocks=4 /> })
}

fn step_indicator(number: usize, skipped: Vec<usize>) -> AnyView {
    let titles = Step::ALL.iter().map(|step| step.title()).collect();
    sample(view! {
        <StepIndicator
            number=Signal::stored(number)
            titles
            skipped=Signal::stored(skipped)
            label="Steps of the request"
        />
    })
}

/// Three people with their roles, in the shared table.
fn data_table(pending: bool, with_rows: bool) -> AnyView {
    let people = [
        ("clin2", "Casey Lin", "Claims, Eligibility"),
        ("kpatel4", "Kiran Patel", "Eligibility"),
        ("mreyes3", "Morgan Reyes", "Prior Approval"),
    ];
    let rows: Vec<(&str, &str, &str)> = if with_rows {
        people.to_vec()
    } else {
        Vec::new()
    };
    let columns = vec![
        Column::plain("User NCID"),
        Column::plain("Name"),
        Column::plain("Roles"),
    ];
    sample(view! {
        <DataTable
            id="sample-table"
            caption="Users of Avery Family Practice, PLLC".to_owned()
            class="account-table"
            columns
            rows=Signal::stored(rows)
            key=|row: &(&str, &str, &str)| row.0
            cells=|(ncid, name, roles): (&str, &str, &str)| {
                view! {
                    <td>{ncid}</td>
                    <td>{name}</td>
                    <td>{roles}</td>
                }
                    .into_any()
            }
            pending=Signal::stored(pending)
            empty=ViewFn::from(|| view! { <p>"No users match the filter."</p> })
        />
    })
}

fn pagination(current: u32) -> AnyView {
    sample(view! {
        <Pagination
            position=Signal::stored(Some((current, 12)))
            href=|page| format!("/gallery/pagination/page-{page}")
            on_follow=Callback::new(|(ev, _): (leptos::ev::MouseEvent, u32)| ev.prevent_default())
        />
    })
}

/// The backup OA question: one person can be named, one cannot, and the reason is given.
fn radios() -> AnyView {
    use provider_portal::components::wizard_shell::WizardForm;
    let form = WizardForm::new();
    provide_context(form);
    let chosen = RwSignal::new(None::<&'static str>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if chosen.get_untracked().is_none() {
            form.show_errors(vec![(
                "backup".to_owned(),
                "Choose who will be the backup OA".to_owned(),
            )]);
        }
    };
    sample(view! {
        <form novalidate on:submit=on_submit>
            <ChoiceQuestion field="backup" legend="Who will be the backup OA?">
                {radio(
                    "backup",
                    "backup-clin2".into(),
                    "Casey Lin (clin2)".into(),
                    None,
                    Signal::derive(move || chosen.get() == Some("clin2")),
                    move || chosen.set(Some("clin2")),
                )}
                {radio(
                    "backup",
                    "backup-mreyes3".into(),
                    "Morgan Reyes (mreyes3)".into(),
                    Some("Cannot be named: has adverse findings on record.".into()),
                    Signal::stored(false),
                    || {},
                )}
            </ChoiceQuestion>
            <button type="submit" class="button">"Continue"</button>
        </form>
    })
}

fn summary_list() -> AnyView {
    let rows = vec![
        AnswerRow::new(
            Step::Record,
            "Provider record",
            "Avery Family Practice, PLLC".to_owned(),
        ),
        AnswerRow::new(
            Step::OfficeAdministrator,
            "Office Administrator",
            "Keep Jordan Avery (javery1)".to_owned(),
        ),
        AnswerRow::new(Step::Backup, "Backup OA", "Casey Lin (clin2)".to_owned()),
    ];
    let change = Callback::new(|step: Step| {
        let place = WizardPlace::at(None, step);
        WizardLink::to(place.path(), place, Callback::new(|_| ()))
    });
    sample(answer_list(rows, Some(change)))
}

fn dialog() -> AnyView {
    sample(view! {
        <ModalDialog id="sample-dialog" title="Remove 2 accounts?" on_escape=Callback::new(|()| ())>
            <div id="sample-dialog-description">
                <p>"You will no longer work under these Office Administrators:"</p>
                <ul>
                    <li>"Riley Morgan (tstclaims3) – Avery Family Practice, PLLC"</li>
                    <li>"Casey Lin (clin2) – Blue Ridge Therapy Group"</li>
                </ul>
            </div>
            <ConfirmButtons
                confirm="Yes, remove 2 accounts"
                class="button button--danger"
                busy=Signal::stored(false)
                on_confirm=Callback::new(|()| ())
                on_cancel=Callback::new(|()| ())
            />
        </ModalDialog>
    })
}

fn session_timeout() -> AnyView {
    sample(
        view! { <IdleWarning seconds_left=Signal::stored(120) on_stay=Callback::new(|()| ()) /> },
    )
}

fn confirmation() -> AnyView {
    let submitted = CalendarDate::new(2026, 11, 20).expect("a real date");
    sample(view! {
        <ConfirmationPage
            id="sample-confirmation"
            heading="OA Change Request submitted"
            tracking_number="OAC-20261120-000007".to_owned()
            requested=view! { <p>"Casey Lin (clin2) as backup OA of Avery Family Practice, PLLC."</p> }.into_any()
            signed_by="Jordan Avery (javery1)".to_owned()
            submitted
        >
            <h2>"What happens next"</h2>
            <p>"NCTracks operations staff review the request; you get a message when it is decided."</p>
        </ConfirmationPage>
    })
}
