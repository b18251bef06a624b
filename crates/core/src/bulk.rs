//! Creating tokens and share links for many files at once: bounded concurrency, progress, per-file failures with their reason, results in input order, never a retried create.

use appwrite_rest::{Client, FileToken, LinkKind};
use chrono::{DateTime, Utc};
use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::links::{links_text, share_link_for};

/// How many creates run at once by default.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// The most creates allowed at once.
pub const MAX_CONCURRENCY: usize = 16;

/// One file to make a link for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileRef {
    pub bucket_id: String,
    pub file_id: String,
}

impl FileRef {
    pub fn new(bucket_id: impl Into<String>, file_id: impl Into<String>) -> Self {
        FileRef {
            bucket_id: bucket_id.into(),
            file_id: file_id.into(),
        }
    }
}

/// How far a bulk run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Why one file got no link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkFailure {
    /// The client error's code (`api`, `network`, `timeout`, …).
    pub code: String,
    /// Appwrite's error type for API errors (`storage_file_not_found`, …).
    pub api_kind: Option<String>,
    /// HTTP status, when the server answered.
    pub status: Option<u16>,
    pub message: String,
}

impl From<&appwrite_rest::Error> for BulkFailure {
    fn from(err: &appwrite_rest::Error) -> Self {
        BulkFailure {
            code: err.code().to_owned(),
            api_kind: err.api_kind().map(str::to_owned),
            status: err.status(),
            message: err.to_string(),
        }
    }
}

/// A token made for a file and its share link.
#[derive(Debug, Clone)]
pub struct CreatedLink {
    pub token: FileToken,
    pub link: Url,
}

/// The outcome for one file.
#[derive(Debug, Clone)]
pub struct BulkItem {
    pub file: FileRef,
    pub result: Result<CreatedLink, BulkFailure>,
}

/// Every file's outcome, in the order the files were given.
#[derive(Debug, Clone)]
pub struct BulkOutcome {
    pub items: Vec<BulkItem>,
}

impl BulkOutcome {
    /// The links made, in input order.
    pub fn links(&self) -> Vec<&Url> {
        self.items
            .iter()
            .filter_map(|i| i.result.as_ref().ok().map(|c| &c.link))
            .collect()
    }

    /// The clipboard text: every link made, one per line.
    pub fn links_text(&self) -> String {
        links_text(self.links())
    }

    /// The files that failed, with their reasons, in input order.
    pub fn failures(&self) -> Vec<(&FileRef, &BulkFailure)> {
        self.items
            .iter()
            .filter_map(|i| i.result.as_ref().err().map(|f| (&i.file, f)))
            .collect()
    }

    /// How many files got a link.
    pub fn succeeded(&self) -> usize {
        self.items.iter().filter(|i| i.result.is_ok()).count()
    }
}

/// Creates one token per file (all expiring at `expire`, `None` = never) and builds a `kind`
/// link for each, running at most `concurrency` creates at once (clamped to
/// 1..=[`MAX_CONCURRENCY`]). `progress` is called with 0 done first, then after each file. A
/// failed create is reported, never retried, so no file gets two tokens.
pub async fn create_links(
    client: &Client,
    files: &[FileRef],
    expire: Option<DateTime<Utc>>,
    kind: impl Into<LinkKind>,
    concurrency: usize,
    mut progress: impl FnMut(Progress),
) -> BulkOutcome {
    let kind = kind.into();
    let total = files.len();
    let limit = concurrency.clamp(1, MAX_CONCURRENCY);
    progress(Progress { done: 0, total });
    let tokens = client.tokens();
    let mut results: Vec<Option<Result<CreatedLink, BulkFailure>>> = vec![None; total];
    // Owned inputs (not borrows of `files`) keep the future `Send` for any caller, e.g. a Tauri command.
    let mut running = stream::iter(files.iter().cloned().enumerate())
        .map(|(index, file)| {
            let tokens = tokens.clone();
            async move {
                let created = tokens.create(&file.bucket_id, &file.file_id, expire).await;
                (index, created)
            }
        })
        .buffer_unordered(limit);
    let mut done = 0;
    while let Some((index, created)) = running.next().await {
        let result = match created {
            Ok(token) => {
                let link = share_link_for(client.endpoint(), client.project_id(), &token, kind);
                Ok(CreatedLink { token, link })
            }
            Err(err) => {
                let file = &files[index];
                tracing::debug!(bucket_id = %file.bucket_id, file_id = %file.file_id, error = %err, "bulk token create failed");
                Err(BulkFailure::from(&err))
            }
        };
        results[index] = Some(result);
        done += 1;
        progress(Progress { done, total });
    }
    let items = files
        .iter()
        .cloned()
        .zip(results)
        .map(|(file, result)| BulkItem {
            file,
            result: result.expect("every file has a result"),
        })
        .collect();
    BulkOutcome { items }
}
