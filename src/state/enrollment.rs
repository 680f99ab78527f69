//! The enrollment wizard's pure logic: its place in the URL, the steps' order, and where each
//! error links to.

use crate::state::navigation::query_string;
use contract::application::{ApplicationId, Steps};
use contract::enrollment::EnrollmentStep;

pub const ENROLLMENT_PATH: &str = "/enrollment";

/// Where the wizard is: the application (none: the list of applications), the step the URL
/// names (none: resume), and whether Continue goes back to Check your answers (a Change link).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnrollmentPlace {
    pub application: Option<ApplicationId>,
    pub step: Option<EnrollmentStep>,
    pub return_to_review: bool,
}

impl EnrollmentPlace {
    pub fn at(application: ApplicationId, step: EnrollmentStep) -> Self {
        Self {
            application: Some(application),
            step: Some(step),
            return_to_review: false,
        }
    }

    /// Reads `application`, `step` (1–9) and `return=review` from the URL's pairs; anything
    /// else is ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut place = Self::default();
        for (key, value) in pairs {
            match key {
                "application" => {
                    place.application = value.trim().parse().ok().filter(|id: &i64| *id > 0);
                }
                "step" => place.step = step_from_number(value),
                "return" => place.return_to_review = value == "review",
                _ => {}
            }
        }
        place
    }

    pub fn path(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(application) = self.application {
            pairs.push(("application", application.to_string()));
        }
        if let Some(step) = self.step {
            pairs.push(("step", step.number().to_string()));
        }
        if self.return_to_review {
            pairs.push(("return", "review".to_owned()));
        }
        format!("{ENROLLMENT_PATH}{}", query_string(&pairs))
    }

    /// Where Continue leads after `step` passed and was saved.
    pub fn after_continue(&self, step: EnrollmentStep) -> Option<EnrollmentStep> {
        if self.return_to_review && step < EnrollmentStep::Review {
            Some(EnrollmentStep::Review)
        } else {
            step.next()
        }
    }
}

pub fn step_from_number(text: &str) -> Option<EnrollmentStep> {
    let number: usize = text.trim().parse().ok()?;
    EnrollmentStep::ALL.get(number.checked_sub(1)?).copied()
}

pub fn previous_step(step: EnrollmentStep) -> Option<EnrollmentStep> {
    EnrollmentStep::ALL
        .get(step.number().checked_sub(2)?)
        .copied()
}

/// Where a saved application resumes: the step after the last one completed.
pub fn resume_step(saved: Option<EnrollmentStep>) -> EnrollmentStep {
    saved
        .map(|step| step.next().unwrap_or(step))
        .unwrap_or(EnrollmentStep::ProviderType)
}

/// The id of the control an error about this form field links to.
pub fn field_target(field: &str) -> Option<&'static str> {
    match field {
        "provider_type" => Some("provider-type-individual"),
        "name" => Some("provider-name"),
        "provider_id" => Some("provider-id"),
        "address.street" => Some("address-street"),
        "address.city" => Some("address-city"),
        "address.state" => Some("address-state"),
        "address.zip" => Some("address-zip"),
        "programs" => Some("program-medicaid"),
        "people" => Some("people"),
        "backup" => Some("backup-none"),
        "exclusion.excluded" => Some("exclusion-excluded-yes"),
        "exclusion.sanctioned" => Some("exclusion-sanctioned-yes"),
        "exclusion.convicted" => Some("exclusion-convicted-yes"),
        "exclusion.explanation" => Some("exclusion-explanation"),
        "attestation" => Some("attestation"),
        "pin" => Some("pin"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_round_trips_through_the_url() {
        let place = EnrollmentPlace {
            application: Some(12),
            step: Some(EnrollmentStep::People),
            return_to_review: true,
        };
        assert_eq!(
            place.path(),
            "/enrollment?application=12&step=4&return=review"
        );
        let back = EnrollmentPlace::from_pairs([
            ("application", "12"),
            ("step", "4"),
            ("return", "review"),
        ]);
        assert_eq!(back, place);
        assert_eq!(EnrollmentPlace::default().path(), "/enrollment");
        assert_eq!(
            EnrollmentPlace::from_pairs([("application", "-3"), ("step", "10")]),
            EnrollmentPlace::default()
        );
    }

    #[test]
    fn continue_follows_the_steps_or_returns_to_the_review() {
        let place = EnrollmentPlace::at(1, EnrollmentStep::Identity);
        assert_eq!(
            place.after_continue(EnrollmentStep::Identity),
            Some(EnrollmentStep::Programs)
        );
        let changing = EnrollmentPlace {
            return_to_review: true,
            ..place
        };
        assert_eq!(
            changing.after_continue(EnrollmentStep::Identity),
            Some(EnrollmentStep::Review)
        );
        assert_eq!(
            changing.after_continue(EnrollmentStep::Review),
            Some(EnrollmentStep::Sign)
        );
    }

    #[test]
    fn resuming_opens_the_step_after_the_last_completed() {
        assert_eq!(resume_step(None), EnrollmentStep::ProviderType);
        assert_eq!(
            resume_step(Some(EnrollmentStep::Programs)),
            EnrollmentStep::People
        );
        assert_eq!(
            resume_step(Some(EnrollmentStep::Sign)),
            EnrollmentStep::Sign
        );
        assert_eq!(previous_step(EnrollmentStep::ProviderType), None);
        assert_eq!(
            previous_step(EnrollmentStep::Backup),
            Some(EnrollmentStep::OfficeAdministrator)
        );
    }
}
