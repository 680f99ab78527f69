//! The pieces the portal's wizards are built of (the OA Change Request and the enrollment
//! application): the step indicator, radio buttons that say why they cannot be chosen, links
//! that move the wizard, the summary list of Check your answers, and the signature.

use super::{Alert, AlertKind};
use crate::state::wizard::{AnswerRow, WizardStep};
use contract::records::BackupUnavailable;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// An address within a wizard, and the in-app navigation that replaces following it.
#[derive(Clone)]
pub struct WizardLink {
    pub href: String,
    pub go: Callback<()>,
}

impl WizardLink {
    /// The link to `place`, whose address is `href`; following it hands the place to
    /// `on_navigate` (the app puts it in the URL).
    pub fn to<P: Clone + Send + Sync + 'static>(
        href: String,
        place: P,
        on_navigate: Callback<P>,
    ) -> Self {
        Self {
            href,
            go: Callback::new(move |()| on_navigate.run(place.clone())),
        }
    }

    /// A click on the link's `<a>`: navigates in the app, unless something else took the click.
    pub fn follow(&self, ev: MouseEvent) {
        if !ev.default_prevented() {
            ev.prevent_default();
            self.go.run(());
        }
    }
}

/// "Step N of M" and the list of steps with the current one marked for screen readers.
#[component]
pub fn StepIndicator(
    /// The current step, 1-based.
    #[prop(into)]
    number: Signal<usize>,
    titles: Vec<&'static str>,
    /// Names the list, e.g. "Steps of the request".
    label: &'static str,
) -> impl IntoView {
    let count = titles.len();
    view! {
        <p class="step-indicator__text">{move || format!("Step {} of {count}", number.get())}</p>
        <ol class="step-indicator" aria-label=label>
            {titles
                .into_iter()
                .enumerate()
                .map(|(index, title)| {
                    view! {
                        <li
                            class="step-indicator__step"
                            aria-current=move || (number.get() == index + 1).then_some("step")
                        >
                            {title}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// One radio button with its label and, when it cannot be chosen, why.
pub fn radio(
    name: impl Into<String>,
    id: String,
    label: String,
    why_not: Option<String>,
    checked: Signal<bool>,
    on_choose: impl Fn() + 'static,
) -> impl IntoView {
    let name = name.into();
    let hint_id = format!("{id}-why");
    let described = why_not.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="radio">
            <input
                class="radio__input"
                type="radio"
                name=name
                id=id.clone()
                disabled=why_not.is_some()
                aria-describedby=described
                prop:checked=checked
                on:change=move |_| on_choose()
            />
            <label class="radio__label" for=id>
                {label}
            </label>
            {why_not.map(|why| view! { <p class="hint radio__hint" id=hint_id>{why}</p> })}
        </div>
    }
}

/// An application's answers as the GOV.UK summary list ("Check your answers"); with `change`,
/// each answer has a Change link to its step, which names its question for screen readers.
pub fn answer_list<S: WizardStep>(
    rows: Vec<AnswerRow<S>>,
    change: Option<Callback<S, WizardLink>>,
) -> AnyView {
    let rows = rows
        .into_iter()
        .map(
            |AnswerRow {
                 step,
                 question,
                 answer,
             }| {
                let link = change.map(|change| {
                    let to = change.run(step);
                    let href = to.href.clone();
                    let hidden = format!(" {question}");
                    view! {
                        <dd>
                            <a href=href on:click=move |ev| to.follow(ev)>
                                "Change"
                                <span class="visually-hidden">{hidden}</span>
                            </a>
                        </dd>
                    }
                });
                view! {
                    <div class="summary-list__row">
                        <dt>{question}</dt>
                        <dd>{answer}</dd>
                        {link}
                    </div>
                }
            },
        )
        .collect_view();
    view! { <dl class="summary-list">{rows}</dl> }.into_any()
}

/// In place of the backup OA question when it cannot be asked (R-BOA-9, R-BOA-10): why, for
/// "this record" or "this application".
pub fn backup_unavailable(why: BackupUnavailable, of: &'static str) -> AnyView {
    view! {
        <div id="backup-unavailable">
            <Alert kind=AlertKind::Info heading=format!("A backup OA is not available for {of}")>
                <p>{why.to_string()}</p>
            </Alert>
        </div>
    }
    .into_any()
}

/// What the backup OA question says under its choices (R-BOA-8, R-BOA-4); `new_primary_needs`
/// names what a new primary OA takes.
pub fn backup_notes(new_primary_needs: &'static str) -> impl IntoView {
    view! {
        <p class="hint">
            {format!("The backup OA is not promoted automatically when the primary OA leaves: a new primary OA needs {new_primary_needs}.")}
        </p>
        <p class="hint">"The backup OA receives every communication sent to the primary OA."</p>
    }
}

/// The attestation checkbox and the PIN that sign an application (R-AUTH-4).
pub fn signature_fields(attestation: RwSignal<bool>, pin: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="form-group">
            <div class="radio">
                <input
                    class="radio__input"
                    type="checkbox"
                    id="attestation"
                    prop:checked=attestation
                    on:change=move |ev| attestation.set(event_target_checked(&ev))
                />
                <label class="radio__label" for="attestation">
                    "I confirm that the information I have given is true, and I sign this application electronically."
                </label>
            </div>
        </div>
        <div class="form-group">
            <label class="label" for="pin">
                "PIN"
            </label>
            <p class="hint" id="pin-hint">"Your PIN signs the application."</p>
            <input
                class="input input--code"
                type="password"
                id="pin"
                autocomplete="off"
                inputmode="numeric"
                aria-describedby="pin-hint"
                prop:value=pin
                on:input=move |ev| pin.set(event_target_value(&ev))
            />
        </div>
    }
}
