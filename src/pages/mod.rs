//! One module per area of the portal. Pages never touch the database: data reaches them
//! through server functions.

mod account;
mod design_system;
mod info;
mod not_found;
mod start;

pub use account::{AccountPage, LoggedOutPage, LoginPage, RegisterPage, VerifyPage};
pub use design_system::DesignSystemPage;
pub use info::{AccessibilityPage, ContactPage, PrivacyPage, SafeUsePage};
pub use not_found::NotFoundPage;
pub use start::StartPage;
