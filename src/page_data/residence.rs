//! The residence-time calculators' data: the periods and trips as typed (kept between the form
//! and its answer, so that nothing typed is lost) and the answer reckoned from them by
//! `domain::residence`, the same code whichever side runs it.

use crate::components::DateParts;
use crate::domain::date::Date;
use crate::domain::residence::{self, Goal, Period, Status, Track, Trip};
use serde::{Deserialize, Serialize};

/// The most periods and trips one calculation takes: far more than a life in Finland needs,
/// few enough that the reckoning stays quick.
pub const PERIODS_MAX: usize = 20;
pub const TRIPS_MAX: usize = 40;

/// What is wrong with a calculator's entries: `(field, message id)`.
pub type Problems = Vec<(String, &'static str)>;

/// A period in Finland as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodEntry {
    pub from: DateParts,
    /// Empty while it goes on.
    pub to: DateParts,
    /// One of `Status::code`'s.
    pub status: String,
}

impl PeriodEntry {
    /// A row left empty: passed over.
    fn is_empty(&self) -> bool {
        is_blank(&self.from) && is_blank(&self.to) && self.status.is_empty()
    }
}

/// A trip abroad as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripEntry {
    pub from: DateParts,
    pub to: DateParts,
}

/// Everything the calculator's form holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidenceEntries {
    /// `Track::code`'s; empty: the usual one.
    pub track: String,
    pub periods: Vec<PeriodEntry>,
    pub trips: Vec<TripEntry>,
}

/// What the calculator's form calls its fields: `period-{i}-from` (a date input, so
/// `…-day`, `…-month`, `…-year`), `period-{i}-to`, `period-{i}-status`, `trip-{i}-from`,
/// `trip-{i}-to`.
pub fn field(row: &str, index: usize, part: &str) -> String {
    format!("{row}-{index}-{part}")
}

/// Where the error summary leads for a date: its day box.
pub fn date_field(row: &str, index: usize, part: &str) -> String {
    format!("{}-day", field(row, index, part))
}

fn typed_date(fields: &[(String, String)], name: &str) -> DateParts {
    let part = |suffix: &str| {
        let wanted = format!("{name}-{suffix}");
        fields.iter().find(|(n, _)| *n == wanted).map(|(_, v)| v.trim().chars().take(4).collect()).unwrap_or_default()
    };
    DateParts { day: part("day"), month: part("month"), year: part("year") }
}

fn is_blank(date: &DateParts) -> bool {
    date.day.is_empty() && date.month.is_empty() && date.year.is_empty()
}

fn parse_date(date: &DateParts) -> Option<Date> {
    Date::from_parts(&date.day, &date.month, &date.year)
}

/// How many rows of `row` the posted form had: one past the highest index named.
fn rows(fields: &[(String, String)], row: &str, most: usize) -> usize {
    let prefix = format!("{row}-");
    fields
        .iter()
        .filter_map(|(name, _)| name.strip_prefix(&prefix)?.split('-').next()?.parse::<usize>().ok())
        .filter(|index| *index < most)
        .map(|index| index + 1)
        .max()
        .unwrap_or(0)
}

impl ResidenceEntries {
    /// The entries of a posted form.
    pub fn from_fields(fields: &[(String, String)]) -> ResidenceEntries {
        let value = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let periods = (0..rows(fields, "period", PERIODS_MAX))
            .map(|i| PeriodEntry {
                from: typed_date(fields, &field("period", i, "from")),
                to: typed_date(fields, &field("period", i, "to")),
                status: value(&field("period", i, "status")).chars().take(20).collect(),
            })
            .collect();
        let trips = (0..rows(fields, "trip", TRIPS_MAX))
            .map(|i| TripEntry {
                from: typed_date(fields, &field("trip", i, "from")),
                to: typed_date(fields, &field("trip", i, "to")),
            })
            .collect();
        let track = value("track");
        ResidenceEntries {
            track: if Track::from_code(&track).is_some() { track } else { String::new() },
            periods,
            trips,
        }
    }

    /// One more empty period, if there is room; the index of the row to show it at.
    pub fn add_period(&mut self) -> usize {
        if self.periods.len() < PERIODS_MAX {
            self.periods.push(PeriodEntry::default());
        }
        self.periods.len() - 1
    }

    /// One more empty trip, if there is room; the index of the row to show it at.
    pub fn add_trip(&mut self) -> usize {
        if self.trips.len() < TRIPS_MAX {
            self.trips.push(TripEntry::default());
        }
        self.trips.len() - 1
    }

    pub fn track(&self) -> Track {
        Track::from_code(&self.track).unwrap_or(Track::Standard)
    }

    /// The periods and trips, or what is wrong with them as `(field, message id)`. Rows left
    /// empty are passed over; at least one period is needed.
    pub fn parse(&self) -> Result<(Vec<Period>, Vec<Trip>), Problems> {
        let mut problems = Vec::new();
        let mut periods = Vec::new();
        for (i, entry) in self.periods.iter().enumerate() {
            if entry.is_empty() {
                continue;
            }
            let from = parse_date(&entry.from);
            if from.is_none() {
                problems.push((date_field("period", i, "from"), "residence-period-from-invalid"));
            }
            let to = if is_blank(&entry.to) { Ok(None) } else { parse_date(&entry.to).map(Some).ok_or(()) };
            match (from, &to) {
                (_, Err(())) => problems.push((date_field("period", i, "to"), "residence-period-to-invalid")),
                (Some(from), Ok(Some(to))) if *to < from => {
                    problems.push((date_field("period", i, "to"), "residence-period-to-before"));
                }
                _ => {}
            }
            let status = Status::from_code(&entry.status);
            if status.is_none() {
                problems.push((field("period", i, "status"), "residence-period-status-missing"));
            }
            if let (Some(from), Ok(to), Some(status)) = (from, to, status) {
                periods.push(Period { from, to, status });
            }
        }
        if periods.is_empty() && problems.is_empty() {
            problems.push((date_field("period", 0, "from"), "residence-periods-missing"));
        }
        let mut trips = Vec::new();
        for (i, entry) in self.trips.iter().enumerate() {
            if is_blank(&entry.from) && is_blank(&entry.to) {
                continue;
            }
            let (from, to) = (parse_date(&entry.from), parse_date(&entry.to));
            if from.is_none() {
                problems.push((date_field("trip", i, "from"), "residence-trip-from-invalid"));
            }
            match (from, to) {
                (_, None) => problems.push((date_field("trip", i, "to"), "residence-trip-to-invalid")),
                (Some(from), Some(to)) if to < from => {
                    problems.push((date_field("trip", i, "to"), "residence-trip-to-before"));
                }
                (Some(from), Some(to)) => trips.push(Trip { from, to }),
                _ => {}
            }
        }
        if problems.is_empty() {
            Ok((periods, trips))
        } else {
            Err(problems)
        }
    }
}

/// A calculator's page: which one, what is typed, and the answer when it adds up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidenceCalculator {
    /// `Goal::code`'s.
    pub goal: String,
    pub entries: ResidenceEntries,
    pub answer: Option<ResidenceAnswer>,
}

/// What the calculator found, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidenceAnswer {
    pub today: String,
    /// Counted residence up to today: whole years and the days over them.
    pub counted: (i64, i64),
    /// Each period's days counted, by the row it was typed in.
    pub contributions: Vec<(usize, i64)>,
    /// The earliest day an application can succeed (`7.12.2026`), if the periods reach one.
    pub earliest: Option<String>,
    pub earliest_is_today: bool,
    /// What holds the earliest day back (`Decider::code`'s): what an application the day
    /// before it would fail on.
    pub decided_by: Vec<String>,
    /// The requirement the earliest day (or today, when there is none) is judged by.
    pub years: u32,
    pub basis: String,
    /// Days abroad within the period of years and within the last year, and their limits
    /// (`None`: the last year's is not limited).
    pub abroad: i64,
    pub abroad_most: i64,
    pub abroad_last_year: i64,
    pub abroad_last_year_most: Option<i64>,
}

/// The answer for `goal` from `entries` on `today`, when they add up.
pub fn answer(goal: Goal, entries: &ResidenceEntries, today: Date) -> Option<ResidenceAnswer> {
    let (periods, trips) = entries.parse().ok()?;
    let track = entries.track();
    let reckoning = residence::reckon(goal, track, &periods, &trips, today);
    let judged = reckoning.earliest.clone().or(reckoning.today.clone())?;
    // The rows the periods came from: blank rows were passed over.
    let rows = entries.periods.iter().enumerate().filter(|(_, entry)| !entry.is_empty()).map(|(i, _)| i);
    Some(ResidenceAnswer {
        today: today.display(),
        counted: residence::years_and_days(reckoning.counted_days),
        contributions: rows.zip(reckoning.contributions.iter().copied()).collect(),
        earliest: reckoning.earliest_day.map(|day| day.display()),
        earliest_is_today: reckoning.earliest_day == Some(today),
        decided_by: reckoning.decided_by.iter().map(|decider| decider.code().to_string()).collect(),
        years: judged.rule.years,
        basis: judged.rule.basis.to_string(),
        abroad: judged.abroad,
        abroad_most: judged.abroad_most,
        abroad_last_year: judged.abroad_last_year,
        abroad_last_year_most: judged.rule.abroad_last_year.map(i64::from),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn date_fields(name: &str, day: &str, month: &str, year: &str) -> Vec<(String, String)> {
        fields(&[(&format!("{name}-day"), day), (&format!("{name}-month"), month), (&format!("{name}-year"), year)])
    }

    #[test]
    fn a_posted_form_becomes_entries_and_an_answer() {
        let mut posted = date_fields("period-0-from", "1", "3", "2019");
        posted.extend(date_fields("period-0-to", "28", "2", "2021"));
        posted.extend(fields(&[("period-0-status", "temporary"), ("period-1-status", "continuous")]));
        posted.extend(date_fields("period-1-from", "1", "3", "2021"));
        posted.extend(date_fields("period-1-to", "", "", ""));
        // A blank period row and a blank trip row are passed over.
        posted.extend(date_fields("period-2-from", "", "", ""));
        posted.extend(date_fields("trip-0-from", "", "", ""));
        posted.extend(fields(&[("track", "standard")]));
        let entries = ResidenceEntries::from_fields(&posted);
        assert_eq!((entries.periods.len(), entries.trips.len()), (3, 1));
        let today = Date::new(2026, 12, 7).unwrap();
        let answer = answer(Goal::Citizenship, &entries, today).expect("the entries add up");
        assert_eq!(answer.earliest.as_deref(), Some("1.3.2027"));
        assert_eq!(answer.decided_by, vec!["years".to_string()]);
        assert_eq!(answer.contributions.len(), 2);
        assert_eq!(answer.years, 8);
    }

    #[test]
    fn what_is_wrong_is_said_at_its_field() {
        let entries = ResidenceEntries {
            track: String::new(),
            periods: vec![PeriodEntry {
                from: DateParts { day: "31".into(), month: "2".into(), year: "2020".into() },
                to: DateParts::default(),
                status: String::new(),
            }],
            trips: vec![TripEntry {
                from: DateParts { day: "5".into(), month: "6".into(), year: "2025".into() },
                to: DateParts { day: "1".into(), month: "6".into(), year: "2025".into() },
            }],
        };
        let problems = entries.parse().unwrap_err();
        assert_eq!(
            problems,
            vec![
                ("period-0-from-day".to_string(), "residence-period-from-invalid"),
                ("period-0-status".to_string(), "residence-period-status-missing"),
                ("trip-0-to-day".to_string(), "residence-trip-to-before"),
            ]
        );
        assert_eq!(
            ResidenceEntries::default().parse().unwrap_err(),
            vec![("period-0-from-day".into(), "residence-periods-missing")]
        );
    }

    #[test]
    fn rows_are_bounded() {
        let posted = fields(&[("period-99-status", "visa"), ("trip-3-from-day", "1")]);
        let entries = ResidenceEntries::from_fields(&posted);
        assert_eq!((entries.periods.len(), entries.trips.len()), (0, 4));
    }
}
