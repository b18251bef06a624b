//! Big buckets' file tables left on disk until a request needs them. A saved table starts with
//! its totals (`{"totalSize":…,"maxSeq":…,"files":[…]}`), so a store opens with only those of a
//! big bucket, lists its buckets at once, and loads such a bucket's files on the first request
//! about them; a table saved by an older version (a bare array) is loaded as the store opens.

use std::io::Read;
use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::model::FileDoc;
use crate::server::{App, Shared};
use crate::state::{FileTable, Tables};

/// Tables saved in more bytes than this are left on disk when a store opens.
pub const COLD_BYTES: u64 = 256 * 1024;

/// What a bucket's listing needs of a table left on disk, read from the head of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cold {
    pub total_size: u64,
    /// The highest sequence number among its files (a reopened store never hands it out again).
    pub max_seq: u64,
}

impl Cold {
    pub fn of(table: &FileTable) -> Cold {
        Cold {
            total_size: table.total_size(),
            max_seq: table.files.keys().next_back().copied().unwrap_or(0),
        }
    }
}

/// A table as saved: its totals first, then its files in creation order.
#[derive(Serialize)]
struct Saved<'a> {
    #[serde(rename = "totalSize")]
    total_size: u64,
    #[serde(rename = "maxSeq")]
    max_seq: u64,
    files: Vec<&'a FileDoc>,
}

#[derive(Deserialize)]
struct Loaded {
    files: Vec<FileDoc>,
}

/// The bytes a table is saved as.
pub fn encode(table: &FileTable) -> serde_json::Result<Vec<u8>> {
    let Cold {
        total_size,
        max_seq,
    } = Cold::of(table);
    serde_json::to_vec(&Saved {
        total_size,
        max_seq,
        files: table.files.values().collect(),
    })
}

fn invalid(path: &Path, e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("{}: {e}", path.display()),
    )
}

/// The files saved at `path`, in either form; `None` when there is no such file.
pub fn read_files(path: &Path) -> std::io::Result<Option<Vec<FileDoc>>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let files = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => serde_json::from_slice::<Loaded>(&bytes).map(|l| l.files),
        _ => serde_json::from_slice::<Vec<FileDoc>>(&bytes),
    };
    files.map(Some).map_err(|e| invalid(path, e))
}

/// The totals at the head of the big table saved at `path`; `None` when it is small, missing or
/// in the older form (then it is loaded as the store opens).
pub fn read_head(path: &Path) -> std::io::Result<Option<Cold>> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if file.metadata()?.len() <= COLD_BYTES {
        return Ok(None);
    }
    let mut head = [0u8; 128];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    let head = String::from_utf8_lossy(&head[..read]);
    Ok(parse_head(&head))
}

/// `{"totalSize":N,"maxSeq":M,"files":` at the start of `head`.
fn parse_head(head: &str) -> Option<Cold> {
    let number = |rest: &str| -> Option<(u64, usize)> {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        Some((rest[..digits].parse().ok()?, digits))
    };
    let rest = head.strip_prefix(r#"{"totalSize":"#)?;
    let (total_size, n) = number(rest)?;
    let rest = rest[n..].strip_prefix(r#","maxSeq":"#)?;
    let (max_seq, n) = number(rest)?;
    rest[n..].strip_prefix(r#","files":"#)?;
    Some(Cold {
        total_size,
        max_seq,
    })
}

/// Leaves on disk the tables of a store just saved in `dir` that are big enough to be left
/// there when it opens again, so a new store holds in memory what a reopened one would.
pub fn cool_big_tables(dir: &Path, state: &mut Tables) -> std::io::Result<()> {
    let seqs: Vec<u64> = state.buckets.keys().copied().collect();
    for seq in seqs {
        let saved = match std::fs::metadata(files_path(dir, seq)) {
            Ok(meta) => meta.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        if saved > COLD_BYTES {
            state.leave_on_disk(seq);
        }
    }
    Ok(())
}

pub fn files_path(dir: &Path, bucket_seq: u64) -> PathBuf {
    dir.join("files").join(format!("{bucket_seq}.json"))
}

/// Loads the files of bucket `bucket_id` when they were left on disk; at most one load runs at
/// a time, so requests that arrive together wait for the same one.
pub async fn load(app: &Shared, bucket_id: &str) -> Result<(), ApiError> {
    let Some(persister) = &app.persister else {
        return Ok(());
    };
    let cold_seq = |app: &Shared| {
        let t = app.tables();
        t.bucket(bucket_id)
            .map(|b| b.seq)
            .filter(|seq| t.cold.contains_key(seq))
    };
    if cold_seq(app).is_none() {
        return Ok(());
    }
    let _one_at_a_time = persister.loading().lock().await;
    let Some(seq) = cold_seq(app) else {
        return Ok(());
    };
    let path = files_path(persister.dir(), seq);
    let files = tokio::task::spawn_blocking(move || read_files(&path))
        .await
        .map_err(|e| ApiError::internal(format!("Loading the bucket's files failed: {e}")))?
        .map_err(|e| {
            tracing::error!(error = %e, "loading a bucket's files failed");
            ApiError::internal("The bucket's files could not be read from the data dir.")
        })?
        .unwrap_or_default();
    // A bucket deleted meanwhile stays deleted.
    app.tables().load_from_disk(seq, files);
    tracing::info!(bucket = bucket_id, "loaded the files of a big bucket");
    Ok(())
}

/// The bucket a request is about when it is about files: `/v1/storage/buckets/{id}/files…` or
/// `/v1/tokens/buckets/{id}/files…`.
fn files_bucket(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/v1/storage/buckets/")
        .or_else(|| path.strip_prefix("/v1/tokens/buckets/"))?;
    let (bucket, rest) = rest.split_once('/')?;
    (rest == "files" || rest.starts_with("files/")).then_some(bucket)
}

/// Middleware: before a request about a bucket's files, loads them if they were left on disk.
pub async fn load_for_request(State(app): State<App>, req: Request, next: Next) -> Response {
    if let Some(bucket) = files_bucket(req.uri().path()) {
        if let Err(e) = load(&app, bucket).await {
            return e.into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Seed};
    use crate::seed;

    async fn demo_store(dir: &Path) -> crate::store::Store {
        let config = Config {
            data_dir: Some(dir.to_path_buf()),
            seed: Seed::Demo,
            ..Config::default()
        };
        crate::store::open(&config).await.unwrap()
    }

    #[tokio::test]
    async fn a_new_demo_store_keeps_only_its_big_bucket_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let state = demo_store(dir.path()).await.state;
        let scale = state.bucket(seed::SCALE_BUCKET_ID).unwrap().seq;
        let bytes: u64 = (0..seed::SCALE_FILE_COUNT as u64)
            .map(|i| seed::scale_file_bytes(i).len() as u64)
            .sum();
        assert_eq!(state.total_size(scale), bytes);
        assert!(!state.files.contains_key(&scale));
        for id in seed::BUCKET_IDS
            .iter()
            .filter(|id| **id != seed::SCALE_BUCKET_ID)
        {
            let seq = state.bucket(id).unwrap().seq;
            assert!(state.files.contains_key(&seq), "{id} in memory");
        }
    }

    #[tokio::test]
    async fn a_reopened_store_never_hands_out_a_sequence_of_files_left_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let meta = demo_store(dir.path()).await.meta;
        let scale_seq = {
            let state = crate::persist::load(dir.path()).unwrap().unwrap().1;
            state.bucket(seed::SCALE_BUCKET_ID).unwrap().seq
        };
        let files = read_files(&files_path(dir.path(), scale_seq))
            .unwrap()
            .unwrap();
        let highest = files.iter().map(|f| f.seq).max().unwrap();
        // As after a crash between a table's write and the meta.json that follows it, with no
        // token made after the table's files.
        std::fs::remove_dir_all(dir.path().join("tokens")).unwrap();
        let stale = crate::persist::Meta {
            next_seq: 1,
            ..meta
        };
        let path = dir.path().join("meta.json");
        crate::persist::write_atomic(&path, &serde_json::to_vec(&stale).unwrap()).unwrap();
        let (_, state) = crate::persist::load(dir.path()).unwrap().unwrap();
        assert_eq!(state.cold[&scale_seq].max_seq, highest);
        assert!(state.next_seq > highest);
    }

    #[test]
    fn the_head_is_read_back_and_other_forms_are_not_taken_for_one() {
        assert_eq!(
            parse_head(r#"{"totalSize":1234,"maxSeq":99,"files":[{"$id":"x"#),
            Some(Cold {
                total_size: 1234,
                max_seq: 99
            })
        );
        assert_eq!(parse_head(r#"[{"$id":"x"}]"#), None);
        assert_eq!(parse_head(r#"{"totalSize":,"maxSeq":9,"files":[]}"#), None);
        assert_eq!(parse_head(r#"{"totalSize":1,"files":[]}"#), None);
    }

    #[test]
    fn requests_about_files_name_their_bucket() {
        for (path, bucket) in [
            ("/v1/storage/buckets/b1/files", Some("b1")),
            ("/v1/storage/buckets/b1/files/f/view", Some("b1")),
            ("/v1/tokens/buckets/b1/files/f", Some("b1")),
            ("/v1/storage/buckets/b1", None),
            ("/v1/storage/buckets", None),
            ("/v1/tokens/t1", None),
            ("/v1/storage/buckets/b1/filesystem", None),
        ] {
            assert_eq!(files_bucket(path), bucket, "{path}");
        }
    }
}
