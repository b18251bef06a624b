//! Test connection on what the project editor holds, before anything is saved: the typed
//! endpoint, project id, transport choices and key (or, for an edit that still points to the same
//! place, the project's stored key). The same transport rules as a saved project apply; nothing
//! is written to the profiles file or the keychain, so Cancel leaves the projects as they were.

use appwrite_rest::ApiKey;

use crate::connection_check::{self, ConnectionReport};
use crate::failure::Failure;
use crate::profile::{Profile, ProfileInput};
use crate::projects::{transport_client, ProjectError, Projects};

/// The key a draft is tested with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftKey {
    /// The key typed in the editor.
    Typed(ApiKey),
    /// The stored key of the project being edited (its endpoint's origin and project id are
    /// unchanged, so the key goes where it already went).
    Stored,
}

/// Which key testing `draft` may use: the typed one (a blank one counts as none); else, when
/// editing `stored` and the draft still points to its origin and project, that project's stored
/// key; else none, and the editor asks for one. A project moved elsewhere never gets the old
/// key: the same rule as saving it ([`Profile::key_scope_changed`]).
pub fn draft_key(
    stored: Option<&Profile>,
    draft: &ProfileInput,
    typed: Option<ApiKey>,
) -> Result<DraftKey, ProjectError> {
    if let Some(key) = typed.filter(|k| !k.expose().trim().is_empty()) {
        return Ok(DraftKey::Typed(key));
    }
    match stored {
        None => Err(ProjectError::NoKey),
        Some(stored) if stored.key_scope_changed(draft) => Err(ProjectError::KeyRequired),
        Some(_) => Ok(DraftKey::Stored),
    }
}

impl Projects {
    /// Tests `draft` (the editor's fields; `editing` is the id of the stored project being
    /// edited, if any) with the key [`draft_key`] allows, without saving anything. A field that
    /// can't be used, or a missing key, is an error about that field; everything the server or
    /// the network says comes back as the report, with the certificate to trust when that is
    /// what failed. Reads the keychain at most, never writes it.
    pub async fn test_draft(
        &self,
        editing: Option<&str>,
        draft: &ProfileInput,
        typed: Option<ApiKey>,
    ) -> Result<ConnectionReport, ProjectError> {
        let fields = draft.connection_fields()?;
        let stored = editing.map(|id| self.profile(id)).transpose()?;
        let key = match draft_key(stored.as_ref(), draft, typed)? {
            DraftKey::Typed(key) => key,
            DraftKey::Stored => self.key(stored.as_ref().expect("an edit")).await?,
        };
        let client = match transport_client(
            fields.endpoint.as_str(),
            &fields.project_id,
            fields.pinned_certificate.as_deref(),
            fields.allow_insecure_http,
            key,
        ) {
            Ok(client) => client,
            Err(e) => return Ok(ConnectionReport::failed(Failure::from(&e))),
        };
        Ok(connection_check::check(&client).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> Profile {
        Profile::with_id(
            "p1".to_owned(),
            ProfileInput {
                name: "Shop".into(),
                endpoint: "https://fra.cloud.appwrite.io/v1".into(),
                project_id: "shop".into(),
                ..Default::default()
            },
        )
        .unwrap()
    }

    fn key(text: &str) -> Option<ApiKey> {
        Some(ApiKey::new(text.to_owned()))
    }

    #[test]
    fn a_typed_key_is_used_for_a_new_project_and_an_edit_alike() {
        let draft = stored().input();
        for editing in [None, Some(stored())] {
            let chosen = draft_key(editing.as_ref(), &draft, key("standard_typed")).unwrap();
            assert_eq!(
                chosen,
                DraftKey::Typed(ApiKey::new("standard_typed".into()))
            );
        }
    }

    #[test]
    fn a_new_project_without_a_typed_key_is_asked_for_one() {
        for blank in [None, key(""), key("  ")] {
            let error = draft_key(None, &stored().input(), blank).unwrap_err();
            assert_eq!(error.code(), "no_key");
            assert_eq!(error.field().as_deref(), Some("apiKey"));
        }
    }

    #[test]
    fn an_edit_in_the_same_place_is_tested_with_the_stored_key() {
        let same_place = [
            ProfileInput {
                name: "Renamed".into(),
                group: Some("Clients".into()),
                ..stored().input()
            },
            ProfileInput {
                endpoint: "https://FRA.cloud.appwrite.io:443/v1/".into(),
                ..stored().input()
            },
        ];
        for draft in same_place {
            assert_eq!(
                draft_key(Some(&stored()), &draft, None).unwrap(),
                DraftKey::Stored,
                "{draft:?}"
            );
        }
    }

    #[test]
    fn a_draft_moved_to_another_place_never_gets_the_stored_key() {
        let moved = [
            "https://nyc.cloud.appwrite.io/v1",
            "http://fra.cloud.appwrite.io/v1",
            "https://fra.cloud.appwrite.io:8443/v1",
            "not a url",
        ]
        .map(|endpoint| ProfileInput {
            endpoint: endpoint.into(),
            ..stored().input()
        });
        let other_project = ProfileInput {
            project_id: "other".into(),
            ..stored().input()
        };
        for draft in moved.iter().chain([&other_project]) {
            let error = draft_key(Some(&stored()), draft, key(" ")).unwrap_err();
            assert_eq!(error.code(), "key_required", "{draft:?}");
            assert_eq!(error.field().as_deref(), Some("apiKey"));
        }
    }

    #[test]
    fn a_draft_needs_no_name_but_the_same_transport_rules_as_a_saved_project() {
        let unnamed = ProfileInput {
            name: String::new(),
            ..stored().input()
        };
        assert!(unnamed.connection_fields().is_ok());
        assert!(
            unnamed.clone().validate().is_err(),
            "saving still needs a name"
        );

        let plain = ProfileInput {
            endpoint: "http://appwrite.example.com/v1".into(),
            ..unnamed.clone()
        };
        let refused = plain.connection_fields().unwrap_err();
        assert_eq!(refused.field, crate::profile::ProfileField::Endpoint);
        assert!(refused.message.contains("without encryption"), "{refused}");
        let consented = ProfileInput {
            allow_insecure_http: true,
            ..plain
        };
        assert!(consented.connection_fields().unwrap().allow_insecure_http);

        let local = ProfileInput {
            endpoint: "http://127.0.0.1:4000/v1".into(),
            allow_insecure_http: true,
            pinned_certificate: Some("ab".repeat(32)),
            ..unnamed.clone()
        };
        let fields = local.connection_fields().unwrap();
        assert!(!fields.allow_insecure_http, "loopback needs no consent");
        assert_eq!(
            fields.pinned_certificate, None,
            "plain HTTP has nothing to pin"
        );

        let pinned = ProfileInput {
            pinned_certificate: Some("ab".repeat(32)),
            ..unnamed.clone()
        };
        let pin = pinned
            .connection_fields()
            .unwrap()
            .pinned_certificate
            .unwrap();
        assert!(pin.starts_with("AB:AB:"), "{pin}");
        let bad_pin = ProfileInput {
            pinned_certificate: Some("not a fingerprint".into()),
            ..unnamed
        };
        assert_eq!(
            bad_pin.connection_fields().unwrap_err().field,
            crate::profile::ProfileField::PinnedCertificate
        );
    }
}
