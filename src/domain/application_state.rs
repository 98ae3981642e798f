//! Where an application is in its life, and the moves between states. The one source of state
//! names: the database stores [`ApplicationState::code`], pages show
//! [`ApplicationState::message_id`], and a service changes the state only through
//! [`ApplicationState::can_move_to`]. Payment and sending add their states here.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum ApplicationState {
    /// Being filled in: answers may change, and the draft expires if left alone.
    Draft,
    /// Declared true and complete: locked, with its reference, waiting for the fee.
    ReadyToPay,
    /// Sent to the immigration service.
    Sent,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 3] =
        [ApplicationState::Draft, ApplicationState::ReadyToPay, ApplicationState::Sent];

    /// The code the database stores and URLs never show.
    pub const fn code(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::ReadyToPay => "ready-to-pay",
            ApplicationState::Sent => "sent",
        }
    }

    pub fn from_code(code: &str) -> Option<ApplicationState> {
        ApplicationState::ALL.into_iter().find(|state| state.code() == code)
    }

    /// The Fluent message that names the state to the applicant.
    pub const fn message_id(self) -> &'static str {
        match self {
            ApplicationState::Draft => "state-draft",
            ApplicationState::ReadyToPay => "state-ready-to-pay",
            ApplicationState::Sent => "state-sent",
        }
    }

    /// The Fluent message of the state as the applicant follows it: a sent application is
    /// "sent" until the case backend confirms it received it.
    pub const fn shown(self, received: bool) -> &'static str {
        match (self, received) {
            (ApplicationState::Sent, true) => "state-received",
            _ => self.message_id(),
        }
    }

    /// Whether the answers may still change.
    pub const fn is_editable(self) -> bool {
        matches!(self, ApplicationState::Draft)
    }

    /// Whether the application is kept until it expires (only drafts expire).
    pub const fn expires(self) -> bool {
        matches!(self, ApplicationState::Draft)
    }

    /// Whether it goes with the account when the account is deleted: what was not sent is the
    /// applicant's own; what was sent belongs to the immigration service's records.
    pub const fn deleted_with_account(self) -> bool {
        !matches!(self, ApplicationState::Sent)
    }

    /// The moves the service allows: the declaration locks a draft; payment and sending
    /// (later) move it on. Nothing moves back.
    pub const fn can_move_to(self, next: ApplicationState) -> bool {
        matches!(
            (self, next),
            (ApplicationState::Draft, ApplicationState::ReadyToPay)
                | (ApplicationState::ReadyToPay, ApplicationState::Sent)
        )
    }
}

impl From<ApplicationState> for &'static str {
    fn from(state: ApplicationState) -> &'static str {
        state.code()
    }
}

impl TryFrom<String> for ApplicationState {
    type Error = String;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        ApplicationState::from_code(&code).ok_or_else(|| format!("unknown application state {code:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_from_its_code_and_has_its_own_message() {
        for state in ApplicationState::ALL {
            assert_eq!(ApplicationState::from_code(state.code()), Some(state));
            assert_eq!(state.message_id(), format!("state-{}", state.code()));
        }
        assert_eq!(ApplicationState::from_code("paid"), None);
    }

    #[test]
    fn states_only_move_forward_one_step() {
        use ApplicationState::*;
        assert!(Draft.can_move_to(ReadyToPay));
        assert!(ReadyToPay.can_move_to(Sent));
        for (from, to) in [(Draft, Sent), (ReadyToPay, Draft), (Sent, Draft), (Sent, ReadyToPay), (Draft, Draft)] {
            assert!(!from.can_move_to(to), "{from:?} → {to:?}");
        }
    }
}
