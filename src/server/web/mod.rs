//! The web layer every feature builds on: the request context ([`Ctx`]), the notices and kept
//! form state of Post/Redirect/Get, the route tables with their access rules and page loaders
//! ([`routes`]), and the middleware that applies them ([`gate`]).
//!
//! Every form posts to its page's own address and is answered with a redirect, so the forms
//! work without JavaScript. A failed submit keeps what the page must show again — values as
//! typed (never a password) and translated errors — in the session under the page's path; the
//! next GET of that page takes it and shows it once.
//!
//! Feature modules (`accounts`, `applications`, `site`) depend on this module and on the
//! shared [`identity`](crate::server::identity); none imports another feature's web code.

pub mod gate;
pub mod kept_post;
pub mod routes;

use crate::i18n::Lang;
use crate::page_data::{FormState, Notice};
use crate::server::accounts::limits::{Refused, Wait};
use crate::server::error_page::{error_response, ErrorKind};
use crate::server::identity::{CurrentUser, User};
use crate::server::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::response::{IntoResponse, Redirect, Response};
use http::request::Parts;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use tower_sessions::Session;

pub use routes::{Access, Params, Route};

const NOTICE_KEY: &str = "flash.notice";

fn form_state_key(path: &str) -> String {
    format!("form.{path}")
}

/// More work of one kind than the server takes on at once (password hashing, see
/// `accounts::password`): the request is answered "busy, try again in a moment" (503 with
/// `Retry-After`, see [`Failure`]) instead of waiting in an ever longer queue.
#[derive(Debug)]
pub struct Busy;

impl Busy {
    pub const RETRY_AFTER_SECONDS: u64 = 2;
}

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too much work of this kind waiting")
    }
}

impl std::error::Error for Busy {}

/// A handler's failure: answered with the translated error page, never with what went wrong
/// (the error goes to the log). 503 "busy, try again in a moment" for [`Busy`], else 500. The
/// page is made by `error_page::translate_rejections`, which knows the request's language.
#[derive(Debug)]
pub struct Failure(anyhow::Error);

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure(error.into())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let kind = if self.0.is::<Busy>() {
            ErrorKind::Busy
        } else {
            tracing::error!(error = %self.0, "a request failed");
            ErrorKind::Internal
        };
        let mut response = kind.status().into_response();
        response.extensions_mut().insert(kind);
        response
    }
}

/// What a handler answers: its response, or a [`Failure`] (so a handler uses `?`).
pub type Answer = Result<Response, Failure>;

/// The signed-in user, as an extractor: a handler that takes it says in its signature that it
/// is for signed-in users only. The gate admits only those its route's rule lets in; should
/// one without a user reach it anyway, the answer is the "no access" page.
pub struct SignedIn(pub User);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<CurrentUser>() {
            Some(CurrentUser(user)) => Ok(SignedIn(user.clone())),
            None => {
                let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
                Err(error_response(state, lang, ErrorKind::Forbidden))
            }
        }
    }
}

/// What every handler and loader works with: the app, the language, the session, where the
/// request came from, and who is signed in.
#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    pub lang: Lang,
    pub session: Session,
    /// The client's address, for rate limits and the audit log.
    pub client: Option<String>,
    pub user: Option<User>,
    /// The page of this site or another that linked here (`Referer`), if the browser said.
    pub referer: Option<String>,
}

/// The client's address, for rate limits and the audit log: the connection's peer; or, when
/// the peer is a trusted proxy (`PORTAL_TRUSTED_PROXIES`), the address the proxies saw: walking
/// `X-Forwarded-For` from its right end (the entry the nearest proxy added), the first address
/// that is not itself a trusted proxy. A client that reaches the portal directly may write
/// anything in that header, so it is never read then; and an entry that is not an address
/// ends the walk at the last address known to be true.
pub fn client_address(parts: &Parts, trusted_proxies: &[ipnet::IpNet]) -> Option<IpAddr> {
    let trusted = |address: &IpAddr| trusted_proxies.iter().any(|network| network.contains(address));
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>()?.0.ip().to_canonical();
    if !trusted(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let mut address = peer;
    for entry in forwarded.iter().rev() {
        match entry.parse::<IpAddr>() {
            Ok(hop) => {
                address = hop.to_canonical();
                if !trusted(&address) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    Some(address)
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let session = Session::from_request_parts(parts, state).await.map_err(|(_, reason)| {
            tracing::error!(reason, "no session layer");
            error_response(state, lang, ErrorKind::Internal)
        })?;
        Ok(Ctx {
            state: state.clone(),
            lang,
            session,
            client: client_address(parts, &state.config.trusted_proxies).map(|address| address.to_string()),
            user: parts.extensions.get::<CurrentUser>().map(|CurrentUser(user)| user.clone()),
            referer: parts.headers.get(http::header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string),
        })
    }
}

impl Ctx {
    /// The translated error page of `kind`.
    pub fn error_page(&self, kind: ErrorKind) -> Response {
        error_response(&self.state, self.lang, kind)
    }

    /// The translated 429 page, saying in `Retry-After` when to try again.
    pub fn too_many(&self, wait: Wait) -> Response {
        let mut response = self.error_page(ErrorKind::TooManyRequests);
        response.headers_mut().insert(http::header::RETRY_AFTER, wait.seconds().into());
        response
    }

    /// The response to a try that a rate limit refused (`Some`), or `None` when it was let in.
    /// A limit that could not count is an error: the try is not let in uncounted.
    pub fn limited(&self, counted: Result<(), Refused>) -> Result<Option<Response>, Failure> {
        match counted {
            Ok(()) => Ok(None),
            Err(Refused::TooMany(wait)) => Ok(Some(self.too_many(wait))),
            Err(Refused::Failed(error)) => Err(error.into()),
        }
    }

    /// The signed-in user, for a page's loader (a handler takes [`SignedIn`] instead). The
    /// route tables let only signed-in users reach the pages that ask, so a missing user is a
    /// bug, answered like any other failure.
    pub fn signed_in(&self) -> anyhow::Result<&User> {
        self.user.as_ref().ok_or_else(|| anyhow::anyhow!("a page for signed-in users was reached without one"))
    }

    /// Sends the browser back to the form at `path`, which will show `state`.
    pub async fn back_to_form(&self, path: &str, state: FormState) -> Answer {
        self.session.insert(&form_state_key(path), state).await?;
        Ok(Redirect::to(path).into_response())
    }

    /// Back to the form at `path` with one error, keeping the typed `values`.
    pub async fn refuse(&self, path: &str, values: &[(&str, &str)], field: &str, message_id: &str) -> Answer {
        self.back_to_form(path, FormState::refused(values, &[(field, message_id)])).await
    }

    /// Goes on to `path`, which will confirm what was done with the message `message_id`.
    pub async fn done(&self, path: &str, message_id: &str) -> Answer {
        self.notify(path, Notice { message_id: message_id.to_string(), success: true }).await
    }

    /// Goes on to `path`, which will tell the user `message_id`.
    pub async fn inform(&self, path: &str, message_id: &str) -> Answer {
        self.notify(path, Notice { message_id: message_id.to_string(), success: false }).await
    }

    async fn notify(&self, path: &str, notice: Notice) -> Answer {
        self.session.insert(NOTICE_KEY, notice).await?;
        Ok(Redirect::to(path).into_response())
    }

    /// The answer that ends a visit (logout, account deletion): on to `path`, telling the
    /// browser to forget what it kept of the portal, its cache, cookies and storage, besides
    /// the session that has ended. The language goes with the address, as its cookie goes too.
    pub fn leave(&self, path: &str) -> Response {
        let mut response = Redirect::to(&format!("{path}?lang={}", self.lang.code())).into_response();
        let clear = http::HeaderValue::from_static("\"cache\", \"cookies\", \"storage\"");
        response.headers_mut().insert(http::HeaderName::from_static("clear-site-data"), clear);
        response
    }

    /// Takes `key` out of the session if it is there (shown once). Removing an absent key
    /// would still mark the session changed, and give every visitor a session row.
    pub async fn take<T: Serialize + DeserializeOwned>(&self, key: &str) -> anyhow::Result<Option<T>> {
        Ok(match self.session.get::<T>(key).await? {
            Some(value) => {
                self.session.remove::<T>(key).await?;
                Some(value)
            }
            None => None,
        })
    }

    /// What the last request left for the page at `path`: a notice, and the kept state of its
    /// form (empty when there is none).
    async fn left_for(&self, path: &str) -> anyhow::Result<(Option<Notice>, FormState)> {
        let notice = self.take::<Notice>(NOTICE_KEY).await?;
        Ok((notice, self.take::<FormState>(&form_state_key(path)).await?.unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(peer: &str, forwarded: &[&str]) -> Parts {
        let mut request = http::Request::get("/");
        for value in forwarded {
            request = request.header("x-forwarded-for", *value);
        }
        let (mut parts, ()) = request.body(()).unwrap().into_parts();
        parts.extensions.insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 4000)));
        parts
    }

    #[test]
    fn the_client_is_the_first_untrusted_address_from_the_right() {
        let proxies: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "::1/128".parse().unwrap()];
        let client = |peer, forwarded: &[&str]| client_address(&parts(peer, forwarded), &proxies).unwrap().to_string();
        // Directly: the peer, whatever the header says.
        assert_eq!(client("192.0.2.1", &["198.51.100.1"]), "192.0.2.1");
        // Through one proxy, and through two (the inner one trusted too).
        assert_eq!(client("10.0.0.5", &["203.0.113.9, 198.51.100.1"]), "198.51.100.1");
        assert_eq!(client("10.0.0.5", &["198.51.100.1, 10.1.1.1"]), "198.51.100.1");
        assert_eq!(client("10.0.0.5", &["198.51.100.1", "10.1.1.1"]), "198.51.100.1", "headers in order");
        // A proxy that forwarded nothing, or garbage: the last address known to be true.
        assert_eq!(client("10.0.0.5", &[]), "10.0.0.5");
        assert_eq!(client("10.0.0.5", &["198.51.100.1, not-an-address, 10.1.1.1"]), "10.1.1.1");
        // IPv4 mapped into IPv6 is the IPv4 address; IPv6 proxies work alike.
        assert_eq!(client("::ffff:192.0.2.1", &[]), "192.0.2.1");
        assert_eq!(client("::1", &["2001:db8::7"]), "2001:db8::7");
        // No proxies configured: the header is never read.
        assert_eq!(client_address(&parts("10.0.0.5", &["198.51.100.1"]), &[]).unwrap().to_string(), "10.0.0.5");
    }
}
