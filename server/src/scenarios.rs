//! `--seed <scenario>`: the demo data, then a named situation on top of it, so a designer or a
//! tester can try a flow again in seconds (`make dev SCENARIO=returned`). Each situation is
//! made the way a user makes it: through the portal's own HTTP routes, in process, so it holds
//! exactly what the real flow leaves (tracking numbers, notices, audit rows, lock-outs), and
//! stays right when those flows change.

use anyhow::{bail, Context};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use clap::ValueEnum;
use contract::application::{Decision, DecisionRequest, ExclusionAnswers, SubmitRequest};
use contract::auth::{OneTimeCodeRequest, PasswordRequest};
use contract::oa_change::{BackupChoice, OaChangeDraft, PrimaryChoice, SaveDraft, Step};
use http_body_util::BodyExt;
use serde::Serialize;
use serde_json::Value;
use sqlx::SqlitePool;
use tower_service::Service;

use crate::AppState;

/// The situations a database can be seeded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scenario {
    /// fixtures/demo-data.json as it is.
    Demo,
    /// javery1's request naming Casey Lin backup OA of Avery Family Practice, waiting in
    /// Operations.
    FreshRequest,
    /// The same request, returned for correction by opsreview1 with a note.
    Returned,
    /// kpatel4 locked out of signing in after three wrong passwords (R-AUTH-2).
    LockedOut,
    /// javery1 with 2,000 associations, for paging, sorting and select-all.
    ManyAccounts,
}

/// Avery Family Practice, PLLC: javery1 is its primary OA, Casey Lin an eligible MR user.
const AVERY_FAMILY_PRACTICE: &str = "2044707588";
/// What opsreview1 writes when returning the request.
pub const RETURN_NOTE: &str =
    "Attach the signed explanation letter, then submit the request again.";
/// The user the lock-out scenario locks.
pub const LOCKED_OUT_NCID: &str = "kpatel4";
/// How many associations the many-accounts scenario gives javery1.
pub const MANY_ACCOUNTS: i64 = 2_000;

/// Puts the situation on top of the freshly seeded demo data.
pub async fn apply(scenario: Scenario, router: &Router, state: &AppState) -> anyhow::Result<()> {
    match scenario {
        Scenario::Demo => {}
        Scenario::FreshRequest => {
            submit_backup_request(router, state).await?;
        }
        Scenario::Returned => {
            let id = submit_backup_request(router, state).await?;
            let mut staff = Visitor::signed_in(router, state, "opsreview1").await?;
            let path = format!("/api/operations/requests/{id}");
            staff
                .send(Method::POST, &format!("{path}/review"), &())
                .await?;
            let decision = DecisionRequest {
                decision: Decision::Return,
                note: RETURN_NOTE.into(),
            };
            staff
                .send(Method::POST, &format!("{path}/decision"), &decision)
                .await?;
            staff.leave(state).await?;
        }
        Scenario::LockedOut => {
            let mut visitor = Visitor::new(router);
            let wrong = PasswordRequest {
                ncid: LOCKED_OUT_NCID.into(),
                password: "not the password".into(),
            };
            // R-AUTH-2: the third wrong password locks signing in.
            for _ in 0..3 {
                visitor
                    .answer(Method::POST, "/api/session/password", &wrong)
                    .await?;
            }
        }
        Scenario::ManyAccounts => {
            let javery1: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM associations a \
                 JOIN users u ON u.id = a.user_id WHERE u.ncid = 'javery1'",
            )
            .fetch_one(&state.db)
            .await?;
            more_associations(&state.db, "javery1", 1, MANY_ACCOUNTS - javery1).await?;
        }
    }
    Ok(())
}

/// javery1 names Casey Lin backup OA of Avery Family Practice, answers No to every exclusion
/// question and signs; answers the request's id.
async fn submit_backup_request(router: &Router, state: &AppState) -> anyhow::Result<i64> {
    let mut javery = Visitor::signed_in(router, state, "javery1").await?;
    let path = format!("/api/oa-change/drafts/{AVERY_FAMILY_PRACTICE}");
    let save = SaveDraft {
        step: Step::Review,
        draft: OaChangeDraft {
            primary: PrimaryChoice::Keep,
            backup: BackupChoice::Assign {
                ncid: "clin2".into(),
            },
            continued_access: None,
            exclusion: ExclusionAnswers {
                excluded: Some(false),
                sanctioned: Some(false),
                convicted: Some(false),
                explanation: None,
            },
        },
        authorization_code: None,
    };
    javery.send(Method::PUT, &path, &save).await?;
    let (_, pin) = crate::seed::demo_secrets("javery1")?;
    let signature = SubmitRequest {
        attestation: true,
        pin,
    };
    let receipt = javery
        .send(Method::POST, &format!("{path}/submit"), &signature)
        .await?;
    javery.leave(state).await?;
    receipt["id"].as_i64().context("the receipt has no id")
}

/// Gives the demo user `ncid` the associations `BENCH{first}`… to `BENCH{last}` (at most
/// 99,999), each with its own record (named "Bench Clinic 00001"…) and a primary OA among the
/// other demo users; one in 500 is locked (the user is its backup OA), one in 7 primaries is
/// end-dated, one in 9 associations inactive. Returns the user's id. The benchmarks use it too.
pub async fn more_associations(
    db: &SqlitePool,
    ncid: &str,
    first: i64,
    last: i64,
) -> anyhow::Result<i64> {
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(ncid)
        .fetch_one(db)
        .await?;
    let mut transaction = db.begin().await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT ?3 UNION ALL SELECT i + 1 FROM n WHERE i < ?1), \
         others AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE id <> ?2) \
         INSERT INTO records (id, id_kind, name, kind, programs, primary_oa_id, \
         primary_oa_end_date, backup_oa_id, authorization_code) \
         SELECT printf('BENCH%05d', i), 'atypical', printf('Bench Clinic %05d', i), \
         'organization', '[\"medicaid\"]', \
         (SELECT id FROM others WHERE k = i % (SELECT COUNT(*) FROM others)), \
         iif(i % 7 = 0, '2026-01-31', NULL), iif(i % 500 = 0, ?2, NULL), 'BENCHCODE' FROM n",
    )
    .bind(last)
    .bind(user_id)
    .bind(first)
    .execute(&mut *transaction)
    .await?;
    sqlx::query(
        "INSERT INTO associations (user_id, record_id, roles, status) \
         SELECT ?, id, CASE CAST(substr(id, 6) AS INTEGER) % 4 \
           WHEN 0 THEN '[\"Claims\"]' \
           WHEN 1 THEN '[\"Claims\",\"Eligibility\"]' \
           WHEN 2 THEN '[\"Referrals\",\"Prior Approvals\"]' \
           ELSE '[\"Prior Approvals\",\"Claims\",\"Eligibility\",\"Referrals\"]' END, \
         iif(CAST(substr(id, 6) AS INTEGER) % 9 = 0, 'inactive', 'active') \
         FROM records WHERE id LIKE 'BENCH%' AND CAST(substr(id, 6) AS INTEGER) BETWEEN ? AND ?",
    )
    .bind(user_id)
    .bind(first)
    .bind(last)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(user_id)
}

/// Gives the record `record_id` the users `BENCHUSER00001`… to `BENCHUSER{count}` (at most
/// 99,999), named "Bench User 00001"…, each with an association whose roles, status, added and
/// last sign-in vary as an OA's list would see them; the accounts cannot sign in (their hashes
/// are not hashes). For the record users benchmark.
pub async fn more_record_users(db: &SqlitePool, record_id: &str, count: i64) -> anyhow::Result<()> {
    let mut transaction = db.begin().await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         INSERT INTO users (ncid, name, email, password_hash, pin_hash, totp_secret, \
         last_sign_in) \
         SELECT printf('BENCHUSER%05d', i), printf('Bench User %05d', (i * 7919) % 99991), \
         printf('bench%05d@example.org', i), 'none', 'none', 'NONE', \
         iif(i % 5 = 0, NULL, 1767225600 + i * 613) FROM n",
    )
    .bind(count)
    .execute(&mut *transaction)
    .await?;
    sqlx::query(
        "INSERT INTO associations (user_id, record_id, roles, status, added) \
         SELECT id, ?1, CASE id % 4 \
           WHEN 0 THEN '[\"Claims\"]' \
           WHEN 1 THEN '[\"Claims\",\"Eligibility\"]' \
           WHEN 2 THEN '[\"Prior Approvals\",\"Referrals\"]' \
           ELSE '[\"Prior Approvals\",\"Claims\",\"Eligibility\",\"Referrals\"]' END, \
         iif(id % 9 = 0, 'inactive', 'active'), 1735689600 + id * 997 \
         FROM users WHERE ncid LIKE 'BENCHUSER%'",
    )
    .bind(record_id)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// One person using the portal's routes in process, with the session cookie they were given.
struct Visitor {
    router: Router,
    cookie: Option<String>,
    /// Whom the visitor signed in as.
    ncid: Option<String>,
}

impl Visitor {
    fn new(router: &Router) -> Self {
        Self {
            router: router.clone(),
            cookie: None,
            ncid: None,
        }
    }

    /// Signed in as a person does it: the password, then the authenticator's code (R-AUTH-1).
    async fn signed_in(router: &Router, state: &AppState, ncid: &str) -> anyhow::Result<Self> {
        let mut visitor = Self::new(router);
        let (password, _) = crate::seed::demo_secrets(ncid)?;
        let password = PasswordRequest {
            ncid: ncid.into(),
            password,
        };
        visitor
            .send(Method::POST, "/api/session/password", &password)
            .await?;
        let code = OneTimeCodeRequest {
            code: crate::auth::current_code(state, ncid).await?,
        };
        visitor
            .send(Method::POST, "/api/session/one-time-code", &code)
            .await?;
        visitor.ncid = Some(ncid.to_owned());
        Ok(visitor)
    }

    /// Signs out, and forgets the one-time code used (R-AUTH-5 takes each code once): the
    /// person who then tries the scenario signs in with the code their authenticator shows
    /// now, not half a minute later.
    async fn leave(mut self, state: &AppState) -> anyhow::Result<()> {
        self.answer(Method::DELETE, "/api/session", &()).await?;
        sqlx::query("UPDATE users SET last_totp_step = NULL WHERE ncid = ?")
            .bind(&self.ncid)
            .execute(&state.db)
            .await?;
        Ok(())
    }

    /// Sends the request and answers the JSON of a success; a refusal is an error.
    async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: &impl Serialize,
    ) -> anyhow::Result<Value> {
        let (status, answer) = self.answer(method.clone(), path, body).await?;
        if !status.is_success() {
            bail!("{method} {path} answered {status}: {answer}");
        }
        Ok(answer)
    }

    /// Sends the request and answers its status and JSON, whatever they are.
    async fn answer(
        &mut self,
        method: Method,
        path: &str,
        body: &impl Serialize,
    ) -> anyhow::Result<(StatusCode, Value)> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header("X-Requested-With", "provider-portal");
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let request = request.body(Body::from(serde_json::to_vec(body)?))?;
        let response = self.router.call(request).await?;
        if let Some(session) = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .filter_map(|value| value.split(';').next())
            .find(|pair| pair.starts_with(&format!("{}=", crate::SESSION_COOKIE)))
        {
            self.cookie = Some(session.to_owned());
        }
        let status = response.status();
        let bytes = response.into_body().collect().await?.to_bytes();
        let answer = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        Ok((status, answer))
    }
}
