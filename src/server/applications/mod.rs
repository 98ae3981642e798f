//! Applications on the server: drafts in the database (or, for staff previews, in the
//! session), the step forms and their route table, the applicant's part of their personal data,
//! and the background job that deletes expired drafts.

pub mod drafts;
pub mod links;
pub mod web;

use crate::page_data::{AttachedFile, PaymentView};
use crate::server::personal_data::Holder;
use crate::server::AppState;
use futures::future::BoxFuture;
use serde::Serialize;

/// Whose an application is: a person's (their account), or an organisation's (the employer's
/// part of a work-based application, which every user acting for the organisation shares).
/// Every query of the applications table that picks an owner's goes through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The account of the person applying.
    Person(i64),
    /// The organisation an employer's session acts for.
    Organisation(crate::domain::business_id::BusinessId),
}

impl Owner {
    /// The account of a person owner, as the table's `user_id` holds it.
    pub fn person(self) -> Option<i64> {
        match self {
            Owner::Person(user_id) => Some(user_id),
            Owner::Organisation(_) => None,
        }
    }

    /// The Business ID of an organisation owner, as the table's `organisation` holds it.
    pub fn organisation(self) -> Option<String> {
        match self {
            Owner::Organisation(business_id) => Some(business_id.to_string()),
            Owner::Person(_) => None,
        }
    }

    /// Whose applications the request may see: an applicant's own, or those of the
    /// organisation an employer acts for (none while acting as themself); staff own none.
    pub async fn of(ctx: &crate::server::web::Ctx) -> anyhow::Result<Option<Owner>> {
        use crate::server::identity::Role;
        let Some(user) = &ctx.user else { return Ok(None) };
        Ok(match user.role {
            Role::Applicant => Some(Owner::Person(user.id)),
            Role::Employer => crate::server::identity::acting(&ctx.session)
                .await?
                .map(|acting| Owner::Organisation(acting.business_id)),
            Role::Staff => None,
        })
    }
}

/// The condition that a row is the owner's, with the owner bound as the parameters `$first`
/// (the account) and the next one (the organisation) — bind [`Owner::person`], then
/// [`Owner::organisation`]: the one not the owner's is NULL and matches nothing.
pub(crate) fn owned_by(first: usize) -> String {
    format!("(user_id = ${first} OR organisation = ${})", first + 1)
}

impl From<&crate::server::identity::User> for Owner {
    fn from(user: &crate::server::identity::User) -> Owner {
        Owner::Person(user.id)
    }
}

/// What an application's pages show of the features built on an application: its files and
/// its payment. Those features give them (`attachments::FILES_PART`,
/// `payments::PAYMENT_PART`) and the server wires them into its state, so that this feature,
/// which the others build on, imports none of them.
#[derive(Clone, Copy)]
pub struct Parts {
    pub files: FilesPart,
    pub payment: PaymentPart,
    pub case: CasePart,
    pub send: SendPart,
}

/// What the case backend has reported about the sent application `id`: its events, the
/// requests for additional information made of its applicant, and its decision.
pub type CasePart = for<'a> fn(&'a AppState, i64) -> BoxFuture<'a, anyhow::Result<CaseParts>>;

/// The parts of a sent application that come from its case.
#[derive(Default)]
pub struct CaseParts {
    pub events: Vec<crate::page_data::CaseEventView>,
    pub requests: Vec<crate::page_data::RequestView>,
    pub decision: Option<crate::page_data::DecisionView>,
}

/// Sends the declared application `id`, which has no fee (the employer's part), in a
/// language: whether it is sent (now or before).
pub type SendPart = for<'a> fn(&'a AppState, i64, crate::i18n::Lang) -> BoxFuture<'a, anyhow::Result<bool>>;

/// The files of the application `id`.
pub type FilesPart = for<'a> fn(&'a AppState, i64) -> BoxFuture<'a, anyhow::Result<Vec<AttachedFile>>>;

/// The application's current payment attempt; with `true`, an open one is first asked of the
/// provider (the payer may have paid and closed the tab).
pub type PaymentPart = for<'a> fn(&'a AppState, i64, bool) -> BoxFuture<'a, anyhow::Result<Option<PaymentView>>>;

/// The applicant's applications in their data download, and what goes when the account goes:
/// drafts and unsent applications; sent ones stay with the immigration service.
pub const PERSONAL_DATA: Holder = Holder {
    name: "applications",
    export: |pool, user_id| Box::pin(export(pool, user_id)),
    forget: |pool, user_id| Box::pin(drafts::delete_unsent(pool, Owner::Person(user_id))),
};

/// An application as the data download shows it.
#[derive(Serialize)]
struct ApplicationData {
    kind: String,
    form_version: i64,
    state: &'static str,
    reference: Option<String>,
    answers: crate::forms::answers::Answers,
    updated_at: i64,
    expires_at: Option<i64>,
}

async fn export(pool: &crate::server::db::Pool, user_id: i64) -> anyhow::Result<serde_json::Value> {
    let applications: Vec<ApplicationData> = drafts::list(pool, Owner::Person(user_id))
        .await?
        .into_iter()
        .map(|draft| ApplicationData {
            kind: draft.kind,
            form_version: draft.version,
            state: draft.state.code(),
            reference: draft.reference,
            answers: draft.answers,
            updated_at: draft.updated_at,
            expires_at: draft.state.expires().then_some(draft.expires_at),
        })
        .collect();
    Ok(serde_json::to_value(applications)?)
}
