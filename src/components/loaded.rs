//! Loading data, one way on every page: a read is a `LocalResource` of `Result<T, ApiError>`
//! and `Loaded` shows its three states — the skeleton while the answer is on its way, the
//! error with a way to try again, and the content. (Changes are Leptos `Action`s: see the
//! README's "Loading data and running changes".)

use crate::api::ApiError;
use crate::components::{Alert, AlertKind, Skeleton};
use leptos::prelude::*;

/// Where a failed read offers to try again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Retry {
    /// The page's content: an alert read at once (`role="alert"`), "Retry" below it.
    #[default]
    BelowAlert,
    /// One list among others on the page: "Try again" inside its alert.
    InAlert,
    /// The failure is only said (the page offers its own way back).
    Never,
}

/// A read that failed: what went wrong and a way to try again.
#[component]
pub fn LoadFailure(
    #[prop(into)] heading: String,
    error: ApiError,
    #[prop(optional)] retry_place: Retry,
    retry: Callback<()>,
    /// 2 on its own under the page heading, 3 inside a section headed by an `<h2>`.
    #[prop(default = 2)]
    heading_level: u8,
    /// More words under the error, e.g. what was kept.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let try_again = (retry_place == Retry::InAlert).then(|| {
        view! {
            <button type="button" class="button button--outline" on:click=move |_| retry.run(())>
                "Try again"
            </button>
        }
    });
    let alert = view! {
        <Alert kind=AlertKind::Error heading heading_level>
            <p>{error.to_string()}</p>
            {children.map(|children| children())}
            {try_again}
        </Alert>
    };
    if retry_place == Retry::BelowAlert {
        view! {
            <div class="load-error" role="alert">
                {alert}
                <button type="button" class="button" on:click=move |_| retry.run(())>
                    "Retry"
                </button>
            </div>
        }
        .into_any()
    } else {
        alert.into_any()
    }
}

/// The three states of one read. `content` builds the page from the answer; `explain` says a
/// failure in the page's own words (a 403 as "no access", a 404 as "not found") and leaves the
/// others (`None`) to the `LoadFailure` alert.
#[component]
pub fn Loaded<T, F>(
    resource: LocalResource<Result<T, ApiError>>,
    /// What the skeleton tells screen-reader users, e.g. "Loading your messages".
    #[prop(into)]
    loading: String,
    #[prop(default = 3)] blocks: usize,
    /// The error's heading, e.g. "We could not load your messages".
    #[prop(into)]
    failed: String,
    #[prop(optional)] retry_place: Retry,
    #[prop(default = 2)] heading_level: u8,
    /// Keeps what is shown while the next answer loads (another page, a retry) instead of the
    /// skeleton.
    #[prop(optional)]
    keep_shown: bool,
    #[prop(optional, into)] explain: Option<Callback<ApiError, Option<AnyView>>>,
    content: F,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    let retry = Callback::new(move |()| resource.refetch());
    let failed = StoredValue::new(failed);
    let state = move || {
        let content = content.clone();
        Suspend::new(async move {
            match resource.await {
                Ok(found) => content(found),
                Err(error) => match explain.and_then(|explain| explain.run(error.clone())) {
                    Some(said) => said,
                    None => view! {
                        <LoadFailure
                            heading=failed.get_value()
                            error
                            retry_place
                            retry
                            heading_level
                        />
                    }
                    .into_any(),
                },
            }
        })
    };
    let skeleton = move || view! { <Skeleton label=loading.clone() blocks /> };
    if keep_shown {
        view! { <Transition fallback=skeleton>{state}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback=skeleton>{state}</Suspense> }.into_any()
    }
}
