//! `--seed <scenario>`: each named situation is there once the server starts, made through the
//! portal's own routes, and `--reset` starts from nothing.

mod common;

use common::{error_of, Server};
use contract::error::codes;
use portal_server::scenarios::{LOCKED_OUT_NCID, MANY_ACCOUNTS, RETURN_NOTE};
use portal_server::{app, Config, Scenario};
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn seeded(scenario: Scenario) -> Server {
    Server::start_with(|config, _| config.seed = Some(scenario)).await
}

/// The statuses of javery1's OA Change Requests, as My applications lists them.
async fn javery1_statuses(server: &Server, javery: &Client) -> Vec<String> {
    let applications: Value = server.get_json(javery, "/api/applications").await;
    applications
        .as_array()
        .expect("a list")
        .iter()
        .map(|application| application["status"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn fresh_request_waits_in_operations_and_its_applicant_signs_in_at_once() {
    let server = seeded(Scenario::FreshRequest).await;
    let staff = server.signed_in("opsreview1").await;
    let queue: Value = server.get_json(&staff, "/api/operations/requests").await;
    let queue = queue.as_array().expect("a queue");
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["status"], "submitted");
    // The scenario's own sign-in does not use up the code javery1's authenticator shows now.
    let javery = server.signed_in("javery1").await;
    assert_eq!(javery1_statuses(&server, &javery).await, ["submitted"]);
}

#[tokio::test]
async fn returned_is_a_request_returned_for_correction_with_its_note() {
    let server = seeded(Scenario::Returned).await;
    let javery = server.signed_in("javery1").await;
    assert_eq!(javery1_statuses(&server, &javery).await, ["returned"]);
    let draft: Value = server
        .get_json(&javery, "/api/oa-change/drafts/2044707588")
        .await;
    assert_eq!(draft["returned"]["note"], RETURN_NOTE);
}

#[tokio::test]
async fn locked_out_refuses_the_right_password() {
    let server = seeded(Scenario::LockedOut).await;
    let client = common::client();
    let response = server
        .password(&client, LOCKED_OUT_NCID, common::PASSWORD)
        .await;
    let (status, body) = error_of(response).await;
    assert_eq!(
        (status, body.error.as_str()),
        (StatusCode::LOCKED, codes::LOCKED)
    );
}

#[tokio::test]
async fn many_accounts_gives_javery1_two_thousand_associations() {
    let server = seeded(Scenario::ManyAccounts).await;
    let javery = server.signed_in("javery1").await;
    let page: Value = server.get_json(&javery, "/api/accounts").await;
    assert_eq!(page["total_matching"].as_i64(), Some(MANY_ACCOUNTS));
}

#[tokio::test]
async fn reset_starts_from_nothing_and_a_seeded_database_is_kept_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.db");
    let requests = |config: Config| async move {
        let (_, state) = app(config).await.unwrap();
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM oa_change_requests")
            .fetch_one(&state.db)
            .await
            .unwrap();
        state.db.close().await;
        count
    };
    let with = |seed, reset| Config {
        seed: Some(seed),
        reset,
        ..Config::new(&path)
    };
    assert_eq!(requests(with(Scenario::FreshRequest, false)).await, 1);
    // Without --reset the data stays: a restart loses nothing.
    assert_eq!(requests(with(Scenario::Demo, false)).await, 1);
    assert_eq!(requests(with(Scenario::Demo, true)).await, 0);
}
