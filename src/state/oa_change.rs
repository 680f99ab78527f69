//! The OA Change Request wizard's pure logic: its place in the URL, the labels of records and
//! people, the record's facts for the contract's step checks, and where each error links to.

use crate::state::navigation::query_string;
use contract::oa_change::{
    Candidate, FieldError, PickableRecord, RecordFacts, RecordOverview, Step,
};
use contract::provider_id::ProviderId;
use contract::records::{Ineligibility, ManagingRelationship};

pub const OA_CHANGE_PATH: &str = "/oa-change";

/// Where the wizard is: the record (when chosen) and the step the URL names (none: resume).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WizardPlace {
    pub record: Option<String>,
    pub step: Option<Step>,
}

impl WizardPlace {
    /// Reads `record` and `step` (1–7) from the URL's pairs; anything else is ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut place = Self::default();
        for (key, value) in pairs {
            match key {
                "record" if !value.trim().is_empty() => place.record = Some(value.trim().into()),
                "step" => place.step = step_from_number(value),
                _ => {}
            }
        }
        place
    }

    pub fn path(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(record) = &self.record {
            pairs.push(("record", record.clone()));
        }
        if let Some(step) = self.step {
            pairs.push(("step", step.number().to_string()));
        }
        format!("{OA_CHANGE_PATH}{}", query_string(&pairs))
    }
}

pub fn step_from_number(text: &str) -> Option<Step> {
    let number: usize = text.trim().parse().ok()?;
    Step::ALL.get(number.checked_sub(1)?).copied()
}

pub fn next_step(step: Step) -> Step {
    Step::ALL.get(step.number()).copied().unwrap_or(step)
}

pub fn previous_step(step: Step) -> Option<Step> {
    Step::ALL.get(step.number().checked_sub(2)?).copied()
}

/// Where a saved draft resumes: the step after the last one completed.
pub fn resume_step(saved: Step) -> Step {
    next_step(saved)
}

/// "<record name> – NPI <id>" or "<record name> – Atypical ID <id>".
pub fn record_label(record: &PickableRecord) -> String {
    match ProviderId::parse(&record.id) {
        Ok(id) => format!("{} – {id}", record.name),
        Err(_) => format!("{} – {}", record.name, record.id),
    }
}

/// The listing behind each candidate, as far as the server's answer tells it, so the contract's
/// checks run on the client. A person's hidden facts only matter when they make them ineligible,
/// and then the server's reason is kept.
pub fn listed_from(candidates: &[Candidate]) -> Vec<ManagingRelationship> {
    candidates
        .iter()
        .map(|candidate| {
            let says = |why: &Ineligibility| {
                candidate.as_backup.as_ref() == Some(why)
                    || candidate.as_new_primary.as_ref() == Some(why)
            };
            ManagingRelationship {
                name: candidate.name.clone(),
                relationship: candidate.relationship,
                ncid: candidate.ncid.clone(),
                adverse_findings: says(&Ineligibility::AdverseFindings),
                active: !says(&Ineligibility::InactiveListing),
            }
        })
        .collect()
}

/// The facts the contract's `validate_step` needs, borrowed from the overview.
pub fn facts<'a>(
    overview: &'a RecordOverview,
    listed: &'a [ManagingRelationship],
    applicant: &'a str,
) -> RecordFacts<'a> {
    RecordFacts {
        kind: overview.kind,
        programs: &overview.programs,
        primary_oa: overview
            .primary_oa
            .as_ref()
            .filter(|_| overview.has_active_primary_oa)
            .map(|oa| oa.ncid.as_str()),
        backup_oa: overview.backup_oa.as_ref().map(|oa| oa.ncid.as_str()),
        listed,
        applicant,
    }
}

/// The id of the control an error about this form field links to.
pub fn field_target(field: &str) -> Option<&'static str> {
    match field {
        "record" => Some("record-id"),
        "authorization_code" => Some("authorization-code"),
        "primary" => Some("primary-keep"),
        "backup" => Some("backup-no-change"),
        "continued_access" => Some("continued-access-yes"),
        "exclusion.excluded" => Some("exclusion-excluded-yes"),
        "exclusion.sanctioned" => Some("exclusion-sanctioned-yes"),
        "exclusion.convicted" => Some("exclusion-convicted-yes"),
        "exclusion.explanation" => Some("exclusion-explanation"),
        "attestation" => Some("attestation"),
        "pin" => Some("pin"),
        _ => None,
    }
}

/// The contract's errors as (field, message) lines for the error summary.
pub fn error_lines(errors: &[FieldError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|error| (error.field.to_owned(), error.message.clone()))
        .collect()
}

/// Step 1's text box: the record id typed, or why it is not one (the NPI check digit).
pub fn typed_record(text: &str) -> Result<String, String> {
    ProviderId::parse(text)
        .map(|id| id.as_str().to_owned())
        .map_err(|why| why.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::oa_change::{validate_step, BackupChoice, OaChangeDraft, Standing};
    use contract::records::{OfficeAdministrator, Program, RecordKind, Relationship};

    #[test]
    fn the_place_round_trips_through_the_url() {
        let place = WizardPlace {
            record: Some("1234567893".into()),
            step: Some(Step::Backup),
        };
        assert_eq!(place.path(), "/oa-change?record=1234567893&step=3");
        let back = WizardPlace::from_pairs([("record", "1234567893"), ("step", "3")]);
        assert_eq!(back, place);
        assert_eq!(WizardPlace::default().path(), "/oa-change");
    }

    #[test]
    fn a_wrong_step_in_the_url_is_no_step() {
        for text in ["0", "8", "x", ""] {
            assert_eq!(step_from_number(text), None, "{text}");
        }
        assert_eq!(step_from_number("7"), Some(Step::Sign));
    }

    #[test]
    fn steps_follow_each_other() {
        assert_eq!(next_step(Step::Record), Step::OfficeAdministrator);
        assert_eq!(next_step(Step::Sign), Step::Sign);
        assert_eq!(previous_step(Step::Record), None);
        assert_eq!(previous_step(Step::Backup), Some(Step::OfficeAdministrator));
        assert_eq!(resume_step(Step::OfficeAdministrator), Step::Backup);
    }

    #[test]
    fn records_are_labelled_with_their_kind_of_id() {
        let npi = PickableRecord {
            id: "1234567893".into(),
            name: "Sandhills Family Medicine".into(),
            standing: Standing::PrimaryOa,
        };
        assert_eq!(
            record_label(&npi),
            "Sandhills Family Medicine – NPI 1234567893"
        );
        let atypical = PickableRecord {
            id: "ATY00417".into(),
            ..npi
        };
        assert_eq!(
            record_label(&atypical),
            "Sandhills Family Medicine – Atypical ID ATY00417"
        );
    }

    #[test]
    fn a_typed_npi_with_a_wrong_check_digit_is_explained() {
        assert_eq!(typed_record(" 1234567893 "), Ok("1234567893".into()));
        assert!(typed_record("1234567894")
            .unwrap_err()
            .contains("check digit"));
        assert_eq!(typed_record("aty1"), Ok("ATY1".into()));
    }

    fn candidate(name: &str, ncid: &str, as_backup: Option<Ineligibility>) -> Candidate {
        Candidate {
            name: name.into(),
            relationship: Relationship::ManagingEmployee,
            ncid: Some(ncid.into()),
            as_backup,
            as_new_primary: None,
        }
    }

    fn overview(candidates: Vec<Candidate>) -> RecordOverview {
        RecordOverview {
            id: "1234567893".into(),
            name: "Sandhills Family Medicine".into(),
            kind: RecordKind::Organization,
            programs: vec![Program::Medicaid],
            primary_oa: Some(OfficeAdministrator {
                ncid: "javery1".into(),
                name: "Jordan Avery".into(),
                end_date: None,
            }),
            has_active_primary_oa: true,
            backup_oa: None,
            backup_unavailable: None,
            candidates,
            needs_authorization_code: false,
        }
    }

    #[test]
    fn the_contracts_checks_run_on_the_servers_candidates() {
        let record = overview(vec![
            candidate("Casey Lin", "clin2", None),
            candidate(
                "Morgan Reyes",
                "mreyes3",
                Some(Ineligibility::AdverseFindings),
            ),
        ]);
        let listed = listed_from(&record.candidates);
        let facts = facts(&record, &listed, "javery1");
        let assign = |ncid: &str| OaChangeDraft {
            backup: BackupChoice::Assign { ncid: ncid.into() },
            ..OaChangeDraft::default()
        };
        assert!(validate_step(Step::Backup, &assign("clin2"), &facts).is_empty());
        let refused = validate_step(Step::Backup, &assign("mreyes3"), &facts);
        assert_eq!(refused[0].rule, Some("R-BOA-2"));
        let nothing = validate_step(Step::Backup, &OaChangeDraft::default(), &facts);
        assert_eq!(error_lines(&nothing)[0].0, "backup");
        assert_eq!(field_target("backup"), Some("backup-no-change"));
        assert_eq!(
            field_target("continued_access"),
            Some("continued-access-yes")
        );
    }
}
