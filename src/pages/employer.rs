//! The employer's pages: the start (`/employer`) with whom the session acts for — choosing an
//! organisation through Suomi.fi e-Authorizations (never done by logging in), switching, and
//! acting as oneself again — and the organisation's tasks; and one task's page
//! (`/employer/tasks/{id}`), where the terms of employment are started. Plain forms: it works
//! without JavaScript.

use crate::components::{Button, ButtonKind, Checkboxes, Choice, SummaryList, SummaryRow, Task, TaskList, TaskStatus};
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, EmployerHome, EmployerTask};
use crate::pages::account::{form_state, FormPage};
use leptos::prelude::*;

/// `/employer`.
#[component]
pub fn EmployerPage() -> impl IntoView {
    let home = from_request::<EmployerHome>().unwrap_or_default();
    let acting = match (&home.acting_name, &home.acting_business_id) {
        (Some(name), Some(business_id)) => view! {
            <div class="pt-panel pt-panel--confirmation" id="acting-for">
                <h2 class="pt-panel__title">{t_args("employer-acting-for", &[("name", name), ("id", business_id)])}</h2>
            </div>
            <Tasks tasks=home.tasks.clone()/>
            <h2 class="pt-heading-m">{t("employer-other-title")}</h2>
            <form method="post" action="/employer/act">
                <Button text=t("employer-switch") kind=ButtonKind::Secondary/>
            </form>
            <form method="post" action="/employer/act-as-self">
                <Button text=t("employer-as-self") kind=ButtonKind::Secondary/>
            </form>
        }
        .into_any(),
        _ if !home.identity_known => view! {
            <p class="pt-body" id="acting-for">{t("employer-no-identity")}</p>
        }
        .into_any(),
        _ => view! {
            <p class="pt-body" id="acting-for">{t("employer-acting-self-now")}</p>
            <p class="pt-body">{t("employer-choose-intro")}</p>
            <form method="post" action="/employer/act">
                <Button text=t("employer-choose")/>
            </form>
        }
        .into_any(),
    };
    view! {
        <FormPage title=t("employer-title") state=form_state()>
            <p class="pt-body">{t("employer-intro")}</p>
            {acting}
        </FormPage>
    }
}

/// How far the employer's part of a task is, as a task list says it.
fn terms_status(task: &EmployerTask) -> TaskStatus {
    match task.terms.as_str() {
        "after-fee" | "needed" => TaskStatus::NotStarted,
        "started" => TaskStatus::InProgress,
        _ => TaskStatus::Completed,
    }
}

/// The organisation's tasks: each employee's application with what is needed of the employer.
#[component]
fn Tasks(tasks: Vec<EmployerTask>) -> impl IntoView {
    if tasks.is_empty() {
        return view! {
            <h2 class="pt-heading-m">{t("employer-tasks-title")}</h2>
            <p class="pt-body" id="employer-tasks">{t("employer-tasks-none")}</p>
        }
        .into_any();
    }
    let list: Vec<Task> = tasks
        .iter()
        .map(|task| {
            let mut hint = t_args("employer-task-hint", &[("reference", &task.reference), ("date", &task.birth_date)]);
            if let Some(due) = &task.due_on {
                hint = format!("{hint} {}", t_args("employer-task-due", &[("date", due)]));
            }
            if task.open_requests > 0 {
                hint = format!("{hint} {}", t("employer-task-request"));
            }
            Task {
                title: t_args("employer-task-title", &[("name", &task.name)]),
                href: Some(task.href.clone()),
                hint: Some(hint),
                status: terms_status(task),
            }
        })
        .collect();
    view! {
        <h2 class="pt-heading-m">{t("employer-tasks-title")}</h2>
        <p class="pt-body">{t("employer-tasks-intro")}</p>
        <div id="employer-tasks"><TaskList id="employer-task" tasks=list/></div>
        <Bulk tasks=tasks/>
    }
    .into_any()
}

/// Identical terms for several employees: chosen among the tasks that need terms, filled in
/// once, sent as one document per application. Offered when two or more need them.
#[component]
fn Bulk(tasks: Vec<EmployerTask>) -> impl IntoView {
    let needed: Vec<Choice> = tasks
        .iter()
        .filter(|task| task.terms == "needed")
        .map(|task| {
            let label = t_args("employer-bulk-item", &[("name", &task.name), ("reference", &task.reference)]);
            Choice::new(task.id.clone(), label).with_hint(t_args("employer-bulk-born", &[("date", &task.birth_date)]))
        })
        .collect();
    if needed.len() < 2 {
        return ().into_any();
    }
    let state = form_state();
    view! {
        <h2 class="pt-heading-m" id="bulk-title">{t("employer-bulk-title")}</h2>
        <p class="pt-body">{t("employer-bulk-intro")}</p>
        <form method="post" action="/employer/bulk" novalidate>
            <Checkboxes name="task" legend=t("employer-bulk-legend") options=needed error=state.error("task")
                checked=state.values("task")/>
            <Button text=t("employer-bulk-start") kind=ButtonKind::Secondary/>
        </form>
    }
    .into_any()
}

/// `/employer/tasks/{id}`: one employee's application as the organisation sees it: who, the
/// reference, the application's state, and the employer's part.
#[component]
pub fn EmployerTaskPage() -> impl IntoView {
    let Some(task) = from_request::<EmployerTask>() else {
        return view! { <crate::pages::not_found::NotFoundPage/> }.into_any();
    };
    let row = |key: String, value: String| SummaryRow { key, value, change_href: None };
    let mut rows = vec![
        row(t("employer-task-name"), task.name.clone()),
        row(t("employer-task-birth-date"), task.birth_date.clone()),
        row(t("payment-reference"), task.reference.clone()),
        row(t("employer-task-state"), t(&task.state)),
        row(t("employer-task-terms"), t(&format!("employer-terms-{}", task.terms))),
    ];
    if let Some(due) = &task.due_on {
        rows.push(row(t("employer-task-due-label"), due.clone()));
    }
    let lang = crate::i18n::use_lang();
    let action = match (task.terms.as_str(), &task.terms_href) {
        ("after-fee", _) => {
            let fee = task.fee.clone().map(|(cents, category)| {
                let category = t(&format!("fee-{category}"));
                view! { <p class="pt-body" id="employer-fee">{t_args("employer-task-fee", &[("amount", &lang.euros(cents)), ("category", &category)])}</p> }
            });
            view! {
                {fee}
                <form method="post" action=format!("{}/pay", task.href)>
                    <Button text=t("employer-task-pay")/>
                </form>
            }
            .into_any()
        }
        ("needed", _) => view! {
            <p class="pt-body">{t("employer-task-start-intro")}</p>
            <form method="post" action=task.href.clone()>
                <Button text=t("employer-task-start")/>
            </form>
        }
        .into_any(),
        ("started", Some(href)) => view! {
            <p class="pt-body"><a class="pt-button" id="terms-continue" href=href.clone()>{t("employer-task-continue")}</a></p>
        }
        .into_any(),
        (_, Some(href)) => {
            let request = (task.open_requests > 0).then(|| view! {
                <div class="pt-inset-text" id="employer-request"><p class="pt-body">{t("employer-task-request")}</p></div>
            });
            view! {
                {request}
                <p class="pt-body"><a class="pt-link" id="terms-sent" href=format!("{href}/sent")>{t("employer-task-sent")}</a></p>
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    let title = t_args("employer-task-title", &[("name", &task.name)]);
    view! {
        <FormPage title=title state=form_state()>
            <SummaryList rows=rows/>
            {action}
            <p class="pt-body"><a class="pt-link" href="/employer">{t("employer-task-back")}</a></p>
        </FormPage>
    }
    .into_any()
}
