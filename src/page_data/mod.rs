//! What the server hands a page before it renders: the signed-in account, what a failed form
//! submit left behind, and the page's own data. The server puts them in the request's
//! extensions (see `server::web::gate`); a page reads them with [`from_request`]. So the page
//! renders in one piece, in place, with or without JavaScript. The pages' own data is kept by
//! feature: [`accounts`], [`applications`], [`residence`], [`staff`], [`trust`].

pub mod accounts;
pub mod applications;
pub mod residence;
pub mod staff;
pub mod trust;

pub use accounts::*;
pub use applications::*;
pub use residence::{ResidenceAnswer, ResidenceCalculator, ResidenceEntries};
pub use staff::*;
pub use trust::*;

use crate::components::FieldError;
use crate::i18n::t_args;
use serde::{Deserialize, Serialize};

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

    /// Every value typed into `field` (the boxes ticked of a group of checkboxes).
    pub fn values(&self, field: &str) -> Vec<String> {
        self.values.iter().filter(|(name, _)| name == field).map(|(_, v)| v.clone()).collect()
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
