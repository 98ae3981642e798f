//! The built browser assets: the hydration bundle and the stylesheet under content-hashed
//! names (cached for a year, since a new build gets new names), and the plain public files.

use axum::body::Body;
use axum::response::Response;
use axum::Router;
use http::header::CACHE_CONTROL;
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
/// gzip-compressed ahead of time where the build left a `.gz` beside a file.
pub fn routes<S: Clone + Send + Sync + 'static>(site_root: &Path) -> Router<S> {
    let hashed = ServeDir::new(site_root.join("pkg")).precompressed_gzip();
    let plain = ServeDir::new(site_root.join("static")).precompressed_gzip();
    Router::new()
        .nest_service("/pkg", hashed)
        .layer(axum::middleware::map_response(|r| cache_for(r, "public, max-age=31536000, immutable")))
        .merge(
            Router::new()
                .nest_service("/static", plain)
                .layer(axum::middleware::map_response(|r| cache_for(r, "public, max-age=86400"))),
        )
}

/// Lets a found file be cached; a miss keeps the default `no-store`.
async fn cache_for(mut response: Response<Body>, policy: &'static str) -> Response<Body> {
    if response.status().is_success() {
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
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
    fn without_a_manifest_plain_names_are_used() {
        assert_eq!(Assets::parse(""), Assets { bundle: "portal".into(), stylesheet: "portal.css".into() });
    }
}
