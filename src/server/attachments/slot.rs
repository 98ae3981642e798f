//! Where an uploaded file goes: its slot. A slot is a requirement of an applicant's draft (an
//! attachment its answers call for, `forms::derive::attachments`), open while the application
//! is a draft; or a document a request for additional information asks for
//! (`request-{request}-{document}`), open on the sent application until the request is
//! answered. Each says where its files belong, whether it takes files now, and where the
//! uploader goes back to. Files, quotas and checks are the same for every slot.

use crate::domain::application_state::ApplicationState as State;
use crate::forms::derive;
use crate::server::applications::drafts::{self, Held};
use crate::server::applications::Owner;
use crate::server::AppState;
use futures::future::BoxFuture;

/// Whether the request `request` (its public id) of the application `id` asks for `document`:
/// `Some(true)` while it takes files (not answered yet), `Some(false)` once answered, `None`
/// when it asks no such thing. The requests feature gives it (`AppState::request_slots`),
/// since it builds on this one.
pub type RequestSlots = for<'a> fn(&'a AppState, i64, &'a str, &'a str) -> BoxFuture<'a, anyhow::Result<Option<bool>>>;

pub use crate::page_data::{request_slot, REQUEST_SLOT};

/// The request (its public id) and the document of the request slot `name`; `None` for a
/// slot of another kind.
pub fn request_parts(name: &str) -> Option<(&str, &str)> {
    name.strip_prefix(REQUEST_SLOT)?.split_once('-')
}

/// A place files are uploaded to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// An attachment that the answers of the applicant's draft call for.
    Requirement {
        application_id: i64,
        /// The application's public id, for its pages' addresses.
        application: String,
        /// The attachment's id (`attachment-{id}` names it).
        requirement: &'static str,
    },
    /// A document a request for additional information asks for.
    Request {
        application_id: i64,
        application: String,
        /// The request's public id.
        request: String,
        /// `request-{request}-{document}`.
        name: String,
    },
}

/// A slot as its owner's upload finds it.
pub enum Found {
    /// It takes files now.
    Open(Slot),
    /// It is there, but takes no more files (the application was declared).
    Closed(Slot),
    /// No such slot for this owner.
    Missing,
}

impl Slot {
    /// The slot `name` of `owner`'s application `application` (its public id).
    pub async fn find(state: &AppState, owner: Owner, application: &str, name: &str) -> anyhow::Result<Found> {
        let Some(draft) = drafts::find(&state.readers, owner, application).await? else { return Ok(Found::Missing) };
        if let Some((request, document)) = request_parts(name) {
            let open = match draft.state {
                State::Sent => (state.request_slots)(state, draft.id, request, document).await?,
                _ => None,
            };
            let slot = Slot::Request {
                application_id: draft.id,
                application: draft.public_id,
                request: request.to_string(),
                name: name.to_string(),
            };
            return Ok(match open {
                Some(true) => Found::Open(slot),
                Some(false) => Found::Closed(slot),
                None => Found::Missing,
            });
        }
        let Some(def) = state.catalogue.form(&draft.kind, u32::try_from(draft.version)?) else {
            return Ok(Found::Missing);
        };
        let needed = derive::attachments(def, &draft.answers, state.clock.today());
        let Some(requirement) = needed.into_iter().find(|needed| *needed == name) else { return Ok(Found::Missing) };
        let slot = Slot::Requirement { application_id: draft.id, application: draft.public_id, requirement };
        Ok(if draft.state.is_editable() { Found::Open(slot) } else { Found::Closed(slot) })
    }

    /// The application the slot's files belong to.
    pub fn application_id(&self) -> i64 {
        match self {
            Slot::Requirement { application_id, .. } | Slot::Request { application_id, .. } => *application_id,
        }
    }

    /// The slot's name, as the file's row records it (`attachment_files.requirement`).
    pub fn name(&self) -> &str {
        match self {
            Slot::Requirement { requirement, .. } => requirement,
            Slot::Request { name, .. } => name,
        }
    }

    /// Where the uploader goes back to: the page that lists the slot's files.
    pub fn page(&self) -> String {
        match self {
            Slot::Requirement { application, .. } => format!("/applications/{application}/attachments"),
            Slot::Request { application, request, .. } => format!("/applications/{application}/requests/{request}"),
        }
    }

    /// The field of the page where the slot's problems show.
    pub fn field(&self) -> String {
        format!("file-{}", self.name())
    }

    /// Whether the slot takes files, with its application held (`drafts::hold`): checked again
    /// in the transaction that adds or removes a file, so that it cannot close in between (a
    /// reply, which lists a request's files, holds the application too).
    pub async fn takes_files(&self, state: &AppState, held: &Held) -> anyhow::Result<bool> {
        Ok(match self {
            Slot::Requirement { .. } => held.state == State::Draft,
            Slot::Request { .. } => held.state == State::Sent && request_open(state, held.id, self.name()).await?,
        })
    }
}

/// Whether the request slot `name` of the application `application_id` takes files now.
async fn request_open(state: &AppState, application_id: i64, name: &str) -> anyhow::Result<bool> {
    let Some((request, document)) = request_parts(name) else { return Ok(false) };
    Ok((state.request_slots)(state, application_id, request, document).await? == Some(true))
}

/// Whether the file in the slot `name` may be removed now, with its application held: a
/// draft's file, whatever its slot (answers changed since may have dropped it); a request's
/// while that request is not answered.
pub async fn gives_up_files(state: &AppState, held: &Held, name: &str) -> anyhow::Result<bool> {
    Ok(match held.state {
        State::Draft => true,
        State::Sent if name.starts_with(REQUEST_SLOT) => request_open(state, held.id, name).await?,
        _ => false,
    })
}
