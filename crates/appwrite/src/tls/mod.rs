//! Trust on first use for TLS, as SSH does it: a certificate's SHA-256 fingerprint, a probe that
//! shows a server's certificate without sending anything, and the rustls verifier that accepts
//! either what the platform trusts or only the one certificate the user pinned.

mod fingerprint;
mod probe;
mod verifier;

use std::sync::Arc;

use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::ClientConfig;

use crate::error::{Error, Result};

pub use fingerprint::CertFingerprint;
pub use probe::{peek_certificate, CertificateInfo};
pub(crate) use verifier::{client_config, Rejection};

/// The crypto provider reqwest would use: an installed default, else aws-lc-rs.
fn provider() -> Arc<CryptoProvider> {
    CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
}

/// The verifier reqwest uses by default: the platform's certificate store (WebPKI on Linux).
fn platform_verifier(provider: &Arc<CryptoProvider>) -> Result<rustls_platform_verifier::Verifier> {
    rustls_platform_verifier::Verifier::new(provider.clone()).map_err(Error::tls_setup)
}

/// Safe protocol versions, HTTP/1.1 (what the client speaks), and `verifier` for certificates.
fn config_with(
    provider: Arc<CryptoProvider>,
    verifier: Arc<dyn ServerCertVerifier>,
) -> Result<ClientConfig> {
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(Error::tls_setup)?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}
