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

/// The ids of the attachments the answers call for (`attachment-{id}` names each).
pub fn attachments(def: &FormDef, answers: &Answers, today: Date) -> Vec<&'static str> {
    matching(def.attachments, answers, today).map(|rule| rule.id).collect()
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
