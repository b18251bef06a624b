//! A row of a file's token table: its dates, status and what "Edit expiry" preselects, never the
//! secret.

use appwrite_rest::FileToken;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::expiry::{preselect, ExpiryPreset};
use crate::status::TokenStatus;

/// One row of a file's token table. Dates are RFC 3339 in UTC; the UI shows them in local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRow {
    pub id: String,
    pub bucket_id: String,
    pub file_id: String,
    #[serde(rename = "createdAt")]
    pub created: DateTime<Utc>,
    /// `None`: never expires.
    pub expire: Option<DateTime<Utc>>,
    /// `None`: never accessed (refreshed at most daily by the server).
    pub accessed_at: Option<DateTime<Utc>>,
    pub status: TokenStatus,
    /// What "Edit expiry" preselects: the preset matching the token's lifetime, Never, or Custom
    /// at its current expiry.
    pub edit_choice: ExpiryPreset,
}

impl TokenRow {
    /// The row for `token` as seen at `now`. The secret is left out.
    pub fn new(token: &FileToken, now: DateTime<Utc>) -> Self {
        TokenRow {
            id: token.id.clone(),
            bucket_id: token.bucket_id().to_owned(),
            file_id: token.file_id().to_owned(),
            created: token.created_at,
            expire: token.expire,
            accessed_at: token.accessed_at,
            status: TokenStatus::at(token.created_at, token.expire, now),
            edit_choice: preselect(token.expire, token.created_at),
        }
    }
}

/// Rows for a token list, in the same order.
pub fn token_rows(tokens: &[FileToken], now: DateTime<Utc>) -> Vec<TokenRow> {
    tokens.iter().map(|t| TokenRow::new(t, now)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn token_rows_never_carry_the_secret() {
        let token: FileToken = serde_json::from_value(serde_json::json!({
            "$id": "tok1", "$createdAt": "2026-01-01T00:00:00.000+00:00",
            "resourceId": "photos:sunset-png", "resourceType": "files",
            "expire": "2026-01-10T00:00:00.000+00:00", "secret": "head.body.sig", "accessedAt": ""
        }))
        .unwrap();
        let now = Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).unwrap();
        let rows = token_rows(&[token], now);
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "id": "tok1", "bucketId": "photos", "fileId": "sunset-png",
                "createdAt": "2026-01-01T00:00:00Z", "expire": "2026-01-10T00:00:00Z",
                "accessedAt": null, "status": "active",
                "editChoice": {"kind": "custom", "at": "2026-01-10T00:00:00Z"}
            })
        );
        assert!(!json.to_string().contains("head.body.sig"));
    }
}
