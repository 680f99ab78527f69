//! The one review page of both kinds of application (an OA Change Request, `request`; an
//! enrollment application, `enrollment`): they share one lifecycle, so the page loads the
//! application, starts the review of a submitted one (R-OA-6), and offers the decision
//! (`decision`); each kind says only what is its own.

use super::decision::{Decide, DecisionForm};
use super::{NoAccess, OperationsApi};
use crate::api::{Answer, ApiError};
use crate::components::{Alert, AlertKind, PageHeading, Skeleton};
use crate::state::operations::queue_path;
use contract::application::{ApplicationId, Decision, DecisionRequest, RequestStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
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

/// What the page shows while it loads the application.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Forbidden,
    Failed(String),
    Loaded,
}

pub(super) fn review_page<R: Reviewed>(
    api: Rc<dyn OperationsApi>,
    id: ApplicationId,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let review = RwSignal::new(None::<Result<R, ApiError>>);
    let answer = api.with_value(|api| R::load(api.as_ref(), id));
    let follow = move |item: R::Item| {
        review.update(|review| {
            if let Some(Ok(review)) = review {
                review.set_item(item);
            }
        });
    };
    spawn_local(async move {
        let answer = answer.await;
        let submitted = matches!(&answer, Ok(found) if found.status() == RequestStatus::Submitted);
        review.set(Some(answer));
        // R-OA-6: opening a submitted application starts its review.
        if submitted {
            let started = api.with_value(|api| R::start_review(api.as_ref(), id));
            if let Ok(item) = started.await {
                follow(item);
            }
        }
    });

    // Memos, so that the heading (which takes focus) and the form (which holds the outcome)
    // are built once, not again when the status changes.
    let loaded = move |read: fn(&R) -> String, otherwise: &'static str| {
        Memo::new(move |_| {
            review.with(|review| match review {
                Some(Ok(review)) => read(review),
                _ => otherwise.to_owned(),
            })
        })
    };
    let heading = loaded(R::heading, R::KIND);
    let subject = loaded(R::subject, "");
    let phase = Memo::new(move |_| {
        review.with(|review| match review {
            None => Phase::Loading,
            Some(Err(ApiError::Forbidden(_))) => Phase::Forbidden,
            Some(Err(error)) => Phase::Failed(error.to_string()),
            Some(Ok(_)) => Phase::Loaded,
        })
    });
    let status = Memo::new(move |_| {
        review.with(|review| {
            review
                .as_ref()
                .and_then(|found| found.as_ref().ok())
                .map(R::status)
        })
    });
    let details = move || {
        review.with(|review| match review {
            Some(Ok(found)) => Some(found.details()),
            _ => None,
        })
    };
    let decide: Decide = Rc::new(move |request| {
        let answer = api.with_value(|api| R::decide(api.as_ref(), id, request));
        Box::pin(async move {
            let item = answer.await?;
            let outcome = R::item_status(&item);
            follow(item);
            Ok(outcome)
        })
    });
    let decide = StoredValue::new_local(decide);
    view! {
        <a class="back-link" href=queue_path(None)>"Back to the queue"</a>
        {move || {
            let text = heading.get();
            view! { <PageHeading text /> }
        }}
        {move || match phase.get() {
            Phase::Loading => view! {
                <Skeleton label=format!("Loading the {}", R::NOUN) blocks=2 />
            }
            .into_any(),
            Phase::Forbidden => view! { <NoAccess /> }.into_any(),
            Phase::Failed(problem) => view! {
                <Alert kind=AlertKind::Error heading=format!("We could not open this {}", R::NOUN)>
                    <p>{problem}</p>
                </Alert>
            }
            .into_any(),
            Phase::Loaded => view! {
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
            .into_any(),
        }}
    }
}
