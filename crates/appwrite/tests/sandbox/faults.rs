//! Injected faults: reads get through by retrying; creates are never retried, so no token is made
//! twice.

use std::time::Duration;

use appwrite_rest::{Client, Error, ListOptions};
use appwrite_sandbox::Config;

use crate::common;

/// Calls `f` until it succeeds (test set-up through a faulty server), at most 20 times.
async fn eventually<T, F, Fut>(mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Error>>,
{
    let mut last = None;
    for _ in 0..20 {
        match f().await {
            Ok(value) => return value,
            Err(e) => last = Some(e),
        }
    }
    panic!("still failing after 20 tries: {last:?}");
}

fn faulty() -> Config {
    Config {
        fault_rate: 0.3,
        fault_seed: Some(20_260_105),
        retry_after: Duration::from_secs(1),
        ..common::config()
    }
}

#[tokio::test]
async fn reads_succeed_through_retries_and_creates_are_never_doubled() {
    let sandbox = common::start(faulty()).await;
    let client: Client = common::client(&sandbox);

    eventually(|| async {
        match client
            .buckets()
            .create(&appwrite_rest::NewBucket::new("b", "B"))
            .await
        {
            Err(e) if e.api_kind() == Some("storage_bucket_already_exists") => Ok(()),
            other => other.map(drop),
        }
    })
    .await;
    eventually(|| async {
        let upload = appwrite_rest::FileUpload::from_bytes("f", "f.txt", b"faulty".to_vec());
        match client.files("b").create(upload).await {
            Err(e) if e.api_kind() == Some("storage_file_already_exists") => Ok(()),
            other => other.map(drop),
        }
    })
    .await;

    // Each read is measured on the server: how many requests it took and whether it got through. A read
    // may only fail after using all of its tries, each one answered with an injected fault.
    let max_attempts = u64::from(client.retry_policy().max_attempts);
    let mut recovered = 0;
    for i in 0..40 {
        let before = sandbox.stats();
        let result = match i % 4 {
            0 => client.buckets().list(&ListOptions::new()).await.map(drop),
            1 => client.buckets().get("b").await.map(drop),
            2 => client.files("b").get("f").await.map(drop),
            _ => client.files("b").list(&ListOptions::new()).await.map(drop),
        };
        let after = sandbox.stats();
        let attempts = after.requests - before.requests;
        let faults = after.faults_injected - before.faults_injected;
        match result {
            Ok(()) => {
                assert_eq!(
                    faults,
                    attempts - 1,
                    "read {i}: only the last try may succeed"
                );
                assert!(attempts <= max_attempts, "read {i} took {attempts} tries");
                if attempts > 1 {
                    recovered += 1;
                }
            }
            Err(e) => {
                assert!(e.is_retryable(), "read {i}: {e:?}");
                assert_eq!(
                    (attempts, faults),
                    (max_attempts, max_attempts),
                    "read {i} gave up before its last try: {e:?}"
                );
            }
        }
    }
    assert!(recovered > 0, "no read got through by retrying");

    let created_before =
        eventually(|| async { client.tokens().list("b", "f", &ListOptions::new()).await })
            .await
            .total;
    let tokens_before = sandbox.stats().tokens_created;
    let mut created_ok = 0u64;
    let mut create_errors = 0u64;
    for _ in 0..30 {
        match client.tokens().create("b", "f", None).await {
            Ok(_) => created_ok += 1,
            Err(e) => {
                assert!(e.is_retryable() || e.code() == "api", "{e:?}");
                create_errors += 1;
            }
        }
    }
    let listed = eventually(|| async { client.tokens().list("b", "f", &ListOptions::new()).await })
        .await
        .total;
    assert_eq!(
        listed - created_before,
        created_ok,
        "{create_errors} creates failed; none may have left a token behind and none may be doubled"
    );
    assert!(create_errors > 0, "with a 30% fault rate some creates fail");
    assert_eq!(sandbox.stats().tokens_created - tokens_before, created_ok);

    common::finish(sandbox).await;
}
