//! The stored documents (bucket, file, token) and the JSON shapes the API answers with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::Emulation;
use crate::time;

/// Size of one upload chunk: 5 MiB.
pub const CHUNK_SIZE: u64 = 5 * 1024 * 1024;
/// Default and largest `maximumFileSize`.
pub const MAX_FILE_SIZE: u64 = 30_000_000;
/// Files up to this size are compressed and encrypted as their bucket says; bigger ones are
/// stored as they are (the real server's read buffer, 20 MB).
pub const TRANSFORM_LIMIT: u64 = 20_000_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bucket {
    pub id: String,
    /// Internal sequence: creation order, and the name of its files on disk.
    pub seq: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub permissions: Vec<String>,
    pub file_security: bool,
    pub name: String,
    pub enabled: bool,
    pub maximum_file_size: u64,
    pub allowed_file_extensions: Vec<String>,
    pub compression: String,
    pub encryption: bool,
    pub antivirus: bool,
    pub transformations: bool,
    /// Newest server only; a store saved before it existed reads as empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Newest server only (stored, not acted on: the sandbox keeps image bytes as sent).
    #[serde(default)]
    pub strip_metadata: bool,
}

/// Where a file's bytes come from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum Content {
    /// In the blob store.
    #[default]
    Stored,
    /// Made on demand from a seed index (the demo's scale bucket), never stored.
    Generated(u64),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileDoc {
    pub id: String,
    pub seq: u64,
    pub bucket_id: String,
    pub bucket_seq: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub permissions: Vec<String>,
    pub name: String,
    /// The virtual folder: `""` at the bucket root, else segments each followed by `/`
    /// (`"2026/summer/"`). A store saved before folders existed reads as the root.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub folder: String,
    /// MD5 hex of the bytes; empty while the upload is unfinished.
    pub signature: String,
    /// Empty while the upload is unfinished.
    pub mime_type: String,
    pub size: u64,
    pub chunks_total: u64,
    pub chunks_uploaded: u64,
    /// Indices of chunks received so far (emptied once the file is complete).
    #[serde(default)]
    pub received: Vec<u64>,
    #[serde(default)]
    pub content: Content,
}

impl FileDoc {
    pub fn is_complete(&self) -> bool {
        self.chunks_uploaded >= self.chunks_total
    }

    /// The folder followed by the name (the bare name at the root).
    pub fn key(&self) -> String {
        format!("{}{}", self.folder, self.name)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Token {
    pub id: String,
    pub seq: u64,
    pub bucket_id: String,
    pub bucket_seq: u64,
    pub file_id: String,
    pub file_seq: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub expire: Option<DateTime<Utc>>,
    pub accessed_at: Option<DateTime<Utc>>,
}

impl Token {
    /// `"<bucketId>:<fileId>"`.
    pub fn resource_id(&self) -> String {
        format!("{}:{}", self.bucket_id, self.file_id)
    }

    /// `"<bucketSeq>:<fileSeq>"`.
    pub fn resource_internal_id(&self) -> String {
        format!("{}:{}", self.bucket_seq, self.file_seq)
    }
}

#[derive(Serialize)]
pub struct BucketJson<'a> {
    #[serde(rename = "$id")]
    pub id: &'a str,
    #[serde(rename = "$createdAt")]
    pub created_at: String,
    #[serde(rename = "$updatedAt")]
    pub updated_at: String,
    #[serde(rename = "$permissions")]
    pub permissions: &'a [String],
    #[serde(rename = "fileSecurity")]
    pub file_security: bool,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    pub enabled: bool,
    #[serde(rename = "maximumFileSize")]
    pub maximum_file_size: u64,
    #[serde(rename = "allowedFileExtensions")]
    pub allowed_file_extensions: &'a [String],
    pub compression: &'a str,
    pub encryption: bool,
    pub antivirus: bool,
    pub transformations: bool,
    #[serde(rename = "stripMetadata", skip_serializing_if = "Option::is_none")]
    pub strip_metadata: Option<bool>,
    #[serde(rename = "totalSize", skip_serializing_if = "Option::is_none")]
    pub total_size: Option<u64>,
}

impl Bucket {
    /// A bucket with Appwrite's defaults for everything a create request may leave out.
    pub fn new(id: String, seq: u64, name: String, at: DateTime<Utc>) -> Self {
        Bucket {
            id,
            seq,
            created_at: at,
            updated_at: at,
            permissions: Vec::new(),
            file_security: false,
            name,
            enabled: true,
            maximum_file_size: MAX_FILE_SIZE,
            allowed_file_extensions: Vec::new(),
            compression: "none".into(),
            encryption: true,
            antivirus: true,
            transformations: true,
            description: String::new(),
            strip_metadata: false,
        }
    }

    /// The Bucket answer; `total_size` (the bytes of its files), `description` and
    /// `stripMetadata` only for the newest server.
    pub fn to_json(&self, total_size: u64, emulate: Emulation) -> BucketJson<'_> {
        let newest = emulate.has_folders();
        BucketJson {
            id: &self.id,
            created_at: time::format(&self.created_at),
            updated_at: time::format(&self.updated_at),
            permissions: &self.permissions,
            file_security: self.file_security,
            name: &self.name,
            description: newest.then_some(self.description.as_str()),
            enabled: self.enabled,
            maximum_file_size: self.maximum_file_size,
            allowed_file_extensions: &self.allowed_file_extensions,
            compression: &self.compression,
            encryption: self.encryption,
            antivirus: self.antivirus,
            transformations: self.transformations,
            strip_metadata: newest.then_some(self.strip_metadata),
            total_size: newest.then_some(total_size),
        }
    }
}

#[derive(Serialize)]
pub struct FileJson<'a> {
    #[serde(rename = "$id")]
    pub id: &'a str,
    #[serde(rename = "bucketId")]
    pub bucket_id: &'a str,
    #[serde(rename = "$createdAt")]
    pub created_at: String,
    #[serde(rename = "$updatedAt")]
    pub updated_at: String,
    #[serde(rename = "$permissions")]
    pub permissions: &'a [String],
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub signature: &'a str,
    #[serde(rename = "mimeType")]
    pub mime_type: &'a str,
    #[serde(rename = "sizeOriginal")]
    pub size_original: u64,
    #[serde(rename = "sizeActual", skip_serializing_if = "Option::is_none")]
    pub size_actual: Option<u64>,
    #[serde(rename = "chunksTotal")]
    pub chunks_total: u64,
    #[serde(rename = "chunksUploaded")]
    pub chunks_uploaded: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<&'a str>,
}

/// Every attribute of a File answer (newest server), in the order it is sent: what a `select`
/// query may name.
pub const FILE_ATTRIBUTES: &[&str] = &[
    "$id",
    "bucketId",
    "$createdAt",
    "$updatedAt",
    "$permissions",
    "name",
    "folder",
    "key",
    "signature",
    "mimeType",
    "sizeOriginal",
    "sizeActual",
    "chunksTotal",
    "chunksUploaded",
    "encryption",
    "compression",
];

impl FileDoc {
    /// The File answer. The newest server adds `folder`, `key`, and how the bytes are stored:
    /// `sizeActual`, `encryption` and `compression`, as the bucket says for a file up to
    /// [`TRANSFORM_LIMIT`] (the sandbox keeps the bytes as sent, so `sizeActual` is the size),
    /// and 0, false and `""` while the upload is unfinished, as the real server has them then.
    pub fn to_json<'a>(&'a self, bucket: &'a Bucket, emulate: Emulation) -> FileJson<'a> {
        let newest = emulate.has_folders();
        let done = self.is_complete();
        let transformed = done && self.size <= TRANSFORM_LIMIT;
        let compression = match (done, transformed) {
            (false, _) => "",
            (true, true) => bucket.compression.as_str(),
            (true, false) => "none",
        };
        FileJson {
            id: &self.id,
            bucket_id: &self.bucket_id,
            created_at: time::format(&self.created_at),
            updated_at: time::format(&self.updated_at),
            permissions: &self.permissions,
            name: &self.name,
            folder: newest.then_some(self.folder.as_str()),
            key: newest.then(|| self.key()),
            signature: &self.signature,
            mime_type: &self.mime_type,
            size_original: self.size,
            size_actual: newest.then_some(if done { self.size } else { 0 }),
            chunks_total: self.chunks_total,
            chunks_uploaded: self.chunks_uploaded,
            encryption: newest.then_some(transformed && bucket.encryption),
            compression: newest.then_some(compression),
        }
    }
}

/// ResourceToken, fields in the order the real server sends them.
#[derive(Serialize)]
pub struct TokenJson {
    #[serde(rename = "$id")]
    pub id: String,
    #[serde(rename = "$createdAt")]
    pub created_at: String,
    #[serde(rename = "resourceId")]
    pub resource_id: String,
    #[serde(rename = "resourceType")]
    pub resource_type: &'static str,
    pub expire: String,
    pub secret: String,
    #[serde(rename = "accessedAt")]
    pub accessed_at: String,
}

impl Token {
    /// The JSON answer; `secret` is a JWT made afresh by the caller.
    pub fn to_json(&self, secret: String) -> TokenJson {
        TokenJson {
            id: self.id.clone(),
            created_at: time::format(&self.created_at),
            resource_id: self.resource_id(),
            resource_type: "files",
            expire: time::format_opt(&self.expire),
            secret,
            accessed_at: time::format_opt(&self.accessed_at),
        }
    }
}
