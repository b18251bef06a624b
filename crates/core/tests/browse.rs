//! Browsing a bucket against a real local Appwrite (`appwrite-sandbox` over loopback): a search
//! puts files named what was typed first, each once; the last page comes from the end in one
//! request; pages anywhere within the first 5,000 come by offset; a capped count says so; and the
//! bucket details carry every setting.

use std::collections::HashSet;
use std::time::Duration;

use appwrite_rest::{Client, FileUpload, NewBucket, RetryPolicy};
use appwrite_sandbox::{seed, Config, Sandbox, Seed};
use bucketdesk_core::browse::{
    bucket_details, list_files, FilePage, FileQuery, FileSort, Order, TOTAL_CAP,
};
use bucketdesk_core::folders::Folders;

async fn sandbox(seed: Seed) -> Sandbox {
    appwrite_sandbox::start(Config {
        seed,
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

async fn page(client: &Client, bucket: &str, query: FileQuery) -> FilePage {
    list_files(client, &Folders::new(), "p".into(), bucket.into(), &query)
        .await
        .expect("the page loads")
}

fn names(page: &FilePage) -> Vec<&str> {
    page.files.iter().map(|f| f.name.as_str()).collect()
}

fn search(text: &str) -> FileQuery {
    FileQuery {
        search: Some(text.into()),
        sort: FileSort::Name,
        limit: Some(100),
        ..FileQuery::default()
    }
}

fn assert_each_once(page: &FilePage) {
    let ids: HashSet<&str> = page.files.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), page.files.len(), "a file is listed twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_for_a_file_name_or_its_end_lists_that_file_first() {
    let sandbox = sandbox(Seed::Demo).await;
    let client = client(&sandbox);
    for typed in [
        "file-07777",
        "07777.txt",
        "FILE-07777.TXT",
        "file-07777.txt",
    ] {
        let before = sandbox.stats().requests;
        let found = page(&client, seed::SCALE_BUCKET_ID, search(typed)).await;
        assert_eq!(
            found.files.first().map(|f| f.name.as_str()),
            Some("file-07777.txt"),
            "searching {typed:?} lists {:?} first",
            names(&found).iter().take(3).collect::<Vec<_>>()
        );
        assert!(found.name_matches >= 1, "{typed:?}");
        assert_each_once(&found);
        // The full-text matches follow, so the rest of the answer is still there.
        assert!(found.files.len() > 1, "{typed:?}: only the name matches");
        // A fixed number of requests, whatever the bucket holds: the search and three name queries.
        assert_eq!(sandbox.stats().requests - before, 4, "{typed:?}");
    }
}

/// A bucket holding `names`, uploaded one after another.
async fn bucket_of(client: &Client, id: &str, names: &[&str]) {
    client
        .buckets()
        .create(&NewBucket::new(id, id))
        .await
        .expect("the bucket is made");
    for (i, name) in names.iter().enumerate() {
        client
            .files(id)
            .create(FileUpload::from_bytes(
                format!("f{i}"),
                *name,
                format!("file {i}").into_bytes(),
            ))
            .await
            .expect("the file uploads");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exact_name_comes_first_then_names_that_start_then_end_with_it_each_once() {
    let sandbox = sandbox(Seed::Empty).await;
    let client = client(&sandbox);
    let all = [
        "old-notes",
        "notes-2024.txt",
        "my notes",
        "notes",
        "notebook.txt",
        "minutes.txt",
    ];
    bucket_of(&client, "names", &all).await;

    for order in [Order::Asc, Order::Desc] {
        let found = page(
            &client,
            "names",
            FileQuery {
                order,
                ..search("notes")
            },
        )
        .await;
        let listed = names(&found);
        let (first, rest) = listed.split_at(found.name_matches);
        let by_name = |mut v: Vec<&'static str>| {
            v.sort_unstable();
            if order == Order::Desc {
                v.reverse();
            }
            v
        };
        let mut expected = vec!["notes"];
        expected.extend(by_name(vec!["notes-2024.txt"]));
        expected.extend(by_name(vec!["my notes", "old-notes"]));
        assert_eq!(first, expected, "{order:?}");
        assert!(
            rest.iter().all(|n| !first.contains(n)),
            "{order:?}: {rest:?}"
        );
        assert_each_once(&found);
        // The total counts each match once.
        assert_eq!(found.total, found.files.len() as u64, "{order:?}");
        assert!(!found.total_capped);
    }

    // Only the first page of a search adds name matches; later pages are the search's own.
    let later = page(
        &client,
        "names",
        FileQuery {
            cursor: Some("f0".into()),
            ..search("notes")
        },
    )
    .await;
    assert_eq!(later.name_matches, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_page_comes_from_the_end_in_one_request_and_pages_back_from_there() {
    let sandbox = sandbox(Seed::Demo).await;
    let client = client(&sandbox);
    let end = FileQuery {
        sort: FileSort::Name,
        limit: Some(100),
        from_end: true,
        ..FileQuery::default()
    };
    let before = sandbox.stats().requests;
    let last = page(&client, seed::SCALE_BUCKET_ID, end.clone()).await;
    assert_eq!(sandbox.stats().requests - before, 1);
    // The root's last 100 files (the bucket's last 1,000 are in folders), in the list's order.
    let root_end = seed::SCALE_ROOT_FILE_COUNT;
    let expected: Vec<String> = (root_end - 100..root_end)
        .map(seed::scale_file_name)
        .collect();
    assert_eq!(names(&last), expected);
    assert!(last.from_end);
    assert!(last.total_capped);
    assert_eq!(last.next_cursor.as_deref(), Some(last.files[0].id.as_str()));

    let earlier = page(
        &client,
        seed::SCALE_BUCKET_ID,
        FileQuery {
            cursor: last.next_cursor.clone(),
            ..end
        },
    )
    .await;
    let expected: Vec<String> = (root_end - 200..root_end - 100)
        .map(seed::scale_file_name)
        .collect();
    assert_eq!(names(&earlier), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_the_end_matches_the_tail_of_the_whole_list_in_every_sort_and_order() {
    let sandbox = sandbox(Seed::Demo).await;
    let client = client(&sandbox);
    for sort in [FileSort::Name, FileSort::Size, FileSort::Created] {
        for order in [Order::Asc, Order::Desc] {
            let forward = FileQuery {
                sort,
                order,
                limit: Some(100),
                ..FileQuery::default()
            };
            let whole = page(&client, seed::DOCUMENTS_BUCKET_ID, forward.clone()).await;
            assert!(whole.next_cursor.is_none(), "the documents fit on a page");
            let ids = |p: &FilePage| p.files.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
            let all = ids(&whole);
            let mut tail = Vec::new();
            let mut cursor = None;
            // Two files at a time from the end, each page before the one already held.
            loop {
                let back = page(
                    &client,
                    seed::DOCUMENTS_BUCKET_ID,
                    FileQuery {
                        limit: Some(2),
                        from_end: true,
                        cursor: cursor.clone(),
                        ..forward.clone()
                    },
                )
                .await;
                let mut held = ids(&back);
                held.append(&mut tail);
                tail = held;
                cursor = back.next_cursor;
                if cursor.is_none() {
                    break;
                }
            }
            assert_eq!(tail, all, "{sort:?} {order:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_within_the_first_5000_come_by_offset() {
    let sandbox = sandbox(Seed::Demo).await;
    let client = client(&sandbox);
    let at = page(
        &client,
        seed::SCALE_BUCKET_ID,
        FileQuery {
            sort: FileSort::Name,
            limit: Some(100),
            offset: Some(4900),
            ..FileQuery::default()
        },
    )
    .await;
    let expected: Vec<String> = (4900..5000).map(seed::scale_file_name).collect();
    assert_eq!(names(&at), expected);
    assert_eq!(at.next_cursor.as_deref(), Some("scale-04999"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_count_at_appwrites_cap_is_flagged_and_a_smaller_one_is_not() {
    let sandbox = sandbox(Seed::Demo).await;
    let client = client(&sandbox);
    let first = FileQuery {
        limit: Some(100),
        ..FileQuery::default()
    };
    let scale = page(&client, seed::SCALE_BUCKET_ID, first.clone()).await;
    assert_eq!((scale.total, scale.total_capped), (TOTAL_CAP, true));
    let documents = page(&client, seed::DOCUMENTS_BUCKET_ID, first).await;
    assert_eq!((documents.total, documents.total_capped), (4, false));
    let matches = page(&client, seed::SCALE_BUCKET_ID, search("file")).await;
    assert!(matches.total_capped, "10,000 matches");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bucket_details_carry_the_count_the_size_and_every_setting() {
    let sandbox = sandbox(Seed::Demo).await;
    let client = client(&sandbox);
    let scale = bucket_details(&client, "p".into(), seed::SCALE_BUCKET_ID)
        .await
        .unwrap();
    assert_eq!(scale.profile_id, "p");
    assert_eq!(scale.id, seed::SCALE_BUCKET_ID);
    assert_eq!(
        (scale.file_count, scale.file_count_capped),
        (TOTAL_CAP, true)
    );
    assert!(scale.total_size.is_some_and(|n| n > 0), "{scale:?}");
    assert!(scale.encryption && !scale.antivirus && scale.transformations);

    let photos = bucket_details(&client, "p".into(), seed::PHOTOS_BUCKET_ID)
        .await
        .unwrap();
    // The whole bucket: its two files at the root and those in its folders.
    let in_folders = seed::FOLDER_FILES
        .iter()
        .filter(|f| f.bucket_id == seed::PHOTOS_BUCKET_ID)
        .count() as u64;
    assert_eq!(
        (photos.file_count, photos.file_count_capped),
        (2 + in_folders, false)
    );
    assert_eq!(photos.maximum_file_size, 10_000_000);
    assert_eq!(
        photos.allowed_file_extensions,
        ["png", "jpg", "jpeg", "gif", "webp"]
    );

    let vault = bucket_details(&client, "p".into(), seed::PRIVATE_BUCKET_ID)
        .await
        .unwrap();
    assert!(vault.file_security && !vault.transformations);
    assert_eq!(vault.compression, "gzip");

    // As the UI receives it: camelCase, the size present only when the server says.
    let json = serde_json::to_value(&vault).unwrap();
    for key in [
        "fileCount",
        "fileCountCapped",
        "totalSize",
        "maximumFileSize",
        "allowedFileExtensions",
        "fileSecurity",
        "encryption",
        "antivirus",
        "transformations",
    ] {
        assert!(json.get(key).is_some(), "{key} missing from {json}");
    }

    let missing = bucket_details(&client, "p".into(), "no-such-bucket").await;
    assert_eq!(
        missing.unwrap_err().api_kind(),
        Some("storage_bucket_not_found")
    );
}
