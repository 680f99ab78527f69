//! What an attacker or a load tester tried and got through once (issue 16): each test here
//! failed before its fix. Real HTTP on 127.0.0.1 against a real SQLite file.

mod common;

use common::{client, error_of, Server, PASSWORD};
use contract::auth::MAX_FAILED_ATTEMPTS;
use contract::error::codes;
use reqwest::StatusCode;
use tokio::task::JoinSet;

/// The failures counted against `name` (lower-cased), if any.
async fn failures(server: &Server, name: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT failures FROM login_failures WHERE ncid_key = ?")
        .bind(name)
        .fetch_optional(&server.state.db)
        .await
        .unwrap()
}

/// `attempts` password attempts for one name at once, each from its own client: their statuses.
async fn passwords_at_once(server: &Server, ncid: &str, passwords: &[&str]) -> Vec<StatusCode> {
    let mut attempts = JoinSet::new();
    for password in passwords {
        let (url, ncid, password) = (
            server.url("/api/session/password"),
            ncid.to_owned(),
            password.to_string(),
        );
        attempts.spawn(async move {
            common::mutate(client().post(url))
                .json(&serde_json::json!({ "ncid": ncid, "password": password }))
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    attempts.join_all().await
}

fn count(statuses: &[StatusCode], wanted: StatusCode) -> usize {
    statuses.iter().filter(|status| **status == wanted).count()
}

#[tokio::test]
async fn wrong_passwords_sent_at_once_are_checked_three_times_at_most() {
    let server = Server::start().await;
    let statuses = passwords_at_once(&server, "javery1", &["wrong"; 30]).await;
    // R-AUTH-2: three are checked, none past the limit is checked or counted. A wrong one
    // settled while others are in flight already answers the lock.
    assert!(
        count(&statuses, StatusCode::UNAUTHORIZED) < 3,
        "{statuses:?}"
    );
    assert_eq!(
        count(&statuses, StatusCode::UNAUTHORIZED) + count(&statuses, StatusCode::LOCKED),
        30,
        "{statuses:?}"
    );
    assert_eq!(
        failures(&server, "javery1").await,
        Some(i64::from(MAX_FAILED_ATTEMPTS))
    );
    let (status, body) = error_of(server.password(&client(), "javery1", PASSWORD).await).await;
    assert_eq!(status, StatusCode::LOCKED);
    assert_eq!(body.error, codes::LOCKED);
}

#[tokio::test]
async fn the_last_attempt_left_is_checked_once_however_many_are_sent() {
    let server = Server::start().await;
    for _ in 1..MAX_FAILED_ATTEMPTS {
        let response = server.password(&client(), "javery1", "wrong").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // One attempt is left: of ten right passwords sent at once, one is checked and the others
    // are refused unchecked, as any guess would be.
    let statuses = passwords_at_once(&server, "javery1", &[PASSWORD; 10]).await;
    assert_eq!(count(&statuses, StatusCode::OK), 1, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::LOCKED), 9, "{statuses:?}");
    // The right password was no failure: the count is where it was.
    assert_eq!(
        failures(&server, "javery1").await,
        Some(i64::from(MAX_FAILED_ATTEMPTS) - 1)
    );
}

#[tokio::test]
async fn wrong_codes_sent_at_once_are_checked_three_times_at_most() {
    let server = Server::start().await;
    let waiting = client();
    assert_eq!(
        server
            .password(&waiting, "javery1", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    let mut attempts = JoinSet::new();
    for _ in 0..10 {
        let (url, waiting) = (server.url("/api/session/one-time-code"), waiting.clone());
        attempts.spawn(async move {
            let response = common::mutate(waiting.post(url))
                .json(&serde_json::json!({ "code": "000000" }))
                .send()
                .await
                .unwrap();
            error_of(response).await.1.error
        });
    }
    // Those that find the waiting sign-in already used up answer `unauthorized` unchecked.
    let answers = attempts.join_all().await;
    let checked_wrong = answers.iter().filter(|code| *code == codes::INVALID_CODE);
    assert!(checked_wrong.count() < 3, "{answers:?}");
    assert_eq!(
        failures(&server, "javery1").await,
        Some(i64::from(MAX_FAILED_ATTEMPTS))
    );
    let response = server.password(&client(), "javery1", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::LOCKED);
}

/// Every route with a numeric id in its path, with who may call it.
const ID_ROUTES: [(&str, &str, bool); 14] = [
    ("POST", "/api/messages/{id}/read", false),
    ("GET", "/api/enrollments/{id}", false),
    ("PUT", "/api/enrollments/{id}", false),
    ("POST", "/api/enrollments/{id}/submit", false),
    ("POST", "/api/enrollments/{id}/withdraw", false),
    ("GET", "/api/applications/{id}", false),
    ("POST", "/api/applications/{id}/withdraw", false),
    ("GET", "/api/operations/attachments/{id}", true),
    ("GET", "/api/operations/requests/{id}", true),
    ("POST", "/api/operations/requests/{id}/review", true),
    ("POST", "/api/operations/requests/{id}/decision", true),
    ("GET", "/api/operations/enrollments/{id}", true),
    ("POST", "/api/operations/enrollments/{id}/review", true),
    ("POST", "/api/operations/enrollments/{id}/decision", true),
];

#[tokio::test]
async fn an_id_that_is_not_a_number_is_refused_in_json() {
    let server = Server::start().await;
    let user = server.signed_in("javery1").await;
    let staff = server.signed_in("opsreview1").await;
    for (method, route, staff_only) in ID_ROUTES {
        let caller = if staff_only { &staff } else { &user };
        let url = server.url(&route.replace("{id}", "abc"));
        let request = caller.request(method.parse().unwrap(), url);
        let response = common::mutate(request)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        let content_type = response.headers()[reqwest::header::CONTENT_TYPE].clone();
        assert_eq!(content_type, "application/json", "{method} {route}");
        let (status, body) = error_of(response).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{method} {route}");
        assert_eq!(body.error, codes::VALIDATION, "{method} {route}");
    }
}
