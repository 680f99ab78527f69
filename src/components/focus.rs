//! Moving keyboard focus, which the views do after a change the user must follow.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Focuses the element with this id, if it is on the page; a question answered by choosing
/// (its fieldset) passes focus to its first choice that can be taken, as GOV.UK's error
/// summary links do.
pub fn focus_by_id(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let target = if element.tag_name().eq_ignore_ascii_case("fieldset") {
        element
            .query_selector("input:not([disabled])")
            .ok()
            .flatten()
    } else {
        Some(element)
    };
    if let Some(target) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) {
        _ = target.focus();
    }
}

/// Focuses it once the browser has rendered the change that put it on the page.
pub fn focus_by_id_after_render(id: impl Into<String>) {
    let id = id.into();
    leptos::prelude::request_animation_frame(move || focus_by_id(&id));
}
