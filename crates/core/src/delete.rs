//! Deleting files: first what each one's deletion takes with it (how many tokens it has, whose
//! links stop working), then the deletes, a few at a time, each failure with its reason. The API
//! key needs `files.write`.

use appwrite_rest::{Client, ListOptions};
use futures_util::stream::{self, StreamExt};
use serde::Serialize;

use crate::bulk::DEFAULT_CONCURRENCY;
use crate::failure::Failure;

/// A file about to be deleted, as the confirmation names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteSummary {
    pub file_id: String,
    pub name: String,
    /// Its tokens: their links stop working with the file.
    pub tokens: u64,
}

/// A file that was not deleted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteFailure {
    pub file_id: String,
    #[serde(flatten)]
    pub failure: Failure,
}

/// What deleting files did, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeleteOutcome {
    pub deleted: Vec<String>,
    pub failed: Vec<DeleteFailure>,
}

/// Each file's name and token count, in the order given (a file that can't be read is named by
/// its id and counted as having none; the delete then says why).
pub async fn summary(client: &Client, bucket_id: &str, file_ids: &[String]) -> Vec<DeleteSummary> {
    stream::iter(file_ids.iter().cloned())
        .map(|file_id| async move {
            let name = client
                .files(bucket_id)
                .get(&file_id)
                .await
                .map(|f| f.name)
                .unwrap_or_else(|_| file_id.clone());
            let tokens = client
                .tokens()
                .list(bucket_id, &file_id, &ListOptions::new().limit(1))
                .await
                .map(|page| page.total)
                .unwrap_or(0);
            DeleteSummary {
                file_id,
                name,
                tokens,
            }
        })
        .buffered(DEFAULT_CONCURRENCY)
        .collect()
        .await
}

/// Deletes the files; one already gone counts as deleted (what the user asked for is true).
pub async fn delete_files(client: &Client, bucket_id: &str, file_ids: &[String]) -> DeleteOutcome {
    let results: Vec<(String, Result<(), appwrite_rest::Error>)> =
        stream::iter(file_ids.iter().cloned())
            .map(|file_id| async move {
                let result = client.files(bucket_id).delete(&file_id).await;
                (file_id, result)
            })
            .buffered(DEFAULT_CONCURRENCY)
            .collect()
            .await;
    let mut outcome = DeleteOutcome {
        deleted: Vec::new(),
        failed: Vec::new(),
    };
    for (file_id, result) in results {
        match result {
            Ok(()) => outcome.deleted.push(file_id),
            Err(e) if e.api_kind() == Some("storage_file_not_found") => {
                outcome.deleted.push(file_id)
            }
            Err(e) => {
                let mut failure = Failure::from(&e);
                if failure.code == "missing_scope" {
                    failure.message = format!(
                        "The API key lacks files.write, which deleting files needs. Add it to the key's scopes in the Appwrite console (your project > Overview > Integrations > API keys), then try again. ({})",
                        e
                    );
                }
                outcome.failed.push(DeleteFailure { file_id, failure })
            }
        }
    }
    outcome
}
