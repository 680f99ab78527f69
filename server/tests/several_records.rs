//! One backup OA for several records (R-MANY-1): the person judged for each of the caller's
//! records on its own, over real HTTP against the demo data. javery1 is primary OA of Avery
//! Family Practice and its billing agent record, backup OA of Coastal Plain Surgical
//! Associates; Casey Lin (clin2) is already backup OA of Jordan Avery, MD.

mod common;

use common::{refused, Server};
use contract::application::{ExclusionAnswers, RequestStatus};
use contract::error::codes;
use contract::oa_change::{ApplicationSummary, SaveDraft, Step};
use contract::several_records::{
    JudgeBackup, Outcome, RecordAnswers, RecordOutcome, RecordVerdict, SaveSet, SetStep, SetView,
    SeveralRecordsDraft, Verdict, MAX_RECORDS,
};
use contract::Rule;
use reqwest::{Client, Response, StatusCode};

const AVERY_FAMILY_PRACTICE: &str = "2044707588";
const AVERY_BILLING: &str = "2059028110";
const PIEDMONT: &str = "2533389336";
const COASTAL_PLAIN: &str = "2137914794";
const JORDAN_AVERY_MD: &str = "1807736982";
/// Sandhills Family Medicine: javery1 has an association with it but administers nothing.
const SANDHILLS: &str = "2336930211";

async fn judge(server: &Server, client: &Client, ncid: &str, records: &[&str]) -> Response {
    let asked = JudgeBackup {
        ncid: ncid.into(),
        records: records.iter().map(|id| id.to_string()).collect(),
    };
    server
        .post_json(client, "/api/oa-change/several/judgement", &asked)
        .await
}

#[tokio::test]
async fn casey_lin_is_judged_for_each_of_javery1s_records_on_its_own() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let records = [
        AVERY_FAMILY_PRACTICE,
        COASTAL_PLAIN,
        JORDAN_AVERY_MD,
        AVERY_BILLING,
        PIEDMONT,
    ];
    let response = judge(&server, &javery, "CLIN2", &records).await;
    assert_eq!(response.status(), StatusCode::OK);
    let verdicts: Vec<RecordVerdict> = response.json().await.unwrap();
    let ids: Vec<&str> = verdicts.iter().map(|v| v.record_id.as_str()).collect();
    assert_eq!(ids, records, "in the order asked");
    assert_eq!(verdicts[0].record_name, "Avery Family Practice, PLLC");
    assert_eq!(verdicts[0].verdict, Verdict::Eligible);
    assert_eq!(verdicts[1].verdict, Verdict::Eligible);
    assert_eq!(verdicts[2].verdict, Verdict::AlreadyBackup);
    let rules: Vec<Option<Rule>> = verdicts[3..]
        .iter()
        .map(|v| match &v.verdict {
            Verdict::Ineligible { rule, .. } => Some(*rule),
            _ => None,
        })
        .collect();
    assert_eq!(rules, [Some(Rule::Boa9), Some(Rule::Boa10)]);
}

#[tokio::test]
async fn a_person_with_adverse_findings_or_unlisted_is_ineligible_with_the_reason() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let response = judge(&server, &javery, "mreyes3", &[AVERY_FAMILY_PRACTICE]).await;
    let verdicts: Vec<RecordVerdict> = response.json().await.unwrap();
    assert_eq!(
        verdicts[0].verdict,
        Verdict::Ineligible {
            rule: Rule::Boa2,
            reason: "Has adverse findings".into()
        }
    );
    let response = judge(&server, &javery, "nobody9", &[COASTAL_PLAIN]).await;
    let verdicts: Vec<RecordVerdict> = response.json().await.unwrap();
    assert!(matches!(
        &verdicts[0].verdict,
        Verdict::Ineligible { rule: Rule::Boa2, reason } if reason.contains("not listed")
    ));
}

#[tokio::test]
async fn a_record_the_caller_does_not_administer_is_refused_and_nothing_is_judged() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    // Sandhills: an association, no OA role; 9999999995: no such record.
    for stranger in [SANDHILLS, "9999999995"] {
        let response = judge(
            &server,
            &javery,
            "clin2",
            &[AVERY_FAMILY_PRACTICE, stranger],
        )
        .await;
        let body = refused(response, StatusCode::FORBIDDEN, codes::FORBIDDEN).await;
        assert_eq!(body.rule, Some(Rule::Many1));
    }
    // A user of Avery Family Practice who is not its OA.
    let casey = server.signed_in("clin2").await;
    let response = judge(&server, &casey, "mreyes3", &[AVERY_FAMILY_PRACTICE]).await;
    refused(response, StatusCode::FORBIDDEN, codes::FORBIDDEN).await;
    // Signed out: no session.
    let response = judge(
        &server,
        &common::client(),
        "clin2",
        &[AVERY_FAMILY_PRACTICE],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_judgement_needs_a_person_and_each_record_once() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let too_many: Vec<String> = (0..=MAX_RECORDS).map(|n| format!("ATYP{n}")).collect();
    let too_many: Vec<&str> = too_many.iter().map(String::as_str).collect();
    for (ncid, records, field) in [
        (" ", vec![AVERY_FAMILY_PRACTICE], "ncid"),
        ("clin2", vec![], "records"),
        (
            "clin2",
            vec![AVERY_FAMILY_PRACTICE, AVERY_FAMILY_PRACTICE],
            "records",
        ),
        ("clin2", too_many.clone(), "records"),
    ] {
        let response = judge(&server, &javery, ncid, &records).await;
        let body = refused(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::VALIDATION,
        )
        .await;
        assert!(body.fields.contains_key(field), "{ncid:?} {records:?}");
        assert_eq!(body.rule, Some(Rule::Many1));
    }
}

const JAVERY1_PIN: &str = "8588";
const SET: &str = "/api/oa-change/several";

/// javery1's set: Casey Lin for `records`, No to every question of each (R-OA-3).
fn casey_lin_for(records: &[&str]) -> SaveSet {
    SaveSet {
        step: SetStep::Review,
        draft: SeveralRecordsDraft {
            records: records
                .iter()
                .map(|id| RecordAnswers {
                    record_id: id.to_string(),
                    exclusion: ExclusionAnswers::no_to_every_question(),
                })
                .collect(),
            backup_ncid: "clin2".into(),
        },
    }
}

/// javery1 prepares Casey Lin for Avery Family Practice and Coastal Plain Surgical Associates.
async fn prepare_both(server: &Server, javery: &Client) {
    let set = casey_lin_for(&[AVERY_FAMILY_PRACTICE, COASTAL_PLAIN]);
    let saved = server.put_json(javery, SET, &set).await;
    assert_eq!(saved.status(), StatusCode::OK);
}

async fn prepared(server: &Server, client: &Client) -> Option<SetView> {
    server.get_json(client, SET).await
}

fn tracking_numbers(outcomes: &[RecordOutcome]) -> Vec<Option<String>> {
    outcomes
        .iter()
        .map(|outcome| match &outcome.outcome {
            Outcome::Filed {
                tracking_number, ..
            } => Some(tracking_number.to_string()),
            Outcome::NotFiled { .. } => None,
        })
        .collect()
}

/// Who was told of the submission of the record's request, and how many times.
async fn submission_notices(server: &Server, record_name: &str) -> Vec<(String, i64)> {
    sqlx::query_as(
        "SELECT u.ncid, COUNT(*) FROM messages m JOIN users u ON u.id = m.recipient_user_id \
         WHERE m.subject = 'OA Change Request submitted: ' || ? GROUP BY u.ncid ORDER BY u.ncid",
    )
    .bind(record_name)
    .fetch_all(&server.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn one_signature_files_one_request_per_record_each_with_its_tracking_number() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let set = casey_lin_for(&[AVERY_FAMILY_PRACTICE, COASTAL_PLAIN]);
    let saved = server.put_json(&javery, SET, &set).await;
    assert_eq!(saved.status(), StatusCode::OK);
    // A reload resumes the set.
    assert_eq!(prepared(&server, &javery).await.unwrap().draft, set.draft);

    let response = server
        .submit(&javery, &format!("{SET}/submit"), JAVERY1_PIN)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let outcomes: Vec<RecordOutcome> = response.json().await.unwrap();
    let numbers = tracking_numbers(&outcomes);
    assert!(numbers.iter().all(Option::is_some), "{outcomes:?}");
    assert_ne!(numbers[0], numbers[1]);
    // Each is an OA Change Request of its own in My applications and in the queue.
    let applications: Vec<ApplicationSummary> = server.get_json(&javery, "/api/applications").await;
    let submitted: Vec<&str> = applications
        .iter()
        .filter(|a| a.status == RequestStatus::Submitted)
        .map(|a| a.record_id.as_str())
        .collect();
    assert_eq!(submitted.len(), 2, "{applications:?}");
    assert!(submitted.contains(&AVERY_FAMILY_PRACTICE) && submitted.contains(&COASTAL_PLAIN));
    let staff = server.signed_in("opsreview1").await;
    let queue: Vec<serde_json::Value> = server.get_json(&staff, "/api/operations/requests").await;
    assert_eq!(queue.len(), 2);
    // R-OA-7, R-BOA-4: each request's own notices, each recipient once: the applicant, the
    // named backup, and the record's OAs (Coastal Plain's end-dated primary Glenn Hart too).
    assert_eq!(
        submission_notices(&server, "Avery Family Practice, PLLC").await,
        [("clin2".to_owned(), 1), ("javery1".to_owned(), 1)]
    );
    assert_eq!(
        submission_notices(&server, "Coastal Plain Surgical Associates").await,
        [
            ("clin2".to_owned(), 1),
            ("ghart7".to_owned(), 1),
            ("javery1".to_owned(), 1)
        ]
    );
    // The outcome stays with the set; it cannot be submitted twice.
    assert_eq!(
        prepared(&server, &javery).await.unwrap().outcomes,
        Some(outcomes)
    );
    let again = server
        .submit(&javery, &format!("{SET}/submit"), JAVERY1_PIN)
        .await;
    refused(again, StatusCode::NOT_FOUND, codes::NOT_FOUND).await;
}

#[tokio::test]
async fn a_record_with_an_open_request_is_not_filed_and_the_others_are() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    // An open request for Avery Family Practice already (R-OA-5).
    let single = format!("/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}");
    let draft = SaveDraft {
        step: Step::Review,
        draft: common::assigning("clin2"),
        authorization_code: None,
    };
    assert_eq!(
        server.put_json(&javery, &single, &draft).await.status(),
        StatusCode::OK
    );
    let filed = server
        .submit(&javery, &format!("{single}/submit"), JAVERY1_PIN)
        .await;
    assert_eq!(filed.status(), StatusCode::OK);

    prepare_both(&server, &javery).await;
    let response = server
        .submit(&javery, &format!("{SET}/submit"), JAVERY1_PIN)
        .await;
    let outcomes: Vec<RecordOutcome> = response.json().await.unwrap();
    assert!(matches!(
        &outcomes[0].outcome,
        Outcome::NotFiled { rule: Some(Rule::Oa5), reason } if reason.contains("pending")
    ));
    assert!(matches!(outcomes[1].outcome, Outcome::Filed { .. }));
}

#[tokio::test]
async fn the_pin_is_checked_once_for_the_whole_set() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    prepare_both(&server, &javery).await;
    let path = format!("{SET}/submit");
    // Two wrong PINs for a set of two: counted once each, so the third try is not locked
    // (R-AUTH-4 locks on the third wrong one).
    for _ in 0..2 {
        let wrong = server.submit(&javery, &path, "0000").await;
        refused(wrong, StatusCode::FORBIDDEN, codes::INVALID_PIN).await;
    }
    let applications: Vec<ApplicationSummary> = server.get_json(&javery, "/api/applications").await;
    assert!(applications.is_empty(), "nothing filed on a wrong PIN");
    let right = server.submit(&javery, &path, JAVERY1_PIN).await;
    assert_eq!(right.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_set_with_a_stranger_record_or_an_ineligible_person_is_not_saved() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    let stranger = casey_lin_for(&[AVERY_FAMILY_PRACTICE, SANDHILLS]);
    let response = server.put_json(&javery, SET, &stranger).await;
    refused(response, StatusCode::FORBIDDEN, codes::FORBIDDEN).await;
    assert_eq!(prepared(&server, &javery).await, None);
    // Casey Lin is already backup OA of Jordan Avery, MD: that record must leave the set.
    let already = casey_lin_for(&[AVERY_FAMILY_PRACTICE, JORDAN_AVERY_MD]);
    let response = server.put_json(&javery, SET, &already).await;
    let body = refused(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        codes::VALIDATION,
    )
    .await;
    assert_eq!(body.rule, Some(Rule::Many1));
    assert!(
        body.fields["records.1"].contains("already its backup OA"),
        "{body:?}"
    );
    assert!(!body.fields.contains_key("records.0"));
}

#[tokio::test]
async fn two_submissions_of_the_same_set_at_once_file_each_record_once() {
    let server = Server::start().await;
    let javery = server.signed_in("javery1").await;
    prepare_both(&server, &javery).await;
    let path = format!("{SET}/submit");
    let (first, second) = tokio::join!(
        server.submit(&javery, &path, JAVERY1_PIN),
        server.submit(&javery, &path, JAVERY1_PIN)
    );
    assert!(first.status().is_success() || second.status().is_success());
    let filed: Vec<(String, i64)> = sqlx::query_as(
        "SELECT record_id, count(*) FROM oa_change_requests \
         WHERE status = 'submitted' GROUP BY record_id ORDER BY record_id",
    )
    .fetch_all(&server.state.db)
    .await
    .unwrap();
    assert_eq!(
        filed,
        [
            (AVERY_FAMILY_PRACTICE.to_owned(), 1),
            (COASTAL_PLAIN.to_owned(), 1)
        ]
    );
}
