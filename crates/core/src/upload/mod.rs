//! Upload jobs: a batch of local files (and folders, whose files keep their relative paths as
//! Appwrite folders) sent to one bucket in Rust, a few files at once, each streamed in 5 MiB
//! chunks (never read whole), checked against the bucket's limits before anything is sent, each
//! item failing on its own with a code and a message that says what to do. Items can be
//! cancelled and retried; a batch is journaled in the app's data folder, so an upload the app
//! did not finish continues at the next start from what the server has, with the same file id.
//! With "share" on, each finished file gets a token with the project's default expiry, and all
//! links go to the clipboard (through the host) when the batch is done. Everything the UI sees
//! arrives as one event shape ([`UploadEvent`]).

mod journal;
mod plan;
mod send;

pub use plan::{normalize_folder, size_text, BucketRules};

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use appwrite_rest::{Client, FileUpload, LinkKind};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::expiry::ExpiryPreset;
use crate::failure::{code_of, Failure};
use crate::links::{links_text, share_link_for};
use crate::pace::AdaptiveLimit;
use crate::tokens::create_token_paced;
use journal::{BatchHeader, ItemRecord, Journal};
use send::{FileJob, Outcome, Report};

/// Where an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UploadState {
    Queued,
    Checking,
    Uploading,
    Sharing,
    Done,
    Failed,
    Cancelled,
    /// Stopped by a broken connection or the app closing; Retry (or the next start) continues
    /// from what the server has.
    Interrupted,
}

impl UploadState {
    /// Waiting or on its way.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            UploadState::Queued
                | UploadState::Checking
                | UploadState::Uploading
                | UploadState::Sharing
        )
    }

    /// Stopped short of done: Retry applies.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            UploadState::Failed | UploadState::Cancelled | UploadState::Interrupted
        )
    }
}

/// Why an item failed: `code` to branch on, a message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl ItemError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ItemError {
            code: code.to_owned(),
            message: message.into(),
            field: None,
        }
    }
}

impl From<Failure> for ItemError {
    fn from(failure: Failure) -> Self {
        ItemError::new(failure.code, failure.message)
    }
}

/// One file of a batch, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadItem {
    pub upload_id: String,
    pub name: String,
    /// The Appwrite folder it goes to (`""`: the bucket's root).
    pub folder: String,
    pub size: u64,
    /// Bytes sent: those the server confirmed and those on their way.
    pub sent: u64,
    pub state: UploadState,
    pub error: Option<ItemError>,
    /// It continued from chunks the server already had.
    pub resumed: bool,
    /// The file's id in the bucket, fixed before the first byte is sent.
    pub file_id: String,
}

/// A batch as `upload_files` answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadBatch {
    pub batch_id: String,
    pub profile_id: String,
    pub bucket_id: String,
    pub share: bool,
    pub items: Vec<UploadItem>,
}

/// An item an earlier run left unfinished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingItem {
    #[serde(flatten)]
    pub item: UploadItem,
    pub batch_id: String,
    pub bucket_id: String,
}

/// An item changed (sent bytes, state, error); at most about ten a second per item while bytes
/// flow, every state change at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemChanged {
    pub batch_id: String,
    pub profile_id: String,
    pub bucket_id: String,
    pub item: UploadItem,
}

/// A batch has nothing left to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchDone {
    pub batch_id: String,
    pub profile_id: String,
    pub bucket_id: String,
    pub done: usize,
    /// Failed or interrupted.
    pub failed: usize,
    pub cancelled: usize,
    /// Links the host put on the clipboard, one per line (share on).
    pub links_copied: usize,
    /// The expiry of those links, as people read it ("7 days"); `None` when share is off.
    pub expiry: Option<String>,
}

/// The one event shape of upload jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadEvent {
    Progress(ItemChanged),
    Done(BatchDone),
}

/// What the app around the jobs provides: somewhere to send events, and the clipboard.
pub trait UploadHost: Send + Sync + 'static {
    fn event(&self, event: UploadEvent);
    /// Puts the links (one per line) on the clipboard.
    fn copy_links(&self, text: String) -> Result<(), Failure>;
}

/// The project a batch uploads to.
#[derive(Clone)]
pub struct Target {
    pub profile_id: String,
    pub client: Client,
    /// The kind of share link made when share is on.
    pub link_kind: LinkKind,
    /// The expiry of those links.
    pub expiry: ExpiryPreset,
}

/// How much runs at once, and how hard a chunk is tried.
#[derive(Debug, Clone, Copy)]
pub struct UploadOptions {
    pub files_at_once: usize,
    /// Requests in flight per batch at most (chunks, lookups, token creates): the pace starts
    /// here and adapts.
    pub requests_at_once: usize,
    pub chunk_tries: u32,
    pub retry_delay: Duration,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            files_at_once: 3,
            requests_at_once: 6,
            chunk_tries: 6,
            retry_delay: Duration::from_millis(300),
        }
    }
}

/// The subfolder of the app's data folder that holds the upload journal.
pub const JOURNAL_DIR: &str = "uploads";

/// How often bytes in flight are reported per item.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Every upload batch of the app.
#[derive(Clone)]
pub struct Uploads {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    host: Arc<dyn UploadHost>,
    options: UploadOptions,
    batches: Mutex<HashMap<String, Arc<Batch>>>,
    /// Profiles whose journaled batches were read back.
    loaded: Mutex<HashSet<String>>,
    /// Endpoints that refused a chunk sent out of order.
    in_order: Mutex<HashMap<String, Arc<AtomicBool>>>,
    suspended: AtomicBool,
}

struct Entry {
    item: UploadItem,
    path: PathBuf,
    confirmed: BTreeSet<u64>,
    cancel: CancellationToken,
    link: Option<Url>,
    last_emit: Option<Instant>,
    in_flight: i64,
    /// Nothing is left to resume (done, or refused before anything was sent).
    settled: bool,
}

struct BatchState {
    entries: Vec<Entry>,
    target: Option<Target>,
    running: bool,
}

struct Batch {
    header: BatchHeader,
    /// Read back from the journal: an earlier run left it unfinished.
    earlier_run: bool,
    journal: Journal,
    state: Mutex<BatchState>,
    uploads: std::sync::Weak<Inner>,
}

impl Uploads {
    /// The jobs of an app whose data folder is `data_dir` (the journal is in its
    /// [`JOURNAL_DIR`]); events and links go to `host`.
    pub fn new(data_dir: &Path, host: Arc<dyn UploadHost>, options: UploadOptions) -> Self {
        Uploads {
            inner: Arc::new(Inner {
                dir: data_dir.join(JOURNAL_DIR),
                host,
                options,
                batches: Mutex::new(HashMap::new()),
                loaded: Mutex::new(HashSet::new()),
                in_order: Mutex::new(HashMap::new()),
                suspended: AtomicBool::new(false),
            }),
        }
    }

    fn batches(&self) -> MutexGuard<'_, HashMap<String, Arc<Batch>>> {
        self.inner.batches.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a batch: the files under `paths` go to `folder` of `bucket_id` (see
    /// [`normalize_folder`]); returns at once with every item queued (or failed, for a path that
    /// cannot be read) while the work goes on in the background. Needs a Tokio runtime.
    pub fn start(
        &self,
        target: Target,
        bucket_id: &str,
        folder: &str,
        paths: &[PathBuf],
        share: bool,
    ) -> Result<UploadBatch, Failure> {
        if paths.is_empty() {
            return Err(Failure::new(
                "invalid_input",
                "Choose at least one file or folder to upload.",
            ));
        }
        let (found, unreadable) = plan::expand(paths, folder);
        let batch_id = new_batch_id();
        let header = BatchHeader {
            batch_id: batch_id.clone(),
            profile_id: target.profile_id.clone(),
            bucket_id: bucket_id.to_owned(),
            share,
        };
        let records: Vec<ItemRecord> = found
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let upload_id = format!("u{}", i + 1);
                ItemRecord {
                    file_id: file_id_for(&header, &upload_id, f),
                    upload_id,
                    path: f.path.clone(),
                    name: f.name.clone(),
                    folder: f.folder.clone(),
                    size: f.size,
                }
            })
            .collect();
        let journal = Journal::create(&self.inner.dir, &header, &records).map_err(|e| {
            Failure::new(
                "internal",
                format!(
                    "Bucketdesk could not write its upload journal in {} ({e}). Check that the folder can be written to, then upload again.",
                    self.inner.dir.display()
                ),
            )
        })?;
        let mut entries: Vec<Entry> = records
            .iter()
            .map(|r| Entry::queued(r, BTreeSet::new()))
            .collect();
        for (i, bad) in unreadable.into_iter().enumerate() {
            let name = bad
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| bad.path.display().to_string());
            let mut entry = Entry::queued(
                &ItemRecord {
                    upload_id: format!("x{}", i + 1),
                    file_id: String::new(),
                    path: bad.path.clone(),
                    name,
                    folder: normalize_folder(folder),
                    size: 0,
                },
                BTreeSet::new(),
            );
            entry.item.state = UploadState::Failed;
            entry.item.error = Some(bad.error);
            entries.push(entry);
        }
        let batch = Arc::new(Batch {
            header,
            earlier_run: false,
            journal,
            state: Mutex::new(BatchState {
                entries,
                target: Some(target),
                running: false,
            }),
            uploads: Arc::downgrade(&self.inner),
        });
        self.batches().insert(batch_id, batch.clone());
        let answer = batch.snapshot();
        batch.ensure_running();
        Ok(answer)
    }

    /// Cancels one item (`upload_id`) or every unfinished item of a batch (`None`). What the
    /// server confirmed stays there: Retry continues from it.
    pub fn cancel(&self, batch_id: &str, upload_id: Option<&str>) -> Result<(), Failure> {
        let batch = self.batch(batch_id)?;
        batch.cancel(upload_id);
        Ok(())
    }

    /// Sends again one item (`upload_id`) or every failed, cancelled or interrupted item of a
    /// batch (`None`), from what the server already has. `target` replaces the batch's project
    /// connection (needed for a batch read back from the journal). Answers the batch as it is.
    pub fn retry(
        &self,
        batch_id: &str,
        upload_id: Option<&str>,
        target: Option<Target>,
    ) -> Result<UploadBatch, Failure> {
        let batch = self.batch(batch_id)?;
        batch.retry(upload_id, target)
    }

    /// The profile a batch belongs to.
    pub fn profile_of(&self, batch_id: &str) -> Option<String> {
        if let Some(batch) = self.batches().get(batch_id) {
            return Some(batch.header.profile_id.clone());
        }
        journal::read_all(&self.inner.dir)
            .into_iter()
            .find(|b| b.header.batch_id == batch_id)
            .map(|b| b.header.profile_id)
    }

    /// The batch as it is now.
    pub fn snapshot(&self, batch_id: &str) -> Option<UploadBatch> {
        self.batches().get(batch_id).map(|b| b.snapshot())
    }

    fn batch(&self, batch_id: &str) -> Result<Arc<Batch>, Failure> {
        if let Some(batch) = self.batches().get(batch_id) {
            return Ok(batch.clone());
        }
        // A batch of an earlier run: read it back.
        for batch in journal::read_all(&self.inner.dir) {
            if batch.header.batch_id == batch_id {
                self.load_profile(&batch.header.profile_id.clone());
            }
        }
        self.batches().get(batch_id).cloned().ok_or_else(|| {
            Failure::new(
                "not_found",
                "This upload is no longer known to Bucketdesk. Upload the files again.",
            )
        })
    }

    /// Reads back the journaled batches of `profile_id` (once per run).
    fn load_profile(&self, profile_id: &str) {
        let first = self
            .inner
            .loaded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(profile_id.to_owned());
        if !first {
            return;
        }
        for read in journal::read_all(&self.inner.dir) {
            if read.header.profile_id != profile_id
                || self.batches().contains_key(&read.header.batch_id)
            {
                continue;
            }
            let entries = read
                .items
                .iter()
                .map(|item| {
                    let mut entry = Entry::queued(&item.record, item.confirmed.clone());
                    entry.item.state = item.state;
                    entry.item.error = item.error.clone();
                    if item.state == UploadState::Interrupted && entry.item.error.is_none() {
                        entry.item.error = Some(ItemError::new(
                            "interrupted",
                            "Bucketdesk closed before this upload finished. Resume continues from the part the server already has.",
                        ));
                    }
                    entry.item.sent = confirmed_bytes(&item.confirmed, item.record.size);
                    entry
                })
                .collect();
            let batch = Arc::new(Batch {
                earlier_run: true,
                journal: Journal::reopen(&self.inner.dir, &read.header.batch_id),
                header: read.header,
                state: Mutex::new(BatchState {
                    entries,
                    target: None,
                    running: false,
                }),
                uploads: Arc::downgrade(&self.inner),
            });
            self.batches().insert(batch.header.batch_id.clone(), batch);
        }
    }

    /// The items earlier runs left unfinished for `profile_id` (interrupted, failed or
    /// cancelled), with their batch and bucket; this run's own batches are not listed.
    pub fn pending(&self, profile_id: &str) -> Vec<PendingItem> {
        self.load_profile(profile_id);
        let mut batches: Vec<Arc<Batch>> = self
            .batches()
            .values()
            .filter(|b| b.header.profile_id == profile_id && b.earlier_run)
            .cloned()
            .collect();
        batches.sort_by(|a, b| a.header.batch_id.cmp(&b.header.batch_id));
        let mut pending = Vec::new();
        for batch in batches {
            let state = batch.lock();
            for entry in &state.entries {
                if entry.item.state.is_retryable() && !entry.item.file_id.is_empty() {
                    pending.push(PendingItem {
                        item: entry.item.clone(),
                        batch_id: batch.header.batch_id.clone(),
                        bucket_id: batch.header.bucket_id.clone(),
                    });
                }
            }
        }
        pending
    }

    /// Restarts every interrupted item of `profile_id` (those an earlier run left on their way)
    /// with `target`; answers the batches restarted.
    pub fn resume(&self, profile_id: &str, target: Target) -> Vec<UploadBatch> {
        self.load_profile(profile_id);
        let batches: Vec<Arc<Batch>> = self
            .batches()
            .values()
            .filter(|b| b.header.profile_id == profile_id)
            .cloned()
            .collect();
        let mut restarted = Vec::new();
        for batch in batches {
            let ids: Vec<String> = batch
                .lock()
                .entries
                .iter()
                .filter(|e| e.item.state == UploadState::Interrupted)
                .map(|e| e.item.upload_id.clone())
                .collect();
            if ids.is_empty() {
                continue;
            }
            let mut answer = None;
            for id in &ids {
                answer = batch.retry(Some(id), Some(target.clone())).ok().or(answer);
            }
            restarted.extend(answer);
        }
        restarted
    }

    /// Stops every batch as the app closes: what is on its way stays in the journal as
    /// interrupted, for the next start.
    pub fn suspend(&self) {
        self.inner.suspended.store(true, Ordering::SeqCst);
        let batches: Vec<Arc<Batch>> = self.batches().values().cloned().collect();
        for batch in batches {
            for entry in &batch.lock().entries {
                entry.cancel.cancel();
            }
        }
    }

    /// Forgets the journaled uploads of files that were deleted (nothing is left to resume).
    pub fn forget_files(&self, profile_id: &str, bucket_id: &str, file_ids: &[String]) {
        self.load_profile(profile_id);
        let batches: Vec<Arc<Batch>> = self
            .batches()
            .values()
            .filter(|b| b.header.profile_id == profile_id && b.header.bucket_id == bucket_id)
            .cloned()
            .collect();
        for batch in batches {
            batch.forget(file_ids);
        }
    }
}

impl Inner {
    fn in_order(&self, endpoint: &str) -> Arc<AtomicBool> {
        self.in_order
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(endpoint.to_owned())
            .or_default()
            .clone()
    }
}

impl Entry {
    fn queued(record: &ItemRecord, confirmed: BTreeSet<u64>) -> Entry {
        Entry {
            item: UploadItem {
                upload_id: record.upload_id.clone(),
                name: record.name.clone(),
                folder: record.folder.clone(),
                size: record.size,
                sent: 0,
                state: UploadState::Queued,
                error: None,
                resumed: false,
                file_id: record.file_id.clone(),
            },
            path: record.path.clone(),
            confirmed,
            cancel: CancellationToken::new(),
            link: None,
            last_emit: None,
            in_flight: 0,
            settled: false,
        }
    }

    fn record(&self) -> ItemRecord {
        ItemRecord {
            upload_id: self.item.upload_id.clone(),
            file_id: self.item.file_id.clone(),
            path: self.path.clone(),
            name: self.item.name.clone(),
            folder: self.item.folder.clone(),
            size: self.item.size,
        }
    }

    /// The bytes sent: the confirmed chunks' and those on their way.
    fn count_sent(&mut self) {
        let confirmed = confirmed_bytes(&self.confirmed, self.item.size);
        self.item.sent = (confirmed + self.in_flight as u64).min(self.item.size);
    }
}

/// The bytes of the chunks in `confirmed` of a file of `size` bytes.
fn confirmed_bytes(confirmed: &BTreeSet<u64>, size: u64) -> u64 {
    confirmed
        .iter()
        .map(|i| {
            let (start, end) = appwrite_rest::models::chunk_bounds(*i, size);
            end - start
        })
        .sum()
}

impl Batch {
    fn lock(&self) -> MutexGuard<'_, BatchState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn host(&self) -> Option<Arc<Inner>> {
        self.uploads.upgrade()
    }

    fn snapshot(&self) -> UploadBatch {
        let state = self.lock();
        UploadBatch {
            batch_id: self.header.batch_id.clone(),
            profile_id: self.header.profile_id.clone(),
            bucket_id: self.header.bucket_id.clone(),
            share: self.header.share,
            items: state.entries.iter().map(|e| e.item.clone()).collect(),
        }
    }

    fn emit(&self, item: UploadItem) {
        if let Some(inner) = self.host() {
            inner.host.event(UploadEvent::Progress(ItemChanged {
                batch_id: self.header.batch_id.clone(),
                profile_id: self.header.profile_id.clone(),
                bucket_id: self.header.bucket_id.clone(),
                item,
            }));
        }
    }

    /// Changes an item under the lock and tells the UI (at once when its state changed or bytes
    /// of another chunk began to flow, otherwise at most every [`PROGRESS_INTERVAL`]).
    fn update(&self, index: usize, change: impl FnOnce(&mut Entry)) {
        let item = {
            let mut state = self.lock();
            let Some(entry) = state.entries.get_mut(index) else {
                return;
            };
            let before = (entry.item.state, entry.item.error.clone());
            let chunk_before = entry.item.sent.div_ceil(appwrite_rest::CHUNK_SIZE);
            change(entry);
            // A new state, or bytes of another chunk on their way: told at once.
            let changed = before != (entry.item.state, entry.item.error.clone())
                || chunk_before != entry.item.sent.div_ceil(appwrite_rest::CHUNK_SIZE);
            let now = Instant::now();
            let due = entry
                .last_emit
                .is_none_or(|at| now.duration_since(at) >= PROGRESS_INTERVAL);
            if !(changed || due || entry.item.sent == entry.item.size) {
                return;
            }
            entry.last_emit = Some(now);
            entry.item.clone()
        };
        self.emit(item);
    }

    fn set_state(&self, index: usize, state: UploadState, error: Option<ItemError>) {
        let upload_id = self.lock().entries[index].item.upload_id.clone();
        self.journal.state(&upload_id, state, error.as_ref());
        self.lock().entries[index].settled = state == UploadState::Done;
        self.update(index, |entry| {
            entry.item.state = state;
            entry.item.error = error;
            if state == UploadState::Done {
                entry.item.sent = entry.item.size;
            }
        });
    }

    /// An item that failed with nothing to resume (refused by the bucket before anything was
    /// sent, or another file holds its id): shown failed, but the journal lets it go.
    fn set_refused(&self, index: usize, error: ItemError) {
        let upload_id = self.lock().entries[index].item.upload_id.clone();
        self.journal.state(&upload_id, UploadState::Done, None);
        self.lock().entries[index].settled = true;
        self.update(index, |entry| {
            entry.item.state = UploadState::Failed;
            entry.item.error = Some(error);
        });
    }

    fn ensure_running(self: &Arc<Self>) {
        {
            let mut state = self.lock();
            if state.running {
                return;
            }
            state.running = true;
        }
        tokio::spawn(run(self.clone()));
    }

    fn cancel(&self, upload_id: Option<&str>) {
        let mut queued = Vec::new();
        {
            let state = self.lock();
            for (index, entry) in state.entries.iter().enumerate() {
                if upload_id.is_some_and(|id| id != entry.item.upload_id) {
                    continue;
                }
                if entry.item.state.is_active() {
                    entry.cancel.cancel();
                    if entry.item.state == UploadState::Queued {
                        queued.push(index);
                    }
                }
            }
        }
        // Not started yet: cancelled at once (a started one is, once its requests stop).
        for index in queued {
            self.set_state(index, UploadState::Cancelled, None);
        }
    }

    fn retry(
        self: &Arc<Self>,
        upload_id: Option<&str>,
        target: Option<Target>,
    ) -> Result<UploadBatch, Failure> {
        let mut requeued = Vec::new();
        {
            let mut state = self.lock();
            if let Some(target) = target {
                state.target = Some(target);
            }
            if state.target.is_none() {
                return Err(Failure::new(
                    "not_connected",
                    "Open the project this upload belongs to, then retry.",
                ));
            }
            for (index, entry) in state.entries.iter_mut().enumerate() {
                if upload_id.is_some_and(|id| id != entry.item.upload_id) {
                    continue;
                }
                if entry.item.state.is_retryable() && !entry.item.file_id.is_empty() {
                    entry.cancel = CancellationToken::new();
                    requeued.push((index, entry.record()));
                }
            }
            if upload_id.is_some() && requeued.is_empty() {
                return Err(Failure::new(
                    "not_retryable",
                    "This upload is not stopped, so there is nothing to retry.",
                ));
            }
        }
        if requeued.is_empty() {
            return Ok(self.snapshot());
        }
        let records: Vec<ItemRecord> = requeued.iter().map(|(_, r)| r.clone()).collect();
        self.journal.add_items(&self.header, &records);
        for (index, _) in &requeued {
            self.set_state(*index, UploadState::Queued, None);
        }
        // The answer shows them queued, whatever the runner does next.
        let answer = self.snapshot();
        self.ensure_running();
        Ok(answer)
    }

    /// Drops stopped items whose files were deleted: nothing is left to resume.
    fn forget(&self, file_ids: &[String]) {
        let forgotten: Vec<String> = {
            let mut state = self.lock();
            let mut ids = Vec::new();
            for entry in &mut state.entries {
                if entry.item.state.is_retryable() && file_ids.contains(&entry.item.file_id) {
                    ids.push(entry.item.upload_id.clone());
                    entry.item.file_id.clear();
                }
            }
            ids
        };
        for upload_id in &forgotten {
            self.journal.state(upload_id, UploadState::Done, None);
        }
        let finished = self
            .lock()
            .entries
            .iter()
            .all(|e| e.settled || e.item.file_id.is_empty());
        if !forgotten.is_empty() && finished {
            self.journal.remove();
        }
    }

    /// The next queued item, now checking; `None` when none is queued.
    fn next_queued(&self) -> Option<usize> {
        let index = self
            .lock()
            .entries
            .iter()
            .position(|e| e.item.state == UploadState::Queued)?;
        self.update(index, |entry| entry.item.state = UploadState::Checking);
        Some(index)
    }

    /// Marks every queued item failed with `error`.
    fn fail_queued(&self, error: &ItemError) {
        let queued: Vec<usize> = self
            .lock()
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.item.state == UploadState::Queued)
            .map(|(i, _)| i)
            .collect();
        for index in queued {
            let state = if error.code == "network" {
                UploadState::Interrupted
            } else {
                UploadState::Failed
            };
            self.set_state(index, state, Some(error.clone()));
        }
    }

    /// Stops the runner when nothing is queued; answers whether it stopped, and then what the
    /// done event says and the links to copy.
    fn stop_if_idle(&self) -> Option<(BatchDone, Vec<Url>)> {
        let mut state = self.lock();
        if state
            .entries
            .iter()
            .any(|e| e.item.state == UploadState::Queued)
        {
            return None;
        }
        state.running = false;
        let count = |s: &[UploadState]| {
            state
                .entries
                .iter()
                .filter(|e| s.contains(&e.item.state))
                .count()
        };
        let done = BatchDone {
            batch_id: self.header.batch_id.clone(),
            profile_id: self.header.profile_id.clone(),
            bucket_id: self.header.bucket_id.clone(),
            done: count(&[UploadState::Done]),
            failed: count(&[UploadState::Failed, UploadState::Interrupted]),
            cancelled: count(&[UploadState::Cancelled]),
            links_copied: 0,
            expiry: None,
        };
        let links: Vec<Url> = state
            .entries
            .iter()
            .filter_map(|e| e.link.clone())
            .collect();
        let all_done = state
            .entries
            .iter()
            .all(|e| e.settled || e.item.file_id.is_empty());
        drop(state);
        if all_done {
            self.journal.remove();
        }
        Some((done, links))
    }
}

/// A batch's runner: checks the bucket, then sends the queued items a few at a time until none
/// is left, and ends with the done event (and the links on the clipboard).
async fn run(batch: Arc<Batch>) {
    let Some(inner) = batch.host() else { return };
    let options = inner.options;
    let target = batch.lock().target.clone();
    let pace = AdaptiveLimit::new(options.requests_at_once, options.requests_at_once);
    let rules = match &target {
        Some(target) => bucket_rules(target, &batch.header.bucket_id, &pace).await,
        None => Err(ItemError::new(
            "not_connected",
            "Open the project this upload belongs to, then retry.",
        )),
    };
    match (rules, target) {
        (Ok(rules), Some(target)) => {
            let rules = Arc::new(rules);
            let files = Arc::new(Semaphore::new(options.files_at_once.max(1)));
            let mut running = tokio::task::JoinSet::new();
            loop {
                let permit = files.clone().acquire_owned().await.expect("never closed");
                match batch.next_queued() {
                    Some(index) => {
                        let job = send_item(
                            batch.clone(),
                            index,
                            target.clone(),
                            rules.clone(),
                            pace.clone(),
                        );
                        running.spawn(async move {
                            job.await;
                            drop(permit);
                        });
                    }
                    None => {
                        drop(permit);
                        if running.join_next().await.is_some() {
                            continue;
                        }
                        if let Some(done) = batch.stop_if_idle() {
                            finish(&batch, &inner, &target, done);
                            return;
                        }
                    }
                }
            }
        }
        (Err(error), target) => {
            batch.fail_queued(&error);
            if let Some(done) = batch.stop_if_idle() {
                if let Some(target) = target {
                    finish(&batch, &inner, &target, done);
                } else {
                    inner.host.event(UploadEvent::Done(done.0));
                }
            }
        }
        (Ok(_), None) => unreachable!("rules come only with a target"),
    }
}

/// The done event, after the links (share on) went to the clipboard.
fn finish(batch: &Batch, inner: &Inner, target: &Target, (mut done, links): (BatchDone, Vec<Url>)) {
    if batch.header.share {
        done.expiry = Some(target.expiry.label());
        if !links.is_empty() {
            match inner.host.copy_links(links_text(&links)) {
                Ok(()) => done.links_copied = links.len(),
                Err(failure) => {
                    tracing::warn!(
                        code = failure.code,
                        "the links could not be put on the clipboard"
                    )
                }
            }
        }
    }
    inner.host.event(UploadEvent::Done(done));
}

/// The bucket's rules, read once per run.
async fn bucket_rules(
    target: &Target,
    bucket_id: &str,
    pace: &Arc<AdaptiveLimit>,
) -> Result<BucketRules, ItemError> {
    let mut tries: u32 = 0;
    loop {
        tries += 1;
        let permit = pace.acquire().await;
        match target.client.buckets().get(bucket_id).await {
            Ok(bucket) => {
                permit.success();
                return Ok(BucketRules::from(&bucket));
            }
            Err(e) if crate::pace::is_overload(&e) && tries < 4 => {
                permit.overloaded(e.retry_after())
            }
            Err(e) if e.is_retryable() && tries < 4 => {
                drop(permit);
                tokio::time::sleep(Duration::from_millis(200) * tries).await;
            }
            Err(e) => return Err(bucket_error(&e)),
        }
    }
}

fn bucket_error(error: &appwrite_rest::Error) -> ItemError {
    if error.missing_scope().is_some() {
        return ItemError::new("missing_scope", error.to_string());
    }
    if error.is_not_found() {
        return ItemError::new(
            "not_found",
            "This bucket is no longer there. Refresh the bucket list and choose another one.",
        );
    }
    upload_error(error, "", 0, None)
}

/// Sends one item: the bucket's limits first, then its chunks, then (share on) its link.
async fn send_item(
    batch: Arc<Batch>,
    index: usize,
    target: Target,
    rules: Arc<BucketRules>,
    pace: Arc<AdaptiveLimit>,
) {
    let Some(inner) = batch.host() else { return };
    let (record, confirmed, cancel) = {
        let state = batch.lock();
        let entry = &state.entries[index];
        (
            entry.record(),
            entry.confirmed.clone(),
            entry.cancel.clone(),
        )
    };
    if cancel.is_cancelled() {
        batch.set_state(index, stopped_state(&inner), None);
        return;
    }
    if let Some(refusal) = rules.refusal(&record.name, record.size) {
        batch.set_refused(index, refusal);
        return;
    }
    batch.set_state(index, UploadState::Uploading, None);
    let upload = FileUpload::from_path(&record.file_id, &record.name, &record.path)
        .folder(record.folder.clone());
    let job = FileJob {
        files: target.client.files(batch.header.bucket_id.as_str()),
        upload,
        size: record.size,
        confirmed,
        pace: pace.clone(),
        cancel: cancel.clone(),
        tries: inner.options.chunk_tries,
        retry_delay: inner.options.retry_delay,
        in_order: inner.in_order(target.client.endpoint().as_str()),
        report: Arc::new(ItemReport {
            batch: batch.clone(),
            index,
        }),
    };
    let outcome = job.run().await;
    match outcome {
        Outcome::Uploaded { resumed } => {
            batch.update(index, |entry| entry.item.resumed |= resumed);
            if batch.header.share {
                share(&batch, index, &target, &record, &pace, &cancel, &inner).await;
            } else {
                batch.set_state(index, UploadState::Done, None);
            }
        }
        Outcome::Cancelled => batch.set_state(index, stopped_state(&inner), None),
        Outcome::Conflict(file) => {
            let error = ItemError::new(
                "conflict",
                format!(
                    "The bucket already has a different file with this upload's id ({}, {}). Delete it, or upload {} again as a new upload.",
                    file.name,
                    size_text(file.size_original),
                    record.name
                ),
            );
            batch.set_refused(index, error);
        }
        Outcome::Failed(error) => {
            let sent = batch.lock().entries[index].item.sent;
            let item_error = upload_error(&error, &record.name, record.size, Some((&rules, sent)));
            let state = if item_error.code == "network" {
                UploadState::Interrupted
            } else {
                UploadState::Failed
            };
            batch.set_state(index, state, Some(item_error));
        }
    }
}

/// A stopped item is cancelled, or interrupted when the app is closing.
fn stopped_state(inner: &Inner) -> UploadState {
    if inner.suspended.load(Ordering::SeqCst) {
        UploadState::Interrupted
    } else {
        UploadState::Cancelled
    }
}

/// Makes the finished file's link: a token with the project's default expiry.
async fn share(
    batch: &Batch,
    index: usize,
    target: &Target,
    record: &ItemRecord,
    pace: &Arc<AdaptiveLimit>,
    cancel: &CancellationToken,
    inner: &Inner,
) {
    batch.set_state(index, UploadState::Sharing, None);
    let expire = match target.expiry.resolve(Utc::now()) {
        Ok(expire) => expire,
        Err(e) => {
            let error = ItemError::new(e.code(), format!("Uploaded, but no link was made: {e}."));
            batch.set_state(index, UploadState::Failed, Some(error));
            return;
        }
    };
    let bucket = batch.header.bucket_id.as_str();
    let created = tokio::select! {
        created = create_token_paced(&target.client, bucket, &record.file_id, expire, pace) => created,
        _ = cancel.cancelled() => {
            batch.set_state(index, stopped_state(inner), None);
            return;
        }
    };
    match created {
        Ok(created) => {
            let client = &target.client;
            let link = share_link_for(
                client.endpoint(),
                client.project_id(),
                &created.token,
                target.link_kind,
            );
            batch.lock().entries[index].link = Some(link);
            batch.set_state(index, UploadState::Done, None);
        }
        Err(failure) => {
            let error = ItemError::new(
                failure.code,
                format!(
                    "{} was uploaded, but no link was made: {} Retry makes the link.",
                    record.name, failure.message
                ),
            );
            batch.set_state(index, UploadState::Failed, Some(error));
        }
    }
}

/// Reports a file's bytes and chunks to its item.
struct ItemReport {
    batch: Arc<Batch>,
    index: usize,
}

impl Report for ItemReport {
    fn bytes(&self, delta: i64) {
        self.batch.update(self.index, |entry| {
            entry.in_flight = (entry.in_flight + delta).max(0);
            entry.count_sent();
        });
    }

    fn confirmed(&self, index: u64, handed: u64) {
        // Kept in the journal before anyone is told, as the server already holds it.
        let upload_id = self.batch.lock().entries[self.index].item.upload_id.clone();
        self.batch.journal.chunk(&upload_id, index);
        self.batch.update(self.index, |entry| {
            entry.confirmed.insert(index);
            entry.in_flight = (entry.in_flight - handed as i64).max(0);
            entry.count_sent();
        });
    }

    fn resumed(&self, have: &BTreeSet<u64>) {
        self.batch.update(self.index, |entry| {
            entry.confirmed = have.clone();
            entry.item.resumed = true;
            entry.item.sent = confirmed_bytes(have, entry.item.size);
        });
    }
}

/// The item error for a failed upload request, in the words of what to do: the bucket's limit
/// when the server found the file too big, the allowed extensions, the missing scope, a broken
/// connection (Retry continues), or the server's own message.
fn upload_error(
    error: &appwrite_rest::Error,
    name: &str,
    size: u64,
    bucket: Option<(&BucketRules, u64)>,
) -> ItemError {
    let said = error.to_string();
    match error.api_kind() {
        Some("storage_invalid_file_size") => {
            let mut e = match bucket {
                Some((rules, _)) => {
                    plan::too_large(name, size, &rules.name, rules.maximum_file_size)
                }
                None => ItemError::new("too_large", String::new()),
            };
            e.message = format!("Appwrite refused {name} as too big. {} ({said})", e.message);
            return e;
        }
        Some("storage_file_type_unsupported") => {
            let mut e = match bucket {
                Some((rules, _)) => {
                    plan::extension_not_allowed(name, &rules.name, &rules.allowed_file_extensions)
                }
                None => ItemError::new("extension_not_allowed", String::new()),
            };
            e.message = format!("Appwrite refused {name}'s type. {} ({said})", e.message);
            return e;
        }
        _ => {}
    }
    if let Some(scopes) = error.missing_scope() {
        let needs = if scopes.is_empty() {
            "files.write".to_owned()
        } else {
            scopes.join(", ")
        };
        return ItemError::new(
            "missing_scope",
            format!(
                "The API key lacks {needs}, which uploading needs. Add it to the key's scopes in the Appwrite console (your project > Overview > Integrations > API keys), then retry."
            ),
        );
    }
    match error.code() {
        "network" | "timeout" => {
            let kept = match bucket {
                Some((_, sent)) if sent > 0 => {
                    format!(" from the {} the server already has", size_text(sent))
                }
                _ => String::new(),
            };
            ItemError::new(
                "network",
                format!("The connection to the server broke ({said}). Retry continues{kept}."),
            )
        }
        "io" => ItemError::new("unreadable", said),
        _ => ItemError::new(code_of(error), said),
    }
}

/// A new batch id: 12 random hex digits.
fn new_batch_id() -> String {
    format!("{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff)
}

/// The file id of an item, fixed before anything is sent and the same on every retry and at
/// every restart: derived from the batch, the item and the file (path, size, modification
/// time). 20 hex digits, like the ids Appwrite makes.
fn file_id_for(header: &BatchHeader, upload_id: &str, found: &plan::Found) -> String {
    let mut hash = Sha256::new();
    for part in [
        header.profile_id.as_bytes(),
        header.bucket_id.as_bytes(),
        header.batch_id.as_bytes(),
        upload_id.as_bytes(),
        found.path.as_os_str().as_encoded_bytes(),
        found.size.to_string().as_bytes(),
        found.modified.to_string().as_bytes(),
    ] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    hash.finalize()[..10]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_ids_are_fixed_per_item_and_valid_appwrite_ids() {
        let header = BatchHeader {
            batch_id: "b".into(),
            profile_id: "p".into(),
            bucket_id: "docs".into(),
            share: false,
        };
        let found = plan::Found {
            path: "/tmp/a.txt".into(),
            name: "a.txt".into(),
            folder: String::new(),
            size: 3,
            modified: 7,
        };
        let id = file_id_for(&header, "u1", &found);
        assert_eq!(id, file_id_for(&header, "u1", &found));
        assert_ne!(id, file_id_for(&header, "u2", &found));
        assert_eq!(id.len(), 20);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn items_reach_the_ui_in_the_contracts_shape() {
        let item = UploadItem {
            upload_id: "u1".into(),
            name: "a.pdf".into(),
            folder: "2026/".into(),
            size: 10,
            sent: 5,
            state: UploadState::Interrupted,
            error: Some(ItemError::new("network", "broke")),
            resumed: true,
            file_id: "f".into(),
        };
        assert_eq!(
            serde_json::to_value(&item).unwrap(),
            serde_json::json!({"uploadId": "u1", "name": "a.pdf", "folder": "2026/", "size": 10,
                "sent": 5, "state": "interrupted", "error": {"code": "network", "message": "broke",
                "field": null}, "resumed": true, "fileId": "f"})
        );
    }
}
