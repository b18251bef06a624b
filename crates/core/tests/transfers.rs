//! Downloads and deletes against a real local Appwrite (`appwrite-sandbox` over loopback): a
//! download that loses its connection in the middle continues with `Range` and matches the MD5,
//! keeps the file's own name with a safe rename; a delete says how many tokens each file has
//! and their links stop working.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use appwrite_rest::{Client, FileUpload, LinkKind, NewBucket, RetryPolicy};
use appwrite_sandbox::Config;
use bucketdesk_core::delete;
use bucketdesk_core::download::{download_files, DownloadEvent, DownloadOptions, DownloadState};
use md5::{Digest, Md5};

fn client(endpoint: &str, project: &str, key: &str) -> Client {
    Client::builder(endpoint, project, key)
        .timeout(Duration::from_secs(20))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn content(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i * 31 % 251) as u8 ^ (i >> 16) as u8)
        .collect()
}

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_continues_after_a_dropped_connection_and_matches_the_md5() {
    let cut = 3 * 1024 * 1024 + 17;
    let sandbox = appwrite_sandbox::start(Config {
        cut_content_after: Some(cut),
        ..Config::default()
    })
    .await
    .unwrap();
    let client = client(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key());
    client
        .buckets()
        .create(&NewBucket::new("docs", "Docs"))
        .await
        .unwrap();
    let bytes = content(12 << 20);
    let files = client.files("docs");
    files
        .create(FileUpload::from_bytes(
            "report",
            "report.pdf",
            bytes.clone(),
        ))
        .await
        .unwrap();
    files
        .create(FileUpload::from_bytes(
            "report2",
            "report.pdf",
            b"second".to_vec(),
        ))
        .await
        .unwrap();
    // Without Range the answer breaks off, as a dropped connection does.
    let mut whole = Vec::new();
    let broken = files.download("report", &mut whole).await.unwrap_err();
    assert_eq!(broken.code(), "network", "{broken}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.pdf"), b"already here").unwrap();
    let events = Arc::new(Mutex::new(Vec::new()));
    let record = events.clone();
    let items = download_files(
        &client,
        "docs",
        &["report".into(), "report2".into()],
        dir.path(),
        "d1",
        DownloadOptions {
            retry_delay: Duration::from_millis(10),
            ..DownloadOptions::default()
        },
        Arc::new(move |e| record.lock().unwrap().push(e)),
    )
    .await;
    assert!(
        items.iter().all(|i| i.state == DownloadState::Done),
        "{items:?}"
    );
    // The file's own name, renamed safely: nothing that was there is replaced.
    assert_eq!(
        std::fs::read(dir.path().join("report.pdf")).unwrap(),
        b"already here"
    );
    let first = std::fs::read(dir.path().join("report (1).pdf")).unwrap();
    assert_eq!(md5_hex(&first), md5_hex(&bytes));
    assert_eq!(
        std::fs::read(dir.path().join("report (2).pdf")).unwrap(),
        b"second"
    );
    assert_eq!(
        items[0].path.as_deref(),
        Some(dir.path().join("report (1).pdf").to_str().unwrap())
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "no partial file is left: {names:?}");
    // Progress came while it streamed, and the batch said when it ended.
    let events = events.lock().unwrap().clone();
    assert!(events
        .iter()
        .any(|e| matches!(e, DownloadEvent::Progress { item, .. }
        if item.file_id == "report" && item.received > 0 && item.received < item.size)));
    assert!(matches!(
        events.last(),
        Some(DownloadEvent::Done {
            done: 2,
            failed: 0,
            ..
        })
    ));
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_files_says_how_many_tokens_each_has_and_their_links_stop_working() {
    let sandbox = appwrite_sandbox::start(Config::default()).await.unwrap();
    let client = client(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key());
    client
        .buckets()
        .create(&NewBucket::new("docs", "Docs"))
        .await
        .unwrap();
    let files = client.files("docs");
    for id in ["a", "b"] {
        files
            .create(FileUpload::from_bytes(
                id,
                format!("{id}.txt"),
                b"hello".to_vec(),
            ))
            .await
            .unwrap();
    }
    let token = client.tokens().create("docs", "a", None).await.unwrap();
    client.tokens().create("docs", "a", None).await.unwrap();
    let link = client.share_link("docs", "a", LinkKind::View, token.secret.expose(), None);
    assert_eq!(reqwest::get(link.clone()).await.unwrap().status(), 200);

    let ids: Vec<String> = ["a", "b", "gone"].map(String::from).to_vec();
    let summary = delete::summary(&client, "docs", &ids).await;
    let counted: Vec<(&str, &str, u64)> = summary
        .iter()
        .map(|s| (s.file_id.as_str(), s.name.as_str(), s.tokens))
        .collect();
    assert_eq!(
        counted,
        [("a", "a.txt", 2), ("b", "b.txt", 0), ("gone", "gone", 0)]
    );

    let outcome = delete::delete_files(&client, "docs", &ids).await;
    assert_eq!(outcome.deleted, ids, "{outcome:?}");
    assert!(outcome.failed.is_empty());
    assert_eq!(reqwest::get(link).await.unwrap().status(), 401);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_without_files_write_says_which_scope_to_add() {
    let sandbox = appwrite_sandbox::start(Config {
        scopes: Some(
            ["buckets.read", "buckets.write", "files.read"]
                .map(String::from)
                .to_vec(),
        ),
        ..Config::default()
    })
    .await
    .unwrap();
    let client = client(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key());
    client
        .buckets()
        .create(&NewBucket::new("docs", "Docs"))
        .await
        .unwrap();
    let outcome = delete::delete_files(&client, "docs", &["a".into()]).await;
    assert!(outcome.deleted.is_empty());
    let failure = &outcome.failed[0].failure;
    assert_eq!(failure.code, "missing_scope");
    assert!(
        failure.message.contains("files.write"),
        "{}",
        failure.message
    );
}
