//! The profile store: one versioned `profiles.json` in the config folder, written atomically, never holding a secret; a bad file is set aside, never deleted; export and import without keys.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::profile::{check_id, new_profile_id, Profile, ProfileError, ProfileInput};
pub use crate::profile::{DEMO_PROFILE_ID, DEMO_PROFILE_NAME};

/// The file's name inside the config folder.
pub const PROFILES_FILE: &str = "profiles.json";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// The last project, bucket and file the user had open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LastOpened {
    pub profile_id: String,
    #[serde(default)]
    pub bucket_id: Option<String>,
    #[serde(default)]
    pub file_id: Option<String>,
}

/// Why the profile file was set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum RecoveryReason {
    /// It could not be read at all (permissions, not a file, …).
    Unreadable(String),
    /// It is not a profile file (bad JSON, wrong shape, bad version).
    Corrupt(String),
    /// A newer Bucketdesk wrote it, in a format version this one doesn't know.
    NewerVersion(u64),
    /// Some profiles in it were invalid and were left out; the others were kept.
    InvalidEntries(Vec<String>),
}

impl std::fmt::Display for RecoveryReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecoveryReason::Unreadable(e) => write!(f, "it could not be read: {e}"),
            RecoveryReason::Corrupt(e) => write!(f, "it is damaged: {e}"),
            RecoveryReason::NewerVersion(v) => write!(
                f,
                "a newer Bucketdesk wrote it (format version {v}, this one reads version {FORMAT_VERSION})"
            ),
            RecoveryReason::InvalidEntries(list) => {
                write!(f, "some profiles in it were invalid: {}", list.join("; "))
            }
        }
    }
}

/// Where a bad profiles file went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", content = "path", rename_all = "snake_case")]
pub enum SetAside {
    /// Moved (or, when some profiles were kept, copied) to this path.
    To(PathBuf),
    /// It could not be moved or copied (the error says why), so it stays where it was, untouched,
    /// and the store refuses to save over it until Bucketdesk is restarted after the user fixes it.
    NotMoved { path: PathBuf, error: String },
}

/// The notice `load` gives when the file was bad, so the app can tell the user where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recovered {
    pub set_aside: SetAside,
    pub reason: RecoveryReason,
    /// How many profiles were kept from it.
    pub kept: usize,
}

impl Recovered {
    /// Where the original file now is, when it could be set aside.
    pub fn moved_to(&self) -> Option<&Path> {
        match &self.set_aside {
            SetAside::To(path) => Some(path),
            SetAside::NotMoved { .. } => None,
        }
    }

    /// A sentence for the user.
    pub fn message(&self) -> String {
        let kept = match self.kept {
            0 => "Bucketdesk started without saved profiles".to_owned(),
            1 => "1 profile was kept".to_owned(),
            n => format!("{n} profiles were kept"),
        };
        match &self.set_aside {
            SetAside::To(moved_to) => format!(
                "The profiles file was set aside because {}. The original is at {}; {kept}.",
                self.reason,
                moved_to.display()
            ),
            SetAside::NotMoved { path, error } => format!(
                "The profiles file at {} can't be used because {}, and it could not be set aside \
                 ({error}). {kept}, and nothing will be saved over that file: move or delete it, \
                 then restart Bucketdesk.",
                path.display(),
                self.reason
            ),
        }
    }
}

/// What [`ProfileStore::load`] gives.
#[derive(Debug)]
pub struct Loaded {
    pub store: ProfileStore,
    /// Set when the file was bad and set aside.
    pub recovered: Option<Recovered>,
}

/// A profile read by an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedProfile {
    pub id: String,
    pub name: String,
    /// The id in the imported file when it had to change (missing, invalid, or already taken).
    pub id_changed_from: Option<String>,
}

/// An entry an import left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedEntry {
    /// 1-based position in the imported list.
    pub position: usize,
    /// The entry's name, when it had one.
    pub name: Option<String>,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: Vec<ImportedProfile>,
    pub skipped: Vec<SkippedEntry>,
}

/// Profile store failures.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the profiles file {} is damaged and could not be set aside, so nothing is saved over it; move or delete it, then restart Bucketdesk", path.display())]
    Blocked { path: PathBuf },
    #[error("no profile with id {0:?}")]
    NotFound(String),
    #[error("the demo project is built in and can't be edited or deleted")]
    DemoReadOnly,
    #[error(transparent)]
    Invalid(#[from] ProfileError),
    #[error("this is not a Bucketdesk profiles file: {0}")]
    ImportInvalid(String),
    #[error("the file was exported by a newer Bucketdesk (format version {0}); update Bucketdesk to import it")]
    ImportNewerVersion(u64),
}

impl StoreError {
    /// A stable machine code: `store_io`, `store_blocked`, `profile_not_found`,
    /// `demo_profile_read_only`, `invalid_profile`, `import_invalid`, `import_newer_version`.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Io { .. } => "store_io",
            StoreError::Blocked { .. } => "store_blocked",
            StoreError::NotFound(_) => "profile_not_found",
            StoreError::DemoReadOnly => "demo_profile_read_only",
            StoreError::Invalid(e) => e.code(),
            StoreError::ImportInvalid(_) => "import_invalid",
            StoreError::ImportNewerVersion(_) => "import_newer_version",
        }
    }
}

type Result<T> = std::result::Result<T, StoreError>;

/// The user's profiles (the built-in demo profile is not among them; see [`crate::view`]) and
/// the last place they were. Every change is written to disk before it is kept in memory.
#[derive(Debug)]
pub struct ProfileStore {
    path: PathBuf,
    profiles: Vec<Profile>,
    last: Option<LastOpened>,
    /// Set when a bad file could not be set aside: saving would overwrite it, so saves are refused.
    blocked: bool,
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    profiles: &'a [Profile],
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<&'a LastOpened>,
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
        let path = config_dir.into().join(PROFILES_FILE);
        let (profiles, last, reason) = match fs::read(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Vec::new(), None, None),
            Err(e) => (
                Vec::new(),
                None,
                Some(RecoveryReason::Unreadable(e.to_string())),
            ),
            Ok(bytes) => match parse_file(&bytes) {
                Ok((profiles, last, invalid)) if invalid.is_empty() => (profiles, last, None),
                Ok((profiles, last, invalid)) => (
                    profiles,
                    last,
                    Some(RecoveryReason::InvalidEntries(invalid)),
                ),
                Err(reason) => (Vec::new(), None, Some(reason)),
            },
        };
        let mut store = ProfileStore {
            path,
            profiles,
            last,
            blocked: false,
        };
        let Some(reason) = reason else {
            return Loaded {
                store,
                recovered: None,
            };
        };
        let kept = store.profiles.len();
        // With profiles worth keeping the original is copied, then rewritten with just those;
        // otherwise it is moved, and the next save starts a new file.
        let target = aside_name(&store.path, now);
        let outcome = if kept > 0 {
            fs::copy(&store.path, &target).map(|_| ())
        } else {
            fs::rename(&store.path, &target)
        };
        let set_aside = match outcome {
            Ok(()) => {
                tracing::warn!(moved_to = %target.display(), %reason, "profiles file set aside");
                if kept > 0 {
                    if let Err(e) = store.write(&store.profiles, store.last.as_ref()) {
                        tracing::warn!(error = %e, "could not rewrite the profiles file after setting it aside");
                    }
                }
                SetAside::To(target)
            }
            Err(e) => {
                tracing::warn!(path = %store.path.display(), error = %e, %reason, "profiles file could not be set aside; saving is off");
                store.blocked = true;
                SetAside::NotMoved {
                    path: store.path.clone(),
                    error: e.to_string(),
                }
            }
        };
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
        &self.profiles
    }

    /// One profile by id.
    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The last project, bucket and file opened.
    pub fn last(&self) -> Option<&LastOpened> {
        self.last.as_ref()
    }

    /// Adds a profile with a fresh id and saves.
    pub fn add(&mut self, input: ProfileInput) -> Result<Profile> {
        let mut profile = Profile::new(input)?;
        while self.get(&profile.id).is_some() {
            profile.id = new_profile_id();
        }
        let mut profiles = self.profiles.clone();
        profiles.push(profile.clone());
        self.commit(profiles, self.last.clone())?;
        Ok(profile)
    }

    /// Replaces a profile's fields (its id stays) and saves.
    pub fn update(&mut self, id: &str, input: ProfileInput) -> Result<Profile> {
        let index = self.index(id)?;
        let profile = Profile::with_id(id.to_owned(), input)?;
        let mut profiles = self.profiles.clone();
        profiles[index] = profile.clone();
        self.commit(profiles, self.last.clone())?;
        Ok(profile)
    }

    /// Removes a profile and saves; forgets it as the last one opened. Its keychain entry is the
    /// caller's to delete.
    pub fn remove(&mut self, id: &str) -> Result<Profile> {
        let index = self.index(id)?;
        let mut profiles = self.profiles.clone();
        let removed = profiles.remove(index);
        let last = self.last.clone().filter(|l| l.profile_id != id);
        self.commit(profiles, last)?;
        Ok(removed)
    }

    /// Copies a profile (new id, "<name> copy"), places it after the original and saves. The
    /// caller copies the keychain entry if it wants the key too.
    pub fn duplicate(&mut self, id: &str) -> Result<Profile> {
        let index = self.index(id)?;
        let names: Vec<&str> = self.profiles.iter().map(|p| p.name.as_str()).collect();
        let mut copy = self.profiles[index].duplicate(names.iter().copied());
        while self.get(&copy.id).is_some() {
            copy.id = new_profile_id();
        }
        let mut profiles = self.profiles.clone();
        profiles.insert(index + 1, copy.clone());
        self.commit(profiles, self.last.clone())?;
        Ok(copy)
    }

    /// Remembers the last project (a stored one or the demo), bucket and file, and saves.
    pub fn remember(&mut self, last: LastOpened) -> Result<()> {
        if last.profile_id != DEMO_PROFILE_ID && self.get(&last.profile_id).is_none() {
            return Err(StoreError::NotFound(last.profile_id));
        }
        if self.last.as_ref() == Some(&last) {
            return Ok(());
        }
        self.commit(self.profiles.clone(), Some(last))
    }

    /// Every profile as JSON (`{"version":1,"profiles":[…]}`): no keys, no last-opened place.
    pub fn export_json(&self) -> String {
        let out = FileOut {
            version: FORMAT_VERSION,
            profiles: &self.profiles,
            last: None,
        };
        serde_json::to_string_pretty(&out).expect("profiles serialize")
    }

    /// Writes [`ProfileStore::export_json`] to `path`, atomically.
    pub fn export_to(&self, path: &Path) -> Result<()> {
        write_atomic(path, self.export_json().as_bytes()).map_err(|source| StoreError::Io {
            action: "write the export to",
            path: path.to_owned(),
            source,
        })
    }

    /// Adds the profiles in an export (or a bare list of profiles). Each entry is validated on
    /// its own; a bad one is skipped with its reason, and an id that is missing, invalid or
    /// already taken is replaced by a fresh one. Fields other than a profile's (an API key, say)
    /// are ignored. Nothing changes when the text is not a profile list or saving fails.
    pub fn import_json(&mut self, text: &str) -> Result<ImportReport> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| StoreError::ImportInvalid(format!("it is not valid JSON ({e})")))?;
        let entries = match value {
            Value::Array(list) => list,
            Value::Object(mut map) => {
                if let Some(version) = map.get("version") {
                    match version.as_u64() {
                        Some(v) if v > FORMAT_VERSION => {
                            return Err(StoreError::ImportNewerVersion(v))
                        }
                        Some(v) if v >= 1 => {}
                        _ => {
                            return Err(StoreError::ImportInvalid(format!(
                                "unknown format version {version}"
                            )))
                        }
                    }
                }
                match map.remove("profiles") {
                    Some(Value::Array(list)) => list,
                    _ => {
                        return Err(StoreError::ImportInvalid(
                            "it has no \"profiles\" list".into(),
                        ))
                    }
                }
            }
            _ => {
                return Err(StoreError::ImportInvalid(
                    "expected an object with a \"profiles\" list".into(),
                ))
            }
        };
        let mut report = ImportReport::default();
        let mut profiles = self.profiles.clone();
        for (i, entry) in entries.into_iter().enumerate() {
            let position = i + 1;
            let name = entry.get("name").and_then(Value::as_str).map(str::to_owned);
            let original_id = entry.get("id").and_then(Value::as_str).map(str::to_owned);
            let input = match serde_json::from_value::<ProfileInput>(entry) {
                Ok(input) => input,
                Err(e) => {
                    report.skipped.push(SkippedEntry {
                        position,
                        name,
                        reason: format!("not a profile: {e}"),
                    });
                    continue;
                }
            };
            let usable = original_id
                .as_deref()
                .filter(|id| check_id(id).is_ok() && !profiles.iter().any(|p| p.id == *id));
            let id = match usable {
                Some(id) => id.to_owned(),
                None => loop {
                    let id = new_profile_id();
                    if !profiles.iter().any(|p| p.id == id) {
                        break id;
                    }
                },
            };
            match Profile::with_id(id, input) {
                Ok(profile) => {
                    report.imported.push(ImportedProfile {
                        id: profile.id.clone(),
                        name: profile.name.clone(),
                        id_changed_from: original_id.filter(|o| *o != profile.id),
                    });
                    profiles.push(profile);
                }
                Err(e) => report.skipped.push(SkippedEntry {
                    position,
                    name,
                    reason: format!("{}: {}", field_name(&e), e.message),
                }),
            }
        }
        if !report.imported.is_empty() {
            self.commit(profiles, self.last.clone())?;
        }
        Ok(report)
    }

    fn index(&self, id: &str) -> Result<usize> {
        if id == DEMO_PROFILE_ID {
            return Err(StoreError::DemoReadOnly);
        }
        self.profiles
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| StoreError::NotFound(id.to_owned()))
    }

    /// Writes first; only a saved state is kept in memory.
    fn commit(&mut self, profiles: Vec<Profile>, last: Option<LastOpened>) -> Result<()> {
        self.write(&profiles, last.as_ref())?;
        self.profiles = profiles;
        self.last = last;
        Ok(())
    }

    fn write(&self, profiles: &[Profile], last: Option<&LastOpened>) -> Result<()> {
        if self.blocked {
            return Err(StoreError::Blocked {
                path: self.path.clone(),
            });
        }
        let out = FileOut {
            version: FORMAT_VERSION,
            profiles,
            last,
        };
        let bytes = serde_json::to_vec_pretty(&out).expect("profiles serialize");
        write_atomic(&self.path, &bytes).map_err(|source| StoreError::Io {
            action: "save the profiles to",
            path: self.path.clone(),
            source,
        })
    }
}

fn field_name(e: &ProfileError) -> String {
    serde_json::to_value(e.field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The valid profiles, the last place (dropped if it names an unknown profile) and a description
/// of every invalid profile; or why the whole file is unusable.
type Parsed = (Vec<Profile>, Option<LastOpened>, Vec<String>);

fn parse_file(bytes: &[u8]) -> std::result::Result<Parsed, RecoveryReason> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| RecoveryReason::Corrupt(format!("not valid JSON ({e})")))?;
    let Value::Object(mut map) = value else {
        return Err(RecoveryReason::Corrupt("not a JSON object".into()));
    };
    match map.get("version").and_then(Value::as_u64) {
        Some(FORMAT_VERSION) => {}
        Some(v) if v > FORMAT_VERSION => return Err(RecoveryReason::NewerVersion(v)),
        _ => {
            return Err(RecoveryReason::Corrupt(
                "no usable \"version\" number".into(),
            ))
        }
    }
    let Some(Value::Array(entries)) = map.remove("profiles") else {
        return Err(RecoveryReason::Corrupt("no \"profiles\" list".into()));
    };
    let mut profiles: Vec<Profile> = Vec::new();
    let mut invalid = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let label = entry
            .get("name")
            .and_then(Value::as_str)
            .map_or_else(|| format!("entry {}", i + 1), |n| format!("{n:?}"));
        match serde_json::from_value::<Profile>(entry)
            .map_err(|e| e.to_string())
            .and_then(|p| p.validated().map_err(|e| e.message))
        {
            Ok(p) if profiles.iter().any(|q| q.id == p.id) => {
                invalid.push(format!("{label}: the id {:?} is used twice", p.id))
            }
            Ok(p) => profiles.push(p),
            Err(e) => invalid.push(format!("{label}: {e}")),
        }
    }
    let last = map
        .remove("last")
        .and_then(|v| serde_json::from_value::<LastOpened>(v).ok())
        .filter(|l| {
            l.profile_id == DEMO_PROFILE_ID || profiles.iter().any(|p| p.id == l.profile_id)
        });
    Ok((profiles, last, invalid))
}

/// `profiles.json.corrupt-20260105T140300Z`, with `-2`, `-3`, … if taken.
fn aside_name(path: &Path, now: DateTime<Utc>) -> PathBuf {
    let base = format!(
        "{}.corrupt-{}",
        path.file_name().map_or_else(
            || PROFILES_FILE.into(),
            |n| n.to_string_lossy().into_owned()
        ),
        now.format("%Y%m%dT%H%M%SZ")
    );
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let first = dir.join(&base);
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{base}-{n}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .expect("some name is free")
}

/// Writes `bytes` to `path` so that readers see the old or the new content, never a mix: a
/// temporary file in the same folder, flushed to disk, then renamed over the target.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp-{:016x}", rand::rng().random::<u64>()));
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expiry::ExpiryPreset;
    use crate::links::ShareKind;
    use chrono::TimeZone;

    fn input(name: &str) -> ProfileInput {
        ProfileInput {
            name: name.into(),
            endpoint: "https://appwrite.example.com/v1".into(),
            project_id: "proj".into(),
            ..ProfileInput::default()
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 14, 3, 0).unwrap()
    }

    fn fresh() -> (tempfile::TempDir, ProfileStore) {
        let dir = tempfile::tempdir().unwrap();
        let loaded = ProfileStore::load(dir.path());
        assert!(loaded.recovered.is_none());
        (dir, loaded.store)
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_missing_file_is_an_empty_store_and_nothing_is_written_until_a_change() {
        let (dir, store) = fresh();
        assert!(store.profiles().is_empty());
        assert!(store.last().is_none());
        assert!(entries(dir.path()).is_empty());
        // A config folder that does not exist yet is created on the first save.
        let nested = dir.path().join("a/b");
        let mut store = ProfileStore::load(&nested).store;
        store.add(input("x")).unwrap();
        assert!(nested.join(PROFILES_FILE).is_file());
    }

    #[test]
    fn changes_are_saved_and_read_back() {
        let (dir, mut store) = fresh();
        let a = store.add(input("Production")).unwrap();
        let mut staging = input("Staging");
        staging.group = Some("Client X".into());
        staging.default_link = ShareKind::Download;
        staging.default_expiry = ExpiryPreset::OneHour;
        let b = store.add(staging).unwrap();
        let c = store.duplicate(&a.id).unwrap();
        assert_eq!(c.name, "Production copy");
        let mut edited = b.input();
        edited.name = "Staging EU".into();
        let b2 = store.update(&b.id, edited).unwrap();
        assert_eq!(b2.id, b.id);
        store
            .remember(LastOpened {
                profile_id: b.id.clone(),
                bucket_id: Some("photos".into()),
                file_id: Some("sunset-png".into()),
            })
            .unwrap();

        let again = ProfileStore::load(dir.path());
        assert!(again.recovered.is_none());
        let names: Vec<&str> = again
            .store
            .profiles()
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, vec!["Production", "Production copy", "Staging EU"]);
        assert_eq!(again.store.get(&b.id), Some(&b2));
        assert_eq!(
            again.store.last().unwrap().file_id.as_deref(),
            Some("sunset-png")
        );
        assert_eq!(again.store.profiles(), store.profiles());

        // Removing the last-opened profile forgets it.
        store.remove(&b.id).unwrap();
        assert!(store.last().is_none());
        let again = ProfileStore::load(dir.path()).store;
        assert_eq!(again.profiles().len(), 2);
        assert!(again.last().is_none());
        // Only the file itself: no temporary files are left behind.
        assert_eq!(entries(dir.path()), vec![PROFILES_FILE]);
    }

    #[test]
    fn the_file_has_the_documented_shape() {
        let (dir, mut store) = fresh();
        let p = store.add(input("P")).unwrap();
        store
            .remember(LastOpened {
                profile_id: DEMO_PROFILE_ID.into(),
                bucket_id: Some("b".into()),
                file_id: None,
            })
            .unwrap();
        let json: Value =
            serde_json::from_slice(&fs::read(dir.path().join(PROFILES_FILE)).unwrap()).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["profiles"][0]["id"], p.id.as_str());
        assert_eq!(json["profiles"][0]["projectId"], "proj");
        assert_eq!(
            json["last"],
            serde_json::json!({"profileId": "demo", "bucketId": "b", "fileId": null})
        );
    }

    #[test]
    fn the_demo_profile_is_not_stored_or_editable() {
        let (_dir, mut store) = fresh();
        assert_eq!(
            store
                .update(DEMO_PROFILE_ID, input("x"))
                .unwrap_err()
                .code(),
            "demo_profile_read_only"
        );
        assert_eq!(
            store.remove(DEMO_PROFILE_ID).unwrap_err().code(),
            "demo_profile_read_only"
        );
        assert_eq!(
            store.duplicate(DEMO_PROFILE_ID).unwrap_err().code(),
            "demo_profile_read_only"
        );
        assert!(store.get(DEMO_PROFILE_ID).is_none());
        assert_eq!(
            store.remove("nope").unwrap_err().code(),
            "profile_not_found"
        );
        assert_eq!(
            store
                .remember(LastOpened {
                    profile_id: "nope".into(),
                    bucket_id: None,
                    file_id: None
                })
                .unwrap_err()
                .code(),
            "profile_not_found"
        );
    }

    #[test]
    fn invalid_input_changes_nothing() {
        let (dir, mut store) = fresh();
        let p = store.add(input("Keep")).unwrap();
        let before = fs::read(dir.path().join(PROFILES_FILE)).unwrap();
        let err = store.update(&p.id, input(" ")).unwrap_err();
        assert_eq!(err.code(), "invalid_profile");
        assert!(store
            .add(ProfileInput {
                endpoint: "nope".into(),
                ..input("x")
            })
            .is_err());
        assert_eq!(store.profiles(), &[p]);
        assert_eq!(fs::read(dir.path().join(PROFILES_FILE)).unwrap(), before);
    }

    #[test]
    fn a_failed_save_keeps_memory_and_disk_as_they_were() {
        let (dir, mut store) = fresh();
        store.add(input("Before")).unwrap();
        // Something else now stands where the file goes (a folder with content: no rename can replace
        // it, whoever runs the test, root included).
        let path = dir.path().join(PROFILES_FILE);
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep"), b"untouched").unwrap();

        let result = store.add(input("After"));
        assert_eq!(result.unwrap_err().code(), "store_io");
        assert_eq!(
            store.profiles().len(),
            1,
            "memory changed after a failed save"
        );
        assert_eq!(fs::read(path.join("keep")).unwrap(), b"untouched");
        assert_eq!(
            entries(dir.path()),
            vec![PROFILES_FILE],
            "a temporary file was left behind"
        );
    }

    fn assert_set_aside(dir: &Path, content: &[u8], code: &str) {
        let path = dir.join(PROFILES_FILE);
        fs::write(&path, content).unwrap();
        let loaded = ProfileStore::load_at(dir, now());
        let notice = loaded.recovered.expect("a notice");
        assert!(loaded.store.profiles().is_empty());
        assert_eq!(
            serde_json::to_value(&notice.reason).unwrap()["code"],
            code,
            "{notice:?}"
        );
        assert_eq!(notice.kept, 0);
        let moved_to = notice.moved_to().expect("moved").to_owned();
        assert!(moved_to.starts_with(dir));
        assert!(moved_to
            .to_string_lossy()
            .ends_with("profiles.json.corrupt-20260105T140300Z"));
        assert_eq!(fs::read(&moved_to).unwrap(), content);
        assert!(!path.exists());
        assert!(notice.message().contains(&moved_to.display().to_string()));
        fs::remove_file(&moved_to).unwrap();
    }

    #[test]
    fn a_corrupted_file_is_moved_aside_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        assert_set_aside(dir.path(), b"{\"version\":1,\"profiles\":[", "corrupt");
        assert_set_aside(dir.path(), b"\xff\xfe garbage", "corrupt");
        assert_set_aside(dir.path(), b"[]", "corrupt");
        assert_set_aside(dir.path(), br#"{"profiles":[]}"#, "corrupt");
        assert_set_aside(dir.path(), br#"{"version":1}"#, "corrupt");
        assert_set_aside(dir.path(), br#"{"version":0,"profiles":[]}"#, "corrupt");
        assert_set_aside(
            dir.path(),
            br#"{"version":2,"profiles":[]}"#,
            "newer_version",
        );
    }

    #[test]
    fn the_app_keeps_working_after_a_recovery_and_two_recoveries_keep_both_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PROFILES_FILE);
        fs::write(&path, b"first").unwrap();
        let first = ProfileStore::load_at(dir.path(), now());
        let mut store = first.store;
        store.add(input("New")).unwrap();
        fs::write(&path, b"second").unwrap();
        let second = ProfileStore::load_at(dir.path(), now());
        let a = first.recovered.unwrap().moved_to().unwrap().to_owned();
        let b = second.recovered.unwrap().moved_to().unwrap().to_owned();
        assert_ne!(a, b);
        assert!(b.to_string_lossy().ends_with("Z-2"));
        assert_eq!(fs::read(a).unwrap(), b"first");
        assert_eq!(fs::read(b).unwrap(), b"second");
    }

    #[test]
    fn an_unreadable_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be can't be read as a file.
        fs::create_dir(dir.path().join(PROFILES_FILE)).unwrap();
        let loaded = ProfileStore::load_at(dir.path(), now());
        let notice = loaded.recovered.unwrap();
        assert!(matches!(notice.reason, RecoveryReason::Unreadable(_)));
        assert!(notice.moved_to().unwrap().is_dir());
        let mut store = loaded.store;
        store.add(input("x")).unwrap();
        assert!(dir.path().join(PROFILES_FILE).is_file());
    }

    #[test]
    fn a_bad_file_that_cannot_be_set_aside_is_left_alone_and_never_saved_over() {
        // The "config folder" is a file: reading inside it fails, and so does moving anything out
        // of it, whoever runs the test (root included).
        let root = tempfile::tempdir().unwrap();
        let config_dir = root.path().join("config");
        fs::write(&config_dir, b"a file, not a folder").unwrap();
        let loaded = ProfileStore::load_at(&config_dir, now());
        let notice = loaded.recovered.expect("a notice");
        assert!(matches!(notice.reason, RecoveryReason::Unreadable(_)));
        assert!(notice.moved_to().is_none());
        let SetAside::NotMoved { path, error } = &notice.set_aside else {
            panic!("{notice:?}")
        };
        assert_eq!(path, &config_dir.join(PROFILES_FILE));
        assert!(!error.is_empty());
        let message = notice.message();
        assert!(message.contains("could not be set aside"), "{message}");
        assert!(message.contains("move or delete it"), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");

        let mut store = loaded.store;
        assert!(store.profiles().is_empty());
        let err = store.add(input("New")).unwrap_err();
        assert_eq!(err.code(), "store_blocked");
        assert!(err.to_string().contains("restart Bucketdesk"), "{err}");
        assert!(
            store.profiles().is_empty(),
            "memory changed after a refused save"
        );
        assert_eq!(fs::read(&config_dir).unwrap(), b"a file, not a folder");
    }

    #[test]
    fn invalid_profiles_are_left_out_and_the_original_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PROFILES_FILE);
        let text = r#"{"version":1,"profiles":[
            {"id":"p1","name":"Good","endpoint":"https://a.example/v1","projectId":"a"},
            {"id":"p2","name":"Bad endpoint","endpoint":"nope","projectId":"a"},
            {"id":"p1","name":"Same id","endpoint":"https://a.example/v1","projectId":"a"},
            {"name":"No id","endpoint":"https://a.example/v1","projectId":"a"}
        ],"last":{"profileId":"p2","bucketId":"b"}}"#;
        fs::write(&path, text).unwrap();
        let loaded = ProfileStore::load_at(dir.path(), now());
        let notice = loaded.recovered.unwrap();
        assert_eq!(notice.kept, 1);
        let RecoveryReason::InvalidEntries(list) = &notice.reason else {
            panic!("{notice:?}")
        };
        assert_eq!(list.len(), 3, "{list:?}");
        assert!(list[0].starts_with("\"Bad endpoint\""), "{list:?}");
        assert_eq!(
            fs::read_to_string(notice.moved_to().unwrap()).unwrap(),
            text
        );
        assert_eq!(loaded.store.profiles().len(), 1);
        assert!(
            loaded.store.last().is_none(),
            "last pointed at a dropped profile"
        );
        // The cleaned file was written, so the next start is quiet.
        let again = ProfileStore::load(dir.path());
        assert!(again.recovered.is_none());
        assert_eq!(again.store.profiles()[0].name, "Good");
    }

    #[test]
    fn the_file_never_holds_a_secret() {
        let key = "standard_0123456789abcdef-the-secret-key";
        let (dir, mut store) = fresh();
        store.add(input("Typed")).unwrap();
        let import = format!(
            r#"{{"version":1,"profiles":[{{"name":"Imported","endpoint":"https://x.example/v1","projectId":"x","apiKey":"{key}","key":"{key}"}}]}}"#
        );
        let report = store.import_json(&import).unwrap();
        assert_eq!(report.imported.len(), 1);
        let written = fs::read_to_string(dir.path().join(PROFILES_FILE)).unwrap();
        assert!(!written.contains(key), "{written}");
        assert!(!written.contains("standard_"));
        assert!(!written.to_ascii_lowercase().contains("apikey"));
        assert!(!store.export_json().contains(key));
    }

    #[test]
    fn export_then_import_round_trips_with_fresh_ids_on_collision() {
        let (_dir, mut store) = fresh();
        let a = store.add(input("A")).unwrap();
        store
            .remember(LastOpened {
                profile_id: a.id.clone(),
                bucket_id: None,
                file_id: None,
            })
            .unwrap();
        let export = store.export_json();
        assert!(!export.contains("\"last\""));

        // Into an empty store: ids kept.
        let (_dir2, mut other) = fresh();
        let report = other.import_json(&export).unwrap();
        assert_eq!(report.imported[0].id, a.id);
        assert_eq!(report.imported[0].id_changed_from, None);
        assert_eq!(other.profiles(), store.profiles());

        // Into the same store: the id collides and a fresh one is given.
        let report = store.import_json(&export).unwrap();
        assert_eq!(report.imported.len(), 1);
        let imported = &report.imported[0];
        assert_ne!(imported.id, a.id);
        assert_eq!(imported.id_changed_from.as_deref(), Some(a.id.as_str()));
        assert_eq!(store.profiles().len(), 2);
    }

    #[test]
    fn import_reports_bad_entries_and_keeps_the_good_ones() {
        let (dir, mut store) = fresh();
        let text = r#"[
            {"id":"demo","name":"Was demo","endpoint":"http://127.0.0.1:9/v1","projectId":"demo"},
            {"id":"ok-1","name":"Fine","endpoint":"https://a.example/v1","projectId":"a","group":"G"},
            {"id":"ok-1","name":"Twin","endpoint":"https://a.example/v1","projectId":"a"},
            {"name":"","endpoint":"https://a.example/v1","projectId":"a"},
            {"name":"Bad project","endpoint":"https://a.example/v1","projectId":"_x"},
            {"name":"Bad link","endpoint":"https://a.example/v1","projectId":"a","defaultLink":"zip"},
            "not an object"
        ]"#;
        let report = store.import_json(text).unwrap();
        let names: Vec<&str> = report.imported.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Was demo", "Fine", "Twin"]);
        assert_ne!(report.imported[0].id, DEMO_PROFILE_ID);
        assert_eq!(report.imported[1].id, "ok-1");
        assert_ne!(report.imported[2].id, "ok-1");
        let skipped: Vec<(usize, &str)> = report
            .skipped
            .iter()
            .map(|s| (s.position, s.reason.as_str()))
            .collect();
        assert_eq!(skipped.len(), 4, "{skipped:?}");
        assert_eq!(skipped[0].0, 4);
        assert!(skipped[0].1.starts_with("name:"), "{skipped:?}");
        assert!(skipped[1].1.starts_with("projectId:"), "{skipped:?}");
        assert_eq!(report.skipped[2].name.as_deref(), Some("Bad link"));
        assert!(skipped[3].1.starts_with("not a profile"), "{skipped:?}");
        assert_eq!(ProfileStore::load(dir.path()).store.profiles().len(), 3);
    }

    #[test]
    fn a_bad_import_changes_nothing() {
        let (dir, mut store) = fresh();
        store.add(input("Keep")).unwrap();
        let before = fs::read(dir.path().join(PROFILES_FILE)).unwrap();
        for (text, code) in [
            ("not json", "import_invalid"),
            ("42", "import_invalid"),
            (r#"{"version":1}"#, "import_invalid"),
            (r#"{"version":"one","profiles":[]}"#, "import_invalid"),
            (r#"{"version":9,"profiles":[]}"#, "import_newer_version"),
        ] {
            assert_eq!(store.import_json(text).unwrap_err().code(), code, "{text}");
        }
        let report = store.import_json(r#"{"profiles":[{"name":""}]}"#).unwrap();
        assert!(report.imported.is_empty());
        assert_eq!(report.skipped.len(), 1);
        assert_eq!(store.profiles().len(), 1);
        assert_eq!(fs::read(dir.path().join(PROFILES_FILE)).unwrap(), before);
    }

    #[test]
    fn an_exported_file_imports_elsewhere() {
        let (dir, mut store) = fresh();
        store.add(input("A")).unwrap();
        let file = dir.path().join("export/profiles-export.json");
        store.export_to(&file).unwrap();
        let (_d, mut other) = fresh();
        let exported = fs::read_to_string(&file).unwrap();
        assert_eq!(other.import_json(&exported).unwrap().imported.len(), 1);
    }

    #[test]
    fn write_atomic_replaces_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        write_atomic(&path, b"a long first version").unwrap();
        write_atomic(&path, b"short").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"short");
        assert_eq!(entries(dir.path()), vec!["f.json"]);
    }
}
