//! What a file upload takes (source, id, name, permissions, progress callback) and the chunk
//! arithmetic of Appwrite's chunked uploads.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;

/// Appwrite's chunk size: files above it are sent in chunks of exactly this many bytes.
pub const CHUNK_SIZE: u64 = 5 * 1024 * 1024;

/// Where the bytes of an upload come from.
#[derive(Debug, Clone)]
pub enum UploadSource {
    /// Bytes in memory.
    Bytes(Bytes),
    /// A local file, read one chunk at a time.
    Path(PathBuf),
}

/// Progress of an upload, reported after every chunk (and once at a resume point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadProgress {
    /// The file id (the server's id once the first chunk is in).
    pub file_id: String,
    /// Bytes the server has.
    pub bytes_uploaded: u64,
    /// Size of the whole file.
    pub bytes_total: u64,
    /// Chunks the server has.
    pub chunks_uploaded: u64,
    /// Chunks in the whole file.
    pub chunks_total: u64,
}

/// A progress callback.
pub type ProgressFn = Arc<dyn Fn(&UploadProgress) + Send + Sync>;

/// A file to upload: `client.files(bucket).create(FileUpload::from_path("unique()", "a.png",
/// path))`.
#[derive(Clone)]
pub struct FileUpload {
    /// Custom id or `unique()`. A custom id also enables resuming a partial upload.
    pub file_id: String,
    /// File name as stored (the extension matters for the bucket's allowed extensions).
    pub name: String,
    /// The content.
    pub source: UploadSource,
    /// Permission strings; `None` keeps the server's default.
    pub permissions: Option<Vec<String>>,
    /// Content type of the multipart part; `application/octet-stream` when unset.
    pub mime_type: Option<String>,
    /// The virtual folder to put the file in (`"photos/2026/"`), sent as the `folder` field
    /// with every part; `None` or `""`: the bucket root. Newest servers only: 1.8.1 ignores it.
    pub folder: Option<String>,
    pub(crate) progress: Option<ProgressFn>,
}

impl fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileUpload")
            .field("file_id", &self.file_id)
            .field("name", &self.name)
            .field("source", &self.source)
            .field("permissions", &self.permissions)
            .field("mime_type", &self.mime_type)
            .field("folder", &self.folder)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl FileUpload {
    /// Uploads bytes held in memory.
    pub fn from_bytes(
        file_id: impl Into<String>,
        name: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        Self::new(file_id, name, UploadSource::Bytes(bytes.into()))
    }

    /// Uploads a local file.
    pub fn from_path(
        file_id: impl Into<String>,
        name: impl Into<String>,
        path: impl Into<PathBuf>,
    ) -> Self {
        Self::new(file_id, name, UploadSource::Path(path.into()))
    }

    fn new(file_id: impl Into<String>, name: impl Into<String>, source: UploadSource) -> Self {
        Self {
            file_id: file_id.into(),
            name: name.into(),
            source,
            permissions: None,
            mime_type: None,
            folder: None,
            progress: None,
        }
    }

    /// Sets permission strings.
    pub fn permissions(mut self, permissions: Vec<String>) -> Self {
        self.permissions = Some(permissions);
        self
    }

    /// Sets the part's content type.
    pub fn mime_type(mut self, mime: impl Into<String>) -> Self {
        self.mime_type = Some(mime.into());
        self
    }

    /// Puts the file in this virtual folder (`"photos/2026/"`; nest with `/`).
    pub fn folder(mut self, folder: impl Into<String>) -> Self {
        self.folder = Some(folder.into());
        self
    }

    /// The folder to send, if any (an empty one is the root, which needs no field).
    pub(crate) fn folder_field(&self) -> Option<&str> {
        self.folder.as_deref().filter(|f| !f.is_empty())
    }

    /// Calls `f` after every chunk; `bytes_uploaded` only grows and ends at `bytes_total`.
    pub fn on_progress(mut self, f: impl Fn(&UploadProgress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(f));
        self
    }

    pub(crate) fn report(&self, progress: UploadProgress) {
        if let Some(cb) = &self.progress {
            cb(&progress);
        }
    }
}

/// How many chunks a file of `size` bytes takes (at least 1).
pub fn chunk_count(size: u64) -> u64 {
    size.div_ceil(CHUNK_SIZE).max(1)
}

/// The byte range `[start, end)` of chunk `index` in a file of `size` bytes.
pub fn chunk_bounds(index: u64, size: u64) -> (u64, u64) {
    let start = index.saturating_mul(CHUNK_SIZE).min(size);
    let end = start.saturating_add(CHUNK_SIZE).min(size);
    (start, end)
}

/// `Content-Range` for chunk `[start, end)` of `size`: `bytes start-(end-1)/size`.
pub fn content_range(start: u64, end: u64, size: u64) -> String {
    format!("bytes {start}-{}/{size}", end.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_math_matches_appwrite() {
        assert_eq!(chunk_count(0), 1);
        assert_eq!(chunk_count(CHUNK_SIZE), 1);
        assert_eq!(chunk_count(CHUNK_SIZE + 1), 2);
        let size = 17 * 1024 * 1024;
        assert_eq!(chunk_count(size), 4);
        assert_eq!(chunk_bounds(0, size), (0, CHUNK_SIZE));
        assert_eq!(chunk_bounds(3, size), (3 * CHUNK_SIZE, size));
        assert_eq!(
            content_range(0, CHUNK_SIZE, size),
            "bytes 0-5242879/17825792"
        );
        assert_eq!(
            content_range(3 * CHUNK_SIZE, size, size),
            "bytes 15728640-17825791/17825792"
        );
    }

    #[test]
    fn an_empty_folder_is_the_root_and_sends_no_field() {
        let up = FileUpload::from_bytes("unique()", "a.txt", "hi");
        assert_eq!(up.folder_field(), None);
        assert_eq!(up.clone().folder("").folder_field(), None);
        assert_eq!(up.folder("a/b/").folder_field(), Some("a/b/"));
    }

    #[test]
    fn debug_shows_no_callback_internals() {
        let up = FileUpload::from_bytes("unique()", "a.txt", "hi").on_progress(|_| {});
        assert!(format!("{up:?}").contains("progress: true"));
    }
}
