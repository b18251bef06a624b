//! Shared set-up for the sandbox tests: starting a sandbox, clients for it, waiting on conditions, and checking recorded answers against the OpenAPI spec.

use std::collections::HashMap;
use std::future::Future;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use appwrite_rest::{Client, FileUpload, NewBucket, RetryPolicy};
use appwrite_sandbox::{Config, Sandbox};
use serde_json::{json, Value};

/// The spec beside the repository: `<repo>/../shared/appwrite-spec/...`.
const SPEC_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/appwrite-spec/appwrite-storage-tokens.openapi.json"
);

/// A recording, in-memory, empty sandbox config.
pub fn config() -> Config {
    Config {
        record_responses: true,
        ..Config::default()
    }
}

/// Starts a sandbox.
pub async fn start(config: Config) -> Sandbox {
    appwrite_sandbox::start(config)
        .await
        .expect("the sandbox starts")
}

/// A retry policy with short delays, so tests run fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(50))
        .with_max_retry_after(Duration::from_millis(50))
}

/// A client for the sandbox with short timeouts and fast retries.
pub fn client(sandbox: &Sandbox) -> Client {
    Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .timeout(Duration::from_secs(20))
        .connect_timeout(Duration::from_secs(5))
        .retry_policy(fast_retries())
        .build()
        .expect("a client for the sandbox")
}

/// Creates a bucket with this id (all defaults, transformations on).
pub async fn bucket(client: &Client, id: &str) {
    let mut body = NewBucket::new(id, format!("Bucket {id}"));
    body.transformations = Some(true);
    client
        .buckets()
        .create(&body)
        .await
        .expect("bucket created");
}

/// Uploads small bytes under this id.
pub async fn small_file(client: &Client, bucket_id: &str, file_id: &str, name: &str, bytes: &[u8]) {
    client
        .files(bucket_id)
        .create(FileUpload::from_bytes(file_id, name, bytes.to_vec()))
        .await
        .expect("file uploaded");
}

/// MD5 of bytes, lower-case hex (what Appwrite puts in `signature`).
pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Polls `check` until it yields `Some`, failing the test after `limit`.
pub async fn wait_for<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Validates every recorded answer against the spec, then stops the sandbox.
pub async fn finish(sandbox: Sandbox) {
    let recorded = sandbox.take_recorded();
    sandbox.shutdown().await;
    let checked = check_recorded(&recorded);
    assert!(checked > 0, "no JSON answer was recorded");
    eprintln!("{checked} recorded JSON answers match the spec");
}

/// Checks recorded answers; returns how many were checked.
pub fn check_recorded(recorded: &[appwrite_sandbox::Recorded]) -> usize {
    let spec = spec();
    let mut validators: HashMap<String, jsonschema::Validator> = HashMap::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    for r in recorded {
        if r.body.is_null() && r.status < 400 {
            continue; // 204 or file bytes: nothing to check
        }
        let reference = match response_schema(spec, &r.method, &r.route, r.status) {
            Ok(Some(reference)) => reference,
            Ok(None) => continue,
            Err(problem) => {
                failures.push(problem);
                continue;
            }
        };
        let validator = validators.entry(reference.clone()).or_insert_with(|| {
            let schema = json!({"$ref": reference, "components": spec["components"].clone()});
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft7)
                .build(&schema)
                .expect("the spec's schemas compile")
        });
        let errors: Vec<String> = validator
            .iter_errors(&r.body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if !errors.is_empty() {
            failures.push(format!(
                "{} {} -> {}: {}\n  body: {}",
                r.method,
                r.route,
                r.status,
                errors.join("; "),
                truncate(&r.body.to_string())
            ));
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} answer(s) break the spec:\n{}",
        failures.len(),
        failures.join("\n")
    );
    checked
}

fn truncate(text: &str) -> String {
    text.chars().take(400).collect()
}

/// The spec, with the documented differences of the real server applied: error `code` is a
/// JSON number (appwrite-api.md, "Errors"), so both number and string are accepted.
fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(SPEC_PATH)
            .unwrap_or_else(|e| panic!("reading the spec at {SPEC_PATH}: {e}"));
        let mut spec: Value = serde_json::from_str(&text).expect("the spec is JSON");
        spec["components"]["schemas"]["error"]["properties"]["code"] =
            json!({"type": ["integer", "string"]});
        spec
    })
}

/// The schema reference for an answer: the operation's schema for that status, the error
/// schema for error statuses, `None` for answers that are not JSON (204, file bytes).
fn response_schema(
    spec: &Value,
    method: &str,
    route: &str,
    status: u16,
) -> Result<Option<String>, String> {
    let route = route.strip_prefix("/v1").unwrap_or(route);
    let operation = &spec["paths"][route][method.to_ascii_lowercase()];
    let by_status = &operation["responses"][status.to_string()];
    let reference = by_status["content"]["application/json"]["schema"]["$ref"].as_str();
    let reference = match reference {
        Some(r) => r.to_owned(),
        None if status >= 400 => "#/components/schemas/error".to_owned(),
        None if operation.is_null() => {
            return Err(format!(
                "{method} {route} answered {status} but is not in the spec"
            ));
        }
        None if by_status.is_null() => {
            return Err(format!(
                "{method} {route} answered {status}, a status the spec does not list"
            ));
        }
        None => return Ok(None),
    };
    Ok(Some(reference))
}

#[test]
#[should_panic(expected = "break the spec")]
fn the_schema_check_catches_a_file_without_required_fields() {
    check_recorded(&[appwrite_sandbox::Recorded {
        method: "GET".into(),
        route: "/storage/buckets/{bucketId}/files/{fileId}".into(),
        status: 200,
        body: json!({"$id": "f", "name": 3}),
    }]);
}

#[test]
#[should_panic(expected = "break the spec")]
fn the_schema_check_catches_an_error_body_without_a_type() {
    check_recorded(&[appwrite_sandbox::Recorded {
        method: "GET".into(),
        route: "/tokens/{tokenId}".into(),
        status: 404,
        body: json!({"message": "gone", "code": 404}),
    }]);
}

#[test]
fn the_schema_check_accepts_a_real_server_token() {
    let checked = check_recorded(&[appwrite_sandbox::Recorded {
        method: "POST".into(),
        route: "/tokens/buckets/{bucketId}/files/{fileId}".into(),
        status: 201,
        body: json!({"$id": "t", "$createdAt": "2026-01-05T14:03:00.000+00:00",
            "resourceId": "b:f", "resourceType": "files", "expire": "",
            "secret": "header.payload.sig", "accessedAt": ""}),
    }]);
    assert_eq!(checked, 1);
}
