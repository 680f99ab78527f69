//! `window.sessionStorage`: small texts kept for the life of the tab, through reloads.
//! Bound directly, as two calls do not warrant another `web-sys` feature.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = sessionStorage, js_name = getItem)]
    fn get_item(key: &str) -> Result<Option<String>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = sessionStorage, js_name = setItem)]
    fn set_item(key: &str, value: &str) -> Result<(), JsValue>;
}

/// The text kept under `key`; nothing when there is none or the browser blocks storage.
pub fn read(key: &str) -> Option<String> {
    get_item(key).ok().flatten()
}

/// Keeps `value` under `key`. Blocked or full storage costs only the restore after a reload.
pub fn write(key: &str, value: &str) {
    _ = set_item(key, value);
}
