//! The session store: tower-sessions' SQLite store, with the idle period's restarts written at
//! most once per short interval.
//!
//! Why: the idle period restarts on every request (`Expiry::OnInactivity` with `always_save`),
//! and written as is, every request of every user is a write to SQLite, which has one writer.
//! Under load (64 clients, `cargo bench --bench load`) those writes queued behind removals past
//! the busy timeout and the request answered 500. A save that changes nothing but the expiry,
//! and that the stored expiry already covers, is skipped; each write stores the expiry a little
//! later than asked (`slack`), so a session never ends before its idle timeout and lives at most
//! `slack` past it. Each write also takes its turn among the database's writers
//! (`db::WriteTurns`): left to SQLite's busy handler, a session save behind a queue of removals
//! waited past the busy timeout and the request answered 500 (5 of 2,926 in a minute of the load
//! bench).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use time::{Duration, OffsetDateTime};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::SqliteStore;

use crate::db::WriteTurns;

#[derive(Debug, Clone)]
pub struct Sessions {
    store: SqliteStore,
    writes: WriteTurns,
    slack: Duration,
    /// What each live session last wrote: its data and the expiry stored with it.
    written: Arc<Mutex<HashMap<Id, Written>>>,
}

#[derive(Debug)]
struct Written {
    data: HashMap<String, serde_json::Value>,
    stored_expiry: OffsetDateTime,
}

impl Sessions {
    /// `slack` is a sixtieth of the idle timeout, at most 20 s: 15 s of the portal's 15 minutes.
    pub fn new(store: SqliteStore, writes: WriteTurns, idle_timeout: std::time::Duration) -> Self {
        let slack = (idle_timeout / 60).min(std::time::Duration::from_secs(20));
        Self {
            store,
            writes,
            slack: Duration::try_from(slack).unwrap_or(Duration::ZERO),
            written: Arc::default(),
        }
    }

    fn written(&self) -> std::sync::MutexGuard<'_, HashMap<Id, Written>> {
        // A panic while holding the lock leaves a map that is still whole: keep using it.
        self.written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn covered(&self, record: &Record) -> bool {
        self.written().get(&record.id).is_some_and(|written| {
            written.data == record.data && record.expiry_date <= written.stored_expiry
        })
    }

    fn remember(&self, record: &Record, stored_expiry: OffsetDateTime) {
        self.written().insert(
            record.id,
            Written {
                data: record.data.clone(),
                stored_expiry,
            },
        );
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let _turn = self.writes.wait().await;
        self.store.create(record).await?;
        self.remember(record, record.expiry_date);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        if self.covered(record) {
            return Ok(());
        }
        let stored = Record {
            expiry_date: record.expiry_date + self.slack,
            ..record.clone()
        };
        let turn = self.writes.wait().await;
        self.store.save(&stored).await?;
        drop(turn);
        self.remember(record, stored.expiry_date);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.store.load(id).await
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.written().remove(id);
        let _turn = self.writes.wait().await;
        self.store.delete(id).await
    }
}

#[async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let now = OffsetDateTime::now_utc();
        self.written()
            .retain(|_, written| written.stored_expiry > now);
        let _turn = self.writes.wait().await;
        self.store.delete_expired().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as StdDuration;

    #[tokio::test]
    async fn a_session_save_waits_for_the_writer_ahead_of_it() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
        let store = SqliteStore::new(pool);
        store.migrate().await.unwrap();
        let writes = WriteTurns::default();
        let sessions = Sessions::new(store, writes.clone(), StdDuration::from_secs(900));
        let record = Record {
            id: Id::default(),
            data: HashMap::new(),
            expiry_date: OffsetDateTime::now_utc() + Duration::minutes(15),
        };

        let removal = writes.wait().await;
        let save = tokio::spawn({
            let sessions = sessions.clone();
            let record = record.clone();
            async move { sessions.save(&record).await }
        });
        tokio::time::sleep(StdDuration::from_millis(200)).await;
        assert!(
            !save.is_finished(),
            "the save went ahead of the writer holding its turn"
        );
        drop(removal);
        tokio::time::timeout(StdDuration::from_secs(5), save)
            .await
            .expect("the save goes once the turn is free")
            .unwrap()
            .unwrap();
        assert_eq!(
            sessions.load(&record.id).await.unwrap().map(|r| r.id),
            Some(record.id)
        );
    }
}
