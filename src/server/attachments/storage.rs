//! Where attachment files are kept, behind a small trait: the local file system under the data
//! directory by default, or an S3-compatible bucket ([`super::object_store`]) for several
//! instances. Files are named by generated keys, never by the user's file name.

use super::content::{Source, Stored};
use anyhow::Context;
use std::path::{Path, PathBuf};

#[async_trait::async_trait]
pub trait Storage: Send + Sync + std::fmt::Debug {
    /// Keeps `bytes` under `key`, durably, before it returns: the caller writes the row that
    /// names the key only afterwards, so no row ever points at a partial file.
    async fn put(&self, key: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// Keeps the file at `path` (an upload received to disk) under `key`, as [`Storage::put`]
    /// does, without reading it into memory; the file is taken (moved, or sent and left for
    /// its owner to remove).
    async fn put_file(&self, key: &str, path: &Path) -> anyhow::Result<()>;
    async fn get(&self, key: &str) -> anyhow::Result<Vec<u8>>;
    /// Removes `key`; a key already gone is no error.
    async fn delete(&self, key: &str) -> anyhow::Result<()>;
    /// The keys written before `cutoff` (Unix milliseconds): the cleanup job compares them
    /// with the rows. The cutoff is the caller's, from the portal's clock.
    async fn keys_written_before(&self, cutoff: i64) -> anyhow::Result<Vec<String>>;
}

/// Keeps what a check gives to store under `key`: a file received to disk is moved or sent
/// from its file, without reading it into memory; bytes are written.
pub async fn keep(storage: &dyn Storage, key: &str, stored: &Stored) -> anyhow::Result<()> {
    match stored {
        Stored::AsSent(Source::File(path)) => storage.put_file(key, path).await,
        Stored::AsSent(Source::Bytes(bytes)) | Stored::Encoded(bytes) => storage.put(key, bytes).await,
    }
}

/// Whether a feature's rows name a storage key: the cleanup ([`super::remove_unnamed`]) spares
/// the keys any of them names.
pub type KeyInUse =
    for<'a> fn(&'a crate::server::db::Pool, &'a str) -> futures::future::BoxFuture<'a, anyhow::Result<bool>>;

/// A new storage key: 128 random bits in hex.
pub fn new_key() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// Whether `key` is one [`new_key`] makes, so that nothing else can name a path.
pub(super) fn is_key(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Files in `{data}/attachments/`, written first to `{data}/attachments/.incoming/`, synced,
/// then renamed into place, and the directory synced.
#[derive(Debug)]
pub struct FileStorage {
    dir: PathBuf,
    incoming: PathBuf,
}

impl FileStorage {
    /// The storage under `data_dir`, made if missing. What an interrupted write left in the
    /// incoming directory is removed: it was never named by a row.
    pub fn open(data_dir: &Path) -> anyhow::Result<FileStorage> {
        let dir = data_dir.join("attachments");
        let incoming = dir.join(".incoming");
        let _ = std::fs::remove_dir_all(&incoming);
        std::fs::create_dir_all(&incoming).with_context(|| format!("could not make {}", incoming.display()))?;
        Ok(FileStorage { dir, incoming })
    }

    fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        anyhow::ensure!(is_key(key), "not a storage key: {key:?}");
        Ok(self.dir.join(key))
    }
}

#[async_trait::async_trait]
impl Storage for FileStorage {
    async fn put(&self, key: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.path(key)?;
        let part = self.incoming.join(key);
        let (dir, bytes) = (self.dir.clone(), bytes.to_vec());
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            use std::io::Write;
            let mut file = std::fs::File::create(&part)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&part, &path)?;
            std::fs::File::open(&dir)?.sync_all()?;
            Ok(())
        })
        .await?
    }

    /// Synced, then renamed into place (the uploads' directory is on the same file system,
    /// under the data directory); copied when it is not.
    async fn put_file(&self, key: &str, path: &Path) -> anyhow::Result<()> {
        let target = self.path(key)?;
        let (dir, part, path) = (self.dir.clone(), self.incoming.join(key), path.to_path_buf());
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            std::fs::File::open(&path)?.sync_all()?;
            if std::fs::rename(&path, &target).is_err() {
                std::fs::copy(&path, &part)?;
                std::fs::File::open(&part)?.sync_all()?;
                std::fs::rename(&part, &target)?;
            }
            std::fs::File::open(&dir)?.sync_all()?;
            Ok(())
        })
        .await?
    }

    async fn get(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        Ok(tokio::fs::read(self.path(key)?).await?)
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
            _ => Ok(()),
        }
    }

    async fn keys_written_before(&self, cutoff: i64) -> anyhow::Result<Vec<String>> {
        let mut keys = Vec::new();
        let mut entries = tokio::fs::read_dir(&self.dir).await?;
        while let Some(entry) = entries.next_entry().await? {
            let Some(key) = entry.file_name().to_str().filter(|name| is_key(name)).map(str::to_string) else {
                continue;
            };
            let modified = entry.metadata().await?.modified()?.duration_since(std::time::UNIX_EPOCH)?;
            if i64::try_from(modified.as_millis())? < cutoff {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// What every storage must do: keep, list, read and remove a file by its key, and nothing
    /// by any other name. Other tests may share the store, so it looks for its own key only.
    pub(crate) async fn keeps_reads_and_removes_by_key_only(storage: &dyn Storage) {
        let key = new_key();
        storage.put(&key, b"%PDF-1.4").await.unwrap();
        assert_eq!(storage.get(&key).await.unwrap(), b"%PDF-1.4");
        let now = jiff::Timestamp::now().as_millisecond();
        assert!(storage.keys_written_before(now + 60_000).await.unwrap().contains(&key));
        assert!(!storage.keys_written_before(now - 3_600_000).await.unwrap().contains(&key));
        for bad in ["../../etc/passwd", "", "ABCDEF", &format!("{key}/x")] {
            assert!(storage.get(bad).await.is_err(), "{bad}");
            assert!(storage.put(bad, b"x").await.is_err(), "{bad}");
        }
        storage.delete(&key).await.unwrap();
        storage.delete(&key).await.unwrap();
        assert!(storage.get(&key).await.is_err());
        // A file received to disk, kept without being read into memory.
        let received = std::env::temp_dir().join(format!("portal-received-{key}"));
        std::fs::write(&received, b"%PDF-1.7 received").unwrap();
        let from_file = new_key();
        storage.put_file(&from_file, &received).await.unwrap();
        assert_eq!(storage.get(&from_file).await.unwrap(), b"%PDF-1.7 received");
        storage.delete(&from_file).await.unwrap();
        let _ = std::fs::remove_file(&received);
        assert!(!storage.keys_written_before(i64::MAX).await.unwrap().contains(&key));
    }

    #[tokio::test]
    async fn the_file_system_keeps_files_by_key_and_removes_interrupted_writes() {
        let data = std::env::temp_dir().join(format!("portal-storage-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(data.join("attachments/.incoming")).unwrap();
        std::fs::write(data.join("attachments/.incoming/left-over"), b"half").unwrap();
        let storage = FileStorage::open(&data).unwrap();
        assert!(!data.join("attachments/.incoming/left-over").exists(), "an interrupted write is removed");
        keeps_reads_and_removes_by_key_only(&storage).await;
        let _ = std::fs::remove_dir_all(&data);
    }
}
