//! A calendar date as the wire carries it (`YYYY-MM-DD`), ordered, with no time zone: end dates in
//! RULES.md are whole days. The days and times of the portal are those of North Carolina, Eastern
//! time (America/New_York), worked out here without a time-zone database (`EasternTime`), so the
//! wasm client carries no zone data.

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

    /// The civil date in Eastern time (America/New_York) of a Unix timestamp: the day the
    /// portal's users live in, so a request sent at 9 pm on 2 December is not dated 3 December.
    pub fn eastern_of_unix_seconds(seconds: i64) -> Self {
        EasternTime::of_unix_seconds(seconds).date
    }

    /// Which day of the week, 0 for Sunday.
    fn weekday(&self) -> i64 {
        (self.days_since_epoch() + 4).rem_euclid(7)
    }

    /// Days from 1970-01-01 (Howard Hinnant's days-from-civil).
    fn days_since_epoch(&self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
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

/// A moment as a clock in North Carolina shows it: US Eastern time, daylight saving from 2 am on
/// the second Sunday of March to 2 am on the first Sunday of November (the rule since 2007).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EasternTime {
    pub date: CalendarDate,
    /// 0–23.
    pub hour: u8,
    pub minute: u8,
}

impl EasternTime {
    const STANDARD_OFFSET: i64 = -5 * 3_600;
    const DAYLIGHT_OFFSET: i64 = -4 * 3_600;

    pub fn of_unix_seconds(seconds: i64) -> Self {
        let local = seconds + Self::offset_at(seconds);
        let of_day = local.rem_euclid(86_400);
        Self {
            date: CalendarDate::from_unix_seconds(local),
            hour: (of_day / 3_600) as u8,
            minute: (of_day % 3_600 / 60) as u8,
        }
    }

    /// Seconds east of UTC at that moment: -4 h in daylight saving time, -5 h otherwise.
    fn offset_at(seconds: i64) -> i64 {
        let year = CalendarDate::from_unix_seconds(seconds + Self::STANDARD_OFFSET).year;
        // 2 am local: 7:00 UTC in March (still standard), 6:00 UTC in November (still daylight).
        let starts = nth_sunday(year, 3, 2) * 86_400 + 2 * 3_600 - Self::STANDARD_OFFSET;
        let ends = nth_sunday(year, 11, 1) * 86_400 + 2 * 3_600 - Self::DAYLIGHT_OFFSET;
        if (starts..ends).contains(&seconds) {
            Self::DAYLIGHT_OFFSET
        } else {
            Self::STANDARD_OFFSET
        }
    }

    /// "2:05 pm", as people say the time.
    pub fn clock_time(&self) -> String {
        let hour = match self.hour % 12 {
            0 => 12,
            hour => hour,
        };
        let half = if self.hour < 12 { "am" } else { "pm" };
        format!("{hour}:{:02} {half}", self.minute)
    }

    /// "November 22, 2026 at 2:05 pm".
    pub fn long_form(&self) -> String {
        format!("{} at {}", self.date.long_form(), self.clock_time())
    }
}

/// The days since 1970-01-01 of the `n`th Sunday of a month.
fn nth_sunday(year: u16, month: u8, n: i64) -> i64 {
    let first = CalendarDate {
        year,
        month,
        day: 1,
    };
    let to_sunday = (7 - first.weekday()) % 7;
    first.days_since_epoch() + to_sunday + 7 * (n - 1)
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
    fn eastern_time_follows_daylight_saving() {
        // 2026-11-22T19:05:09Z is 2:05 pm EST.
        let november = EasternTime::of_unix_seconds(1_795_374_309);
        assert_eq!(november.long_form(), "November 22, 2026 at 2:05 pm");
        // 2026-07-04T16:30:00Z is 12:30 pm EDT.
        assert_eq!(
            EasternTime::of_unix_seconds(1_783_182_600).long_form(),
            "July 4, 2026 at 12:30 pm"
        );
        // 2026-12-03T03:00:00Z is still 2 December in North Carolina, at 10 pm.
        let evening = EasternTime::of_unix_seconds(1_796_266_800);
        assert_eq!(evening.date.to_string(), "2026-12-02");
        assert_eq!(evening.clock_time(), "10:00 pm");
        assert_eq!(
            CalendarDate::eastern_of_unix_seconds(1_796_266_800).to_string(),
            "2026-12-02"
        );
        // Midnight reads 12:00 am.
        assert_eq!(
            EasternTime::of_unix_seconds(1_796_274_000).clock_time(),
            "12:00 am"
        );
    }

    #[test]
    fn daylight_saving_starts_and_ends_at_two_in_the_morning() {
        // 2026-03-08 (second Sunday of March) 06:59:59Z = 1:59:59 am EST; one second later 3 am EDT.
        assert_eq!(
            EasternTime::of_unix_seconds(1_772_953_199).clock_time(),
            "1:59 am"
        );
        assert_eq!(
            EasternTime::of_unix_seconds(1_772_953_200).clock_time(),
            "3:00 am"
        );
        // 2026-11-01 (first Sunday of November) 05:59:59Z = 1:59:59 am EDT; then 1 am EST again.
        assert_eq!(
            EasternTime::of_unix_seconds(1_793_512_799).clock_time(),
            "1:59 am"
        );
        assert_eq!(
            EasternTime::of_unix_seconds(1_793_512_800).clock_time(),
            "1:00 am"
        );
    }

    #[test]
    fn dates_order_by_calendar() {
        let earlier: CalendarDate = "2026-09-30".parse().unwrap();
        let later: CalendarDate = "2026-10-01".parse().unwrap();
        assert!(earlier < later);
    }
}
