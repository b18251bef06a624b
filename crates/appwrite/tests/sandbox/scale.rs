//! The demo's 10,000-file bucket walked by cursor: every file exactly once.

use std::collections::HashSet;
use std::time::Instant;

use appwrite_rest::ListOptions;
use appwrite_sandbox::seed::{SCALE_BUCKET_ID, SCALE_FILE_COUNT};
use futures_util::TryStreamExt;

use crate::common;

#[tokio::test]
async fn ten_thousand_files_walk_by_cursor_without_gaps_or_repeats() {
    let sandbox = common::start(appwrite_sandbox::Config {
        seed: appwrite_sandbox::Seed::Demo,
        ..common::config()
    })
    .await;
    let client = common::client(&sandbox);
    let files = client.files(SCALE_BUCKET_ID);

    let first = files.list(&ListOptions::new().limit(1)).await.unwrap();
    assert_eq!(first.items.len(), 1);
    assert!(
        first.total >= 1 && first.total <= 5000,
        "the server caps total at 5000"
    );

    let started = Instant::now();
    let ids: Vec<String> = files
        .stream(ListOptions::new(), 250)
        .map_ok(|f| f.id)
        .try_collect()
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), SCALE_FILE_COUNT, "no gaps");
    assert_eq!(unique.len(), ids.len(), "no repeats");
    assert_eq!(ids[0], first.items[0].id, "starts at the first file");
    eprintln!("walked {} files in {elapsed:?}", ids.len());

    common::finish(sandbox).await;
}
