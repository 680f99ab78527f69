//! What every wizard of the portal shares as plain logic: its steps in order, the answers that
//! Check your answers lists, and a refusal as lines of the error summary. Each wizard (the OA
//! Change Request, the enrollment application) names its own steps (the contract's `Steps`);
//! the shell is generic over them.

use crate::api::ApiError;
use crate::state::navigation::query_string;
use contract::application::{ExclusionAnswers, ExclusionQuestion, FieldError, Steps};

/// What a wizard's shell needs of its steps beyond the contract's order of them: the step a
/// URL's `step=N` names, the step before, and the step that signs.
pub trait WizardStep: Steps + Send + Sync {
    /// A number out of range names no step.
    fn from_number(text: &str) -> Option<Self> {
        let number: usize = text.trim().parse().ok()?;
        Self::all().get(number.checked_sub(1)?).copied()
    }

    fn previous(self) -> Option<Self> {
        Self::all().get(self.number().checked_sub(2)?).copied()
    }

    /// The signature step, whose Continue reads "Sign and submit".
    fn signs(self) -> bool {
        Self::all().last() == Some(&self)
    }
}

impl<S: Steps + Send + Sync> WizardStep for S {}

/// What every wizard's place in the URL holds besides its own subject (the record, the
/// application): the step the URL names (none: resume) and whether Continue goes back to Check
/// your answers (`return=review`, a Change link).
pub struct StepInUrl<S> {
    pub step: Option<S>,
    pub returning: bool,
}

impl<S> Default for StepInUrl<S> {
    fn default() -> Self {
        Self {
            step: None,
            returning: false,
        }
    }
}

impl<S: WizardStep> StepInUrl<S> {
    /// Reads `step` (its number) or `return`; `false`: the pair is not one of these.
    pub fn read(&mut self, key: &str, value: &str) -> bool {
        match key {
            "step" => self.step = S::from_number(value),
            "return" => self.returning = value == "review",
            _ => return false,
        }
        true
    }

    /// The URL's pairs after `subject`'s, and `more` after them.
    pub fn path(
        &self,
        base: &str,
        subject: Option<(&'static str, String)>,
        more: Option<(&'static str, String)>,
    ) -> String {
        let step = self.step.map(|step| ("step", step.number().to_string()));
        let returning = self.returning.then(|| ("return", "review".to_owned()));
        let pairs: Vec<_> = [subject, step, returning, more]
            .into_iter()
            .flatten()
            .collect();
        format!("{base}{}", query_string(&pairs))
    }
}

/// One answer of an application, and the step that asks it (its Change link goes there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow<S> {
    pub step: S,
    pub question: String,
    pub answer: String,
}

impl<S> AnswerRow<S> {
    pub fn new(step: S, question: impl Into<String>, answer: impl Into<String>) -> Self {
        Self {
            step,
            question: question.into(),
            answer: answer.into(),
        }
    }
}

/// The row of the answers that says whether the explanation document is there (R-OA-3).
pub const EXPLANATION_QUESTION: &str = "Explanation document";

pub fn yes_no(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "Not answered",
    }
}

/// R-OA-3: the three answers, and whether the explanation document that a Yes needs is there.
pub fn exclusion_rows<S: Copy>(step: S, answers: &ExclusionAnswers) -> Vec<AnswerRow<S>> {
    let mut rows: Vec<_> = ExclusionQuestion::ALL
        .into_iter()
        .map(|question| AnswerRow::new(step, question.text(), yes_no(answers.answer(question))))
        .collect();
    if answers.any_yes() {
        let explanation = if answers.explanation.is_some() {
            "Uploaded"
        } else {
            "Missing"
        };
        rows.push(AnswerRow::new(step, EXPLANATION_QUESTION, explanation));
    }
    rows
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

/// The id of the question that asks `field` (`exclusion.excluded` → `exclusion-excluded`),
/// which the error summary links to.
pub fn question_id(field: &str) -> String {
    field.replace(['.', '_'], "-")
}

/// One line of the error summary: the form field it concerns (empty: none) and the message.
pub type ProblemLine = (String, String);

/// The contract's errors as lines of the error summary.
pub fn error_lines(errors: &[FieldError]) -> Vec<ProblemLine> {
    errors
        .iter()
        .map(|error| (error.field.to_string(), error.message.clone()))
        .collect()
}

/// A server refusal as lines of the error summary: a validation error on its fields, a 403 or
/// 423 on `denied_field` (the PIN when signing), anything else on no field.
pub fn refusal_lines(error: ApiError, denied_field: &str) -> Vec<ProblemLine> {
    match error {
        ApiError::Validation { message, fields } if fields.is_empty() => {
            vec![(String::new(), message)]
        }
        ApiError::Validation { fields, .. } => fields.into_iter().collect(),
        ApiError::Forbidden(message) | ApiError::Locked(message) => {
            vec![(denied_field.to_owned(), message)]
        }
        other => vec![(String::new(), other.to_string())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::enrollment::EnrollmentStep;
    use contract::oa_change::Step;
    use std::collections::BTreeMap;

    #[test]
    fn steps_go_back_and_the_last_signs() {
        assert_eq!(Step::Record.previous(), None);
        assert_eq!(Step::Backup.previous(), Some(Step::OfficeAdministrator));
        assert!(Step::Sign.signs());
        assert!(!Step::Review.signs());
        assert!(EnrollmentStep::Sign.signs());
        assert_eq!(
            EnrollmentStep::Backup.previous(),
            Some(EnrollmentStep::OfficeAdministrator)
        );
    }

    #[test]
    fn a_wrong_step_in_the_url_is_no_step() {
        for text in ["0", "8", "x", ""] {
            assert_eq!(Step::from_number(text), None, "{text}");
        }
        assert_eq!(Step::from_number("7"), Some(Step::Sign));
        assert_eq!(EnrollmentStep::from_number("10"), None);
        assert_eq!(
            EnrollmentStep::from_number(" 4 "),
            Some(EnrollmentStep::People)
        );
    }

    #[test]
    fn a_yes_asks_for_the_explanation_document() {
        let mut answers = ExclusionAnswers::default();
        assert_eq!(exclusion_rows(Step::Exclusion, &answers).len(), 3);
        answer_exclusion(&mut answers, ExclusionQuestion::Sanctioned, true);
        answer_exclusion(&mut answers, ExclusionQuestion::Excluded, false);
        let rows = exclusion_rows(Step::Exclusion, &answers);
        let words: Vec<&str> = rows.iter().map(|row| row.answer.as_str()).collect();
        assert_eq!(words, ["No", "Yes", "Not answered", "Missing"]);
        assert_eq!(rows[3].question, EXPLANATION_QUESTION);
        answers.explanation = Some(4);
        assert_eq!(
            exclusion_rows(Step::Exclusion, &answers)[3].answer,
            "Uploaded"
        );
    }

    #[test]
    fn a_refusal_is_shown_on_its_fields() {
        let fields = BTreeMap::from([("pin".to_owned(), "Wrong PIN".to_owned())]);
        let refused = ApiError::Validation {
            message: "Check the form".into(),
            fields,
        };
        assert_eq!(
            refusal_lines(refused, ""),
            [("pin".to_owned(), "Wrong PIN".to_owned())]
        );
        assert_eq!(
            refusal_lines(ApiError::Locked("Locked".into()), "pin"),
            [("pin".to_owned(), "Locked".to_owned())]
        );
        assert_eq!(
            refusal_lines(ApiError::NotFound("Gone".into()), "pin")[0].0,
            ""
        );
    }
}
