//! The residence time of a citizenship draft, counted from its periods in Finland and its
//! trips abroad by the calculators' own rules (`domain::residence`): the periods and trips are
//! asked once, in the application, and the check of the answers says when an application
//! sent before the earliest day would not yet meet the requirement (a warning: it can be sent).

use super::answers::Answers;
use super::definition::FormDef;
use crate::domain::date::Date;
use crate::domain::residence::{self, Goal, Period, Reckoning, Status, Track, Trip};

/// The step of the periods in Finland, and the one of the trips abroad.
const PERIODS_STEP: &str = "residence-periods";
const TRIPS_STEP: &str = "periods-abroad";

/// The residence time of `answers` on `today`, for a form that asks the periods (none for
/// others, or while no period is given).
pub fn reckoning(def: &FormDef, answers: &Answers, today: Date) -> Option<Reckoning> {
    let goal = match def.kind {
        "citizenship" => Goal::Citizenship,
        "permanent" => Goal::Permanent,
        _ => return None,
    };
    def.step(PERIODS_STEP)?;
    let date = |item: &std::collections::BTreeMap<String, String>, question: &str| {
        item.get(question).and_then(|value| Date::parse_iso(value))
    };
    let periods: Vec<Period> = answers
        .items
        .get(PERIODS_STEP)
        .into_iter()
        .flatten()
        .filter_map(|item| {
            let status = Status::from_code(item.get("period-status")?)?;
            Some(Period { from: date(item, "period-from")?, to: date(item, "period-to"), status })
        })
        .collect();
    if periods.is_empty() {
        return None;
    }
    let trips: Vec<Trip> = if answers.get("travelled-abroad") == Some("yes") {
        let items = answers.items.get(TRIPS_STEP).into_iter().flatten();
        items.filter_map(|item| Some(Trip { from: date(item, "abroad-from")?, to: date(item, "abroad-to")? })).collect()
    } else {
        Vec::new()
    };
    // The shorter period: for citizenship the language requirement met, a Finnish spouse,
    // statelessness; for the permanent permit the fast track's grounds.
    let shorter = match goal {
        Goal::Citizenship => answers.get("shorter-period").is_some_and(|shorter| shorter != "none"),
        Goal::Permanent => answers.holds(&super::catalogue::PERMANENT_FAST_TRACK, today),
    };
    let track = if shorter { Track::Shorter } else { Track::Standard };
    Some(residence::reckon(goal, track, &periods, &trips, today))
}

/// The earliest day an application can succeed on residence time, when that is later than
/// `today` (`Some(None)`: no day within the calculators' horizon); `None` when sending today
/// meets the requirement, or the form does not count residence time.
pub fn sent_too_early(def: &FormDef, answers: &Answers, today: Date) -> Option<Option<Date>> {
    let reckoning = reckoning(def, answers, today)?;
    match reckoning.earliest_day {
        Some(day) if day <= today => None,
        day => Some(day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalogue::{CITIZENSHIP, CITIZENSHIP_V1, FIRST_WORK, PERMANENT};
    use std::collections::BTreeMap;

    fn item(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn answers(periods: &[&[(&str, &str)]], trips: &[&[(&str, &str)]], shorter: &str) -> Answers {
        let mut answers = Answers::default();
        answers.items.insert(PERIODS_STEP.into(), periods.iter().map(|p| item(p)).collect());
        answers.values.insert("shorter-period".into(), shorter.into());
        if !trips.is_empty() {
            answers.values.insert("travelled-abroad".into(), "yes".into());
            answers.items.insert(TRIPS_STEP.into(), trips.iter().map(|t| item(t)).collect());
        }
        answers
    }

    #[test]
    fn a_draft_is_counted_as_the_calculator_counts() {
        let today = Date::new(2026, 12, 7).unwrap();
        let b_then_a: &[&[(&str, &str)]] = &[
            &[("period-from", "2019-03-01"), ("period-to", "2021-02-28"), ("period-status", "temporary")],
            &[("period-from", "2021-03-01"), ("period-status", "continuous")],
        ];
        let eight = answers(b_then_a, &[], "none");
        assert_eq!(sent_too_early(&CITIZENSHIP, &eight, today), Some(Date::new(2027, 3, 1)));
        // With the language requirement met, five years: it can be sent today.
        assert_eq!(sent_too_early(&CITIZENSHIP, &answers(b_then_a, &[], "language"), today), None);
        // A trip of 91 days in the last year moves the day on.
        let trip: &[&[(&str, &str)]] = &[&[("abroad-from", "2026-06-01"), ("abroad-to", "2026-09-01")]];
        let later = sent_too_early(&CITIZENSHIP, &answers(b_then_a, trip, "language"), today).unwrap().unwrap();
        assert!(later > today, "{later:?}");
        // Forms that do not ask the periods are not counted.
        assert_eq!(sent_too_early(&CITIZENSHIP_V1, &eight, today), None);
        assert_eq!(sent_too_early(&FIRST_WORK, &eight, today), None);
    }

    #[test]
    fn the_permanent_permits_years_follow_the_fast_tracks_grounds() {
        let today = Date::new(2026, 12, 7).unwrap();
        let since: &[&[(&str, &str)]] = &[
            &[("period-from", "2021-01-15"), ("period-to", "2023-06-14"), ("period-status", "temporary")],
            &[("period-from", "2023-06-15"), ("period-status", "continuous")],
        ];
        let mut answers = answers(since, &[], "none");
        for (question, value) in [("language-level", "b1"), ("work-years", "2"), ("annual-income", "30000")] {
            answers.values.insert(question.into(), value.into());
        }
        answers.values.insert("finnish-masters".into(), "no".into());
        // Six years on the continuous permit alone: the B permit's years do not count.
        assert_eq!(sent_too_early(&PERMANENT, &answers, today), Some(Date::new(2029, 6, 15)));
        assert_eq!(crate::forms::derive::fee_category(&PERMANENT, &answers, today), Some("permanent-p"));
        // The fast track's income: four years.
        answers.values.insert("annual-income".into(), "45000".into());
        assert_eq!(sent_too_early(&PERMANENT, &answers, today), Some(Date::new(2027, 6, 15)));
        // Without the P permit's grounds, the EU long-term resident's permit.
        for (question, value) in [("language-level", "none"), ("work-years", "1"), ("annual-income", "20000")] {
            answers.values.insert(question.into(), value.into());
        }
        assert_eq!(crate::forms::derive::fee_category(&PERMANENT, &answers, today), Some("permanent-p-eu"));
    }
}
