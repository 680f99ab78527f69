use super::{javery_records, laid_out};
use crate::catalogue::State;
use crate::fixed::{never, ready, refused};
use contract::records::HomeSummary;
use leptos::prelude::*;
use provider_portal::api::ApiError;
use provider_portal::pages::HomePage;

pub fn states() -> Vec<State> {
    vec![
        State::new("records", "Records, with those at risk", || {
            laid_out(view! { <HomePage records=|| ready(javery_records()) /> })
        }),
        State::new("loading", "Loading", || {
            laid_out(view! { <HomePage records=never /> })
        }),
        State::new("empty", "No records", || {
            laid_out(view! { <HomePage records=|| ready(HomeSummary { records: Vec::new() }) /> })
        }),
        State::new("error", "Could not load, with Retry", || {
            laid_out(view! { <HomePage records=|| refused(ApiError::Network) /> })
        }),
    ]
}
