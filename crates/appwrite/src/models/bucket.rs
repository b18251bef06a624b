//! Bucket: what the server returns, and what creating one takes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::datetime;
use super::page::HasId;

/// A storage bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bucket {
    /// `$id`.
    #[serde(rename = "$id")]
    pub id: String,
    /// `$createdAt`.
    #[serde(rename = "$createdAt", with = "datetime::required")]
    pub created_at: DateTime<Utc>,
    /// `$updatedAt`.
    #[serde(rename = "$updatedAt", with = "datetime::required")]
    pub updated_at: DateTime<Utc>,
    /// `$permissions`.
    #[serde(rename = "$permissions", default)]
    pub permissions: Vec<String>,
    /// Whether file-level permissions apply.
    #[serde(default)]
    pub file_security: bool,
    /// Display name.
    pub name: String,
    /// Whether the bucket is enabled.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Maximum file size in bytes.
    #[serde(default)]
    pub maximum_file_size: u64,
    /// Allowed extensions; empty means any.
    #[serde(default)]
    pub allowed_file_extensions: Vec<String>,
    /// `none`, `gzip` or `zstd`.
    #[serde(default)]
    pub compression: String,
    /// Encryption at rest.
    #[serde(default)]
    pub encryption: bool,
    /// Antivirus scanning.
    #[serde(default)]
    pub antivirus: bool,
    /// Image transformations (previews) enabled.
    #[serde(default)]
    pub transformations: bool,
    /// Bytes stored (Appwrite 1.9+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_size: Option<u64>,
    /// What the bucket is for, as its owner wrote it (newest servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Uploaded images lose their metadata (EXIF, ...) (newest servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip_metadata: Option<bool>,
}

fn yes() -> bool {
    true
}

impl HasId for Bucket {
    fn id(&self) -> &str {
        &self.id
    }
}

/// The body of `POST /storage/buckets`. Unset options keep the server's defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewBucket {
    /// Custom id or `unique()`.
    pub bucket_id: String,
    /// Display name.
    pub name: String,
    /// Permission strings, e.g. `read("any")`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// File-level security.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_security: Option<bool>,
    /// Enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Maximum file size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_file_size: Option<u64>,
    /// Allowed extensions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_file_extensions: Option<Vec<String>>,
    /// `none`, `gzip` or `zstd`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    /// Encryption at rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<bool>,
    /// Antivirus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antivirus: Option<bool>,
    /// Image transformations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transformations: Option<bool>,
    /// What the bucket is for (newest servers; older ones refuse an unknown param, so leave it
    /// unset for them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Strip images' metadata on upload (newest servers; leave unset for older ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strip_metadata: Option<bool>,
}

impl NewBucket {
    /// A bucket with this id and name and server defaults for the rest.
    pub fn new(bucket_id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            bucket_id: bucket_id.into(),
            name: name.into(),
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_1_8_bucket_and_ignores_unknown_fields() {
        let json = r#"{"$id":"photos","$createdAt":"2026-01-05T14:03:00.000+00:00",
            "$updatedAt":"2026-01-06T10:00:00.123+00:00","$permissions":["read(\"any\")"],
            "fileSecurity":false,"name":"Photos","enabled":true,"maximumFileSize":30000000,
            "allowedFileExtensions":["png","jpg"],"compression":"none","encryption":true,
            "antivirus":true,"transformations":true,"somethingNew":{"a":1}}"#;
        let bucket: Bucket = serde_json::from_str(json).unwrap();
        assert_eq!(bucket.id(), "photos");
        assert_eq!(bucket.maximum_file_size, 30_000_000);
        assert_eq!(bucket.allowed_file_extensions, ["png", "jpg"]);
        assert_eq!(bucket.total_size, None);
        assert_eq!(bucket.description, None);
        assert_eq!(bucket.strip_metadata, None);
        assert_eq!(bucket.updated_at.timestamp_subsec_millis(), 123);
    }

    #[test]
    fn reads_the_1_9_total_size_as_64_bit() {
        let json = r#"{"$id":"b","$createdAt":"2026-01-05T14:03:00.000+00:00",
            "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"fileSecurity":true,
            "name":"B","enabled":false,"maximumFileSize":5000000000,"allowedFileExtensions":[],
            "compression":"zstd","encryption":false,"antivirus":false,"transformations":false,
            "totalSize":9000000000}"#;
        let bucket: Bucket = serde_json::from_str(json).unwrap();
        assert_eq!(bucket.total_size, Some(9_000_000_000));
        assert_eq!(bucket.maximum_file_size, 5_000_000_000);
        assert!(!bucket.enabled);
    }

    #[test]
    fn reads_the_newest_description_and_strip_metadata() {
        let json = r#"{"$id":"b","$createdAt":"2026-01-05T14:03:00.000+00:00",
            "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"fileSecurity":false,
            "name":"B","enabled":true,"maximumFileSize":30000000,"allowedFileExtensions":[],
            "compression":"none","encryption":true,"antivirus":true,"transformations":true,
            "totalSize":1234,"description":"Holiday photos","stripMetadata":true}"#;
        let bucket: Bucket = serde_json::from_str(json).unwrap();
        assert_eq!(bucket.description.as_deref(), Some("Holiday photos"));
        assert_eq!(bucket.strip_metadata, Some(true));
        assert_eq!(bucket.total_size, Some(1234));
    }

    #[test]
    fn new_bucket_sends_the_newest_fields_only_when_set() {
        let mut body = NewBucket::new("b", "B");
        body.description = Some("Receipts".into());
        body.strip_metadata = Some(false);
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"bucketId":"b","name":"B","description":"Receipts","stripMetadata":false})
        );
    }

    #[test]
    fn new_bucket_sends_only_what_is_set() {
        let mut body = NewBucket::new("unique()", "Docs");
        body.transformations = Some(true);
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"bucketId":"unique()","name":"Docs","transformations":true})
        );
    }
}
