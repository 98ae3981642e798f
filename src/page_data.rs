//! What the server hands a page before it renders: the signed-in account, and what a failed
//! form submit left behind. The server puts them in the request's extensions (see
//! `server::accounts::web::load_page_data`); a page reads them with [`from_request`], which
//! also carries them to the browser for hydration. So the page renders in one piece, in place,
//! with or without JavaScript.

use crate::components::FieldError;
use crate::i18n::t;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The forms' names, for their kept state.
pub const LOGIN_FORM: &str = "login";
pub const REGISTER_FORM: &str = "register";
pub const VERIFY_FORM: &str = "verify";

/// The form whose state a page shows, by the page's path.
pub fn form_of_path(path: &str) -> Option<&'static str> {
    match path {
        "/login" => Some(LOGIN_FORM),
        "/register" => Some(REGISTER_FORM),
        "/verify" => Some(VERIFY_FORM),
        _ => None,
    }
}

/// The address a verification code was sent to, while it waits to be entered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingVerification {
    pub email: String,
}

/// What a form shows again after a failed submit (Post/Redirect/Get): the values as typed —
/// never a password — and the errors, as message ids keyed by field id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl FormState {
    /// The value typed into `field`, or nothing.
    pub fn value(&self, field: &str) -> String {
        self.values.iter().find(|(name, _)| name == field).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The translated error of `field`, if it has one.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(name, _)| name == field).map(|(_, id)| t(id))
    }

    /// Every error, translated, for the error summary.
    pub fn field_errors(&self) -> Vec<FieldError> {
        self.errors.iter().map(|(field, id)| FieldError { field_id: field.clone(), message: t(id) }).collect()
    }
}

/// Who is signed in, as account pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub email: String,
    /// The role's message id, e.g. `role-applicant`.
    pub role_msg: String,
}

/// The `T` the server put in this request's extensions. Rendered on the server, the value is
/// written into the page; hydrating, the browser reads it back from there.
pub fn from_request<T>() -> Option<T>
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    })
    .into_inner()
}
