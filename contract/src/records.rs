//! Provider records, their Office Administrators and managing relationships, and the rules that
//! decide who may be primary OA (R-OA-1) or backup OA (R-BOA-2, R-BOA-9, R-BOA-10).

use crate::date::CalendarDate;
use crate::Rule;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Individual,
    Organization,
    Atypical,
    BillingAgent,
}

impl RecordKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Individual => "Individual",
            Self::Organization => "Organization",
            Self::Atypical => "Atypical",
            Self::BillingAgent => "Billing agent",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Program {
    Medicaid,
    Dmhddsus,
}

impl Program {
    pub fn label(self) -> &'static str {
        match self {
            Self::Medicaid => "NC Medicaid",
            Self::Dmhddsus => "DMHDDSUS",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Owner,
    ManagingEmployee,
    Provider,
}

impl Relationship {
    pub fn label(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::ManagingEmployee => "Managing employee",
            Self::Provider => "Provider",
        }
    }
}

/// A person listed on a record as owner, managing employee or (individual records) the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagingRelationship {
    pub name: String,
    pub relationship: Relationship,
    pub ncid: Option<String>,
    pub adverse_findings: bool,
    pub active: bool,
}

impl ManagingRelationship {
    /// An MR user: a listed person with an NCID and an active listing (RULES.md, Words).
    pub fn is_mr_user(&self) -> bool {
        self.ncid.is_some() && self.active
    }
}

/// R-OA-1: the new primary OA is the provider (individual records) or an owner or managing
/// employee (organization and atypical records).
fn may_be_primary(kind: RecordKind, relationship: Relationship) -> bool {
    match kind {
        RecordKind::Individual => relationship == Relationship::Provider,
        RecordKind::Organization | RecordKind::Atypical => matches!(
            relationship,
            Relationship::Owner | Relationship::ManagingEmployee
        ),
        RecordKind::BillingAgent => false,
    }
}

/// R-BOA-2: the backup is an owner, a managing employee or, on individual records, the provider.
fn may_be_backup(kind: RecordKind, relationship: Relationship) -> bool {
    match relationship {
        Relationship::Owner | Relationship::ManagingEmployee => true,
        Relationship::Provider => kind == RecordKind::Individual,
    }
}

/// Why a record offers no backup OA at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BackupUnavailable {
    /// R-BOA-9
    BillingAgent,
    /// R-BOA-10
    NotMedicaid,
}

impl BackupUnavailable {
    pub fn rule(self) -> Rule {
        match self {
            Self::BillingAgent => Rule::Boa9,
            Self::NotMedicaid => Rule::Boa10,
        }
    }
}

impl fmt::Display for BackupUnavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BillingAgent => {
                "Billing agent records list no managing relationships, so they have no backup OA."
            }
            Self::NotMedicaid => "The backup OA is available for NC Medicaid records only.",
        })
    }
}

/// R-BOA-9, R-BOA-10: whether the record can have a backup OA at all.
pub fn backup_availability(
    kind: RecordKind,
    programs: &[Program],
) -> Result<(), BackupUnavailable> {
    if kind == RecordKind::BillingAgent {
        return Err(BackupUnavailable::BillingAgent);
    }
    if !programs.contains(&Program::Medicaid) {
        return Err(BackupUnavailable::NotMedicaid);
    }
    Ok(())
}

/// Why a listed person cannot take an OA role; each names the rule that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Ineligibility {
    NoNcid,
    InactiveListing,
    AdverseFindings,
    RelationshipNotAllowed { relationship: Relationship },
    IsPrimaryOa,
    IsNewPrimaryOa,
    BackupUnavailable { why: BackupUnavailable },
}

impl Ineligibility {
    pub fn explanation(&self) -> String {
        match self {
            Self::NoNcid => "Has no NCID".into(),
            Self::InactiveListing => "Listing on the record is not active".into(),
            Self::AdverseFindings => "Has adverse findings".into(),
            Self::RelationshipNotAllowed { relationship } => format!(
                "A {} cannot be Office Administrator of this kind of record",
                relationship.label().to_lowercase()
            ),
            Self::IsPrimaryOa => "Is the record's primary OA".into(),
            Self::IsNewPrimaryOa => "Is named as the new primary OA in this request".into(),
            Self::BackupUnavailable { why } => why.to_string(),
        }
    }
}

/// R-BOA-2 (with R-BOA-9, R-BOA-10): may this listed person be the record's backup OA?
/// `primary_oa` is the record's current primary; `new_primary_oa` the one named in the same
/// request, if any.
pub fn backup_eligibility(
    kind: RecordKind,
    programs: &[Program],
    candidate: &ManagingRelationship,
    primary_oa: Option<&str>,
    new_primary_oa: Option<&str>,
) -> Result<(), Ineligibility> {
    backup_availability(kind, programs).map_err(|why| Ineligibility::BackupUnavailable { why })?;
    let ncid = candidate.ncid.as_deref().ok_or(Ineligibility::NoNcid)?;
    if !candidate.active {
        return Err(Ineligibility::InactiveListing);
    }
    if !may_be_backup(kind, candidate.relationship) {
        return Err(Ineligibility::RelationshipNotAllowed {
            relationship: candidate.relationship,
        });
    }
    if candidate.adverse_findings {
        return Err(Ineligibility::AdverseFindings);
    }
    if new_primary_oa.is_some_and(|new| new.eq_ignore_ascii_case(ncid)) {
        return Err(Ineligibility::IsNewPrimaryOa);
    }
    if primary_oa.is_some_and(|primary| primary.eq_ignore_ascii_case(ncid)) {
        return Err(Ineligibility::IsPrimaryOa);
    }
    Ok(())
}

/// R-OA-1: may this listed person become the record's new primary OA? (Billing agent records
/// list nobody: their new primary is the applicant, proven by Authorization Code, R-OA-2.)
pub fn new_primary_eligibility(
    kind: RecordKind,
    candidate: &ManagingRelationship,
) -> Result<(), Ineligibility> {
    if candidate.ncid.is_none() {
        return Err(Ineligibility::NoNcid);
    }
    if !candidate.active {
        return Err(Ineligibility::InactiveListing);
    }
    if !may_be_primary(kind, candidate.relationship) {
        return Err(Ineligibility::RelationshipNotAllowed {
            relationship: candidate.relationship,
        });
    }
    Ok(())
}

/// An end date is inclusive: the OA is active through that day and not after (RULES.md, Words).
pub fn oa_is_active(end_date: Option<CalendarDate>, today: CalendarDate) -> bool {
    end_date.is_none_or(|end| today <= end)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OaRole {
    Primary,
    Backup,
}

impl OaRole {
    pub fn label(self) -> &'static str {
        match self {
            Self::Primary => "Primary OA",
            Self::Backup => "Backup OA",
        }
    }
}

/// How the signed-in user stands towards a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Its primary OA, not end-dated (R-BOA-8).
    PrimaryOa,
    BackupOa,
    MrUser,
}

impl Standing {
    /// R-BOA-3: the backup OA has the same privileges and access as the primary OA for that
    /// record, so whatever an OA may do for the record (sign a request without the
    /// Authorization Code, R-OA-2; administer its users, R-USER-1) asks this, and never which
    /// of the two the user is.
    pub fn may_administer(self) -> bool {
        matches!(self, Self::PrimaryOa | Self::BackupOa)
    }
}

/// An Office Administrator as a record shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeAdministrator {
    pub ncid: String,
    pub name: String,
    /// Set when the OA is end-dated; shown as "(end-dated <date>)".
    pub end_date: Option<CalendarDate>,
}

/// A record the signed-in user administers, as the portal home lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdministeredRecord {
    pub id: String,
    pub name: String,
    pub kind: RecordKind,
    pub programs: Vec<Program>,
    pub my_role: OaRole,
    pub primary_oa: Option<OfficeAdministrator>,
    /// R-BOA-8: false when the primary OA is end-dated (or absent); the backup is not promoted.
    pub has_active_primary_oa: bool,
    pub backup_oa: Option<OfficeAdministrator>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HomeSummary {
    pub records: Vec<AdministeredRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(relationship: Relationship, ncid: Option<&str>) -> ManagingRelationship {
        ManagingRelationship {
            name: "Casey Lin".into(),
            relationship,
            ncid: ncid.map(str::to_owned),
            adverse_findings: false,
            active: true,
        }
    }

    const MEDICAID: &[Program] = &[Program::Medicaid];

    #[test]
    fn an_active_managing_employee_with_an_ncid_may_be_backup() {
        let casey = listed(Relationship::ManagingEmployee, Some("clin2"));
        assert_eq!(
            backup_eligibility(
                RecordKind::Organization,
                MEDICAID,
                &casey,
                Some("javery1"),
                None
            ),
            Ok(())
        );
    }

    #[test]
    fn backup_refusals_name_their_reason() {
        let org = RecordKind::Organization;
        let mut morgan = listed(Relationship::ManagingEmployee, Some("mreyes3"));
        morgan.adverse_findings = true;
        assert_eq!(
            backup_eligibility(org, MEDICAID, &morgan, Some("javery1"), None),
            Err(Ineligibility::AdverseFindings)
        );
        let sam = listed(Relationship::Owner, None);
        assert_eq!(
            backup_eligibility(org, MEDICAID, &sam, Some("javery1"), None),
            Err(Ineligibility::NoNcid)
        );
        let mut dana = listed(Relationship::ManagingEmployee, Some("dwhit5"));
        dana.active = false;
        assert_eq!(
            backup_eligibility(org, MEDICAID, &dana, Some("javery1"), None),
            Err(Ineligibility::InactiveListing)
        );
        let jordan = listed(Relationship::Owner, Some("javery1"));
        assert_eq!(
            backup_eligibility(org, MEDICAID, &jordan, Some("JAVERY1"), None),
            Err(Ineligibility::IsPrimaryOa)
        );
        let casey = listed(Relationship::ManagingEmployee, Some("clin2"));
        assert_eq!(
            backup_eligibility(org, MEDICAID, &casey, Some("javery1"), Some("clin2")),
            Err(Ineligibility::IsNewPrimaryOa)
        );
    }

    #[test]
    fn the_provider_may_be_backup_on_individual_records_only() {
        let provider = listed(Relationship::Provider, Some("clin2"));
        assert_eq!(
            backup_eligibility(
                RecordKind::Individual,
                MEDICAID,
                &provider,
                Some("javery1"),
                None
            ),
            Ok(())
        );
        assert!(matches!(
            backup_eligibility(
                RecordKind::Organization,
                MEDICAID,
                &provider,
                Some("javery1"),
                None
            ),
            Err(Ineligibility::RelationshipNotAllowed { .. })
        ));
        // The demo record "Jordan Avery, MD" has its managing employee as backup.
        let employee = listed(Relationship::ManagingEmployee, Some("clin2"));
        assert_eq!(
            backup_eligibility(
                RecordKind::Individual,
                MEDICAID,
                &employee,
                Some("javery1"),
                None
            ),
            Ok(())
        );
    }

    #[test]
    fn billing_agents_have_no_backup_oa() {
        let casey = listed(Relationship::ManagingEmployee, Some("clin2"));
        assert_eq!(
            backup_eligibility(
                RecordKind::BillingAgent,
                MEDICAID,
                &casey,
                Some("javery1"),
                None
            ),
            Err(Ineligibility::BackupUnavailable {
                why: BackupUnavailable::BillingAgent
            })
        );
        assert_eq!(BackupUnavailable::BillingAgent.rule(), Rule::Boa9);
    }

    #[test]
    fn dmhddsus_only_records_have_no_backup_oa() {
        assert_eq!(
            backup_availability(RecordKind::Organization, &[Program::Dmhddsus]),
            Err(BackupUnavailable::NotMedicaid)
        );
        assert_eq!(
            backup_availability(
                RecordKind::Organization,
                &[Program::Medicaid, Program::Dmhddsus]
            ),
            Ok(())
        );
        assert_eq!(BackupUnavailable::NotMedicaid.rule(), Rule::Boa10);
    }

    #[test]
    fn new_primary_must_fit_the_record_kind() {
        let provider = listed(Relationship::Provider, Some("clin2"));
        let owner = listed(Relationship::Owner, Some("clin2"));
        assert_eq!(
            new_primary_eligibility(RecordKind::Individual, &provider),
            Ok(())
        );
        assert!(new_primary_eligibility(RecordKind::Individual, &owner).is_err());
        assert_eq!(
            new_primary_eligibility(RecordKind::Organization, &owner),
            Ok(())
        );
        assert_eq!(
            new_primary_eligibility(RecordKind::Atypical, &owner),
            Ok(())
        );
        assert!(new_primary_eligibility(RecordKind::BillingAgent, &owner).is_err());
    }

    #[test]
    fn new_primary_needs_an_ncid_and_an_active_listing() {
        assert_eq!(
            new_primary_eligibility(RecordKind::Organization, &listed(Relationship::Owner, None)),
            Err(Ineligibility::NoNcid)
        );
        let mut inactive = listed(Relationship::Owner, Some("dwhit5"));
        inactive.active = false;
        assert_eq!(
            new_primary_eligibility(RecordKind::Organization, &inactive),
            Err(Ineligibility::InactiveListing)
        );
    }

    #[test]
    fn an_end_date_is_inclusive() {
        let end: CalendarDate = "2026-09-30".parse().unwrap();
        assert!(oa_is_active(Some(end), "2026-09-30".parse().unwrap()));
        assert!(!oa_is_active(Some(end), "2026-10-01".parse().unwrap()));
        assert!(oa_is_active(None, "2026-10-01".parse().unwrap()));
    }

    #[test]
    fn the_backup_oa_administers_the_record_as_the_primary_does() {
        // R-BOA-3
        assert!(Standing::PrimaryOa.may_administer());
        assert!(Standing::BackupOa.may_administer());
        assert!(!Standing::MrUser.may_administer());
    }
}
