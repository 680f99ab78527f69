//! One backup OA for several records (R-MANY-1..3): the person is judged for each record on its
//! own, and each record still gets its own OA Change Request (R-BOA-7), which keeps its primary
//! OA (R-MANY-2).

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
