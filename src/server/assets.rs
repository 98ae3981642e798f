//! The built browser assets: the hydration bundle and the stylesheet under content-hashed
//! names (cached for a year, since a new build gets new names), and the plain public files.

use axum::body::Body;
use axum::response::Response;
use axum::Router;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::HeaderValue;
use std::path::Path;
use tower_http::services::ServeDir;

/// The names `scripts/build-assets.sh` gave this build's files, read from its manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    /// The wasm-bindgen output name: `pkg/{bundle}.js` and `pkg/{bundle}_bg.wasm`.
    pub bundle: String,
    /// The stylesheet's file name under `pkg/`.
    pub stylesheet: String,
}

const MANIFEST: &str = "manifest.txt";

impl Assets {
    /// Reads `manifest.txt` (`key=value` lines) from the site root. Without one (a server
    /// built but assets not yet), pages still render, unstyled and without hydration.
    pub fn load(site_root: &Path) -> Assets {
        let path = site_root.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "no asset manifest: run scripts/build-assets.sh");
                String::new()
            }
        };
        Assets::parse(&text)
    }

    fn parse(text: &str) -> Assets {
        let value = |key: &str| {
            text.lines()
                .filter_map(|line| line.split_once('='))
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim().to_string())
        };
        Assets {
            bundle: value("bundle").unwrap_or_else(|| "portal".into()),
            stylesheet: value("stylesheet").unwrap_or_else(|| "portal.css".into()),
        }
    }

    pub fn stylesheet_href(&self) -> String {
        format!("/pkg/{}", self.stylesheet)
    }
}

/// Serves `pkg/` (hashed names, so cached for a year) and `static/` (plain names, a day),
/// compressed ahead of time where the build left a `.br` (brotli) or `.gz` beside a file.
pub fn routes<S: Clone + Send + Sync + 'static>(site_root: &Path) -> Router<S> {
    let hashed = ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip();
    let plain = ServeDir::new(site_root.join("static")).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service("/pkg", hashed)
        .layer(axum::middleware::map_response(|r| cache_for(r, "public, max-age=31536000, immutable")))
        .merge(
            Router::new()
                .nest_service("/static", plain)
                .layer(axum::middleware::map_response(|r| cache_for(r, "public, max-age=86400"))),
        )
}

/// Lets a found file be cached (a miss keeps the default `no-store`), and names the character
/// set of text, which every file here is written in: UTF-8.
async fn cache_for(mut response: Response<Body>, policy: &'static str) -> Response<Body> {
    if response.status().is_success() {
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    if let Some(with_charset) = content_type.as_deref().and_then(with_utf8_charset) {
        response.headers_mut().insert(CONTENT_TYPE, with_charset);
    }
    response
}

/// `text/css` → `text/css; charset=utf-8`, for text types that do not name a character set.
fn with_utf8_charset(content_type: &str) -> Option<HeaderValue> {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let is_text = essence.starts_with("text/")
        || matches!(essence, "application/javascript" | "application/json" | "image/svg+xml");
    let named = content_type.to_ascii_lowercase().contains("charset=");
    (is_text && !named).then(|| HeaderValue::from_str(&format!("{essence}; charset=utf-8")).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_the_hashed_files() {
        let assets = Assets::parse("bundle=portal-0123abcd\nstylesheet = portal-99ff.css\n");
        assert_eq!(assets.bundle, "portal-0123abcd");
        assert_eq!(assets.stylesheet_href(), "/pkg/portal-99ff.css");
    }

    #[test]
    fn text_is_served_as_utf_8() {
        assert_eq!(with_utf8_charset("text/css").unwrap(), "text/css; charset=utf-8");
        assert_eq!(with_utf8_charset("text/javascript").unwrap(), "text/javascript; charset=utf-8");
        assert_eq!(with_utf8_charset("image/svg+xml").unwrap(), "image/svg+xml; charset=utf-8");
        assert_eq!(with_utf8_charset("text/plain; charset=utf-8"), None);
        assert_eq!(with_utf8_charset("application/wasm"), None);
    }

    #[test]
    fn without_a_manifest_plain_names_are_used() {
        assert_eq!(Assets::parse(""), Assets { bundle: "portal".into(), stylesheet: "portal.css".into() });
    }
}
