//! The pieces every wizard of the portal shares (the OA Change Request and the enrollment
//! application): the step indicator, radio buttons that say why they cannot be chosen, and the
//! exclusion/sanction questions with their explanation upload (R-OA-3).

use crate::api::{Answer, ApiError};
use contract::application::{
    AttachmentInfo, ExclusionAnswers, ExclusionQuestion, MAX_ATTACHMENT_BYTES,
};
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use wasm_bindgen::JsValue;

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

/// One row of a summary list ("Check your answers"): the question, the answer and, when it can
/// be changed, the Change link's address and the in-app navigation that replaces following it.
pub struct SummaryRow {
    pub question: String,
    pub answer: String,
    pub change: Option<(String, Callback<()>)>,
}

/// The GOV.UK summary list; each Change link names its question for screen readers.
pub fn summary_list(rows: Vec<SummaryRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(
            |SummaryRow {
                 question,
                 answer,
                 change,
             }| {
                let link = change.map(|(href, go)| {
                    let on_click = move |ev: MouseEvent| {
                        if !ev.default_prevented() {
                            ev.prevent_default();
                            go.run(());
                        }
                    };
                    let hidden = format!(" {question}");
                    view! {
                        <dd>
                            <a href=href on:click=on_click>
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
    view! { <dl class="summary-list">{rows}</dl> }
}

/// Sends the explanation document (a browser `File`) to the server.
pub type Upload = Rc<dyn Fn(JsValue) -> Answer<AttachmentInfo>>;

/// R-OA-3: the three questions, and the explanation document when any answer is Yes. The
/// owner keeps the answers and names the uploaded document in them (`on_uploaded`);
/// `on_problem` shows a refused upload in the error summary.
pub fn exclusion_questions(
    answers: Signal<ExclusionAnswers>,
    on_answer: Callback<(ExclusionQuestion, bool)>,
    upload: Upload,
    uploaded: RwSignal<Option<AttachmentInfo>>,
    on_uploaded: Callback<AttachmentInfo>,
    on_problem: Callback<String>,
) -> impl IntoView {
    let questions = ExclusionQuestion::ALL
        .into_iter()
        .map(|question| {
            let base = question.field().replace('.', "-");
            let answer = move |value: bool| {
                (
                    Signal::derive(move || {
                        answers.with(|answers| answers.answer(question) == Some(value))
                    }),
                    move || on_answer.run((question, value)),
                )
            };
            let (yes, choose_yes) = answer(true);
            let (no, choose_no) = answer(false);
            view! {
                <fieldset class="fieldset">
                    <legend class="label">{question.text()}</legend>
                    {radio(question.field(), format!("{base}-yes"), "Yes".into(), None, yes, choose_yes)}
                    {radio(question.field(), format!("{base}-no"), "No".into(), None, no, choose_no)}
                </fieldset>
            }
        })
        .collect_view();
    let upload = StoredValue::new_local(upload);
    let on_file = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let file = js_sys::Reflect::get(&input, &"files".into())
            .ok()
            .and_then(|files| js_sys::Reflect::get(&files, &0.into()).ok())
            .filter(|file| !file.is_undefined() && !file.is_null());
        let Some(file) = file else {
            return;
        };
        let size = js_sys::Reflect::get(&file, &"size".into())
            .ok()
            .and_then(|size| size.as_f64())
            .unwrap_or(0.0);
        if size > MAX_ATTACHMENT_BYTES as f64 {
            on_problem.run("The file must be 2 MB or smaller".into());
            return;
        }
        let answer = upload.with_value(|upload| upload(file));
        spawn_local(async move {
            match answer.await {
                Ok(info) => {
                    uploaded.set(Some(info.clone()));
                    on_uploaded.run(info);
                }
                Err(error) => on_problem.run(match error {
                    ApiError::Validation { message, fields } => {
                        fields.into_values().next().unwrap_or(message)
                    }
                    other => other.to_string(),
                }),
            }
        });
    };
    let status = move || {
        let saved = answers.with(|answers| answers.explanation);
        match (uploaded.get(), saved) {
            (Some(info), _) => Some(format!(
                "Uploaded: {} document, {} KB",
                info.kind.media_type(),
                info.size.div_ceil(1024)
            )),
            (None, Some(_)) => Some("An explanation document is uploaded.".to_owned()),
            _ => None,
        }
    };
    view! {
        {questions}
        <Show when=move || answers.with(ExclusionAnswers::any_yes)>
            <div class="form-group">
                <label class="label" for="exclusion-explanation">
                    "Upload a signed and dated explanation of every Yes answer"
                </label>
                <p class="hint" id="exclusion-explanation-hint">
                    "A PDF, PNG or JPEG file, 2 MB or smaller."
                </p>
                <input
                    type="file"
                    id="exclusion-explanation"
                    accept="application/pdf,image/png,image/jpeg"
                    aria-describedby="exclusion-explanation-hint"
                    on:change=on_file
                />
                <p class="hint" id="exclusion-explanation-status" role="status">
                    {status}
                </p>
            </div>
        </Show>
    }
}

/// Sets one answer of the exclusion questions.
pub fn answer_exclusion(answers: &mut ExclusionAnswers, question: ExclusionQuestion, value: bool) {
    let slot = match question {
        ExclusionQuestion::Excluded => &mut answers.excluded,
        ExclusionQuestion::Sanctioned => &mut answers.sanctioned,
        ExclusionQuestion::Convicted => &mut answers.convicted,
    };
    *slot = Some(value);
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
