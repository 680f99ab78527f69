//! What every kind of application shares (ARCHITECTURE.md, "Shared pieces"): the OA Change
//! Request and the enrollment application follow one lifecycle (R-OA-6), answer the same
//! exclusion questions (R-OA-3), are signed the same way (R-AUTH-4) and decided the same way.
//! Each kind's own module keeps only its steps, its draft and its checks.

use std::borrow::Cow;

mod decision;
mod exclusion;
mod status;

pub use decision::{
    status_when_review_starts, validate_decision, Decision, DecisionRequest, MAX_NOTE_CHARS,
};
pub use exclusion::{
    AttachmentInfo, AttachmentKind, ExclusionAnswers, ExclusionQuestion, MAX_ATTACHMENT_BYTES,
    MAX_UPLOADS_PER_DAY,
};
pub use status::{EnrollmentTrackingNumber, RequestStatus, TrackingNumber};

pub(crate) use exclusion::check_exclusion;

use crate::date::CalendarDate;
use crate::Rule;
use serde::{Deserialize, Serialize};

/// The id of an application (a draft keeps its id when it is submitted).
pub type ApplicationId = i64;

/// The id of an uploaded explanation document (R-OA-3).
pub type AttachmentId = i64;

/// One refused field: the form field, the sentence to show, and the rule that refuses, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's path, e.g. `backup` or `people.2.ncid` (a listed person's field).
    pub field: Cow<'static, str>,
    pub message: String,
    pub rule: Option<Rule>,
}

impl FieldError {
    pub(crate) fn new(
        field: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
        rule: Option<Rule>,
    ) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            rule,
        }
    }
}

/// The steps of an application's wizard, in order: a fixed number of steps that ends with
/// "Check your answers" and "Sign and submit".
pub trait Steps: Copy + Ord + 'static {
    /// Every step, in order.
    fn all() -> &'static [Self];

    fn title(self) -> &'static str;

    /// 1-based, for "Step 2 of 7".
    fn number(self) -> usize {
        Self::all()
            .iter()
            .position(|step| *step == self)
            .map_or(0, |index| index + 1)
    }

    fn count() -> usize {
        Self::all().len()
    }

    /// The step after this one; the last step has none.
    fn next(self) -> Option<Self> {
        Self::all().get(self.number()).copied()
    }
}

/// The steps of a wizard where some apply only to some answers (the OA Change Request's
/// continued-access question, R-OA-4): Continue and Back pass over a step that does not apply.
pub trait SkippableSteps: Steps {
    type Draft;

    /// Whether the step asks anything of this draft.
    fn applies(self, draft: &Self::Draft) -> bool;

    /// The next step that applies; the last step has none.
    fn next_for(self, draft: &Self::Draft) -> Option<Self> {
        let mut step = self.next()?;
        while !step.applies(draft) {
            step = step.next()?;
        }
        Some(step)
    }

    /// The step before that applies; the first step has none.
    fn previous_for(self, draft: &Self::Draft) -> Option<Self> {
        Self::all()
            .iter()
            .copied()
            .filter(|step| *step < self && step.applies(draft))
            .last()
    }
}

/// Every step up to and including `last`, in order: what a Continue on `last` checks, since a
/// saved draft must pass every step before the one completed.
pub fn validate_through<S: Steps>(
    last: S,
    validate_step: impl FnMut(S) -> Vec<FieldError>,
) -> Vec<FieldError> {
    S::all()
        .iter()
        .copied()
        .filter(|step| *step <= last)
        .flat_map(validate_step)
        .collect()
}

/// The whole application before it is signed, and the signature itself (R-AUTH-4).
pub fn validate_submission<S: Steps>(
    submit: &SubmitRequest,
    validate_step: impl FnMut(S) -> Vec<FieldError>,
) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = S::all().iter().copied().flat_map(validate_step).collect();
    check_signature(submit, &mut errors);
    errors
}

/// `POST .../submit`: the electronic signature (R-AUTH-4). The PIN is checked, never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitRequest {
    pub attestation: bool,
    pub pin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitReceipt {
    pub id: ApplicationId,
    pub tracking_number: TrackingNumber,
    pub submitted: CalendarDate,
}

/// R-AUTH-4: the signature alone, for a submission whose answers were checked before (the
/// several-records set, R-MANY-3).
pub fn validate_signature(submit: &SubmitRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_signature(submit, &mut errors);
    errors
}

/// R-AUTH-4: the attestation and a PIN to check.
fn check_signature(submit: &SubmitRequest, errors: &mut Vec<FieldError>) {
    if !submit.attestation {
        errors.push(FieldError::new(
            "attestation",
            "Confirm that the information you have given is true",
            Some(Rule::Auth4),
        ));
    }
    if submit.pin.trim().is_empty() {
        errors.push(FieldError::new(
            "pin",
            "Enter your PIN to sign",
            Some(Rule::Auth4),
        ));
    }
}

/// What a list of refusals says, field by field, for the tests to compare with a list of
/// `(field, rule)` pairs.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct RefusedFields(Vec<(String, Option<Rule>)>);

#[cfg(test)]
impl RefusedFields {
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
impl<T: AsRef<[(&'static str, Option<Rule>)]>> PartialEq<T> for RefusedFields {
    fn eq(&self, other: &T) -> bool {
        let other = other.as_ref();
        self.0.len() == other.len()
            && self
                .0
                .iter()
                .zip(other)
                .all(|((field, rule), (expected, its_rule))| field == expected && rule == its_rule)
    }
}

#[cfg(test)]
pub(crate) fn refused_fields(errors: &[FieldError]) -> RefusedFields {
    RefusedFields(
        errors
            .iter()
            .map(|error| (error.field.to_string(), error.rule))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wizard of three steps whose middle one always refuses.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    enum Three {
        First,
        Second,
        Third,
    }

    impl Steps for Three {
        fn all() -> &'static [Self] {
            &[Self::First, Self::Second, Self::Third]
        }

        fn title(self) -> &'static str {
            "A step"
        }
    }

    fn refuse_second(step: Three) -> Vec<FieldError> {
        match step {
            Three::Second => vec![FieldError::new("second", "Answer", None)],
            Three::First | Three::Third => Vec::new(),
        }
    }

    #[test]
    fn steps_are_numbered_from_one_and_end_with_the_last() {
        assert_eq!(Three::First.number(), 1);
        assert_eq!(Three::Third.number(), 3);
        assert_eq!(Three::count(), 3);
        assert_eq!(Three::First.next(), Some(Three::Second));
        assert_eq!(Three::Third.next(), None);
    }

    #[test]
    fn validate_through_checks_every_step_up_to_the_one_completed() {
        assert!(validate_through(Three::First, refuse_second).is_empty());
        assert_eq!(
            refused_fields(&validate_through(Three::Second, refuse_second)),
            [("second", None)]
        );
        assert_eq!(
            refused_fields(&validate_through(Three::Third, refuse_second)),
            [("second", None)]
        );
    }

    #[test]
    fn a_submission_checks_every_step_and_the_signature() {
        let unsigned = SubmitRequest {
            attestation: false,
            pin: " ".into(),
        };
        assert_eq!(
            refused_fields(&validate_submission(&unsigned, refuse_second)),
            [
                ("second", None),
                ("attestation", Some(Rule::Auth4)),
                ("pin", Some(Rule::Auth4)),
            ]
        );
        let signed = SubmitRequest {
            attestation: true,
            pin: "8588".into(),
        };
        assert!(validate_submission(&signed, |_: Three| Vec::new()).is_empty());
    }
}
