//! A draft's answers, and what they decide: which steps and questions apply, how far the
//! applicant has come, and where to go next.

#[cfg(test)]
use super::definition::FilledBy;
use super::definition::{Cond, FormDef, Question, Section, Step};
use crate::domain::date::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The answers of one application, each in its checked, canonical form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// Question id → answer, for the steps asked once.
    pub values: BTreeMap<String, String>,
    /// Step id → items, each question id → answer, for repeating steps.
    pub items: BTreeMap<String, Vec<BTreeMap<String, String>>>,
    /// The steps saved without errors.
    pub done: BTreeSet<String>,
}

/// How far a section of the task list is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    NotStarted,
    InProgress,
    Completed,
    /// Nothing in it applies to this application.
    NotNeeded,
}

impl Answers {
    pub fn get(&self, question: &str) -> Option<&str> {
        self.values.get(question).map(String::as_str)
    }

    /// Whether `cond` holds for these answers on `today`.
    pub fn holds(&self, cond: &Cond, today: Date) -> bool {
        match cond {
            Cond::Always => true,
            Cond::Is(q, value) => self.get(q) == Some(value),
            Cond::In(q, values) => self.get(q).is_some_and(|answer| values.contains(&answer)),
            Cond::Has(q, value) => self.get(q).is_some_and(|answer| answer.split(',').any(|v| v == *value)),
            Cond::AtLeast(q, least) => self.get(q).and_then(|a| a.parse::<u32>().ok()).is_some_and(|n| n >= *least),
            // No threshold in force on the day: none to fall short of.
            Cond::AtLeastThreshold(q, category) => match crate::domain::income_thresholds::on(category, today) {
                Some(threshold) => {
                    self.get(q).and_then(|a| a.parse::<u32>().ok()).is_some_and(|n| n >= threshold.euros)
                }
                None => true,
            },
            Cond::YoungerThan(q, years) => {
                self.get(q).and_then(Date::parse_iso).is_some_and(|born| born.years_until(today) < i32::from(*years))
            }
            Cond::HasItems(step) => self.items.get(*step).is_some_and(|items| !items.is_empty()),
            Cond::All(conds) => conds.iter().all(|c| self.holds(c, today)),
            Cond::Any(conds) => conds.iter().any(|c| self.holds(c, today)),
            Cond::Not(cond) => !self.holds(cond, today),
        }
    }

    /// Whether `step` is asked (or, for an exit, reached) with these answers.
    pub fn applies(&self, step: &Step, today: Date) -> bool {
        self.holds(&step.when, today)
    }

    /// Whether `question` is asked with these answers.
    pub fn asks(&self, question: &Question, today: Date) -> bool {
        self.holds(&question.when, today)
    }

    /// The question steps that apply, in order (exits left out).
    pub fn steps<'d>(
        &self,
        def: &'d FormDef,
        today: Date,
    ) -> impl Iterator<Item = (&'static Section, &'static Step)> + 'd {
        let answers = self.clone();
        def.steps().filter(move |(_, step)| !step.exit && answers.applies(step, today))
    }

    /// The exit that the answers have reached, if any: the application does not fit. An exit
    /// is reached only once every question its condition reads has an answer, so that an
    /// unanswered question never rules an application out.
    pub fn exit(&self, def: &FormDef, today: Date) -> Option<&'static Step> {
        def.steps().map(|(_, step)| step).find(|step| {
            let answered = step.when.questions().iter().all(|q| self.values.contains_key(*q));
            step.exit && answered && self.applies(step, today)
        })
    }

    pub fn progress(&self, section: &Section, today: Date) -> Progress {
        let applicable: Vec<&Step> = section.steps.iter().filter(|s| !s.exit && self.applies(s, today)).collect();
        let done = applicable.iter().filter(|s| self.done.contains(s.id)).count();
        match (applicable.len(), done) {
            (0, _) => Progress::NotNeeded,
            (_, 0) => Progress::NotStarted,
            (all, done) if done == all => Progress::Completed,
            _ => Progress::InProgress,
        }
    }

    /// The first step that applies and is not done yet.
    pub fn first_unfinished(&self, def: &FormDef, today: Date) -> Option<&'static Step> {
        self.steps(def, today).map(|(_, step)| step).find(|step| !self.done.contains(step.id))
    }

    /// Whether every step that applies is done and no exit is reached: ready for the declaration.
    pub fn is_complete(&self, def: &FormDef, today: Date) -> bool {
        self.exit(def, today).is_none() && self.first_unfinished(def, today).is_none()
    }

    /// Where to go after saving `step`: an exit the answers now reach, else the next step of
    /// its section that applies; `None` at the end of the section (back to the task list).
    pub fn next_after(&self, def: &FormDef, step: &str, today: Date) -> Option<&'static Step> {
        if let Some(exit) = self.exit(def, today) {
            return Some(exit);
        }
        let (section, _) = def.step(step)?;
        section.steps.iter().skip_while(|s| s.id != step).skip(1).find(|s| !s.exit && self.applies(s, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::definition::{exit, q, step, Kind, Section};

    static SECTIONS: &[Section] = &[Section {
        id: "about",
        steps: &[
            step("age", &[q("born", Kind::Date(crate::forms::definition::DateRule::Past))]),
            exit("too-young", Cond::YoungerThan("born", 18)),
            step("work", &[q("job", Kind::YesNo)]),
            step("employer", &[q("employer-name", Kind::Text(100))]).when(Cond::Is("job", "yes")),
        ],
    }];
    static FORM: FormDef = FormDef {
        kind: "test",
        version: 1,
        filled_by: FilledBy::Applicant,
        sections: SECTIONS,
        attachments: &[],
        fees: &[],
    };

    fn today() -> Date {
        Date::new(2026, 11, 22).unwrap()
    }

    #[test]
    fn conditions_pick_the_steps_and_the_next_one() {
        let mut answers = Answers::default();
        assert_eq!(answers.first_unfinished(&FORM, today()).map(|s| s.id), Some("age"));
        answers.values.insert("born".into(), "2010-01-01".into());
        answers.done.insert("age".into());
        assert_eq!(answers.next_after(&FORM, "age", today()).map(|s| s.id), Some("too-young"));
        assert!(!answers.is_complete(&FORM, today()));

        answers.values.insert("born".into(), "1990-01-01".into());
        assert_eq!(answers.next_after(&FORM, "age", today()).map(|s| s.id), Some("work"));
        answers.values.insert("job".into(), "no".into());
        answers.done.insert("work".into());
        assert!(answers.next_after(&FORM, "work", today()).is_none(), "the employer step does not apply");
        assert!(answers.is_complete(&FORM, today()));
        assert_eq!(answers.progress(&SECTIONS[0], today()), Progress::Completed);

        answers.values.insert("job".into(), "yes".into());
        assert_eq!(answers.progress(&SECTIONS[0], today()), Progress::InProgress, "a new step applies");
        assert_eq!(answers.first_unfinished(&FORM, today()).map(|s| s.id), Some("employer"));
    }
}
