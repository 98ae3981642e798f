//! Attachments: the documents an application's answers call for (`forms::derive`), uploaded
//! (`web`), checked (`content`, a few at a time within a memory budget: `check`), stored
//! (`storage`, `object_store`) and listed per application (`files`).

pub mod check;
pub mod content;
pub mod files;
pub mod object_store;
pub mod scan;
pub mod slot;
pub mod storage;
pub mod web;

use crate::server::clock::Clock;
use crate::server::db::Pool;
use crate::server::personal_data::Holder;
use std::sync::Arc;
use storage::Storage;

/// The files of an application, as its pages show them (see `applications::Parts`).
pub const FILES_PART: crate::server::applications::FilesPart =
    |state, application_id| Box::pin(shown_files(state, application_id));

async fn shown_files(
    state: &crate::server::AppState,
    application_id: i64,
) -> anyhow::Result<Vec<crate::page_data::AttachedFile>> {
    let stored = files::list(&state.db, application_id).await?;
    Ok(stored
        .into_iter()
        .map(|file| crate::page_data::AttachedFile {
            public_id: file.public_id,
            requirement: file.requirement,
            name: file.display_name,
            content_type: file.content_type,
            size_bytes: u64::try_from(file.size_bytes).unwrap_or_default(),
        })
        .collect())
}

/// The files of the applicant's applications in their data download (what each is, not its
/// bytes, which the application's pages give). Nothing to forget of its own: a draft's files
/// go with the draft, and a sent application's stay with it.
pub const PERSONAL_DATA: Holder = Holder {
    name: "attachments",
    export: |pool, user_id| Box::pin(export(pool, user_id)),
    forget: |_, _| Box::pin(async { Ok(()) }),
};

/// A file as the data download shows it.
#[derive(serde::Serialize)]
struct FileData {
    /// The application's reference, once it has one.
    application: Option<String>,
    attachment: String,
    name: String,
    content_type: String,
    size_bytes: i64,
    sha256: String,
}

async fn export(pool: &Pool, user_id: i64) -> anyhow::Result<serde_json::Value> {
    let mut found = Vec::new();
    for application in
        crate::server::applications::drafts::list(pool, crate::server::applications::Owner::Person(user_id)).await?
    {
        for file in files::list(pool, application.id).await? {
            found.push(FileData {
                application: application.reference.clone(),
                attachment: file.requirement,
                name: file.display_name,
                content_type: file.content_type,
                size_bytes: file.size_bytes,
                sha256: file.sha256,
            });
        }
    }
    Ok(serde_json::to_value(found)?)
}

/// The storage `config` names: the object store when it is set, else the data directory.
pub fn open_storage(config: &crate::server::config::Config) -> anyhow::Result<Arc<dyn Storage>> {
    Ok(match &config.attachments_s3 {
        Some(settings) => Arc::new(object_store::ObjectStore::new(settings)?),
        None => Arc::new(storage::FileStorage::open(&config.data_dir)?),
    })
}

/// A file's name as sent, made fit to show: its last path part only, without control or
/// bidirectional-override characters (which could make `exe.pdf` of `fdp.exe`), and at most
/// [`NAME_MAX`] characters, cut in the middle so the extension stays. Never used for anything
/// but display.
pub fn display_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let bidi =
        |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let kept: String = last.chars().filter(|c| !c.is_control() && !bidi(*c)).collect();
    let kept = kept.trim().trim_start_matches('.').trim();
    let chars: Vec<char> = kept.chars().collect();
    if chars.is_empty() {
        return "file".into();
    }
    if chars.len() <= NAME_MAX {
        return kept.to_string();
    }
    let half = (NAME_MAX - 1) / 2;
    let (head, tail): (String, String) = (chars[..half].iter().collect(), chars[chars.len() - half..].iter().collect());
    format!("{head}…{tail}")
}

pub const NAME_MAX: usize = 80;

/// `name` ending in `extension`, the one of the type its content was found to be: a PDF sent as
/// `hakemus.html` is kept, shown and sent on as `hakemus.pdf`. An extension of another type is
/// replaced (`.jpeg` and `.JPG` are a JPEG's too); a last part without letters (`v1.2`) is no
/// extension and stays.
pub fn with_extension(name: &str, extension: &str) -> String {
    let (stem, current) = match name.rsplit_once('.') {
        Some((stem, tail)) if !stem.is_empty() && tail.chars().any(|c| c.is_alphabetic()) && !tail.contains(' ') => {
            (stem, Some(tail))
        }
        _ => (name, None),
    };
    let same = current.is_some_and(|tail| {
        let tail = tail.to_ascii_lowercase();
        tail == extension || (extension == "jpg" && tail == "jpeg")
    });
    if same {
        name.to_string()
    } else {
        format!("{stem}.{extension}")
    }
}

/// Removes stored files that no row names: those whose rows the retention let go (sent
/// applications' files once fetched), of applications deleted since (their rows went with
/// them) and of uploads cut off between storing and writing the row. Files younger than an
/// hour by the portal's clock are spared, since an upload may be between the two right now.
/// Other features that keep files in the storage say which keys are theirs (`in_use`, besides
/// the files' own rows). Returns how many went.
pub async fn remove_unnamed(
    pool: &Pool,
    clock: &Clock,
    storage: &dyn Storage,
    in_use: &[storage::KeyInUse],
) -> anyhow::Result<u64> {
    let mut removed = 0;
    'keys: for key in storage.keys_written_before(clock.now_millis() - 3_600_000).await? {
        for named in std::iter::once(&files::KEY_IN_USE).chain(in_use) {
            if named(pool, &key).await? {
                continue 'keys;
            }
        }
        storage.delete(&key).await?;
        removed += 1;
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_cleaned_for_display() {
        assert_eq!(display_name("../../x"), "x");
        assert_eq!(display_name("C:\\Users\\maria\\passi.pdf"), "passi.pdf");
        assert_eq!(display_name("kuva\u{202E}gpj.exe"), "kuvagpj.exe");
        assert_eq!(display_name("a\u{0}b\nc.png"), "abc.png");
        assert_eq!(display_name("../.."), "file");
        assert_eq!(display_name(".htaccess"), "htaccess");
        let long = format!("{}.pdf", "a".repeat(300));
        let shown = display_name(&long);
        assert_eq!(shown.chars().count(), NAME_MAX - 1);
        assert!(shown.ends_with("aaa.pdf") && shown.contains('…'));
    }

    #[test]
    fn a_stored_name_ends_in_its_types_extension() {
        assert_eq!(with_extension("hakemus.html", "pdf"), "hakemus.pdf");
        assert_eq!(with_extension("hakemus.pdf.html", "pdf"), "hakemus.pdf.pdf");
        assert_eq!(with_extension("passi.PDF", "pdf"), "passi.PDF");
        assert_eq!(with_extension("kuva.jpeg", "jpg"), "kuva.jpeg");
        assert_eq!(with_extension("kuva.png", "jpg"), "kuva.jpg");
        assert_eq!(with_extension("todistus v1.2", "pdf"), "todistus v1.2.pdf");
        assert_eq!(with_extension("file", "png"), "file.png");
        assert_eq!(with_extension("htaccess", "pdf"), "htaccess.pdf");
    }
}
