//! Moving keyboard focus, which the views do after a change the user must follow.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Focuses the element with this id, if it is on the page.
pub fn focus_by_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
    {
        _ = element.focus();
    }
}

/// Focuses it once the browser has rendered the change that put it on the page.
pub fn focus_by_id_after_render(id: impl Into<String>) {
    let id = id.into();
    leptos::prelude::request_animation_frame(move || focus_by_id(&id));
}
