//! The projects service: the profile store and the keychain kept in step. A new project is saved
//! only with its key; a key follows its project's origin and id (an edit that moves the project
//! elsewhere needs the key again); a duplicate gets a copy of the key; on delete the key goes
//! first.

use std::sync::{Mutex, MutexGuard};

use appwrite_rest::ApiKey;

use crate::profile::{Profile, ProfileError, ProfileInput, DEMO_PROFILE_ID};
use crate::secrets::{KeyStore, SecretError};
use crate::store::{ProfileStore, StoreError};
use crate::view::{projects, ProjectEntry};

/// Why a project could not be saved, found or deleted. Every message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error("This project is no longer configured. Pick another one in the sidebar.")]
    NotFound,
    #[error(
        "The demo project is built in and cannot be deleted. Use \"Reset demo data\" to start it \
         afresh."
    )]
    DemoReadOnly,
    #[error("Enter the project's API key. Bucketdesk keeps it in the system keychain only.")]
    NoKey,
    #[error("No API key is stored for \"{name}\". Edit the project and enter its key.")]
    NoStoredKey { name: String },
    #[error(
        "Enter the API key again: the project now points to another server or project, and the \
         stored key belongs to the old one."
    )]
    KeyRequired,
}

impl ProjectError {
    /// A stable machine code; store, keychain and profile errors keep their own.
    pub fn code(&self) -> &'static str {
        match self {
            ProjectError::Store(e) => e.code(),
            ProjectError::Secret(e) => e.code(),
            ProjectError::Profile(e) => e.code(),
            ProjectError::NotFound => "profile_not_found",
            ProjectError::DemoReadOnly => "demo_profile_read_only",
            ProjectError::NoKey | ProjectError::NoStoredKey { .. } => "no_key",
            ProjectError::KeyRequired => "key_required",
        }
    }

    /// The form field the error is about, in the editor's names (`endpoint`, `apiKey`, ...).
    pub fn field(&self) -> Option<String> {
        match self {
            ProjectError::Profile(e) => serde_json::to_value(e.field)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned)),
            ProjectError::NoKey | ProjectError::KeyRequired => Some("apiKey".to_owned()),
            _ => None,
        }
    }
}

/// A project as the sidebar shows it: never the key, only whether one is stored.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSummary {
    #[serde(flatten)]
    pub entry: ProjectEntry,
    pub has_key: bool,
}

/// The profile store and the keychain, changed together.
#[derive(Debug)]
pub struct Projects {
    store: Mutex<ProfileStore>,
    keys: KeyStore,
}

impl Projects {
    pub fn new(store: ProfileStore, keys: KeyStore) -> Self {
        Projects {
            store: Mutex::new(store),
            keys,
        }
    }

    /// The profile store, held only for quick, synchronous reads and edits.
    pub fn store(&self) -> MutexGuard<'_, ProfileStore> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn keys(&self) -> &KeyStore {
        &self.keys
    }

    /// A stored profile.
    pub fn profile(&self, id: &str) -> Result<Profile, ProjectError> {
        self.store().get(id).cloned().ok_or(ProjectError::NotFound)
    }

    /// The stored key of a profile; a profile without one is an error that says to add it.
    pub async fn key(&self, profile: &Profile) -> Result<ApiKey, ProjectError> {
        self.keys
            .get(&profile.id)
            .await?
            .ok_or_else(|| ProjectError::NoStoredKey {
                name: profile.name.clone(),
            })
    }

    /// Every project, the demo first, each with whether its key is stored.
    pub async fn summaries(&self) -> Vec<ProjectSummary> {
        let entries = projects(self.store().profiles(), None);
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries {
            out.push(self.with_key_state(entry).await);
        }
        out
    }

    /// One project's summary (asking the keychain about that project only).
    pub async fn summary(&self, id: &str) -> Result<ProjectSummary, ProjectError> {
        let entry = projects(self.store().profiles(), None)
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(ProjectError::NotFound)?;
        Ok(self.with_key_state(entry).await)
    }

    async fn with_key_state(&self, entry: ProjectEntry) -> ProjectSummary {
        let has_key =
            entry.id == DEMO_PROFILE_ID || matches!(self.keys.has(&entry.id).await, Ok(true));
        ProjectSummary { entry, has_key }
    }

    /// Adds a project (`id` `None`) with its key, or edits one. A blank key counts as none. A new
    /// project whose key the keychain refuses is taken back. An edit that changes the endpoint's
    /// origin or the project id needs a new key, so the old one is never sent to the new place.
    pub async fn save(
        &self,
        id: Option<&str>,
        input: ProfileInput,
        key: Option<ApiKey>,
    ) -> Result<Profile, ProjectError> {
        let key = key.filter(|k| !k.expose().trim().is_empty());
        let input = input.validate()?;
        let Some(id) = id else {
            let key = key.ok_or(ProjectError::NoKey)?;
            let saved = self.store().add(input)?;
            if let Err(e) = self.keys.set(&saved.id, &key).await {
                if let Err(undo) = self.store().remove(&saved.id) {
                    tracing::warn!(error = %undo, "a project saved without its key stays");
                }
                return Err(e.into());
            }
            return Ok(saved);
        };
        let old = self.profile(id)?;
        if key.is_none() && old.key_scope_changed(&input) {
            return Err(ProjectError::KeyRequired);
        }
        let saved = self.store().update(id, input)?;
        if let Some(key) = key {
            if let Err(e) = self.keys.set(id, &key).await {
                // The profile goes back to where its stored key belongs.
                if let Err(undo) = self.store().update(id, old.input()) {
                    tracing::warn!(error = %undo, "an edited project could not be put back");
                }
                return Err(e.into());
            }
        }
        Ok(saved)
    }

    /// Copies a project under a new name, with a copy of its key when the keychain has one (a
    /// key that can't be copied is logged; the copy then asks for one).
    pub async fn duplicate(&self, id: &str) -> Result<Profile, ProjectError> {
        let copy = self.store().duplicate(id)?;
        let copied = match self.keys.get(id).await {
            Ok(Some(key)) => self.keys.set(&copy.id, &key).await,
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
        if let Err(e) = copied {
            tracing::warn!(error = %e, "the duplicate's key could not be copied");
        }
        Ok(copy)
    }

    /// Deletes a project and its key. The key goes first: if the keychain refuses, the project
    /// is kept, so no key is ever left without its project.
    pub async fn delete(&self, id: &str) -> Result<(), ProjectError> {
        if id == DEMO_PROFILE_ID {
            return Err(ProjectError::DemoReadOnly);
        }
        self.profile(id)?;
        self.keys.delete(id).await?;
        self.store().remove(id)?;
        Ok(())
    }
}

/// The client for a stored (or the demo's) profile with its key: its endpoint, project and
/// transport choices (a trusted certificate, plain HTTP only where allowed).
pub fn client_for(profile: &Profile, key: ApiKey) -> appwrite_rest::Result<appwrite_rest::Client> {
    transport_client(
        &profile.endpoint,
        &profile.project_id,
        profile.pinned_certificate.as_deref(),
        profile.allow_insecure_http,
        key,
    )
}

/// The one way a client is made, for a saved project and a draft alike: the endpoint, the
/// project, the pinned certificate and the plain-HTTP choice, each enforced by the client.
pub(crate) fn transport_client(
    endpoint: &str,
    project_id: &str,
    pinned_certificate: Option<&str>,
    allow_insecure_http: bool,
    key: ApiKey,
) -> appwrite_rest::Result<appwrite_rest::Client> {
    let pin = pinned_certificate
        .map(appwrite_rest::CertFingerprint::parse)
        .transpose()?;
    appwrite_rest::Client::builder(endpoint, project_id, key)
        .pinned_certificate(pin)
        .allow_insecure_http(allow_insecure_http)
        .build()
}

/// A new export's file name, stamped with the local time:
/// `bucketdesk-projects-20260105-140300.json`.
pub fn export_file_name(now: chrono::DateTime<chrono::Local>) -> String {
    format!("bucketdesk-projects-{}.json", now.format("%Y%m%d-%H%M%S"))
}
