//! Folders against a real local Appwrite (`appwrite-sandbox` over loopback), as the newest server
//! and as 1.8.1: a nested folder lists its own files with their keys, subfolders come with the
//! files in their subtree from one walk of the bucket's folders, a search in a folder covers its
//! subtree, an upload into a folder shows once the index is refreshed, and a server without
//! folders is a flat bucket, learnt once per connection.

use std::time::Duration;

use appwrite_rest::{Client, FileUpload, NewBucket, RetryPolicy};
use appwrite_sandbox::{seed, Config, Emulation, Sandbox, Seed};
use bucketdesk_core::browse::{list_buckets, list_files, FilePage, FileQuery, FileSort, Order};
use bucketdesk_core::folders::{Folders, SubfolderList};

async fn sandbox(seed: Seed, emulate: Emulation) -> Sandbox {
    appwrite_sandbox::start(Config {
        seed,
        emulate,
        ..Config::default()
    })
    .await
    .expect("the sandbox starts")
}

fn client(sandbox: &Sandbox) -> Client {
    Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .timeout(Duration::from_secs(20))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// A client with its own folder knowledge, as the app keeps one per connection, and the sandbox
/// it talks to (to count requests).
struct Connection {
    sandbox: Sandbox,
    client: Client,
    folders: Folders,
}

impl Connection {
    async fn new(seed: Seed, emulate: Emulation) -> Self {
        let sandbox = sandbox(seed, emulate).await;
        Connection {
            client: client(&sandbox),
            sandbox,
            folders: Folders::new(),
        }
    }

    fn requests(&self) -> u64 {
        self.sandbox.stats().requests
    }

    async fn page(&self, bucket: &str, query: FileQuery) -> FilePage {
        list_files(
            &self.client,
            &self.folders,
            "p".into(),
            bucket.into(),
            &query,
        )
        .await
        .expect("the page loads")
    }

    async fn subfolders(&self, bucket: &str, folder: &str, refresh: bool) -> SubfolderList {
        self.folders
            .subfolders(
                &self.client,
                "p".into(),
                bucket.into(),
                Some(folder),
                refresh,
            )
            .await
            .expect("the subfolders load")
    }
}

fn in_folder(folder: &str) -> FileQuery {
    FileQuery {
        folder: Some(folder.into()),
        sort: FileSort::Name,
        limit: Some(100),
        ..FileQuery::default()
    }
}

fn names(page: &FilePage) -> Vec<&str> {
    page.files.iter().map(|f| f.name.as_str()).collect()
}

/// The seeded files of `bucket` directly in `folder`, by name.
fn seeded_in(bucket: &str, folder: &str) -> Vec<&'static str> {
    let mut names: Vec<&str> = seed::FOLDER_FILES
        .iter()
        .filter(|f| f.bucket_id == bucket && f.folder == folder)
        .map(|f| f.name)
        .collect();
    names.sort_unstable();
    names
}

fn folders_of(list: &SubfolderList) -> Vec<(&str, &str, u64)> {
    list.folders
        .iter()
        .map(|f| (f.name.as_str(), f.path.as_str(), f.files))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nested_folder_lists_its_own_files_with_their_keys_in_one_request() {
    let app = Connection::new(Seed::Demo, Emulation::Newest).await;
    let before = app.requests();
    let summer = app
        .page(seed::PHOTOS_BUCKET_ID, in_folder("2026/summer"))
        .await;
    assert_eq!(app.requests() - before, 1, "one round trip");
    assert_eq!(
        names(&summer),
        seeded_in(seed::PHOTOS_BUCKET_ID, seed::PHOTOS_SUMMER_FOLDER)
    );
    assert_eq!(summer.folder, seed::PHOTOS_SUMMER_FOLDER, "normalised");
    assert!(summer.folders_supported);
    for file in &summer.files {
        assert_eq!(file.folder, seed::PHOTOS_SUMMER_FOLDER);
        assert_eq!(file.key, format!("{}{}", file.folder, file.name));
    }

    // The folder above holds its own two files, not the summer ones.
    let year = app
        .page(seed::PHOTOS_BUCKET_ID, in_folder(seed::PHOTOS_2026_FOLDER))
        .await;
    assert_eq!(
        names(&year),
        seeded_in(seed::PHOTOS_BUCKET_ID, seed::PHOTOS_2026_FOLDER)
    );
    // The root (no folder given) holds only the files seeded there.
    let root = app.page(seed::PHOTOS_BUCKET_ID, FileQuery::default()).await;
    assert_eq!(root.folder, "");
    let mut root_names = names(&root);
    root_names.sort_unstable();
    assert_eq!(root_names, ["mountains.jpg", "sunset.png"]);
    assert!(root
        .files
        .iter()
        .all(|f| f.folder.is_empty() && f.key == f.name));
    // A folder that only holds folders has no files of its own.
    let reports = app
        .page(seed::DOCUMENTS_BUCKET_ID, in_folder("reports/"))
        .await;
    assert!(reports.files.is_empty() && reports.total == 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subfolders_come_with_their_subtree_counts_from_one_walk_per_bucket() {
    let app = Connection::new(Seed::Demo, Emulation::Newest).await;
    let photos = seed::PHOTOS_BUCKET_ID;
    let before = app.requests();
    let root = app.subfolders(photos, "", false).await;
    assert_eq!(
        app.requests() - before,
        1,
        "the bucket's folders in one page"
    );
    assert!(root.supported);
    assert_eq!(
        folders_of(&root),
        [("2025", "2025/", 2), ("2026", "2026/", 5)]
    );
    let before = app.requests();
    let year = app.subfolders(photos, "2026", false).await;
    assert_eq!(year.folder, "2026/");
    assert_eq!(folders_of(&year), [("summer", "2026/summer/", 3)]);
    assert!(app
        .subfolders(photos, seed::PHOTOS_SUMMER_FOLDER, false)
        .await
        .folders
        .is_empty());
    assert_eq!(app.requests(), before, "the held index answers");

    // Folders that hold only folders are implied by the deeper ones.
    let documents = seed::DOCUMENTS_BUCKET_ID;
    assert_eq!(
        folders_of(&app.subfolders(documents, "", false).await),
        [("reports", "reports/", 5)]
    );
    assert_eq!(
        folders_of(&app.subfolders(documents, "reports/", false).await),
        [("2025", "reports/2025/", 2), ("2026", "reports/2026/", 3)]
    );
    assert_eq!(
        folders_of(&app.subfolders(documents, "reports/2026/", false).await),
        [("Q1", "reports/2026/Q1/", 3)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_10000_file_buckets_folders_come_from_one_request_reading_only_folders() {
    let app = Connection::new(Seed::Demo, Emulation::Newest).await;
    let scale = seed::SCALE_BUCKET_ID;
    let archived = seed::SCALE_FILE_COUNT - seed::SCALE_ROOT_FILE_COUNT;
    let in_subtree = |folder: &str| {
        (seed::SCALE_ROOT_FILE_COUNT..seed::SCALE_FILE_COUNT)
            .filter(|i| seed::scale_file_folder(*i).starts_with(folder))
            .count() as u64
    };
    let before = app.requests();
    let root = app.subfolders(scale, "", false).await;
    assert_eq!(
        app.requests() - before,
        1,
        "{archived} files in folders, one page"
    );
    assert_eq!(
        folders_of(&root),
        [("archive", seed::SCALE_ARCHIVE_FOLDER, archived as u64)]
    );
    let years = app
        .subfolders(scale, seed::SCALE_ARCHIVE_FOLDER, false)
        .await;
    assert_eq!(
        folders_of(&years),
        [
            ("2024", "archive/2024/", in_subtree("archive/2024/")),
            ("2025", "archive/2025/", in_subtree("archive/2025/"))
        ]
    );
    let first = seed::scale_file_folder(seed::SCALE_ROOT_FILE_COUNT);
    let months = app.subfolders(scale, "archive/2024/", false).await;
    assert_eq!(months.folders.len(), 12);
    assert_eq!(months.folders[0].path, first);
    let raw = format!("{first}raw/");
    assert_eq!(
        folders_of(&app.subfolders(scale, &first, false).await),
        [("raw", raw.as_str(), in_subtree(&raw))]
    );
    assert_eq!(
        app.requests() - before,
        1,
        "every folder from the held index"
    );

    // The root's own files are the 9,000 seeded there: its last page ends with the last of them.
    let end = app
        .page(
            scale,
            FileQuery {
                from_end: true,
                ..in_folder("")
            },
        )
        .await;
    let expected: Vec<String> = (seed::SCALE_ROOT_FILE_COUNT - 100..seed::SCALE_ROOT_FILE_COUNT)
        .map(seed::scale_file_name)
        .collect();
    assert_eq!(names(&end), expected);
    // And a month's last page, from the end too, is that month's.
    let month = app
        .page(
            scale,
            FileQuery {
                from_end: true,
                limit: Some(10),
                ..in_folder(&first)
            },
        )
        .await;
    let mut own: Vec<String> = (seed::SCALE_ROOT_FILE_COUNT..seed::SCALE_FILE_COUNT)
        .filter(|i| seed::scale_file_folder(*i) == first)
        .map(seed::scale_file_name)
        .collect();
    own.sort();
    assert_eq!(names(&month), own[own.len() - 10..]);
    assert!(month.files.iter().all(|f| f.folder == first));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_in_a_folder_covers_its_subtree_and_at_the_root_the_whole_bucket() {
    let app = Connection::new(Seed::Demo, Emulation::Newest).await;
    let documents = seed::DOCUMENTS_BUCKET_ID;
    let search = |folder: &str, text: &str| FileQuery {
        search: Some(text.into()),
        ..in_folder(folder)
    };

    let before = app.requests();
    let q1 = app.page(documents, search("reports/", "q1")).await;
    assert_eq!(
        app.requests() - before,
        4,
        "the search and its three name queries, together"
    );
    let mut found = names(&q1);
    found.sort_unstable();
    assert_eq!(found, seeded_in(documents, seed::REPORTS_Q1_FOLDER));
    assert!(q1.name_matches >= 1);
    assert!(q1.files.iter().all(|f| f.folder.starts_with("reports/")));

    // Nothing of Q1 in 2025's subtree.
    assert!(app
        .page(documents, search(seed::REPORTS_2025_FOLDER, "q1"))
        .await
        .files
        .is_empty());

    // From the root, a search finds files in folders and at the root alike.
    let report = app.page(documents, search("", "report")).await;
    let folders: Vec<&str> = report.files.iter().map(|f| f.folder.as_str()).collect();
    assert!(folders.contains(&""), "{folders:?}");
    assert!(folders.contains(&seed::REPORTS_2025_FOLDER), "{folders:?}");

    // In the 10,000-file bucket, a search in one year's folder finds only that year's files.
    let scale = app
        .page(
            seed::SCALE_BUCKET_ID,
            FileQuery {
                order: Order::Desc,
                ..search("archive/2025/", "file")
            },
        )
        .await;
    assert!(!scale.files.is_empty());
    assert!(scale
        .files
        .iter()
        .all(|f| f.folder.starts_with("archive/2025/")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_into_a_folder_lists_there_and_shows_in_the_subfolders_once_refreshed() {
    let app = Connection::new(Seed::Empty, Emulation::Newest).await;
    app.client
        .buckets()
        .create(&NewBucket::new("drop", "Drop"))
        .await
        .unwrap();
    let files = app.client.files("drop");
    files
        .create(FileUpload::from_bytes("at-root", "root.txt", "root"))
        .await
        .unwrap();
    assert!(app.subfolders("drop", "", false).await.folders.is_empty());

    let uploaded = files
        .create(FileUpload::from_bytes("deep", "deep.txt", "deep").folder("new/deeper"))
        .await
        .unwrap();
    assert_eq!(uploaded.folder.as_deref(), Some("new/deeper/"));
    assert_eq!(uploaded.key.as_deref(), Some("new/deeper/deep.txt"));

    // The held index does not know yet; a refresh (or the app's change) walks again.
    assert!(app.subfolders("drop", "", false).await.folders.is_empty());
    assert_eq!(
        folders_of(&app.subfolders("drop", "", true).await),
        [("new", "new/", 1)]
    );
    files
        .create(FileUpload::from_bytes("next", "next.txt", "next").folder("new/"))
        .await
        .unwrap();
    app.folders.invalidate("drop");
    assert_eq!(
        folders_of(&app.subfolders("drop", "new/", false).await),
        [("deeper", "new/deeper/", 1)]
    );
    assert_eq!(
        folders_of(&app.subfolders("drop", "", false).await),
        [("new", "new/", 2)]
    );

    let listed = app.page("drop", in_folder("new/deeper/")).await;
    assert_eq!(names(&listed), ["deep.txt"]);
    assert_eq!(listed.files[0].key, "new/deeper/deep.txt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn askers_at_once_share_one_walk_and_a_failed_walk_is_not_kept() {
    let app = Connection::new(Seed::Demo, Emulation::Newest).await;
    let before = app.requests();
    let (root, year) = futures_util::future::join(
        app.subfolders(seed::PHOTOS_BUCKET_ID, "", false),
        app.subfolders(seed::PHOTOS_BUCKET_ID, "2026/", false),
    )
    .await;
    assert_eq!(app.requests() - before, 1, "one walk for both");
    assert_eq!(root.folders.len(), 2);
    assert_eq!(year.folders.len(), 1);

    // A bucket that is not there fails, and is asked again next time rather than remembered.
    let missing = || {
        app.folders
            .subfolders(&app.client, "p".into(), "later".into(), None, false)
    };
    assert_eq!(missing().await.unwrap_err().code, "not_found");
    let before = app.requests();
    assert_eq!(missing().await.unwrap_err().code, "not_found");
    assert_eq!(app.requests() - before, 1);
    app.client
        .buckets()
        .create(&NewBucket::new("later", "Later"))
        .await
        .unwrap();
    app.client
        .files("later")
        .create(FileUpload::from_bytes("x", "x.txt", "x").folder("made/"))
        .await
        .unwrap();
    assert_eq!(
        folders_of(&missing().await.unwrap()),
        [("made", "made/", 1)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_1_8_1_server_is_a_flat_bucket_learnt_with_one_refused_request() {
    let app = Connection::new(Seed::Demo, Emulation::V1_8_1).await;
    let photos = seed::PHOTOS_BUCKET_ID;

    let before = app.requests();
    let flat = app
        .page(photos, in_folder(seed::PHOTOS_SUMMER_FOLDER))
        .await;
    assert_eq!(
        app.requests() - before,
        2,
        "the folder filter, refused, then the flat page"
    );
    assert!(!flat.folders_supported);
    assert_eq!(flat.folder, seed::PHOTOS_SUMMER_FOLDER, "echoed as asked");
    // Every file of the bucket, each at the root with its name as its key.
    let in_folders = seed::FOLDER_FILES
        .iter()
        .filter(|f| f.bucket_id == photos)
        .count();
    assert_eq!(flat.files.len(), 2 + in_folders);
    assert!(flat
        .files
        .iter()
        .all(|f| f.folder.is_empty() && f.key == f.name));

    // Known from then on: one request a page, and no subfolders without asking the server.
    let before = app.requests();
    let again = app.page(photos, in_folder("")).await;
    assert!(!again.folders_supported);
    let sub = app.subfolders(photos, "2026/", true).await;
    assert!(!sub.supported && sub.folders.is_empty());
    assert_eq!(sub.folder, "2026/");
    assert_eq!(app.requests() - before, 1);

    // A new connection that asks for subfolders first learns it from the refused walk.
    let fresh = Folders::new();
    let before = app.requests();
    let sub = fresh
        .subfolders(&app.client, "p".into(), photos.into(), None, false)
        .await
        .unwrap();
    assert!(!sub.supported && sub.folders.is_empty());
    assert_eq!(app.requests() - before, 1);
    assert_eq!(fresh.support().known(), Some(false));

    // A search at the root sends no folder query, and learns from the files' missing folder.
    let searching = Folders::new();
    let found = list_files(
        &app.client,
        &searching,
        "p".into(),
        photos.into(),
        &FileQuery {
            search: Some("sunset".into()),
            ..FileQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(!found.files.is_empty() && !found.folders_supported);
    assert_eq!(searching.support().known(), Some(false));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_into_a_folder_on_1_8_1_lands_at_the_root() {
    let app = Connection::new(Seed::Empty, Emulation::V1_8_1).await;
    app.client
        .buckets()
        .create(&NewBucket::new("old", "Old"))
        .await
        .unwrap();
    let file = app
        .client
        .files("old")
        .create(FileUpload::from_bytes("f", "f.txt", "x").folder("a/b/"))
        .await
        .unwrap();
    assert_eq!(file.folder, None);
    let page = app.page("old", in_folder("a/b/")).await;
    assert_eq!(names(&page), ["f.txt"]);
    assert_eq!(page.files[0].key, "f.txt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bucket_rows_carry_the_description_and_size_only_where_the_server_sends_them() {
    let newest = sandbox(Seed::Demo, Emulation::Newest).await;
    let rows = list_buckets(&client(&newest), "p".into(), None)
        .await
        .unwrap();
    let photos = rows
        .buckets
        .iter()
        .find(|b| b.id == seed::PHOTOS_BUCKET_ID)
        .unwrap();
    assert_eq!(
        photos.description.as_deref(),
        Some(seed::PHOTOS_DESCRIPTION)
    );
    assert!(photos.total_size.is_some_and(|n| n > 0));
    let json = serde_json::to_value(photos).unwrap();
    assert_eq!(json["description"], seed::PHOTOS_DESCRIPTION);
    assert!(json["totalSize"].is_u64());

    let old = sandbox(Seed::Demo, Emulation::V1_8_1).await;
    let rows = list_buckets(&client(&old), "p".into(), None).await.unwrap();
    for row in &rows.buckets {
        assert_eq!((row.description.as_deref(), row.total_size), (None, None));
        let json = serde_json::to_value(row).unwrap();
        assert!(json["description"].is_null() && json["totalSize"].is_null());
    }
}
