//! ID rules: what a valid ID looks like, `unique()`, and server-made 20-hex-char IDs.

use rand::Rng;

/// The placeholder a client sends to ask the server to make the ID.
pub const UNIQUE: &str = "unique()";

const ID_RULE: &str = "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char";

/// `[A-Za-z0-9._-]`, first character alphanumeric, 1 to 36 characters.
pub fn is_valid(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 36
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Checks an ID taken from the path or a body; else 400 `general_argument_invalid` naming the
/// param.
pub fn check(param: &str, id: &str) -> Result<(), crate::error::ApiError> {
    if is_valid(id) {
        Ok(())
    } else {
        Err(crate::error::ApiError::param(param, ID_RULE))
    }
}

/// Resolves a new custom ID: `unique()` becomes a server-made ID, anything else must be valid.
pub fn resolve_new(param: &str, id: &str) -> Result<String, crate::error::ApiError> {
    if id == UNIQUE {
        Ok(generate())
    } else {
        check(param, id).map(|_| id.to_string())
    }
}

/// A server-made ID: 20 lowercase hex characters.
pub fn generate() -> String {
    let mut rng = rand::rng();
    (0..20)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_ids() {
        assert!(is_valid("a"));
        assert!(is_valid("photo_1.png-x"));
        assert!(is_valid(&"a".repeat(36)));
        assert!(!is_valid(&"a".repeat(37)));
        assert!(!is_valid(""));
        assert!(!is_valid("_a"));
        assert!(!is_valid(".a"));
        assert!(!is_valid("-a"));
        assert!(!is_valid("a b"));
        assert!(!is_valid("a/b"));
        assert!(!is_valid(UNIQUE));
    }

    #[test]
    fn server_ids_are_20_hex_chars() {
        let id = generate();
        assert_eq!(id.len(), 20);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(generate(), id);
        assert_eq!(resolve_new("fileId", UNIQUE).unwrap().len(), 20);
        assert_eq!(resolve_new("fileId", "mine").unwrap(), "mine");
        assert!(resolve_new("fileId", "_bad").is_err());
    }
}
