//! The client's certificate verifier: what the platform trusts, or only the pinned certificate,
//! and the refusal it carries back through rustls for the error mapping to read.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, OtherError, SignatureScheme};

use super::{config_with, platform_verifier, provider, CertFingerprint};
use crate::error::Result;

/// A sentence for why the platform's verification refused a certificate.
pub(super) fn untrusted_reason(err: &rustls::Error) -> String {
    let why = match err {
        rustls::Error::InvalidCertificate(cert) => match cert {
            CertificateError::UnknownIssuer => "it is self-signed or issued by an authority this \
                 computer does not know"
                .to_owned(),
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "it has expired".to_owned()
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "it is not valid yet".to_owned()
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                "it is made for another host name".to_owned()
            }
            other if is_ca_as_end_entity(other) => "it is a self-signed authority certificate \
                 used as the server's own"
                .to_owned(),
            other => format!("it was refused: {other}"),
        },
        other => format!("it was refused: {other}"),
    };
    format!("{why} ({err})")
}

/// webpki's `CaUsedAsEndEntity` reaches rustls only as an opaque error; its name is all there is.
fn is_ca_as_end_entity(err: &CertificateError) -> bool {
    let CertificateError::Other(other) = err else {
        return false;
    };
    format!("{other:?}").contains("CaUsedAsEndEntity")
}

/// Whether the platform's refusal means "nobody this computer knows vouches for it", the case
/// trust on first use is for (expired or misnamed certificates keep the TLS library's error).
fn is_untrusted(err: &rustls::Error) -> bool {
    match err {
        rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => true,
        rustls::Error::InvalidCertificate(other) => is_ca_as_end_entity(other),
        _ => false,
    }
}

/// Why the client's verifier refused a certificate, carried inside the rustls error (as its
/// `OtherError`) so the error mapping can read the fingerprints back out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// No pin, and the platform does not trust it.
    Untrusted {
        /// The presented certificate.
        found: CertFingerprint,
        /// The platform verifier's own words, e.g. `UnknownIssuer`.
        reason: String,
    },
    /// Pinned, and the server presented another certificate.
    Changed {
        /// The pin.
        expected: CertFingerprint,
        /// The presented certificate.
        found: CertFingerprint,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Untrusted { reason, .. } => f.write_str(reason),
            Rejection::Changed { expected, found } => write!(
                f,
                "certificate SHA-256 {found} is not the pinned {expected}"
            ),
        }
    }
}

impl StdError for Rejection {}

impl Rejection {
    fn into_rustls(self) -> rustls::Error {
        rustls::Error::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(self))))
    }

    /// The rejection somewhere in an error's causes (rustls's error sits inside an `io::Error`,
    /// whose `source()` skips it, so those are opened by hand).
    pub(crate) fn find(err: &(dyn StdError + 'static)) -> Option<Rejection> {
        let mut current = Some(err);
        while let Some(e) = current {
            if let Some(found) = e.downcast_ref::<Rejection>() {
                return Some(found.clone());
            }
            if let Some(rustls::Error::InvalidCertificate(CertificateError::Other(other))) =
                e.downcast_ref::<rustls::Error>()
            {
                if let Some(found) = other.0.downcast_ref::<Rejection>() {
                    return Some(found.clone());
                }
            }
            if let Some(inner) = e
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
            {
                if let Some(found) = Rejection::find(inner) {
                    return Some(found);
                }
            }
            current = e.source();
        }
        None
    }
}

/// The client's certificate check: the platform's, or only the pinned certificate.
#[derive(Debug)]
enum Trust {
    Platform(rustls_platform_verifier::Verifier),
    Pinned(CertFingerprint),
}

#[derive(Debug)]
struct ClientVerifier {
    trust: Trust,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for ClientVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let found = CertFingerprint::of_der(end_entity);
        match &self.trust {
            // The user pinned this exact certificate, so its chain, name and dates don't matter.
            Trust::Pinned(expected) if *expected == found => Ok(ServerCertVerified::assertion()),
            Trust::Pinned(expected) => Err(Rejection::Changed {
                expected: *expected,
                found,
            }
            .into_rustls()),
            Trust::Platform(platform) => platform
                .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
                .map_err(|err| match &err {
                    rustls::Error::InvalidCertificate(cert) if is_untrusted(&err) => {
                        let reason = cert.to_string();
                        Rejection::Untrusted { found, reason }.into_rustls()
                    }
                    _ => err,
                }),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        match &self.trust {
            Trust::Platform(platform) => platform.verify_tls12_signature(message, cert, dss),
            Trust::Pinned(_) => verify_tls12_signature(
                message,
                cert,
                dss,
                &self.provider.signature_verification_algorithms,
            ),
        }
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        match &self.trust {
            Trust::Platform(platform) => platform.verify_tls13_signature(message, cert, dss),
            Trust::Pinned(_) => verify_tls13_signature(
                message,
                cert,
                dss,
                &self.provider.signature_verification_algorithms,
            ),
        }
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        match &self.trust {
            Trust::Platform(platform) => platform.supported_verify_schemes(),
            Trust::Pinned(_) => self
                .provider
                .signature_verification_algorithms
                .supported_schemes(),
        }
    }
}

/// The rustls setup of a client: safe protocol versions, HTTP/1.1, and the platform's check or
/// only the pinned certificate.
pub(crate) fn client_config(pin: Option<CertFingerprint>) -> Result<ClientConfig> {
    let provider = provider();
    let trust = match pin {
        Some(pin) => Trust::Pinned(pin),
        None => Trust::Platform(platform_verifier(&provider)?),
    };
    let verifier = Arc::new(ClientVerifier {
        trust,
        provider: provider.clone(),
    });
    config_with(provider, verifier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejection_is_found_inside_the_io_error_that_carries_it() {
        let found = CertFingerprint::of_der(b"b");
        let expected = CertFingerprint::of_der(b"a");
        let rejection = Rejection::Changed { expected, found };
        let io = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rejection.clone().into_rustls(),
        );
        #[derive(Debug)]
        struct Outer(std::io::Error);
        impl fmt::Display for Outer {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("connect failed")
            }
        }
        impl StdError for Outer {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.0)
            }
        }
        assert_eq!(Rejection::find(&Outer(io)), Some(rejection));
        let other = std::io::Error::other("connection refused");
        assert_eq!(Rejection::find(&other), None);
    }

    #[test]
    fn only_unknown_authorities_count_as_untrusted() {
        let unknown = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert!(is_untrusted(&unknown));
        assert!(untrusted_reason(&unknown).contains("self-signed"));
        let expired = rustls::Error::InvalidCertificate(CertificateError::Expired);
        assert!(!is_untrusted(&expired));
        assert!(untrusted_reason(&expired).starts_with("it has expired"));
        let name = rustls::Error::InvalidCertificate(CertificateError::NotValidForName);
        assert!(!is_untrusted(&name));
        assert!(untrusted_reason(&name).contains("another host name"));
    }
}
