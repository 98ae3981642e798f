//! Answers and conditions in words, for check-your-answers pages and the staff's flow map.

use super::definition::{Cond, FormDef, Kind, Question};
use crate::domain::countries;
use crate::domain::date::Date;
use crate::i18n::Lang;

/// The label of a question.
pub fn label(question: &str, lang: Lang) -> String {
    lang.t(&format!("q-{question}"))
}

/// The message of the subject of a question whose label is a question.
pub fn subject_id(question: &str) -> String {
    format!("q-{question}-subject")
}

/// A question as an error about it names it: by its subject (`q-{id}-subject`, "End of the
/// studies") where its label is itself a question, so that an error does not read "When do
/// the studies end?: …"; else by its label without the "(optional)" it shows, which says
/// nothing once there is something wrong with the answer.
pub fn subject(question: &str, lang: Lang) -> String {
    if let Some(subject) = lang.find(&subject_id(question)) {
        return subject;
    }
    let label = label(question, lang);
    let marker = format!(" {}", lang.t("label-optional"));
    label.strip_suffix(&marker).map(str::to_string).unwrap_or(label)
}

/// An answer as the applicant reads it back: option labels, country names, dates as written
/// in Finland, sums in euros.
pub fn answer(question: &Question, value: &str, lang: Lang) -> String {
    match question.kind {
        Kind::Choice(_) => lang.t(&format!("q-{}-{value}", question.id)),
        Kind::Choices(_) => {
            value.split(',').map(|v| lang.t(&format!("q-{}-{v}", question.id))).collect::<Vec<_>>().join(", ")
        }
        Kind::YesNo => lang.t(if value == "yes" { "answer-yes" } else { "answer-no" }),
        Kind::Country => countries::name(value, lang).unwrap_or(value).to_string(),
        Kind::Occupation => {
            crate::domain::occupations::name(value, lang).map_or(value.to_string(), |name| format!("{value} {name}"))
        }
        Kind::Date(_) => Date::parse_iso(value).map_or(value.to_string(), |d| d.display()),
        Kind::Euros => format!("{value} €"),
        _ => value.to_string(),
    }
}

/// A condition in words, e.g. “Type of work” is “Specialist”.
pub fn condition(def: &FormDef, cond: &Cond, lang: Lang) -> String {
    let quoted = |text: String| format!("“{text}”");
    let value_of = |q: &str, v: &str| match def.question(q) {
        Some((_, question)) => quoted(answer(question, v, lang)),
        None => quoted(v.to_string()),
    };
    let args =
        |q: &str, rest: String| lang.t_args("flow-cond-is", &[("question", &quoted(label(q, lang))), ("value", &rest)]);
    match cond {
        Cond::Always => lang.t("flow-always"),
        Cond::Is(q, v) | Cond::Has(q, v) => args(q, value_of(q, v)),
        Cond::In(q, values) => args(q, values.iter().map(|v| value_of(q, v)).collect::<Vec<_>>().join(" / ")),
        Cond::AtLeast(q, n) => {
            lang.t_args("flow-cond-at-least", &[("question", &quoted(label(q, lang))), ("value", &n.to_string())])
        }
        Cond::AtLeastThreshold(q, category) => lang.t_args(
            "flow-cond-at-least-threshold",
            &[("question", &quoted(label(q, lang))), ("category", &lang.t(&format!("threshold-{category}")))],
        ),
        Cond::YoungerThan(q, years) => {
            lang.t_args("flow-cond-younger", &[("question", &quoted(label(q, lang))), ("years", &years.to_string())])
        }
        Cond::HasItems(step) => lang.t_args("flow-cond-items", &[("step", &quoted(lang.t(&format!("step-{step}"))))]),
        Cond::All(conds) => conds.iter().map(|c| condition(def, c, lang)).collect::<Vec<_>>().join(&lang.t("flow-and")),
        Cond::Any(conds) => {
            format!("({})", conds.iter().map(|c| condition(def, c, lang)).collect::<Vec<_>>().join(&lang.t("flow-or")))
        }
        Cond::Not(cond) => lang.t_args("flow-cond-not", &[("condition", &condition(def, cond, lang))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalogue::FIRST_WORK;

    #[test]
    fn answers_and_conditions_read_as_words() {
        let (_, question) = FIRST_WORK.question("work-type").unwrap();
        assert_eq!(answer(question, "specialist", Lang::En), "Specialist");
        let (_, country) = FIRST_WORK.question("citizenship").unwrap();
        assert_eq!(answer(country, "SE", Lang::Fi), "Ruotsi");
        let text = condition(&FIRST_WORK, &Cond::Is("work-type", "specialist"), Lang::En);
        assert_eq!(text, "“What kind of work will you do?” is “Specialist”");
    }
}
