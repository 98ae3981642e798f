//! The contract with the case backend, version 1 (`docs/case-backend.md`, with its OpenAPI
//! description and JSON Schemas beside it): the documents on the wire and their signatures.
//! The portal and the case-backend simulator (`src/bin/case-backend-sim.rs`) both use this
//! module, and the JSON Schemas are checked against what the portal really sends.
//!
//! **Signature.** Every request either way carries `Portal-Timestamp` (Unix seconds) and
//! `Portal-Signature: v1=<hex>`, the HMAC-SHA256 under the shared secret of
//! `{timestamp}.{message}`: for a delivery the raw body as sent, for a fetch of a file
//! `GET {path}`. A receiver refuses a timestamp more than [`TOLERANCE_SECONDS`] away from its
//! clock, and compares the signature in constant time.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The contract's version: the `contract` field of each document and the path's `/v1/`.
pub const VERSION: u32 = 2;
pub const TIMESTAMP_HEADER: &str = "portal-timestamp";
pub const SIGNATURE_HEADER: &str = "portal-signature";
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
/// How far a signed timestamp may be from the receiver's clock.
pub const TOLERANCE_SECONDS: i64 = 300;
/// Where the case backend takes applications, under its base URL.
pub const APPLICATIONS_PATH: &str = "/v1/applications";
/// Where the case backend takes an applicant's replies, under its base URL.
pub const REPLIES_PATH: &str = "/v1/replies";
/// Where the employer's part of a sent work-based application goes (contract 2).
pub const TERMS_PATH: &str = "/v1/employment-terms";
/// Where the portal serves a sent application's file to the case backend (`{file}`: its id).
pub const FILES_PATH: &str = "/case-backend/v1/files";
/// Where the portal takes the backend's events about its cases.
pub const EVENTS_PATH: &str = "/case-backend/v1/events";
/// Where the portal fetches a decision's document, under the backend's base URL (a signed
/// `GET {DECISIONS_PATH}/{decision_id}`, like the backend's fetch of a file).
pub const DECISIONS_PATH: &str = "/v1/decisions";
/// Where the case backend takes the portal's reports of how a decision was served.
pub const DECISION_REPORTS_PATH: &str = "/v1/decision-reports";

fn mac(secret: &str, timestamp: i64, message: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(message);
    mac
}

/// The `Portal-Signature` value of `message` at `timestamp`.
pub fn sign(secret: &str, timestamp: i64, message: &[u8]) -> String {
    format!("v1={}", hex::encode(mac(secret, timestamp, message).finalize().into_bytes()))
}

/// The message a fetch of `path` signs.
pub fn fetch_message(path: &str) -> Vec<u8> {
    format!("GET {path}").into_bytes()
}

/// Why a signed request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    BadTimestamp,
    OutsideTolerance,
    BadSignature,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Missing => "no timestamp or signature",
            Refusal::BadTimestamp => "the timestamp is not a number of seconds",
            Refusal::OutsideTolerance => "the timestamp is outside the tolerance",
            Refusal::BadSignature => "the signature does not match",
        }
    }
}

/// Checks the two headers' values against `message`, at `now` (Unix seconds).
pub fn verify(
    secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    message: &[u8],
    now: i64,
) -> Result<(), Refusal> {
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else { return Err(Refusal::Missing) };
    let timestamp: i64 = timestamp.trim().parse().map_err(|_| Refusal::BadTimestamp)?;
    // abs_diff: a subtraction could wrap for a timestamp near i64's ends and pass as recent.
    if now.abs_diff(timestamp) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err(Refusal::OutsideTolerance);
    }
    let given = signature.trim().strip_prefix("v1=").and_then(|hex| hex::decode(hex).ok());
    let given = given.ok_or(Refusal::BadSignature)?;
    mac(secret, timestamp, message).verify_slice(&given).map_err(|_| Refusal::BadSignature)
}

/// A sent application, as delivered (`docs/case-backend/application.schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDocument {
    pub contract: u32,
    /// The application's id at the portal; also the delivery's `Idempotency-Key`.
    pub id: String,
    /// What the applicant quotes: given at the declaration.
    pub reference: String,
    /// The application type (the form's kind: `first-work`, `citizenship`, …).
    #[serde(rename = "type")]
    pub kind: String,
    pub form: FormVersion,
    /// The language the applicant used (`fi`, `sv`, `en`).
    pub language: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
    pub applicant: Applicant,
    /// The answers to what was asked, by section in the form's order; keyed by question id.
    pub sections: Vec<crate::forms::derive::DocumentSection>,
    pub fee: Fee,
    pub payment: PaymentRecord,
    pub attachments: Vec<Attachment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormVersion {
    pub kind: String,
    pub version: u32,
}

/// The identity fields, as answered (the answers hold them too; these are for matching).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub surname: String,
    pub given_names: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// ISO 3166-1 alpha-2.
    pub citizenship: String,
    /// The Finnish personal identity code, when the applicant has one.
    pub identity_code: Option<String>,
    pub email: String,
    /// Where the applicant will prove their identity (the answer to `service-point`).
    pub service_point: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    pub category: String,
    pub amount_cents: i64,
    pub currency: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub provider: String,
    /// The provider's id of the payment; never empty in a document sent.
    pub transaction_id: String,
    /// The reference the payment was made with (the application's).
    pub reference: String,
    pub amount_cents: i64,
    /// When the provider's confirmation was recorded; never empty in a document sent.
    pub paid_at: String,
    /// `applicant` or `organisation`.
    pub payer: String,
    /// The paying organisation's Business ID.
    pub organisation: Option<String>,
}

impl PaymentRecord {
    /// The first field the record lacks (`transaction_id`, `paid_at`): such a document is not
    /// sent, nor taken.
    pub fn missing(&self) -> Option<&'static str> {
        [("transaction_id", &self.transaction_id), ("paid_at", &self.paid_at)]
            .into_iter()
            .find(|(_, value)| value.trim().is_empty())
            .map(|(name, _)| name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: String,
    /// The attachment the file is for (`passport-copy`, …).
    pub requirement: String,
    pub name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Lower-case hexadecimal.
    pub sha256: String,
    /// Where to fetch the bytes: a signed `GET` (see the module's comment).
    pub href: String,
}

/// The employer's part of a sent work-based application, the terms of employment, as delivered
/// (`docs/case-backend/employment-terms.schema.json`, contract 2): its own document, linked to
/// the application by the application's id, reference and case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsDocument {
    pub contract: u32,
    /// The terms' id at the portal; also the delivery's `Idempotency-Key`.
    pub id: String,
    /// The terms' own reference, given at the employer's declaration.
    pub reference: String,
    pub form: FormVersion,
    /// The language the employer used (`fi`, `sv`, `en`).
    pub language: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
    /// The application the terms belong to: its document's `id`, reference and case (the case
    /// is filled in at delivery, from the application's receipt).
    pub application_id: String,
    pub application_reference: String,
    pub case_id: String,
    /// The Business ID of the organisation the terms were given for, as e-Authorizations
    /// allowed it.
    pub organisation: String,
    pub sections: Vec<crate::forms::derive::DocumentSection>,
    pub attachments: Vec<Attachment>,
}

/// An applicant's reply about a sent application: to a request for additional information, or
/// on their own initiative (`request_id` null).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyDocument {
    pub contract: u32,
    /// The reply's id at the portal; also its `Idempotency-Key`.
    pub id: String,
    /// The application document's `id`, and its case.
    pub application_id: String,
    pub case_id: String,
    /// The backend's id of the request answered.
    pub request_id: Option<String>,
    /// RFC 3339.
    pub sent_at: String,
    /// Sent after the request's last day.
    pub late: bool,
    /// The language the applicant wrote in (`fi`, `sv`, `en`).
    pub language: String,
    pub text: String,
    pub attachments: Vec<Attachment>,
}

/// The case backend's answer to a delivery (`201`, or `200` for a key it has seen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The backend's own id of the case.
    pub case_id: String,
    /// RFC 3339.
    pub received_at: String,
}

/// What the case backend reports about a case (`docs/case-backend/event.schema.json`), one
/// per request to [`EVENTS_PATH`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub contract: u32,
    /// Unique per event, and the request's `Idempotency-Key`: the portal takes each once.
    pub event_id: String,
    /// The application document's `id`.
    pub application_id: String,
    /// The receipt's `case_id`.
    pub case_id: String,
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// RFC 3339.
    pub occurred_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_visit: Option<IdentityVisit>,
    /// The request of `additional-information-requested`, or the request and its new date of
    /// `request-deadline-extended`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<InformationRequest>,
    /// The decision of `decision-made`: the portal fetches its document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionNotice>,
}

/// The kinds of [`Event`], in the order a case goes through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// The case is registered.
    Received,
    /// The applicant must prove their identity at a service point ([`IdentityVisit`]).
    IdentityVisitNeeded,
    /// A caseworker or the automatic checks have started on it.
    InProcessing,
    /// The applicant is asked for more information by a date ([`InformationRequest`]).
    #[serde(rename = "additional-information-requested")]
    InformationRequested,
    /// A request's date is moved ([`InformationRequest`]'s `request_id` and `due`).
    RequestDeadlineExtended,
    /// The decision is made: its document waits at the backend ([`DecisionNotice`]).
    DecisionMade,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Received,
        EventKind::IdentityVisitNeeded,
        EventKind::InProcessing,
        EventKind::InformationRequested,
        EventKind::RequestDeadlineExtended,
        EventKind::DecisionMade,
    ];

    /// As on the wire and in the portal's rows.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Received => "received",
            EventKind::IdentityVisitNeeded => "identity-visit-needed",
            EventKind::InProcessing => "in-processing",
            EventKind::InformationRequested => "additional-information-requested",
            EventKind::RequestDeadlineExtended => "request-deadline-extended",
            EventKind::DecisionMade => "decision-made",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// How far along a case this kind is: the case's stage is its furthest event's, so an
    /// event that arrives late never moves it back.
    pub fn stage(self) -> u8 {
        match self {
            EventKind::Received => 1,
            EventKind::IdentityVisitNeeded => 2,
            EventKind::InProcessing => 3,
            EventKind::DecisionMade => 4,
            // A request is a task beside the case's way, not a step along it.
            EventKind::InformationRequested | EventKind::RequestDeadlineExtended => 0,
        }
    }
}

/// What the applicant is asked for, and by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformationRequest {
    /// The backend's id of the request, unique within the case.
    pub request_id: String,
    /// `YYYY-MM-DD`: the last day of the deadline.
    pub due: String,
    /// What is asked, each in the languages the backend wrote it in (`fi`, `sv`, `en`).
    #[serde(default)]
    pub questions: Vec<Question>,
    /// The documents asked for, by the portal's attachment ids (`passport-copy`, …).
    #[serde(default)]
    pub attachments: Vec<String>,
    /// Whom it is for (contract 2; the applicant when absent).
    #[serde(default)]
    pub addressee: Addressee,
}

/// Whom a request for additional information is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Addressee {
    #[default]
    Applicant,
    /// The employer, who answers it on the employer's part of the application.
    Employer,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: std::collections::BTreeMap<String, String>,
}

/// A decision made on a case, as `decision-made` announces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionNotice {
    /// The backend's id of the decision: its document is at `{DECISIONS_PATH}/{decision_id}`.
    pub decision_id: String,
    /// The document's SHA-256 (lower-case hexadecimal) and size: the portal keeps only a
    /// document that matches both.
    pub sha256: String,
    pub size_bytes: i64,
}

/// How a decision was served, as the portal reports it to the backend (`POST
/// {DECISION_REPORTS_PATH}`, answered with a [`Receipt`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionReport {
    pub contract: u32,
    /// The report's id at the portal; also its `Idempotency-Key`.
    pub id: String,
    pub application_id: String,
    pub case_id: String,
    pub decision_id: String,
    pub outcome: ServiceOutcome,
    /// RFC 3339: when the applicant first opened it (`served`), or when the portal found it
    /// not opened within [`UNOPENED_DAYS`] days (`not-opened`).
    pub at: String,
    /// `served`: whether the applicant's account signs in with a second step (an
    /// authenticator's code) as well as the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_step: Option<bool>,
}

/// How a decision reached its applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceOutcome {
    /// Opened in the portal by the signed-in applicant: served electronically then.
    Served,
    /// Not opened within [`UNOPENED_DAYS`] days: the backend serves it by post.
    NotOpened,
}

/// How many days a decision may wait unopened before the backend is told to post it.
pub const UNOPENED_DAYS: i64 = 7;

/// Where and by when the applicant proves their identity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityVisit {
    /// The service point's code (the application's `service-point` answers).
    pub service_point: String,
    /// `YYYY-MM-DD`.
    pub by: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payment_record_names_the_first_field_it_lacks() {
        let mut record = PaymentRecord {
            provider: "paytrail".into(),
            transaction_id: "6b1b".into(),
            reference: "HK4Q7-K2M9X".into(),
            amount_cents: 50_000,
            paid_at: "2026-12-02T10:58:41.000Z".into(),
            payer: "applicant".into(),
            organisation: None,
        };
        assert_eq!(record.missing(), None);
        record.paid_at = " ".into();
        assert_eq!(record.missing(), Some("paid_at"));
        record.transaction_id = String::new();
        assert_eq!(record.missing(), Some("transaction_id"));
    }

    const SECRET: &str = "a shared secret of the case backend";

    /// Values computed with Python's `hmac` over the same bytes, as a backend in another
    /// language would.
    #[test]
    fn signatures_match_an_independent_implementation() {
        assert_eq!(
            sign(SECRET, 1_764_672_000, br#"{"contract":1}"#),
            "v1=578f6ed26496f6a90f90160bc83f094dfedf45050d9b89bb6d9aae0f3c44246e"
        );
        assert_eq!(
            sign(SECRET, 1_764_672_000, &fetch_message("/case-backend/v1/files/abc")),
            "v1=df796767847266e9630480f3726a2735d7d719f181b7d7d4e1b9eb38164e7802"
        );
    }

    #[test]
    fn verification_refuses_each_kind_of_bad_request() {
        let now = 1_764_672_000;
        let body = br#"{"contract":1}"#;
        let good = sign(SECRET, now, body);
        let stamp = now.to_string();
        assert_eq!(verify(SECRET, Some(&stamp), Some(&good), body, now + 299), Ok(()));
        assert_eq!(verify(SECRET, None, Some(&good), body, now), Err(Refusal::Missing));
        assert_eq!(verify(SECRET, Some("soon"), Some(&good), body, now), Err(Refusal::BadTimestamp));
        assert_eq!(verify(SECRET, Some(&stamp), Some(&good), body, now + 301), Err(Refusal::OutsideTolerance));
        assert_eq!(verify(SECRET, Some(&stamp), Some(&good), b"{}", now), Err(Refusal::BadSignature));
        assert_eq!(verify("another secret...", Some(&stamp), Some(&good), body, now), Err(Refusal::BadSignature));
        assert_eq!(verify(SECRET, Some(&stamp), Some("v1=zz"), body, now), Err(Refusal::BadSignature));
    }

    /// A timestamp at either end of i64 is far from now, not a subtraction that wraps around
    /// to "recent" (the old check overflowed on these).
    #[test]
    fn timestamps_at_the_ends_of_the_range_are_outside_the_tolerance() {
        let now = 1_764_672_000;
        for stamp in [i64::MIN, i64::MIN + 1, i64::MAX] {
            let signature = sign(SECRET, stamp, b"{}");
            assert_eq!(
                verify(SECRET, Some(&stamp.to_string()), Some(&signature), b"{}", now),
                Err(Refusal::OutsideTolerance),
                "{stamp}"
            );
        }
    }
}
