//! Commands for the app's settings (theme, new projects' defaults, the bulk links format), kept in
//! `settings.json` in the config folder through core.

use bucketdesk_core::AppSettings;
use serde::Serialize;
use tauri::State;

use crate::{AppState, CommandError};

/// The settings in use, and what the user should know about the file read at start.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    settings: AppSettings,
    /// Set when the file was damaged or unreadable and the defaults stand in, until a save.
    notice: Option<String>,
}

fn view(state: &AppState) -> SettingsView {
    let store = state.app_settings();
    SettingsView {
        settings: store.get(),
        notice: store.notice().map(str::to_owned),
    }
}

/// The settings in use.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn get_settings(state: State<'_, AppState>) -> Result<SettingsView, CommandError> {
    Ok(view(&state))
}

/// Saves all settings (written to disk before they are used) and answers them as now in use.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn save_settings(
    state: State<'_, AppState>,
    settings: AppSettings,
) -> Result<SettingsView, CommandError> {
    state.app_settings().save(settings)?;
    Ok(view(&state))
}
