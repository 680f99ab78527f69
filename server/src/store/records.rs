//! Provider records with everything the rules need, loaded in one place. Whether a record's
//! primary OA is active (R-BOA-8, the end date inclusive) is decided here, by
//! `contract::records::oa_is_active`: the SQL only fetches the end date. The one query that must
//! page by it in SQL takes its condition from `push_primary_active`, next to it.

use std::collections::BTreeMap;

use contract::oa_change::{may_sign, RecordFacts};
use contract::records::{
    oa_is_active, ManagingRelationship, OfficeAdministrator, Program, RecordKind, Relationship,
    Standing,
};
use contract::CalendarDate;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::from_text;
use crate::auth::CurrentUser;
use crate::http::error::ApiResult;

/// A record with its OAs and listed people.
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) kind: RecordKind,
    pub(crate) programs: Vec<Program>,
    /// Also an end-dated primary, who still hears of the record (R-OA-7).
    pub(crate) primary_id: Option<i64>,
    pub(crate) primary: Option<OfficeAdministrator>,
    /// R-BOA-8: an end-dated primary (end date inclusive) is no longer the record's OA.
    pub(crate) primary_active: bool,
    pub(crate) backup_id: Option<i64>,
    pub(crate) backup: Option<OfficeAdministrator>,
    authorization_code: String,
    pub(crate) listed: Vec<ManagingRelationship>,
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: String,
    name: String,
    kind: String,
    /// JSON array of `Program`.
    programs: String,
    primary_oa_id: Option<i64>,
    primary_oa_end_date: Option<String>,
    primary_ncid: Option<String>,
    primary_name: Option<String>,
    backup_oa_id: Option<i64>,
    backup_ncid: Option<String>,
    backup_name: Option<String>,
    authorization_code: String,
}

const RECORDS: &str = "SELECT r.id, r.name, r.kind, r.programs, r.primary_oa_id, \
     r.primary_oa_end_date, p.ncid AS primary_ncid, p.name AS primary_name, r.backup_oa_id, \
     b.ncid AS backup_ncid, b.name AS backup_name, r.authorization_code \
     FROM records r \
     LEFT JOIN users p ON p.id = r.primary_oa_id \
     LEFT JOIN users b ON b.id = r.backup_oa_id";

#[derive(sqlx::FromRow)]
struct ListedRow {
    record_id: String,
    name: String,
    relationship: String,
    ncid: Option<String>,
    adverse_findings: bool,
    active: bool,
}

/// `oa_is_active` in SQL, for the record `r` on `today`: whether its primary OA is active (the
/// end date inclusive, R-BOA-8). Only for a query that must count and page by it (My Account
/// Management's lock, R-ACCT-3); everything else asks `Record::primary_active`.
pub(crate) fn push_primary_active(query: &mut QueryBuilder<'static, Sqlite>, today: String) {
    query
        .push("(r.primary_oa_end_date IS NULL OR r.primary_oa_end_date >= ")
        .push_bind(today)
        .push(")");
}

const LISTED: &str = "SELECT record_id, name, relationship, ncid, adverse_findings, active \
     FROM managing_relationships";

fn office_administrator(
    ncid: Option<String>,
    name: Option<String>,
    end_date: Option<CalendarDate>,
) -> Option<OfficeAdministrator> {
    Some(OfficeAdministrator {
        ncid: ncid?,
        name: name?,
        end_date,
    })
}

impl ListedRow {
    fn into_listing(self) -> anyhow::Result<ManagingRelationship> {
        Ok(ManagingRelationship {
            name: self.name,
            relationship: from_text::<Relationship>(&self.relationship)?,
            ncid: self.ncid,
            adverse_findings: self.adverse_findings,
            active: self.active,
        })
    }
}

impl Record {
    fn from_row(
        row: RecordRow,
        listed: Vec<ManagingRelationship>,
        today: CalendarDate,
    ) -> anyhow::Result<Self> {
        let end_date = row
            .primary_oa_end_date
            .map(|text| text.parse::<CalendarDate>())
            .transpose()
            .map_err(|error| anyhow::anyhow!("record {}: end date: {error}", row.id))?;
        let primary = office_administrator(row.primary_ncid, row.primary_name, end_date);
        Ok(Self {
            kind: from_text(&row.kind)?,
            programs: serde_json::from_str(&row.programs)?,
            primary_id: row.primary_oa_id,
            primary_active: primary.is_some() && oa_is_active(end_date, today),
            primary,
            backup_id: row.backup_oa_id,
            backup: office_administrator(row.backup_ncid, row.backup_name, None),
            authorization_code: row.authorization_code,
            listed,
            id: row.id,
            name: row.name,
        })
    }

    pub(crate) async fn load(
        connection: &mut SqliteConnection,
        id: &str,
        today: CalendarDate,
    ) -> ApiResult<Option<Self>> {
        let row: Option<RecordRow> = sqlx::query_as(&format!("{RECORDS} WHERE r.id = ?"))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let listed: Vec<ListedRow> =
            sqlx::query_as(&format!("{LISTED} WHERE record_id = ? ORDER BY id"))
                .bind(id)
                .fetch_all(&mut *connection)
                .await?;
        let listed = listed
            .into_iter()
            .map(ListedRow::into_listing)
            .collect::<anyhow::Result<_>>()?;
        Ok(Some(Self::from_row(row, listed, today)?))
    }

    /// The records where the user is primary OA (also an end-dated one), backup OA, or listed
    /// with an active listing, by name.
    pub(crate) async fn related_to(
        connection: &mut SqliteConnection,
        user: &CurrentUser,
        today: CalendarDate,
    ) -> ApiResult<Vec<Self>> {
        let rows: Vec<RecordRow> = sqlx::query_as(&format!(
            "{RECORDS} WHERE r.primary_oa_id = ?1 OR r.backup_oa_id = ?1 \
                OR r.id IN (SELECT record_id FROM managing_relationships \
                            WHERE ncid = ?2 AND active = 1) \
             ORDER BY r.name COLLATE NOCASE, r.id"
        ))
        .bind(user.id)
        .bind(&user.ncid)
        .fetch_all(&mut *connection)
        .await?;
        let ids = serde_json::to_string(&rows.iter().map(|row| &row.id).collect::<Vec<_>>())
            .map_err(anyhow::Error::from)?;
        let listed: Vec<ListedRow> = sqlx::query_as(&format!(
            "{LISTED} WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY id"
        ))
        .bind(ids)
        .fetch_all(&mut *connection)
        .await?;
        let mut by_record: BTreeMap<String, Vec<ManagingRelationship>> = BTreeMap::new();
        for row in listed {
            by_record
                .entry(row.record_id.clone())
                .or_default()
                .push(row.into_listing()?);
        }
        Ok(rows
            .into_iter()
            .map(|row| {
                let listed = by_record.remove(&row.id).unwrap_or_default();
                Self::from_row(row, listed, today)
            })
            .collect::<anyhow::Result<_>>()?)
    }

    pub(crate) fn facts<'a>(&'a self, applicant: &'a str) -> RecordFacts<'a> {
        RecordFacts {
            kind: self.kind,
            programs: &self.programs,
            primary_oa: self
                .primary
                .as_ref()
                .filter(|_| self.primary_active)
                .map(|primary| primary.ncid.as_str()),
            backup_oa: self.backup.as_ref().map(|backup| backup.ncid.as_str()),
            listed: &self.listed,
            applicant,
        }
    }

    /// How the user stands to the record, if at all; an end-dated primary OA not otherwise
    /// related has no standing (R-BOA-8).
    pub(crate) fn standing(&self, user: &CurrentUser) -> Option<Standing> {
        if self.primary_active && self.primary_id == Some(user.id) {
            Some(Standing::PrimaryOa)
        } else if self.backup_id == Some(user.id) {
            Some(Standing::BackupOa)
        } else if self.listed.iter().any(|listed| {
            listed.is_mr_user()
                && listed
                    .ncid
                    .as_deref()
                    .is_some_and(|ncid| ncid.eq_ignore_ascii_case(&user.ncid))
        }) {
            Some(Standing::MrUser)
        } else {
            None
        }
    }

    /// R-OA-2 with R-BOA-3: the primary and the backup OA alike need no code; anyone else must
    /// have proven it.
    pub(crate) fn may_apply(&self, user: &CurrentUser, code_proven: bool) -> bool {
        may_sign(self.standing(user), code_proven)
    }

    /// R-OA-2: what the applicant typed against the Welcome Letter's code, ignoring case and
    /// surrounding spaces, in constant time.
    pub(crate) fn code_matches(&self, given: &str) -> bool {
        constant_time_eq::constant_time_eq(
            given.trim().to_ascii_uppercase().as_bytes(),
            self.authorization_code.to_ascii_uppercase().as_bytes(),
        )
    }
}
