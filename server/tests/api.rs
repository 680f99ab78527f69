//! The HTTP contract of docs/api.md, over real HTTP on 127.0.0.1 against a real SQLite file.

mod common;

use std::time::Duration;

use base64::Engine;
use common::{client, error_of, mutate, refused, Server, PASSWORD};
use contract::auth::{
    locked_message, SessionInfo, IDLE_TIMEOUT_SECONDS, INVALID_CODE_MESSAGE, LOCK_SECONDS,
};
use contract::error::codes;
use contract::records::{HomeSummary, OaRole};
use contract::ApiErrorBody;
use portal_server::SESSION_COOKIE;
use reqwest::header::{
    HeaderMap, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, SET_COOKIE,
};
use reqwest::{Client, StatusCode};
use serde_json::json;
use sha2::Digest;

/// 2026-10-01T12:00:00Z: the day after Coastal Plain Surgical Associates' primary OA's end date.
const OCT_1_2026_NOON: i64 = 1_790_856_000;

/// The `portal_session` Set-Cookie header of a response, whole.
fn session_set_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|value| value.starts_with(&format!("{SESSION_COOKIE}=")))
}

fn session_id(headers: &HeaderMap) -> String {
    let cookie = session_set_cookie(headers).expect("a session cookie");
    cookie[SESSION_COOKIE.len() + 1..]
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn signs_in_with_password_then_a_correct_code() {
    let server = Server::start().await;
    let client = client();

    let response = server.password(&client, "JAvery1", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let waiting_id = session_id(response.headers());
    assert_eq!(
        response.json::<serde_json::Value>().await.unwrap(),
        json!({})
    );
    // Waiting for the code is not signed in.
    assert_eq!(
        server.get(&client, "/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );

    let response = server.code(&client, &server.code_for("javery1")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_ne!(session_id(response.headers()), waiting_id, "id renewed");
    let info: SessionInfo = response.json().await.unwrap();
    assert_eq!(info.user.ncid, "javery1");
    assert_eq!(info.user.name, "Jordan Avery");
    assert!(!info.user.operations_staff);
    assert_eq!(
        info.idle_timeout_seconds,
        contract::auth::IDLE_TIMEOUT_SECONDS
    );

    let response = server.get(&client, "/api/session").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<SessionInfo>().await.unwrap(), info);
    let response = server.post(&client, "/api/session/keep-alive").await;
    assert_eq!(response.json::<SessionInfo>().await.unwrap(), info);

    // The old waiting id is worth nothing now.
    let stale = Client::new()
        .get(server.url("/api/session"))
        .header("Cookie", format!("{SESSION_COOKIE}={waiting_id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn empty_fields_are_refused_with_field_messages() {
    let server = Server::start().await;
    let body = refused(
        server.password(&client(), " ", "").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        codes::VALIDATION,
    )
    .await;
    assert!(body.fields.contains_key("ncid"));
    assert!(body.fields.contains_key("password"));
}

#[tokio::test]
async fn three_wrong_passwords_lock_the_name_even_for_the_right_password() {
    let server = Server::start().await;
    let client = client();
    for _ in 0..2 {
        let (status, body) =
            error_of(server.password(&client, "javery1", "demo!passw0rd").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body.error, codes::INVALID_CREDENTIALS);
    }
    // R-AUTH-2: the third failure itself answers "locked".
    let body = refused(
        server.password(&client, "javery1", "wrong").await,
        StatusCode::LOCKED,
        codes::LOCKED,
    )
    .await;
    assert_eq!(body.message, locked_message());
    assert_eq!(body.rule.map(|r| r.id()), Some("R-AUTH-2"));

    // Counted per lower-cased name: the right password under another casing is locked too.
    let (status, body) = error_of(server.password(&client, "JAVERY1", PASSWORD).await).await;
    assert_eq!(status, StatusCode::LOCKED);
    assert_eq!(body.message, locked_message());
    // Other names are not affected.
    assert_eq!(
        server.password(&client, "clin2", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_lock_ends_after_thirty_minutes() {
    let server = Server::start().await;
    let client = client();
    for _ in 0..3 {
        server.password(&client, "javery1", "wrong").await;
    }
    server.state.clock.advance(LOCK_SECONDS - 5);
    assert_eq!(
        server.password(&client, "javery1", PASSWORD).await.status(),
        StatusCode::LOCKED
    );
    server.state.clock.advance(10);
    assert_eq!(
        server.sign_in(&client, "javery1").await.user.ncid,
        "javery1"
    );
    // The count started again: two failures do not lock.
    for _ in 0..2 {
        assert_eq!(
            server.password(&client, "javery1", "wrong").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn an_unknown_name_is_answered_like_a_wrong_password_and_locks_the_same_way() {
    let server = Server::start().await;
    let client = client();
    let wrong_password = server.password(&client, "javery1", "not it").await;
    let unknown_name = server.password(&client, "nosuchuser9", "not it").await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_name.status(), wrong_password.status());
    assert!(session_set_cookie(wrong_password.headers()).is_none());
    assert!(session_set_cookie(unknown_name.headers()).is_none());
    let wrong_password = wrong_password.bytes().await.unwrap();
    let unknown_name = unknown_name.bytes().await.unwrap();
    assert_eq!(unknown_name, wrong_password, "byte for byte (R-AUTH-3)");
    let body: ApiErrorBody = serde_json::from_slice(&unknown_name).unwrap();
    assert_eq!(body.error, codes::INVALID_CREDENTIALS);

    assert_eq!(
        server.password(&client, "NoSuchUser9", "x").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = error_of(server.password(&client, "nosuchuser9", "y").await).await;
    assert_eq!(status, StatusCode::LOCKED);
    assert_eq!(body.message, locked_message());
}

#[tokio::test]
async fn a_wrong_code_sends_the_user_back_to_the_start() {
    let server = Server::start().await;
    let client = client();
    assert_eq!(
        server.password(&client, "javery1", PASSWORD).await.status(),
        StatusCode::OK
    );
    let right = server.code_for("javery1");
    let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
    let body = refused(
        server.code(&client, &wrong).await,
        StatusCode::UNAUTHORIZED,
        codes::INVALID_CODE,
    )
    .await;
    assert_eq!(body.message, INVALID_CODE_MESSAGE);

    // The waiting session is gone: even the right code needs a new password step.
    refused(
        server.code(&client, &right).await,
        StatusCode::UNAUTHORIZED,
        codes::UNAUTHORIZED,
    )
    .await;
    assert_eq!(
        server.get(&client, "/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server.sign_in(&client, "javery1").await.user.ncid,
        "javery1"
    );
}

#[tokio::test]
async fn wrong_codes_count_toward_the_lock() {
    let server = Server::start().await;
    let client = client();
    for attempt in 1..=3 {
        server.password(&client, "javery1", PASSWORD).await;
        let expected = if attempt < 3 {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::LOCKED
        };
        assert_eq!(server.code(&client, "000000").await.status(), expected);
    }
    assert_eq!(
        server.password(&client, "javery1", PASSWORD).await.status(),
        StatusCode::LOCKED
    );
}

#[tokio::test]
async fn a_replayed_code_is_refused() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let used = server.code_for("javery1");
    let response = mutate(client.delete(server.url("/api/session")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    server.password(&client, "javery1", PASSWORD).await;
    refused(
        server.code(&client, &used).await,
        StatusCode::UNAUTHORIZED,
        codes::INVALID_CODE,
    )
    .await;

    // The next step's code is fresh.
    server.state.clock.advance(30);
    assert_eq!(
        server.sign_in(&client, "javery1").await.user.ncid,
        "javery1"
    );
}

#[tokio::test]
async fn a_code_outside_one_step_is_refused() {
    let server = Server::start().await;
    let client = client();
    server.password(&client, "javery1", PASSWORD).await;
    let stale = server.code_for("javery1");
    server.state.clock.advance(90);
    assert_eq!(
        server.code(&client, &stale).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_same_site_strict_path_root() {
    let server = Server::start().await;
    let response = server.password(&client(), "javery1", PASSWORD).await;
    let cookie = session_set_cookie(response.headers()).unwrap();
    let attributes: Vec<String> = cookie
        .split(';')
        .skip(1)
        .map(|part| part.trim().to_ascii_lowercase())
        .collect();
    assert!(attributes.contains(&"httponly".to_owned()), "{cookie}");
    assert!(
        attributes.contains(&"samesite=strict".to_owned()),
        "{cookie}"
    );
    assert!(attributes.contains(&"path=/".to_owned()), "{cookie}");
    assert!(!attributes.contains(&"secure".to_owned()), "{cookie}");

    let secure = Server::start_with(|config, _| config.secure_cookies = true).await;
    let response = secure.password(&client(), "javery1", PASSWORD).await;
    let cookie = session_set_cookie(response.headers()).unwrap();
    assert!(cookie.to_ascii_lowercase().contains("; secure"), "{cookie}");
}

#[tokio::test]
async fn a_mutating_request_without_x_requested_with_is_refused_and_changes_nothing() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;

    // Sign-out without the header: refused, still signed in.
    let response = client
        .delete(server.url("/api/session"))
        .send()
        .await
        .unwrap();
    refused(response, StatusCode::FORBIDDEN, codes::CSRF).await;
    assert_eq!(
        server.get(&client, "/api/session").await.status(),
        StatusCode::OK
    );

    // Wrong passwords without the header never reach the handler: no failure is counted.
    let other = Client::new();
    for _ in 0..3 {
        let response = other
            .post(server.url("/api/session/password"))
            .header("X-Requested-With", "XMLHttpRequest")
            .json(&json!({ "ncid": "clin2", "password": "wrong" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(session_set_cookie(response.headers()).is_none());
    }
    assert_eq!(
        server.password(&client, "clin2", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_idle_session_ends_and_a_request_keeps_it_alive() {
    let server = Server::start_with(|config, _| config.idle_timeout = Duration::from_secs(3)).await;
    // Cookies by hand: a browser would drop the cookie at its Max-Age; the server must end the
    // session itself.
    let plain = Client::new();
    let response = server.password(&plain, "javery1", PASSWORD).await;
    let waiting = session_id(response.headers());
    let response = mutate(plain.post(server.url("/api/session/one-time-code")))
        .header("Cookie", format!("{SESSION_COOKIE}={waiting}"))
        .json(&json!({ "code": server.code_for("javery1") }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = format!("{SESSION_COOKIE}={}", session_id(response.headers()));
    let session = || async {
        plain
            .get(server.url("/api/session"))
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap()
            .status()
    };

    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(session().await, StatusCode::OK);
    // 4 s after sign-in, past the 3 s timeout: alive only because of the request at 2 s.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(session().await, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    assert_eq!(session().await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let server = Server::start().await;
    let plain = Client::new();
    // Sign in by hand so the test holds the session id itself.
    let response = server.password(&plain, "javery1", PASSWORD).await;
    let waiting = session_id(response.headers());
    let response = mutate(plain.post(server.url("/api/session/one-time-code")))
        .header("Cookie", format!("{SESSION_COOKIE}={waiting}"))
        .json(&json!({ "code": server.code_for("javery1") }))
        .send()
        .await
        .unwrap();
    let cookie = format!("{SESSION_COOKIE}={}", session_id(response.headers()));

    let response = mutate(plain.delete(server.url("/api/session")))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = session_set_cookie(response.headers()).expect("cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");

    let response = plain
        .get(server.url("/api/session"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn home_lists_the_records_a_user_administers() {
    let server = Server::start().await;
    let client = client();
    assert_eq!(
        server.get(&client, "/api/home").await.status(),
        StatusCode::UNAUTHORIZED
    );
    server.state.clock.set(OCT_1_2026_NOON);
    server.sign_in(&client, "javery1").await;

    let home: HomeSummary = server.get_json(&client, "/api/home").await;
    let names: Vec<&str> = home.records.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Avery Billing Services LLC",
            "Avery Family Practice, PLLC",
            "Coastal Plain Surgical Associates",
            "Jordan Avery, MD",
            "Piedmont Behavioral Health Partners",
            "Triangle Pediatrics Group",
        ]
    );
    let coastal = &home.records[2];
    assert_eq!(coastal.my_role, OaRole::Backup);
    let primary = coastal.primary_oa.as_ref().unwrap();
    assert_eq!(primary.ncid, "ghart7");
    assert_eq!(primary.name, "Glenn Hart");
    assert_eq!(primary.end_date.unwrap().to_string(), "2026-09-30");
    // R-BOA-8: the end-dated primary is not active and the backup is not promoted.
    assert!(!coastal.has_active_primary_oa);
    assert_eq!(coastal.backup_oa.as_ref().unwrap().ncid, "javery1");

    let own = &home.records[3];
    assert_eq!(own.my_role, OaRole::Primary);
    assert!(own.has_active_primary_oa);
    assert_eq!(own.backup_oa.as_ref().unwrap().ncid, "clin2");

    // The end date is inclusive: on 2026-09-30 the primary is still active.
    server.state.clock.advance(-86_400);
    let home: HomeSummary = server.get_json(&client, "/api/home").await;
    assert!(home.records[2].has_active_primary_oa);
}

#[tokio::test]
async fn unknown_api_paths_answer_json_404_never_the_page() {
    let server = Server::start_with(|config, dir| {
        std::fs::write(dir.join("index.html"), "<!doctype html><title>x</title>").unwrap();
        config.static_dir = Some(dir.to_owned());
    })
    .await;
    let client = client();
    for path in [
        "/api/nothing-here",
        "/api/session/extra/deep",
        "/api",
        "/api/",
    ] {
        let response = server.get(&client, path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-store", "{path}");
        let (_, body) = error_of(response).await;
        assert_eq!(body.error, codes::NOT_FOUND, "{path}");
    }
    // A known path with another method is not the page either.
    let (status, body) = error_of(
        mutate(client.put(server.url("/api/home")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body.error, codes::NOT_FOUND);

    let health = server.get(&client, "/api/health").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(
        health.json::<serde_json::Value>().await.unwrap(),
        json!({ "status": "ok" })
    );
}

#[tokio::test]
async fn pages_fall_back_to_index_html_under_a_csp_with_the_loader_hash() {
    const LOADER: &str =
        "\nimport init from '/portal-1a2b.js';\nawait init('/portal-1a2b_bg.wasm');\n";
    let index = format!(
        "<!doctype html><html><head><link rel=\"modulepreload\" href=\"/portal-1a2b.js\">\
         <script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    let server = Server::start_with(|config, dir| {
        let dist = dir.join("dist");
        std::fs::create_dir(&dist).unwrap();
        std::fs::write(dist.join("index.html"), &index).unwrap();
        std::fs::write(dist.join("portal-1a2b.js"), "export default 1;").unwrap();
        // Served as is: what matters is that the .gz file beside it is chosen.
        std::fs::write(dist.join("portal-1a2b.js.gz"), "gzip bytes").unwrap();
        config.static_dir = Some(dist);
    })
    .await;
    let client = client();

    let response = server.get(&client, "/account").await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert!(headers[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(headers[CACHE_CONTROL], "no-cache");
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(LOADER));
    let csp = headers[CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(headers.contains_key("permissions-policy"));
    assert_eq!(response.text().await.unwrap(), index);

    let response = server.get(&client, "/").await;
    assert_eq!(response.text().await.unwrap(), index);

    let asset = server.get(&client, "/portal-1a2b.js").await;
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(
        asset.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.headers()["vary"], "accept-encoding");
    assert_eq!(asset.text().await.unwrap(), "export default 1;");

    // The build's gzip variant answers a client that accepts it.
    let gzipped = client
        .get(server.url("/portal-1a2b.js"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    assert_eq!(gzipped.bytes().await.unwrap().as_ref(), b"gzip bytes");

    // The API keeps its JSON 404 and its own headers.
    let response = server.get(&client, "/api/account").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.headers().contains_key(CONTENT_SECURITY_POLICY));
    assert_eq!(error_of(response).await.1.error, codes::NOT_FOUND);
}

#[tokio::test]
async fn without_a_built_client_pages_answer_404() {
    let server = Server::start().await;
    let response = server.get(&client(), "/account").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!response.text().await.unwrap().contains("<html"));
}

#[tokio::test]
async fn the_demo_code_endpoint_exists_only_with_demo() {
    let server = Server::start().await;
    let client = client();
    server.password(&client, "javery1", PASSWORD).await;
    refused(
        server.get(&client, "/api/session/demo-code").await,
        StatusCode::NOT_FOUND,
        codes::NOT_FOUND,
    )
    .await;

    let demo = Server::start_with(|config, _| config.demo = true).await;
    let client = self::client();
    assert_eq!(
        demo.get(&client, "/api/session/demo-code").await.status(),
        StatusCode::NOT_FOUND,
        "no waiting session"
    );
    demo.password(&client, "javery1", PASSWORD).await;
    let code: contract::auth::DemoCode = demo
        .get(&client, "/api/session/demo-code")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(code.code, demo.code_for("javery1"));
    assert_eq!(
        demo.code(&client, &code.code).await.status(),
        StatusCode::OK
    );
}

/// Each request restarts the idle period, but writing that to SQLite on every request made every
/// request a write, and under load those writes failed with "database is locked" (500). The
/// stored expiry is written once per slack, and it is never earlier than the idle timeout asks.
#[tokio::test]
async fn requests_in_quick_succession_restart_the_idle_period_without_a_write_each() {
    let server = Server::start().await;
    let client = server.signed_in("javery1").await;
    let stored = || async {
        sqlx::query_as::<_, (String, time::OffsetDateTime)>(
            "SELECT id, expiry_date FROM tower_sessions ORDER BY id",
        )
        .fetch_all(&server.state.db)
        .await
        .unwrap()
    };
    assert_eq!(
        server.get(&client, "/api/session").await.status(),
        StatusCode::OK
    );
    let before = stored().await;
    // The stored expiry has whole seconds: let one pass, so that a write would show.
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    for _ in 0..3 {
        assert_eq!(
            server.get(&client, "/api/session").await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(stored().await, before);

    let latest = before.iter().map(|(_, expiry)| *expiry).max().unwrap();
    assert!(
        latest >= time::OffsetDateTime::now_utc() + time::Duration::seconds(IDLE_TIMEOUT_SECONDS)
    );
}

/// Every route of docs/api.md, as (method, path) in the document's spelling.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/openapi.json"),
    ("post", "/api/session/password"),
    ("get", "/api/session/demo-code"),
    ("post", "/api/session/one-time-code"),
    ("get", "/api/session"),
    ("delete", "/api/session"),
    ("post", "/api/session/keep-alive"),
    ("get", "/api/home"),
    ("get", "/api/accounts"),
    ("post", "/api/accounts/preview"),
    ("post", "/api/accounts/removal"),
    ("get", "/api/records/{id}/users"),
    ("post", "/api/records/{id}/users"),
    ("put", "/api/records/{id}/users/{association}/roles"),
    ("post", "/api/records/{id}/users/status"),
    ("post", "/api/records/{id}/users/end-access"),
    ("get", "/api/oa-change/records"),
    ("get", "/api/oa-change/records/{id}"),
    ("get", "/api/oa-change/drafts/{record_id}"),
    ("put", "/api/oa-change/drafts/{record_id}"),
    ("post", "/api/oa-change/drafts/{record_id}/submit"),
    ("post", "/api/oa-change/several/judgement"),
    ("get", "/api/oa-change/several"),
    ("put", "/api/oa-change/several"),
    ("post", "/api/oa-change/several/submit"),
    ("post", "/api/oa-change/attachments"),
    ("get", "/api/applications"),
    ("get", "/api/applications/{id}"),
    ("post", "/api/applications/{id}/withdraw"),
    ("get", "/api/enrollments"),
    ("post", "/api/enrollments"),
    ("get", "/api/enrollments/{id}"),
    ("put", "/api/enrollments/{id}"),
    ("post", "/api/enrollments/{id}/submit"),
    ("post", "/api/enrollments/{id}/withdraw"),
    ("get", "/api/operations/requests"),
    ("get", "/api/operations/requests/{id}"),
    ("post", "/api/operations/requests/{id}/review"),
    ("post", "/api/operations/requests/{id}/decision"),
    ("get", "/api/operations/attachments/{id}"),
    ("get", "/api/operations/enrollments"),
    ("get", "/api/operations/enrollments/{id}"),
    ("post", "/api/operations/enrollments/{id}/review"),
    ("post", "/api/operations/enrollments/{id}/decision"),
    ("post", "/api/operations/records/{id}/end-date-primary"),
    ("post", "/api/operations/users/{ncid}/unlock"),
    ("get", "/api/messages"),
    ("get", "/api/messages/unread-count"),
    ("post", "/api/messages/{id}/read"),
];

/// Every `$ref` under `value` names a schema of `components`.
fn assert_refs_resolve(value: &serde_json::Value, schemas: &serde_json::Value) {
    match value {
        serde_json::Value::Object(members) => {
            if let Some(target) = members.get("$ref").and_then(|target| target.as_str()) {
                let name = target
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("{target} is not a schema reference"));
                assert!(schemas.get(name).is_some(), "{target} names no schema");
            }
            members
                .values()
                .for_each(|member| assert_refs_resolve(member, schemas));
        }
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|item| assert_refs_resolve(item, schemas)),
        _ => {}
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_the_server_serves() {
    let server = Server::start().await;
    let response = client()
        .get(server.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    let document: serde_json::Value = response.json().await.unwrap();

    assert!(
        document["openapi"].as_str().unwrap().starts_with("3.1."),
        "{}",
        document["openapi"]
    );
    assert!(document["info"]["title"].is_string());
    assert!(document["info"]["version"].is_string());
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], SESSION_COOKIE);
    assert_eq!(schemes["requested_with"]["in"], "header");
    assert_eq!(schemes["requested_with"]["name"], "X-Requested-With");
    assert_refs_resolve(&document, &document["components"]["schemas"]);

    let mut documented = Vec::new();
    let mut operation_ids = std::collections::BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            documented.push((method.clone(), path.clone()));
            let id = operation["operationId"].as_str().unwrap();
            assert!(operation_ids.insert(id), "operationId {id} twice");
            let responses = operation["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{method} {path}");
            if method != "get" {
                // Every mutation documents the CSRF refusal and requires the header.
                assert!(responses.contains_key("403"), "{method} {path}");
                let requirements = operation["security"].as_array().unwrap();
                assert!(
                    requirements
                        .iter()
                        .all(|requirement| requirement.get("requested_with").is_some()),
                    "{method} {path}"
                );
            }
        }
    }
    documented.sort();
    let mut expected: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    expected.sort();
    assert_eq!(documented, expected);

    // And each documented route is served: signed out, none is answered by the API's 404 for
    // paths and methods it does not serve (demo-code's own 404 says the same without --demo).
    for (method, path) in &documented {
        if path == "/api/session/demo-code" {
            continue;
        }
        let url = server.url(
            &path
                .replace("{id}", "1")
                .replace("{record_id}", "2044707588")
                .replace("{ncid}", "javery1"),
        );
        let request = client().request(method.to_uppercase().parse().unwrap(), url);
        let response = mutate(request).send().await.unwrap();
        assert_ne!(
            response.status(),
            StatusCode::NOT_FOUND,
            "{method} {path} is not served"
        );
    }
}
