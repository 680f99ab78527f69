//! The session store: tower-sessions' SQLite store, with the idle period's restarts written at
//! most once per short interval.
//!
//! Why: the idle period restarts on every request (`Expiry::OnInactivity` with `always_save`),
//! and written as is, every request of every user is a write to SQLite, which has one writer.
//! Under load (64 clients, `cargo bench --bench load`) those writes queued behind removals past
//! the busy timeout and the request answered 500. A save that changes nothing but the expiry,
//! and that the stored expiry already covers, is skipped; each write stores the expiry a little
//! later than asked (`slack`), so a session never ends before its idle timeout and lives at most
//! `slack` past it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use time::{Duration, OffsetDateTime};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::SqliteStore;

#[derive(Debug, Clone)]
pub struct Sessions {
    store: SqliteStore,
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
    pub fn new(store: SqliteStore, idle_timeout: std::time::Duration) -> Self {
        let slack = (idle_timeout / 60).min(std::time::Duration::from_secs(20));
        Self {
            store,
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
        self.store.save(&stored).await?;
        self.remember(record, stored.expiry_date);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.store.load(id).await
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.written().remove(id);
        self.store.delete(id).await
    }
}

#[async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let now = OffsetDateTime::now_utc();
        self.written()
            .retain(|_, written| written.stored_expiry > now);
        self.store.delete_expired().await
    }
}
