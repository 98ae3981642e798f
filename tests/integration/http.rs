//! The portal as a browser sees it: the real router, driven in-process.

use crate::support;

use axum::body::Body;
use axum::routing::get;
use axum::Router;
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use portal::server::accounts::users::Role;
use portal::server::router;
use support::{get_page, h1, scratch_dir, send, spawn_app, state_with_site, PUBLIC_URL};

const PAGES: [&str; 6] = ["/", "/safe-use", "/accessibility", "/privacy", "/contact", "/design-system"];

#[tokio::test]
async fn the_start_page_offers_the_four_applications_in_each_language() {
    let app = spawn_app().await;
    let cases = [
        (
            "fi",
            "Hae oleskelulupaa tai Suomen kansalaisuutta",
            ["Ensimmäinen oleskelulupa", "Jatkolupa", "Pysyvä oleskelulupa", "Suomen kansalaisuus"],
        ),
        (
            "sv",
            "Ansök om uppehållstillstånd eller finskt medborgarskap",
            [
                "Första uppehållstillstånd",
                "Fortsatt uppehållstillstånd",
                "Permanent uppehållstillstånd",
                "Finskt medborgarskap",
            ],
        ),
        (
            "en",
            "Apply for a residence permit or Finnish citizenship",
            [
                "First residence permit",
                "Extended residence permit",
                "Permanent residence permit",
                "Finnish citizenship",
            ],
        ),
    ];
    for (lang, heading, offers) in cases {
        let (status, headers, html) = get_page(&app, &format!("/?lang={lang}"), &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&format!(r#"<html lang="{lang}""#)), "{lang}");
        assert_eq!(headers[header::CONTENT_LANGUAGE], lang);
        assert_eq!(h1(&html), heading);
        for offer in offers {
            assert!(html.contains(offer), "{lang}: {offer} missing");
        }
    }
}

#[tokio::test]
async fn every_page_is_complete_in_every_language() {
    let app = spawn_app().await;
    for path in PAGES.iter().chain(&["/no-such-page"]) {
        let mut headings = Vec::new();
        for lang in ["fi", "sv", "en"] {
            let (status, _, html) = get_page(&app, path, &[("cookie", &format!("lang={lang}"))]).await;
            let expected = if *path == "/no-such-page" { StatusCode::NOT_FOUND } else { StatusCode::OK };
            assert_eq!(status, expected, "{path} in {lang}");
            assert!(html.contains(&format!(r#"<html lang="{lang}""#)), "{path} in {lang}");
            assert!(!html.contains("[missing message"), "{path} in {lang} names an undefined message");
            assert!(html.contains("<title>") && html.contains(r##"href="#main-content""##), "{path} in {lang}");
            headings.push(h1(&html).to_string());
        }
        assert!(headings[0] != headings[1] && headings[1] != headings[2], "{path} is not translated: {headings:?}");
    }
}

#[tokio::test]
async fn the_language_comes_from_url_then_cookie_then_browser_then_finnish() {
    let app = spawn_app().await;
    let lang_of = |html: &str| html.split(r#"<html lang=""#).nth(1).unwrap()[..2].to_string();
    let (_, _, html) = get_page(&app, "/", &[]).await;
    assert_eq!(lang_of(&html), "fi");
    let (_, _, html) = get_page(&app, "/", &[("accept-language", "sv-FI,sv;q=0.9,en;q=0.8")]).await;
    assert_eq!(lang_of(&html), "sv");
    let (_, _, html) = get_page(&app, "/", &[("accept-language", "sv"), ("cookie", "lang=en")]).await;
    assert_eq!(lang_of(&html), "en");
    let (_, headers, html) = get_page(&app, "/?lang=fi", &[("cookie", "lang=en")]).await;
    assert_eq!(lang_of(&html), "fi");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=fi;"), "a language in the URL is remembered: {cookie}");
}

#[tokio::test]
async fn the_language_switch_remembers_the_choice_and_returns_to_the_same_page() {
    let app = spawn_app().await;
    let (status, headers, _) = get_page(&app, "/lang/sv?next=%2Fsafe-use%3Flang%3Dfi", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/safe-use");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    for flag in ["lang=sv", "HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing from {cookie}");
    }
    let (_, _, html) = get_page(&app, "/safe-use", &[("cookie", "lang=sv")]).await;
    assert_eq!(h1(&html), "Trygg användning av e-tjänster");
}

#[tokio::test]
async fn the_language_switch_never_sends_users_to_another_site() {
    let app = spawn_app().await;
    for next in ["https%3A%2F%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example"] {
        let (status, headers, _) = get_page(&app, &format!("/lang/en?next={next}"), &[]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers[header::LOCATION], "/", "{next}");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_fresh_nonce() {
    let (app, state) = support::spawn_app_with_state().await;
    // Signed in, so that the page has an island and the script that loads it.
    let mut browser = support::applicant(&app, &state, "nonce@example.fi").await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let (_, headers, html) = browser.get("/account").await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
        assert!(nonce.len() >= 16, "{csp}");
        assert!(
            html.contains(&format!(r#"<script type="module" nonce="{nonce}">"#)),
            "the islands script carries the header's nonce"
        );
        for part in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'wasm-unsafe-eval'"] {
            assert!(csp.contains(part), "{part} missing: {csp}");
        }
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(headers[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().starts_with("max-age="));
        assert!(headers.contains_key("x-request-id"));
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "each response has its own nonce");
}

#[tokio::test]
async fn every_script_on_every_page_carries_the_nonce() {
    let app = spawn_app().await;
    for path in PAGES.iter().chain(&["/login", "/logged-out", "/no-such-page"]) {
        let (_, headers, html) = get_page(&app, path, &[]).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
        let scripts: Vec<&str> = html.split("<script").skip(1).map(|s| &s[..s.find('>').unwrap()]).collect();
        assert!(!scripts.is_empty(), "{path}");
        for script in scripts {
            assert!(script.contains(&format!(r#"nonce="{nonce}""#)), "{path}: <script{script}> would be blocked");
        }
    }
}

#[tokio::test]
async fn a_cross_site_post_to_a_server_function_is_refused() {
    let (app, state) = support::spawn_app_with_state().await;
    let email = "maria@example.fi";
    portal::server::accounts::admin::create_account(&state.db, Role::Applicant, email, "tuulinen lokakuun aamu".into())
        .await
        .unwrap()
        .unwrap();
    let mut browser = support::Browser::new(&app);
    browser.log_in(email, "tuulinen lokakuun aamu", "/account").await;
    let cookie = browser.cookie.clone().unwrap();
    // The "stay signed in" function, as the plain timeout page posts to it.
    let post = |headers: &[(&'static str, &'static str)]| {
        let mut request = Request::post("/api/session/stay")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("cookie", &cookie);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(Body::from("next=%2Faccount")).unwrap()
    };
    for hostile in [
        &[("origin", "https://evil.example")][..],
        &[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")][..],
        &[("sec-fetch-site", "same-site"), ("origin", "https://forms.example.fi")][..],
    ] {
        let response = send(&app, post(hostile)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{hostile:?}");
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(String::from_utf8_lossy(&body).contains("Pyyntöä ei hyväksytty"), "a translated explanation");
    }
    for friendly in [&[("sec-fetch-site", "same-origin"), ("origin", PUBLIC_URL)][..], &[("origin", PUBLIC_URL)][..]] {
        let (status, headers, body) = support::read(send(&app, post(friendly)).await).await;
        assert!(status.is_redirection(), "{friendly:?}: {status} {body}");
        assert_eq!(headers[header::LOCATION], "/account", "{friendly:?}: back to the page the user was on");
    }
}

#[tokio::test]
async fn an_unknown_address_gets_a_translated_404_page() {
    let app = spawn_app().await;
    let (status, _, html) = get_page(&app, "/no/such/page", &[("accept-language", "en")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(h1(&html), "Page not found");
    assert!(html.contains(r#"class="pt-language-switch""#), "the 404 page keeps the layout");
}

#[tokio::test]
async fn the_probes_answer() {
    let app = spawn_app().await;
    let (status, _, body) = get_page(&app, "/healthz", &[]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    let (status, _, body) = get_page(&app, "/readyz", &[]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ready"));
}

#[tokio::test]
async fn pages_are_gzipped_for_browsers_that_accept_it() {
    let app = spawn_app().await;
    let (_, headers, _) = get_page(&app, "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_served_precompressed() {
    let site = scratch_dir("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("manifest.txt"), "bundle=portal-abc\nstylesheet=portal-def.css\n").unwrap();
    std::fs::write(site.join("pkg/portal-def.css"), "body { color: black }").unwrap();
    // ServeDir picks the precompressed copy by its name; its bytes do not matter here.
    for compressed in ["gz", "br"] {
        std::fs::copy(site.join("pkg/portal-def.css"), site.join(format!("pkg/portal-def.css.{compressed}"))).unwrap();
    }
    let state = state_with_site(&site).await;
    let app = router(state.clone());

    let (_, _, html) = get_page(&app, "/", &[]).await;
    assert!(html.contains(r#"href="/pkg/portal-def.css""#), "pages link the hashed stylesheet");
    assert!(!html.contains("/pkg/portal-abc"), "a page without an island loads no script");
    let html = support::applicant(&app, &state, "assets@example.fi").await.page("/account").await;
    assert!(
        html.contains("/pkg/portal-abc.js") && html.contains("/pkg/portal-abc_bg.wasm"),
        "a page with one loads the hashed bundle"
    );

    let (status, headers, _) = get_page(&app, "/pkg/portal-def.css", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(headers[header::CONTENT_TYPE], "text/css; charset=utf-8", "text names its character set");
    let (_, headers, _) = get_page(&app, "/pkg/portal-def.css", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip", "the .gz beside the file is served");
    let (_, headers, _) = get_page(&app, "/pkg/portal-def.css", &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br", "and the .br where brotli is accepted");

    let (status, headers, _) = get_page(&app, "/pkg/missing.js", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store", "a miss is never cached");
}

async fn panicking_handler() -> &'static str {
    panic!("database password is hunter2")
}

#[tokio::test]
async fn a_panic_becomes_a_translated_error_page_and_the_service_goes_on() {
    use axum::middleware::from_fn_with_state;
    use portal::server::{error_page, i18n};
    let state = state_with_site(&scratch_dir("site")).await;
    let app: Router = Router::new()
        .route("/boom", get(panicking_handler))
        .route("/fine", get(|| async { "fine" }))
        .layer(from_fn_with_state(state.clone(), error_page::catch_panics))
        .layer(from_fn_with_state(state.clone(), i18n::negotiate_language))
        .with_state(state);
    let (status, _, html) = get_page(&app, "/boom", &[("accept-language", "sv")]).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(h1(&html), "Tyvärr är det fel på tjänsten");
    assert!(!html.contains("hunter2"), "what went wrong inside is never shown");
    let (status, _, body) = get_page(&app, "/fine", &[]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "fine"));
}

/// Every page names the official address in its footer; a request for another host (a
/// look-alike address, a proxy that is not ours) gets the page with a warning that names the
/// official address, and is never redirected anywhere (issue 27).
#[tokio::test]
async fn a_request_for_another_host_is_warned_and_never_redirected() {
    let app = spawn_app().await;
    let (status, _, html) = get_page(&app, "/?lang=en", &[("host", "portal.example.fi")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("The official address of this service: portal.example.fi"), "{html}");
    assert!(!html.contains("id=\"foreign-host\""), "the official host is not warned: {html}");
    for (host, path) in
        [("migri-portal.example.com", "/?lang=en"), ("PORTAL.example.fi.evil.test", "/safe-use?lang=en")]
    {
        let (status, headers, html) = get_page(&app, path, &[("host", host)]).await;
        assert_eq!(status, StatusCode::OK, "{host}: no redirect");
        assert!(headers.get(header::LOCATION).is_none());
        assert!(html.contains("id=\"foreign-host\""), "{host}: {html}");
        assert!(
            html.contains("This is not the official address of the service. The official address is portal.example.fi")
        );
    }
    // Written as browsers may: another case, a final dot.
    let (_, _, html) = get_page(&app, "/?lang=fi", &[("host", "Portal.Example.FI.")]).await;
    assert!(!html.contains("id=\"foreign-host\"") && html.contains("Palvelun virallinen osoite: portal.example.fi"));
}
