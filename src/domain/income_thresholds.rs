//! The income thresholds of work-based permits, as data with the day each takes effect (like
//! the fees): the least monthly gross salary the permit asks for, by the permit's category.
//! Figures: `shared/design/DOMAIN.md`, "Employer's part" — an employed person €1,600 (first
//! permits from 1 January 2025, extensions from 1 April 2025; no 2026 change found); a
//! specialist or EU Blue Card holder €3,638 (2024), €3,827 (2025), €3,937 (2026), fringe
//! benefits not counted.

use super::date::Date;

/// One threshold of one category, from `from` until the category's next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold {
    /// `employed` (first permit), `employed-extension`, or `specialist`.
    pub category: &'static str,
    pub from: Date,
    /// Euros a month, gross.
    pub euros: u32,
}

const fn threshold(category: &'static str, from: Date, euros: u32) -> Threshold {
    Threshold { category, from, euros }
}

/// Every threshold, oldest first within a category.
pub const SCHEDULE: &[Threshold] = &[
    threshold("employed", Date::known(2025, 1, 1), 1600),
    threshold("employed-extension", Date::known(2025, 4, 1), 1600),
    threshold("specialist", Date::known(2024, 1, 1), 3638),
    threshold("specialist", Date::known(2025, 1, 1), 3827),
    threshold("specialist", Date::known(2026, 1, 1), 3937),
];

/// The threshold of `category` in force on `day`: its latest that has taken effect (none
/// before its first).
pub fn on(category: &str, day: Date) -> Option<Threshold> {
    SCHEDULE.iter().filter(|t| t.category == category && t.from <= day).max_by_key(|t| t.from).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_follows_the_day() {
        let specialist = |y, m, d| on("specialist", Date::known(y, m, d)).map(|t| t.euros);
        assert_eq!(specialist(2025, 12, 31), Some(3827));
        assert_eq!(specialist(2026, 1, 1), Some(3937));
        assert_eq!(specialist(2024, 6, 1), Some(3638));
        assert_eq!(specialist(2023, 12, 31), None);
        assert_eq!(
            on("employed", Date::known(2026, 12, 6)).map(|t| (t.euros, t.from)),
            Some((1600, Date::known(2025, 1, 1)))
        );
        assert_eq!(on("employed-extension", Date::known(2025, 3, 31)), None);
    }
}
