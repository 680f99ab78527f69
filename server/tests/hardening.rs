//! What an attacker or a load tester tried and got through once (issue 16): each test here
//! failed before its fix. Real HTTP on 127.0.0.1 against a real SQLite file.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::{client, error_of, refused, Server, PASSWORD};
use contract::application::MAX_UPLOADS_PER_DAY;
use contract::auth::MAX_FAILED_ATTEMPTS;
use contract::error::codes;
use portal_server::{app, serve_with, Config, ConnectionLimits};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;

/// How long a test waits for what must happen before it calls it a hang. Not a figure: the
/// server's own timeouts in these tests are one second.
const HANG: Duration = Duration::from_secs(60);

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
    let statuses = passwords_at_once(&server, "javery1", &["wrong"; 15]).await;
    // R-AUTH-2: three are checked, none past the limit is checked or counted. A wrong one
    // settled while others are in flight already answers the lock.
    assert!(
        count(&statuses, StatusCode::UNAUTHORIZED) < 3,
        "{statuses:?}"
    );
    assert_eq!(
        count(&statuses, StatusCode::UNAUTHORIZED) + count(&statuses, StatusCode::LOCKED),
        15,
        "{statuses:?}"
    );
    assert_eq!(
        failures(&server, "javery1").await,
        Some(i64::from(MAX_FAILED_ATTEMPTS))
    );
    refused(
        server.password(&client(), "javery1", PASSWORD).await,
        StatusCode::LOCKED,
        codes::LOCKED,
    )
    .await;
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
    // Those that find the waiting sign-in already used up answer `unauthorized` unchecked. How
    // many get past it before the first one uses it up is the scheduler's choice: at least one,
    // and each of those is checked and counted, never more than the lock allows (R-AUTH-2).
    let answers = attempts.join_all().await;
    let limit = i64::from(MAX_FAILED_ATTEMPTS);
    let counted = failures(&server, "javery1").await.unwrap_or(0);
    assert!(
        (1..=limit).contains(&counted),
        "{counted} failures: {answers:?}"
    );
    let checked_wrong = answers
        .iter()
        .filter(|code| *code == codes::INVALID_CODE)
        .count();
    assert!((checked_wrong as i64) < limit, "{answers:?}");
    // Locked exactly when the count reached the limit.
    let response = server.password(&client(), "javery1", PASSWORD).await;
    let locked = counted == limit;
    assert_eq!(
        response.status(),
        if locked {
            StatusCode::LOCKED
        } else {
            StatusCode::OK
        }
    );
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

/// A server of the demo data with `limits` at the connection level; its address.
async fn serve_limited(limits: ConnectionLimits) -> (SocketAddr, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("portal.db"));
    config.seed = Some(portal_server::Scenario::Demo);
    let (router, _state) = app(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { serve_with(listener, router, limits).await.unwrap() });
    (address, dir)
}

/// Reads until the server closes the connection; what it sent before.
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let read = tokio::time::timeout(HANG, stream.read_to_end(&mut answer)).await;
    read.expect("the server closes the connection").unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// Reads one answer (head and a `Content-Length` body) off a kept-alive connection: its head,
/// or `None` when the server closed the connection instead.
async fn read_answer(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = Vec::new();
    loop {
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map_or(0, |value| value.trim().parse().unwrap());
            while buffer.len() < end + 4 + length {
                let mut chunk = [0; 4096];
                match stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => return None,
                    Ok(read) => buffer.extend_from_slice(&chunk[..read]),
                }
            }
            return Some(head);
        }
        let mut chunk = [0; 4096];
        match tokio::time::timeout(HANG, stream.read(&mut chunk)).await {
            Ok(Ok(0) | Err(_)) => return None,
            Ok(Ok(read)) => buffer.extend_from_slice(&chunk[..read]),
            Err(_) => panic!("no answer and no close"),
        }
    }
}

const HALF_SENT: &[u8] = b"GET /api/health HTTP/1.1\r\nHost: portal\r\nX-Slow: ";

#[tokio::test]
async fn half_sent_requests_are_closed_and_do_not_hold_the_server() {
    let (address, _dir) = serve_limited(ConnectionLimits {
        header_read_timeout: Duration::from_secs(1),
        max_connections: 1,
        ..ConnectionLimits::default()
    })
    .await;
    let mut half_sent = TcpStream::connect(address).await.unwrap();
    half_sent.write_all(HALF_SENT).await.unwrap();
    // The only connection slot is taken: this one waits in the listen queue until the
    // half-sent one is closed, and is answered then.
    let whole = tokio::spawn(async move {
        let mut whole = TcpStream::connect(address).await.unwrap();
        whole
            .write_all(b"GET /api/health HTTP/1.1\r\nHost: portal\r\n\r\n")
            .await
            .unwrap();
        read_answer(&mut whole).await
    });
    let closed = read_to_close(&mut half_sent).await;
    assert!(!closed.contains("200 OK"), "{closed}");
    let answer = tokio::time::timeout(HANG, whole).await.unwrap().unwrap();
    assert!(answer.expect("an answer").starts_with("http/1.1 200"));
}

#[tokio::test]
async fn a_kept_alive_connection_left_idle_is_closed() {
    let (address, _dir) = serve_limited(ConnectionLimits {
        header_read_timeout: Duration::from_secs(1),
        max_connections: 4,
        ..ConnectionLimits::default()
    })
    .await;
    let mut idle = TcpStream::connect(address).await.unwrap();
    idle.write_all(b"GET /api/health HTTP/1.1\r\nHost: portal\r\n\r\n")
        .await
        .unwrap();
    let head = read_answer(&mut idle).await.expect("an answer");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert_eq!(read_to_close(&mut idle).await, "");
}

#[tokio::test]
async fn a_refusal_before_the_body_is_read_keeps_the_next_request() {
    let server = Server::start().await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let body = vec![b'%'; 1024 * 1024];
    let upload = format!(
        "POST /api/oa-change/attachments HTTP/1.1\r\nHost: portal\r\n\
         X-Requested-With: provider-portal\r\nContent-Type: application/pdf\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let health = b"GET /api/health HTTP/1.1\r\nHost: portal\r\n\r\n";
    let mut stream = TcpStream::connect(&address).await.unwrap();
    // Signed out: refused 401 before the body is read. Only part of it is sent first.
    stream.write_all(upload.as_bytes()).await.unwrap();
    stream.write_all(&body[..64 * 1024]).await.unwrap();
    let first = read_answer(&mut stream).await.expect("the refusal");
    assert!(first.starts_with("http/1.1 401"), "{first}");
    if first.contains("connection: close") {
        // Said so: the client opens a new connection for the next request.
        return;
    }
    // Kept alive, so the next request on it must be answered.
    let rest_and_next = [&body[64 * 1024..], health].concat();
    let _ = stream.write_all(&rest_and_next).await;
    let second = read_answer(&mut stream).await;
    assert!(
        second.is_some_and(|head| head.starts_with("http/1.1 200")),
        "the connection was kept alive, then closed under the next request"
    );
}

#[tokio::test]
async fn one_address_spraying_passwords_is_slowed_and_locks_no_one() {
    let server = Server::start().await;
    let sprayer = client();
    let mut refused = None;
    for attempt in 0..40 {
        let response = server
            .password(&sprayer, &format!("sprayed{attempt}"), "Summer2026!")
            .await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = Some((attempt, response));
            break;
        }
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let (attempt, response) = refused.expect("the address is limited");
    let retry_after: u64 = response.headers()[reqwest::header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1);
    let (_, body) = error_of(response).await;
    assert_eq!(body.error, codes::TOO_MANY_REQUESTS);
    // Refused before anything is checked or counted: the name is not a step nearer its lock.
    assert_eq!(failures(&server, &format!("sprayed{attempt}")).await, None);
    // A user at another address still signs in.
    let elsewhere = reqwest::Client::builder()
        .cookie_store(true)
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    server.sign_in(&elsewhere, "javery1").await;
}

#[tokio::test]
async fn an_over_long_user_name_is_refused_and_not_stored() {
    let server = Server::start().await;
    let name = "n".repeat(contract::auth::MAX_NCID_CHARS + 1);
    let (status, body) = error_of(server.password(&client(), &name, "wrong").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields.contains_key("ncid"), "{body:?}");
    assert_eq!(failures(&server, &name).await, None);
}

#[tokio::test]
async fn no_text_in_a_body_is_longer_than_the_longest_form_field() {
    let server = Server::start().await;
    let user = server.signed_in("javery1").await;
    let long = "x".repeat(contract::application::MAX_NOTE_CHARS + 1);
    let (status, body) = error_of(server.password(&client(), "javery1", &long).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields.contains_key("password"), "{body:?}");
    let draft = serde_json::json!({ "people": [{ "name": long }] });
    let response = server.put_json(&user, "/api/enrollments/1", &draft).await;
    let (status, body) = error_of(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields.contains_key("people.0.name"), "{body:?}");
}

#[tokio::test]
async fn a_draft_is_bounded_in_size_when_saved() {
    let server = Server::start().await;
    let user = server.signed_in("javery1").await;
    let person = serde_json::json!({ "name": "x".repeat(200), "address": "y".repeat(200) });
    let draft = serde_json::json!({ "people": vec![person; 1000] });
    let response = server.put_json(&user, "/api/enrollments/1", &draft).await;
    refused(response, StatusCode::PAYLOAD_TOO_LARGE, codes::TOO_LARGE).await;
}

#[tokio::test]
async fn behind_tls_browsers_are_told_to_use_https_only() {
    let plain = Server::start().await;
    let response = plain.get(&client(), "/api/health").await;
    assert!(!response
        .headers()
        .contains_key(reqwest::header::STRICT_TRANSPORT_SECURITY));
    let secure = Server::start_with(|config, _| config.secure_cookies = true).await;
    let response = secure.get(&client(), "/api/health").await;
    let hsts = &response.headers()[reqwest::header::STRICT_TRANSPORT_SECURITY];
    assert!(hsts.to_str().unwrap().starts_with("max-age="), "{hsts:?}");
}

#[tokio::test]
async fn one_user_uploads_a_bounded_number_of_documents_a_day() {
    let server = Server::start().await;
    let user = server.signed_in("javery1").await;
    let upload = || async {
        common::mutate(user.post(server.url("/api/oa-change/attachments")))
            .header(reqwest::header::CONTENT_TYPE, "application/pdf")
            .body(b"%PDF-1.7 explanation".to_vec())
            .send()
            .await
            .unwrap()
    };
    let mut accepted = 0;
    let refused = loop {
        let response = upload().await;
        if response.status() != StatusCode::OK {
            break response;
        }
        accepted += 1;
        assert!(accepted <= 100, "no quota");
    };
    assert!(
        accepted >= 10,
        "{accepted} uploads: too few for honest retries"
    );
    assert!(refused.headers().contains_key(reqwest::header::RETRY_AFTER));
    let body = common::refusal(
        refused,
        StatusCode::TOO_MANY_REQUESTS,
        contract::Rule::Oa3.id(),
    )
    .await;
    assert_eq!(body.error, codes::TOO_MANY_REQUESTS);
    // Another user's quota is their own.
    let other = server.signed_in("clin2").await;
    let response = common::mutate(other.post(server.url("/api/oa-change/attachments")))
        .body(b"%PDF-1.7 explanation".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// The quota holds for uploads sent at once, too: each is counted in its own insert, so no two
/// can both take the last place.
#[tokio::test]
async fn uploads_sent_at_once_are_stored_within_the_quota_only() {
    let server = Server::start().await;
    let user = server.signed_in("javery1").await;
    let sent = usize::try_from(MAX_UPLOADS_PER_DAY * 2).unwrap();
    let mut uploads = JoinSet::new();
    for _ in 0..sent {
        let request = common::mutate(user.post(server.url("/api/oa-change/attachments")))
            .header(reqwest::header::CONTENT_TYPE, "application/pdf")
            .body(b"%PDF-1.7 explanation".to_vec());
        uploads.spawn(async move { request.send().await.unwrap().status() });
    }
    let statuses = uploads.join_all().await;
    let accepted = statuses
        .iter()
        .filter(|status| **status == StatusCode::OK)
        .count();
    let refused = statuses
        .iter()
        .filter(|status| **status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (accepted, refused),
        (
            usize::try_from(MAX_UPLOADS_PER_DAY).unwrap(),
            sent - accepted
        ),
        "{statuses:?}"
    );
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM attachments WHERE owner_user_id = \
         (SELECT id FROM users WHERE ncid = 'javery1')",
    )
    .fetch_one(&server.state.db)
    .await
    .unwrap();
    assert_eq!(stored, MAX_UPLOADS_PER_DAY);
}

/// 64 removals at once once waited past SQLite's busy timeout and answered 500 ("Something went
/// wrong"): a busy database is a 503 with `Retry-After` that changed nothing, not a fault.
#[tokio::test]
async fn a_write_that_finds_the_database_busy_is_a_503_that_changed_nothing() {
    let server = Server::start().await;
    let javery1 = server.signed_in("javery1").await;
    let association: i64 = sqlx::query_scalar(
        "SELECT a.id FROM associations a JOIN users u ON u.id = a.user_id \
         WHERE u.ncid = 'javery1' ORDER BY a.id LIMIT 1",
    )
    .fetch_one(&server.state.db)
    .await
    .unwrap();

    // Another writer holds SQLite's write lock for longer than the server's busy timeout.
    let mut other_writer = server.state.db.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *other_writer)
        .await
        .unwrap();
    let response = server
        .post_json(
            &javery1,
            "/api/accounts/removal",
            &serde_json::json!({ "kind": "ids", "ids": [association] }),
        )
        .await;
    sqlx::query("ROLLBACK")
        .execute(&mut *other_writer)
        .await
        .unwrap();

    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok()),
        Some("1")
    );
    refused(response, StatusCode::SERVICE_UNAVAILABLE, codes::BUSY).await;
    let still_there: i64 = sqlx::query_scalar("SELECT count(*) FROM associations WHERE id = ?")
        .bind(association)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(still_there, 1);
}

/// Headers sent at once and then a body a byte at a time held the connection for as long as the
/// client liked: the whole body must now arrive within its deadline, or the answer is 408.
#[tokio::test]
async fn a_body_sent_a_byte_at_a_time_is_cut_off_at_its_deadline() {
    let (address, _dir) = serve_limited(ConnectionLimits {
        body_read_timeout: Duration::from_secs(1),
        ..ConnectionLimits::default()
    })
    .await;
    let stream = TcpStream::connect(address).await.unwrap();
    let (mut reading, mut writing) = stream.into_split();
    writing
        .write_all(
            b"POST /api/session/password HTTP/1.1\r\nHost: portal\r\n\
              Content-Type: application/json\r\nX-Requested-With: provider-portal\r\n\
              Content-Length: 400\r\n\r\n{\"ncid\": \"",
        )
        .await
        .unwrap();
    // One byte every 200 ms: never idle for long, but 400 bytes would take 80 s.
    let trickle = tokio::spawn(async move {
        while writing.write_all(b"a").await.is_ok() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let mut answer = Vec::new();
    let mut chunk = [0; 4096];
    let head = tokio::time::timeout(HANG, async {
        loop {
            let read = reading.read(&mut chunk).await.unwrap();
            assert_ne!(read, 0, "closed without an answer");
            answer.extend_from_slice(&chunk[..read]);
            if answer.windows(4).any(|window| window == b"\r\n\r\n") {
                break String::from_utf8_lossy(&answer).to_lowercase();
            }
        }
    })
    .await
    .expect("an answer at the body's deadline");
    trickle.abort();
    assert!(head.starts_with("http/1.1 408"), "{head}");
    assert!(head.contains("connection: close"), "{head}");
}
