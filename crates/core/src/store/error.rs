//! What can go wrong in the profile store: each failure has a stable code and a message that says
//! what to do.

use std::io;
use std::path::PathBuf;

use super::recovery::RecoveryReason;
use crate::profile::ProfileError;

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
    #[error("the profiles file {} can't be used now because {reason}, so nothing was saved over it; restart Bucketdesk to set it aside and keep what it can", path.display())]
    Damaged {
        path: PathBuf,
        reason: RecoveryReason,
    },
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
    /// A stable machine code: `store_io`, `store_blocked`, `store_damaged`, `profile_not_found`,
    /// `demo_profile_read_only`, `invalid_profile`, `import_invalid`, `import_newer_version`.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Io { .. } => "store_io",
            StoreError::Blocked { .. } => "store_blocked",
            StoreError::Damaged { .. } => "store_damaged",
            StoreError::NotFound(_) => "profile_not_found",
            StoreError::DemoReadOnly => "demo_profile_read_only",
            StoreError::Invalid(e) => e.code(),
            StoreError::ImportInvalid(_) => "import_invalid",
            StoreError::ImportNewerVersion(_) => "import_newer_version",
        }
    }
}

pub(crate) type Result<T> = std::result::Result<T, StoreError>;
