//! Commands about the app itself.

use crate::{AppState, CommandError};
use bucketdesk_core::about::AppInfo;

/// The app's name, version and config folder, for the header and the About panel.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, CommandError> {
    Ok(AppInfo::new(env!("CARGO_PKG_VERSION"), state.config_dir()))
}
