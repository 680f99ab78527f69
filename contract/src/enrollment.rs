//! The initial enrollment application: nine steps in the wizard shape of the OA Change Request.
//! The applicant is the new record's primary OA and the only one who may sign and submit; the
//! backup OA is chosen among the owners and managing relationships the application lists
//! (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10, R-OA-3 and R-AUTH-4).

use crate::application::{
    self, check_exclusion, ApplicationId, EnrollmentTrackingNumber, ExclusionAnswers, FieldError,
    RequestStatus, Steps, SubmitRequest,
};
use crate::date::CalendarDate;
use crate::provider_id::{ProviderId, ProviderIdError};
use crate::records::{
    backup_availability, backup_eligibility, BackupUnavailable, Ineligibility,
    ManagingRelationship, Program, RecordKind, Relationship,
};
use crate::Rule;
use serde::{Deserialize, Serialize};

/// The most people one application lists; a real enrollment lists a handful.
pub const MAX_LISTED_PEOPLE: usize = 50;

/// The longest name or address line accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// The steps of the enrollment wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStep {
    ProviderType,
    Identity,
    Programs,
    People,
    OfficeAdministrator,
    Backup,
    Exclusion,
    Review,
    Sign,
}

impl EnrollmentStep {
    pub const ALL: [EnrollmentStep; 9] = [
        Self::ProviderType,
        Self::Identity,
        Self::Programs,
        Self::People,
        Self::OfficeAdministrator,
        Self::Backup,
        Self::Exclusion,
        Self::Review,
        Self::Sign,
    ];
}

impl Steps for EnrollmentStep {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn title(self) -> &'static str {
        match self {
            Self::ProviderType => "Provider type",
            Self::Identity => "Identity",
            Self::Programs => "Programs",
            Self::People => "Owners and managing relationships",
            Self::OfficeAdministrator => "Office Administrator",
            Self::Backup => "Backup OA",
            Self::Exclusion => "Exclusion and sanction questions",
            Self::Review => "Check your answers",
            Self::Sign => "Sign and submit",
        }
    }
}

/// Where the provider delivers services.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceAddress {
    pub street: String,
    pub city: String,
    /// Two-letter USPS state code.
    pub state: String,
    /// Five digits, or ZIP+4 as `12345-6789`.
    pub zip: String,
}

/// One owner, managing employee or (individual providers) the provider, as the applicant lists
/// them. The adverse-findings answer stays `None` until it is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListedPerson {
    pub name: String,
    pub relationship: Relationship,
    #[serde(default)]
    pub ncid: Option<String>,
    #[serde(default)]
    pub adverse_findings: Option<bool>,
}

impl ListedPerson {
    /// The listing as the record will hold it once approved: listed in the application means
    /// an active listing.
    pub fn as_relationship(&self) -> ManagingRelationship {
        ManagingRelationship {
            name: self.name.trim().to_owned(),
            relationship: self.relationship,
            ncid: self
                .ncid
                .as_deref()
                .map(str::trim)
                .filter(|ncid| !ncid.is_empty())
                .map(str::to_owned),
            adverse_findings: self.adverse_findings.unwrap_or(false),
            active: true,
        }
    }
}

/// What the enrollment wizard has gathered. The PIN is never part of it (R-AUTH-4).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollmentDraft {
    pub provider_type: Option<RecordKind>,
    #[serde(default)]
    pub name: String,
    /// An NPI (with its check digit) or, for atypical providers, an Atypical ID.
    #[serde(default)]
    pub provider_id: String,
    #[serde(default)]
    pub address: ServiceAddress,
    #[serde(default)]
    pub programs: Vec<Program>,
    #[serde(default)]
    pub people: Vec<ListedPerson>,
    /// R-BOA-5: the NCID of the listed person named backup OA, if any.
    #[serde(default)]
    pub backup: Option<String>,
    #[serde(default)]
    pub exclusion: ExclusionAnswers,
}

impl EnrollmentDraft {
    /// R-BOA-9, R-BOA-10: whether this application may name a backup OA at all, once its
    /// provider type and programs are known.
    pub fn backup_availability(&self) -> Result<(), BackupUnavailable> {
        backup_availability(
            self.provider_type.unwrap_or(RecordKind::Organization),
            &self.programs,
        )
    }

    /// Every listed person with an NCID, and why each may not be the backup OA (R-BOA-2).
    /// `applicant` is the primary OA the application makes.
    pub fn backup_candidates(&self, applicant: &str) -> Vec<BackupCandidate> {
        let kind = self.provider_type.unwrap_or(RecordKind::Organization);
        self.people
            .iter()
            .map(ListedPerson::as_relationship)
            .filter_map(|listed| {
                let ncid = listed.ncid.clone()?;
                Some(BackupCandidate {
                    ineligible: backup_eligibility(
                        kind,
                        &self.programs,
                        &listed,
                        Some(applicant),
                        None,
                    )
                    .err(),
                    name: listed.name,
                    ncid,
                    relationship: listed.relationship,
                })
            })
            .collect()
    }
}

/// A listed person offered in the Backup OA step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BackupCandidate {
    pub name: String,
    pub ncid: String,
    pub relationship: Relationship,
    /// `None` when the person may be the backup OA.
    pub ineligible: Option<Ineligibility>,
}

/// `PUT /api/enrollments/{id}`: saved on every Continue; `step` is the step just completed,
/// validated together with every step before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveEnrollment {
    pub step: EnrollmentStep,
    pub draft: EnrollmentDraft,
}

/// How the signed-in user stands towards an enrollment application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentRole {
    /// The applicant: the primary OA, who edits, signs and submits (R-BOA-5).
    Primary,
    /// The person named backup OA: may read the application, never sign it (R-BOA-5).
    NamedBackup,
}

impl EnrollmentRole {
    pub fn may_sign(self) -> bool {
        self == Self::Primary
    }
}

/// An enrollment application as its primary or its named backup OA sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollmentView {
    pub id: ApplicationId,
    pub status: RequestStatus,
    /// The last step completed, so resuming opens the next one; `None` for a new application.
    pub step: Option<EnrollmentStep>,
    pub draft: EnrollmentDraft,
    pub applicant_ncid: String,
    pub applicant_name: String,
    pub role: EnrollmentRole,
    pub tracking_number: Option<EnrollmentTrackingNumber>,
    pub updated: CalendarDate,
    pub submitted: Option<CalendarDate>,
    /// Operations' note when the application was returned or denied.
    #[serde(default)]
    pub decision_note: Option<String>,
}

/// The checks of one step; an empty list means the step may be left with Continue.
pub fn validate_enrollment_step(
    step: EnrollmentStep,
    draft: &EnrollmentDraft,
    applicant: &str,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match step {
        EnrollmentStep::ProviderType => errors.extend(required(
            draft.provider_type.is_none(),
            "provider_type",
            "Choose the provider type",
        )),
        EnrollmentStep::Identity => check_identity(draft, &mut errors),
        EnrollmentStep::Programs => errors.extend(required(
            draft.programs.is_empty(),
            "programs",
            "Choose NC Medicaid, DMHDDSUS or both",
        )),
        EnrollmentStep::People => check_people(draft, &mut errors),
        // The applicant is the primary OA (R-BOA-5): nothing to choose.
        EnrollmentStep::OfficeAdministrator | EnrollmentStep::Review | EnrollmentStep::Sign => {}
        EnrollmentStep::Backup => check_backup(draft, applicant, &mut errors),
        EnrollmentStep::Exclusion => check_exclusion(&draft.exclusion, &mut errors),
    }
    errors
}

/// Every step up to and including `last`, in order.
pub fn validate_enrollment_through(
    last: EnrollmentStep,
    draft: &EnrollmentDraft,
    applicant: &str,
) -> Vec<FieldError> {
    application::validate_through(last, |step| {
        validate_enrollment_step(step, draft, applicant)
    })
}

/// The whole application before it is signed, and the signature itself (R-AUTH-4). Who may
/// sign (R-BOA-5) is decided by the caller from [`EnrollmentRole`].
pub fn validate_enrollment(
    draft: &EnrollmentDraft,
    applicant: &str,
    submit: &SubmitRequest,
) -> Vec<FieldError> {
    application::validate_submission(submit, |step| {
        validate_enrollment_step(step, draft, applicant)
    })
}

/// A choice the step needs and the draft has not made yet.
fn required(missing: bool, field: &'static str, message: &'static str) -> Option<FieldError> {
    missing.then(|| FieldError::new(field, message, None))
}

fn check_text(
    value: &str,
    field: &'static str,
    missing: &'static str,
    errors: &mut Vec<FieldError>,
) {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, missing, None));
    } else if value.chars().count() > MAX_TEXT_CHARS {
        errors.push(FieldError::new(
            field,
            format!("Use {MAX_TEXT_CHARS} characters or fewer"),
            None,
        ));
    }
}

fn check_identity(draft: &EnrollmentDraft, errors: &mut Vec<FieldError>) {
    check_text(
        &draft.name,
        "name",
        "Enter the provider's legal name",
        errors,
    );
    let atypical = draft.provider_type == Some(RecordKind::Atypical);
    match ProviderId::parse(&draft.provider_id) {
        // The box is labelled "NPI", or "Atypical ID" for atypical providers: the message
        // names only what that box asks for.
        Err(ProviderIdError::NpiCheckDigit) if !atypical => errors.push(FieldError::new(
            "provider_id",
            "This NPI is not valid: check the 10 digits, the last one is a check digit",
            None,
        )),
        Err(_) if atypical => errors.push(FieldError::new(
            "provider_id",
            "Enter the provider's Atypical ID: up to 15 letters and digits",
            None,
        )),
        Err(_) => errors.push(FieldError::new(
            "provider_id",
            "Enter the provider's 10-digit NPI",
            None,
        )),
        Ok(ProviderId::Npi(_)) if draft.provider_type == Some(RecordKind::Atypical) => {
            errors.push(FieldError::new(
                "provider_id",
                "Atypical providers have no NPI: enter the Atypical ID",
                None,
            ));
        }
        Ok(ProviderId::Atypical(_))
            if draft
                .provider_type
                .is_some_and(|kind| kind != RecordKind::Atypical) =>
        {
            errors.push(FieldError::new(
                "provider_id",
                "Enter the provider's 10-digit NPI",
                None,
            ));
        }
        Ok(_) => {}
    }
    let address = &draft.address;
    check_text(
        &address.street,
        "address.street",
        "Enter the street address",
        errors,
    );
    check_text(&address.city, "address.city", "Enter the city", errors);
    let state = address.state.trim();
    if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_alphabetic()) {
        errors.push(FieldError::new(
            "address.state",
            "Enter the two-letter state code, like NC",
            None,
        ));
    }
    if !zip_is_valid(address.zip.trim()) {
        errors.push(FieldError::new(
            "address.zip",
            "Enter a 5-digit ZIP code, or ZIP+4 like 27601-1234",
            None,
        ));
    }
}

fn zip_is_valid(zip: &str) -> bool {
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    match zip.split_once('-') {
        None => digits(zip, 5),
        Some((five, four)) => digits(five, 5) && digits(four, 4),
    }
}

/// Who an application of this provider type lists. R-BOA-9: billing agents list nobody.
fn check_people(draft: &EnrollmentDraft, errors: &mut Vec<FieldError>) {
    let Some(kind) = draft.provider_type else {
        return;
    };
    if kind == RecordKind::BillingAgent {
        if !draft.people.is_empty() {
            errors.push(FieldError::new(
                "people",
                "Billing agents list no owners or managing relationships: remove everyone listed",
                Some(Rule::Boa9),
            ));
        }
        return;
    }
    if draft.people.len() > MAX_LISTED_PEOPLE {
        errors.push(FieldError::new(
            "people",
            format!("List at most {MAX_LISTED_PEOPLE} people"),
            None,
        ));
        return;
    }
    let providers = draft
        .people
        .iter()
        .filter(|person| person.relationship == Relationship::Provider)
        .count();
    if kind == RecordKind::Individual && providers != 1 {
        errors.push(FieldError::new(
            "people",
            "List the provider themselves once, with the relationship Provider",
            None,
        ));
    }
    if kind != RecordKind::Individual && draft.people.is_empty() {
        errors.push(FieldError::new(
            "people",
            "Add at least one owner or managing employee",
            None,
        ));
    }
    let mut ncids: Vec<String> = Vec::new();
    for (index, person) in draft.people.iter().enumerate() {
        let who = person_label(index, person);
        let name = person.name.trim();
        if name.is_empty() || name.chars().count() > MAX_TEXT_CHARS {
            errors.push(FieldError::new(
                format!("people.{index}.name"),
                format!("{who}: enter a name of up to {MAX_TEXT_CHARS} characters"),
                None,
            ));
        }
        if kind != RecordKind::Individual && person.relationship == Relationship::Provider {
            errors.push(FieldError::new(
                format!("people.{index}.relationship"),
                format!("{who}: only individual providers list a Provider; choose Owner or Managing employee"),
                None,
            ));
        }
        if let Some(ncid) = person
            .ncid
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            if !ncid_is_well_formed(ncid) {
                errors.push(FieldError::new(
                    format!("people.{index}.ncid"),
                    format!(
                        "{who}: an NCID is 3 to 30 letters, digits, dots, hyphens or underscores"
                    ),
                    None,
                ));
            } else if ncids.iter().any(|seen| seen.eq_ignore_ascii_case(ncid)) {
                errors.push(FieldError::new(
                    format!("people.{index}.ncid"),
                    format!("{who}: this NCID is already listed for someone else"),
                    None,
                ));
            } else {
                ncids.push(ncid.to_owned());
            }
        }
        if person.adverse_findings.is_none() {
            errors.push(FieldError::new(
                format!("people.{index}.adverse_findings"),
                format!("{who}: select yes if they have adverse findings, or no if not"),
                Some(Rule::Boa2),
            ));
        }
    }
}

fn person_label(index: usize, person: &ListedPerson) -> String {
    let name = person.name.trim();
    if name.is_empty() {
        format!("Person {}", index + 1)
    } else {
        format!("Person {} ({name})", index + 1)
    }
}

fn ncid_is_well_formed(ncid: &str) -> bool {
    (3..=30).contains(&ncid.len())
        && ncid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// R-BOA-5 with R-BOA-2, R-BOA-9, R-BOA-10: the backup, if named, is an eligible listed person.
fn check_backup(draft: &EnrollmentDraft, applicant: &str, errors: &mut Vec<FieldError>) {
    let Some(ncid) = draft.backup.as_deref() else {
        return;
    };
    if let Err(why) = draft.backup_availability() {
        errors.push(FieldError::new(
            "backup",
            format!("{why} Choose no backup OA."),
            Some(why.rule()),
        ));
        return;
    }
    let candidate = draft
        .backup_candidates(applicant)
        .into_iter()
        .find(|candidate| candidate.ncid.eq_ignore_ascii_case(ncid));
    match candidate {
        None => errors.push(FieldError::new(
            "backup",
            "Choose a person listed in this application with an NCID",
            Some(Rule::Boa5),
        )),
        Some(BackupCandidate {
            ineligible: Some(why),
            ..
        }) => errors.push(FieldError::new(
            "backup",
            format!("This person cannot be the backup OA: {}", why.explanation()),
            Some(Rule::Boa2),
        )),
        Some(_) => {}
    }
}

#[cfg(any(test, feature = "examples"))]
pub mod examples;

#[cfg(test)]
mod tests;
