//! A calendar date as the wire carries it (`YYYY-MM-DD`), ordered, with no time zone: end dates in
//! RULES.md are whole days.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidDate;

impl fmt::Display for InvalidDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date must be written YYYY-MM-DD")
    }
}

impl CalendarDate {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, InvalidDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(InvalidDate);
        }
        Ok(Self { year, month, day })
    }

    /// The civil date of a Unix timestamp (UTC), so the server can tell "today" without a
    /// calendar crate.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        // Howard Hinnant's days-from-civil inverse.
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Self { year, month, day }
    }

    /// "September 30, 2026", as the interface writes dates.
    pub fn long_form(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {}, {}",
            MONTHS[usize::from(self.month - 1)],
            self.day,
            self.year
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for CalendarDate {
    type Err = InvalidDate;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(InvalidDate);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(InvalidDate);
        }
        let number = |s: &str| s.parse::<u16>().map_err(|_| InvalidDate);
        Self::new(number(y)?, number(m)? as u8, number(d)? as u8)
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for CalendarDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CalendarDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// On the wire a date is its ISO 8601 text, `YYYY-MM-DD`.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for CalendarDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, SchemaFormat, Type};
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .examples(["2026-09-30"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for CalendarDate {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let date: CalendarDate = "2026-09-30".parse().unwrap();
        assert_eq!(date.to_string(), "2026-09-30");
        assert_eq!(date.long_form(), "September 30, 2026");
    }

    #[test]
    fn refuses_impossible_dates() {
        for text in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-9-30",
            "yesterday",
        ] {
            assert!(text.parse::<CalendarDate>().is_err(), "{text}");
        }
        assert!("2028-02-29".parse::<CalendarDate>().is_ok());
    }

    #[test]
    fn unix_seconds_become_utc_dates() {
        assert_eq!(CalendarDate::from_unix_seconds(0).to_string(), "1970-01-01");
        // 2026-11-23T12:00:00Z
        assert_eq!(
            CalendarDate::from_unix_seconds(1_795_435_200).to_string(),
            "2026-11-23"
        );
    }

    #[test]
    fn dates_order_by_calendar() {
        let earlier: CalendarDate = "2026-09-30".parse().unwrap();
        let later: CalendarDate = "2026-10-01".parse().unwrap();
        assert!(earlier < later);
    }
}
