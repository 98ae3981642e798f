//! One module per area of the portal. Pages read data through server functions (`api/`) and
//! never touch the database themselves.

mod design_system;
mod info;
mod not_found;
mod start;

pub use design_system::DesignSystemPage;
pub use info::{AccessibilityPage, ContactPage, PrivacyPage, SafeUsePage};
pub use not_found::NotFoundPage;
pub use start::StartPage;
