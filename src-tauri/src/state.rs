//! The state every command can reach: where the app keeps its files (profiles and clients come later).

use std::path::PathBuf;

/// Shared app state, managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    config_dir: PathBuf,
}

impl AppState {
    pub fn new(config_dir: PathBuf) -> Self {
        AppState { config_dir }
    }

    pub fn config_dir(&self) -> &std::path::Path {
        &self.config_dir
    }
}
