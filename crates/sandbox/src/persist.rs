//! The data dir: atomic writes (temp file + fsync + rename) of files only the user may read,
//! loading a store, and the saving of only the parts that changed (one small JSON per bucket's
//! files and tokens); `writer` decides when.
//!
//! Layout: `meta.json`, `buckets.json`, `files/<bucketSeq>.json` (totals first, see `cold`),
//! `tokens/<bucketSeq>.json`, `blobs/<bucketSeq>/<fileSeq>` and
//! `chunks/<bucketSeq>/<fileSeq>/<index>` (see `blobs`).
//! On unix every folder is 0700 and every file 0600: the store holds the key and the token
//! signing secret.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

use crate::cold::{self, files_path};
use crate::model::{Bucket, Token};
use crate::state::Tables;

/// Store-wide facts kept in `meta.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub format: u32,
    /// The key the sandbox made itself (kept so that a reopened store answers to the same key).
    pub generated_key: Option<String>,
    /// HMAC key of token secrets (kept so that share links survive a restart).
    pub jwt_secret: String,
    pub next_seq: u64,
}

/// Writes `bytes` to `path` so that a crash leaves either the old or the new content:
/// a temp file in the same folder, fsync, rename over the target, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("data");
    let tmp = dir.join(format!(".{name}.tmp-{}", crate::ids::generate()));
    let result = (|| {
        let mut f = create_private_file(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Creates `dir` and its missing parents; on unix the folders it makes are 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// A new file (never an existing one) that on unix only its owner may read and write.
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Takes group and other rights off `path` (0700 for a folder, 0600 for a file), on unix.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(path)?;
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        if !meta.file_type().is_symlink() && meta.permissions().mode() & 0o777 != want {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(want))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// [`make_private`] for a store's own parts, made by an older version or opened up by hand.
fn make_store_private(dir: &Path) -> std::io::Result<()> {
    fn walk(path: &Path) -> std::io::Result<()> {
        make_private(path)?;
        if path.is_dir() {
            for entry in std::fs::read_dir(path)? {
                walk(&entry?.path())?;
            }
        }
        Ok(())
    }
    make_private(dir)?;
    for part in [
        "meta.json",
        "buckets.json",
        "files",
        "tokens",
        "blobs",
        "chunks",
    ] {
        let path = dir.join(part);
        if path.exists() {
            walk(&path)?;
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// True for a temp file left by an interrupted [`write_atomic`].
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(".tmp-")
}

/// Removes temp files left behind by a crash, in `dir` and its subfolders.
pub fn remove_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_temp_files(&path);
        } else if entry.file_name().to_str().is_some_and(is_temp_name) {
            tracing::info!(path = %path.display(), "removing leftover temp file");
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> std::io::Result<Option<T>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn tokens_path(dir: &Path, bucket_seq: u64) -> PathBuf {
    dir.join("tokens").join(format!("{bucket_seq}.json"))
}

/// Loads the store in `dir`; `None` when there is none yet.
pub fn load(dir: &Path) -> std::io::Result<Option<(Meta, Tables)>> {
    remove_temp_files(dir);
    let Some(meta) = read_json::<Meta>(&dir.join("meta.json"))? else {
        return Ok(None);
    };
    make_store_private(dir)?;
    let mut state = Tables::new();
    let buckets: Vec<Bucket> = read_json(&dir.join("buckets.json"))?.unwrap_or_default();
    for bucket in buckets {
        let seq = bucket.seq;
        state.insert_bucket(bucket);
        let path = files_path(dir, seq);
        if let Some(totals) = cold::read_head(&path)? {
            state.insert_cold(seq, totals);
        } else {
            let table = state.file_table_mut(seq);
            for file in cold::read_files(&path)?.unwrap_or_default() {
                table.insert(file);
            }
        }
        let tokens: Vec<Token> = read_json(&tokens_path(dir, seq))?.unwrap_or_default();
        for token in tokens {
            state.insert_token(token);
        }
    }
    let max_seq = state
        .buckets
        .keys()
        .chain(state.tokens.keys())
        .chain(state.files.values().flat_map(|t| t.files.keys()))
        .copied()
        .chain(state.cold.values().map(|c| c.max_seq))
        .max()
        .unwrap_or(0);
    state.next_seq = meta.next_seq.max(max_seq + 1);
    Ok(Some((meta, state)))
}

#[derive(Default)]
struct Dirty {
    meta: bool,
    buckets: bool,
    files: HashSet<u64>,
    tokens: HashSet<u64>,
}

impl Dirty {
    fn is_empty(&self) -> bool {
        !self.meta && !self.buckets && self.files.is_empty() && self.tokens.is_empty()
    }

    fn merge(&mut self, other: Dirty) {
        self.meta |= other.meta;
        self.buckets |= other.buckets;
        self.files.extend(other.files);
        self.tokens.extend(other.tokens);
    }
}

/// Saves changed parts of the state to the data dir, one write at a time.
pub struct Persister {
    dir: PathBuf,
    dirty: Mutex<Dirty>,
    notify: Notify,
    /// Held until a write has finished on its blocking thread, even if its caller went away.
    flush_lock: Arc<tokio::sync::Mutex<()>>,
    /// Held while a table left on disk is loaded (see `cold`).
    loading: tokio::sync::Mutex<()>,
}

impl Persister {
    pub fn new(dir: PathBuf) -> Self {
        Persister {
            dir,
            dirty: Mutex::new(Dirty::default()),
            notify: Notify::new(),
            flush_lock: Arc::new(tokio::sync::Mutex::new(())),
            loading: tokio::sync::Mutex::new(()),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn loading(&self) -> &tokio::sync::Mutex<()> {
        &self.loading
    }

    fn mark(&self, f: impl FnOnce(&mut Dirty)) {
        let mut dirty = self.dirty.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut dirty);
        // Every change takes a sequence number or changes a table; meta is cheap, so save it too.
        dirty.meta = true;
        drop(dirty);
        self.notify.notify_one();
    }

    pub fn mark_buckets(&self) {
        self.mark(|d| d.buckets = true);
    }

    pub fn mark_files(&self, bucket_seq: u64) {
        self.mark(|d| {
            d.files.insert(bucket_seq);
        });
    }

    pub fn mark_tokens(&self, bucket_seq: u64) {
        self.mark(|d| {
            d.tokens.insert(bucket_seq);
        });
    }

    /// Waits until something is marked.
    pub async fn changed(&self) {
        self.notify.notified().await;
    }

    /// Writes every marked part now, and returns once it is on disk. A part whose write fails
    /// stays marked, for the next flush.
    pub async fn flush(&self, state: &Mutex<Tables>, meta: &Meta) -> std::io::Result<()> {
        let guard = self.flush_lock.clone().lock_owned().await;
        let dirty = std::mem::take(&mut *self.dirty.lock().unwrap_or_else(|e| e.into_inner()));
        if dirty.is_empty() {
            return Ok(());
        }
        let writes = {
            let state = state.lock().unwrap_or_else(|e| e.into_inner());
            snapshot(&self.dir, &state, meta, &dirty)
        };
        let result = match writes {
            Ok(writes) => tokio::task::spawn_blocking(move || {
                let _guard = guard;
                write_all(writes)
            })
            .await
            .map_err(std::io::Error::other)
            .and_then(|r| r),
            Err(e) => Err(e),
        };
        if result.is_err() {
            self.dirty
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .merge(dirty);
        }
        result
    }
}

fn write_all(writes: Vec<Write_>) -> std::io::Result<()> {
    for (path, bytes) in writes {
        match bytes {
            Some(bytes) => write_atomic(&path, &bytes)?,
            None => match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            },
        }
    }
    Ok(())
}

type Write_ = (PathBuf, Option<Vec<u8>>);

fn snapshot(
    dir: &Path,
    state: &Tables,
    meta: &Meta,
    dirty: &Dirty,
) -> std::io::Result<Vec<Write_>> {
    let mut writes = Vec::new();
    if dirty.buckets {
        let buckets: Vec<&Bucket> = state.buckets.values().collect();
        writes.push((
            dir.join("buckets.json"),
            Some(serde_json::to_vec(&buckets)?),
        ));
    }
    for &seq in &dirty.files {
        // Files left on disk are unchanged there: a change loads them first.
        if state.cold.contains_key(&seq) {
            continue;
        }
        let bytes = match (state.buckets.contains_key(&seq), state.files.get(&seq)) {
            (true, Some(table)) => Some(cold::encode(table)?),
            _ => None,
        };
        writes.push((files_path(dir, seq), bytes));
    }
    for &seq in &dirty.tokens {
        let tokens = state.bucket_tokens(seq);
        let bytes = if tokens.is_empty() && !state.buckets.contains_key(&seq) {
            None
        } else {
            Some(serde_json::to_vec(&tokens)?)
        };
        writes.push((tokens_path(dir, seq), bytes));
    }
    // meta last: it names the next sequence number, which must never go backwards after a crash.
    if dirty.meta {
        let meta = Meta {
            next_seq: state.next_seq,
            ..meta.clone()
        };
        writes.push((
            dir.join("meta.json"),
            Some(serde_json::to_vec_pretty(&meta)?),
        ));
    }
    Ok(writes)
}

/// Writes a whole state at once (a new store, e.g. right after seeding).
pub fn save_all(dir: &Path, state: &Tables, meta: &Meta) -> std::io::Result<()> {
    let dirty = Dirty {
        meta: true,
        buckets: true,
        files: state.buckets.keys().copied().collect(),
        tokens: state.buckets.keys().copied().collect(),
    };
    for (path, bytes) in snapshot(dir, state, meta, &dirty)? {
        if let Some(bytes) = bytes {
            write_atomic(&path, &bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("x.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["x.json".to_string()]);
    }

    #[tokio::test]
    async fn a_failed_save_stays_pending_for_the_next_flush() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        std::fs::write(&store, b"not a folder").unwrap();
        let persister = Persister::new(store.clone());
        let tables = Mutex::new(Tables::new());
        let meta = Meta {
            format: 1,
            generated_key: None,
            jwt_secret: "s".into(),
            next_seq: 1,
        };
        persister.mark_buckets();
        assert!(persister.flush(&tables, &meta).await.is_err());
        std::fs::remove_file(&store).unwrap();
        persister.flush(&tables, &meta).await.unwrap();
        assert_eq!(std::fs::read(store.join("buckets.json")).unwrap(), b"[]");
        assert!(store.join("meta.json").exists());
    }

    #[test]
    fn leftover_temp_files_are_removed_on_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("files")).unwrap();
        let stray = dir.path().join("files").join(".1.json.tmp-abc");
        std::fs::write(&stray, b"{half a wri").unwrap();
        assert!(load(dir.path()).unwrap().is_none());
        assert!(!stray.exists());
    }
}
