//! The site footer on every page, sign-in included: where to get help, with the help desk's
//! numbers as telephone links (R-AUTH-2 gives them for a locked user name).

use contract::auth::HELP_DESK_NUMBERS;
use leptos::prelude::*;

/// `tel:+19197546000` for "919-754-6000": a phone dials it with one tap.
pub(super) fn tel_href(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("tel:+1{digits}")
}

#[component]
pub(super) fn SiteFooter() -> impl IntoView {
    let [local, toll_free] = HELP_DESK_NUMBERS;
    view! {
        <footer class="site-footer">
            <div class="container">
                <h2 class="site-footer__title">"Help"</h2>
                <p>
                    "For help signing in or with the portal, call the NCTracks Contact Center at "
                    <a href=tel_href(local)>{local}</a> " or, toll free, "
                    <a href=tel_href(toll_free)>{toll_free}</a> "."
                </p>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_desk_numbers_dial_as_telephone_links() {
        assert_eq!(tel_href("919-754-6000"), "tel:+19197546000");
        assert_eq!(tel_href("800-722-3946"), "tel:+18007223946");
    }
}
