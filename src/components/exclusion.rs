//! R-OA-3's exclusion and sanction questions, with the explanation document that any Yes needs,
//! as every wizard asks them of its draft.

use super::form_field::{FieldWiring, FormField};
use super::wizard::{radio, ChoiceQuestion};
use super::wizard_shell::WizardForm;
use crate::api::{Answer, ApiError};
use crate::state::wizard::answer_exclusion;
use contract::application::{
    AttachmentInfo, ExclusionAnswers, ExclusionQuestion, MAX_ATTACHMENT_BYTES,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Sends the explanation document (a browser `File`) to the server.
pub type Upload = Rc<dyn Fn(JsValue) -> Answer<AttachmentInfo>>;

/// One part of a draft that a piece of a form reads and changes in place (a lens): the
/// exclusion answers of an OA Change Request or of an enrollment application.
pub struct DraftPart<Draft: 'static, Part: 'static> {
    draft: RwSignal<Draft>,
    read: fn(&Draft) -> &Part,
    write: fn(&mut Draft) -> &mut Part,
}

impl<Draft, Part> Clone for DraftPart<Draft, Part> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Draft, Part> Copy for DraftPart<Draft, Part> {}

impl<Draft: Send + Sync + 'static, Part: 'static> DraftPart<Draft, Part> {
    pub fn new(
        draft: RwSignal<Draft>,
        read: fn(&Draft) -> &Part,
        write: fn(&mut Draft) -> &mut Part,
    ) -> Self {
        Self { draft, read, write }
    }

    /// Reads the part, tracked.
    pub fn with<R>(self, read: impl FnOnce(&Part) -> R) -> R {
        self.draft.with(|draft| read((self.read)(draft)))
    }

    pub fn update(self, change: impl FnOnce(&mut Part)) {
        self.draft.update(|draft| change((self.write)(draft)));
    }
}

/// R-OA-3: the three questions, and the explanation document when any answer is Yes. The
/// uploaded document is named in the answers (the Continue that follows saves it); a refused
/// upload is shown in the error summary.
pub fn exclusion_questions<Draft: Send + Sync + 'static>(
    answers: DraftPart<Draft, ExclusionAnswers>,
    upload: Upload,
    form: WizardForm,
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
                    move || answers.update(|answers| answer_exclusion(answers, question, value)),
                )
            };
            let (yes, choose_yes) = answer(true);
            let (no, choose_no) = answer(false);
            view! {
                <ChoiceQuestion field=question.field() legend=question.text()>
                    {radio(question.field(), format!("{base}-yes"), "Yes".into(), None, yes, choose_yes)}
                    {radio(question.field(), format!("{base}-no"), "No".into(), None, no, choose_no)}
                </ChoiceQuestion>
            }
        })
        .collect_view();
    let on_problem = move |message: String| {
        form.show_errors(vec![("exclusion.explanation".into(), message)]);
    };
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
            on_problem("The file must be 2 MB or smaller".into());
            return;
        }
        let answer = upload.with_value(|upload| upload(file));
        spawn_local(async move {
            match answer.await {
                Ok(info) => {
                    answers.update(|answers| answers.explanation = Some(info.id));
                    form.uploaded.set(Some(info));
                    form.errors.set(Vec::new());
                }
                Err(error) => on_problem(match error {
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
        match (form.uploaded.get(), saved) {
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
            <FormField
                id="exclusion-explanation"
                label="Upload a signed and dated explanation of every Yes answer"
                hint=Some("A PDF, PNG or JPEG file, 2 MB or smaller.")
                error=form.error_at("exclusion.explanation")
                input=move |wiring: FieldWiring| view! {
                    <input
                        type="file"
                        id="exclusion-explanation"
                        accept="application/pdf,image/png,image/jpeg"
                        aria-describedby=wiring.described_by
                        aria-invalid=wiring.invalid
                        on:change=on_file
                    />
                }
            >
                <p class="hint" id="exclusion-explanation-status" role="status">
                    {status}
                </p>
            </FormField>
        </Show>
    }
}
