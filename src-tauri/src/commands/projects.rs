//! Commands for projects (profiles): list, save with the key going to the keychain, duplicate,
//! delete, switch, remember, test the connection (saved or as typed in the editor), export and
//! import, reset the demo.

use appwrite_rest::ApiKey;
use bucketdesk_core::connection_check::{self, ConnectionReport};
use bucketdesk_core::projects::{export_file_name, ProjectSummary};
use bucketdesk_core::store::{ImportReport, LastOpened};
use bucketdesk_core::{Failure, ProfileInput, DEMO_PROFILE_ID};
use serde::{Deserialize, Serialize};
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

/// Remembers the project, bucket and file the user has open, for the next start.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn remember_last(
    state: State<'_, AppState>,
    profile_id: String,
    bucket_id: Option<String>,
    file_id: Option<String>,
) -> Result<(), CommandError> {
    let last = LastOpened {
        profile_id,
        bucket_id,
        file_id,
    };
    Ok(state.projects.store().remember(last)?)
}

/// Switches to a project: remembered as the one to open next time.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn select_project(state: State<'_, AppState>, profile_id: String) -> Result<(), CommandError> {
    remember_last(state, profile_id, None, None)
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

/// Saves the projects (without keys) to a new file in the Downloads folder and says where.
#[tauri::command]
#[tracing::instrument(skip(app, state), err)]
pub fn export_projects_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<String, CommandError> {
    let dir = state
        .export_dir
        .clone()
        .or_else(|| app.path().download_dir().ok())
        .or_else(|| app.path().home_dir().ok())
        .ok_or_else(|| {
            CommandError::new(
                "export_failed",
                "Bucketdesk found no Downloads or home folder to save the export in.",
            )
        })?;
    let path = dir.join(export_file_name(chrono::Local::now()));
    state.projects.store().export_to(&path)?;
    Ok(path.display().to_string())
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

