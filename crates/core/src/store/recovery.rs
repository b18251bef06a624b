//! A damaged profiles file is set aside, never deleted: why, where it went, and what the user is
//! told.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::format::{FormatError, FORMAT_VERSION, PROFILES_FILE};

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

impl From<FormatError> for RecoveryReason {
    fn from(e: FormatError) -> Self {
        match e {
            FormatError::Newer(v) => RecoveryReason::NewerVersion(v),
            FormatError::Invalid(why) => RecoveryReason::Corrupt(why),
        }
    }
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

/// Sets the bad file at `path` aside as `<name>.corrupt-<UTC time>`: copied when `copy` (some
/// profiles are kept and the caller rewrites the file with them), else moved (the next save
/// starts a new file).
pub(super) fn set_aside(path: &Path, now: DateTime<Utc>, copy: bool) -> SetAside {
    let target = aside_name(path, now);
    let outcome = if copy {
        fs::copy(path, &target).map(|_| ())
    } else {
        fs::rename(path, &target)
    };
    match outcome {
        Ok(()) => {
            tracing::warn!(moved_to = %target.display(), "profiles file set aside");
            SetAside::To(target)
        }
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "profiles file could not be set aside; saving is off");
            SetAside::NotMoved {
                path: path.to_owned(),
                error: e.to_string(),
            }
        }
    }
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
