//! Accessible building blocks in the markup of the GOV.UK Design System (classes prefixed
//! `pt-`), shared by every page. Styles are in `style/portal.css`.

mod content;
mod form;
pub mod layout;
mod prose;

pub use content::{BackLink, NotificationBanner, PhaseBanner, SummaryList, SummaryRow, Task, TaskList, TaskStatus};
pub use form::{
    Button, ButtonKind, Checkboxes, Choice, DateInput, DateParts, ErrorMessage, ErrorSummary, FieldError, Radios,
    Select, SelectOptions, StartButton, TextInput, Textarea,
};
pub use prose::{Block, Prose};

#[cfg(all(test, feature = "ssr"))]
pub(crate) mod test_support {
    use crate::i18n::Lang;
    use leptos::prelude::*;

    /// A component's HTML as the server sends it, with English text and without the `<!>`
    /// markers that guide hydration.
    pub fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
        Owner::new().with(|| {
            provide_context(Lang::En);
            view().into_view().to_html().replace("<!>", "")
        })
    }
}
