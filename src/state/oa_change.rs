//! The OA Change Request wizard's pure logic: its place in the URL, the labels of records and
//! people, the record's facts for the contract's step checks, and where each error links to.

use crate::state::wizard::{exclusion_rows, yes_no, AnswerRow, StepInUrl};
use contract::application::{ApplicationId, SkippableSteps};
use contract::oa_change::{
    validate_step, BackupChoice, Candidate, OaChangeDraft, PickableRecord, RecordFacts,
    RecordOverview, Step,
};
use contract::provider_id::ProviderId;
use contract::records::{Ineligibility, ManagingRelationship, OfficeAdministrator};

pub const OA_CHANGE_PATH: &str = "/oa-change";

/// Where the wizard is: the record (when chosen), the step the URL names (none: resume),
/// whether the step was opened from Check your answers (`return=review`), and the request just
/// submitted (`submitted=<id>`), whose confirmation a reload shows again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WizardPlace {
    pub record: Option<String>,
    pub step: Option<Step>,
    pub returning: bool,
    pub submitted: Option<ApplicationId>,
}

impl WizardPlace {
    /// The wizard at this record and step.
    pub fn at(record: Option<String>, step: Step) -> Self {
        Self {
            record,
            step: Some(step),
            ..Self::default()
        }
    }

    /// Reads `record`, `step` (1–7), `return=review` and `submitted` from the URL's pairs;
    /// anything else is ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let (mut record, mut submitted) = (None, None);
        let mut shared = StepInUrl::default();
        for (key, value) in pairs {
            if shared.read(key, value) {
                continue;
            }
            match key {
                "record" if !value.trim().is_empty() => record = Some(value.trim().into()),
                "submitted" => submitted = value.trim().parse().ok(),
                _ => {}
            }
        }
        Self {
            record,
            step: shared.step,
            returning: shared.returning,
            submitted,
        }
    }

    pub fn path(&self) -> String {
        let shared = StepInUrl {
            step: self.step,
            returning: self.returning,
        };
        let record = self.record.clone().map(|record| ("record", record));
        let submitted = self.submitted.map(|id| ("submitted", id.to_string()));
        shared.path(OA_CHANGE_PATH, record, submitted)
    }
}

/// Where Continue goes from a step opened by a Change link on Check your answers: back there,
/// unless the change left a later step unanswered (a new primary OA asks about continued
/// access, R-OA-4), which then opens first, still on its way back to the review.
pub fn after_change(draft: &OaChangeDraft, facts: &RecordFacts) -> WizardPlace {
    let unanswered = Step::ALL
        .into_iter()
        .filter(|step| *step < Step::Review)
        .find(|step| !validate_step(*step, draft, facts).is_empty());
    match unanswered {
        Some(step) => WizardPlace {
            returning: true,
            ..WizardPlace::at(None, step)
        },
        None => WizardPlace::at(None, Step::Review),
    }
}

/// Where a saved draft resumes: the step after the last one completed that applies to it.
pub fn resume_step(saved: Step, draft: &OaChangeDraft) -> Step {
    saved.next_for(draft).unwrap_or(saved)
}

/// "Jordan Avery (javery1)", or "None".
pub fn oa_text(oa: Option<&OfficeAdministrator>) -> String {
    oa.map_or_else(
        || "None".to_owned(),
        |oa| format!("{} ({})", oa.name, oa.ncid),
    )
}

/// The current primary OA, or since when there has been none (R-BOA-8).
pub fn primary_text(overview: &RecordOverview) -> String {
    match (&overview.primary_oa, overview.has_active_primary_oa) {
        (Some(oa), true) => oa_text(Some(oa)),
        (
            Some(OfficeAdministrator {
                end_date: Some(end),
                ..
            }),
            false,
        ) => {
            format!("No active primary OA since {}", end.long_form())
        }
        _ => "No active primary OA".to_owned(),
    }
}

/// "Casey Lin (clin2)" when the record lists the person, else the NCID alone.
fn person_name(overview: Option<&RecordOverview>, ncid: &str) -> String {
    overview
        .and_then(|overview| {
            overview.candidates.iter().find(|candidate| {
                candidate
                    .ncid
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(ncid))
            })
        })
        .map_or_else(
            || ncid.to_owned(),
            |candidate| format!("{} ({ncid})", candidate.name),
        )
}

/// Every answer of a request, as Check your answers (step 6) and the read-only view of My
/// applications show them. Without the record's overview, people are named by their NCID.
pub fn answer_rows(
    record_name: &str,
    draft: &OaChangeDraft,
    overview: Option<&RecordOverview>,
) -> Vec<AnswerRow<Step>> {
    let primary = match (draft.new_primary(), overview) {
        // R-BOA-8: a record without an active primary keeps none.
        (None, Some(overview)) if !overview.has_active_primary_oa => {
            format!("None named. {}", primary_text(overview))
        }
        (None, Some(overview)) => {
            format!("Keep the current primary OA: {}", primary_text(overview))
        }
        (None, None) => "Keep the current primary OA".to_owned(),
        (Some(ncid), _) => format!("New primary OA: {}", person_name(overview, ncid)),
    };
    let backup = match &draft.backup {
        BackupChoice::NoChange => "No change".to_owned(),
        BackupChoice::Assign { ncid } => format!("New backup OA: {}", person_name(overview, ncid)),
        BackupChoice::Remove => match overview {
            Some(overview) => format!("Remove {}", oa_text(overview.backup_oa.as_ref())),
            None => "Remove the backup OA".to_owned(),
        },
    };
    let mut rows = vec![
        AnswerRow::new(Step::Record, "Provider record", record_name),
        AnswerRow::new(Step::OfficeAdministrator, "Office Administrator", primary),
        AnswerRow::new(Step::Backup, "Backup OA", backup),
    ];
    // R-OA-4: asked only when the primary changes.
    if draft.new_primary().is_some() {
        rows.push(AnswerRow::new(
            Step::ContinuedAccess,
            "Users keep their access",
            yes_no(draft.continued_access),
        ));
    }
    rows.extend(exclusion_rows(Step::Exclusion, &draft.exclusion));
    rows
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
        // A question answered by choosing is its fieldset, whose first choice takes focus.
        "record" => Some("record"),
        "record_id" => Some("record-id"),
        "authorization_code" => Some("authorization-code"),
        "primary" => Some("primary"),
        "backup" => Some("backup"),
        "continued_access" => Some("continued-access"),
        "exclusion.excluded" => Some("exclusion-excluded"),
        "exclusion.sanctioned" => Some("exclusion-sanctioned"),
        "exclusion.convicted" => Some("exclusion-convicted"),
        "exclusion.explanation" => Some("exclusion-explanation"),
        "attestation" => Some("attestation"),
        "pin" => Some("pin"),
        _ => None,
    }
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
    use contract::records::Standing;
    use contract::records::{Program, RecordKind, Relationship};

    #[test]
    fn the_place_round_trips_through_the_url() {
        let place = WizardPlace::at(Some("1234567893".into()), Step::Backup);
        assert_eq!(place.path(), "/oa-change?record=1234567893&step=3");
        let back = WizardPlace::from_pairs([("record", "1234567893"), ("step", "3")]);
        assert_eq!(back, place);
        assert_eq!(WizardPlace::default().path(), "/oa-change");
    }

    #[test]
    fn the_way_back_to_review_and_the_submitted_request_are_in_the_url() {
        let place = WizardPlace {
            returning: true,
            ..WizardPlace::at(Some("1234567893".into()), Step::Backup)
        };
        assert_eq!(
            place.path(),
            "/oa-change?record=1234567893&step=3&return=review"
        );
        let back = WizardPlace::from_pairs([
            ("record", "1234567893"),
            ("step", "3"),
            ("return", "review"),
        ]);
        assert_eq!(back, place);
        let submitted = WizardPlace {
            submitted: Some(12),
            ..WizardPlace::at(Some("1234567893".into()), Step::Sign)
        };
        assert_eq!(
            submitted.path(),
            "/oa-change?record=1234567893&step=7&submitted=12"
        );
        let back = WizardPlace::from_pairs([("step", "7"), ("submitted", "12"), ("return", "x")]);
        assert_eq!(back.submitted, Some(12));
        assert!(!back.returning);
        assert_eq!(
            WizardPlace::from_pairs([("submitted", "x")]).submitted,
            None
        );
    }

    #[test]
    fn a_change_returns_to_review_unless_it_leaves_a_later_step_unanswered() {
        let record = overview(vec![candidate("Casey Lin", "clin2", None)]);
        let listed = listed_from(&record.candidates);
        let facts = facts(&record, &listed, "javery1");
        let mut draft = OaChangeDraft {
            backup: BackupChoice::Assign {
                ncid: "clin2".into(),
            },
            ..OaChangeDraft::default()
        };
        draft.exclusion.excluded = Some(false);
        draft.exclusion.sanctioned = Some(false);
        draft.exclusion.convicted = Some(false);
        assert_eq!(
            after_change(&draft, &facts),
            WizardPlace::at(None, Step::Review)
        );
        // R-OA-4: a new primary must say whether the users keep their access.
        draft.backup = BackupChoice::NoChange;
        draft.primary = contract::oa_change::PrimaryChoice::New {
            ncid: "clin2".into(),
        };
        let next = after_change(&draft, &facts);
        assert_eq!(next.step, Some(Step::ContinuedAccess));
        assert!(next.returning);
    }

    #[test]
    fn answers_read_the_same_with_or_without_the_record() {
        let record = overview(vec![candidate("Casey Lin", "clin2", None)]);
        let mut draft = OaChangeDraft {
            backup: BackupChoice::Assign {
                ncid: "clin2".into(),
            },
            ..OaChangeDraft::default()
        };
        draft.exclusion.excluded = Some(true);
        let rows = answer_rows("Sandhills Family Medicine", &draft, Some(&record));
        let answers: Vec<(&str, &str)> = rows
            .iter()
            .map(|row| (row.question.as_str(), row.answer.as_str()))
            .collect();
        assert_eq!(answers[0], ("Provider record", "Sandhills Family Medicine"));
        assert_eq!(
            answers[1].1,
            "Keep the current primary OA: Jordan Avery (javery1)"
        );
        assert_eq!(answers[2].1, "New backup OA: Casey Lin (clin2)");
        assert_eq!(answers[3].1, "Yes");
        assert_eq!(answers[4].1, "Not answered");
        assert_eq!(answers[6], ("Explanation document", "Missing"));
        assert_eq!(rows.len(), 7);
        let bare = answer_rows("Sandhills Family Medicine", &draft, None);
        assert_eq!(bare[1].answer, "Keep the current primary OA");
        // R-BOA-8: with the primary end-dated there is none to keep.
        let mut without_primary = record.clone();
        without_primary.has_active_primary_oa = false;
        let rows = answer_rows("Sandhills Family Medicine", &draft, Some(&without_primary));
        assert_eq!(rows[1].answer, "None named. No active primary OA");
        assert_eq!(bare[2].answer, "New backup OA: clin2");
    }

    #[test]
    fn a_saved_draft_resumes_at_the_step_after_the_last_completed() {
        let keeping = OaChangeDraft::default();
        assert_eq!(
            resume_step(Step::OfficeAdministrator, &keeping),
            Step::Backup
        );
        assert_eq!(resume_step(Step::Sign, &keeping), Step::Sign);
        // R-OA-4: the continued-access question is passed over while the primary stays.
        assert_eq!(resume_step(Step::Backup, &keeping), Step::Exclusion);
        let changing = OaChangeDraft {
            primary: contract::oa_change::PrimaryChoice::New {
                ncid: "clin2".into(),
            },
            ..OaChangeDraft::default()
        };
        assert_eq!(resume_step(Step::Backup, &changing), Step::ContinuedAccess);
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
        assert_eq!(refused[0].rule, Some(contract::Rule::Boa2));
        let nothing = validate_step(Step::Backup, &OaChangeDraft::default(), &facts);
        assert_eq!(nothing[0].field, "backup");
        // A question answered by choosing links to its fieldset, a typed id to its box.
        assert_eq!(field_target("backup"), Some("backup"));
        assert_eq!(field_target("continued_access"), Some("continued-access"));
        assert_eq!(field_target("record_id"), Some("record-id"));
    }
}
