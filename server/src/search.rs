//! The text test of `contract::accounts::TableFilter::matches` as a SQL function, so the list
//! can filter, count and page in SQL and still agree with the client row for row (R-ACCT-1).
//!
//! SQLite's own `lower()` and `LIKE` fold ASCII letters only ("Álvarez" would not match
//! "álvarez") and `LIKE` treats `%` and `_` as wildcards; the contract lower-cases with Rust's
//! Unicode rules and looks for a plain substring. sqlx has no safe way to add a SQL function, so
//! this registers one through the SQLite C API.

use std::ffi::{c_int, CStr};

use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;

/// `contains_folded(field, needle)`: 1 when `field`, lower-cased, contains `needle`; 0 otherwise,
/// and 0 when either is NULL.
const FUNCTION_NAME: &CStr = c"contains_folded";

/// The filter text as `TableFilter::matches` compares it: trimmed and lower-cased.
pub fn needle(filter_text: &str) -> String {
    filter_text.trim().to_lowercase()
}

/// The per-field test of `TableFilter::matches`; `needle` comes from [`needle`].
pub fn contains_folded(field: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if field.is_ascii() {
        // Lower-casing ASCII text is ASCII lower-casing: compare in place instead of allocating
        // a lower-cased copy for every row the list filters. A needle with other characters
        // cannot match, as no byte of it equals an ASCII one.
        let needle = needle.as_bytes();
        return field.as_bytes().windows(needle.len()).any(|window| {
            window
                .iter()
                .zip(needle)
                .all(|(letter, wanted)| letter.to_ascii_lowercase() == *wanted)
        });
    }
    field.to_lowercase().contains(needle)
}

/// Adds `contains_folded` to one connection (the pool calls this for each new connection).
pub async fn register(connection: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut handle = connection.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: `db` is an open connection, held locked by `handle` for this call. The name is a
    // NUL-terminated static string; there is no user data, so nothing needs destroying.
    let code = unsafe {
        ffi::sqlite3_create_function_v2(
            db,
            FUNCTION_NAME.as_ptr(),
            2,
            ffi::SQLITE_UTF8 | ffi::SQLITE_DETERMINISTIC | ffi::SQLITE_INNOCUOUS,
            std::ptr::null_mut(),
            Some(contains_folded_sql),
            None,
            None,
            None,
        )
    };
    if code == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Protocol(format!(
            "cannot register the SQL function {FUNCTION_NAME:?}: SQLite error {code}"
        )))
    }
}

/// SQLite calls this with the two arguments it was registered with.
unsafe extern "C" fn contains_folded_sql(
    context: *mut ffi::sqlite3_context,
    argument_count: c_int,
    arguments: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: SQLite passes `argument_count` (2, as registered) valid value pointers, alive for
    // the duration of this call.
    let matched = unsafe {
        match std::slice::from_raw_parts(arguments, argument_count as usize) {
            [field, needle] => match (text(*field), text(*needle)) {
                (Some(field), Some(needle)) => contains_folded(field, needle),
                _ => false,
            },
            _ => false,
        }
    };
    // SAFETY: `context` is the live context of this call.
    unsafe { ffi::sqlite3_result_int(context, c_int::from(matched)) };
}

/// The UTF-8 text of a SQL value; `None` for NULL (or text that is not UTF-8).
///
/// # Safety
/// `value` must be a valid protected value of the current call; the text borrowed from it lives
/// until the call returns.
unsafe fn text<'call>(value: *mut ffi::sqlite3_value) -> Option<&'call str> {
    // SAFETY: the caller passes a valid value. `sqlite3_value_bytes` is read after
    // `sqlite3_value_text`, as SQLite requires, so it counts the UTF-8 bytes returned.
    unsafe {
        let start = ffi::sqlite3_value_text(value);
        if start.is_null() {
            return None;
        }
        let length = usize::try_from(ffi::sqlite3_value_bytes(value)).ok()?;
        std::str::from_utf8(std::slice::from_raw_parts(start, length)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::accounts::{AccountRow, AssociationStatus};
    use contract::table::TableFilter;

    fn row_named(oa_name: &str) -> AccountRow {
        AccountRow {
            id: 1,
            oa_ncid: "x".into(),
            oa_name: oa_name.into(),
            oa_end_date: None,
            roles: Vec::new(),
            provider_id: "x".into(),
            record_name: "Ignored Record Name".into(),
            status: AssociationStatus::Active,
            lock: None,
        }
    }

    #[test]
    fn agrees_with_the_contract_filter() {
        let names = [
            "Riley Morgan",
            "ÁLVAREZ, Zoë",
            "ΟΔΟΣ",
            "\u{212A}elvin",
            "İstanbul Clinic",
            "100% Care_Group",
            "",
        ];
        let texts = [
            "morgan",
            " MORGAN ",
            "álvarez",
            "ZOË",
            "οδος",
            "σ",
            "kelvin",
            "i̇stanbul",
            "istanbul",
            "%",
            "_",
            "100% c",
            "ignored",
            "\u{a0}riley\t",
            "",
            "y m",
            "RILEY MORGAN!",
            "é",
        ];
        for name in names {
            for text in texts {
                let filter = TableFilter {
                    text: text.into(),
                    status: None,
                };
                let contract = filter.matches(&row_named(name));
                let ours = contains_folded(name, &needle(text));
                assert_eq!(ours, contract, "{name:?} / {text:?}");
            }
        }
    }
}
