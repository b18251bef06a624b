//! Where Bucketdesk keeps its files: the config folder, overridable with `BUCKETDESK_CONFIG_DIR`.

use std::path::{Path, PathBuf};

/// The environment variable that moves the config folder (tests and portable installs use it).
pub const CONFIG_DIR_ENV: &str = "BUCKETDESK_CONFIG_DIR";

/// The environment variable that moves the data folder (where the demo project's server keeps its
/// files).
pub const DATA_DIR_ENV: &str = "BUCKETDESK_DATA_DIR";

/// The data folder: `BUCKETDESK_DATA_DIR` when it is set and not empty, else the platform's
/// default.
pub fn data_dir(platform_default: &Path) -> PathBuf {
    config_dir_from(std::env::var_os(DATA_DIR_ENV), platform_default)
}

/// The config folder: `BUCKETDESK_CONFIG_DIR` when it is set and not empty, else the platform's
/// default (which the shell passes in, since only it knows the OS conventions and the app
/// identifier).
pub fn config_dir(platform_default: &Path) -> PathBuf {
    config_dir_from(std::env::var_os(CONFIG_DIR_ENV), platform_default)
}

fn config_dir_from(env_value: Option<std::ffi::OsString>, platform_default: &Path) -> PathBuf {
    match env_value {
        Some(value) if !value.is_empty() => PathBuf::from(value),
        _ => platform_default.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_override_wins_over_the_platform_default() {
        let dir = config_dir_from(
            Some("/tmp/elsewhere".into()),
            Path::new("/home/u/.config/app"),
        );
        assert_eq!(dir, PathBuf::from("/tmp/elsewhere"));
    }

    #[test]
    fn an_unset_or_empty_override_keeps_the_platform_default() {
        let default = Path::new("/home/u/.config/app");
        assert_eq!(config_dir_from(None, default), default);
        assert_eq!(config_dir_from(Some("".into()), default), default);
    }
}
