//! The modal dialog in a real browser: it is labelled, takes focus, keeps Tab inside, treats
//! Escape as its safe choice, and gives focus back when it closes.

use leptos::mount::mount_to;
use leptos::prelude::*;
use provider_portal::components::ModalDialog;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, KeyboardEvent, KeyboardEventInit};

async fn settle() {
    for _ in 0..8 {
        leptos::task::tick().await;
    }
}

fn focused_id() -> Option<String> {
    document().active_element().map(|element| element.id())
}

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
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let open = RwSignal::new(false);
    let escaped = RwSignal::new(0);
    let _mounted = mount_to(container.clone(), move || {
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

    let dialog = container.query_selector("[role=dialog]").unwrap().unwrap();
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
        Some("stay"),
        "the first button takes focus"
    );

    // Tab from the last button wraps to the first, Shift+Tab from the first to the last.
    by_id("leave").focus().unwrap();
    press_key(&by_id("leave"), "Tab", false);
    assert_eq!(focused_id().as_deref(), Some("stay"));
    press_key(&by_id("stay"), "Tab", true);
    assert_eq!(focused_id().as_deref(), Some("leave"));

    press_key(&by_id("leave"), "Escape", false);
    settle().await;
    assert_eq!(escaped.get_untracked(), 1);
    assert!(container.query_selector("[role=dialog]").unwrap().is_none());
    assert_eq!(
        focused_id().as_deref(),
        Some("opener"),
        "focus returns to the opener"
    );
    container.remove();
}
