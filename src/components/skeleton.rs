use leptos::prelude::*;

/// Grey placeholder blocks while content loads; `label` tells screen-reader users what is coming.
#[component]
pub fn Skeleton(#[prop(into)] label: String, #[prop(default = 3)] blocks: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden">{label}</p>
            {(0..blocks)
                .map(|_| {
                    view! {
                        <div class="skeleton__block" aria-hidden="true">
                            <span class="skeleton__line skeleton__line--title"></span>
                            <span class="skeleton__line"></span>
                            <span class="skeleton__line skeleton__line--short"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
