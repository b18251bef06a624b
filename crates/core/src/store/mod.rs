//! The profile store: one versioned `profiles.json` in the config folder, never holding a secret.
//! Every change locks the file, re-reads it, applies itself to what is on disk and writes it
//! atomically, so two running Bucketdesks lose nothing; a bad file is set aside, never deleted.

mod atomic;
mod error;
mod format;
mod lock;
mod recovery;
mod transfer;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

pub(crate) use atomic::atomic_write;
pub use error::StoreError;
pub use format::{LastOpened, FORMAT_VERSION, PROFILES_FILE};
pub use recovery::{Recovered, RecoveryReason, SetAside};
pub use transfer::{ImportReport, ImportedProfile, SkippedEntry, ALREADY_PRESENT};

use crate::profile::{new_profile_id, Profile, ProfileInput};
pub use crate::profile::{DEMO_PROFILE_ID, DEMO_PROFILE_NAME};
use error::Result;
use format::Contents;
use lock::FileLock;

/// The lock file beside the profiles file (kept, empty, once a change has been saved).
pub const PROFILES_LOCK_FILE: &str = "profiles.json.lock";

/// What [`ProfileStore::load`] gives.
#[derive(Debug)]
pub struct Loaded {
    pub store: ProfileStore,
    /// Set when the file was bad and set aside.
    pub recovered: Option<Recovered>,
}

/// The user's profiles (the built-in demo profile is not among them; see [`crate::view`]) and
/// the last place they were, as last read from or written to disk. Every change is written to
/// disk before it is kept in memory.
#[derive(Debug)]
pub struct ProfileStore {
    path: PathBuf,
    contents: Contents,
    /// Set when a bad file could not be set aside: saving would overwrite it, so saves are refused.
    blocked: bool,
}

impl ProfileStore {
    /// Reads `profiles.json` from `config_dir`. A missing file gives an empty store. A damaged,
    /// unreadable or newer-version file is renamed to `profiles.json.corrupt-<UTC time>` and an
    /// empty store is returned with a [`Recovered`] notice; a file with some invalid profiles is
    /// copied aside the same way and rewritten with the valid ones. Never fails: a bad file that
    /// can't be set aside is left untouched, and the store it gives refuses to save over it.
    pub fn load(config_dir: impl Into<PathBuf>) -> Loaded {
        Self::load_at(config_dir, Utc::now())
    }

    /// [`ProfileStore::load`] with the time used to name a set-aside file.
    pub fn load_at(config_dir: impl Into<PathBuf>, now: DateTime<Utc>) -> Loaded {
        let config_dir = config_dir.into();
        let path = config_dir.join(PROFILES_FILE);
        let (contents, reason) = read_for_load(&path);
        let mut store = ProfileStore {
            path,
            contents,
            blocked: false,
        };
        if reason.is_none() {
            return Loaded {
                store,
                recovered: None,
            };
        }
        // Another Bucketdesk may be rewriting or setting aside the same file: look again while
        // holding the lock (when it can be had: a config folder that can't hold it can't hold a
        // set-aside copy either, and that is reported below).
        let _lock = FileLock::acquire(&config_dir.join(PROFILES_LOCK_FILE)).ok();
        let (contents, reason) = read_for_load(&store.path);
        store.contents = contents;
        let Some(reason) = reason else {
            return Loaded {
                store,
                recovered: None,
            };
        };
        tracing::warn!(path = %store.path.display(), %reason, "profiles file is bad");
        let kept = store.contents.profiles.len();
        let set_aside = recovery::set_aside(&store.path, now, kept > 0);
        match set_aside {
            SetAside::To(_) if kept > 0 => {
                if let Err(e) = store.write(&store.contents) {
                    tracing::warn!(error = %e, "could not rewrite the profiles file after setting it aside");
                }
            }
            SetAside::To(_) => {}
            SetAside::NotMoved { .. } => store.blocked = true,
        }
        Loaded {
            store,
            recovered: Some(Recovered {
                set_aside,
                reason,
                kept,
            }),
        }
    }

    /// The profile file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The user's profiles, in their order (the demo profile is not among them).
    pub fn profiles(&self) -> &[Profile] {
        &self.contents.profiles
    }

    /// One profile by id.
    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.contents.get(id)
    }

    /// The last project, bucket, folder and file opened.
    pub fn last(&self) -> Option<&LastOpened> {
        self.contents.last.as_ref()
    }

    /// Adds a profile with a fresh id and saves.
    pub fn add(&mut self, input: ProfileInput) -> Result<Profile> {
        let mut profile = Profile::new(input)?;
        self.change(|contents| {
            while contents.get(&profile.id).is_some() {
                profile.id = new_profile_id();
            }
            contents.profiles.push(profile.clone());
            Ok(profile)
        })
    }

    /// Replaces a profile's fields (its id and place stay) and saves.
    pub fn update(&mut self, id: &str, input: ProfileInput) -> Result<Profile> {
        not_demo(id)?;
        let profile = Profile::with_id(id.to_owned(), input)?;
        self.change(|contents| {
            let index = contents.index(id)?;
            contents.profiles[index] = profile.clone();
            Ok(profile)
        })
    }

    /// Removes a profile and saves; forgets it as the last one opened. Its keychain entry is the
    /// caller's to delete.
    pub fn remove(&mut self, id: &str) -> Result<Profile> {
        not_demo(id)?;
        self.change(|contents| {
            let index = contents.index(id)?;
            if contents.last.as_ref().is_some_and(|l| l.profile_id == id) {
                contents.last = None;
            }
            Ok(contents.profiles.remove(index))
        })
    }

    /// Copies a profile (new id, "<name> copy"), places it after the original and saves. The
    /// caller copies the keychain entry if it wants the key too.
    pub fn duplicate(&mut self, id: &str) -> Result<Profile> {
        not_demo(id)?;
        self.change(|contents| {
            let index = contents.index(id)?;
            let names: Vec<&str> = contents.profiles.iter().map(|p| p.name.as_str()).collect();
            let mut copy = contents.profiles[index].duplicate(names.iter().copied());
            while contents.get(&copy.id).is_some() {
                copy.id = new_profile_id();
            }
            contents.profiles.insert(index + 1, copy.clone());
            Ok(copy)
        })
    }

    /// Remembers the last project (a stored one or the demo), bucket, folder and file, and saves.
    pub fn remember(&mut self, last: LastOpened) -> Result<()> {
        let last = last.tidy();
        self.change(|contents| {
            if last.profile_id != DEMO_PROFILE_ID && contents.get(&last.profile_id).is_none() {
                return Err(StoreError::NotFound(last.profile_id));
            }
            contents.last = Some(last);
            Ok(())
        })
    }

    /// Every profile as JSON (`{"version":1,"profiles":[…]}`): no keys, no last-opened place.
    pub fn export_json(&self) -> String {
        transfer::export_text(&self.contents.profiles)
    }

    /// Writes [`ProfileStore::export_json`] to `path`, atomically.
    pub fn export_to(&self, path: &Path) -> Result<()> {
        atomic_write(path, self.export_json().as_bytes()).map_err(|source| StoreError::Io {
            action: "write the export to",
            path: path.to_owned(),
            source,
        })
    }

    /// Adds the profiles in an export (or a bare list of profiles). Each entry is validated on
    /// its own and a bad one is skipped with its reason, as is one whose endpoint and project id
    /// are already there ([`ALREADY_PRESENT`]). Every imported profile gets a fresh id and no
    /// pinned certificate ([`ImportReport::trust_reset`] names those that had one). Fields
    /// other than a profile's (an API key, say) are ignored. Nothing changes when the text is
    /// not a profile list or saving fails.
    pub fn import_json(&mut self, text: &str) -> Result<ImportReport> {
        let document = transfer::read_import(text)?;
        self.change(|contents| Ok(transfer::import(contents, document)))
    }

    /// One change, safe against another Bucketdesk on the same folder: under the lock, the file
    /// is read again, `apply` changes what it holds, and the result is written (unless nothing
    /// changed); memory then takes what is on disk. On any failure memory and disk stay as they
    /// were. A file that became unusable meanwhile is not written over.
    fn change<T>(&mut self, apply: impl FnOnce(&mut Contents) -> Result<T>) -> Result<T> {
        if self.blocked {
            return Err(StoreError::Blocked {
                path: self.path.clone(),
            });
        }
        let lock_path = self.path.with_file_name(PROFILES_LOCK_FILE);
        let lock = FileLock::acquire(&lock_path).map_err(|source| StoreError::Io {
            action: "lock",
            path: lock_path,
            source,
        })?;
        let mut contents = self.read_for_change()?;
        let before = contents.clone();
        let value = apply(&mut contents)?;
        if contents != before {
            self.write(&contents)?;
        }
        drop(lock);
        self.contents = contents;
        Ok(value)
    }

    fn read_for_change(&self) -> Result<Contents> {
        let bytes = match fs::read(&self.path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Contents::default()),
            Err(source) => {
                return Err(StoreError::Io {
                    action: "read the profiles from",
                    path: self.path.clone(),
                    source,
                })
            }
            Ok(bytes) => bytes,
        };
        let reason = match format::read_file(&bytes) {
            Ok((contents, invalid)) if invalid.is_empty() => return Ok(contents),
            Ok((_, invalid)) => RecoveryReason::InvalidEntries(invalid),
            Err(e) => e.into(),
        };
        Err(StoreError::Damaged {
            path: self.path.clone(),
            reason,
        })
    }

    fn write(&self, contents: &Contents) -> Result<()> {
        let text = format::to_text(&contents.profiles, contents.last.as_ref());
        atomic_write(&self.path, text.as_bytes()).map_err(|source| StoreError::Io {
            action: "save the profiles to",
            path: self.path.clone(),
            source,
        })
    }
}

/// What the file at `path` holds for a fresh start, and why it must be set aside, if it must.
fn read_for_load(path: &Path) -> (Contents, Option<RecoveryReason>) {
    match fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => (Contents::default(), None),
        Err(e) => (
            Contents::default(),
            Some(RecoveryReason::Unreadable(e.to_string())),
        ),
        Ok(bytes) => match format::read_file(&bytes) {
            Ok((contents, invalid)) if invalid.is_empty() => (contents, None),
            Ok((contents, invalid)) => (contents, Some(RecoveryReason::InvalidEntries(invalid))),
            Err(e) => (Contents::default(), Some(e.into())),
        },
    }
}

fn not_demo(id: &str) -> Result<()> {
    if id == DEMO_PROFILE_ID {
        Err(StoreError::DemoReadOnly)
    } else {
        Ok(())
    }
}

impl Contents {
    fn get(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    fn index(&self, id: &str) -> Result<usize> {
        self.profiles
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| StoreError::NotFound(id.to_owned()))
    }
}

#[cfg(test)]
mod tests;
