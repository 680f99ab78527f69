//! The OA Change Request (R-BOA-1..10, R-OA-1..7): its seven steps, the wizard's draft, what the
//! record shows about who may take each OA role, and the validation that the client runs on
//! Continue and the server runs again before it saves or accepts anything. The lifecycle it
//! shares with the enrollment application lives in [`crate::application`].

use crate::application::{
    self, check_exclusion, ApplicationId, AttachmentInfo, ExclusionAnswers, FieldError,
    RequestStatus, Steps, SubmitRequest, TrackingNumber,
};
use crate::date::CalendarDate;
use crate::records::{
    backup_availability, backup_eligibility, new_primary_eligibility, BackupUnavailable,
    Ineligibility, ManagingRelationship, OfficeAdministrator, Program, RecordKind, Relationship,
    Standing,
};
use crate::Rule;
use serde::{Deserialize, Serialize};

/// The steps of the wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Record,
    OfficeAdministrator,
    Backup,
    ContinuedAccess,
    Exclusion,
    Review,
    Sign,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Self::Record,
        Self::OfficeAdministrator,
        Self::Backup,
        Self::ContinuedAccess,
        Self::Exclusion,
        Self::Review,
        Self::Sign,
    ];
}

impl Steps for Step {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn title(self) -> &'static str {
        match self {
            Self::Record => "Provider record",
            Self::OfficeAdministrator => "Office Administrator",
            Self::Backup => "Backup OA",
            Self::ContinuedAccess => "Continued access",
            Self::Exclusion => "Exclusion and sanction questions",
            Self::Review => "Check your answers",
            Self::Sign => "Sign and submit",
        }
    }
}

/// Step 2: keep the primary OA, or name a new one (R-OA-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum PrimaryChoice {
    #[default]
    Keep,
    New {
        ncid: String,
    },
}

/// Step 3: the backup OA (R-BOA-1: an assignment replaces the current backup).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum BackupChoice {
    #[default]
    NoChange,
    Assign {
        ncid: String,
    },
    Remove,
}

/// What the wizard has gathered for one record. The PIN is never part of it (R-AUTH-4).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OaChangeDraft {
    pub primary: PrimaryChoice,
    pub backup: BackupChoice,
    /// R-OA-4: asked only when the primary changes.
    pub continued_access: Option<bool>,
    pub exclusion: ExclusionAnswers,
}

impl OaChangeDraft {
    pub fn new_primary(&self) -> Option<&str> {
        match &self.primary {
            PrimaryChoice::Keep => None,
            PrimaryChoice::New { ncid } => Some(ncid),
        }
    }
}

/// `PUT /api/oa-change/drafts/{record_id}`: saved on every Continue; `step` is the step just
/// completed, validated together with every step before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveDraft {
    pub step: Step,
    pub draft: OaChangeDraft,
    /// R-OA-2: the record's Authorization Code, from an applicant who is not its primary or
    /// backup OA. Checked, never stored: the draft remembers only that it was proven.
    #[serde(default)]
    pub authorization_code: Option<String>,
}

/// A draft as the server keeps it for its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: ApplicationId,
    pub record_id: String,
    /// The last step completed, so resuming opens the next one.
    pub step: Step,
    pub draft: OaChangeDraft,
    pub updated: CalendarDate,
    /// Set when this is a request returned for correction (R-OA-6) rather than a draft: the
    /// wizard says so and shows why. Absent from older servers' answers.
    #[serde(default)]
    pub returned: Option<ReturnedRequest>,
}

/// A request returned for correction, as its applicant edits it: it keeps its tracking number,
/// and the reviewer's note says what to correct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnedRequest {
    pub tracking_number: TrackingNumber,
    pub note: Option<String>,
}

/// One line of My applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: ApplicationId,
    pub record_id: String,
    pub record_name: String,
    pub status: RequestStatus,
    pub tracking_number: Option<TrackingNumber>,
    pub updated: CalendarDate,
    pub submitted: Option<CalendarDate>,
}

/// An application opened read-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDetail {
    pub summary: ApplicationSummary,
    pub step: Step,
    pub draft: OaChangeDraft,
    /// R-OA-3: the explanation document the answers name, if any.
    #[serde(default)]
    pub attachment: Option<AttachmentInfo>,
    /// Operations' note on the last decision (R-OA-6): why a request was denied, or what to
    /// correct in a returned one. Absent from older servers' answers.
    #[serde(default)]
    pub decision_note: Option<String>,
}

/// `GET /api/oa-change/records`: a record step 1 offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickableRecord {
    pub id: String,
    pub name: String,
    pub standing: Standing,
}

/// A person listed on the record, with whether they may take each OA role and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    pub relationship: Relationship,
    pub ncid: Option<String>,
    /// R-BOA-2: `None` when eligible as backup OA.
    pub as_backup: Option<Ineligibility>,
    /// R-OA-1: `None` when eligible as new primary OA.
    pub as_new_primary: Option<Ineligibility>,
}

/// `GET /api/oa-change/records/{id}`: what steps 1–3 show about the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordOverview {
    pub id: String,
    pub name: String,
    pub kind: RecordKind,
    pub programs: Vec<Program>,
    pub primary_oa: Option<OfficeAdministrator>,
    /// R-BOA-8: false when the primary is end-dated or absent; shown as "No active primary OA
    /// since <date>" with `primary_oa.end_date`.
    pub has_active_primary_oa: bool,
    pub backup_oa: Option<OfficeAdministrator>,
    /// R-BOA-9, R-BOA-10: why the record has no backup option at all.
    pub backup_unavailable: Option<BackupUnavailable>,
    pub candidates: Vec<Candidate>,
    /// R-OA-2: the caller must give the Authorization Code before a draft is saved.
    pub needs_authorization_code: bool,
}

/// What the rules need to know about the record a request is for.
#[derive(Debug, Clone, Copy)]
pub struct RecordFacts<'a> {
    pub kind: RecordKind,
    pub programs: &'a [Program],
    /// The NCID of the active primary OA (R-BOA-8: none when end-dated).
    pub primary_oa: Option<&'a str>,
    pub backup_oa: Option<&'a str>,
    pub listed: &'a [ManagingRelationship],
    /// The signed-in applicant, who becomes the new primary of a billing agent record (R-OA-1).
    pub applicant: &'a str,
}

impl RecordFacts<'_> {
    fn listing(&self, ncid: &str) -> Option<&ManagingRelationship> {
        self.listed.iter().find(|listed| {
            listed
                .ncid
                .as_deref()
                .is_some_and(|listed| listed.eq_ignore_ascii_case(ncid))
        })
    }

    /// Each listed person with their eligibility for both roles, as step 2 and 3 show them.
    pub fn candidates(&self, new_primary: Option<&str>) -> Vec<Candidate> {
        self.listed
            .iter()
            .map(|listed| Candidate {
                name: listed.name.clone(),
                relationship: listed.relationship,
                ncid: listed.ncid.clone(),
                as_backup: backup_eligibility(
                    self.kind,
                    self.programs,
                    listed,
                    self.primary_oa,
                    new_primary,
                )
                .err(),
                as_new_primary: new_primary_eligibility(self.kind, listed).err(),
            })
            .collect()
    }
}

/// The checks of one step; an empty list means the step may be left with Continue.
pub fn validate_step(step: Step, draft: &OaChangeDraft, facts: &RecordFacts) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match step {
        // The record and the applicant's standing (R-OA-2) are checked where the record is read.
        Step::Record | Step::Review => {}
        Step::OfficeAdministrator => check_primary(draft, facts, &mut errors),
        Step::Backup => check_backup(draft, facts, &mut errors),
        Step::ContinuedAccess => {
            // R-OA-4
            if draft.new_primary().is_some() && draft.continued_access.is_none() {
                errors.push(FieldError::new(
                    "continued_access",
                    "Say whether the record's users keep their access under the new OA",
                    Some(Rule::Oa4),
                ));
            }
        }
        Step::Exclusion => check_exclusion(&draft.exclusion, &mut errors),
        Step::Sign => {}
    }
    errors
}

/// Every step up to and including `last`, in order.
pub fn validate_through(last: Step, draft: &OaChangeDraft, facts: &RecordFacts) -> Vec<FieldError> {
    application::validate_through(last, |step| validate_step(step, draft, facts))
}

/// The whole request before it is signed, and the signature itself (R-AUTH-4).
pub fn validate_request(
    draft: &OaChangeDraft,
    facts: &RecordFacts,
    submit: &SubmitRequest,
) -> Vec<FieldError> {
    application::validate_submission(submit, |step| validate_step(step, draft, facts))
}

/// R-OA-1
fn check_primary(draft: &OaChangeDraft, facts: &RecordFacts, errors: &mut Vec<FieldError>) {
    let Some(ncid) = draft.new_primary() else {
        return;
    };
    if facts
        .primary_oa
        .is_some_and(|primary| primary.eq_ignore_ascii_case(ncid))
    {
        errors.push(FieldError::new(
            "primary",
            "This person is already the primary OA: choose to keep the primary OA instead",
            Some(Rule::Oa1),
        ));
        return;
    }
    if facts.kind == RecordKind::BillingAgent {
        // R-OA-1: billing agent records list nobody; the applicant becomes the primary.
        if !ncid.eq_ignore_ascii_case(facts.applicant) {
            errors.push(FieldError::new(
                "primary",
                "On a billing agent record only you, the applicant, can be named the new primary OA",
                Some(Rule::Oa1),
            ));
        }
        return;
    }
    let message = match facts.listing(ncid) {
        None => Some("Choose a person listed on the record".to_owned()),
        Some(listed) => new_primary_eligibility(facts.kind, listed)
            .err()
            .map(|why| {
                format!(
                    "This person cannot be the new primary OA: {}",
                    why.explanation()
                )
            }),
    };
    if let Some(message) = message {
        errors.push(FieldError::new("primary", message, Some(Rule::Oa1)));
    }
}

/// R-BOA-1, R-BOA-2, R-BOA-9, R-BOA-10, and that the request changes something at all.
fn check_backup(draft: &OaChangeDraft, facts: &RecordFacts, errors: &mut Vec<FieldError>) {
    match &draft.backup {
        BackupChoice::NoChange => {
            if draft.new_primary().is_none() {
                errors.push(FieldError::new(
                    "backup",
                    "Choose a change: a new primary OA, or a new or removed backup OA",
                    None,
                ));
            }
        }
        BackupChoice::Remove => {
            if facts.backup_oa.is_none() {
                errors.push(FieldError::new(
                    "backup",
                    "The record has no backup OA to remove",
                    Some(Rule::Boa1),
                ));
            }
        }
        BackupChoice::Assign { ncid } => {
            if let Err(why) = backup_availability(facts.kind, facts.programs) {
                errors.push(FieldError::new("backup", why.to_string(), Some(why.rule())));
                return;
            }
            if facts
                .backup_oa
                .is_some_and(|backup| backup.eq_ignore_ascii_case(ncid))
            {
                errors.push(FieldError::new(
                    "backup",
                    "This person is already the backup OA",
                    Some(Rule::Boa1),
                ));
                return;
            }
            let message = match facts.listing(ncid) {
                None => Some("Choose a person listed on the record".to_owned()),
                Some(listed) => backup_eligibility(
                    facts.kind,
                    facts.programs,
                    listed,
                    facts.primary_oa,
                    draft.new_primary(),
                )
                .err()
                .map(|why| format!("This person cannot be the backup OA: {}", why.explanation())),
            };
            if let Some(message) = message {
                errors.push(FieldError::new("backup", message, Some(Rule::Boa2)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn rules(errors: &[FieldError]) -> Vec<(&'static str, Option<Rule>)> {
        errors
            .iter()
            .map(|error| (error.field, error.rule))
            .collect()
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
        draft.exclusion = ExclusionAnswers {
            excluded: Some(false),
            sanctioned: Some(false),
            convicted: Some(false),
            explanation: None,
        };
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
}
