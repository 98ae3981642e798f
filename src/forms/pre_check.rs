//! "Which application do I need?": the pre-check is a form of the engine
//! (`catalogue::PRE_CHECK`) that anyone fills in without an account. This turns its answers
//! into the applications that fit, with each one's fee on the day and the documents it will
//! need, and carries them into the application started from the result.

use super::answers::Answers;
use super::catalogue::Catalogue;
use super::definition::FormDef;
use crate::domain::date::Date;
use crate::domain::fees::{self, Price};

/// The pre-check's kind in the catalogue and in its addresses.
pub const KIND: &str = "pre-check";

/// The years of residence after which the permanent permit (the fast track's four) and
/// citizenship (the shorter five) may fit: the application's own steps and the calculators
/// say exactly.
const PERMANENT_FROM_YEARS: u32 = 4;
const CITIZENSHIP_FROM_YEARS: u32 = 5;

/// The applications the answers point to, the likeliest first; none until the purpose is
/// answered.
pub fn recommended(answers: &Answers) -> Vec<&'static str> {
    match answers.get("purpose") {
        Some("work") => vec!["first-work"],
        Some("studies") => vec!["first-studies"],
        Some("family") => vec!["first-family"],
        Some("living-in-finland") => {
            let years = answers.get("residence-years").and_then(|years| years.parse::<u32>().ok()).unwrap_or(0);
            let mut kinds = vec!["extended"];
            if answers.get("current-permit") == Some("continuous") && years >= PERMANENT_FROM_YEARS {
                kinds.push("permanent");
            }
            if years >= CITIZENSHIP_FROM_YEARS {
                kinds.push("citizenship");
            }
            kinds
        }
        _ => Vec::new(),
    }
}

/// The answers of the pre-check that `def` asks too: filled in when the application is
/// started, for the applicant to check and change.
pub fn carried(def: &FormDef, answers: &Answers) -> Answers {
    let mut carried = Answers::default();
    for (_, step) in def.steps() {
        for question in step.questions {
            if let Some(value) = answers.values.get(question.id) {
                carried.values.insert(question.id.to_string(), value.clone());
            }
        }
    }
    carried
}

/// One application the result offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub kind: &'static str,
    /// Its fee on the day, as the pre-check's answers place it in the fee schedule.
    pub fee: Option<Price>,
    /// The attachments it will need, as far as the pre-check's answers tell.
    pub documents: Vec<&'static str>,
}

/// The applications that fit the answers, each with its fee and documents on `today`.
pub fn offers(catalogue: &Catalogue, answers: &Answers, today: Date) -> Vec<Offer> {
    recommended(answers)
        .into_iter()
        .filter_map(|kind| catalogue.latest(kind))
        .map(|def| {
            let carried = carried(def, answers);
            Offer {
                kind: def.kind,
                fee: super::derive::fee_category(def, &carried, today)
                    .and_then(|category| fees::price_on(category, today)),
                documents: super::derive::attachments(def, &carried, today),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalogue::{FIRST_WORK, PRE_CHECK};

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        let mut answers = Answers::default();
        for (question, value) in pairs {
            answers.values.insert(question.to_string(), value.to_string());
        }
        answers
    }

    fn day(year: i32, month: u32, day: u32) -> Date {
        Date::new(year, month, day).unwrap()
    }

    #[test]
    fn the_purpose_and_the_years_lived_here_decide_the_applications() {
        assert_eq!(recommended(&answers(&[("purpose", "work")])), vec!["first-work"]);
        assert_eq!(recommended(&answers(&[("purpose", "family")])), vec!["first-family"]);
        let living = |permit: &str, years: &str| {
            recommended(&answers(&[
                ("purpose", "living-in-finland"),
                ("current-permit", permit),
                ("residence-years", years),
            ]))
        };
        assert_eq!(living("temporary", "2"), vec!["extended"]);
        assert_eq!(living("continuous", "4"), vec!["extended", "permanent"]);
        assert_eq!(living("temporary", "6"), vec!["extended", "citizenship"]);
        assert_eq!(living("continuous", "9"), vec!["extended", "permanent", "citizenship"]);
        assert!(recommended(&Answers::default()).is_empty());
    }

    #[test]
    fn only_what_the_application_asks_too_is_carried() {
        let given = answers(&[
            ("citizenship", "IN"),
            ("birth-date", "1990-05-01"),
            ("purpose", "work"),
            ("work-type", "specialist"),
        ]);
        let carried = carried(&FIRST_WORK, &given);
        assert_eq!(carried.get("citizenship"), Some("IN"));
        assert_eq!(carried.get("work-type"), Some("specialist"));
        assert_eq!(carried.get("purpose"), None, "the work permit does not ask for a purpose");
        // The pre-check's own questions are all of the applications' but its purpose and
        // permit: nothing else is asked twice.
        assert!(PRE_CHECK.steps().flat_map(|(_, step)| step.questions).count() >= 5);
    }

    #[test]
    fn the_fee_follows_the_fee_schedules_date() {
        let worker = answers(&[("citizenship", "IN"), ("purpose", "work"), ("work-type", "employed")]);
        let catalogue = Catalogue::published();
        let fee_on = |today| offers(&catalogue, &worker, today)[0].fee.expect("a fee").cents;
        assert_eq!(fee_on(day(2025, 12, 31)), 59_000);
        assert_eq!(fee_on(day(2026, 1, 1)), 75_000);
        let offer = &offers(&catalogue, &worker, day(2026, 12, 7))[0];
        assert_eq!(offer.kind, "first-work");
        assert!(offer.documents.contains(&"passport-copy") && offer.documents.contains(&"employment-contract"));
    }
}
