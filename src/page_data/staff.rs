//! The staff pages' data: the account events, the payments to refund, the queue and the
//! forwarding. No applicant's personal data.

use serde::{Deserialize, Serialize};

/// The latest account events, for staff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
    /// Payments of an application paid a second time, to be refunded.
    pub refunds: Vec<RefundDue>,
}

/// The staff's operations page: the job queue's figures per kind, the jobs that failed, and
/// how many sent applications the case backend has not confirmed. No applicant's data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operations {
    pub kinds: Vec<QueueFigures>,
    pub failures: Vec<JobFailure>,
    pub awaiting_receipt: i64,
    /// Whether a case backend is configured: without one, deliveries wait.
    pub backend_configured: bool,
    /// The references of the applications whose delivery has kept failing longer than
    /// `warn_minutes`: staff are warned.
    pub failing_long: Vec<String>,
    pub warn_minutes: i64,
    /// The case backend's events taken in the last 24 hours, per kind (`received`, …).
    pub events_taken: Vec<(String, i64)>,
    /// Its events refused in the last hour, per reason (`bad-signature`, `unknown-case`, …).
    pub events_refused: Vec<(String, i64)>,
    /// Decisions not opened within 7 days (and so posted) that are still not opened.
    pub decisions_unopened: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFigures {
    /// `mail` or `delivery`.
    pub kind: String,
    pub waiting: i64,
    /// The oldest waiting job's age in whole minutes.
    pub oldest_minutes: Option<i64>,
    pub done_last_hour: i64,
    pub dead: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobFailure {
    pub id: i64,
    /// A delivery's application reference.
    pub reference: Option<String>,
    pub kind: String,
    pub dead: bool,
    pub attempts: i64,
    /// Why it failed: the message (`job-error-{code}`) with its detail (a status code, never
    /// personal data); or, for a row no code names, its text as stored.
    pub error: FailureReason,
    /// When it died, or when it is tried next (`5.2.2026 14.03`).
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FailureReason {
    Message { id: String, detail: String },
    Stored(String),
}

/// A payment to refund: no personal data, the reference and the provider's transaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundDue {
    pub reference: String,
    pub amount_cents: u32,
    pub paid_on: String,
    pub transaction_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub occurred_at: String,
    pub event: String,
    /// What a refused request asked for (its method and route pattern).
    pub detail: Option<String>,
    pub user_id: Option<i64>,
    pub client: Option<String>,
    /// How many more like it the same client sent, counted on this row.
    pub repeats: i64,
}
