//! Attachment files in an S3-compatible bucket, the scale-out option: every instance reads and
//! writes the same bucket, so no directory has to be shared. Each request is signed (SigV4, by
//! `rusty-s3`, as a short-lived presigned URL) and sent with `reqwest` over rustls.

use super::storage::{is_key, Storage};
use crate::server::config::S3Settings;
use anyhow::Context;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use std::time::Duration;

/// How long a signed request stays valid: long enough for one request, no longer.
const SIGNED_FOR: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct ObjectStore {
    bucket: Bucket,
    credentials: Credentials,
    client: reqwest::Client,
    prefix: String,
}

impl ObjectStore {
    pub fn new(settings: &S3Settings) -> anyhow::Result<ObjectStore> {
        let style = if settings.path_style { UrlStyle::Path } else { UrlStyle::VirtualHost };
        let bucket = Bucket::new(settings.endpoint.clone(), style, settings.bucket.clone(), settings.region.clone())
            .context("PORTAL_ATTACHMENTS_S3_URL and _BUCKET do not make a bucket's address")?;
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            // An object store answers; a redirect would send a signed request somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let credentials = Credentials::new(settings.access_key.clone(), settings.secret_key.0.clone());
        Ok(ObjectStore { bucket, credentials, client, prefix: settings.prefix.clone() })
    }

    fn object(&self, key: &str) -> anyhow::Result<String> {
        anyhow::ensure!(is_key(key), "not a storage key: {key:?}");
        Ok(format!("{}{key}", self.prefix))
    }

    /// Sends `request` and returns its response when the store answered with success; anything
    /// else is an error that names the status and the store's error code, never a key's owner.
    async fn send(&self, request: reqwest::RequestBuilder, what: &str) -> anyhow::Result<reqwest::Response> {
        let response = request.send().await.with_context(|| format!("object store: {what}"))?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        let code = body.split("<Code>").nth(1).and_then(|rest| rest.split('<').next()).unwrap_or("");
        anyhow::bail!("object store: {what} answered {status} {code}")
    }
}

#[async_trait::async_trait]
impl Storage for ObjectStore {
    async fn put(&self, key: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let object = self.object(key)?;
        let url = self.bucket.put_object(Some(&self.credentials), &object).sign(SIGNED_FOR);
        // S3 answers 200 only once the object is stored durably, so the row may follow.
        self.send(self.client.put(url).body(bytes.to_vec()), "put").await?;
        Ok(())
    }

    /// Sent as it is read from the file, in chunks, with its length (S3 takes no chunked
    /// upload without it).
    async fn put_file(&self, key: &str, path: &std::path::Path) -> anyhow::Result<()> {
        let object = self.object(key)?;
        let url = self.bucket.put_object(Some(&self.credentials), &object).sign(SIGNED_FOR);
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        let body = reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::with_capacity(file, 64 * 1024));
        let request = self.client.put(url).header(reqwest::header::CONTENT_LENGTH, length).body(body);
        self.send(request, "put").await?;
        Ok(())
    }

    async fn get(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let object = self.object(key)?;
        let url = self.bucket.get_object(Some(&self.credentials), &object).sign(SIGNED_FOR);
        Ok(self.send(self.client.get(url), "get").await?.bytes().await?.to_vec())
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let object = self.object(key)?;
        let url = self.bucket.delete_object(Some(&self.credentials), &object).sign(SIGNED_FOR);
        // S3 answers 204 for a key that is already gone, too.
        self.send(self.client.delete(url), "delete").await?;
        Ok(())
    }

    async fn keys_written_before(&self, cutoff: i64) -> anyhow::Result<Vec<String>> {
        let mut keys = Vec::new();
        let mut continuation: Option<String> = None;
        loop {
            let mut list = self.bucket.list_objects_v2(Some(&self.credentials));
            list.with_prefix(self.prefix.as_str());
            // Keys are hex and the prefix: nothing to encode, so nothing to decode.
            list.query_mut().remove("encoding-type");
            if let Some(token) = &continuation {
                list.with_continuation_token(token.as_str());
            }
            let url = list.sign(SIGNED_FOR);
            let text = self.send(self.client.get(url), "list").await?.text().await?;
            let page = rusty_s3::actions::ListObjectsV2::parse_response(&text).context("object store: list")?;
            for object in page.contents {
                let Some(key) = object.key.strip_prefix(self.prefix.as_str()).filter(|key| is_key(key)) else {
                    continue;
                };
                let modified: jiff::Timestamp = object
                    .last_modified
                    .as_deref()
                    .unwrap_or_default()
                    .parse()
                    .context("object store: LastModified")?;
                if modified.as_millisecond() < cutoff {
                    keys.push(key.to_string());
                }
            }
            match page.next_continuation_token {
                Some(token) => continuation = Some(token),
                None => return Ok(keys),
            }
        }
    }
}

/// For tests: the settings of the server the test command started (`PORTAL_TEST_S3`, its
/// `PORTAL_ATTACHMENTS_S3_*` as `NAME=VALUE` words), with a prefix of its own for each call, so
/// that tests sharing the bucket see only their own files. None without it.
#[cfg(any(test, feature = "test-support"))]
pub fn scratch_settings() -> Option<S3Settings> {
    let vars = std::env::var("PORTAL_TEST_S3").ok()?;
    let value = |name: &str| vars.split_whitespace().find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='));
    let config = crate::server::config::Config::from_lookup(|name| value(name).map(str::to_string));
    let mut settings = config.expect("PORTAL_TEST_S3 holds the object store's settings").attachments_s3?;
    settings.prefix = format!("test-{}/", super::storage::new_key());
    Some(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::attachments::storage;

    /// Against the S3-compatible server `scripts/s3.sh` starts; skipped without it, as in a
    /// plain `cargo test`.
    #[tokio::test]
    async fn the_object_store_keeps_files_by_key() {
        let Some(settings) = scratch_settings() else {
            crate::server::test_servers::skip_without("s3", "PORTAL_TEST_S3");
            return;
        };
        storage::tests::keeps_reads_and_removes_by_key_only(&ObjectStore::new(&settings).unwrap()).await;
    }

    /// The server checks what the portal signs: a request signed with another secret, and one
    /// whose presigned URL has run out, are refused; the same request signed now is taken.
    #[tokio::test]
    async fn the_object_store_refuses_a_wrong_secret_and_an_expired_url() {
        let Some(settings) = scratch_settings() else {
            crate::server::test_servers::skip_without("s3", "PORTAL_TEST_S3");
            return;
        };
        let store = ObjectStore::new(&settings).unwrap();
        let key = storage::new_key();
        store.put(&key, b"%PDF-1.4").await.unwrap();

        let secret_key = crate::server::config::Redacted("not the bucket's secret".into());
        let impostor = ObjectStore::new(&S3Settings { secret_key, ..settings.clone() }).unwrap();
        let refused = impostor.get(&key).await.unwrap_err().to_string();
        assert!(refused.contains("403") && refused.contains("SignatureDoesNotMatch"), "{refused}");
        assert!(impostor.put(&storage::new_key(), b"%PDF-1.4").await.is_err());

        let object = store.object(&key).unwrap();
        let action = store.bucket.get_object(Some(&store.credentials), &object);
        let two_minutes_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(120);
        let expired = action.sign_with_time(SIGNED_FOR, &two_minutes_ago);
        let refused = store.send(store.client.get(expired), "get").await.unwrap_err().to_string();
        assert!(refused.contains("403") && refused.contains("AccessDenied"), "{refused}");
        let fresh = store.send(store.client.get(action.sign(SIGNED_FOR)), "get").await.unwrap();
        assert_eq!(fresh.bytes().await.unwrap().as_ref(), b"%PDF-1.4");
        store.delete(&key).await.unwrap();
    }
}
