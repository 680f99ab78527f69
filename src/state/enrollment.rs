//! The enrollment wizard's pure logic: its place in the URL, the answers as Check your answers
//! lists them, and where each error links to.

use crate::state::wizard::{exclusion_rows, yes_no, AnswerRow, StepInUrl};
use contract::application::{ApplicationId, Steps};
use contract::enrollment::{EnrollmentDraft, EnrollmentStep};

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
        let mut application = None;
        let mut shared = StepInUrl::default();
        for (key, value) in pairs {
            if !shared.read(key, value) && key == "application" {
                application = value.trim().parse().ok().filter(|id: &i64| *id > 0);
            }
        }
        Self {
            application,
            step: shared.step,
            return_to_review: shared.returning,
        }
    }

    pub fn path(&self) -> String {
        let shared = StepInUrl {
            step: self.step,
            returning: self.return_to_review,
        };
        let application = self
            .application
            .map(|application| ("application", application.to_string()));
        shared.path(ENROLLMENT_PATH, application, None)
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

/// Where a saved application resumes: the step after the last one completed.
pub fn resume_step(saved: Option<EnrollmentStep>) -> EnrollmentStep {
    saved
        .map(|step| step.next().unwrap_or(step))
        .unwrap_or(EnrollmentStep::ProviderType)
}

/// "Not given" for an answer left empty.
fn given(value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        "Not given".to_owned()
    } else {
        value.to_owned()
    }
}

/// Every answer of the application, as the applicant checks it (step 8) and as operations
/// staff review it.
pub fn answer_rows(draft: &EnrollmentDraft) -> Vec<AnswerRow<EnrollmentStep>> {
    let address = &draft.address;
    let address_text = [&address.street, &address.city, &address.state, &address.zip]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let programs = draft
        .programs
        .iter()
        .map(|program| program.label())
        .collect::<Vec<_>>()
        .join(" and ");
    let people = draft
        .people
        .iter()
        .map(|person| {
            let ncid = person.ncid.as_deref().unwrap_or("no NCID");
            format!(
                "{} – {}, {ncid}, adverse findings: {}",
                given(&person.name),
                person.relationship.label(),
                yes_no(person.adverse_findings)
            )
        })
        .collect::<Vec<_>>();
    let backup = draft.backup.as_deref().map_or_else(
        || "No backup OA".to_owned(),
        |ncid| {
            draft
                .people
                .iter()
                .find(|person| {
                    person
                        .ncid
                        .as_deref()
                        .is_some_and(|listed| listed.eq_ignore_ascii_case(ncid))
                })
                .map_or_else(
                    || ncid.to_owned(),
                    |person| format!("{} ({ncid})", person.name.trim()),
                )
        },
    );
    let provider_type = draft
        .provider_type
        .map_or_else(|| given(""), |kind| kind.label().to_owned());
    let people = if people.is_empty() {
        "None listed".to_owned()
    } else {
        people.join("; ")
    };
    let mut rows = vec![
        AnswerRow::new(EnrollmentStep::ProviderType, "Provider type", provider_type),
        AnswerRow::new(EnrollmentStep::Identity, "Legal name", given(&draft.name)),
        AnswerRow::new(
            EnrollmentStep::Identity,
            "NPI or Atypical ID",
            given(&draft.provider_id),
        ),
        AnswerRow::new(
            EnrollmentStep::Identity,
            "Service address",
            given(&address_text),
        ),
        AnswerRow::new(EnrollmentStep::Programs, "Programs", given(&programs)),
        AnswerRow::new(
            EnrollmentStep::People,
            "Owners and managing relationships",
            people,
        ),
        AnswerRow::new(EnrollmentStep::Backup, "Backup OA", backup),
    ];
    rows.extend(exclusion_rows(EnrollmentStep::Exclusion, &draft.exclusion));
    rows
}

/// The id of the control an error about this form field links to.
pub fn field_target(field: &str) -> Option<String> {
    // A listed person's field is its control: `people.2.ncid` is `people-2-ncid`, their
    // adverse-findings question its fieldset.
    if let Some(person) = field.strip_prefix("people.") {
        return Some(format!("people-{}", person.replace(['.', '_'], "-")));
    }
    let id = match field {
        // A question answered by choosing is its fieldset, whose first choice takes focus.
        "provider_type" => "provider-type",
        "name" => "provider-name",
        "provider_id" => "provider-id",
        "address.street" => "address-street",
        "address.city" => "address-city",
        "address.state" => "address-state",
        "address.zip" => "address-zip",
        "programs" => "programs",
        "people" => "people",
        "backup" => "backup",
        "exclusion.excluded" => "exclusion-excluded",
        "exclusion.sanctioned" => "exclusion-sanctioned",
        "exclusion.convicted" => "exclusion-convicted",
        "exclusion.explanation" => "exclusion-explanation",
        "attestation" => "attestation",
        "pin" => "pin",
        _ => return None,
    };
    Some(id.to_owned())
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
    }

    #[test]
    fn the_answers_name_the_backup_and_say_what_is_not_given() {
        let mut draft = EnrollmentDraft {
            name: " Avery Family Practice ".into(),
            backup: Some("CLIN2".into()),
            ..EnrollmentDraft::default()
        };
        draft.people.push(contract::enrollment::ListedPerson {
            name: "Casey Lin".into(),
            relationship: contract::records::Relationship::ManagingEmployee,
            ncid: Some("clin2".into()),
            adverse_findings: Some(false),
        });
        let rows = answer_rows(&draft);
        let answer = |question: &str| {
            rows.iter()
                .find(|row| row.question == question)
                .map(|row| row.answer.as_str())
        };
        assert_eq!(answer("Provider type"), Some("Not given"));
        assert_eq!(answer("Legal name"), Some("Avery Family Practice"));
        assert_eq!(
            answer("Owners and managing relationships"),
            Some("Casey Lin – Managing employee, clin2, adverse findings: No")
        );
        assert_eq!(answer("Backup OA"), Some("Casey Lin (CLIN2)"));
        assert_eq!(rows.len(), 10);
    }
}
