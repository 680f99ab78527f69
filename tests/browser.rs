//! The client's components in a real browser (wasm-bindgen-test in headless Chromium), each
//! page mounted with its server answers supplied by the test. One test binary, so the wasm is
//! compiled and linked once rather than once per file.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod account_table;
mod applications;
mod enrollment_wizard;
mod messages;
mod modal_dialog;
mod oa_change_wizard;
mod operations;
mod record_users;
mod session;
mod several_records;
mod sign_in;
