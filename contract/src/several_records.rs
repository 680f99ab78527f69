//! One backup OA for several records (R-MANY-1..3): the person is judged for each record on its
//! own, and each record still gets its own OA Change Request (R-BOA-7), which keeps its primary
//! OA (R-MANY-2).

use crate::application::{
    check_exclusion, ApplicationId, ExclusionAnswers, FieldError, TrackingNumber,
};
use crate::date::CalendarDate;
use crate::oa_change::RecordFacts;
use crate::records::{backup_availability, backup_eligibility};
use crate::Rule;
use serde::{Deserialize, Serialize};

/// `POST /api/oa-change/several/judgement`: may `ncid` be named backup OA of each of
/// `records` (NPIs or Atypical IDs where the caller is active primary or backup OA)?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeBackup {
    pub ncid: String,
    pub records: Vec<String>,
}

/// The most records one judgement or one prepared set covers: a hundred OA Change Requests
/// signed at once is already more than anyone reviews in a sitting.
pub const MAX_RECORDS: usize = 100;

/// What naming the person would do on one record (R-MANY-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The person can be named backup OA here.
    Eligible,
    /// The person already is: nothing to change (R-BOA-1).
    AlreadyBackup,
    /// The person cannot be named here: the rule and the reason, in the user's words.
    Ineligible { rule: Rule, reason: String },
}

/// One record of a judgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordVerdict {
    pub record_id: String,
    pub record_name: String,
    pub verdict: Verdict,
}

/// R-MANY-1: may `ncid` be named backup OA of the record `facts` describes, in a request that
/// keeps its primary OA (R-MANY-2)? R-BOA-9 and R-BOA-10 (no backup at all), R-BOA-2 (a listed
/// MR user with an NCID, an active listing and no adverse findings, not the primary OA).
pub fn judge_backup(facts: &RecordFacts, ncid: &str) -> Verdict {
    let ncid = ncid.trim();
    if let Err(why) = backup_availability(facts.kind, facts.programs) {
        return Verdict::Ineligible {
            rule: why.rule(),
            reason: why.to_string(),
        };
    }
    if facts
        .backup_oa
        .is_some_and(|backup| backup.eq_ignore_ascii_case(ncid))
    {
        return Verdict::AlreadyBackup;
    }
    let listed = facts.listed.iter().find(|listed| {
        listed
            .ncid
            .as_deref()
            .is_some_and(|listed| listed.eq_ignore_ascii_case(ncid))
    });
    let Some(listed) = listed else {
        return Verdict::Ineligible {
            rule: Rule::Boa2,
            reason: "Is not listed on this record as an owner or managing employee".into(),
        };
    };
    match backup_eligibility(facts.kind, facts.programs, listed, facts.primary_oa, None) {
        Ok(()) => Verdict::Eligible,
        Err(why) => Verdict::Ineligible {
            rule: Rule::Boa2,
            reason: why.explanation(),
        },
    }
}

/// The steps of preparing a set, in order; a saved set remembers the last one completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SetStep {
    Records,
    Backup,
    Exclusion,
    Review,
}

/// One record of a prepared set, with its own exclusion and sanction answers (R-MANY-2, R-OA-3:
/// each record's managing employees differ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordAnswers {
    pub record_id: String,
    #[serde(default)]
    pub exclusion: ExclusionAnswers,
}

/// What the user has prepared: the records and the one person to name backup OA of each.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeveralRecordsDraft {
    pub records: Vec<RecordAnswers>,
    #[serde(default)]
    pub backup_ncid: String,
}

/// `PUT /api/oa-change/several`: saved on every Continue; `step` is the step just completed,
/// checked together with every step before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveSet {
    pub step: SetStep,
    pub draft: SeveralRecordsDraft,
}

/// The caller's prepared set as the server keeps it (`GET /api/oa-change/several`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetView {
    pub step: SetStep,
    pub draft: SeveralRecordsDraft,
    pub updated: CalendarDate,
    /// Once submitted: what became of each record (R-MANY-3), so a reload shows it again.
    #[serde(default)]
    pub outcomes: Option<Vec<RecordOutcome>>,
}

/// What a submission did for one record (R-MANY-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordOutcome {
    pub record_id: String,
    pub record_name: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Its own OA Change Request, submitted whole.
    Filed {
        id: ApplicationId,
        tracking_number: TrackingNumber,
    },
    /// Not filed, and why (an open request already exists, R-OA-5; the person is no longer
    /// eligible, R-BOA-2), in the user's words.
    NotFiled { rule: Option<Rule>, reason: String },
}

/// The checks of the set's steps up to and including `last` that need no record's facts: the
/// records (`check_records`), a person, and every record's answers (R-OA-3), under
/// `records.N.exclusion.*`.
pub fn validate_set(last: SetStep, draft: &SeveralRecordsDraft) -> Vec<FieldError> {
    let ids: Vec<&str> = draft.records.iter().map(|r| r.record_id.as_str()).collect();
    let mut errors: Vec<FieldError> = check_records(&ids).into_iter().collect();
    if last >= SetStep::Backup {
        errors.extend(check_person(&draft.backup_ncid, "backup_ncid"));
    }
    if last >= SetStep::Exclusion {
        for (index, record) in draft.records.iter().enumerate() {
            let mut answers = Vec::new();
            check_exclusion(&record.exclusion, &mut answers);
            errors.extend(answers.into_iter().map(|error| FieldError {
                field: format!("records.{index}.{}", error.field).into(),
                ..error
            }));
        }
    }
    errors
}

/// What a judgement asks must name a person and the records, as a set does.
pub fn validate_judgement(asked: &JudgeBackup) -> Vec<FieldError> {
    let ids: Vec<&str> = asked.records.iter().map(String::as_str).collect();
    check_person(&asked.ncid, "ncid")
        .into_iter()
        .chain(check_records(&ids))
        .collect()
}

/// R-MANY-1: at least one record and at most `MAX_RECORDS`, each once.
fn check_records(ids: &[&str]) -> Option<FieldError> {
    let mut distinct: Vec<String> = ids
        .iter()
        .map(|id| id.trim().to_ascii_uppercase())
        .collect();
    distinct.sort();
    distinct.dedup();
    let message = if ids.is_empty() {
        "Select at least one provider record".to_owned()
    } else if ids.len() > MAX_RECORDS {
        format!("Select at most {MAX_RECORDS} provider records at once")
    } else if distinct.len() != ids.len() {
        "Select each provider record once".to_owned()
    } else {
        return None;
    };
    Some(FieldError::new("records", message, Some(Rule::Many1)))
}

/// R-MANY-1: one person, by NCID.
fn check_person(ncid: &str, field: &'static str) -> Option<FieldError> {
    ncid.trim().is_empty().then(|| {
        FieldError::new(
            field,
            "Enter the NCID of the person to name backup OA",
            Some(Rule::Many1),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{ManagingRelationship, Program, RecordKind, Relationship};

    fn listed(name: &str, ncid: &str, adverse_findings: bool) -> ManagingRelationship {
        ManagingRelationship {
            name: name.into(),
            relationship: Relationship::ManagingEmployee,
            ncid: Some(ncid.into()),
            adverse_findings,
            active: true,
        }
    }

    fn facts<'a>(
        kind: RecordKind,
        programs: &'a [Program],
        listed: &'a [ManagingRelationship],
        backup: Option<&'a str>,
    ) -> RecordFacts<'a> {
        RecordFacts {
            kind,
            programs,
            primary_oa: Some("javery1"),
            backup_oa: backup,
            listed,
            applicant: "javery1",
        }
    }

    const MEDICAID: &[Program] = &[Program::Medicaid];

    #[test]
    fn each_record_judges_the_person_on_its_own() {
        let people = [
            listed("Jordan Avery", "javery1", false),
            listed("Casey Lin", "clin2", false),
            listed("Morgan Reyes", "mreyes3", true),
        ];
        let organization = facts(RecordKind::Organization, MEDICAID, &people, None);
        assert_eq!(judge_backup(&organization, " CLIN2 "), Verdict::Eligible);
        assert_eq!(
            judge_backup(&organization, "mreyes3"),
            Verdict::Ineligible {
                rule: Rule::Boa2,
                reason: "Has adverse findings".into()
            }
        );
        assert_eq!(
            judge_backup(&organization, "javery1"),
            Verdict::Ineligible {
                rule: Rule::Boa2,
                reason: "Is the record's primary OA".into()
            }
        );
        assert!(matches!(
            judge_backup(&organization, "nobody9"),
            Verdict::Ineligible { rule: Rule::Boa2, reason } if reason.contains("not listed")
        ));
        let with_her = facts(RecordKind::Organization, MEDICAID, &people, Some("clin2"));
        assert_eq!(judge_backup(&with_her, "clin2"), Verdict::AlreadyBackup);
    }

    #[test]
    fn a_set_needs_records_once_a_person_and_each_records_own_answers() {
        let mut draft = SeveralRecordsDraft::default();
        assert_eq!(validate_set(SetStep::Records, &draft)[0].field, "records");
        draft.records = ["2044707588", "2044707588 "]
            .map(|id| RecordAnswers {
                record_id: id.into(),
                exclusion: ExclusionAnswers::default(),
            })
            .to_vec();
        assert_eq!(validate_set(SetStep::Records, &draft)[0].field, "records");
        draft.records[1].record_id = "2137914794".into();
        assert!(validate_set(SetStep::Records, &draft).is_empty());
        assert_eq!(
            validate_set(SetStep::Backup, &draft)[0].field,
            "backup_ncid"
        );
        draft.backup_ncid = "clin2".into();
        draft.records[0].exclusion = ExclusionAnswers::no_to_every_question();
        let fields: Vec<String> = validate_set(SetStep::Review, &draft)
            .into_iter()
            .map(|error| error.field.into_owned())
            .collect();
        assert_eq!(
            fields,
            [
                "records.1.exclusion.excluded",
                "records.1.exclusion.sanctioned",
                "records.1.exclusion.convicted"
            ]
        );
    }

    #[test]
    fn records_without_a_backup_option_say_which_rule() {
        let people = [listed("Casey Lin", "clin2", false)];
        let agent = facts(RecordKind::BillingAgent, MEDICAID, &people, None);
        assert!(matches!(
            judge_backup(&agent, "clin2"),
            Verdict::Ineligible {
                rule: Rule::Boa9,
                ..
            }
        ));
        let dmhddsus = facts(
            RecordKind::Organization,
            &[Program::Dmhddsus],
            &people,
            None,
        );
        assert!(matches!(
            judge_backup(&dmhddsus, "clin2"),
            Verdict::Ineligible {
                rule: Rule::Boa10,
                ..
            }
        ));
    }
}
