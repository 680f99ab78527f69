//! A record's users: the table with the OAs' rows locked, the selection bar's states, the
//! page for someone who does not administer the record, adding a user and its refusals, and a
//! change of the selected users confirmed and reported per user.

use super::{day, laid_out, oa};
use crate::catalogue::State;
use crate::fixed::{offline, Fixed};
use contract::accounts::{AssociationId, AssociationStatus};
use contract::record_users::{
    not_administrator_message, AccessEnding, NewRecordUser, RecordUserPage, RecordUserQuery,
    RecordUserRow, RoleChange, StatusChange, UserChangeOutcome, UserChangeReport, UserChangeResult,
};
use contract::records::{OaRole, Relationship};
use contract::Rule;
use leptos::prelude::*;
use provider_portal::api::record_users::RecordUsersApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::RecordUsers;
use provider_portal::state::selection::Selection;
use std::collections::BTreeMap;
use std::rc::Rc;

const RECORD: &str = "2956351383";

#[derive(Clone)]
struct FixedUsers {
    page: Fixed<RecordUserPage>,
    /// What adding a user answers.
    added: Fixed<RecordUserRow>,
}

impl RecordUsersApi for FixedUsers {
    fn users(&self, _record: &str, _query: RecordUserQuery) -> Answer<RecordUserPage> {
        self.page.answer()
    }

    fn add_user(&self, _record: &str, _user: NewRecordUser) -> Answer<RecordUserRow> {
        self.added.answer()
    }

    fn change_roles(
        &self,
        _record: &str,
        _id: AssociationId,
        _change: RoleChange,
    ) -> Answer<RecordUserRow> {
        self.added.answer()
    }

    fn change_status(&self, _record: &str, _change: StatusChange) -> Answer<UserChangeReport> {
        report()
    }

    fn end_access(&self, _record: &str, _ending: AccessEnding) -> Answer<UserChangeReport> {
        report()
    }
}

/// One user changed, one refused since the page was loaded (R-USER-2).
fn report() -> Answer<UserChangeReport> {
    Fixed::Ready(UserChangeReport {
        results: vec![
            UserChangeResult {
                id: 90,
                ncid: Some("kpatel4".into()),
                name: Some("Kiran Patel".into()),
                outcome: UserChangeOutcome::Changed,
            },
            UserChangeResult {
                id: 91,
                ncid: Some("mreyes3".into()),
                name: Some("Morgan Reyes".into()),
                outcome: UserChangeOutcome::Refused {
                    rule: Rule::User2,
                    reason: "Morgan Reyes became the record's backup OA since the page was loaded."
                        .into(),
                },
            },
        ],
    })
    .answer()
}

fn user(id: AssociationId, ncid: &str, name: &str) -> RecordUserRow {
    RecordUserRow {
        id,
        ncid: ncid.into(),
        name: name.into(),
        roles: vec!["Claims".into(), "Eligibility".into()],
        status: AssociationStatus::Active,
        added: Some(day(2026, 3, 4)),
        last_sign_in: Some(day(2026, 11, 30)),
        oa_role: None,
        listed_as: None,
    }
}

fn users() -> Vec<RecordUserRow> {
    vec![
        RecordUserRow {
            oa_role: Some(OaRole::Primary),
            listed_as: Some(Relationship::Owner),
            ..user(3, "providertraining1", "Taylor Brooks")
        },
        RecordUserRow {
            oa_role: Some(OaRole::Backup),
            listed_as: Some(Relationship::ManagingEmployee),
            ..user(5, "javery1", "Jordan Avery")
        },
        user(90, "kpatel4", "Kiran Patel"),
        RecordUserRow {
            listed_as: Some(Relationship::Owner),
            roles: vec!["Prior Approvals".into()],
            ..user(91, "mreyes3", "Morgan Reyes")
        },
        RecordUserRow {
            status: AssociationStatus::Inactive,
            last_sign_in: None,
            ..user(92, "tstclaims3", "Riley Morgan")
        },
    ]
}

fn users_page() -> Fixed<RecordUserPage> {
    Fixed::Ready(RecordUserPage {
        record_id: RECORD.into(),
        record_name: "Triangle Pediatrics Group".into(),
        my_role: OaRole::Backup,
        rows: users(),
        page: 1,
        page_size: 10,
        total_matching: 23,
    })
}

fn users_of(
    page: Fixed<RecordUserPage>,
    added: Fixed<RecordUserRow>,
    ids: &[AssociationId],
) -> AnyView {
    let mut selection = Selection::default();
    for row in users().iter().filter(|row| ids.contains(&row.id)) {
        selection.set(row, true);
    }
    laid_out(view! {
        <RecordUsers
            api=Rc::new(FixedUsers { page, added })
            record=RECORD
            query=Signal::stored(Ok(RecordUserQuery::default()))
            on_navigate=Callback::new(|_| ())
            selection=RwSignal::new(selection)
        />
    })
}

fn table(ids: &[AssociationId]) -> AnyView {
    users_of(
        users_page(),
        Fixed::Ready(user(93, "kpatel4", "Kiran Patel")),
        ids,
    )
}

/// The NCID typed has no account: the server refuses it at the field (R-USER-4).
fn no_account() -> AnyView {
    let refusal = ApiError::Validation {
        message: "Check the user's NCID.".into(),
        fields: BTreeMap::from([(
            "ncid".to_owned(),
            "There is no NCTracks account with the NCID nobody9. Check the NCID.".to_owned(),
        )]),
    };
    users_of(users_page(), Fixed::Failing(refusal), &[])
}

/// The NCID typed already has access: "change their roles" is offered instead.
fn already_has_access() -> AnyView {
    let refusal =
        ApiError::Conflict("Kiran Patel (kpatel4) already has access to this record.".into());
    users_of(users_page(), Fixed::Failing(refusal), &[])
}

fn not_administrator() -> AnyView {
    let message = not_administrator_message(
        "Avery Family Practice, PLLC",
        Some(&oa("javery1", "Jordan Avery")),
        None,
    );
    users_of(Fixed::Failing(ApiError::Forbidden(message)), offline(), &[])
}

const NEW_USER: &[(&str, &str)] = &[("add-ncid", "kpatel4")];
const NO_SUCH_USER: &[(&str, &str)] = &[("add-ncid", "nobody9")];

/// The selection bar's states, drawn on a record's users.
pub fn selection_states() -> Vec<State> {
    vec![
        State::new("none-selected", "None selected", || table(&[])),
        State::new("one-selected", "One selected", || table(&[90])),
        State::new("many-selected", "Many selected", || table(&[90, 91, 92])),
        State::new(
            "nothing-selected-change",
            "A change with nothing selected",
            || table(&[]),
        )
        .pressing("End access"),
    ]
}

pub fn states() -> Vec<State> {
    vec![
        State::new("loading", "Loading", || {
            users_of(Fixed::Loading, offline(), &[])
        }),
        State::new("error", "Could not load, with Retry", || {
            users_of(offline(), offline(), &[])
        }),
        State::new("locked-rows", "The OAs' rows locked", || table(&[])),
        State::new(
            "not-administrator",
            "Someone who does not administer the record",
            not_administrator,
        ),
        State::new("add-user-errors", "Add a user: nothing entered", || {
            table(&[])
        })
        .pressing("Add user"),
        State::new(
            "add-user-no-account",
            "Add a user: an NCID without an account",
            no_account,
        )
        .clicking("#add-roles-eligibility")
        .typing(NO_SUCH_USER, "Add user"),
        State::new(
            "add-user-already",
            "Add a user who already has access",
            already_has_access,
        )
        .clicking("#add-roles-eligibility")
        .typing(NEW_USER, "Add user"),
        State::new("user-added", "A user added", || table(&[]))
            .clicking("#add-roles-eligibility")
            .typing(NEW_USER, "Add user"),
        State::new("change-roles", "Change one user's roles", || table(&[]))
            .clicking("button[aria-label='Change roles of Kiran Patel (kpatel4)']"),
        State::new("end-access-dialog", "End access: the confirmation", || {
            table(&[90, 91])
        })
        .pressing("End access"),
        State::new(
            "end-access-report",
            "End access: the result per user",
            || table(&[90, 91]),
        )
        .pressing("End access")
        .pressing("Yes, end the access of 2 users"),
        State::new(
            "make-inactive-dialog",
            "Make Inactive: the confirmation",
            || table(&[90]),
        )
        .pressing("Make Inactive"),
    ]
}
