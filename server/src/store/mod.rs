//! What the handlers read and write in SQLite beyond one feature: provider records (with
//! whether the primary OA is active), users, and notices with every recipient list.

pub(crate) mod notices;
pub(crate) mod records;
pub(crate) mod users;

use contract::CalendarDate;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A unit enum variant stored as its serde name (`office_administrator`, `managing_employee`).
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> anyhow::Result<T> {
    Ok(serde_json::from_value(serde_json::Value::String(
        text.to_owned(),
    ))?)
}

pub(crate) fn to_text<T: Serialize>(value: T) -> anyhow::Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(text) => Ok(text),
        other => Err(anyhow::anyhow!("not a unit variant: {other}")),
    }
}

/// The calendar day of a stored timestamp (Unix seconds) in Eastern time, where the portal's
/// users are.
pub(crate) fn day_of(seconds: i64) -> CalendarDate {
    CalendarDate::eastern_of_unix_seconds(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::oa_change::{PickableRecord, Step};
    use contract::records::Standing;

    #[test]
    fn steps_and_kinds_round_trip_through_their_text() {
        for step in Step::ALL {
            assert_eq!(from_text::<Step>(&to_text(step).unwrap()).unwrap(), step);
        }
        assert_eq!(
            to_text(Step::OfficeAdministrator).unwrap(),
            "office_administrator"
        );
        assert!(to_text(PickableRecord {
            id: String::new(),
            name: String::new(),
            standing: Standing::MrUser
        })
        .is_err());
    }
}
