//! Operations review (R-OA-6, R-OA-4, R-BOA-1, R-BOA-8, R-AUTH-2) over real HTTP against a real
//! SQLite file seeded with the demo data. opsreview1 is operations staff; javery1 is primary OA
//! of Avery Family Practice, PLLC, where Casey Lin (clin2) and Kiran Patel (kpatel4) are
//! eligible MR users.

mod common;

use common::{assigning, client, json, mutate, oa_change_draft, refusal, Server, PASSWORD};
use contract::accounts::AccountPage;
use contract::application::{AttachmentInfo, RequestStatus, SubmitReceipt};
use contract::error::codes;
use contract::messages::MessagePage;
use contract::oa_change::{
    ApplicationDetail, BackupChoice, DraftView, OaChangeDraft, PrimaryChoice, ReturnedRequest,
    SaveDraft, Step,
};
use contract::operations::{RequestQueueItem, RequestReview};
use contract::records::{HomeSummary, OaRole};
use contract::CalendarDate;
use reqwest::{Client, Response, StatusCode};
use serde_json::json;

const AVERY_FAMILY_PRACTICE: &str = "2044707588";
const TRIANGLE_PEDIATRICS: &str = "2956351383";
const JAVERY1_PIN: &str = "8588";

async fn save(server: &Server, client: &Client, record: &str, draft: &OaChangeDraft) -> Response {
    mutate(client.put(server.url(&format!("/api/oa-change/drafts/{record}"))))
        .json(&SaveDraft {
            step: Step::Review,
            draft: draft.clone(),
            authorization_code: None,
        })
        .send()
        .await
        .unwrap()
}

async fn submit(server: &Server, client: &Client, record: &str) -> Response {
    let path = format!("/api/oa-change/drafts/{record}/submit");
    server.submit(client, &path, JAVERY1_PIN).await
}

/// javery1 saves and submits `draft` for `record`.
async fn request(
    server: &Server,
    javery: &Client,
    record: &str,
    draft: &OaChangeDraft,
) -> SubmitReceipt {
    assert_eq!(
        save(server, javery, record, draft).await.status(),
        StatusCode::OK
    );
    let response = submit(server, javery, record).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn decide(server: &Server, staff: &Client, id: i64, decision: &str, note: &str) -> Response {
    server.decide(staff, "requests", id, decision, note).await
}

async fn start_review(server: &Server, staff: &Client, id: i64) -> Response {
    server
        .post(staff, &format!("/api/operations/requests/{id}/review"))
        .await
}

/// The lock of `ncid`'s row for `record` in My Account Management.
async fn lock_of(server: &Server, client: &Client, record: &str) -> Option<OaRole> {
    let page: AccountPage = server
        .get_json(client, &format!("/api/accounts?q={record}&size=100"))
        .await;
    let row = page
        .rows
        .iter()
        .find(|row| row.provider_id == record)
        .expect("the user has a row for the record");
    row.lock.as_ref().map(|lock| lock.role)
}

async fn record_oas(server: &Server, record: &str) -> (Option<String>, Option<String>) {
    let db = &server.state.db;
    sqlx::query_as(
        "SELECT p.ncid, b.ncid FROM records r LEFT JOIN users p ON p.id = r.primary_oa_id \
         LEFT JOIN users b ON b.id = r.backup_oa_id WHERE r.id = ?",
    )
    .bind(record)
    .fetch_one(db)
    .await
    .unwrap()
}

async fn subjects(server: &Server, client: &Client) -> Vec<String> {
    let page: MessagePage = server.get_json(client, "/api/messages").await;
    page.messages.into_iter().map(|m| m.subject).collect()
}

#[tokio::test]
async fn everyone_but_operations_staff_is_refused() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let receipt = request(&server, &javery, AVERY_FAMILY_PRACTICE, &assigning("clin2")).await;
    for path in [
        "/api/operations/requests".to_owned(),
        format!("/api/operations/requests/{}", receipt.id),
        "/api/operations/attachments/1".to_owned(),
    ] {
        let body = refusal(
            server.get(&javery, &path).await,
            StatusCode::FORBIDDEN,
            None,
        )
        .await;
        assert_eq!(body.error, codes::FORBIDDEN, "{path}");
        let signed_out = server.get(&client(), &path).await;
        assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    for response in [
        decide(&server, &javery, receipt.id, "approve", "").await,
        start_review(&server, &javery, receipt.id).await,
    ] {
        let body = refusal(response, StatusCode::FORBIDDEN, None).await;
        assert_eq!(body.error, codes::FORBIDDEN);
    }
    for path in [
        format!("/api/operations/records/{TRIANGLE_PEDIATRICS}/end-date-primary"),
        "/api/operations/users/tstclaims3/unlock".to_owned(),
    ] {
        let response = mutate(javery.post(server.url(&path)))
            .json(&json!({ "date": "2026-01-01" }))
            .send()
            .await
            .unwrap();
        refusal(response, StatusCode::FORBIDDEN, None).await;
    }
    // Nothing was decided.
    assert_eq!(record_oas(&server, AVERY_FAMILY_PRACTICE).await.1, None);
}

#[tokio::test]
async fn approving_a_backup_assignment_applies_it_and_locks_the_backups_row() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let casey = server.signed_in("clin2").await;
    let staff = server.signed_in("opsreview1").await;
    let receipt = request(&server, &javery, AVERY_FAMILY_PRACTICE, &assigning("clin2")).await;
    assert_eq!(lock_of(&server, &casey, AVERY_FAMILY_PRACTICE).await, None);

    let queue: Vec<RequestQueueItem> = server
        .get_json(&staff, "/api/operations/requests?status=submitted")
        .await;
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].subject.tracking_number, receipt.tracking_number);
    assert_eq!(queue[0].applicant_ncid, "javery1");

    // Reading it changes nothing; every answer is there.
    let review: RequestReview = server
        .get_json(&staff, &format!("/api/operations/requests/{}", receipt.id))
        .await;
    assert_eq!(review.item.status, RequestStatus::Submitted);
    assert_eq!(review.draft, assigning("clin2"));
    // The people the request names, by name and NCID.
    assert_eq!(
        review
            .new_backup
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("Casey Lin (clin2)")
    );
    assert_eq!(review.new_primary, None);
    // Starting the review puts it in review (R-OA-6); starting again changes nothing.
    for _ in 0..2 {
        let reviewed: RequestQueueItem =
            json(start_review(&server, &staff, receipt.id).await).await;
        assert_eq!(reviewed.status, RequestStatus::InReview);
    }
    assert_eq!(review.primary_oa.unwrap().ncid, "javery1");
    assert_eq!(review.backup_oa, None);
    let submitted: Vec<RequestQueueItem> = server
        .get_json(&staff, "/api/operations/requests?status=submitted")
        .await;
    assert!(submitted.is_empty());

    let decided: RequestQueueItem =
        json(decide(&server, &staff, receipt.id, "approve", "").await).await;
    assert_eq!(decided.status, RequestStatus::Approved);
    assert_eq!(
        record_oas(&server, AVERY_FAMILY_PRACTICE).await,
        (Some("javery1".into()), Some("clin2".into()))
    );
    // Read again after the decision, the request shows the record as it is now.
    let now: RequestReview = server
        .get_json(&staff, &format!("/api/operations/requests/{}", receipt.id))
        .await;
    assert_eq!(now.item.status, RequestStatus::Approved);
    let backup = now.backup_oa.expect("the new backup OA");
    assert_eq!(
        (backup.name.as_str(), backup.ncid.as_str()),
        ("Casey Lin", "clin2")
    );
    // My Account Management follows: Casey's row is locked as backup now.
    assert_eq!(
        lock_of(&server, &casey, AVERY_FAMILY_PRACTICE).await,
        Some(OaRole::Backup)
    );
    let home: HomeSummary = server.get_json(&casey, "/api/home").await;
    assert!(home
        .records
        .iter()
        .any(|record| record.id == AVERY_FAMILY_PRACTICE && record.my_role == OaRole::Backup));
    // R-OA-7: the decision reaches the primary and the new backup.
    let approved = "OA Change Request approved: Avery Family Practice, PLLC";
    assert_eq!(subjects(&server, &casey).await[0], approved);
    // The notice names the new backup by name and NCID.
    let page: MessagePage = server.get_json(&casey, "/api/messages").await;
    assert!(
        page.messages[0]
            .body
            .contains("New backup OA: Casey Lin (clin2)."),
        "{}",
        page.messages[0].body
    );
    assert_eq!(subjects(&server, &javery).await[0], approved);
    // The applicant sees the decision in My applications.
    let mine: Vec<contract::oa_change::ApplicationSummary> =
        server.get_json(&javery, "/api/applications").await;
    assert_eq!(mine[0].status, RequestStatus::Approved);
}

#[tokio::test]
async fn approving_a_replacement_unlocks_the_replaced_backups_row() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let casey = server.signed_in("clin2").await;
    let kiran = server.signed_in("kpatel4").await;
    let staff = server.signed_in("opsreview1").await;
    let first = request(&server, &javery, AVERY_FAMILY_PRACTICE, &assigning("clin2")).await;
    json::<RequestQueueItem>(decide(&server, &staff, first.id, "approve", "").await).await;
    let second = request(
        &server,
        &javery,
        AVERY_FAMILY_PRACTICE,
        &assigning("kpatel4"),
    )
    .await;
    json::<RequestQueueItem>(decide(&server, &staff, second.id, "approve", "Replaced").await).await;

    assert_eq!(
        record_oas(&server, AVERY_FAMILY_PRACTICE).await,
        (Some("javery1".into()), Some("kpatel4".into()))
    );
    assert_eq!(lock_of(&server, &casey, AVERY_FAMILY_PRACTICE).await, None);
    assert_eq!(
        lock_of(&server, &kiran, AVERY_FAMILY_PRACTICE).await,
        Some(OaRole::Backup)
    );
    // The replaced backup hears of it too (R-BOA-4, R-OA-7).
    assert_eq!(
        subjects(&server, &casey).await[0],
        "OA Change Request approved: Avery Family Practice, PLLC"
    );
}

#[tokio::test]
async fn approving_a_new_primary_without_continued_access_applies_r_oa_4() {
    let server = Server::start().await;
    // Riley Morgan has access to the record but is not listed on it.
    sqlx::query(
        "INSERT INTO associations (user_id, record_id, roles, status) \
         SELECT id, ?, '[\"Claims\"]', 'active' FROM users WHERE ncid = 'tstclaims3'",
    )
    .bind(AVERY_FAMILY_PRACTICE)
    .execute(&server.state.db)
    .await
    .unwrap();
    let javery = server.signed_in("javery1").await;
    let casey = server.signed_in("clin2").await;
    let staff = server.signed_in("opsreview1").await;
    let change = oa_change_draft(
        PrimaryChoice::New {
            ncid: "clin2".into(),
        },
        BackupChoice::Assign {
            ncid: "kpatel4".into(),
        },
        Some(false),
    );
    let receipt = request(&server, &javery, AVERY_FAMILY_PRACTICE, &change).await;
    json::<RequestQueueItem>(decide(&server, &staff, receipt.id, "approve", "").await).await;

    assert_eq!(
        record_oas(&server, AVERY_FAMILY_PRACTICE).await,
        (Some("clin2".into()), Some("kpatel4".into()))
    );
    let statuses: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.ncid, a.status FROM associations a JOIN users u ON u.id = a.user_id \
         WHERE a.record_id = ? ORDER BY u.ncid",
    )
    .bind(AVERY_FAMILY_PRACTICE)
    .fetch_all(&server.state.db)
    .await
    .unwrap();
    let status = |ncid: &str| {
        statuses
            .iter()
            .find(|(user, _)| user == ncid)
            .map(|(_, status)| status.as_str())
    };
    // The previous OA and the MR users stay; the unlisted user becomes Inactive.
    assert_eq!(status("javery1"), Some("active"));
    assert_eq!(status("clin2"), Some("active"));
    assert_eq!(status("kpatel4"), Some("active"));
    assert_eq!(status("tstclaims3"), Some("inactive"));
    // The new primary's row locks; the previous primary's unlocks.
    assert_eq!(
        lock_of(&server, &casey, AVERY_FAMILY_PRACTICE).await,
        Some(OaRole::Primary)
    );
    assert_eq!(lock_of(&server, &javery, AVERY_FAMILY_PRACTICE).await, None);
}

#[tokio::test]
async fn a_denied_request_changes_nothing_and_cannot_be_decided_again() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let staff = server.signed_in("opsreview1").await;
    let receipt = request(&server, &javery, AVERY_FAMILY_PRACTICE, &assigning("clin2")).await;
    // A denial needs its reason.
    let body = refusal(
        decide(&server, &staff, receipt.id, "deny", "  ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("R-OA-6"),
    )
    .await;
    assert!(body.fields.contains_key("note"));
    let denied: RequestQueueItem = json(
        decide(
            &server,
            &staff,
            receipt.id,
            "deny",
            "Not signed by the owner",
        )
        .await,
    )
    .await;
    assert_eq!(denied.status, RequestStatus::Denied);
    assert_eq!(record_oas(&server, AVERY_FAMILY_PRACTICE).await.1, None);
    for decision in ["approve", "deny", "return"] {
        let body = refusal(
            decide(&server, &staff, receipt.id, decision, "again").await,
            StatusCode::CONFLICT,
            Some("R-OA-6"),
        )
        .await;
        assert_eq!(body.error, codes::CONFLICT);
    }
    assert_eq!(record_oas(&server, AVERY_FAMILY_PRACTICE).await.1, None);
    let page: MessagePage = server.get_json(&javery, "/api/messages").await;
    assert_eq!(
        page.messages[0].subject,
        "OA Change Request denied: Avery Family Practice, PLLC"
    );
    assert!(page.messages[0].body.contains("Not signed by the owner"));
    // A decided request is gone from the open queue, and an unknown one is 404.
    let missing = server.get(&staff, "/api/operations/requests/999999").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_returned_request_is_corrected_and_resubmitted() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let staff = server.signed_in("opsreview1").await;
    let receipt = request(
        &server,
        &javery,
        AVERY_FAMILY_PRACTICE,
        &assigning("kpatel4"),
    )
    .await;
    let returned: RequestQueueItem = json(
        decide(
            &server,
            &staff,
            receipt.id,
            "return",
            "Name Casey Lin instead",
        )
        .await,
    )
    .await;
    assert_eq!(returned.status, RequestStatus::Returned);
    // Returned is not for operations to review or decide until it comes back.
    for response in [
        decide(&server, &staff, receipt.id, "approve", "").await,
        start_review(&server, &staff, receipt.id).await,
    ] {
        refusal(response, StatusCode::CONFLICT, Some("R-OA-6")).await;
    }
    // The applicant sees why it came back, in My applications and in the wizard.
    let detail: ApplicationDetail = server
        .get_json(&javery, &format!("/api/applications/{}", receipt.id))
        .await;
    assert_eq!(detail.summary.status, RequestStatus::Returned);
    assert_eq!(
        detail.decision_note.as_deref(),
        Some("Name Casey Lin instead")
    );
    let returned_as = Some(ReturnedRequest {
        tracking_number: receipt.tracking_number.clone(),
        note: Some("Name Casey Lin instead".into()),
    });

    // The applicant resumes it, corrects it and submits it again under the same number.
    let resumed: DraftView = server
        .get_json(
            &javery,
            &format!("/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    assert_eq!(resumed.id, receipt.id);
    assert_eq!(resumed.draft, assigning("kpatel4"));
    assert_eq!(resumed.returned, returned_as);
    let saved: DraftView =
        json(save(&server, &javery, AVERY_FAMILY_PRACTICE, &assigning("clin2")).await).await;
    assert_eq!(saved.id, receipt.id);
    assert_eq!(saved.returned, returned_as);
    let again: SubmitReceipt = json(submit(&server, &javery, AVERY_FAMILY_PRACTICE).await).await;
    assert_eq!(again.id, receipt.id);
    assert_eq!(again.tracking_number, receipt.tracking_number);

    let review: RequestReview = server
        .get_json(&staff, &format!("/api/operations/requests/{}", receipt.id))
        .await;
    assert_eq!(review.draft, assigning("clin2"));
    assert_eq!(
        review.decision_note.as_deref(),
        Some("Name Casey Lin instead")
    );
    json::<RequestQueueItem>(decide(&server, &staff, receipt.id, "approve", "").await).await;
    assert_eq!(
        record_oas(&server, AVERY_FAMILY_PRACTICE).await.1,
        Some("clin2".into())
    );
}

#[tokio::test]
async fn staff_download_the_explanation_of_a_submitted_request() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let staff = server.signed_in("opsreview1").await;
    let pdf = b"%PDF-1.7 explanation".to_vec();
    let upload = |bytes: Vec<u8>| {
        mutate(javery.post(server.url("/api/oa-change/attachments")))
            .body(bytes)
            .send()
    };
    let info: AttachmentInfo = json(upload(pdf.clone()).await.unwrap()).await;
    let unused: AttachmentInfo = json(upload(pdf.clone()).await.unwrap()).await;
    let mut change = assigning("clin2");
    change.exclusion.sanctioned = Some(true);
    change.exclusion.explanation = Some(info.id);
    let receipt = request(&server, &javery, AVERY_FAMILY_PRACTICE, &change).await;

    let review: RequestReview = server
        .get_json(&staff, &format!("/api/operations/requests/{}", receipt.id))
        .await;
    assert_eq!(review.attachment, Some(info.clone()));
    let response = server
        .get(&staff, &format!("/api/operations/attachments/{}", info.id))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(response.bytes().await.unwrap().as_ref(), pdf.as_slice());
    // An upload that no submitted request names stays its owner's.
    let response = server
        .get(
            &staff,
            &format!("/api/operations/attachments/{}", unused.id),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn end_dating_the_primary_leaves_the_backup_and_no_active_primary() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let taylor = server.signed_in("providertraining1").await;
    let staff = server.signed_in("opsreview1").await;
    // Yesterday in North Carolina, whose days the end date counts (clock.rs).
    let yesterday = CalendarDate::eastern_of_unix_seconds(server.state.clock.now() - 86_400);
    let response = mutate(staff.post(server.url(&format!(
        "/api/operations/records/{TRIANGLE_PEDIATRICS}/end-date-primary"
    ))))
    .json(&json!({ "date": yesterday }))
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    // javery1, the backup, stays backup; the record has no active primary OA (R-BOA-8).
    let home: HomeSummary = server.get_json(&javery, "/api/home").await;
    let triangle = home
        .records
        .iter()
        .find(|record| record.id == TRIANGLE_PEDIATRICS)
        .unwrap();
    assert_eq!(triangle.my_role, OaRole::Backup);
    assert!(!triangle.has_active_primary_oa);
    assert_eq!(
        triangle.primary_oa.as_ref().unwrap().end_date,
        Some(yesterday)
    );
    assert_eq!(triangle.backup_oa.as_ref().unwrap().ncid, "javery1");
    // Both OAs are told (R-BOA-4).
    let subject = "Primary OA end-dated: Triangle Pediatrics Group";
    assert_eq!(subjects(&server, &javery).await[0], subject);
    assert_eq!(subjects(&server, &taylor).await[0], subject);
    // An unknown record is 404.
    let response =
        mutate(staff.post(server.url("/api/operations/records/1234567893/end-date-primary")))
            .json(&json!({ "date": yesterday }))
            .send()
            .await
            .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn staff_unlock_a_locked_user_name() {
    let server = Server::start().await;
    let staff = server.signed_in("opsreview1").await;
    let riley = client();
    for _ in 0..3 {
        server.password(&riley, "tstclaims3", "wrong").await;
    }
    let locked = server.password(&riley, "tstclaims3", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::LOCKED);

    let response = server
        .post(&staff, "/api/operations/users/TSTCLAIMS3/unlock")
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    server.sign_in(&riley, "tstclaims3").await;

    // A name no user has is not taken for a done unlock.
    let response = server
        .post(&staff, "/api/operations/users/nosuchuser9/unlock")
        .await;
    let body = refusal(response, StatusCode::NOT_FOUND, None).await;
    assert_eq!(body.error, codes::NOT_FOUND);
}

/// Unlocks sent at once all succeed: each reads the user and then deletes, so a transaction
/// begun as a reader could not become the writer once another unlock had committed (SQLite's
/// "database is locked", a 500 that schemathesis found).
#[tokio::test]
async fn unlocks_sent_at_once_all_succeed() {
    let server = Server::start().await;
    let staff = server.signed_in("opsreview1").await;
    let url = server.url("/api/operations/users/tstclaims3/unlock");
    let mut unlocks = tokio::task::JoinSet::new();
    for _ in 0..24 {
        let (staff, url) = (staff.clone(), url.clone());
        unlocks.spawn(async move { mutate(staff.post(url)).send().await.unwrap().status() });
    }
    for status in unlocks.join_all().await {
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
}
