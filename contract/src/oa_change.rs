//! The OA Change Request (R-BOA-1..10, R-OA-1..7): its seven steps, the wizard's draft, what the
//! record shows about who may take each OA role, and the validation that the client runs on
//! Continue and the server runs again before it saves or accepts anything. The lifecycle it
//! shares with the enrollment application lives in [`crate::application`].

use crate::application::{
    self, check_exclusion, ApplicationId, AttachmentInfo, ExclusionAnswers, FieldError,
    RequestStatus, SkippableSteps, Steps, SubmitRequest, TrackingNumber,
};
use crate::date::CalendarDate;
use crate::provider_id::ProviderId;
use crate::records::{
    backup_availability, backup_eligibility, new_primary_eligibility, BackupUnavailable,
    Ineligibility, ManagingRelationship, OfficeAdministrator, Program, RecordKind, Relationship,
    Standing,
};
use crate::Rule;
use serde::{Deserialize, Serialize};

/// The steps of the wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl SkippableSteps for Step {
    type Draft = OaChangeDraft;

    /// R-OA-4: the continued-access question is asked only when the primary changes.
    fn applies(self, draft: &OaChangeDraft) -> bool {
        self != Self::ContinuedAccess || draft.new_primary().is_some()
    }
}

/// Step 2: keep the primary OA, or name a new one (R-OA-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnedRequest {
    pub tracking_number: TrackingNumber,
    pub note: Option<String>,
}

/// One line of My applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickableRecord {
    pub id: String,
    pub name: String,
    pub standing: Standing,
}

/// A person listed on the record, with whether they may take each OA role and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
        self.listed
            .iter()
            .find(|listed| same_ncid(listed.ncid.as_deref(), ncid))
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

/// R-BOA-7: a request covers exactly one record, so what it is filed under names one NPI or
/// Atypical ID. A list of several is refused with the rule: each record needs its own request
/// (the several-records flow prepares them together, R-MANY-2).
pub fn request_record(id: &str) -> Result<ProviderId, FieldError> {
    let named = id
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .count();
    if named > 1 {
        return Err(FieldError::new(
            "record",
            "A request covers one record: choose one, and make a request for each of the others",
            Some(Rule::Boa7),
        ));
    }
    ProviderId::parse(id).map_err(|why| FieldError::new("record", why.to_string(), None))
}

/// R-OA-2 with R-BOA-3: who may save and sign a request for the record. Its primary and its
/// backup OA alike need no Authorization Code; anyone else must have proven the record's code.
pub fn may_sign(standing: Option<Standing>, code_proven: bool) -> bool {
    code_proven || standing.is_some_and(Standing::may_administer)
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

/// NCIDs are compared without regard to case, as people type them.
fn same_ncid(known: Option<&str>, ncid: &str) -> bool {
    known.is_some_and(|known| known.eq_ignore_ascii_case(ncid))
}

/// R-OA-1
fn check_primary(draft: &OaChangeDraft, facts: &RecordFacts, errors: &mut Vec<FieldError>) {
    // Naming no primary is allowed also when the record has none (R-BOA-8): a request may
    // change only the backup OA (R-MANY-2 files such requests for several records).
    let Some(ncid) = draft.new_primary() else {
        return;
    };
    if same_ncid(facts.primary_oa, ncid) {
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
            if same_ncid(facts.backup_oa, ncid) {
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
mod tests;
