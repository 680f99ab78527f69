#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;

    console_error_panic_hook::set_once();
    // index.html's static frame (site name, "Loading…") stood in while the wasm loaded; the
    // app takes its place in #app, above the static footer.
    if let Some(frame) = document().get_element_by_id("page-frame") {
        frame.remove();
    }
    let app = document()
        .get_element_by_id("app")
        .and_then(|app| app.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("index.html has the element the app mounts in, #app");
    leptos::mount::mount_to(app, provider_portal::app::App).forget();
}

/// The client runs in a browser only; natively the crate is its unit-tested models.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The Provider Portal client runs in a browser: build it with `trunk build --release`."
    );
}
