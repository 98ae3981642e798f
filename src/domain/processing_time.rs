//! The estimated decision date: from the processing times the immigration service publishes
//! per application type ("most cases" and "at most"), kept as data with the day each figure
//! took effect and its source, so that a new figure is a new row, not a change of code.
//! Processing starts at the identity visit and pauses while the service waits for information
//! it asked the applicant for (and while the fee is unpaid, which never happens here: the fee
//! is paid before sending). The estimate is a range of dates, never a bare duration.

use super::date::Date;

/// One published figure of one application type, from `from` until the type's next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    /// The form's kind.
    pub kind: &'static str,
    pub from: Date,
    /// Months within which most cases are decided, and the longest a case takes.
    pub most_months: u32,
    pub longest_months: u32,
    /// The Fluent message naming where the figure comes from.
    pub source: &'static str,
}

/// Every figure, oldest first within a type. Only the permanent residence permit has one so
/// far: 8 months for most cases, 15 at most (the figures for a permanent permit on the basis
/// of work, `shared/design/DOMAIN.md`, "After sending"). Types with no published figure get no
/// estimate rather than an invented one.
pub const PUBLISHED: &[Published] = &[Published {
    kind: "permanent",
    from: Date::known(2026, 1, 1),
    most_months: 8,
    longest_months: 15,
    source: "processing-time-source-2026",
}];

/// The estimated decision dates of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub figures: Published,
    /// Most cases are decided by this day; nearly all by `latest`.
    pub most_by: Date,
    pub latest: Date,
}

/// The estimate for an application of `kind` whose processing started on `started` (the
/// identity visit) and has waited `paused_days` days for the applicant since: the figures in
/// force on the day it started.
pub fn estimate(kind: &str, started: Date, paused_days: i64) -> Option<Estimate> {
    let figures = PUBLISHED.iter().filter(|p| p.kind == kind && p.from <= started).max_by_key(|p| p.from).copied()?;
    let paused = paused_days.max(0);
    Some(Estimate {
        figures,
        most_by: started.add_months(figures.most_months).add_days(paused),
        latest: started.add_months(figures.longest_months).add_days(paused),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_runs_from_the_start_and_moves_with_the_days_waited() {
        let started = Date::known(2026, 3, 10);
        let estimate = estimate("permanent", started, 0).unwrap();
        assert_eq!((estimate.most_by, estimate.latest), (Date::known(2026, 11, 10), Date::known(2027, 6, 10)));
        let paused = super::estimate("permanent", started, 21).unwrap();
        assert_eq!((paused.most_by, paused.latest), (Date::known(2026, 12, 1), Date::known(2027, 7, 1)));
        assert_eq!(super::estimate("permanent", started, -5).unwrap().most_by, estimate.most_by, "never earlier");
    }

    #[test]
    fn no_figure_no_estimate() {
        assert_eq!(estimate("first-work", Date::known(2026, 3, 10), 0), None);
        assert_eq!(estimate("permanent", Date::known(2025, 12, 31), 0), None, "before the figure took effect");
    }
}
