//! Sending one file: resumed from the chunks the server has, the first chunk alone (it makes the
//! file), the later ones several at once while the server takes them out of order (one at a
//! time, in order, once it refuses), each chunk sent again after a dropped connection, a 429 or a
//! 503 (the file id is fixed, so the server never makes a second file), and a cancel that stops
//! a chunk mid-body so the server never keeps half of what it was sent.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use appwrite_rest::models::chunk_count;
use appwrite_rest::{File, FileUpload, Files};
use futures_util::stream::{self, StreamExt};
use tokio_util::sync::CancellationToken;

use crate::pace::{is_overload, AdaptiveLimit};

/// What the sender tells its batch as it goes.
pub(super) trait Report: Send + Sync + 'static {
    /// Bytes handed to the connection (positive) or given back after a failed try (negative).
    fn bytes(&self, delta: i64);
    /// The server confirmed chunk `index`; the `handed` bytes reported for it are no longer on
    /// their way but confirmed (one change, so progress never goes back).
    fn confirmed(&self, index: u64, handed: u64);
    /// The upload continues from the chunks in `have`, which the server already holds.
    fn resumed(&self, have: &BTreeSet<u64>);
}

/// How one file is sent.
pub(super) struct FileJob {
    pub files: Files,
    pub upload: FileUpload,
    pub size: u64,
    /// The chunks the journal says the server confirmed.
    pub confirmed: BTreeSet<u64>,
    pub pace: Arc<AdaptiveLimit>,
    pub cancel: CancellationToken,
    /// Tries per chunk (the first one included).
    pub tries: u32,
    /// The first wait before a chunk is sent again after a broken connection (doubling).
    pub retry_delay: Duration,
    /// Set once this server refused a chunk sent out of order: send one at a time, in order.
    pub in_order: Arc<AtomicBool>,
    pub report: Arc<dyn Report>,
}

/// How sending a file ended.
#[derive(Debug)]
pub(super) enum Outcome {
    /// The server has the whole file; `resumed` when it already had part of it.
    Uploaded {
        resumed: bool,
    },
    Cancelled,
    /// A file with this id, but other content, is already in the bucket.
    Conflict(File),
    Failed(appwrite_rest::Error),
}

enum ChunkError {
    Cancelled,
    Failed(appwrite_rest::Error),
}

impl FileJob {
    pub(super) async fn run(self) -> Outcome {
        let total = chunk_count(self.size);
        let mut resumed = false;
        let mut have = BTreeSet::new();
        if total > 1 || !self.confirmed.is_empty() {
            match self.server_state().await {
                Err(ChunkError::Cancelled) => return Outcome::Cancelled,
                Err(ChunkError::Failed(e)) => return Outcome::Failed(e),
                Ok(None) => {}
                Ok(Some(existing)) => {
                    if existing.size_original != self.size || existing.chunks_total != total {
                        return Outcome::Conflict(existing);
                    }
                    if existing.is_complete() {
                        return Outcome::Uploaded { resumed: true };
                    }
                    have = self.chunks_held(existing.chunks_uploaded);
                    if !have.is_empty() {
                        resumed = true;
                        self.report.resumed(&have);
                    }
                }
            }
        }
        let result = self.send_missing(total, &have).await;
        match result {
            Ok(true) => Outcome::Uploaded { resumed },
            // Every chunk went in but no answer showed the file whole: ask the server.
            Ok(false) => match self.server_state().await {
                Ok(Some(file)) if file.is_complete() && file.size_original == self.size => {
                    Outcome::Uploaded { resumed }
                }
                Ok(Some(file)) => Outcome::Conflict(file),
                Ok(None) => Outcome::Failed(appwrite_rest::Error::Api {
                    status: 404,
                    kind: "storage_file_not_found".into(),
                    message: "The file was removed while it was being uploaded.".into(),
                }),
                Err(ChunkError::Cancelled) => Outcome::Cancelled,
                Err(ChunkError::Failed(e)) => Outcome::Failed(e),
            },
            Err(ChunkError::Cancelled) => Outcome::Cancelled,
            // A single request whose answer was lost, sent again: the file is already whole.
            Err(ChunkError::Failed(e)) if e.status() == Some(409) => {
                match self.server_state().await {
                    Ok(Some(file)) if file.is_complete() && file.size_original == self.size => {
                        Outcome::Uploaded { resumed: true }
                    }
                    Ok(Some(file)) => Outcome::Conflict(file),
                    _ => Outcome::Failed(e),
                }
            }
            Err(ChunkError::Failed(e)) => Outcome::Failed(e),
        }
    }

    /// The chunks the server holds, given that it counts `uploaded`: the ones the journal saw
    /// confirmed when the counts agree; the first `uploaded` when the journal saw none (chunks
    /// sent in order, as every SDK does); otherwise the confirmed ones (a chunk whose answer never
    /// came is sent again: it was never confirmed as uploaded).
    fn chunks_held(&self, uploaded: u64) -> BTreeSet<u64> {
        if self.confirmed.len() as u64 == uploaded {
            self.confirmed.clone()
        } else if self.confirmed.is_empty() {
            (0..uploaded).collect()
        } else {
            self.confirmed.clone()
        }
    }

    /// The file as the server has it, or `None` when it has none with this id.
    async fn server_state(&self) -> Result<Option<File>, ChunkError> {
        let mut tries = 0;
        loop {
            tries += 1;
            if self.cancel.is_cancelled() {
                return Err(ChunkError::Cancelled);
            }
            let permit = self.pace.acquire().await;
            let got = tokio::select! {
                got = self.files.get(&self.upload.file_id) => got,
                _ = self.cancel.cancelled() => return Err(ChunkError::Cancelled),
            };
            match got {
                Ok(file) => {
                    permit.success();
                    return Ok(Some(file));
                }
                Err(e) if e.is_not_found() => {
                    permit.success();
                    return Ok(None);
                }
                Err(e) => {
                    self.after_failure(permit, &e, tries).await?;
                    if tries >= self.tries {
                        return Err(ChunkError::Failed(e));
                    }
                }
            }
        }
    }

    /// Sends every chunk not in `have`; `true` when an answer showed the file whole.
    async fn send_missing(&self, total: u64, have: &BTreeSet<u64>) -> Result<bool, ChunkError> {
        let mut whole = false;
        let mut missing: Vec<u64> = (0..total).filter(|i| !have.contains(i)).collect();
        if missing.first() == Some(&0) {
            // The first chunk makes the file: alone, before any other.
            whole |= self.send_chunk(0).await?.is_complete();
            missing.remove(0);
        }
        if missing.len() > 1 && !self.in_order.load(Ordering::Relaxed) {
            let refused = Arc::new(std::sync::Mutex::new(Vec::new()));
            let mut sends = stream::iter(missing.clone())
                .map(|index| {
                    let refused = refused.clone();
                    async move {
                        match self.send_chunk(index).await {
                            Err(ChunkError::Failed(e)) if refused_out_of_order(&e) => {
                                refused
                                    .lock()
                                    .unwrap_or_else(|p| p.into_inner())
                                    .push(index);
                                Ok((index, false))
                            }
                            Ok(file) => Ok((index, file.is_complete())),
                            Err(e) => Err(e),
                        }
                    }
                })
                .buffer_unordered(self.pace.max());
            let mut sent = BTreeSet::new();
            while let Some(done) = sends.next().await {
                let (index, complete) = done?;
                whole |= complete;
                sent.insert(index);
            }
            drop(sends);
            let refused = std::mem::take(&mut *refused.lock().unwrap_or_else(|p| p.into_inner()));
            if refused.is_empty() {
                return Ok(whole);
            }
            tracing::info!(
                file_id = %self.upload.file_id,
                "the server refused chunks sent out of order; sending one at a time from here on"
            );
            self.in_order.store(true, Ordering::Relaxed);
            let refused: BTreeSet<u64> = refused.into_iter().collect();
            missing.retain(|i| refused.contains(i) || !sent.contains(i));
        }
        for index in missing {
            whole = self.send_chunk(index).await?.is_complete();
        }
        Ok(whole)
    }

    /// Sends one chunk, again after a broken connection or an overloaded server, at most
    /// `tries` times; waits for a place among the requests in flight first.
    async fn send_chunk(&self, index: u64) -> Result<File, ChunkError> {
        let mut tries = 0;
        loop {
            tries += 1;
            if self.cancel.is_cancelled() {
                return Err(ChunkError::Cancelled);
            }
            let permit = tokio::select! {
                permit = self.pace.acquire() => permit,
                _ = self.cancel.cancelled() => return Err(ChunkError::Cancelled),
            };
            let handed = Arc::new(AtomicU64::new(0));
            let on_bytes = {
                let (handed, report, cancel) =
                    (handed.clone(), self.report.clone(), self.cancel.clone());
                move |n: u64| {
                    if cancel.is_cancelled() {
                        return false;
                    }
                    handed.fetch_add(n, Ordering::Relaxed);
                    report.bytes(n as i64);
                    // Cancelled on seeing these bytes: they never leave, nor does the rest.
                    !cancel.is_cancelled()
                }
            };
            let sent = tokio::select! {
                sent = self.files.send_chunk(&self.upload, self.size, index, on_bytes) => sent,
                _ = self.cancel.cancelled() => Err(appwrite_rest::Error::Network {
                    message: "cancelled".into(),
                    source: None,
                }),
            };
            let handed = handed.load(Ordering::Relaxed);
            if self.cancel.is_cancelled() {
                self.report.bytes(-(handed as i64));
                return Err(ChunkError::Cancelled);
            }
            match sent {
                Ok(file) => {
                    permit.success();
                    // Its bytes go from "on their way" to "confirmed" in one step: taken off
                    // first, the file's progress would go back by a chunk and up again.
                    self.report.confirmed(index, handed);
                    return Ok(file);
                }
                Err(e) => {
                    self.report.bytes(-(handed as i64));
                    self.after_failure(permit, &e, tries).await?;
                    if tries >= self.tries || !worth_another_try(&e) {
                        return Err(ChunkError::Failed(e));
                    }
                    tracing::debug!(file_id = %self.upload.file_id, index, tries, error = %e, "chunk failed; sending it again");
                }
            }
        }
    }

    /// Tells the pace how a failed request went and waits before the next try of one that broke
    /// off (an overloaded server's pause is kept by the pace itself).
    async fn after_failure(
        &self,
        permit: crate::pace::Permit,
        error: &appwrite_rest::Error,
        tries: u32,
    ) -> Result<(), ChunkError> {
        if is_overload(error) {
            permit.overloaded(error.retry_after());
            return Ok(());
        }
        drop(permit);
        if worth_another_try(error) && tries < self.tries {
            let wait = self.retry_delay * 2u32.saturating_pow(tries.saturating_sub(1).min(6));
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.cancel.cancelled() => return Err(ChunkError::Cancelled),
            }
        }
        Ok(())
    }
}

/// A chunk worth sending again: the connection broke or timed out, or the server was overloaded
/// or briefly unavailable. Sending a chunk again is safe: the file id is fixed and the server
/// keeps each chunk once.
fn worth_another_try(error: &appwrite_rest::Error) -> bool {
    error.is_retryable()
}

/// How a server that only takes chunks in order refuses a later one sent before its turn: a 400
/// about the range or the arguments, or a 500 (a server that cannot place it).
fn refused_out_of_order(error: &appwrite_rest::Error) -> bool {
    match (error.status(), error.api_kind()) {
        (Some(400), Some(kind)) => matches!(
            kind,
            "storage_invalid_content_range"
                | "general_argument_invalid"
                | "storage_invalid_appwrite_id"
        ),
        (Some(500), _) => true,
        _ => false,
    }
}
