//! Calendar dates in ISO 8601 form (`YYYY-MM-DD`), as used for validity periods.

use std::fmt;

/// A calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1000..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day, 1..=31 and valid for the month.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists (leap years included).
    ///
    /// ```
    /// use pmap_core::date::Date;
    /// assert!(Date::parse("2023-04-01").is_some());
    /// assert!(Date::parse("2023-02-29").is_none());
    /// assert!(Date::parse("2024-02-29").is_some());
    /// assert!(Date::parse("1/4/2023").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let year: u16 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
