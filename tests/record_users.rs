//! A record's users in a real browser (R-USER-1..4): the table with the OAs' rows locked, the
//! page for someone who does not administer the record, loading failures with a retry, adding
//! a user (an NCID without an account, a user who already has access), and a change of the
//! selected users confirmed in a dialog and reported per user, with the server's answers
//! supplied by the test.

use crate::support::{settle, Mounted, Received, Reply};
use contract::accounts::{AssociationId, AssociationStatus};
use contract::record_users::{
    AccessEnding, NewRecordUser, RecordUserPage, RecordUserQuery, RecordUserRow, RoleChange,
    StatusChange, UserChangeOutcome, UserChangeReport, UserChangeResult,
};
use contract::records::{OaRole, Relationship};
use contract::table::InvalidQuery;
use contract::{CalendarDate, Rule};
use leptos::prelude::*;
use provider_portal::api::record_users::RecordUsersApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::RecordUsers;
use provider_portal::state::selection::Selection;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

const RECORD: &str = "2956351383";

fn user(id: AssociationId, ncid: &str, name: &str) -> RecordUserRow {
    RecordUserRow {
        id,
        ncid: ncid.into(),
        name: name.into(),
        roles: vec!["Claims".into(), "Eligibility".into()],
        status: AssociationStatus::Active,
        added: CalendarDate::new(2026, 3, 4).ok(),
        last_sign_in: None,
        oa_role: None,
        listed_as: None,
    }
}

fn users_page() -> RecordUserPage {
    RecordUserPage {
        record_id: RECORD.into(),
        record_name: "Triangle Pediatrics Group".into(),
        my_role: OaRole::Backup,
        rows: vec![
            RecordUserRow {
                oa_role: Some(OaRole::Backup),
                listed_as: Some(Relationship::ManagingEmployee),
                ..user(5, "javery1", "Jordan Avery")
            },
            user(90, "kpatel4", "Kiran Patel"),
            RecordUserRow {
                listed_as: Some(Relationship::Owner),
                ..user(91, "mreyes3", "Morgan Reyes")
            },
        ],
        page: 1,
        page_size: 10,
        total_matching: 3,
    }
}

#[derive(Clone)]
struct ScriptedServer {
    page: Reply<Result<RecordUserPage, ApiError>>,
    added: Reply<Result<RecordUserRow, ApiError>>,
    report: Reply<Result<UserChangeReport, ApiError>>,
    queries: Received<RecordUserQuery>,
    adds: Received<NewRecordUser>,
    status_changes: Received<StatusChange>,
    endings: Received<AccessEnding>,
    role_changes: Received<(AssociationId, RoleChange)>,
}

impl ScriptedServer {
    fn answering(page: Result<RecordUserPage, ApiError>) -> Self {
        Self {
            page: Reply::new(page),
            added: Reply::new(Err(ApiError::Server)),
            report: Reply::new(Err(ApiError::Server)),
            queries: Received::default(),
            adds: Received::default(),
            status_changes: Received::default(),
            endings: Received::default(),
            role_changes: Received::default(),
        }
    }
}

impl RecordUsersApi for ScriptedServer {
    fn users(&self, record: &str, query: RecordUserQuery) -> Answer<RecordUserPage> {
        assert_eq!(record, RECORD);
        self.queries.record(query);
        self.page.answer()
    }

    fn add_user(&self, _record: &str, user: NewRecordUser) -> Answer<RecordUserRow> {
        self.adds.record(user);
        self.added.answer()
    }

    fn change_roles(
        &self,
        _record: &str,
        id: AssociationId,
        change: RoleChange,
    ) -> Answer<RecordUserRow> {
        self.role_changes.record((id, change));
        self.added.answer()
    }

    fn change_status(&self, _record: &str, change: StatusChange) -> Answer<UserChangeReport> {
        self.status_changes.record(change);
        self.report.answer()
    }

    fn end_access(&self, _record: &str, ending: AccessEnding) -> Answer<UserChangeReport> {
        self.endings.record(ending);
        self.report.answer()
    }
}

#[derive(Clone, Copy)]
struct Outside {
    query: RwSignal<Result<RecordUserQuery, InvalidQuery>>,
}

type Page = Mounted<Outside>;

async fn mount(server: ScriptedServer) -> Page {
    mount_selecting(server, Selection::default()).await
}

/// The page with a selection the app kept (across a reload, say).
async fn mount_selecting(server: ScriptedServer, kept: Selection) -> Page {
    let outside = Outside {
        query: RwSignal::new(Ok(RecordUserQuery::default())),
    };
    Page::with(outside, move |Outside { query }| {
        view! {
            <RecordUsers
                api=Rc::new(server)
                record=RECORD
                query
                on_navigate=Callback::new(move |to| query.set(Ok(to)))
                selection=RwSignal::new(kept)
            />
        }
    })
    .await
}

#[wasm_bindgen_test]
async fn the_table_shows_every_user_with_the_oas_own_row_locked() {
    let page = mount(ScriptedServer::answering(Ok(users_page()))).await;
    assert_eq!(page.text_of("h1"), "Users of Triangle Pediatrics Group");
    assert!(page
        .text_of("caption")
        .starts_with("Users of Triangle Pediatrics Group"));
    let headers: Vec<String> = page.texts("thead th").into_iter().skip(1).collect();
    assert_eq!(
        headers,
        [
            "User NCID",
            "Name",
            "Roles",
            "Status",
            "Added",
            "Last sign-in",
            "Change"
        ]
    );
    assert_eq!(page.all("tbody tr").len(), 3);
    assert_eq!(
        page.text_of("label[for='select-90']"),
        "Select kpatel4 – Kiran Patel"
    );
    // R-USER-2: the backup's own row cannot be selected; it says why and where to go.
    let locked = page.input("select-5");
    assert!(locked.disabled());
    let note = page.find("#user-note-5").expect("the row's note");
    let note_text = note.text_content().unwrap_or_default();
    assert!(
        note_text.contains("the backup OA of the record"),
        "{note_text}"
    );
    assert!(
        !note_text.contains("R-USER"),
        "no rule ids in the page's words"
    );
    let link = note.query_selector("a").unwrap().expect("a link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/oa-change?record=2956351383")
    );
    assert_eq!(
        page.texts(".user-marks__mark"),
        ["Backup OA", "Managing employee", "Owner"]
    );
    let first = &page.cells()[1];
    assert_eq!(first[1], "kpatel4");
    assert_eq!(first[5], "March 4, 2026");
    assert_eq!(first[6], "Never");
    assert!(page.find_button("Change roles").is_some());
}

#[wasm_bindgen_test]
async fn someone_who_does_not_administer_the_record_is_told_who_does() {
    let refusal = "You do not administer Avery Family Practice, PLLC, so you cannot see or \
                   change its users. It is administered by Jordan Avery (javery1), primary OA.";
    let page = mount(ScriptedServer::answering(Err(ApiError::Forbidden(
        refusal.into(),
    ))))
    .await;
    assert_eq!(page.text_of("h1"), "You do not administer this record");
    assert!(page.text().contains("Jordan Avery (javery1), primary OA"));
    assert!(page.find("table").is_none());
    assert!(page.find_button("Add user").is_none());
}

#[wasm_bindgen_test]
async fn a_failed_load_offers_a_retry() {
    let server = ScriptedServer::answering(Err(ApiError::Network));
    let page = mount(server.clone()).await;
    assert!(page
        .text()
        .contains("The record's users could not be loaded"));
    *server.page.borrow_mut() = Ok(users_page());
    page.press("Retry").await;
    assert_eq!(page.all("tbody tr").len(), 3);
    assert_eq!(server.queries.borrow().len(), 2);
}

#[wasm_bindgen_test]
async fn no_match_for_the_filter_is_said_in_the_table() {
    let empty = RecordUserPage {
        rows: Vec::new(),
        total_matching: 0,
        ..users_page()
    };
    let page = mount(ScriptedServer::answering(Ok(empty))).await;
    assert!(page.text().contains("No users match the filter"));
    assert!(page.find_button("Clear filter").is_some());
}

#[wasm_bindgen_test]
async fn adding_needs_an_ncid_and_a_role_and_says_so_at_each_field() {
    let server = ScriptedServer::answering(Ok(users_page()));
    let page = mount(server.clone()).await;
    page.press("Add user").await;
    assert_eq!(
        page.error_summary(),
        ["Enter the user's NCID", "Choose at least one role"]
    );
    assert_eq!(page.summary_targets(), ["#add-ncid", "#add-roles"]);
    assert!(page
        .text_of("#add-ncid-error")
        .contains("Enter the user's NCID"));
    assert!(server.adds.borrow().is_empty(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn an_ncid_without_an_account_is_refused_at_the_field() {
    let server = ScriptedServer::answering(Ok(users_page()));
    let message = "There is no portal account with the NCID nobody9. Check the NCID with the user";
    *server.added.borrow_mut() = Err(ApiError::Validation {
        message: message.into(),
        fields: BTreeMap::from([("ncid".to_owned(), message.to_owned())]),
    });
    let page = mount(server.clone()).await;
    page.type_into("add-ncid", "nobody9").await;
    page.click("#add-roles-eligibility").await;
    page.press("Add user").await;
    assert_eq!(
        server.adds.borrow().as_slice(),
        [NewRecordUser {
            ncid: "nobody9".into(),
            roles: vec!["Eligibility".into()],
        }]
    );
    assert_eq!(page.error_summary(), [message]);
    assert!(page.text_of("#add-ncid-error").contains(message));
    assert_eq!(
        page.input("add-ncid")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn a_user_who_already_has_access_is_offered_a_change_of_roles() {
    let server = ScriptedServer::answering(Ok(users_page()));
    *server.added.borrow_mut() = Err(ApiError::Conflict(
        "kpatel4 already has access to this record. Change their roles instead".into(),
    ));
    let page = mount(server.clone()).await;
    page.type_into("add-ncid", "kpatel4").await;
    page.click("#add-roles-claims").await;
    page.press("Add user").await;
    assert!(page
        .text_of("#add-ncid-error")
        .contains("already has access"));
    page.press("Change the roles of kpatel4 instead").await;
    let dialog = page.find("[role=dialog]").expect("the roles dialog");
    assert!(dialog
        .text_content()
        .unwrap_or_default()
        .contains("Change the roles of Kiran Patel (kpatel4)?"));
    assert!(page.input("roles-change-claims").checked());
    assert!(!page.input("roles-change-referrals").checked());
}

#[wasm_bindgen_test]
async fn making_users_inactive_confirms_who_and_what_then_reports_each_user() {
    let server = ScriptedServer::answering(Ok(users_page()));
    *server.report.borrow_mut() = Ok(UserChangeReport {
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
                    reason: "This is the backup OA of the record.".into(),
                },
            },
        ],
    });
    let page = mount(server.clone()).await;
    page.click("#select-90").await;
    page.click("#select-91").await;
    assert_eq!(page.text_of(".selection-bar__count"), "2 selected");
    page.press("Make Inactive").await;
    let dialog = page.find("[role=dialog]").expect("the confirmation");
    let said = dialog.text_content().unwrap_or_default();
    assert!(said.contains("Make 2 users Inactive?"), "{said}");
    assert!(
        said.contains("Kiran Patel (kpatel4) – Active → Inactive"),
        "{said}"
    );
    assert!(
        server.status_changes.borrow().is_empty(),
        "nothing before Yes"
    );
    page.press("Yes, make 2 users Inactive").await;
    settle().await;
    assert_eq!(
        server.status_changes.borrow().as_slice(),
        [StatusChange {
            ids: BTreeSet::from([90, 91]),
            status: AssociationStatus::Inactive,
        }]
    );
    assert!(page.find("[role=dialog]").is_none());
    let notice = page.text_of("#record-users-notice");
    assert!(notice.contains("1 user could not be changed"), "{notice}");
    assert!(
        notice.contains("Kiran Patel (kpatel4): Made Inactive"),
        "{notice}"
    );
    assert!(
        notice.contains("Morgan Reyes (mreyes3): This is the backup OA"),
        "{notice}"
    );
    // The refused user stays selected, with the reason beside their row.
    assert_eq!(page.text_of(".selection-bar__count"), "1 selected");
    assert!(page
        .text_of("#user-note-91")
        .contains("This is the backup OA"));
}

#[wasm_bindgen_test]
async fn changing_one_users_roles_needs_a_role_and_sends_the_new_set() {
    let server = ScriptedServer::answering(Ok(users_page()));
    *server.added.borrow_mut() = Ok(RecordUserRow {
        roles: vec!["Claims".into(), "Eligibility".into(), "Referrals".into()],
        ..user(90, "kpatel4", "Kiran Patel")
    });
    let page = mount(server.clone()).await;
    page.click("button[aria-label='Change roles of Kiran Patel (kpatel4)']")
        .await;
    assert!(page.find("[role=dialog]").is_some());
    page.click("#roles-change-claims").await;
    page.click("#roles-change-eligibility").await;
    page.press("Save roles").await;
    assert!(page
        .text_of("#roles-change-error")
        .contains("Choose at least one role"));
    assert!(server.role_changes.borrow().is_empty(), "nothing was sent");
    page.click("#roles-change-referrals").await;
    page.click("#roles-change-claims").await;
    page.press("Save roles").await;
    assert_eq!(
        server.role_changes.borrow().as_slice(),
        [(
            90,
            RoleChange {
                roles: vec!["Claims".into(), "Referrals".into()],
            }
        )]
    );
    assert!(page.find("[role=dialog]").is_none());
    assert!(page
        .text_of("#record-users-notice")
        .contains("Kiran Patel (kpatel4) now has the roles Claims, Eligibility, Referrals"));
}

#[wasm_bindgen_test]
async fn ending_access_kept_across_a_reload_names_the_users_and_reports_each() {
    let server = ScriptedServer::answering(Ok(users_page()));
    *server.report.borrow_mut() = Ok(UserChangeReport {
        results: vec![UserChangeResult {
            id: 90,
            ncid: Some("kpatel4".into()),
            name: Some("Kiran Patel".into()),
            outcome: UserChangeOutcome::Changed,
        }],
    });
    let mut kept = Selection::default();
    kept.set(&user(90, "kpatel4", "Kiran Patel"), true);
    let page = mount_selecting(server.clone(), kept).await;
    assert_eq!(page.text_of(".selection-bar__count"), "1 selected");
    page.press("End access").await;
    let said = page.text_of("[role=dialog]");
    assert!(said.contains("End the access of 1 user?"), "{said}");
    assert!(
        said.contains("Kiran Patel (kpatel4) – access ends"),
        "{said}"
    );
    page.press("Yes, end the access of 1 user").await;
    assert_eq!(
        server.endings.borrow().as_slice(),
        [AccessEnding {
            ids: BTreeSet::from([90]),
        }]
    );
    let notice = page.text_of("#record-users-notice");
    assert!(notice.contains("End access done"), "{notice}");
    assert!(
        notice.contains("Kiran Patel (kpatel4): Access ended"),
        "{notice}"
    );
    assert_eq!(page.text_of(".selection-bar__count"), "0 selected");
}

#[wasm_bindgen_test]
async fn a_wrong_address_is_said_and_the_table_can_be_reset() {
    let server = ScriptedServer::answering(Ok(users_page()));
    let page = mount(server.clone()).await;
    page.outside.query.set(Err(InvalidQuery {
        field: "size",
        message: "Rows per page must be 10, 25, 50 or 100".into(),
    }));
    settle().await;
    page.assert_says(
        ".alert",
        &[
            "This page address is not valid",
            "Rows per page must be 10, 25, 50 or 100.",
        ],
    );
    let reset = page.find(".alert a").expect("a reset link");
    assert_eq!(
        reset.get_attribute("href").as_deref(),
        Some("/records/2956351383/users")
    );
    reset.click();
    settle().await;
    assert_eq!(
        page.outside.query.get_untracked(),
        Ok(RecordUserQuery::default())
    );
    assert_eq!(page.all("tbody tr").len(), 3);
}
