//! The client's one error type, with a stable machine code per variant, the mapping from HTTP answers and transport failures, and messages that say what happened and what to do.

use std::error::Error as StdError;
use std::fmt::Write as _;
use std::time::Duration;

use serde::Deserialize;

use crate::redact::redact_secrets;

/// A boxed underlying cause, kept for `source()` chains.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many characters of a raw body an error keeps.
pub(crate) const EXCERPT_CHARS: usize = 200;

/// The name of the client option that trusts a self-signed certificate, as a user sees it.
pub const ACCEPT_SELF_SIGNED: &str = "Accept a self-signed certificate";

/// Where a key's settings live in the Appwrite console.
pub(crate) const KEYS_PAGE: &str =
    "the Appwrite console (your project > Overview > Integrations > API keys)";

/// Everything that can go wrong talking to Appwrite. Each message says what happened and what to
/// do about it; none contains the API key or a token secret (texts that came from a server are
/// redacted before they are kept).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an Appwrite error body (or a non-success status).
    #[error("{}", api_text(*status, kind, message))]
    Api {
        /// HTTP status.
        status: u16,
        /// Appwrite's error `type`, e.g. `storage_file_not_found`; `unknown` when the body had none.
        kind: String,
        /// Appwrite's message (or, for a body that was not Appwrite's, an excerpt of it).
        message: String,
    },
    /// The server could not be reached or the connection broke.
    #[error("{message}")]
    Network {
        /// What happened and what to do, with the transport's own words at the end.
        message: String,
        /// The transport error.
        #[source]
        source: Option<BoxError>,
    },
    /// The connection or the request took longer than the configured timeout.
    #[error("{message}")]
    Timeout {
        /// What timed out and what to do.
        message: String,
    },
    /// The TLS handshake failed (untrusted, expired or misnamed certificate, not a TLS server, ...).
    #[error("{message}")]
    Tls {
        /// What happened and what to do, with the TLS library's own words at the end.
        message: String,
        /// The transport error.
        #[source]
        source: Option<BoxError>,
    },
    /// An argument was refused before anything was sent (endpoint, id, header value, ...).
    #[error("Invalid input: {message}.")]
    InvalidInput {
        /// Which input, why, and what is expected.
        message: String,
    },
    /// A success answer whose body was not what the API promises.
    #[error(
        "The server's answer was not what Appwrite sends (HTTP {status}: {message}). Check that \
         the endpoint is your Appwrite server's API address, usually ending in /v1."
    )]
    Decode {
        /// HTTP status.
        status: u16,
        /// The decoder's message.
        message: String,
        /// The first ~200 characters of the raw body, secrets redacted: the details for a
        /// "show details" view or a bug report.
        excerpt: String,
    },
    /// A local read or write failed (the upload source or the download sink).
    #[error(
        "{message}. Check that the file is where it was, that it may be read or written, and \
         that the disk has free space."
    )]
    Io {
        /// What failed, and the system's reason.
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

    /// The start of the body that did not decode (secrets redacted), for a details view.
    pub fn excerpt(&self) -> Option<&str> {
        match self {
            Error::Decode { excerpt, .. } => Some(excerpt),
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
            Error::Api { status: 401, kind, .. } if is_invalid_key_kind(kind)
        )
    }

    /// A failure that may go away when the same request is sent again: connection problems,
    /// timeouts, 429 and 502/503/504. Whether a request is *actually* retried also depends on
    /// it being idempotent (see [`crate::RetryPolicy`]). TLS failures are never retried.
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

    /// `what` is a gerund phrase such as `reading /tmp/a.png` or `writing the download`.
    pub(crate) fn io(what: &str, source: std::io::Error) -> Self {
        let mut what = what.to_owned();
        if let Some(first) = what.get(..1) {
            what.replace_range(..1, &first.to_ascii_uppercase());
        }
        Error::Io {
            message: format!("{what} failed: {source}"),
            source,
        }
    }

    /// An error answer: Appwrite's JSON body when there is one, else the status and an excerpt.
    /// Anything that looks like a secret in the body is redacted first.
    pub(crate) fn from_response_body(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<ApiErrorBody>(body) {
            Ok(parsed) => Error::Api {
                status,
                kind: parsed
                    .kind
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| "unknown".to_owned()),
                message: redact_secrets(&parsed.message),
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
            message: redact_secrets(&err.to_string()),
            excerpt: excerpt(body),
        }
    }

    /// The HTTP client itself could not be built (its TLS setup failed).
    pub(crate) fn client_setup(err: reqwest::Error) -> Self {
        Error::Tls {
            message: format!(
                "Could not set up secure connections (TLS) on this computer ({}). Check the \
                 system's certificate store, then restart the app.",
                causes_text(&err)
            ),
            source: Some(Box::new(err)),
        }
    }

    /// Sorts a transport error into timeout, TLS or network, with a message for the user. TLS
    /// is recognised from the causes' wording (rustls, certificates, handshakes), never from
    /// the URL. The messages name the host, never the path or query.
    pub(crate) fn from_transport(err: reqwest::Error, timeout: Option<Duration>) -> Self {
        let host = err
            .url()
            .map(host_of)
            .unwrap_or_else(|| "the server".to_owned());
        let detail = causes_text(&err);
        if err.is_timeout() || chain_has_timeout(&err) {
            let message = if err.is_connect() {
                format!(
                    "Could not connect to {host} in time. Check the endpoint and your internet \
                     connection, then try again."
                )
            } else {
                let within = timeout
                    .map(|t| format!(" within {}", human_duration(t)))
                    .unwrap_or_default();
                format!(
                    "The server at {host} did not answer{within}. It may be busy or the \
                     connection slow: check your internet connection and try again."
                )
            };
            return Error::Timeout { message };
        }
        if let Some(problem) = TlsProblem::recognise(&detail) {
            return Error::Tls {
                message: format!("{} ({detail})", problem.advice(&host)),
                source: Some(Box::new(err)),
            };
        }
        let message = if err.is_decode() || err.is_body() {
            format!(
                "The connection to {host} broke while the answer was being read. Check your \
                 internet connection and try again."
            )
        } else if err.is_connect() && detail.to_ascii_lowercase().contains("dns error") {
            format!(
                "Could not find the server {host}. Check the endpoint's spelling and your \
                 internet connection."
            )
        } else if err.is_connect() {
            format!(
                "Could not connect to {host}. Check the endpoint, that the server is running, \
                 and your internet connection."
            )
        } else {
            format!(
                "The request to {host} failed. Check the endpoint and your internet connection, \
                 then try again."
            )
        };
        Error::Network {
            message: format!("{message} ({detail})"),
            source: Some(Box::new(err)),
        }
    }
}

/// The kinds of failed handshake a user can do something about, each with its own advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TlsProblem {
    /// Self-signed or from an unknown authority.
    Untrusted,
    /// Expired or not valid yet.
    Expired,
    /// Made for another host name.
    WrongName,
    /// The other side does not speak TLS (usually plain HTTP on that port).
    NotTls,
    /// Anything else in the handshake.
    Other,
}

impl TlsProblem {
    /// Reads the TLS library's wording; `None` when the failure was not about TLS.
    fn recognise(causes: &str) -> Option<Self> {
        let lower = causes.to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if has(&[
            "invalidcontenttype",
            "corrupt message",
            "wrong version number",
        ]) {
            return Some(TlsProblem::NotTls);
        }
        if !has(&[
            "certificate",
            "rustls",
            "tls",
            "ssl",
            "handshake",
            "peer misbehaved",
            "unknownissuer",
        ]) {
            return None;
        }
        Some(
            if has(&[
                "expired",
                "notvalidyet",
                "not valid yet",
                "not valid before",
            ]) {
                TlsProblem::Expired
            } else if has(&["notvalidforname", "not valid for name"]) {
                TlsProblem::WrongName
            } else if has(&[
                "unknownissuer",
                "unknown issuer",
                "self-signed",
                "self signed",
                "untrusted",
                "unknownca",
                "unknown ca",
                "causedasendentity",
            ]) {
                TlsProblem::Untrusted
            } else {
                TlsProblem::Other
            },
        )
    }

    fn advice(self, host: &str) -> String {
        let option = ACCEPT_SELF_SIGNED;
        match self {
            TlsProblem::Untrusted => format!(
                "The certificate of {host} is not trusted: it is self-signed or issued by an \
                 authority this computer does not know. If this is your own self-hosted Appwrite, \
                 turn on \"{option}\" for this connection; otherwise check the endpoint."
            ),
            TlsProblem::Expired => format!(
                "The certificate of {host} has expired or is not valid yet. Check this \
                 computer's date and time; if they are right, the server's certificate needs \
                 renewing (for your own server you can turn on \"{option}\" meanwhile)."
            ),
            TlsProblem::WrongName => format!(
                "The certificate presented by {host} is made for another host name. Check the \
                 endpoint's host name; for your own server that you trust, turn on \"{option}\"."
            ),
            TlsProblem::NotTls => format!(
                "The server at {host} did not answer with TLS (HTTPS). If it serves plain HTTP, the \
                 endpoint should start with http://; otherwise check the port."
            ),
            TlsProblem::Other => format!(
                "The secure connection (TLS) to {host} failed. Check the endpoint; for your own \
                 server with a self-signed certificate, turn on \"{option}\"."
            ),
        }
    }
}

/// The user-facing text of an API error: what happened, then what to do. Appwrite's own type
/// and message stay in it for support.
fn api_text(status: u16, kind: &str, message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let appwrite = kind != "unknown";
    let said = if appwrite {
        format!("HTTP {status}, {kind}: {message}")
    } else {
        // Not an Appwrite body: `message` already reads "HTTP <status>: <excerpt>".
        message.to_owned()
    };
    if status == 401 && is_invalid_key_kind(kind) {
        if kind == "project_key_expired" {
            return format!(
                "The API key has expired ({said}). Create a new key in {KEYS_PAGE} and use it \
                 here."
            );
        }
        return format!(
            "Appwrite refused the API key ({said}). Check the key in {KEYS_PAGE}: it may be \
             mistyped, deleted, expired or made for another project."
        );
    }
    if kind == "general_unauthorized_scope" {
        let scopes = parse_missing_scopes(message);
        let (lacks, them) = match scopes.len() {
            0 => ("a scope this needs".to_owned(), "it"),
            1 => (format!("the scope {}", scopes[0]), "it"),
            _ => (format!("the scopes {}", scopes.join(", ")), "them"),
        };
        return format!(
            "The API key lacks {lacks} ({said}). Add {them} to the key's scopes in {KEYS_PAGE}, \
             then try again."
        );
    }
    let mut text = String::new();
    match (status, kind) {
        (_, "project_not_found") | (_, "project_id_missing") => {
            let _ = write!(
                text,
                "Appwrite does not know this project ({said}). Check the project id: it is \
                 shown in the project's settings in the Appwrite console."
            );
        }
        (404, "general_route_not_found") | (404, "unknown") => {
            let _ = write!(
                text,
                "The server has no such Appwrite API address ({said}). Check the endpoint: it \
                 should be your Appwrite server's API address, usually ending in /v1."
            );
        }
        (404, _) => {
            let _ = write!(
                text,
                "Not found ({said}). It may have been deleted or renamed: refresh and try again."
            );
        }
        (429, _) => {
            let _ = write!(
                text,
                "Appwrite is limiting how fast requests may be sent ({said}). Wait a moment and \
                 try again."
            );
        }
        (502..=504, _) => {
            let _ = write!(
                text,
                "The Appwrite server is unavailable right now ({said}). Try again in a moment; \
                 if it keeps happening, check that the server is running."
            );
        }
        (500..=599, _) => {
            let _ = write!(
                text,
                "The Appwrite server failed to handle the request ({said}). Try again; if it \
                 keeps happening, the server's logs will say why."
            );
        }
        (401 | 403, _) => {
            let _ = write!(
                text,
                "Appwrite refused the request ({said}). Check that the API key belongs to this \
                 project and has the scopes this needs, in {KEYS_PAGE}."
            );
        }
        _ if appwrite => {
            let _ = write!(text, "Appwrite refused the request ({said}).");
        }
        _ => {
            let _ = write!(
                text,
                "The server refused the request ({said}). Check that the endpoint is your \
                 Appwrite server's API address, usually ending in /v1."
            );
        }
    }
    text
}

fn is_invalid_key_kind(kind: &str) -> bool {
    matches!(
        kind,
        "user_unauthorized" | "project_key_expired" | "project_key_invalid"
    )
}

/// 429 and the gateway errors are worth another try.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The first [`EXCERPT_CHARS`] characters of a body, lossily decoded, secrets redacted.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = redact_secrets(&String::from_utf8_lossy(body));
    text.chars().take(EXCERPT_CHARS).collect()
}

/// `host` or `host:port` of a URL, for messages (never the path or the query).
fn host_of(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or("the server");
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// `300 ms`, `30 s`, `1.5 s`.
fn human_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if d.subsec_millis() == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
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

/// The transport's own words for a failure: the causes under reqwest's top message (which
/// repeats the URL), joined with `: `, without repeats or hyper's `client error (...)` wrapper.
fn causes_text(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = err.source();
    while let Some(e) = current {
        let text = e.to_string();
        let wrapper = text.starts_with("client error (") && e.source().is_some();
        if !wrapper && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    if parts.is_empty() {
        // No causes: reqwest's own message, without the URL.
        let text = err.to_string();
        return match text.split_once(" for url (") {
            Some((head, _)) => head.to_owned(),
            None => text,
        };
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
    fn tls_wording_is_sorted_into_problems() {
        let cases = [
            (
                "client error (Connect): invalid peer certificate: UnknownIssuer",
                Some(TlsProblem::Untrusted),
            ),
            (
                "invalid peer certificate: certificate expired: verification time 1795848701 \
                 (UNIX), but certificate is not valid after 1009843200",
                Some(TlsProblem::Expired),
            ),
            (
                "invalid peer certificate: certificate not valid for name \"127.0.0.1\"; \
                 certificate is only valid for DnsName(\"files.example.org\")",
                Some(TlsProblem::WrongName),
            ),
            (
                "invalid peer certificate: NotValidForName",
                Some(TlsProblem::WrongName),
            ),
            (
                "received corrupt message of type InvalidContentType",
                Some(TlsProblem::NotTls),
            ),
            (
                "peer is incompatible: handshake failure",
                Some(TlsProblem::Other),
            ),
            ("tcp connect error: Connection refused (os error 111)", None),
            ("dns error: failed to lookup address information", None),
        ];
        for (words, expected) in cases {
            assert_eq!(TlsProblem::recognise(words), expected, "{words}");
        }
    }

    #[test]
    fn tls_advice_says_what_to_do() {
        let untrusted = TlsProblem::Untrusted.advice("h:1");
        assert!(untrusted.contains("not trusted"), "{untrusted}");
        assert!(untrusted.contains("self-signed"), "{untrusted}");
        assert!(
            untrusted.contains(&format!("\"{ACCEPT_SELF_SIGNED}\"")),
            "{untrusted}"
        );
        assert!(TlsProblem::Expired.advice("h").contains("date and time"));
        assert!(TlsProblem::WrongName
            .advice("h")
            .contains("another host name"));
        assert!(TlsProblem::NotTls.advice("h").contains("http://"));
        assert!(TlsProblem::Other.advice("h").contains(ACCEPT_SELF_SIGNED));
    }

    #[test]
    fn a_refused_key_says_to_check_it_in_the_console() {
        for kind in ["user_unauthorized", "project_key_invalid"] {
            let text = api(401, kind, "The current user is not authorized.").to_string();
            assert!(text.starts_with("Appwrite refused the API key"), "{text}");
            assert!(text.contains("Check the key in"), "{text}");
            assert!(text.contains(KEYS_PAGE), "{text}");
            assert!(text.contains(kind), "{text}");
        }
        let expired = api(401, "project_key_expired", "expired").to_string();
        assert!(expired.starts_with("The API key has expired"), "{expired}");
        assert!(expired.contains("Create a new key"), "{expired}");
    }

    #[test]
    fn a_missing_scope_is_named_with_where_to_add_it() {
        let one = api(
            401,
            "general_unauthorized_scope",
            r#"app.x@service.localhost (role: applications) missing scopes (["tokens.write"])"#,
        )
        .to_string();
        assert!(
            one.starts_with("The API key lacks the scope tokens.write"),
            "{one}"
        );
        assert!(
            one.contains("Add it to the key's scopes in the Appwrite console"),
            "{one}"
        );
        let two = api(
            401,
            "general_unauthorized_scope",
            r#"missing scopes (["files.read","buckets.read"])"#,
        )
        .to_string();
        assert!(
            two.contains("lacks the scopes files.read, buckets.read"),
            "{two}"
        );
        assert!(two.contains("Add them"), "{two}");
    }

    #[test]
    fn other_api_errors_say_what_to_do() {
        let cases = [
            (404, "project_not_found", "Check the project id"),
            (404, "general_route_not_found", "usually ending in /v1"),
            (404, "storage_file_not_found", "refresh and try again"),
            (429, "general_rate_limit_exceeded", "Wait a moment"),
            (503, "general_server_error", "Try again in a moment"),
            (500, "general_server_error", "server's logs"),
            (403, "storage_bucket_transformations_disabled", "scopes"),
            (
                409,
                "storage_file_already_exists",
                "Appwrite refused the request",
            ),
        ];
        for (status, kind, advice) in cases {
            let text = api(status, kind, "Appwrite's words.").to_string();
            assert!(text.contains(advice), "{status} {kind}: {text}");
            assert!(
                text.contains(&format!("(HTTP {status}, {kind}: Appwrite's words)")),
                "{text}"
            );
        }
        let html = Error::from_response_body(404, b"<h1>nginx</h1>").to_string();
        assert!(html.contains("(HTTP 404: <h1>nginx</h1>)"), "{html}");
        assert!(html.contains("usually ending in /v1"), "{html}");
        let teapot = Error::from_response_body(418, b"short and stout").to_string();
        assert!(
            teapot.starts_with("The server refused the request"),
            "{teapot}"
        );
    }

    #[test]
    fn decode_errors_say_the_answer_was_not_appwrite_and_keep_the_excerpt() {
        let body = br#"<html>surely not appwrite</html>"#;
        let parse = serde_json::from_slice::<u8>(body).unwrap_err();
        let err = Error::decode(200, &parse, body);
        let text = err.to_string();
        assert!(
            text.starts_with("The server's answer was not what Appwrite sends (HTTP 200: "),
            "{text}"
        );
        assert!(text.contains("usually ending in /v1"), "{text}");
        assert!(!text.contains("surely"), "the excerpt is a detail: {text}");
        assert_eq!(err.excerpt(), Some("<html>surely not appwrite</html>"));
        assert_eq!(api(400, "x", "y").excerpt(), None);
    }

    #[test]
    fn secrets_in_answers_never_reach_an_error() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJmaWxlSWQiOiJmIn0.c2lnbmF0dXJl";
        let key = format!("standard_{}", "9f".repeat(40));
        let token = format!(r#"{{"$id":"t","secret":"{jwt}","expire":5}}"#);
        let parse = serde_json::from_str::<Vec<u8>>(&token).unwrap_err();
        let echo = format!("<pre>X-Appwrite-Key: {key}\nsecret {jwt}</pre>");
        let json_echo =
            format!(r#"{{"message":"bad key {key}","code":401,"type":"user_unauthorized"}}"#);
        let errors = [
            Error::decode(200, &parse, token.as_bytes()),
            Error::from_response_body(500, echo.as_bytes()),
            Error::from_response_body(401, json_echo.as_bytes()),
        ];
        for err in errors {
            let shown = format!("{err}\n{err:?}");
            assert!(!shown.contains(jwt), "{shown}");
            assert!(!shown.contains("eyJ"), "{shown}");
            assert!(!shown.contains(&key), "{shown}");
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }

    #[test]
    fn invalid_input_and_io_read_as_sentences() {
        let text = Error::invalid_input("the endpoint is empty; enter it").to_string();
        assert_eq!(text, "Invalid input: the endpoint is empty; enter it.");
        let io = Error::io(
            "reading /tmp/x.png",
            std::io::Error::new(std::io::ErrorKind::NotFound, "No such file"),
        )
        .to_string();
        assert!(
            io.starts_with("Reading /tmp/x.png failed: No such file. Check that the file"),
            "{io}"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_millis(300)), "300 ms");
        assert_eq!(human_duration(Duration::from_secs(30)), "30 s");
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5 s");
    }
}
