//! Upload jobs against a real local Appwrite (`appwrite-sandbox` over loopback): a 17 MiB file
//! cancelled in the middle and resumed without a chunk sent twice, a run the app did not finish
//! continued at the next start from its journal, parallel uploads under injected faults that
//! never create a file twice, the bucket's limits checked before anything is sent, a missing
//! scope said plainly, links made when share is on, a server that refuses chunks out of order
//! answered by sending them in order, and progress that never goes back as chunks are confirmed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use appwrite_rest::{Client, NewBucket, RetryPolicy, CHUNK_SIZE};
use appwrite_sandbox::{Config, Recorded, Sandbox};
use bucketdesk_core::expiry::ExpiryPreset;
use bucketdesk_core::upload::{
    BatchDone, Target, UploadEvent, UploadHost, UploadItem, UploadOptions, UploadState, Uploads,
};
use bucketdesk_core::{Failure, LinkKind};
use md5::{Digest, Md5};
use tokio::sync::Notify;

const DEADLINE: Duration = Duration::from_secs(60);

/// Records every event and the clipboard text; runs `on_progress` on each item change (a test
/// cancels or closes from there, at an exact point).
#[derive(Default)]
struct Host {
    events: Mutex<Vec<UploadEvent>>,
    clipboard: Mutex<Option<String>>,
    changed: Notify,
    uploads: OnceLock<Uploads>,
    #[allow(clippy::type_complexity)]
    on_progress: Mutex<Option<Box<dyn FnMut(&Uploads, &str, &UploadItem) + Send>>>,
}

impl UploadHost for Host {
    fn event(&self, event: UploadEvent) {
        if let UploadEvent::Progress(changed) = &event {
            if let (Some(uploads), Some(hook)) = (
                self.uploads.get(),
                self.on_progress.lock().unwrap().as_mut(),
            ) {
                hook(uploads, &changed.batch_id, &changed.item);
            }
        }
        self.events.lock().unwrap().push(event);
        self.changed.notify_waiters();
    }

    fn copy_links(&self, text: String) -> Result<(), Failure> {
        *self.clipboard.lock().unwrap() = Some(text);
        Ok(())
    }
}

impl Host {
    fn new() -> Arc<Host> {
        Arc::new(Host::default())
    }

    /// Waits (with a deadline) for the `n`th done event of `batch_id`.
    async fn done(&self, batch_id: &str, n: usize) -> BatchDone {
        let wait = async {
            loop {
                let notified = self.changed.notified();
                let found = self
                    .events
                    .lock()
                    .unwrap()
                    .iter()
                    .filter_map(|e| match e {
                        UploadEvent::Done(d) if d.batch_id == batch_id => Some(d.clone()),
                        _ => None,
                    })
                    .nth(n - 1);
                if let Some(done) = found {
                    return done;
                }
                notified.await;
            }
        };
        tokio::time::timeout(DEADLINE, wait)
            .await
            .expect("the batch ends in time")
    }
}

fn uploads(dir: &Path, host: &Arc<Host>, options: UploadOptions) -> Uploads {
    let uploads = Uploads::new(dir, host.clone(), options);
    let _ = host.uploads.set(uploads.clone());
    uploads
}

fn client(sandbox: &Sandbox) -> Client {
    Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .timeout(Duration::from_secs(20))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn target(sandbox: &Sandbox) -> Target {
    Target {
        profile_id: "p1".into(),
        client: client(sandbox),
        link_kind: LinkKind::View,
        expiry: ExpiryPreset::OneDay,
    }
}

/// A sandbox started with `config`, a client with its key, and an empty bucket `docs`.
async fn docs_sandbox(config: Config) -> (Sandbox, Client) {
    let sandbox = appwrite_sandbox::start(config).await.unwrap();
    let client = client(&sandbox);
    bucket(&client, "docs", |_| {}).await;
    (sandbox, client)
}

async fn bucket(client: &Client, id: &str, edit: impl FnOnce(&mut NewBucket)) {
    let mut new = NewBucket::new(id, id);
    edit(&mut new);
    client
        .buckets()
        .create(&new)
        .await
        .expect("the bucket is made");
}

/// Bytes that differ in every chunk (so a chunk put in the wrong place shows in the MD5).
fn content(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(dir: &Path, relative: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The chunks the server took for `file_id`: the `chunksUploaded` of each successful upload
/// answer, in the order they came.
fn chunks_taken(recorded: &[Recorded], file_id: &str) -> Vec<u64> {
    recorded
        .iter()
        .filter(|r| r.method == "POST" && r.route.ends_with("/files") && r.status == 201)
        .filter(|r| r.body["$id"] == file_id)
        .map(|r| r.body["chunksUploaded"].as_u64().unwrap())
        .collect()
}

async fn downloaded(client: &Client, bucket: &str, file_id: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    client
        .files(bucket)
        .download(file_id, &mut bytes)
        .await
        .expect("the file downloads");
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_17_mib_upload_cancelled_in_the_middle_resumes_without_sending_a_chunk_twice() {
    let (sandbox, client) = docs_sandbox(Config {
        record_responses: true,
        ..Config::default()
    })
    .await;
    let files = tempfile::tempdir().unwrap();
    let bytes = content(17 << 20, 1);
    let path = write(files.path(), "big.bin", &bytes);
    let data = tempfile::tempdir().unwrap();
    let host = Host::new();
    let uploads = uploads(data.path(), &host, UploadOptions::default());
    // Cancel once the first chunk is confirmed and the next ones have begun to flow.
    *host.on_progress.lock().unwrap() = Some(Box::new(|uploads, batch, item| {
        if item.state == UploadState::Uploading && item.sent > CHUNK_SIZE {
            let _ = uploads.cancel(batch, Some(&item.upload_id));
        }
    }));
    sandbox.take_recorded();
    let batch = uploads
        .start(target(&sandbox), "docs", "", &[path], false)
        .unwrap();
    assert_eq!(batch.items.len(), 1);
    assert_eq!(batch.items[0].state, UploadState::Queued);
    let file_id = batch.items[0].file_id.clone();
    let done = host.done(&batch.batch_id, 1).await;
    assert_eq!((done.done, done.cancelled), (0, 1), "{done:?}");
    let first = sandbox.take_recorded();
    assert_eq!(
        chunks_taken(&first, &file_id),
        [1],
        "only the first chunk went in"
    );
    let partial = client.files("docs").get(&file_id).await.unwrap();
    assert_eq!((partial.chunks_uploaded, partial.chunks_total), (1, 4));

    *host.on_progress.lock().unwrap() = None;
    let again = uploads.retry(&batch.batch_id, None, None).unwrap();
    assert_eq!(again.items[0].state, UploadState::Queued);
    let done = host.done(&batch.batch_id, 2).await;
    assert_eq!(done.done, 1, "{done:?}");
    let item = uploads.snapshot(&batch.batch_id).unwrap().items.remove(0);
    assert!(item.resumed, "it says it continued: {item:?}");
    assert_eq!(item.sent, item.size);
    // The three chunks left, each once: nothing the server confirmed was sent again.
    let second = sandbox.take_recorded();
    let mut taken = chunks_taken(&second, &file_id);
    taken.sort_unstable();
    assert_eq!(taken, [2, 3, 4]);
    let file = client.files("docs").get(&file_id).await.unwrap();
    assert_eq!(file.signature, md5_hex(&bytes));
    assert_eq!(downloaded(&client, "docs", &file_id).await, bytes);
    assert_eq!(sandbox.stats().files_created, 1);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_the_app_did_not_finish_continues_at_the_next_start() {
    let (sandbox, client) = docs_sandbox(Config {
        record_responses: true,
        ..Config::default()
    })
    .await;
    let files = tempfile::tempdir().unwrap();
    let bytes = content(12 << 20, 2);
    let path = write(files.path(), "video.mp4", &bytes);
    let data = tempfile::tempdir().unwrap();
    let file_id = {
        let host = Host::new();
        let first_run = uploads(data.path(), &host, UploadOptions::default());
        // The app closes once the first chunk is in.
        *host.on_progress.lock().unwrap() = Some(Box::new(|uploads, _, item| {
            if item.sent > CHUNK_SIZE {
                uploads.suspend();
            }
        }));
        let batch = first_run
            .start(target(&sandbox), "docs", "", &[path], false)
            .unwrap();
        let done = host.done(&batch.batch_id, 1).await;
        assert_eq!(done.failed, 1, "interrupted: {done:?}");
        batch.items[0].file_id.clone()
    };
    assert_eq!(chunks_taken(&sandbox.take_recorded(), &file_id), [1]);

    // The next start: the journal lists it, and resuming sends only what the server lacks.
    let host = Host::new();
    let next_run = uploads(data.path(), &host, UploadOptions::default());
    let pending = next_run.pending("p1");
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0].item.state, UploadState::Interrupted);
    assert_eq!(pending[0].item.file_id, file_id);
    assert_eq!(pending[0].item.sent, CHUNK_SIZE);
    assert_eq!(pending[0].bucket_id, "docs");
    assert!(next_run.pending("another-profile").is_empty());
    let resumed = next_run.resume("p1", target(&sandbox));
    assert_eq!(resumed.len(), 1);
    let done = host.done(&pending[0].batch_id, 1).await;
    assert_eq!(done.done, 1, "{done:?}");
    let mut taken = chunks_taken(&sandbox.take_recorded(), &file_id);
    taken.sort_unstable();
    assert_eq!(taken, [2, 3]);
    assert_eq!(downloaded(&client, "docs", &file_id).await, bytes);
    assert!(
        next_run.pending("p1").is_empty(),
        "finished: the journal is gone"
    );
    let journal = data.path().join(bucketdesk_core::upload::JOURNAL_DIR);
    assert_eq!(std::fs::read_dir(journal).unwrap().count(), 0);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_files_progress_only_goes_forward_as_its_chunks_are_confirmed() {
    let (sandbox, _) = docs_sandbox(Config::default()).await;
    let files = tempfile::tempdir().unwrap();
    // Five chunks: the first alone, then the rest side by side, each confirmed while others flow.
    let bytes = content((4 << 20) * 5 + 123, 9);
    let path = write(files.path(), "steady.bin", &bytes);
    let data = tempfile::tempdir().unwrap();
    let host = Host::new();
    let uploads = uploads(data.path(), &host, UploadOptions::default());
    let batch = uploads
        .start(target(&sandbox), "docs", "", &[path], false)
        .unwrap();
    let done = host.done(&batch.batch_id, 1).await;
    assert_eq!(done.done, 1, "{done:?}");
    let sent: Vec<u64> = host
        .events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            UploadEvent::Progress(changed) if changed.batch_id == batch.batch_id => {
                Some(changed.item.sent)
            }
            _ => None,
        })
        .collect();
    // A bar that went back (a chunk's bytes taken off before they were counted as confirmed)
    // would also make the speed start over.
    for pair in sent.windows(2) {
        assert!(pair[1] >= pair[0], "progress went back: {sent:?}");
    }
    assert_eq!(sent.last().copied(), Some(bytes.len() as u64));
    // Told at least as each 5 MiB of it began to flow: four steps short of the whole.
    assert!(
        sent.iter()
            .filter(|&&n| n > 0 && n < bytes.len() as u64)
            .count()
            >= 4,
        "the bytes were told as they went: {sent:?}"
    );
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_uploads_under_faults_never_create_a_file_twice() {
    let sandbox = appwrite_sandbox::start(Config {
        fault_rate: 0.25,
        fault_seed: Some(11),
        retry_after: Duration::ZERO,
        ..Config::default()
    })
    .await
    .unwrap();
    // The test's own calls go around the faults by retrying reads.
    let checker = Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(20)
                .with_base_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let setup = async {
        for _ in 0..20 {
            let new = NewBucket::new("photos", "Photos");
            if checker.buckets().create(&new).await.is_ok() {
                return;
            }
        }
        panic!("the bucket could not be made");
    };
    setup.await;
    let files = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for (i, (relative, len)) in [
        ("trip/day1/a.jpg", 12 << 20),
        ("trip/day1/b.jpg", 300_000),
        ("trip/day2/c.jpg", 11 << 20),
        ("trip/notes.txt", 2_000),
        ("trip/d.jpg", 6 << 20),
        ("trip/e.jpg", 80_000),
    ]
    .into_iter()
    .enumerate()
    {
        let bytes = content(len, 10 + i as u64);
        write(files.path(), relative, &bytes);
        expected.push((relative.to_owned(), md5_hex(&bytes)));
    }
    let data = tempfile::tempdir().unwrap();
    let host = Host::new();
    let uploads = uploads(
        data.path(),
        &host,
        UploadOptions {
            retry_delay: Duration::from_millis(10),
            chunk_tries: 20,
            ..UploadOptions::default()
        },
    );
    let batch = uploads
        .start(
            target(&sandbox),
            "photos",
            "2026",
            &[files.path().join("trip")],
            false,
        )
        .unwrap();
    assert_eq!(batch.items.len(), 6);
    let done = host.done(&batch.batch_id, 1).await;
    assert_eq!(done.done, 6, "{:?}", uploads.snapshot(&batch.batch_id));
    assert!(
        sandbox.stats().faults_injected > 0,
        "the seed injects faults"
    );

    let listed: Vec<appwrite_rest::File> = {
        use futures_util::TryStreamExt;
        checker
            .files("photos")
            .stream(appwrite_rest::ListOptions::new(), 100)
            .try_collect()
            .await
            .unwrap()
    };
    assert_eq!(listed.len(), 6, "one file per upload");
    assert_eq!(sandbox.stats().files_created, 6);
    for (relative, md5) in expected {
        let (folder, name) = relative.rsplit_once('/').unwrap();
        let file = listed
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("{name} is there"));
        assert_eq!(file.signature, md5, "{name} arrived whole");
        assert_eq!(
            file.folder.as_deref(),
            Some(format!("2026/{folder}/").as_str())
        );
    }
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_buckets_limits_are_checked_before_anything_is_sent() {
    let sandbox = appwrite_sandbox::start(Config {
        record_responses: true,
        ..Config::default()
    })
    .await
    .unwrap();
    let client = client(&sandbox);
    bucket(&client, "small", |b| {
        b.maximum_file_size = Some(1_000_000);
        b.allowed_file_extensions = Some(vec!["txt".into(), "pdf".into()]);
    })
    .await;
    let files = tempfile::tempdir().unwrap();
    let big = write(files.path(), "big.pdf", &content(1_500_000, 3));
    let exe = write(files.path(), "setup.exe", b"MZ");
    let ok = write(files.path(), "fine.txt", b"hello");
    let missing = files.path().join("gone.txt");
    let data = tempfile::tempdir().unwrap();
    let host = Host::new();
    let uploads = uploads(data.path(), &host, UploadOptions::default());
    sandbox.take_recorded();
    let batch = uploads
        .start(
            target(&sandbox),
            "small",
            "",
            &[big, exe, ok, missing],
            false,
        )
        .unwrap();
    let done = host.done(&batch.batch_id, 1).await;
    assert_eq!((done.done, done.failed), (1, 3), "{done:?}");
    let items = uploads.snapshot(&batch.batch_id).unwrap().items;
    let by_name = |name: &str| items.iter().find(|i| i.name == name).unwrap().clone();
    let too_big = by_name("big.pdf");
    let error = too_big.error.unwrap();
    assert_eq!(error.code, "too_large");
    assert!(error.message.contains("at most 1 MB"), "{}", error.message);
    let exe = by_name("setup.exe").error.unwrap();
    assert_eq!(exe.code, "extension_not_allowed");
    assert!(exe.message.contains(".txt, .pdf"), "{}", exe.message);
    assert_eq!(by_name("gone.txt").error.unwrap().code, "unreadable");
    assert_eq!(by_name("fine.txt").state, UploadState::Done);
    let posts = sandbox
        .take_recorded()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1, "only the file the bucket takes was sent");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_without_files_write_is_told_which_scope_to_add() {
    let sandbox = appwrite_sandbox::start(Config {
        scopes: Some(vec![
            "buckets.read".into(),
            "buckets.write".into(),
            "files.read".into(),
        ]),
        ..Config::default()
    })
    .await
    .unwrap();
    bucket(&client(&sandbox), "docs", |_| {}).await;
    let files = tempfile::tempdir().unwrap();
    let path = write(files.path(), "a.txt", b"abc");
    let data = tempfile::tempdir().unwrap();
    let host = Host::new();
    let uploads = uploads(data.path(), &host, UploadOptions::default());
    let batch = uploads
        .start(target(&sandbox), "docs", "", &[path], false)
        .unwrap();
    host.done(&batch.batch_id, 1).await;
    let item = uploads.snapshot(&batch.batch_id).unwrap().items.remove(0);
    let error = item.error.unwrap();
    assert_eq!(
        (item.state, error.code.as_str()),
        (UploadState::Failed, "missing_scope")
    );
    assert!(error.message.contains("files.write"), "{}", error.message);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_share_on_every_finished_file_gets_a_working_link_on_the_clipboard() {
    let (sandbox, _) = docs_sandbox(Config::default()).await;
    let files = tempfile::tempdir().unwrap();
    let contents: Vec<Vec<u8>> = (0..3)
        .map(|i| content(200_000 + i * 1000, 20 + i as u64))
        .collect();
    let paths: Vec<PathBuf> = contents
        .iter()
        .enumerate()
        .map(|(i, c)| write(files.path(), &format!("doc{i}.pdf"), c))
        .collect();
    let data = tempfile::tempdir().unwrap();
    let host = Host::new();
    let uploads = uploads(data.path(), &host, UploadOptions::default());
    let batch = uploads
        .start(target(&sandbox), "docs", "", &paths, true)
        .unwrap();
    let done = host.done(&batch.batch_id, 1).await;
    assert_eq!((done.done, done.links_copied), (3, 3), "{done:?}");
    assert_eq!(done.expiry.as_deref(), Some("1 day"));
    let text = host.clipboard.lock().unwrap().clone().unwrap();
    let links: Vec<&str> = text.lines().collect();
    assert_eq!(links.len(), 3, "{text}");
    // In the order of the files, each opening its own bytes with no credentials.
    let anonymous = reqwest::Client::new();
    for (link, bytes) in links.iter().zip(&contents) {
        let answer = anonymous.get(*link).send().await.unwrap();
        assert_eq!(answer.status(), 200, "{link}");
        assert_eq!(answer.bytes().await.unwrap().as_ref(), bytes.as_slice());
    }
    // No event the UI gets holds a link.
    let events = format!("{:?}", host.events.lock().unwrap());
    assert!(!events.contains("token="), "{events}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_refuses_chunks_out_of_order_gets_them_in_order() {
    let (sandbox, client) = docs_sandbox(Config {
        in_order_chunks: true,
        record_responses: true,
        ..Config::default()
    })
    .await;
    let files = tempfile::tempdir().unwrap();
    let bytes = content(17 << 20, 4);
    let path = write(files.path(), "big.bin", &bytes);
    let data = tempfile::tempdir().unwrap();
    let host = Host::new();
    let uploads = uploads(data.path(), &host, UploadOptions::default());
    sandbox.take_recorded();
    let batch = uploads
        .start(target(&sandbox), "docs", "", &[path], false)
        .unwrap();
    let done = host.done(&batch.batch_id, 1).await;
    assert_eq!(done.done, 1, "{:?}", uploads.snapshot(&batch.batch_id));
    let recorded = sandbox.take_recorded();
    let refused = recorded
        .iter()
        .filter(|r| r.status == 400 && r.body["type"] == "storage_invalid_content_range")
        .count();
    assert!(refused > 0, "the parallel chunks were refused first");
    let file_id = &batch.items[0].file_id;
    assert_eq!(
        chunks_taken(&recorded, file_id),
        [1, 2, 3, 4],
        "then sent in order"
    );
    assert_eq!(downloaded(&client, "docs", file_id).await, bytes);
    sandbox.shutdown().await;
}
