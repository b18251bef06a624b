//! Commands for projects (profiles): list, save with the key going to the keychain, duplicate,
//! delete, switch, remember, test the connection (saved or as typed in the editor), export and
//! import, reset the demo.

use appwrite_rest::ApiKey;
use bucketdesk_core::connection_check::{self, ConnectionReport};
use bucketdesk_core::projects::{export_file_name, ProjectSummary};
use bucketdesk_core::store::{ImportReport, LastOpened};
use bucketdesk_core::{Failure, ProfileInput, DEMO_PROFILE_ID};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime, State};

use crate::{AppState, CommandError};

/// The notice about a damaged profiles file.
#[derive(Debug, Serialize)]
pub struct RecoveredNotice {
    message: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectList {
    projects: Vec<ProjectSummary>,
    current_id: String,
    last: Option<LastOpened>,
    recovered: Option<RecoveredNotice>,
}

/// What the project editor sends: the profile's fields, and its id when editing.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileForm {
    #[serde(default)]
    id: Option<String>,
    #[serde(flatten)]
    input: ProfileInput,
}

/// Every project (the demo first), the one to open, and a notice if the profiles file was set
/// aside.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn list_projects(state: State<'_, AppState>) -> Result<ProjectList, CommandError> {
    Ok(project_list(&state).await)
}

/// The project list as `list_projects` answers it; the first screen reads it too.
pub(crate) async fn project_list(state: &AppState) -> ProjectList {
    let projects = state.projects.summaries().await;
    let last = state.projects.store().last().cloned();
    let current_id = last
        .as_ref()
        .map(|l| l.profile_id.clone())
        .filter(|id| projects.iter().any(|p| &p.entry.id == id))
        .unwrap_or_else(|| DEMO_PROFILE_ID.to_owned());
    let recovered = state.recovered().map(|r| RecoveredNotice {
        message: r.message(),
    });
    ProjectList {
        projects,
        current_id,
        last,
        recovered,
    }
}

impl ProjectList {
    /// The project the window opens on.
    pub(crate) fn current_id(&self) -> &str {
        &self.current_id
    }
}

/// Adds or edits a project. A new project needs its API key, which goes to the keychain and nowhere
/// else; when the keychain refuses it, nothing is saved and the message names the cause.
#[tauri::command]
#[tracing::instrument(skip(state, api_key), err)]
pub async fn save_project(
    state: State<'_, AppState>,
    profile: ProfileForm,
    api_key: Option<String>,
) -> Result<ProjectSummary, CommandError> {
    let key = api_key.map(ApiKey::from);
    let id = profile.id.as_deref();
    let saved = state.projects.save(id, profile.input, key).await?;
    state.forget_client(&saved.id);
    Ok(state.projects.summary(&saved.id).await?)
}

/// Copies a project (and its key, when the keychain has one) under a new name.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn duplicate_project(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<ProjectSummary, CommandError> {
    let copy = state.projects.duplicate(&profile_id).await?;
    Ok(state.projects.summary(&copy.id).await?)
}

/// Deletes a project and its key. The key goes first: if the keychain refuses, the project is kept.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn delete_project(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<(), CommandError> {
    state.projects.delete(&profile_id).await?;
    state.forget_client(&profile_id);
    Ok(())
}

/// Remembers the project, bucket, folder (none: the bucket's root) and file the user has open,
/// for the next start.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn remember_last(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: Option<String>,
    folder: Option<String>,
    file_id: Option<String>,
) -> Result<(), CommandError> {
    let last = LastOpened {
        profile_id,
        bucket_id,
        folder,
        file_id,
    };
    Ok(state.projects.store().remember(last)?)
}

/// Switches to a project: remembered as the one to open next time.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn select_project(state: State<'_, AppState>, profile_id: String) -> Result<(), CommandError> {
    remember_last(state, profile_id, None, None, None)
}

/// Checks the endpoint, TLS, the project, the key and each scope Bucketdesk needs, without changing
/// anything on the server. Failures are answered, not thrown, so the editor can show them in place.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn test_connection(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<ConnectionReport, CommandError> {
    Ok(match state.connect(&profile_id).await {
        Ok(connection) => connection_check::check(&connection.client).await,
        Err(e) => ConnectionReport::failed(Failure::new(e.code, e.message)),
    })
}

/// Tests what the project editor holds without saving it: the typed endpoint, project, TLS
/// choices and key (or, for an edit still pointing to the same place, the stored key). Nothing is
/// written to the profiles file or the keychain. A field the editor must correct is an error with
/// its `field`; what the server or network says is the report.
#[tauri::command]
#[tracing::instrument(skip(state, api_key), err)]
pub async fn test_draft_connection(
    state: State<'_, AppState>,
    profile: ProfileForm,
    api_key: Option<String>,
) -> Result<ConnectionReport, CommandError> {
    let key = api_key.map(ApiKey::from);
    let editing = profile.id.as_deref();
    Ok(state
        .projects
        .test_draft(editing, &profile.input, key)
        .await?)
}

/// Saves the projects (without keys) where the user chooses in the platform's save dialog, and
/// answers the file's path, or null when the dialog was cancelled (nothing is written then).
#[tauri::command]
#[tracing::instrument(skip(app, state), err)]
pub async fn export_projects_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<String>, CommandError> {
    let name = export_file_name(chrono::Local::now());
    let chosen = match &state.export_dir {
        // The test hook: WebDriver and the mock runtime can't drive a native dialog, so a folder
        // set in the settings (BUCKETDESK_EXPORT_DIR) stands in for the user's choice.
        Some(dir) => Some(dir.join(name)),
        None => ask_where_to_save(&app, name).await?,
    };
    write_export(&state, chosen)
}

/// Writes the export to the chosen path; `None` (the dialog was cancelled) writes nothing.
pub(crate) fn write_export(
    state: &AppState,
    chosen: Option<PathBuf>,
) -> Result<Option<String>, CommandError> {
    let Some(path) = chosen else {
        return Ok(None);
    };
    state.projects.store().export_to(&path)?;
    Ok(Some(path.display().to_string()))
}

/// The platform's save dialog over the main window, opened in the Downloads folder with the
/// export's name; the path the user chose, or `None` when they cancelled.
async fn ask_where_to_save<R: Runtime>(
    app: &AppHandle<R>,
    name: String,
) -> Result<Option<PathBuf>, CommandError> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Export projects")
        .set_file_name(name)
        .add_filter("Bucketdesk projects (JSON)", &["json"]);
    if let Some(dir) = app.path().download_dir().ok().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    // The callback form: the plugin shows the dialog on the main thread; this command waits.
    dialog.save_file(move |path| {
        let _ = tx.send(path);
    });
    let Some(chosen) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    chosen.into_path().map(Some).map_err(|_| {
        CommandError::new(
            "export_failed",
            "The place chosen in the dialog is not a file on this computer. Choose another place \
             to save the export.",
        )
    })
}

/// Adds the projects of an exported file; bad entries are listed and skipped, nothing is lost.
#[tauri::command]
#[tracing::instrument(skip(state, json), err)]
pub fn import_projects(
    state: State<'_, AppState>,
    json: String,
) -> Result<ImportReport, CommandError> {
    Ok(state.projects.store().import_json(&json)?)
}

/// Deletes the demo project's data and starts it again freshly seeded.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn reset_demo(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.forget_client(DEMO_PROFILE_ID);
    state.demo.reset().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;

    fn state(folder: &std::path::Path) -> AppState {
        AppState::new(Settings {
            config_dir: folder.join("config"),
            data_dir: folder.join("data"),
            keyring_service: "bucketdesk-unit-test-never-used".to_owned(),
            export_dir: None,
        })
    }

    #[test]
    fn a_cancelled_save_dialog_writes_nothing_and_answers_null() {
        let folder = tempfile::tempdir().unwrap();
        let state = state(folder.path());
        assert_eq!(write_export(&state, None).unwrap(), None);
        let left: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn the_export_goes_to_the_path_chosen_in_the_dialog() {
        let folder = tempfile::tempdir().unwrap();
        let state = state(folder.path());
        let chosen = folder.path().join("chosen name.json");
        let answer = write_export(&state, Some(chosen.clone())).unwrap();
        assert_eq!(answer, Some(chosen.display().to_string()));
        let text = std::fs::read_to_string(&chosen).unwrap();
        assert!(text.contains("\"profiles\""), "{text}");
    }
}
