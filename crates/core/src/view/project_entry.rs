//! A project as the sidebar and the switcher show it: the demo first, then the stored profiles,
//! never a key.

use serde::Serialize;

use crate::expiry::ExpiryPreset;
use crate::profile::{Profile, DEMO_PROFILE_ID, DEMO_PROFILE_NAME};
use appwrite_rest::LinkKind;

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
    /// The accepted certificate's SHA-256 fingerprint (`AB:CD:…`), when the project pins one.
    pub pinned_certificate: Option<String>,
    /// The key goes over plain HTTP to another host, by the user's choice: show it as a warning.
    pub allow_insecure_http: bool,
    pub default_link: LinkKind,
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
            pinned_certificate: p.pinned_certificate.clone(),
            allow_insecure_http: p.allow_insecure_http,
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
            pinned_certificate: None,
            allow_insecure_http: false,
            default_link: LinkKind::default(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    fn profile(name: &str, endpoint: &str, allow_insecure_http: bool) -> Profile {
        Profile::new(ProfileInput {
            name: name.into(),
            endpoint: endpoint.into(),
            project_id: "a".into(),
            allow_insecure_http,
            ..ProfileInput::default()
        })
        .unwrap()
    }

    #[test]
    fn the_demo_comes_first_whether_or_not_it_runs() {
        let stored = [
            profile("Prod", "https://a.example/v1", false),
            profile("Dev", "https://b.example/v1", false),
        ];
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
        assert!(!list[0].allow_insecure_http);
        assert!(!list[2].is_demo);
    }

    #[test]
    fn an_entry_carries_its_transport_choices_and_never_a_key() {
        let plain = profile("Plain", "http://files.example/v1", true);
        let json = serde_json::to_value(&projects(&[plain], None)[1]).unwrap();
        assert_eq!(json["allowInsecureHttp"], true);
        assert_eq!(json["pinnedCertificate"], serde_json::Value::Null);
        assert!(json.get("acceptInvalidCerts").is_none(), "{json}");
        assert!(!json.to_string().to_lowercase().contains("key\""), "{json}");
    }
}
