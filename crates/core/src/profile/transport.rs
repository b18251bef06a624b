//! How a profile's key may travel: the pinned certificate fingerprint (trust on first use), plain
//! HTTP only to loopback or by explicit choice, and when an edit moves the key to another place.

use appwrite_rest::{CertFingerprint, Endpoint};

use super::{Profile, ProfileError, ProfileField, ProfileInput};

/// The label of the project editor's plain-HTTP checkbox, quoted by the error that asks for it.
pub const INSECURE_HTTP_CHOICE: &str = "Send the key without encryption";

/// Reads a SHA-256 certificate fingerprint typed or stored as 64 hex digits, bare or as 32
/// colon-separated pairs, in any case, and gives it as stored: `AB:CD:…`, as [`CertFingerprint`]
/// shows it.
pub fn normalize_fingerprint(text: &str) -> Result<String, ProfileError> {
    CertFingerprint::parse(text)
        .map(|fingerprint| fingerprint.to_string())
        .map_err(|_| {
            ProfileError::new(
                ProfileField::PinnedCertificate,
                "the pinned certificate is not a SHA-256 fingerprint (32 bytes in hex, like \
                 AB:CD:…); run Test connection to see the server's certificate and accept it again",
            )
        })
}

/// The plain-HTTP choice as stored: kept only where it matters (HTTP to a host other than this
/// machine), refused there when it was not made, and always off for HTTPS (which never downgrades).
pub(super) fn insecure_http_choice(
    endpoint: &Endpoint,
    allowed: bool,
) -> Result<bool, ProfileError> {
    if !endpoint.needs_insecure_opt_in() {
        return Ok(false);
    }
    if allowed {
        return Ok(true);
    }
    let host = endpoint.as_url().host_str().unwrap_or_default();
    Err(ProfileError::new(
        ProfileField::Endpoint,
        format!(
            "http:// would send the API key to {host} without encryption: use https://, or tick \
             \"{INSECURE_HTTP_CHOICE}\" if you trust every network between you and the server"
        ),
    ))
}

/// The pin as stored: normalized, and only for HTTPS (plain HTTP has no certificate to pin).
pub(super) fn pin_choice(
    endpoint: &Endpoint,
    pin: Option<&str>,
) -> Result<Option<String>, ProfileError> {
    match pin.map(str::trim).filter(|p| !p.is_empty()) {
        Some(pin) if endpoint.as_url().scheme() == "https" => normalize_fingerprint(pin).map(Some),
        _ => Ok(None),
    }
}

impl Profile {
    /// Whether saving `new` over this profile sends its key somewhere else: the endpoint's origin
    /// (scheme, host, port) or the project id changes. The caller then asks for the key again. An
    /// endpoint that does not parse counts as a change.
    pub fn key_scope_changed(&self, new: &ProfileInput) -> bool {
        let origin = |text: &str| Endpoint::parse(text).ok().map(|e| e.as_url().origin());
        let same_origin = match (origin(&self.endpoint), origin(&new.endpoint)) {
            (Some(old), Some(new)) => old == new,
            _ => false,
        };
        !same_origin || self.project_id != new.project_id.trim()
    }
}
