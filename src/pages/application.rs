//! The one renderer of every application: the list of the applicant's applications, the start
//! page, the task list, question pages, check your answers, the declaration, and the page that
//! leads on to payment. Staff previews use the same pages under `/staff/preview/{kind}`.

use super::account::form_state;
use crate::components::{
    BackLink, Button, ButtonKind, Checkboxes, Choice, DateInput, DateParts, ErrorSummary, FieldError,
    NotificationBanner, Radios, Select, SummaryList, SummaryRow, Task, TaskList, TaskStatus, TextInput, Textarea,
};
use crate::domain::countries;
use crate::domain::date::Date;
use crate::forms::answers::{Answers, Progress};
use crate::forms::catalogue::{self, FORMS};
use crate::forms::definition::{FormDef, Kind, Question, Section, Step};
use crate::forms::display;
use crate::forms::validate::{field_name, FieldProblem, Submitted};
use crate::forms::{derive, validate};
use crate::i18n::{t, t_args, use_lang};
use crate::page_data::{from_request, ApplicationView, KeptStep, MyApplications};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown when the page's application does not exist for this user: answered with 404.
#[component]
fn NoSuchApplication() -> impl IntoView {
    super::not_found::answer_not_found();
    view! {
        <Title text=t("not-found-title")/>
        <h1 class="pt-heading-xl">{t("not-found-title")}</h1>
        <p class="pt-body"><a class="pt-link" href="/applications">{t("applications-title")}</a></p>
    }
}

/// The application of this page and its definition, or nothing.
fn application() -> Option<(ApplicationView, &'static FormDef)> {
    let view = from_request::<ApplicationView>()?;
    let def = catalogue::form(&view.kind)?;
    Some((view, def))
}

/// The preview banner of staff previews.
#[component]
fn PreviewBanner(view: ApplicationView) -> impl IntoView {
    view.preview.then(|| {
        let restart = format!("{}/restart", view.base);
        view! {
            <div class="pt-preview-banner" role="region" aria-label=t("preview-label")>
                <strong class="pt-tag">{t("preview-tag")}</strong>
                " "
                {t("preview-body")}
                <form method="post" action=restart class="pt-preview-banner__restart">
                    <Button text=t("preview-restart") kind=ButtonKind::Secondary/>
                </form>
            </div>
        }
    })
}

/// `/applications`: the applicant's applications, and the ones they can start.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let mine = from_request::<MyApplications>().unwrap_or_default().items;
    let rows = mine
        .into_iter()
        .map(|item| {
            let title = t(&format!("form-{}-title", item.kind));
            let status = t(&format!("state-{}", item.state));
            let detail = match (&item.reference, item.state.as_str()) {
                (Some(reference), _) => t_args("applications-reference", &[("reference", reference)]),
                (None, _) => t_args("applications-kept-until", &[("date", &item.expires_on)]),
            };
            view! {
                <li class="pt-application-list__item">
                    <a class="pt-link pt-application-list__link" href=item.base.clone()>{title}</a>
                    " "
                    <strong class="pt-tag pt-tag--blue">{status}</strong>
                    <p class="pt-body pt-application-list__meta">
                        {t_args("applications-saved-on", &[("date", &item.updated_on)])}
                        " · "
                        {detail}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=t("applications-title")/>
        <h1 class="pt-heading-xl">{t("applications-title")}</h1>
        <ul class="pt-list pt-application-list">{rows}</ul>
        <h2 class="pt-heading-l">{t("applications-start-title")}</h2>
        <FormChoices href_prefix="/apply/"/>
    }
}

/// Every form with its title and who it is for, each linking to `{href_prefix}{kind}`.
#[component]
fn FormChoices(#[prop(into)] href_prefix: String) -> impl IntoView {
    FORMS
        .iter()
        .map(|def| {
            let href = format!("{href_prefix}{}", def.kind);
            view! {
                <h3 class="pt-heading-m"><a class="pt-link" href=href>{t(&format!("form-{}-title", def.kind))}</a></h3>
                <p class="pt-body">{t(&format!("form-{}-intro", def.kind))}</p>
            }
        })
        .collect_view()
}

/// `/apply/{kind}`: what the application is for and what to have at hand, then start.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let kind = leptos_router::hooks::use_params_map().get_untracked().get("kind").unwrap_or_default();
    let Some(def) = catalogue::form(&kind) else { return view! { <NoSuchApplication/> }.into_any() };
    let title = t(&format!("form-{}-title", def.kind));
    let action = format!("/apply/{}", def.kind);
    view! {
        <Title text=title.clone()/>
        <BackLink href="/applications"/>
        <h1 class="pt-heading-xl">{title}</h1>
        <p class="pt-body-l">{t(&format!("form-{}-intro", def.kind))}</p>
        <h2 class="pt-heading-m">{t("apply-before-title")}</h2>
        <ul class="pt-list pt-list--bullet">
            <li>{t("apply-before-passport")}</li>
            <li>{t("apply-before-attachments")}</li>
            <li>{t("apply-before-fee")}</li>
        </ul>
        <p class="pt-body">{t("apply-before-drafts")}</p>
        <form method="post" action=action>
            <Button text=t("apply-start")/>
        </form>
    }
    .into_any()
}

fn task_status(progress: Progress) -> TaskStatus {
    match progress {
        Progress::NotStarted => TaskStatus::NotStarted,
        Progress::InProgress => TaskStatus::InProgress,
        Progress::Completed => TaskStatus::Completed,
        Progress::NotNeeded => TaskStatus::CannotStartYet,
    }
}

/// Where a section's task link goes: its first step that applies and is not done, else its
/// first step that applies.
fn section_href(view: &ApplicationView, section: &Section) -> Option<String> {
    let applies = |step: &&Step| !step.exit && view.answers.applies(step, view.today);
    let first = section.steps.iter().filter(applies).find(|s| !view.answers.done.contains(s.id));
    let step = first.or_else(|| section.steps.iter().find(applies))?;
    Some(format!("{}/steps/{}", view.base, step.id))
}

/// `/applications/{id}`: the task list of the application.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let title = t(&format!("form-{}-title", def.kind));
    let today = view.today;
    let mut tasks: Vec<Task> = def
        .sections
        .iter()
        .map(|section| {
            let progress = view.answers.progress(section, today);
            Task {
                title: t(&format!("section-{}", section.id)),
                href: (progress != Progress::NotNeeded && view.state == "draft")
                    .then(|| section_href(&view, section))
                    .flatten(),
                hint: None,
                status: task_status(progress),
            }
        })
        .collect();
    let complete = view.answers.is_complete(def, today);
    tasks.push(Task {
        title: t("overview-check"),
        href: (complete && view.state == "draft").then(|| format!("{}/check", view.base)),
        hint: None,
        status: if complete { TaskStatus::NotStarted } else { TaskStatus::CannotStartYet },
    });
    let exit = view.answers.exit(def, today).map(|step| {
        let href = format!("{}/steps/{}", view.base, step.id);
        view! {
            <NotificationBanner id="exit-banner">
                <p class="pt-notification-banner__heading">{t(&format!("step-{}", step.id))}</p>
                <p class="pt-body"><a class="pt-link" href=href>{t("overview-exit-link")}</a></p>
            </NotificationBanner>
        }
    });
    let ready = (view.state != "draft").then(|| {
        let href = format!("{}/payment", view.base);
        view! {
            <NotificationBanner id="ready-banner">
                <p class="pt-notification-banner__heading">{t("overview-declared")}</p>
                <p class="pt-body"><a class="pt-link" href=href>{t("overview-to-payment")}</a></p>
            </NotificationBanner>
        }
    });
    let kept = view
        .expires_on
        .clone()
        .map(|date| view! { <p class="pt-body">{t_args("overview-kept-until", &[("date", &date)])}</p> });
    // Coming back, the applicant goes on from the first step that is not finished.
    let resume = (view.state == "draft")
        .then(|| view.answers.first_unfinished(def, today))
        .flatten()
        .filter(|_| view.answers.exit(def, today).is_none())
        .map(|step| {
            let href = format!("{}/steps/{}", view.base, step.id);
            view! { <p class="pt-body"><a class="pt-button" id="resume" href=href>{t("overview-continue")}</a></p> }
        });
    let attachments = derive::attachments(def, &view.answers, today)
        .into_iter()
        .map(|id| view! { <li>{t(&format!("attachment-{id}"))}</li> })
        .collect_view();
    let back = if view.preview { "/staff/preview".to_string() } else { "/applications".to_string() };
    view! {
        <Title text=title.clone()/>
        <PreviewBanner view=view.clone()/>
        <BackLink href=back/>
        <h1 class="pt-heading-xl">{title}</h1>
        {exit}
        {ready}
        {kept}
        {resume}
        <TaskList id="sections" tasks=tasks/>
        <h2 class="pt-heading-m">{t("overview-attachments-title")}</h2>
        <p class="pt-body">{t("overview-attachments-body")}</p>
        <ul class="pt-list pt-list--bullet">{attachments}</ul>
    }
    .into_any()
}

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

/// The translated error of a field, naming the question.
fn problem_text(problem: &FieldProblem) -> String {
    problem_message(&problem.question, &problem.problem, use_lang())
}

/// The message of `problem` with the question `question`, in `lang`.
pub(crate) fn problem_message(question: &str, problem: &validate::Problem, lang: crate::i18n::Lang) -> String {
    let label = display::label(question, lang);
    let (max, min, other) = match problem {
        validate::Problem::TooLong(max) => (max.to_string(), String::new(), String::new()),
        validate::Problem::Number(min, max) => (max.to_string(), min.to_string(), String::new()),
        validate::Problem::DateNotAfter(other) => (String::new(), String::new(), display::label(other, lang)),
        _ => (String::new(), String::new(), String::new()),
    };
    lang.t_args(problem.message_id(), &[("label", &label), ("max", &max), ("min", &min), ("other", &other)])
}

/// One question as its control.
fn question_view(
    question: &'static Question,
    item: Option<usize>,
    values: &Values,
    problems: &[FieldProblem],
) -> AnyView {
    let lang = use_lang();
    let field = field_name(question.id, item);
    let label = display::label(question.id, lang);
    let hint = question.hint.then(|| t(&format!("q-{}-hint", question.id)));
    let error = problems.iter().find(|p| p.question == question.id && p.field.starts_with(&field)).map(problem_text);
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
        Kind::IdentityCode | Kind::BusinessId => text("text", None, Some(10), None),
        Kind::Iban => text("text", None, Some(20), None),
        Kind::Euros | Kind::Number(..) => text("text", None, Some(5), Some("numeric")),
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
            let mut list = vec![Choice::new("", t("country-choose"))];
            list.extend(countries::sorted(lang).into_iter().map(|(code, name)| Choice::new(code, name)));
            view! {
                <Select id=field.clone() label=label hint=hint.unwrap_or_default() error=error options=list
                    selected=values.text(question, &field)/>
            }
            .into_any()
        }
    };
    // Conditions within the step are revealed by the browser script; the wrapper names them.
    let conditional = question.when != crate::forms::definition::Cond::Always;
    // Where the browser script puts the error of an answer checked as the user leaves it.
    let live_error = format!("{field}-live");
    view! {
        <div class="pt-question" data-question=question.id data-item=item.map(|i| i.to_string())
            data-conditional=conditional.then_some("true")>
            <p class="pt-error-message pt-live-error" id=live_error aria-live="polite" hidden></p>
            {control}
        </div>
    }
    .into_any()
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
        return view! {
            <Title text=title.clone()/>
            <PreviewBanner view=view.clone()/>
            <BackLink href=view.base.clone()/>
            <h1 class="pt-heading-xl">{title}</h1>
            <p class="pt-body">{t(&format!("step-{}-body", step.id))}</p>
            <p class="pt-body"><a class="pt-link" href=view.base.clone()>{t("exit-change-answers")}</a></p>
        }
        .into_any();
    }
    let kept = view.kept.clone().filter(|k| k.step == step.id);
    let problems = kept.as_ref().map(|k| k.problems.clone()).unwrap_or_default();
    let errors: Vec<FieldError> =
        problems.iter().map(|p| FieldError { field_id: p.field.clone(), message: problem_text(p) }).collect();
    let document_title = if errors.is_empty() { title.clone() } else { format!("{} {title}", t("error-prefix")) };
    let return_to_check =
        leptos_router::hooks::use_query_map().get_untracked().get("return").is_some_and(|r| r == "check");
    let action = format!("{}/steps/{}", view.base, step.id);
    let questions = match step.repeat {
        None => {
            let values = Values { kept: kept.as_ref(), answers: &view.answers, item: None };
            step.questions.iter().map(|q| question_view(q, None, &values, &problems)).collect_view().into_any()
        }
        Some(max) => {
            let saved = view.answers.items.get(step.id).cloned().unwrap_or_default();
            let count = kept.as_ref().map_or(saved.len().max(1), |k| k.items.max(1));
            let items = (0..count)
                .map(|index| {
                    let values = Values { kept: kept.as_ref(), answers: &view.answers, item: saved.get(index) };
                    let fields = step.questions.iter().map(|q| question_view(q, Some(index), &values, &problems)).collect_view();
                    let legend = t_args("item-legend", &[("number", &(index + 1).to_string())]);
                    let remove_label = t_args("item-remove", &[("number", &(index + 1).to_string())]);
                    view! {
                        <fieldset class="pt-fieldset pt-repeat-item">
                            <legend class="pt-fieldset__legend pt-fieldset__legend--m">{legend}</legend>
                            {fields}
                            {(count > 1).then(|| view! {
                                <button type="submit" class="pt-button pt-button--secondary" name="remove" value=index.to_string()>
                                    {remove_label}
                                </button>
                            })}
                        </fieldset>
                    }
                })
                .collect_view();
            let add = (count < usize::from(max))
                .then(|| view! { <Button text=t("item-add") kind=ButtonKind::Secondary name="action" value="add"/> });
            view! { {items} {add} }.into_any()
        }
    };
    let intro = step.intro.then(|| view! { <p class="pt-body">{t(&format!("step-{}-intro", step.id))}</p> });
    #[cfg(feature = "hydrate")]
    {
        let (answers, today, lang) = (view.answers.clone(), view.today, use_lang());
        Effect::new(move |_| super::step_enhance::enhance(step, answers.clone(), today, lang, problem_message));
    }
    let back = if return_to_check { format!("{}/check", view.base) } else { view.base.clone() };
    view! {
        <Title text=document_title/>
        <PreviewBanner view=view.clone()/>
        <BackLink href=back/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=errors/>
                <span class="pt-caption-l">{t(&format!("form-{}-title", def.kind))}</span>
                <h1 class="pt-heading-xl">{title}</h1>
                {intro}
                <form method="post" action=action novalidate class="pt-step-form" data-step=step.id>
                    {return_to_check.then(|| view! { <input type="hidden" name="return" value="check"/> })}
                    {questions}
                    <div class="pt-button-group">
                        <Button text=t("button-save-continue")/>
                        <Button text=t("button-save-later") kind=ButtonKind::Secondary name="action" value="later"/>
                    </div>
                </form>
            </div>
        </div>
    }
    .into_any()
}

/// The rows of a step's answers on the check page.
fn answer_rows(view: &ApplicationView, step: &'static Step) -> Vec<SummaryRow> {
    let lang = use_lang();
    let change = format!("{}/steps/{}?return=check", view.base, step.id);
    let row = |question: &Question, value: Option<&String>, prefix: String| SummaryRow {
        key: format!("{prefix}{}", display::label(question.id, lang)),
        value: value.map_or_else(|| t("check-not-answered"), |v| display::answer(question, v, lang)),
        change_href: Some(change.clone()),
    };
    if step.repeat.is_some() {
        let items = view.answers.items.get(step.id).cloned().unwrap_or_default();
        return items
            .iter()
            .enumerate()
            .flat_map(|(index, item)| {
                let prefix = format!("{} – ", t_args("item-legend", &[("number", &(index + 1).to_string())]));
                let mut with_item = view.answers.clone();
                with_item.values.extend(item.clone());
                step.questions
                    .iter()
                    .filter(|q| with_item.asks(q, view.today))
                    .map(|q| row(q, item.get(q.id), prefix.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    step.questions
        .iter()
        .filter(|q| view.answers.asks(q, view.today))
        .map(|q| row(q, view.answers.values.get(q.id), String::new()))
        .collect()
}

/// `…/check`: every answer, with a way back to change it.
#[component]
pub fn CheckPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let sections = def
        .sections
        .iter()
        .filter_map(|section| {
            let rows: Vec<SummaryRow> = section
                .steps
                .iter()
                .filter(|s| !s.exit && view.answers.applies(s, view.today))
                .flat_map(|s| answer_rows(&view, s))
                .collect();
            (!rows.is_empty()).then(|| {
                view! {
                    <h2 class="pt-heading-m">{t(&format!("section-{}", section.id))}</h2>
                    <SummaryList rows=rows/>
                }
            })
        })
        .collect_view();
    let complete = view.answers.is_complete(def, view.today);
    let next = format!("{}/declaration", view.base);
    view! {
        <Title text=t("check-title")/>
        <PreviewBanner view=view.clone()/>
        <BackLink href=view.base.clone()/>
        <h1 class="pt-heading-xl">{t("check-title")}</h1>
        {sections}
        {if complete {
            view! { <p class="pt-body"><a class="pt-button" href=next>{t("check-continue")}</a></p> }.into_any()
        } else {
            view! { <p class="pt-body">{t("check-incomplete")}</p> }.into_any()
        }}
    }
    .into_any()
}

/// `…/declaration`: the applicant confirms the answers are true.
#[component]
pub fn DeclarationPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let state = form_state();
    let errors = state.field_errors();
    let action = format!("{}/declaration", view.base);
    let confirm = vec![Choice::new("yes", t("declaration-confirm"))];
    let fee =
        derive::fee_category(def, &view.answers, view.today).map(|id| t(&format!("fee-{id}"))).unwrap_or_default();
    view! {
        <Title text=t("declaration-title")/>
        <PreviewBanner view=view.clone()/>
        <BackLink href=format!("{}/check", view.base)/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=errors/>
                <h1 class="pt-heading-xl">{t("declaration-title")}</h1>
                <p class="pt-body">{t("declaration-truth")}</p>
                <p class="pt-body">{t("declaration-consequences")}</p>
                <p class="pt-body">{t_args("declaration-fee", &[("category", &fee)])}</p>
                <form method="post" action=action novalidate>
                    <Checkboxes name="confirm" legend=t("declaration-legend") options=confirm error=state.error("confirm")/>
                    <Button text=t("declaration-submit")/>
                </form>
            </div>
        </div>
    }
    .into_any()
}

/// `…/payment`: the application is complete and locked; the fee comes next.
#[component]
pub fn PaymentPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let fee =
        derive::fee_category(def, &view.answers, view.today).map(|id| t(&format!("fee-{id}"))).unwrap_or_default();
    let reference = view.reference.clone().map(|reference| {
        view! {
            <div class="pt-panel">
                <p class="pt-panel__body">{t("payment-reference")}<br/><strong class="pt-reference">{reference}</strong></p>
            </div>
        }
    });
    let body = if view.preview {
        view! { <p class="pt-body">{t("payment-preview")}</p> }.into_any()
    } else if view.state == "draft" {
        view! { <p class="pt-body">{t("check-incomplete")}</p> }.into_any()
    } else {
        view! {
            <p class="pt-body">{t("payment-locked")}</p>
            <p class="pt-body">{t("payment-next")}</p>
        }
        .into_any()
    };
    view! {
        <Title text=t("payment-title")/>
        <PreviewBanner view=view.clone()/>
        <h1 class="pt-heading-xl">{t("payment-title")}</h1>
        {reference}
        <p class="pt-body">{t_args("payment-fee", &[("category", &fee)])}</p>
        {body}
        <p class="pt-body"><a class="pt-link" href=view.base.clone()>{t("payment-back")}</a></p>
    }
    .into_any()
}

/// `/staff/preview`: every form, to walk in any language.
#[component]
pub fn PreviewIndexPage() -> impl IntoView {
    let forms = FORMS
        .iter()
        .map(|def| {
            let links = crate::i18n::Lang::ALL
                .iter()
                .map(|lang| {
                    let href = format!("/staff/preview/{}?lang={}", def.kind, lang.code());
                    view! { <li><a class="pt-link" href=href lang=lang.code()>{lang.native_name()}</a></li> }
                })
                .collect_view();
            let flow = format!("/staff/forms/{}", def.kind);
            view! {
                <h2 class="pt-heading-m">{t(&format!("form-{}-title", def.kind))}</h2>
                <p class="pt-body">{t("preview-walk")}</p>
                <ul class="pt-list pt-preview-languages">{links}</ul>
                <p class="pt-body"><a class="pt-link" href=flow>{t("flow-title")}</a></p>
            }
        })
        .collect_view();
    view! {
        <Title text=t("preview-title")/>
        <BackLink href="/staff"/>
        <h1 class="pt-heading-xl">{t("preview-title")}</h1>
        <p class="pt-body">{t("preview-intro")}</p>
        {forms}
    }
}

/// `/staff/forms/{kind}`: every step, question and condition of a form, and what each branch
/// requires, to review a change before it goes live.
#[component]
pub fn FlowMapPage() -> impl IntoView {
    let kind = leptos_router::hooks::use_params_map().get_untracked().get("kind").unwrap_or_default();
    let Some(def) = catalogue::form(&kind) else { return view! { <NoSuchApplication/> }.into_any() };
    let lang = use_lang();
    let title = t(&format!("form-{}-title", def.kind));
    let sections = def
        .sections
        .iter()
        .map(|section| {
            let steps = section
                .steps
                .iter()
                .map(|step| {
                    let when = display::condition(def, &step.when, lang);
                    let questions = step
                        .questions
                        .iter()
                        .map(|q| {
                            let required = t(if q.required { "flow-required" } else { "flow-optional" });
                            let when = (q.when != crate::forms::definition::Cond::Always)
                                .then(|| format!(" — {}: {}", t("flow-asked-when"), display::condition(def, &q.when, lang)));
                            view! {
                                <li>
                                    {display::label(q.id, lang)} " " <code>{q.id}</code> " (" {required} ")" {when}
                                </li>
                            }
                        })
                        .collect_view();
                    let kind_text = if step.exit {
                        t("flow-exit")
                    } else if step.repeat.is_some() {
                        t("flow-repeating")
                    } else {
                        String::new()
                    };
                    view! {
                        <h4 class="pt-heading-s">{t(&format!("step-{}", step.id))} " " <span class="pt-hint">{kind_text}</span></h4>
                        <p class="pt-body">{t("flow-asked-when")} ": " {when}</p>
                        <ul class="pt-list pt-list--bullet">{questions}</ul>
                    }
                })
                .collect_view();
            view! {
                <h3 class="pt-heading-m">{t(&format!("section-{}", section.id))}</h3>
                {steps}
            }
        })
        .collect_view();
    let rules = |rules: &'static [crate::forms::definition::Rule], prefix: &'static str| {
        rules
            .iter()
            .map(|rule| {
                view! { <li>{t(&format!("{prefix}-{}", rule.id))} ": " {display::condition(def, &rule.when, lang)}</li> }
            })
            .collect_view()
    };
    view! {
        <Title text=format!("{} – {title}", t("flow-title"))/>
        <BackLink href="/staff/preview"/>
        <span class="pt-caption-l">{t("flow-title")}</span>
        <h1 class="pt-heading-xl">{title}</h1>
        <p class="pt-body">{t_args("flow-version", &[("version", &def.version.to_string())])}</p>
        <h2 class="pt-heading-l">{t("flow-steps")}</h2>
        {sections}
        <h2 class="pt-heading-l">{t("overview-attachments-title")}</h2>
        <ul class="pt-list pt-list--bullet">{rules(def.attachments, "attachment")}</ul>
        <h2 class="pt-heading-l">{t("flow-fees")}</h2>
        <ul class="pt-list pt-list--bullet">{rules(def.fees, "fee")}</ul>
    }
    .into_any()
}
