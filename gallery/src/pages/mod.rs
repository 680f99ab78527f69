//! The pages of the portal, one group per module of `src/pages`, each drawn by the page's own
//! component with fixed answers in place of the server's.

mod account;
mod applications;
mod enrollment;
mod home;
mod login;
mod messages;
mod not_found;
mod oa_change;
mod operations;
mod record_users;
mod several_records;

use crate::catalogue::{Group, Kind, State};
use contract::application::ExclusionAnswers;
use contract::auth::SignedInUser;
use contract::date::CalendarDate;
use contract::oa_change::{BackupChoice, Candidate, OaChangeDraft, PrimaryChoice, RecordOverview};
use contract::records::{
    AdministeredRecord, HomeSummary, Ineligibility, OaRole, OfficeAdministrator, Program,
    RecordKind, Relationship,
};
use leptos::prelude::*;

pub fn groups() -> Vec<Group> {
    vec![
        page("login", "Sign in", login::states()),
        page("home", "Home: my provider records", home::states()),
        page("account", "My Account Management", account::states()),
        page("record_users", "Users of a record", record_users::states()),
        page("oa_change", "OA Change Request", oa_change::states()),
        page(
            "several_records",
            "One backup OA for several records",
            several_records::states(),
        ),
        page("applications", "My applications", applications::states()),
        page("enrollment", "Enrollment", enrollment::states()),
        page("messages", "Messages", messages::states()),
        page("operations", "Operations", operations::states()),
        page("not_found", "Page not found", not_found::states()),
    ]
}

/// The selection bar of the shared table (with its changes), drawn on a record's users.
pub fn selection_bar() -> Group {
    Group {
        id: "selection-bar",
        title: "Selection bar",
        kind: Kind::Component,
        states: record_users::selection_states(),
    }
}

/// The group of one page module; its address is the module's name with hyphens.
fn page(module: &'static str, title: &'static str, states: Vec<State>) -> Group {
    let id: &'static str = match module {
        "record_users" => "record-users",
        "oa_change" => "oa-change",
        "several_records" => "several-records",
        "not_found" => "not-found",
        other => other,
    };
    Group {
        id,
        title,
        kind: Kind::Page { module },
        states,
    }
}

/// A page as the portal lays it out: in the main column under the header.
pub fn laid_out(view: impl IntoView + 'static) -> AnyView {
    crate::components::sample(view)
}

pub fn day(year: u16, month: u8, day: u8) -> CalendarDate {
    CalendarDate::new(year, month, day).expect("a real date")
}

pub fn oa(ncid: &str, name: &str) -> OfficeAdministrator {
    OfficeAdministrator {
        ncid: ncid.into(),
        name: name.into(),
        end_date: None,
    }
}

fn record(id: &str, name: &str, kind: RecordKind, role: OaRole) -> AdministeredRecord {
    AdministeredRecord {
        id: id.into(),
        name: name.into(),
        kind,
        programs: vec![Program::Medicaid],
        my_role: role,
        primary_oa: Some(oa("javery1", "Jordan Avery")),
        has_active_primary_oa: true,
        backup_oa: None,
    }
}

/// Jordan Avery's records, as in the demo data: one of each situation Home and the several-
/// records flow tell apart.
pub fn javery_records() -> HomeSummary {
    HomeSummary {
        records: vec![
            record(
                "2044707588",
                "Avery Family Practice, PLLC",
                RecordKind::Organization,
                OaRole::Primary,
            ),
            AdministeredRecord {
                backup_oa: Some(oa("clin2", "Casey Lin")),
                ..record(
                    "1376549820",
                    "Jordan Avery, MD",
                    RecordKind::Individual,
                    OaRole::Primary,
                )
            },
            AdministeredRecord {
                primary_oa: Some(oa("providertraining1", "Taylor Brooks")),
                backup_oa: Some(oa("javery1", "Jordan Avery")),
                ..record(
                    "2956351383",
                    "Triangle Pediatrics Group",
                    RecordKind::Organization,
                    OaRole::Backup,
                )
            },
            AdministeredRecord {
                primary_oa: Some(OfficeAdministrator {
                    end_date: Some(day(2026, 9, 30)),
                    ..oa("ghart7", "Glenn Hart")
                }),
                has_active_primary_oa: false,
                backup_oa: Some(oa("javery1", "Jordan Avery")),
                ..record(
                    "1851390421",
                    "Coastal Plain Surgical Associates",
                    RecordKind::Organization,
                    OaRole::Backup,
                )
            },
            record(
                "1023456780",
                "Piedmont Billing Services",
                RecordKind::BillingAgent,
                OaRole::Primary,
            ),
            AdministeredRecord {
                programs: vec![Program::Dmhddsus],
                ..record(
                    "ATY00917",
                    "Mountain Respite Care",
                    RecordKind::Atypical,
                    OaRole::Primary,
                )
            },
        ],
    }
}

pub const AVERY: &str = "2044707588";

/// A person listed on a record, who may be named OA there unless `as_backup` says why not.
pub fn candidate(name: &str, ncid: &str, as_backup: Option<Ineligibility>) -> Candidate {
    Candidate {
        name: name.into(),
        relationship: Relationship::ManagingEmployee,
        ncid: Some(ncid.into()),
        as_backup,
        as_new_primary: None,
    }
}

/// Avery Family Practice, PLLC, with no backup OA: Casey Lin can be named, Morgan Reyes not.
pub fn avery_overview() -> RecordOverview {
    RecordOverview {
        id: AVERY.into(),
        name: "Avery Family Practice, PLLC".into(),
        kind: RecordKind::Organization,
        programs: vec![Program::Medicaid],
        primary_oa: Some(oa("javery1", "Jordan Avery")),
        has_active_primary_oa: true,
        backup_oa: None,
        backup_unavailable: None,
        candidates: vec![
            candidate("Casey Lin", "clin2", None),
            candidate(
                "Morgan Reyes",
                "mreyes3",
                Some(Ineligibility::AdverseFindings),
            ),
        ],
        needs_authorization_code: false,
    }
}

/// Keep the primary OA, name Casey Lin backup, No to every exclusion question.
pub fn backup_request() -> OaChangeDraft {
    OaChangeDraft {
        primary: PrimaryChoice::Keep,
        backup: BackupChoice::Assign {
            ncid: "clin2".into(),
        },
        continued_access: None,
        exclusion: ExclusionAnswers::no_to_every_question(),
    }
}

/// Jordan Avery, who signs the gallery's requests.
pub fn jordan_avery() -> SignedInUser {
    SignedInUser {
        ncid: "javery1".into(),
        name: "Jordan Avery".into(),
        operations_staff: false,
    }
}
