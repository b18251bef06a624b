//! Commands about the app itself.

use crate::{AppState, CommandError};
use bucketdesk_core::about::{About, AppInfo};

/// The app's name, version and config folder, for the header.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, CommandError> {
    Ok(AppInfo::new(env!("CARGO_PKG_VERSION"), state.config_dir()))
}

/// The About view: version, licence, folders, where logs go, and the keychain as it answers now.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn about(state: tauri::State<'_, AppState>) -> Result<About, CommandError> {
    let keys = state.projects.keys();
    let (version, licence) = (env!("CARGO_PKG_VERSION"), env!("CARGO_PKG_LICENSE"));
    Ok(About::gather(version, licence, state.config_dir(), state.data_dir(), keys).await)
}
