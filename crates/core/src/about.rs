//! What the app says about itself: name, version and config folder for the first screen, and for
//! the About view also its licence, where its data and logs go and whether the keychain works now.

use serde::Serialize;
use std::path::Path;

use crate::{KeyStore, SecretError};

/// The app's name as users see it.
pub const APP_NAME: &str = "Bucketdesk";

/// Where the logs go: the shell writes them to standard error.
pub const LOGS: &str = "Standard error. Start Bucketdesk from a terminal to read them; \
     set BUCKETDESK_LOG=debug for more detail.";

/// The account the keychain probe reads. Never one the app stores a key under (those are `demo`
/// and `p` with 16 hex digits), and the probe only reads, so it finds nothing and changes nothing.
pub const KEYCHAIN_PROBE_ID: &str = "keychain-probe";

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

/// Everything the About view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct About {
    pub name: String,
    pub version: String,
    /// The SPDX licence expression, e.g. `MIT`.
    pub licence: String,
    pub config_dir: String,
    pub data_dir: String,
    pub logs: String,
    pub keychain: KeychainHealth,
}

/// The keychain back-end this build uses and what a read from it just gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeychainHealth {
    /// e.g. `Secret Service`.
    pub backend: String,
    /// The service name the keys are stored under.
    pub service: String,
    pub ok: bool,
    /// The [`SecretError::code`] when the read failed.
    pub code: Option<String>,
    /// What works, or what failed and what to do.
    pub message: String,
}

/// The system keychain the `keyring` crate talks to on this platform.
pub fn keychain_backend() -> &'static str {
    if cfg!(target_os = "macos") {
        "Keychain (macOS)"
    } else if cfg!(target_os = "windows") {
        "Credential Manager (Windows)"
    } else {
        "Secret Service (D-Bus)"
    }
}

impl KeychainHealth {
    /// What a read of the probe entry from the keychain under `service` answered.
    pub fn from_probe(service: &str, probe: Result<bool, SecretError>) -> Self {
        let (ok, code, message) = match probe {
            Ok(_) => (
                true,
                None,
                "Working: Bucketdesk can read and store API keys.".to_owned(),
            ),
            Err(e) => (false, Some(e.code().to_owned()), e.to_string()),
        };
        KeychainHealth {
            backend: keychain_backend().to_owned(),
            service: service.to_owned(),
            ok,
            code,
            message,
        }
    }

    /// Reads the probe entry from `keys` (off the async runtime) and says how that went.
    pub async fn probe(keys: &KeyStore) -> Self {
        Self::from_probe(keys.service(), keys.has(KEYCHAIN_PROBE_ID).await)
    }
}

impl About {
    /// The About view's facts; `version` and `licence` come from the shell's build, the keychain
    /// is asked now.
    pub async fn gather(
        version: &str,
        licence: &str,
        config_dir: &Path,
        data_dir: &Path,
        keys: &KeyStore,
    ) -> Self {
        About {
            name: APP_NAME.to_owned(),
            version: version.to_owned(),
            licence: licence.to_owned(),
            config_dir: config_dir.display().to_string(),
            data_dir: data_dir.display().to_string(),
            logs: LOGS.to_owned(),
            keychain: KeychainHealth::probe(keys).await,
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

    #[test]
    fn a_keychain_that_answers_is_working_whether_or_not_it_holds_the_probe() {
        for found in [false, true] {
            let health = KeychainHealth::from_probe("svc", Ok(found));
            assert!(health.ok);
            assert_eq!(health.code, None);
            assert!(health.message.starts_with("Working"), "{}", health.message);
        }
    }

    #[test]
    fn a_failed_read_says_why_with_the_keychain_errors_code_and_advice() {
        let err = SecretError::Locked {
            detail: "object locked".into(),
        };
        let health = KeychainHealth::from_probe("svc", Err(err.clone()));
        let json = serde_json::to_value(&health).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "backend": keychain_backend(),
                "service": "svc",
                "ok": false,
                "code": "keychain_locked",
                "message": err.to_string(),
            })
        );
        assert!(health.message.contains("Unlock"), "{}", health.message);
    }

    #[test]
    fn the_backend_is_the_one_this_platform_uses() {
        let expected = if cfg!(target_os = "linux") {
            "Secret Service"
        } else if cfg!(target_os = "macos") {
            "Keychain"
        } else {
            "Credential Manager"
        };
        assert!(keychain_backend().starts_with(expected));
    }
}
