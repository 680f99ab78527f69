#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // index.html's static frame (site name, "Loading…") stood in while the wasm loaded.
    if let Some(frame) = leptos::prelude::document().get_element_by_id("page-frame") {
        frame.remove();
    }
    leptos::mount::mount_to_body(provider_portal::app::App);
}

/// The client runs in a browser only; natively the crate is its unit-tested models.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The Provider Portal client runs in a browser: build it with `trunk build --release`."
    );
}
