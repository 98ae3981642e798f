//! What follows from a definition and its answers, each computed in one place: the
//! attachments the application needs, its fee category, and the document that is forwarded.

use super::answers::Answers;
use super::definition::{FormDef, Rule};
use crate::domain::date::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

fn matching<'d>(rules: &'d [Rule], answers: &Answers, today: Date) -> impl Iterator<Item = &'d Rule> + 'd {
    let answers = answers.clone();
    rules.iter().filter(move |rule| answers.holds(&rule.when, today))
}

/// The ids of the attachments the answers call for, each once (`attachment-{id}` names each).
pub fn attachments(def: &FormDef, answers: &Answers, today: Date) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for rule in matching(def.attachments, answers, today) {
        if !ids.contains(&rule.id) {
            ids.push(rule.id);
        }
    }
    ids
}

/// The Fluent message that says why the answers call for attachment `id`: the reason of the
/// first rule for it that holds, so that the explanation follows the answers.
pub fn attachment_reason(def: &FormDef, answers: &Answers, today: Date, id: &str) -> String {
    match matching(def.attachments, answers, today).find(|rule| rule.id == id).map(|rule| rule.because) {
        None | Some("") => format!("attachment-{id}-why"),
        Some(because) => format!("attachment-{id}-why-{because}"),
    }
}

/// The fee category (`fee-{id}`): the first rule whose condition holds.
pub fn fee_category(def: &FormDef, answers: &Answers, today: Date) -> Option<&'static str> {
    matching(def.fees, answers, today).next().map(|rule| rule.id)
}

/// The application as it is forwarded: the answers to what was asked, by section and step,
/// in the definition's order. Questions that do not apply are left out even if answered once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: String,
    pub version: u32,
    pub sections: Vec<DocumentSection>,
    pub attachments: Vec<String>,
    pub fee_category: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSection {
    pub id: String,
    /// Question id → answer, for the steps asked once.
    pub answers: BTreeMap<String, String>,
    /// Repeating step id → its items.
    pub items: BTreeMap<String, Vec<BTreeMap<String, String>>>,
}

pub fn document(def: &FormDef, answers: &Answers, today: Date) -> Document {
    let sections = def
        .sections
        .iter()
        .map(|section| {
            let mut out =
                DocumentSection { id: section.id.to_string(), answers: BTreeMap::new(), items: BTreeMap::new() };
            for step in section.steps.iter().filter(|s| !s.exit && answers.applies(s, today)) {
                if step.repeat.is_some() {
                    let items = answers.items.get(step.id).cloned().unwrap_or_default();
                    out.items.insert(step.id.to_string(), items);
                    continue;
                }
                for question in step.questions.iter().filter(|q| answers.asks(q, today)) {
                    if let Some(value) = answers.get(question.id) {
                        out.answers.insert(question.id.to_string(), value.to_string());
                    }
                }
            }
            out
        })
        .collect();
    Document {
        kind: def.kind.to_string(),
        version: def.version,
        sections,
        attachments: attachments(def, answers, today).into_iter().map(str::to_string).collect(),
        fee_category: fee_category(def, answers, today).map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalogue::{FIRST_FAMILY, FIRST_WORK, PERMANENT, PERMANENT_V1};

    fn today() -> Date {
        Date::new(2026, 11, 22).unwrap()
    }

    #[test]
    fn attachments_fee_and_document_follow_the_answers() {
        let mut answers = Answers::default();
        answers.values.insert("work-type".into(), "specialist".into());
        answers.values.insert("marital-status".into(), "single".into());
        // Answered once, then made irrelevant by a later change: not forwarded.
        answers.values.insert("spouse-surname".into(), "KORHONEN".into());
        assert_eq!(
            attachments(&FIRST_WORK, &answers, today()),
            ["passport-copy", "employment-contract", "degree-certificate"]
        );
        assert_eq!(fee_category(&FIRST_WORK, &answers, today()), Some("first-specialist"));

        let document = document(&FIRST_WORK, &answers, today());
        assert_eq!((document.kind.as_str(), document.version), ("first-work", 2));
        let work = document.sections.iter().find(|s| s.id == "work").unwrap();
        assert_eq!(work.answers["work-type"], "specialist");
        let family = document.sections.iter().find(|s| s.id == "family").unwrap();
        assert!(!family.answers.contains_key("spouse-surname"), "the spouse step does not apply");
        assert_eq!(document.fee_category.as_deref(), Some("first-specialist"));
    }

    /// B28: the explanation is the one of the answers that made the attachment required.
    #[test]
    fn an_attachment_is_explained_by_the_answers_that_call_for_it() {
        let answers = |pairs: &[(&str, &str)]| Answers {
            values: pairs.iter().map(|(q, v)| (q.to_string(), v.to_string())).collect(),
            ..Answers::default()
        };
        let work = answers(&[("work-type", "employed"), ("marital-status", "married")]);
        assert_eq!(
            attachment_reason(&FIRST_WORK, &work, today(), "marriage-certificate"),
            "attachment-marriage-certificate-why-own-spouse"
        );
        let cohabiting = answers(&[("relationship", "cohabiting")]);
        let married = answers(&[("relationship", "spouse"), ("lived-together", "yes")]);
        assert_eq!(
            attachments(&FIRST_FAMILY, &married, today()),
            ["passport-copy", "marriage-certificate", "cohabitation-proof"]
        );
        let reason = |answers: &Answers| attachment_reason(&FIRST_FAMILY, answers, today(), "cohabitation-proof");
        assert_eq!(reason(&cohabiting), "attachment-cohabitation-proof-why");
        assert_eq!(reason(&married), "attachment-cohabitation-proof-why-lived-together");
        let permanent = answers(&[("language-level", "b1")]);
        assert_eq!(
            attachment_reason(&PERMANENT, &permanent, today(), "language-certificate"),
            "attachment-language-certificate-why-permanent"
        );
    }

    #[test]
    fn version_1_of_the_permanent_permit_routes_to_p_or_p_eu_by_the_years_answered() {
        let mut answers = Answers::default();
        for (q, v) in
            [("continuous-years", "5"), ("language-level", "none"), ("work-years", "1"), ("annual-income", "20000")]
        {
            answers.values.insert(q.into(), v.into());
        }
        answers.values.insert("finnish-masters".into(), "no".into());
        assert_eq!(fee_category(&PERMANENT_V1, &answers, today()), Some("permanent-p-eu"));
        answers.values.insert("continuous-years".into(), "6".into());
        answers.values.insert("language-level".into(), "b1".into());
        answers.values.insert("work-years".into(), "2".into());
        assert_eq!(fee_category(&PERMANENT_V1, &answers, today()), Some("permanent-p"));
        answers.values.insert("continuous-years".into(), "3".into());
        assert_eq!(fee_category(&PERMANENT_V1, &answers, today()), None);
        assert_eq!(answers.exit(&PERMANENT_V1, today()).map(|s| s.id), Some("permanent-not-yet"));
    }
}
