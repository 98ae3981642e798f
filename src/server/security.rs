//! Headers every response carries, and the refusal of cross-site state-changing requests.

use super::error_page::{error_response, ErrorKind};
use super::AppState;
use crate::i18n::Lang;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, HOST, ORIGIN, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::{HeaderMap, HeaderValue};
use leptos::nonce::Nonce;

/// The nonce that this response's inline scripts carry. Leptos puts it on the hydration
/// script; the Content-Security-Policy names it, so no other inline script can run.
#[derive(Clone, Debug)]
pub struct CspNonce(pub Nonce);

/// The policy: only this site's scripts and the one nonced hydration script, WebAssembly
/// compiled from those scripts, no plugins, no `<base>` tricks, no framing, forms only to us
/// and to the sites our forms' redirects lead to (`form_origins`: the payment provider's, and
/// e-Authorizations' where an employer chooses an organisation).
fn content_security_policy(nonce: &str, https: bool, form_origins: &[&str]) -> String {
    let mut policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    for origin in form_origins.iter().filter(|origin| !origin.is_empty()) {
        policy.push(' ');
        policy.push_str(origin);
    }
    if https {
        policy.push_str("; upgrade-insecure-requests");
    }
    policy
}

/// Middleware: makes the nonce, then sets the security headers on whatever the inner layers
/// answered (pages, errors, assets alike). Responses are `no-store` unless a handler says
/// otherwise (only the content-hashed assets do), so nothing personal stays in a shared cache
/// or in the browser's history after logout.
pub async fn security_headers(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    let own = state.config.public_origin();
    let others =
        [state.payments.origin(), state.mandates.origin()].map(|origin| if origin == own { "" } else { origin });
    let policy = content_security_policy(&nonce, state.config.is_https(), &others);
    request.extensions_mut().insert(CspNonce(nonce));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A handler may set a stricter policy of its own (an attachment's download: `sandbox`).
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert_with(|| HeaderValue::from_str(&policy).expect("a nonce is base64url, valid in a header"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // `same-origin`: no address of ours leaks to other sites, while our own form posts keep
    // their real `Origin` header (under `no-referrer` browsers send `Origin: null`).
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(self)"),
    );
    if state.config.is_https() {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
    headers.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Whether a request comes from another site's page. Browsers say so in `Sec-Fetch-Site`;
/// older ones only send `Origin`, which must then be ours. A request with neither is not from
/// a browser, so it carries no cookies a forged form could abuse.
pub fn is_cross_site(headers: &HeaderMap, public_origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site != "same-origin";
    }
    let Some(origin) = headers.get(ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    if origin == public_origin {
        return false;
    }
    // Reached under another name than the configured one (e.g. localhost): the origin must
    // then name the host the request was sent to.
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    let request_host = headers.get(HOST).and_then(|h| h.to_str().ok());
    !(origin_host.is_some() && origin_host == request_host)
}

/// Middleware: refuses a state-changing request (anything but GET, HEAD, OPTIONS) from another
/// site with 403. This covers the server-function URLs, which would otherwise accept a form
/// posted from anywhere.
pub async fn reject_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !request.method().is_safe() && is_cross_site(request.headers(), state.config.public_origin()) {
        let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
        tracing::warn!(method = %request.method(), path = request.uri().path(), "refused a cross-site request");
        return error_response(&state, lang, ErrorKind::CrossSite);
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = "https://portal.example.fi";

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(n, v)| (http::HeaderName::from_static(n), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "same-origin")]), OURS));
        for site in ["cross-site", "same-site", "none"] {
            let h = headers(&[("sec-fetch-site", site), ("origin", "https://portal.example.fi")]);
            assert!(is_cross_site(&h, OURS), "{site}");
        }
    }

    #[test]
    fn without_fetch_metadata_the_origin_must_be_ours() {
        assert!(!is_cross_site(&headers(&[("origin", "https://portal.example.fi")]), OURS));
        assert!(is_cross_site(&headers(&[("origin", "https://evil.example")]), OURS));
        assert!(is_cross_site(&headers(&[("origin", "null")]), OURS));
        let local = headers(&[("origin", "http://localhost:3000"), ("host", "localhost:3000")]);
        assert!(!is_cross_site(&local, OURS));
        let spoofed = headers(&[("origin", "http://evil.example"), ("host", "localhost:3000")]);
        assert!(is_cross_site(&spoofed, OURS));
    }

    #[test]
    fn requests_without_browser_headers_pass() {
        assert!(!is_cross_site(&HeaderMap::new(), OURS));
    }

    #[test]
    fn the_policy_names_the_nonce_and_forbids_the_rest() {
        let policy = content_security_policy("abc", false, &[]);
        for part in
            ["'nonce-abc'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]
        {
            assert!(policy.contains(part), "{part} missing from {policy}");
        }
        assert!(!policy.contains("unsafe-inline"));
        assert!(content_security_policy("abc", true, &[]).ends_with("upgrade-insecure-requests"));
        let others = ["https://services.paytrail.com", "", "https://asiointivaltuustarkastus.suomi.fi"];
        let policy = content_security_policy("abc", false, &others);
        let expected = "form-action 'self' https://services.paytrail.com https://asiointivaltuustarkastus.suomi.fi";
        assert!(policy.contains(expected), "{policy}");
    }
}
