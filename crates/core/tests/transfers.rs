//! Downloads and deletes against a real local Appwrite (`appwrite-sandbox` over loopback): a
//! download that loses its connection in the middle continues with `Range` and matches the MD5,
//! keeps the file's own name with a safe rename; a download cancelled in the middle of its body
//! (the sandbox holds it there) leaves neither its file nor its part file; a delete says how
//! many tokens each file has and their links stop working.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use appwrite_rest::{Client, FileUpload, LinkKind, NewBucket, RetryPolicy};
use appwrite_sandbox::Config;
use bucketdesk_core::delete;
use bucketdesk_core::download::{
    download_files, DownloadCancel, DownloadEvent, DownloadItem, DownloadOptions, DownloadState,
    Downloads,
};
use md5::{Digest, Md5};

fn client(endpoint: &str, project: &str, key: &str) -> Client {
    Client::builder(endpoint, project, key)
        .timeout(Duration::from_secs(20))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// A sandbox started with `config`, a client with its key, and an empty bucket `docs`.
async fn docs_sandbox(config: Config) -> (appwrite_sandbox::Sandbox, Client) {
    let sandbox = appwrite_sandbox::start(config).await.unwrap();
    let client = client(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key());
    client
        .buckets()
        .create(&NewBucket::new("docs", "Docs"))
        .await
        .unwrap();
    (sandbox, client)
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
    let (sandbox, client) = docs_sandbox(Config {
        cut_content_after: Some(cut),
        ..Config::default()
    })
    .await;
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
        &DownloadCancel::default(),
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

/// The names in `dir`, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Waits for the event `wanted` picks out, within 20 s; gives it.
async fn wait_event(
    events: &mut tokio::sync::mpsc::UnboundedReceiver<DownloadEvent>,
    what: &str,
    wanted: impl Fn(&DownloadEvent) -> bool,
) -> DownloadEvent {
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            let event = events.recv().await.expect("the batch is still running");
            if wanted(&event) {
                return event;
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no event: {what}"))
}

fn is_progress(event: &DownloadEvent, file_id: &str, test: impl Fn(&DownloadItem) -> bool) -> bool {
    matches!(event, DownloadEvent::Progress { item, .. } if item.file_id == file_id && test(item))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_cancelled_mid_body_leaves_neither_its_file_nor_its_part_file() {
    // Every download stops sending after 64 KiB and holds the connection.
    let (sandbox, client) = docs_sandbox(Config {
        stall_content_after: Some(64 * 1024),
        ..Config::default()
    })
    .await;
    let files = client.files("docs");
    for (id, name, len) in [
        ("big", "big.bin", 1 << 20),
        ("big2", "big2.bin", 1 << 20),
        ("small", "small.txt", 1000),
    ] {
        files
            .create(FileUpload::from_bytes(id, name, content(len)))
            .await
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let downloads = Downloads::default();
    let start = |batch_id: &'static str, ids: &[&str], files_at_once: usize| {
        let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        let cancel = downloads.begin(batch_id, &ids);
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let (client, dir, downloads) = (client.clone(), dir.path().to_owned(), downloads.clone());
        let task = tokio::spawn(async move {
            let options = DownloadOptions {
                files_at_once,
                ..DownloadOptions::default()
            };
            let events = Arc::new(move |e| {
                let _ = tx.send(e);
            });
            let items = download_files(
                &client, "docs", &ids, &dir, batch_id, &cancel, options, events,
            )
            .await;
            downloads.end(batch_id);
            items
        });
        (task, rx)
    };

    // One file of two, cancelled once its first bytes are written: the other is saved.
    let (task, mut events) = start("d1", &["big", "small"], 3);
    wait_event(&mut events, "big's first bytes", |e| {
        is_progress(e, "big", |i| i.received > 0)
    })
    .await;
    assert!(
        dir.path().join("big.bin.bucketdesk-part").exists(),
        "the bytes so far are in its part file: {:?}",
        names_in(dir.path())
    );
    downloads.cancel("d1", Some("big")).unwrap();
    let items = tokio::time::timeout(Duration::from_secs(20), task)
        .await
        .expect("a cancel ends the held download")
        .unwrap();
    assert_eq!(items[0].state, DownloadState::Cancelled, "{items:?}");
    assert!(items[0].path.is_none() && items[0].error.is_none());
    assert_eq!(items[1].state, DownloadState::Done, "{items:?}");
    assert_eq!(
        names_in(dir.path()),
        ["small.txt"],
        "nothing under its name, no part file"
    );
    let ended = wait_event(&mut events, "the batch's end", |e| {
        matches!(e, DownloadEvent::Done { .. })
    })
    .await;
    assert_eq!(
        ended,
        DownloadEvent::Done {
            batch_id: "d1".into(),
            done: 1,
            failed: 0,
            cancelled: 1
        }
    );
    // The batch has ended: a late cancel has nothing to stop; unknown ones are said so.
    downloads.cancel("d1", None).unwrap();
    assert_eq!(
        downloads.cancel("nope", None).unwrap_err().code,
        "not_found"
    );

    // The whole batch at once: the file on its way and the one waiting for its turn.
    let (task, mut events) = start("d2", &["big", "big2"], 1);
    wait_event(&mut events, "big's first bytes", |e| {
        is_progress(e, "big", |i| i.received > 0)
    })
    .await;
    assert_eq!(
        downloads.cancel("d2", Some("small")).unwrap_err().code,
        "not_found",
        "not a file of this batch"
    );
    downloads.cancel("d2", None).unwrap();
    let items = tokio::time::timeout(Duration::from_secs(20), task)
        .await
        .expect("a cancel ends the batch")
        .unwrap();
    assert!(
        items.iter().all(|i| i.state == DownloadState::Cancelled),
        "{items:?}"
    );
    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        seen.push(event);
    }
    assert!(
        !seen
            .iter()
            .any(|e| is_progress(e, "big2", |i| i.state == DownloadState::Downloading)),
        "the waiting file never started: {seen:?}"
    );
    assert_eq!(names_in(dir.path()), ["small.txt"]);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_files_says_how_many_tokens_each_has_and_their_links_stop_working() {
    let (sandbox, client) = docs_sandbox(Config::default()).await;
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
    let (_sandbox, client) = docs_sandbox(Config {
        scopes: Some(
            ["buckets.read", "buckets.write", "files.read"]
                .map(String::from)
                .to_vec(),
        ),
        ..Config::default()
    })
    .await;
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
