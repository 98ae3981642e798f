//! Every component of the design system, with and without errors, on one page: reviewers see
//! them in each language, and the browser tests check them all for accessibility.

use crate::components::{
    BackLink, Button, ButtonKind, Checkboxes, Choice, DateInput, DateParts, ErrorSummary, FieldError,
    NotificationBanner, Radios, Select, SelectOptions, StartButton, SummaryList, SummaryRow, Task, TaskList,
    TaskStatus, TextInput, Textarea,
};
use crate::i18n::{t, Lang};
use leptos::prelude::*;
use leptos_meta::Title;

fn languages() -> Vec<Choice> {
    Lang::ALL.into_iter().map(|lang| Choice::new(lang.code(), lang.native_name())).collect()
}

#[component]
pub fn DesignSystemPage() -> impl IntoView {
    let email_error = t("ds-email-error");
    let birth_error = t("ds-birth-error");
    let errors = vec![
        FieldError { field_id: "ds-email".into(), message: email_error.clone() },
        FieldError { field_id: "ds-birth-day".into(), message: birth_error.clone() },
    ];
    let contact = vec![
        Choice::new("email", t("ds-contact-email")),
        Choice::new("phone", t("ds-contact-phone")).with_hint(t("ds-contact-phone-hint")),
    ];
    let summary = vec![
        SummaryRow { key: t("ds-name"), value: "Maria Virtanen".into(), change_href: Some("#ds-name".into()) },
        SummaryRow { key: t("ds-birth"), value: "1.2.1990".into(), change_href: Some("#ds-birth-day".into()) },
        SummaryRow { key: t("ds-languages"), value: Lang::Sv.native_name().into(), change_href: None },
    ];
    let tasks = vec![
        Task { title: t("ds-task-personal"), href: Some("#ds-name".into()), hint: None, status: TaskStatus::Completed },
        Task {
            title: t("ds-task-contact"),
            href: Some("#ds-email".into()),
            hint: Some(t("ds-task-contact-hint")),
            status: TaskStatus::InProgress,
        },
        Task {
            title: t("ds-task-attachments"),
            href: Some("#ds-message".into()),
            hint: None,
            status: TaskStatus::NotStarted,
        },
        Task { title: t("ds-task-payment"), href: None, hint: None, status: TaskStatus::CannotStartYet },
    ];
    view! {
        <Title text=t("ds-title")/>
        <BackLink href="/"/>
        <ErrorSummary errors=errors/>
        <h1 class="pt-heading-xl">{t("ds-title")}</h1>
        <p class="pt-body-l">{t("ds-intro")}</p>
        <NotificationBanner id="ds-important">
            <p class="pt-body">{t("ds-banner-important")}</p>
        </NotificationBanner>
        <NotificationBanner success=true id="ds-success">
            <p class="pt-body">{t("ds-banner-success")}</p>
        </NotificationBanner>
        <form method="get" action="/design-system" novalidate>
            <TextInput id="ds-name" label=t("ds-name") hint=t("ds-name-hint") autocomplete="name" spellcheck=false/>
            <TextInput id="ds-email" label=t("ds-email") error=email_error input_type="email" value="maria@" autocomplete="email" width=20/>
            <DateInput id="ds-birth" legend=t("ds-birth") hint=t("ds-birth-hint") error=birth_error birth_date=true
                value=DateParts { day: "31".into(), month: "2".into(), year: "1990".into() }/>
            <Radios name="ds-contact" legend=t("ds-contact") options=contact selected="email"/>
            <Checkboxes name="ds-languages" legend=t("ds-languages") hint=t("ds-languages-hint") options=languages() checked=vec!["fi".into()]/>
            <Select id="ds-language" label=t("ds-language") options=SelectOptions::new(&languages()) selected="sv"/>
            <Textarea id="ds-message" label=t("ds-message") hint=t("ds-message-hint")/>
            <div class="pt-button-group">
                <Button text=t("ds-continue")/>
                <Button text=t("ds-save") kind=ButtonKind::Secondary/>
                <Button text=t("ds-delete") kind=ButtonKind::Warning/>
            </div>
        </form>
        <h2 class="pt-heading-m">{t("ds-summary-heading")}</h2>
        <SummaryList rows=summary/>
        <h2 class="pt-heading-m">{t("ds-tasks-heading")}</h2>
        <TaskList id="ds-tasks" tasks=tasks/>
        <StartButton href="/" text=t("ds-start")/>
    }
}
