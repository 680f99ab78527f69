//! What the HTTP tests share: the app in-process on 127.0.0.1 with a fresh SQLite file seeded
//! with the demo data, clients that sign in to it, the requests every feature sends, one
//! refusal assertion and one demo OA Change Request draft.
//!
//! Each test file is its own crate and uses only part of this module, so the rest is unused
//! there: dead code is allowed here and nowhere else.
#![allow(dead_code)]

use std::path::Path;

use contract::application::ExclusionAnswers;
use contract::auth::SessionInfo;
use contract::oa_change::{BackupChoice, OaChangeDraft, PrimaryChoice};
use contract::ApiErrorBody;
use portal_server::{app, AppState, Config};
use reqwest::{Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;
use tempfile::TempDir;

pub const PASSWORD: &str = "Demo!Passw0rd";

pub struct Server {
    pub base: String,
    pub state: AppState,
    _dir: TempDir,
}

impl Server {
    pub async fn start() -> Self {
        Self::start_with(|_, _| {}).await
    }

    pub async fn start_with(configure: impl FnOnce(&mut Config, &Path)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::new(dir.path().join("portal.db"));
        config.seed = Some(portal_server::Scenario::Demo);
        configure(&mut config, dir.path());
        let (router, state) = app(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { portal_server::serve(listener, router).await.unwrap() });
        Self {
            base,
            state,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The code an authenticator shows now, by the server's (injected) clock.
    pub fn code_for(&self, ncid: &str) -> String {
        let secret = demo_secret(ncid);
        let bytes = totp_rs::Secret::Encoded(secret).to_bytes().unwrap();
        totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes)
            .generate(self.state.clock.now() as u64)
    }

    pub async fn password(&self, client: &Client, ncid: &str, password: &str) -> Response {
        mutate(client.post(self.url("/api/session/password")))
            .json(&json!({ "ncid": ncid, "password": password }))
            .send()
            .await
            .unwrap()
    }

    pub async fn code(&self, client: &Client, code: &str) -> Response {
        mutate(client.post(self.url("/api/session/one-time-code")))
            .json(&json!({ "code": code }))
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, client: &Client, ncid: &str) -> SessionInfo {
        assert_eq!(
            self.password(client, ncid, PASSWORD).await.status(),
            StatusCode::OK
        );
        let response = self.code(client, &self.code_for(ncid)).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// A fresh client, signed in as `ncid`.
    pub async fn signed_in(&self, ncid: &str) -> Client {
        let client = client();
        self.sign_in(&client, ncid).await;
        client
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.unwrap()
    }

    /// `GET`, answered 200 with `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, client: &Client, path: &str) -> T {
        json(self.get(client, path).await).await
    }

    /// A mutating `POST` without a body.
    pub async fn post(&self, client: &Client, path: &str) -> Response {
        mutate(client.post(self.url(path))).send().await.unwrap()
    }

    /// A mutating `POST` of `body` as JSON.
    pub async fn post_json(&self, client: &Client, path: &str, body: &impl Serialize) -> Response {
        mutate(client.post(self.url(path)))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// A mutating `PUT` of `body` as JSON.
    pub async fn put_json(&self, client: &Client, path: &str, body: &impl Serialize) -> Response {
        mutate(client.put(self.url(path)))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Signs an application at `path` (`…/submit`) with the attestation and `pin` (R-AUTH-4).
    pub async fn submit(&self, client: &Client, path: &str, pin: &str) -> Response {
        let signature = json!({ "attestation": true, "pin": pin });
        self.post_json(client, path, &signature).await
    }

    /// Staff decide application `id` of `queue` (`requests` or `enrollments`).
    pub async fn decide(
        &self,
        staff: &Client,
        queue: &str,
        id: i64,
        decision: &str,
        note: &str,
    ) -> Response {
        let path = format!("/api/operations/{queue}/{id}/decision");
        let decision = json!({ "decision": decision, "note": note });
        self.post_json(staff, &path, &decision).await
    }
}

fn demo_secret(ncid: &str) -> String {
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../../../fixtures/demo-data.json")).unwrap();
    data["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|user| user["ncid"] == ncid)
        .unwrap()["totp_secret"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub fn client() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

pub fn mutate(request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    request.header("X-Requested-With", "provider-portal")
}

pub async fn error_of(response: Response) -> (StatusCode, ApiErrorBody) {
    let status = response.status();
    (status, response.json().await.unwrap())
}

/// The body of a 200 answer.
pub async fn json<T: DeserializeOwned>(response: Response) -> T {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Asserts a refusal's status and rule (`None`: a refusal that cites no rule) and gives its
/// body for more.
pub async fn refusal(
    response: Response,
    status: StatusCode,
    rule: impl Into<Option<&'static str>>,
) -> ApiErrorBody {
    let (actual, body) = error_of(response).await;
    assert_eq!(actual, status, "{body:?}");
    assert_eq!(body.rule.map(|r| r.id()), rule.into(), "{body:?}");
    body
}

/// Asserts a refusal's status and error code, and gives its body for more.
pub async fn refused(response: Response, status: StatusCode, code: &str) -> ApiErrorBody {
    let (actual, body) = error_of(response).await;
    assert_eq!((actual, body.error.as_str()), (status, code), "{body:?}");
    body
}

/// A complete OA Change Request that answers No to every exclusion question.
pub fn oa_change_draft(
    primary: PrimaryChoice,
    backup: BackupChoice,
    continued_access: Option<bool>,
) -> OaChangeDraft {
    OaChangeDraft {
        primary,
        backup,
        continued_access,
        exclusion: ExclusionAnswers::no_to_every_question(),
    }
}

/// The demo request: keep the primary, assign `backup`.
pub fn assigning(backup: &str) -> OaChangeDraft {
    oa_change_draft(
        PrimaryChoice::Keep,
        BackupChoice::Assign {
            ncid: backup.into(),
        },
        None,
    )
}
