//! The typed client of the HTTP contract in `docs/api.md`: one function per endpoint, one
//! error type. `ApiError` is plain Rust (tested natively); the calls exist in the browser only.

mod error;

pub use error::ApiError;

use std::future::Future;
use std::pin::Pin;

/// A server answer still to come, as a page's API trait returns it so that a test can script
/// the server; not `Send`, as browser futures are not.
pub type Answer<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

#[cfg(target_arch = "wasm32")]
mod client;

#[cfg(target_arch = "wasm32")]
pub use client::*;

#[cfg(target_arch = "wasm32")]
mod enrollment;

#[cfg(target_arch = "wasm32")]
pub use enrollment::*;
