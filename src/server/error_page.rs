//! Error pages answered outside the Leptos app (refused requests, panics): translated, in the
//! portal's look, never showing what went wrong inside.

use super::AppState;
use crate::components::layout::{ServiceHeader, SkipLink};
use crate::i18n::{t, t_args, Lang};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use futures::FutureExt;
use http::StatusCode;
use leptos::prelude::*;
use std::panic::AssertUnwindSafe;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A state-changing request from another site (403).
    CrossSite,
    /// A request this account or visitor may not make (403).
    Forbidden,
    /// Nothing at this address for this visitor (404).
    NotFound,
    /// Too many attempts in too short a time (429).
    TooManyRequests,
    /// A request body over the limit (413).
    TooLarge,
    /// An attachment file over its limit (413), with what to do instead.
    FileTooLarge,
    /// A request its handler could not read (400, 415, 422).
    BadRequest,
    /// Something broke on our side (500).
    Internal,
    /// More work of a kind than the server takes at once (503; see `web::Busy`).
    Busy,
}

impl ErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::CrossSite | ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::TooLarge | ErrorKind::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn message_ids(self) -> (&'static str, &'static str) {
        match self {
            ErrorKind::CrossSite => ("error-forbidden-title", "error-forbidden-body"),
            ErrorKind::Forbidden => ("error-no-access-title", "error-no-access-body"),
            ErrorKind::NotFound => ("not-found-title", "not-found-typed"),
            ErrorKind::TooManyRequests => ("error-too-many-title", "error-too-many-body"),
            ErrorKind::TooLarge => ("error-too-large-title", "error-too-large-body"),
            ErrorKind::FileTooLarge => ("error-file-too-large-title", "error-file-too-large-body"),
            ErrorKind::BadRequest => ("error-bad-request-title", "error-bad-request-body"),
            ErrorKind::Internal => ("error-internal-title", "error-internal-body"),
            ErrorKind::Busy => ("error-busy-title", "error-busy-body"),
        }
    }
}

#[component]
fn ErrorDocument(lang: Lang, stylesheet: String, kind: ErrorKind, limits: Limits) -> impl IntoView {
    let (title_id, body_id) = kind.message_ids();
    let title = t(title_id);
    let body = t_args(body_id, &[("file", &limits.file_mb.to_string()), ("total", &limits.total_mb.to_string())]);
    view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>{format!("{title} – {}", t("service-name"))}</title>
                <link rel="stylesheet" href=stylesheet/>
            </head>
            <body>
                <SkipLink/>
                <ServiceHeader/>
                <div class="pt-width-container">
                    <main class="pt-main-wrapper" id="main-content" tabindex="-1">
                        <h1 class="pt-heading-l">{title}</h1>
                        <p class="pt-body">{body}</p>
                        <p class="pt-body"><a class="pt-link" href="/">{t("error-go-home")}</a></p>
                    </main>
                </div>
            </body>
        </html>
    }
}

/// The attachment limits, in whole megabytes (as they are configured), for the page that says
/// a file was too large.
#[derive(Clone, Copy)]
struct Limits {
    file_mb: u64,
    total_mb: u64,
}

/// A whole error page in `lang`, with the status that `kind` calls for.
pub fn error_response(state: &AppState, lang: Lang, kind: ErrorKind) -> Response {
    let stylesheet = state.assets.stylesheet_href();
    const MB: u64 = 1024 * 1024;
    let config = &state.config;
    let limits =
        Limits { file_mb: config.attachment_file_bytes / MB, total_mb: config.attachment_application_bytes / MB };
    let html = Owner::new().with(|| {
        provide_context(lang);
        view! { <ErrorDocument lang=lang stylesheet=stylesheet kind=kind limits=limits/> }.to_html()
    });
    (kind.status(), Html(format!("<!DOCTYPE html>{html}"))).into_response()
}

/// Middleware: a handler's failure (`web::Failure`) and the plain-text answers of axum's
/// extractors (a body over the limit, a form that does not parse) become the translated pages,
/// so the user never sees a bare 413 or 400, nor what went wrong inside.
pub async fn translate_rejections(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
    let response = next.run(request).await;
    if let Some(kind) = response.extensions().get::<ErrorKind>().copied() {
        let mut page = error_response(&state, lang, kind);
        if kind == ErrorKind::Busy {
            page.headers_mut().insert(http::header::RETRY_AFTER, crate::server::web::Busy::RETRY_AFTER_SECONDS.into());
        }
        return page;
    }
    let plain_text = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    let kind = match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Some(ErrorKind::TooLarge),
        StatusCode::BAD_REQUEST | StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY => {
            Some(ErrorKind::BadRequest)
        }
        _ => None,
    };
    match kind {
        Some(kind) if plain_text => {
            let mut page = error_response(&state, lang, kind);
            *page.status_mut() = response.status();
            page
        }
        _ => response,
    }
}

/// Middleware: a handler that panics gets the translated "something went wrong" page, and the
/// panic goes to the log, not to the user.
pub async fn catch_panics(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
    match AssertUnwindSafe(next.run(request)).catch_unwind().await {
        Ok(response) => response,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(panic = %message, "a request handler panicked");
            error_response(&state, lang, ErrorKind::Internal)
        }
    }
}
