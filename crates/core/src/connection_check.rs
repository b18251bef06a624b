//! "Test connection": checks the endpoint, TLS, the project, the key and each scope Bucketdesk
//! needs without changing anything on the server, and words the verdict. Failures are answered
//! as a report, not thrown, so the project editor can show them in place.

use std::time::Duration;

use appwrite_rest::{peek_certificate, CertificateInfo, Client, Endpoint, ListOptions};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::failure::Failure;

/// The scopes Bucketdesk needs, in the order the report lists them.
pub const REQUIRED_SCOPES: [&str; 4] =
    ["buckets.read", "files.read", "tokens.read", "tokens.write"];

/// The scope only uploading and deleting files need: reported, listed after the others, but
/// without it the connection is still fine.
pub const OPTIONAL_SCOPE: &str = "files.write";

/// An id no resource has: asking for it tells whether the key may read or write there (404) or
/// not (401 with the missing scope).
const PROBE_ID: &str = "bucketdesk-connection-check";

/// Whether the key has one scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeCheck {
    pub scope: &'static str,
    pub ok: bool,
    /// Needed only for some actions (uploading and deleting files, for `files.write`).
    pub optional: bool,
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
/// `certificate` is the server's when the failure is one the user may resolve by trusting it;
/// `suggested_endpoint` is the endpoint the editor offers to switch to, when the answer showed
/// the one entered is not the API's address (it lacks `/v1`, or it redirects there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub ok: bool,
    pub code: Option<&'static str>,
    pub message: String,
    pub checks: Vec<ScopeCheck>,
    pub certificate: Option<CertificateView>,
    pub suggested_endpoint: Option<String>,
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
            suggested_endpoint: None,
        }
    }

    /// The report for a request to `endpoint` that failed with `error`, with the endpoint to use
    /// instead when the answer points to one (see [`suggested_endpoint`]).
    pub fn failed_at(endpoint: &Endpoint, error: &appwrite_rest::Error) -> Self {
        let mut report = ConnectionReport::failed(Failure::from(error));
        if let Some(suggestion) = suggested_endpoint(endpoint, error) {
            if suggestion.missing_v1 {
                report.message =
                    format!("{} Did you mean {}?", report.message, suggestion.endpoint);
            }
            report.suggested_endpoint = Some(suggestion.endpoint);
        }
        report
    }
}

/// An endpoint to offer instead of the one entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub endpoint: String,
    /// The suggestion is the entered endpoint with `/v1` added (else: where it redirected).
    pub missing_v1: bool,
}

/// The endpoint to offer after `endpoint` failed with `error`: where a redirect pointed (the
/// same request under another base address), or the endpoint with `/v1` added when it does not
/// end in `/v1` and the server answered as a wrong address does (Appwrite's "no such route", a
/// 404 that is not Appwrite's, or a web page or other answer that is not Appwrite's JSON).
pub fn suggested_endpoint(endpoint: &Endpoint, error: &appwrite_rest::Error) -> Option<Suggestion> {
    use appwrite_rest::{AnswerKind, Error};
    if let Some(target) = error.suggested_endpoint() {
        return Some(Suggestion {
            endpoint: target.to_owned(),
            missing_v1: false,
        });
    }
    let path = endpoint.as_url().path().trim_end_matches('/');
    if path.rsplit('/').next() == Some("v1") {
        return None;
    }
    let wrong_address = match error {
        Error::Api {
            status: 404, kind, ..
        } => {
            matches!(kind.as_str(), "general_route_not_found" | "unknown")
        }
        Error::Decode { answer, .. } => matches!(
            answer,
            AnswerKind::WebPage | AnswerKind::NotJson | AnswerKind::OtherJson | AnswerKind::Empty
        ),
        _ => false,
    };
    wrong_address.then(|| Suggestion {
        endpoint: format!("{}/v1", endpoint.as_str()),
        missing_v1: true,
    })
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
            Some(e) => return failed_with_certificate(client, &e).await,
        };
        checks.push(ScopeCheck {
            scope,
            ok,
            optional: false,
        });
    }
    // Deleting a file of a bucket that does not exist: 404 with the scope, 401 without.
    let ok = match client.files(PROBE_ID).delete(PROBE_ID).await {
        Ok(()) => true,
        Err(e) if e.missing_scope().is_some() => false,
        Err(e) if e.is_not_found() => true,
        Err(e) => return failed_with_certificate(client, &e).await,
    };
    checks.push(ScopeCheck {
        scope: OPTIONAL_SCOPE,
        ok,
        optional: true,
    });
    verdict(client, checks)
}

/// A failed report, with the server's certificate when trusting it is what the user may do.
async fn failed_with_certificate(
    client: &Client,
    error: &appwrite_rest::Error,
) -> ConnectionReport {
    let mut report = ConnectionReport::failed_at(client.endpoint(), error);
    if report
        .code
        .is_some_and(|code| CERTIFICATE_CODES.contains(&code))
    {
        match peek_certificate(client.endpoint(), PROBE_TIMEOUT).await {
            Ok(info) => report.certificate = Some(info.into()),
            Err(e) => tracing::debug!(error = %e, "the certificate could not be read"),
        }
    }
    report
}

fn verdict(client: &Client, checks: Vec<ScopeCheck>) -> ConnectionReport {
    let missing: Vec<&str> = checks
        .iter()
        .filter(|c| !c.ok && !c.optional)
        .map(|c| c.scope)
        .collect();
    let optional_missing = checks.iter().any(|c| !c.ok && c.optional);
    let connected = format!(
        "Connected to project {} at {}.",
        client.project_id(),
        client.endpoint().as_str()
    );
    let (ok, code, message) = if missing.is_empty() {
        let all = if optional_missing {
            "The key has every scope Bucketdesk needs to browse and share. Add files.write to \
             the key's scopes to upload and delete files too."
        } else {
            "The key has every scope Bucketdesk needs."
        };
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
        suggested_endpoint: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use appwrite_rest::{AnswerKind, Error};

    fn endpoint(text: &str) -> Endpoint {
        Endpoint::parse(text).unwrap()
    }

    fn route_not_found() -> Error {
        Error::Api {
            status: 404,
            kind: "general_route_not_found".into(),
            message: "Route not found. Please ensure the endpoint is configured correctly.".into(),
        }
    }

    fn web_page(status: u16) -> Error {
        Error::Decode {
            status,
            answer: AnswerKind::WebPage,
            message: "expected value at line 1 column 1".into(),
            excerpt: "<!doctype html><title>Appwrite Console</title>".into(),
        }
    }

    #[test]
    fn an_endpoint_without_v1_that_answers_as_a_wrong_address_gets_v1_suggested() {
        let cases = [
            ("http://127.0.0.1:4000", route_not_found()),
            ("https://appwrite.example.com/", web_page(200)),
            ("https://appwrite.example.com", web_page(404)),
            (
                "https://example.com/appwrite",
                Error::Api {
                    status: 404,
                    kind: "unknown".into(),
                    message: "HTTP 404: 404 page not found".into(),
                },
            ),
        ];
        for (entered, error) in cases {
            let suggestion = suggested_endpoint(&endpoint(entered), &error).unwrap();
            let expected = format!("{}/v1", entered.trim_end_matches('/'));
            assert_eq!(suggestion.endpoint, expected);
            assert!(suggestion.missing_v1);

            let report = ConnectionReport::failed_at(&endpoint(entered), &error);
            assert_eq!(
                report.suggested_endpoint.as_deref(),
                Some(expected.as_str())
            );
            assert!(
                report
                    .message
                    .ends_with(&format!("Did you mean {expected}?")),
                "{}",
                report.message
            );
            for raw in ["<", "line 1", "column"] {
                assert!(!report.message.contains(raw), "{}", report.message);
            }
        }
    }

    #[test]
    fn nothing_is_suggested_where_v1_is_there_or_the_answer_was_appwrites() {
        let invalid_key = Error::Api {
            status: 401,
            kind: "user_unauthorized".into(),
            message: "The current user is not authorized.".into(),
        };
        let unreachable = Error::Network {
            message: "Could not connect to 127.0.0.1:9.".into(),
            source: None,
        };
        let cases = [
            ("http://127.0.0.1:4000/v1", route_not_found()),
            ("https://appwrite.example.com/v1/", web_page(200)),
            ("http://127.0.0.1:4000", invalid_key),
            ("http://127.0.0.1:9", unreachable),
        ];
        for (entered, error) in cases {
            assert_eq!(
                suggested_endpoint(&endpoint(entered), &error),
                None,
                "{entered}"
            );
            let report = ConnectionReport::failed_at(&endpoint(entered), &error);
            assert_eq!(report.suggested_endpoint, None);
            assert!(
                !report.message.contains("Did you mean"),
                "{}",
                report.message
            );
        }
    }

    #[test]
    fn a_redirect_offers_where_it_pointed_without_asking_twice() {
        let redirect = Error::Redirect {
            status: 301,
            location: Some("https://new.example.com/v1/storage/buckets".into()),
            suggested_endpoint: Some("https://new.example.com/v1".into()),
        };
        let report =
            ConnectionReport::failed_at(&endpoint("https://old.example.com/v1"), &redirect);
        assert_eq!(report.code, Some("redirect"));
        assert_eq!(
            report.suggested_endpoint.as_deref(),
            Some("https://new.example.com/v1")
        );
        assert!(
            !report.message.contains("Did you mean"),
            "{}",
            report.message
        );
    }

    #[test]
    fn the_report_reaches_the_ui_in_camel_case() {
        let report =
            ConnectionReport::failed_at(&endpoint("http://127.0.0.1:4000"), &route_not_found());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["suggestedEndpoint"], "http://127.0.0.1:4000/v1");
        assert_eq!(json["code"], "not_found");
    }
}
