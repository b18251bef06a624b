//! Commands for a file's tokens: the whole table, create, edit expiry, delete, copy a link to the
//! clipboard, reveal a secret on request, and links for many files at once.

use appwrite_rest::ListOptions;
use bucketdesk_core::bulk::{self, FileRef};
use bucketdesk_core::view::{token_rows, TokenRow};
use bucketdesk_core::{share_link_for, ExpiryPreset, ShareKind};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::{AppState, CommandError};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenTable {
    profile_id: String,
    bucket_id: String,
    file_id: String,
    tokens: Vec<TokenRow>,
}

/// Every token of a file (not just the first page), without secrets.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn list_tokens(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_id: String,
) -> Result<TokenTable, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let tokens: Vec<_> = connection
        .client
        .tokens()
        .stream(&bucket_id, &file_id, ListOptions::new(), 100)
        .try_collect()
        .await?;
    Ok(TokenTable {
        tokens: token_rows(&tokens, Utc::now()),
        profile_id,
        bucket_id,
        file_id,
    })
}

#[derive(Debug, Serialize)]
pub struct ResolvedExpiry {
    at: Option<DateTime<Utc>>,
}

/// The date an expiry choice means now, shown live as the user picks; a past time is refused here,
/// before anything is sent.
#[tauri::command]
#[tracing::instrument(err)]
pub fn resolve_expiry(expiry: ExpiryPreset) -> Result<ResolvedExpiry, CommandError> {
    Ok(ResolvedExpiry {
        at: expiry.resolve(Utc::now())?,
    })
}

/// Creates a token for a file with the chosen expiry.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn create_token(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_id: String,
    expiry: ExpiryPreset,
) -> Result<TokenRow, CommandError> {
    let expire = expiry.resolve(Utc::now())?;
    let connection = state.connect(&profile_id).await?;
    let token = connection
        .client
        .tokens()
        .create(&bucket_id, &file_id, expire)
        .await?;
    Ok(TokenRow::new(&token, Utc::now()))
}

/// Sets (or clears, for Never) a token's expiry. Links made afterwards fetch a fresh secret.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn update_token_expiry(
    state: State<'_, AppState>,
    profile_id: String,
    token_id: String,
    expiry: ExpiryPreset,
) -> Result<TokenRow, CommandError> {
    let expire = expiry.resolve(Utc::now())?;
    let connection = state.connect(&profile_id).await?;
    let token = connection.client.tokens().update(&token_id, expire).await?;
    Ok(TokenRow::new(&token, Utc::now()))
}

#[derive(Debug, Serialize)]
pub struct TokenFailure {
    id: String,
    code: &'static str,
    message: String,
}

#[derive(Debug, Serialize)]
pub struct DeleteReport {
    deleted: Vec<String>,
    failures: Vec<TokenFailure>,
}

/// Deletes tokens (their links stop working at once). Each failure is listed with its reason.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn delete_tokens(
    state: State<'_, AppState>,
    profile_id: String,
    token_ids: Vec<String>,
) -> Result<DeleteReport, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let tokens = connection.client.tokens();
    let mut report = DeleteReport {
        deleted: Vec::new(),
        failures: Vec::new(),
    };
    for id in token_ids {
        match tokens.delete(&id).await {
            Ok(()) => report.deleted.push(id),
            Err(e) => {
                let e = CommandError::from(e);
                report.failures.push(TokenFailure {
                    id,
                    code: e.code,
                    message: e.message,
                });
            }
        }
    }
    Ok(report)
}

#[derive(Debug, Serialize)]
pub struct CopiedLink {
    kind: ShareKind,
    expire: Option<DateTime<Utc>>,
}

/// Builds a token's share link with a freshly fetched secret and puts it on the system clipboard. The
/// secret never reaches the web view; the answer only says which kind was copied and when it expires.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn copy_link(
    state: State<'_, AppState>,
    profile_id: String,
    token_id: String,
    kind: Option<ShareKind>,
) -> Result<CopiedLink, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let kind = kind.unwrap_or(connection.profile.default_link);
    let token = connection.client.tokens().get(&token_id).await?;
    let link = share_link_for(
        &connection.endpoint,
        &connection.profile.project_id,
        &token,
        kind,
    );
    state.clipboard.set_text(link.to_string())?;
    Ok(CopiedLink {
        kind,
        expire: token.expire,
    })
}

/// A token's secret, only when the user explicitly asks to see it.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn reveal_secret(
    state: State<'_, AppState>,
    profile_id: String,
    token_id: String,
) -> Result<String, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let token = connection.client.tokens().get(&token_id).await?;
    Ok(token.secret.expose().to_string())
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedToken {
    file_id: String,
    token_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileFailure {
    file_id: String,
    code: String,
    message: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkReport {
    created: Vec<CreatedToken>,
    failures: Vec<FileFailure>,
    /// How many links went to the clipboard, one per line.
    copied: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct BulkProgress {
    profile_id: String,
    done: usize,
    total: usize,
}

/// The event the UI listens to while links for many files are made.
pub const BULK_PROGRESS_EVENT: &str = "bulk-progress";

/// Creates one token (one expiry for all) per selected file with bounded concurrency, reports progress,
/// lists each failure with its reason, and copies all links to the clipboard, one per line.
#[tauri::command]
#[tracing::instrument(skip(app, state), err)]
pub async fn create_links<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_ids: Vec<String>,
    expiry: ExpiryPreset,
    kind: Option<ShareKind>,
) -> Result<BulkReport, CommandError> {
    let expire = expiry.resolve(Utc::now())?;
    let connection = state.connect(&profile_id).await?;
    let kind = kind.unwrap_or(connection.profile.default_link);
    let files: Vec<FileRef> = file_ids
        .iter()
        .map(|id| FileRef::new(&bucket_id, id))
        .collect();
    let outcome = bulk::create_links(
        &connection.client,
        &files,
        expire,
        kind,
        bulk::DEFAULT_CONCURRENCY,
        |progress| {
            let payload = BulkProgress {
                profile_id: profile_id.clone(),
                done: progress.done,
                total: progress.total,
            };
            if let Err(e) = app.emit(BULK_PROGRESS_EVENT, payload) {
                tracing::debug!(error = %e, "progress event not delivered");
            }
        },
    )
    .await;
    let copied = outcome.succeeded();
    if copied > 0 {
        state.clipboard.set_text(outcome.links_text())?;
    }
    let mut report = BulkReport {
        created: Vec::new(),
        failures: Vec::new(),
        copied,
    };
    for item in outcome.items {
        match item.result {
            Ok(created) => report.created.push(CreatedToken {
                file_id: item.file.file_id,
                token_id: created.token.id,
            }),
            Err(failure) => report.failures.push(FileFailure {
                file_id: item.file.file_id,
                code: failure.code,
                message: failure.message,
            }),
        }
    }
    Ok(report)
}
