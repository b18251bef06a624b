//! TLS errors: a certificate the client's verifier refused (untrusted, or not the pinned one),
//! the other kinds of failed handshake recognised from the TLS library's wording, and what to do
//! about each.

use std::error::Error as StdError;

use super::{BoxError, Error};
use crate::tls::{CertFingerprint, Rejection};

/// The project editor's button that shows a server's certificate and lets the user trust it.
pub const TEST_CONNECTION: &str = "Test connection";

/// A failed handshake, as far as the user can act on it.
pub(super) enum TlsFailure {
    /// The client's verifier refused the certificate, and said why.
    Rejected(Rejection),
    /// Recognised from the wording.
    Problem(TlsProblem),
}

impl TlsFailure {
    /// `None` when the failure was not about TLS. `detail` is the error's causes as text.
    pub(super) fn of(err: &(dyn StdError + 'static), detail: &str) -> Option<Self> {
        if let Some(rejection) = Rejection::find(err) {
            return Some(TlsFailure::Rejected(rejection));
        }
        TlsProblem::recognise(detail).map(TlsFailure::Problem)
    }

    pub(super) fn into_error(self, host: &str, detail: &str, source: BoxError) -> Error {
        match self {
            TlsFailure::Rejected(Rejection::Changed { expected, found }) => {
                Error::CertificateChanged {
                    message: changed_text(host, &expected, &found),
                    expected,
                    found,
                }
            }
            // The causes' text would show the rejection's Debug; its reason is the TLS library's.
            TlsFailure::Rejected(Rejection::Untrusted { found, reason }) => {
                Error::UntrustedCertificate {
                    message: format!(
                        "{} (invalid peer certificate: {reason})",
                        untrusted_text(host, Some(&found))
                    ),
                    fingerprint: Some(found),
                    source: Some(source),
                }
            }
            TlsFailure::Problem(TlsProblem::Untrusted) => Error::UntrustedCertificate {
                message: format!("{} ({detail})", untrusted_text(host, None)),
                fingerprint: None,
                source: Some(source),
            },
            TlsFailure::Problem(problem) => Error::Tls {
                message: format!("{} ({detail})", problem.advice(host)),
                source: Some(source),
            },
        }
    }
}

fn untrusted_text(host: &str, found: Option<&CertFingerprint>) -> String {
    let fingerprint = found
        .map(|f| format!(" Its SHA-256 fingerprint is {f}."))
        .unwrap_or_default();
    format!(
        "The certificate of {host} is not trusted: it is self-signed or issued by an authority \
         this computer does not know, so nothing was sent.{fingerprint} If this is your own \
         self-hosted Appwrite, use \"{TEST_CONNECTION}\" in the project editor to see the \
         certificate and trust its fingerprint; otherwise check the endpoint."
    )
}

fn changed_text(host: &str, expected: &CertFingerprint, found: &CertFingerprint) -> String {
    format!(
        "The certificate of {host} has changed (expected {expected}, found {found}), so nothing \
         was sent. If the server's certificate was really replaced, use \"{TEST_CONNECTION}\" in \
         the project editor to check the new one and trust it; otherwise someone may be \
         intercepting the connection: don't trust it, and check your network."
    )
}

impl Error {
    /// The client's TLS setup could not be made (no certificate store, no usable protocols).
    pub(crate) fn tls_setup(err: rustls::Error) -> Self {
        Error::Tls {
            message: format!(
                "Could not set up secure connections (TLS) on this computer ({err}). Check the \
                 system's certificate store, then restart the app."
            ),
            source: Some(Box::new(err)),
        }
    }

    /// The certificate probe could not open a connection to `host`.
    pub(crate) fn probe_connect(host: &str, err: std::io::Error) -> Self {
        let message = if err.to_string().contains("lookup address") {
            format!(
                "Could not find the server {host}. Check the endpoint's spelling and your \
                 internet connection. ({err})"
            )
        } else {
            format!(
                "Could not connect to {host}. Check the endpoint, that the server is running, \
                 and your internet connection. ({err})"
            )
        };
        Error::Network {
            message,
            source: Some(Box::new(err)),
        }
    }

    /// The certificate probe's handshake with `host` failed.
    pub(crate) fn probe_handshake(host: &str, err: std::io::Error) -> Self {
        let detail = err.to_string();
        match TlsFailure::of(&err, &detail) {
            Some(failure) => failure.into_error(host, &detail, Box::new(err)),
            None => Error::Network {
                message: format!(
                    "The connection to {host} broke during the secure handshake. Check the \
                     endpoint and your internet connection, then try again. ({detail})"
                ),
                source: Some(Box::new(err)),
            },
        }
    }
}

/// The kinds of failed handshake a user can do something about, each with its own advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TlsProblem {
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
    pub(super) fn recognise(causes: &str) -> Option<Self> {
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

    pub(super) fn advice(self, host: &str) -> String {
        let trust = format!("use \"{TEST_CONNECTION}\" in the project editor to trust it");
        match self {
            TlsProblem::Untrusted => untrusted_text(host, None),
            TlsProblem::Expired => format!(
                "The certificate of {host} has expired or is not valid yet. Check this \
                 computer's date and time; if they are right, the server's certificate needs \
                 renewing (for your own server you can {trust} meanwhile)."
            ),
            TlsProblem::WrongName => format!(
                "The certificate presented by {host} is made for another host name. Check the \
                 endpoint's host name; for your own server that you trust, {trust}."
            ),
            TlsProblem::NotTls => format!(
                "The server at {host} did not answer with TLS (HTTPS). If it serves plain HTTP, \
                 the endpoint should start with http://; otherwise check the port."
            ),
            TlsProblem::Other => format!(
                "The secure connection (TLS) to {host} failed. Check the endpoint; for your own \
                 server with a self-signed certificate, {trust}."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            untrusted.contains(&format!("\"{TEST_CONNECTION}\"")),
            "{untrusted}"
        );
        assert!(TlsProblem::Expired.advice("h").contains("date and time"));
        assert!(TlsProblem::Expired.advice("h").contains(TEST_CONNECTION));
        assert!(TlsProblem::WrongName
            .advice("h")
            .contains("another host name"));
        assert!(TlsProblem::NotTls.advice("h").contains("http://"));
        assert!(TlsProblem::Other.advice("h").contains(TEST_CONNECTION));
    }

    #[test]
    fn refused_certificates_become_typed_errors_with_their_fingerprints() {
        let expected = CertFingerprint::of_der(b"pinned");
        let found = CertFingerprint::of_der(b"presented");
        let changed = TlsFailure::Rejected(Rejection::Changed { expected, found }).into_error(
            "h:1",
            "detail",
            "cause".into(),
        );
        assert_eq!(changed.code(), "certificate_changed");
        let text = changed.to_string();
        assert!(
            text.contains(&format!("expected {expected}, found {found}")),
            "{text}"
        );
        assert!(text.contains("project editor"), "{text}");
        assert!(text.contains("intercepting"), "{text}");

        let reason = "UnknownIssuer".to_owned();
        let untrusted = TlsFailure::Rejected(Rejection::Untrusted { found, reason }).into_error(
            "h:1",
            "invalid peer certificate: Other(OtherError(Untrusted { .. }))",
            "cause".into(),
        );
        assert_eq!(untrusted.code(), "untrusted_certificate");
        assert_eq!(untrusted.certificate_fingerprint(), Some(found));
        let text = untrusted.to_string();
        assert!(text.contains(&found.to_string()), "{text}");
        assert!(
            text.ends_with("(invalid peer certificate: UnknownIssuer)"),
            "{text}"
        );

        let worded = TlsFailure::Problem(TlsProblem::Untrusted).into_error("h", "x", "c".into());
        assert_eq!(worded.code(), "untrusted_certificate");
        assert_eq!(worded.certificate_fingerprint(), None);
        let expired = TlsFailure::Problem(TlsProblem::Expired).into_error("h", "x", "c".into());
        assert_eq!(expired.code(), "tls");
    }
}
