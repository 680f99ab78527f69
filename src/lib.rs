//! The NCTracks Provider Portal client: a Leptos client-side-rendered app.
//!
//! `api` and `state` are plain Rust, compiled and unit-tested natively; the view layer
//! (`app`, `components`, `pages`) and `session_storage` exist only for the browser (wasm32).

pub mod api;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod session_storage;
