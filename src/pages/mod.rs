//! One module per area of the portal. Pages never touch the database: what they show reaches
//! them from the server with the request (see `page_data`).

mod account;
mod application;
mod design_system;
mod employer;
mod info;
mod not_found;
mod residence;
pub mod session_timeout;
mod settings;
mod staff;
mod start;
mod trust;

pub use account::{
    AccountDeletedPage, LoggedOutPage, LoginCodePage, LoginPage, PasswordResetCodePage, PasswordResetPage,
    RegisterPage, VerifyPage,
};
pub use application::{receipt_watch, step_script, upload_script};
pub use application::{
    ApplicationsPage, ApplyPage, AttachmentsPage, CheckPage, DecisionPageView, DeclarationPage, DeleteDraftPage,
    FlowMapPage, IdentityVisitPage, OverviewPage, PaymentPage, PreCheckResultPage, PreCheckStartPage, PreviewIndexPage,
    ReceiptPage, RequestPageView, SendPage, SentPage, StepPage,
};
pub use design_system::DesignSystemPage;
pub use employer::{EmployerPage, EmployerTaskPage};
pub use info::{AccessibilityPage, ContactPage, ForeignHost, PrivacyPage, SafeUsePage, SiteInfo};
pub use not_found::NotFoundPage;
pub use residence::{CitizenshipCalculatorPage, PermanentCalculatorPage};
pub use settings::{
    AccountPage, DeletePage, EmailChangePage, EmailCodePage, LanguagePage, PasswordChangePage, RecoveryCodesPage,
    TwoFactorPage,
};
pub use staff::{audit_event_message, OperationsPage, StaffPage};
pub use start::StartPage;
pub use trust::{CheckMessagePage, ReportPage, ReportSentPage, StaffReportsPage};
