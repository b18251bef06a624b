//! The client's one error type, with a stable machine code per variant, and the mapping from HTTP answers and transport failures.

use std::error::Error as StdError;
use std::time::Duration;

use serde::Deserialize;

/// A boxed underlying cause, kept for `source()` chains.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many characters of a raw body an error keeps.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// Everything that can go wrong talking to Appwrite. Messages never contain the API key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an Appwrite error body (or a non-success status).
    #[error("Appwrite error {status} ({kind}): {message}")]
    Api {
        /// HTTP status.
        status: u16,
        /// Appwrite's error `type`, e.g. `storage_file_not_found`; `unknown` when the body had none.
        kind: String,
        /// Appwrite's message.
        message: String,
    },
    /// The server could not be reached or the connection broke.
    #[error("network error: {message}")]
    Network {
        /// What happened.
        message: String,
        /// The transport error.
        #[source]
        source: Option<BoxError>,
    },
    /// The connection or the request took longer than the configured timeout.
    #[error("request timed out: {message}")]
    Timeout {
        /// What timed out.
        message: String,
    },
    /// The TLS handshake failed (bad or self-signed certificate, not a TLS server, ...).
    #[error("TLS error: {message}")]
    Tls {
        /// What happened.
        message: String,
        /// The transport error.
        #[source]
        source: Option<BoxError>,
    },
    /// An argument was refused before anything was sent (endpoint, id, header value, ...).
    #[error("invalid input: {message}")]
    InvalidInput {
        /// Which input and why.
        message: String,
    },
    /// A success answer whose body was not what the API promises.
    #[error("could not decode the response (HTTP {status}): {message}")]
    Decode {
        /// HTTP status.
        status: u16,
        /// The decoder's message.
        message: String,
        /// The first ~200 characters of the raw body.
        excerpt: String,
    },
    /// A local read or write failed (the upload source or the download sink).
    #[error("I/O error: {message}")]
    Io {
        /// What happened.
        message: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Appwrite's error body: `{"message", "code", "type", "version"}`.
#[derive(Debug, Deserialize)]
struct ApiErrorBody {
    message: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

impl Error {
    /// A stable machine code for the variant: `api`, `network`, `timeout`, `tls`, `invalid_input`,
    /// `decode` or `io`. For `api`, [`Error::api_kind`] carries Appwrite's own type.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Api { .. } => "api",
            Error::Network { .. } => "network",
            Error::Timeout { .. } => "timeout",
            Error::Tls { .. } => "tls",
            Error::InvalidInput { .. } => "invalid_input",
            Error::Decode { .. } => "decode",
            Error::Io { .. } => "io",
        }
    }

    /// Appwrite's error type (`storage_file_not_found`, ...) for API errors.
    pub fn api_kind(&self) -> Option<&str> {
        match self {
            Error::Api { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// The HTTP status, for errors that came with an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// For `general_unauthorized_scope`: the scopes the key lacks, parsed from
    /// `... missing scopes (["tokens.write"])`. `None` for every other error.
    pub fn missing_scope(&self) -> Option<Vec<String>> {
        let Error::Api { kind, message, .. } = self else {
            return None;
        };
        if kind != "general_unauthorized_scope" {
            return None;
        }
        Some(parse_missing_scopes(message))
    }

    /// 404 from the API: unknown bucket, file, token, project or route.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Api { status: 404, .. })
    }

    /// The API key was refused (invalid, expired or for another project).
    pub fn is_invalid_key(&self) -> bool {
        matches!(
            self,
            Error::Api { status: 401, kind, .. }
                if kind == "user_unauthorized" || kind == "project_key_expired" || kind == "project_key_invalid"
        )
    }

    /// A failure that may go away when the same request is sent again: connection problems,
    /// timeouts, 429 and 502/503/504. Whether a request is *actually* retried also depends on
    /// it being idempotent (see [`crate::RetryPolicy`]).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Network { .. } | Error::Timeout { .. } => true,
            Error::Api { status, .. } => is_retryable_status(*status),
            _ => false,
        }
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        Error::InvalidInput {
            message: message.into(),
        }
    }

    pub(crate) fn io(what: &str, source: std::io::Error) -> Self {
        Error::Io {
            message: format!("{what}: {source}"),
            source,
        }
    }

    /// An error answer: Appwrite's JSON body when there is one, else the status and an excerpt.
    pub(crate) fn from_response_body(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<ApiErrorBody>(body) {
            Ok(parsed) => Error::Api {
                status,
                kind: parsed
                    .kind
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| "unknown".to_owned()),
                message: parsed.message,
            },
            Err(_) => {
                let text = excerpt(body);
                let message = if text.trim().is_empty() {
                    format!("HTTP {status} with no error body")
                } else {
                    format!("HTTP {status}: {text}")
                };
                Error::Api {
                    status,
                    kind: "unknown".to_owned(),
                    message,
                }
            }
        }
    }

    /// A success body that did not decode.
    pub(crate) fn decode(status: u16, err: &serde_json::Error, body: &[u8]) -> Self {
        Error::Decode {
            status,
            message: err.to_string(),
            excerpt: excerpt(body),
        }
    }

    /// Sorts a transport error into timeout, TLS or network. TLS is recognised from the
    /// causes' wording (rustls, certificates, handshakes), never from the URL.
    pub(crate) fn from_transport(err: reqwest::Error, timeout: Option<Duration>) -> Self {
        let chain = source_chain_text(&err);
        if err.is_timeout() || chain_has_timeout(&err) {
            let message = match timeout {
                Some(t) => format!("no answer within {} ms ({chain})", t.as_millis()),
                None => chain,
            };
            return Error::Timeout { message };
        }
        let causes = err.source().map(source_chain_text).unwrap_or_default();
        if looks_like_tls(&causes) {
            return Error::Tls {
                message: chain,
                source: Some(Box::new(err)),
            };
        }
        if err.is_decode() || err.is_body() {
            return Error::Network {
                message: format!("reading the response failed: {chain}"),
                source: Some(Box::new(err)),
            };
        }
        let message = if err.is_connect() {
            format!("could not connect: {chain}")
        } else {
            chain
        };
        Error::Network {
            message,
            source: Some(Box::new(err)),
        }
    }
}

/// 429 and the gateway errors are worth another try.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The first [`EXCERPT_CHARS`] characters of a body, lossily decoded.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    text.chars().take(EXCERPT_CHARS).collect()
}

/// Parses `missing scopes (["a","b"])`; tolerates other spellings by collecting quoted words.
fn parse_missing_scopes(message: &str) -> Vec<String> {
    let lower = message.to_ascii_lowercase();
    let start = lower.find("missing scope").unwrap_or(0);
    let rest = &message[start..];
    if let (Some(open), Some(close)) = (rest.find('['), rest.find(']')) {
        if open < close {
            if let Ok(list) = serde_json::from_str::<Vec<String>>(&rest[open..=close]) {
                return list;
            }
        }
    }
    rest.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every message in the error's source chain, joined with `: `, without repeats.
fn source_chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

fn chain_has_timeout(err: &(dyn StdError + 'static)) -> bool {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
        }
        current = e.source();
    }
    false
}

fn looks_like_tls(chain: &str) -> bool {
    let lower = chain.to_ascii_lowercase();
    [
        "certificate",
        "rustls",
        "tls",
        "ssl",
        "handshake",
        "invalidcontenttype",
        "corrupt message",
        "peer misbehaved",
        "unknownissuer",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, kind: &str, message: &str) -> Error {
        Error::Api {
            status,
            kind: kind.into(),
            message: message.into(),
        }
    }

    #[test]
    fn parses_appwrite_error_bodies() {
        let body = br#"{"message":"The requested file could not be found.","code":404,"type":"storage_file_not_found","version":"1.8.1"}"#;
        let err = Error::from_response_body(404, body);
        assert_eq!(err.code(), "api");
        assert_eq!(err.api_kind(), Some("storage_file_not_found"));
        assert_eq!(err.status(), Some(404));
        assert!(err.is_not_found());
        assert!(!err.is_retryable());
        assert!(err.to_string().contains("could not be found"));
    }

    #[test]
    fn non_json_error_bodies_keep_status_and_excerpt() {
        let body = "<html>".to_owned() + &"x".repeat(500);
        let err = Error::from_response_body(502, body.as_bytes());
        match &err {
            Error::Api {
                status,
                kind,
                message,
            } => {
                assert_eq!(*status, 502);
                assert_eq!(kind, "unknown");
                assert!(message.starts_with("HTTP 502: <html>"));
                assert!(message.len() < 260);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.is_retryable());
        let empty = Error::from_response_body(503, b"");
        assert!(empty.to_string().contains("no error body"));
    }

    #[test]
    fn missing_scope_is_parsed_from_the_message() {
        let err = api(
            401,
            "general_unauthorized_scope",
            r#"app.demo@service.localhost (role: applications) missing scopes (["tokens.write"])"#,
        );
        assert_eq!(err.missing_scope(), Some(vec!["tokens.write".to_owned()]));
        let two = api(
            401,
            "general_unauthorized_scope",
            r#"x missing scopes (["files.read","buckets.read"])"#,
        );
        assert_eq!(
            two.missing_scope(),
            Some(vec!["files.read".to_owned(), "buckets.read".to_owned()])
        );
        let odd = api(
            401,
            "general_unauthorized_scope",
            r#"missing scope "files.write""#,
        );
        assert_eq!(odd.missing_scope(), Some(vec!["files.write".to_owned()]));
        assert_eq!(api(401, "user_unauthorized", "nope").missing_scope(), None);
        assert!(!err.is_invalid_key());
    }

    #[test]
    fn invalid_key_and_retryable_helpers() {
        assert!(api(401, "user_unauthorized", "").is_invalid_key());
        assert!(api(401, "project_key_expired", "").is_invalid_key());
        assert!(!api(404, "storage_bucket_not_found", "").is_invalid_key());
        for status in [429, 502, 503, 504] {
            assert!(api(status, "x", "").is_retryable(), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 416, 500] {
            assert!(!api(status, "x", "").is_retryable(), "{status}");
        }
        assert!(Error::Timeout {
            message: String::new()
        }
        .is_retryable());
        assert!(!Error::invalid_input("x").is_retryable());
    }

    #[test]
    fn every_variant_has_a_distinct_code() {
        let all = [
            api(400, "x", "y"),
            Error::Network {
                message: String::new(),
                source: None,
            },
            Error::Timeout {
                message: String::new(),
            },
            Error::Tls {
                message: String::new(),
                source: None,
            },
            Error::invalid_input("x"),
            Error::Decode {
                status: 200,
                message: String::new(),
                excerpt: String::new(),
            },
            Error::io("read", std::io::Error::other("boom")),
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(Error::code).collect();
        assert_eq!(codes.len(), all.len());
    }

    #[test]
    fn decode_keeps_a_short_excerpt() {
        let body = "é".repeat(300);
        let err = serde_json::from_str::<u8>(&body).unwrap_err();
        match Error::decode(200, &err, body.as_bytes()) {
            Error::Decode {
                status, excerpt, ..
            } => {
                assert_eq!(status, 200);
                assert_eq!(excerpt.chars().count(), EXCERPT_CHARS);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tls_wording_is_recognised() {
        assert!(looks_like_tls(
            "error sending request: received corrupt message of type InvalidContentType"
        ));
        assert!(looks_like_tls("invalid peer certificate: UnknownIssuer"));
        assert!(!looks_like_tls(
            "tcp connect error: Connection refused (os error 111)"
        ));
    }
}
