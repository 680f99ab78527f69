//! Durability: the release server killed with SIGKILL in the middle of a removal of 40,000
//! associations, three times, then restarted and the removal sent again until it completes.
//! After every restart the database must be whole (`PRAGMA integrity_check`), every removed
//! association must have exactly one audit row and one notice to its record's primary OA
//! (R-ACCT-4), and no association may be half removed (gone without its audit row, or an audit
//! row for one still there); the session must survive (sessions live in SQLite).
//!
//! `cargo bench -p portal-server --bench faults`. Exits non-zero when an invariant breaks: a
//! broken invariant is a bug, not a figure.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use contract::accounts::{AccountSelection, RemovalOutcome, RemovalReport};
use contract::table::TableFilter;
use portal_server::{app, Config};
use reqwest::{Client, StatusCode};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;
use support::{seed_associations, sign_in, unix_now, NCID};

const ASSOCIATIONS: i64 = 40_000;
const KILLS: usize = 3;
/// How long a start or a removal may take before the run calls it a hang.
const HANG: Duration = Duration::from_secs(120);

fn main() -> anyhow::Result<()> {
    support::bench("faults", run)
}

async fn run() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("portal.db");
    let user_id = {
        let mut config = Config::new(db_path.clone());
        config.seed = Some(portal_server::Scenario::Demo);
        let (_, state) = app(config).await?;
        let user_id = seed_associations(&state.db, NCID, 1, ASSOCIATIONS).await?;
        state.db.close().await;
        user_id
    };
    let observer = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&db_path)).await?;
    println!(
        "Faults: {ASSOCIATIONS} associations of {NCID}, the removal of all of them killed \
         (SIGKILL) {KILLS} times mid-way"
    );

    let client = Client::builder().cookie_store(true).timeout(HANG).build()?;
    let mut server = Server::start(dir.path()).await?;
    sign_in(&client, &server.base, NCID, unix_now()?).await?;
    let mut broken = Vec::new();
    let mut removed_before = 0;

    for kill in 1..=KILLS {
        let removal = tokio::spawn(remove_all(client.clone(), server.base.clone()));
        // Kill once this removal has committed some batches of its own, not before it began.
        let deadline = Instant::now() + HANG;
        while removed(&observer, user_id).await? <= removed_before {
            if removal.is_finished() {
                removal.await??;
                anyhow::bail!("the removal ended before it could be killed");
            }
            anyhow::ensure!(Instant::now() < deadline, "the removal made no progress");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        // A little later each time, so the kills fall at different points of a batch.
        tokio::time::sleep(Duration::from_millis(15 * kill as u64)).await;
        server.kill()?;
        let _ = removal.await;
        server = Server::start(dir.path()).await?;
        let removed_now = removed(&observer, user_id).await?;
        println!("  kill {kill}: {removed_now} of {ASSOCIATIONS} removed when it died");
        broken.extend(invariants(&observer, user_id).await?);
        removed_before = removed_now;
    }

    let report = remove_all(client.clone(), server.base.clone()).await?;
    let finished = report.count(|outcome| matches!(outcome, RemovalOutcome::Removed));
    let total = removed(&observer, user_id).await?;
    println!("  after the restart, the removal sent again removed the other {finished}");
    broken.extend(invariants(&observer, user_id).await?);
    let locked = locked(&observer, user_id).await?;
    if total + locked != ASSOCIATIONS {
        broken.push(format!(
            "{total} removed and {locked} locked of {ASSOCIATIONS}: some were never removed"
        ));
    }
    let again = remove_all(client.clone(), server.base.clone()).await?;
    let removed_again = again.count(|outcome| matches!(outcome, RemovalOutcome::Removed));
    if removed_again != 0 || audit_rows(&observer).await? != total {
        broken.push("the removal sent once more wrote something".into());
    }
    server.kill()?;

    if broken.is_empty() {
        println!(
            "  integrity ok after each kill; each of the {total} removed has one audit row and \
             one notice; the session survived every restart: PASS"
        );
        Ok(())
    } else {
        for what in &broken {
            println!("  BROKEN: {what}");
        }
        anyhow::bail!("{} invariants broken", broken.len())
    }
}

/// The release server as a process of its own, so it can be killed for real.
struct Server {
    process: Child,
    base: String,
}

impl Server {
    async fn start(dir: &Path) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let process = Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .arg("--addr")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--db")
            .arg(dir.join("portal.db"))
            .arg("--static")
            .arg(dir)
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + HANG;
        loop {
            if let Ok(response) = reqwest::get(format!("{base}/api/health")).await {
                if response.status() == StatusCode::OK {
                    return Ok(Self { process, base });
                }
            }
            anyhow::ensure!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    fn kill(&mut self) -> anyhow::Result<()> {
        // `Child::kill` is SIGKILL on Unix: no shutdown code runs.
        self.process.kill()?;
        self.process.wait()?;
        Ok(())
    }
}

impl Drop for Server {
    /// A run that stops on an error leaves no server behind.
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// "Select all matching" the seeded records by their id (the filter reads NCID, name and
/// NPI/Atypical ID), as the table's select-all does.
async fn remove_all(client: Client, base: String) -> anyhow::Result<RemovalReport> {
    let selection = AccountSelection::Matching {
        filter: TableFilter {
            text: "BENCH".into(),
            status: None,
        },
        except: BTreeSet::new(),
        also: BTreeSet::new(),
    };
    // A lost session would answer 401 here.
    support::remove(&client, &base, &selection).await
}

async fn removed(db: &SqlitePool, user_id: i64) -> anyhow::Result<i64> {
    let left: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM associations WHERE user_id = ? AND record_id LIKE 'BENCH%'",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?;
    Ok(ASSOCIATIONS - left)
}

/// The seeded associations the user cannot remove: those of records where they are backup OA.
async fn locked(db: &SqlitePool, user_id: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM records WHERE id LIKE 'BENCH%' AND backup_oa_id = ?",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?)
}

async fn audit_rows(db: &SqlitePool) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM audit_log \
         WHERE action = 'association_removed' AND record_id LIKE 'BENCH%'",
    )
    .fetch_one(db)
    .await?)
}

/// What must hold after any crash; each broken one is described.
async fn invariants(db: &SqlitePool, user_id: i64) -> anyhow::Result<Vec<String>> {
    let mut broken = Vec::new();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(db)
        .await?;
    if integrity != "ok" {
        broken.push(format!("integrity_check: {integrity}"));
    }
    let removed = removed(db, user_id).await?;
    let audited = audit_rows(db).await?;
    if audited != removed {
        broken.push(format!("{removed} removed but {audited} audit rows"));
    }
    let audited_once: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT association_id) FROM audit_log \
         WHERE action = 'association_removed' AND record_id LIKE 'BENCH%'",
    )
    .fetch_one(db)
    .await?;
    if audited_once != audited {
        broken.push(format!(
            "{audited} audit rows for {audited_once} associations"
        ));
    }
    let audited_but_there: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log l JOIN associations a ON a.id = l.association_id \
         WHERE l.action = 'association_removed'",
    )
    .fetch_one(db)
    .await?;
    if audited_but_there != 0 {
        broken.push(format!(
            "{audited_but_there} associations with a removal audit row are still there"
        ));
    }
    let notices: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM messages m JOIN records r ON r.id = m.record_id \
         WHERE m.record_id LIKE 'BENCH%' AND m.recipient_user_id = r.primary_oa_id \
         AND m.subject LIKE 'Access removed: %'",
    )
    .fetch_one(db)
    .await?;
    if notices != removed {
        broken.push(format!("{removed} removed but {notices} notices"));
    }
    Ok(broken)
}
