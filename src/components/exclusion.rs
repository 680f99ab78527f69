//! R-OA-3's exclusion and sanction questions, with the explanation document that any Yes needs,
//! as every wizard asks them of its draft.

use super::form_field::{FieldWiring, FormField};
use super::wizard::{question_id, radio, ChoiceQuestion};
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
/// exclusion answers of an OA Change Request, of an enrollment application, or of one record
/// of a set prepared for several records. The lens's functions are kept as handles, so the
/// whole is `Copy`.
pub struct DraftPart<Draft: 'static, Part: 'static> {
    draft: RwSignal<Draft>,
    read: StoredValue<ReadPart<Draft, Part>, LocalStorage>,
    write: StoredValue<WritePart<Draft, Part>, LocalStorage>,
}

type ReadPart<Draft, Part> = Rc<dyn Fn(&Draft) -> &Part>;
type WritePart<Draft, Part> = Rc<dyn Fn(&mut Draft) -> &mut Part>;

impl<Draft, Part> Clone for DraftPart<Draft, Part> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Draft, Part> Copy for DraftPart<Draft, Part> {}

impl<Draft: Send + Sync + 'static, Part: 'static> DraftPart<Draft, Part> {
    pub fn new(
        draft: RwSignal<Draft>,
        read: impl Fn(&Draft) -> &Part + 'static,
        write: impl Fn(&mut Draft) -> &mut Part + 'static,
    ) -> Self {
        let read: ReadPart<Draft, Part> = Rc::new(read);
        let write: WritePart<Draft, Part> = Rc::new(write);
        Self {
            draft,
            read: StoredValue::new_local(read),
            write: StoredValue::new_local(write),
        }
    }

    /// Reads the part, tracked.
    pub fn with<R>(self, read: impl FnOnce(&Part) -> R) -> R {
        let lens = self.read.get_value();
        self.draft.with(|draft| read(lens(draft)))
    }

    pub fn update(self, change: impl FnOnce(&mut Part)) {
        let lens = self.write.get_value();
        self.draft.update(|draft| change(lens(draft)));
    }
}

/// R-OA-3: the three questions, and the explanation document when any answer is Yes. The
/// uploaded document is named in the answers (the Continue that follows saves it) and told to
/// `uploaded`; a refused upload is shown in the error summary. `prefix` goes before each
/// field's name (`records.2.` where one page asks several records' questions; empty where it
/// asks one application's).
pub fn exclusion_questions<Draft: Send + Sync + 'static>(
    answers: DraftPart<Draft, ExclusionAnswers>,
    upload: Upload,
    form: WizardForm,
    prefix: &str,
    uploaded: RwSignal<Option<AttachmentInfo>>,
) -> impl IntoView {
    let questions = ExclusionQuestion::ALL
        .into_iter()
        .map(|question| {
            let field = format!("{prefix}{}", question.field());
            let base = question_id(&field);
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
                <ChoiceQuestion field=field.clone() legend=question.text()>
                    {radio(field.clone(), format!("{base}-yes"), "Yes".into(), None, yes, choose_yes)}
                    {radio(field, format!("{base}-no"), "No".into(), None, no, choose_no)}
                </ChoiceQuestion>
            }
        })
        .collect_view();
    // Handles, so the closures below stay `Copy`.
    let explanation_field = StoredValue::new(format!("{prefix}exclusion.explanation"));
    let explanation_id = StoredValue::new(question_id(&explanation_field.get_value()));
    let on_problem = move |message: String| {
        form.show_errors(vec![(explanation_field.get_value(), message)]);
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
                    uploaded.set(Some(info));
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
            <FormField
                id=explanation_id.get_value()
                label="Upload a signed and dated explanation of every Yes answer"
                hint=Some("A PDF, PNG or JPEG file, 2 MB or smaller.")
                error=form.error_at(explanation_field.get_value())
                input=move |wiring: FieldWiring| view! {
                    <input
                        type="file"
                        id=explanation_id.get_value()
                        accept="application/pdf,image/png,image/jpeg"
                        aria-describedby=wiring.described_by
                        aria-invalid=wiring.invalid
                        on:change=on_file
                    />
                }
            >
                <p class="hint" id=format!("{}-status", explanation_id.get_value()) role="status">
                    {status}
                </p>
            </FormField>
        </Show>
    }
}
