//! "Test connection": checks the endpoint, TLS, the project, the key and each scope Bucketdesk
//! needs without changing anything on the server, and words the verdict. Failures are answered
//! as a report, not thrown, so the project editor can show them in place.

use std::time::Duration;

use appwrite_rest::{peek_certificate, CertificateInfo, Client, ListOptions};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::failure::Failure;

/// The scopes Bucketdesk needs, in the order the report lists them.
pub const REQUIRED_SCOPES: [&str; 4] =
    ["buckets.read", "files.read", "tokens.read", "tokens.write"];

/// An id no resource has: asking for it tells whether the key may read or write there (404) or
/// not (401 with the missing scope).
const PROBE_ID: &str = "bucketdesk-connection-check";

/// Whether the key has one scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeCheck {
    pub scope: &'static str,
    pub ok: bool,
}

/// The codes of a certificate the user may decide to trust.
pub const CERTIFICATE_CODES: [&str; 2] = ["untrusted_certificate", "certificate_changed"];
/// How long the certificate probe may take.
const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// The server's certificate, shown so the user can decide whether to trust it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateView {
    /// The SHA-256 fingerprint of the certificate, `AB:CD:…`: what the project pins.
    pub sha256: String,
    pub subject: String,
    pub issuer: String,
    pub names: Vec<String>,
    pub not_after: DateTime<Utc>,
    pub self_signed: bool,
    /// This computer trusts it without a pin.
    pub trusted: bool,
}

impl From<CertificateInfo> for CertificateView {
    fn from(info: CertificateInfo) -> Self {
        CertificateView {
            sha256: info.fingerprint.to_string(),
            subject: info.subject,
            issuer: info.issuer,
            names: info.names,
            not_after: info.not_after,
            self_signed: info.self_signed,
            trusted: info.trusted,
        }
    }
}

/// The verdict: `ok` only when everything works; `code` names what failed, when something did;
/// `certificate` is the server's when the failure is one the user may resolve by trusting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectionReport {
    pub ok: bool,
    pub code: Option<&'static str>,
    pub message: String,
    pub checks: Vec<ScopeCheck>,
    pub certificate: Option<CertificateView>,
}

impl ConnectionReport {
    /// The report for a connection that could not even be tried or failed outright.
    pub fn failed(failure: Failure) -> Self {
        ConnectionReport {
            ok: false,
            code: Some(failure.code),
            message: failure.message,
            checks: Vec::new(),
            certificate: None,
        }
    }
}

/// Runs the check with `client`. The first call (list one bucket) shows whether the server, the
/// project and the key work at all; then each other scope is probed with a read or write of an
/// id that does not exist, which a key with the scope answers with 404.
pub async fn check(client: &Client) -> ConnectionReport {
    let mut checks = Vec::with_capacity(REQUIRED_SCOPES.len());
    let buckets = client.buckets().list(&ListOptions::new().limit(1)).await;
    let probes = [
        buckets.err(),
        client.files(PROBE_ID).list(&ListOptions::new()).await.err(),
        client.tokens().get(PROBE_ID).await.err(),
        client.tokens().update(PROBE_ID, None).await.err(),
    ];
    for (index, (scope, error)) in REQUIRED_SCOPES.into_iter().zip(probes).enumerate() {
        let ok = match error {
            None => true,
            Some(e) if e.missing_scope().is_some() => false,
            // Past the first call, "no such id" is the answer a key with the scope gets.
            Some(e) if index > 0 && e.is_not_found() => true,
            Some(e) => return failed_with_certificate(client, Failure::from(&e)).await,
        };
        checks.push(ScopeCheck { scope, ok });
    }
    verdict(client, checks)
}

/// A failed report, with the server's certificate when trusting it is what the user may do.
async fn failed_with_certificate(client: &Client, failure: Failure) -> ConnectionReport {
    let offer = CERTIFICATE_CODES.contains(&failure.code);
    let mut report = ConnectionReport::failed(failure);
    if offer {
        match peek_certificate(client.endpoint(), PROBE_TIMEOUT).await {
            Ok(info) => report.certificate = Some(info.into()),
            Err(e) => tracing::debug!(error = %e, "the certificate could not be read"),
        }
    }
    report
}

fn verdict(client: &Client, checks: Vec<ScopeCheck>) -> ConnectionReport {
    let missing: Vec<&str> = checks.iter().filter(|c| !c.ok).map(|c| c.scope).collect();
    let connected = format!(
        "Connected to project {} at {}.",
        client.project_id(),
        client.endpoint().as_str()
    );
    let (ok, code, message) = if missing.is_empty() {
        let all = "The key has every scope Bucketdesk needs.";
        (true, None, format!("{connected} {all}"))
    } else {
        let advice = appwrite_rest::missing_scopes_advice(&missing);
        (
            false,
            Some("missing_scope"),
            format!("{connected} {advice}"),
        )
    };
    ConnectionReport {
        ok,
        code,
        message,
        checks,
        certificate: None,
    }
}
