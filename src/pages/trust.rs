//! The trust pages: "Is this message from us?", "Report a suspicious message or call" (with
//! its thank-you page), open to everyone and working without scripts, and the staff's page of
//! the reports.

use super::account::{form_state, FormPage};
use crate::components::{
    Button, ButtonKind, Checkboxes, Choice, NotificationBanner, Radios, SummaryList, SummaryRow, TextInput, Textarea,
};
use crate::i18n::{t, t_args};
use crate::page_data::{
    from_request, FormState, MessageCheckAnswer, ReportToken, ScamReport, ScamReportEntry, ScamReports, ASKED,
    CHANNELS, DETAILS_MAX, LANGUAGES, SHORT_MAX,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The official address, as the pages name it.
fn official_host() -> String {
    use_context::<super::SiteInfo>().map(|site| site.official_host().to_string()).unwrap_or_default()
}

/// The public check of a message's code, and its answer once it was made.
#[component]
pub fn CheckMessagePage() -> impl IntoView {
    let state = form_state();
    let answer = from_request::<MessageCheckAnswer>().map(|answer| view! { <CheckAnswer answer/> });
    view! {
        <FormPage title=t("message-check-title") state=state.clone()>
            {answer}
            <p class="pt-body-l">{t("message-check-lead")}</p>
            <p class="pt-body">{t("message-check-intro")}</p>
            <form method="post" action="/check-message" novalidate>
                <TextInput id="code" label=t("message-check-code") hint=t("message-check-code-hint") width=20 spellcheck=false
                    autocomplete="off" value=state.value("code") error=state.error("code")/>
                <Button text=t("message-check-submit")/>
            </form>
            <p class="pt-body">
                {t("message-check-not-sure")}" "<a class="pt-link" href="/report-suspicious">{t("report-title")}</a>
            </p>
        </FormPage>
    }
}

/// Yes, with the day and what the message told of; or no, with what to do.
#[component]
fn CheckAnswer(answer: MessageCheckAnswer) -> impl IntoView {
    let code = answer.code;
    match answer.sent {
        Some(sent) => view! {
            <NotificationBanner success=true id="answer">
                <p class="pt-notification-banner__heading" id="answer-genuine">
                    {t_args("message-check-genuine", &[("code", &code)])}
                </p>
                <p class="pt-body">
                    {t_args("message-check-genuine-sent", &[("date", &sent.on), ("what", &t(&format!("message-check-kind-{}", sent.kind)))])}
                </p>
                <p class="pt-body">{t_args("message-check-genuine-then", &[("address", &official_host())])}</p>
            </NotificationBanner>
        }
        .into_any(),
        None => view! {
            <NotificationBanner id="answer">
                <p class="pt-notification-banner__heading" id="answer-unknown">
                    {t_args("message-check-unknown", &[("code", &code)])}
                </p>
                <p class="pt-body">{t("message-check-unknown-why")}</p>
                <ul class="pt-list pt-list--bullet">
                    <li>{t("safe-use-message-dont-reply")}</li>
                    <li>{t("safe-use-message-bank")}</li>
                    <li>
                        <a class="pt-link" href="/report-suspicious">{t("message-check-unknown-report")}</a>
                    </li>
                </ul>
            </NotificationBanner>
        }
        .into_any(),
    }
}

/// The choices of one of the report's questions: `{prefix}-{value}` says each.
fn choices(values: &[&str], prefix: &str) -> Vec<Choice> {
    values.iter().map(|value| Choice::new(*value, t(&format!("{prefix}-{value}")))).collect()
}

/// The public form for reporting a suspicious message or call.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = form_state();
    let token = from_request::<ReportToken>().map(|ReportToken(token)| token).unwrap_or_default();
    // The errors say the limits.
    let limits = vec![("short", SHORT_MAX.to_string()), ("details", DETAILS_MAX.to_string())];
    let (errors, said) = (FormState { errors: state.errors.clone(), values: Vec::new() }, limits.clone());
    let error = move |field: &str| {
        let args: Vec<(&'static str, &str)> = said.iter().map(|(name, value)| (*name, value.as_str())).collect();
        errors.error_with(field, &args)
    };
    view! {
        <FormPage title=t("report-title") state=state.clone() args=limits>
            <p class="pt-body-l">{t("report-lead")}</p>
            <p class="pt-body">{t("report-intro")}</p>
            <p class="pt-body">{t("report-urgent")}</p>
            <form method="post" action="/report-suspicious" novalidate>
                <input type="hidden" name="token" value=token/>
                <TextInput id="happened" label=t("report-happened") hint=t("report-happened-hint")
                    value=state.value("happened") error=error("happened")/>
                <Radios name="channel" legend=t("report-channel") options=choices(&CHANNELS, "report-channel")
                    selected=state.value("channel") error=error("channel")/>
                <Checkboxes name="asked" legend=t("report-asked") hint=t("report-asked-hint")
                    options=choices(&ASKED, "report-asked") checked=state.values("asked") error=error("asked")/>
                <Radios name="language" legend=t("report-language") options=choices(&LANGUAGES, "report-language")
                    selected=state.value("language") error=error("language") inline=true/>
                <TextInput id="claimed_name" label=t("report-claimed-name")
                    value=state.value("claimed_name") error=error("claimed_name")/>
                <TextInput id="claimed_organisation" label=t("report-claimed-organisation")
                    value=state.value("claimed_organisation") error=error("claimed_organisation")/>
                <TextInput id="came_from" label=t("report-came-from") hint=t("report-came-from-hint")
                    value=state.value("came_from") error=error("came_from")/>
                <Textarea id="details" label=t("report-details") hint=t("report-details-hint") rows=8
                    value=state.value("details") error=error("details")/>
                <TextInput id="contact" label=t("report-contact") hint=t("report-contact-hint")
                    value=state.value("contact") error=error("contact")/>
                // Hidden from people (the stylesheet, and from assistive technology): only a
                // robot fills it in.
                <div class="pt-honeypot" aria-hidden="true">
                    <label for="website">{t("report-honeypot")}</label>
                    <input id="website" name="website" type="text" tabindex="-1" autocomplete="off"/>
                </div>
                <Button text=t("report-submit") id="send"/>
            </form>
        </FormPage>
    }
}

/// After a report was sent.
#[component]
pub fn ReportSentPage() -> impl IntoView {
    view! {
        <Title text=t("report-sent-title")/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <div class="pt-panel pt-panel--confirmation">
                    <h1 class="pt-panel__title">{t("report-sent-title")}</h1>
                </div>
                <p class="pt-body">{t("report-sent-next")}</p>
                <p class="pt-body">{t("report-urgent")}</p>
                <p class="pt-body"><a class="pt-link" href="/safe-use">{t("safe-use-title")}</a></p>
            </div>
        </div>
    }
}

/// The staff's page of reports: counts per week, and the newest to read and mark handled.
#[component]
pub fn StaffReportsPage() -> impl IntoView {
    let data = from_request::<ScamReports>().unwrap_or_default();
    let weeks = data
        .weeks
        .into_iter()
        .map(|(monday, count)| {
            view! {
                <tr class="pt-table__row">
                    <td class="pt-table__cell">{monday}</td>
                    <td class="pt-table__cell">{count}</td>
                </tr>
            }
        })
        .collect_view();
    let reports = data.reports.into_iter().map(|entry| view! { <ReportEntry entry/> }).collect_view();
    view! {
        <Title text=t("reports-title")/>
        <h1 class="pt-heading-xl">{t("reports-title")}</h1>
        <p class="pt-body" id="reports-open">{t_args("reports-open", &[("count", &data.open.to_string())])}</p>
        <h2 class="pt-heading-m" id="weeks-title">{t("reports-weeks-title")}</h2>
        <table class="pt-table" aria-labelledby="weeks-title" id="weeks">
            <thead>
                <tr class="pt-table__row">
                    <th scope="col" class="pt-table__header">{t("reports-week")}</th>
                    <th scope="col" class="pt-table__header">{t("reports-count")}</th>
                </tr>
            </thead>
            <tbody>{weeks}</tbody>
        </table>
        <h2 class="pt-heading-m">{t("reports-newest-title")}</h2>
        <p class="pt-body">{t("reports-newest-intro")}</p>
        {reports}
    }
}

/// One report: what the reporter said, and its state.
#[component]
fn ReportEntry(entry: ScamReportEntry) -> impl IntoView {
    let report: ScamReport = entry.report;
    let said =
        |prefix: &str, value: &str| if value.is_empty() { String::new() } else { t(&format!("{prefix}-{value}")) };
    let asked: Vec<String> = report.asked.iter().map(|asked| t(&format!("report-asked-{asked}"))).collect();
    let rows = [
        ("report-happened", report.happened),
        ("report-channel", said("report-channel", &report.channel)),
        ("report-asked", asked.join(", ")),
        ("report-language", said("report-language", &report.language)),
        ("report-claimed-name", report.claimed_name),
        ("report-claimed-organisation", report.claimed_organisation),
        ("report-came-from", report.came_from),
        ("report-details", report.details),
        ("report-contact", report.contact),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(key, value)| SummaryRow { key: t(key), value, change_href: None })
    .collect();
    let id = entry.id.to_string();
    let state = match entry.handled {
        Some(when) => view! { <p class="pt-body">{t_args("reports-handled", &[("when", &when)])}</p> }.into_any(),
        None => view! {
            <form method="post" action=format!("/staff/reports/{id}/handled")>
                <Button text=t_args("reports-mark-handled", &[("report", &id)]) kind=ButtonKind::Secondary/>
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="pt-report" id=format!("report-{id}") aria-labelledby=format!("report-{id}-title")>
            <h3 class="pt-heading-s" id=format!("report-{id}-title")>
                {t_args("reports-entry", &[("report", &id), ("when", &entry.received)])}
            </h3>
            <SummaryList rows/>
            {state}
        </section>
    }
}
