//! The right of access and the right to erasure across features. Each feature that keeps
//! something of an account's owner names it here once ([`Holder`]); the account's data
//! download lists what every holder gives, and deleting the account asks every holder to
//! forget what is the owner's own. So accounts need not know the features, and a new feature
//! (attachments, payments) adds its part where it keeps its data.

use crate::server::db::Pool;
use futures::future::BoxFuture;

/// One feature's part of an account's personal data.
#[derive(Clone, Copy)]
pub struct Holder {
    /// The key of this part in the data download, e.g. `applications`.
    pub name: &'static str,
    /// Everything this feature holds of the account `user_id`, as the download shows it.
    pub export: for<'a> fn(&'a Pool, i64) -> BoxFuture<'a, anyhow::Result<serde_json::Value>>,
    /// Deletes what goes with the account `user_id` (kept: what the law says must stay).
    pub forget: for<'a> fn(&'a Pool, i64) -> BoxFuture<'a, anyhow::Result<()>>,
}
