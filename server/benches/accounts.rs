//! My Account Management at 10,000 associations of one user: the latency of the list and of one
//! removal of 1,000 selected accounts; and a record's users (R-USER-1) at 10,000 users of one
//! record: the latency of its OA's list. Over real HTTP against a real SQLite file.
//!
//! `cargo bench -p portal-server --bench accounts` prints figures and PASS or OVER against the
//! targets; it is not a pass/fail test and exits 0 either way. Run without `--bench` (as
//! `cargo test --benches` does) it only says how to run it.

mod support;

use std::time::{Duration, Instant};

use contract::accounts::{AccountSelection, AssociationStatus, RemovalOutcome, SortDirection};
use contract::record_users::{RecordUserPage, RecordUserQuery, UserSortColumn};
use contract::table::{TableFilter, PAGE_SIZES};
use portal_server::{app, Config};
use reqwest::Client;
use support::{
    list, list_queries, ms, percentile, removable, seed_associations, sign_in, verdict, NCID,
};

const ASSOCIATIONS: i64 = 10_000;
const LIST_REQUESTS: usize = 200;
const REMOVED: i64 = 1_000;
const LIST_P95_TARGET: Duration = Duration::from_millis(8);
const REMOVAL_TARGET: Duration = Duration::from_millis(150);
const RECORD_USERS: i64 = 10_000;
const RECORD_USERS_P95_TARGET: Duration = Duration::from_millis(10);
/// Avery Family Practice, PLLC, whose primary OA is the benchmark's user.
const RECORD: &str = "2044707588";

fn main() -> anyhow::Result<()> {
    support::bench("accounts", run)
}

async fn run() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut config = Config::new(dir.path().join("portal.db"));
    config.seed = Some(portal_server::Scenario::Demo);
    let (router, state) = app(config).await?;
    let user_id = seed_associations(&state.db, NCID, 1, ASSOCIATIONS).await?;
    portal_server::scenarios::more_record_users(&state.db, RECORD, RECORD_USERS).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });

    let client = Client::builder().cookie_store(true).build()?;
    sign_in(&client, &base, NCID, state.clock.now()).await?;

    let queries = list_queries(LIST_REQUESTS, ASSOCIATIONS);
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
    timings.sort();
    text_filtered.sort();
    let (median, p95) = (percentile(&timings, 50), percentile(&timings, 95));
    let (text_median, text_p95) = (
        percentile(&text_filtered, 50),
        percentile(&text_filtered, 95),
    );

    let ids = removable(&state.db, user_id, REMOVED).await?;
    let started = Instant::now();
    let selection = AccountSelection::Ids {
        ids: ids.iter().copied().collect(),
    };
    let report = support::remove(&client, &base, &selection).await?;
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

    let queries = record_user_queries(LIST_REQUESTS);
    for query in queries.iter().take(20) {
        record_users(&client, &base, query).await?;
    }
    let mut timings = Vec::with_capacity(queries.len());
    let (mut text_filtered, mut by_user_column) = (Vec::new(), Vec::new());
    for query in &queries {
        let started = Instant::now();
        record_users(&client, &base, query).await?;
        let elapsed = started.elapsed();
        timings.push(elapsed);
        if !query.filter.text.is_empty() {
            text_filtered.push(elapsed);
        }
        if matches!(
            query.sort,
            UserSortColumn::Ncid | UserSortColumn::Name | UserSortColumn::LastSignIn
        ) {
            by_user_column.push(elapsed);
        }
    }
    timings.sort();
    text_filtered.sort();
    by_user_column.sort();
    let (median, p95) = (percentile(&timings, 50), percentile(&timings, 95));
    println!("Users of one record, {RECORD_USERS} users (+ the demo data)");
    println!(
        "  GET /api/records/{{id}}/users ({LIST_REQUESTS} requests, varied pages, sorts, \
         filters): median {} ms, p95 {} ms (target p95 <= {} ms) {}",
        ms(median),
        ms(p95),
        ms(RECORD_USERS_P95_TARGET),
        verdict(p95, RECORD_USERS_P95_TARGET)
    );
    for (what, sorted) in [
        ("with a text filter", &text_filtered),
        ("sorted by a column of the user", &by_user_column),
    ] {
        println!(
            "    of which {} {what}: median {} ms, p95 {} ms",
            sorted.len(),
            ms(percentile(sorted, 50)),
            ms(percentile(sorted, 95))
        );
    }
    Ok(())
}

/// `count` queries of the record's users: every sort both ways, every page size, pages over
/// the whole list, and a share with a text or status filter.
fn record_user_queries(count: usize) -> Vec<RecordUserQuery> {
    let total = u32::try_from(RECORD_USERS).unwrap_or(u32::MAX);
    (0..count)
        .map(|n| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let page_size = PAGE_SIZES[(n % 4) as usize];
            let text = match n % 6 {
                0 => "bench user 07",
                1 => "benchuser01",
                _ => "",
            };
            RecordUserQuery {
                page: (n * 37) % (total / page_size) + 1,
                page_size,
                sort: UserSortColumn::ALL[(n % 6) as usize],
                direction: if (n / 6) % 2 == 0 {
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

async fn record_users(
    client: &Client,
    base: &str,
    query: &RecordUserQuery,
) -> anyhow::Result<RecordUserPage> {
    let response = client
        .get(format!("{base}/api/records/{RECORD}/users"))
        .query(&query.to_pairs())
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == reqwest::StatusCode::OK,
        "record users: {}",
        response.status()
    );
    Ok(response.json().await?)
}
