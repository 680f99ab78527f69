//! The typed client of the HTTP contract in `docs/api.md`: one function per endpoint, one
//! error type. `ApiError` is plain Rust (tested natively); the calls exist in the browser only.

mod error;

pub use error::ApiError;

#[cfg(target_arch = "wasm32")]
mod client;

#[cfg(target_arch = "wasm32")]
pub use client::*;
