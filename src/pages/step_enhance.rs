//! What scripts add to a step page once it has hydrated: questions whose condition does not
//! hold are hidden as the user answers, and each answer is checked as the user leaves its
//! field, by the same `forms::validate` code the server runs on submit. Without scripts the
//! page works as served: every question shows, and the server checks on submit.

use crate::domain::date::Date;
use crate::forms::answers::Answers;
use crate::forms::definition::{Question, Step};
use crate::forms::validate::{check_answer, field_name, Problem, Submitted};
use crate::i18n::Lang;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, Event, FocusEvent, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// Everything the form holds now, as it would be submitted.
fn submitted(form: &Element) -> Submitted {
    let mut pairs = Vec::new();
    let Ok(controls) = form.query_selector_all("input[name], select[name], textarea[name]") else {
        return Submitted(pairs);
    };
    for index in 0..controls.length() {
        let Some(node) = controls.item(index) else { continue };
        if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            let checkable = matches!(input.type_().as_str(), "radio" | "checkbox");
            if !checkable || input.checked() {
                pairs.push((input.name(), input.value()));
            }
        } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
            pairs.push((select.name(), select.value()));
        } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
            pairs.push((area.name(), area.value()));
        }
    }
    Submitted(pairs)
}

/// The saved answers with what is typed on this step (for `item`, in a repeating step) laid
/// over them, for evaluating conditions.
fn with_typed(answers: &Answers, step: &Step, typed: &Submitted, item: Option<usize>) -> Answers {
    let mut answers = answers.clone();
    for question in step.questions {
        answers.values.insert(question.id.to_string(), typed.first(&field_name(question.id, item)).to_string());
    }
    answers
}

/// The question wrapper's question and item.
fn wrapper_of(step: &'static Step, wrapper: &Element) -> Option<(&'static Question, Option<usize>)> {
    let id = wrapper.get_attribute("data-question")?;
    let question = step.questions.iter().find(|q| q.id == id)?;
    let item = wrapper.get_attribute("data-item").and_then(|i| i.parse().ok());
    Some((question, item))
}

/// Hides the questions whose condition does not hold for what is typed now.
fn reveal(form: &Element, step: &'static Step, answers: &Answers, today: Date) {
    let typed = submitted(form);
    let Ok(wrappers) = form.query_selector_all(".pt-question[data-conditional]") else { return };
    for index in 0..wrappers.length() {
        let Some(wrapper) = wrappers.item(index).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Some((question, item)) = wrapper_of(step, &wrapper) else { continue };
        let asked = with_typed(answers, step, &typed, item).asks(question, today);
        let _ = if asked { wrapper.remove_attribute("hidden") } else { wrapper.set_attribute("hidden", "") };
    }
}

/// Checks the answer of the question whose field the user just left, and shows or clears its
/// error. An empty field is left alone: the user may only be passing through.
fn check_field(
    target: &Element,
    step: &'static Step,
    answers: &Answers,
    today: Date,
    lang: Lang,
    message: &dyn Fn(&str, &Problem, Lang) -> String,
) {
    let Some(wrapper) = target.closest(".pt-question").ok().flatten() else { return };
    let Some((question, item)) = wrapper_of(step, &wrapper) else { return };
    let Some(form) = wrapper.closest("form").ok().flatten() else { return };
    let field = field_name(question.id, item);
    let problem = match check_answer(question, &field, &submitted(&form), answers, today) {
        Err(Problem::Missing) | Ok(_) => None,
        Err(problem) => Some(problem),
    };
    let group = wrapper.query_selector(".pt-form-group").ok().flatten();
    let live = wrapper.query_selector(".pt-live-error").ok().flatten();
    // The server's message from the last submit no longer speaks for this field.
    if let Ok(Some(old)) = wrapper.query_selector(".pt-error-message:not(.pt-live-error)") {
        let _ = old.set_attribute("hidden", "");
    }
    if let Some(group) = &group {
        let _ = if problem.is_some() {
            group.class_list().add_1("pt-form-group--error")
        } else {
            group.class_list().remove_1("pt-form-group--error")
        };
    }
    if let Some(live) = live {
        match &problem {
            Some(problem) => {
                live.set_text_content(Some(&message(question.id, problem, lang)));
                let _ = live.remove_attribute("hidden");
            }
            None => {
                live.set_text_content(None);
                let _ = live.set_attribute("hidden", "");
            }
        }
    }
}

/// Attaches the enhancements to the step form on the page.
pub fn enhance(
    step: &'static Step,
    answers: Answers,
    today: Date,
    lang: Lang,
    message: fn(&str, &Problem, Lang) -> String,
) {
    let Some(form) = leptos::prelude::document().query_selector(".pt-step-form").ok().flatten() else { return };
    reveal(&form, step, &answers, today);
    let on_change = {
        let (form, answers) = (form.clone(), answers.clone());
        Closure::<dyn Fn(Event)>::new(move |event: Event| {
            reveal(&form, step, &answers, today);
            // An answer shown as wrong is checked again as the user types, so the error goes
            // as soon as it is put right.
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let showing_error = target
                .closest(".pt-question")
                .ok()
                .flatten()
                .and_then(|wrapper| wrapper.query_selector(".pt-live-error:not([hidden])").ok().flatten())
                .is_some();
            if showing_error {
                check_field(&target, step, &answers, today, lang, &message);
            }
        })
    };
    let on_leave = Closure::<dyn Fn(FocusEvent)>::new(move |event: FocusEvent| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        // Moving between the boxes of one answer (a date's day, month and year) is not leaving it.
        let wrapper = target.closest(".pt-question").ok().flatten();
        let next = event.related_target().and_then(|t| t.dyn_into::<Element>().ok());
        let staying = match (&wrapper, next.and_then(|n| n.closest(".pt-question").ok().flatten())) {
            (Some(here), Some(there)) => here.is_same_node(Some(&there)),
            _ => false,
        };
        if !staying {
            check_field(&target, step, &answers, today, lang, &message);
        }
    });
    for event in ["change", "input"] {
        let _ = form.add_event_listener_with_callback(event, on_change.as_ref().unchecked_ref());
    }
    let _ = form.add_event_listener_with_callback("focusout", on_leave.as_ref().unchecked_ref());
    // They live as long as the page.
    on_change.forget();
    on_leave.forget();
}
