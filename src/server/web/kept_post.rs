//! A form posted after its session ended (30 idle minutes, or logged out in another tab), on a
//! route that [keeps what was typed](super::routes::Route::keeps_typed): its fields wait in the
//! new, anonymous session while the author logs in again (logging in keeps the session's data
//! under a new id), and the form's page takes them and shows them again, unsaved, to check and
//! send (B23). Nothing typed is lost, and nothing is saved without its author seeing it.
//!
//! Only the form's own page takes them, and only for a signed-in user who may open that page:
//! someone else logging in on the same browser reaches no page of the author's drafts.

use super::Ctx;
use tower_sessions::Session;

const KEY: &str = "web.kept_post";

/// A kept form: the path it was posted to, and its fields in order.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptPost {
    path: String,
    fields: Vec<(String, String)>,
}

/// Keeps the fields of a form `body` posted to `path` (one at a time: the latest).
pub async fn keep(session: &Session, path: &str, body: &[u8]) -> anyhow::Result<()> {
    let fields = form_urlencoded::parse(body).into_owned().collect();
    session.insert(KEY, KeptPost { path: path.to_string(), fields }).await?;
    Ok(())
}

/// The fields kept for the form at `path`, once.
pub async fn take(ctx: &Ctx, path: &str) -> anyhow::Result<Option<Vec<(String, String)>>> {
    let Some(kept) = ctx.session.get::<KeptPost>(KEY).await? else { return Ok(None) };
    if kept.path != path {
        return Ok(None);
    }
    ctx.session.remove::<KeptPost>(KEY).await?;
    Ok(Some(kept.fields))
}
