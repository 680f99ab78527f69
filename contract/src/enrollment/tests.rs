use super::*;
use crate::application::{refused_fields, RefusedFields};

const APPLICANT: &str = "dhall5";

/// A complete organization application naming Pat Owner as backup; one managing employee has
/// no NCID.
fn organization() -> EnrollmentDraft {
    examples::organization(
        vec![
            examples::person("Dana Hall", Relationship::Owner, APPLICANT),
            examples::person("Pat Owner", Relationship::Owner, "powner2"),
            ListedPerson {
                ncid: None,
                ..examples::person("No Ncid", Relationship::ManagingEmployee, "")
            },
        ],
        "powner2",
    )
}

/// What one step refuses in the applicant's draft, field by field.
fn step_fields(step: EnrollmentStep, draft: &EnrollmentDraft) -> RefusedFields {
    refused_fields(&validate_enrollment_step(step, draft, APPLICANT))
}

fn signed() -> SubmitRequest {
    SubmitRequest {
        attestation: true,
        pin: "1234".into(),
    }
}

#[test]
fn nine_steps_numbered_in_order() {
    assert_eq!(EnrollmentStep::count(), 9);
    assert_eq!(EnrollmentStep::ProviderType.number(), 1);
    assert_eq!(EnrollmentStep::Backup.number(), 6);
    assert_eq!(EnrollmentStep::Sign.number(), 9);
    assert_eq!(
        EnrollmentStep::ProviderType.next(),
        Some(EnrollmentStep::Identity)
    );
    assert_eq!(EnrollmentStep::Sign.next(), None);
    assert_eq!(EnrollmentStep::Review.title(), "Check your answers");
}

#[test]
fn a_complete_application_passes() {
    assert_eq!(
        validate_enrollment(&organization(), APPLICANT, &signed()),
        vec![]
    );
}

#[test]
fn each_step_asks_for_what_it_collects() {
    let empty = EnrollmentDraft::default();
    assert_eq!(
        step_fields(EnrollmentStep::ProviderType, &empty),
        vec![("provider_type", None)]
    );
    assert_eq!(
        step_fields(EnrollmentStep::Identity, &empty),
        vec![
            ("name", None),
            ("provider_id", None),
            ("address.street", None),
            ("address.city", None),
            ("address.state", None),
            ("address.zip", None),
        ]
    );
    assert_eq!(
        step_fields(EnrollmentStep::Programs, &empty),
        vec![("programs", None)]
    );
}

#[test]
fn the_id_message_names_only_what_its_box_asks_for() {
    let message = |kind: RecordKind, typed: &str| {
        let draft = EnrollmentDraft {
            provider_type: Some(kind),
            provider_id: typed.into(),
            ..organization()
        };
        validate_enrollment_step(EnrollmentStep::Identity, &draft, APPLICANT)[0]
            .message
            .clone()
    };
    // The box is labelled "NPI": nothing about Atypical IDs.
    for typed in ["", "12-34", "ATYP000999"] {
        let said = message(RecordKind::Organization, typed);
        assert_eq!(said, "Enter the provider's 10-digit NPI", "{typed:?}");
    }
    assert!(message(RecordKind::Atypical, "").starts_with("Enter the provider's Atypical ID"));
}

#[test]
fn identity_checks_the_npi_check_digit_and_the_id_kind() {
    let mut draft = organization();
    draft.provider_id = "1234567890".into();
    let errors = validate_enrollment_step(EnrollmentStep::Identity, &draft, APPLICANT);
    assert_eq!(refused_fields(&errors), vec![("provider_id", None)]);
    assert!(errors[0].message.contains("check digit"));

    draft.provider_id = "ATYP000999".into();
    assert_eq!(
        step_fields(EnrollmentStep::Identity, &draft),
        vec![("provider_id", None)]
    );
    draft.provider_type = Some(RecordKind::Atypical);
    assert_eq!(
        validate_enrollment_step(EnrollmentStep::Identity, &draft, APPLICANT),
        vec![]
    );
    draft.provider_id = "1234567893".into();
    assert_eq!(
        step_fields(EnrollmentStep::Identity, &draft),
        vec![("provider_id", None)]
    );
}

#[test]
fn zip_codes_take_five_digits_or_zip_plus_four() {
    assert!(zip_is_valid("27601"));
    assert!(zip_is_valid("27601-1234"));
    assert!(!zip_is_valid("2760"));
    assert!(!zip_is_valid("27601-12"));
    assert!(!zip_is_valid("ABCDE"));
}

#[test]
fn billing_agents_list_nobody_and_have_no_backup() {
    // R-BOA-9
    let mut draft = organization();
    draft.provider_type = Some(RecordKind::BillingAgent);
    assert_eq!(
        step_fields(EnrollmentStep::People, &draft),
        vec![("people", Some(Rule::Boa9))]
    );
    assert_eq!(
        step_fields(EnrollmentStep::Backup, &draft),
        vec![("backup", Some(Rule::Boa9))]
    );
    draft.people.clear();
    draft.backup = None;
    assert_eq!(validate_enrollment(&draft, APPLICANT, &signed()), vec![]);
}

#[test]
fn dmhddsus_only_applications_have_no_backup() {
    // R-BOA-10
    let mut draft = organization();
    draft.programs = vec![Program::Dmhddsus];
    assert_eq!(
        step_fields(EnrollmentStep::Backup, &draft),
        vec![("backup", Some(Rule::Boa10))]
    );
    draft.programs = vec![Program::Dmhddsus, Program::Medicaid];
    assert_eq!(
        validate_enrollment_step(EnrollmentStep::Backup, &draft, APPLICANT),
        vec![]
    );
}

#[test]
fn the_backup_is_an_eligible_listed_person() {
    // R-BOA-5 with R-BOA-2
    let mut draft = organization();
    draft.backup = Some("stranger9".into());
    assert_eq!(
        step_fields(EnrollmentStep::Backup, &draft),
        vec![("backup", Some(Rule::Boa5))]
    );
    draft.backup = Some(APPLICANT.to_uppercase());
    assert_eq!(
        step_fields(EnrollmentStep::Backup, &draft),
        vec![("backup", Some(Rule::Boa2))]
    );
    draft.backup = Some("powner2".into());
    draft.people[1].adverse_findings = Some(true);
    let errors = validate_enrollment_step(EnrollmentStep::Backup, &draft, APPLICANT);
    assert_eq!(refused_fields(&errors), vec![("backup", Some(Rule::Boa2))]);
    assert!(errors[0].message.contains("adverse findings"));
}

#[test]
fn candidates_are_the_listed_people_with_an_ncid_and_say_why_not() {
    let mut draft = organization();
    draft.people[1].adverse_findings = Some(true);
    let candidates = draft.backup_candidates(APPLICANT);
    assert_eq!(
        candidates
            .iter()
            .map(|c| (c.ncid.as_str(), c.ineligible.clone()))
            .collect::<Vec<_>>(),
        vec![
            (APPLICANT, Some(Ineligibility::IsPrimaryOa)),
            ("powner2", Some(Ineligibility::AdverseFindings)),
        ]
    );
}

#[test]
fn people_need_names_answers_and_distinct_ncids() {
    let mut draft = organization();
    draft.people.push(ListedPerson {
        name: " ".into(),
        relationship: Relationship::Provider,
        ncid: Some("POWNER2".into()),
        adverse_findings: None,
    });
    let messages: Vec<String> = validate_enrollment_step(EnrollmentStep::People, &draft, APPLICANT)
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages.iter().all(|m| m.starts_with("Person 4")));
    assert!(messages.iter().any(|m| m.contains("already listed")));
    assert!(messages.iter().any(|m| m.contains("adverse findings")));
    // Each at the person's own field.
    assert_eq!(
        step_fields(EnrollmentStep::People, &draft),
        [
            ("people.3.name", None),
            ("people.3.relationship", None),
            ("people.3.ncid", None),
            ("people.3.adverse_findings", Some(Rule::Boa2)),
        ]
    );
}

#[test]
fn individual_providers_list_themselves_once() {
    let mut draft = organization();
    draft.provider_type = Some(RecordKind::Individual);
    assert_eq!(
        step_fields(EnrollmentStep::People, &draft),
        vec![("people", None)]
    );
    draft.people[0].relationship = Relationship::Provider;
    assert_eq!(
        validate_enrollment_step(EnrollmentStep::People, &draft, APPLICANT),
        vec![]
    );
}

#[test]
fn a_yes_needs_an_explanation_and_signing_needs_the_pin() {
    // R-OA-3, R-AUTH-4
    let mut draft = organization();
    draft.exclusion.sanctioned = Some(true);
    let unsigned = SubmitRequest {
        attestation: false,
        pin: " ".into(),
    };
    assert_eq!(
        refused_fields(&validate_enrollment(&draft, APPLICANT, &unsigned)),
        vec![
            ("exclusion.explanation", Some(Rule::Oa3)),
            ("attestation", Some(Rule::Auth4)),
            ("pin", Some(Rule::Auth4)),
        ]
    );
}

#[test]
fn only_the_primary_signs() {
    // R-BOA-5
    assert!(EnrollmentRole::Primary.may_sign());
    assert!(!EnrollmentRole::NamedBackup.may_sign());
}
