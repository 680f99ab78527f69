//! What the HTTP tests share: the app in-process on 127.0.0.1 with a fresh SQLite file seeded
//! with the demo data, and clients that sign in to it.

use std::path::Path;

use contract::auth::SessionInfo;
use contract::ApiErrorBody;
use portal_server::{app, AppState, Config};
use reqwest::{Client, Response, StatusCode};
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
        config.seed_demo = true;
        configure(&mut config, dir.path());
        let (router, state) = app(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
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

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.unwrap()
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
