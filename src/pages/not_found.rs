use crate::components::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHeading text="Page not found" />
        <p>"If you typed the web address, check it is correct."</p>
        <p>"If you pasted the web address, check you copied the entire address."</p>
        <p>
            <A href="/">"Go to the portal home page"</A>
        </p>
    }
}
