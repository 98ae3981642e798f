//! What scripts add to a step page: questions whose condition does not hold are hidden as the
//! user answers, and each answer is checked as the user leaves its field, by the same
//! `forms::validate` code the server runs on submit, and worded as the server worded it
//! beforehand ([`StepScript`]). Without scripts the page works as served: every question
//! shows, and the server checks on submit.

use super::StepScript;
use crate::domain::date::Date;
use crate::forms::answers::Answers;
use crate::forms::catalogue::Catalogue;
use crate::forms::definition::{Question, Step};
use crate::forms::validate::{check_answer, field_name, Problem, Submitted};
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
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

/// Shows `message` as the error of `field`, or takes its error away, in exactly the markup the
/// server renders (`components::form`): the message after the hint, inside the red-barred
/// group, the controls' error border and `aria-invalid`, and the message named in
/// `aria-describedby`. One markup, so an error looks and reads the same however it came.
fn mark_error(wrapper: &Element, field: &str, message: Option<&str>, error_prefix: &str) -> Option<()> {
    let document = wrapper.owner_document()?;
    let group = wrapper.query_selector(".pt-form-group").ok()??;
    let fieldset = group.query_selector("fieldset").ok().flatten();
    let controls = group.query_selector_all(".pt-input, .pt-select, .pt-textarea").ok()?;
    // A group's error is described from its fieldset, a single control's from the control.
    let described = match &fieldset {
        Some(fieldset) => fieldset.clone(),
        None => controls.item(0)?.dyn_into::<Element>().ok()?,
    };
    let (hint_id, error_id) = (format!("{field}-hint"), format!("{field}-error"));
    let hint = document.get_element_by_id(&hint_id).map(|_| hint_id);
    let existing = document.get_element_by_id(&error_id);
    let _ = group.class_list().toggle_with_force("pt-form-group--error", message.is_some());
    for index in 0..controls.length() {
        let Some(control) = controls.item(index).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let block = ["pt-input", "pt-select", "pt-textarea"].into_iter().find(|b| control.class_list().contains(b))?;
        let _ = control.class_list().toggle_with_force(&format!("{block}--error"), message.is_some());
        let _ = match message {
            Some(_) => control.set_attribute("aria-invalid", "true"),
            None => control.remove_attribute("aria-invalid"),
        };
    }
    let Some(message) = message else {
        if let Some(old) = existing {
            old.remove();
        }
        let _ = match hint {
            Some(hint) => described.set_attribute("aria-describedby", &hint),
            None => described.remove_attribute("aria-describedby"),
        };
        return Some(());
    };
    let error = match existing {
        Some(error) => error,
        None => {
            let error = document.create_element("p").ok()?;
            error.set_id(&error_id);
            error.set_class_name("pt-error-message");
            // Right before the controls, where the server puts it: after the label or
            // legend, and after the hint.
            let parent = fieldset.unwrap_or(group);
            let _ = parent.insert_before(&error, parent.last_element_child().as_ref().map(|e| e.as_ref()));
            error
        }
    };
    error.set_text_content(None);
    let prefix = document.create_element("span").ok()?;
    prefix.set_class_name("pt-visually-hidden");
    prefix.set_text_content(Some(&format!("{error_prefix} ")));
    let _ = error.append_child(&prefix);
    let _ = error.append_with_str_1(message);
    let ids: Vec<&str> = hint.iter().map(String::as_str).chain([error_id.as_str()]).collect();
    let _ = described.set_attribute("aria-describedby", &ids.join(" "));
    Some(())
}

/// The text of an error message without its "Error:" prefix for screen readers.
pub(super) fn message_text(error: &Element) -> String {
    let all = error.text_content().unwrap_or_default();
    let prefix = error.query_selector(".pt-visually-hidden").ok().flatten().and_then(|p| p.text_content());
    prefix.and_then(|p| all.strip_prefix(&p).map(str::to_string)).unwrap_or(all)
}

/// Makes the error summary of the last submit list the errors the page shows now, each
/// linking to its first control, and takes it (and the title's "Error:") away once none is
/// left. No summary is made where the server showed none: answers checked as the user leaves
/// them show beside their field.
fn sync_summary(form: &Element, error_prefix: &str) -> Option<()> {
    let document = form.owner_document()?;
    let summary = document.query_selector(".pt-error-summary").ok()??;
    let list = summary.query_selector(".pt-error-summary__list").ok()??;
    let shown = form.query_selector_all(".pt-question:not([hidden]) .pt-error-message").ok()?;
    if shown.length() == 0 {
        summary.remove();
        let prefix = format!("{error_prefix} ");
        if let Some(title) = document.title().strip_prefix(&prefix) {
            document.set_title(title);
        }
        return Some(());
    }
    list.set_text_content(None);
    for index in 0..shown.length() {
        let Some(error) = shown.item(index).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Some(group) = error.closest(".pt-form-group").ok().flatten() else { continue };
        let Some(control) = group.query_selector("input, select, textarea").ok().flatten() else { continue };
        let (item, link) = (document.create_element("li").ok()?, document.create_element("a").ok()?);
        let _ = link.set_attribute("href", &format!("#{}", control.id()));
        link.set_text_content(Some(&message_text(&error)));
        let _ = item.append_child(&link);
        let _ = list.append_child(&item);
    }
    Some(())
}

/// Says a new error aloud: the message beside the field is not read when it appears, and
/// focus has already moved on. The region is visually hidden, so nothing moves.
fn announce(form: &Element, text: &str) -> Option<()> {
    let document = form.owner_document()?;
    let region = match document.get_element_by_id(ANNOUNCER) {
        Some(region) => region,
        None => {
            let region = document.create_element("p").ok()?;
            region.set_id(ANNOUNCER);
            region.set_class_name("pt-visually-hidden");
            let _ = region.set_attribute("aria-live", "polite");
            let _ = form.append_child(&region);
            region
        }
    };
    region.set_text_content(Some(text));
    Some(())
}

const ANNOUNCER: &str = "pt-step-announcer";

/// The checks the page makes, with what they need.
struct Checker {
    step: &'static Step,
    script: StepScript,
    /// Whether a mouse button or finger is down: nothing may move under the pointer between
    /// press and release, or the release lands elsewhere and the click is lost.
    pressed: Cell<bool>,
    /// Fields left while the pointer was down, checked once it is released.
    waiting: RefCell<Vec<Element>>,
}

impl Checker {
    /// Checks the answer of the question whose field `target` is, and shows or clears its
    /// error. An empty field is left alone: the user may only be passing through.
    fn check(&self, target: &Element) {
        let Some(wrapper) = target.closest(".pt-question").ok().flatten() else { return };
        let Some((question, item)) = wrapper_of(self.step, &wrapper) else { return };
        let Some(form) = wrapper.closest("form").ok().flatten() else { return };
        let field = field_name(question.id, item);
        let script = &self.script;
        // A problem the page did not word is left to the server's check on submit.
        let problem = match check_answer(question, &field, &submitted(&form), &script.answers, script.today) {
            Err(Problem::Missing) | Ok(_) => None,
            Err(problem) => script.message(&field, &problem),
        };
        let was = has_error(&wrapper);
        mark_error(&wrapper, &field, problem, &script.error_prefix);
        if let (Some(text), false) = (problem, was) {
            announce(&form, &format!("{} {text}", script.error_prefix));
        }
        sync_summary(&form, &script.error_prefix);
    }

    /// The user left the field of `target`: check it now, or when the pointer is released.
    fn left(&self, target: Element) {
        if self.pressed.get() {
            self.waiting.borrow_mut().push(target);
        } else {
            self.check(&target);
        }
    }

    /// The pointer is released: check the fields left meanwhile, after the click that the
    /// release makes has landed.
    fn released(checker: &Rc<Checker>) {
        checker.pressed.set(false);
        if checker.waiting.borrow().is_empty() {
            return;
        }
        let checker = checker.clone();
        leptos::prelude::set_timeout(
            move || {
                let waiting: Vec<Element> = checker.waiting.borrow_mut().drain(..).collect();
                for target in waiting {
                    checker.check(&target);
                }
            },
            std::time::Duration::ZERO,
        );
    }
}

/// Whether the question shows an error now (the server's or the script's).
fn has_error(wrapper: &Element) -> bool {
    wrapper.query_selector(".pt-error-message").ok().flatten().is_some()
}

/// Attaches the enhancements to the step form on the page.
pub fn enhance(script: StepScript) {
    let document = leptos::prelude::document();
    let Some(form) = document.query_selector(".pt-step-form").ok().flatten() else { return };
    let Some((_, step)) =
        Catalogue::default().form(&script.kind, script.version).and_then(|def| def.step(&script.step))
    else {
        return;
    };
    reveal(&form, step, &script.answers, script.today);
    let checker = Rc::new(Checker { step, script, pressed: Cell::new(false), waiting: RefCell::new(Vec::new()) });
    let on_change = {
        let (form, checker) = (form.clone(), checker.clone());
        Closure::<dyn Fn(Event)>::new(move |event: Event| {
            reveal(&form, checker.step, &checker.script.answers, checker.script.today);
            // An answer shown as wrong (by the server or on leaving) is checked again as the
            // user types, so the error goes as soon as it is put right, before any click.
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            if target.closest(".pt-question").ok().flatten().is_some_and(|wrapper| has_error(&wrapper)) {
                checker.check(&target);
            }
        })
    };
    let on_leave = {
        let checker = checker.clone();
        Closure::<dyn Fn(FocusEvent)>::new(move |event: FocusEvent| {
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            // Moving between the boxes of one answer (a date's day, month and year) is not
            // leaving it.
            let wrapper = target.closest(".pt-question").ok().flatten();
            let next = event.related_target().and_then(|t| t.dyn_into::<Element>().ok());
            let staying = match (&wrapper, next.and_then(|n| n.closest(".pt-question").ok().flatten())) {
                (Some(here), Some(there)) => here.is_same_node(Some(&there)),
                _ => false,
            };
            if !staying {
                checker.left(target);
            }
        })
    };
    let on_press = {
        let checker = checker.clone();
        Closure::<dyn Fn(Event)>::new(move |_: Event| checker.pressed.set(true))
    };
    let on_release = Closure::<dyn Fn(Event)>::new(move |_: Event| Checker::released(&checker));
    for event in ["change", "input"] {
        let _ = form.add_event_listener_with_callback(event, on_change.as_ref().unchecked_ref());
    }
    let _ = form.add_event_listener_with_callback("focusout", on_leave.as_ref().unchecked_ref());
    // On the document and while capturing: a press anywhere counts, and before the focus moves.
    let _ = document.add_event_listener_with_callback_and_bool("pointerdown", on_press.as_ref().unchecked_ref(), true);
    for event in ["pointerup", "pointercancel"] {
        let _ = document.add_event_listener_with_callback_and_bool(event, on_release.as_ref().unchecked_ref(), true);
    }
    // They live as long as the page.
    on_change.forget();
    on_leave.forget();
    on_press.forget();
    on_release.forget();
}
