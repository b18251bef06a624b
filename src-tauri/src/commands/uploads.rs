//! Commands for uploads: start a batch from dropped or chosen paths (the work goes on in core,
//! reported through `upload-progress` and `upload-done`), cancel, retry, the uploads an earlier
//! run left unfinished, and whether a project's uploads also share.

use std::path::PathBuf;
use std::sync::Arc;

use bucketdesk_core::upload::{
    PendingItem, Target, UploadBatch, UploadEvent, UploadHost, UploadOptions, Uploads,
};
use bucketdesk_core::Failure;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::state::Connection;
use crate::{AppState, CommandError};

/// The event sent on every change of an upload item.
pub const UPLOAD_PROGRESS_EVENT: &str = "upload-progress";
/// The event sent when a batch has nothing left to do.
pub const UPLOAD_DONE_EVENT: &str = "upload-done";
/// A test hook: paths (separated as in `PATH`) that stand in for the file dialog's choice.
pub const UPLOAD_PICK_ENV: &str = "BUCKETDESK_UPLOAD_PICK";

/// Sends core's upload events to the web view and its links to the clipboard.
struct Host<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> UploadHost for Host<R> {
    fn event(&self, event: UploadEvent) {
        let sent = match event {
            UploadEvent::Progress(changed) => {
                if changed.item.state == bucketdesk_core::upload::UploadState::Done {
                    // A new file: the bucket's folders are walked afresh.
                    let state = self.app.state::<AppState>();
                    state.folders_changed(&changed.profile_id, &changed.bucket_id);
                }
                self.app.emit(UPLOAD_PROGRESS_EVENT, changed)
            }
            UploadEvent::Done(done) => self.app.emit(UPLOAD_DONE_EVENT, done),
        };
        if let Err(e) = sent {
            tracing::debug!(error = %e, "upload event not delivered");
        }
    }

    fn copy_links(&self, text: String) -> Result<(), Failure> {
        let state = self.app.state::<AppState>();
        state
            .clipboard
            .set_text(text)
            .map_err(|e| Failure::new(e.code, e.message))
    }
}

/// The app's uploads, journaled in `data_dir`.
pub fn uploads<R: Runtime>(app: &AppHandle<R>, data_dir: &std::path::Path) -> Uploads {
    let host = Arc::new(Host { app: app.clone() });
    Uploads::new(data_dir, host, UploadOptions::default())
}

fn target(connection: &Connection) -> Target {
    Target {
        profile_id: connection.profile.id.clone(),
        client: connection.client.clone(),
        link_kind: connection.profile.default_link,
        expiry: connection.profile.default_expiry,
    }
}

/// Uploads `paths` (files, and folders whose files keep their relative paths as folders) into
/// `folder` of the bucket; answers the batch at once, every item queued. With `share`, each file
/// gets a link with the project's default expiry and the links go to the clipboard at the end.
/// The drop handler calls this with the paths of Tauri's drag-drop event.
#[tauri::command]
#[tracing::instrument(skip(state, uploads, paths), err)]
pub async fn upload_files(
    state: State<'_, AppState>,
    uploads: State<'_, Uploads>,
    profile_id: String,
    bucket_id: String,
    folder: Option<String>,
    paths: Vec<String>,
    share: bool,
) -> Result<UploadBatch, CommandError> {
    let connection = state.connect(&profile_id).await?;
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let folder = folder.unwrap_or_default();
    Ok(uploads.start(target(&connection), &bucket_id, &folder, &paths, share)?)
}

/// Asks for files with the platform's dialog, then uploads them as `upload_files` does; `null`
/// when the dialog was cancelled.
#[tauri::command]
#[tracing::instrument(skip(app, state, uploads), err)]
pub async fn choose_upload_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    uploads: State<'_, Uploads>,
    profile_id: String,
    bucket_id: String,
    folder: Option<String>,
    share: bool,
) -> Result<Option<UploadBatch>, CommandError> {
    let picked = match std::env::var_os(UPLOAD_PICK_ENV).filter(|v| !v.is_empty()) {
        // The test hook: WebDriver and the mock runtime can't drive a native dialog.
        Some(list) => Some(std::env::split_paths(&list).collect::<Vec<_>>()),
        None => pick_files(&app).await,
    };
    let Some(paths) = picked.filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let connection = state.connect(&profile_id).await?;
    let folder = folder.unwrap_or_default();
    let batch = uploads.start(target(&connection), &bucket_id, &folder, &paths, share)?;
    Ok(Some(batch))
}

/// The platform's open dialog over the main window, several files at once.
async fn pick_files<R: Runtime>(app: &AppHandle<R>) -> Option<Vec<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_title("Upload files");
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog.pick_files(move |paths| {
        let _ = tx.send(paths);
    });
    let paths = rx.await.ok().flatten()?;
    Some(
        paths
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect(),
    )
}

/// Cancels one item (`uploadId`) or the whole batch (`null`); what the server has stays there.
#[tauri::command]
#[tracing::instrument(skip(uploads), err)]
pub fn cancel_upload(
    uploads: State<'_, Uploads>,
    batch_id: String,
    upload_id: Option<String>,
) -> Result<(), CommandError> {
    Ok(uploads.cancel(&batch_id, upload_id.as_deref())?)
}

/// Sends a stopped item (`uploadId`) or every stopped item of the batch (`null`) again, from the
/// chunks the server has; answers the batch.
#[tauri::command]
#[tracing::instrument(skip(state, uploads), err)]
pub async fn retry_upload(
    state: State<'_, AppState>,
    uploads: State<'_, Uploads>,
    batch_id: String,
    upload_id: Option<String>,
) -> Result<UploadBatch, CommandError> {
    let profile_id = uploads.profile_of(&batch_id).ok_or_else(|| {
        CommandError::new(
            "not_found",
            "This upload is no longer known to Bucketdesk. Upload the files again.",
        )
    })?;
    let connection = state.connect(&profile_id).await?;
    Ok(uploads.retry(&batch_id, upload_id.as_deref(), Some(target(&connection)))?)
}

/// The uploads an earlier run left unfinished for a project (interrupted, failed, cancelled).
#[tauri::command]
#[tracing::instrument(skip(uploads), err)]
pub fn pending_uploads(
    uploads: State<'_, Uploads>,
    profile_id: String,
) -> Result<Vec<PendingItem>, CommandError> {
    Ok(uploads.pending(&profile_id))
}

/// Restarts the project's interrupted uploads; answers the batches restarted.
#[tauri::command]
#[tracing::instrument(skip(state, uploads), err)]
pub async fn resume_uploads(
    state: State<'_, AppState>,
    uploads: State<'_, Uploads>,
    profile_id: String,
) -> Result<Vec<UploadBatch>, CommandError> {
    let connection = state.connect(&profile_id).await?;
    Ok(uploads.resume(&profile_id, target(&connection)))
}

/// Whether uploads to this project also make links (remembered per project).
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn get_share_on_upload(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<bool, CommandError> {
    Ok(state.app_settings().share_on_upload(&profile_id))
}

/// Remembers whether uploads to this project also make links; answers the choice as saved.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn set_share_on_upload(
    state: State<'_, AppState>,
    profile_id: String,
    on: bool,
) -> Result<bool, CommandError> {
    Ok(state.app_settings().set_share_on_upload(&profile_id, on)?)
}
