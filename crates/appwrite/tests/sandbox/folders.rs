//! Folders against the sandbox as the newest server and as 1.8.1: an upload (single and chunked)
//! into a folder comes back with its folder and key, the folder filters and `select` list what
//! they say, bucket fields are read, and 1.8.1 ignores the folder and refuses a query on it.

use appwrite_rest::{FileUpload, ListOptions, NewBucket, Query, CHUNK_SIZE};
use appwrite_sandbox::{seed, Config, Emulation, Seed};
use futures_util::TryStreamExt;

use crate::common;

fn newest() -> Config {
    common::config()
}

fn v1_8_1() -> Config {
    Config {
        emulate: Emulation::V1_8_1,
        ..common::config()
    }
}

#[tokio::test]
async fn an_upload_into_a_folder_single_or_chunked_is_listed_there_with_its_key() {
    let sandbox = common::start(newest()).await;
    let client = common::client(&sandbox);
    common::bucket(&client, "up").await;
    let files = client.files("up");

    let small = files
        .create(FileUpload::from_bytes("small", "small.txt", "hi").folder("photos/2026"))
        .await
        .unwrap();
    assert_eq!(small.folder.as_deref(), Some("photos/2026/"));
    assert_eq!(small.key.as_deref(), Some("photos/2026/small.txt"));

    let bytes = vec![3u8; (CHUNK_SIZE + 1000) as usize];
    let big = files
        .create(FileUpload::from_bytes("big", "big.bin", bytes).folder("photos/"))
        .await
        .unwrap();
    assert!(big.is_complete() && big.chunks_total == 2);
    assert_eq!(big.full_key(), "photos/big.bin");

    let root = files
        .create(FileUpload::from_bytes("root", "root.txt", "r"))
        .await
        .unwrap();
    assert_eq!(
        (root.folder.as_deref(), root.key.as_deref()),
        (Some(""), Some("root.txt"))
    );

    let ids = |page: appwrite_rest::Page<appwrite_rest::File>| {
        let mut ids: Vec<String> = page.items.into_iter().map(|f| f.id).collect();
        ids.sort();
        ids
    };
    let own = files
        .list(&ListOptions::new().query(Query::in_folder("photos/")))
        .await
        .unwrap();
    assert_eq!(ids(own), ["big"]);
    let subtree = files
        .list(&ListOptions::new().query(Query::under_folder("photos/")))
        .await
        .unwrap();
    assert_eq!(ids(subtree), ["big", "small"]);
    let at_root = files
        .list(&ListOptions::new().query(Query::in_folder("")))
        .await
        .unwrap();
    assert_eq!(ids(at_root), ["root"]);

    // Only folders, and only of files in one: ids and folders come back, walked by cursor.
    {
        let mut walked: Vec<(String, String)> = files
            .stream_folders(ListOptions::new().query(Query::not_in_folder("")), 1)
            .map_ok(|f| (f.id.clone(), f.folder_path().to_owned()))
            .try_collect()
            .await
            .unwrap();
        walked.sort();
        assert_eq!(
            walked,
            [
                ("big".to_owned(), "photos/".to_owned()),
                ("small".to_owned(), "photos/2026/".to_owned())
            ]
        );
    }

    // (Answers to a select are partial by design; the sandbox does not record them for the
    // spec's whole models.)
    common::finish(sandbox).await;
}

#[tokio::test]
async fn the_seeded_folders_and_bucket_fields_read_as_the_newest_server_sends_them() {
    let sandbox = common::start(Config {
        seed: Seed::Demo,
        ..newest()
    })
    .await;
    let client = common::client(&sandbox);
    let photos = client.buckets().get(seed::PHOTOS_BUCKET_ID).await.unwrap();
    assert_eq!(
        photos.description.as_deref(),
        Some(seed::PHOTOS_DESCRIPTION)
    );
    assert!(photos.strip_metadata.is_some());
    assert!(photos.total_size.is_some());

    let summer = client
        .files(seed::PHOTOS_BUCKET_ID)
        .get(seed::SUMMER_BEACH_FILE_ID)
        .await
        .unwrap();
    assert_eq!(summer.folder.as_deref(), Some(seed::PHOTOS_SUMMER_FOLDER));
    assert_eq!(
        summer.full_key(),
        format!("{}{}", seed::PHOTOS_SUMMER_FOLDER, summer.name)
    );
    assert!(summer.size_actual.is_some());

    // The scale bucket's files in folders: exactly those past the root's.
    {
        let in_folders: Vec<String> = client
            .files(seed::SCALE_BUCKET_ID)
            .stream_folders(ListOptions::new().query(Query::not_in_folder("")), 5000)
            .map_ok(|f| f.folder_path().to_owned())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(
            in_folders.len(),
            seed::SCALE_FILE_COUNT - seed::SCALE_ROOT_FILE_COUNT
        );
        assert!(in_folders
            .iter()
            .all(|f| f.starts_with(seed::SCALE_ARCHIVE_FOLDER)));
    }

    common::finish(sandbox).await;
}

#[tokio::test]
async fn a_1_8_1_server_ignores_the_folder_and_refuses_a_query_on_it() {
    let sandbox = common::start(v1_8_1()).await;
    let client = common::client(&sandbox);
    let mut body = NewBucket::new("old", "Old");
    body.transformations = Some(true);
    let bucket = client.buckets().create(&body).await.unwrap();
    assert_eq!(
        (bucket.description, bucket.strip_metadata, bucket.total_size),
        (None, None, None)
    );
    let files = client.files("old");
    let file = files
        .create(FileUpload::from_bytes("f", "f.txt", "x").folder("a/b/"))
        .await
        .unwrap();
    assert_eq!((file.folder.as_deref(), file.key.as_deref()), (None, None));
    assert_eq!(file.full_key(), "f.txt");

    for query in [
        Query::in_folder(""),
        Query::under_folder("a/"),
        Query::not_in_folder(""),
    ] {
        let refused = files
            .list(&ListOptions::new().query(query.clone()))
            .await
            .unwrap_err();
        assert_eq!(refused.unknown_attribute(), Some("folder"), "{query:?}");
    }
    let refused = files
        .list_folders(&ListOptions::new().query(Query::not_in_folder("")))
        .await
        .unwrap_err();
    assert_eq!(refused.unknown_attribute(), Some("folder"));
    // A select on its own is refused too, though not as an unknown attribute.
    let select = files.list_folders(&ListOptions::new()).await.unwrap_err();
    assert_eq!(select.api_kind(), Some("general_argument_invalid"));

    common::finish(sandbox).await;
}
