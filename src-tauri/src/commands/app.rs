//! Commands about the app itself, and the first screen in one answer.

use crate::commands::browse::bucket_list;
use crate::commands::projects::{project_list, ProjectList};
use crate::{AppState, CommandError};
use bucketdesk_core::about::{About, AppInfo};
use bucketdesk_core::browse::BucketList;
use serde::Serialize;

/// The app's name, version and config folder, for the header.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, CommandError> {
    Ok(AppInfo::new(env!("CARGO_PKG_VERSION"), state.config_dir()))
}

/// Everything the window's first screen shows, in one round trip: the header, the projects, and
/// the buckets of the project it opens on (or why they could not be listed).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartScreen {
    info: AppInfo,
    projects: ProjectList,
    buckets: Option<BucketList>,
    buckets_error: Option<CommandError>,
}

/// The first screen: `app_info`, `list_projects` and the current project's `list_buckets` in one
/// call, so the window shows buckets one round trip after its scripts run instead of three.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn start_screen(state: tauri::State<'_, AppState>) -> Result<StartScreen, CommandError> {
    let info = AppInfo::new(env!("CARGO_PKG_VERSION"), state.config_dir());
    let projects = project_list(&state).await;
    let (buckets, buckets_error) = match bucket_list(&state, projects.current_id(), None).await {
        Ok(list) => (Some(list), None),
        Err(e) => (None, Some(e)),
    };
    Ok(StartScreen {
        info,
        projects,
        buckets,
        buckets_error,
    })
}

/// The About view: version, licence, folders, where logs go, and the keychain as it answers now.
#[tauri::command]
#[tracing::instrument(skip(state), err)]
pub async fn about(state: tauri::State<'_, AppState>) -> Result<About, CommandError> {
    let keys = state.projects.keys();
    let (version, licence) = (env!("CARGO_PKG_VERSION"), env!("CARGO_PKG_LICENSE"));
    Ok(About::gather(version, licence, state.config_dir(), state.data_dir(), keys).await)
}
