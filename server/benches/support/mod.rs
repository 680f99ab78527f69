//! What the benchmarks share: the demo user with thousands more associations, signing in over
//! HTTP, the list queries a user sends, and the figures (percentiles, PASS or OVER).
//!
//! Each benchmark is its own crate and uses only part of this module, so the rest is unused
//! there: dead code is allowed here, as in `server/tests/common`.
#![allow(dead_code)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use contract::accounts::{
    AccountPage, AccountQuery, AccountSelection, AssociationStatus, RemovalReport, SortColumn,
    SortDirection,
};
use contract::table::{TableFilter, PAGE_SIZES};
use reqwest::{Client, StatusCode};
use serde_json::json;
use sqlx::SqlitePool;

/// The demo user whose associations the benchmarks list and remove.
pub const NCID: &str = "javery1";
/// A second demo user, whose associations the load benchmark removes while the first's are
/// listed.
pub const SECOND_NCID: &str = "clin2";
pub const PASSWORD: &str = "Demo!Passw0rd";

/// The demo user `ncid` with the associations `BENCH{first}`… to `BENCH{last}` (the
/// many-accounts scenario's generator); returns the user's id.
pub use portal_server::scenarios::more_associations as seed_associations;

/// The seeded associations the user may remove (not locked), in an order that spreads them
/// over the table.
pub async fn removable(db: &SqlitePool, user_id: i64, limit: i64) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT a.id FROM associations a JOIN records r ON r.id = a.record_id \
         WHERE a.user_id = ?1 AND r.primary_oa_id <> ?1 AND r.backup_oa_id IS NOT ?1 \
         AND r.id LIKE 'BENCH%' ORDER BY a.id % 10, a.id LIMIT ?2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// `count` list queries: every sort both ways, every page size, pages from the first to the
/// last of `total` rows, and a share with a text or status filter.
pub fn list_queries(count: usize, total: i64) -> Vec<AccountQuery> {
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    (0..count)
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
                filter: TableFilter {
                    text: text.into(),
                    status: (n % 7 == 0).then_some(AssociationStatus::Active),
                },
            }
        })
        .collect()
}

pub async fn list(
    client: &Client,
    base: &str,
    query: &AccountQuery,
) -> anyhow::Result<AccountPage> {
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

/// "Remove Selected Accounts" for `selection`, answered 200.
pub async fn remove(
    client: &Client,
    base: &str,
    selection: &AccountSelection,
) -> anyhow::Result<RemovalReport> {
    let response = client
        .post(format!("{base}/api/accounts/removal"))
        .header("X-Requested-With", "provider-portal")
        .json(selection)
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "removal: {}",
        response.status()
    );
    Ok(response.json().await?)
}

/// Runs the benchmark `name`'s `run` on a multi-threaded runtime, unless `cargo bench` was
/// asked for other benchmarks only.
pub fn bench<F>(name: &str, run: impl FnOnce() -> F) -> anyhow::Result<()>
where
    F: std::future::Future<Output = anyhow::Result<()>>,
{
    if !asked_for(name) {
        return Ok(());
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

/// Signs the demo user `ncid` in over HTTP: the password, then the one-time code of the
/// server's clock at `now` (unix seconds) from the demo data's TOTP secret.
pub async fn sign_in(client: &Client, base: &str, ncid: &str, now: i64) -> anyhow::Result<()> {
    let response = client
        .post(format!("{base}/api/session/password"))
        .header("X-Requested-With", "provider-portal")
        .json(&json!({ "ncid": ncid, "password": PASSWORD }))
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "password: {}",
        response.status()
    );
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../../../fixtures/demo-data.json"))?;
    let secret = data["users"]
        .as_array()
        .and_then(|users| users.iter().find(|user| user["ncid"] == ncid))
        .and_then(|user| user["totp_secret"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no TOTP secret for {ncid}"))?;
    let bytes = totp_rs::Secret::Encoded(secret.to_owned())
        .to_bytes()
        .map_err(|error| anyhow::anyhow!("TOTP secret: {error:?}"))?;
    let code = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes)
        .generate(u64::try_from(now)?);
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

/// Unix seconds now, for a server that runs on the real clock.
pub fn unix_now() -> anyhow::Result<i64> {
    Ok(i64::try_from(
        SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs(),
    )?)
}

/// The timing at `percent` of sorted `timings`.
pub fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    sorted[(sorted.len() * percent / 100).min(sorted.len() - 1)]
}

pub fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1_000.0)
}

pub fn verdict(measured: Duration, target: Duration) -> &'static str {
    if measured <= target {
        "PASS"
    } else {
        "OVER"
    }
}

/// Whether the benchmark was asked for: run without `--bench` (as `cargo test --benches`
/// does), it only says how to run it.
pub fn asked_for(name: &str) -> bool {
    let asked = std::env::args().any(|argument| argument == "--bench");
    if !asked {
        println!("{name}: a benchmark; run it with `cargo bench -p portal-server --bench {name}`");
    }
    asked
}
