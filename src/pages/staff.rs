//! The staff's pages.

use crate::i18n::t;
use crate::page_data::{from_request, AuditLog};
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
                        {entry.detail.map(|detail| view! { " " <code>{detail}</code> })}
                    </td>
                    <td class="pt-table__cell">{entry.user_id.map(|id| id.to_string()).unwrap_or_default()}</td>
                    <td class="pt-table__cell">{entry.client.unwrap_or_default()}</td>
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
        {refunds}
        <h2 class="pt-heading-m">{t("staff-audit-title")}</h2>
        <p class="pt-body">{t("staff-audit-intro")}</p>
        <table class="pt-table">
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
