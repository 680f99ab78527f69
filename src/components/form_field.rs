//! A labelled input as GOV.UK writes it: the label, the hint, the error at the field and the
//! input, the input's `aria-describedby` naming the hint and, when there is one, the error.
//! The sign-in page's three fields are written through `FormField`; it is the shape the
//! wizards' fields are to share (issue 11: errors at the field).

use leptos::prelude::*;

/// What a field's input says to assistive technology: the ids that describe it and whether
/// its answer was refused.
#[derive(Debug, Clone, Copy)]
pub struct FieldWiring {
    pub described_by: Signal<Option<String>>,
    pub invalid: Signal<Option<&'static str>>,
}

#[component]
pub fn FormField<V: IntoView + 'static>(
    /// The input's id; the hint and the error are `{id}-hint` and `{id}-error`.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    #[prop(optional_no_strip)] hint: Option<&'static str>,
    /// The message at the field while its answer is refused.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The input, told what describes it.
    input: impl FnOnce(FieldWiring) -> V,
    /// What follows the input, e.g. an upload's status.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    let wiring = FieldWiring {
        described_by: Signal::derive({
            let error_id = error_id.clone();
            move || {
                let error = error.with(Option::is_some).then(|| error_id.clone());
                let ids: Vec<String> = hint_id.iter().cloned().chain(error).collect();
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        }),
        invalid: Signal::derive(move || error.with(Option::is_some).then_some("true")),
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <label class="label" for=id.clone()>
                {label}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                <span class="visually-hidden">"Error: "</span>
                                {message}
                            </p>
                        }
                    })
            }}
            {input(wiring)}
            {children.map(|children| children())}
        </div>
    }
}

/// A one-line text box showing `value` and telling each change to `on_input`, described as
/// its `FormField` says: the wizards' text answers.
pub fn text_input(
    id: String,
    value: Signal<String>,
    on_input: impl Fn(String) + 'static,
    wiring: FieldWiring,
) -> impl IntoView {
    view! {
        <input
            class="input"
            type="text"
            id=id
            autocomplete="off"
            spellcheck="false"
            aria-describedby=wiring.described_by
            aria-invalid=wiring.invalid
            prop:value=value
            on:input=move |ev| on_input(event_target_value(&ev))
        />
    }
}
