//! Where one payment attempt of an application is, and the moves between states. The database
//! stores [`PaymentState::code`]; the payment service changes a state only through
//! [`PaymentState::can_move_to`].
//!
//! `created` (the row, before the provider answered) → `pending` (the payer is at the
//! provider) → `paid` | `failed` | `cancelled` (the applicant started a new attempt instead) |
//! `expired` (past its time, and the provider did not say it was paid). A success that
//! arrives for an attempt already failed, cancelled or expired is still recorded as `paid`:
//! money that moved is never lost (and is refunded if another attempt was paid too).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentState {
    Created,
    Pending,
    Paid,
    Failed,
    Cancelled,
    Expired,
}

/// What the provider says of a payment (Paytrail's `checkout-status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderStatus {
    /// Made, not yet paid (`new`).
    New,
    Ok,
    /// Started, the money not yet confirmed (`pending`, or `delayed` for slower methods).
    Pending,
    Fail,
}

impl ProviderStatus {
    pub fn from_code(code: &str) -> Option<ProviderStatus> {
        Some(match code {
            "new" => ProviderStatus::New,
            "ok" => ProviderStatus::Ok,
            "pending" | "delayed" => ProviderStatus::Pending,
            "fail" => ProviderStatus::Fail,
            _ => return None,
        })
    }
}

impl PaymentState {
    pub const ALL: [PaymentState; 6] = [
        PaymentState::Created,
        PaymentState::Pending,
        PaymentState::Paid,
        PaymentState::Failed,
        PaymentState::Cancelled,
        PaymentState::Expired,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            PaymentState::Created => "created",
            PaymentState::Pending => "pending",
            PaymentState::Paid => "paid",
            PaymentState::Failed => "failed",
            PaymentState::Cancelled => "cancelled",
            PaymentState::Expired => "expired",
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentState> {
        PaymentState::ALL.into_iter().find(|state| state.code() == code)
    }

    /// Whether the payer may still pay it (and no other attempt may start).
    pub const fn is_open(self) -> bool {
        matches!(self, PaymentState::Created | PaymentState::Pending)
    }

    pub const fn can_move_to(self, next: PaymentState) -> bool {
        use PaymentState::*;
        match (self, next) {
            (Created, Pending) => true,
            (Created | Pending, Failed | Cancelled | Expired) => true,
            // Paid is final; a success is taken from any other state.
            (Paid, _) => false,
            (_, Paid) => true,
            _ => false,
        }
    }

    /// The state the provider's `status` moves this one to, if any.
    pub fn after(self, status: ProviderStatus) -> Option<PaymentState> {
        let next = match status {
            ProviderStatus::Ok => PaymentState::Paid,
            ProviderStatus::Pending | ProviderStatus::New => PaymentState::Pending,
            ProviderStatus::Fail => PaymentState::Failed,
        };
        self.can_move_to(next).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paid_is_final_and_a_late_success_is_never_dropped() {
        for state in PaymentState::ALL {
            assert_eq!(PaymentState::Paid.after(ProviderStatus::Fail), None);
            assert!(!PaymentState::Paid.can_move_to(state));
            if state != PaymentState::Paid {
                assert_eq!(state.after(ProviderStatus::Ok), Some(PaymentState::Paid), "{state:?}");
            }
            assert_eq!(PaymentState::from_code(state.code()), Some(state));
        }
        assert_eq!(PaymentState::Failed.after(ProviderStatus::Pending), None, "a failed attempt is not reopened");
        assert_eq!(PaymentState::Created.after(ProviderStatus::Pending), Some(PaymentState::Pending));
        assert_eq!(ProviderStatus::from_code("delayed"), Some(ProviderStatus::Pending));
        assert_eq!(ProviderStatus::from_code("OK"), None);
    }
}
