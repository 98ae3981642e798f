//! The staff's pages.

use crate::components::{Button, ButtonKind, NotificationBanner};
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, AuditLog, FailureReason, Operations};
use leptos::prelude::*;
use leptos_meta::Title;

/// The message that names an audit event by its code (`login-failed`) in words.
pub fn audit_event_message(code: &str) -> String {
    format!("audit-{code}")
}

/// The latest account events, to notice attacks such as password guessing.
#[component]
pub fn StaffPage() -> impl IntoView {
    let mut log = from_request::<AuditLog>().unwrap_or_default();
    let entries = std::mem::take(&mut log.entries);
    let rows = entries
        .into_iter()
        .map(|entry| {
            view! {
                <tr class="pt-table__row">
                    <td class="pt-table__cell">{entry.occurred_at}</td>
                    <td class="pt-table__cell">
                        {t(&audit_event_message(&entry.event))}
                        {entry.detail.map(|detail| match AUDIT_DETAILS.contains(&detail.as_str()) {
                            true => format!(" ({})", t(&format!("audit-detail-{detail}"))).into_any(),
                            false => view! { " " <code>{detail}</code> }.into_any(),
                        })}
                        {(entry.repeats > 0).then(|| format!(" {}", t_args("staff-audit-repeats", &[("count", &entry.repeats.to_string())])))}
                    </td>
                    <td class="pt-table__cell">{entry.user_id.map(|id| id.to_string()).unwrap_or_default()}</td>
                    <td class="pt-table__cell">{match entry.client.as_deref() {
                        Some("command line") => t("audit-client-command-line"),
                        other => other.unwrap_or_default().to_string(),
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    let lang = crate::i18n::use_lang();
    let refunds = (!log.refunds.is_empty()).then(|| {
        let rows = log
            .refunds
            .into_iter()
            .map(|refund| {
                view! {
                    <tr class="pt-table__row">
                        <td class="pt-table__cell">{refund.reference}</td>
                        <td class="pt-table__cell">{lang.euros(refund.amount_cents)}</td>
                        <td class="pt-table__cell">{refund.paid_on}</td>
                        <td class="pt-table__cell"><code>{refund.transaction_id}</code></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2 class="pt-heading-m" id="refunds">{t("staff-refunds-title")}</h2>
            <p class="pt-body">{t("staff-refunds-intro")}</p>
            <table class="pt-table" aria-labelledby="refunds">
                <thead>
                    <tr class="pt-table__row">
                        <th scope="col" class="pt-table__header">{t("staff-refunds-reference")}</th>
                        <th scope="col" class="pt-table__header">{t("staff-refunds-amount")}</th>
                        <th scope="col" class="pt-table__header">{t("staff-refunds-paid")}</th>
                        <th scope="col" class="pt-table__header">{t("staff-refunds-transaction")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <Title text=t("staff-title")/>
        <h1 class="pt-heading-xl">{t("staff-title")}</h1>
        <p class="pt-body"><a class="pt-link" href="/staff/preview">{t("preview-title")}</a></p>
        <p class="pt-body"><a class="pt-link" href="/staff/operations">{t("operations-title")}</a></p>
        <p class="pt-body"><a class="pt-link" href="/staff/reports">{t("reports-title")}</a></p>
        {refunds}
        <h2 class="pt-heading-m" id="audit-log">{t("staff-audit-title")}</h2>
        <p class="pt-body">{t("staff-audit-intro")}</p>
        <table class="pt-table" aria-labelledby="audit-log">
            <thead>
                <tr class="pt-table__row">
                    <th scope="col" class="pt-table__header">{t("staff-audit-when")}</th>
                    <th scope="col" class="pt-table__header">{t("staff-audit-event")}</th>
                    <th scope="col" class="pt-table__header">{t("staff-audit-account")}</th>
                    <th scope="col" class="pt-table__header">{t("staff-audit-client")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The forwarding's state: per kind of job, how many wait, the oldest's age, how many were done
/// in the last hour and how many are dead-lettered; then the failed jobs, each dead one with
/// its re-queue button. Nothing of an applicant is shown.
#[component]
pub fn OperationsPage() -> impl IntoView {
    let ops = from_request::<Operations>().unwrap_or_default();
    let header = |id: &str| view! { <th scope="col" class="pt-table__header">{t(id)}</th> };
    let cell = |text: String| view! { <td class="pt-table__cell">{text}</td> };
    let figures = ops
        .kinds
        .into_iter()
        .map(|kind| {
            let oldest = kind.oldest_minutes.map(|m| t_args("operations-minutes", &[("minutes", &m.to_string())]));
            view! {
                <tr class="pt-table__row">
                    <th scope="row" class="pt-table__header">{t(&format!("operations-kind-{}", kind.kind))}</th>
                    {cell(kind.waiting.to_string())}
                    {cell(oldest.unwrap_or_else(|| "–".into()))}
                    {cell(kind.done_last_hour.to_string())}
                    {cell(kind.dead.to_string())}
                </tr>
            }
        })
        .collect_view();
    let failures = ops
        .failures
        .into_iter()
        .map(|failure| {
            let action = format!("/staff/operations/jobs/{}/requeue", failure.id);
            let state = if failure.dead { "operations-dead" } else { "operations-retrying" };
            let requeue = failure.dead.then(|| {
                view! {
                    <form method="post" action=action>
                        <Button text=t_args("operations-requeue", &[("job", &failure.id.to_string())]) kind=ButtonKind::Secondary/>
                    </form>
                }
            });
            view! {
                <tr class="pt-table__row" id=format!("job-{}", failure.id)>
                    {cell(failure.id.to_string())}
                    {cell(failure.reference.unwrap_or_default())}
                    {cell(t(&format!("operations-kind-{}", failure.kind)))}
                    {cell(t(state))}
                    {cell(failure.attempts.to_string())}
                    <td class="pt-table__cell">{failure_reason(failure.error)}</td>
                    {cell(failure.at)}
                    <td class="pt-table__cell">{requeue}</td>
                </tr>
            }
        })
        .collect_view();
    let backend = (!ops.backend_configured)
        .then(|| view! { <p class="pt-body" id="no-backend">{t("operations-no-backend")}</p> });
    let failing_long = (!ops.failing_long.is_empty()).then(|| {
        let count = ops.failing_long.len().to_string();
        let minutes = ops.warn_minutes.to_string();
        view! {
            <NotificationBanner id="failing-long">
                <p class="pt-body">{t_args("operations-failing-long", &[("count", &count), ("minutes", &minutes)])}</p>
                <ul class="pt-list">
                    {ops.failing_long.into_iter().map(|reference| view! { <li>{reference}</li> }).collect_view()}
                </ul>
            </NotificationBanner>
        }
    });
    view! {
        <Title text=t("operations-title")/>
        <h1 class="pt-heading-xl">{t("operations-title")}</h1>
        {backend}
        {failing_long}
        <p class="pt-body" id="awaiting-receipt">
            {t_args("operations-awaiting", &[("count", &ops.awaiting_receipt.to_string())])}
        </p>
        <h2 class="pt-heading-m" id="queue-title">{t("operations-queue-title")}</h2>
        <table class="pt-table" aria-labelledby="queue-title" id="queue">
            <thead>
                <tr class="pt-table__row">
                    {header("operations-kind")}
                    {header("operations-waiting")}
                    {header("operations-oldest")}
                    {header("operations-done")}
                    {header("operations-dead-count")}
                </tr>
            </thead>
            <tbody>{figures}</tbody>
        </table>
        <h2 class="pt-heading-m" id="events-title">{t("operations-events-title")}</h2>
        {counts_table("events-taken", "operations-events-taken", "operations-event-", ops.events_taken)}
        {counts_table("events-refused", "operations-events-refused", "operations-refused-", ops.events_refused)}
        <p class="pt-body" id="decisions-unopened">
            {t_args("operations-decisions-unopened", &[("count", &ops.decisions_unopened.to_string())])}
        </p>
        <h2 class="pt-heading-m" id="failures-title">{t("operations-failures-title")}</h2>
        <p class="pt-body">{t("operations-failures-intro")}</p>
        <table class="pt-table" aria-labelledby="failures-title" id="failures">
            <thead>
                <tr class="pt-table__row">
                    {header("operations-job")}
                    {header("operations-reference")}
                    {header("operations-kind")}
                    {header("operations-state")}
                    {header("operations-attempts")}
                    {header("operations-error")}
                    {header("operations-when")}
                    <td class="pt-table__header"></td>
                </tr>
            </thead>
            <tbody>{failures}</tbody>
        </table>
    }
}

/// Counts by a fixed word (an event's kind, a refusal's reason), each word said in the page's
/// language (`{prefix}{word}`), under the caption `caption`; "none" when there are none.
fn counts_table(id: &'static str, caption: &'static str, prefix: &'static str, counts: Vec<(String, i64)>) -> AnyView {
    if counts.is_empty() {
        return view! { <p class="pt-body" id=id>{t(caption)}": "{t("operations-none")}</p> }.into_any();
    }
    let rows = counts
        .into_iter()
        .map(|(word, count)| {
            view! {
                <tr class="pt-table__row">
                    <td class="pt-table__cell">{t(&format!("{prefix}{word}"))}</td>
                    <td class="pt-table__cell">{count}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="pt-table" id=id>
            <caption class="pt-table__caption">{t(caption)}</caption>
            <thead>
                <tr class="pt-table__row">
                    <th scope="col" class="pt-table__header">{t("operations-what")}</th>
                    <th scope="col" class="pt-table__header">{t("operations-count")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Why a job failed, in the page's language.
fn failure_reason(reason: FailureReason) -> AnyView {
    match reason {
        FailureReason::Message { id, detail } => t_args(&id, &[("detail", &detail)]).into_any(),
        FailureReason::Stored(text) => view! { <code>{text}</code> }.into_any(),
    }
}

/// Details of events that are words of the code (where a payment report came from), said in
/// the page's language (`audit-detail-{detail}`); others (a route, a job's id) are shown as
/// they are.
const AUDIT_DETAILS: [&str; 3] = ["callback", "return", "status"];
