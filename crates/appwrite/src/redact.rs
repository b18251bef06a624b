//! Redacts what looks like a secret (a token secret, an API key) from text that came from a server,
//! before an error keeps it.

const REDACTED: &str = "<redacted>";

/// Names whose values are secrets, compared case-insensitively: `"secret": "..."`,
/// `x-appwrite-key: ...`, `token=...`.
const SECRET_NAMES: &[&str] = &[
    "secret",
    "x-appwrite-key",
    "key",
    "apikey",
    "api_key",
    "api-key",
    "jwt",
    "token",
    "password",
    "authorization",
    "cookie",
];

/// Prefixes of Appwrite API keys.
const KEY_PREFIXES: &[&str] = &["standard_", "dynamic_"];

/// A run of this many hex digits is taken for a legacy (prefix-less) API key.
const HEX_KEY_LEN: usize = 64;

/// `text` with secrets replaced by `<redacted>`: values named like a secret (JSON members,
/// headers, query pairs), JWTs (`eyJ...`, the shape of file-token secrets) and Appwrite API keys.
pub(crate) fn redact_secrets(text: &str) -> String {
    let named = redact_named_values(text);
    redact_shapes(&named)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Replaces the value after `name` + `:` or `=` for every secret-like name.
fn redact_named_values(text: &str) -> String {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase().into_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let at_boundary = i == 0 || !is_word(bytes[i - 1]);
        let name = at_boundary
            .then(|| {
                SECRET_NAMES
                    .iter()
                    .filter(|n| lower[i..].starts_with(n.as_bytes()))
                    .map(|n| n.len())
                    .max()
            })
            .flatten();
        let Some(name_len) = name else {
            i += 1;
            continue;
        };
        let mut j = i + name_len;
        if j < bytes.len() && is_word(bytes[j]) {
            i += 1;
            continue;
        }
        if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
            j += 1;
        }
        while j < bytes.len() && bytes[j] == b' ' {
            j += 1;
        }
        if j >= bytes.len() || (bytes[j] != b':' && bytes[j] != b'=') {
            i += 1;
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j] == b' ' {
            j += 1;
        }
        let (start, end) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = j + 1;
                let mut end = start;
                while end < bytes.len() && bytes[end] != q {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                (start, end.min(bytes.len()))
            }
            Some(b'{' | b'[') | None => {
                i = j;
                continue;
            }
            Some(_) => {
                let start = j;
                let mut end = start;
                while end < bytes.len()
                    && !matches!(
                        bytes[end],
                        b' ' | b'\t' | b'\r' | b'\n' | b',' | b';' | b'&' | b'}' | b'"' | b'\''
                    )
                {
                    end += 1;
                }
                (start, end)
            }
        };
        let value = &text[start..end];
        if !value.is_empty() && !matches!(value, "null" | "true" | "false") {
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
            copied = end;
        }
        i = end.max(i + 1);
    }
    out.push_str(&text[copied..]);
    out
}

/// Replaces JWTs, prefixed API keys and long hex runs wherever they stand.
fn redact_shapes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if i > 0 && is_word(bytes[i - 1]) {
            i += 1;
            continue;
        }
        let end = jwt_end(bytes, i)
            .or_else(|| prefixed_key_end(bytes, i))
            .or_else(|| hex_run_end(bytes, i));
        match end {
            Some(end) => {
                out.push_str(&text[copied..i]);
                out.push_str(REDACTED);
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn word_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && is_word(bytes[end]) {
        end += 1;
    }
    end
}

/// `eyJ<header>.<payload>[.<signature>]`.
fn jwt_end(bytes: &[u8], i: usize) -> Option<usize> {
    if !bytes[i..].starts_with(b"eyJ") {
        return None;
    }
    let header_end = word_end(bytes, i);
    if header_end - i < 10 || bytes.get(header_end) != Some(&b'.') {
        return None;
    }
    let payload_end = word_end(bytes, header_end + 1);
    if payload_end == header_end + 1 {
        return None;
    }
    if bytes.get(payload_end) == Some(&b'.') {
        return Some(word_end(bytes, payload_end + 1));
    }
    Some(payload_end)
}

fn prefixed_key_end(bytes: &[u8], i: usize) -> Option<usize> {
    let prefix = KEY_PREFIXES
        .iter()
        .find(|p| bytes[i..].starts_with(p.as_bytes()))?;
    let end = word_end(bytes, i + prefix.len());
    (end - i - prefix.len() >= 16).then_some(end)
}

fn hex_run_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut end = i;
    while end < bytes.len() && bytes[end].is_ascii_hexdigit() {
        end += 1;
    }
    let whole = end == bytes.len() || !is_word(bytes[end]);
    (end - i >= HEX_KEY_LEN && whole).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJidWNrZXRJZCI6ImIiLCJmaWxlSWQiOiJmIn0.c2lnbmF0dXJl";

    #[test]
    fn json_members_named_like_secrets_are_redacted() {
        let body = r#"{"$id":"t1","secret":"abc.def.ghi","expire":null,"X-Appwrite-Key":"k-123","tokens":[]}"#;
        let text = redact_secrets(body);
        assert_eq!(
            text,
            r#"{"$id":"t1","secret":"<redacted>","expire":null,"X-Appwrite-Key":"<redacted>","tokens":[]}"#
        );
    }

    #[test]
    fn headers_and_query_pairs_are_redacted() {
        let text = redact_secrets(
            "GET /v1/x?project=p&token=a%2Bb HTTP/1.1\r\nx-appwrite-key: my-key-1\r\nHost: h\r\n",
        );
        assert!(!text.contains("a%2Bb"), "{text}");
        assert!(!text.contains("my-key"), "{text}");
        assert!(
            text.contains("project=p&token=<redacted> HTTP/1.1"),
            "{text}"
        );
        assert!(text.contains("Host: h"), "{text}");
    }

    #[test]
    fn jwts_and_api_keys_are_redacted_wherever_they_stand() {
        let key = format!("standard_{}", "0123456789abcdef".repeat(4));
        let legacy = "ab12".repeat(64);
        let text = redact_secrets(&format!(
            "<p>got {JWT} and {key}, also ({legacy}).</p> md5 d41d8cd98f00b204e9800998ecf8427e"
        ));
        assert!(!text.contains("eyJ"), "{text}");
        assert!(!text.contains("standard_0123"), "{text}");
        assert!(!text.contains("ab12ab12"), "{text}");
        assert!(text.starts_with("<p>got <redacted> and <redacted>, also (<redacted>).</p>"));
        assert!(text.ends_with("d41d8cd98f00b204e9800998ecf8427e"), "{text}");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "The requested file could not be found.",
            r#"{"message":"Invalid `queries` param","code":400,"type":"general_argument_invalid"}"#,
            r#"missing scopes (["tokens.write"])"#,
            "keys: none, monkey=1, tokenizer: on",
            "é accents, 日本語 and \"quotes\"",
            "secret: null; token=",
        ] {
            assert_eq!(redact_secrets(text), text);
        }
    }

    #[test]
    fn a_cut_off_value_is_still_redacted() {
        let text = redact_secrets(r#"{"secret":"eyJhbGciOiJIUz"#);
        assert_eq!(text, r#"{"secret":"<redacted>"#);
    }
}
