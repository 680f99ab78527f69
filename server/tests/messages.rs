//! Messages (R-BOA-4, R-OA-7, R-ACCT-4): the caller's own notices newest first and paged, the
//! unread count, marking read, and the fan-out — every notice to a record's primary OA also
//! reaches its backup OA, and nobody unrelated.

mod common;

use common::{client, error_of, json, mutate, Server};
use contract::application::ExclusionAnswers;
use contract::messages::{Message, MessagePage, UnreadCount, MESSAGES_PAGE_SIZE};
use contract::oa_change::{BackupChoice, OaChangeDraft, PrimaryChoice, SaveDraft, Step};
use reqwest::{Client, Response, StatusCode};
use serde_json::json;

/// Jordan Avery, MD: primary OA javery1, backup OA clin2 (Casey Lin).
const JORDAN_AVERY_MD: &str = "1807736982";
const AVERY_FAMILY_PRACTICE: &str = "2044707588";

async fn inbox(server: &Server, client: &Client, page: u32) -> MessagePage {
    server
        .get_json(client, &format!("/api/messages?page={page}"))
        .await
}

async fn unread(server: &Server, client: &Client) -> u64 {
    server
        .get_json::<UnreadCount>(client, "/api/messages/unread-count")
        .await
        .unread
}

async fn mark_read(server: &Server, client: &Client, id: i64) -> Response {
    server
        .post(client, &format!("/api/messages/{id}/read"))
        .await
}

/// Writes `count` notices to `ncid` about Avery Family Practice, one a second apart.
async fn notices(server: &Server, ncid: &str, count: i64) {
    for n in 0..count {
        sqlx::query(
            "INSERT INTO messages (recipient_user_id, record_id, subject, body, created) \
             SELECT id, ?, ?, 'body', ? FROM users WHERE ncid = ?",
        )
        .bind(AVERY_FAMILY_PRACTICE)
        .bind(format!("Notice {n}"))
        .bind(server.state.clock.now() - 1_000 + n)
        .bind(ncid)
        .execute(&server.state.db)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn the_inbox_is_newest_first_paged_and_counts_unread() {
    let server = Server::start().await;
    let kiran = server.signed_in("kpatel4").await;
    notices(&server, "kpatel4", 25).await;
    notices(&server, "clin2", 1).await;

    let first = inbox(&server, &kiran, 1).await;
    assert_eq!(first.total, 25);
    assert_eq!(first.unread, 25);
    assert_eq!(first.page_size, MESSAGES_PAGE_SIZE);
    assert_eq!(first.page_count(), 2);
    assert_eq!(first.messages.len(), 20);
    assert_eq!(first.messages[0].subject, "Notice 24");
    assert_eq!(first.messages[19].subject, "Notice 5");
    assert_eq!(first.messages[0].record_name, "Avery Family Practice, PLLC");
    let second = inbox(&server, &kiran, 2).await;
    let subjects: Vec<&str> = second.messages.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        ["Notice 4", "Notice 3", "Notice 2", "Notice 1", "Notice 0"]
    );
    assert!(inbox(&server, &kiran, 3).await.messages.is_empty());

    let bad = server.get(&kiran, "/api/messages?page=0").await;
    let (status, body) = error_of(bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields.contains_key("page"));
    let signed_out = server.get(&client(), "/api/messages").await;
    assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn only_ones_own_messages_can_be_marked_read() {
    let server = Server::start().await;
    let kiran = server.signed_in("kpatel4").await;
    let casey = server.signed_in("clin2").await;
    notices(&server, "kpatel4", 2).await;
    notices(&server, "clin2", 1).await;
    let newest = inbox(&server, &kiran, 1).await.messages[0].clone();
    assert_eq!(unread(&server, &kiran).await, 2);

    let read: Message = json(mark_read(&server, &kiran, newest.id).await).await;
    assert!(read.read);
    assert_eq!(read.id, newest.id);
    assert_eq!(unread(&server, &kiran).await, 1);
    // Marking again changes nothing.
    json::<Message>(mark_read(&server, &kiran, newest.id).await).await;
    assert_eq!(unread(&server, &kiran).await, 1);

    // Someone else's message is answered like a missing one, and stays unread.
    let response = mark_read(&server, &casey, newest.id).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let caseys = inbox(&server, &casey, 1).await.messages[0].clone();
    assert_eq!(
        mark_read(&server, &kiran, caseys.id).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(unread(&server, &casey).await, 1);
    assert_eq!(
        mark_read(&server, &kiran, 999_999).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_backup_receives_the_primarys_notices_and_nobody_unrelated_does() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let casey = server.signed_in("clin2").await;
    let kiran = server.signed_in("kpatel4").await;
    let riley = server.signed_in("tstclaims3").await;

    // A submission for Jordan Avery, MD, signed by its primary: the backup hears of it.
    let draft = OaChangeDraft {
        primary: PrimaryChoice::Keep,
        backup: BackupChoice::Remove,
        continued_access: None,
        exclusion: ExclusionAnswers::no_to_every_question(),
    };
    let saved = mutate(javery.put(server.url(&format!("/api/oa-change/drafts/{JORDAN_AVERY_MD}"))))
        .json(&SaveDraft {
            step: Step::Review,
            draft,
            authorization_code: None,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::OK);
    let submitted =
        mutate(javery.post(server.url(&format!("/api/oa-change/drafts/{JORDAN_AVERY_MD}/submit"))))
            .json(&json!({ "attestation": true, "pin": "8588" }))
            .send()
            .await
            .unwrap();
    assert_eq!(submitted.status(), StatusCode::OK);

    let subject = "OA Change Request submitted: Jordan Avery, MD";
    for (who, client) in [("javery1", &javery), ("clin2", &casey)] {
        let page = inbox(&server, client, 1).await;
        assert_eq!(page.messages[0].subject, subject, "{who}");
        assert_eq!(page.unread, 1, "{who}");
    }
    for client in [&kiran, &riley] {
        assert_eq!(inbox(&server, client, 1).await.total, 0);
    }
    // Every notice is also queued for e-mail, to the recipient's address.
    let outbox: Vec<String> =
        sqlx::query_scalar("SELECT to_address FROM outbox WHERE subject = ? ORDER BY to_address")
            .bind(subject)
            .fetch_all(&server.state.db)
            .await
            .unwrap();
    assert_eq!(outbox, ["clin2@example.org", "javery1@example.org"]);
}

#[tokio::test]
async fn the_backup_hears_of_a_removal_like_the_primary() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let casey = server.signed_in("clin2").await;
    let riley = server.signed_in("tstclaims3").await;
    // Riley has access to Jordan Avery, MD, and removes it.
    let association: i64 = sqlx::query_scalar(
        "INSERT INTO associations (user_id, record_id, roles, status) \
         SELECT id, ?, '[\"Claims\"]', 'active' FROM users WHERE ncid = 'tstclaims3' \
         RETURNING id",
    )
    .bind(JORDAN_AVERY_MD)
    .fetch_one(&server.state.db)
    .await
    .unwrap();
    let removed = mutate(riley.post(server.url("/api/accounts/removal")))
        .json(&json!({ "kind": "ids", "ids": [association] }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        removed.status(),
        StatusCode::OK,
        "{:?}",
        removed.text().await
    );

    let subject = "Access removed: Jordan Avery, MD";
    assert_eq!(
        inbox(&server, &javery, 1).await.messages[0].subject,
        subject
    );
    assert_eq!(inbox(&server, &casey, 1).await.messages[0].subject, subject);
    assert_eq!(inbox(&server, &riley, 1).await.total, 0);
}

/// Migration 0006 rebuilds `messages` (and the `outbox` that names its ids) so a notice can be
/// about an enrollment application: a database that already holds messages keeps them, their
/// e-mails and the trigger, with every foreign key intact.
#[tokio::test]
async fn a_database_with_messages_migrates_to_enrollment_notices() {
    let old = tempfile::tempdir().unwrap();
    let migrations = old.path().join("migrations");
    std::fs::create_dir(&migrations).unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < "0006" {
            std::fs::copy(&path, migrations.join(name)).unwrap();
        }
    }
    let db_path = old.path().join("before.db");
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&db_path)
        .create_if_missing(true)
        .foreign_keys(true);
    let before = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(migrations.as_path())
        .await
        .unwrap()
        .run(&before)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO users (id, ncid, name, email, password_hash, pin_hash, totp_secret) \
         VALUES (1, 'kept1', 'Kept User', 'kept1@example.org', 'x', 'x', 'x'); \
         INSERT INTO records (id, id_kind, name, kind, programs, authorization_code) \
         VALUES ('2044707588', 'npi', 'Kept Record', 'organization', '[\"medicaid\"]', 'CODE'); \
         INSERT INTO messages (recipient_user_id, record_id, subject, body, created) \
         VALUES (1, '2044707588', 'Kept notice', 'body', 1)",
    )
    .execute(&before)
    .await
    .unwrap();
    before.close().await;

    let server = Server::start_with(|config, _| config.db_path = db_path.clone()).await;
    let db = &server.state.db;
    let kept: Vec<(i64, Option<String>, Option<i64>, String)> = sqlx::query_as(
        "SELECT m.id, m.record_id, m.enrollment_id, o.to_address FROM messages m \
         JOIN outbox o ON o.message_id = m.id",
    )
    .fetch_all(db)
    .await
    .unwrap();
    assert_eq!(
        kept,
        [(
            1,
            Some("2044707588".to_owned()),
            None,
            "kept1@example.org".to_owned()
        )]
    );
    // A notice about an application that has no record, e-mailed by the rebuilt trigger.
    sqlx::query(
        "INSERT INTO enrollment_applications (id, applicant_user_id, status, content, created, \
         updated) VALUES (5, 1, 'returned', '{}', 2, 2); \
         INSERT INTO messages (recipient_user_id, enrollment_id, subject, body, created) \
         VALUES (1, 5, 'Enrollment returned', 'body', 2)",
    )
    .execute(db)
    .await
    .unwrap();
    let mailed: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(mailed, 2);
    let broken: Vec<(String, i64)> =
        sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
            .fetch_all(db)
            .await
            .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    // Exactly one of record and application.
    let neither = sqlx::query(
        "INSERT INTO messages (recipient_user_id, subject, body, created) \
         VALUES (1, 'About nothing', 'body', 3)",
    )
    .execute(db)
    .await;
    assert!(neither.is_err());
}
