//! Downloading files to a folder the user picked: each streamed to disk (never held whole),
//! continued with `Range` from the bytes already written when the connection drops, written
//! under a temporary name and given the file's own name only when complete (with a safe rename,
//! `name (1).ext`, when that name is taken), with progress and a reason per failed file. A file,
//! or a whole batch, can be cancelled at any point ([`Downloads::cancel`]): its temporary file
//! is removed and nothing is written under its name.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use appwrite_rest::Client;
use serde::Serialize;
use tokio::io::AsyncWrite;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::failure::Failure;

/// Where a file's download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DownloadState {
    Queued,
    Downloading,
    Done,
    Failed,
    /// Stopped by the user: nothing of it is left on disk.
    Cancelled,
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
        cancelled: usize,
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

/// What stops a batch's files: one switch per file under one for the whole batch.
#[derive(Clone, Default)]
pub struct DownloadCancel {
    all: CancellationToken,
    files: Arc<HashMap<String, CancellationToken>>,
}

impl DownloadCancel {
    /// The switches of a batch of `file_ids`.
    pub fn new(file_ids: &[String]) -> Self {
        let all = CancellationToken::new();
        let files = file_ids
            .iter()
            .map(|id| (id.clone(), all.child_token()))
            .collect();
        DownloadCancel {
            all,
            files: Arc::new(files),
        }
    }

    /// Cancels one file of the batch, or every file (`None`); false when the batch has no such
    /// file.
    pub fn cancel(&self, file_id: Option<&str>) -> bool {
        match file_id {
            None => {
                self.all.cancel();
                true
            }
            Some(id) => match self.files.get(id) {
                Some(token) => {
                    token.cancel();
                    true
                }
                None => false,
            },
        }
    }

    fn token(&self, file_id: &str) -> CancellationToken {
        self.files
            .get(file_id)
            .cloned()
            .unwrap_or_else(|| self.all.child_token())
    }
}

/// The app's download batches by id, so a running one can be cancelled (a file, or all).
#[derive(Clone, Default)]
pub struct Downloads {
    /// `None` once the batch ended: a late cancel has nothing left to stop.
    batches: Arc<Mutex<HashMap<String, Option<DownloadCancel>>>>,
}

impl Downloads {
    /// Registers a batch about to start; gives its switches.
    pub fn begin(&self, batch_id: &str, file_ids: &[String]) -> DownloadCancel {
        let cancel = DownloadCancel::new(file_ids);
        self.lock()
            .insert(batch_id.to_owned(), Some(cancel.clone()));
        cancel
    }

    /// A batch has ended: its switches go (its id stays known).
    pub fn end(&self, batch_id: &str) {
        self.lock().insert(batch_id.to_owned(), None);
    }

    /// Cancels one file (`file_id`) or every file (`None`) of a batch. A file cancelled leaves
    /// nothing on disk; one already saved stays. A batch that has ended has nothing to stop.
    pub fn cancel(&self, batch_id: &str, file_id: Option<&str>) -> Result<(), Failure> {
        let batches = self.lock();
        match batches.get(batch_id) {
            None => Err(Failure::new(
                "not_found",
                "This download is not known to Bucketdesk. Download the files again.",
            )),
            Some(None) => Ok(()),
            Some(Some(cancel)) => {
                if cancel.cancel(file_id) {
                    Ok(())
                } else {
                    Err(Failure::new(
                        "not_found",
                        "This file is not part of that download. Refresh the transfers and try again.",
                    ))
                }
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<DownloadCancel>>> {
        self.batches.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Downloads `file_ids` of `bucket_id` into `dir`, reporting through `events`, a few files at
/// once; a file stops when `cancel` says so. Answers every item as it ended, in the order given.
#[allow(clippy::too_many_arguments)]
pub async fn download_files(
    client: &Client,
    bucket_id: &str,
    file_ids: &[String],
    dir: &Path,
    batch_id: &str,
    cancel: &DownloadCancel,
    options: DownloadOptions,
    events: Arc<dyn Fn(DownloadEvent) + Send + Sync>,
) -> Vec<DownloadItem> {
    let taken = Arc::new(std::sync::Mutex::new(HashSet::<PathBuf>::new()));
    let slots = Semaphore::new(options.files_at_once.max(1));
    let job = Job {
        client,
        bucket_id,
        dir,
        batch_id,
        options,
        events: events.clone(),
        taken,
    };
    // Every file waits for its turn here, so one cancelled while waiting ends at once.
    let items: Vec<DownloadItem> = futures_util::future::join_all(
        file_ids
            .iter()
            .map(|file_id| job.run(file_id.clone(), cancel.token(file_id), &slots)),
    )
    .await;
    let count = |state| items.iter().filter(|i| i.state == state).count();
    events(DownloadEvent::Done {
        batch_id: batch_id.to_owned(),
        done: count(DownloadState::Done),
        failed: count(DownloadState::Failed),
        cancelled: count(DownloadState::Cancelled),
    });
    items
}

/// Why a file's download stopped short.
enum Stop {
    Cancelled,
    Failed(Failure),
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

    async fn run(
        &self,
        file_id: String,
        cancel: CancellationToken,
        slots: &Semaphore,
    ) -> DownloadItem {
        let mut item = DownloadItem {
            file_id: file_id.clone(),
            name: file_id.clone(),
            size: 0,
            received: 0,
            state: DownloadState::Queued,
            error: None,
            path: None,
        };
        let fetched = tokio::select! {
            permit = slots.acquire() => {
                let _permit = permit.expect("the slots are never closed");
                self.fetch(&mut item, &cancel).await
            }
            () = cancel.cancelled() => Err(Stop::Cancelled),
        };
        match fetched {
            Ok(path) => {
                item.state = DownloadState::Done;
                item.received = item.size;
                item.path = Some(path.display().to_string());
            }
            Err(Stop::Cancelled) => item.state = DownloadState::Cancelled,
            Err(Stop::Failed(failure)) => {
                item.state = DownloadState::Failed;
                item.error = Some(failure);
            }
        }
        self.emit(&item);
        item
    }

    async fn fetch(
        &self,
        item: &mut DownloadItem,
        cancel: &CancellationToken,
    ) -> Result<PathBuf, Stop> {
        let files = self.client.files(self.bucket_id);
        let file = tokio::select! {
            got = files.get(&item.file_id) => got.map_err(|e| Stop::Failed(Failure::from(e)))?,
            () = cancel.cancelled() => return Err(Stop::Cancelled),
        };
        item.name = file.name.clone();
        item.size = file.size_original;
        item.state = DownloadState::Downloading;
        self.emit(item);
        let target = self.reserve(&file.name).map_err(Stop::Failed)?;
        let partial = partial_path(&target);
        // A cancel stops the bytes wherever they are: mid-body, or waiting to continue.
        let streamed = tokio::select! {
            streamed = self.stream(item, &partial) => streamed.map_err(Stop::Failed),
            () = cancel.cancelled() => Err(Stop::Cancelled),
        };
        // A cancel that came with the last bytes still holds: nothing is given the name.
        let streamed = streamed.and_then(|()| {
            if cancel.is_cancelled() {
                Err(Stop::Cancelled)
            } else {
                Ok(())
            }
        });
        if let Err(stop) = streamed {
            if let Ok(meta) = tokio::fs::metadata(&partial).await {
                item.received = meta.len();
            }
            if let Err(e) = tokio::fs::remove_file(&partial).await {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(path = %partial.display(), error = %e, "a stopped download's part file could not be removed");
                }
            }
            self.release(&target);
            return Err(stop);
        }
        // The name may have been taken meanwhile: never replace anything.
        let final_path = if target.exists() {
            self.release(&target);
            self.reserve(&file.name).map_err(Stop::Failed)?
        } else {
            target
        };
        tokio::fs::rename(&partial, &final_path)
            .await
            .map_err(|e| Stop::Failed(write_failure(&final_path, &e)))?;
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
