//! Which language a request is answered in, and the language switch that works without
//! JavaScript.
//!
//! Order of choice: `?lang=` in the URL, then the `lang` cookie, then the browser's
//! `Accept-Language`, then Finnish. The choice is put in the request's extensions as a
//! [`Lang`], where pages, error pages and (later) e-mails read it.
//!
//! A staff preview is of a form in some language, not of the staff member's own interface:
//! there `?lang=` is remembered in a cookie of the preview's own (`preview-lang`, sent only
//! under `/staff/preview/`), which the preview's pages read before the `lang` cookie.

use super::AppState;
use crate::i18n::Lang;
use axum::extract::{Path, Query, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};
use http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue};
use serde::Deserialize;

const LANG_COOKIE: &str = "lang";
const LANG_PARAM: &str = "lang";
const PREVIEW_LANG_COOKIE: &str = "preview-lang";
/// Where staff previews are; the index of previews above it is the staff's own page.
const PREVIEW_PATH: &str = "/staff/preview/";

/// The cookie that remembers a language for pages under `path`, and the path it is sent to.
fn cookie_for(path: &str) -> (&'static str, &'static str) {
    if path.starts_with(PREVIEW_PATH) {
        (PREVIEW_LANG_COOKIE, PREVIEW_PATH)
    } else {
        (LANG_COOKIE, "/")
    }
}

/// The language from a `?lang=` query parameter, if the query has a known one.
fn lang_from_query(query: Option<&str>) -> Option<Lang> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == LANG_PARAM)
        .and_then(|(_, value)| Lang::from_code(&value))
}

fn lang_from_cookie(headers: &HeaderMap, name: &str) -> Option<Lang> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .and_then(|cookie| Lang::from_code(cookie.value()))
}

/// The first language the browser accepts (quality above zero) that the service has;
/// `sv-FI` counts as Swedish.
fn lang_from_accept_language(headers: &HeaderMap) -> Option<Lang> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    accept_language::parse_with_quality(header).into_iter().filter(|(_, quality)| *quality > 0.0).find_map(
        |(tag, _)| {
            let primary = tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
            Lang::from_code(&primary)
        },
    )
}

/// Chooses the language of a request for `path`: URL, cookie (a preview's own first),
/// browser, Finnish.
pub fn negotiate(headers: &HeaderMap, path: &str, query: Option<&str>) -> Lang {
    lang_from_query(query)
        .or_else(|| path.starts_with(PREVIEW_PATH).then(|| lang_from_cookie(headers, PREVIEW_LANG_COOKIE)).flatten())
        .or_else(|| lang_from_cookie(headers, LANG_COOKIE))
        .or_else(|| lang_from_accept_language(headers))
        .unwrap_or_default()
}

/// A long-lived cookie that remembers the chosen language. Not readable by scripts: nothing
/// in the browser needs it, as the page says its language in `<html lang>`.
fn lang_cookie(lang: Lang, secure: bool, (name, path): (&'static str, &'static str)) -> HeaderValue {
    let cookie = Cookie::build((name, lang.code()))
        .path(path)
        .max_age(cookie::time::Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(secure)
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("a cookie of ASCII letters is a valid header")
}

/// Middleware: decides the request's language and says it in `Content-Language`. A language
/// given in the URL of a page that is shown is also remembered, so the pages that follow stay
/// in it; a refusal or a redirect to log in remembers nothing.
pub async fn negotiate_language(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let lang = negotiate(request.headers(), &path, request.uri().query());
    let cookie = cookie_for(&path);
    let remember =
        lang_from_query(request.uri().query()).is_some() && lang_from_cookie(request.headers(), cookie.0) != Some(lang);
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    let shown = response.status().is_success();
    let headers = response.headers_mut();
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    if remember && shown {
        headers.append(SET_COOKIE, lang_cookie(lang, state.config.is_https(), cookie));
    }
    response
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: remembers the language and goes back to the page the user
/// was on. A plain link, so it works without JavaScript.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<SwitchQuery>,
) -> Response {
    let back_to = local_return_path(query.next.as_deref());
    let redirect = Redirect::to(&back_to);
    match Lang::from_code(&code) {
        Some(lang) => {
            let cookie = lang_cookie(lang, state.config.is_https(), cookie_for(&back_to));
            ([(SET_COOKIE, cookie)], redirect).into_response()
        }
        None => redirect.into_response(),
    }
}

/// The page to return to after a switch: only a path on this site (never `//host` or another
/// scheme, which would make the switch an open redirect), without a `lang` parameter that
/// would override the new choice, and without a fragment.
pub fn local_return_path(next: Option<&str>) -> String {
    let Some(next) = next else { return "/".into() };
    let next = next.split('#').next().unwrap_or_default();
    if !crate::domain::text::is_site_path(next) {
        return "/".into();
    }
    let (path, query) = next.split_once('?').unwrap_or((next, ""));
    let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(name, _)| name != LANG_PARAM)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        return path.to_string();
    }
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish();
    format!("{path}?{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn url_beats_cookie_beats_browser_beats_finnish() {
        let all = headers(&[("cookie", "lang=sv"), ("accept-language", "en")]);
        assert_eq!(negotiate(&all, "/", Some("lang=en")), Lang::En);
        assert_eq!(negotiate(&all, "/", None), Lang::Sv);
        assert_eq!(negotiate(&headers(&[("accept-language", "en")]), "/", None), Lang::En);
        assert_eq!(negotiate(&HeaderMap::new(), "/", None), Lang::Fi);
    }

    #[test]
    fn a_preview_has_a_language_of_its_own() {
        let both = headers(&[("cookie", "lang=fi; preview-lang=sv")]);
        assert_eq!(negotiate(&both, "/staff/preview/citizenship/steps/names", None), Lang::Sv);
        assert_eq!(negotiate(&both, "/staff", None), Lang::Fi, "the staff's own pages keep theirs");
        assert_eq!(negotiate(&both, "/staff/preview", None), Lang::Fi, "so does the index of previews");
        assert_eq!(negotiate(&headers(&[("cookie", "lang=en")]), "/staff/preview/x", None), Lang::En);
    }

    #[test]
    fn unknown_values_fall_through_to_the_next_source() {
        let h = headers(&[("cookie", "theme=dark; lang=de"), ("accept-language", "de-DE, sv-FI;q=0.8, en;q=0.5")]);
        assert_eq!(negotiate(&h, "/", Some("lang=xx&page=2")), Lang::Sv);
    }

    #[test]
    fn a_refused_language_is_never_chosen() {
        let h = headers(&[("accept-language", "en;q=0, sv;q=0.3")]);
        assert_eq!(negotiate(&h, "/", None), Lang::Sv);
    }

    #[test]
    fn the_return_path_stays_on_this_site() {
        assert_eq!(local_return_path(Some("/safe-use")), "/safe-use");
        assert_eq!(local_return_path(None), "/");
        for hostile in ["https://evil.example/", "//evil.example", "/\\evil.example", "evil", "/a\nb"] {
            assert_eq!(local_return_path(Some(hostile)), "/", "{hostile:?}");
        }
    }

    #[test]
    fn the_return_path_drops_the_old_language_and_keeps_the_rest() {
        assert_eq!(local_return_path(Some("/x?lang=fi")), "/x");
        assert_eq!(local_return_path(Some("/x?step=2&lang=fi#top")), "/x?step=2");
    }
}
