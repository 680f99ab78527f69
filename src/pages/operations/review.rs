//! The one review page of both kinds of application (an OA Change Request, `request`; an
//! enrollment application, `enrollment`): they share one lifecycle, so the page loads the
//! application, starts the review of a submitted one (R-OA-6), and offers the decision
//! (`decision`); each kind says only what is its own.

use super::decision::{Decide, DecisionForm};
use super::{NoAccess, OperationsApi};
use crate::api::{Answer, ApiError};
use crate::components::{Loaded, PageHeading, Retry};
use crate::state::operations::queue_path;
use contract::application::{ApplicationId, Decision, DecisionRequest, RequestStatus};
use leptos::prelude::*;
use std::rc::Rc;

/// One kind of application as operations staff review it.
pub(super) trait Reviewed: Clone + Send + Sync + 'static {
    /// The application as the queue lists it, which starting a review and a decision answer.
    type Item: 'static;
    /// The heading until the application has loaded, e.g. "OA Change Request".
    const KIND: &'static str;
    /// What the page calls it, e.g. "request" ("Loading the request").
    const NOUN: &'static str;
    /// Who hears of the decision (R-OA-7), as the dialog says it.
    const TOLD: &'static str;

    fn load(api: &dyn OperationsApi, id: ApplicationId) -> Answer<Self>;
    /// R-OA-6: puts a submitted application In review.
    fn start_review(api: &dyn OperationsApi, id: ApplicationId) -> Answer<Self::Item>;
    fn decide(
        api: &dyn OperationsApi,
        id: ApplicationId,
        decision: DecisionRequest,
    ) -> Answer<Self::Item>;
    /// What the dialog says a decision does, before it is made.
    fn consequence(decision: Decision) -> &'static str;

    fn status(&self) -> RequestStatus;
    fn item_status(item: &Self::Item) -> RequestStatus;
    /// The page's copy follows what the server answered.
    fn set_item(&mut self, item: Self::Item);
    /// The heading, e.g. "Request OAC-20261120-000007".
    fn heading(&self) -> String;
    /// What the dialog names, e.g. "request OAC-20261120-000007 for Avery Family Practice".
    fn subject(&self) -> String;
    /// The application as it stands and every answer.
    fn details(&self) -> AnyView;
}

pub(super) fn review_page<R: Reviewed>(
    api: Rc<dyn OperationsApi>,
    id: ApplicationId,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    // The application as it stands now: loaded once, then following what the server answers
    // to the review's start and the decision, so that the page is not built again.
    let shown = RwSignal::new(None::<R>);
    let follow = move |item: R::Item| {
        shown.update(|shown| {
            if let Some(shown) = shown {
                shown.set_item(item);
            }
        });
    };
    // R-OA-6: opening a submitted application starts its review.
    let start_review = Action::new_local(move |()| {
        let started = api.with_value(|api| R::start_review(api.as_ref(), id));
        async move {
            if let Ok(item) = started.await {
                follow(item);
            }
        }
    });
    let review = LocalResource::new(move || {
        let answer = api.with_value(|api| R::load(api.as_ref(), id));
        async move {
            let answer = answer.await;
            if let Ok(found) = &answer {
                shown.set(Some(found.clone()));
                if found.status() == RequestStatus::Submitted {
                    start_review.dispatch_local(());
                }
            }
            answer
        }
    });

    // Memos, so that the heading (which takes focus) and the form (which holds the outcome)
    // are built once, not again when the status changes.
    let loaded = move |read: fn(&R) -> String, otherwise: &'static str| {
        Memo::new(move |_| {
            shown.with(|shown| shown.as_ref().map_or_else(|| otherwise.to_owned(), read))
        })
    };
    let heading = loaded(R::heading, R::KIND);
    let subject = loaded(R::subject, "");
    let status = Memo::new(move |_| shown.with(|shown| shown.as_ref().map(R::status)));
    let details = move || shown.with(|shown| shown.as_ref().map(R::details));
    let decide: Decide = Rc::new(move |request| {
        let answer = api.with_value(|api| R::decide(api.as_ref(), id, request));
        Box::pin(async move {
            let item = answer.await?;
            let outcome = R::item_status(&item);
            follow(item);
            // The record as it is now (an approval changed its primary and backup OA): the
            // details are read again; the heading and the outcome stay as they are.
            let now = api.with_value(|api| R::load(api.as_ref(), id));
            if let Ok(now) = now.await {
                shown.set(Some(now));
            }
            Ok(outcome)
        })
    });
    let decide = StoredValue::new_local(decide);
    let no_access = Callback::new(|error: ApiError| {
        matches!(error, ApiError::Forbidden(_)).then(|| view! { <NoAccess /> }.into_any())
    });
    view! {
        <a class="back-link" href=queue_path(None)>"Back to the queue"</a>
        {move || {
            let text = heading.get();
            view! { <PageHeading text /> }
        }}
        <Loaded
            resource=review
            loading=format!("Loading the {}", R::NOUN)
            blocks=2
            failed=format!("We could not open this {}", R::NOUN)
            retry_place=Retry::Never
            explain=no_access
            content={move |_: R| {
                view! {
                    {details}
                    <DecisionForm
                        status
                        name=heading
                        subject
                        consequence=R::consequence
                        told=R::TOLD
                        decide=decide.get_value()
                    />
                }
                .into_any()
            }}
        />
    }
}
