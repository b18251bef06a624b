//! `make bench`: what opening a folder costs in the demo's 10,000-file bucket, against the
//! sandbox with a network's delay added to every request. Opening a folder is its first page
//! (one request, like the bucket root's, which is printed beside it), and its subfolders come from
//! the bucket's folder index: a walk of the files in folders with only `folder` selected (next to
//! the walk it saves, every file whole, and to asking the held index again). Figures as ratios to
//! compare between changes, not pass/fail.

use std::future::Future;
use std::time::{Duration, Instant};

use appwrite_rest::{Client, ListOptions};
use appwrite_sandbox::{seed, Config, Sandbox, Seed};
use bucketdesk_core::browse::{list_files, FileQuery, FileSort};
use bucketdesk_core::folders::{parent, Folders};
use futures_util::TryStreamExt;

/// Added to every request: a server a short way off.
const LATENCY: Duration = Duration::from_millis(20);
/// Runs of each measure; the median is printed.
const RUNS: usize = 7;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// The median time of `RUNS` runs of `run` and the requests one run makes.
async fn measure<F, Fut, T>(sandbox: &Sandbox, mut run: F) -> (Duration, u64, T)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let mut times = Vec::with_capacity(RUNS);
    let mut requests = 0;
    let mut last = None;
    for _ in 0..RUNS {
        let before = sandbox.stats().requests;
        let start = Instant::now();
        let value = run().await;
        times.push(start.elapsed());
        requests = sandbox.stats().requests - before;
        last = Some(value);
    }
    times.sort();
    (times[RUNS / 2], requests, last.expect("at least one run"))
}

fn first_page(folder: &str) -> FileQuery {
    FileQuery {
        folder: Some(folder.to_owned()),
        sort: FileSort::Name,
        limit: Some(100),
        ..FileQuery::default()
    }
}

#[tokio::main]
async fn main() {
    let sandbox = appwrite_sandbox::start(Config {
        seed: Seed::Demo,
        latency: LATENCY,
        ..Config::default()
    })
    .await
    .expect("the sandbox starts");
    let client = Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .build()
        .expect("a client");
    let bucket = seed::SCALE_BUCKET_ID;
    // The folder of the first file seeded outside the root, and the one above it.
    let deep = seed::scale_file_folder(seed::SCALE_ROOT_FILE_COUNT);
    let above = parent(&deep).unwrap_or_default();
    println!(
        "folders in the {}-file bucket, {} added to every request, medians of {RUNS}:",
        seed::SCALE_FILE_COUNT,
        ms(LATENCY)
    );

    // A connection that already knows its server has folders, as after the bucket's first page.
    let folders = Folders::new();
    let page = |folder: String| {
        let (client, folders) = (&client, &folders);
        async move {
            list_files(
                client,
                folders,
                "bench".into(),
                bucket.into(),
                &first_page(&folder),
            )
            .await
            .expect("a page")
        }
    };
    page(String::new()).await;

    let (root, root_requests, root_page) = measure(&sandbox, || page(String::new())).await;
    let (open, open_requests, open_page) = measure(&sandbox, || page(deep.clone())).await;
    assert!(root_page.folders_supported && !open_page.files.is_empty());
    println!(
        "  open a folder ({deep}: first page of {} files): {} in {open_requests} request(s); \
         the bucket root's first page: {} in {root_requests}; {:.2} x",
        open_page.files.len(),
        ms(open),
        ms(root),
        ratio(open, root)
    );

    // Its subfolders, from a new index each run: a walk of the files in folders, folder selected.
    let (walk, walk_requests, listed) = measure(&sandbox, || async {
        let fresh = Folders::new();
        fresh
            .subfolders(&client, "bench".into(), bucket.into(), Some(&above), false)
            .await
            .expect("the subfolders")
    })
    .await;
    assert!(listed.supported && !listed.folders.is_empty());
    // What that walk saves: every file of the bucket, whole, by cursor in the list's pages.
    let (whole, whole_requests, count) = measure(&sandbox, || async {
        client
            .files(bucket)
            .stream(ListOptions::new().total(false), 100)
            .try_fold(0usize, |n, _| async move { Ok(n + 1) })
            .await
            .expect("the whole walk")
    })
    .await;
    // And asking again once the index is held (another folder of the same bucket).
    folders
        .subfolders(&client, "bench".into(), bucket.into(), None, false)
        .await
        .expect("the index");
    let (held, held_requests, _) = measure(&sandbox, || async {
        folders
            .subfolders(&client, "bench".into(), bucket.into(), Some(&above), false)
            .await
            .expect("the subfolders")
    })
    .await;
    println!(
        "  its subfolders ({above}: {} folders): index walk with only `folder` selected {} in \
         {walk_requests} request(s), {:.2} x the root's first page; a walk of all {count} files \
         whole {} in {whole_requests} requests ({:.1} x the index walk); from the held index {} \
         in {held_requests} requests",
        listed.folders.len(),
        ms(walk),
        ratio(walk, root),
        ms(whole),
        ratio(whole, walk),
        ms(held),
    );
    sandbox.shutdown().await;
}
