//! One backup OA for several records (R-MANY-1): the person judged for each of the caller's
//! records on its own, over real HTTP against the demo data. javery1 is primary OA of Avery
//! Family Practice and its billing agent record, backup OA of Coastal Plain Surgical
//! Associates; Casey Lin (clin2) is already backup OA of Jordan Avery, MD.

mod common;

use common::{refused, Server};
use contract::error::codes;
use contract::several_records::{JudgeBackup, RecordVerdict, Verdict, MAX_RECORDS};
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
