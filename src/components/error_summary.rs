use super::focus::focus_by_id;
use leptos::prelude::*;

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// One problem; `target` is the id of the field it concerns, which the summary links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    pub target: Option<String>,
    pub message: String,
}

impl SummaryItem {
    /// Problems kept as (field, message) lines, each linked to its field's control.
    pub fn for_fields<Field: AsRef<str>, Target: Into<String>>(
        lines: &[(Field, String)],
        target: impl Fn(&str) -> Option<Target>,
    ) -> Vec<Self> {
        lines
            .iter()
            .map(|(field, message)| Self {
                target: target(field.as_ref()).map(Into::into),
                message: message.clone(),
            })
            .collect()
    }
}

/// The GOV.UK error summary: "There is a problem", one line per problem, each linking to its
/// field. The owner moves focus to it (`ERROR_SUMMARY_ID`) after a refused submit.
#[component]
pub fn ErrorSummary(#[prop(into)] items: Signal<Vec<SummaryItem>>) -> impl IntoView {
    let has_items = move || items.with(|items| !items.is_empty());
    view! {
        <Show when=has_items>
            <div
                class="error-summary"
                id=ERROR_SUMMARY_ID
                role="alert"
                tabindex="-1"
                aria-labelledby="error-summary-title"
            >
                <h2 class="error-summary__title" id="error-summary-title">
                    "There is a problem"
                </h2>
                <ul class="error-summary__list">
                    {move || items.get().into_iter().map(summary_line).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

fn summary_line(item: SummaryItem) -> impl IntoView {
    match item.target {
        Some(target) => {
            let href = format!("#{target}");
            // Focus the field itself: following the fragment would only scroll to it.
            let go_to_field = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                focus_by_id(&target);
            };
            view! {
                <li>
                    <a href=href on:click=go_to_field>
                        {item.message}
                    </a>
                </li>
            }
            .into_any()
        }
        None => view! { <li>{item.message}</li> }.into_any(),
    }
}
