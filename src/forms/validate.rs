//! Checking what was typed on a step. The same code runs on the server when the step is saved
//! and in the browser as the user types, so both say the same thing.

use super::answers::Answers;
use super::definition::{DateRule, Kind, Question, Step};
use crate::domain::date::Date;
use crate::domain::{business_id, countries, iban, identity_code, occupations, text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is wrong with an answer. Each has a message `error-{kebab name}` that takes the
/// question's label as `$label` (and `$max`, `$min` where they apply).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Missing,
    TooLong(u16),
    /// A control, bidirectional control or noncharacter (see `text::has_hidden_characters`).
    HiddenCharacters,
    PassportName,
    Email,
    Phone,
    PostalCode,
    IdentityCode,
    /// The code holds a date of birth in the future.
    IdentityCodeFuture,
    /// The code's date of birth is not the answer to the date question named.
    IdentityCodeNotBorn(String),
    BusinessId,
    Iban,
    Euros,
    Number(u32, u32),
    Hours(u32, u32),
    DateInvalid,
    DateNotPast,
    DateNotFuture,
    /// Not after the answer to the question named.
    DateNotAfter(String),
    Option,
    Country,
}

impl Problem {
    /// The message of this problem with an answer to a question of `kind`: a missing answer
    /// is asked for as that kind of answer is given (chosen, a date typed in boxes, a country
    /// from the list).
    pub fn message_id_for(&self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Problem::Missing, Kind::Choice(_) | Kind::Choices(_) | Kind::YesNo) => "error-missing-choice",
            (Problem::Missing, Kind::Date(_)) => "error-missing-date",
            (Problem::Missing, Kind::Country) => "error-missing-country",
            (Problem::Missing, Kind::Occupation) => "error-missing-choice",
            _ => self.message_id(),
        }
    }

    pub fn message_id(&self) -> &'static str {
        match self {
            Problem::Missing => "error-missing",
            Problem::TooLong(_) => "error-too-long",
            Problem::HiddenCharacters => "error-hidden-characters",
            Problem::PassportName => "error-passport-name",
            Problem::Email => "error-email",
            Problem::Phone => "error-phone",
            Problem::PostalCode => "error-postal-code",
            Problem::IdentityCode => "error-identity-code",
            Problem::IdentityCodeFuture => "error-identity-code-future",
            Problem::IdentityCodeNotBorn(_) => "error-identity-code-birth-date",
            Problem::BusinessId => "error-business-id",
            Problem::Iban => "error-iban",
            Problem::Euros => "error-euros",
            Problem::Number(..) => "error-number",
            Problem::Hours(..) => "error-hours",
            Problem::DateInvalid => "error-date-invalid",
            Problem::DateNotPast => "error-date-past",
            Problem::DateNotFuture => "error-date-future",
            Problem::DateNotAfter(_) => "error-date-after",
            Problem::Option => "error-option",
            Problem::Country => "error-country",
        }
    }

    /// Every message a problem can have, for the locale checks.
    pub const MESSAGE_IDS: [&'static str; 23] = [
        "error-missing-choice",
        "error-missing-date",
        "error-missing-country",
        "error-missing",
        "error-too-long",
        "error-hidden-characters",
        "error-passport-name",
        "error-email",
        "error-phone",
        "error-postal-code",
        "error-identity-code",
        "error-identity-code-future",
        "error-identity-code-birth-date",
        "error-business-id",
        "error-iban",
        "error-euros",
        "error-number",
        "error-date-invalid",
        "error-date-past",
        "error-date-future",
        "error-date-after",
        "error-option",
        "error-country",
    ];
}

/// A problem with the field it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The HTML id the error summary links to.
    pub field: String,
    pub question: String,
    /// The item of a repeating step it belongs to, counted from 0.
    #[serde(default)]
    pub item: Option<usize>,
    pub problem: Problem,
}

/// The names a step's form sends besides its answers, read by the step handler. No question
/// may take one (the definition check refuses it).
pub mod control {
    /// The button pressed besides "Save and continue": `add` an item, or save for `later`.
    pub const ACTION: &str = "action";
    /// `check` on a step opened from the check page, to go back there.
    pub const RETURN: &str = "return";
    /// The index of the item to remove.
    pub const REMOVE: &str = "remove";
    /// The language asked for with the language switch, which sends the step's form.
    pub const SWITCH_LANGUAGE: &str = "switch-language";
    pub const ALL: [&str; 4] = [ACTION, RETURN, REMOVE, SWITCH_LANGUAGE];
}

/// The id of the `index`th item's fieldset in a repeating step: the page comes back there
/// after an item is added or removed, so that focus stays where the user acted.
pub fn item_anchor(index: usize) -> String {
    format!("item-{}", index + 1)
}

/// The field name of a question: its id, or `{id}--{item}` in a repeating step.
pub fn field_name(question: &str, item: Option<usize>) -> String {
    match item {
        Some(item) => format!("{question}--{item}"),
        None => question.to_string(),
    }
}

/// The id the error summary links to: a date's day box, a group's first control, else the field.
pub fn field_target(question: &Question, field: &str) -> String {
    match question.kind {
        Kind::Date(_) => format!("{field}-day"),
        _ => field.to_string(),
    }
}

/// The box of a date that is not a real date which the error summary links to: the month
/// when the month is no month, the year when the year is not four digits, else the day.
fn date_part_in_error(submitted: &Submitted, field: &str) -> String {
    let part = |p: &str| submitted.first(&format!("{field}-{p}")).trim().to_string();
    let month_wrong = !part("month").parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    let year_wrong = !(part("year").len() == 4 && part("year").parse::<u32>().is_ok());
    let day_given = part("day").parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let target = match (day_given, month_wrong, year_wrong) {
        (true, true, _) => "month",
        (true, false, true) => "year",
        _ => "day",
    };
    format!("{field}-{target}")
}

/// A submitted form, as name → values (checkboxes send one name many times).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitted(pub Vec<(String, String)>);

impl Submitted {
    pub fn first(&self, name: &str) -> &str {
        self.0.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// What `step`'s form may carry, out of what was posted: only its questions' fields (in a
    /// repeating step, only items below the step's maximum), each question's values no more than
    /// it can have, and each value no longer than [`kept_chars`] of its question. Whatever else
    /// was posted is dropped before anything reads, shows or keeps it, so neither the page
    /// shown again nor the session grows with what a client sends.
    pub fn for_step(step: &Step, pairs: impl IntoIterator<Item = (String, String)>) -> Submitted {
        let mut kept: Vec<(String, String)> = Vec::new();
        for (name, value) in pairs {
            let Some(question) = step_field(step, &name) else { continue };
            let values_of_field = kept.iter().filter(|(n, _)| *n == name).count();
            let most_values = match question.kind {
                Kind::Choices(options) => options.len(),
                _ => 1,
            };
            if values_of_field < most_values {
                let value: String = value.chars().take(kept_chars(question)).collect();
                kept.push((name, canonical_text(value)));
            }
        }
        Submitted(kept)
    }

    /// How many items of a repeating step were submitted (the highest `--n` plus one).
    pub fn item_count(&self) -> usize {
        self.0
            .iter()
            .filter_map(|(name, _)| {
                name.rsplit_once("--").and_then(|(_, rest)| rest.split('-').next()?.parse::<usize>().ok())
            })
            .map(|n| n + 1)
            .max()
            .unwrap_or(0)
    }
}

/// Text in Unicode's canonical composed form (NFC), so that what looks the same is stored the
/// same ("ä" typed as one character or as "a" and a combining mark). Only the server stores
/// answers, so only it normalises; the browser's check is the same either way.
#[cfg(feature = "ssr")]
fn canonical_text(value: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    value.nfc().collect()
}

#[cfg(not(feature = "ssr"))]
fn canonical_text(value: String) -> String {
    value
}

/// The question of `step` whose field `name` is (`q`, `q-day`, `q--3`, `q--3-year`), if it is
/// one of the step's fields: in a repeating step with an item index below its maximum, in
/// another without one.
fn step_field(step: &Step, name: &str) -> Option<&'static Question> {
    // A date's part (`-day`, …) or not: question ids may end in `-year` too.
    let date_part = name.rsplit_once('-').filter(|(_, part)| matches!(*part, "day" | "month" | "year"));
    let readings = [Some((name, false)), date_part.map(|(base, _)| (base, true))];
    readings.into_iter().flatten().find_map(|(base, is_part)| {
        let (id, item) = match base.split_once("--") {
            Some((id, item)) => (id, Some(item)),
            None => (base, None),
        };
        let question = step.questions.iter().find(|q| q.id == id)?;
        let item_fits = match (step.repeat, item) {
            (None, None) => true,
            (Some(max), Some(item)) => {
                // Plain digits without a leading zero, so that an item has one name only.
                let plain = (1..=3).contains(&item.len())
                    && item.bytes().all(|b| b.is_ascii_digit())
                    && (item == "0" || !item.starts_with('0'));
                plain && item.parse::<usize>().is_ok_and(|index| index < usize::from(max))
            }
            _ => false,
        };
        let part_fits = is_part == matches!(question.kind, Kind::Date(_));
        (item_fits && part_fits).then_some(question)
    })
}

/// The most characters of a question's typed value that are kept to show again: twice its
/// longest valid answer, so that a value a little too long comes back whole to be shortened,
/// and a flood is cut.
pub fn kept_chars(question: &Question) -> usize {
    let longest = match question.kind {
        Kind::Text(max) | Kind::LongText(max) => usize::from(max),
        Kind::Email => 254,
        Kind::PassportName => 100,
        _ => 40,
    };
    2 * longest
}

/// Checks one answer. `Ok(None)` is an unanswered optional question; `Ok(Some(value))` the
/// answer in its stored form.
pub fn check_answer(
    question: &Question,
    field: &str,
    submitted: &Submitted,
    answers: &Answers,
    today: Date,
) -> Result<Option<String>, Problem> {
    let typed = submitted.first(field).trim();
    let empty = match question.kind {
        Kind::Date(_) => {
            ["day", "month", "year"].iter().all(|part| submitted.first(&format!("{field}-{part}")).trim().is_empty())
        }
        Kind::Choices(_) => submitted.all(field).iter().all(|v| v.is_empty()),
        _ => typed.is_empty(),
    };
    if empty {
        return if question.required { Err(Problem::Missing) } else { Ok(None) };
    }
    // One rule for every kind: what is typed shows as it reads. Line breaks and tabs are text
    // only where an answer has several lines.
    let multiline = matches!(question.kind, Kind::LongText(_));
    let of_field = |name: &str| match name.strip_prefix(field) {
        Some(rest) => rest.is_empty() || matches!(rest, "-day" | "-month" | "-year"),
        None => false,
    };
    let mut typed_values = submitted.0.iter().filter(|(name, _)| of_field(name));
    if typed_values.any(|(_, value)| text::has_hidden_characters(value, multiline)) {
        return Err(Problem::HiddenCharacters);
    }
    let checked = |value: Option<String>, problem: Problem| value.ok_or(problem);
    let value = match question.kind {
        Kind::Text(max) | Kind::LongText(max) => {
            let typed = submitted.first(field).trim().to_string();
            if typed.chars().count() > usize::from(max) {
                return Err(Problem::TooLong(max));
            }
            typed
        }
        Kind::PassportName => checked(text::passport_name(typed), Problem::PassportName)?,
        Kind::Email => checked(text::email(typed), Problem::Email)?,
        Kind::Phone => checked(text::international_phone(typed), Problem::Phone)?,
        Kind::PostalCode => checked(text::postal_code(typed), Problem::PostalCode)?,
        Kind::IdentityCode(born) => {
            let (code, birth) = identity_code::parse(typed).map_err(|_| Problem::IdentityCode)?;
            if birth > today {
                return Err(Problem::IdentityCodeFuture);
            }
            let answered = born.and_then(|question| answers.get(question)).and_then(Date::parse_iso);
            if let (Some(question), Some(answered)) = (born, answered) {
                if answered != birth {
                    return Err(Problem::IdentityCodeNotBorn(question.to_string()));
                }
            }
            code
        }
        Kind::BusinessId => checked(business_id::parse(typed), Problem::BusinessId)?,
        Kind::Iban => checked(iban::parse(typed), Problem::Iban)?,
        Kind::Euros => checked(text::euros(typed).map(|n| n.to_string()), Problem::Euros)?,
        Kind::Number(min, max) => {
            let n = typed.parse::<u32>().ok().filter(|n| (min..=max).contains(n));
            checked(n.map(|n| n.to_string()), Problem::Number(min, max))?
        }
        Kind::Hours(min, max) => {
            let tenths = text::tenths(typed).filter(|n| (min * 10..=max * 10).contains(n));
            checked(tenths.map(text::tenths_text), Problem::Hours(min, max))?
        }
        Kind::Date(rule) => {
            let part = |p: &str| submitted.first(&format!("{field}-{p}")).to_string();
            let date = Date::from_parts(&part("day"), &part("month"), &part("year")).ok_or(Problem::DateInvalid)?;
            match rule {
                DateRule::Past if date >= today => return Err(Problem::DateNotPast),
                DateRule::Future if date <= today => return Err(Problem::DateNotFuture),
                DateRule::After(other) => {
                    let earlier = answers.get(other).and_then(Date::parse_iso);
                    if earlier.is_some_and(|earlier| date <= earlier) {
                        return Err(Problem::DateNotAfter(other.to_string()));
                    }
                }
                _ => {}
            }
            date.iso()
        }
        Kind::Choice(options) => checked(options.contains(&typed).then(|| typed.to_string()), Problem::Option)?,
        Kind::YesNo => checked(["yes", "no"].contains(&typed).then(|| typed.to_string()), Problem::Option)?,
        Kind::Choices(options) => {
            let chosen: Vec<&str> = submitted.all(field).into_iter().filter(|v| !v.is_empty()).collect();
            if !chosen.iter().all(|c| options.contains(c)) {
                return Err(Problem::Option);
            }
            // In the definition's order, whatever order the browser sent them in.
            options.iter().filter(|o| chosen.contains(o)).copied().collect::<Vec<_>>().join(",")
        }
        Kind::Country => {
            let code = typed.to_uppercase();
            checked(countries::is_country(&code).then_some(code), Problem::Country)?
        }
        Kind::Occupation => checked(occupations::is_occupation(typed).then(|| typed.to_string()), Problem::Option)?,
    };
    Ok(Some(value))
}

/// Every problem other than a missing answer that [`check_answer`] can find with an answer to
/// `question`. A page words them beforehand for the browser, which checks answers as the user
/// leaves them and carries no translations.
pub fn possible_problems(question: &Question) -> Vec<Problem> {
    let mut all = vec![Problem::HiddenCharacters];
    match question.kind {
        Kind::Text(max) | Kind::LongText(max) => all.push(Problem::TooLong(max)),
        Kind::PassportName => all.push(Problem::PassportName),
        Kind::Email => all.push(Problem::Email),
        Kind::Phone => all.push(Problem::Phone),
        Kind::PostalCode => all.push(Problem::PostalCode),
        Kind::IdentityCode(born) => {
            all.extend([Problem::IdentityCode, Problem::IdentityCodeFuture]);
            all.extend(born.map(|date| Problem::IdentityCodeNotBorn(date.to_string())));
        }
        Kind::BusinessId => all.push(Problem::BusinessId),
        Kind::Iban => all.push(Problem::Iban),
        Kind::Euros => all.push(Problem::Euros),
        Kind::Number(min, max) => all.push(Problem::Number(min, max)),
        Kind::Hours(min, max) => all.push(Problem::Hours(min, max)),
        Kind::Date(rule) => {
            all.push(Problem::DateInvalid);
            all.extend(match rule {
                DateRule::Past => Some(Problem::DateNotPast),
                DateRule::Future => Some(Problem::DateNotFuture),
                DateRule::After(other) => Some(Problem::DateNotAfter(other.to_string())),
                DateRule::Any => None,
            });
        }
        Kind::Choice(_) | Kind::Choices(_) | Kind::YesNo | Kind::Occupation => all.push(Problem::Option),
        Kind::Country => all.push(Problem::Country),
    }
    all
}

/// What checking a step gives: the answers that passed, and the problems to show. The step
/// is complete when there are no problems.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// A step asked once: question id → answer.
    pub values: BTreeMap<String, String>,
    /// A repeating step: its items (each with the answers that passed).
    pub items: Vec<BTreeMap<String, String>>,
    pub problems: Vec<FieldProblem>,
}

/// Checks every question of `step` that applies, with the step's own answers taken into
/// account for conditions within the step. In a repeating step, an item left wholly blank is
/// dropped, but a step that applies needs at least one item.
pub fn check_step(step: &Step, submitted: &Submitted, answers: &Answers, today: Date) -> Checked {
    let mut problems = Vec::new();
    let mut check_item = |item: Option<usize>| {
        // Conditions inside the step read what was just typed.
        let mut with_typed = answers.clone();
        for question in step.questions {
            let value = submitted.first(&field_name(question.id, item));
            with_typed.values.insert(question.id.to_string(), value.to_string());
        }
        let mut values = BTreeMap::new();
        // Checked answers of this item so far, for dates that must follow another one.
        let mut so_far = answers.clone();
        for question in step.questions.iter().filter(|q| with_typed.asks(q, today)) {
            let field = field_name(question.id, item);
            match check_answer(question, &field, submitted, &so_far, today) {
                Ok(Some(value)) => {
                    so_far.values.insert(question.id.to_string(), value.clone());
                    values.insert(question.id.to_string(), value);
                }
                Ok(None) => {}
                Err(problem) => problems.push(FieldProblem {
                    field: match problem {
                        Problem::DateInvalid => date_part_in_error(submitted, &field),
                        _ => field_target(question, &field),
                    },
                    question: question.id.to_string(),
                    item,
                    problem,
                }),
            }
        }
        values
    };
    let mut checked = Checked::default();
    match step.repeat {
        None => checked.values = check_item(None),
        Some(max) => {
            let blank = |i: usize| {
                step.questions.iter().all(|q| {
                    let field = field_name(q.id, Some(i));
                    let of_field =
                        |name: &str| name == field || name.strip_prefix(&field).is_some_and(|r| r.starts_with('-'));
                    submitted.0.iter().filter(|(name, _)| of_field(name)).all(|(_, v)| v.trim().is_empty())
                })
            };
            let count = submitted.item_count().min(usize::from(max));
            let items: Vec<_> = (0..count).filter(|i| !blank(*i)).map(|i| check_item(Some(i))).collect();
            if items.is_empty() {
                let first = &step.questions[0];
                let field = field_target(first, &field_name(first.id, Some(0)));
                problems.push(FieldProblem {
                    field,
                    question: first.id.to_string(),
                    item: Some(0),
                    problem: Problem::Missing,
                });
            }
            checked.items = items;
        }
    }
    checked.problems = problems;
    checked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::definition::{q, step, Cond};

    fn today() -> Date {
        Date::new(2026, 11, 22).unwrap()
    }

    fn submitted(pairs: &[(&str, &str)]) -> Submitted {
        Submitted(pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
    }

    proptest::proptest! {
        /// The browser can word every problem it finds: whatever is typed, a problem other
        /// than a missing answer is one `possible_problems` listed for the question.
        #[test]
        fn every_problem_found_is_one_the_page_worded(
            value in "[0-9A-Za-z+ .,@-]{0,12}|\\PC{0,6}",
            day in "[0-9]{0,2}", month in "[0-9]{0,2}", year in "[0-9]{0,4}",
        ) {
            let answers = Answers {
                values: [("birth-date", "1990-05-17"), ("issued", "2020-01-01")]
                    .map(|(q, v)| (q.to_string(), v.to_string())).into(),
                ..Answers::default()
            };
            let kinds = [
                Kind::Text(5), Kind::LongText(8), Kind::PassportName, Kind::Email, Kind::Phone, Kind::PostalCode,
                Kind::IdentityCode(Some("birth-date")), Kind::IdentityCode(None), Kind::BusinessId, Kind::Iban,
                Kind::Euros, Kind::Number(1, 40), Kind::Hours(1, 80), Kind::Date(DateRule::Past), Kind::Date(DateRule::Future),
                Kind::Date(DateRule::Any), Kind::Date(DateRule::After("issued")), Kind::Choice(&["x", "y"]),
                Kind::Choices(&["x", "y"]), Kind::YesNo, Kind::Country,
            ];
            let typed = submitted(&[("a", &value), ("a-day", &day), ("a-month", &month), ("a-year", &year)]);
            for kind in kinds {
                let question = q("a", kind);
                if let Err(problem) = check_answer(&question, "a", &typed, &answers, today()) {
                    proptest::prop_assert!(
                        problem == Problem::Missing || possible_problems(&question).contains(&problem),
                        "{problem:?} for {kind:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn answers_are_checked_and_stored_in_canonical_form() {
        let answers = Answers::default();
        let check =
            |kind, pairs: &[(&str, &str)]| check_answer(&q("a", kind), "a", &submitted(pairs), &answers, today());
        assert_eq!(check(Kind::PassportName, &[("a", " virtanen ")]), Ok(Some("VIRTANEN".into())));
        assert_eq!(check(Kind::PassportName, &[("a", "Müller")]), Err(Problem::PassportName));
        assert_eq!(check(Kind::Text(5), &[("a", "123456")]), Err(Problem::TooLong(5)));
        assert_eq!(check(Kind::IdentityCode(None), &[("a", "131052-308t")]), Ok(Some("131052-308T".into())));
        assert_eq!(check(Kind::Country, &[("a", "se")]), Ok(Some("SE".into())));
        assert_eq!(check(Kind::Country, &[("a", "XX")]), Err(Problem::Country));
        let date = [("a-day", "31"), ("a-month", "2"), ("a-year", "2000")];
        assert_eq!(check(Kind::Date(DateRule::Past), &date), Err(Problem::DateInvalid));
        let future = [("a-day", "1"), ("a-month", "1"), ("a-year", "2030")];
        assert_eq!(check(Kind::Date(DateRule::Past), &future), Err(Problem::DateNotPast));
        assert_eq!(check(Kind::Date(DateRule::Future), &future), Ok(Some("2030-01-01".into())));
        assert_eq!(check(Kind::Choices(&["x", "y"]), &[("a", "y"), ("a", "x")]), Ok(Some("x,y".into())));
        assert_eq!(check(Kind::YesNo, &[]), Err(Problem::Missing));
        assert_eq!(check_answer(&q("a", Kind::Email).optional(), "a", &submitted(&[]), &answers, today()), Ok(None));
    }

    #[test]
    fn an_identity_code_holds_a_past_date_and_the_date_of_birth_given() {
        let mut answers = Answers::default();
        let question = q("identity-code", Kind::IdentityCode(Some("birth-date")));
        let check = |code: &str, answers: &Answers| {
            check_answer(&question, "identity-code", &submitted(&[("identity-code", code)]), answers, today())
        };
        // Born on 13 October 2052, by the century sign A: not yet.
        assert_eq!(check("131052A308T", &answers), Err(Problem::IdentityCodeFuture));
        answers.values.insert("birth-date".into(), "1985-03-16".into());
        assert_eq!(check("150385-457S", &answers), Err(Problem::IdentityCodeNotBorn("birth-date".into())));
        answers.values.insert("birth-date".into(), "1985-03-15".into());
        assert_eq!(check("150385-457S", &answers), Ok(Some("150385-457S".into())));
    }

    #[test]
    fn a_date_after_another_answer() {
        let mut answers = Answers::default();
        answers.values.insert("issued".into(), "2020-05-01".into());
        let question = q("expires", Kind::Date(DateRule::After("issued")));
        let typed = submitted(&[("expires-day", "1"), ("expires-month", "5"), ("expires-year", "2020")]);
        assert_eq!(
            check_answer(&question, "expires", &typed, &answers, today()),
            Err(Problem::DateNotAfter("issued".into()))
        );
    }

    #[test]
    fn conditions_within_a_step_and_repeating_items() {
        static QUESTIONS: &[Question] =
            &[q("job", Kind::YesNo), q("employer", Kind::Text(100)).when(Cond::Is("job", "yes"))];
        let plain = step("work", QUESTIONS);
        let answers = Answers::default();
        let checked = check_step(&plain, &submitted(&[("job", "no"), ("employer", "")]), &answers, today());
        assert_eq!((checked.values.len(), checked.problems.len()), (1, 0));
        let checked = check_step(&plain, &submitted(&[("job", "yes"), ("employer", "")]), &answers, today());
        assert_eq!(checked.problems[0].field, "employer", "the revealed question is required");
        assert_eq!(checked.values["job"], "yes", "what passed is kept");

        let repeating = step("jobs", QUESTIONS).repeat(5);
        let typed = submitted(&[("job--0", "no"), ("job--1", "yes"), ("employer--1", "Oy Ab")]);
        let items = check_step(&repeating, &typed, &answers, today()).items;
        assert_eq!(items.len(), 2);
        assert_eq!(items[1]["employer"], "Oy Ab");
        let problems = check_step(&repeating, &submitted(&[("job--0", "yes")]), &answers, today()).problems;
        assert_eq!(problems[0].field, "employer--0");
        let problems = check_step(&repeating, &submitted(&[("job--0", "")]), &answers, today()).problems;
        assert_eq!(
            (problems[0].field.as_str(), &problems[0].problem),
            ("job--0", &Problem::Missing),
            "a repeating step that applies needs an item"
        );
    }
}
