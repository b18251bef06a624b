//! Upload and link figures against the sandbox: the throughput of a 100 MiB upload through core's
//! upload job next to curl sending the same bytes to the same server in the same run (chunks with
//! `Content-Range`, as the SDKs do), the client's peak memory during uploads of two sizes (it
//! must not grow with the file), and links for 500 files at 50 ms latency, adaptive up to 16 at
//! once against one at a time. The sandbox for uploads runs as its own process
//! (`target/release/appwrite-sandbox`, or `SANDBOX_BIN`), so this process's memory is the
//! client's alone.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use appwrite_rest::{Client, LinkKind, NewBucket, CHUNK_SIZE};
use bucketdesk_core::bulk::{create_links, FileRef, MAX_CONCURRENCY};
use bucketdesk_core::expiry::ExpiryPreset;
use bucketdesk_core::upload::{Target, UploadEvent, UploadHost, UploadOptions, Uploads};
use bucketdesk_core::Failure;
use tokio::sync::Notify;

const MIB: u64 = 1024 * 1024;

struct Sandbox {
    child: Child,
    endpoint: String,
    key: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sandbox_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("SANDBOX_BIN") {
        return bin.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("release/appwrite-sandbox")
}

fn start_sandbox() -> Sandbox {
    let mut child = Command::new(sandbox_bin())
        .args(["--seed", "empty", "--storage-limit", "1000000000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sandbox binary runs (cargo build --release -p appwrite-sandbox)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut endpoint, mut key) = (None, None);
    while endpoint.is_none() || key.is_none() {
        let line = lines
            .next()
            .expect("the sandbox prints its endpoint")
            .unwrap();
        if let Some(v) = line.strip_prefix("APPWRITE_ENDPOINT=") {
            endpoint = Some(v.to_owned());
        } else if let Some(v) = line.strip_prefix("APPWRITE_KEY=") {
            key = Some(v.to_owned());
        }
    }
    Sandbox {
        child,
        endpoint: endpoint.unwrap(),
        key: key.unwrap(),
    }
}

#[derive(Default)]
struct Host {
    done: Mutex<usize>,
    changed: Notify,
}

impl UploadHost for Host {
    fn event(&self, event: UploadEvent) {
        if let UploadEvent::Done(_) = event {
            *self.done.lock().unwrap() += 1;
            self.changed.notify_waiters();
        }
    }
    fn copy_links(&self, _text: String) -> Result<(), Failure> {
        Ok(())
    }
}

impl Host {
    async fn wait(&self, n: usize) {
        loop {
            let notified = self.changed.notified();
            if *self.done.lock().unwrap() >= n {
                return;
            }
            notified.await;
        }
    }
}

/// Resident memory of this process, in bytes.
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn write_file(path: &Path, size: u64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut buf = vec![0u8; MIB as usize];
    for _ in 0..size / MIB {
        for b in buf.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
        file.write_all(&buf).unwrap();
    }
    file.flush().unwrap();
}

/// Uploads `path` through core's job; answers the seconds it took and the peak resident memory
/// above what it was before.
async fn upload_once(
    uploads: &Uploads,
    host: &Host,
    n: usize,
    target: &Target,
    path: &Path,
) -> (f64, u64) {
    let before = rss();
    let peak = Arc::new(AtomicU64::new(before));
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, stop) = (peak.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(rss(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let started = Instant::now();
    uploads
        .start(target.clone(), "bench", "", &[path.to_owned()], false)
        .unwrap();
    host.wait(n).await;
    let took = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    (took, peak.load(Ordering::Relaxed).saturating_sub(before))
}

/// Sends `path` with curl as an SDK does: 5 MiB chunks, one request each, in order, with
/// `Content-Range` and `x-appwrite-id` after the first. Chunk files are cut beforehand (not
/// timed). Answers the seconds it took.
fn curl_upload(sandbox: &Sandbox, path: &Path, size: u64, file_id: &str, dir: &Path) -> f64 {
    let mut source = std::fs::File::open(path).unwrap();
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < size {
        let end = (start + CHUNK_SIZE).min(size);
        let chunk = dir.join(format!("chunk-{start}"));
        let mut out = std::fs::File::create(&chunk).unwrap();
        use std::io::Read;
        std::io::copy(&mut (&mut source).take(end - start), &mut out).unwrap();
        chunks.push((start, end, chunk));
        start = end;
    }
    let url = format!("{}/storage/buckets/bench/files", sandbox.endpoint);
    let started = Instant::now();
    for (i, (start, end, chunk)) in chunks.iter().enumerate() {
        let mut curl = Command::new("curl");
        curl.args(["-sS", "-f", "-o", "/dev/null", "-X", "POST", &url])
            .args(["-H", "X-Appwrite-Project: demo"])
            .args(["-H", &format!("X-Appwrite-Key: {}", sandbox.key)])
            .args([
                "-H",
                &format!("Content-Range: bytes {start}-{}/{size}", end - 1),
            ])
            .args(["-F", &format!("fileId={file_id}")])
            .args(["-F", &format!("file=@{};filename=big.bin", chunk.display())]);
        if i > 0 {
            curl.args(["-H", &format!("x-appwrite-id: {file_id}")]);
        }
        let status = curl.status().expect("curl runs");
        assert!(status.success(), "curl chunk {i} failed");
    }
    started.elapsed().as_secs_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        uploads_bench().await;
        links_bench().await;
    });
}

async fn uploads_bench() {
    let sandbox = start_sandbox();
    let client = Client::builder(sandbox.endpoint.as_str(), "demo", sandbox.key.as_str())
        .build()
        .unwrap();
    let mut bucket = NewBucket::new("bench", "Bench");
    bucket.maximum_file_size = Some(1_000_000_000);
    client.buckets().create(&bucket).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let big = work.path().join("big.bin");
    let small = work.path().join("small.bin");
    write_file(&big, 100 * MIB);
    write_file(&small, 25 * MIB);
    let data = tempfile::tempdir().unwrap();
    let host = Arc::new(Host::default());
    let uploads = Uploads::new(data.path(), host.clone(), UploadOptions::default());
    let target = Target {
        profile_id: "bench".into(),
        client: client.clone(),
        link_kind: LinkKind::View,
        expiry: ExpiryPreset::OneDay,
    };
    // One warm-up, then alternate: ours, curl, ours, curl, ...
    let mut done = 0;
    done += 1;
    upload_once(&uploads, &host, done, &target, &small).await;
    let (mut ours, mut theirs, mut peaks_big, mut peaks_small) = (vec![], vec![], vec![], vec![]);
    for round in 0..3 {
        done += 1;
        let (secs, peak) = upload_once(&uploads, &host, done, &target, &big).await;
        ours.push(100.0 / secs);
        peaks_big.push(peak as f64 / MIB as f64);
        let id = format!("curl{round}");
        let secs = tokio::task::block_in_place(|| {
            curl_upload(&sandbox, &big, 100 * MIB, &id, work.path())
        });
        theirs.push(100.0 / secs);
        done += 1;
        let (_, peak) = upload_once(&uploads, &host, done, &target, &small).await;
        peaks_small.push(peak as f64 / MIB as f64);
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!("upload 100 MiB, core job (3 files and 6 requests at once, 5 MiB chunks): median {ours:.1} MiB/s");
    println!(
        "upload 100 MiB, curl (5 MiB chunks in order, one request each): median {theirs:.1} MiB/s"
    );
    println!("upload throughput ratio, core / curl: {:.2}", ours / theirs);
    println!(
        "peak resident memory above the start of the upload: 25 MiB file {:.1} MiB, 100 MiB file {:.1} MiB (medians of 3)",
        median(peaks_small),
        median(peaks_big)
    );
}

async fn links_bench() {
    let sandbox = appwrite_sandbox::start(appwrite_sandbox::Config {
        seed: appwrite_sandbox::Seed::Demo,
        latency: Duration::from_millis(50),
        ..appwrite_sandbox::Config::default()
    })
    .await
    .unwrap();
    let client = Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .build()
        .unwrap();
    let files: Vec<FileRef> = (0..500)
        .map(|i| {
            FileRef::new(
                appwrite_sandbox::seed::SCALE_BUCKET_ID,
                appwrite_sandbox::seed::scale_file_id(i),
            )
        })
        .collect();
    let started = Instant::now();
    let adaptive = create_links(
        &client,
        &files,
        None,
        LinkKind::View,
        MAX_CONCURRENCY,
        |_| {},
    )
    .await;
    let fast = started.elapsed();
    assert_eq!(adaptive.succeeded(), 500);
    let started = Instant::now();
    let single = create_links(&client, &files, None, LinkKind::View, 1, |_| {}).await;
    let slow = started.elapsed();
    assert_eq!(single.succeeded(), 500);
    println!(
        "links for 500 files at 50 ms latency: adaptive up to {MAX_CONCURRENCY} at once {:.2} s, one at a time {:.2} s: {:.1}x",
        fast.as_secs_f64(),
        slow.as_secs_f64(),
        slow.as_secs_f64() / fast.as_secs_f64()
    );
    sandbox.shutdown().await;
}
