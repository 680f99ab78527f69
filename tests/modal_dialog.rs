//! The modal dialog in a real browser: it is labelled, takes focus on its heading (never on a
//! destructive button), keeps Tab inside, treats Escape as its safe choice, and gives focus back
//! when it closes.

use crate::support::{focused_id, settle, Container};
use leptos::prelude::*;
use provider_portal::components::ModalDialog;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, KeyboardEvent, KeyboardEventInit};

fn press_key(target: &HtmlElement, key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn by_id(id: &str) -> HtmlElement {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_dialog_traps_focus_answers_escape_and_returns_focus() {
    let open = RwSignal::new(false);
    let escaped = RwSignal::new(0);
    let page = Container::mount(move || {
        view! {
            <button id="opener" on:click=move |_| open.set(true)>
                "Open"
            </button>
            <Show when=move || open.get()>
                <ModalDialog
                    id="test-dialog"
                    title="You will be signed out soon"
                    on_escape=Callback::new(move |()| {
                        escaped.update(|n| *n += 1);
                        open.set(false);
                    })
                >
                    <p id="test-dialog-description">"Choose."</p>
                    <button id="stay">"Stay signed in"</button>
                    <button id="leave">"Sign out"</button>
                </ModalDialog>
            </Show>
        }
    });
    settle().await;
    let opener = by_id("opener");
    opener.focus().unwrap();
    opener.click();
    settle().await;

    let dialog = page.find("[role=dialog]").unwrap();
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        by_id(&title_id).text_content().as_deref(),
        Some("You will be signed out soon")
    );
    assert!(document()
        .get_element_by_id(&dialog.get_attribute("aria-describedby").unwrap())
        .is_some());
    assert_eq!(
        focused_id().as_deref(),
        Some(title_id.as_str()),
        "the heading takes focus, not a button"
    );
    // From the heading, Tab goes to the first button and Shift+Tab to the last.
    press_key(&by_id(&title_id), "Tab", false);
    assert_eq!(focused_id().as_deref(), Some("stay"));
    by_id(&title_id).focus().unwrap();
    press_key(&by_id(&title_id), "Tab", true);
    assert_eq!(focused_id().as_deref(), Some("leave"));

    // Tab from the last button wraps to the first, Shift+Tab from the first to the last.
    by_id("leave").focus().unwrap();
    press_key(&by_id("leave"), "Tab", false);
    assert_eq!(focused_id().as_deref(), Some("stay"));
    press_key(&by_id("stay"), "Tab", true);
    assert_eq!(focused_id().as_deref(), Some("leave"));

    press_key(&by_id("leave"), "Escape", false);
    settle().await;
    assert_eq!(escaped.get_untracked(), 1);
    assert!(page.find("[role=dialog]").is_none());
    assert_eq!(
        focused_id().as_deref(),
        Some("opener"),
        "focus returns to the opener"
    );
}
