//! What the server hands a page before it renders: the signed-in account, and what a failed
//! form submit left behind. The server puts them in the request's extensions (see
//! `server::web::gate`); a page reads them with [`from_request`]. So the page renders in one
//! piece, in place, with or without JavaScript.

use crate::components::FieldError;
use crate::i18n::t_args;
use serde::{Deserialize, Serialize};

/// The address an e-mailed code was sent to, while it waits to be entered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCode {
    pub email: String,
}

/// The page of this site that the user came from, to return to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnPath(pub String);

/// What the page confirms about the action that led to it (shown once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub message_id: String,
    /// A success (announced at once) rather than information.
    pub success: bool,
}

/// What a form shows again after a failed submit (Post/Redirect/Get): the values as typed —
/// never a password — and the errors, as message ids keyed by field id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl FormState {
    /// The state of a refused submit: the `values` to show again and `(field, message id)` errors.
    /// A value is kept up to [`FormState::VALUE_MAX`] characters (no answer of an account form is
    /// longer), so that the session does not grow with what a client sends.
    pub fn refused(values: &[(&str, &str)], errors: &[(&str, &str)]) -> FormState {
        let owned = |pairs: &[(&str, &str)]| pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let values = values.iter().map(|(a, b)| (a.to_string(), b.chars().take(Self::VALUE_MAX).collect())).collect();
        FormState { values, errors: owned(errors) }
    }

    /// The longest value kept: an e-mail address's most.
    pub const VALUE_MAX: usize = crate::domain::text::EMAIL_MAX;

    /// The value typed into `field`, or nothing.
    pub fn value(&self, field: &str) -> String {
        self.values.iter().find(|(name, _)| name == field).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The translated error of `field`, if it has one.
    pub fn error(&self, field: &str) -> Option<String> {
        self.error_with(field, &[])
    }

    /// Every error, translated, for the error summary.
    pub fn field_errors(&self) -> Vec<FieldError> {
        self.field_errors_with(&[])
    }

    /// [`FormState::error`], with what the page knows for the messages to say (a limit).
    pub fn error_with(&self, field: &str, args: &[(&'static str, &str)]) -> Option<String> {
        self.errors.iter().find(|(name, _)| name == field).map(|(_, id)| t_args(id, args))
    }

    /// [`FormState::field_errors`], with what the page knows for the messages to say.
    pub fn field_errors_with(&self, args: &[(&'static str, &str)]) -> Vec<FieldError> {
        let error = |(field, id): &(String, String)| FieldError { field_id: field.clone(), message: t_args(id, args) };
        self.errors.iter().map(error).collect()
    }
}

/// The login form's field (and the login page's query parameter) of the page to return to.
pub const NEXT_FIELD: &str = "next";
/// The login page's query when a session ended by itself (30 idle minutes): it says so.
pub const ENDED_FIELD: &str = "ended";

/// Who is signed in, as account pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub email: String,
    /// The role's message id, e.g. `role-applicant`.
    pub role_msg: String,
    /// The language code of the service's e-mail to the user.
    pub language: String,
    pub two_factor: bool,
    /// Whether the user may delete the account here (staff accounts are managed centrally).
    pub can_delete: bool,
}

/// The field of the current password on the form that renews recovery codes (named apart from
/// the other password field on its page).
pub const RENEW_CODES_PASSWORD: &str = "renew-current";

/// The second factor as the set-up page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub recovery_codes_left: i64,
    /// While not enabled: what the app needs.
    pub setup: Option<TwoFactorSetup>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorSetup {
    /// The secret in groups of four, for typing into the app.
    pub secret: String,
    /// The same as a QR code: an `<svg>` element made by the server.
    pub qr_svg: String,
}

/// Recovery codes just made, shown once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

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

/// The `T` the server put in this request's extensions. Pages render on the server only (the
/// browser's island gets what it needs as props), so nothing is written into the page for it.
pub fn from_request<T>() -> Option<T>
where
    T: Clone + Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The path of the page being rendered.
pub fn request_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// An application as its pages show it: a draft of the signed-in applicant, or a staff preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    /// The address of the application's overview; its pages are under it.
    pub base: String,
    /// A staff preview: nothing is stored, paid or forwarded.
    pub preview: bool,
    pub kind: String,
    /// The version of the form the application was started on.
    pub version: u32,
    pub state: crate::domain::application_state::ApplicationState,
    /// The day the draft will be deleted if it is not saved again (`5.2.2027`).
    pub expires_on: Option<String>,
    pub reference: Option<String>,
    pub answers: crate::forms::answers::Answers,
    /// The server's today, so the page renders the same in the browser.
    pub today: crate::domain::date::Date,
    /// The step the page shows, on a step's page.
    pub step: Option<String>,
    /// What the last submit of a step left to show again.
    pub kept: Option<KeptStep>,
    /// The files added for its attachments (none on a step's page, which shows none, or in a
    /// preview).
    pub files: Vec<AttachedFile>,
    /// The largest file, and the most all of its files may take, in bytes.
    pub file_limit_bytes: u64,
    pub application_limit_bytes: u64,
    /// Its current payment attempt, if one was made (not on a step's page, nor in a preview).
    pub payment: Option<PaymentView>,
    /// When it was sent, once it was.
    pub sending: Option<SendingView>,
}

/// A sent application's way to the immigration service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingView {
    /// The day it was sent (`5.2.2026`).
    pub sent_on: String,
    /// The day the case backend confirmed it received it.
    pub received_on: Option<String>,
}

/// An application's payment attempt as its pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub state: crate::domain::payment_state::PaymentState,
    pub amount_cents: u32,
    /// The fee category paid for (`fee-{category}`), and the legal basis of its price on the
    /// day it was paid.
    pub category: String,
    pub basis: Option<String>,
    /// The Business ID of the organisation that paid, when it was not the applicant.
    pub organisation: Option<String>,
    /// The day it was paid (`5.2.2026`).
    pub paid_on: Option<String>,
    /// Where the payer continues an open payment (the provider's page).
    pub href: Option<String>,
    /// Open, and reported by the provider as on its way: not to be paid again.
    pub confirming: bool,
}

impl ApplicationView {
    /// The attachments the answers call for that have no file yet.
    pub fn missing_attachments(&self, def: &crate::forms::definition::FormDef) -> Vec<&'static str> {
        crate::forms::derive::attachments(def, &self.answers, self.today)
            .into_iter()
            .filter(|id| !self.files.iter().any(|file| file.requirement == *id))
            .collect()
    }

    /// Whether the application may go on to the declaration as far as attachments go: every
    /// one it needs has a file (a staff preview stores none, and goes on).
    pub fn attachments_complete(&self, def: &crate::forms::definition::FormDef) -> bool {
        self.preview || self.missing_attachments(def).is_empty()
    }
}

/// A file added for one of an application's attachments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedFile {
    pub public_id: String,
    /// The attachment it is for (`passport-copy`, …).
    pub requirement: String,
    /// The file's name as sent, cleaned for display.
    pub name: String,
    pub content_type: String,
    pub size_bytes: u64,
}

/// A step's form as the user left it: typed values, problems, and how many items it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptStep {
    pub step: String,
    pub typed: crate::forms::validate::Submitted,
    pub problems: Vec<crate::forms::validate::FieldProblem>,
    pub items: usize,
    /// Posted after the session ended, and kept across logging in again: not saved yet.
    #[serde(default)]
    pub resumed: bool,
}

/// The signed-in applicant's applications.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplications {
    pub items: Vec<ApplicationSummary>,
}

/// What the start page of one kind of application shows: the applicant's draft of that kind,
/// if there is one, and the server's today (for the fee).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyStart {
    pub draft: Option<ApplicationSummary>,
    pub today: crate::domain::date::Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub base: String,
    pub kind: String,
    pub state: crate::domain::application_state::ApplicationState,
    pub updated_on: String,
    pub expires_on: String,
    pub reference: Option<String>,
    /// Sent and confirmed received by the immigration service.
    pub received: bool,
}
