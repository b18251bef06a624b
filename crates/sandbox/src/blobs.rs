//! File bytes and upload chunks: in memory, or under the data dir (`blobs/`, `chunks/`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use bytes::Bytes;

use crate::persist::write_atomic;

type Key = (u64, u64);

pub enum Blobs {
    Memory {
        files: Mutex<HashMap<Key, Bytes>>,
        chunks: Mutex<HashMap<Key, HashMap<u64, Bytes>>>,
    },
    Disk(PathBuf),
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Blobs {
    pub fn memory() -> Self {
        Blobs::Memory {
            files: Mutex::new(HashMap::new()),
            chunks: Mutex::new(HashMap::new()),
        }
    }

    fn blob_path(dir: &std::path::Path, (b, f): Key) -> PathBuf {
        dir.join("blobs").join(b.to_string()).join(f.to_string())
    }

    fn chunk_dir(dir: &std::path::Path, (b, f): Key) -> PathBuf {
        dir.join("chunks").join(b.to_string()).join(f.to_string())
    }

    /// Stores a finished file's bytes (atomically on disk).
    pub async fn put(&self, bucket_seq: u64, file_seq: u64, data: Bytes) -> std::io::Result<()> {
        let key = (bucket_seq, file_seq);
        match self {
            Blobs::Memory { files, .. } => {
                lock(files).insert(key, data);
                Ok(())
            }
            Blobs::Disk(dir) => {
                let path = Self::blob_path(dir, key);
                blocking(move || write_atomic(&path, &data)).await
            }
        }
    }

    pub async fn get(&self, bucket_seq: u64, file_seq: u64) -> std::io::Result<Bytes> {
        let key = (bucket_seq, file_seq);
        match self {
            Blobs::Memory { files, .. } => lock(files)
                .get(&key)
                .cloned()
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            Blobs::Disk(dir) => {
                let path = Self::blob_path(dir, key);
                blocking(move || std::fs::read(path).map(Bytes::from)).await
            }
        }
    }

    /// Removes a file's bytes and any chunks it had.
    pub async fn remove(&self, bucket_seq: u64, file_seq: u64) {
        let key = (bucket_seq, file_seq);
        match self {
            Blobs::Memory { files, chunks } => {
                lock(files).remove(&key);
                lock(chunks).remove(&key);
            }
            Blobs::Disk(dir) => {
                let blob = Self::blob_path(dir, key);
                let chunks = Self::chunk_dir(dir, key);
                let _ = blocking(move || {
                    let _ = std::fs::remove_file(blob);
                    let _ = std::fs::remove_dir_all(chunks);
                    Ok(())
                })
                .await;
            }
        }
    }

    /// Removes every file and chunk of a bucket.
    pub async fn remove_bucket(&self, bucket_seq: u64) {
        match self {
            Blobs::Memory { files, chunks } => {
                lock(files).retain(|(b, _), _| *b != bucket_seq);
                lock(chunks).retain(|(b, _), _| *b != bucket_seq);
            }
            Blobs::Disk(dir) => {
                let blobs = dir.join("blobs").join(bucket_seq.to_string());
                let chunks = dir.join("chunks").join(bucket_seq.to_string());
                let _ = blocking(move || {
                    let _ = std::fs::remove_dir_all(blobs);
                    let _ = std::fs::remove_dir_all(chunks);
                    Ok(())
                })
                .await;
            }
        }
    }

    /// Keeps one chunk of an unfinished upload (a re-sent chunk replaces the earlier copy).
    pub async fn put_chunk(
        &self,
        bucket_seq: u64,
        file_seq: u64,
        index: u64,
        data: Bytes,
    ) -> std::io::Result<()> {
        let key = (bucket_seq, file_seq);
        match self {
            Blobs::Memory { chunks, .. } => {
                lock(chunks).entry(key).or_default().insert(index, data);
                Ok(())
            }
            Blobs::Disk(dir) => {
                let path = Self::chunk_dir(dir, key).join(index.to_string());
                blocking(move || write_atomic(&path, &data)).await
            }
        }
    }

    /// Joins chunks `0..total` into the whole file and drops them.
    pub async fn take_chunks(
        &self,
        bucket_seq: u64,
        file_seq: u64,
        total: u64,
    ) -> std::io::Result<Bytes> {
        let key = (bucket_seq, file_seq);
        match self {
            Blobs::Memory { chunks, .. } => {
                let mut parts = lock(chunks)
                    .remove(&key)
                    .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
                let mut whole = Vec::new();
                for i in 0..total {
                    let part = parts
                        .remove(&i)
                        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
                    whole.extend_from_slice(&part);
                }
                Ok(Bytes::from(whole))
            }
            Blobs::Disk(dir) => {
                let cdir = Self::chunk_dir(dir, key);
                blocking(move || {
                    let mut whole = Vec::new();
                    for i in 0..total {
                        whole.extend_from_slice(&std::fs::read(cdir.join(i.to_string()))?);
                    }
                    let _ = std::fs::remove_dir_all(&cdir);
                    Ok(Bytes::from(whole))
                })
                .await
            }
        }
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> std::io::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(std::io::Error::other)?
}
