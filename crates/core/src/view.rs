//! The small serializable shapes the UI receives: project entries (demo first, never a key), token rows (never a secret), and the quick switcher's filter.

use appwrite_rest::FileToken;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::expiry::{preselect, ExpiryPreset};
use crate::links::ShareKind;
use crate::profile::{Profile, DEMO_PROFILE_ID, DEMO_PROFILE_NAME};
use crate::status::TokenStatus;

/// One project in the sidebar and the switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectEntry {
    pub id: String,
    pub name: String,
    /// `None` for the demo while its sandbox is not running.
    pub endpoint: Option<String>,
    pub project_id: Option<String>,
    pub group: Option<String>,
    pub accept_invalid_certs: bool,
    pub default_link: ShareKind,
    pub default_expiry: ExpiryPreset,
    /// The built-in demo: not editable, deletable or exportable.
    pub is_demo: bool,
}

impl From<&Profile> for ProjectEntry {
    fn from(p: &Profile) -> Self {
        ProjectEntry {
            id: p.id.clone(),
            name: p.name.clone(),
            endpoint: Some(p.endpoint.clone()),
            project_id: Some(p.project_id.clone()),
            group: p.group.clone(),
            accept_invalid_certs: p.accept_invalid_certs,
            default_link: p.default_link,
            default_expiry: p.default_expiry,
            is_demo: p.is_demo(),
        }
    }
}

/// Every project the user can open: the demo first (with its endpoint when its sandbox runs),
/// then the stored profiles in their order.
pub fn projects(profiles: &[Profile], demo: Option<&Profile>) -> Vec<ProjectEntry> {
    let demo_entry = match demo {
        Some(profile) => ProjectEntry::from(profile),
        None => ProjectEntry {
            id: DEMO_PROFILE_ID.to_owned(),
            name: DEMO_PROFILE_NAME.to_owned(),
            endpoint: None,
            project_id: None,
            group: None,
            accept_invalid_certs: false,
            default_link: ShareKind::default(),
            default_expiry: ExpiryPreset::default(),
            is_demo: true,
        },
    };
    std::iter::once(demo_entry)
        .chain(
            profiles
                .iter()
                .filter(|p| !p.is_demo())
                .map(ProjectEntry::from),
        )
        .collect()
}

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
            status: TokenStatus::at(token.expire, now),
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
    use crate::profile::ProfileInput;
    use chrono::TimeZone;

    fn profile(name: &str, group: Option<&str>) -> Profile {
        Profile::new(ProfileInput {
            name: name.into(),
            endpoint: "https://a.example/v1".into(),
            project_id: "a".into(),
            group: group.map(str::to_owned),
            ..ProfileInput::default()
        })
        .unwrap()
    }

    #[test]
    fn the_demo_comes_first_whether_or_not_it_runs() {
        let stored = [profile("Prod", Some("Client X")), profile("Dev", None)];
        let list = projects(&stored, None);
        assert_eq!(list.len(), 3);
        assert!(list[0].is_demo);
        assert_eq!(list[0].id, DEMO_PROFILE_ID);
        assert_eq!(list[0].endpoint, None);
        assert_eq!(list[1].name, "Prod");
        let running = Profile::demo("http://127.0.0.1:4567/v1", "demo");
        let list = projects(&stored, Some(&running));
        assert_eq!(
            list[0].endpoint.as_deref(),
            Some("http://127.0.0.1:4567/v1")
        );
        assert!(!list[2].is_demo);
    }

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
                "accessedAt": null, "status": "expiresSoon",
                "editChoice": {"kind": "custom", "at": "2026-01-10T00:00:00Z"}
            })
        );
        assert!(!json.to_string().contains("head.body.sig"));
        let entry = serde_json::to_string(&projects(&[profile("P", None)], None)).unwrap();
        assert!(!entry.to_lowercase().contains("key\""), "{entry}");
    }
}
