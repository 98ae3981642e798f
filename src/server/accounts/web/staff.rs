//! The staff's view of account security: the latest events of the audit log.

use crate::page_data::{AuditEntry, AuditLog};
use crate::server::audit;
use crate::server::web::{Ctx, Params};

/// How many events the page lists.
const SHOWN: i64 = 100;

/// The `/staff` page's data: the latest account events.
pub(super) async fn audit_log(ctx: Ctx, _: Params) -> anyhow::Result<Option<AuditLog>> {
    let entries = audit::latest(&ctx.state.db, SHOWN)
        .await?
        .into_iter()
        .map(|(occurred_at, event, detail, user_id, client)| AuditEntry { occurred_at, event, detail, user_id, client })
        .collect();
    Ok(Some(AuditLog { entries }))
}
