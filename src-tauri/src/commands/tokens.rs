//! Commands for a file's tokens: the whole table, create, edit expiry, delete, copy a link or a
//! secret to the clipboard, and links for many files at once.

use appwrite_rest::ListOptions;
use bucketdesk_core::bulk::{self, BulkReport, DeleteReport, FileRef};
use bucketdesk_core::links::{fresh_share_link, LinksFormat};
use bucketdesk_core::tokens::{create_token as create, CreatedRow};
use bucketdesk_core::view::{token_rows, TokenRow};
use bucketdesk_core::{ExpiryPreset, LinkKind};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::{AppState, CommandError, LinkOpener};

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
    let stream = connection
        .client
        .tokens()
        .stream(&bucket_id, &file_id, ListOptions::new(), 100);
    let tokens: Vec<_> = stream.try_collect().await?;
    let tokens = token_rows(&tokens, Utc::now());
    Ok(TokenTable {
        profile_id,
        bucket_id,
        file_id,
        tokens,
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

/// Creates a token for a file with the chosen expiry. A create whose answer was lost comes back as
/// the token the server made, marked `answerLost`, so no live link goes unseen.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn create_token(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_id: String,
    expiry: ExpiryPreset,
) -> Result<CreatedRow, CommandError> {
    let expire = expiry.resolve(Utc::now())?;
    let connection = state.connect(&profile_id).await?;
    let created = create(&connection.client, &bucket_id, &file_id, expire).await?;
    Ok(CreatedRow::new(&created, Utc::now()))
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

/// Deletes tokens (their links stop working at once). Each failure is listed with its reason.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn delete_tokens(
    state: State<'_, AppState>,
    profile_id: String,
    token_ids: Vec<String>,
) -> Result<DeleteReport, CommandError> {
    let connection = state.connect(&profile_id).await?;
    Ok(bulk::delete_tokens(&connection.client, &token_ids, bulk::DEFAULT_CONCURRENCY).await)
}

#[derive(Debug, Serialize)]
pub struct CopiedLink {
    kind: LinkKind,
    expire: Option<DateTime<Utc>>,
}

/// Builds a token's share link with a freshly fetched secret and puts it on the system clipboard.
/// The secret never reaches the web view; the answer only says which kind was copied and when it
/// expires.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn copy_link(
    state: State<'_, AppState>,
    profile_id: String,
    token_id: String,
    kind: Option<LinkKind>,
) -> Result<CopiedLink, CommandError> {
    let (link, copied) = fresh_link(&state, &profile_id, &token_id, kind).await?;
    state.clipboard.set_text(link)?;
    Ok(copied)
}

/// A token's share link of `kind` (the project's default when `None`), built from a freshly
/// fetched secret, with what the web view may be told of it.
async fn fresh_link(
    state: &AppState,
    profile_id: &str,
    token_id: &str,
    kind: Option<LinkKind>,
) -> Result<(String, CopiedLink), CommandError> {
    let connection = state.connect(profile_id).await?;
    let kind = kind.unwrap_or(connection.profile.default_link);
    let project = &connection.profile.project_id;
    let (link, token) = fresh_share_link(&connection.client, project, token_id, kind).await?;
    let expire = token.expire;
    Ok((link.into(), CopiedLink { kind, expire }))
}

/// Puts a token's secret on the system clipboard, when the user asks for it. The secret is copied
/// by Rust and never reaches the web view.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn copy_secret(
    state: State<'_, AppState>,
    profile_id: String,
    token_id: String,
) -> Result<(), CommandError> {
    let connection = state.connect(&profile_id).await?;
    let token = connection.client.tokens().get(&token_id).await?;
    state.clipboard.set_text(token.secret.expose().to_owned())
}

/// Opens a token's share link, with a freshly fetched secret, in the default browser. Rust builds
/// the link and hands it to the opener; the web view only learns which kind was opened and when
/// it expires.
#[tauri::command]
#[tracing::instrument(skip(state, opener), err)]
pub async fn open_link(
    state: State<'_, AppState>,
    opener: State<'_, LinkOpener>,
    profile_id: String,
    token_id: String,
    kind: Option<LinkKind>,
) -> Result<CopiedLink, CommandError> {
    let (link, opened) = fresh_link(&state, &profile_id, &token_id, kind).await?;
    opener.open(&link)?;
    Ok(opened)
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

/// Creates one token (one expiry for all) per selected file with bounded concurrency, reports
/// progress, lists each failure with its reason, and copies all links to the clipboard in
/// `format` (one per line; `file_names`, in the order of `file_ids`, name them).
#[tauri::command]
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip(app, state, file_names), err)]
pub async fn create_links<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_ids: Vec<String>,
    expiry: ExpiryPreset,
    kind: Option<LinkKind>,
    format: Option<LinksFormat>,
    file_names: Option<Vec<String>>,
) -> Result<BulkReport, CommandError> {
    let expire = expiry.resolve(Utc::now())?;
    let connection = state.connect(&profile_id).await?;
    let kind = kind.unwrap_or(connection.profile.default_link);
    let files = FileRef::in_bucket(&bucket_id, &file_ids);
    let progress = |p: bulk::Progress| emit_progress(&app, &profile_id, p);
    let client = &connection.client;
    // Up to 16 at once, fewer while the server asks to slow down.
    let concurrency = bulk::MAX_CONCURRENCY;
    let outcome = bulk::create_links(client, &files, expire, kind, concurrency, progress).await;
    let copied = outcome.succeeded();
    if copied > 0 {
        let names = file_names.unwrap_or_default();
        state
            .clipboard
            .set_text(outcome.clipboard_text(format.unwrap_or_default(), &names))?;
    }
    Ok(outcome.report(copied))
}

/// What copying many tokens' links did: how many went to the clipboard, and why the others did
/// not.
#[derive(Debug, Serialize)]
pub struct CopiedLinks {
    copied: usize,
    failures: Vec<TokenLinkFailure>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenLinkFailure {
    token_id: String,
    #[serde(flatten)]
    failure: bucketdesk_core::Failure,
}

/// Copies the links of tokens already made (a bulk run's, again or after a retry) in `format`,
/// each from a freshly fetched secret and named by `file_names` (in the order of `token_ids`).
/// The links go to the clipboard, never to the web view.
#[tauri::command]
#[tracing::instrument(skip(state, file_names), err)]
pub async fn copy_links(
    state: State<'_, AppState>,
    profile_id: String,
    token_ids: Vec<String>,
    kind: Option<LinkKind>,
    format: Option<LinksFormat>,
    file_names: Option<Vec<String>>,
) -> Result<CopiedLinks, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let kind = kind.unwrap_or(connection.profile.default_link);
    let (client, project) = (&connection.client, &connection.profile.project_id);
    let concurrency = bulk::DEFAULT_CONCURRENCY;
    let links = bulk::token_links(client, project, &token_ids, kind, concurrency).await;
    let copied = links.copied();
    if copied > 0 {
        let names = file_names.unwrap_or_default();
        let text = links.clipboard_text(format.unwrap_or_default(), &names);
        state.clipboard.set_text(text)?;
    }
    let failures = links.failures().into_iter();
    Ok(CopiedLinks {
        copied,
        failures: failures
            .map(|f| TokenLinkFailure {
                token_id: f.id,
                failure: f.failure,
            })
            .collect(),
    })
}

fn emit_progress<R: Runtime>(app: &AppHandle<R>, profile_id: &str, progress: bulk::Progress) {
    let payload = BulkProgress {
        profile_id: profile_id.to_owned(),
        done: progress.done,
        total: progress.total,
    };
    if let Err(e) = app.emit(BULK_PROGRESS_EVENT, payload) {
        tracing::debug!(error = %e, "progress event not delivered");
    }
}
