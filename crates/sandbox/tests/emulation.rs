//! A sandbox emulating Appwrite 1.8.1 (`Emulation::V1_8_1`, `--emulate 1.8.1`), over real HTTP:
//! the answers have none of the newer fields, a `folder` form field is ignored, queries on the
//! newer attributes and `select` are refused as 1.8.1 refuses them, and one data dir can be
//! opened as either server.

mod common;

use std::collections::BTreeSet;

use appwrite_sandbox::{seed, Config, Emulation};
use common::{assert_invalid, send, Api};
use reqwest::Method;
use serde_json::{json, Value};

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// The File attributes of the 1.8.1 release.
const FILE_1_8_1: &[&str] = &[
    "$id",
    "bucketId",
    "$createdAt",
    "$updatedAt",
    "$permissions",
    "name",
    "signature",
    "mimeType",
    "sizeOriginal",
    "chunksTotal",
    "chunksUploaded",
];

/// The Bucket attributes of the 1.8.1 release.
const BUCKET_1_8_1: &[&str] = &[
    "$id",
    "$createdAt",
    "$updatedAt",
    "$permissions",
    "fileSecurity",
    "name",
    "enabled",
    "maximumFileSize",
    "allowedFileExtensions",
    "compression",
    "encryption",
    "antivirus",
    "transformations",
];

#[tokio::test]
async fn a_1_8_1_server_answers_without_any_newer_field() {
    let api = Api::empty_as(Emulation::V1_8_1).await;
    let b = api
        .create_bucket(
            "b",
            json!({"description": "Ignored", "stripMetadata": true}),
        )
        .await;
    assert_eq!(keys(&b), set(BUCKET_1_8_1), "{b}");
    let (_, listed) = api.list("/storage/buckets", &[]).await;
    assert_eq!(keys(&listed["buckets"][0]), set(BUCKET_1_8_1));
    let (s, f) = api
        .upload_in("b", "f", "photos/2026", "a.txt", b"abc".to_vec())
        .await;
    assert_eq!(s, 201, "{f}");
    assert_eq!(keys(&f), set(FILE_1_8_1), "{f}");
    let (_, got) = api.get("/storage/buckets/b/files/f").await;
    assert_eq!(keys(&got), set(FILE_1_8_1));
    let (_, listed) = api.list("/storage/buckets/b/files", &[]).await;
    assert_eq!(keys(&listed["files"][0]), set(FILE_1_8_1));
    // The same answers follow the spec copy, whose later fields are optional.
    assert!(common::validate_recorded(&api.sb) >= 5);

    // The description and stripMetadata sent were not kept: the newest server, opening the
    // same kind of store, would find none (checked in one_data_dir_opens_as_either_server).
    let (s, e) = api
        .post(
            "/storage/buckets",
            json!({"bucketId": "c", "name": "C", "description": "d".repeat(300)}),
        )
        .await;
    assert_eq!(s, 201, "a 1.8.1 server does not look at a description: {e}");
}

#[tokio::test]
async fn a_1_8_1_server_ignores_the_folder_field_even_a_bad_one() {
    let api = Api::empty_as(Emulation::V1_8_1).await;
    api.create_bucket("b", json!({})).await;
    for (id, folder) in [("f1", "photos/2026"), ("f2", "/../bad//"), ("f3", "")] {
        let (s, f) = api
            .upload_in("b", id, folder, "a.txt", b"abc".to_vec())
            .await;
        assert_eq!(s, 201, "{folder:?}: {f}");
        assert!(f.get("folder").is_none() && f.get("key").is_none(), "{f}");
    }
    // Chunks naming different folders are one flat upload.
    let whole: Vec<u8> = (0..6 * 1024 * 1024).map(|i| (i % 7) as u8).collect();
    let (s, f) = api
        .upload_chunk_in("b", "big", Some("big"), Some("one/"), "big.bin", &whole, 0)
        .await;
    assert_eq!(s, 201, "{f}");
    let (s, f) = api
        .upload_chunk_in("b", "big", Some("big"), Some("two/"), "big.bin", &whole, 1)
        .await;
    assert_eq!((s, &f["chunksUploaded"]), (201, &json!(2)), "{f}");
}

#[tokio::test]
async fn a_1_8_1_server_refuses_queries_on_newer_attributes_and_select() {
    let api = Api::demo_as(Emulation::V1_8_1).await;
    let files = format!("/storage/buckets/{}/files", seed::PHOTOS_BUCKET_ID);
    let not_found = |attr: &str| {
        format!("Invalid `queries` param: Invalid query: Attribute not found in schema: {attr}")
    };
    for query in [
        json!({"method": "equal", "attribute": "folder", "values": [""]}),
        json!({"method": "startsWith", "attribute": "folder", "values": ["2026/"]}),
        json!({"method": "notEqual", "attribute": "folder", "values": [""]}),
        json!({"method": "orderAsc", "attribute": "folder"}),
        json!({"method": "or", "values": [
            {"method": "equal", "attribute": "name", "values": ["x"]},
            {"method": "equal", "attribute": "folder", "values": ["y/"]}
        ]}),
    ] {
        let (s, e) = api.list(&files, std::slice::from_ref(&query)).await;
        assert_invalid(s, &e, &not_found("folder"));
        assert_eq!(e["version"], "1.8.1");
    }
    let (s, e) = api
        .list(
            "/storage/buckets",
            &[json!({"method": "equal", "attribute": "stripMetadata", "values": [false]})],
        )
        .await;
    assert_invalid(s, &e, &not_found("stripMetadata"));
    let select = json!({"method": "select", "values": ["name"]});
    for path in [files.as_str(), "/storage/buckets"] {
        let (s, e) = api.list(path, std::slice::from_ref(&select)).await;
        assert_invalid(
            s,
            &e,
            "Invalid `queries` param: Invalid query method: select",
        );
    }
    // What 1.8.1 knows still works.
    let (s, l) = api
        .list(
            &files,
            &[json!({"method": "equal", "attribute": "name", "values": ["sunset.png"]})],
        )
        .await;
    assert_eq!((s, l["total"].as_u64()), (200, Some(1)), "{l}");
}

#[tokio::test]
async fn the_demo_on_a_1_8_1_server_is_flat() {
    let api = Api::demo_as(Emulation::V1_8_1).await;
    let (_, photos) = api
        .list(
            &format!("/storage/buckets/{}/files", seed::PHOTOS_BUCKET_ID),
            &[],
        )
        .await;
    let in_photos = seed::FOLDER_FILES
        .iter()
        .filter(|f| f.bucket_id == seed::PHOTOS_BUCKET_ID)
        .count();
    assert_eq!(photos["total"].as_u64(), Some(2 + in_photos as u64));
    for f in photos["files"].as_array().unwrap() {
        assert_eq!(keys(f), set(FILE_1_8_1), "{f}");
    }
    let (_, buckets) = api.list("/storage/buckets", &[]).await;
    for b in buckets["buckets"].as_array().unwrap() {
        assert_eq!(keys(b), set(BUCKET_1_8_1), "{b}");
    }
    let (s, v) = api
        .bare("/health/version")
        .send()
        .await
        .map(|r| (r.status(), r))
        .unwrap();
    assert_eq!(s.as_u16(), 200);
    assert_eq!(
        v.json::<Value>().await.unwrap(),
        json!({"version": "1.8.1"})
    );
}

#[tokio::test]
async fn one_data_dir_opens_as_either_server() {
    let dir = tempfile::tempdir().unwrap();
    let open = |emulate| {
        Api::start(Config {
            data_dir: Some(dir.path().to_path_buf()),
            key: Some("k".into()),
            emulate,
            ..Config::default()
        })
    };
    let api = open(Emulation::Newest).await;
    api.create_bucket("b", json!({"description": "Mine"})).await;
    let (s, _) = api
        .upload_in("b", "f", "deep/er", "f.txt", b"f".to_vec())
        .await;
    assert_eq!(s, 201);
    api.sb.shutdown().await;

    let api = open(Emulation::V1_8_1).await;
    let (_, f) = api.get("/storage/buckets/b/files/f").await;
    assert_eq!(keys(&f), set(FILE_1_8_1));
    // An update by the 1.8.1 server leaves what it does not know as it was.
    let (s, _) = send(
        api.req(Method::PUT, "/storage/buckets/b")
            .json(&json!({"name": "Renamed", "description": "not kept"})),
    )
    .await;
    assert_eq!(s, 200);
    api.sb.shutdown().await;

    let api = open(Emulation::Newest).await;
    let (_, f) = api.get("/storage/buckets/b/files/f").await;
    assert_eq!(f["key"], "deep/er/f.txt");
    let (_, b) = api.get("/storage/buckets/b").await;
    assert_eq!(
        (&b["name"], &b["description"]),
        (&json!("Renamed"), &json!("Mine"))
    );
}
