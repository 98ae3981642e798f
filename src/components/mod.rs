//! Accessible building blocks in the markup of the GOV.UK Design System (classes prefixed
//! `pt-`), shared by every page. Styles are in `style/portal.css`.

mod content;
mod form;
pub mod layout;
mod prose;

pub use content::{BackLink, NotificationBanner, PhaseBanner, SummaryList, SummaryRow, Task, TaskList, TaskStatus};
pub use form::{
    Button, ButtonKind, Checkboxes, Choice, DateInput, DateParts, ErrorMessage, ErrorSummary, FieldError, Radios, Select,
    StartButton, TextInput, Textarea,
};
pub use prose::{Block, Prose};
