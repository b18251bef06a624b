//! Upload, download, delete and QR commands through the app's IPC on the mock runtime, against
//! real sandboxes over loopback; the clipboard is the real X11 one (inside scripts/headless.sh),
//! read with xclip. The file dialogs are stood in for by their test hooks (BUCKETDESK_UPLOAD_PICK,
//! BUCKETDESK_DOWNLOAD_DIR). One test writes the clipboard, so no two tests of this binary race
//! for it.

mod common;

use std::sync::mpsc;
use std::time::Duration;

use appwrite_sandbox::{seed, Config};
use common::{clipboard_text, Fixture};
use serde_json::{json, Value};
use tauri::Listener;

const DEADLINE: Duration = Duration::from_secs(60);

/// BUCKETDESK_DOWNLOAD_DIR is one per process: the tests that set it take turns.
static DOWNLOAD_DIR: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Downloads `file_ids` into `dir` (the folder dialog's test hook names it); gives the answer.
fn download_into(app: &Fixture, dir: &std::path::Path, args: Value) -> Value {
    let _turn = DOWNLOAD_DIR.lock().unwrap_or_else(|e| e.into_inner());
    std::env::set_var("BUCKETDESK_DOWNLOAD_DIR", dir);
    let started = app.ok("download_files", args);
    std::env::remove_var("BUCKETDESK_DOWNLOAD_DIR");
    started
}

/// The payloads of `event`, as they come.
fn events(app: &Fixture, event: &str) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    app.app.listen_any(event, move |e| {
        let _ = tx.send(serde_json::from_str(e.payload()).unwrap());
    });
    rx
}

fn next_for(rx: &mpsc::Receiver<Value>, batch_id: &Value) -> Value {
    loop {
        let payload = rx.recv_timeout(DEADLINE).expect("the event comes in time");
        if &payload["batchId"] == batch_id {
            return payload;
        }
    }
}

#[test]
fn uploading_with_share_on_puts_a_working_link_per_file_on_the_clipboard() {
    let app = Fixture::new("upload-share");
    let server = app.sandbox(Config::default());
    let id = app.add_project("Uploads", &server);
    let files = tempfile::tempdir().unwrap();
    let contents: Vec<Vec<u8>> = (0..3)
        .map(|i| format!("report number {i}\n").repeat(1000 + i).into_bytes())
        .collect();
    let paths: Vec<String> = contents
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let path = files.path().join(format!("report-{i}.txt"));
            std::fs::write(&path, c).unwrap();
            path.display().to_string()
        })
        .collect();
    assert_eq!(
        app.ok("set_share_on_upload", json!({"profileId": id, "on": true})),
        true
    );
    assert_eq!(
        app.ok("get_share_on_upload", json!({"profileId": id})),
        true
    );
    let progress = events(&app, "upload-progress");
    let done = events(&app, "upload-done");
    let batch = app.ok(
        "upload_files",
        json!({"profileId": id, "bucketId": seed::DOCUMENTS_BUCKET_ID, "folder": "shared/",
               "paths": paths, "share": true}),
    );
    assert_eq!(batch["share"], true);
    assert_eq!(batch["items"].as_array().unwrap().len(), 3);
    for item in batch["items"].as_array().unwrap() {
        assert_eq!(item["state"], "queued", "{item}");
        assert_eq!(item["folder"], "shared/");
    }
    let ended = next_for(&done, &batch["batchId"]);
    assert_eq!(ended["done"], 3, "{ended}");
    assert_eq!(ended["linksCopied"], 3, "{ended}");
    assert_eq!(ended["expiry"], "7 days");
    let seen: Vec<Value> = progress.try_iter().collect();
    assert!(
        seen.iter().any(|p| p["item"]["state"] == "sharing"),
        "each file was shared on its way: {seen:?}"
    );
    assert!(
        !format!("{seen:?}{ended}").contains("token="),
        "no link reached the web view"
    );

    let text = clipboard_text();
    let links: Vec<&str> = text.lines().collect();
    assert_eq!(links.len(), 3, "{text}");
    for (link, bytes) in links.iter().zip(&contents) {
        let body = app.runtime.block_on(async {
            let answer = reqwest::get(*link).await.unwrap();
            assert_eq!(answer.status(), 200, "{link}");
            answer.bytes().await.unwrap()
        });
        assert_eq!(body.as_ref(), bytes.as_slice(), "{link}");
    }
    // The new files are listed in their folder.
    let page = app.ok(
        "list_files",
        json!({"profileId": id, "bucketId": seed::DOCUMENTS_BUCKET_ID, "folder": "shared/",
               "search": null, "sort": "name", "order": "asc", "cursor": null, "limit": 50}),
    );
    let names: Vec<&str> = page["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["report-0.txt", "report-1.txt", "report-2.txt"],
        "{page}"
    );
}

#[test]
fn the_upload_button_reads_its_test_hook_and_a_too_big_file_names_the_buckets_limit() {
    let app = Fixture::new("upload-pick");
    let server = app.sandbox(Config::default());
    let id = app.add_project("Pick", &server);
    let files = tempfile::tempdir().unwrap();
    let big = files.path().join("huge.png");
    std::fs::write(&big, vec![7u8; 10_000_001]).unwrap();
    std::env::set_var(
        "BUCKETDESK_UPLOAD_PICK",
        std::env::join_paths([&big]).unwrap(),
    );
    let progress = events(&app, "upload-progress");
    let done = events(&app, "upload-done");
    let batch = app.ok(
        "choose_upload_files",
        json!({"profileId": id, "bucketId": seed::PHOTOS_BUCKET_ID, "folder": null, "share": false}),
    );
    std::env::remove_var("BUCKETDESK_UPLOAD_PICK");
    assert_eq!(batch["items"][0]["name"], "huge.png");
    let ended = next_for(&done, &batch["batchId"]);
    assert_eq!(ended["failed"], 1, "{ended}");
    assert!(ended["expiry"].is_null());
    let failed = progress
        .try_iter()
        .find(|p| p["item"]["state"] == "failed")
        .expect("the failure was reported");
    assert_eq!(failed["item"]["error"]["code"], "too_large", "{failed}");
    let message = failed["item"]["error"]["message"].as_str().unwrap();
    assert!(message.contains("at most 10 MB"), "{message}");
    assert_eq!(failed["bucketId"], seed::PHOTOS_BUCKET_ID);
    // Only what earlier runs left unfinished is pending, and a refused file is not.
    assert_eq!(
        app.ok("pending_uploads", json!({"profileId": id})),
        json!([])
    );

    // Cancel and retry answer for batches they know, and say so for others.
    let unknown = app.err("retry_upload", json!({"batchId": "nope", "uploadId": null}));
    assert_eq!(unknown["code"], "not_found", "{unknown}");
    let unknown = app.err(
        "cancel_upload",
        json!({"batchId": "nope", "uploadId": null}),
    );
    assert_eq!(unknown["code"], "not_found", "{unknown}");
    let resumed = app.ok("resume_uploads", json!({"profileId": id}));
    assert_eq!(
        resumed,
        json!([]),
        "a refused file is not resumed on its own"
    );
}

#[test]
fn downloads_go_to_the_chosen_folder_and_deleted_files_take_their_links_along() {
    let app = Fixture::new("download-delete");
    let server = app.sandbox(Config::default());
    let id = app.add_project("Files", &server);
    let bucket = seed::DOCUMENTS_BUCKET_ID;
    let file = seed::NOTES_TXT_FILE_ID;
    let dir = tempfile::tempdir().unwrap();
    let done = events(&app, "download-done");
    let started = download_into(
        &app,
        dir.path(),
        json!({"profileId": id, "bucketId": bucket, "fileIds": [file]}),
    );
    assert_eq!(started["dir"], dir.path().display().to_string());
    let ended = next_for(&done, &started["batchId"]);
    assert_eq!(
        (ended["done"].as_u64(), ended["failed"].as_u64()),
        (Some(1), Some(0))
    );
    let name = app.ok(
        "get_file",
        json!({"profileId": id, "bucketId": bucket, "fileId": file}),
    )["name"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(dir.path().join(&name).is_file(), "{name} is in the folder");

    let token = app.ok(
        "create_token",
        json!({"profileId": id, "bucketId": bucket, "fileId": file, "expiry": {"kind": "oneDay"}}),
    );
    let token_id = token["id"].as_str().unwrap().to_owned();
    let qr = app.ok(
        "link_qr",
        json!({"profileId": id, "bucketId": bucket, "fileId": file, "tokenId": token_id, "kind": "view"}),
    );
    let image = qr["image"].as_str().unwrap();
    assert!(image.starts_with("data:image/svg+xml;base64,"), "{image}");
    assert!(!qr.to_string().contains("token="));
    let other = app.err(
        "link_qr",
        json!({"profileId": id, "bucketId": bucket, "fileId": seed::SALES_CSV_FILE_ID, "tokenId": token_id, "kind": null}),
    );
    assert_eq!(other["code"], "not_found", "{other}");

    let summary = app.ok(
        "delete_summary",
        json!({"profileId": id, "bucketId": bucket, "fileIds": [file]}),
    );
    assert_eq!(summary[0]["fileId"], file);
    assert_eq!(summary[0]["name"], name.as_str());
    assert!(summary[0]["tokens"].as_u64().unwrap() >= 1, "{summary}");
    let deleted = app.ok(
        "delete_files",
        json!({"profileId": id, "bucketId": bucket, "fileIds": [file]}),
    );
    assert_eq!(deleted, json!({"deleted": [file], "failed": []}));
    let gone = app.err(
        "get_file",
        json!({"profileId": id, "bucketId": bucket, "fileId": file}),
    );
    assert_eq!(gone["code"], "not_found", "{gone}");
}

#[test]
fn a_download_cancelled_mid_body_ends_cancelled_with_nothing_left_in_the_folder() {
    let app = Fixture::new("download-cancel");
    // Every download stops after its first 16 bytes and holds the connection.
    let server = app.sandbox(Config {
        stall_content_after: Some(16),
        ..Config::default()
    });
    let id = app.add_project("Held", &server);
    let bucket = seed::DOCUMENTS_BUCKET_ID;
    let (pdf, csv) = (seed::REPORT_PDF_FILE_ID, seed::SALES_CSV_FILE_ID);
    let dir = tempfile::tempdir().unwrap();
    let progress = events(&app, "download-progress");
    let done = events(&app, "download-done");
    let started = download_into(
        &app,
        dir.path(),
        json!({"profileId": id, "bucketId": bucket, "fileIds": [pdf, csv]}),
    );
    let batch = started["batchId"].clone();
    // Both on their way, their first bytes written.
    let mut receiving = std::collections::HashSet::new();
    while receiving.len() < 2 {
        let p = next_for(&progress, &batch);
        if p["item"]["received"].as_u64().unwrap_or(0) > 0 {
            receiving.insert(p["item"]["fileId"].as_str().unwrap().to_owned());
        }
    }
    let unknown = app.err(
        "cancel_download",
        json!({"batchId": batch, "fileId": "not-in-it"}),
    );
    assert_eq!(unknown["code"], "not_found", "{unknown}");
    // One file, then the rest of the batch.
    assert_eq!(
        app.ok("cancel_download", json!({"batchId": batch, "fileId": pdf})),
        Value::Null
    );
    loop {
        let p = next_for(&progress, &batch);
        if p["item"]["fileId"] == pdf && p["item"]["state"] != "downloading" {
            assert_eq!(p["item"]["state"], "cancelled", "{p}");
            break;
        }
    }
    app.ok("cancel_download", json!({"batchId": batch, "fileId": null}));
    let ended = next_for(&done, &batch);
    assert_eq!(
        (&ended["done"], &ended["failed"], &ended["cancelled"]),
        (&json!(0), &json!(0), &json!(2)),
        "{ended}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(
        left.is_empty(),
        "nothing under their names, no part files: {left:?}"
    );
    // Once over, a cancel has nothing to stop; an unknown batch is said so.
    app.ok("cancel_download", json!({"batchId": batch, "fileId": null}));
    let unknown = app.err(
        "cancel_download",
        json!({"batchId": "nope", "fileId": null}),
    );
    assert_eq!(unknown["code"], "not_found", "{unknown}");
}
