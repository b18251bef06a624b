//! File: the metadata of a stored (or partly uploaded) file.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::datetime;
use super::page::HasId;

/// A file in a bucket. Unfinished chunked uploads are listed too, with
/// `chunks_uploaded < chunks_total` and an empty `signature`/`mime_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct File {
    /// `$id`.
    #[serde(rename = "$id")]
    pub id: String,
    /// The bucket holding it.
    pub bucket_id: String,
    /// `$createdAt`.
    #[serde(rename = "$createdAt", with = "datetime::required")]
    pub created_at: DateTime<Utc>,
    /// `$updatedAt`.
    #[serde(rename = "$updatedAt", with = "datetime::required")]
    pub updated_at: DateTime<Utc>,
    /// `$permissions`.
    #[serde(rename = "$permissions", default)]
    pub permissions: Vec<String>,
    /// File name.
    pub name: String,
    /// MD5 of the content, hex; empty while uploading.
    #[serde(default)]
    pub signature: String,
    /// MIME type; empty while uploading.
    #[serde(default)]
    pub mime_type: String,
    /// Size in bytes.
    #[serde(default)]
    pub size_original: u64,
    /// Chunks in the whole upload.
    #[serde(default)]
    pub chunks_total: u64,
    /// Chunks received so far.
    #[serde(default)]
    pub chunks_uploaded: u64,
    /// Bytes on disk after compression/encryption (Appwrite 1.9+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_actual: Option<u64>,
    /// Encrypted at rest (newer servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<bool>,
    /// Compression algorithm (newer servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    /// The virtual folder holding the file, with a trailing slash (`"photos/2026/"`), `""` at
    /// the bucket root (newest servers; `None` from a server without folders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    /// The folder followed by the name (`"photos/2026/sunset.png"`; newest servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl File {
    /// Every chunk has arrived.
    pub fn is_complete(&self) -> bool {
        self.chunks_uploaded >= self.chunks_total
    }

    /// The folder holding the file: `""` at the root and on a server without folders.
    pub fn folder_path(&self) -> &str {
        self.folder.as_deref().unwrap_or("")
    }

    /// The file's full key: the server's, or the folder followed by the name when the server
    /// sent none (the bare name on a server without folders).
    pub fn full_key(&self) -> String {
        match &self.key {
            Some(key) if !key.is_empty() => key.clone(),
            _ => format!("{}{}", self.folder_path(), self.name),
        }
    }
}

/// A file as a list with `select(["folder"])` answers it: its id and its folder, whatever else
/// the server sends is left unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFolder {
    /// `$id`.
    #[serde(rename = "$id")]
    pub id: String,
    /// The file's folder; `None` from a server without folders (the root).
    #[serde(default)]
    pub folder: Option<String>,
}

impl FileFolder {
    /// The folder holding the file: `""` at the root and on a server without folders.
    pub fn folder_path(&self) -> &str {
        self.folder.as_deref().unwrap_or("")
    }
}

impl HasId for FileFolder {
    fn id(&self) -> &str {
        &self.id
    }
}

impl From<File> for FileFolder {
    fn from(file: File) -> Self {
        FileFolder {
            id: file.id,
            folder: file.folder,
        }
    }
}

impl HasId for File {
    fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_1_8_1_file_without_newer_fields() {
        let json = r#"{"$id":"65a1","bucketId":"photos","$createdAt":"2026-01-05T14:03:00.000+00:00",
            "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"name":"cat.png",
            "signature":"5d529fd02b544198ae075bd57c1762bb","mimeType":"image/png",
            "sizeOriginal":17890,"chunksTotal":1,"chunksUploaded":1,"unknown":[1,2]}"#;
        let file: File = serde_json::from_str(json).unwrap();
        assert_eq!(file.id(), "65a1");
        assert_eq!(file.size_original, 17890);
        assert!(file.is_complete());
        assert_eq!(file.size_actual, None);
        assert_eq!(file.encryption, None);
        assert_eq!(file.compression, None);
        assert_eq!((file.folder.as_deref(), file.key.as_deref()), (None, None));
        assert_eq!(file.folder_path(), "");
        assert_eq!(file.full_key(), "cat.png");
    }

    #[test]
    fn reads_the_newest_folder_and_key() {
        let json = r#"{"$id":"s1","bucketId":"photos","$createdAt":"2026-01-05T14:03:00.000+00:00",
            "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"name":"beach.jpg",
            "signature":"","mimeType":"image/jpeg","sizeOriginal":10,"chunksTotal":1,
            "chunksUploaded":1,"sizeActual":12,"encryption":false,"compression":"none",
            "folder":"2026/summer/","key":"2026/summer/beach.jpg"}"#;
        let file: File = serde_json::from_str(json).unwrap();
        assert_eq!(file.folder.as_deref(), Some("2026/summer/"));
        assert_eq!(file.folder_path(), "2026/summer/");
        assert_eq!(file.full_key(), "2026/summer/beach.jpg");
        assert_eq!(file.size_actual, Some(12));

        // A server that sends the folder but not the key: the key is made the same way.
        let mut no_key = file.clone();
        no_key.key = None;
        assert_eq!(no_key.full_key(), "2026/summer/beach.jpg");
        // Written back, the fields keep their wire names.
        let back = serde_json::to_value(&file).unwrap();
        assert_eq!(back["folder"], "2026/summer/");
        assert_eq!(back["key"], "2026/summer/beach.jpg");
    }

    #[test]
    fn a_selected_answer_reads_as_id_and_folder() {
        let page: Vec<FileFolder> = serde_json::from_str(
            r#"[{"$id":"a","folder":"x/y/"},{"$id":"b","folder":""},{"$id":"c"},
                {"$id":"d","folder":"z/","name":"ignored","$createdAt":"whatever"}]"#,
        )
        .unwrap();
        let folders: Vec<&str> = page.iter().map(FileFolder::folder_path).collect();
        assert_eq!(folders, ["x/y/", "", "", "z/"]);
        assert_eq!(page[0].id(), "a");
        assert!(serde_json::from_str::<FileFolder>(r#"{"folder":"x/"}"#).is_err());
    }

    #[test]
    fn reads_a_1_9_file_and_a_partial_upload() {
        let json = r#"{"$id":"big","bucketId":"b","$createdAt":"2026-01-05T14:03:00.000+00:00",
            "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":["read(\"any\")"],
            "name":"big.bin","signature":"","mimeType":"","sizeOriginal":6000000000,
            "chunksTotal":1145,"chunksUploaded":2,"sizeActual":6000000001,"encryption":true,
            "compression":"gzip"}"#;
        let file: File = serde_json::from_str(json).unwrap();
        assert_eq!(file.size_original, 6_000_000_000);
        assert_eq!(file.size_actual, Some(6_000_000_001));
        assert_eq!(file.encryption, Some(true));
        assert_eq!(file.compression.as_deref(), Some("gzip"));
        assert!(!file.is_complete());
    }
}
