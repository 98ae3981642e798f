//! Applications on the server: drafts in the database (or, for staff previews, in the
//! session), the step forms and their route table, the applicant's part of their personal data,
//! and the background job that deletes expired drafts.

pub mod drafts;
pub mod web;

use crate::server::personal_data::Holder;
use serde::Serialize;

/// The applicant's applications in their data download, and what goes when the account goes:
/// drafts and unsent applications; sent ones stay with the immigration service.
pub const PERSONAL_DATA: Holder = Holder {
    name: "applications",
    export: |pool, user_id| Box::pin(export(pool, user_id)),
    forget: |pool, user_id| Box::pin(drafts::delete_unsent(pool, user_id)),
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
    let applications: Vec<ApplicationData> = drafts::list(pool, user_id)
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
