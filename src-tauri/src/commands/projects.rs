//! Commands for projects (profiles): list, save with the key going to the keychain, duplicate, delete,
//! switch, remember, test the connection, export and import, reset the demo.

use appwrite_rest::{ApiKey, ListOptions};
use bucketdesk_core::store::{ImportReport, LastOpened};
use bucketdesk_core::view::{projects, ProjectEntry};
use bucketdesk_core::{ProfileInput, DEMO_PROFILE_ID};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::{AppState, CommandError};

/// A project as the sidebar shows it. Never carries the key, only whether one is stored.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSummary {
    #[serde(flatten)]
    entry: ProjectEntry,
    has_key: bool,
}

/// The notice about a damaged profiles file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
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

/// Which of the scopes Bucketdesk needs the key has.
#[derive(Debug, Serialize)]
pub struct ScopeCheck {
    scope: &'static str,
    ok: bool,
}

#[derive(Debug, Serialize)]
pub struct ConnectionReport {
    ok: bool,
    message: String,
    checks: Vec<ScopeCheck>,
}

async fn has_key(state: &AppState, profile_id: &str) -> bool {
    if profile_id == DEMO_PROFILE_ID {
        return true;
    }
    let keys = state.keys.clone();
    let id = profile_id.to_string();
    matches!(
        tokio::task::spawn_blocking(move || keys.has(&id)).await,
        Ok(Ok(true))
    )
}

async fn summaries(state: &AppState) -> Vec<ProjectSummary> {
    let entries = {
        let store = state.store();
        projects(store.profiles(), None)
    };
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        out.push(with_key_state(state, entry).await);
    }
    out
}

async fn with_key_state(state: &AppState, entry: ProjectEntry) -> ProjectSummary {
    let has_key = has_key(state, &entry.id).await;
    ProjectSummary { entry, has_key }
}

/// One project's summary (asking the keychain about that project only).
async fn summary(state: &AppState, profile_id: &str) -> Result<ProjectSummary, CommandError> {
    let entry = {
        let store = state.store();
        projects(store.profiles(), None)
            .into_iter()
            .find(|p| p.id == profile_id)
    };
    match entry {
        Some(entry) => Ok(with_key_state(state, entry).await),
        None => Err(CommandError::new(
            "profile_not_found",
            "That project no longer exists.",
        )),
    }
}

/// Every project (the demo first), the one to open, and a notice if the profiles file was set aside.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn list_projects(state: State<'_, AppState>) -> Result<ProjectList, CommandError> {
    let projects = summaries(&state).await;
    let last = state.store().last().cloned();
    let current_id = last
        .as_ref()
        .map(|l| l.profile_id.clone())
        .filter(|id| projects.iter().any(|p| &p.entry.id == id))
        .unwrap_or_else(|| DEMO_PROFILE_ID.to_string());
    let recovered = state.recovered().map(|r| RecoveredNotice {
        message: r.message(),
    });
    Ok(ProjectList {
        projects,
        current_id,
        last,
        recovered,
    })
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
    let key = api_key
        .map(ApiKey::from)
        .filter(|k| !k.expose().trim().is_empty());
    let input = profile.input.validate()?;
    let saved = match profile.id {
        None => {
            let key = key.ok_or_else(|| {
                CommandError::new(
                    "no_key",
                    "Enter the project's API key. Bucketdesk keeps it in the system keychain only.",
                )
            })?;
            let saved = state.store().add(input)?;
            if let Err(e) = set_key(&state, &saved.id, key).await {
                // Nothing half-saved: without its key the new project is taken back.
                let _ = state.store().remove(&saved.id);
                return Err(e);
            }
            saved
        }
        Some(id) => {
            if let Some(key) = key {
                set_key(&state, &id, key).await?;
            }
            state.store().update(&id, input)?
        }
    };
    state.forget_client(&saved.id);
    summary(&state, &saved.id).await
}

async fn set_key(state: &AppState, profile_id: &str, key: ApiKey) -> Result<(), CommandError> {
    let keys = state.keys.clone();
    let id = profile_id.to_string();
    tokio::task::spawn_blocking(move || keys.set(&id, &key))
        .await
        .map_err(CommandError::internal)??;
    Ok(())
}

/// Copies a project (and its key, when the keychain has one) under a new name.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn duplicate_project(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<ProjectSummary, CommandError> {
    let copy = state.store().duplicate(&profile_id)?;
    let keys = state.keys.clone();
    let (from, to) = (profile_id.clone(), copy.id.clone());
    let copied = tokio::task::spawn_blocking(move || match keys.get(&from)? {
        Some(key) => keys.set(&to, &key),
        None => Ok(()),
    })
    .await
    .map_err(CommandError::internal)?;
    if let Err(e) = copied {
        tracing::warn!(error = %e, "the duplicate's key could not be copied");
    }
    summary(&state, &copy.id).await
}

/// Deletes a project and its key. The key goes first: if the keychain refuses, the project is kept.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn delete_project(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<(), CommandError> {
    if profile_id == DEMO_PROFILE_ID {
        return Err(CommandError::new(
            "demo_profile_read_only",
            "The demo project is built in and cannot be deleted. Use \"Reset demo data\" to start it afresh.",
        ));
    }
    if state.store().get(&profile_id).is_none() {
        return Err(CommandError::new(
            "profile_not_found",
            "That project no longer exists.",
        ));
    }
    let keys = state.keys.clone();
    let id = profile_id.clone();
    tokio::task::spawn_blocking(move || keys.delete(&id))
        .await
        .map_err(CommandError::internal)??;
    state.store().remove(&profile_id)?;
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
    state.store().remember(LastOpened {
        profile_id,
        bucket_id,
        file_id,
    })?;
    Ok(())
}

/// Switches to a project: remembered as the one to open next time.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn select_project(state: State<'_, AppState>, profile_id: String) -> Result<(), CommandError> {
    remember_last(state, profile_id, None, None)
}

/// An id no resource has: asking for it tells whether the key may read or write there (404) or not (401).
const PROBE_ID: &str = "bucketdesk-connection-check";

/// Checks the endpoint, TLS, the project, the key and each scope Bucketdesk needs, without changing
/// anything on the server. Failures are answered, not thrown, so the editor can show them in place.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn test_connection(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<ConnectionReport, CommandError> {
    let connection = match state.connect(&profile_id).await {
        Ok(c) => c,
        Err(e) => return Ok(failed(e)),
    };
    let client = &connection.client;
    // The first call shows whether the server, the project and the key work at all.
    let buckets = client.buckets().list(&ListOptions::new().limit(1)).await;
    let mut checks = vec![ScopeCheck {
        scope: "buckets.read",
        ok: true,
    }];
    match buckets {
        Ok(_) => {}
        Err(e) if e.missing_scope().is_some() => checks[0].ok = false,
        Err(e) => return Ok(failed(e.into())),
    }
    let probes = [
        (
            "files.read",
            client.files(PROBE_ID).list(&ListOptions::new()).await.err(),
        ),
        ("tokens.read", client.tokens().get(PROBE_ID).await.err()),
        (
            "tokens.write",
            client.tokens().update(PROBE_ID, None).await.err(),
        ),
    ];
    for (scope, error) in probes {
        match error {
            None => checks.push(ScopeCheck { scope, ok: true }),
            Some(e) if e.missing_scope().is_some() => checks.push(ScopeCheck { scope, ok: false }),
            Some(e) if e.is_not_found() => checks.push(ScopeCheck { scope, ok: true }),
            Some(e) => return Ok(failed(e.into())),
        }
    }
    let missing: Vec<&str> = checks.iter().filter(|c| !c.ok).map(|c| c.scope).collect();
    let (ok, message) = if missing.is_empty() {
        (
            true,
            format!(
                "Connected to project {} at {}. The key has every scope Bucketdesk needs.",
                connection.profile.project_id,
                connection.endpoint.as_str()
            ),
        )
    } else {
        (
            false,
            format!(
                "Connected, but the key lacks {}. Add {} to the key's scopes in the Appwrite console.",
                missing.join(", "),
                if missing.len() == 1 { "it" } else { "them" }
            ),
        )
    };
    Ok(ConnectionReport {
        ok,
        message,
        checks,
    })
}

fn failed(error: CommandError) -> ConnectionReport {
    ConnectionReport {
        ok: false,
        message: error.message,
        checks: Vec::new(),
    }
}

/// The projects as JSON, without any key.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn export_projects(state: State<'_, AppState>) -> Result<String, CommandError> {
    Ok(state.store().export_json())
}

/// Where exports go: `BUCKETDESK_EXPORT_DIR` when set, else the user's Downloads folder, else home.
const EXPORT_DIR_ENV: &str = "BUCKETDESK_EXPORT_DIR";

/// Saves the projects (without keys) to a new file in the Downloads folder and says where.
#[tauri::command]
#[tracing::instrument(skip(app, state), err)]
pub fn export_projects_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<String, CommandError> {
    let dir = std::env::var_os(EXPORT_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| app.path().download_dir().ok())
        .or_else(|| app.path().home_dir().ok())
        .ok_or_else(|| {
            CommandError::new(
                "export_failed",
                "Bucketdesk found no Downloads or home folder to save the export in.",
            )
        })?;
    let name = format!(
        "bucketdesk-projects-{}.json",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    );
    let path = dir.join(name);
    state.store().export_to(&path)?;
    Ok(path.display().to_string())
}

/// Adds the projects of an exported file; bad entries are listed and skipped, nothing is lost.
#[tauri::command]
#[tracing::instrument(skip(state, json), err)]
pub fn import_projects(
    state: State<'_, AppState>,
    json: String,
) -> Result<ImportReport, CommandError> {
    Ok(state.store().import_json(&json)?)
}

/// Deletes the demo project's data and starts it again freshly seeded.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn reset_demo(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.forget_client(DEMO_PROFILE_ID);
    state.demo.reset().await?;
    Ok(())
}
