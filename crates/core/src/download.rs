//! Downloading files to a folder the user picked: each streamed to disk (never held whole),
//! continued with `Range` from the bytes already written when the connection drops, written
//! under a temporary name and given the file's own name only when complete (with a safe rename,
//! `name (1).ext`, when that name is taken), with progress and a reason per failed file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use appwrite_rest::Client;
use futures_util::stream::{self, StreamExt};
use serde::Serialize;
use tokio::io::AsyncWrite;

use crate::failure::Failure;

/// Where a file's download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DownloadState {
    Queued,
    Downloading,
    Done,
    Failed,
}

/// One file of a download batch, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadItem {
    pub file_id: String,
    pub name: String,
    pub size: u64,
    pub received: u64,
    pub state: DownloadState,
    pub error: Option<Failure>,
    /// Where it was written, once done.
    pub path: Option<String>,
}

/// What a download batch tells the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadEvent {
    Progress {
        batch_id: String,
        item: DownloadItem,
    },
    Done {
        batch_id: String,
        done: usize,
        failed: usize,
    },
}

/// How hard a download is tried.
#[derive(Debug, Clone, Copy)]
pub struct DownloadOptions {
    pub files_at_once: usize,
    /// Tries per file (the first one included); each continues where the last stopped.
    pub tries: u32,
    pub retry_delay: Duration,
}

impl Default for DownloadOptions {
    fn default() -> Self {
        DownloadOptions {
            files_at_once: 3,
            tries: 5,
            retry_delay: Duration::from_millis(300),
        }
    }
}

/// The suffix of a file being downloaded.
const PARTIAL: &str = ".bucketdesk-part";

/// Downloads `file_ids` of `bucket_id` into `dir`, reporting through `events`; answers every
/// item as it ended, in the order given.
pub async fn download_files(
    client: &Client,
    bucket_id: &str,
    file_ids: &[String],
    dir: &Path,
    batch_id: &str,
    options: DownloadOptions,
    events: Arc<dyn Fn(DownloadEvent) + Send + Sync>,
) -> Vec<DownloadItem> {
    let taken = Arc::new(std::sync::Mutex::new(HashSet::<PathBuf>::new()));
    let items: Vec<DownloadItem> = stream::iter(file_ids.iter().cloned())
        .map(|file_id| {
            let (taken, events) = (taken.clone(), events.clone());
            async move {
                let job = Job {
                    client,
                    bucket_id,
                    dir,
                    batch_id,
                    options,
                    events,
                    taken,
                };
                job.run(file_id).await
            }
        })
        .buffered(options.files_at_once.max(1))
        .collect()
        .await;
    let done = items
        .iter()
        .filter(|i| i.state == DownloadState::Done)
        .count();
    events(DownloadEvent::Done {
        batch_id: batch_id.to_owned(),
        done,
        failed: items.len() - done,
    });
    items
}

struct Job<'a> {
    client: &'a Client,
    bucket_id: &'a str,
    dir: &'a Path,
    batch_id: &'a str,
    options: DownloadOptions,
    events: Arc<dyn Fn(DownloadEvent) + Send + Sync>,
    taken: Arc<std::sync::Mutex<HashSet<PathBuf>>>,
}

impl Job<'_> {
    fn emit(&self, item: &DownloadItem) {
        (self.events)(DownloadEvent::Progress {
            batch_id: self.batch_id.to_owned(),
            item: item.clone(),
        });
    }

    async fn run(&self, file_id: String) -> DownloadItem {
        let mut item = DownloadItem {
            file_id: file_id.clone(),
            name: file_id.clone(),
            size: 0,
            received: 0,
            state: DownloadState::Queued,
            error: None,
            path: None,
        };
        match self.fetch(&mut item).await {
            Ok(path) => {
                item.state = DownloadState::Done;
                item.received = item.size;
                item.path = Some(path.display().to_string());
            }
            Err(failure) => {
                item.state = DownloadState::Failed;
                item.error = Some(failure);
            }
        }
        self.emit(&item);
        item
    }

    async fn fetch(&self, item: &mut DownloadItem) -> Result<PathBuf, Failure> {
        let files = self.client.files(self.bucket_id);
        let file = files.get(&item.file_id).await.map_err(Failure::from)?;
        item.name = file.name.clone();
        item.size = file.size_original;
        item.state = DownloadState::Downloading;
        self.emit(item);
        let target = self.reserve(&file.name)?;
        let partial = partial_path(&target);
        let result = self.stream(item, &partial).await;
        if let Err(failure) = result {
            let _ = tokio::fs::remove_file(&partial).await;
            self.release(&target);
            return Err(failure);
        }
        // The name may have been taken meanwhile: never replace anything.
        let final_path = if target.exists() {
            self.release(&target);
            self.reserve(&file.name)?
        } else {
            target
        };
        tokio::fs::rename(&partial, &final_path)
            .await
            .map_err(|e| write_failure(&final_path, &e))?;
        Ok(final_path)
    }

    /// Streams the file into `partial`, continuing with `Range` after a broken connection.
    async fn stream(&self, item: &mut DownloadItem, partial: &Path) -> Result<(), Failure> {
        let files = self.client.files(self.bucket_id);
        let mut out = tokio::fs::File::create(partial)
            .await
            .map_err(|e| write_failure(partial, &e))?;
        let mut written = 0u64;
        let mut tries = 0;
        loop {
            tries += 1;
            let counted = Arc::new(std::sync::atomic::AtomicU64::new(written));
            let base = item.clone();
            let progress = move |received| DownloadItem {
                received,
                ..base.clone()
            };
            let emit = |update: DownloadItem| self.emit(&update);
            let mut sink = Counting {
                inner: &mut out,
                count: counted.clone(),
                progress: &progress,
                emit: &emit,
                last: None,
            };
            let result = files.download_from(&item.file_id, written, &mut sink).await;
            drop(sink);
            use tokio::io::AsyncWriteExt;
            out.flush().await.map_err(|e| write_failure(partial, &e))?;
            written = out
                .metadata()
                .await
                .map_err(|e| write_failure(partial, &e))?
                .len();
            item.received = written;
            match result {
                Ok(_) if written == item.size => return Ok(()),
                Ok(_) => {
                    return Err(Failure::new(
                        "bad_response",
                        format!(
                            "The server sent {written} of {}'s {} bytes. Download it again.",
                            item.name, item.size
                        ),
                    ))
                }
                Err(e) if e.is_retryable() && tries < self.options.tries => {
                    tracing::debug!(file_id = %item.file_id, written, error = %e, "download broke off; continuing with Range");
                    self.emit(item);
                    let wait = self.options.retry_delay * 2u32.pow((tries - 1).min(5));
                    tokio::time::sleep(e.retry_after().unwrap_or(wait)).await;
                }
                Err(e) => return Err(Failure::from(&e)),
            }
        }
    }

    /// A free name for `name` in the folder: the name itself, else `name (1).ext`, `name
    /// (2).ext`, ... (none taken on disk or by another file of this batch).
    fn reserve(&self, name: &str) -> Result<PathBuf, Failure> {
        let safe = safe_name(name);
        let mut taken = self.taken.lock().unwrap_or_else(|e| e.into_inner());
        for n in 0..10_000 {
            let candidate = self.dir.join(numbered(&safe, n));
            if !taken.contains(&candidate)
                && !candidate.exists()
                && !partial_path(&candidate).exists()
            {
                taken.insert(candidate.clone());
                return Ok(candidate);
            }
        }
        Err(Failure::new(
            "internal",
            format!(
                "No free name was found for {safe} in {}. Choose another folder.",
                self.dir.display()
            ),
        ))
    }

    fn release(&self, path: &Path) {
        self.taken
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(path);
    }
}

fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(PARTIAL);
    target.with_file_name(name)
}

fn write_failure(path: &Path, error: &std::io::Error) -> Failure {
    Failure::new(
        "write_failed",
        format!(
            "Bucketdesk could not write {} ({error}). Check that the folder can be written to and has free space, then download again.",
            path.display()
        ),
    )
}

/// A file name that stays inside the chosen folder on every platform: path separators,
/// control characters and the characters Windows refuses become `_`; `.`, `..` and an empty
/// name become `download`; trailing dots and spaces go.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_end_matches(['.', ' ']).to_owned();
    if trimmed.is_empty() || trimmed == "." || trimmed == ".." {
        "download".to_owned()
    } else {
        trimmed
    }
}

/// `report.pdf` with `n` = 0, `report (1).pdf` with 1; the extension is what follows the last
/// dot, unless the name starts with its only dot (`.bashrc (1)`).
pub fn numbered(name: &str, n: usize) -> String {
    if n == 0 {
        return name.to_owned();
    }
    match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{} ({n}){}", &name[..dot], &name[dot..]),
        _ => format!("{name} ({n})"),
    }
}

/// A sink that counts bytes and reports them at most every 100 ms.
struct Counting<'a, W> {
    inner: &'a mut W,
    count: Arc<std::sync::atomic::AtomicU64>,
    progress: &'a (dyn Fn(u64) -> DownloadItem + Send + Sync),
    emit: &'a (dyn Fn(DownloadItem) + Send + Sync),
    last: Option<Instant>,
}

impl<W: AsyncWrite + Unpin> AsyncWrite for Counting<'_, W> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut *self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = &polled {
            let total = self
                .count
                .fetch_add(*n as u64, std::sync::atomic::Ordering::Relaxed)
                + *n as u64;
            let now = Instant::now();
            if self
                .last
                .is_none_or(|at| now.duration_since(at) >= Duration::from_millis(100))
            {
                self.last = Some(now);
                (self.emit)((self.progress)(total));
            }
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_folder_and_taken_ones_get_a_number() {
        assert_eq!(safe_name("report.pdf"), "report.pdf");
        assert_eq!(safe_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(safe_name(".."), "download");
        assert_eq!(safe_name("a:b?.txt"), "a_b_.txt");
        assert_eq!(safe_name("trailing. "), "trailing");
        assert_eq!(numbered("report.pdf", 1), "report (1).pdf");
        assert_eq!(numbered("archive.tar.gz", 2), "archive.tar (2).gz");
        assert_eq!(numbered(".bashrc", 1), ".bashrc (1)");
        assert_eq!(numbered("README", 3), "README (3)");
    }
}
