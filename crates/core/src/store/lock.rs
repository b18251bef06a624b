//! The advisory lock beside the profiles file, held while one change re-reads, applies and writes
//! it, so two running Bucketdesks never write over each other's changes.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

/// Held for as long as it lives; dropping it unlocks.
#[derive(Debug)]
pub(super) struct FileLock {
    file: Option<File>,
}

impl FileLock {
    /// Waits for the exclusive lock on `path`, creating the file (and its folder) when missing.
    /// The lock file is never deleted: removing it while someone waits on it would let two
    /// writers in. Where the file system can't lock at all, it goes on unlocked (with a warning)
    /// rather than refusing every change.
    pub(super) fn acquire(path: &Path) -> io::Result<FileLock> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        match file.lock() {
            Ok(()) => Ok(FileLock { file: Some(file) }),
            Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                tracing::warn!(path = %path.display(), error = %e, "can't lock the profiles file");
                Ok(FileLock { file: None })
            }
            Err(e) => Err(e),
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            let _ = file.unlock();
        }
    }
}
