//! Trust: anyone can tell the service and its messages from a scam's. The public page "Is this
//! message from us?" checks a message's code (server::mail::codes); the public form "Report a
//! suspicious message or call" takes reports for staff ([`reports`]), who read and handle them
//! on their page. (The other half — every message DKIM-signed, the official address in every
//! page's footer, the warning on a foreign host — is server::mail and server::security.)

pub mod reports;
pub mod web;

use crate::page_data::{MessageCheckAnswer, SentMessage};
use crate::server::mail::codes::{self, Checked};
use crate::server::AppState;
use std::time::{Duration, Instant};

/// How long every check of a code takes, found or not: the look-up takes about a millisecond,
/// and the answer comes when this has passed since the request came, so its timing tells
/// nothing.
pub const ANSWER_TIME: Duration = Duration::from_millis(200);

/// Checks the code `code` (canonical): what "Is this message from us?" answers.
pub async fn check_message(state: &AppState, code: &str) -> anyhow::Result<MessageCheckAnswer> {
    let sent = match codes::check(&state.db, &state.secrets, &state.clock, code).await? {
        Checked::Sent { kind, on } => Some(SentMessage { kind: kind.name().to_string(), on: on.display() }),
        Checked::Unknown => None,
    };
    Ok(MessageCheckAnswer { code: code.to_string(), sent })
}

/// Waits until [`ANSWER_TIME`] has passed since `began`.
pub async fn answer_time_from(began: Instant) {
    tokio::time::sleep_until((began + ANSWER_TIME).into()).await;
}
