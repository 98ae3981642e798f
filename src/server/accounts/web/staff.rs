//! The staff's view of account security: the latest events of the audit log.

use super::super::audit;
use super::Ctx;
use crate::page_data::{AuditEntry, AuditLog};

/// How many events the page lists.
const SHOWN: i64 = 100;

pub(super) async fn page_data(ctx: &Ctx, path: &str, extensions: &mut http::Extensions) -> anyhow::Result<()> {
    if path == "/staff" {
        let entries = audit::latest(&ctx.state.db, SHOWN)
            .await?
            .into_iter()
            .map(|(occurred_at, event, user_id, client)| AuditEntry { occurred_at, event, user_id, client })
            .collect();
        extensions.insert(AuditLog { entries });
    }
    Ok(())
}
