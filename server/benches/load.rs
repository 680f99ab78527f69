//! Load: 64 clients at once for a minute on My Account Management's list, then a minute on
//! removals, against the server as it serves in production (`portal_server::serve`: its
//! connection limits and timeouts) over real HTTP and a real SQLite file. Prints the requests,
//! the errors and p50/p95/p99; the only target is no error at all.
//!
//! `cargo bench -p portal-server --bench load` (`LOAD_SECONDS=10` for a shorter run); a figure,
//! not a pass/fail test, like the accounts bench.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use contract::accounts::{AccountSelection, RemovalOutcome};
use portal_server::{app, serve, Config};
use reqwest::Client;
use support::{
    list, list_queries, ms, percentile, removable, seed_associations, sign_in, NCID, SECOND_NCID,
};
use tokio::task::JoinSet;

const CONCURRENCY: usize = 64;
/// Associations to list: the list API's target is stated at 10,000.
const ASSOCIATIONS: i64 = 10_000;
/// Removals take associations for good, so the removal minute has its own, many more, of a
/// second user (the seeded record ids stop at 99,999).
const REMOVABLE: i64 = 89_000;
/// Associations per removal request: a page's selection.
const PER_REMOVAL: usize = 10;

fn main() -> anyhow::Result<()> {
    let seconds = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or(60);
    // The server's own warnings and errors, so an error counted here says its cause.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,sqlx::query=error".into()),
        )
        .init();
    support::bench("load", || run(Duration::from_secs(seconds)))
}

/// What the clients of one minute saw.
#[derive(Default)]
struct Figures {
    timings: Vec<Duration>,
    errors: Vec<String>,
}

impl Figures {
    fn print(mut self, what: &str, elapsed: Duration) {
        self.timings.sort();
        let requests = self.timings.len() + self.errors.len();
        println!(
            "  {what}: {requests} requests in {:.0} s ({:.0}/s) at concurrency {CONCURRENCY}, \
             {} errors {}",
            elapsed.as_secs_f64(),
            requests as f64 / elapsed.as_secs_f64(),
            self.errors.len(),
            if self.errors.is_empty() {
                "PASS"
            } else {
                "OVER"
            }
        );
        if !self.timings.is_empty() {
            println!(
                "    p50 {} ms, p95 {} ms, p99 {} ms",
                ms(percentile(&self.timings, 50)),
                ms(percentile(&self.timings, 95)),
                ms(percentile(&self.timings, 99))
            );
        }
        for error in self.errors.iter().take(5) {
            println!("    error: {error}");
        }
    }
}

async fn run(duration: Duration) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut config = Config::new(dir.path().join("portal.db"));
    config.seed = Some(portal_server::Scenario::Demo);
    let (router, state) = app(config).await?;
    seed_associations(&state.db, NCID, 1, ASSOCIATIONS).await?;
    let remover_id = seed_associations(
        &state.db,
        SECOND_NCID,
        ASSOCIATIONS + 1,
        ASSOCIATIONS + REMOVABLE,
    )
    .await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(serve(listener, router));

    let client = Client::builder().cookie_store(true).build()?;
    sign_in(&client, &base, NCID, state.clock.now()).await?;
    let remover = Client::builder().cookie_store(true).build()?;
    sign_in(&remover, &base, SECOND_NCID, state.clock.now()).await?;
    println!(
        "Load: {CONCURRENCY} clients at once; {ASSOCIATIONS} associations of {NCID} listed, \
         {REMOVABLE} of {SECOND_NCID} to remove (+ the demo data)"
    );

    let queries = Arc::new(list_queries(1_000, ASSOCIATIONS));
    let started = Instant::now();
    let figures = clients(duration, {
        let (client, base) = (client.clone(), base.clone());
        move |n| {
            let (client, base, queries) = (client.clone(), base.clone(), queries.clone());
            async move {
                list(&client, &base, &queries[n % queries.len()])
                    .await
                    .map(drop)
            }
        }
    })
    .await?;
    figures.print("GET /api/accounts", started.elapsed());

    // Each removal takes the next associations no other client took: every request removes.
    let ids = Arc::new(removable(&state.db, remover_id, REMOVABLE).await?);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let figures = clients(duration, {
        let (ids, next) = (ids.clone(), next.clone());
        move |_| {
            let (client, base, ids, next) =
                (remover.clone(), base.clone(), ids.clone(), next.clone());
            async move {
                let from = next.fetch_add(PER_REMOVAL, Ordering::Relaxed);
                let chosen = ids.get(from..from + PER_REMOVAL).ok_or_else(|| {
                    anyhow::anyhow!("all {} removable associations removed", ids.len())
                })?;
                remove(&client, &base, chosen).await
            }
        }
    })
    .await?;
    figures.print("POST /api/accounts/removal", started.elapsed());
    println!(
        "    {} associations removed, {PER_REMOVAL} per request",
        next.load(Ordering::Relaxed).min(ids.len())
    );
    Ok(())
}

/// `CONCURRENCY` clients, each sending one request after another for `duration`; `request(n)`
/// is the n-th request of all.
async fn clients<F, R>(duration: Duration, request: F) -> anyhow::Result<Figures>
where
    F: Fn(usize) -> R + Send + Sync + 'static,
    R: std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
{
    let deadline = Instant::now() + duration;
    let request = Arc::new(request);
    let sent = Arc::new(AtomicUsize::new(0));
    let mut running = JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (request, sent) = (request.clone(), sent.clone());
        running.spawn(async move {
            let mut figures = Figures::default();
            while Instant::now() < deadline {
                let next = request(sent.fetch_add(1, Ordering::Relaxed));
                let started = Instant::now();
                match next.await {
                    Ok(()) => figures.timings.push(started.elapsed()),
                    Err(error) => figures.errors.push(format!("{error:#}")),
                }
            }
            figures
        });
    }
    let mut all = Figures::default();
    while let Some(figures) = running.join_next().await {
        let figures = figures?;
        all.timings.extend(figures.timings);
        all.errors.extend(figures.errors);
    }
    Ok(all)
}

async fn remove(client: &Client, base: &str, ids: &[i64]) -> anyhow::Result<()> {
    let selection = AccountSelection::Ids {
        ids: ids.iter().copied().collect(),
    };
    let report = support::remove(client, base, &selection).await?;
    let removed = report.count(|outcome| matches!(outcome, RemovalOutcome::Removed));
    anyhow::ensure!(removed == ids.len(), "removed {removed} of {}", ids.len());
    Ok(())
}
