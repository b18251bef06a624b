//! The JSON API over raw HTTP: errors and their types, auth and scopes, ID rules, buckets,
//! files, queries (filters, orders, paging, cursors, search, total) and recorded bodies.

mod common;

use appwrite_sandbox::seed::{self, SCALE_BUCKET_ID, SCALE_FILE_COUNT};
use appwrite_sandbox::Config;
use common::{assert_error, send, Api};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn project_key_and_route_errors() {
    let api = Api::empty().await;
    let url = api.url("/storage/buckets");
    let (s, b) = send(
        api.http
            .get(&url)
            .header("X-Appwrite-Key", api.sb.api_key()),
    )
    .await;
    assert_error(s, &b, 403, "project_id_missing");
    let (s, b) = send(
        api.http
            .get(&url)
            .header("X-Appwrite-Project", "other")
            .header("X-Appwrite-Key", api.sb.api_key()),
    )
    .await;
    assert_error(s, &b, 404, "project_not_found");
    let (s, b) = send(
        api.http
            .get(&url)
            .header("X-Appwrite-Project", "demo")
            .header("X-Appwrite-Key", "wrong"),
    )
    .await;
    assert_error(s, &b, 401, "user_unauthorized");
    let (s, b) = send(api.http.get(&url).header("X-Appwrite-Project", "demo")).await;
    assert_error(s, &b, 401, "general_unauthorized_scope");
    let (s, b) = api.get("/storage/nothing-here").await;
    assert_error(s, &b, 404, "general_route_not_found");
    let (s, b) = send(api.req(Method::PATCH, "/storage/buckets")).await;
    assert_error(s, &b, 404, "general_route_not_found");
    let (s, b) = api.get("/storage/buckets/missing").await;
    assert_error(s, &b, 404, "storage_bucket_not_found");
    assert!(common::validate_recorded(&api.sb) >= 7);
}

#[tokio::test]
async fn narrowed_scopes_name_the_missing_one() {
    let api = Api::start(Config {
        scopes: Some(vec![
            "buckets.read".into(),
            "files.read".into(),
            "tokens.read".into(),
        ]),
        ..Config::default()
    })
    .await;
    let (s, _) = api.get("/storage/buckets").await;
    assert_eq!(s, 200);
    let (s, b) = api
        .post("/storage/buckets", json!({"bucketId": "b", "name": "B"}))
        .await;
    assert_error(s, &b, 401, "general_unauthorized_scope");
    assert!(
        b["message"]
            .as_str()
            .unwrap()
            .contains("missing scopes ([\"buckets.write\"])"),
        "{b}"
    );
    assert!(
        b["message"]
            .as_str()
            .unwrap()
            .contains("(role: applications)"),
        "{b}"
    );
    let (s, b) = api.post("/tokens/buckets/b/files/f", json!({})).await;
    assert_error(s, &b, 401, "general_unauthorized_scope");
    assert!(b["message"]
        .as_str()
        .unwrap()
        .contains("missing scopes ([\"tokens.write\"])"));
    let (s, b) = send(api.req(Method::DELETE, "/storage/buckets/b")).await;
    assert_error(s, &b, 401, "general_unauthorized_scope");
}

#[tokio::test]
async fn id_rules_for_paths_and_new_ids() {
    let api = Api::empty().await;
    for bad in ["_lead", ".dot", "-dash", "has space", &"x".repeat(37)] {
        let (s, b) = api
            .post("/storage/buckets", json!({"bucketId": bad, "name": "n"}))
            .await;
        assert_error(s, &b, 400, "general_argument_invalid");
        let (s, b) = send(
            api.req(Method::GET, "/storage/buckets/x")
                .query(&[("unused", "1")]),
        )
        .await;
        assert_error(s, &b, 404, "storage_bucket_not_found");
    }
    let (s, b) = api.get("/storage/buckets/_bad").await;
    assert_error(s, &b, 400, "general_argument_invalid");
    assert!(b["message"]
        .as_str()
        .unwrap()
        .starts_with("Invalid `bucketId` param"));
    let (s, b) = api.get(&format!("/tokens/{}", "t".repeat(37))).await;
    assert_error(s, &b, 400, "general_argument_invalid");

    let made = api.create_bucket("unique()", json!({})).await;
    let id = made["$id"].as_str().unwrap();
    assert_eq!(id.len(), 20);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    let mine = api.create_bucket(&"a".repeat(36), json!({})).await;
    assert_eq!(mine["$id"], "a".repeat(36));
    let (s, b) = api
        .post(
            "/storage/buckets",
            json!({"bucketId": "a".repeat(36), "name": "again"}),
        )
        .await;
    assert_error(s, &b, 409, "storage_bucket_already_exists");
    let (s, b) = api
        .post("/storage/buckets", json!({"bucketId": "n1"}))
        .await;
    assert_error(s, &b, 400, "general_argument_invalid");
    assert_eq!(b["message"], "Param \"name\" is not optional.");
}

#[tokio::test]
async fn bucket_lifecycle_and_shape() {
    let api = Api::empty().await;
    let b = api
        .create_bucket("docs", json!({"permissions": ["read(\"any\")"], "fileSecurity": true, "maximumFileSize": 1000, "allowedFileExtensions": ["txt"], "transformations": false}))
        .await;
    let keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
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
        "totalSize",
    ] {
        assert!(keys.contains(&k), "{k} missing in {b}");
    }
    let created = b["$createdAt"].as_str().unwrap();
    assert_eq!(
        created.len(),
        "2026-01-05T14:03:00.000+00:00".len(),
        "{created}"
    );
    assert!(created.ends_with("+00:00") && created.as_bytes()[19] == b'.');
    assert_eq!(b["fileSecurity"], true);
    assert_eq!(b["transformations"], false);
    let (s, got) = api.get("/storage/buckets/docs").await;
    assert_eq!(s, 200);
    assert_eq!(got["maximumFileSize"], 1000);

    let (s, f) = api.upload("docs", "big", "big.txt", vec![b'a'; 1001]).await;
    assert_error(s, &f, 400, "storage_invalid_file_size");
    let (s, f) = api.upload("docs", "img", "x.png", b"nope".to_vec()).await;
    assert_error(s, &f, 400, "storage_file_type_unsupported");
    let (s, f) = api.upload("docs", "empty", "e.txt", Vec::new()).await;
    assert_error(s, &f, 400, "storage_file_empty");
    let (s, f) = api.upload("docs", "ok", "ok.txt", b"fine".to_vec()).await;
    assert_eq!(s, 201, "{f}");
    let (s, f) = api.upload("docs", "ok", "ok.txt", b"again".to_vec()).await;
    assert_error(s, &f, 409, "storage_file_already_exists");

    let (s, body) = api.delete("/storage/buckets/docs").await;
    assert_eq!((s, body.as_str()), (204, ""));
    let (s, b) = api.get("/storage/buckets/docs").await;
    assert_error(s, &b, 404, "storage_bucket_not_found");
    let (s, b) = api.delete("/storage/buckets/docs").await;
    assert_eq!(s, 404, "{b}");
    assert!(common::validate_recorded(&api.sb) > 5);
}

#[tokio::test]
async fn files_shape_signature_and_delete() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let (s, f) = api
        .upload("b", "unique()", "hello.txt", b"abc".to_vec())
        .await;
    assert_eq!(s, 201, "{f}");
    assert_eq!(f["$id"].as_str().unwrap().len(), 20);
    assert_eq!(f["signature"], "900150983cd24fb0d6963f7d28e17f72");
    assert_eq!(f["mimeType"], "text/plain");
    assert_eq!(
        (
            f["sizeOriginal"].as_u64(),
            f["chunksTotal"].as_u64(),
            f["chunksUploaded"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    assert_eq!(f["bucketId"], "b");
    let id = f["$id"].as_str().unwrap().to_string();
    let (s, got) = api.get(&format!("/storage/buckets/b/files/{id}")).await;
    assert_eq!((s, &got["name"]), (200, &json!("hello.txt")));
    let (s, body) = api.delete(&format!("/storage/buckets/b/files/{id}")).await;
    assert_eq!((s, body.as_str()), (204, ""));
    let (s, b) = api.get(&format!("/storage/buckets/b/files/{id}")).await;
    assert_error(s, &b, 404, "storage_file_not_found");
    let (s, b) = api.get("/storage/buckets/nope/files").await;
    assert_error(s, &b, 404, "storage_bucket_not_found");
    assert!(common::validate_recorded(&api.sb) >= 4);
}

fn ids(list: &serde_json::Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["$id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn queries_filter_order_and_page() {
    let api = Api::empty().await;
    api.create_bucket("q", json!({})).await;
    for (id, name, size) in [
        ("f1", "b.png", 30),
        ("f2", "a.txt", 10),
        ("f3", "c.png", 20),
        ("f4", "report 2024.pdf", 40),
    ] {
        let (s, f) = api.upload("q", id, name, vec![b'x'; size]).await;
        assert_eq!(s, 201, "{f}");
    }
    let path = "/storage/buckets/q/files";
    let (_, all) = api.list(path, &[]).await;
    assert_eq!(
        (all["total"].as_u64(), ids(&all, "files")),
        (
            Some(4),
            vec!["f1".to_string(), "f2".into(), "f3".into(), "f4".into()]
        )
    );
    let (_, l) = api
        .list(
            path,
            &[
                json!({"method":"limit","values":[2]}),
                json!({"method":"offset","values":[1]}),
            ],
        )
        .await;
    assert_eq!(
        (l["total"].as_u64(), ids(&l, "files")),
        (Some(4), vec!["f2".to_string(), "f3".into()])
    );
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"orderDesc","attribute":"sizeOriginal"})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f4", "f1", "f3", "f2"]);
    let (_, l) = api
        .list(path, &[json!({"method":"orderAsc","attribute":"name"})])
        .await;
    assert_eq!(ids(&l, "files"), ["f2", "f1", "f3", "f4"]);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"endsWith","attribute":"name","values":[".png"]})],
        )
        .await;
    assert_eq!(
        (l["total"].as_u64(), ids(&l, "files")),
        (Some(2), vec!["f1".to_string(), "f3".into()])
    );
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"startsWith","attribute":"name","values":["rep"]})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f4"]);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"equal","attribute":"name","values":["a.txt","c.png"]})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f2", "f3"]);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"notEqual","attribute":"name","values":["a.txt"]})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f1", "f3", "f4"]);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"greaterThanEqual","attribute":"sizeOriginal","values":[30]})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f1", "f4"]);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"lessThan","attribute":"sizeOriginal","values":[20]})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f2"]);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"between","attribute":"sizeOriginal","values":[20, 30]})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f1", "f3"]);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"isNotNull","attribute":"signature"})],
        )
        .await;
    assert_eq!(l["total"], 4);
    let (_, l) = api
        .list(path, &[json!({"method":"isNull","attribute":"signature"})])
        .await;
    assert_eq!(l["total"], 0);
    let (_, l) = api
        .list(
            path,
            &[json!({"method":"search","attribute":"name","values":["repo"]})],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f4"]);
    let (_, l) = api
        .list(
            path,
            &[
                json!({"method":"cursorAfter","values":["f2"]}),
                json!({"method":"limit","values":[1]}),
            ],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f3"]);
    let (_, l) = api
        .list(
            path,
            &[
                json!({"method":"cursorBefore","values":["f4"]}),
                json!({"method":"limit","values":[2]}),
            ],
        )
        .await;
    assert_eq!(ids(&l, "files"), ["f2", "f3"]);
    let (_, l) = send(api.req(Method::GET, path).query(&[("search", "png")])).await;
    assert_eq!(ids(&l, "files"), ["f1", "f3"]);
    let (_, l) = send(api.req(Method::GET, path).query(&[("total", "false")])).await;
    assert_eq!(
        (l["total"].as_u64(), l["files"].as_array().unwrap().len()),
        (Some(0), 4)
    );
    let (_, l) = send(api.req(Method::GET, path).query(&[("total", "0")])).await;
    assert_eq!(l["total"], 0);

    let (s, b) = api
        .list(path, &[json!({"method":"cursorAfter","values":["ghost"]})])
        .await;
    assert_error(s, &b, 400, "general_cursor_not_found");
    let (s, b) = api
        .list(
            path,
            &[json!({"method":"equal","attribute":"colour","values":["red"]})],
        )
        .await;
    assert_error(s, &b, 400, "general_argument_invalid");
    assert_eq!(
        b["message"],
        "Invalid `queries` param: Invalid query: Attribute not found in schema: colour"
    );
    let (s, b) = send(
        api.req(Method::GET, path)
            .query(&[("queries[0]", "{not json")]),
    )
    .await;
    assert_error(s, &b, 400, "general_argument_invalid");
    assert!(b["message"]
        .as_str()
        .unwrap()
        .starts_with("Invalid `queries` param: Invalid query: "));
    let (s, b) = api
        .list(path, &[json!({"method":"limit","values":[0]})])
        .await;
    assert_error(s, &b, 400, "general_argument_invalid");
    let (s, b) = send(
        api.req(Method::GET, path)
            .query(&[("search", "x".repeat(257))]),
    )
    .await;
    assert_error(s, &b, 400, "general_argument_invalid");
    let (_, l) = api
        .list(
            "/storage/buckets",
            &[json!({"method":"equal","attribute":"$id","values":["q"]})],
        )
        .await;
    assert_eq!(ids(&l, "buckets"), ["q"]);
    assert!(common::validate_recorded(&api.sb) > 20);
}

#[tokio::test]
async fn demo_seed_scale_bucket_pages_and_caps_total() {
    let api = Api::demo().await;
    let (s, l) = api.list("/storage/buckets", &[]).await;
    assert_eq!(s, 200);
    assert!(l["total"].as_u64().unwrap() >= 4);
    for id in seed::BUCKET_IDS {
        assert!(ids(&l, "buckets").contains(&id.to_string()), "{id}");
    }
    let path = format!("/storage/buckets/{SCALE_BUCKET_ID}/files");
    let (_, l) = api
        .list(&path, &[json!({"method":"limit","values":[100]})])
        .await;
    assert_eq!(l["total"], 5000, "total is capped");
    assert_eq!(l["files"].as_array().unwrap().len(), 100);
    // Walk the whole bucket with cursors.
    let mut seen = 0;
    let mut cursor: Option<String> = None;
    loop {
        let mut q = vec![json!({"method":"limit","values":[1000]})];
        if let Some(c) = &cursor {
            q.push(json!({"method":"cursorAfter","values":[c]}));
        }
        let (s, page) = send(
            api.req(Method::GET, &path)
                .query(&common::queries_param(&q))
                .query(&[("total", "false")]),
        )
        .await;
        assert_eq!(s, 200);
        let page = ids(&page, "files");
        if page.is_empty() {
            break;
        }
        seen += page.len();
        cursor = page.last().cloned();
    }
    assert_eq!(seen, SCALE_FILE_COUNT);
    let (s, f) = api
        .get(&format!(
            "{path}/{}",
            seed::scale_file_id(SCALE_FILE_COUNT - 1)
        ))
        .await;
    assert_eq!(s, 200, "{f}");
    let r = api
        .req(
            Method::GET,
            &format!("{path}/{}/view", seed::scale_file_id(7)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.text().await.unwrap(),
        String::from_utf8(seed::scale_file_bytes(7)).unwrap()
    );
    assert!(common::validate_recorded(&api.sb) > 5);
}
