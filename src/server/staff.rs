//! The staff's start page: account security (the latest events of the audit log) and payments
//! to refund. It reads from the features and belongs to none of them.

use crate::page_data::{AuditEntry, AuditLog, RefundDue};
use crate::server::audit;
use crate::server::web::{Access, Ctx, Params, Route};

pub fn routes() -> Vec<Route> {
    vec![Route::page("/staff", Access::Staff).load(audit_log)]
}

/// How many events the page lists.
const SHOWN: i64 = 100;

/// The `/staff` page's data: the latest account events, and the payments to refund.
async fn audit_log(ctx: Ctx, _: Params) -> anyhow::Result<Option<AuditLog>> {
    let entries = audit::latest(&ctx.state.db, SHOWN)
        .await?
        .into_iter()
        .map(|(occurred_at, event, detail, user_id, client, repeats)| AuditEntry {
            occurred_at,
            event,
            detail,
            user_id,
            client,
            repeats,
        })
        .collect();
    let refunds = crate::server::payments::refunds_due(&ctx.state)
        .await?
        .into_iter()
        .map(|payment| RefundDue {
            reference: payment.reference,
            amount_cents: u32::try_from(payment.amount_cents).unwrap_or_default(),
            paid_on: payment
                .paid_at
                .map(|at| crate::domain::date::Date::from_unix_seconds(at).display())
                .unwrap_or_default(),
            transaction_id: payment.transaction_id.unwrap_or_default(),
        })
        .collect();
    Ok(Some(AuditLog { entries, refunds }))
}
