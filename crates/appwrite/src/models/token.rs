//! File token (Appwrite's ResourceToken): a secret that opens one file through a share link.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::datetime;
use super::page::HasId;
use crate::sensitive::Sensitive;

/// A file token. The secret is a JWT made afresh on every response; it prints as `<redacted>`.
/// Deliberately not `Serialize`: view models pick the fields they show.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileToken {
    /// `$id`.
    #[serde(rename = "$id")]
    pub id: String,
    /// `$createdAt`.
    #[serde(rename = "$createdAt", with = "datetime::required")]
    pub created_at: DateTime<Utc>,
    /// `"<bucketId>:<fileId>"`.
    pub resource_id: String,
    /// `"files"`.
    #[serde(default)]
    pub resource_type: String,
    /// When it stops working; `None` (sent as `""`) for never.
    #[serde(default, with = "datetime::optional")]
    pub expire: Option<DateTime<Utc>>,
    /// The JWT to put in share links.
    pub secret: Sensitive<String>,
    /// Last use (refreshed at most daily by the server); `None` (sent as `""`) if never used.
    #[serde(default, with = "datetime::optional")]
    pub accessed_at: Option<DateTime<Utc>>,
}

impl FileToken {
    /// The bucket part of `resourceId`.
    pub fn bucket_id(&self) -> &str {
        self.resource_id
            .split_once(':')
            .map_or(self.resource_id.as_str(), |(bucket, _)| bucket)
    }

    /// The file part of `resourceId` (empty if the id has no `:`).
    pub fn file_id(&self) -> &str {
        self.resource_id
            .split_once(':')
            .map_or("", |(_, file)| file)
    }

    /// Whether the stored expiry has passed at `now`.
    pub fn is_expired_at(&self, now: DateTime<Utc>) -> bool {
        self.expire.is_some_and(|e| e <= now)
    }
}

impl HasId for FileToken {
    fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const FRESH: &str = r#"{"$id":"tok1","$createdAt":"2026-01-05T14:03:00.000+00:00",
        "resourceId":"photos:cat.png-1","resourceType":"files","expire":"","secret":"header.payload.sig",
        "accessedAt":"","extra":true}"#;

    #[test]
    fn empty_strings_read_as_none() {
        let token: FileToken = serde_json::from_str(FRESH).unwrap();
        assert_eq!(token.expire, None);
        assert_eq!(token.accessed_at, None);
        assert_eq!(token.bucket_id(), "photos");
        assert_eq!(token.file_id(), "cat.png-1");
        assert_eq!(token.secret.expose(), "header.payload.sig");
        assert!(!token.is_expired_at(Utc::now()));
    }

    #[test]
    fn null_and_missing_dates_read_as_none_and_real_dates_parse() {
        let json = r#"{"$id":"t","$createdAt":"2026-01-05T14:03:00.000+00:00","resourceId":"b:f",
            "resourceType":"files","expire":null,"secret":"header.payload.sig"}"#;
        let token: FileToken = serde_json::from_str(json).unwrap();
        assert_eq!((token.expire, token.accessed_at), (None, None));

        let json = r#"{"$id":"t","$createdAt":"2026-01-05T14:03:00.000+00:00","resourceId":"b:f",
            "resourceType":"files","expire":"2026-02-01T00:00:00.000+00:00",
            "secret":"header.payload.sig","accessedAt":"2026-01-06T08:00:00.000+00:00"}"#;
        let token: FileToken = serde_json::from_str(json).unwrap();
        let expire = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        assert_eq!(token.expire, Some(expire));
        assert!(token.is_expired_at(expire));
        assert!(token.accessed_at.is_some());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let token: FileToken = serde_json::from_str(FRESH).unwrap();
        let text = format!("{token:?}");
        assert!(!text.contains("header.payload.sig"), "{text}");
        assert!(text.contains("<redacted>"));
    }

    #[test]
    fn a_bad_date_is_a_decode_error() {
        let json = FRESH.replace(r#""expire":"""#, r#""expire":"soon""#);
        assert!(serde_json::from_str::<FileToken>(&json).is_err());
    }
}
