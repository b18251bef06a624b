//! A project profile (name, endpoint, project id, group, how its key travels, default link and
//! expiry): its validation, ids, duplication and the built-in demo profile. Never holds a key.

mod transport;

use appwrite_rest::Endpoint;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::expiry::ExpiryPreset;
use appwrite_rest::LinkKind;

pub use transport::{normalize_fingerprint, INSECURE_HTTP_CHOICE};

/// The id of the built-in "Demo (local sandbox)" profile. It is never stored in the profile file:
/// its endpoint is known only once the embedded sandbox runs.
pub const DEMO_PROFILE_ID: &str = "demo";
/// The demo profile's name.
pub const DEMO_PROFILE_NAME: &str = "Demo (local sandbox)";

/// Longest profile name.
pub const MAX_NAME_CHARS: usize = 128;
/// Longest group label.
pub const MAX_GROUP_CHARS: usize = 64;
/// Longest profile id (ids made here are 18 characters).
pub const MAX_ID_CHARS: usize = 64;

/// One Appwrite project the user works with. The API key lives in the keychain, under the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Random and stable: the keychain entry and every command refer to it.
    pub id: String,
    pub name: String,
    /// Validated and normalized (no trailing slash).
    pub endpoint: String,
    pub project_id: String,
    /// An optional label the switcher groups and filters by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The SHA-256 fingerprint of the one certificate the user accepted for this HTTPS endpoint
    /// (trust on first use), as `AB:CD:…`; `None`: the usual certificate checks. Files written
    /// before pinning carry `acceptInvalidCerts` instead, which is ignored: those load unpinned.
    #[serde(default)]
    pub pinned_certificate: Option<String>,
    /// The user chose to send the key over plain HTTP to a host other than this machine. Only
    /// ever true for such an endpoint (validation clears it elsewhere): it is also the warning.
    #[serde(default)]
    pub allow_insecure_http: bool,
    /// The link a plain "copy" makes.
    #[serde(default)]
    pub default_link: LinkKind,
    /// The expiry preselected for new tokens (a relative preset or never, not a date).
    #[serde(default)]
    pub default_expiry: ExpiryPreset,
}

/// What the add/edit form sends: a profile without its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileInput {
    pub name: String,
    pub endpoint: String,
    pub project_id: String,
    pub group: Option<String>,
    pub pinned_certificate: Option<String>,
    pub allow_insecure_http: bool,
    pub default_link: LinkKind,
    pub default_expiry: ExpiryPreset,
}

/// The field a validation error is about (the form highlights it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ProfileField {
    Id,
    Name,
    Endpoint,
    ProjectId,
    Group,
    PinnedCertificate,
    DefaultExpiry,
}

/// A profile that can't be saved: which field and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ProfileError {
    pub field: ProfileField,
    pub message: String,
}

impl ProfileError {
    fn new(field: ProfileField, message: impl Into<String>) -> Self {
        ProfileError {
            field,
            message: message.into(),
        }
    }

    /// Always `invalid_profile`; [`ProfileError::field`] says which field.
    pub fn code(&self) -> &'static str {
        "invalid_profile"
    }
}

/// A new random profile id: `p` and 16 hex characters. Never equal to [`DEMO_PROFILE_ID`].
pub fn new_profile_id() -> String {
    format!("p{:016x}", rand::rng().random::<u64>())
}

/// Whether `id` can name a profile: 1 to 64 of `A-Z a-z 0-9 - _`, and not the demo id.
pub fn check_id(id: &str) -> Result<(), ProfileError> {
    if id == DEMO_PROFILE_ID {
        return Err(ProfileError::new(
            ProfileField::Id,
            "the id \"demo\" belongs to the built-in demo project",
        ));
    }
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ProfileError::new(
            ProfileField::Id,
            format!("{id:?} is not a profile id (1 to {MAX_ID_CHARS} letters, digits, - or _)"),
        ))
    }
}

/// Appwrite's rule for project ids: 1 to 36 of `A-Z a-z 0-9 . _ -`, not starting with `. _ -`.
pub fn check_project_id(project_id: &str) -> Result<(), ProfileError> {
    let bytes = project_id.as_bytes();
    let ok = !bytes.is_empty()
        && bytes.len() <= 36
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else if project_id.is_empty() {
        Err(ProfileError::new(
            ProfileField::ProjectId,
            "enter the project id (Console: Settings > Project ID)",
        ))
    } else {
        Err(ProfileError::new(
            ProfileField::ProjectId,
            format!(
                "{project_id:?} is not an Appwrite project id: up to 36 letters, digits, '.', '_' or '-', starting with a letter or digit"
            ),
        ))
    }
}

/// What decides where a project's key goes and how it travels, checked and normalized: all that
/// Test connection needs (a draft in the editor may have no name yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionFields {
    pub endpoint: Endpoint,
    pub project_id: String,
    /// The normalized fingerprint, HTTPS only.
    pub pinned_certificate: Option<String>,
    /// Only ever true for plain HTTP to a host other than this machine.
    pub allow_insecure_http: bool,
}

impl ProfileInput {
    /// The endpoint, the plain-HTTP choice, the pinned certificate and the project id, checked as
    /// [`ProfileInput::validate`] checks them (the same rules for a draft as for a saved project).
    pub fn connection_fields(&self) -> Result<ConnectionFields, ProfileError> {
        let endpoint = Endpoint::parse(&self.endpoint)
            .map_err(|e| ProfileError::new(ProfileField::Endpoint, endpoint_message(&e)))?;
        let allow_insecure_http =
            transport::insecure_http_choice(&endpoint, self.allow_insecure_http)?;
        let pinned_certificate =
            transport::pin_choice(&endpoint, self.pinned_certificate.as_deref())?;
        let project_id = self.project_id.trim().to_owned();
        check_project_id(&project_id)?;
        Ok(ConnectionFields {
            endpoint,
            project_id,
            pinned_certificate,
            allow_insecure_http,
        })
    }

    /// Checks and normalizes every field: trims text, normalizes the endpoint and the
    /// fingerprint, drops an empty group, a pin on plain HTTP and a plain-HTTP choice that doesn't
    /// apply; refuses plain HTTP to another host unless the user chose it.
    pub fn validate(self) -> Result<ProfileInput, ProfileError> {
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            return Err(ProfileError::new(ProfileField::Name, "enter a name"));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(ProfileError::new(
                ProfileField::Name,
                format!("the name is longer than {MAX_NAME_CHARS} characters"),
            ));
        }
        let ConnectionFields {
            endpoint,
            project_id,
            pinned_certificate,
            allow_insecure_http,
        } = self.connection_fields()?;
        let group = self
            .group
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty());
        if group
            .as_ref()
            .is_some_and(|g| g.chars().count() > MAX_GROUP_CHARS)
        {
            return Err(ProfileError::new(
                ProfileField::Group,
                format!("the group is longer than {MAX_GROUP_CHARS} characters"),
            ));
        }
        if !self.default_expiry.is_relative() {
            return Err(ProfileError::new(
                ProfileField::DefaultExpiry,
                "the default expiry must be a duration (1 hour … 1 year) or Never, not a date",
            ));
        }
        Ok(ProfileInput {
            name,
            endpoint: endpoint.as_str().to_owned(),
            project_id,
            group,
            pinned_certificate,
            allow_insecure_http,
            default_link: self.default_link,
            default_expiry: self.default_expiry,
        })
    }
}

/// The endpoint error as a sentence under the field, without the client's `Invalid input:`
/// prefix: "The port must be a number from 1 to 65535 …."
fn endpoint_message(err: &appwrite_rest::Error) -> String {
    let text = match err {
        appwrite_rest::Error::InvalidInput { message } => message.clone(),
        other => return other.to_string(),
    };
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    let mut sentence = first.unwrap_or_default() + chars.as_str();
    if !sentence.ends_with('.') {
        sentence.push('.');
    }
    sentence
}

impl Profile {
    /// A new profile with a fresh id.
    pub fn new(input: ProfileInput) -> Result<Profile, ProfileError> {
        Profile::with_id(new_profile_id(), input)
    }

    /// A profile with a given id (editing keeps the id).
    pub fn with_id(id: String, input: ProfileInput) -> Result<Profile, ProfileError> {
        check_id(&id)?;
        let input = input.validate()?;
        Ok(Profile {
            id,
            name: input.name,
            endpoint: input.endpoint,
            project_id: input.project_id,
            group: input.group,
            pinned_certificate: input.pinned_certificate,
            allow_insecure_http: input.allow_insecure_http,
            default_link: input.default_link,
            default_expiry: input.default_expiry,
        })
    }

    /// The built-in demo profile for the embedded sandbox at `endpoint` (known at run time).
    pub fn demo(endpoint: &str, project_id: &str) -> Profile {
        Profile {
            id: DEMO_PROFILE_ID.to_owned(),
            name: DEMO_PROFILE_NAME.to_owned(),
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            project_id: project_id.to_owned(),
            group: None,
            pinned_certificate: None,
            allow_insecure_http: false,
            default_link: LinkKind::View,
            default_expiry: ExpiryPreset::SevenDays,
        }
    }

    /// Whether this is the built-in demo profile.
    pub fn is_demo(&self) -> bool {
        self.id == DEMO_PROFILE_ID
    }

    /// The form's fields, for editing.
    pub fn input(&self) -> ProfileInput {
        ProfileInput {
            name: self.name.clone(),
            endpoint: self.endpoint.clone(),
            project_id: self.project_id.clone(),
            group: self.group.clone(),
            pinned_certificate: self.pinned_certificate.clone(),
            allow_insecure_http: self.allow_insecure_http,
            default_link: self.default_link,
            default_expiry: self.default_expiry,
        }
    }

    /// Checks a profile read from a file (its id and every field), normalizing it.
    pub fn validated(self) -> Result<Profile, ProfileError> {
        let input = self.input();
        Profile::with_id(self.id, input)
    }

    /// The endpoint, parsed.
    pub fn endpoint(&self) -> Result<Endpoint, ProfileError> {
        Endpoint::parse(&self.endpoint)
            .map_err(|e| ProfileError::new(ProfileField::Endpoint, endpoint_message(&e)))
    }

    /// A copy with a fresh id, named "<name> copy" (or "<name> copy 2", … when `taken` has it).
    pub fn duplicate<'a>(&self, taken: impl IntoIterator<Item = &'a str> + Clone) -> Profile {
        Profile {
            id: new_profile_id(),
            name: copy_name(&self.name, taken),
            ..self.clone()
        }
    }
}

/// "<name> copy", then "<name> copy 2", "<name> copy 3", … the first not in `taken`.
pub fn copy_name<'a>(name: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let is_taken = |candidate: &str| taken.clone().into_iter().any(|t| t == candidate);
    let base = format!("{name} copy");
    if !is_taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|candidate| !is_taken(candidate))
        .expect("some number is free")
}

#[cfg(test)]
mod tests;
