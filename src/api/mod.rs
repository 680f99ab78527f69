//! The typed client of the HTTP contract in `docs/api.md`: one file per feature, each holding
//! that feature's trait (what its pages take, so a test can script the server) and its HTTP
//! implementation; one error type; one HTTP helper (`client`), where a 401 ends the session.
//! `ApiError` is plain Rust (tested natively); the calls exist in the browser only.

mod error;

pub use error::ApiError;

use std::future::Future;
use std::pin::Pin;

/// A server answer still to come, as a feature's trait returns it so that a test can script
/// the server; not `Send`, as browser futures are not.
pub type Answer<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

#[cfg(target_arch = "wasm32")]
pub mod accounts;
#[cfg(target_arch = "wasm32")]
pub mod applications;
#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(target_arch = "wasm32")]
pub mod enrollment;
#[cfg(target_arch = "wasm32")]
pub mod home;
#[cfg(target_arch = "wasm32")]
pub mod messages;
#[cfg(target_arch = "wasm32")]
pub mod oa_change;
#[cfg(target_arch = "wasm32")]
pub mod operations;
#[cfg(target_arch = "wasm32")]
pub mod record_users;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
mod session_context;
#[cfg(target_arch = "wasm32")]
pub mod several_records;

#[cfg(target_arch = "wasm32")]
pub use client::last_activity_ms;
