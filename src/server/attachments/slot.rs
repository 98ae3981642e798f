//! Where an uploaded file goes: its slot. Today every slot is a requirement of an applicant's
//! draft (an attachment its answers call for, `forms::derive::attachments`), open while the
//! application is a draft. The next slots are a request for additional information on a sent
//! application, open until it is answered, and an employer's form: each says where its files
//! belong, whether it takes files now, and where the uploader goes back to. Files, quotas and
//! checks are the same for every slot.

use crate::domain::application_state::ApplicationState as State;
use crate::forms::derive;
use crate::server::applications::drafts::{self, Held};
use crate::server::applications::Owner;
use crate::server::AppState;

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
        let Some(draft) = drafts::find(&state.db, owner, application).await? else { return Ok(Found::Missing) };
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
            Slot::Requirement { application_id, .. } => *application_id,
        }
    }

    /// The slot's name, as the file's row records it (`attachment_files.requirement`).
    pub fn name(&self) -> &str {
        match self {
            Slot::Requirement { requirement, .. } => requirement,
        }
    }

    /// Where the uploader goes back to: the page that lists the slot's files.
    pub fn page(&self) -> String {
        match self {
            Slot::Requirement { application, .. } => format!("/applications/{application}/attachments"),
        }
    }

    /// The field of the page where the slot's problems show.
    pub fn field(&self) -> String {
        format!("file-{}", self.name())
    }

    /// Whether the slot takes files, with its application held (`drafts::hold`): checked again
    /// in the transaction that adds a file, so that it cannot close in between.
    pub fn takes_files(&self, held: &Held) -> bool {
        match self {
            Slot::Requirement { .. } => held.state == State::Draft,
        }
    }
}
