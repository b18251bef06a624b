//! `make bench`: prints how fast the client and the sandbox do the work the app leans on — starting
//! the demo project, walking a 10,000-file bucket by cursor, one page of files, a token's create
//! and delete — and the process's peak memory. Figures, not pass/fail: compare them between
//! changes.

use std::time::{Duration, Instant};

use appwrite_rest::{Client, ListOptions};
use appwrite_sandbox::{seed, Config, Seed};
use futures_util::TryStreamExt;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Peak resident memory of this process (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

async fn timed<T, F: std::future::Future<Output = T>>(future: F) -> (T, Duration) {
    let start = Instant::now();
    let value = future.await;
    (value, start.elapsed())
}

#[tokio::main]
async fn main() {
    // Starting the demo project: in memory, in a new data folder, and reopening that folder.
    let (sandbox, in_memory) = timed(appwrite_sandbox::start(Config {
        seed: Seed::Demo,
        ..Default::default()
    }))
    .await;
    let sandbox = sandbox.expect("the sandbox starts");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let persistent = || Config {
        seed: Seed::Demo,
        data_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let (first, new_store) = timed(appwrite_sandbox::start(persistent())).await;
    first.expect("starts on a new data folder").shutdown().await;
    let (again, reopened) = timed(appwrite_sandbox::start(persistent())).await;
    again.expect("reopens its data folder").shutdown().await;
    println!(
        "demo project start: in memory {}, new data folder {}, reopened {}",
        ms(in_memory),
        ms(new_store),
        ms(reopened)
    );

    let client = Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .build()
        .expect("a client");
    let files = client.files(seed::SCALE_BUCKET_ID);

    // The whole 10,000-file bucket, walked by cursor in pages of 100.
    let before = sandbox.stats().requests;
    let (walked, walk) = timed(
        files
            .stream(ListOptions::new().total(false), 100)
            .try_collect::<Vec<_>>(),
    )
    .await;
    let walked = walked.expect("the walk succeeds");
    let requests = sandbox.stats().requests - before;
    println!(
        "walk {} files by cursor: {} in {requests} requests ({:.0} files/s)",
        walked.len(),
        ms(walk),
        walked.len() as f64 / walk.as_secs_f64()
    );

    // One page as the file list asks for it while scrolling: sorted by name, 100 rows, from a cursor.
    let cursor = walked[5_000].id.clone();
    let mut pages = Vec::new();
    for _ in 0..50 {
        let options = ListOptions::new()
            .limit(100)
            .query(appwrite_rest::Query::order_asc("name"))
            .cursor_after(cursor.clone());
        let (page, took) = timed(files.list(&options)).await;
        page.expect("a page");
        pages.push(took);
    }
    println!(
        "one page of 100 files (sorted, from a cursor): p50 {}, p95 {}",
        ms(percentile(&mut pages, 0.5)),
        ms(percentile(&mut pages, 0.95))
    );

    // A token's life as the app lives it: create, then delete.
    let tokens = client.tokens();
    let (mut creates, mut deletes) = (Vec::new(), Vec::new());
    for _ in 0..50 {
        let (token, took) =
            timed(tokens.create(seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID, None)).await;
        creates.push(took);
        let token = token.expect("a token");
        let (deleted, took) = timed(tokens.delete(&token.id)).await;
        deleted.expect("deleted");
        deletes.push(took);
    }
    println!(
        "token create: p50 {}, p95 {}; delete: p50 {}, p95 {}",
        ms(percentile(&mut creates, 0.5)),
        ms(percentile(&mut creates, 0.95)),
        ms(percentile(&mut deletes, 0.5)),
        ms(percentile(&mut deletes, 0.95))
    );

    if let Some(mib) = peak_rss_mib() {
        println!("peak memory (sandbox and client in one process): {mib:.1} MiB");
    }
    sandbox.shutdown().await;
}
