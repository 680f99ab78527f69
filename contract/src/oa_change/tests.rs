use super::*;
use crate::application::refused_fields as rules;

fn person(name: &str, relationship: Relationship, ncid: &str) -> ManagingRelationship {
    ManagingRelationship {
        name: name.into(),
        relationship,
        ncid: Some(ncid.into()),
        adverse_findings: false,
        active: true,
    }
}

/// Avery Family Practice, PLLC as the demo data has it.
fn avery_listed() -> Vec<ManagingRelationship> {
    let mut morgan = person("Morgan Reyes", Relationship::ManagingEmployee, "mreyes3");
    morgan.adverse_findings = true;
    vec![
        person("Jordan Avery", Relationship::Owner, "javery1"),
        person("Casey Lin", Relationship::ManagingEmployee, "clin2"),
        morgan,
    ]
}

const MEDICAID: &[Program] = &[Program::Medicaid];

fn facts<'a>(listed: &'a [ManagingRelationship], backup: Option<&'a str>) -> RecordFacts<'a> {
    RecordFacts {
        kind: RecordKind::Organization,
        programs: MEDICAID,
        primary_oa: Some("javery1"),
        backup_oa: backup,
        listed,
        applicant: "javery1",
    }
}

fn assign(ncid: &str) -> OaChangeDraft {
    OaChangeDraft {
        backup: BackupChoice::Assign { ncid: ncid.into() },
        ..OaChangeDraft::default()
    }
}

#[test]
fn steps_are_numbered_from_one_of_seven() {
    assert_eq!(Step::Record.number(), 1);
    assert_eq!(Step::Backup.number(), 3);
    assert_eq!(Step::Sign.number(), 7);
    assert_eq!(Step::count(), 7);
}

#[test]
fn at_least_one_change_is_requested() {
    let listed = avery_listed();
    let errors = validate_step(
        Step::Backup,
        &OaChangeDraft::default(),
        &facts(&listed, None),
    );
    assert_eq!(rules(&errors), [("backup", None)]);
    let new_primary = OaChangeDraft {
        primary: PrimaryChoice::New {
            ncid: "clin2".into(),
        },
        ..OaChangeDraft::default()
    };
    assert!(validate_step(Step::Backup, &new_primary, &facts(&listed, None)).is_empty());
}

#[test]
fn an_eligible_mr_user_may_be_assigned_backup() {
    let listed = avery_listed();
    assert!(validate_step(Step::Backup, &assign("CLIN2"), &facts(&listed, None)).is_empty());
}

#[test]
fn an_ineligible_or_unlisted_backup_is_refused_with_r_boa_2() {
    let listed = avery_listed();
    for ncid in ["mreyes3", "javery1", "nobody9"] {
        let errors = validate_step(Step::Backup, &assign(ncid), &facts(&listed, None));
        assert_eq!(rules(&errors), [("backup", Some(Rule::Boa2))], "{ncid}");
    }
    let errors = validate_step(Step::Backup, &assign("mreyes3"), &facts(&listed, None));
    assert!(errors[0].message.contains("adverse findings"));
}

#[test]
fn the_new_primary_cannot_also_be_the_backup() {
    let listed = avery_listed();
    let draft = OaChangeDraft {
        primary: PrimaryChoice::New {
            ncid: "clin2".into(),
        },
        backup: BackupChoice::Assign {
            ncid: "clin2".into(),
        },
        ..OaChangeDraft::default()
    };
    let errors = validate_step(Step::Backup, &draft, &facts(&listed, None));
    assert_eq!(rules(&errors), [("backup", Some(Rule::Boa2))]);
}

#[test]
fn assigning_the_current_backup_or_removing_none_is_refused_with_r_boa_1() {
    let listed = avery_listed();
    let again = validate_step(
        Step::Backup,
        &assign("clin2"),
        &facts(&listed, Some("clin2")),
    );
    assert_eq!(rules(&again), [("backup", Some(Rule::Boa1))]);
    let remove = OaChangeDraft {
        backup: BackupChoice::Remove,
        ..OaChangeDraft::default()
    };
    let none = validate_step(Step::Backup, &remove, &facts(&listed, None));
    assert_eq!(rules(&none), [("backup", Some(Rule::Boa1))]);
    assert!(validate_step(Step::Backup, &remove, &facts(&listed, Some("clin2"))).is_empty());
}

#[test]
fn billing_agent_and_dmhddsus_only_records_offer_no_backup() {
    let listed = avery_listed();
    let billing = RecordFacts {
        kind: RecordKind::BillingAgent,
        ..facts(&listed, None)
    };
    let errors = validate_step(Step::Backup, &assign("clin2"), &billing);
    assert_eq!(rules(&errors), [("backup", Some(Rule::Boa9))]);
    let dmhddsus = RecordFacts {
        programs: &[Program::Dmhddsus],
        ..facts(&listed, None)
    };
    let errors = validate_step(Step::Backup, &assign("clin2"), &dmhddsus);
    assert_eq!(rules(&errors), [("backup", Some(Rule::Boa10))]);
}

#[test]
fn the_new_primary_must_be_eligible_under_r_oa_1() {
    let mut listed = avery_listed();
    let mut dana = person("Dana Whitfield", Relationship::ManagingEmployee, "dwhit5");
    dana.active = false;
    listed.push(dana);
    let named = |ncid: &str| OaChangeDraft {
        primary: PrimaryChoice::New { ncid: ncid.into() },
        ..OaChangeDraft::default()
    };
    let facts = facts(&listed, None);
    assert!(validate_step(Step::OfficeAdministrator, &named("clin2"), &facts).is_empty());
    for ncid in ["dwhit5", "nobody9", "javery1"] {
        let errors = validate_step(Step::OfficeAdministrator, &named(ncid), &facts);
        assert_eq!(rules(&errors), [("primary", Some(Rule::Oa1))], "{ncid}");
    }
    // A billing agent record's new primary is the applicant (R-OA-1 with R-OA-2).
    let billing = RecordFacts {
        kind: RecordKind::BillingAgent,
        primary_oa: Some("ghart7"),
        listed: &[],
        ..facts
    };
    assert!(validate_step(Step::OfficeAdministrator, &named("javery1"), &billing).is_empty());
    let errors = validate_step(Step::OfficeAdministrator, &named("clin2"), &billing);
    assert_eq!(rules(&errors), [("primary", Some(Rule::Oa1))]);
}

#[test]
fn continued_access_is_required_when_the_primary_changes() {
    let listed = avery_listed();
    let facts = facts(&listed, None);
    let mut draft = OaChangeDraft {
        primary: PrimaryChoice::New {
            ncid: "clin2".into(),
        },
        ..OaChangeDraft::default()
    };
    let errors = validate_step(Step::ContinuedAccess, &draft, &facts);
    assert_eq!(rules(&errors), [("continued_access", Some(Rule::Oa4))]);
    draft.continued_access = Some(false);
    assert!(validate_step(Step::ContinuedAccess, &draft, &facts).is_empty());
    assert!(validate_step(Step::ContinuedAccess, &assign("clin2"), &facts).is_empty());
}

#[test]
fn exclusion_questions_are_answered_and_a_yes_needs_an_explanation() {
    let listed = avery_listed();
    let facts = facts(&listed, None);
    let mut draft = assign("clin2");
    let errors = validate_step(Step::Exclusion, &draft, &facts);
    assert_eq!(errors.len(), 3);
    assert!(errors.iter().all(|error| error.rule == Some(Rule::Oa3)));
    draft.exclusion = ExclusionAnswers {
        excluded: Some(false),
        sanctioned: Some(true),
        convicted: Some(false),
        explanation: None,
    };
    let errors = validate_step(Step::Exclusion, &draft, &facts);
    assert_eq!(rules(&errors), [("exclusion.explanation", Some(Rule::Oa3))]);
    draft.exclusion.explanation = Some(7);
    assert!(validate_step(Step::Exclusion, &draft, &facts).is_empty());
}

#[test]
fn a_request_is_signed_with_attestation_and_pin() {
    let listed = avery_listed();
    let facts = facts(&listed, None);
    let mut draft = assign("clin2");
    draft.exclusion = ExclusionAnswers::no_to_every_question();
    let unsigned = SubmitRequest {
        attestation: false,
        pin: " ".into(),
    };
    let errors = validate_request(&draft, &facts, &unsigned);
    assert_eq!(
        rules(&errors),
        [
            ("attestation", Some(Rule::Auth4)),
            ("pin", Some(Rule::Auth4))
        ]
    );
    let signed = SubmitRequest {
        attestation: true,
        pin: "8588".into(),
    };
    assert!(validate_request(&draft, &facts, &signed).is_empty());
    // Every earlier step is checked again at submission.
    let errors = validate_request(&OaChangeDraft::default(), &facts, &signed);
    assert!(errors.iter().any(|error| error.field == "backup"));
}

#[test]
fn candidates_carry_both_eligibilities() {
    let listed = avery_listed();
    let candidates = facts(&listed, None).candidates(None);
    let casey = &candidates[1];
    assert_eq!(
        (casey.as_backup.clone(), casey.as_new_primary.clone()),
        (None, None)
    );
    assert_eq!(
        candidates[2].as_backup,
        Some(Ineligibility::AdverseFindings)
    );
    assert_eq!(candidates[0].as_backup, Some(Ineligibility::IsPrimaryOa));
}

#[test]
fn a_request_is_filed_under_exactly_one_record() {
    // R-BOA-7
    assert_eq!(
        request_record(" 1234567893 "),
        Ok(ProviderId::Npi("1234567893".into()))
    );
    assert_eq!(
        request_record("atyp000123"),
        Ok(ProviderId::Atypical("ATYP000123".into()))
    );
    for several in ["1234567893,ATYP000123", "1234567893 1234567893", "A1; B2"] {
        let refused = request_record(several).unwrap_err();
        assert_eq!(
            (refused.field.as_ref(), refused.rule),
            ("record", Some(Rule::Boa7))
        );
    }
    let wrong_digit = request_record("1234567890").unwrap_err();
    assert_eq!(
        (wrong_digit.field.as_ref(), wrong_digit.rule),
        ("record", None)
    );
    assert!(wrong_digit.message.contains("check digit"));
}

#[test]
fn the_primary_and_the_backup_sign_alike_and_others_prove_the_code() {
    // R-OA-2 with R-BOA-3
    for oa in [Standing::PrimaryOa, Standing::BackupOa] {
        assert!(may_sign(Some(oa), false), "{oa:?}");
    }
    assert!(!may_sign(Some(Standing::MrUser), false));
    assert!(!may_sign(None, false));
    assert!(may_sign(Some(Standing::MrUser), true));
    assert!(may_sign(None, true));
}

#[test]
fn each_exclusion_question_says_what_it_asks_when_unanswered() {
    let listed = avery_listed();
    let errors = validate_step(
        Step::Exclusion,
        &OaChangeDraft::default(),
        &facts(&listed, None),
    );
    let messages: Vec<&str> = errors.iter().map(|error| error.message.as_str()).collect();
    assert_eq!(messages.len(), 3);
    assert!(messages[0].contains("excluded from Medicare, Medicaid"));
    assert!(messages[1].contains("license, certification or registration"));
    assert!(messages[2].contains("convicted"));
    assert!(messages
        .iter()
        .all(|message| message.starts_with("Select yes if")));
}

#[test]
fn a_record_without_an_active_primary_may_change_only_its_backup() {
    // R-BOA-8: nobody is promoted; a request may still leave the primary unnamed.
    let listed = avery_listed();
    let without_primary = RecordFacts {
        primary_oa: None,
        ..facts(&listed, None)
    };
    assert!(validate_step(
        Step::OfficeAdministrator,
        &assign("clin2"),
        &without_primary
    )
    .is_empty());
    assert!(validate_step(Step::Backup, &assign("clin2"), &without_primary).is_empty());
}

#[test]
fn continue_and_back_pass_over_continued_access_while_the_primary_stays() {
    let keeping = OaChangeDraft::default();
    assert_eq!(Step::Backup.next_for(&keeping), Some(Step::Exclusion));
    assert_eq!(Step::Exclusion.previous_for(&keeping), Some(Step::Backup));
    assert!(!Step::ContinuedAccess.applies(&keeping));
    let changing = OaChangeDraft {
        primary: PrimaryChoice::New {
            ncid: "clin2".into(),
        },
        ..OaChangeDraft::default()
    };
    assert_eq!(
        Step::Backup.next_for(&changing),
        Some(Step::ContinuedAccess)
    );
    assert_eq!(
        Step::Exclusion.previous_for(&changing),
        Some(Step::ContinuedAccess)
    );
    assert_eq!(Step::Record.previous_for(&changing), None);
    assert_eq!(Step::Sign.next_for(&changing), None);
}
