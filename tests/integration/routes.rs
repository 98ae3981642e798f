//! The route tables as an attacker meets them: paths that no table names, and other spellings
//! of the paths that the tables protect, as every role.

use crate::support;

use http::{header, StatusCode};
use portal::server::accounts::users::Role;
use portal::server::app_patterns;

const ROLES: [Option<Role>; 4] = [None, Some(Role::Applicant), Some(Role::Employer), Some(Role::Staff)];

#[tokio::test]
async fn an_unknown_path_is_404_for_every_role_before_any_page_data_is_read() {
    let (app, state) = support::portal_for_one_client().await;
    for role in ROLES {
        let mut browser = support::visitor(&app, &state, role).await;
        // A notice waits for the next page that reads page data ("the code has expired").
        browser.post_to("/login/code", &[("code", "123456")], "/login").await;
        for path in [
            "/applications/abc/nothing",
            "/applications/abc/steps/names/more",
            "/staff/nothing",
            "/staff/preview/first-work/steps",
            "/account/nothing",
            "/account/two-factor/more",
        ] {
            let (status, _, html) = browser.get(path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{role:?} {path}");
            assert!(html.contains("Page not found"), "{role:?} {path}: the translated 404 page");
        }
        let login = browser.page("/login").await;
        assert!(login.contains("The time for entering the code ran out"), "{role:?}: no 404 took the notice: {login}");
    }
}

/// Other spellings of `path` that a router or a proxy might read as `path`.
fn spellings(path: &str) -> Vec<String> {
    let mut variants = vec![
        format!("/.{path}"),
        format!("/%2e{path}"),
        format!("/%2E{path}"),
        format!("/x/..{path}"),
        format!("/x/%2e%2e{path}"),
        format!("{path}\\"),
        format!("/{path}"),
        format!("{path}/"),
        format!("{path};x"),
        path.to_uppercase(),
        // The first letter escaped.
        format!("/%{:02X}{}", path.as_bytes()[1], &path[2..]),
    ];
    if let Some(slash) = path[1..].find('/') {
        variants.push(format!("{}%2F{}", &path[..=slash], &path[slash + 2..]));
    }
    variants
}

#[tokio::test]
async fn no_other_spelling_of_a_protected_path_reaches_its_page() {
    let (app, state) = support::portal_for_one_client().await;
    let (pages, _) = app_patterns();
    let protected: Vec<String> = pages
        .iter()
        .filter(|pattern| ["/staff", "/account", "/applications", "/apply"].iter().any(|p| pattern.starts_with(p)))
        .map(|pattern| pattern.replace("{kind}", "first-work").replace("{step}", "names").replace("{id}", "abc"))
        .collect();
    assert!(protected.len() > 20, "{protected:?}");
    for role in ROLES {
        let mut browser = support::visitor(&app, &state, role).await;
        for path in &protected {
            let (canonical_status, canonical_headers, _) = browser.get(path).await;
            for variant in spellings(path) {
                let (status, headers, body) = browser.get(&variant).await;
                let location = headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string());
                match status {
                    // Redirected to the canonical path, where the normal rule applies.
                    StatusCode::PERMANENT_REDIRECT => {
                        assert_eq!(location.as_deref(), Some(path.as_str()), "{role:?} {variant}");
                        let (again, again_headers, _) = browser.get(path).await;
                        assert_eq!(again, canonical_status, "{role:?} {variant}");
                        assert_eq!(again_headers.get(header::LOCATION), canonical_headers.get(header::LOCATION));
                    }
                    StatusCode::NOT_FOUND | StatusCode::FORBIDDEN => {}
                    StatusCode::SEE_OTHER => {
                        assert!(
                            location
                                .as_deref()
                                .is_some_and(|l| l.starts_with("/login?next=%2F") || l == "/account/two-factor"),
                            "{role:?} {variant}: {location:?}"
                        )
                    }
                    other => panic!("{role:?} {variant}: {other}, not refused, 404 or redirected: {body}"),
                }
            }
        }
    }
}

#[tokio::test]
async fn a_post_to_another_spelling_of_a_form_is_not_found() {
    let (app, state) = support::portal_for_one_client().await;
    let mut staff = support::visitor(&app, &state, Some(Role::Staff)).await;
    for path in ["/staff/preview/first-work/restart", "/account/language", "/logout"] {
        for variant in spellings(path) {
            let (status, _, _) = staff.post(&variant, &[]).await;
            assert!(matches!(status, StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED), "{variant}: {status}");
        }
    }
    staff.page("/staff").await;
}
