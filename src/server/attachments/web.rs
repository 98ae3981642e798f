//! The attachments' routes: uploading files for one attachment (a plain multipart form, which
//! works without JavaScript, then back to the attachments page), downloading or viewing a file,
//! and deleting one. Only the application's owner reaches its files (the applicant, or for the
//! employer's part the users acting for the organisation): anyone else gets 404.

use super::content::{Refusal, Source, Stored};
use super::files::{self, Added, NewFile, Quota, StoredFile};
use super::slot::{Found, Slot};
use super::storage;
use crate::server::applications::Owner;
use crate::server::error_page::ErrorKind;
use crate::server::identity::User;
use crate::server::web::{Access, Answer, Ctx, Route, SignedIn};
use axum::extract::{Multipart, Path, Query};
use axum::response::IntoResponse;
use http::{header, HeaderValue};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

/// The attachments' page, uploads, downloads, deletions and replacements of an applicant's own
/// application (the page's data is the application's, `applications::web::draft_page`).
pub fn routes() -> Vec<Route> {
    use crate::server::applications::web::draft_page;
    use axum::routing::{get, post};
    // Applicants' files, and the files of the employer's part of an application, which an
    // employer adds acting for the organisation.
    use Access::Customer;
    vec![
        Route::page("/applications/{id}/attachments", Customer).load(draft_page),
        Route::upload("/applications/{id}/attachments/{requirement}", Customer, post(upload)),
        Route::action("/applications/{id}/files/{file}", Customer, get(download)),
        Route::action("/applications/{id}/files/{file}/delete", Customer, post(delete)),
        Route::upload("/applications/{id}/files/{file}/replace", Customer, post(replace)),
    ]
}

/// The file `file` of the application `id` (public ids) when the request's owner
/// (`Owner::of`: the applicant, or the organisation the employer acts for) owns it.
async fn owned_file(ctx: &Ctx, id: &str, file: &str) -> anyhow::Result<Option<StoredFile>> {
    let Some(owner) = Owner::of(ctx).await? else { return Ok(None) };
    files::find_owned(&ctx.state.readers, owner, id, file).await
}

/// A file being received, removed unless it is kept: an upload cut off half-way leaves nothing.
struct Incoming {
    path: PathBuf,
}

impl Drop for Incoming {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// How reading one file of the upload ended.
enum Received {
    /// The file, received to disk, with its size and SHA-256 (hashed as it arrived).
    File {
        name: String,
        incoming: Incoming,
        size: u64,
        sha256: String,
    },
    TooLarge,
    /// An empty file input (no file chosen).
    Nothing,
    /// A body that is not a well-formed form, or that broke off (the client went away).
    Broken,
}

/// Streams the next file of the form to a temporary file, at most `limit` bytes, hashing it as
/// it arrives; nothing of it stays in memory. `None` when the form has no more files.
async fn next_file(ctx: &Ctx, multipart: &mut Multipart, limit: u64) -> anyhow::Result<Option<Received>> {
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(None),
            Err(_) => return Ok(Some(Received::Broken)),
        };
        if field.name() == Some(crate::page_scripts::TOO_LARGE_FIELD) {
            return Ok(Some(Received::TooLarge));
        }
        if field.name() != Some("file") {
            continue;
        }
        let name = super::display_name(field.file_name().unwrap_or_default());
        let incoming = Incoming { path: ctx.state.config.data_dir.join("uploads").join(storage::new_key()) };
        tokio::fs::create_dir_all(incoming.path.parent().expect("a file in a directory")).await?;
        let mut file = tokio::fs::File::create(&incoming.path).await?;
        let mut size = 0u64;
        let mut sha256 = Sha256::new();
        loop {
            let chunk = match field.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(_) => return Ok(Some(Received::Broken)),
            };
            size += chunk.len() as u64;
            if size > limit {
                return Ok(Some(Received::TooLarge));
            }
            sha256.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.flush().await?;
        drop(file);
        if size == 0 {
            return Ok(Some(Received::Nothing));
        }
        let sha256 = hex::encode(sha256.finalize());
        return Ok(Some(Received::File { name, incoming, size, sha256 }));
    }
}

/// `POST /applications/{id}/attachments/{requirement}`: adds the files chosen (one or more)
/// to the attachment, each checked, then back to the attachments page.
pub async fn upload(
    ctx: Ctx,
    SignedIn(user): SignedIn,
    Path((id, requirement)): Path<(String, String)>,
    multipart: Multipart,
) -> Answer {
    receive(&ctx, &user, &id, &requirement, None, multipart).await
}

/// `POST /applications/{id}/files/{file}/replace`: the file chosen takes the place of `file`,
/// in one step; then back to the attachments page.
pub async fn replace(
    ctx: Ctx,
    SignedIn(user): SignedIn,
    Path((id, file)): Path<(String, String)>,
    multipart: Multipart,
) -> Answer {
    let Some(old) = owned_file(&ctx, &id, &file).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    receive(&ctx, &user, &id, &old.requirement.clone(), Some(old), multipart).await
}

/// Receives the files of an upload for the slot `name` of the application `id`, or the one
/// file that replaces `replacing`: each scanned, checked, stored, then its row written.
async fn receive(
    ctx: &Ctx,
    user: &User,
    id: &str,
    name: &str,
    replacing: Option<StoredFile>,
    mut multipart: Multipart,
) -> Answer {
    let Some(owner) = Owner::of(ctx).await? else { return Ok(ctx.error_page(ErrorKind::NotFound)) };
    let slot = match Slot::find(&ctx.state, owner, id, name).await? {
        Found::Open(slot) => slot,
        Found::Closed(slot) => return ctx.inform(&slot.page(), "application-locked").await,
        Found::Missing => return Ok(ctx.error_page(ErrorKind::NotFound)),
    };
    let page = slot.page();
    let config = &ctx.state.config;
    if let Some(refusal) = ctx.limited(ctx.state.limits.upload(user.id).await)? {
        return Ok(refusal);
    }
    let field = slot.field();
    let quota = Quota {
        application_bytes: i64::try_from(config.attachment_application_bytes)?,
        account_bytes: i64::try_from(config.attachment_account_bytes)?,
    };
    let mut added = 0;
    while let Some(received) = next_file(ctx, &mut multipart, config.attachment_file_bytes).await? {
        let (name, incoming, size, sha256) = match received {
            Received::Nothing => continue,
            Received::Broken => return Ok(ctx.error_page(ErrorKind::BadRequest)),
            Received::TooLarge => {
                // The rest of the body is read (within the route's limit) so that the browser,
                // still sending, gets the page rather than a broken connection.
                drain(&mut multipart).await;
                return ctx.refuse(&page, &[], &field, "attachment-refused-too-large").await;
            }
            Received::File { name, incoming, size, sha256 } => (name, incoming, size, sha256),
        };
        if let Some(scanner) = &ctx.state.scanner {
            match scanner.scan(&incoming.path).await {
                Ok(super::scan::Verdict::Clean) => {}
                Ok(super::scan::Verdict::Infected(signature)) => {
                    tracing::warn!(%signature, application = slot.application_id(), "an uploaded file was refused by the malware scanner");
                    return ctx.refuse(&page, &[], &field, "attachment-refused-malware").await;
                }
                Err(error) => {
                    // Fail closed: never accepted unscanned.
                    tracing::error!(%error, "the malware scanner could not scan an upload");
                    return ctx.refuse(&page, &[], &field, "attachment-refused-scanner").await;
                }
            }
        }
        let checked = match ctx.state.checks.check(Source::File(incoming.path.clone())).await? {
            Ok(checked) => checked,
            Err(refusal) => return ctx.refuse(&page, &[], &field, &refused_message(refusal)).await,
        };
        let name = super::display_name(&super::with_extension(&name, checked.extension()));
        // A PDF is kept as it came; an image as it was encoded again.
        let (size, sha256) = match &checked.stored {
            Stored::Encoded(bytes) => (bytes.len() as u64, hex::encode(Sha256::digest(bytes))),
            Stored::AsSent(_) => (size, sha256),
        };
        let key = storage::new_key();
        storage::keep(ctx.state.storage.as_ref(), &key, &checked.stored).await?;
        let file = NewFile {
            slot: &slot,
            display_name: &name,
            content_type: checked.content_type,
            size_bytes: i64::try_from(size)?,
            sha256: &sha256,
            storage_key: &key,
        };
        let outcome = files::add(&ctx.state, file, quota, replacing.as_ref()).await;
        if !matches!(outcome, Ok(Added::Added(_))) {
            ctx.state.storage.delete(&key).await?;
        }
        match outcome? {
            Added::Added(_) => added += 1,
            Added::OverApplicationQuota => return ctx.refuse(&page, &[], &field, "attachment-refused-quota").await,
            Added::OverAccountQuota => return ctx.refuse(&page, &[], &field, "attachment-refused-account-quota").await,
            Added::Locked => return ctx.inform(&page, "application-locked").await,
        }
        if let Some(old) = &replacing {
            // Its row is gone; the bytes follow (or the cleanup job removes them).
            ctx.state.storage.delete(&old.storage_key).await?;
            return ctx.done(&page, "attachment-replaced").await;
        }
    }
    if added == 0 {
        return ctx.refuse(&page, &[], &field, "attachment-refused-none").await;
    }
    ctx.done(&page, "attachment-added").await
}

/// Reads what is left of an upload's body and drops it.
async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

/// The message of a refused file.
pub fn refused_message(refusal: Refusal) -> String {
    format!("attachment-refused-{}", refusal.code())
}

#[derive(serde::Deserialize)]
pub struct DownloadQuery {
    /// `inline`: shown in the page (images only), rather than saved.
    #[serde(default)]
    view: Option<String>,
}

/// `GET /applications/{id}/files/{file}`: the file as stored, to save; images also to show in
/// the page (`?view=inline`). Sandboxed and never sniffed, so a file cannot act as a page of
/// the portal.
pub async fn download(
    ctx: Ctx,
    _: SignedIn,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<DownloadQuery>,
) -> Answer {
    let Some(file) = owned_file(&ctx, &id, &file).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let bytes = ctx.state.storage.get(&file.storage_key).await?;
    let inline = query.view.as_deref() == Some("inline") && file.content_type.starts_with("image/");
    let disposition = if inline { "inline" } else { "attachment" };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(&file.content_type)?);
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&content_disposition(disposition, &file.display_name))?,
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    Ok(response)
}

/// `Content-Disposition` with the name in ASCII (`filename`, others as `_`) and in full UTF-8
/// (`filename*`, RFC 8187), both unable to break out of the header.
pub fn content_disposition(disposition: &str, name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || " .-_()".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// `POST /applications/{id}/files/{file}/delete`: removes the file while its slot takes files
/// (a draft's, or a request's not answered yet); then back to the page that lists it.
pub async fn delete(ctx: Ctx, _: SignedIn, Path((id, file)): Path<(String, String)>) -> Answer {
    let Some(file) = owned_file(&ctx, &id, &file).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let page = match super::slot::request_parts(&file.requirement) {
        Some((request, _)) => format!("/applications/{id}/requests/{request}"),
        None => format!("/applications/{id}/attachments"),
    };
    if !files::delete(&ctx.state, &file).await? {
        return ctx.inform(&page, "application-locked").await;
    }
    ctx.state.storage.delete(&file.storage_key).await?;
    ctx.done(&page, "attachment-deleted").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_is_explained_in_every_language() {
        for refusal in Refusal::ALL {
            for lang in crate::i18n::Lang::ALL {
                let message = lang.t(&refused_message(refusal));
                assert!(!message.starts_with("[missing"), "{refusal:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn the_download_name_cannot_break_the_header() {
        assert_eq!(
            content_disposition("attachment", "passi \"kopio\";.pdf"),
            "attachment; filename=\"passi _kopio__.pdf\"; filename*=UTF-8''passi%20%22kopio%22%3B.pdf"
        );
        assert_eq!(
            content_disposition("inline", "äiti.png"),
            "inline; filename=\"_iti.png\"; filename*=UTF-8''%C3%A4iti.png"
        );
    }
}
