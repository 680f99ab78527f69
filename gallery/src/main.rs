//! The gallery: every shared component and every page of the Provider Portal in each of its
//! states, drawn by the portal's own components from fixed data, with no server. Each state has
//! its own address (`/gallery/<group>/<state>`), and `?frame` draws it alone, as the width
//! switch's frames and the visual regression suite (tests/visual) show it.

#[cfg(target_arch = "wasm32")]
mod catalogue;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod fixed;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod shell;
#[cfg(target_arch = "wasm32")]
mod tokens;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(shell::Gallery);
}

/// The gallery runs in a browser only: `make gallery` serves it.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The gallery runs in a browser: `make gallery` serves it at http://127.0.0.1:8090.");
}
