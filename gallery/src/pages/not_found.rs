use super::laid_out;
use crate::catalogue::State;
use leptos::prelude::*;
use provider_portal::pages::NotFoundPage;

pub fn states() -> Vec<State> {
    vec![State::new("page", "An address that is no page", || {
        laid_out(view! { <NotFoundPage /> })
    })]
}
