//! TLS advice: the kinds of failed handshake a user can act on, recognised from the TLS library's
//! wording, and what to do about each.

/// The name of the client option that trusts a self-signed certificate, as a user sees it.
pub const ACCEPT_SELF_SIGNED: &str = "Accept a self-signed certificate";

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
}
