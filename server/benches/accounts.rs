//! My Account Management at 10,000 associations of one user: the latency of the list and of one
//! removal of 1,000 selected accounts, over real HTTP against a real SQLite file.
//!
//! `cargo bench -p portal-server --bench accounts` prints figures and PASS or OVER against the
//! targets; it is not a pass/fail test and exits 0 either way. Run without `--bench` (as
//! `cargo test --benches` does) it only says how to run it.

use std::time::{Duration, Instant};

use contract::accounts::{
    AccountFilter, AccountPage, AccountQuery, AccountSelection, AssociationStatus, RemovalOutcome,
    RemovalReport, SortColumn, SortDirection, PAGE_SIZES,
};
use portal_server::{app, AppState, Config};
use reqwest::{Client, StatusCode};
use serde_json::json;

const NCID: &str = "javery1";
const PASSWORD: &str = "Demo!Passw0rd";
const ASSOCIATIONS: i64 = 10_000;
const LIST_REQUESTS: usize = 200;
const REMOVED: i64 = 1_000;
const LIST_P95_TARGET: Duration = Duration::from_millis(10);
const REMOVAL_TARGET: Duration = Duration::from_millis(200);

fn main() -> anyhow::Result<()> {
    if !std::env::args().any(|argument| argument == "--bench") {
        println!(
            "accounts: a benchmark; run it with `cargo bench -p portal-server --bench accounts`"
        );
        return Ok(());
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut config = Config::new(dir.path().join("portal.db"));
    config.seed_demo = true;
    let (router, state) = app(config).await?;
    let user_id = seed_associations(&state).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });

    let client = Client::builder().cookie_store(true).build()?;
    sign_in(&client, &base, &state).await?;

    let queries = list_queries();
    // Warm the statement caches and the page cache, as a running server would have them.
    for query in queries.iter().take(20) {
        list(&client, &base, query).await?;
    }
    let mut timings = Vec::with_capacity(queries.len());
    let mut text_filtered = Vec::new();
    for query in &queries {
        let started = Instant::now();
        list(&client, &base, query).await?;
        let elapsed = started.elapsed();
        timings.push(elapsed);
        if !query.filter.text.is_empty() {
            text_filtered.push(elapsed);
        }
    }
    let (median, p95) = median_and_p95(&mut timings);
    let (text_median, text_p95) = median_and_p95(&mut text_filtered);

    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT a.id FROM associations a JOIN records r ON r.id = a.record_id \
         WHERE a.user_id = ?1 AND r.primary_oa_id <> ?1 AND r.backup_oa_id IS NOT ?1 \
         ORDER BY a.id % 10, a.id LIMIT ?2",
    )
    .bind(user_id)
    .bind(REMOVED)
    .fetch_all(&state.db)
    .await?;
    let started = Instant::now();
    let response = client
        .post(format!("{base}/api/accounts/removal"))
        .header("X-Requested-With", "provider-portal")
        .json(&AccountSelection::Ids {
            ids: ids.iter().copied().collect(),
        })
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "removal: {}",
        response.status()
    );
    let report: RemovalReport = response.json().await?;
    let removal = started.elapsed();
    let removed = report.count(|outcome| matches!(outcome, RemovalOutcome::Removed));
    anyhow::ensure!(removed == ids.len(), "removed {removed} of {}", ids.len());

    println!("My Account Management, {ASSOCIATIONS} associations of one user (+ the demo data)");
    println!(
        "  GET /api/accounts ({LIST_REQUESTS} requests, varied pages, sorts, filters): \
         median {} ms, p95 {} ms (target p95 <= {} ms) {}",
        ms(median),
        ms(p95),
        ms(LIST_P95_TARGET),
        verdict(p95, LIST_P95_TARGET)
    );
    println!(
        "    of which {} with a text filter (reads every row of the user): median {} ms, p95 {} ms",
        text_filtered.len(),
        ms(text_median),
        ms(text_p95)
    );
    println!(
        "  POST /api/accounts/removal ({removed} selected ids): {} ms (target <= {} ms) {}",
        ms(removal),
        ms(REMOVAL_TARGET),
        verdict(removal, REMOVAL_TARGET)
    );
    Ok(())
}

fn median_and_p95(timings: &mut [Duration]) -> (Duration, Duration) {
    timings.sort();
    (
        timings[timings.len() / 2],
        timings[timings.len() * 95 / 100],
    )
}

fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1_000.0)
}

fn verdict(measured: Duration, target: Duration) -> &'static str {
    if measured <= target {
        "PASS"
    } else {
        "OVER"
    }
}

/// Gives the demo user `NCID` `ASSOCIATIONS` more associations, each with its own record and a
/// primary OA among the other demo users; a few are locked (the user is their backup OA), some
/// primaries are end-dated, some associations inactive. Returns the user's id.
async fn seed_associations(state: &AppState) -> anyhow::Result<i64> {
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE ncid = ?")
        .bind(NCID)
        .fetch_one(&state.db)
        .await?;
    let mut transaction = state.db.begin().await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1), \
         others AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE id <> ?2) \
         INSERT INTO records (id, id_kind, name, kind, programs, primary_oa_id, \
         primary_oa_end_date, backup_oa_id, authorization_code) \
         SELECT printf('BENCH%05d', i), 'atypical', printf('Bench Clinic %05d', i), \
         'organization', '[\"medicaid\"]', \
         (SELECT id FROM others WHERE k = i % (SELECT COUNT(*) FROM others)), \
         iif(i % 7 = 0, '2026-01-31', NULL), iif(i % 500 = 0, ?2, NULL), 'BENCHCODE' FROM n",
    )
    .bind(ASSOCIATIONS)
    .bind(user_id)
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
         FROM records WHERE id LIKE 'BENCH%'",
    )
    .bind(user_id)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(user_id)
}

/// The list queries the bench sends: every sort both ways, every page size, pages from the
/// first to the last, and a share with a text or status filter.
fn list_queries() -> Vec<AccountQuery> {
    let total = u32::try_from(ASSOCIATIONS).unwrap_or(u32::MAX);
    (0..LIST_REQUESTS)
        .map(|n| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let page_size = PAGE_SIZES[(n % 4) as usize];
            let pages = total / page_size;
            let text = match n % 6 {
                0 => "hart",
                1 => "bench01",
                _ => "",
            };
            AccountQuery {
                page: (n * 37) % pages + 1,
                page_size,
                sort: SortColumn::ALL[(n % 5) as usize],
                direction: if (n / 5) % 2 == 0 {
                    SortDirection::Ascending
                } else {
                    SortDirection::Descending
                },
                filter: AccountFilter {
                    text: text.into(),
                    status: (n % 7 == 0).then_some(AssociationStatus::Active),
                },
            }
        })
        .collect()
}

async fn list(client: &Client, base: &str, query: &AccountQuery) -> anyhow::Result<AccountPage> {
    let response = client
        .get(format!("{base}/api/accounts"))
        .query(&query.to_pairs())
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "list: {}",
        response.status()
    );
    Ok(response.json().await?)
}

async fn sign_in(client: &Client, base: &str, state: &AppState) -> anyhow::Result<()> {
    let response = client
        .post(format!("{base}/api/session/password"))
        .header("X-Requested-With", "provider-portal")
        .json(&json!({ "ncid": NCID, "password": PASSWORD }))
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "password: {}",
        response.status()
    );
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../../fixtures/demo-data.json"))?;
    let secret = data["users"]
        .as_array()
        .and_then(|users| users.iter().find(|user| user["ncid"] == NCID))
        .and_then(|user| user["totp_secret"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no TOTP secret for {NCID}"))?;
    let bytes = totp_rs::Secret::Encoded(secret.to_owned())
        .to_bytes()
        .map_err(|error| anyhow::anyhow!("TOTP secret: {error:?}"))?;
    let code = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes)
        .generate(u64::try_from(state.clock.now())?);
    let response = client
        .post(format!("{base}/api/session/one-time-code"))
        .header("X-Requested-With", "provider-portal")
        .json(&json!({ "code": code }))
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "one-time code: {}",
        response.status()
    );
    Ok(())
}
