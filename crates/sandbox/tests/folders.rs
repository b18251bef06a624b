//! Storage folders as the newest server has them, over real HTTP: a file's `folder` and `key`,
//! the `folder` form field of create (single and chunked), folder-name rules, `equal`,
//! `notEqual` and `startsWith` on `folder`, `select`, the new bucket fields, persistence, and
//! the demo seed's folders.

mod common;

use std::collections::BTreeSet;

use appwrite_sandbox::seed::{self, FOLDER_FILES};
use appwrite_sandbox::{Config, Emulation};
use common::{assert_error, assert_invalid, send, Api};
use reqwest::Method;
use serde_json::{json, Value};

const FOLDER_RULES: &str = "Invalid `folder` param: Folder must be `/`-separated segments without empty, `.`, or `..` segments, must not start with `/`, must not contain control characters, and must be at most 2048 characters long including the trailing slash.";

fn ids(list: &Value) -> Vec<String> {
    list["files"]
        .as_array()
        .unwrap_or_else(|| panic!("a file list: {list}"))
        .iter()
        .map(|f| f["$id"].as_str().unwrap().to_string())
        .collect()
}

/// The keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let keys: BTreeSet<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.into_iter().collect()
}

fn equal(attr: &str, values: Value) -> Value {
    json!({"method": "equal", "attribute": attr, "values": values})
}

fn starts_with(attr: &str, prefix: &str) -> Value {
    json!({"method": "startsWith", "attribute": attr, "values": [prefix]})
}

fn select(attrs: Value) -> Value {
    json!({"method": "select", "values": attrs})
}

/// A bucket `b` with files at the root, in `a/` (two), `a/b/`, `a/b/c/` and `ab/`.
async fn tree() -> Api {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    for (id, folder, name) in [
        ("root", "", "root.txt"),
        ("a1", "a", "one.txt"),
        ("ab1", "a/b/", "two.txt"),
        ("abc1", "a/b/c", "three.txt"),
        ("ab-sibling", "ab/", "sibling.txt"),
        ("a2", "a/", "four.txt"),
    ] {
        let (s, f) = api
            .upload_in("b", id, folder, name, name.as_bytes().to_vec())
            .await;
        assert_eq!(s, 201, "{f}");
    }
    api
}

#[tokio::test]
async fn a_file_created_in_a_folder_carries_its_folder_and_key() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let (s, f) = api
        .upload_in("b", "f", "photos/2026", "sunset.png", b"sun".to_vec())
        .await;
    assert_eq!(s, 201, "{f}");
    assert_eq!(f["folder"], "photos/2026/");
    assert_eq!(f["key"], "photos/2026/sunset.png");
    assert_eq!(f["name"], "sunset.png");
    assert_eq!(
        keys(&f),
        [
            "$id",
            "bucketId",
            "$createdAt",
            "$updatedAt",
            "$permissions",
            "name",
            "folder",
            "key",
            "signature",
            "mimeType",
            "sizeOriginal",
            "sizeActual",
            "chunksTotal",
            "chunksUploaded",
            "encryption",
            "compression"
        ]
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>(),
        "{f}"
    );
    assert_eq!(
        (f["sizeActual"].as_u64(), &f["encryption"]),
        (Some(3), &json!(true))
    );
    assert_eq!(f["compression"], "none");
    let (s, got) = api.get("/storage/buckets/b/files/f").await;
    assert_eq!(s, 200);
    assert_eq!((&got["folder"], &got["key"]), (&f["folder"], &f["key"]));

    // At the root: an empty folder and the bare name, with or without the field.
    let (_, root) = api.upload("b", "r", "readme.txt", b"hi".to_vec()).await;
    assert_eq!(
        (&root["folder"], &root["key"]),
        (&json!(""), &json!("readme.txt"))
    );
    let (_, root) = api.upload_in("b", "r2", "", "b.txt", b"hi".to_vec()).await;
    assert_eq!(
        (&root["folder"], &root["key"]),
        (&json!(""), &json!("b.txt"))
    );

    // Renaming keeps the folder (a file cannot move: update takes no folder).
    let (s, renamed) = send(
        api.req(Method::PUT, "/storage/buckets/b/files/f")
            .json(&json!({"name": "dusk.png", "folder": "elsewhere/"})),
    )
    .await;
    assert_eq!(s, 200, "{renamed}");
    assert_eq!(renamed["key"], "photos/2026/dusk.png");
    assert!(common::validate_recorded(&api.sb) >= 5);
}

#[tokio::test]
async fn folder_names_are_normalised_and_the_ones_the_server_refuses_are_400() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    for (i, (sent, stored)) in [
        ("photos", "photos/"),
        ("photos/2026/", "photos/2026/"),
        ("Fotos 2026/été", "Fotos 2026/été/"),
        ("a.b/..c/%_", "a.b/..c/%_/"),
    ]
    .into_iter()
    .enumerate()
    {
        let (s, f) = api
            .upload_in("b", &format!("ok{i}"), sent, "x.txt", b"x".to_vec())
            .await;
        assert_eq!((s, &f["folder"]), (201, &json!(stored)), "{sent:?}: {f}");
    }
    // 2048 bytes with the trailing slash is the most a folder may be.
    let longest = "a/".repeat(1024);
    let (s, f) = api
        .upload_in("b", "longest", &longest, "x.txt", b"x".to_vec())
        .await;
    assert_eq!((s, f["folder"].as_str()), (201, Some(longest.as_str())));
    let long = format!("{longest}b");
    for bad in [
        "/",
        "/photos",
        "photos//2026",
        "./photos",
        "photos/..",
        "photos/../secrets",
        "line\nbreak",
        "tab\t",
        long.as_str(),
    ] {
        let (s, f) = api.upload_in("b", "bad", bad, "x.txt", b"x".to_vec()).await;
        assert_invalid(s, &f, FOLDER_RULES);
    }
    // A refused upload created nothing: the id is still free.
    let (s, f) = api
        .upload_in("b", "bad", "fine", "x.txt", b"x".to_vec())
        .await;
    assert_eq!(s, 201, "{f}");
    let (_, list) = api.list("/storage/buckets/b/files", &[]).await;
    assert_eq!(list["total"], 6);
}

#[tokio::test]
async fn equal_lists_one_folder_and_starts_with_its_whole_subtree() {
    let api = tree().await;
    let path = "/storage/buckets/b/files";
    let list = |queries: Vec<Value>| {
        let api = &api;
        async move {
            let (s, l) = api.list(path, &queries).await;
            assert_eq!(s, 200, "{l}");
            (ids(&l), l["total"].as_u64().unwrap())
        }
    };
    assert_eq!(
        list(vec![equal("folder", json!(["a/"]))]).await,
        (vec!["a1".to_string(), "a2".into()], 2)
    );
    assert_eq!(
        list(vec![equal("folder", json!([""]))]).await,
        (vec!["root".to_string()], 1)
    );
    assert_eq!(
        list(vec![equal("folder", json!(["a/b/", "ab/"]))]).await.0,
        ["ab1", "ab-sibling"]
    );
    // The subtree of a/: not ab/, which only shares the letters.
    assert_eq!(
        list(vec![starts_with("folder", "a/")]).await,
        (
            vec!["a1".to_string(), "ab1".into(), "abc1".into(), "a2".into()],
            4
        )
    );
    // Like every startsWith here (the real server's columns compare without case), A/ finds a/;
    // equal compares exactly.
    assert_eq!(list(vec![starts_with("folder", "A/")]).await.1, 4);
    assert_eq!(list(vec![equal("folder", json!(["A/"]))]).await.1, 0);
    assert_eq!(
        list(vec![
            json!({"method": "notEqual", "attribute": "folder", "values": [""]})
        ])
        .await
        .1,
        5
    );
    // Everything at once: a folder's subtree, a search, an order and a page.
    let (page, total) = list(vec![
        starts_with("folder", "a/b/"),
        json!({"method": "orderDesc", "attribute": "folder"}),
        json!({"method": "limit", "values": [1]}),
    ])
    .await;
    assert_eq!((page, total), (vec!["abc1".to_string()], 2));
    let (s, l) = send(
        api.req(Method::GET, path)
            .query(&common::queries_param(&[starts_with("folder", "a/")]))
            .query(&[("search", "three")]),
    )
    .await;
    assert_eq!((s, ids(&l)), (200, vec!["abc1".to_string()]));
    // Cursor paging inside one folder.
    let (page, _) = list(vec![
        equal("folder", json!(["a/"])),
        json!({"method": "cursorAfter", "values": ["a1"]}),
    ])
    .await;
    assert_eq!(page, ["a2"]);
    assert!(common::validate_recorded(&api.sb) > 5);
}

#[tokio::test]
async fn select_answers_only_the_named_attributes_with_the_id_and_bucket() {
    let api = tree().await;
    let path = "/storage/buckets/b/files";
    let (s, l) = api
        .list(
            path,
            &[select(json!(["folder"])), equal("folder", json!(["a/"]))],
        )
        .await;
    assert_eq!(s, 200, "{l}");
    assert_eq!(l["total"], 2);
    for f in l["files"].as_array().unwrap() {
        assert_eq!(keys(f), ["$id", "bucketId", "folder"], "{f}");
        assert_eq!(f["folder"], "a/");
    }
    let (_, l) = api
        .list(
            path,
            &[
                select(json!(["name"])),
                select(json!(["key", "sizeOriginal"])),
            ],
        )
        .await;
    assert_eq!(
        keys(&l["files"][0]),
        ["$id", "bucketId", "key", "name", "sizeOriginal"]
    );
    let (_, all) = api.list(path, &[select(json!(["*"]))]).await;
    let (_, plain) = api.list(path, &[]).await;
    assert_eq!(all, plain);
    let (s, e) = api.list(path, &[select(json!(["folder", "nope"]))]).await;
    assert_invalid(
        s,
        &e,
        "Invalid `queries` param: Invalid query: Attribute not found in schema: nope",
    );
    let (s, e) = api.list(path, &[select(json!([]))]).await;
    assert_error(s, &e, 400, "general_argument_invalid");
    // Only files take select, as on the real server.
    for other in ["/storage/buckets", "/tokens/buckets/b/files/root"] {
        let (s, e) = api.list(other, &[select(json!(["name"]))]).await;
        assert_invalid(
            s,
            &e,
            "Invalid `queries` param: Invalid query method: select",
        );
    }
    // Selected answers are partial by design, so they are not recorded for the spec check; the
    // whole ones are, and follow it.
    api.sb.take_recorded();
    let _ = api.list(path, &[select(json!(["folder"]))]).await;
    assert!(api.sb.take_recorded().is_empty());
    let _ = api.list(path, &[]).await;
    assert_eq!(common::validate_recorded(&api.sb), 1);
}

#[tokio::test]
async fn every_chunk_of_an_upload_names_the_folder_it_began_in() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let whole: Vec<u8> = (0..12 * 1024 * 1024 + 7).map(|i| (i % 251) as u8).collect();
    let chunk = |index: usize, folder: Option<&'static str>| {
        let (api, whole) = (&api, &whole);
        async move {
            api.upload_chunk_in("b", "big", Some("big"), folder, "big.bin", whole, index)
                .await
        }
    };
    let (s, f) = chunk(0, Some("backups/2026")).await;
    assert_eq!((s, &f["folder"]), (201, &json!("backups/2026/")), "{f}");
    assert_eq!(
        (&f["sizeActual"], &f["compression"]),
        (&json!(0), &json!(""))
    );

    // Another folder, or none (the root), is refused and stores nothing.
    let (s, e) = chunk(1, Some("elsewhere/")).await;
    assert_invalid(s, &e, "Invalid `folder` param: The upload of file `big` began in \"backups/2026/\", and every chunk must name that folder; this one names \"elsewhere/\".");
    let (s, e) = chunk(1, None).await;
    assert_invalid(s, &e, "Invalid `folder` param: The upload of file `big` began in \"backups/2026/\", and every chunk must name that folder; this one names the bucket root.");
    let (s, e) = chunk(1, Some("/bad")).await;
    assert_invalid(s, &e, FOLDER_RULES);
    let (_, partial) = api.get("/storage/buckets/b/files/big").await;
    assert_eq!(partial["chunksUploaded"], 1);

    // The same folder, with or without its trailing slash, finishes it.
    let (s, f) = chunk(2, Some("backups/2026/")).await;
    assert_eq!(s, 201, "{f}");
    let (s, f) = chunk(1, Some("backups/2026")).await;
    assert_eq!(s, 201, "{f}");
    assert_eq!(f["chunksUploaded"], 3);
    assert_eq!(f["key"], "backups/2026/big.bin");
    assert_eq!(f["sizeActual"].as_u64(), Some(whole.len() as u64));
    let r = api
        .req(Method::GET, "/storage/buckets/b/files/big/download")
        .send()
        .await
        .unwrap();
    assert_eq!(r.bytes().await.unwrap().as_ref(), whole.as_slice());

    // An upload begun at the root takes no folder later on.
    let (s, _) = api
        .upload_chunk_in("b", "flat", Some("flat"), None, "flat.bin", &whole, 0)
        .await;
    assert_eq!(s, 201);
    let (s, e) = api
        .upload_chunk_in(
            "b",
            "flat",
            Some("flat"),
            Some("late/"),
            "flat.bin",
            &whole,
            1,
        )
        .await;
    assert_invalid(s, &e, "Invalid `folder` param: The upload of file `flat` began in the bucket root, and every chunk must name that folder; this one names \"late/\".");
}

#[tokio::test]
async fn buckets_take_and_answer_a_description_and_strip_metadata() {
    let api = Api::empty().await;
    let b = api
        .create_bucket(
            "p",
            json!({"description": "Holiday photos", "stripMetadata": true}),
        )
        .await;
    assert_eq!(
        (&b["description"], &b["stripMetadata"]),
        (&json!("Holiday photos"), &json!(true))
    );
    assert_eq!(b["totalSize"], 0);
    let plain = api.create_bucket("q", json!({})).await;
    assert_eq!(
        (&plain["description"], &plain["stripMetadata"]),
        (&json!(""), &json!(false))
    );

    let (s, l) = api
        .list(
            "/storage/buckets",
            &[json!({"method": "equal", "attribute": "stripMetadata", "values": [true]})],
        )
        .await;
    assert_eq!((s, l["total"].as_u64()), (200, Some(1)), "{l}");
    assert_eq!(l["buckets"][0]["$id"], "p");
    let (s, e) = api
        .list(
            "/storage/buckets",
            &[json!({"method": "equal", "attribute": "description", "values": ["x"]})],
        )
        .await;
    assert_invalid(
        s,
        &e,
        "Invalid `queries` param: Invalid query: Attribute not found in schema: description",
    );

    // An update sets both, and, like every setting, an omitted one takes its default again.
    let (s, u) =
        send(api.req(Method::PUT, "/storage/buckets/p").json(
            &json!({"name": "Photos", "description": "Sorted by year", "stripMetadata": false}),
        ))
        .await;
    assert_eq!(
        (s, &u["description"], &u["stripMetadata"]),
        (200, &json!("Sorted by year"), &json!(false))
    );
    let (_, got) = api.get("/storage/buckets/p").await;
    assert_eq!(got["description"], "Sorted by year");
    let (_, u) = send(
        api.req(Method::PUT, "/storage/buckets/p")
            .json(&json!({"name": "Photos"})),
    )
    .await;
    assert_eq!(u["description"], "");

    let (s, e) = api
        .post(
            "/storage/buckets",
            json!({"bucketId": "long", "name": "Long", "description": "d".repeat(257)}),
        )
        .await;
    assert_invalid(
        s,
        &e,
        "Invalid `description` param: Value must be a valid string and no longer than 256 chars",
    );
    let (s, _) = api
        .post(
            "/storage/buckets",
            json!({"bucketId": "fits", "name": "Fits", "description": "é".repeat(256)}),
        )
        .await;
    assert_eq!(s, 201);
    let (s, e) = api
        .post(
            "/storage/buckets",
            json!({"bucketId": "odd", "name": "Odd", "stripMetadata": "yes"}),
        )
        .await;
    assert_invalid(
        s,
        &e,
        "Invalid `stripMetadata` param: Value must be a valid boolean",
    );
    assert!(common::validate_recorded(&api.sb) > 5);
}

#[tokio::test]
async fn a_file_keeps_its_folder_across_restarts_and_a_store_from_before_folders_opens_at_the_root()
{
    let dir = tempfile::tempdir().unwrap();
    let config = || Config {
        data_dir: Some(dir.path().to_path_buf()),
        key: Some("k".into()),
        ..Config::default()
    };
    let api = Api::start(config()).await;
    api.create_bucket("b", json!({"description": "Kept"})).await;
    let (s, _) = api
        .upload_in("b", "f", "kept/here", "f.txt", b"f".to_vec())
        .await;
    assert_eq!(s, 201);
    api.sb.shutdown().await;
    let api = Api::start(config()).await;
    let (_, f) = api.get("/storage/buckets/b/files/f").await;
    assert_eq!(f["key"], "kept/here/f.txt");
    let (_, b) = api.get("/storage/buckets/b").await;
    assert_eq!(b["description"], "Kept");
    api.sb.shutdown().await;

    // A store written by the sandbox before folders and bucket descriptions existed.
    let old = tempfile::tempdir().unwrap();
    let at = "2026-01-05T14:03:00Z";
    let write = |path: &str, text: String| {
        let path = old.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "meta.json",
        json!({"format": 1, "generated_key": null, "jwt_secret": "s", "next_seq": 3}).to_string(),
    );
    write(
        "buckets.json",
        json!([{"id": "old", "seq": 1, "created_at": at, "updated_at": at,
        "permissions": [], "file_security": false, "name": "Old", "enabled": true,
        "maximum_file_size": 30000000, "allowed_file_extensions": [], "compression": "none",
        "encryption": true, "antivirus": true, "transformations": true}])
        .to_string(),
    );
    write(
        "files/1.json",
        json!([{"id": "o", "seq": 2, "bucket_id": "old", "bucket_seq": 1,
        "created_at": at, "updated_at": at, "permissions": [], "name": "old.txt",
        "signature": "900150983cd24fb0d6963f7d28e17f72", "mime_type": "text/plain", "size": 3,
        "chunks_total": 1, "chunks_uploaded": 1}])
        .to_string(),
    );
    write("blobs/1/2", "abc".into());
    let api = Api::start(Config {
        data_dir: Some(old.path().to_path_buf()),
        key: Some("k".into()),
        ..Config::default()
    })
    .await;
    let (s, f) = api.get("/storage/buckets/old/files/o").await;
    assert_eq!(s, 200, "{f}");
    assert_eq!((&f["folder"], &f["key"]), (&json!(""), &json!("old.txt")));
    let (_, b) = api.get("/storage/buckets/old").await;
    assert_eq!(
        (&b["description"], &b["stripMetadata"]),
        (&json!(""), &json!(false))
    );
    let (_, root) = api
        .list(
            "/storage/buckets/old/files",
            &[equal("folder", json!([""]))],
        )
        .await;
    assert_eq!(ids(&root), ["o"]);
}

#[tokio::test]
async fn the_demo_seed_has_its_folders_and_descriptions() {
    let api = Api::demo().await;
    let files = |bucket: &str| format!("/storage/buckets/{bucket}/files");
    let list = |bucket: &'static str, queries: Vec<Value>| {
        let api = &api;
        async move {
            let (s, l) = api.list(&files(bucket), &queries).await;
            assert_eq!(s, 200, "{l}");
            (ids(&l), l["total"].as_u64().unwrap())
        }
    };
    let photos = seed::PHOTOS_BUCKET_ID;
    let documents = seed::DOCUMENTS_BUCKET_ID;
    // Every file seeded before folders existed is at its root.
    assert_eq!(
        list(photos, vec![equal("folder", json!([""]))]).await.0,
        [seed::SUNSET_PNG_FILE_ID, seed::MOUNTAINS_JPG_FILE_ID]
    );
    assert_eq!(
        list(documents, vec![equal("folder", json!([""]))]).await.1,
        4
    );
    for bucket in [seed::PUBLIC_BUCKET_ID, seed::PRIVATE_BUCKET_ID] {
        let (_, all) = list(bucket, vec![]).await;
        let (_, at_root) = list(bucket, vec![equal("folder", json!([""]))]).await;
        assert_eq!(all, at_root, "{bucket}");
    }
    // Each folder file where the constants say.
    for f in FOLDER_FILES {
        let (_, got) = api
            .get(&format!("{}/{}", files(f.bucket_id), f.file_id))
            .await;
        assert_eq!(
            (got["folder"].as_str(), got["name"].as_str()),
            (Some(f.folder), Some(f.name))
        );
    }
    let summer = list(
        photos,
        vec![equal("folder", json!([seed::PHOTOS_SUMMER_FOLDER]))],
    )
    .await;
    assert_eq!(summer.1, 3);
    assert!(summer.0.contains(&seed::SUMMER_BEACH_FILE_ID.to_string()));
    assert_eq!(
        list(
            photos,
            vec![equal("folder", json!([seed::PHOTOS_2026_FOLDER]))]
        )
        .await
        .1,
        2
    );
    assert_eq!(
        list(
            photos,
            vec![starts_with("folder", seed::PHOTOS_2026_FOLDER)]
        )
        .await
        .1,
        5
    );
    assert_eq!(
        list(
            documents,
            vec![equal("folder", json!([seed::REPORTS_Q1_FOLDER]))]
        )
        .await
        .1,
        3
    );
    assert_eq!(
        list(
            documents,
            vec![equal("folder", json!(["reports/", "reports/2026/"]))]
        )
        .await
        .1,
        0
    );
    assert_eq!(
        list(documents, vec![starts_with("folder", "reports/")])
            .await
            .1,
        5
    );
    // A folder's image previews like any other.
    let r = api
        .req(
            Method::GET,
            &format!(
                "{}/{}/preview?width=60",
                files(photos),
                seed::SUMMER_BEACH_FILE_ID
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    // The scale bucket: 9,000 at the root, 1,000 under archive/, walked by folder alone.
    let scale = seed::SCALE_BUCKET_ID;
    assert_eq!(
        list(
            scale,
            vec![starts_with("folder", seed::SCALE_ARCHIVE_FOLDER)]
        )
        .await
        .1,
        1000
    );
    assert_eq!(
        list(scale, vec![equal("folder", json!(["archive/2024/01/"]))])
            .await
            .1,
        34
    );
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut q = vec![
            select(json!(["folder"])),
            json!({"method": "limit", "values": [5000]}),
        ];
        if let Some(c) = &cursor {
            q.push(json!({"method": "cursorAfter", "values": [c]}));
        }
        let (s, page) = send(
            api.req(Method::GET, &files(scale))
                .query(&common::queries_param(&q))
                .query(&[("total", "false")]),
        )
        .await;
        assert_eq!(s, 200, "{page}");
        let page = page["files"].as_array().unwrap().clone();
        if page.is_empty() {
            break;
        }
        cursor = page.last().map(|f| f["$id"].as_str().unwrap().to_string());
        seen.extend(
            page.iter()
                .map(|f| f["folder"].as_str().unwrap().to_string()),
        );
    }
    let want: Vec<String> = (0..seed::SCALE_FILE_COUNT)
        .map(seed::scale_file_folder)
        .collect();
    assert_eq!(seen, want);
    let root = seen.iter().filter(|f| f.is_empty()).count();
    assert_eq!(root, seed::SCALE_ROOT_FILE_COUNT);

    // Descriptions on every demo bucket.
    let (_, buckets) = api.list("/storage/buckets", &[]).await;
    let described: Vec<(&str, &str)> = buckets["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["$id"].as_str().unwrap(),
                b["description"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            (seed::PHOTOS_BUCKET_ID, seed::PHOTOS_DESCRIPTION),
            (seed::DOCUMENTS_BUCKET_ID, seed::DOCUMENTS_DESCRIPTION),
            (seed::PUBLIC_BUCKET_ID, seed::PUBLIC_DESCRIPTION),
            (seed::PRIVATE_BUCKET_ID, seed::PRIVATE_DESCRIPTION),
            (seed::SCALE_BUCKET_ID, seed::SCALE_DESCRIPTION),
        ]
    );
    assert_eq!(api.sb.emulation(), Emulation::Newest);
}
