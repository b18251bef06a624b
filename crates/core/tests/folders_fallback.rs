//! The folder index against servers the sandbox does not imitate (a scripted loopback server):
//! one that has folders but refuses `select` is walked whole instead, and one that refuses it and
//! sends no folders is found flat from its first page, without walking the rest.

use std::sync::{Arc, Mutex};

use appwrite_rest::{Client, RetryPolicy};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use bucketdesk_core::folders::Folders;

/// Serves `folders` (one file each, `None`: a file without the field) in pages as asked, refusing
/// any `select`; keeps each request's queries.
#[derive(Clone)]
struct NoSelect {
    folders: Arc<Vec<Option<&'static str>>>,
    seen: Arc<Mutex<Vec<Vec<String>>>>,
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn file(i: usize, folder: Option<&str>) -> String {
    let folder = folder
        .map(|f| format!(r#","folder":"{f}""#))
        .unwrap_or_default();
    format!(
        r#"{{"$id":"f{i:03}","bucketId":"b","$createdAt":"2026-01-05T14:03:00.000+00:00",
        "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"name":"f{i}.txt",
        "signature":"","mimeType":"text/plain","sizeOriginal":1,"chunksTotal":1,
        "chunksUploaded":1{folder}}}"#
    )
}

async fn answer(State(server): State<NoSelect>, req: Request) -> Response {
    let query = req.uri().query().unwrap_or("").to_owned();
    let queries: Vec<String> = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k.starts_with("queries["))
        .map(|(_, v)| v.into_owned())
        .collect();
    server.seen.lock().unwrap().push(queries.clone());
    if queries.iter().any(|q| q.contains(r#""select""#)) {
        return json(
            StatusCode::BAD_REQUEST,
            r#"{"message":"Invalid `queries` param: Invalid query method: select","code":400,"type":"general_argument_invalid","version":"2.5.0"}"#.to_owned(),
        );
    }
    let number = |method: &str| {
        queries.iter().find_map(|q| {
            let v: serde_json::Value = serde_json::from_str(q).ok()?;
            (v["method"] == method).then(|| v["values"][0].clone())
        })
    };
    let limit = number("limit").and_then(|v| v.as_u64()).unwrap_or(25) as usize;
    let start = number("cursorAfter")
        .and_then(|v| v.as_str().map(|id| id[1..].parse::<usize>().unwrap() + 1))
        .unwrap_or(0);
    let page: Vec<String> = server
        .folders
        .iter()
        .enumerate()
        .skip(start)
        .take(limit)
        .map(|(i, folder)| file(i, *folder))
        .collect();
    json(
        StatusCode::OK,
        format!(r#"{{"total":0,"files":[{}]}}"#, page.join(",")),
    )
}

async fn serve(folders: Vec<Option<&'static str>>) -> (Client, Arc<Mutex<Vec<Vec<String>>>>) {
    let server = NoSelect {
        folders: Arc::new(folders),
        seen: Arc::default(),
    };
    let seen = server.seen.clone();
    let app = Router::new().fallback(answer).with_state(server);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = Client::builder(format!("http://{addr}/v1"), "p", "standard_key")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    (client, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_refusing_select_is_walked_whole_for_its_folders() {
    // 250 files: three pages of whole files after the refused select.
    let folders: Vec<Option<&str>> = (0..250)
        .map(|i| Some(["", "a/", "a/b/", "c/"][i % 4]))
        .collect();
    let (client, seen) = serve(folders).await;
    let index = Folders::new();
    let root = index
        .subfolders(&client, "p".into(), "b".into(), None, false)
        .await
        .unwrap();
    assert!(root.supported);
    let listed: Vec<(&str, u64)> = root
        .folders
        .iter()
        .map(|f| (f.name.as_str(), f.files))
        .collect();
    assert_eq!(listed, [("a", 125), ("c", 62)]);
    let a = index
        .subfolders(&client, "p".into(), "b".into(), Some("a/"), false)
        .await
        .unwrap();
    assert_eq!(a.folders[0].path, "a/b/");
    assert_eq!(a.folders[0].files, 62);
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen.len(),
        1 + 3,
        "the refused select, then the whole walk once"
    );
    assert!(seen[1..]
        .iter()
        .all(|q| q.iter().all(|q| !q.contains("select"))));
    assert_eq!(index.support().known(), Some(true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_refusing_select_without_folders_is_flat_after_one_page() {
    let (client, seen) = serve(vec![None; 1000]).await;
    let index = Folders::new();
    let root = index
        .subfolders(&client, "p".into(), "b".into(), None, false)
        .await
        .unwrap();
    assert!(!root.supported && root.folders.is_empty());
    assert_eq!(
        seen.lock().unwrap().len(),
        2,
        "the refused select and one page"
    );
    assert_eq!(index.support().known(), Some(false));
}
