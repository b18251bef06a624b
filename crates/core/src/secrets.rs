//! The one place that talks to the OS keychain: one API key per profile, stored with `keyring`,
//! and keychain failures turned into plain words. Keys are stored nowhere else.
//!
//! The keychain blocks (D-Bus on Linux): the async methods run it on the blocking pool; the
//! `_blocking` ones are for code already off the async runtime.

use appwrite_rest::ApiKey;

/// The keychain service name the app uses. Tests use their own.
pub const APP_SERVICE: &str = "bucketdesk";

/// Why the keychain could not be used. Messages name the cause and what to do; they never
/// contain a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No D-Bus session bus (Linux).
    #[error("The system keychain can't be reached: there is no D-Bus session bus ({detail}). Start Bucketdesk from a desktop session, or run it inside `dbus-run-session` with a keyring such as gnome-keyring.")]
    NoSessionBus { detail: String },
    /// A session bus but no Secret Service provider (Linux).
    #[error("No keychain service is running: nothing provides the Secret Service (org.freedesktop.secrets) ({detail}). Install and start gnome-keyring or KeePassXC with Secret Service enabled, then try again.")]
    NoSecretService { detail: String },
    /// The keychain is locked, or has no default ("login") keyring to store into.
    #[error("The keychain is locked or has no default keyring ({detail}). Unlock it (log in to your desktop session, or open your passwords app and unlock or create the \"login\" keyring), then try again.")]
    Locked { detail: String },
    /// The stored key is not text.
    #[error("The key stored for this project is damaged. Enter the API key again.")]
    Damaged,
    /// An empty key was given.
    #[error("The API key is empty. Paste the key from the Appwrite Console (Overview > Integrations > API keys).")]
    EmptyKey,
    /// Anything else the keychain reported.
    #[error("The system keychain refused the request: {detail}. Check that your keychain is running and unlocked, then try again.")]
    Other { detail: String },
}

impl SecretError {
    /// A stable machine code: `keychain_no_session_bus`, `keychain_unavailable`,
    /// `keychain_locked`, `keychain_entry_damaged`, `empty_key` or `keychain_error`.
    pub fn code(&self) -> &'static str {
        match self {
            SecretError::NoSessionBus { .. } => "keychain_no_session_bus",
            SecretError::NoSecretService { .. } => "keychain_unavailable",
            SecretError::Locked { .. } => "keychain_locked",
            SecretError::Damaged => "keychain_entry_damaged",
            SecretError::EmptyKey => "empty_key",
            SecretError::Other { .. } => "keychain_error",
        }
    }
}

/// API keys in the OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret
/// Service): one entry per profile, under `service` with the profile id as the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStore {
    service: String,
}

impl KeyStore {
    /// A key store under `service` ([`APP_SERVICE`] for the app).
    pub fn new(service: &str) -> Self {
        KeyStore {
            service: service.to_owned(),
        }
    }

    /// The service name.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// Stores (or replaces) the key of `profile_id`. Surrounding whitespace is dropped.
    pub fn set_blocking(&self, profile_id: &str, key: &ApiKey) -> Result<(), SecretError> {
        let value = key.expose().trim();
        if value.is_empty() {
            return Err(SecretError::EmptyKey);
        }
        self.entry(profile_id)?
            .set_password(value)
            .map_err(|e| classify(&e, Some(value)))?;
        tracing::debug!(service = %self.service, profile_id, "api key stored");
        Ok(())
    }

    /// The key of `profile_id`, or `None` when none is stored.
    pub fn get_blocking(&self, profile_id: &str) -> Result<Option<ApiKey>, SecretError> {
        match self.entry(profile_id)?.get_password() {
            Ok(value) => Ok(Some(ApiKey::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(classify(&e, None)),
        }
    }

    /// Whether a key is stored for `profile_id`.
    pub fn has_blocking(&self, profile_id: &str) -> Result<bool, SecretError> {
        self.get_blocking(profile_id).map(|k| k.is_some())
    }

    /// Removes the key of `profile_id`; a missing entry is fine.
    pub fn delete_blocking(&self, profile_id: &str) -> Result<(), SecretError> {
        match self.entry(profile_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(classify(&e, None)),
        }
    }

    /// Stores (or replaces) the key of `profile_id`, off the async runtime.
    pub async fn set(&self, profile_id: &str, key: &ApiKey) -> Result<(), SecretError> {
        let key = key.clone();
        self.off_runtime(profile_id, move |keys, id| keys.set_blocking(id, &key))
            .await
    }

    /// The key of `profile_id`, or `None` when none is stored, off the async runtime.
    pub async fn get(&self, profile_id: &str) -> Result<Option<ApiKey>, SecretError> {
        self.off_runtime(profile_id, |keys, id| keys.get_blocking(id))
            .await
    }

    /// Whether a key is stored for `profile_id`, off the async runtime.
    pub async fn has(&self, profile_id: &str) -> Result<bool, SecretError> {
        self.off_runtime(profile_id, |keys, id| keys.has_blocking(id))
            .await
    }

    /// Removes the key of `profile_id` (a missing entry is fine), off the async runtime.
    pub async fn delete(&self, profile_id: &str) -> Result<(), SecretError> {
        self.off_runtime(profile_id, |keys, id| keys.delete_blocking(id))
            .await
    }

    async fn off_runtime<T: Send + 'static>(
        &self,
        profile_id: &str,
        call: impl FnOnce(&KeyStore, &str) -> Result<T, SecretError> + Send + 'static,
    ) -> Result<T, SecretError> {
        let (keys, id) = (self.clone(), profile_id.to_owned());
        tokio::task::spawn_blocking(move || call(&keys, &id))
            .await
            .map_err(|e| SecretError::Other {
                detail: format!("the keychain call stopped ({e})"),
            })?
    }

    fn entry(&self, profile_id: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, profile_id).map_err(|e| classify(&e, None))
    }
}

/// Sorts a keyring error into one the user can act on. Only `Display` text is used (the
/// `Debug` of some keyring errors holds the stored bytes), and `secret`, when given, is
/// scrubbed from it.
fn classify(err: &keyring::Error, secret: Option<&str>) -> SecretError {
    if matches!(err, keyring::Error::BadEncoding(_)) {
        return SecretError::Damaged;
    }
    let mut detail = chain_text(err);
    if let Some(secret) = secret.filter(|s| !s.is_empty()) {
        detail = detail.replace(secret, "<redacted>");
    }
    classify_text(detail)
}

fn classify_text(detail: String) -> SecretError {
    let lower = detail.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&[
        "was not provided by any .service files",
        "org.freedesktop.dbus.error.serviceunknown",
        "no dbus session or secret service provider",
    ]) {
        SecretError::NoSecretService { detail }
    } else if has(&[
        "autolaunch",
        "failed to connect to socket",
        "org.freedesktop.dbus.error.noserver",
        "org.freedesktop.dbus.error.filenotfound",
        "dbus_session_bus_address",
        "could not connect",
        "connection refused",
    ]) {
        SecretError::NoSessionBus { detail }
    } else if has(&[
        "no result found",
        "locked",
        "prompt was dismissed",
        "prompt dismissed",
    ]) {
        SecretError::Locked { detail }
    } else {
        SecretError::Other { detail }
    }
}

/// The error's message followed by its causes', without repeats.
fn chain_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Cause(&'static str);
    impl std::fmt::Display for Cause {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Cause {}

    fn platform(text: &'static str) -> keyring::Error {
        keyring::Error::PlatformFailure(Box::new(Cause(text)))
    }

    #[test]
    fn linux_failures_become_readable_errors() {
        let cases = [
            (
                platform("DBus error: Unable to autolaunch a dbus-daemon without a $DISPLAY for X11"),
                "keychain_no_session_bus",
                "dbus-run-session",
            ),
            (
                platform("DBus error: Failed to connect to socket /nonexistent: No such file or directory"),
                "keychain_no_session_bus",
                "session bus",
            ),
            (
                platform("DBus error: The name org.freedesktop.secrets was not provided by any .service files"),
                "keychain_unavailable",
                "gnome-keyring",
            ),
            (
                keyring::Error::NoStorageAccess(Box::new(Cause("Secret Service: no result found"))),
                "keychain_locked",
                "Unlock",
            ),
            (
                keyring::Error::NoStorageAccess(Box::new(Cause("Secret Service: object locked"))),
                "keychain_locked",
                "Unlock",
            ),
            (
                platform("Crypto error: something odd"),
                "keychain_error",
                "something odd",
            ),
            (keyring::Error::BadEncoding(b"\xffsecret".to_vec()), "keychain_entry_damaged", "again"),
        ];
        for (err, code, hint) in cases {
            let mapped = classify(&err, None);
            assert_eq!(mapped.code(), code, "{err}");
            assert!(mapped.to_string().contains(hint), "{mapped}");
        }
    }

    #[test]
    fn the_key_is_scrubbed_from_error_text() {
        let err = platform("refused value standard_abc123 for some reason");
        let mapped = classify(&err, Some("standard_abc123"));
        let text = format!("{mapped} {mapped:?}");
        assert!(!text.contains("standard_abc123"), "{text}");
        assert!(text.contains("<redacted>"));
    }

    #[test]
    fn an_empty_key_is_refused_before_the_keychain_is_asked() {
        let store = KeyStore::new("bucketdesk-unit-test-never-used");
        let err = store.set_blocking("p1", &ApiKey::from("   ")).unwrap_err();
        assert_eq!(err.code(), "empty_key");
    }
}
