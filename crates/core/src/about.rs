//! What the app says about itself on its first screen: name, version and where its files live.

use serde::Serialize;
use std::path::Path;

/// The app's name as users see it.
pub const APP_NAME: &str = "Bucketdesk";

/// A small view model for the UI's header and "About" panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub config_dir: String,
}

impl AppInfo {
    pub fn new(version: &str, config_dir: &Path) -> Self {
        AppInfo {
            name: APP_NAME.to_string(),
            version: version.to_string(),
            config_dir: config_dir.display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_with_the_field_names_the_ui_reads() {
        let info = AppInfo::new("1.2.3", Path::new("/cfg"));
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"name": "Bucketdesk", "version": "1.2.3", "configDir": "/cfg"})
        );
    }
}
