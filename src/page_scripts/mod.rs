//! What scripts add to the server's pages: the portal's one island. Every other component is
//! rendered on the server only (Leptos "islands" mode), so the browser bundle holds this
//! module, the form rules it checks answers with (`forms`, `domain`) and Leptos' reactive core
//! — not the pages, the router or the translations. The server words everything the island
//! may show and hands it over as the island's props.
//!
//! Pages work without it: the server checks every answer on submit, every question shows, and
//! the session warning comes as a page of its own.

#[cfg(feature = "hydrate")]
mod receipt;
#[cfg(feature = "hydrate")]
mod step;
#[cfg(feature = "hydrate")]
mod upload;

use crate::domain::date::Date;
use crate::forms::answers::Answers;
use crate::forms::validate::Problem;
use crate::pages::session_timeout::{TimeoutDialog, TimeoutTexts};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the browser needs to check a step's answers as the server does, and to reveal the
/// questions that apply: the form and step, the answers saved so far, the server's today, and
/// the words of every problem each field on the page may have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepScript {
    pub kind: String,
    pub version: u32,
    pub step: String,
    pub answers: Answers,
    pub today: Date,
    /// What comes before an error for screen readers, and before the title ("Error:").
    pub error_prefix: String,
    /// Every field on the page with each problem it may have.
    pub messages: StepMessages,
}

/// `(field, problem, message)`.
pub type StepMessages = Vec<(String, Problem, String)>;

impl StepScript {
    /// The words of `problem` in `field`.
    pub fn message(&self, field: &str, problem: &Problem) -> Option<&str> {
        self.messages.iter().find(|(f, p, _)| f == field && p == problem).map(|(_, _, text)| text.as_str())
    }
}

/// The upload form's field that the script sends in place of a file it found over the limit,
/// so that the server answers with the attachments page and its error, as it does for a file
/// sent without scripts.
pub const TOO_LARGE_FIELD: &str = "too-large";

/// The words of the attachments page's uploads with scripts, each with `%NAME%` where a file's
/// name goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadScript {
    pub uploading: String,
    pub done: String,
    pub failed: String,
    /// When no answer came (the connection broke).
    pub broken: String,
    /// The largest file the server takes: a larger one is not sent, only its name, and the
    /// server answers with the page that says so ([`TOO_LARGE_FIELD`]).
    pub file_limit_bytes: u64,
}

/// The sent page's watch for receipt: the page to ask again, how often, and how many times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptWatch {
    pub page: String,
    pub every_seconds: u32,
    pub times: u32,
}

/// What a page's island gets, decided once per page by the shell.
#[derive(Clone, Debug, Default)]
pub struct ScriptsOfPage {
    pub timeout: Option<TimeoutTexts>,
    pub step: Option<StepScript>,
    pub upload: Option<UploadScript>,
    pub receipt: Option<ReceiptWatch>,
}

impl ScriptsOfPage {
    /// This page's: the timeout dialog when signed in, the step's checks on a step form, the
    /// uploads on an attachments page.
    pub fn for_page() -> ScriptsOfPage {
        ScriptsOfPage {
            timeout: TimeoutTexts::for_page(),
            step: crate::pages::step_script(),
            upload: crate::pages::upload_script(),
            receipt: crate::pages::receipt_watch(),
        }
    }

    /// Whether the page has an island at all (and so loads the bundle).
    pub fn any(&self) -> bool {
        self.timeout.is_some() || self.step.is_some() || self.upload.is_some() || self.receipt.is_some()
    }
}

/// The island of a page: the session-timeout dialog of a signed-in page, the enhancements of a
/// step's form, the uploads of an attachments page, and the sent page's watch for receipt. Once they are live,
/// `<html data-hydrated="true">` says so (to styles and tests).
#[island]
pub fn PageScripts(
    timeout: Option<TimeoutTexts>,
    step: Option<StepScript>,
    upload: Option<UploadScript>,
    receipt: Option<ReceiptWatch>,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(step) = &step {
            step::enhance(step.clone());
        }
        if let Some(upload) = &upload {
            upload::enhance(upload.clone());
        }
        if let Some(watch) = &receipt {
            receipt::watch(watch.clone());
        }
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (step, upload, receipt);
    timeout.map(|texts| view! { <TimeoutDialog texts/> })
}
