//! A question page: one step's questions (or an exit's explanation), rendered from the form's
//! definition, with what the user typed and its problems after a failed save.

use super::{application, ApplicationFrame, ConfirmedBanner, NoSuchApplication};
use crate::components::layout::STEP_FORM_ID;
use crate::components::{
    Button, ButtonKind, Checkboxes, Choice, DateInput, DateParts, ErrorSummary, FieldError, Radios, Select,
    SelectOptions, SummaryList, TextInput, Textarea,
};
use crate::domain::countries;
use crate::domain::date::Date;
use crate::forms::answers::Answers;
use crate::forms::definition::FormDef;
use crate::forms::definition::{Kind, Question, Step};
use crate::forms::display;
use crate::forms::validate;
use crate::forms::validate::{control, field_name, item_anchor, FieldProblem, Submitted};
use crate::i18n::{t, t_args, use_lang, Lang};
use crate::page_data::{ApplicationView, KeptStep};
use crate::page_scripts::{StepMessages, StepScript};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

/// The typed or saved value of a field, for showing it again.
struct Values<'a> {
    kept: Option<&'a KeptStep>,
    answers: &'a Answers,
    item: Option<&'a std::collections::BTreeMap<String, String>>,
}

impl Values<'_> {
    fn typed(&self) -> Option<&Submitted> {
        self.kept.map(|k| &k.typed)
    }

    fn text(&self, question: &Question, field: &str) -> String {
        match self.typed() {
            Some(typed) => typed.first(field).to_string(),
            None => self.saved(question).unwrap_or_default(),
        }
    }

    fn all(&self, question: &Question, field: &str) -> Vec<String> {
        match self.typed() {
            Some(typed) => typed.all(field).into_iter().map(str::to_string).collect(),
            None => self.saved(question).map(|v| v.split(',').map(str::to_string).collect()).unwrap_or_default(),
        }
    }

    fn date(&self, question: &Question, field: &str) -> DateParts {
        match self.typed() {
            Some(typed) => DateParts {
                day: typed.first(&format!("{field}-day")).into(),
                month: typed.first(&format!("{field}-month")).into(),
                year: typed.first(&format!("{field}-year")).into(),
            },
            None => match self.saved(question).and_then(|v| Date::parse_iso(&v)) {
                Some(date) => {
                    let (day, month, year) = date.parts();
                    DateParts { day: day.to_string(), month: month.to_string(), year: year.to_string() }
                }
                None => DateParts::default(),
            },
        }
    }

    fn saved(&self, question: &Question) -> Option<String> {
        match self.item {
            Some(item) => item.get(question.id).cloned(),
            None => self.answers.get(question.id).map(str::to_string),
        }
    }
}

/// The translated error of a field, naming the question (and the item it is in).
fn problem_text(step: &Step, problem: &FieldProblem) -> String {
    problem_message(step, problem.item, &problem.question, &problem.problem, use_lang())
}

/// What an item of a repeating step is called ("Child 2"), counting from 0.
pub(crate) fn item_legend(step: &Step, index: usize, lang: Lang) -> String {
    lang.t_args(&format!("item-{}-legend", step.id), &[("number", &(index + 1).to_string())])
}

/// The message of `problem` with the question `question` (in `item` of a repeating step), in
/// `lang`. The item is named, since every item asks the same questions.
pub(crate) fn problem_message(
    step: &Step,
    item: Option<usize>,
    question: &str,
    problem: &validate::Problem,
    lang: Lang,
) -> String {
    let kind = step.questions.iter().find(|q| q.id == question).map(|q| q.kind);
    let message = question_problem(question, kind, problem, lang);
    match item {
        Some(index) => lang.t_args("item-error", &[("item", &item_legend(step, index, lang)), ("message", &message)]),
        None => message,
    }
}

fn question_problem(question: &str, kind: Option<Kind>, problem: &validate::Problem, lang: Lang) -> String {
    let label = display::subject(question, lang);
    let (max, min, other) = match problem {
        validate::Problem::TooLong(max) => (max.to_string(), String::new(), String::new()),
        validate::Problem::Number(min, max) | validate::Problem::Hours(min, max) => {
            (max.to_string(), min.to_string(), String::new())
        }
        validate::Problem::DateNotAfter(other) | validate::Problem::IdentityCodeNotBorn(other) => {
            (String::new(), String::new(), display::subject(other, lang))
        }
        _ => (String::new(), String::new(), String::new()),
    };
    lang.t_args(
        kind.map_or(problem.message_id(), |kind| problem.message_id_for(kind)),
        &[("label", &label), ("max", &max), ("min", &min), ("other", &other)],
    )
}

/// How many items of a repeating step (at most `max`) the page shows: as many as the kept form
/// had, or as are saved, and at least one.
fn items_shown(view: &ApplicationView, step: &Step, kept: Option<&KeptStep>, max: u8) -> usize {
    let saved = view.answers.items.get(step.id).map_or(0, Vec::len);
    // However many items a kept form claims, no more than the step allows.
    kept.map_or(saved, |k| k.items).clamp(1, usize::from(max))
}

/// What the browser needs to check the answers of this page's step form as they are given,
/// with each message worded here: `None` where the page has no form to fill in.
pub fn step_script() -> Option<StepScript> {
    let (view, def) = application()?;
    let (_, step) = def.step(view.step.as_deref()?)?;
    if step.exit || !view.state.is_editable() {
        return None;
    }
    let lang = use_lang();
    let kept = view.kept.as_ref().filter(|k| k.step == step.id);
    let items = step.repeat.map(|max| items_shown(&view, step, kept, max));
    Some(StepScript {
        kind: def.kind.to_string(),
        version: def.version,
        step: step.id.to_string(),
        answers: view.answers,
        today: view.today,
        error_prefix: lang.t("error-prefix"),
        messages: step_messages(def, step, items, lang),
    })
}

/// `(field, problem, message)` for every field of `step` (with `items` items, if it repeats)
/// and each problem it may have, in `lang`. They depend on nothing else, so each set is worded
/// once: a few per step, language and number of items.
fn step_messages(def: &'static FormDef, step: &'static Step, items: Option<usize>, lang: Lang) -> StepMessages {
    type Key = (&'static str, u32, &'static str, Option<usize>, Lang);
    static WORDED: LazyLock<RwLock<HashMap<Key, StepMessages>>> = LazyLock::new(RwLock::default);
    let key = (def.kind, def.version, step.id, items, lang);
    if let Some(messages) = WORDED.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return messages.clone();
    }
    let fields: Vec<Option<usize>> = match items {
        None => vec![None],
        Some(count) => (0..count).map(Some).collect(),
    };
    let messages: StepMessages = fields
        .iter()
        .flat_map(|&item| {
            step.questions.iter().flat_map(move |question| {
                validate::possible_problems(question).into_iter().map(move |problem| {
                    let message = problem_message(step, item, question.id, &problem, lang);
                    (field_name(question.id, item), problem, message)
                })
            })
        })
        .collect();
    WORDED.write().unwrap_or_else(|e| e.into_inner()).insert(key, messages.clone());
    messages
}

/// The list of a country question in `lang`: "choose" and every country in the language's
/// order. Made once per language: it is the largest part of many pages.
fn country_options(lang: Lang) -> std::sync::Arc<SelectOptions> {
    static LISTS: std::sync::LazyLock<[std::sync::Arc<SelectOptions>; 3]> = std::sync::LazyLock::new(|| {
        Lang::ALL.map(|lang| {
            let mut list = vec![Choice::new("", lang.t("country-choose"))];
            list.extend(countries::sorted(lang).into_iter().map(|(code, name)| Choice::new(code, name)));
            std::sync::Arc::new(SelectOptions::new(&list))
        })
    });
    LISTS[lang.index()].clone()
}

/// The occupation groups, by code, as "25 Information and communications technology
/// professionals": the code is what employers find on their payroll papers.
fn occupation_options(lang: Lang) -> std::sync::Arc<SelectOptions> {
    static LISTS: std::sync::LazyLock<[std::sync::Arc<SelectOptions>; 3]> = std::sync::LazyLock::new(|| {
        Lang::ALL.map(|lang| {
            let mut list = vec![Choice::new("", lang.t("occupation-choose"))];
            list.extend(crate::domain::occupations::OCCUPATIONS.iter().map(|(code, ..)| {
                let name = crate::domain::occupations::name(code, lang).unwrap_or_default();
                Choice::new(*code, format!("{code} {name}"))
            }));
            std::sync::Arc::new(SelectOptions::new(&list))
        })
    });
    LISTS[lang.index()].clone()
}

/// One question as its control.
fn question_view(
    step: &Step,
    question: &'static Question,
    item: Option<usize>,
    values: &Values,
    problems: &[FieldProblem],
) -> AnyView {
    let lang = use_lang();
    let field = field_name(question.id, item);
    let label = display::label(question.id, lang);
    let hint = question.hint.then(|| t(&format!("q-{}-hint", question.id)));
    let error = problems
        .iter()
        .find(|p| p.question == question.id && p.field.starts_with(&field))
        .map(|p| problem_text(step, p));
    let options = |values: &[&str]| -> Vec<Choice> {
        values.iter().map(|v| Choice::new(*v, t(&format!("q-{}-{v}", question.id)))).collect()
    };
    let text = |input_type: &'static str,
                autocomplete: Option<&'static str>,
                width: Option<u8>,
                inputmode: Option<&'static str>| {
        let value = values.text(question, &field);
        match (hint.clone(), width) {
            (hint, Some(width)) => view! {
                <TextInput id=field.clone() label=label.clone() hint=hint.unwrap_or_default() error=error.clone()
                    value=value input_type=input_type autocomplete=autocomplete.unwrap_or("off") width=width
                    inputmode=inputmode.unwrap_or("text") spellcheck=false/>
            }
            .into_any(),
            (hint, None) => view! {
                <TextInput id=field.clone() label=label.clone() hint=hint.unwrap_or_default() error=error.clone()
                    value=value input_type=input_type autocomplete=autocomplete.unwrap_or("off")
                    inputmode=inputmode.unwrap_or("text")/>
            }
            .into_any(),
        }
    };
    let control = match question.kind {
        Kind::Text(max) if max <= 20 => text("text", None, Some(10), None),
        Kind::Text(_) | Kind::PassportName => text("text", None, None, None),
        Kind::LongText(_) => view! {
            <Textarea id=field.clone() label=label hint=hint.unwrap_or_default() error=error value=values.text(question, &field)/>
        }
        .into_any(),
        Kind::Email => text("email", Some("email"), None, Some("email")),
        Kind::Phone => text("tel", Some("tel"), Some(20), Some("tel")),
        Kind::PostalCode => text("text", Some("postal-code"), Some(5), Some("numeric")),
        Kind::IdentityCode(_) | Kind::BusinessId => text("text", None, Some(10), None),
        Kind::Iban => text("text", None, Some(20), None),
        Kind::Euros | Kind::Number(..) => text("text", None, Some(5), Some("numeric")),
        Kind::Hours(..) => text("text", None, Some(5), Some("decimal")),
        Kind::Date(_) => view! {
            <DateInput id=field.clone() legend=label hint=hint.unwrap_or_default() error=error
                value=values.date(question, &field) birth_date=question.id == "birth-date"/>
        }
        .into_any(),
        Kind::Choice(choices) => view! {
            <Radios name=field.clone() legend=label hint=hint.unwrap_or_default() error=error options=options(choices)
                selected=values.text(question, &field)/>
        }
        .into_any(),
        Kind::YesNo => {
            let yes_no = vec![Choice::new("yes", t("answer-yes")), Choice::new("no", t("answer-no"))];
            view! {
                <Radios name=field.clone() legend=label hint=hint.unwrap_or_default() error=error options=yes_no
                    selected=values.text(question, &field) inline=true/>
            }
            .into_any()
        }
        Kind::Choices(choices) => view! {
            <Checkboxes name=field.clone() legend=label hint=hint.unwrap_or_default() error=error options=options(choices)
                checked=values.all(question, &field)/>
        }
        .into_any(),
        Kind::Country => {
            view! {
                <Select id=field.clone() label=label hint=hint.unwrap_or_default() error=error options=country_options(lang)
                    selected=values.text(question, &field)/>
            }
            .into_any()
        }
        Kind::Occupation => {
            view! {
                <Select id=field.clone() label=label hint=hint.unwrap_or_default() error=error
                    options=occupation_options(lang) selected=values.text(question, &field)/>
            }
            .into_any()
        }
    };
    // Conditions within the step are revealed by the browser script; the wrapper names them.
    let conditional = question.when != crate::forms::definition::Cond::Always;
    view! {
        <div class="pt-question" data-question=question.id data-item=item.map(|i| i.to_string())
            data-conditional=conditional.then_some("true")>
            {control}
        </div>
    }
    .into_any()
}

/// An exit's explanation; one about an income threshold names the threshold in force today
/// and the day it took effect.
fn exit_body(step: &crate::forms::definition::Step, today: crate::domain::date::Date) -> String {
    let id = format!("step-{}-body", step.id);
    let threshold = step.when.threshold().and_then(|category| crate::domain::income_thresholds::on(category, today));
    match threshold {
        Some(threshold) => {
            let amount = crate::i18n::use_lang().whole_euros(threshold.euros);
            t_args(&id, &[("amount", &amount), ("since", &threshold.from.display())])
        }
        None => t(&id),
    }
}

/// `…/steps/{step}`: one step's questions (or an exit's explanation).
#[component]
pub fn StepPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let Some((_, step)) = view.step.as_deref().and_then(|id| def.step(id)) else {
        return view! { <NoSuchApplication/> }.into_any();
    };
    let title = t(&format!("step-{}", step.id));
    if step.exit {
        // Back to the answer that led here, not to the start of the application.
        let change = def.cause_of(step).map_or(view.base.clone(), |cause| format!("{}/steps/{}", view.base, cause.id));
        return view! {
            <ApplicationFrame view=view.clone() title=title.clone() back=change.clone()>
            <h1 class="pt-heading-xl">{title}</h1>
            <p class="pt-body">{exit_body(step, view.today)}</p>
            {step.instead.map(|kind| {
                let form = t(&format!("form-{kind}-title"));
                view! { <p class="pt-body"><a class="pt-link" id="exit-instead" href=format!("/apply/{kind}")>{t_args("exit-apply-instead", &[("application", &form)])}</a></p> }
            })}
            <p class="pt-body"><a class="pt-link" href=change>{t("exit-change-answers")}</a></p>
            </ApplicationFrame>
        }
        .into_any();
    }
    if !view.state.is_editable() {
        // Confirmed: the step's answers as they were sent on, and no form.
        let rows = super::check::answer_rows(&view, step);
        return view! {
            <ApplicationFrame view=view.clone() title=title.clone() back=view.base.clone()>
            <span class="pt-caption-l">{t(&format!("form-{}-title", def.kind))}</span>
            <h1 class="pt-heading-xl">{title}</h1>
            <ConfirmedBanner view=view.clone()/>
            <SummaryList rows=rows/>
            </ApplicationFrame>
        }
        .into_any();
    }
    let kept = view.kept.clone().filter(|k| k.step == step.id);
    let problems = kept.as_ref().map(|k| k.problems.clone()).unwrap_or_default();
    let has_errors = !problems.is_empty();
    let errors: Vec<FieldError> =
        problems.iter().map(|p| FieldError { field_id: p.field.clone(), message: problem_text(step, p) }).collect();
    let return_to_check =
        leptos_router::hooks::use_query_map().get_untracked().get(control::RETURN).is_some_and(|r| r == "check");
    let action = format!("{}/steps/{}", view.base, step.id);
    let lang = use_lang();
    let questions = match step.repeat {
        None => {
            let values = Values { kept: kept.as_ref(), answers: &view.answers, item: None };
            step.questions.iter().map(|q| question_view(step, q, None, &values, &problems)).collect_view().into_any()
        }
        Some(max) => {
            let saved = view.answers.items.get(step.id).cloned().unwrap_or_default();
            let count = items_shown(&view, step, kept.as_ref(), max);
            let items = (0..count)
                .map(|index| {
                    let values = Values { kept: kept.as_ref(), answers: &view.answers, item: saved.get(index) };
                    let fields = step
                        .questions
                        .iter()
                        .map(|q| question_view(step, q, Some(index), &values, &problems))
                        .collect_view();
                    let legend = item_legend(step, index, lang);
                    let number = (index + 1).to_string();
                    let remove_label = lang.t_args(&format!("item-{}-remove", step.id), &[("number", &number)]);
                    // The target of the page's address after adding or removing an item, so
                    // that focus stays where the user acted.
                    view! {
                        <fieldset class="pt-fieldset pt-repeat-item" id=item_anchor(index) tabindex="-1">
                            <legend class="pt-fieldset__legend pt-fieldset__legend--m">{legend}</legend>
                            {fields}
                            {(count > 1).then(|| view! {
                                <button type="submit" class="pt-button pt-button--secondary" name=control::REMOVE value=index.to_string()>
                                    {remove_label}
                                </button>
                            })}
                        </fieldset>
                    }
                })
                .collect_view();
            let add = (count < usize::from(max))
                .then(|| view! { <Button text=t(&format!("item-{}-add", step.id)) kind=ButtonKind::Secondary name=control::ACTION value="add"/> });
            view! { {items} {add} }.into_any()
        }
    };
    let intro = step.intro.then(|| view! { <p class="pt-body">{t(&format!("step-{}-intro", step.id))}</p> });
    // Sent after the session ended and kept across logging in again (B23): not saved yet.
    let resumed = kept.as_ref().is_some_and(|kept| kept.resumed).then(|| {
        view! {
            <crate::components::NotificationBanner id="resumed-banner">
                <p class="pt-body">{t("step-resumed")}</p>
            </crate::components::NotificationBanner>
        }
    });
    let back = if return_to_check { format!("{}/check", view.base) } else { view.base.clone() };
    view! {
        <ApplicationFrame view=view.clone() title=title.clone() has_errors back=back>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=errors/>
                {resumed}
                <span class="pt-caption-l">{t(&format!("form-{}-title", def.kind))}</span>
                <h1 class="pt-heading-xl">{title}</h1>
                {intro}
                <form method="post" action=action novalidate class="pt-step-form" id=STEP_FORM_ID data-step=step.id>
                    {return_to_check.then(|| view! { <input type="hidden" name=control::RETURN value="check"/> })}
                    {questions}
                    <div class="pt-button-group">
                        <Button text=t("button-save-continue")/>
                        // The pre-check keeps nothing to come back to.
                        {(def.filled_by != crate::forms::definition::FilledBy::Visitor).then(|| view! {
                            <Button text=t("button-save-later") kind=ButtonKind::Secondary name=control::ACTION value="later"/>
                        })}
                    </div>
                </form>
            </div>
        </div>
        </ApplicationFrame>
    }
    .into_any()
}
