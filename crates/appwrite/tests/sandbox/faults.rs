//! Injected faults: reads get through by retrying; creates are never retried, so no token is made twice.

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

    let before = sandbox.stats();
    let mut ok = 0;
    let mut failed = Vec::new();
    for i in 0..40 {
        let result = match i % 4 {
            0 => client.buckets().list(&ListOptions::new()).await.map(drop),
            1 => client.buckets().get("b").await.map(drop),
            2 => client.files("b").get("f").await.map(drop),
            _ => client.files("b").list(&ListOptions::new()).await.map(drop),
        };
        match result {
            Ok(()) => ok += 1,
            Err(e) => failed.push(e),
        }
    }
    let after = sandbox.stats();
    assert!(
        after.faults_injected > before.faults_injected,
        "the sandbox injected no fault"
    );
    assert!(
        after.requests > before.requests + 40,
        "some reads were retried ({} requests for 40 reads)",
        after.requests - before.requests
    );
    assert!(ok >= 36, "only {ok}/40 reads got through: {failed:?}");
    assert!(failed.iter().all(Error::is_retryable), "{failed:?}");

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
