//! `--seed demo`: fills an empty database from fixtures/demo-data.json (embedded at build time).

use std::collections::{BTreeSet, HashMap};

use anyhow::Context;
use contract::records::{ManagingRelationship, Program, RecordKind};
use contract::CalendarDate;
use serde::Deserialize;
use sqlx::SqlitePool;
use tokio::sync::OnceCell;

use crate::passwords;

const DEMO_DATA: &str = include_str!("../../fixtures/demo-data.json");

#[derive(Deserialize)]
struct DemoData {
    users: Vec<DemoUser>,
    records: Vec<DemoRecord>,
    associations: Vec<DemoAssociation>,
}

#[derive(Deserialize)]
struct DemoUser {
    ncid: String,
    name: String,
    email: String,
    password: String,
    totp_secret: String,
    pin: String,
    operations_staff: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum IdKind {
    Npi,
    Atypical,
}

#[derive(Deserialize)]
struct DemoRecord {
    id: String,
    id_kind: IdKind,
    name: String,
    kind: RecordKind,
    programs: Vec<Program>,
    primary_oa: Option<String>,
    primary_oa_end_date: Option<CalendarDate>,
    backup_oa: Option<String>,
    authorization_code: String,
    managing_relationships: Vec<ManagingRelationship>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum AssociationStatus {
    Active,
    Inactive,
}

#[derive(Deserialize)]
struct DemoAssociation {
    id: i64,
    user: String,
    record: String,
    roles: Vec<String>,
    status: AssociationStatus,
}

/// The snake_case name serde gives a unit variant, as the CHECK constraints spell it.
pub fn wire_name<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(name) => Ok(name),
        other => anyhow::bail!("expected a unit variant, got {other}"),
    }
}

/// The argon2 hash of each distinct secret of the demo data, made once per process. A test run
/// starts about a hundred seeded servers in one process, and hashing the 27 users' password and
/// PIN for each took most of the native tests' time (about 1.5 s of CPU a server). The demo
/// secrets are public (README), so users and servers sharing a secret's hash give nothing away;
/// real accounts are never seeded.
async fn demo_hashes(data: &DemoData) -> anyhow::Result<&'static HashMap<String, String>> {
    static HASHES: OnceCell<HashMap<String, String>> = OnceCell::const_new();
    HASHES
        .get_or_try_init(|| async {
            let secrets: BTreeSet<&String> = data
                .users
                .iter()
                .flat_map(|user| [&user.password, &user.pin])
                .collect();
            // All at once: the blocking pool spreads them over the cores.
            let hashing: Vec<_> = secrets
                .into_iter()
                .map(|secret| {
                    (
                        secret.clone(),
                        tokio::spawn(passwords::hash(secret.clone())),
                    )
                })
                .collect();
            let mut hashes = HashMap::new();
            for (secret, hash) in hashing {
                hashes.insert(secret, hash.await??);
            }
            Ok(hashes)
        })
        .await
}

/// A demo user's password and PIN, which the scenarios sign in and sign with (the demo
/// secrets are public: README).
pub(crate) fn demo_secrets(ncid: &str) -> anyhow::Result<(String, String)> {
    let data: DemoData = serde_json::from_str(DEMO_DATA).context("parsing the demo data")?;
    let user = data
        .users
        .into_iter()
        .find(|user| user.ncid == ncid)
        .with_context(|| format!("no demo user {ncid}"))?;
    Ok((user.password, user.pin))
}

/// Loads the demo data unless the database already has users. Returns whether it seeded.
pub async fn seed_demo(pool: &SqlitePool) -> anyhow::Result<bool> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await?;
    if users > 0 {
        return Ok(false);
    }
    let data: DemoData = serde_json::from_str(DEMO_DATA).context("parsing the demo data")?;

    let hashes = demo_hashes(&data).await?;
    let mut tx = pool.begin().await?;
    for user in &data.users {
        let password_hash = &hashes[&user.password];
        let pin_hash = &hashes[&user.pin];
        sqlx::query(
            "INSERT INTO users (ncid, name, email, password_hash, pin_hash, totp_secret, \
             operations_staff) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&user.ncid)
        .bind(&user.name)
        .bind(&user.email)
        .bind(password_hash)
        .bind(pin_hash)
        .bind(&user.totp_secret)
        .bind(user.operations_staff)
        .execute(&mut *tx)
        .await
        .with_context(|| format!("user {}", user.ncid))?;
    }

    for record in &data.records {
        sqlx::query(
            "INSERT INTO records (id, id_kind, name, kind, programs, primary_oa_id, \
             primary_oa_end_date, backup_oa_id, authorization_code) \
             VALUES (?, ?, ?, ?, ?, (SELECT id FROM users WHERE ncid = ?), ?, \
             (SELECT id FROM users WHERE ncid = ?), ?)",
        )
        .bind(&record.id)
        .bind(match record.id_kind {
            IdKind::Npi => "npi",
            IdKind::Atypical => "atypical",
        })
        .bind(&record.name)
        .bind(wire_name(&record.kind)?)
        .bind(serde_json::to_string(&record.programs)?)
        .bind(&record.primary_oa)
        .bind(record.primary_oa_end_date.map(|date| date.to_string()))
        .bind(&record.backup_oa)
        .bind(&record.authorization_code)
        .execute(&mut *tx)
        .await
        .with_context(|| format!("record {}", record.id))?;
        for listed in &record.managing_relationships {
            sqlx::query(
                "INSERT INTO managing_relationships \
                 (record_id, name, relationship, ncid, adverse_findings, active) \
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(&record.id)
            .bind(&listed.name)
            .bind(wire_name(&listed.relationship)?)
            .bind(&listed.ncid)
            .bind(listed.adverse_findings)
            .bind(listed.active)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("managing relationship on record {}", record.id))?;
        }
    }

    for association in &data.associations {
        sqlx::query(
            "INSERT INTO associations (id, user_id, record_id, roles, status) \
             VALUES (?, (SELECT id FROM users WHERE ncid = ?), ?, ?, ?)",
        )
        .bind(association.id)
        .bind(&association.user)
        .bind(&association.record)
        .bind(serde_json::to_string(&association.roles)?)
        .bind(match association.status {
            AssociationStatus::Active => "active",
            AssociationStatus::Inactive => "inactive",
        })
        .execute(&mut *tx)
        .await
        .with_context(|| format!("association {}", association.id))?;
    }
    tx.commit().await?;
    Ok(true)
}
