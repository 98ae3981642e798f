//! The staff's pages: the start page (account security: the latest events of the audit log,
//! and payments to refund) and the operations page (the job queue, the forwarding to the case
//! backend and the backend's events). They read from the features and belong to none of them.

use crate::page_data::{AuditEntry, AuditLog, FailureReason, JobFailure, Operations, QueueFigures, RefundDue};
use crate::server::web::{Access, Ctx, Params, Route};
use crate::server::{audit, case_backend, case_events, queue};

pub fn routes() -> Vec<Route> {
    vec![
        Route::page("/staff", Access::Staff).load(audit_log),
        Route::page("/staff/operations", Access::Staff).load(operations),
    ]
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

/// The data of `/staff/operations`.
async fn operations(ctx: Ctx, _: Params) -> anyhow::Result<Option<Operations>> {
    let state = &ctx.state;
    let mut kinds = Vec::new();
    for kind in state.queue.jobs.codes() {
        let figures = queue::stats(&state.db, &state.clock, kind).await?;
        kinds.push(QueueFigures {
            kind: kind.to_string(),
            waiting: figures.waiting,
            oldest_minutes: figures.oldest_waiting_ms.map(|ms| ms / 60_000),
            done_last_hour: figures.done_last_hour,
            dead: figures.dead,
        });
    }
    let failing = case_backend::failing_deliveries(&state.db).await?;
    let references: std::collections::HashMap<i64, &str> =
        failing.iter().map(|delivery| (delivery.job_id, delivery.reference.as_str())).collect();
    let failures = queue::failures(&state.db, 50)
        .await?
        .into_iter()
        .map(|failure| JobFailure {
            id: failure.id,
            reference: references.get(&failure.id).map(|reference| reference.to_string()),
            kind: failure.kind,
            dead: failure.state == "dead",
            attempts: failure.attempts,
            error: match state.queue.jobs.read_error(&failure.error) {
                Some(error) => FailureReason::Message {
                    id: format!("job-error-{}", error.code),
                    detail: error.detail.unwrap_or_default(),
                },
                None => FailureReason::Stored(failure.error),
            },
            at: display_time(failure.at),
        })
        .collect();
    let awaiting_receipt = crate::server::applications::drafts::awaiting_receipt(&state.db).await?;
    let events_taken = case_events::taken_since(&state.db, state.clock.now_millis() - 86_400_000).await?;
    let refused_since = state.clock.now() - 3600;
    let events_refused = audit::counts_since(&state.db, audit::Event::CaseEventRefused, refused_since).await?;
    Ok(Some(Operations {
        kinds,
        failures,
        awaiting_receipt,
        backend_configured: state.case_backend.is_some(),
        failing_long: case_backend::failing_long(state, &failing),
        warn_minutes: i64::try_from(case_backend::warn_after(state).as_secs() / 60)?,
        events_taken,
        events_refused,
        decisions_unopened: crate::server::decisions::unopened(&state.db).await?,
    }))
}

/// A time in milliseconds since the epoch as Finland writes it, in UTC (`5.2.2026 14.03 UTC`).
fn display_time(millis: i64) -> String {
    let seconds = millis.div_euclid(1000);
    let day = crate::domain::date::Date::from_unix_seconds(seconds).display();
    let time = seconds.rem_euclid(86_400);
    format!("{day} {:02}.{:02} UTC", time / 3600, time % 3600 / 60)
}
