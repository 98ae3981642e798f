//! Attachments as an applicant meets them, and as an attacker tries them: several files for
//! one attachment, previews and downloads with their headers, each refused kind of file with
//! its translated message, limits with and without `Content-Length`, another applicant's
//! files, an upload cut off half-way, and the declaration waiting for every attachment.

use crate::support::{self, multipart, read, send, Browser, PUBLIC_URL};
use axum::body::Body;
use http::{header, Request, StatusCode};
use image::ImageFormat;
use portal::server::attachments::content::samples;
use portal::server::{router, AppState};

/// An applicant with a work-permit draft whose answers are all given: the browser and the
/// application's address.
async fn applicant_with_draft(app: &axum::Router, state: &AppState, email: &str) -> (Browser, String) {
    let mut browser = support::applicant(app, state, email).await;
    let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
    let base = headers[header::LOCATION].to_str().unwrap().split("/steps/").next().unwrap().to_string();
    (browser, base)
}

/// The portal with its configuration changed by `change`.
async fn portal_with(change: impl FnOnce(&mut portal::server::config::Config)) -> (axum::Router, AppState) {
    let (_, state) = support::portal_for_one_client().await;
    let mut config = (*state.config).clone();
    change(&mut config);
    let scanner = portal::server::attachments::scan::from_config(&config);
    let state = state.with(|s| {
        s.config = std::sync::Arc::new(config);
        s.scanner = scanner;
    });
    (router(state.clone()), state)
}

/// The portal with attachment limits of `file_mb` per file and `application_mb` per
/// application.
async fn portal_with_limits(file_mb: u64, application_mb: u64) -> (axum::Router, AppState) {
    portal_with(|config| {
        config.attachment_file_bytes = file_mb * 1024 * 1024;
        config.attachment_application_bytes = application_mb * 1024 * 1024;
    })
    .await
}

/// The answer to an upload of a file over the 1 MB limit: back to the attachments `page`,
/// which says the limit in its error summary and at the field.
async fn shows_the_limit(browser: &mut Browser, page: &str, response: (StatusCode, http::HeaderMap, String)) {
    assert_eq!((response.0, response.1[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, page));
    let html = browser.page(&format!("{page}?lang=fi")).await;
    let summary = &html[html.find("pt-error-summary").expect("an error summary")..];
    let said = "Tiedosto on suurempi kuin 1 Mt, joka on yhden tiedoston enimmäiskoko.";
    assert!(summary.contains(said), "{html}");
    assert!(html.contains(r#"id="file-passport-copy-error""#), "at the field: {html}");
}

/// A multipart body of one text field.
fn text_part(name: &str, value: &str) -> (String, Vec<u8>) {
    let boundary = "portal-test-boundary";
    let body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n--{boundary}--\r\n");
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

/// The public ids of the files the attachments page links to.
fn file_links(page: &str, base: &str) -> Vec<String> {
    let marker = format!("href=\"{base}/files/");
    let mut ids: Vec<String> = page
        .match_indices(&marker)
        .map(|(at, _)| page[at + marker.len()..].split(['"', '?']).next().unwrap().into())
        .collect();
    ids.dedup();
    ids
}

#[tokio::test]
async fn several_files_for_one_attachment_are_listed_previewed_downloaded_and_deleted() {
    let (app, state) = support::portal_for_one_client().await;
    let (mut browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(page.contains("Each file at most 20 MB") && page.contains("at most 100 MB"), "limits said first: {page}");
    assert!(page.contains("Copy of the passport") && page.contains("Missing"));

    let png = samples::image(30, 20, ImageFormat::Png);
    let pdf = samples::pdf("");
    let files: [(&str, &[u8]); 2] = [("../../sivu 1.png", &png), ("sivu 2.pdf", &pdf)];
    let (status, headers, _) = browser.upload(&base, "passport-copy", &files).await;
    assert_eq!(
        (status, headers[header::LOCATION].to_str().unwrap()),
        (StatusCode::SEE_OTHER, format!("{base}/attachments").as_str())
    );
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(page.contains("The files were added"));
    assert!(page.contains(">sivu 1.png<") && !page.contains("../"), "the name is cleaned: {page}");
    let ids = file_links(&page, &base);
    assert_eq!(ids.len(), 2, "{page}");
    assert!(page.contains(&format!("src=\"{base}/files/{}?view=inline\"", ids[0])), "the image is previewed");

    let (status, headers, body) = browser.get(&format!("{base}/files/{}", ids[0])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"sivu 1.png\"; filename*=UTF-8''sivu%201.png"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], "sandbox");
    assert!(body.starts_with("\u{FFFD}PNG"), "a PNG, encoded again");
    let (_, headers, _) = browser.get(&format!("{base}/files/{}?view=inline", ids[0])).await;
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("inline;"));
    let (_, headers, _) = browser.get(&format!("{base}/files/{}?view=inline", ids[1])).await;
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment;"), "a PDF is never inline");

    browser.post_to(&format!("{base}/files/{}/delete", ids[0]), &[], &format!("{base}/attachments")).await;
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(page.contains("The file was deleted") && file_links(&page, &base) == ids[1..]);
    let (status, _, _) = browser.get(&format!("{base}/files/{}", ids[0])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(support::stored_files(&state).await, 1, "the deleted file's bytes are gone too");
}

#[tokio::test]
async fn each_refused_kind_of_file_gets_its_translated_message_and_nothing_is_stored() {
    let (app, state) = support::portal_for_one_client().await;
    let (mut browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let cases: [(&str, Vec<u8>, &str); 8] = [
        ("passi.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec(), "is a web page"),
        ("passi.pdf", b"%PDF-1.7\n<html><script>alert(1)</script>".to_vec(), "is a web page"),
        ("passi.pdf", b"MZ\x90\x00 a program".to_vec(), "must be a PDF, JPG or PNG"),
        ("passi.pdf", samples::pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "scripts or actions"),
        ("passi.pdf", samples::pdf("/OpenAction << /S /Launch /F (cmd.exe) >>"), "scripts or actions"),
        ("passi.pdf", samples::pdf("/Names << /EmbeddedFiles << /Names [] >> >>"), "contains other files"),
        ("passi.pdf", b"%PDF-1.4\n/Encrypt << >>\n%%EOF".to_vec(), "protected with a password"),
        ("passi.png", b"\x89PNG\r\n\x1a\n broken".to_vec(), "could not be read"),
    ];
    for (name, bytes, message) in cases {
        let (status, headers, _) = browser.upload(&base, "passport-copy", &[(name, &bytes)]).await;
        assert_eq!(
            (status, headers[header::LOCATION].to_str().unwrap()),
            (StatusCode::SEE_OTHER, format!("{base}/attachments").as_str())
        );
        let page = browser.page(&format!("{base}/attachments")).await;
        assert!(page.contains(message), "{message}: {page}");
        assert!(page.contains("href=\"#file-passport-copy\""), "the summary links to the field");
        assert!(file_links(&page, &base).is_empty());
    }
    let (_, _, _) = browser.upload(&base, "passport-copy", &[]).await;
    assert!(browser.page(&format!("{base}/attachments")).await.contains("Choose a file to upload"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachment_files").fetch_one(&state.db).await.unwrap();
    assert_eq!(count, 0);
}

/// What an attacker's probe got through: decompression bombs (a 7000 × 7000 PNG turned a
/// quarter, sixteen object streams of 250 MiB each), scripts in an XFA form in a compressed
/// object stream, HTML after a PDF's end, an address fetched on opening. Each is refused with
/// its message; a PDF sent under a web page's name is kept under its own type's.
#[tokio::test]
async fn upload_bombs_and_hidden_active_content_are_refused_and_names_follow_the_content() {
    let (app, state) = support::portal_for_one_client().await;
    let (mut browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let script = format!(
        "<xdp:xdp><template><subform>{}<event><script contentType=\"application/x-javascript\">app.alert(1)</script></event></subform></template></xdp:xdp>",
        "<field name=\"a\"/>".repeat(20)
    );
    let mut polyglot = samples::pdf("");
    polyglot.extend(format!("%{}\n<html><script>alert(document.cookie)</script></html>", " ".repeat(2048)).as_bytes());
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("kuva.png", samples::png_bomb(7000, 7000, true, 6), "too many pixels"),
        ("hakemus.pdf", samples::pdf_bomb(16, 250 * 1024 * 1024), "too complex to check"),
        ("lomake.pdf", samples::xfa_pdf(&script, true, true), "scripts or actions"),
        ("hakemus.pdf", polyglot, "is a web page"),
        ("passi.pdf", samples::pdf("/OpenAction << /S /URI /URI (https://x.example/opened) >>"), "scripts or actions"),
    ];
    for (name, bytes, message) in cases {
        let (status, _, _) = browser.upload(&base, "passport-copy", &[(name, &bytes)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{message}");
        let page = browser.page(&format!("{base}/attachments")).await;
        assert!(page.contains(message), "{message}: {page}");
        assert!(file_links(&page, &base).is_empty(), "{message}");
    }
    let pdf = samples::pdf("");
    browser.upload(&base, "passport-copy", &[("hakemus.html", &pdf)]).await;
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(page.contains(">hakemus.pdf<") && !page.contains("hakemus.html"), "{page}");
    let ids = file_links(&page, &base);
    let (_, headers, _) = browser.get(&format!("{base}/files/{}", ids[0])).await;
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("filename=\"hakemus.pdf\""));
}

/// B24: a file over the limit is answered with the attachments page again, which says the
/// limit in its summary and at the field; a body over all the application's files' limit gets
/// the page that says both limits, before a byte of it is read.
#[tokio::test]
async fn a_file_over_the_limit_gets_the_attachments_page_with_the_limit_with_and_without_content_length() {
    let (app, state) = portal_with_limits(1, 2).await;
    let (mut browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let big = samples::pdf(&format!("/Padding ({})", "x".repeat(1_200_000)));
    let (content_type, body) = multipart(&[("iso.pdf", &big)]);
    let cookie = browser.cookie.clone().unwrap();
    let request = |body: Body| {
        Request::post(format!("{base}/attachments/passport-copy"))
            .header(header::CONTENT_TYPE, content_type.clone())
            .header(header::ORIGIN, PUBLIC_URL)
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, cookie.clone())
            .header("accept-language", "fi")
            .body(body)
            .unwrap()
    };
    let page = format!("{base}/attachments");
    // With Content-Length (as a browser sends a form).
    let mut with_length = request(Body::from(body.clone()));
    with_length.headers_mut().insert(header::CONTENT_LENGTH, body.len().into());
    shows_the_limit(&mut browser, &page, read(send(&app, with_length).await).await).await;
    // Without: the body streams in chunks; the rest is read and dropped.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    shows_the_limit(
        &mut browser,
        &page,
        read(send(&app, request(Body::from_stream(futures::stream::iter(chunks)))).await).await,
    )
    .await;
    // With scripts, a file over the limit is not sent, only its name (see
    // `page_scripts::TOO_LARGE_FIELD`): the same page.
    let (content_type, name_only) = text_part("too-large", "iso.pdf");
    let mut script = request(Body::from(name_only));
    script.headers_mut().insert(header::CONTENT_TYPE, content_type.parse().unwrap());
    shows_the_limit(&mut browser, &page, read(send(&app, script).await).await).await;
    // A whole request over the application's limit is refused from its Content-Length, before
    // any of it is read, with a page that says both limits.
    let mut over = request(Body::from(vec![b'x'; 3 * 1024 * 1024]));
    over.headers_mut().insert(header::CONTENT_LENGTH, (3 * 1024 * 1024).into());
    let (status, _, html) = read(send(&app, over).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html.contains("enintään 1 Mt") && html.contains("yhteensä 2 Mt"), "{html}");
    // A body that is not multipart at all: the translated 400 page.
    let (status, _, html) = read(send(&app, request(Body::from("garbage"))).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("<h1"), "{html}");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachment_files").fetch_one(&state.db).await.unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_files_of_one_application_stay_within_its_quota() {
    let (app, state) = portal_with_limits(1, 2).await;
    let (mut browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let file = samples::pdf(&format!("/Padding ({})", "x".repeat(800_000)));
    for _ in 0..2 {
        browser.upload(&base, "passport-copy", &[("osa.pdf", &file)]).await;
    }
    let (_, _, _) = browser.upload(&base, "passport-copy", &[("osa.pdf", &file)]).await;
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(page.contains("the files of the application would be over 2 MB together"), "{page}");
    assert_eq!(file_links(&page, &base).len(), 2);
}

#[tokio::test]
async fn a_file_is_replaced_in_one_step_counted_without_the_file_it_replaces() {
    let (app, state) = portal_with_limits(1, 2).await;
    let (mut browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let file = samples::pdf(&format!("/Padding ({})", "x".repeat(800_000)));
    browser.upload(&base, "passport-copy", &[("vanha.pdf", &file), ("toinen.pdf", &file)]).await;
    let old = file_links(&browser.page(&format!("{base}/attachments")).await, &base);
    // 2.4 MB with the old file, 1.6 MB in its place: within the 2 MB quota.
    let (status, headers, _) =
        browser.post_files(&format!("{base}/files/{}/replace", old[0]), &[("uusi.pdf", &file)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], format!("{base}/attachments"));
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(
        page.contains("The file was replaced") && page.contains("uusi.pdf") && !page.contains("vanha.pdf"),
        "{page}"
    );
    let now = file_links(&page, &base);
    assert_eq!(now.len(), 2);
    assert!(now.contains(&old[1]) && !now.contains(&old[0]));
    assert_eq!(support::stored_files(&state).await, 2, "the replaced file's bytes are gone");
    let (status, _, _) = browser.get(&format!("{base}/files/{}", old[0])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A refused replacement leaves the file it would have replaced.
    browser.post_files(&format!("{base}/files/{}/replace", now[0]), &[("x.pdf", b"not a pdf")]).await;
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(page.contains("must be a PDF, JPG or PNG") && file_links(&page, &base) == now, "{page}");
}

#[tokio::test]
async fn all_the_files_of_one_account_stay_within_its_quota() {
    let (app, state) = portal_with(|config| {
        config.attachment_file_bytes = 1024 * 1024;
        config.attachment_application_bytes = 2 * 1024 * 1024;
        config.attachment_account_bytes = 2 * 1024 * 1024;
    })
    .await;
    let (mut browser, work) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let file = samples::pdf(&format!("/Padding ({})", "x".repeat(800_000)));
    browser.upload(&work, "passport-copy", &[("a.pdf", &file), ("b.pdf", &file)]).await;
    // A second application of the same account: its own quota has room, the account's not.
    let (_, headers, _) = browser.post("/apply/first-studies", &[]).await;
    let study = headers[header::LOCATION].to_str().unwrap().split("/steps/").next().unwrap().to_string();
    browser.upload(&study, "passport-copy", &[("c.pdf", &file)]).await;
    let page = browser.page(&format!("{study}/attachments")).await;
    assert!(page.contains("over your account's limit"), "{page}");
    assert!(file_links(&page, &study).is_empty());
    // Another account is not held to this one's files.
    let (mut other, base) = applicant_with_draft(&app, &state, "toinen@example.fi").await;
    other.upload(&base, "passport-copy", &[("d.pdf", &file)]).await;
    assert_eq!(file_links(&other.page(&format!("{base}/attachments")).await, &base).len(), 1);
}

#[tokio::test]
async fn uploads_at_the_same_time_count_each_other_against_the_quota() {
    let (app, state) = portal_with_limits(1, 2).await;
    let (browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let file = samples::pdf(&format!("/Padding ({})", "x".repeat(800_000)));
    // Four at once, room for two.
    let uploads = (0..4).map(|_| {
        let (mut browser, base, file) = (browser.clone(), base.clone(), file.clone());
        tokio::spawn(async move { browser.upload(&base, "passport-copy", &[("osa.pdf", &file)]).await })
    });
    for upload in uploads {
        upload.await.unwrap();
    }
    let mut browser = browser;
    assert_eq!(file_links(&browser.page(&format!("{base}/attachments")).await, &base).len(), 2);
    assert_eq!(support::stored_files(&state).await, 2, "the refused files' bytes are removed");
}

#[tokio::test]
async fn another_applicant_finds_nothing_of_someone_elses_attachments() {
    let (app, state) = support::portal_for_one_client().await;
    let (mut owner, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    owner.upload(&base, "passport-copy", &[("passi.pdf", &samples::pdf(""))]).await;
    let id = file_links(&owner.page(&format!("{base}/attachments")).await, &base).remove(0);
    let (mut other, _) = applicant_with_draft(&app, &state, "toinen@example.fi").await;
    let (status, _, _) = other.get(&format!("{base}/files/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.get(&format!("{base}/files/{id}?view=inline")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.post(&format!("{base}/files/{id}/delete"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.post_files(&format!("{base}/files/{id}/replace"), &[("x.pdf", &samples::pdf(""))]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.upload(&base, "passport-copy", &[("x.pdf", &samples::pdf(""))]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.get(&format!("{base}/attachments")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An attachment the answers do not call for cannot be uploaded to.
    let (status, _, _) = owner.upload(&base, "no-such-attachment", &[("x.pdf", &samples::pdf(""))]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_upload_cut_off_half_way_leaves_no_row_and_no_file() {
    let (app, state) = support::portal_for_one_client().await;
    let (browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    let (content_type, body) =
        multipart(&[("passi.pdf", &samples::pdf(&format!("/Padding ({})", "x".repeat(300_000))))]);
    // Half the body, then the connection breaks.
    let half = body[..body.len() / 2].to_vec();
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        vec![Ok(half), Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "the client went away"))];
    let request = Request::post(format!("{base}/attachments/passport-copy"))
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ORIGIN, PUBLIC_URL)
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, browser.cookie.clone().unwrap())
        .body(Body::from_stream(futures::stream::iter(chunks)))
        .unwrap();
    let (status, _, _) = read(send(&app, request).await).await;
    assert!(status.is_client_error() || status.is_server_error(), "{status}");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachment_files").fetch_one(&state.db).await.unwrap();
    assert_eq!(count, 0);
    let uploads = state.config.data_dir.join("uploads");
    let left = std::fs::read_dir(&uploads).map(|dir| dir.count()).unwrap_or(0);
    assert_eq!(left, 0, "the half-received file is removed");
    assert_eq!(support::stored_files(&state).await, 0);
}

#[tokio::test]
async fn the_declaration_waits_for_every_attachment_and_files_are_read_only_after_it() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
    let first = headers[header::LOCATION].to_str().unwrap().to_string();
    // Every step answered and a file added for every attachment; then one is deleted.
    let base = crate::applications::complete(&mut browser, &portal::forms::catalogue::FIRST_WORK, &first).await;
    let ids = file_links(&browser.page(&format!("{base}/attachments")).await, &base);
    browser.post_to(&format!("{base}/files/{}/delete", ids[0]), &[], &format!("{base}/attachments")).await;
    let check = browser.page(&format!("{base}/check")).await;
    assert!(check.contains("Some attachments are still missing") && !check.contains("Continue to the declaration"));
    assert!(browser.page(&base).await.contains("Missing: 1"), "the task list says how many");

    browser.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/attachments")).await;
    assert!(browser.page(&format!("{base}/attachments")).await.contains("before you confirm the application"));

    browser.add_every_attachment(&base).await;
    browser.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
    // Read-only from the declaration on: no forms, and posts are refused.
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(!page.contains("multipart/form-data") && !page.contains("/delete\""), "{page}");
    let before = file_links(&page, &base);
    let id = before[0].clone();
    browser.post_to(&format!("{base}/files/{id}/delete"), &[], &format!("{base}/attachments")).await;
    let (status, _, _) = browser.get(&format!("{base}/files/{id}")).await;
    assert_eq!(status, StatusCode::OK, "still there");
    let (status, headers, _) = browser.upload(&base, "passport-copy", &[("x.pdf", &samples::pdf(""))]).await;
    assert_eq!(
        (status, headers[header::LOCATION].to_str().unwrap()),
        (StatusCode::SEE_OTHER, format!("{base}/attachments").as_str())
    );
    assert_eq!(file_links(&browser.page(&format!("{base}/attachments")).await, &base), before);
}

/// With a real clamd (the test command starts one, with a signature it wrote): the signed
/// file is refused and a clean one accepted; a scanner that is configured but not there, or
/// that never answers, refuses every upload (fail closed).
#[tokio::test]
async fn the_malware_scanner_refuses_the_signed_file_and_an_absent_scanner_refuses_all() {
    let Some(clamd) = std::env::var("PORTAL_TEST_CLAMD").ok().filter(|a| !a.is_empty()) else {
        portal::server::test_servers::skip_without("clamd", "PORTAL_TEST_CLAMD");
        return;
    };
    let with_scanner = |address: String, seconds: u64| {
        portal_with(move |config| {
            config.clamd = Some(address);
            config.clamd_timeout = std::time::Duration::from_secs(seconds);
        })
    };
    let signed = samples::pdf("/Note (PORTAL-TEST-MALWARE)");
    let clean = samples::pdf("");

    let (app, state) = with_scanner(clamd, 10).await;
    let (mut browser, base) = applicant_with_draft(&app, &state, "hakija@example.fi").await;
    browser.upload(&base, "passport-copy", &[("passi.pdf", &signed)]).await;
    let page = browser.page(&format!("{base}/attachments")).await;
    assert!(page.contains("the malware scan found something harmful"), "{page}");
    assert!(file_links(&page, &base).is_empty());
    browser.upload(&base, "passport-copy", &[("passi.pdf", &clean)]).await;
    assert_eq!(file_links(&browser.page(&format!("{base}/attachments")).await, &base).len(), 1);

    // Stopped: nothing listens where the scanner should be.
    let stopped = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    // Hung: a listener that takes the connection and never answers.
    let hung_address = support::silent_server().await.to_string();
    for address in [stopped, hung_address] {
        let (app, state) = with_scanner(address.clone(), 1).await;
        let (mut browser, base) = applicant_with_draft(&app, &state, "toinen@example.fi").await;
        browser.upload(&base, "passport-copy", &[("passi.pdf", &clean)]).await;
        let page = browser.page(&format!("{base}/attachments")).await;
        assert!(page.contains("could not be checked for malware just now"), "{address}: {page}");
        assert!(file_links(&page, &base).is_empty(), "{address}: never accepted unscanned");
    }
}
