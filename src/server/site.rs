//! The site's public pages (start, information, design system, the session's end), and the
//! language switch: their route table.

use crate::page_data::ReturnPath;
use crate::server::i18n;
use crate::server::web::{Access, Ctx, Params, Route};
use axum::routing::get;

pub fn routes() -> Vec<Route> {
    use Access::Anyone;
    vec![
        Route::page("/", Anyone),
        Route::page("/safe-use", Anyone),
        Route::page("/accessibility", Anyone),
        Route::page("/privacy", Anyone),
        Route::page("/contact", Anyone),
        Route::page("/design-system", Anyone),
        Route::page("/session-warning", Anyone).load(return_path),
        Route::page("/session-ended", Anyone),
        Route::action("/lang/{code}", Anyone, get(i18n::switch_language)),
    ]
}

/// The `/session-warning` page's data: the page of this site that linked here (from
/// `Referer`), to return to, or the account page.
async fn return_path(ctx: Ctx, _: Params) -> anyhow::Result<Option<ReturnPath>> {
    let path = ctx
        .referer
        .as_deref()
        .and_then(|r| r.parse::<http::Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|p| p.to_string()));
    let back = match path.as_deref() {
        Some(path) if path != "/session-warning" => i18n::local_return_path(Some(path)),
        _ => "/account".into(),
    };
    Ok(Some(ReturnPath(back)))
}
