//! Chunked uploads: a 17 MiB file in 5 MiB chunks with progress, and a resume after an
//! interruption.

use std::io::Write;
use std::sync::{Arc, Mutex};

use appwrite_rest::{FileUpload, ListOptions, Query, UploadProgress, CHUNK_SIZE};

use crate::common;

const SIZE: usize = 17 * 1024 * 1024;

fn content(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    (0..SIZE)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

fn recorder() -> (
    Arc<Mutex<Vec<UploadProgress>>>,
    impl Fn(&UploadProgress) + Send + Sync,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    (seen, move |p: &UploadProgress| {
        log.lock().unwrap().push(p.clone())
    })
}

#[tokio::test]
async fn a_17_mib_file_goes_up_in_chunks_and_comes_back_identical() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    common::bucket(&client, "big").await;
    let bytes = content(7);
    let mut tmp = tempfile::NamedTempFile::new().unwrap();
    tmp.write_all(&bytes).unwrap();
    tmp.flush().unwrap();

    let (seen, on_progress) = recorder();
    let upload = FileUpload::from_path("unique()", "big.bin", tmp.path()).on_progress(on_progress);
    let file = client.files("big").create(upload).await.unwrap();

    assert_eq!(file.size_original, SIZE as u64);
    assert_eq!(file.chunks_total, 4);
    assert_eq!(file.chunks_uploaded, 4);
    assert_eq!(file.signature, common::md5_hex(&bytes));

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 4, "one report per chunk");
    assert!(seen
        .windows(2)
        .all(|w| w[0].bytes_uploaded < w[1].bytes_uploaded));
    assert_eq!(seen[0].bytes_uploaded, CHUNK_SIZE);
    let last = seen.last().unwrap();
    assert_eq!(
        (last.bytes_uploaded, last.bytes_total),
        (SIZE as u64, SIZE as u64)
    );
    assert_eq!((last.chunks_uploaded, last.chunks_total), (4, 4));
    assert!(
        seen.iter().all(|p| p.file_id == file.id),
        "the server's id after chunk 1"
    );

    let mut downloaded = Vec::with_capacity(SIZE);
    let transfer = client
        .files("big")
        .download(&file.id, &mut downloaded)
        .await
        .unwrap();
    assert_eq!(transfer.bytes_written, SIZE as u64);
    assert!(downloaded == bytes, "downloaded bytes differ");
    assert_eq!(common::md5_hex(&downloaded), file.signature);

    common::finish(sandbox).await;
}

#[tokio::test]
async fn an_interrupted_upload_resumes_from_the_chunks_the_server_has() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    common::bucket(&client, "big").await;
    let files = client.files("big");
    let bytes = content(11);
    let upload = FileUpload::from_bytes("resume-me", "resume.bin", bytes.clone());

    // The first two chunks arrive, then the "connection" is gone.
    files.upload_chunk(&upload, 0).await.unwrap();
    let partial = files.upload_chunk(&upload, 1).await.unwrap();
    assert_eq!((partial.chunks_uploaded, partial.chunks_total), (2, 4));
    let listed = files
        .list(&ListOptions::new().query(Query::equal("$id", "resume-me")))
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1, "unfinished uploads are listed");
    assert!(!listed.items[0].is_complete());
    assert_eq!(listed.items[0].signature, "");

    let (seen, on_progress) = recorder();
    let file = files.create(upload.on_progress(on_progress)).await.unwrap();
    assert!(file.is_complete());
    assert_eq!(file.signature, common::md5_hex(&bytes));

    let reports: Vec<(u64, u64)> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|p| (p.chunks_uploaded, p.bytes_uploaded))
        .collect();
    assert_eq!(
        reports,
        [(2, 2 * CHUNK_SIZE), (3, 3 * CHUNK_SIZE), (4, SIZE as u64)],
        "resumed at chunk 3 and sent only the missing chunks"
    );

    let mut downloaded = Vec::new();
    files.download("resume-me", &mut downloaded).await.unwrap();
    assert!(downloaded == bytes, "downloaded bytes differ");

    // A finished file is not uploaded again.
    let again = files
        .create(FileUpload::from_bytes("resume-me", "resume.bin", bytes))
        .await
        .unwrap_err();
    assert_eq!(again.api_kind(), Some("storage_file_already_exists"));

    common::finish(sandbox).await;
}
