//! An enrollment application that the user can only read: the named backup's view (R-BOA-5),
//! and the applicant's once it is submitted, with its confirmation.

use super::list::provider_name;
use crate::components::wizard::answer_list;
use crate::components::wizard_shell::ConfirmationPage;
use crate::components::{Alert, AlertKind, PageHeading};
use crate::state::enrollment::{answer_rows, EnrollmentPlace};
use contract::application::RequestStatus;
use contract::enrollment::{EnrollmentRole, EnrollmentView};
use leptos::prelude::*;

/// The application as it stands, for the named backup (R-BOA-5) and for the applicant once it
/// is submitted: status, tracking number, and every answer. Just submitted, it is the
/// confirmation page.
pub(super) fn read_only(view: EnrollmentView) -> AnyView {
    let applicant = format!("{} ({})", view.applicant_name, view.applicant_ncid);
    if view.role == EnrollmentRole::Primary && view.status == RequestStatus::Submitted {
        if let (Some(tracking), Some(submitted)) = (view.tracking_number.as_ref(), view.submitted) {
            return view! {
                <ConfirmationPage
                    id="enrollment-confirmation"
                    heading="Enrollment application submitted"
                    tracking_number=tracking.to_string()
                    requested=answer_list(answer_rows(&view.draft), None)
                    signed_by=applicant
                    submitted
                >
                    <p>
                        "NCTracks reviews the application. Keep the tracking number to ask about it. Once it is approved the provider record exists, with you as its primary OA and the backup OA you named, and both of you receive its notices."
                    </p>
                    <p>
                        <a href=EnrollmentPlace::default().path()>"Back to your enrollment applications"</a>
                    </p>
                </ConfirmationPage>
            }
            .into_any();
        }
    }
    let tracking = view
        .tracking_number
        .as_ref()
        .map_or_else(|| "Not submitted yet".to_owned(), ToString::to_string);
    let status = view.status;
    let notice = match view.role {
        EnrollmentRole::NamedBackup => {
            let backup_message = format!(
                "You are named backup OA in it. Only the applicant, {applicant}, who becomes the \
                 primary Office Administrator, can change, sign and submit it."
            );
            view! {
                <Alert kind=AlertKind::Info heading="You can read this application">
                    <p>{backup_message}</p>
                </Alert>
            }
            .into_any()
        }
        EnrollmentRole::Primary => view! {
            <p class="lead">{format!("This application is {}.", status.label().to_lowercase())}</p>
        }
        .into_any(),
    };
    view! {
        <span class="caption">"Enrollment application"</span>
        <PageHeading text=provider_name(&view.draft) />
        <div id="enrollment-confirmation" tabindex="-1">
            {notice}
        </div>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"Status"</dt>
                <dd>{status.label()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Tracking number"</dt>
                <dd>{tracking}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Applicant and primary OA"</dt>
                <dd>{applicant}</dd>
            </div>
        </dl>
        <h2>"Answers"</h2>
        {answer_list(answer_rows(&view.draft), None)}
        <p>
            <a href=EnrollmentPlace::default().path()>"Back to your enrollment applications"</a>
        </p>
    }
    .into_any()
}
