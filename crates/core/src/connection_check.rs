//! "Test connection": checks the endpoint, TLS, the project, the key and each scope Bucketdesk
//! needs without changing anything on the server, and words the verdict. Failures are answered
//! as a report, not thrown, so the project editor can show them in place.

use appwrite_rest::{Client, ListOptions};
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

/// The verdict: `ok` only when everything works; `code` names what failed, when something did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectionReport {
    pub ok: bool,
    pub code: Option<&'static str>,
    pub message: String,
    pub checks: Vec<ScopeCheck>,
}

impl ConnectionReport {
    /// The report for a connection that could not even be tried or failed outright.
    pub fn failed(failure: Failure) -> Self {
        ConnectionReport {
            ok: false,
            code: Some(failure.code),
            message: failure.message,
            checks: Vec::new(),
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
            Some(e) => return ConnectionReport::failed(Failure::from(&e)),
        };
        checks.push(ScopeCheck { scope, ok });
    }
    verdict(client, checks)
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
    }
}
