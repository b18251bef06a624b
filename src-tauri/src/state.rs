//! The state every command can reach: the projects (profile store and keychain), the demo server,
//! one Appwrite client per project, and the clipboard.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use appwrite_rest::{Client, Endpoint};
use bucketdesk_core::folders::Folders;
use bucketdesk_core::projects::{client_for, Projects};
use bucketdesk_core::{KeyStore, Profile, ProfileStore, Recovered, SettingsStore, DEMO_PROFILE_ID};

use crate::clipboard::AppClipboard;
use crate::demo::Demo;
use crate::CommandError;

/// Sets the keychain service name (tests use their own, so they never touch a user's entries).
pub const KEYRING_SERVICE_ENV: &str = "BUCKETDESK_KEYRING_SERVICE";
/// A test hook: when set, exports go to this folder without the save dialog (a native dialog can't
/// be driven by WebDriver or the mock runtime); else Export asks where with the platform's dialog.
pub const EXPORT_DIR_ENV: &str = "BUCKETDESK_EXPORT_DIR";

/// Where the app keeps things and which keychain service it uses.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub keyring_service: String,
    /// The test hook for exports (see [`EXPORT_DIR_ENV`]): written here without asking; `None`:
    /// the platform's save dialog asks.
    pub export_dir: Option<PathBuf>,
}

impl Settings {
    /// The folders given, and the keychain service and export folder from the environment when
    /// set there.
    pub fn from_env(config_dir: PathBuf, data_dir: PathBuf) -> Self {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        Settings {
            config_dir,
            data_dir,
            keyring_service: var(KEYRING_SERVICE_ENV)
                .and_then(|s| s.into_string().ok())
                .unwrap_or_else(|| bucketdesk_core::APP_SERVICE.to_owned()),
            export_dir: var(EXPORT_DIR_ENV).map(PathBuf::from),
        }
    }
}

/// A project ready to talk to: its profile (the demo's made at run time), its client, and what is
/// known of its server's folders (whether it has them, each bucket's folder index), which lives
/// as long as the client: a changed profile or key starts afresh.
#[derive(Clone)]
pub struct Connection {
    pub profile: Profile,
    pub endpoint: Endpoint,
    pub client: Client,
    pub folders: Arc<Folders>,
}

/// Shared app state, managed by Tauri.
pub struct AppState {
    config_dir: PathBuf,
    data_dir: PathBuf,
    pub export_dir: Option<PathBuf>,
    pub projects: Projects,
    recovered: Option<Recovered>,
    pub demo: Demo,
    clients: Mutex<HashMap<String, Connection>>,
    pub clipboard: AppClipboard,
    app_settings: Mutex<SettingsStore>,
}

impl AppState {
    /// Loads the profiles (setting a damaged file aside) and the app's settings, and prepares the
    /// demo in the data folder. Nothing touches the network here.
    pub fn new(settings: Settings) -> Self {
        let loaded = ProfileStore::load(&settings.config_dir);
        AppState {
            app_settings: Mutex::new(SettingsStore::load(&settings.config_dir)),
            projects: Projects::new(loaded.store, KeyStore::new(&settings.keyring_service)),
            recovered: loaded.recovered,
            demo: Demo::new(settings.data_dir.join("demo-sandbox")),
            config_dir: settings.config_dir,
            data_dir: settings.data_dir,
            export_dir: settings.export_dir,
            clients: Mutex::new(HashMap::new()),
            clipboard: AppClipboard::default(),
        }
    }

    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The app's settings (theme, new projects' defaults, bulk links format).
    pub fn app_settings(&self) -> MutexGuard<'_, SettingsStore> {
        self.app_settings.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The notice about a damaged profiles file.
    pub fn recovered(&self) -> Option<&Recovered> {
        self.recovered.as_ref()
    }

    /// Forgets the cached client of a project (after its profile or key changed).
    pub fn forget_client(&self, profile_id: &str) {
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(profile_id);
    }

    /// Drops a bucket's folder index after the app changed its files (an upload, a delete), so
    /// the next subfolders are walked afresh. Nothing to do for a project not connected yet.
    pub fn folders_changed(&self, profile_id: &str, bucket_id: &str) {
        if let Some(connection) = self.cached(profile_id) {
            connection.folders.invalidate(bucket_id);
        }
    }

    fn cached(&self, profile_id: &str) -> Option<Connection> {
        let clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.get(profile_id).cloned()
    }

    /// The project's connection: the cached one, or a new client built from its profile and its key
    /// from the keychain (the demo's from the running demo server).
    pub async fn connect(&self, profile_id: &str) -> Result<Connection, CommandError> {
        if let Some(found) = self.cached(profile_id) {
            return Ok(found);
        }
        let (profile, key) = if profile_id == DEMO_PROFILE_ID {
            let demo = self.demo.connection().await?;
            (Profile::demo(&demo.endpoint, &demo.project_id), demo.key)
        } else {
            let profile = self.projects.profile(profile_id)?;
            let key = self.projects.key(&profile).await?;
            (profile, key)
        };
        let client = client_for(&profile, key)?;
        let connection = Connection {
            endpoint: client.endpoint().clone(),
            profile,
            client,
            folders: Arc::new(Folders::new()),
        };
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(profile_id.to_owned(), connection.clone());
        Ok(connection)
    }
}
