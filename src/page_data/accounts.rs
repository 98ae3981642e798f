//! The account pages' data: who is signed in, a code waiting to be entered, the second factor.

use serde::{Deserialize, Serialize};

/// The address an e-mailed code was sent to, while it waits to be entered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCode {
    pub email: String,
}

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

/// The employer's start: whom the session acts for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerHome {
    /// The organisation acted for, as e-Authorizations named it, and its Business ID.
    pub acting_name: Option<String>,
    pub acting_business_id: Option<String>,
    /// The account has a verified identity code, which mandates are asked about.
    pub identity_known: bool,
    /// The organisation's tasks: its employees' sent applications that name it.
    pub tasks: Vec<EmployerTask>,
}

/// A sent application linked to the organisation acted for, as its users may see it: the
/// applicant's name and date of birth, the reference and the states; never the answers,
/// files or decision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerTask {
    /// The application's public id, and the task's page (`/employer/tasks/{id}`).
    pub id: String,
    pub href: String,
    /// As the passport has it: surname, then given names.
    pub name: String,
    /// `13.10.1952`.
    pub birth_date: String,
    pub reference: String,
    /// Where the employer's part is: `after-fee` (the application waits for the fee the
    /// organisation was asked to pay), `needed`, `started`, `given` (sent) or `arrived`.
    pub terms: String,
    /// The fee the applicant asked the organisation to pay, while unpaid: its amount in cents
    /// and its category (`fee-{category}`).
    pub fee: Option<(u32, String)>,
    /// The employer's part, once started (`/applications/{id}`).
    pub terms_href: Option<String>,
    /// A specialist's application is on the fast track: the terms are due by this day.
    pub due_on: Option<String>,
    /// The application's state as its applicant follows it (a `state-…` message id).
    pub state: String,
    /// Requests for additional information to the employer not answered yet.
    pub open_requests: usize,
}
