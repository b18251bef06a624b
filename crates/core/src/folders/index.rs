//! What a connection knows about folders: whether its server has them (learnt from the first
//! answer that says, so a server without them costs at most one refused request), and one folder
//! index per bucket, walked in the background with only the `folder` attribute selected, shared
//! by everyone who asks while it runs, and dropped on a refresh or a change made through the app.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use appwrite_rest::{Client, FileFolder, Files, ListOptions, Query};
use futures_util::future::{BoxFuture, FutureExt, Shared};
use futures_util::{Stream, TryStreamExt};
use serde::Serialize;

use super::path::normalise;
use super::tree::{FolderTree, Subfolder};
use crate::Failure;

/// Page size of the index walk: the server's largest page, since a page of ids and folders is
/// small (about 60 bytes a file) and every page is a round trip.
pub const INDEX_PAGE: u64 = 5000;
/// Page size of the walk used when a server refuses `select` (whole files, about 500 bytes each).
pub const FALLBACK_PAGE: u64 = 100;

const UNKNOWN: u8 = 0;
const YES: u8 = 1;
const NO: u8 = 2;

/// Whether the server has folders: not known yet, yes, or no.
#[derive(Debug, Default)]
pub struct FolderSupport(AtomicU8);

impl FolderSupport {
    /// `None` until an answer has said.
    pub fn known(&self) -> Option<bool> {
        match self.0.load(Ordering::Relaxed) {
            UNKNOWN => None,
            YES => Some(true),
            _ => Some(false),
        }
    }

    /// Records what an answer said.
    pub fn learn(&self, supported: bool) {
        let value = if supported { YES } else { NO };
        if self.0.swap(value, Ordering::Relaxed) != value {
            tracing::debug!(supported, "the server's folder support is known");
        }
    }

    /// Whether to ask with folder queries: unless the server is known to have none.
    pub fn worth_asking(&self) -> bool {
        self.known() != Some(false)
    }

    /// Learns from files the server listed without a folder query: a server with folders sends
    /// every file's `folder`, one without never does. An empty list says nothing.
    pub fn learn_from<'a>(&self, folders: impl IntoIterator<Item = Option<&'a str>>) {
        if let Some(first) = folders.into_iter().next() {
            self.learn(first.is_some());
        }
    }
}

/// A bucket's index: its folder tree, or `None` on a server without folders.
type Index = Arc<Option<FolderTree>>;
type Walk = Shared<BoxFuture<'static, Result<Index, Failure>>>;

struct Slot {
    id: u64,
    walk: Walk,
}

type Slots = Arc<Mutex<HashMap<String, Slot>>>;

/// One connection's folder knowledge: whether its server has folders, and each bucket's index.
#[derive(Default)]
pub struct Folders {
    support: Arc<FolderSupport>,
    slots: Slots,
    next_id: AtomicU64,
}

impl std::fmt::Debug for Folders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folders")
            .field("supported", &self.support.known())
            .field("indexes", &lock(&self.slots).len())
            .finish()
    }
}

fn lock(slots: &Slots) -> std::sync::MutexGuard<'_, HashMap<String, Slot>> {
    slots.lock().unwrap_or_else(|e| e.into_inner())
}

/// A bucket's subfolders as the UI receives them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubfolderList {
    pub profile_id: String,
    pub bucket_id: String,
    /// The folder asked about, normalised (`""`: the root).
    pub folder: String,
    /// The server has folders; `false` (Appwrite 1.8.1): no folders, a flat bucket.
    pub supported: bool,
    /// Its immediate subfolders, sorted by name, each with the files in its subtree.
    pub folders: Vec<Subfolder>,
}

impl Folders {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the server has folders, as far as known.
    pub fn support(&self) -> &FolderSupport {
        &self.support
    }

    /// Forgets a bucket's index (after the app changed its files): the next ask walks again.
    pub fn invalidate(&self, bucket_id: &str) {
        if lock(&self.slots).remove(bucket_id).is_some() {
            tracing::debug!(bucket_id, "folder index dropped");
        }
    }

    /// Forgets every bucket's index.
    pub fn invalidate_all(&self) {
        lock(&self.slots).clear();
    }

    /// `folder`'s subfolders in `bucket_id`, from the bucket's index (walked now if not held;
    /// `refresh` walks it again). On a server without folders: none, and `supported: false`.
    pub async fn subfolders(
        &self,
        client: &Client,
        profile_id: String,
        bucket_id: String,
        folder: Option<&str>,
        refresh: bool,
    ) -> Result<SubfolderList, Failure> {
        let folder = normalise(folder.unwrap_or(""));
        if refresh {
            self.invalidate(&bucket_id);
        }
        let index = if self.support.worth_asking() {
            self.index(client, &bucket_id).await?
        } else {
            Arc::new(None)
        };
        let (supported, folders) = match index.as_ref() {
            Some(tree) => (true, tree.children(&folder)),
            None => (false, Vec::new()),
        };
        Ok(SubfolderList {
            profile_id,
            bucket_id,
            folder,
            supported,
            folders,
        })
    }

    /// The bucket's index walk: the one held or under way, else a new one, started at once in
    /// the background (it goes on when its asker stops waiting). A failed walk forgets itself,
    /// so the next ask tries again.
    fn index(&self, client: &Client, bucket_id: &str) -> Walk {
        let mut slots = lock(&self.slots);
        if let Some(slot) = slots.get(bucket_id) {
            return slot.walk.clone();
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let files = client.files(bucket_id);
        let support = self.support.clone();
        let held = self.slots.clone();
        let bucket = bucket_id.to_owned();
        let walk = async move {
            let started = std::time::Instant::now();
            let result = walk_index(&files, &support).await;
            match &result {
                Ok(index) => tracing::debug!(
                    bucket = %bucket,
                    folders = index.as_ref().as_ref().map_or(0, FolderTree::len),
                    took_ms = started.elapsed().as_millis() as u64,
                    "folder index walked"
                ),
                Err(failure) => {
                    tracing::warn!(bucket = %bucket, code = failure.code, "folder index walk failed");
                    let mut slots = lock(&held);
                    if slots.get(&bucket).is_some_and(|slot| slot.id == id) {
                        slots.remove(&bucket);
                    }
                }
            }
            result
        }
        .boxed()
        .shared();
        slots.insert(
            bucket_id.to_owned(),
            Slot {
                id,
                walk: walk.clone(),
            },
        );
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(walk.clone());
        }
        walk
    }
}

/// Walks a bucket's files that are in some folder, reading only their folders. A server that
/// does not know `folder` has none (learnt here too); one that refuses the select (or answers it
/// unreadably) is walked whole instead.
async fn walk_index(files: &Files, support: &FolderSupport) -> Result<Index, Failure> {
    let in_folders = ListOptions::new()
        .query(Query::not_in_folder(""))
        .total(false);
    let selected = files.stream_folders(in_folders, INDEX_PAGE);
    match tree_of(selected).await {
        Ok(tree) => {
            support.learn(true);
            Ok(Arc::new(Some(tree)))
        }
        Err(e) if e.unknown_attribute() == Some(appwrite_rest::FOLDER_ATTRIBUTE) => {
            support.learn(false);
            Ok(Arc::new(None))
        }
        Err(e) if e.api_kind() == Some("general_argument_invalid") || e.code() == "decode" => {
            tracing::info!(error = %e, "the folder walk's select was refused; walking whole files");
            plain_walk(files, support).await
        }
        Err(e) => Err(Failure::from(e)),
    }
}

/// The index from every file of the bucket, whole: for a server that refuses `select`. A first
/// file without a `folder` says the server has none, and the walk stops there.
async fn plain_walk(files: &Files, support: &FolderSupport) -> Result<Index, Failure> {
    let mut tree = FolderTree::default();
    let mut all = files.stream(ListOptions::new().total(false), FALLBACK_PAGE);
    let mut first = true;
    while let Some(file) = all.try_next().await.map_err(Failure::from)? {
        if first {
            support.learn(file.folder.is_some());
            if file.folder.is_none() {
                return Ok(Arc::new(None));
            }
            first = false;
        }
        tree.add(file.folder_path());
    }
    Ok(Arc::new(Some(tree)))
}

async fn tree_of(
    stream: impl Stream<Item = appwrite_rest::Result<FileFolder>>,
) -> appwrite_rest::Result<FolderTree> {
    stream
        .try_fold(FolderTree::default(), |mut tree, file| async move {
            tree.add(file.folder_path());
            Ok(tree)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_is_unknown_until_an_answer_says() {
        let support = FolderSupport::default();
        assert_eq!(support.known(), None);
        assert!(support.worth_asking());
        support.learn_from(std::iter::empty());
        assert_eq!(support.known(), None, "an empty list says nothing");
        support.learn_from([None, None]);
        assert_eq!(support.known(), Some(false));
        assert!(!support.worth_asking());
        support.learn_from([Some(""), Some("a/")]);
        assert_eq!(support.known(), Some(true));
    }
}
