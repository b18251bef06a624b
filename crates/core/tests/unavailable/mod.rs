//! What the two "no keychain here" test binaries share: a key that must never show, and the check
//! that an error is readable, names its cause and hides the key.

use bucketdesk_core::secrets::SecretError;

pub const KEY: &str = "standard_never-shown-in-errors-0042";

pub fn assert_readable(err: &SecretError, code: &str, hint: &str) {
    assert_eq!(err.code(), code, "{err}");
    let text = format!("{err} {err:?}");
    assert!(text.contains(hint), "{text}");
    assert!(!text.contains(KEY), "{text}");
}
