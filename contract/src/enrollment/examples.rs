//! One complete enrollment application that every test layer starts from (the contract's own
//! tests, the server's API tests, the browser tests), so a new required field is added once.
//! Compiled only for tests and with the `examples` feature: never part of the client or server.

use super::{EnrollmentDraft, ListedPerson, ServiceAddress};
use crate::application::ExclusionAnswers;
use crate::records::{Program, RecordKind, Relationship};

/// The new record's NPI: valid (Luhn) and not in the demo data.
pub const NEW_NPI: &str = "1234567893";

/// A listed person with an NCID and no adverse findings.
pub fn person(name: &str, relationship: Relationship, ncid: &str) -> ListedPerson {
    ListedPerson {
        name: name.into(),
        relationship,
        ncid: Some(ncid.into()),
        adverse_findings: Some(false),
    }
}

/// Blue Ridge Therapy Group, a Medicaid organization in Asheville listing `people`, naming
/// `backup` as backup OA and answering No to the three exclusion questions.
pub fn organization(people: Vec<ListedPerson>, backup: &str) -> EnrollmentDraft {
    EnrollmentDraft {
        provider_type: Some(RecordKind::Organization),
        name: "Blue Ridge Therapy Group".into(),
        provider_id: NEW_NPI.into(),
        address: ServiceAddress {
            street: "12 Main St".into(),
            city: "Asheville".into(),
            state: "NC".into(),
            zip: "28801".into(),
        },
        programs: vec![Program::Medicaid],
        people,
        backup: Some(backup.into()),
        exclusion: ExclusionAnswers::no_to_every_question(),
    }
}

/// Blue Ridge Therapy Group with every step answered: Dana Whitfield (owner, the applicant),
/// Glenn Hart (managing employee, the backup OA) and Morgan Reyes (owner, with adverse
/// findings, so not eligible as an OA).
pub fn complete() -> EnrollmentDraft {
    organization(
        vec![
            person("Dana Whitfield", Relationship::Owner, "dwhit5"),
            person("Glenn Hart", Relationship::ManagingEmployee, "ghart7"),
            ListedPerson {
                adverse_findings: Some(true),
                ..person("Morgan Reyes", Relationship::Owner, "mreyes3")
            },
        ],
        "ghart7",
    )
}
