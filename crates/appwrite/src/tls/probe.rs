//! The certificate probe behind Test connection: a TLS handshake and nothing more, and what the
//! server's certificate says.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use serde::Serialize;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use url::Host;
use x509_parser::extensions::GeneralName;

use super::verifier::untrusted_reason;
use super::{config_with, platform_verifier, provider, CertFingerprint};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};

/// What a server's end-entity certificate says, for the user to decide whether to trust it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateInfo {
    /// SHA-256 of the certificate's DER: what a project pins.
    pub fingerprint: CertFingerprint,
    /// The subject's distinguished name, e.g. `CN=files.example.org, O=Example`.
    pub subject: String,
    /// The issuer's distinguished name (the same as the subject for a self-signed certificate).
    pub issuer: String,
    /// The host names and addresses it is made for (its subject alternative names).
    pub names: Vec<String>,
    /// Valid from.
    pub not_before: DateTime<Utc>,
    /// Valid until.
    pub not_after: DateTime<Utc>,
    /// The issuer is the subject.
    pub self_signed: bool,
    /// This computer would trust it without a pin (known authority, right name, in date).
    pub trusted: bool,
    /// Why it would not be trusted without a pin; `None` when `trusted`.
    pub untrusted_reason: Option<String>,
}

impl CertificateInfo {
    fn read(der: &[u8], verdict: Result<(), rustls::Error>) -> Result<Self, String> {
        let (_, cert) = x509_parser::parse_x509_certificate(der).map_err(|e| e.to_string())?;
        let time = |t: &x509_parser::time::ASN1Time| {
            DateTime::from_timestamp(t.timestamp(), 0).ok_or("a date out of range".to_owned())
        };
        let names = match cert.subject_alternative_name() {
            Ok(Some(san)) => san
                .value
                .general_names
                .iter()
                .filter_map(name_text)
                .collect(),
            _ => Vec::new(),
        };
        Ok(Self {
            fingerprint: CertFingerprint::of_der(der),
            subject: cert.subject().to_string(),
            issuer: cert.issuer().to_string(),
            names,
            not_before: time(&cert.validity().not_before)?,
            not_after: time(&cert.validity().not_after)?,
            self_signed: cert.subject() == cert.issuer(),
            trusted: verdict.is_ok(),
            untrusted_reason: verdict.err().map(|e| untrusted_reason(&e)),
        })
    }
}

fn name_text(name: &GeneralName<'_>) -> Option<String> {
    match name {
        GeneralName::DNSName(dns) => Some((*dns).to_owned()),
        GeneralName::IPAddress(bytes) => match bytes.len() {
            4 => Some(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(*bytes).ok()?).to_string()),
            16 => Some(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(*bytes).ok()?).to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// The probe's verifier: notes the certificate and the platform's verdict, lets the handshake
/// finish (its signatures still checked, so the server holds the certificate's key), and the
/// probe then closes without sending a byte of HTTP.
#[derive(Debug)]
struct Recorder {
    platform: rustls_platform_verifier::Verifier,
    provider: Arc<CryptoProvider>,
    seen: Mutex<Option<Seen>>,
}

/// The end-entity certificate the probe saw, and whether the platform would have trusted it.
#[derive(Debug)]
struct Seen {
    der: Vec<u8>,
    verdict: Result<(), rustls::Error>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verdict = self
            .platform
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            .map(|_| ());
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        *seen = Some(Seen {
            der: end_entity.to_vec(),
            verdict,
        });
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        verify_tls12_signature(message, cert, dss, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        verify_tls13_signature(message, cert, dss, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Connects to an `https` endpoint, completes a TLS handshake and closes: no HTTP request, no
/// key. Returns the server's end-entity certificate, for Test connection to show and the user to
/// trust. `timeout` bounds the connection and the handshake together.
pub async fn peek_certificate(endpoint: &Endpoint, timeout: Duration) -> Result<CertificateInfo> {
    let url = endpoint.as_url();
    if url.scheme() != "https" {
        return Err(Error::invalid_input(
            "the endpoint starts with http://, which has no certificate to show; only https:// \
             endpoints have one",
        ));
    }
    let port = url.port_or_known_default().unwrap_or(443);
    let shown = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let (server_name, address) = match url.host() {
        Some(Host::Domain(domain)) => {
            let name = ServerName::try_from(domain.to_owned()).map_err(|_| {
                Error::invalid_input(format!("{domain:?} is not a host name a certificate names"))
            })?;
            (name, Address::Name(domain.to_owned()))
        }
        Some(Host::Ipv4(ip)) => (
            ServerName::from(ip),
            Address::Ip(SocketAddr::new(ip.into(), port)),
        ),
        Some(Host::Ipv6(ip)) => (
            ServerName::from(ip),
            Address::Ip(SocketAddr::new(ip.into(), port)),
        ),
        None => return Err(Error::invalid_input("the endpoint has no host name")),
    };
    let provider = provider();
    let recorder = Arc::new(Recorder {
        platform: platform_verifier(&provider)?,
        provider: provider.clone(),
        seen: Mutex::new(None),
    });
    let config = config_with(provider, recorder.clone())?;
    let handshake = async {
        let tcp = match &address {
            Address::Name(name) => TcpStream::connect((name.as_str(), port)).await,
            Address::Ip(addr) => TcpStream::connect(addr).await,
        }
        .map_err(|e| Error::probe_connect(&shown, e))?;
        let mut tls = TlsConnector::from(Arc::new(config))
            .connect(server_name, tcp)
            .await
            .map_err(|e| Error::probe_handshake(&shown, e))?;
        // close_notify only; a failure to say goodbye changes nothing about what was seen.
        let _ = tls.shutdown().await;
        Ok::<_, Error>(())
    };
    tokio::time::timeout(timeout, handshake)
        .await
        .map_err(|_| Error::Timeout {
            message: format!(
                "Could not make a secure connection to {shown} in time. Check the endpoint and \
                 your internet connection, then try again."
            ),
        })??;
    let seen = recorder
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    let Some(Seen { der, verdict }) = seen else {
        return Err(Error::probe_handshake(
            &shown,
            std::io::Error::other("the server presented no certificate"),
        ));
    };
    CertificateInfo::read(&der, verdict).map_err(|why| Error::Tls {
        message: format!(
            "The certificate presented by {shown} could not be read ({why}). Check the endpoint: \
             it should be your Appwrite server's https:// address."
        ),
        source: None,
    })
}

enum Address {
    Name(String),
    Ip(SocketAddr),
}
