//! A wrapper for secrets (API keys, token secrets) that never shows them in logs, `Debug` or
//! `Display`.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// Holds a secret value. `Debug` and `Display` print `<redacted>`; there is deliberately no
/// `Serialize` impl, so a secret can't end up in JSON by accident. Read it with
/// [`Sensitive::expose`].
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Sensitive<T>(T);

/// An Appwrite API key.
pub type ApiKey = Sensitive<String>;

const REDACTED: &str = "<redacted>";

impl<T> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret itself. Call this only where the value must leave the program (a header, a link).
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Sensitive<String> {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact_the_value() {
        let key = ApiKey::from("standard_abc123");
        assert_eq!(format!("{key:?}"), "<redacted>");
        assert_eq!(format!("{key}"), "<redacted>");
        assert_eq!(format!("{:#?}", Some(&key)), "Some(\n    <redacted>,\n)");
        assert_eq!(key.expose(), "standard_abc123");
    }

    #[test]
    fn redaction_holds_inside_derived_debug() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            key: ApiKey,
        }
        let text = format!(
            "{:?}",
            Holder {
                key: "s3cr3t".into()
            }
        );
        assert!(!text.contains("s3cr3t"), "{text}");
    }

    #[test]
    fn deserializes_from_the_plain_value() {
        let secret: Sensitive<String> = serde_json::from_str("\"header.payload.sig\"").unwrap();
        assert_eq!(secret.expose(), "header.payload.sig");
        assert_eq!(secret.into_inner(), "header.payload.sig");
    }
}
