//! How a date reads: "16 Dec 2014", "c. Jun 2022", "2014?", and periods
//! as a person writes them, "Jun–Nov 2022", "16–17 Dec 2014". Only what the
//! date knows is said: a month is never shown as a day.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{EventDate, MONTHS, Precision, Qualifier};

/// How a day is written: "16 Dec 2014", or "Dec 16, 2014".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    #[default]
    DayMonth,
    MonthDay,
}

/// Set once, from the person's settings, before anything is drawn.
static MONTH_FIRST: AtomicBool = AtomicBool::new(false);

impl DateStyle {
    /// The words a settings file uses for each style.
    pub const NAMES: [&'static str; 2] = ["day-month", "month-day"];

    pub fn parse(s: &str) -> Option<DateStyle> {
        match s {
            "day-month" => Some(DateStyle::DayMonth),
            "month-day" => Some(DateStyle::MonthDay),
            _ => None,
        }
    }

    /// Makes this the style every date is written in from now on.
    pub fn set(self) {
        MONTH_FIRST.store(self == DateStyle::MonthDay, Ordering::Relaxed);
    }

    fn now() -> DateStyle {
        if MONTH_FIRST.load(Ordering::Relaxed) {
            DateStyle::MonthDay
        } else {
            DateStyle::DayMonth
        }
    }
}

impl EventDate {
    /// The date alone, without its qualifier: "2007", "Dec 2007", "16 Dec 2014".
    fn plain(&self) -> String {
        self.plain_in(DateStyle::now())
    }

    fn plain_in(&self, style: DateStyle) -> String {
        match (self.month(), self.day(), style) {
            (Some(m), Some(d), DateStyle::DayMonth) => {
                format!("{d} {} {}", month_name(m), self.year)
            }
            (Some(m), Some(d), DateStyle::MonthDay) => {
                format!("{} {d}, {}", month_name(m), self.year)
            }
            (Some(m), None, _) => format!("{} {}", month_name(m), self.year),
            _ => self.year.to_string(),
        }
    }

    /// The compact form for a list whose year is shown elsewhere: "16 Dec", "Dec", "".
    pub fn without_year(&self) -> String {
        let body = match (self.month(), self.day()) {
            (Some(m), Some(d)) if DateStyle::now() == DateStyle::MonthDay => {
                format!("{} {d:>2}", month_name(m))
            }
            (Some(m), Some(d)) => format!("{d:>2} {}", month_name(m)),
            (Some(m), None) => month_name(m).to_string(),
            _ => String::new(),
        };
        qualify(body, self.qualifier)
    }

    /// A period from this date to `end`, as a person writes it:
    /// "Jun–Nov 2022", "16–17 Dec 2014", "Dec 2007–Jan 2008".
    pub fn display_range(&self, end: Option<&EventDate>) -> String {
        self.range_in(end, DateStyle::now())
    }

    fn range_in(&self, end: Option<&EventDate>, style: DateStyle) -> String {
        let Some(end) = end.filter(|e| *e != self) else {
            return qualify(self.plain_in(style), self.qualifier);
        };
        let month_first = style == DateStyle::MonthDay;
        // Within one year the year is said once, whatever each end's
        // precision: "29 Jan–Apr 2014", "Jan–15 Apr 2014", "29–31 Jan 2014".
        let right = qualify(end.plain_in(style), end.qualifier);
        if self.qualifier == end.qualifier
            && self.year == end.year
            && self.precision() != Precision::Year
            && end.precision() != Precision::Year
        {
            let same_month = self.precision() == Precision::Day
                && end.precision() == Precision::Day
                && self.month == end.month;
            if same_month && month_first {
                // "Dec 16–17, 2014".
                let body = format!(
                    "{} {}–{}, {}",
                    month_name(self.month),
                    self.day,
                    end.day,
                    self.year
                );
                return qualify(body, self.qualifier);
            }
            let left = if same_month {
                self.day.to_string()
            } else if self.precision() == Precision::Day && month_first {
                format!("{} {}", month_name(self.month), self.day)
            } else if self.precision() == Precision::Day {
                format!("{} {}", self.day, month_name(self.month))
            } else {
                month_name(self.month).to_string()
            };
            return match self.qualifier {
                Qualifier::Approximate => format!("c. {left}–{}", end.plain_in(style)),
                _ => format!("{left}–{right}"),
            };
        }
        format!("{}–{right}", qualify(self.plain_in(style), self.qualifier))
    }
}

fn month_name(m: u8) -> &'static str {
    MONTHS
        .get(usize::from(m).wrapping_sub(1))
        .copied()
        .unwrap_or("???")
}

fn qualify(body: String, q: Qualifier) -> String {
    match q {
        Qualifier::Exact => body,
        Qualifier::Approximate if body.is_empty() => "c.".to_string(),
        Qualifier::Approximate => format!("c. {body}"),
        Qualifier::Uncertain => format!("{body}?"),
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&qualify(self.plain(), self.qualifier))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_first_dates_read_as_americans_write_them() {
        let m = DateStyle::MonthDay;
        assert_eq!(d("2014-12-16").plain_in(m), "Dec 16, 2014");
        assert_eq!(d("2014-12").plain_in(m), "Dec 2014");
        assert_eq!(
            d("2014-12-16").range_in(Some(&d("2014-12-17")), m),
            "Dec 16–17, 2014"
        );
        assert_eq!(
            d("2014-11-30").range_in(Some(&d("2014-12-02")), m),
            "Nov 30–Dec 2, 2014"
        );
        assert_eq!(
            d("2014-01-29").range_in(Some(&d("2014-04")), m),
            "Jan 29–Apr 2014"
        );
        assert_eq!(d("2014-12-16~").range_in(None, m), "c. Dec 16, 2014");
        assert_eq!(DateStyle::parse("month-day"), Some(m));
        assert_eq!(DateStyle::parse("mdy"), None);
    }

    fn d(s: &str) -> EventDate {
        match EventDate::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn display_keeps_precision_and_qualifier() {
        assert_eq!(d("2007").to_string(), "2007");
        assert_eq!(d("2007-12").to_string(), "Dec 2007");
        assert_eq!(d("2014-12-16").to_string(), "16 Dec 2014");
        assert_eq!(d("2022-06~").to_string(), "c. Jun 2022");
        assert_eq!(d("2022-06?").to_string(), "Jun 2022?");
        assert_eq!(d("2022~").to_string(), "c. 2022");
    }

    #[test]
    fn ranges_read_as_people_write_them() {
        assert_eq!(
            d("2022-06").display_range(Some(&d("2022-11"))),
            "Jun–Nov 2022"
        );
        assert_eq!(
            d("2014-12-16").display_range(Some(&d("2014-12-17"))),
            "16–17 Dec 2014"
        );
        assert_eq!(
            d("2014-11-30").display_range(Some(&d("2014-12-02"))),
            "30 Nov–2 Dec 2014"
        );
        assert_eq!(
            d("2007-12").display_range(Some(&d("2008-01"))),
            "Dec 2007–Jan 2008"
        );
        assert_eq!(d("2007").display_range(Some(&d("2009"))), "2007–2009");
        assert_eq!(
            d("2022-06~").display_range(Some(&d("2022-11~"))),
            "c. Jun–Nov 2022"
        );
        assert_eq!(
            d("2022-06").display_range(Some(&d("2022-11?"))),
            "Jun 2022–Nov 2022?"
        );
        assert_eq!(d("2022-06").display_range(None), "Jun 2022");
        assert_eq!(d("2022-06").display_range(Some(&d("2022-06"))), "Jun 2022");
        // Mixed precision within a year says the year once.
        assert_eq!(
            d("2014-01-29").display_range(Some(&d("2014-04"))),
            "29 Jan–Apr 2014"
        );
        assert_eq!(
            d("2014-01").display_range(Some(&d("2014-04-15"))),
            "Jan–15 Apr 2014"
        );
        assert_eq!(
            d("2014-01-29").display_range(Some(&d("2015-04"))),
            "29 Jan 2014–Apr 2015"
        );
        assert_eq!(
            d("2014").display_range(Some(&d("2014-04"))),
            "2014–Apr 2014"
        );
    }
}
