//! The middleware that applies the route tables, and the two answers for paths they do not
//! have.
//!
//! 1. [`canonical_paths`] runs first: a path that is not in canonical form (`/./p`, `/x/../p`,
//!    `%2e`, `p\`, `//p`, `p/`, escaped letters) is sent to its canonical form, where the
//!    normal rule applies; an escaped `/` or `\` is never canonical and answers 404. So the
//!    router, the access rule and the app's own router all see one path.
//! 2. [`gate`] runs after the router matched a pattern: it looks the pattern up, turns away
//!    whoever the rule is not for, and before a page renders puts its data in the request.
//! 3. A path that matches no pattern reaches [`not_found`] without any rule or loader.

use super::routes::{Params, RouteTable, Rule};
use super::{Ctx, Failure};
use crate::page_data::AccountSummary;
use crate::server::audit;
use crate::server::error_page::ErrorKind;
use crate::server::identity::Role;
use crate::server::AppState;
use axum::extract::{FromRequestParts, MatchedPath, RawPathParams, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{Method, StatusCode, Uri};
use std::sync::Arc;

/// The canonical form of a request path: `\` read as `/`, escaped unreserved characters
/// (letters, digits, `-._~`) unescaped, empty and `.` segments dropped, `..` resolved, no
/// trailing `/`. `None` for a path with an escaped `/` or `\`, which names no route here but
/// would name one to a router that unescapes first.
pub fn canonical_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let unescaped = unescape_unreserved(&raw.replace('\\', "/"));
    let mut segments: Vec<&str> = Vec::new();
    for segment in unescaped.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    Some(format!("/{}", segments.join("/")))
}

/// `%41` → `A` for the unreserved characters of RFC 3986, which mean the same escaped or not;
/// every other escape stays as it is.
fn unescape_unreserved(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
            .flatten()
            .filter(|b| b.is_ascii_alphanumeric() || b"-._~".contains(b));
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    // Only ASCII escapes were replaced, so what was UTF-8 still is.
    String::from_utf8_lossy(&out).into_owned()
}

/// Middleware, outermost: a request for a path not in canonical form is redirected to the
/// canonical path (pages) or answered 404 (anything else, and paths with no canonical form).
pub async fn canonical_paths(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let canonical = canonical_path(path);
    if canonical.as_deref() == Some(path) {
        return next.run(request).await;
    }
    let lang = request.extensions().get::<crate::i18n::Lang>().copied().unwrap_or_default();
    match canonical {
        Some(canonical) if matches!(*request.method(), Method::GET | Method::HEAD) => {
            let target = match request.uri().query() {
                Some(query) => format!("{canonical}?{query}"),
                None => canonical,
            };
            Redirect::permanent(&target).into_response()
        }
        _ => crate::server::error_page::error_response(&state, lang, ErrorKind::NotFound),
    }
}

/// What [`gate`] needs: the app and the merged route tables.
#[derive(Clone)]
pub struct Gate {
    state: AppState,
    table: Arc<RouteTable>,
}

impl Gate {
    pub fn new(state: AppState, table: RouteTable) -> Gate {
        Gate { state, table: Arc::new(table) }
    }

    /// Writes a refused request to the audit log: who, which route, from where.
    async fn record_refusal(&self, ctx: &Ctx, method: &Method, pattern: &str) {
        let user_id = ctx.user.as_ref().map(|user| user.id);
        tracing::info!(%method, pattern, user_id, "access refused");
        let what = format!("{method} {pattern}");
        let throttle = &self.state.audit_throttle;
        let recorded =
            throttle.record(&self.state.db, audit::Event::AccessRefused, user_id, ctx.client.as_deref(), &what);
        if let Err(error) = recorded.await {
            tracing::error!(%error, "could not write a refusal to the audit log");
        }
    }
}

/// Middleware, after routing: the matched pattern's rule decides who gets in (visitors who are
/// not signed in are sent to log in, staff without a second factor to set it up, the rest
/// refused); a page then gets the signed-in account, what the last request left for it, and
/// its loader's data.
pub async fn gate(State(gate): State<Gate>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let Some(pattern) = parts.extensions.get::<MatchedPath>().map(|m| m.as_str().to_string()) else {
        // No route: the not-found fallback answers, and nothing else runs.
        return next.run(Request::from_parts(parts, body)).await;
    };
    let ctx = match Ctx::from_request_parts(&mut parts, &gate.state).await {
        Ok(ctx) => ctx,
        Err(refusal) => return refusal,
    };
    let Some(rule) = gate.table.rules.get(pattern.as_str()) else {
        // The start-up check makes this impossible; closed, should it ever happen.
        tracing::error!(pattern, "a routed path has no access rule");
        return ctx.error_page(ErrorKind::NotFound);
    };
    if !rule.admits(ctx.user.as_ref()) {
        gate.record_refusal(&ctx, &parts.method, &pattern).await;
        let is_page = parts.method == Method::GET;
        let ended = crate::server::accounts::session::was_signed_in(&parts.headers);
        return match &ctx.user {
            None if is_page => Redirect::to(&login_then(&parts.uri, ended)).into_response(),
            // A long form sent after the session ended: kept, and its page shown again after
            // logging in.
            None if rule.keeps_typed && parts.method == Method::POST => {
                match axum::body::to_bytes(body, crate::server::FORM_BODY_MAX).await {
                    Err(_) => ctx.error_page(ErrorKind::TooLarge),
                    Ok(body) => match super::kept_post::keep(&ctx.session, parts.uri.path(), &body).await {
                        Ok(()) => Redirect::to(&login_then(&parts.uri, ended)).into_response(),
                        Err(error) => Failure::from(error).into_response(),
                    },
                }
            }
            Some(user) if is_page && user.needs_second_factor_set_up() => {
                Redirect::to("/account/two-factor").into_response()
            }
            _ => ctx.error_page(ErrorKind::Forbidden),
        };
    }
    if let Some(refusal) = over_declared_length(&ctx, rule, &parts.headers) {
        return refusal;
    }
    if rule.page && matches!(parts.method, Method::GET | Method::HEAD) {
        let params = match RawPathParams::from_request_parts(&mut parts, &gate.state).await {
            Ok(raw) => Params(raw.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()),
            Err(_) => Params::default(),
        };
        let path = parts.uri.path().to_string();
        if let Err(error) = page_data(&ctx, &path, rule.loader.as_ref(), params, &mut parts.extensions).await {
            return Failure::from(error).into_response();
        }
    }
    next.run(Request::from_parts(parts, body)).await
}

/// The "too large" page at once, before a byte of the body is read, when the request says
/// its body is longer than the route takes (forms [`FORM_BODY_MAX`], uploads
/// [`Config::upload_body_bytes`](crate::server::config::Config::upload_body_bytes)); the
/// connection is closed after it, so the rest of the body is never waited for.
fn over_declared_length(ctx: &Ctx, rule: &Rule, headers: &http::HeaderMap) -> Option<Response> {
    let declared = headers.get(http::header::CONTENT_LENGTH)?.to_str().ok()?.parse::<u64>().ok()?;
    let (max, kind) = if rule.upload {
        (ctx.state.config.upload_body_bytes(), ErrorKind::FileTooLarge)
    } else {
        (crate::server::FORM_BODY_MAX as u64, ErrorKind::TooLarge)
    };
    if declared <= max {
        return None;
    }
    let mut refusal = ctx.error_page(kind);
    refusal.headers_mut().insert(http::header::CONNECTION, http::HeaderValue::from_static("close"));
    Some(refusal)
}

/// The login page, which returns to `uri` afterwards (see `domain::text::local_path`), and says
/// the session ended by itself when it did (`ended`).
fn login_then(uri: &http::Uri, ended: bool) -> String {
    let here = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
    let ended = if ended { format!("&{}=1", crate::page_data::ENDED_FIELD) } else { String::new() };
    format!("/login?{}={next}{ended}", crate::page_data::NEXT_FIELD)
}

/// Puts a page's data in its request: the account, the notice and kept form state left for
/// it, and what its loader gives.
async fn page_data(
    ctx: &Ctx,
    path: &str,
    loader: Option<&super::routes::Loader>,
    params: Params,
    extensions: &mut http::Extensions,
) -> anyhow::Result<()> {
    if let Some(user) = &ctx.user {
        extensions.insert(AccountSummary {
            email: user.email.clone(),
            role_msg: user.role.message_id().to_string(),
            language: user.language.code().to_string(),
            two_factor: user.two_factor,
            can_delete: user.role != Role::Staff,
        });
    }
    let (notice, form_state) = ctx.left_for(path).await?;
    if let Some(notice) = notice {
        extensions.insert(notice);
    }
    extensions.insert(form_state);
    if let Some(loader) = loader {
        extensions.extend(loader(ctx.clone(), params).await?);
    }
    Ok(())
}

/// The fallback of the router: the app's not-found page, with status 404. The app renders it
/// for a path reserved for the purpose, so its own router cannot read the unmatched path as
/// one of its pages.
pub fn not_found<H>(render: H) -> impl Fn(Request) -> futures::future::BoxFuture<'static, Response> + Clone
where
    H: Fn(Request) -> futures::future::BoxFuture<'static, Response> + Clone + Send + 'static,
{
    move |mut request: Request| {
        *request.uri_mut() = Uri::from_static(NOT_FOUND_PATH);
        let render = render.clone();
        Box::pin(async move {
            let mut response = render(request).await;
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
        })
    }
}

/// The path the not-found page renders for: not a route of the app, and never one.
const NOT_FOUND_PATH: &str = "/404";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_canonical_paths_resolve_to_the_canonical_one() {
        for (raw, canonical) in [
            ("/", "/"),
            ("/staff", "/staff"),
            ("/./staff", "/staff"),
            ("/%2e/staff", "/staff"),
            ("/%2E%2E/staff", "/staff"),
            ("/x/../staff", "/staff"),
            ("/x/%2e%2e/staff", "/staff"),
            ("/staff\\", "/staff"),
            ("//staff", "/staff"),
            ("/staff/", "/staff"),
            ("/st%61ff", "/staff"),
            ("/../../staff", "/staff"),
            ("/staff;x", "/staff;x"),
            ("/STAFF", "/STAFF"),
            ("/a%20b", "/a%20b"),
            ("/a%", "/a%"),
            ("/a%4", "/a%4"),
        ] {
            assert_eq!(canonical_path(raw).as_deref(), Some(canonical), "{raw}");
        }
        for raw in ["/staff%2Fpreview", "/staff%2fpreview", "/%5cstaff"] {
            assert_eq!(canonical_path(raw), None, "{raw}");
        }
    }
}
