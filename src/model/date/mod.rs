//! Dates that keep the precision their author knew.
//!
//! An `EventDate` is an EDTF (ISO 8601-2) level-0 date — `YYYY`, `YYYY-MM` or
//! `YYYY-MM-DD` — with the level-1 qualifiers `~` (approximate) and `?`
//! (uncertain). It is never widened to a day it does not know: "2022-06~"
//! stays "c. Jun 2022" on screen and in every export. This module knows
//! nothing of files or terminals.

mod words;

pub use words::DateStyle;

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How much of the date is known.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// The EDTF level-1 qualifier of a date.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Qualifier {
    Exact,
    /// `~`: about this date.
    Approximate,
    /// `?`: this date, but the source is unsure.
    Uncertain,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approximate => "approximate",
            Qualifier::Uncertain => "uncertain",
        }
    }
}

/// A date at year, month or day precision.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct EventDate {
    year: u16,
    /// 1–12, or 0 at year precision.
    month: u8,
    /// 1–31, or 0 at year or month precision.
    day: u8,
    qualifier: Qualifier,
}

/// Why a string is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Shape,
    /// A month outside 1–12.
    Month(u32),
    /// A day the month does not have.
    Day { year: u16, month: u8, day: u32 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Shape => write!(
                f,
                "a date is written YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ (approximate) or ? (uncertain)"
            ),
            DateError::Month(m) => write!(f, "there is no month {m}; months run from 01 to 12"),
            DateError::Day { year, month, day } => write!(
                f,
                "{} {year} has no day {day}; it has {} days",
                MONTHS[usize::from(*month) - 1],
                days_in_month(*year, *month)
            ),
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn days_in_month(year: u16, month: u8) -> u32 {
    let (ny, nm) = if month == 12 {
        (i32::from(year) + 1, 1)
    } else {
        (i32::from(year), u32::from(month) + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl EventDate {
    /// Parses an EDTF string: `2007`, `2007-12`, `2014-12-16`, `2022-06~`, `2022?`.
    pub fn parse(s: &str) -> Result<EventDate, DateError> {
        let (body, qualifier) = match s.as_bytes().last() {
            Some(b'~') => (&s[..s.len() - 1], Qualifier::Approximate),
            Some(b'?') => (&s[..s.len() - 1], Qualifier::Uncertain),
            _ => (s, Qualifier::Exact),
        };
        let mut parts = body.split('-');
        let year = parts
            .next()
            .and_then(|y| digits(y, 4))
            .ok_or(DateError::Shape)?;
        let month = match parts.next() {
            Some(m) => Some(digits(m, 2).ok_or(DateError::Shape)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(digits(d, 2).ok_or(DateError::Shape)?),
            None => None,
        };
        if parts.next().is_some() {
            return Err(DateError::Shape);
        }
        let year = u16::try_from(year).map_err(|_| DateError::Shape)?;
        EventDate::from_parts(year, month, day, qualifier)
    }

    /// Builds a date from its parts, checking the calendar.
    pub fn from_parts(
        year: u16,
        month: Option<u32>,
        day: Option<u32>,
        qualifier: Qualifier,
    ) -> Result<EventDate, DateError> {
        if year > 9999 {
            return Err(DateError::Shape);
        }
        let month = match month {
            None if day.is_some() => return Err(DateError::Shape),
            None => 0,
            Some(m @ 1..=12) => m as u8,
            Some(m) => return Err(DateError::Month(m)),
        };
        let day = match day {
            None => 0,
            Some(d) if d >= 1 && d <= days_in_month(year, month) => d as u8,
            Some(d) => {
                return Err(DateError::Day {
                    year,
                    month,
                    day: d,
                });
            }
        };
        Ok(EventDate {
            year,
            month,
            day,
            qualifier,
        })
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1–12, when known.
    pub fn month(&self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// The first day of the period the date names.
    pub fn first_day(&self) -> NaiveDate {
        let m = u32::from(self.month.max(1));
        let d = u32::from(self.day.max(1));
        NaiveDate::from_ymd_opt(i32::from(self.year), m, d).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the period the date names.
    pub fn last_day(&self) -> NaiveDate {
        let m = if self.month == 0 { 12 } else { self.month };
        let d = if self.day == 0 {
            days_in_month(self.year, m)
        } else {
            u32::from(self.day)
        };
        NaiveDate::from_ymd_opt(i32::from(self.year), u32::from(m), d).unwrap_or(NaiveDate::MAX)
    }

    /// The first and last day of the period as day numbers (days since the
    /// common era): plain integers, cheap to compare across many events.
    pub fn day_numbers(&self) -> (i32, i32) {
        (
            self.first_day().num_days_from_ce(),
            self.last_day().num_days_from_ce(),
        )
    }

    /// The EDTF form, which `parse` reads back to the same date.
    pub fn to_edtf(&self) -> String {
        let mut s = format!("{:04}", self.year);
        if let Some(m) = self.month() {
            s.push_str(&format!("-{m:02}"));
        }
        if let Some(d) = self.day() {
            s.push_str(&format!("-{d:02}"));
        }
        match self.qualifier {
            Qualifier::Exact => {}
            Qualifier::Approximate => s.push('~'),
            Qualifier::Uncertain => s.push('?'),
        }
        s
    }
}

/// Chronological order: by the start of the period, then coarser before finer
/// ("2014" before "2014-01" before "2014-01-01"), then exact before
/// approximate before uncertain, so the order is total.
impl Ord for EventDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first_day(), self.precision(), self.qualifier).cmp(&(
            other.first_day(),
            other.precision(),
            other.qualifier,
        ))
    }
}

impl PartialOrd for EventDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> EventDate {
        match EventDate::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn impossible_dates_are_refused_with_a_reason() {
        assert_eq!(EventDate::parse("2011-13-45"), Err(DateError::Month(13)));
        assert!(matches!(
            EventDate::parse("2011-02-29"),
            Err(DateError::Day { .. })
        ));
        assert!(EventDate::parse("2012-02-29").is_ok());
        for bad in [
            "",
            "07",
            "2007-1",
            "2007-12-1",
            "2007-00",
            "2007-12-00",
            "20071",
            "2007-",
            "2007~~",
            "~",
            "+2007",
            "2007-12-16-01",
            "２００７",
        ] {
            assert!(EventDate::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(
            EventDate::parse("2011-13-45")
                .map_err(|e| e.to_string())
                .unwrap_err()
                .contains("month 13")
        );
    }

    #[test]
    fn order_is_period_start_then_coarser_first() {
        let mut v = [
            d("2014-12-16"),
            d("2014-12"),
            d("2014"),
            d("2013-12-31"),
            d("2014-01"),
            d("2014~"),
        ];
        v.sort();
        let got: Vec<String> = v.iter().map(EventDate::to_edtf).collect();
        assert_eq!(
            got,
            [
                "2013-12-31",
                "2014",
                "2014~",
                "2014-01",
                "2014-12",
                "2014-12-16"
            ]
        );
    }

    #[test]
    fn periods_have_first_and_last_days() {
        assert_eq!(d("2024").last_day().to_string(), "2024-12-31");
        assert_eq!(d("2024-02").last_day().to_string(), "2024-02-29");
        assert_eq!(d("2023-02").first_day().to_string(), "2023-02-01");
        assert_eq!(d("2023-02-14").last_day().to_string(), "2023-02-14");
    }

    fn edtf() -> impl Strategy<Value = String> {
        (
            0u16..=9999,
            prop::option::of((1u8..=12, prop::option::of(1u8..=28))),
            0usize..3,
        )
            .prop_map(|(y, md, q)| {
                let mut s = format!("{y:04}");
                if let Some((m, day)) = md {
                    s.push_str(&format!("-{m:02}"));
                    if let Some(day) = day {
                        s.push_str(&format!("-{day:02}"));
                    }
                }
                s.push_str(["", "~", "?"][q]);
                s
            })
    }

    proptest! {
        #[test]
        fn every_valid_edtf_string_round_trips(s in edtf()) {
            let date = EventDate::parse(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(date.to_edtf(), s);
        }

        #[test]
        fn arbitrary_strings_never_panic(s in "\\PC{0,12}") {
            let _ = EventDate::parse(&s);
        }

        #[test]
        fn ordering_is_a_total_order(a in edtf(), b in edtf(), c in edtf()) {
            let (a, b, c) = (d(&a), d(&b), d(&c));
            // antisymmetry and agreement with equality
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
            // transitivity
            if a <= b && b <= c {
                prop_assert!(a <= c);
            }
        }
    }
}
