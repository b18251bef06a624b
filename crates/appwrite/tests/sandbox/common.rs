//! Shared set-up for the sandbox tests: starting a sandbox, clients for it, waiting on conditions,
//! and checking recorded answers against the OpenAPI spec.

use std::future::Future;
use std::time::{Duration, Instant};

use appwrite_rest::{Client, FileUpload, NewBucket, RetryPolicy};
use appwrite_sandbox::{Config, Sandbox};

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

/// Checks recorded answers against the spec; returns how many were checked.
pub fn check_recorded(recorded: &[appwrite_sandbox::Recorded]) -> usize {
    appwrite_spec_check::check_answers(recorded.iter().map(|r| appwrite_spec_check::Answer {
        method: &r.method,
        route: &r.route,
        status: r.status,
        body: &r.body,
    }))
}
