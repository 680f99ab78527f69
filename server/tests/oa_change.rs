//! The OA Change Request wizard and My applications (R-BOA-1..10, R-OA-1..7, R-AUTH-4) over real
//! HTTP against a real SQLite file seeded with the demo data. javery1 is primary OA of Avery
//! Family Practice, PLLC; Casey Lin (clin2) is an eligible MR user of it, Morgan Reyes (mreyes3)
//! has adverse findings.

mod common;

use common::{assigning, client, error_of, json, mutate, refusal, Server};
use contract::application::{
    AttachmentInfo, AttachmentKind, RequestStatus, SubmitReceipt, MAX_ATTACHMENT_BYTES,
};
use contract::error::codes;
use contract::oa_change::{
    ApplicationDetail, ApplicationSummary, BackupChoice, DraftView, OaChangeDraft, PickableRecord,
    PrimaryChoice, RecordOverview, SaveDraft, Step,
};
use contract::records::{BackupUnavailable, Ineligibility, Standing};
use reqwest::{Client, Response, StatusCode};
use serde_json::json;

const AVERY_FAMILY_PRACTICE: &str = "2044707588";
const AVERY_CODE: &str = "52K3KYNW";
const AVERY_BILLING: &str = "2059028110";
const PIEDMONT: &str = "2533389336";
const JAVERY1_PIN: &str = "8588";
const CLIN2_PIN: &str = "0962";

async fn save(
    server: &Server,
    client: &Client,
    record: &str,
    step: Step,
    draft: &OaChangeDraft,
    code: Option<&str>,
) -> Response {
    mutate(client.put(server.url(&format!("/api/oa-change/drafts/{record}"))))
        .json(&SaveDraft {
            step,
            draft: draft.clone(),
            authorization_code: code.map(str::to_owned),
        })
        .send()
        .await
        .unwrap()
}

async fn submit(server: &Server, client: &Client, record: &str, pin: &str) -> Response {
    let path = format!("/api/oa-change/drafts/{record}/submit");
    server.submit(client, &path, pin).await
}

async fn upload(server: &Server, client: &Client, bytes: Vec<u8>) -> Response {
    mutate(client.post(server.url("/api/oa-change/attachments")))
        .header("Content-Type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn withdraw(server: &Server, client: &Client, id: i64) -> Response {
    server
        .post(client, &format!("/api/applications/{id}/withdraw"))
        .await
}

/// A fresh server, and javery1 (primary OA of Avery Family Practice) signed in to it.
async fn javery1() -> (Server, Client) {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    (server, javery)
}

/// javery1 saves `draft` for Avery Family Practice through `step`.
async fn javery_saves(
    server: &Server,
    javery: &Client,
    step: Step,
    draft: &OaChangeDraft,
) -> Response {
    save(server, javery, AVERY_FAMILY_PRACTICE, step, draft, None).await
}

#[tokio::test]
async fn javery1_assigns_casey_lin_as_backup_and_gets_a_tracking_number() {
    let (server, javery) = javery1().await;

    let records: Vec<PickableRecord> = server.get_json(&javery, "/api/oa-change/records").await;
    let avery = records
        .iter()
        .find(|record| record.id == AVERY_FAMILY_PRACTICE)
        .unwrap();
    assert_eq!(avery.standing, Standing::PrimaryOa);

    let overview: RecordOverview = server
        .get_json(
            &javery,
            &format!("/api/oa-change/records/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    assert!(overview.has_active_primary_oa && !overview.needs_authorization_code);
    assert_eq!(overview.backup_unavailable, None);
    let candidate = |ncid: &str| {
        overview
            .candidates
            .iter()
            .find(|candidate| candidate.ncid.as_deref() == Some(ncid))
            .unwrap()
            .clone()
    };
    assert_eq!(candidate("clin2").as_backup, None);
    assert_eq!(
        candidate("mreyes3").as_backup,
        Some(Ineligibility::AdverseFindings)
    );

    // Every Continue saves; the draft is the author's to resume.
    let draft = assigning("clin2");
    for step in Step::ALL {
        let response = save(&server, &javery, AVERY_FAMILY_PRACTICE, step, &draft, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{step:?}");
    }
    let saved: DraftView = server
        .get_json(
            &javery,
            &format!("/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    assert_eq!((saved.step, &saved.draft), (Step::Sign, &draft));
    // A draft was never submitted, so it is not a returned request.
    assert_eq!(saved.returned, None);

    let receipt: SubmitReceipt =
        json(submit(&server, &javery, AVERY_FAMILY_PRACTICE, JAVERY1_PIN).await).await;
    assert_eq!(receipt.id, saved.id);
    assert!(receipt.tracking_number.0.starts_with("OAC-"));

    let applications: Vec<ApplicationSummary> = server.get_json(&javery, "/api/applications").await;
    assert_eq!(applications.len(), 1);
    assert_eq!(applications[0].status, RequestStatus::Submitted);
    assert_eq!(
        applications[0].tracking_number.as_ref(),
        Some(&receipt.tracking_number)
    );
    let detail: ApplicationDetail = server
        .get_json(&javery, &format!("/api/applications/{}", receipt.id))
        .await;
    assert_eq!(detail.draft, draft);
    // The draft is gone once submitted.
    let response = server
        .get(
            &javery,
            &format!("/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // R-OA-7, R-BOA-4: the primary and the backup named are told.
    let notices: Vec<String> = sqlx::query_scalar(
        "SELECT u.ncid FROM messages m JOIN users u ON u.id = m.recipient_user_id \
         WHERE m.record_id = ? AND m.body LIKE '%' || ? || '%' ORDER BY u.ncid",
    )
    .bind(AVERY_FAMILY_PRACTICE)
    .bind(&receipt.tracking_number.0)
    .fetch_all(&server.state.db)
    .await
    .unwrap();
    assert_eq!(notices, ["clin2", "javery1"]);

    // Nothing changes until approval (R-BOA-6).
    let backup: Option<i64> = sqlx::query_scalar("SELECT backup_oa_id FROM records WHERE id = ?")
        .bind(AVERY_FAMILY_PRACTICE)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(backup, None);

    let withdrawn: ApplicationSummary = json(withdraw(&server, &javery, receipt.id).await).await;
    assert_eq!(withdrawn.status, RequestStatus::Withdrawn);
    // Withdrawal cannot be undone or repeated.
    refusal(
        withdraw(&server, &javery, receipt.id).await,
        StatusCode::CONFLICT,
        "R-OA-6",
    )
    .await;

    // With the first withdrawn, the record is open to a new request (R-OA-5).
    javery_saves(&server, &javery, Step::Review, &draft).await;
    let response = submit(&server, &javery, AVERY_FAMILY_PRACTICE, JAVERY1_PIN).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_ineligible_backup_is_refused_with_r_boa_2() {
    let (server, javery) = javery1().await;
    let response = javery_saves(&server, &javery, Step::Backup, &assigning("mreyes3")).await;
    let body = refusal(response, StatusCode::UNPROCESSABLE_ENTITY, "R-BOA-2").await;
    assert!(body.fields["backup"].contains("adverse findings"));
}

#[tokio::test]
async fn billing_agent_and_dmhddsus_only_records_refuse_a_backup() {
    let (server, javery) = javery1().await;
    for (record, why) in [
        (AVERY_BILLING, BackupUnavailable::BillingAgent),
        (PIEDMONT, BackupUnavailable::NotMedicaid),
    ] {
        let overview: RecordOverview = server
            .get_json(&javery, &format!("/api/oa-change/records/{record}"))
            .await;
        assert_eq!(overview.backup_unavailable, Some(why));
        let response = save(
            &server,
            &javery,
            record,
            Step::Backup,
            &assigning("clin2"),
            None,
        )
        .await;
        refusal(response, StatusCode::UNPROCESSABLE_ENTITY, why.rule().id()).await;
    }
}

#[tokio::test]
async fn the_backup_of_a_record_without_an_active_primary_may_name_one_or_only_a_backup() {
    const COASTAL_PLAIN: &str = "2137914794";
    /// 2026-10-01T12:00:00Z: the day after Coastal Plain's primary OA's end date.
    const OCT_1_2026_NOON: i64 = 1_790_856_000;
    let (server, javery) = javery1().await;
    server.state.clock.set(OCT_1_2026_NOON);
    // R-BOA-8: javery1 stays backup OA of Coastal Plain, whose primary is end-dated; he may
    // file a request that names no primary (only a backup change) ...
    let backup_only = save(
        &server,
        &javery,
        COASTAL_PLAIN,
        Step::Backup,
        &assigning("clin2"),
        None,
    )
    .await;
    assert_eq!(backup_only.status(), StatusCode::OK);
    // ... or one that names himself primary, which nobody else does for him.
    let naming = OaChangeDraft {
        primary: PrimaryChoice::New {
            ncid: "javery1".into(),
        },
        ..assigning("clin2")
    };
    let response = save(&server, &javery, COASTAL_PLAIN, Step::Backup, &naming, None).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn at_least_one_change_is_required() {
    let (server, javery) = javery1().await;
    let response = javery_saves(&server, &javery, Step::Backup, &OaChangeDraft::default()).await;
    let (status, body) = error_of(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields.contains_key("backup"));
}

#[tokio::test]
async fn a_non_oa_applicant_must_give_the_authorization_code() {
    let server = Server::start().await;
    // Casey Lin is an MR user of the record, not an OA of it: R-OA-2 asks the code of him too.
    let casey = server.signed_in("clin2").await;
    let draft = assigning("kpatel4");
    for code in [None, Some("WRONG123")] {
        let response = save(
            &server,
            &casey,
            AVERY_FAMILY_PRACTICE,
            Step::Record,
            &draft,
            code,
        )
        .await;
        refusal(response, StatusCode::FORBIDDEN, "R-OA-2").await;
    }
    let overview: RecordOverview = server
        .get_json(
            &casey,
            &format!("/api/oa-change/records/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    assert!(overview.needs_authorization_code);
    let proven = save(
        &server,
        &casey,
        AVERY_FAMILY_PRACTICE,
        Step::Record,
        &draft,
        Some(&AVERY_CODE.to_lowercase()),
    )
    .await;
    assert_eq!(proven.status(), StatusCode::OK);
    // Proven once for the draft: later steps need not repeat it.
    let later = save(
        &server,
        &casey,
        AVERY_FAMILY_PRACTICE,
        Step::Review,
        &draft,
        None,
    )
    .await;
    assert_eq!(later.status(), StatusCode::OK);

    // Someone not related to the record sees nothing of it before giving the code.
    let riley = server.signed_in("tstclaims3").await;
    let response = server
        .get(
            &riley,
            &format!("/api/oa-change/records/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    refusal(response, StatusCode::FORBIDDEN, "R-OA-2").await;
}

#[tokio::test]
async fn a_wrong_pin_is_refused_with_r_auth_4() {
    let (server, javery) = javery1().await;
    let draft = assigning("clin2");
    javery_saves(&server, &javery, Step::Review, &draft).await;
    let response = submit(&server, &javery, AVERY_FAMILY_PRACTICE, CLIN2_PIN).await;
    let body = refusal(response, StatusCode::FORBIDDEN, "R-AUTH-4").await;
    assert_eq!(body.error, codes::INVALID_PIN);
    // Still a draft, still resumable.
    let response = server
        .get(
            &javery,
            &format!("/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // An unsigned submission is refused as well.
    let unsigned = mutate(javery.post(server.url(&format!(
        "/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}/submit"
    ))))
    .json(&json!({ "attestation": false, "pin": JAVERY1_PIN }))
    .send()
    .await
    .unwrap();
    refusal(unsigned, StatusCode::UNPROCESSABLE_ENTITY, "R-AUTH-4").await;
}

#[tokio::test]
async fn a_second_open_request_is_refused_with_only_the_tracking_number_and_date() {
    let (server, javery) = javery1().await;
    javery_saves(&server, &javery, Step::Review, &assigning("clin2")).await;
    let receipt: SubmitReceipt = submit(&server, &javery, AVERY_FAMILY_PRACTICE, JAVERY1_PIN)
        .await
        .json()
        .await
        .unwrap();

    // Drafts block no one: Casey may prepare his own.
    let casey = server.signed_in("clin2").await;
    let response = save(
        &server,
        &casey,
        AVERY_FAMILY_PRACTICE,
        Step::Review,
        &assigning("kpatel4"),
        Some(AVERY_CODE),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = submit(&server, &casey, AVERY_FAMILY_PRACTICE, CLIN2_PIN).await;
    let body = refusal(response, StatusCode::CONFLICT, "R-OA-5").await;
    assert!(body.message.contains(&receipt.tracking_number.0));
    assert!(body.message.contains(&receipt.submitted.long_form()));
    assert!(!body.message.contains("clin2") && !body.message.contains("Casey"));
}

#[tokio::test]
async fn drafts_and_applications_are_private_to_their_author() {
    let (server, javery) = javery1().await;
    let draft: DraftView = javery_saves(&server, &javery, Step::Backup, &assigning("clin2"))
        .await
        .json()
        .await
        .unwrap();

    let casey = server.signed_in("clin2").await;
    let response = server
        .get(&casey, &format!("/api/applications/{}", draft.id))
        .await;
    refusal(response, StatusCode::NOT_FOUND, "R-OA-5").await;
    refusal(
        withdraw(&server, &casey, draft.id).await,
        StatusCode::NOT_FOUND,
        "R-OA-5",
    )
    .await;
    let response = server
        .get(
            &casey,
            &format!("/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}"),
        )
        .await;
    refusal(response, StatusCode::NOT_FOUND, "R-OA-5").await;
    let mine: Vec<ApplicationSummary> = server.get_json(&casey, "/api/applications").await;
    assert!(mine.is_empty());

    // The author may discard it.
    let response = withdraw(&server, &javery, draft.id).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn uploads_are_size_limited_and_typed_from_their_content() {
    let (server, javery) = javery1().await;

    let mut oversized = b"%PDF-1.7\n".to_vec();
    oversized.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
    let body = refusal(
        upload(&server, &javery, oversized).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "R-OA-3",
    )
    .await;
    assert_eq!(body.error, codes::TOO_LARGE);
    refusal(
        upload(&server, &javery, b"GIF89a pretending to be a PDF".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "R-OA-3",
    )
    .await;

    let mut at_limit = b"%PDF-1.7\n".to_vec();
    at_limit.resize(MAX_ATTACHMENT_BYTES, b' ');
    let pdf: AttachmentInfo = json(upload(&server, &javery, at_limit).await).await;
    assert_eq!(
        (pdf.kind, pdf.size),
        (AttachmentKind::Pdf, MAX_ATTACHMENT_BYTES)
    );

    // A Yes needs the explanation (R-OA-3) ...
    let mut draft = assigning("clin2");
    draft.exclusion.sanctioned = Some(true);
    let response = javery_saves(&server, &javery, Step::Exclusion, &draft).await;
    refusal(response, StatusCode::UNPROCESSABLE_ENTITY, "R-OA-3").await;
    // ... of the applicant's own.
    let casey = server.signed_in("clin2").await;
    let png: AttachmentInfo = upload(&server, &casey, b"\x89PNG\r\n\x1a\n....".to_vec())
        .await
        .json()
        .await
        .unwrap();
    draft.exclusion.explanation = Some(png.id);
    let response = javery_saves(&server, &javery, Step::Exclusion, &draft).await;
    refusal(response, StatusCode::UNPROCESSABLE_ENTITY, "R-OA-3").await;
    draft.exclusion.explanation = Some(pdf.id);
    let response = javery_saves(&server, &javery, Step::Exclusion, &draft).await;
    assert_eq!(response.status(), StatusCode::OK);
    // My applications names the document the answers carry.
    let saved: DraftView = response.json().await.unwrap();
    let detail: ApplicationDetail = server
        .get_json(&javery, &format!("/api/applications/{}", saved.id))
        .await;
    assert_eq!(detail.attachment, Some(pdf));
}

#[tokio::test]
async fn a_typed_record_id_is_checked() {
    let (server, javery) = javery1().await;
    // The demo NPI with its last digit changed fails the check digit.
    let response = server
        .get(&javery, "/api/oa-change/records/2044707589")
        .await;
    let (status, body) = error_of(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields["record"].contains("check digit"));
    let response = server
        .get(&javery, "/api/oa-change/records/1234567893")
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_wizard_needs_a_session() {
    let server = Server::start().await;
    let anonymous = client();
    let response = server.get(&anonymous, "/api/oa-change/records").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = server.get(&anonymous, "/api/applications").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_third_wrong_pin_locks_signing_for_30_minutes() {
    let (server, javery) = javery1().await;
    let draft = assigning("clin2");
    javery_saves(&server, &javery, Step::Review, &draft).await;
    for _ in 0..2 {
        let response = submit(&server, &javery, AVERY_FAMILY_PRACTICE, CLIN2_PIN).await;
        let body = refusal(response, StatusCode::FORBIDDEN, "R-AUTH-4").await;
        assert_eq!(body.error, codes::INVALID_PIN);
    }
    let response = submit(&server, &javery, AVERY_FAMILY_PRACTICE, CLIN2_PIN).await;
    let body = refusal(response, StatusCode::LOCKED, "R-AUTH-4").await;
    assert_eq!(body.error, codes::PIN_LOCKED);
    // Locked: even the right PIN is refused, and nothing is submitted.
    let response = submit(&server, &javery, AVERY_FAMILY_PRACTICE, JAVERY1_PIN).await;
    let body = refusal(response, StatusCode::LOCKED, "R-AUTH-4").await;
    assert_eq!(body.error, codes::PIN_LOCKED);
    server.state.clock.advance(29 * 60);
    let response = submit(&server, &javery, AVERY_FAMILY_PRACTICE, JAVERY1_PIN).await;
    refusal(response, StatusCode::LOCKED, "R-AUTH-4").await;
    server.state.clock.advance(60);
    let response = submit(&server, &javery, AVERY_FAMILY_PRACTICE, JAVERY1_PIN).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_right_pin_resets_the_count_of_wrong_ones() {
    let (server, javery) = javery1().await;
    for record in [AVERY_FAMILY_PRACTICE, "1807736982"] {
        let draft = if record == AVERY_FAMILY_PRACTICE {
            assigning("clin2")
        } else {
            OaChangeDraft {
                backup: BackupChoice::Remove,
                ..assigning("clin2")
            }
        };
        let saved = save(&server, &javery, record, Step::Review, &draft, None).await;
        assert_eq!(saved.status(), StatusCode::OK);
        for _ in 0..2 {
            let response = submit(&server, &javery, record, CLIN2_PIN).await;
            refusal(response, StatusCode::FORBIDDEN, "R-AUTH-4").await;
        }
        let response = submit(&server, &javery, record, JAVERY1_PIN).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn the_third_wrong_authorization_code_locks_codes_for_30_minutes() {
    let server = Server::start().await;
    let casey = server.signed_in("clin2").await;
    let draft = assigning("kpatel4");
    let attempt = |code: &'static str| {
        let (server, casey, draft) = (&server, &casey, &draft);
        async move {
            save(
                server,
                casey,
                AVERY_FAMILY_PRACTICE,
                Step::Record,
                draft,
                Some(code),
            )
            .await
        }
    };
    for _ in 0..2 {
        let body = refusal(attempt("WRONG123").await, StatusCode::FORBIDDEN, "R-OA-2").await;
        assert_eq!(body.error, codes::FORBIDDEN);
    }
    let body = refusal(attempt("WRONG123").await, StatusCode::LOCKED, "R-OA-2").await;
    assert_eq!(body.error, codes::AUTHORIZATION_CODE_LOCKED);
    let body = refusal(attempt(AVERY_CODE).await, StatusCode::LOCKED, "R-OA-2").await;
    assert_eq!(body.error, codes::AUTHORIZATION_CODE_LOCKED);
    server.state.clock.advance(30 * 60);
    assert_eq!(attempt(AVERY_CODE).await.status(), StatusCode::OK);
}
