//! The client's one error type: its variants, each with a stable machine code, and the accessors
//! callers branch on. Building errors from answers, transport failures and TLS lives in the
//! submodules.

mod api;
mod decode;
mod limits;
mod origin;
mod tls;
mod transport;

use std::error::Error as StdError;
use std::time::Duration;

pub(crate) use api::is_retryable_status;
pub use api::missing_scopes_advice;
pub use decode::AnswerKind;
pub(crate) use limits::BodyKind;
pub use origin::SEND_WITHOUT_ENCRYPTION;
pub use tls::TEST_CONNECTION;

use crate::tls::CertFingerprint;

/// A boxed underlying cause, kept for `source()` chains.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

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
    #[error("{}", api::api_text(*status, kind, message))]
    Api {
        /// HTTP status.
        status: u16,
        /// Appwrite's error `type`, e.g. `storage_file_not_found`; `unknown` when the body had
        /// none.
        kind: String,
        /// Appwrite's message (or, for a body that was not Appwrite's, an excerpt of it).
        message: String,
    },
    /// The server asked to slow down: a 429 or 503 answer that said when to come back
    /// (`Retry-After`). Reads as an [`Error::Api`] of that status would; [`Error::retry_after`]
    /// says how long to wait.
    #[error("{}", api::api_text(*status, kind, message))]
    Busy {
        /// HTTP status (429 or 503).
        status: u16,
        /// Appwrite's error `type`, e.g. `general_rate_limit_exceeded`.
        kind: String,
        /// Appwrite's message.
        message: String,
        /// How long the server asked to wait before sending again.
        retry_after: Duration,
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
    /// The TLS handshake failed (expired or misnamed certificate, not a TLS server, ...).
    #[error("{message}")]
    Tls {
        /// What happened and what to do, with the TLS library's own words at the end.
        message: String,
        /// The transport error.
        #[source]
        source: Option<BoxError>,
    },
    /// The server's certificate is self-signed or from an authority this computer does not
    /// know, and the project pins no certificate. Nothing was sent.
    #[error("{message}")]
    UntrustedCertificate {
        /// What happened and how to trust the certificate, with the TLS library's own words.
        message: String,
        /// The presented certificate's fingerprint, when the verifier saw it.
        fingerprint: Option<CertFingerprint>,
        /// The transport error.
        #[source]
        source: Option<BoxError>,
    },
    /// The project pins a certificate and the server presented another one. Nothing was sent.
    #[error("{message}")]
    CertificateChanged {
        /// Both fingerprints, and what to do.
        message: String,
        /// The pinned fingerprint.
        expected: CertFingerprint,
        /// The presented certificate's fingerprint.
        found: CertFingerprint,
    },
    /// An argument was refused before anything was sent (endpoint, id, header value, ...).
    #[error("Invalid input: {message}.")]
    InvalidInput {
        /// Which input, why, and what is expected.
        message: String,
    },
    /// An answer that is not Appwrite's: a success body that is not what the API promises, or an
    /// error answer that is a web page. The message says what the answer looked like, never the
    /// parser's words or the body itself.
    #[error("{}", decode::decode_text(*answer))]
    Decode {
        /// HTTP status.
        status: u16,
        /// What the answer was instead (a web page, cut-off JSON, ...).
        answer: AnswerKind,
        /// The decoder's message, for a "show details" view or a bug report.
        message: String,
        /// The first ~200 characters of the raw body, secrets redacted: the details for a
        /// "show details" view or a bug report.
        excerpt: String,
    },
    /// The server answered with a redirect (3xx). Redirects are never followed, so the API key
    /// never goes to another address; the message says where it pointed.
    #[error(
        "{}",
        origin::redirect_text(*status, location.as_deref(), suggested_endpoint.as_deref())
    )]
    Redirect {
        /// HTTP status (301, 302, 307, 308, ...).
        status: u16,
        /// Where it pointed, resolved against the request (secrets redacted, shortened).
        location: Option<String>,
        /// The endpoint to use instead, when the location is the same request under another
        /// base address.
        suggested_endpoint: Option<String>,
    },
    /// A plain-HTTP endpoint on another machine, refused unless the user chose to send the key
    /// without encryption ([`crate::ClientBuilder::allow_insecure_http`]). Nothing was sent.
    #[error("{}", origin::insecure_text(endpoint))]
    InsecureEndpoint {
        /// The endpoint, as validated.
        endpoint: String,
    },
    /// An answer larger than the client reads for its kind (see [`crate::ReadLimits`]), or a
    /// download longer than the size the server declared. Reading stopped at the limit.
    #[error("{message}")]
    ResponseTooLarge {
        /// HTTP status of the answer.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
        /// What was too large and what to do.
        message: String,
    },
    /// A list walk that would not end: the server sent an item it had already sent (its cursor
    /// does not advance) or more items than any list may hold. The walk stopped.
    #[error("{message}")]
    EndlessList {
        /// Items received before the walk stopped.
        items: u64,
        /// What happened and what to do.
        message: String,
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

impl Error {
    /// A stable machine code for the variant: `api`, `busy`, `network`, `timeout`, `tls`,
    /// `untrusted_certificate`, `certificate_changed`, `invalid_input`, `decode`, `redirect`,
    /// `insecure_endpoint`, `response_too_large`, `endless_list` or `io`. For `api`,
    /// [`Error::api_kind`] carries Appwrite's own type.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Api { .. } => "api",
            Error::Busy { .. } => "busy",
            Error::Network { .. } => "network",
            Error::Timeout { .. } => "timeout",
            Error::Tls { .. } => "tls",
            Error::UntrustedCertificate { .. } => "untrusted_certificate",
            Error::CertificateChanged { .. } => "certificate_changed",
            Error::InvalidInput { .. } => "invalid_input",
            Error::Decode { .. } => "decode",
            Error::Redirect { .. } => "redirect",
            Error::InsecureEndpoint { .. } => "insecure_endpoint",
            Error::ResponseTooLarge { .. } => "response_too_large",
            Error::EndlessList { .. } => "endless_list",
            Error::Io { .. } => "io",
        }
    }

    /// The fingerprint of the certificate the server presented, for `untrusted_certificate`
    /// (when known) and `certificate_changed`.
    pub fn certificate_fingerprint(&self) -> Option<CertFingerprint> {
        match self {
            Error::UntrustedCertificate { fingerprint, .. } => *fingerprint,
            Error::CertificateChanged { found, .. } => Some(*found),
            _ => None,
        }
    }

    /// Appwrite's error type (`storage_file_not_found`, ...) for API errors.
    pub fn api_kind(&self) -> Option<&str> {
        match self {
            Error::Api { kind, .. } | Error::Busy { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// The HTTP status, for errors that came with an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. }
            | Error::Busy { status, .. }
            | Error::Decode { status, .. }
            | Error::Redirect { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// For `redirect`: the endpoint the server pointed to, when its location is this request
    /// under another base address.
    pub fn suggested_endpoint(&self) -> Option<&str> {
        match self {
            Error::Redirect {
                suggested_endpoint, ..
            } => suggested_endpoint.as_deref(),
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
        Some(api::parse_missing_scopes(message))
    }

    /// For a query the server refused because it names an attribute the collection does not have
    /// (400 `general_argument_invalid`, "Invalid `queries` param: Invalid query: Attribute not
    /// found in schema: folder"): that attribute. This is how a server older than a field says
    /// so; e.g. Appwrite 1.8.1 has no `folder` on files.
    pub fn unknown_attribute(&self) -> Option<&str> {
        let Error::Api {
            status: 400,
            kind,
            message,
        } = self
        else {
            return None;
        };
        if kind != "general_argument_invalid" {
            return None;
        }
        const MARK: &str = "Attribute not found in schema:";
        let at = message.find(MARK)? + MARK.len();
        let name = message[at..]
            .trim_start()
            .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
            .next()?
            .trim_end_matches('.');
        (!name.is_empty()).then_some(name)
    }

    /// 404 from the API: unknown bucket, file, token, project or route.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Api { status: 404, .. })
    }

    /// The API key was refused (invalid, expired or for another project).
    pub fn is_invalid_key(&self) -> bool {
        matches!(
            self,
            Error::Api { status: 401, kind, .. } if api::is_invalid_key_kind(kind)
        )
    }

    /// A failure that may go away when the same request is sent again: connection problems,
    /// timeouts, 429 and 502/503/504. Whether a request is *actually* retried also depends on
    /// it being idempotent (see [`crate::RetryPolicy`]). TLS failures are never retried.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Network { .. } | Error::Timeout { .. } => true,
            Error::Api { status, .. } => is_retryable_status(*status),
            Error::Busy { .. } => true,
            _ => false,
        }
    }

    /// For `busy`: how long the server asked to wait before sending again (its `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Busy { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// A 429 or 503 API error that came with `Retry-After` becomes [`Error::Busy`]; anything
    /// else is kept as it is.
    pub(crate) fn with_retry_after(self, retry_after: Option<Duration>) -> Self {
        match (self, retry_after) {
            (
                Error::Api {
                    status: status @ (429 | 503),
                    kind,
                    message,
                },
                Some(retry_after),
            ) => Error::Busy {
                status,
                kind,
                message,
                retry_after,
            },
            (error, _) => error,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn api(status: u16, kind: &str, message: &str) -> Error {
        Error::Api {
            status,
            kind: kind.into(),
            message: message.into(),
        }
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
    fn a_rate_limit_with_retry_after_says_how_long_to_wait_and_reads_as_before() {
        let second = Some(Duration::from_secs(2));
        let busy = api(429, "general_rate_limit_exceeded", "slow").with_retry_after(second);
        assert_eq!(busy.code(), "busy");
        assert_eq!(busy.retry_after(), second);
        assert_eq!(busy.status(), Some(429));
        assert_eq!(busy.api_kind(), Some("general_rate_limit_exceeded"));
        assert!(busy.is_retryable());
        assert_eq!(
            busy.to_string(),
            api(429, "general_rate_limit_exceeded", "slow").to_string()
        );
        // Without Retry-After, or on another status, nothing changes.
        assert_eq!(api(429, "x", "y").with_retry_after(None).code(), "api");
        assert_eq!(api(404, "x", "y").with_retry_after(second).code(), "api");
        assert_eq!(api(404, "x", "y").retry_after(), None);
    }

    #[test]
    fn a_query_on_an_attribute_the_server_lacks_names_it() {
        let older = api(
            400,
            "general_argument_invalid",
            "Invalid `queries` param: Invalid query: Attribute not found in schema: folder",
        );
        assert_eq!(older.unknown_attribute(), Some("folder"));
        let with_stop = api(
            400,
            "general_argument_invalid",
            "Invalid query: Attribute not found in schema: expire.",
        );
        assert_eq!(with_stop.unknown_attribute(), Some("expire"));
        for other in [
            api(400, "general_argument_invalid", "Invalid limit"),
            api(
                400,
                "general_cursor_not_found",
                "Attribute not found in schema: folder",
            ),
            api(
                404,
                "general_argument_invalid",
                "Attribute not found in schema: folder",
            ),
            api(
                400,
                "general_argument_invalid",
                "Attribute not found in schema: ",
            ),
        ] {
            assert_eq!(other.unknown_attribute(), None, "{other:?}");
        }
        assert_eq!(Error::invalid_input("x").unknown_attribute(), None);
    }

    #[test]
    fn every_variant_has_a_distinct_code() {
        let all = [
            api(400, "x", "y"),
            api(429, "x", "y").with_retry_after(Some(Duration::from_secs(1))),
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
            Error::UntrustedCertificate {
                message: String::new(),
                fingerprint: None,
                source: None,
            },
            Error::CertificateChanged {
                message: String::new(),
                expected: CertFingerprint::of_der(b"a"),
                found: CertFingerprint::of_der(b"b"),
            },
            Error::invalid_input("x"),
            Error::Decode {
                status: 200,
                answer: AnswerKind::WebPage,
                message: String::new(),
                excerpt: String::new(),
            },
            Error::Redirect {
                status: 301,
                location: None,
                suggested_endpoint: None,
            },
            Error::InsecureEndpoint {
                endpoint: String::new(),
            },
            Error::ResponseTooLarge {
                status: 200,
                limit: 1,
                message: String::new(),
            },
            Error::EndlessList {
                items: 1,
                message: String::new(),
            },
            Error::io("read", std::io::Error::other("boom")),
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(Error::code).collect();
        assert_eq!(codes.len(), all.len());
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
}
