//! Calendar dates as forms ask for them: day, month and year typed separately.

use serde::{Deserialize, Serialize};

/// A date that exists in the Gregorian calendar. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// A date as typed into the three boxes of a date input, e.g. `("5", "02", "2026")`.
    pub fn from_parts(day: &str, month: &str, year: &str) -> Option<Date> {
        let number = |text: &str| text.trim().parse::<u32>().ok();
        let year = number(year).filter(|y| (1000..=9999).contains(y))?;
        Date::new(year as i32, number(month)?, number(day)?)
    }

    /// ISO 8601, `2026-02-05`: how dates are stored and compared.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// As Finnish, Swedish and English readers in Finland write it: `5.2.2026`.
    pub fn display(&self) -> String {
        format!("{}.{}.{}", self.day, self.month, self.year)
    }

    pub fn parts(&self) -> (u32, u32, i32) {
        (self.day, self.month, self.year)
    }

    /// Whole years from `self` to `on` (an age on a day).
    pub fn years_until(&self, on: Date) -> i32 {
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }

    /// A date written in the code (a fee's effective date); `tests` check each one exists.
    pub const fn known(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    pub const fn year(&self) -> i32 {
        self.year
    }

    /// Days since 1 January 1970 (negative before it).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm, the inverse of `from_unix_seconds`.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days later (earlier, when negative).
    pub fn add_days(&self, days: i64) -> Date {
        Date::from_unix_seconds((self.days_since_epoch() + days) * 86_400)
    }

    /// The same day `months` months later, or the month's last day where it has no such day
    /// (31.1. + 1 month = 28.2. or 29.2.): how "within 3 months" is counted.
    pub fn add_months(&self, months: u32) -> Date {
        self.shift_months(months as i32)
    }

    /// The same day `years` years earlier, or 28.2. for 29.2.: where a period of whole years
    /// ending on `self` began.
    pub fn years_before(&self, years: u32) -> Date {
        self.shift_months(-12 * years as i32)
    }

    fn shift_months(&self, months: i32) -> Date {
        let index = self.year * 12 + (self.month as i32 - 1) + months;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        Date { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// The date of a Unix time (seconds), in UTC.
    pub fn from_unix_seconds(seconds: i64) -> Date {
        // Howard Hinnant's days-to-civil algorithm.
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

/// Unix seconds as ISO 8601 in UTC with milliseconds (`2026-02-05T14:03:09.000Z`), as the
/// payment provider and the case-backend contract write times.
pub fn iso_time(seconds: i64) -> String {
    let day = Date::from_unix_seconds(seconds).iso();
    let time = seconds.rem_euclid(86_400);
    format!("{day}T{:02}:{:02}:{:02}.000Z", time / 3600, time % 3600 / 60, time % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_added_to_the_same_day_or_the_months_last() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(day(2026, 12, 6).add_months(3), day(2027, 3, 6));
        assert_eq!(day(2026, 11, 30).add_months(3), day(2027, 2, 28));
        assert_eq!(day(2027, 11, 30).add_months(3), day(2028, 2, 29));
        assert_eq!(day(2026, 1, 31).add_months(12), day(2027, 1, 31));
        assert_eq!(day(2026, 3, 1).years_before(8), day(2018, 3, 1));
        assert_eq!(day(2028, 2, 29).years_before(1), day(2027, 2, 28));
    }

    #[test]
    fn days_count_across_months_years_and_leap_days() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(day(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(day(2026, 1, 1).days_since_epoch() - day(2025, 12, 2).days_since_epoch(), 30);
        assert_eq!(day(2024, 2, 28).add_days(1), day(2024, 2, 29));
        assert_eq!(day(2026, 1, 1).add_days(-1), day(2025, 12, 31));
        for days in [-800_000, -1, 0, 1, 19_000, 30_000, 2_900_000] {
            assert_eq!(Date::from_unix_seconds(days * 86_400).days_since_epoch(), days);
        }
    }

    #[test]
    fn only_real_dates_exist() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none() && Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 4, 31).is_none() && Date::new(2026, 13, 1).is_none());
        assert_eq!(Date::from_parts(" 5", "02", "2026"), Date::new(2026, 2, 5));
        assert_eq!(Date::from_parts("5", "2", "26"), None, "a four-digit year");
        assert_eq!(Date::parse_iso("2026-02-05").unwrap().display(), "5.2.2026");
    }

    #[test]
    fn ages_and_unix_times() {
        let birth = Date::new(2000, 6, 15).unwrap();
        assert_eq!(birth.years_until(Date::new(2018, 6, 14).unwrap()), 17);
        assert_eq!(birth.years_until(Date::new(2018, 6, 15).unwrap()), 18);
        assert_eq!(Date::from_unix_seconds(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(Date::from_unix_seconds(1_795_000_000), Date::new(2026, 11, 18).unwrap());
    }
}
