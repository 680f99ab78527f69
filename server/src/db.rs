//! The SQLite database: WAL, foreign keys, a busy timeout, the migrations in `migrations/`, and
//! the SQL function of `search` on every connection.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Deletes the database file and its write-ahead log, if they are there.
pub fn delete(path: &Path) -> anyhow::Result<()> {
    let mut files = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        files.push(name.into());
    }
    for file in files {
        match std::fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(error).with_context(|| format!("deleting {}", file.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

pub async fn open(path: &Path) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL makes NORMAL durable against application crashes, and much faster than FULL.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .after_connect(|connection, _| Box::pin(crate::search::register(connection)))
        .connect_with(options)
        .await
        .with_context(|| format!("opening database {}", path.display()))?;
    sqlx::migrate!()
        .run(&pool)
        .await
        .context("running database migrations")?;
    Ok(pool)
}

/// Write transactions one at a time, in the order they asked. SQLite has one writer; a
/// `BEGIN IMMEDIATE` left to wait in SQLite polls the lock with growing sleeps and can lose it to
/// newer writers again and again until the busy timeout fails it (64 removals at once: one
/// answered 500 after 5 s, `cargo bench --bench load`). A fair queue in front of the lock makes
/// every writer wait its turn instead, so `BEGIN IMMEDIATE` finds the lock free.
#[derive(Debug, Clone, Default)]
pub struct WriteTurns(Arc<Mutex<()>>);

/// Held until the transaction it was taken for commits or rolls back.
pub type WriteTurn = OwnedMutexGuard<()>;

impl WriteTurns {
    /// Never called while holding one of the pool's connections: the writer ahead may need a
    /// connection to finish (a session save takes its turn, then one), and eight handlers
    /// waiting here on the pool's eight connections would stop every writer until the pool's
    /// timeout. Take the turn, then the connection.
    pub async fn wait(&self) -> WriteTurn {
        self.0.clone().lock_owned().await
    }

    /// The turn, then a connection of `pool` to write on: in that order (`wait`).
    pub async fn writer(
        &self,
        pool: &SqlitePool,
    ) -> sqlx::Result<(WriteTurn, PoolConnection<Sqlite>)> {
        let turn = self.wait().await;
        Ok((turn, pool.acquire().await?))
    }
}
