//! Work on many files or tokens at once: links for many files and deleting many tokens, with
//! bounded concurrency (adaptive for creates: see [`crate::pace`]), progress, results in input
//! order and each failure in the UI's one vocabulary ([`Failure`]); a create is never retried
//! unless the server refused it with 429.

use appwrite_rest::{Client, FileToken, LinkKind};
use chrono::{DateTime, Utc};
use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::failure::Failure;
use crate::links::{format_links, fresh_share_link, links_text, share_link_for, LinksFormat};
use crate::pace::AdaptiveLimit;
use crate::tokens::{create_token_paced, Created};

/// How many reads and deletes run at once by default.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// The most requests allowed at once (creates start there and adapt to the server).
pub const MAX_CONCURRENCY: usize = crate::pace::MAX_IN_FLIGHT;

/// One file to make a link for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileRef {
    pub bucket_id: String,
    pub file_id: String,
}

impl FileRef {
    /// The files `file_ids` of one bucket, in that order.
    pub fn in_bucket(bucket_id: &str, file_ids: &[String]) -> Vec<FileRef> {
        file_ids
            .iter()
            .map(|id| FileRef::new(bucket_id, id))
            .collect()
    }

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

/// A token made for a file and its share link. Its `Debug` leaves the link out: the link holds the
/// token's secret.
#[derive(Clone)]
pub struct CreatedLink {
    pub token: FileToken,
    pub link: Url,
    /// The create's answer was lost; the token was found by listing the file's tokens.
    pub answer_lost: bool,
}

impl std::fmt::Debug for CreatedLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedLink")
            .field("token", &self.token)
            .field("link", &"<redacted>")
            .field("answer_lost", &self.answer_lost)
            .finish()
    }
}

/// The outcome for one file.
#[derive(Debug, Clone)]
pub struct BulkItem {
    pub file: FileRef,
    pub result: Result<CreatedLink, Failure>,
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

    /// The clipboard text in `format`: every link made, in input order, each named by the entry of
    /// `names` at its file's place (a missing or empty name falls back to the file's id).
    pub fn clipboard_text(&self, format: LinksFormat, names: &[String]) -> String {
        let named = self.items.iter().enumerate().filter_map(|(i, item)| {
            let made = item.result.as_ref().ok()?;
            Some((name_at(names, i, &item.file.file_id), made.link.as_str()))
        });
        format_links(format, named)
    }

    /// The files that failed, with their reasons, in input order.
    pub fn failures(&self) -> Vec<(&FileRef, &Failure)> {
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
/// 1..=[`MAX_CONCURRENCY`]): fewer while the server says it is overloaded (the number halves on
/// 429 or 503, waits out `Retry-After`, and grows back with successes; see [`crate::pace`]).
/// `progress` is called with 0 done first, then after each file. A failed create is reported,
/// not retried (only a 429, refused before the server acted, is sent again), so no file gets two
/// tokens; one whose answer was lost is looked up (see [`create_token_paced`]).
pub async fn create_links(
    client: &Client,
    files: &[FileRef],
    expire: Option<DateTime<Utc>>,
    kind: LinkKind,
    concurrency: usize,
    mut progress: impl FnMut(Progress),
) -> BulkOutcome {
    let total = files.len();
    let limit = concurrency.clamp(1, MAX_CONCURRENCY);
    let pace = AdaptiveLimit::new(limit, limit);
    progress(Progress { done: 0, total });
    let mut results: Vec<Option<Result<CreatedLink, Failure>>> = vec![None; total];
    // Owned inputs (not borrows of `files`) keep the future `Send` for any caller, e.g. a Tauri command.
    let mut running = stream::iter(files.iter().cloned().enumerate())
        .map(|(index, file)| {
            let client = client.clone();
            let pace = pace.clone();
            async move {
                let (bucket, id) = (&file.bucket_id, &file.file_id);
                let created = create_token_paced(&client, bucket, id, expire, &pace).await;
                (index, created)
            }
        })
        .buffer_unordered(limit);
    let mut done = 0;
    while let Some((index, created)) = running.next().await {
        let result = match created {
            Ok(Created { token, answer_lost }) => {
                let link = share_link_for(client.endpoint(), client.project_id(), &token, kind);
                Ok(CreatedLink {
                    token,
                    link,
                    answer_lost,
                })
            }
            Err(failure) => {
                let file = &files[index];
                tracing::debug!(bucket_id = %file.bucket_id, file_id = %file.file_id, code = failure.code, "bulk token create failed");
                Err(failure)
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

/// The entry of `names` at `i`, or `fallback` (an id) when it is missing or blank.
fn name_at<'a>(names: &'a [String], i: usize, fallback: &'a str) -> &'a str {
    names
        .get(i)
        .map(String::as_str)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(fallback)
}

/// The links of tokens already made, each token's in input order.
#[derive(Clone)]
pub struct TokenLinks {
    pub items: Vec<(String, Result<Url, Failure>)>,
}

impl std::fmt::Debug for TokenLinks {
    /// Leaves the links out: they hold the tokens' secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenLinks")
            .field("copied", &self.copied())
            .finish_non_exhaustive()
    }
}

impl TokenLinks {
    /// How many links were made.
    pub fn copied(&self) -> usize {
        self.items.iter().filter(|(_, r)| r.is_ok()).count()
    }

    /// The clipboard text in `format`, each link named by the entry of `names` at its token's
    /// place (a missing or empty name falls back to the token's id), as for a bulk run.
    pub fn clipboard_text(&self, format: LinksFormat, names: &[String]) -> String {
        let named = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, (id, result))| {
                let link = result.as_ref().ok()?;
                Some((name_at(names, i, id), link.as_str()))
            });
        format_links(format, named)
    }

    /// The tokens whose link could not be made, with why, in input order.
    pub fn failures(self) -> Vec<TokenFailure> {
        self.items
            .into_iter()
            .filter_map(|(id, result)| result.err().map(|failure| TokenFailure { id, failure }))
            .collect()
    }
}

/// Share links for tokens already made (say, a bulk run's after a retry), each built from a
/// freshly fetched secret, at most `concurrency` fetches at a time.
pub async fn token_links(
    client: &Client,
    project_id: &str,
    ids: &[String],
    kind: LinkKind,
    concurrency: usize,
) -> TokenLinks {
    let limit = concurrency.clamp(1, MAX_CONCURRENCY);
    let items = stream::iter(ids.iter().cloned())
        .map(|id| async move {
            let link = fresh_share_link(client, project_id, &id, kind)
                .await
                .map(|(link, _)| link)
                .map_err(|e| Failure::from(&e));
            (id, link)
        })
        .buffered(limit)
        .collect()
        .await;
    TokenLinks { items }
}

/// What deleting many tokens did: the ids deleted and each failure, both in input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeleteReport {
    pub deleted: Vec<String>,
    pub failures: Vec<TokenFailure>,
}

/// Why one token was not deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenFailure {
    pub id: String,
    #[serde(flatten)]
    pub failure: Failure,
}

/// Deletes tokens (their links stop working at once), at most `concurrency` at a time (clamped
/// to 1..=[`MAX_CONCURRENCY`]). A token that is already gone is reported as `not_found`.
pub async fn delete_tokens(client: &Client, ids: &[String], concurrency: usize) -> DeleteReport {
    let limit = concurrency.clamp(1, MAX_CONCURRENCY);
    let tokens = client.tokens();
    let results: Vec<(String, Result<(), appwrite_rest::Error>)> =
        stream::iter(ids.iter().cloned())
            .map(|id| {
                let tokens = tokens.clone();
                async move {
                    let result = tokens.delete(&id).await;
                    (id, result)
                }
            })
            .buffered(limit)
            .collect()
            .await;
    let mut report = DeleteReport {
        deleted: Vec::new(),
        failures: Vec::new(),
    };
    for (id, result) in results {
        match result {
            Ok(()) => report.deleted.push(id),
            Err(e) => report.failures.push(TokenFailure {
                id,
                failure: Failure::from(&e),
            }),
        }
    }
    report
}

/// A file that got a link: the token made for it, and whether the create's answer was lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedFor {
    pub file_id: String,
    pub token_id: String,
    pub answer_lost: bool,
}

/// A file that got no link, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileFailure {
    pub file_id: String,
    #[serde(flatten)]
    pub failure: Failure,
}

/// What the UI is told of a bulk run: never a secret or a link, only ids and reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BulkReport {
    pub created: Vec<CreatedFor>,
    pub failures: Vec<FileFailure>,
    /// How many links went to the clipboard, one per line.
    pub copied: usize,
}

impl BulkOutcome {
    /// The report of this run, with `copied` links on the clipboard.
    pub fn report(self, copied: usize) -> BulkReport {
        let mut report = BulkReport {
            created: Vec::new(),
            failures: Vec::new(),
            copied,
        };
        for item in self.items {
            match item.result {
                Ok(made) => report.created.push(CreatedFor {
                    file_id: item.file.file_id,
                    token_id: made.token.id,
                    answer_lost: made.answer_lost,
                }),
                Err(failure) => report.failures.push(FileFailure {
                    file_id: item.file.file_id,
                    failure,
                }),
            }
        }
        report
    }
}
