//! Shutting down keeps every accepted change: many rounds of start → change → shutdown → reopen on
//! one data dir, with the CPU kept busy and changes still arriving while the sandbox stops.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use appwrite_sandbox::Config;
use common::Api;
use reqwest::Method;
use serde_json::{json, Value};

const ROUNDS: usize = 50;

/// Threads that keep every core busy until dropped, so the writer's work is preempted.
struct Busy {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Busy {
    fn start() -> Busy {
        let stop = Arc::new(AtomicBool::new(false));
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let threads = (0..cores * 2)
            .map(|_| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        std::hint::spin_loop();
                    }
                })
            })
            .collect();
        Busy { stop, threads }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(temp_files(&path));
        } else if entry.file_name().to_string_lossy().contains(".tmp-") {
            out.push(path.display().to_string());
        }
    }
    out
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .unwrap_or_else(|| panic!("{list}"))
        .iter()
        .map(|d| d["$id"].as_str().unwrap().to_string())
        .collect()
}

/// Creates tokens one after another until the server stops answering; returns the created ids.
fn create_tokens_until_stopped(api: &Api, path: String, accepted: Arc<Mutex<Vec<String>>>) {
    let req = api
        .req(Method::POST, &path)
        .json(&json!({}))
        .timeout(Duration::from_secs(30));
    tokio::spawn(async move {
        loop {
            let Some(attempt) = req.try_clone() else {
                return;
            };
            let Ok(r) = attempt.send().await else {
                return;
            };
            if r.status().as_u16() != 201 {
                return;
            }
            let Ok(token) = r.json::<Value>().await else {
                return;
            };
            let id = token["$id"].as_str().unwrap().to_string();
            accepted.lock().unwrap().push(id);
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_keeps_every_accepted_change_under_load() {
    let _busy = Busy::start();
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: Some(dir.path().to_path_buf()),
        key: Some("durability-key".into()),
        ..Config::default()
    };
    // What every earlier round was told was done: bucket id -> its file's token ids.
    let mut expected: Vec<(String, Vec<String>)> = Vec::new();
    for round in 0..ROUNDS {
        let api = Api::start(config.clone()).await;
        let (s, list) = api
            .list(
                "/storage/buckets",
                &[json!({"method":"limit","values":[100]})],
            )
            .await;
        assert_eq!(s, 200, "{list}");
        let buckets = ids(&list, "buckets");
        let want: Vec<String> = expected.iter().map(|(b, _)| b.clone()).collect();
        assert_eq!(buckets, want, "round {round}: buckets kept");
        for (bucket, tokens) in &expected {
            let (_, list) = api
                .list(
                    &format!("/tokens/buckets/{bucket}/files/f"),
                    &[json!({"method":"limit","values":[1000]})],
                )
                .await;
            let on_disk = ids(&list, "tokens");
            let missing: Vec<&String> = tokens.iter().filter(|t| !on_disk.contains(t)).collect();
            assert!(
                missing.is_empty(),
                "round {round}: lost tokens {missing:?} of {bucket}"
            );
        }
        if let Some((bucket, tokens)) = expected.last_mut() {
            let gone = tokens.remove(0);
            let (s, _) = api.delete(&format!("/tokens/{gone}")).await;
            assert_eq!(s, 204);
            let (s, _) = api
                .patch(&format!("/tokens/{}", tokens[0]), json!({"expire": null}))
                .await;
            assert_eq!(s, 200, "{bucket}");
        }

        let bucket = format!("r{round}");
        api.create_bucket(&bucket, json!({})).await;
        let (s, b) = api
            .upload(&bucket, "f", "f.txt", format!("round {round}").into_bytes())
            .await;
        assert_eq!(s, 201, "{b}");
        let accepted = Arc::new(Mutex::new(Vec::new()));
        let path = format!("/tokens/buckets/{bucket}/files/f");
        create_tokens_until_stopped(&api, path, accepted.clone());
        let enough = 2 + round % 7;
        let created = common::wait_until(Duration::from_secs(30), || {
            let n = accepted.lock().unwrap().len();
            std::future::ready(n >= enough)
        })
        .await;
        assert!(created, "round {round}: tokens are being created");
        api.sb.shutdown().await;

        let left = temp_files(dir.path());
        assert!(left.is_empty(), "round {round}: half-done writes {left:?}");
        // Answers that arrived before shutdown returned; none can arrive after it.
        let tokens = accepted.lock().unwrap().clone();
        expected.push((bucket, tokens));
    }
}
