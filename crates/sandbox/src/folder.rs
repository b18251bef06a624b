//! Virtual folder names (newest server): what a `folder` form field may hold, and the stored form.
//!
//! The rules are the real server's (its `Folder` param validator, upstream PR 12929): `""` is the
//! bucket root; otherwise `/`-separated segments, none empty, `.` or `..` (so no leading `/` and
//! no `//`), no control character (U+0000–U+001F, U+007F), and at most 2048 bytes once
//! normalised. One trailing `/` is optional on input and always there once stored:
//! `photos/2026` is stored as `photos/2026/`. Anything else is 400 `general_argument_invalid`
//! with the real server's message. Names are kept as sent: case, spaces and any other
//! character (Unicode, `\`, `%`) are allowed.

use crate::error::ApiError;

/// The longest folder, in bytes, trailing slash included.
pub const MAX_BYTES: usize = 2048;

/// The real server's description of a valid folder, sent after "Invalid `folder` param: ".
pub const RULES: &str = "Folder must be `/`-separated segments without empty, `.`, or `..` segments, must not start with `/`, must not contain control characters, and must be at most 2048 characters long including the trailing slash.";

/// The stored form of `raw`: `""` for the root, else with one trailing slash.
pub fn normalize(raw: &str) -> String {
    if raw.is_empty() || raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    }
}

/// Checks a `folder` param and returns its stored form.
pub fn parse(raw: &str) -> Result<String, ApiError> {
    if is_valid(raw) {
        Ok(normalize(raw))
    } else {
        Err(ApiError::param("folder", RULES))
    }
}

fn is_valid(raw: &str) -> bool {
    if raw.is_empty() {
        return true;
    }
    if normalize(raw).len() > MAX_BYTES || raw.chars().any(|c| c <= '\u{1f}' || c == '\u{7f}') {
        return false;
    }
    let trimmed = raw.strip_suffix('/').unwrap_or(raw);
    !trimmed.is_empty()
        && trimmed
            .split('/')
            .all(|segment| !matches!(segment, "" | "." | ".."))
}

/// How a message names a folder: quoted, or "the bucket root".
pub fn describe(folder: &str) -> String {
    if folder.is_empty() {
        "the bucket root".to_string()
    } else {
        format!("\"{folder}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trailing_slash_is_added_once_and_the_root_stays_empty() {
        assert_eq!(parse("").unwrap(), "");
        assert_eq!(parse("photos").unwrap(), "photos/");
        assert_eq!(parse("photos/2026").unwrap(), "photos/2026/");
        assert_eq!(parse("photos/2026/").unwrap(), "photos/2026/");
        assert_eq!(
            parse("Fotos 2026/été/a.b/..x/\\%_").unwrap(),
            "Fotos 2026/été/a.b/..x/\\%_/"
        );
    }

    #[test]
    fn what_the_real_server_refuses_is_refused_with_its_message() {
        let long = "a".repeat(MAX_BYTES);
        for bad in [
            "/",
            "/photos",
            "//",
            "photos//2026",
            "photos/2026//",
            "./photos",
            "photos/.",
            "photos/../secrets",
            "..",
            "photos\n2026",
            "tab\there",
            "nul\0",
            "del\u{7f}",
            long.as_str(),
        ] {
            let err = parse(bad).unwrap_err();
            assert_eq!(err.status.as_u16(), 400, "{bad:?}");
            assert_eq!(err.kind, "general_argument_invalid", "{bad:?}");
            assert_eq!(err.message, format!("Invalid `folder` param: {RULES}"));
        }
    }

    #[test]
    fn the_length_limit_counts_bytes_with_the_trailing_slash() {
        let fits = "a".repeat(MAX_BYTES - 1);
        assert_eq!(parse(&fits).unwrap().len(), MAX_BYTES);
        assert_eq!(parse(&format!("{fits}/")).unwrap().len(), MAX_BYTES);
        // Two bytes per `é`: 1024 of them and the slash are 2049 bytes.
        assert!(parse(&"é".repeat(1024)).is_err());
        assert!(parse(&"é".repeat(1023)).is_ok());
    }
}
