//! `window.sessionStorage`: small texts kept for the life of the tab, through reloads.
//! Bound directly, as two calls do not warrant another `web-sys` feature.

use crate::state::selection::Selection;
use leptos::prelude::*;

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

/// A table's selection as this tab last kept it under `key`, and kept there as it changes, so
/// a reload restores it; the key names the signed-in user, so another user signing in in the
/// same tab never sees it.
pub fn remembered_selection(key: String) -> RwSignal<Selection> {
    let selection = RwSignal::new(
        read(&key)
            .map(|stored| Selection::from_stored(&stored))
            .unwrap_or_default(),
    );
    Effect::new(move |_| {
        let stored = selection.with(Selection::to_stored);
        write(&key, &stored);
    });
    selection
}
