//! Record users (R-USER-1..4) over real HTTP against a real SQLite file seeded with the demo
//! data. Avery Family Practice: primary OA javery1, no backup; its users javery1 (1), clin2 (47)
//! and kpatel4 (80). Jordan Avery, MD: primary javery1, backup clin2. Triangle Pediatrics
//! Group: primary providertraining1 (82), backup javery1 (5). Coastal Plain Surgical Associates:
//! primary ghart7 end-dated 2026-09-30, backup javery1.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{refusal, Server};
use contract::accounts::{AccountPage, AssociationId, AssociationStatus};
use contract::record_users::{
    AccessEnding, NewRecordUser, RecordUserPage, RecordUserRow, RoleChange, StatusChange,
    UserChangeOutcome, UserChangeReport,
};
use contract::records::OaRole;
use reqwest::{Client, Response, StatusCode};

const AVERY_FAMILY: &str = "2044707588";
const JORDAN_AVERY_MD: &str = "1807736982";
const TRIANGLE: &str = "2956351383";
const COASTAL_PLAIN: &str = "2137914794";
/// 2026-10-01T12:00:00Z: the day after Coastal Plain's primary OA's end date.
const OCT_1_2026_NOON: i64 = 1_790_856_000;

async fn start() -> Server {
    let server = Server::start().await;
    server.state.clock.set(OCT_1_2026_NOON);
    server
}

fn users_path(record: &str) -> String {
    format!("/api/records/{record}/users")
}

async fn list(server: &Server, client: &Client, record: &str, query: &str) -> RecordUserPage {
    server
        .get_json(client, &format!("{}{query}", users_path(record)))
        .await
}

fn ncids(page: &RecordUserPage) -> Vec<&str> {
    page.rows.iter().map(|row| row.ncid.as_str()).collect()
}

fn new_user(ncid: &str, roles: &[&str]) -> NewRecordUser {
    NewRecordUser {
        ncid: ncid.into(),
        roles: roles.iter().map(|role| (*role).to_owned()).collect(),
    }
}

async fn add(
    server: &Server,
    client: &Client,
    record: &str,
    ncid: &str,
    roles: &[&str],
) -> Response {
    server
        .post_json(client, &users_path(record), &new_user(ncid, roles))
        .await
}

async fn change_roles(
    server: &Server,
    client: &Client,
    record: &str,
    id: AssociationId,
    roles: &[&str],
) -> Response {
    let change = RoleChange {
        roles: roles.iter().map(|role| (*role).to_owned()).collect(),
    };
    server
        .put_json(
            client,
            &format!("{}/{id}/roles", users_path(record)),
            &change,
        )
        .await
}

async fn set_status(
    server: &Server,
    client: &Client,
    record: &str,
    ids: &[AssociationId],
    status: AssociationStatus,
) -> Response {
    let change = StatusChange {
        ids: ids.iter().copied().collect(),
        status,
    };
    server
        .post_json(client, &format!("{}/status", users_path(record)), &change)
        .await
}

async fn end_access(
    server: &Server,
    client: &Client,
    record: &str,
    ids: &[AssociationId],
) -> Response {
    let ending = AccessEnding {
        ids: ids.iter().copied().collect(),
    };
    server
        .post_json(
            client,
            &format!("{}/end-access", users_path(record)),
            &ending,
        )
        .await
}

async fn report(response: Response) -> BTreeMap<AssociationId, UserChangeOutcome> {
    let report: UserChangeReport = common::json(response).await;
    report
        .results
        .into_iter()
        .map(|result| (result.id, result.outcome))
        .collect()
}

async fn user_id(server: &Server, ncid: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_one(&server.state.db)
        .await
        .unwrap()
}

/// (actor, action, association, record, user, before, after) of every audit row, in order.
type AuditRow = (
    i64,
    String,
    AssociationId,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

async fn audit(server: &Server) -> Vec<AuditRow> {
    sqlx::query_as(
        "SELECT actor_user_id, action, association_id, record_id, user_id, before_change, \
         after_change FROM audit_log ORDER BY id",
    )
    .fetch_all(&server.state.db)
    .await
    .unwrap()
}

/// How many messages each NCID got whose subject starts with `subject`.
async fn notices(server: &Server, subject: &str) -> BTreeMap<String, i64> {
    sqlx::query_as::<_, (String, i64)>(
        "SELECT u.ncid, COUNT(*) FROM messages m JOIN users u ON u.id = m.recipient_user_id \
         WHERE m.subject LIKE ? || '%' GROUP BY u.ncid",
    )
    .bind(subject)
    .fetch_all(&server.state.db)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

fn counted(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
    pairs
        .iter()
        .map(|(ncid, count)| ((*ncid).to_owned(), *count))
        .collect()
}

/// Every association of the database as (id, roles, status), to prove nothing changed.
async fn associations(server: &Server) -> Vec<(AssociationId, String, String)> {
    sqlx::query_as("SELECT id, roles, status FROM associations ORDER BY id")
        .fetch_all(&server.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_primary_lists_every_user_with_the_oa_rows_marked() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;

    let page = list(&server, &javery, AVERY_FAMILY, "").await;
    assert_eq!(page.my_role, OaRole::Primary);
    assert_eq!(page.record_name, "Avery Family Practice, PLLC");
    assert_eq!(ncids(&page), ["clin2", "javery1", "kpatel4"]);
    assert_eq!(page.total_matching, 3);
    let locks: Vec<Option<OaRole>> = page.rows.iter().map(|row| row.oa_role).collect();
    assert_eq!(locks, [None, Some(OaRole::Primary), None]);
    assert_eq!(page.rows[0].roles, ["Claims", "Eligibility"]);
    // javery1 just signed in; the others never did.
    assert!(page.rows[1].last_sign_in.is_some());
    assert!(page.rows[0].last_sign_in.is_none());
    assert!(page.rows.iter().all(|row| row.added.is_some()));

    let sorted = list(&server, &javery, AVERY_FAMILY, "?sort=name&dir=desc").await;
    assert_eq!(ncids(&sorted), ["kpatel4", "javery1", "clin2"]);
    let filtered = list(&server, &javery, AVERY_FAMILY, "?q=%20PATEL").await;
    assert_eq!(
        (ncids(&filtered), filtered.total_matching),
        (vec!["kpatel4"], 1)
    );
    let paged = list(&server, &javery, AVERY_FAMILY, "?size=10&page=2").await;
    assert!(paged.rows.is_empty());
    assert_eq!(paged.total_matching, 3);

    let wrong = javery
        .get(server.url(&format!("{}?sort=colour", users_path(AVERY_FAMILY))))
        .send()
        .await
        .unwrap();
    let body = refusal(wrong, StatusCode::UNPROCESSABLE_ENTITY, None).await;
    assert!(body.fields.contains_key("sort"));

    // R-BOA-3: the backup sees the list as the primary does, both OA rows locked.
    let triangle = list(&server, &javery, TRIANGLE, "").await;
    assert_eq!(triangle.my_role, OaRole::Backup);
    let locks: BTreeMap<&str, Option<OaRole>> = triangle
        .rows
        .iter()
        .map(|row| (row.ncid.as_str(), row.oa_role))
        .collect();
    assert_eq!(
        locks,
        BTreeMap::from([
            ("javery1", Some(OaRole::Backup)),
            ("providertraining1", Some(OaRole::Primary)),
        ])
    );
    // R-BOA-8: with the primary end-dated, the backup still administers the record.
    let coastal = list(&server, &javery, COASTAL_PLAIN, "").await;
    assert_eq!(coastal.my_role, OaRole::Backup);
}

#[tokio::test]
async fn the_backup_adds_a_user_who_then_sees_the_record_and_the_primary_is_told() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;

    let response = add(&server, &javery, TRIANGLE, " kpatel4 ", &["Eligibility"]).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let row: RecordUserRow = response.json().await.unwrap();
    assert_eq!(
        (
            row.ncid.as_str(),
            row.roles.clone(),
            row.status,
            row.oa_role
        ),
        (
            "kpatel4",
            vec!["Eligibility".to_owned()],
            AssociationStatus::Active,
            None
        )
    );

    // The user sees it at once in My Account Management.
    let kpatel = server.signed_in("kpatel4").await;
    let mine: AccountPage = server
        .get_json(&kpatel, &format!("/api/accounts?q={TRIANGLE}"))
        .await;
    assert_eq!(mine.rows.len(), 1);
    assert_eq!(mine.rows[0].roles, ["Eligibility"]);

    // R-USER-3: one audit row; the user and the primary hear of it once each, not the actor.
    let audit = audit(&server).await;
    assert_eq!(audit.len(), 1);
    let (actor, action, association, record, user, before, after) = &audit[0];
    assert_eq!(*actor, user_id(&server, "javery1").await);
    assert_eq!(
        (action.as_str(), *association, record.as_str()),
        ("user_added", row.id, TRIANGLE)
    );
    assert_eq!(*user, Some(user_id(&server, "kpatel4").await));
    assert_eq!(before, &None);
    let after: serde_json::Value = serde_json::from_str(after.as_deref().unwrap()).unwrap();
    assert_eq!(
        after,
        serde_json::json!({"roles": ["Eligibility"], "status": "active"})
    );
    assert_eq!(
        notices(&server, "User added").await,
        counted(&[("kpatel4", 1), ("providertraining1", 1)])
    );
}

#[tokio::test]
async fn adding_is_refused_at_the_field_for_no_account_no_role_or_an_existing_user() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;
    let before = associations(&server).await;

    let unknown = add(&server, &javery, AVERY_FAMILY, "nobody9", &["Claims"]).await;
    let body = refusal(unknown, StatusCode::UNPROCESSABLE_ENTITY, "R-USER-4").await;
    assert!(
        body.fields["ncid"].contains("no portal account"),
        "{body:?}"
    );

    let no_role = add(&server, &javery, AVERY_FAMILY, "mreyes3", &[]).await;
    let body = refusal(no_role, StatusCode::UNPROCESSABLE_ENTITY, "R-USER-1").await;
    assert!(body.fields.contains_key("roles"), "{body:?}");

    let unknown_role = add(&server, &javery, AVERY_FAMILY, "mreyes3", &["Billing"]).await;
    let body = refusal(unknown_role, StatusCode::UNPROCESSABLE_ENTITY, "R-USER-1").await;
    assert!(body.fields.contains_key("roles"), "{body:?}");

    // R-USER-4: an existing association is changed, not added twice (any case of the NCID).
    let existing = add(&server, &javery, AVERY_FAMILY, "CLIN2", &["Claims"]).await;
    let body = refusal(existing, StatusCode::CONFLICT, "R-USER-4").await;
    assert!(body.message.contains("Change their roles"), "{body:?}");
    assert!(body.fields.contains_key("ncid"));

    // R-USER-2: the backup cannot add (or re-add) the primary.
    let primary = add(&server, &javery, TRIANGLE, "providertraining1", &["Claims"]).await;
    refusal(primary, StatusCode::CONFLICT, "R-USER-2").await;

    assert_eq!(associations(&server).await, before);
    assert!(audit(&server).await.is_empty());
}

#[tokio::test]
async fn the_primary_changes_roles_inactivates_reactivates_and_ends_access() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;

    let response = change_roles(&server, &javery, AVERY_FAMILY, 80, &["Referrals", "Claims"]).await;
    let row: RecordUserRow = common::json(response).await;
    assert_eq!(row.roles, ["Claims", "Referrals"]);
    // The same roles again change nothing and write nothing.
    let again = change_roles(&server, &javery, AVERY_FAMILY, 80, &["Claims", "Referrals"]).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(audit(&server).await.len(), 1);
    let no_role = change_roles(&server, &javery, AVERY_FAMILY, 80, &[]).await;
    refusal(no_role, StatusCode::UNPROCESSABLE_ENTITY, None).await;
    // An association of another record is not found through this one.
    let elsewhere = change_roles(&server, &javery, AVERY_FAMILY, 50, &["Claims"]).await;
    refusal(elsewhere, StatusCode::NOT_FOUND, None).await;

    let inactive = set_status(
        &server,
        &javery,
        AVERY_FAMILY,
        &[1, 47, 80, 9999],
        AssociationStatus::Inactive,
    )
    .await;
    let outcomes = report(inactive).await;
    assert_eq!(outcomes[&47], UserChangeOutcome::Changed);
    assert_eq!(outcomes[&80], UserChangeOutcome::Changed);
    assert_eq!(outcomes[&9999], UserChangeOutcome::NotFound);
    assert!(matches!(
        &outcomes[&1],
        UserChangeOutcome::Refused { rule, .. } if rule.id() == "R-USER-2"
    ));
    let page = list(&server, &javery, AVERY_FAMILY, "?status=inactive").await;
    assert_eq!(ncids(&page), ["clin2", "kpatel4"]);

    let twice = set_status(
        &server,
        &javery,
        AVERY_FAMILY,
        &[47],
        AssociationStatus::Inactive,
    )
    .await;
    assert_eq!(report(twice).await[&47], UserChangeOutcome::Unchanged);
    let active = set_status(
        &server,
        &javery,
        AVERY_FAMILY,
        &[47],
        AssociationStatus::Active,
    )
    .await;
    assert_eq!(report(active).await[&47], UserChangeOutcome::Changed);

    let ended = end_access(&server, &javery, AVERY_FAMILY, &[80]).await;
    assert_eq!(report(ended).await[&80], UserChangeOutcome::Changed);
    let ended_again = end_access(&server, &javery, AVERY_FAMILY, &[80]).await;
    assert_eq!(report(ended_again).await[&80], UserChangeOutcome::NotFound);
    let page = list(&server, &javery, AVERY_FAMILY, "").await;
    assert_eq!(ncids(&page), ["clin2", "javery1"]);
    let kpatel = server.signed_in("kpatel4").await;
    let mine: AccountPage = server
        .get_json(&kpatel, &format!("/api/accounts?q={AVERY_FAMILY}"))
        .await;
    assert!(mine.rows.is_empty());

    let actions: Vec<(String, AssociationId)> = audit(&server)
        .await
        .into_iter()
        .map(|(_, action, association, ..)| (action, association))
        .collect();
    let expected = [
        ("roles_changed", 80),
        ("user_inactivated", 47),
        ("user_inactivated", 80),
        ("user_reactivated", 47),
        ("access_ended", 80),
    ];
    assert_eq!(
        actions,
        expected.map(|(action, id)| (action.to_owned(), id))
    );
    // No backup here: each change goes to the user concerned alone, never to javery1.
    assert_eq!(
        notices(&server, "Access ended").await,
        counted(&[("kpatel4", 1)])
    );
    assert_eq!(
        notices(&server, "Roles changed").await,
        counted(&[("kpatel4", 1)])
    );
}

#[tokio::test]
async fn a_change_by_the_primary_is_told_to_the_user_and_the_backup_once_each() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;
    let added: RecordUserRow = add(&server, &javery, JORDAN_AVERY_MD, "kpatel4", &["Claims"])
        .await
        .json()
        .await
        .unwrap();
    end_access(&server, &javery, JORDAN_AVERY_MD, &[added.id]).await;
    assert_eq!(
        notices(&server, "User added").await,
        counted(&[("clin2", 1), ("kpatel4", 1)])
    );
    // The backup is also a user of the record; a change to the backup's own row is refused.
    let own = end_access(&server, &javery, JORDAN_AVERY_MD, &[48]).await;
    assert!(matches!(
        report(own).await[&48],
        UserChangeOutcome::Refused { .. }
    ));
    assert_eq!(
        notices(&server, "Access ended").await,
        counted(&[("clin2", 1), ("kpatel4", 1)])
    );
}

#[tokio::test]
async fn the_oas_own_rows_are_refused() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;
    let before = associations(&server).await;

    // The primary's own row, and the backup changing the primary's row or its own.
    let own = change_roles(&server, &javery, AVERY_FAMILY, 1, &["Claims"]).await;
    let body = refusal(own, StatusCode::CONFLICT, "R-USER-2").await;
    assert!(body.message.contains("OA Change Request"), "{body:?}");
    let primary = change_roles(&server, &javery, TRIANGLE, 82, &["Claims"]).await;
    refusal(primary, StatusCode::CONFLICT, "R-USER-2").await;
    let outcomes = report(end_access(&server, &javery, TRIANGLE, &[5, 82]).await).await;
    for id in [5, 82] {
        assert!(
            matches!(&outcomes[&id], UserChangeOutcome::Refused { rule, .. } if rule.id() == "R-USER-2"),
            "{outcomes:?}"
        );
    }
    let outcomes = report(
        set_status(
            &server,
            &javery,
            TRIANGLE,
            &[5],
            AssociationStatus::Inactive,
        )
        .await,
    )
    .await;
    assert!(matches!(outcomes[&5], UserChangeOutcome::Refused { .. }));

    assert_eq!(associations(&server).await, before);
    assert!(audit(&server).await.is_empty());
    assert!(notices(&server, "").await.is_empty());
}

#[tokio::test]
async fn a_user_who_is_not_an_oa_and_a_stranger_are_refused_and_nothing_changes() {
    let server = start().await;
    let before = associations(&server).await;
    // clin2 is a user of Avery Family Practice; mreyes3 has nothing to do with it; ghart7 is
    // Coastal Plain's end-dated primary (R-BOA-8).
    for (ncid, record) in [
        ("clin2", AVERY_FAMILY),
        ("mreyes3", AVERY_FAMILY),
        ("ghart7", COASTAL_PLAIN),
    ] {
        let client = server.signed_in(ncid).await;
        let listed = client
            .get(server.url(&users_path(record)))
            .send()
            .await
            .unwrap();
        let body = refusal(listed, StatusCode::FORBIDDEN, "R-USER-1").await;
        assert!(body.message.contains("You do not administer"), "{body:?}");
        if record == AVERY_FAMILY {
            assert!(
                body.message.contains("Jordan Avery (javery1), primary OA"),
                "{body:?}"
            );
        } else {
            assert!(!body.message.contains("ghart7"), "{body:?}");
            assert!(body.message.contains("(javery1), backup OA"), "{body:?}");
        }
        for response in [
            add(&server, &client, record, "dwhit5", &["Claims"]).await,
            change_roles(&server, &client, record, 47, &["Claims"]).await,
            set_status(
                &server,
                &client,
                record,
                &[47, 49],
                AssociationStatus::Inactive,
            )
            .await,
            end_access(&server, &client, record, &[47, 49]).await,
        ] {
            refusal(response, StatusCode::FORBIDDEN, "R-USER-1").await;
        }
    }
    let javery = server.signed_in("javery1").await;
    let missing = javery
        .get(server.url(&users_path("0000000000")))
        .send()
        .await
        .unwrap();
    refusal(missing, StatusCode::NOT_FOUND, None).await;

    assert_eq!(associations(&server).await, before);
    assert!(audit(&server).await.is_empty());
    assert!(notices(&server, "").await.is_empty());
}

#[tokio::test]
async fn two_oas_changing_one_user_at_once_are_applied_one_after_the_other() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;
    let clin = server.signed_in("clin2").await;

    // Both add the same user at once: one adds, the other is told to change roles instead.
    let (first, second) = tokio::join!(
        add(&server, &javery, JORDAN_AVERY_MD, "kpatel4", &["Claims"]),
        add(&server, &clin, JORDAN_AVERY_MD, "kpatel4", &["Referrals"]),
    );
    let statuses = BTreeSet::from([first.status(), second.status()]);
    assert_eq!(
        statuses,
        BTreeSet::from([StatusCode::CREATED, StatusCode::CONFLICT])
    );
    let page = list(&server, &javery, JORDAN_AVERY_MD, "?q=kpatel4").await;
    assert_eq!(page.rows.len(), 1);
    let id = page.rows[0].id;

    // Both change its roles at once: each change is whole, and the second's "before" is the
    // first's "after", so no change is lost from the audit log.
    let (first, second) = tokio::join!(
        change_roles(&server, &javery, JORDAN_AVERY_MD, id, &["Eligibility"]),
        change_roles(
            &server,
            &clin,
            JORDAN_AVERY_MD,
            id,
            &["Prior Approvals", "Referrals"]
        ),
    );
    assert_eq!(
        (first.status(), second.status()),
        (StatusCode::OK, StatusCode::OK)
    );
    let changes: Vec<(Option<String>, Option<String>)> = audit(&server)
        .await
        .into_iter()
        .filter(|row| row.1 == "roles_changed")
        .map(|row| (row.5, row.6))
        .collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1].0, changes[0].1);
    let last: serde_json::Value = serde_json::from_str(changes[1].1.as_deref().unwrap()).unwrap();
    let now = list(&server, &javery, JORDAN_AVERY_MD, "?q=kpatel4").await;
    assert_eq!(serde_json::json!(now.rows[0].roles), last["roles"]);

    // One ends the access while the other makes it inactive: whichever comes second finds
    // nothing to change, and the user ends with no access.
    let ids = [id];
    let (ended, inactivated) = tokio::join!(
        end_access(&server, &javery, JORDAN_AVERY_MD, &ids),
        set_status(
            &server,
            &clin,
            JORDAN_AVERY_MD,
            &ids,
            AssociationStatus::Inactive
        ),
    );
    let ended = report(ended).await[&id].clone();
    let inactivated = report(inactivated).await[&id].clone();
    assert_eq!(ended, UserChangeOutcome::Changed);
    assert!(
        matches!(
            inactivated,
            UserChangeOutcome::Changed | UserChangeOutcome::NotFound
        ),
        "{inactivated:?}"
    );
    let gone = list(&server, &javery, JORDAN_AVERY_MD, "?q=kpatel4").await;
    assert!(gone.rows.is_empty());
}

/// A record holding most users is read in a user column's order by walking that column's
/// index over users (list.rs): every order, both ways, pages through exactly the sorted list
/// that the rows themselves give, with no user twice or missing.
#[tokio::test]
async fn a_record_of_many_users_pages_through_each_user_column_in_order() {
    let server = start().await;
    portal_server::scenarios::more_record_users(&server.state.db, TRIANGLE, 300)
        .await
        .unwrap();
    let javery = server.signed_in("javery1").await;
    for sort in ["ncid", "name", "last_sign_in", "added"] {
        for dir in ["asc", "desc"] {
            let mut seen = Vec::new();
            for page in 1..=4 {
                let listed = list(
                    &server,
                    &javery,
                    TRIANGLE,
                    &format!("?sort={sort}&dir={dir}&size=100&page={page}"),
                )
                .await;
                assert_eq!(listed.total_matching, 302, "{sort} {dir}");
                seen.extend(listed.rows);
            }
            let distinct: BTreeSet<&str> = seen.iter().map(|row| row.ncid.as_str()).collect();
            assert_eq!(distinct.len(), 302, "{sort} {dir}: a user twice or missing");
            // The days shown order as the times sorted on do; never signed in comes first.
            let key = |row: &contract::record_users::RecordUserRow| match sort {
                "ncid" => (row.ncid.to_lowercase(), None),
                "name" => (row.name.to_lowercase(), None),
                "last_sign_in" => (String::new(), row.last_sign_in),
                _ => (String::new(), row.added),
            };
            let keys: Vec<_> = seen.iter().map(key).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            if dir == "desc" {
                sorted.reverse();
            }
            assert_eq!(keys, sorted, "{sort} {dir}");
        }
    }
}

/// The list sorts on the association's copy of the user's columns (migration 0011): a sign-in
/// moves the user in the last sign-in order at once.
#[tokio::test]
async fn a_sign_in_moves_the_user_in_the_last_sign_in_order() {
    let server = start().await;
    let javery = server.signed_in("javery1").await;
    let latest_first = "?sort=last_sign_in&dir=desc";
    let before = list(&server, &javery, TRIANGLE, latest_first).await;
    assert_eq!(ncids(&before), ["javery1", "providertraining1"]);
    assert_eq!(before.rows[1].last_sign_in, None);

    server.state.clock.advance(24 * 60 * 60);
    server.signed_in("providertraining1").await;
    let after = list(&server, &javery, TRIANGLE, latest_first).await;
    assert_eq!(ncids(&after), ["providertraining1", "javery1"]);
    assert!(after.rows[0].last_sign_in.is_some());
}
