//! Commands that act on files: download to a folder (reported through `download-progress` and
//! `download-done`) and cancel it, delete with each file's token count first, and a share link
//! as a QR code.

use std::path::PathBuf;
use std::sync::Arc;

use bucketdesk_core::delete::{self, DeleteOutcome, DeleteSummary};
use bucketdesk_core::download::{self, DownloadEvent, DownloadOptions, Downloads};
use bucketdesk_core::links::fresh_share_link;
use bucketdesk_core::upload::Uploads;
use bucketdesk_core::LinkKind;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::{AppState, CommandError};

/// The event sent as a downloaded file's bytes arrive and when it ends.
pub const DOWNLOAD_PROGRESS_EVENT: &str = "download-progress";
/// The event sent when a download batch is over.
pub const DOWNLOAD_DONE_EVENT: &str = "download-done";
/// A test hook: the folder that stands in for the folder dialog's choice.
pub const DOWNLOAD_DIR_ENV: &str = "BUCKETDESK_DOWNLOAD_DIR";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadStarted {
    batch_id: String,
    dir: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct DownloadProgress {
    batch_id: String,
    item: download::DownloadItem,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct DownloadDone {
    batch_id: String,
    done: usize,
    failed: usize,
    cancelled: usize,
}

/// Asks for a folder with the platform's dialog and downloads the files there in the
/// background; answers `{batchId, dir}` at once, or `null` when the dialog was cancelled.
#[tauri::command]
#[tracing::instrument(skip(app, state, downloads), err)]
pub async fn download_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    downloads: State<'_, Downloads>,
    profile_id: String,
    bucket_id: String,
    file_ids: Vec<String>,
) -> Result<Option<DownloadStarted>, CommandError> {
    let dir = match std::env::var_os(DOWNLOAD_DIR_ENV).filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => pick_folder(&app).await,
    };
    let Some(dir) = dir else {
        return Ok(None);
    };
    let connection = state.connect(&profile_id).await?;
    let batch_id = format!("d{:012x}", rand_id());
    let started = DownloadStarted {
        batch_id: batch_id.clone(),
        dir: dir.display().to_string(),
    };
    let emitter = app.clone();
    let events = Arc::new(move |event: DownloadEvent| {
        let sent = match event {
            DownloadEvent::Progress { batch_id, item } => {
                emitter.emit(DOWNLOAD_PROGRESS_EVENT, DownloadProgress { batch_id, item })
            }
            DownloadEvent::Done {
                batch_id,
                done,
                failed,
                cancelled,
            } => emitter.emit(
                DOWNLOAD_DONE_EVENT,
                DownloadDone {
                    batch_id,
                    done,
                    failed,
                    cancelled,
                },
            ),
        };
        if let Err(e) = sent {
            tracing::debug!(error = %e, "download event not delivered");
        }
    });
    let downloads = downloads.inner().clone();
    // Registered before the answer, so a cancel right after it finds the batch.
    let cancel = downloads.begin(&batch_id, &file_ids);
    tauri::async_runtime::spawn(async move {
        let client = connection.client;
        let options = DownloadOptions::default();
        download::download_files(
            &client, &bucket_id, &file_ids, &dir, &batch_id, &cancel, options, events,
        )
        .await;
        downloads.end(&batch_id);
    });
    Ok(Some(started))
}

/// Cancels one file (`fileId`) or every file (`null`) of a download batch: a cancelled file's
/// part file is removed and nothing is written under its name; files already saved stay.
#[tauri::command]
#[tracing::instrument(skip(downloads), err)]
pub fn cancel_download(
    downloads: State<'_, Downloads>,
    batch_id: String,
    file_id: Option<String>,
) -> Result<(), CommandError> {
    Ok(downloads.cancel(&batch_id, file_id.as_deref())?)
}

fn rand_id() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish() & 0xffff_ffff_ffff
}

/// The platform's folder dialog over the main window, opened in the Downloads folder.
async fn pick_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_title("Download to");
    if let Some(dir) = app.path().download_dir().ok().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog.pick_folder(move |path| {
        let _ = tx.send(path);
    });
    rx.await.ok().flatten()?.into_path().ok()
}

/// Each file's name and how many tokens it has (their links stop working when it is deleted),
/// for the confirmation.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn delete_summary(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_ids: Vec<String>,
) -> Result<Vec<DeleteSummary>, CommandError> {
    let connection = state.connect(&profile_id).await?;
    Ok(delete::summary(&connection.client, &bucket_id, &file_ids).await)
}

/// Deletes the files; each failure is listed with its reason (`missing_scope` names
/// files.write).
#[tauri::command]
#[tracing::instrument(skip(state, uploads), err)]
pub async fn delete_files(
    state: State<'_, AppState>,
    uploads: State<'_, Uploads>,
    profile_id: String,
    bucket_id: String,
    file_ids: Vec<String>,
) -> Result<DeleteOutcome, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let outcome = delete::delete_files(&connection.client, &bucket_id, &file_ids).await;
    if !outcome.deleted.is_empty() {
        state.folders_changed(&profile_id, &bucket_id);
        uploads.forget_files(&profile_id, &bucket_id, &outcome.deleted);
    }
    Ok(outcome)
}

#[derive(Debug, Serialize)]
pub struct LinkQr {
    image: String,
}

/// The token's share link of `kind` (the project's default when `null`), with a freshly fetched
/// secret, drawn as a QR code: `{image: "data:image/svg+xml;base64,..."}`. The link reaches the
/// web view only inside that image.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn link_qr(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: String,
    file_id: String,
    token_id: String,
    kind: Option<LinkKind>,
) -> Result<LinkQr, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let kind = kind.unwrap_or(connection.profile.default_link);
    let project = &connection.profile.project_id;
    let (link, token) = fresh_share_link(&connection.client, project, &token_id, kind).await?;
    if token.bucket_id() != bucket_id || token.file_id() != file_id {
        return Err(CommandError::new(
            "not_found",
            "This token belongs to another file. Refresh the file's tokens and try again.",
        ));
    }
    let image = bucketdesk_core::qr::qr_data_url(&link)?;
    Ok(LinkQr { image })
}
