//! Checks a definition before it is used: at server start and in the tests. A form change that
//! names a missing question or message fails here, not in front of an applicant.

#[cfg(test)]
use super::definition::FilledBy;
use super::definition::{Cond, DateRule, FormDef, Kind};
use super::validate::Problem;
use crate::i18n::Lang;
use std::collections::HashSet;

/// Every message id a definition needs.
pub fn message_ids(def: &FormDef) -> Vec<String> {
    let mut ids = vec![format!("form-{}-title", def.kind), format!("form-{}-intro", def.kind)];
    for section in def.sections {
        ids.push(format!("section-{}", section.id));
        for step in section.steps {
            ids.push(format!("step-{}", step.id));
            if step.intro {
                ids.push(format!("step-{}-intro", step.id));
            }
            if step.exit {
                ids.push(format!("step-{}-body", step.id));
            }
            if step.repeat.is_some() {
                ids.extend(["legend", "add", "remove"].map(|part| format!("item-{}-{part}", step.id)));
            }
            for question in step.questions {
                ids.push(format!("q-{}", question.id));
                if question.hint {
                    ids.push(format!("q-{}-hint", question.id));
                }
                if let Kind::Choice(options) | Kind::Choices(options) = question.kind {
                    ids.extend(options.iter().map(|option| format!("q-{}-{option}", question.id)));
                }
            }
        }
    }
    for rule in def.attachments {
        ids.push(format!("attachment-{}", rule.id));
        ids.push(match rule.because {
            "" => format!("attachment-{}-why", rule.id),
            because => format!("attachment-{}-why-{because}", rule.id),
        });
    }
    ids.extend(def.fees.iter().map(|rule| format!("fee-{}", rule.id)));
    ids.extend(Problem::MESSAGE_IDS.iter().map(|id| id.to_string()));
    ids
}

/// What is wrong with a definition, in words for its author. Empty when it is sound.
pub fn problems(def: &FormDef) -> Vec<String> {
    let mut problems = structure_problems(def);
    problems.extend(message_problems(def));
    problems
}

/// What is wrong with a definition's steps, questions and rules, whatever the language: what
/// the server checks as it starts. (Its messages are checked by the tests, in every language:
/// at start-up that would parse all three languages' messages for a process that may serve one.)
pub fn structure_problems(def: &FormDef) -> Vec<String> {
    let mut problems = Vec::new();
    let mut steps_seen = HashSet::new();
    let mut questions_seen: HashSet<&str> = HashSet::new();
    let mut repeating_seen = HashSet::new();
    let known = |cond: &Cond, questions: &HashSet<&str>, repeating: &HashSet<&str>| -> Vec<String> {
        let mut missing: Vec<String> =
            cond.questions().into_iter().filter(|q| !questions.contains(q)).map(|q| format!("question {q}")).collect();
        missing
            .extend(cond.steps().into_iter().filter(|s| !repeating.contains(s)).map(|s| format!("repeating step {s}")));
        missing
    };
    for (_, step) in def.steps() {
        if !steps_seen.insert(step.id) {
            problems.push(format!("step {} appears twice", step.id));
        }
        // A step's condition may only read earlier steps.
        for missing in known(&step.when, &questions_seen, &repeating_seen) {
            problems.push(format!("step {}: its condition reads {missing}, which is not asked before it", step.id));
        }
        match (step.exit, step.questions.is_empty()) {
            (true, false) => problems.push(format!("exit {} has questions", step.id)),
            (false, true) => problems.push(format!("step {} has no questions", step.id)),
            _ => {}
        }
        for question in step.questions {
            if super::validate::control::ALL.contains(&question.id) {
                problems.push(format!("question {}: its id is a name the step's form uses for itself", question.id));
            }
            if !questions_seen.insert(question.id) {
                problems.push(format!("question {} appears twice", question.id));
            }
            for missing in known(&question.when, &questions_seen, &repeating_seen) {
                problems.push(format!(
                    "question {}: its condition reads {missing}, which is not asked before it",
                    question.id
                ));
            }
            let is_earlier_date = |other: &str| {
                def.question(other).is_some_and(|(_, q)| matches!(q.kind, Kind::Date(_)))
                    && questions_seen.contains(other)
            };
            match question.kind {
                Kind::Date(DateRule::After(other)) if !is_earlier_date(other) => problems
                    .push(format!("question {}: must come after {other}, which is no earlier date", question.id)),
                Kind::IdentityCode(Some(born)) if !is_earlier_date(born) => {
                    problems.push(format!("question {}: must agree with {born}, which is no earlier date", question.id))
                }
                _ => {}
            }
        }
        if step.repeat.is_some() {
            repeating_seen.insert(step.id);
        }
    }
    for rule in def.attachments.iter().chain(def.fees) {
        for missing in known(&rule.when, &questions_seen, &repeating_seen) {
            problems.push(format!("rule {}: its condition reads {missing}, which the form does not ask", rule.id));
        }
    }
    problems
}

/// The messages a definition needs that some language lacks.
fn message_problems(def: &FormDef) -> Vec<String> {
    let mut problems = Vec::new();
    // Every argument a form message may take, so that a message is found whatever it uses.
    let args =
        [("label", "x"), ("max", "1"), ("min", "0"), ("other", "y"), ("number", "1"), ("amount", "1"), ("since", "1")];
    for lang in Lang::ALL {
        for (_, question) in def.questions() {
            let asks = super::display::label(question.id, lang).ends_with('?');
            if asks && lang.find(&super::display::subject_id(question.id)).is_none() {
                problems.push(format!(
                    "question {}: its label is a question, so errors need its subject in {}",
                    question.id,
                    lang.code()
                ));
            }
        }
        for id in message_ids(def) {
            if lang.t_args(&id, &args).starts_with("[missing") {
                problems.push(format!("message {id} is missing in {}", lang.code()));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::definition::{q, rule, step, Section};

    #[test]
    fn a_broken_definition_is_described() {
        static SECTIONS: &[Section] = &[Section {
            id: "about",
            steps: &[
                step("work", &[q("job", Kind::YesNo).when(Cond::Is("later", "yes"))]),
                step("work", &[q("later", Kind::Date(DateRule::After("nowhere")))]),
            ],
        }];
        static BROKEN: FormDef = FormDef {
            kind: "broken",
            version: 1,
            filled_by: FilledBy::Applicant,
            sections: SECTIONS,
            attachments: &[rule("proof", Cond::HasItems("jobs"))],
            fees: &[],
        };
        let found = problems(&BROKEN);
        let has = |text: &str| found.iter().any(|p| p.contains(text));
        assert!(has("step work appears twice"), "{found:#?}");
        assert!(has("question job: its condition reads question later"), "{found:#?}");
        assert!(has("must come after nowhere"), "{found:#?}");
        assert!(has("rule proof: its condition reads repeating step jobs"), "{found:#?}");
        assert!(has("message form-broken-title is missing in fi"), "{found:#?}");
    }
}
