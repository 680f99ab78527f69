//! My Account Management (R-ACCT-1..4) over real HTTP against a real SQLite file seeded with the
//! demo data. javery1 has associations 1–46: 1–4 on records he is primary OA of, 5 (Triangle
//! Pediatrics Group) and 6 (Coastal Plain Surgical Associates) on records he is backup OA of;
//! 14, 25 and 36 are inactive.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{client, error_of, mutate, Server};
use contract::accounts::{
    AccountPage, AccountRow, AccountSelection, AssociationId, AssociationStatus, RemovalLock,
    RemovalOutcome, RemovalReport, SelectionPreview, SortColumn, SortDirection,
};
use contract::error::codes;
use contract::records::OaRole;
use contract::table::{RowsPage, TableFilter, MAX_FILTER_LENGTH};
use reqwest::{Client, Response, StatusCode};

/// 2026-10-01T12:00:00Z: the day after Coastal Plain Surgical Associates' primary OA's end date.
const OCT_1_2026_NOON: i64 = 1_790_856_000;
const COASTAL_PLAIN: &str = "2137914794";
/// Sandhills Family Medicine: primary OA tstclaims3, no backup; javery1's association 8.
const SANDHILLS: &str = "2336930211";
const JAVERY1_ASSOCIATIONS: std::ops::RangeInclusive<AssociationId> = 1..=46;

async fn list(server: &Server, client: &Client, query: &[(&str, &str)]) -> AccountPage {
    let response = client
        .get(server.url("/api/accounts"))
        .query(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{query:?}");
    response.json().await.unwrap()
}

async fn ids(server: &Server, client: &Client, query: &[(&str, &str)]) -> Vec<AssociationId> {
    row_ids(&list(server, client, query).await.rows)
}

/// Every row of the signed-in user (at most 100) in the given order.
async fn all_rows(server: &Server, client: &Client, query: &[(&str, &str)]) -> Vec<AccountRow> {
    let mut query = query.to_vec();
    query.push(("size", "100"));
    let page = list(server, client, &query).await;
    assert!(page.total_matching <= 100);
    page.rows
}

async fn post(
    server: &Server,
    client: &Client,
    path: &str,
    selection: &AccountSelection,
) -> Response {
    mutate(client.post(server.url(path)))
        .json(selection)
        .send()
        .await
        .unwrap()
}

async fn preview(
    server: &Server,
    client: &Client,
    selection: &AccountSelection,
) -> SelectionPreview {
    let response = post(server, client, "/api/accounts/preview", selection).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn remove(server: &Server, client: &Client, selection: &AccountSelection) -> RemovalReport {
    let response = post(server, client, "/api/accounts/removal", selection).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn ids_of(ids: impl IntoIterator<Item = AssociationId>) -> AccountSelection {
    AccountSelection::Ids {
        ids: ids.into_iter().collect(),
    }
}

fn row_ids(rows: &[AccountRow]) -> Vec<AssociationId> {
    rows.iter().map(|row| row.id).collect()
}

fn outcomes(report: &RemovalReport) -> BTreeMap<AssociationId, RemovalOutcome> {
    report
        .results
        .iter()
        .map(|result| (result.id, result.outcome.clone()))
        .collect()
}

fn refused(role: OaRole) -> RemovalOutcome {
    let lock = RemovalLock::for_role(role);
    RemovalOutcome::Refused {
        reason: lock.explanation(),
        rule: contract::Rule::Acct3,
    }
}

async fn association_exists(server: &Server, id: AssociationId) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM associations WHERE id = ?")
        .bind(id)
        .fetch_one(&server.state.db)
        .await
        .unwrap()
        == 1
}

/// Audit rows per association id.
async fn audit_counts(server: &Server) -> BTreeMap<AssociationId, i64> {
    sqlx::query_as::<_, (AssociationId, i64)>(
        "SELECT association_id, COUNT(*) FROM audit_log GROUP BY association_id",
    )
    .fetch_all(&server.state.db)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

async fn message_count(server: &Server) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM messages")
        .fetch_one(&server.state.db)
        .await
        .unwrap()
}

async fn user_id(server: &Server, ncid: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_one(&server.state.db)
        .await
        .unwrap()
}

/// Gives `ncid` an active "Claims" association with `record`; returns its id.
async fn associate(server: &Server, ncid: &str, record: &str) -> AssociationId {
    sqlx::query_scalar(
        "INSERT INTO associations (user_id, record_id, roles, status) \
         VALUES ((SELECT id FROM users WHERE ncid = ?), ?, '[\"Claims\"]', 'active') RETURNING id",
    )
    .bind(ncid)
    .bind(record)
    .fetch_one(&server.state.db)
    .await
    .unwrap()
}

async fn set_primary_oa(server: &Server, record: &str, ncid: Option<&str>) {
    sqlx::query(
        "UPDATE records SET primary_oa_id = (SELECT id FROM users WHERE ncid = ?) WHERE id = ?",
    )
    .bind(ncid)
    .bind(record)
    .execute(&server.state.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_list_shows_only_my_associations_page_by_page() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;

    let first = list(&server, &client, &[]).await;
    assert_eq!((first.page, first.page_size), (1, 10));
    assert_eq!(first.total_matching, 46);
    assert_eq!(first.removable_matching, 40, "six rows are locked");
    assert_eq!(first.page_count(), 5);
    // Sorted by OA NCID: aadams3 is the primary OA of the records of 9, 27 and 45.
    assert_eq!(row_ids(&first.rows[..3]), [9, 27, 45]);

    let everything = all_rows(&server, &client, &[]).await;
    let ids: BTreeSet<AssociationId> = everything.iter().map(|row| row.id).collect();
    assert_eq!(
        ids,
        JAVERY1_ASSOCIATIONS.collect(),
        "R-ACCT-1: mine, all of them"
    );
    let mut paged = Vec::new();
    for page in 1..=5 {
        let page = list(&server, &client, &[("page", &page.to_string())]).await;
        paged.extend(page.rows);
    }
    assert_eq!(paged, everything, "pages of 10 add up to the whole list");

    let past_the_end = list(&server, &client, &[("page", "6")]).await;
    assert!(past_the_end.rows.is_empty());
    assert_eq!((past_the_end.page, past_the_end.total_matching), (6, 46));

    let sandhills = everything.iter().find(|row| row.id == 8).unwrap();
    assert_eq!(
        sandhills,
        &AccountRow {
            id: 8,
            oa_ncid: "tstclaims3".into(),
            oa_name: "Riley Morgan".into(),
            oa_end_date: None,
            // Stored as Prior Approvals, Eligibility, Claims, Referrals: shown in one order.
            roles: ["Prior Approvals", "Claims", "Eligibility", "Referrals"]
                .map(String::from)
                .to_vec(),
            provider_id: "2336930211".into(),
            record_name: "Sandhills Family Medicine".into(),
            status: AssociationStatus::Active,
            lock: None,
        }
    );
    let coastal = everything.iter().find(|row| row.id == 6).unwrap();
    assert_eq!(coastal.oa_ncid, "ghart7");
    assert_eq!(coastal.oa_name, "Glenn Hart");
    assert_eq!(coastal.oa_end_date.unwrap().to_string(), "2026-09-30");
    assert_eq!(coastal.roles, ["Claims", "Eligibility"]);

    let other = common::client();
    server.sign_in(&other, "clin2").await;
    // By OA NCID: ghart7, then javery1 twice.
    assert_eq!(row_ids(&all_rows(&server, &other, &[]).await), [49, 47, 48]);
}

#[tokio::test]
async fn every_column_sorts_both_ways_with_ties_broken_by_id() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let rows = all_rows(&server, &client, &[]).await;

    for column in SortColumn::ALL {
        let key = |row: &AccountRow| match column {
            SortColumn::OaNcid => row.oa_ncid.to_lowercase(),
            SortColumn::OaName => row.oa_name.to_lowercase(),
            SortColumn::Roles => row.roles.join(", "),
            SortColumn::ProviderId => row.provider_id.clone(),
            SortColumn::Status => row.status.key().to_owned(),
        };
        let mut ascending = rows.clone();
        ascending.sort_by_key(|row| (key(row), row.id));
        for direction in [SortDirection::Ascending, SortDirection::Descending] {
            let mut expected = row_ids(&ascending);
            if direction == SortDirection::Descending {
                expected.reverse();
            }
            let query = [("sort", column.key()), ("dir", direction.key())];
            let sorted = all_rows(&server, &client, &query).await;
            assert_eq!(row_ids(&sorted), expected, "{column:?} {direction:?}");
            let mut paged = Vec::new();
            for page in ["1", "2", "3", "4", "5"] {
                let mut query = query.to_vec();
                query.push(("page", page));
                paged.extend(list(&server, &client, &query).await.rows);
            }
            assert_eq!(row_ids(&paged), expected, "paged {column:?} {direction:?}");
        }
    }

    let first = |ids: Vec<AssociationId>| ids[..3].to_vec();
    let query = [("sort", "status"), ("dir", "desc")];
    assert_eq!(first(ids(&server, &client, &query).await), [36, 25, 14]);
    // "Claims, Eligibility" sorts before every list that starts with "Prior Approvals".
    let query = [("sort", "roles")];
    assert_eq!(first(ids(&server, &client, &query).await), [6, 9, 12]);
    // NPI 1807736982 (Jordan Avery, MD) is the smallest.
    let query = [("sort", "provider_id")];
    assert_eq!(ids(&server, &client, &query).await[0], 2);
    let query = [("sort", "oa_name"), ("dir", "desc")];
    assert_eq!(
        first(ids(&server, &client, &query).await),
        [7, 5, 44],
        "Taylor Brooks, then Skyler Vaughn"
    );
}

#[tokio::test]
async fn the_filter_matches_exactly_as_the_contract_defines() {
    let server = Server::start().await;
    let client = client();
    sqlx::query(
        "INSERT INTO users (ncid, name, email, password_hash, pin_hash, totp_secret) \
         VALUES ('zalvarez1', 'ÁLVAREZ, Zoë', 'z@example.org', 'x', 'x', 'x')",
    )
    .execute(&server.state.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO records (id, id_kind, name, kind, programs, primary_oa_id, \
         authorization_code) VALUES ('ATYP7788', 'atypical', 'Outer Banks Pediatrics', \
         'atypical', '[\"medicaid\"]', (SELECT id FROM users WHERE ncid = 'zalvarez1'), 'C')",
    )
    .execute(&server.state.db)
    .await
    .unwrap();
    let zoe = associate(&server, "javery1", "ATYP7788").await;
    server.sign_in(&client, "javery1").await;
    let everything = all_rows(&server, &client, &[]).await;
    assert_eq!(everything.len(), 47);

    let texts = [
        "AVERY",
        "  hart\t",
        "2336",
        "álvarez",
        "zoË",
        "atyp77",
        "Pediatrics",
        "javery1",
        "%",
        "_",
        "zzz",
        "",
    ];
    for text in texts {
        for status in [
            None,
            Some(AssociationStatus::Active),
            Some(AssociationStatus::Inactive),
        ] {
            let filter = TableFilter {
                text: text.into(),
                status,
            };
            let expected: Vec<&AccountRow> = everything
                .iter()
                .filter(|row| filter.matches(*row))
                .collect();
            let mut query = vec![("q", text)];
            if let Some(status) = status {
                query.push(("status", status.key()));
            }
            query.push(("size", "100"));
            let page = list(&server, &client, &query).await;
            let got: Vec<&AccountRow> = page.rows.iter().collect();
            assert_eq!(got, expected, "{filter:?}");
            assert_eq!(page.total_matching, expected.len() as u64, "{filter:?}");
            let removable = expected.iter().filter(|row| row.lock.is_none()).count();
            assert_eq!(page.removable_matching, removable as u64, "{filter:?}");
        }
    }

    // The cases a plain SQL filter would get wrong, spelled out.
    for (text, expected, why) in [
        ("álvarez", vec![zoe], "Unicode case"),
        (" Zoë ", vec![zoe], "trimmed"),
        ("%", vec![], "no wildcards"),
        ("Pediatrics", vec![], "record names are not searched"),
    ] {
        assert_eq!(
            ids(&server, &client, &[("q", text)]).await,
            expected,
            "{why}"
        );
    }
    let inactive = [("status", "inactive")];
    assert_eq!(
        ids(&server, &client, &inactive).await,
        [14, 36, 25],
        "fprice2, ldiaz4, smoreno6"
    );
    let hart = list(&server, &client, &[("q", "HART")]).await;
    assert_eq!((hart.total_matching, hart.removable_matching), (1, 0));
}

#[tokio::test]
async fn the_list_follows_a_change_of_the_records_primary_oa() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let row_8 = |rows: Vec<AccountRow>| rows.into_iter().find(|row| row.id == 8).unwrap();

    set_primary_oa(&server, SANDHILLS, Some("kpatel4")).await;
    let row = row_8(all_rows(&server, &client, &[]).await);
    assert_eq!(
        (row.oa_ncid.as_str(), row.oa_name.as_str()),
        ("kpatel4", "Kiran Patel")
    );
    assert_eq!(ids(&server, &client, &[("q", "patel")]).await, [8]);
    assert!(ids(&server, &client, &[("q", "riley")]).await.is_empty());

    sqlx::query("UPDATE users SET name = 'Kiran Patel-Ng' WHERE ncid = 'kpatel4'")
        .execute(&server.state.db)
        .await
        .unwrap();
    assert_eq!(ids(&server, &client, &[("q", "patel-ng")]).await, [8]);

    // The caller becoming the primary OA locks the row at once (R-ACCT-3).
    set_primary_oa(&server, SANDHILLS, Some("javery1")).await;
    let page = list(&server, &client, &[("size", "100")]).await;
    assert_eq!(
        row_8(page.rows).lock,
        Some(RemovalLock::for_role(OaRole::Primary))
    );
    assert_eq!(page.removable_matching, 39);

    set_primary_oa(&server, SANDHILLS, None).await;
    let row = row_8(all_rows(&server, &client, &[]).await);
    assert_eq!(
        (row.oa_ncid.as_str(), row.oa_name.as_str(), row.lock),
        ("", "", None)
    );
    assert_eq!(
        ids(&server, &client, &[]).await[0],
        8,
        "an empty OA NCID sorts first"
    );
}

#[tokio::test]
async fn a_wrong_query_is_refused_naming_its_field() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let long = "x".repeat(MAX_FILTER_LENGTH + 1);
    for (key, value) in [
        ("page", "0"),
        ("page", "two"),
        ("size", "20"),
        ("sort", "colour"),
        ("dir", "up"),
        ("status", "gone"),
        ("q", long.as_str()),
    ] {
        let response = client
            .get(server.url("/api/accounts"))
            .query(&[(key, value)])
            .send()
            .await
            .unwrap();
        let (status, body) = error_of(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{key}={value}");
        assert_eq!(body.error, codes::VALIDATION);
        assert!(body.fields.contains_key(key), "{key}: {body:?}");
    }
}

#[tokio::test]
async fn accounts_need_a_signed_in_session_and_removal_the_csrf_header() {
    let server = Server::start().await;
    let client = client();
    let (status, body) = error_of(server.get(&client, "/api/accounts").await).await;
    assert_eq!(
        (status, body.error.as_str()),
        (StatusCode::UNAUTHORIZED, codes::UNAUTHORIZED)
    );
    for path in ["/api/accounts/preview", "/api/accounts/removal"] {
        let (status, body) = error_of(post(&server, &client, path, &ids_of([7])).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(body.error, codes::UNAUTHORIZED);
    }

    server.sign_in(&client, "javery1").await;
    let response = client
        .post(server.url("/api/accounts/removal"))
        .json(&ids_of([7]))
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(response).await;
    assert_eq!(
        (status, body.error.as_str()),
        (StatusCode::FORBIDDEN, codes::CSRF)
    );
    assert!(association_exists(&server, 7).await);
}

#[tokio::test]
async fn locked_rows_say_why_and_are_refused_whatever_the_client_sends() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;

    let rows = all_rows(&server, &client, &[]).await;
    let locks: BTreeMap<AssociationId, OaRole> = rows
        .iter()
        .filter_map(|row| Some((row.id, row.lock.as_ref()?.role)))
        .collect();
    use OaRole::{Backup, Primary};
    assert_eq!(
        locks,
        BTreeMap::from([
            (1, Primary),
            (2, Primary),
            (3, Primary),
            (4, Primary),
            (5, Backup),
            (6, Backup)
        ])
    );
    assert!(rows
        .iter()
        .filter_map(|row| row.lock.as_ref())
        .all(|lock| lock.rule == contract::Rule::Acct3));

    let report = remove(&server, &client, &ids_of(1..=7)).await;
    let mut expected: BTreeMap<_, _> = locks
        .iter()
        .map(|(id, role)| (*id, refused(*role)))
        .collect();
    expected.insert(7, RemovalOutcome::Removed);
    assert_eq!(outcomes(&report), expected);
    for id in 1..=6 {
        assert!(association_exists(&server, id).await, "{id} kept");
    }
    assert!(!association_exists(&server, 7).await);
    assert_eq!(audit_counts(&server).await, BTreeMap::from([(7, 1)]));

    // Everything matching: the locked rows are listed apart (by OA NCID) and never counted.
    let everything = AccountSelection::Matching {
        filter: TableFilter::default(),
        except: BTreeSet::new(),
        also: BTreeSet::new(),
    };
    let preview = preview(&server, &client, &everything).await;
    assert_eq!(
        row_ids(&preview.locked),
        [6, 1, 2, 3, 4, 5],
        "ghart7, javery1, providertraining1"
    );
    assert_eq!(preview.total, 39);
    let report = remove(&server, &client, &everything).await;
    assert_eq!(
        report.count(|outcome| matches!(outcome, RemovalOutcome::Removed)),
        39
    );
    assert_eq!(
        report.count(|outcome| matches!(outcome, RemovalOutcome::Refused { .. })),
        6
    );
    assert_eq!(row_ids(&all_rows(&server, &client, &[]).await).len(), 6);
}

#[tokio::test]
async fn an_end_dated_primary_oa_is_locked_through_the_end_date_only() {
    let server = Server::start().await;
    let own = associate(&server, "ghart7", COASTAL_PLAIN).await;
    server.state.clock.set(OCT_1_2026_NOON - 86_400);
    let client = server.signed_in("ghart7").await;

    let rows = all_rows(&server, &client, &[]).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].lock,
        Some(RemovalLock::for_role(OaRole::Primary)),
        "the end date is inclusive"
    );
    let report = remove(&server, &client, &ids_of([own])).await;
    assert_eq!(
        outcomes(&report),
        BTreeMap::from([(own, refused(OaRole::Primary))])
    );

    server.state.clock.advance(86_400);
    let page = list(&server, &client, &[]).await;
    assert_eq!(page.rows[0].lock, None);
    assert_eq!(page.removable_matching, 1);
    let report = remove(&server, &client, &ids_of([own])).await;
    assert_eq!(
        outcomes(&report),
        BTreeMap::from([(own, RemovalOutcome::Removed)])
    );

    // The notice goes to the backup OA, not to the end-dated primary who left.
    let recipients: Vec<String> = sqlx::query_scalar(
        "SELECT u.ncid FROM messages m JOIN users u ON u.id = m.recipient_user_id",
    )
    .fetch_all(&server.state.db)
    .await
    .unwrap();
    assert_eq!(recipients, ["javery1"]);
}

#[tokio::test]
async fn someone_elses_association_is_answered_already_gone_and_kept() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    // 47 is clin2's, 84 tstclaims3's, 9999 nobody's.
    let report = remove(&server, &client, &ids_of([47, 84, 9_999])).await;
    assert_eq!(
        outcomes(&report),
        BTreeMap::from([
            (47, RemovalOutcome::AlreadyGone),
            (84, RemovalOutcome::AlreadyGone),
            (9_999, RemovalOutcome::AlreadyGone),
        ])
    );
    let owner: String = sqlx::query_scalar(
        "SELECT u.ncid FROM associations a JOIN users u ON u.id = a.user_id WHERE a.id = 47",
    )
    .fetch_one(&server.state.db)
    .await
    .unwrap();
    assert_eq!(owner, "clin2");
    assert!(association_exists(&server, 84).await);
    assert!(audit_counts(&server).await.is_empty());
    assert_eq!(message_count(&server).await, 0);
    let preview = preview(&server, &client, &ids_of([47, 84])).await;
    assert_eq!(
        (preview.total, preview.rows.len(), preview.locked.len()),
        (0, 0, 0)
    );
}

#[tokio::test]
async fn a_removal_writes_its_audit_row_and_notices_once() {
    let server = Server::start().await;
    let client = server.signed_in("clin2").await;
    let before = server.state.clock.now();
    // 49: Coastal Plain Surgical Associates, primary OA ghart7, backup OA javery1.
    let report = remove(&server, &client, &ids_of([49])).await;
    let after = server.state.clock.now();
    assert_eq!(
        outcomes(&report),
        BTreeMap::from([(49, RemovalOutcome::Removed)])
    );
    assert_eq!(row_ids(&all_rows(&server, &client, &[]).await), [47, 48]);

    let audit: Vec<(i64, String, AssociationId, String, i64)> = sqlx::query_as(
        "SELECT actor_user_id, action, association_id, record_id, created FROM audit_log",
    )
    .fetch_all(&server.state.db)
    .await
    .unwrap();
    assert_eq!(audit.len(), 1);
    let (actor, action, association, record, created) = &audit[0];
    assert_eq!(*actor, user_id(&server, "clin2").await);
    assert_eq!(
        (action.as_str(), *association, record.as_str()),
        ("association_removed", 49, COASTAL_PLAIN)
    );
    assert!((before..=after).contains(created));

    let messages: Vec<(String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT u.ncid, m.record_id, m.subject, m.body, m.created, m.read \
         FROM messages m JOIN users u ON u.id = m.recipient_user_id ORDER BY u.ncid",
    )
    .fetch_all(&server.state.db)
    .await
    .unwrap();
    let body = "Casey Lin (clin2) removed their access to Coastal Plain Surgical Associates";
    let subject = "Access removed: Coastal Plain Surgical Associates";
    let expected = |ncid: &str| {
        (
            ncid.to_owned(),
            COASTAL_PLAIN.to_owned(),
            subject.to_owned(),
            body.to_owned(),
            *created,
            0,
        )
    };
    assert_eq!(messages, [expected("ghart7"), expected("javery1")]);

    // Again: harmless, and nothing more is written.
    let report = remove(&server, &client, &ids_of([49])).await;
    assert_eq!(
        outcomes(&report),
        BTreeMap::from([(49, RemovalOutcome::AlreadyGone)])
    );
    assert_eq!(audit_counts(&server).await, BTreeMap::from([(49, 1)]));
    assert_eq!(message_count(&server).await, 2);
}

#[tokio::test]
async fn concurrent_removals_of_the_same_rows_remove_each_once() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let selection = ids_of(7..=46);
    let (first, second) = tokio::join!(
        remove(&server, &client, &selection),
        remove(&server, &client, &selection)
    );
    let (first, second) = (outcomes(&first), outcomes(&second));
    for id in 7..=46 {
        let pair = (&first[&id], &second[&id]);
        assert!(
            matches!(
                pair,
                (RemovalOutcome::Removed, RemovalOutcome::AlreadyGone)
                    | (RemovalOutcome::AlreadyGone, RemovalOutcome::Removed)
            ),
            "{id}: {pair:?}"
        );
    }
    assert_eq!(
        audit_counts(&server).await,
        (7..=46).map(|id| (id, 1)).collect()
    );
    // One notice per removal: none of these records has a backup OA.
    assert_eq!(message_count(&server).await, 40);
    let left = all_rows(&server, &client, &[("sort", "provider_id")]).await;
    assert_eq!(left.len(), 6, "only the locked rows are left");
    assert!(left.iter().all(|row| row.lock.is_some()));
}

#[tokio::test]
async fn a_matching_selection_stands_for_the_filter_less_except_plus_also() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let inactive = AccountSelection::Matching {
        filter: TableFilter {
            text: String::new(),
            status: Some(AssociationStatus::Inactive),
        },
        except: BTreeSet::from([25]),
        // 7 is an active row of mine; 47 is clin2's.
        also: BTreeSet::from([7, 47]),
    };

    let shown = preview(&server, &client, &inactive).await;
    assert_eq!(
        row_ids(&shown.rows),
        [14, 36, 7],
        "fprice2, ldiaz4, providertraining1"
    );
    assert_eq!(shown.total, 3);
    assert!(shown.locked.is_empty());

    let report = remove(&server, &client, &inactive).await;
    assert_eq!(
        outcomes(&report),
        BTreeMap::from([
            (7, RemovalOutcome::Removed),
            (14, RemovalOutcome::Removed),
            (36, RemovalOutcome::Removed),
            (47, RemovalOutcome::AlreadyGone),
        ])
    );
    assert!(association_exists(&server, 25).await);
    assert!(association_exists(&server, 47).await);
    assert_eq!(
        audit_counts(&server)
            .await
            .keys()
            .copied()
            .collect::<Vec<_>>(),
        [7, 14, 36]
    );

    // The filter is read at the moment of the request: now only 25 matches, and it is excepted.
    let report = remove(&server, &client, &inactive).await;
    assert_eq!(
        outcomes(&report),
        BTreeMap::from([
            (7, RemovalOutcome::AlreadyGone),
            (47, RemovalOutcome::AlreadyGone)
        ])
    );

    let mine_as_oa = AccountSelection::Matching {
        filter: TableFilter {
            text: "JAVERY1".into(),
            status: None,
        },
        except: BTreeSet::new(),
        also: BTreeSet::new(),
    };
    let as_oa = preview(&server, &client, &mine_as_oa).await;
    assert_eq!((as_oa.total, as_oa.rows.len()), (0, 0));
    assert_eq!(row_ids(&as_oa.locked), [1, 2, 3, 4]);
}

#[tokio::test]
async fn the_preview_lists_the_first_fifty_removable_rows_by_oa_ncid() {
    let server = Server::start().await;
    // 60 more records for javery1, with primary OAs spread over the other demo users.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) \
         INSERT INTO records \
         (id, id_kind, name, kind, programs, primary_oa_id, authorization_code) \
         SELECT printf('EXTRA%02d', i), 'atypical', printf('Extra Clinic %02d', i), \
         'atypical', '[\"medicaid\"]', 2 + i % 25, 'C' FROM n",
    )
    .execute(&server.state.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO associations (user_id, record_id, roles, status) \
         SELECT (SELECT id FROM users WHERE ncid = 'javery1'), id, '[\"Claims\"]', 'active' \
         FROM records WHERE id LIKE 'EXTRA%'",
    )
    .execute(&server.state.db)
    .await
    .unwrap();
    let client = server.signed_in("javery1").await;

    let mut by_ncid = list(&server, &client, &[("size", "100")]).await.rows;
    by_ncid.extend(
        list(&server, &client, &[("size", "100"), ("page", "2")])
            .await
            .rows,
    );
    assert_eq!(by_ncid.len(), 106);
    let removable: Vec<AssociationId> = by_ncid
        .iter()
        .filter(|row| row.lock.is_none())
        .map(|row| row.id)
        .collect();

    let everything = AccountSelection::Matching {
        filter: TableFilter::default(),
        except: BTreeSet::new(),
        also: BTreeSet::new(),
    };
    let preview = preview(&server, &client, &everything).await;
    assert_eq!(preview.total, 100);
    assert_eq!(row_ids(&preview.rows), removable[..50]);
    assert_eq!(row_ids(&preview.locked), [6, 1, 2, 3, 4, 5]);
}

#[tokio::test]
async fn a_selection_of_too_many_ids_or_a_long_filter_is_refused() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let long_filter = TableFilter {
        text: "x".repeat(MAX_FILTER_LENGTH + 1),
        status: None,
    };
    let cases = [
        (ids_of(1..=10_001), "ids"),
        (
            AccountSelection::Matching {
                filter: long_filter,
                except: BTreeSet::new(),
                also: BTreeSet::new(),
            },
            "filter",
        ),
        (
            AccountSelection::Matching {
                filter: TableFilter::default(),
                except: (1..=10_001).collect(),
                also: BTreeSet::new(),
            },
            "except",
        ),
        (
            AccountSelection::Matching {
                filter: TableFilter::default(),
                except: BTreeSet::new(),
                also: (1..=10_001).collect(),
            },
            "also",
        ),
    ];
    for (selection, field) in &cases {
        for path in ["/api/accounts/preview", "/api/accounts/removal"] {
            let (status, body) = error_of(post(&server, &client, path, selection).await).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {field}");
            assert_eq!(body.error, codes::VALIDATION);
            assert_eq!(body.fields.keys().collect::<Vec<_>>(), [field], "{path}");
        }
    }
    assert_eq!(audit_counts(&server).await.len(), 0, "nothing removed");
    assert_eq!(list(&server, &client, &[]).await.total_matching, 46);

    // 10,000 is still a selection.
    let report = remove(&server, &client, &ids_of(1..=10_000)).await;
    assert_eq!(report.results.len(), 10_000);
    assert_eq!(
        report.count(|outcome| matches!(outcome, RemovalOutcome::Removed)),
        40
    );
}
