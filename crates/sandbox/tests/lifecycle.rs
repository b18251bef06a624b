//! The sandbox as a process and a store: persistence across restarts with a data dir (atomic
//! writes, crash leftovers), the binary's stdout and SIGTERM exit, seeded fault injection, a
//! download held in the middle, and requests held back until a test releases them.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use appwrite_sandbox::{seed, Config, Seed};
use common::{send, Api};
use reqwest::Method;
use serde_json::{json, Value};

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

fn disk_config(dir: &Path) -> Config {
    Config {
        data_dir: Some(dir.to_path_buf()),
        seed: Seed::Demo,
        ..Config::default()
    }
}

#[tokio::test]
async fn data_dir_keeps_everything_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let api = Api::start(disk_config(dir.path())).await;
    let key = api.sb.api_key().to_string();
    let signing = api.sb.token_signing_key().to_string();
    api.create_bucket("kept", json!({})).await;
    let (s, _) = api
        .upload("kept", "k", "k.txt", b"kept bytes".to_vec())
        .await;
    assert_eq!(s, 201);
    let token = api.create_token("kept", "k", Value::Null).await;
    let data: Vec<u8> = (0..(5 * 1024 * 1024 + 50))
        .map(|i| (i % 97) as u8)
        .collect();
    let (s, _) = api
        .upload_chunk("kept", "partial", None, "p.bin", &data, 0)
        .await;
    assert_eq!(s, 201);
    let (s, _) = api
        .delete(&format!(
            "/storage/buckets/{}/files/{}",
            seed::DOCUMENTS_BUCKET_ID,
            seed::NOTES_TXT_FILE_ID
        ))
        .await;
    assert_eq!(s, 204);
    let (_, before) = api.get("/storage/buckets").await;

    // The debounced writer saves without a shutdown.
    let token_id = token["$id"].as_str().unwrap().to_string();
    let saved = common::wait_until(Duration::from_secs(10), || {
        let dir = dir.path().to_path_buf();
        let id = token_id.clone();
        async move {
            files_under(&dir.join("tokens"))
                .iter()
                .any(|f| std::fs::read_to_string(f).is_ok_and(|s| s.contains(&id)))
        }
    })
    .await;
    assert!(saved, "token table written by the background writer");
    api.sb.shutdown().await;

    let leftovers: Vec<String> = files_under(dir.path())
        .into_iter()
        .filter(|f| f.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Simulate a crash in the middle of writes: half-written temp files must not matter.
    std::fs::write(dir.path().join(".buckets.json.tmp-crash"), b"[{\"id\":").unwrap();
    std::fs::write(
        dir.path().join("files").join(".1.json.tmp-crash"),
        b"garbage",
    )
    .unwrap();

    let api = Api::start(disk_config(dir.path())).await;
    // Checked by name and before any request: later writes of the running
    // server make temp files of their own for a moment.
    assert!(
        !dir.path().join(".buckets.json.tmp-crash").exists()
            && !dir.path().join("files").join(".1.json.tmp-crash").exists(),
        "crash leftovers removed on load"
    );
    assert_eq!(api.sb.api_key(), key, "a made key is kept in the store");
    assert_eq!(api.sb.token_signing_key(), signing);
    let (_, after) = api.get("/storage/buckets").await;
    assert_eq!(after["total"], before["total"], "seeded only once");
    let r = api
        .req(Method::GET, "/storage/buckets/kept/files/k/view")
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), "kept bytes");
    let link = api.share_link("kept", "k", "view", token["secret"].as_str().unwrap());
    let (s, _) = send(api.bare(&link)).await;
    assert_eq!(s, 200, "old share links still work");
    let (s, _) = api
        .get(&format!(
            "/storage/buckets/{}/files/{}",
            seed::DOCUMENTS_BUCKET_ID,
            seed::NOTES_TXT_FILE_ID
        ))
        .await;
    assert_eq!(s, 404, "deletes are kept");
    let (_, p) = api.get("/storage/buckets/kept/files/partial").await;
    assert_eq!(
        (p["chunksUploaded"].as_u64(), p["chunksTotal"].as_u64()),
        (Some(1), Some(2))
    );
    let (s, p) = api
        .upload_chunk("kept", "partial", Some("partial"), "p.bin", &data, 1)
        .await;
    assert_eq!(
        (s, &p["chunksUploaded"]),
        (201, &json!(2)),
        "upload resumes after a restart"
    );
    let r = api
        .req(Method::GET, "/storage/buckets/kept/files/partial/download")
        .send()
        .await
        .unwrap();
    assert_eq!(r.bytes().await.unwrap().as_ref(), data.as_slice());
    let (_, scale) = api
        .get(&format!(
            "/storage/buckets/{}/files/{}",
            seed::SCALE_BUCKET_ID,
            seed::scale_file_id(9999)
        ))
        .await;
    assert_eq!(scale["$id"], seed::scale_file_id(9999));
    api.sb.shutdown().await;
}

/// The biggest table file under `dir/files` (the demo's 10,000-file bucket).
fn biggest_table(dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(dir.join("files"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap()
}

/// A reopened store lists its buckets, the 10,000-file one with its total size, without reading
/// that bucket's files: they load on the first request about them, and a table damaged past its
/// head spoils only that bucket, never the store.
#[tokio::test]
async fn a_big_bucket_lists_at_once_and_loads_its_files_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    let scale = format!("/storage/buckets/{}/files", seed::SCALE_BUCKET_ID);
    let first_page = [json!({"method": "limit", "values": [25]})];
    let api = Api::start(disk_config(dir.path())).await;
    let (_, buckets) = api.get("/storage/buckets").await;
    let scale_bucket = buckets["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["$id"] == seed::SCALE_BUCKET_ID)
        .unwrap()
        .clone();
    assert!(scale_bucket["totalSize"].as_u64().unwrap() > 0);
    let (_, page) = api.list(&scale, &first_page).await;
    api.sb.shutdown().await;

    let api = Api::start(disk_config(dir.path())).await;
    assert_eq!(api.get("/storage/buckets").await.1, buckets);
    let (s, again) = api.list(&scale, &first_page).await;
    assert_eq!((s, &again), (200, &page));
    let last = seed::scale_file_id(seed::SCALE_FILE_COUNT - 1);
    let token = api
        .create_token(seed::SCALE_BUCKET_ID, &last, Value::Null)
        .await;
    api.sb.shutdown().await;

    let table = biggest_table(dir.path());
    let saved = std::fs::read(&table).unwrap();
    std::fs::write(&table, &saved[..saved.len() / 2]).unwrap();
    let api = Api::start(disk_config(dir.path())).await;
    assert_eq!(api.get("/storage/buckets").await.1, buckets);
    let photos = format!("/storage/buckets/{}/files", seed::PHOTOS_BUCKET_ID);
    assert_eq!(api.get(&photos).await.0, 200);
    let (_, tokens) = api
        .get(&format!("/tokens/{}", token["$id"].as_str().unwrap()))
        .await;
    assert_eq!(tokens["$id"], token["$id"]);
    let (s, body) = api.get(&scale).await;
    common::assert_error(s, &body, 500, "general_server_error");
    api.sb.shutdown().await;
    assert_eq!(std::fs::read(&table).unwrap(), &saved[..saved.len() / 2]);
}

#[tokio::test]
async fn a_faulted_create_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let api = Api::start(Config {
        data_dir: Some(dir.path().into()),
        fault_rate: 1.0,
        fault_seed: Some(1),
        ..Config::default()
    })
    .await;
    for i in 0..5 {
        let _ = api
            .req(Method::POST, "/storage/buckets")
            .json(&json!({"bucketId": format!("b{i}"), "name": "n"}))
            .send()
            .await;
    }
    assert_eq!(api.sb.stats().faults_injected, 5);
    api.sb.shutdown().await;
    let api = Api::start(Config {
        data_dir: Some(dir.path().into()),
        ..Config::default()
    })
    .await;
    let (_, l) = api.get("/storage/buckets").await;
    assert_eq!(l["total"], 0);
}

/// Sends `n` bucket listings, one connection each; returns the outcome of each.
async fn fault_run(seed: u64, n: usize) -> (Vec<String>, appwrite_sandbox::Stats) {
    let api = Api::start(Config {
        fault_rate: 0.5,
        fault_seed: Some(seed),
        retry_after: Duration::from_secs(3),
        ..Config::default()
    })
    .await;
    let mut outcomes = Vec::new();
    for _ in 0..n {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        let r = client
            .get(api.url("/storage/buckets"))
            .header("X-Appwrite-Project", "demo")
            .header("X-Appwrite-Key", api.sb.api_key())
            .send()
            .await;
        let outcome = match r {
            Err(_) => "dropped".to_string(),
            Ok(r) => {
                let status = r.status().as_u16();
                if status == 429 {
                    assert_eq!(r.headers()["retry-after"], "3");
                }
                match r.bytes().await {
                    Ok(_) => status.to_string(),
                    Err(_) => "dropped".to_string(),
                }
            }
        };
        outcomes.push(outcome);
    }
    (outcomes, api.sb.stats())
}

#[tokio::test]
async fn faults_are_seeded_counted_and_varied() {
    let (outcomes, stats) = fault_run(42, 60).await;
    let count = |o: &str| outcomes.iter().filter(|x| x.as_str() == o).count() as u64;
    assert_eq!(stats.requests, 60);
    assert_eq!(count("200") + stats.faults_injected, 60, "{outcomes:?}");
    assert_eq!(
        count("503") + count("429") + count("dropped"),
        stats.faults_injected
    );
    assert!(
        count("503") > 0 && count("429") > 0 && count("dropped") > 0,
        "{outcomes:?}"
    );
    assert!(
        (15..=45).contains(&stats.faults_injected),
        "{}",
        stats.faults_injected
    );
    let (again, _) = fault_run(42, 60).await;
    assert_eq!(outcomes, again, "same seed, same faults");
}

#[tokio::test]
async fn share_links_are_never_faulted() {
    let api = Api::start(Config {
        seed: Seed::Demo,
        fault_rate: 1.0,
        ..Config::default()
    })
    .await;
    let path = format!(
        "/storage/buckets/{}/files/{}/view?project=demo",
        seed::PUBLIC_BUCKET_ID,
        seed::LOGO_PNG_FILE_ID
    );
    for _ in 0..5 {
        let (s, _) = send(api.bare(&path)).await;
        assert_eq!(s, 200);
    }
    assert_eq!(api.sb.stats().faults_injected, 0);
}

#[tokio::test]
async fn latency_delays_requests() {
    let api = Api::start(Config {
        latency: Duration::from_millis(150),
        ..Config::default()
    })
    .await;
    let started = Instant::now();
    let (s, _) = api.get("/storage/buckets").await;
    assert_eq!(s, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn a_stalled_download_holds_its_rest_until_the_sandbox_stops() {
    let api = Api::start(Config {
        stall_content_after: Some(10),
        ..Config::default()
    })
    .await;
    api.create_bucket("held", json!({})).await;
    let (s, _) = api.upload("held", "f", "f.bin", vec![7u8; 100]).await;
    assert_eq!(s, 201);
    let mut answer = api
        .req(Method::GET, "/storage/buckets/held/files/f/download")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let mut got = 0;
    while got < 10 {
        got += answer.chunk().await.unwrap().expect("more comes").len();
    }
    assert_eq!(got, 10, "the first 10 bytes come, then nothing");
    // A stop ends the held answer broken (the rest never came), and does not wait on it.
    let stopping = tokio::spawn(api.sb.shutdown());
    assert!(answer.chunk().await.is_err(), "the answer ends broken");
    tokio::time::timeout(Duration::from_secs(4), stopping)
        .await
        .expect("the stop does not wait for the held answer")
        .unwrap();
}

#[tokio::test]
async fn a_held_request_answers_only_once_released_while_others_pass() {
    let api = Api::demo().await;
    let files = format!("/storage/buckets/{}/files", seed::PHOTOS_BUCKET_ID);
    let walk = json!({"method": "notEqual", "attribute": "folder", "values": [""]});
    let hold = api.sb.hold_requests(&["/files?", "notEqual"]);
    let held = tokio::spawn(
        api.req(Method::GET, &files)
            .query(&common::queries_param(&[walk]))
            .send(),
    );
    assert!(
        common::wait_until(Duration::from_secs(10), || async { hold.held() == 1 }).await,
        "the walk was never held"
    );
    // Other requests, on the same route too, are answered meanwhile.
    let (s, _) = api.list(&files, &[]).await;
    assert_eq!(s, 200);
    assert!(!held.is_finished(), "the held request answered");
    hold.release();
    let answer = held.await.unwrap().unwrap();
    assert_eq!(answer.status(), 200);
    // Released: the same request passes at once.
    let (s, _) = api
        .list(
            &files,
            &[json!({"method": "notEqual", "attribute": "folder", "values": [""]})],
        )
        .await;
    assert_eq!(s, 200);
}

async fn wait_exit(
    child: &mut std::process::Child,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let mut status = None;
    common::wait_until(limit, || {
        status = status.or_else(|| child.try_wait().unwrap());
        std::future::ready(status.is_some())
    })
    .await;
    status
}

#[tokio::test]
async fn binary_prints_endpoint_and_key_then_exits_cleanly_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_appwrite-sandbox"))
        .args(["--seed", "empty", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let endpoint = first
        .strip_prefix("APPWRITE_ENDPOINT=")
        .expect("first line is the endpoint")
        .to_string();
    let port = endpoint
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix("/v1"))
        .expect(&endpoint);
    assert!(port.parse::<u16>().unwrap() > 0);
    let key = second
        .strip_prefix("APPWRITE_KEY=")
        .expect("second line is the key")
        .to_string();
    assert!(!key.is_empty());

    let r = reqwest::Client::new()
        .get(format!("{endpoint}/storage/buckets"))
        .header("X-Appwrite-Project", "demo")
        .header("X-Appwrite-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = wait_exit(&mut child, Duration::from_secs(10))
        .await
        .expect("exits after SIGTERM");
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn binary_with_a_key_does_not_print_one() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_appwrite-sandbox"))
        .args(["--key", "given-key", "--project", "p2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(lines
        .next()
        .unwrap()
        .unwrap()
        .starts_with("APPWRITE_ENDPOINT=http://127.0.0.1:"));
    assert!(!lines.next().unwrap().unwrap().starts_with("APPWRITE_KEY="));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    assert!(wait_exit(&mut child, Duration::from_secs(10))
        .await
        .is_some_and(|s| s.success()));
}
