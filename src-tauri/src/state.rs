//! The state every command can reach: the profile store, the keychain, the demo server, one Appwrite
//! client per project, and the clipboard.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use appwrite_rest::{Client, Endpoint};
use bucketdesk_core::{KeyStore, Profile, ProfileStore, Recovered, DEMO_PROFILE_ID};

use crate::clipboard::AppClipboard;
use crate::demo::Demo;
use crate::CommandError;

/// Sets the keychain service name (tests use their own, so they never touch a user's entries).
pub const KEYRING_SERVICE_ENV: &str = "BUCKETDESK_KEYRING_SERVICE";

/// A project ready to talk to: its profile (the demo's made at run time) and its client.
#[derive(Clone)]
pub struct Connection {
    pub profile: Profile,
    pub endpoint: Endpoint,
    pub client: Client,
}

/// Shared app state, managed by Tauri.
pub struct AppState {
    config_dir: PathBuf,
    store: Mutex<ProfileStore>,
    recovered: Mutex<Option<Recovered>>,
    pub keys: KeyStore,
    pub demo: Demo,
    clients: Mutex<HashMap<String, Connection>>,
    pub clipboard: AppClipboard,
}

impl AppState {
    /// Loads the profiles from `config_dir` (setting a damaged file aside) and prepares the demo in
    /// `data_dir`. Nothing touches the network here.
    pub fn new(config_dir: PathBuf, data_dir: PathBuf) -> Self {
        let loaded = ProfileStore::load(&config_dir);
        let service = std::env::var(KEYRING_SERVICE_ENV)
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| bucketdesk_core::APP_SERVICE.to_string());
        AppState {
            config_dir,
            store: Mutex::new(loaded.store),
            recovered: Mutex::new(loaded.recovered),
            keys: KeyStore::new(&service),
            demo: Demo::new(data_dir.join("demo-sandbox")),
            clients: Mutex::new(HashMap::new()),
            clipboard: AppClipboard::default(),
        }
    }

    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    /// The profile store (held only for quick, synchronous edits).
    pub fn store(&self) -> MutexGuard<'_, ProfileStore> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The notice about a damaged profiles file, shown once.
    pub fn recovered(&self) -> Option<Recovered> {
        self.recovered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Forgets the cached client of a project (after its profile or key changed).
    pub fn forget_client(&self, profile_id: &str) {
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(profile_id);
    }

    /// The project's connection: the cached one, or a new client built from its profile and its key
    /// from the keychain (the demo's from the running demo server).
    pub async fn connect(&self, profile_id: &str) -> Result<Connection, CommandError> {
        if let Some(found) = self
            .clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(profile_id)
        {
            return Ok(found.clone());
        }
        let (profile, key) = if profile_id == DEMO_PROFILE_ID {
            let demo = self.demo.connection().await?;
            (Profile::demo(&demo.endpoint, &demo.project_id), demo.key)
        } else {
            let profile = self.store().get(profile_id).cloned().ok_or_else(|| {
                CommandError::new(
                    "profile_not_found",
                    "This project is no longer configured. Pick another one in the sidebar.",
                )
            })?;
            let keys = self.keys.clone();
            let id = profile.id.clone();
            let key = tokio::task::spawn_blocking(move || keys.get(&id))
                .await
                .map_err(CommandError::internal)??
                .ok_or_else(|| {
                    CommandError::new(
                        "no_key",
                        format!(
                            "No API key is stored for \"{}\". Edit the project and enter its key.",
                            profile.name
                        ),
                    )
                })?;
            (profile, key)
        };
        let endpoint = profile.endpoint().map_err(CommandError::from)?;
        let client = Client::builder(endpoint.as_str(), &profile.project_id, key)
            .accept_invalid_certs(profile.accept_invalid_certs)
            .build()?;
        let connection = Connection {
            profile,
            endpoint,
            client,
        };
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(profile_id.to_string(), connection.clone());
        Ok(connection)
    }
}
