use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";

/// A modal dialog (role=dialog, aria-modal): render it while it is open. It takes focus on its
/// heading — never on a button, so that a confirmation of something destructive (withdraw,
/// approve, deny, remove) cannot be pressed by an Enter meant for the opener — keeps Tab and
/// Shift+Tab inside, calls `on_escape` on Escape, and gives focus back on close.
/// The children hold the element `{id}-description` that describes it, then its buttons.
#[component]
pub fn ModalDialog(
    /// Prefix of the ids that label and describe the dialog.
    id: &'static str,
    #[prop(into)] title: String,
    on_escape: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<Div>::new();
    let opener = SendWrapper::new(
        document()
            .active_element()
            .and_then(|element| element.dyn_into::<HtmlElement>().ok()),
    );
    on_cleanup(move || {
        if let Some(opener) = opener.take() {
            _ = opener.focus();
        }
    });
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(dialog) = dialog.get() else {
            return false;
        };
        if let Some(heading) = dialog
            .query_selector(".modal__title")
            .ok()
            .flatten()
            .and_then(|heading| heading.dyn_into::<HtmlElement>().ok())
        {
            _ = heading.focus();
        }
        true
    });

    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_escape.run(());
        }
        "Tab" => {
            let Some(dialog) = dialog.get_untracked() else {
                return;
            };
            let elements = focusables(&dialog);
            let (Some(first), Some(last)) = (elements.first(), elements.last()) else {
                return;
            };
            let active = document().active_element();
            let at = |element: &HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|active| active == element.unchecked_ref::<web_sys::Element>())
            };
            // From the heading (focused on opening), Tab goes to the first control and
            // Shift+Tab to the last, never out of the dialog.
            let on_heading = !elements.iter().any(at);
            if ev.shift_key() && (at(first) || on_heading) {
                ev.prevent_default();
                _ = last.focus();
            } else if !ev.shift_key() && (at(last) || on_heading) {
                ev.prevent_default();
                _ = first.focus();
            }
        }
        _ => {}
    };

    view! {
        <div class="modal-overlay">
            <div
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-labelledby=format!("{id}-title")
                aria-describedby=format!("{id}-description")
                node_ref=dialog
                on:keydown=on_keydown
            >
                <h2 class="modal__title" id=format!("{id}-title") tabindex="-1">
                    {title}
                </h2>
                <div class="modal__body">{children()}</div>
            </div>
        </div>
    }
}

fn focusables(dialog: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The two buttons that end a confirmation dialog: the change, marked busy while it is on its
/// way (a second press sends nothing, see the page's action), and Cancel.
#[component]
pub fn ConfirmButtons(
    /// The change's button, e.g. "Yes, end-date the primary OA".
    #[prop(into)]
    confirm: Signal<String>,
    /// Its look, e.g. "button button--danger".
    class: &'static str,
    #[prop(into)] busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="button-group">
            <button
                type="button"
                class=class
                aria-disabled=move || busy.get().to_string()
                on:click=move |_| on_confirm.run(())
            >
                {confirm}
            </button>
            <button type="button" class="button button--outline" on:click=move |_| on_cancel.run(())>
                "Cancel"
            </button>
        </div>
    }
}
