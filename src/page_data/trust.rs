//! The trust pages' data: the answer of "Is this message from us?", the form "Report a
//! suspicious message or call" with its rules, and the staff's list of reports.

use serde::{Deserialize, Serialize};

/// What "Is this message from us?" answered about a code (shown once, after the check).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageCheckAnswer {
    /// The code as checked, `K7MX-43RN-CWPA`.
    pub code: String,
    /// The message it belongs to, or none: not a message of ours (or no longer checkable).
    pub sent: Option<SentMessage>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMessage {
    /// Which message (`server::mail::Kind`'s name): the page says what it told of.
    pub kind: String,
    /// The day it was sent, `7.12.2026`.
    pub on: String,
}

/// The report form's token, made when the form is shown (server::trust::reports).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportToken(pub String);

/// How a suspicious contact came.
pub const CHANNELS: [&str; 5] = ["email", "phone", "sms", "web", "other"];
/// What it asked for (any of them).
pub const ASKED: [&str; 7] = ["birth-date", "passport", "banking", "payment", "family", "documents", "password"];
/// The language it was in.
pub const LANGUAGES: [&str; 4] = ["fi", "sv", "en", "other"];

/// The longest a short field (when, who, where from, the reporter's contact) may be.
pub const SHORT_MAX: usize = 200;
/// The longest the account of what happened may be.
pub const DETAILS_MAX: usize = 4000;

/// A report of a suspicious message or call, as typed: what the immigration service's advice
/// asks a reporter to tell. Only when it happened, how it came and what happened are needed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScamReport {
    /// When it happened, in the reporter's words (`3.12.2026 about 14.30`).
    pub happened: String,
    /// One of [`CHANNELS`].
    pub channel: String,
    /// Some of [`ASKED`].
    pub asked: Vec<String>,
    /// One of [`LANGUAGES`], or empty.
    pub language: String,
    /// The name the caller or sender gave.
    pub claimed_name: String,
    /// The organisation they said they were from.
    pub claimed_organisation: String,
    /// The phone number, e-mail address or web address it came from.
    pub came_from: String,
    /// What happened and what was said, in as much detail as the reporter can give.
    pub details: String,
    /// How to reach the reporter, if they want to be reached (optional).
    pub contact: String,
}

impl ScamReport {
    /// What is wrong with the report, as `(field, message id)`: a missing answer, a choice not
    /// offered, or a field over its length.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut problems = Vec::new();
        let length = |text: &str| text.chars().count();
        if self.happened.trim().is_empty() {
            problems.push(("happened", "report-happened-missing"));
        }
        if !CHANNELS.contains(&self.channel.as_str()) {
            problems.push(("channel", "report-channel-missing"));
        }
        if self.asked.iter().any(|asked| !ASKED.contains(&asked.as_str())) {
            problems.push(("asked", "report-choice-unknown"));
        }
        if !self.language.is_empty() && !LANGUAGES.contains(&self.language.as_str()) {
            problems.push(("language", "report-choice-unknown"));
        }
        let short = [
            ("happened", &self.happened),
            ("claimed_name", &self.claimed_name),
            ("claimed_organisation", &self.claimed_organisation),
            ("came_from", &self.came_from),
            ("contact", &self.contact),
        ];
        for (field, text) in short {
            if length(text) > SHORT_MAX && !problems.iter().any(|(f, _)| *f == field) {
                problems.push((field, "report-too-long"));
            }
        }
        if self.details.trim().is_empty() {
            problems.push(("details", "report-details-missing"));
        } else if length(&self.details) > DETAILS_MAX {
            problems.push(("details", "report-details-too-long"));
        }
        problems
    }
}

/// The staff's page of reports: how many came each week, and the newest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScamReports {
    /// The last twelve weeks, newest first: the week's Monday (`30.11.2026`) and how many came.
    pub weeks: Vec<(String, i64)>,
    pub reports: Vec<ScamReportEntry>,
    /// How many are not handled yet.
    pub open: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScamReportEntry {
    pub id: i64,
    /// When it came, `7.12.2026 14.03` (UTC).
    pub received: String,
    pub report: ScamReport,
    /// When it was marked handled.
    pub handled: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> ScamReport {
        ScamReport {
            happened: "3.12.2026 about 14.30".into(),
            channel: "phone".into(),
            asked: vec!["passport".into(), "banking".into()],
            details: "The caller said my permit would be cancelled unless I paid.".into(),
            ..ScamReport::default()
        }
    }

    #[test]
    fn a_report_needs_when_how_and_what_happened_and_nothing_else() {
        assert_eq!(report().problems(), []);
        let empty = ScamReport::default().problems();
        let fields: Vec<&str> = empty.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["happened", "channel", "details"]);
    }

    #[test]
    fn choices_not_offered_and_long_fields_are_refused() {
        let odd = ScamReport {
            channel: "fax".into(),
            asked: vec!["shoe-size".into()],
            language: "de".into(),
            came_from: "x".repeat(SHORT_MAX + 1),
            details: "y".repeat(DETAILS_MAX + 1),
            ..report()
        };
        assert_eq!(
            odd.problems(),
            [
                ("channel", "report-channel-missing"),
                ("asked", "report-choice-unknown"),
                ("language", "report-choice-unknown"),
                ("came_from", "report-too-long"),
                ("details", "report-details-too-long"),
            ]
        );
        let at_most = ScamReport { contact: "ä".repeat(SHORT_MAX), details: "ö".repeat(DETAILS_MAX), ..report() };
        assert_eq!(at_most.problems(), [], "characters are counted, not bytes");
    }
}
