//! What the client sends and reads for the newest server's folders and bucket fields, checked
//! against a recording loopback server (axum): the `folder` field with every part of an upload,
//! the folder filters and `select` on the wire, a selected answer read as ids and folders, and a
//! 1.8.1 refusal naming the attribute it lacks.

use std::sync::{Arc, Mutex};

use appwrite_rest::{Client, FileUpload, ListOptions, NewBucket, Query, RetryPolicy, CHUNK_SIZE};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::TryStreamExt;

/// One request as the server saw it: method, path, the decoded `queries[]`, and the text fields
/// of a multipart body (the file part's name is recorded as `file`, its bytes counted).
#[derive(Debug, Clone, Default)]
struct Seen {
    method: String,
    path: String,
    queries: Vec<String>,
    fields: Vec<(String, String)>,
    json: Option<serde_json::Value>,
}

impl Seen {
    fn field(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Answers pages of files from `pages` in turn (each a JSON array of file objects), uploads with
/// a File that echoes the folder sent, and bucket creation with a bucket; keeps every request.
#[derive(Clone, Default)]
struct Server {
    seen: Arc<Mutex<Vec<Seen>>>,
    pages: Arc<Mutex<Vec<Response>>>,
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn file_json(id: &str, folder: Option<&str>, chunks: (u64, u64)) -> String {
    let folder = folder
        .map(|f| format!(r#","folder":"{f}","key":"{f}{id}.bin""#))
        .unwrap_or_default();
    format!(
        r#"{{"$id":"{id}","bucketId":"b","$createdAt":"2026-01-05T14:03:00.000+00:00",
        "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"name":"{id}.bin",
        "signature":"","mimeType":"application/octet-stream","sizeOriginal":1,
        "chunksTotal":{},"chunksUploaded":{}{folder}}}"#,
        chunks.1, chunks.0
    )
}

async fn record(State(server): State<Server>, req: Request) -> Response {
    let mut seen = Seen {
        method: req.method().to_string(),
        path: req.uri().path().to_owned(),
        ..Seen::default()
    };
    let query = req.uri().query().unwrap_or("").to_owned();
    seen.queries = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k.starts_with("queries["))
        .map(|(_, v)| v.into_owned())
        .collect();
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    let range = req
        .headers()
        .get(header::CONTENT_RANGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let method = req.method().clone();
    if is_multipart {
        let mut form = Multipart::from_request(req, &()).await.unwrap();
        while let Some(field) = form.next_field().await.unwrap() {
            let name = field.name().unwrap_or("").to_owned();
            if name == "file" {
                let bytes = field.bytes().await.unwrap();
                seen.fields.push((name, bytes.len().to_string()));
            } else {
                seen.fields.push((name, field.text().await.unwrap()));
            }
        }
    } else if method == Method::POST {
        let bytes = axum::body::to_bytes(req.into_body(), 1 << 20)
            .await
            .unwrap();
        seen.json = serde_json::from_slice(&bytes).ok();
    }
    server.seen.lock().unwrap().push(seen.clone());

    match (method, seen.path.as_str()) {
        (Method::POST, "/v1/storage/buckets/b/files") => {
            // `bytes start-end/size`: which chunk of how many this is.
            let chunks = match range {
                Some(range) => {
                    let (span, size) = range["bytes ".len()..].split_once('/').unwrap();
                    let end: u64 = span.split_once('-').unwrap().1.parse().unwrap();
                    let size: u64 = size.parse().unwrap();
                    ((end + 1).div_ceil(CHUNK_SIZE), size.div_ceil(CHUNK_SIZE))
                }
                None => (1, 1),
            };
            let folder = seen.field("folder").first().map(|f| f.to_string());
            let id = seen.field("fileId")[0].to_owned();
            let id = if id == "unique()" { "made-up" } else { &id };
            json_response(
                StatusCode::CREATED,
                file_json(id, Some(folder.as_deref().unwrap_or("")), chunks),
            )
        }
        (Method::GET, path) if path.starts_with("/v1/storage/buckets/b/files/") => json_response(
            StatusCode::NOT_FOUND,
            r#"{"message":"File not found","code":404,"type":"storage_file_not_found","version":"2.5.0"}"#
                .to_owned(),
        ),
        (Method::POST, "/v1/storage/buckets") => json_response(
            StatusCode::CREATED,
            r#"{"$id":"nb","$createdAt":"2026-01-05T14:03:00.000+00:00",
            "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"fileSecurity":false,
            "name":"N","enabled":true,"maximumFileSize":30000000,"allowedFileExtensions":[],
            "compression":"none","encryption":true,"antivirus":true,"transformations":true,
            "totalSize":0,"description":"Receipts","stripMetadata":true}"#
                .to_owned(),
        ),
        _ => {
            let mut pages = server.pages.lock().unwrap();
            if pages.is_empty() {
                json_response(StatusCode::OK, r#"{"total":0,"files":[]}"#.to_owned())
            } else {
                pages.remove(0)
            }
        }
    }
}

impl Server {
    async fn start(pages: Vec<Response>) -> (Self, Client) {
        let server = Server {
            pages: Arc::new(Mutex::new(pages)),
            ..Server::default()
        };
        let app = Router::new()
            .fallback(record)
            .layer(DefaultBodyLimit::max(16 << 20))
            .with_state(server.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let client = Client::builder(format!("http://{addr}/v1"), "p", "standard_key")
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        (server, client)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn page(items: &str) -> Response {
    json_response(
        StatusCode::OK,
        format!(r#"{{"total":0,"files":[{items}]}}"#),
    )
}

#[tokio::test]
async fn an_upload_into_a_folder_sends_the_folder_with_every_part() {
    let (server, client) = Server::start(Vec::new()).await;
    let files = client.files("b");

    let small = files
        .create(FileUpload::from_bytes("small", "small.bin", vec![1u8; 10]).folder("a/b/"))
        .await
        .unwrap();
    assert_eq!(small.folder.as_deref(), Some("a/b/"));
    assert_eq!(small.full_key(), "a/b/small.bin");

    let big = vec![7u8; (CHUNK_SIZE + CHUNK_SIZE / 2) as usize];
    let chunked = files
        .create(FileUpload::from_bytes("big", "big.bin", big).folder("2026/summer/"))
        .await
        .unwrap();
    assert!(chunked.is_complete());
    assert_eq!(chunked.folder.as_deref(), Some("2026/summer/"));

    let at_root = files
        .create(FileUpload::from_bytes("root", "root.bin", vec![1u8]))
        .await
        .unwrap();
    assert_eq!(at_root.folder_path(), "");

    // (A custom id is looked up first, to resume an unfinished upload.)
    let seen: Vec<Seen> = server
        .seen()
        .into_iter()
        .filter(|s| s.method == "POST")
        .collect();
    assert_eq!(seen.len(), 4, "one part, two chunks, one part: {seen:?}");
    assert_eq!(seen[0].field("folder"), ["a/b/"]);
    for chunk in &seen[1..3] {
        assert_eq!(chunk.field("folder"), ["2026/summer/"], "{chunk:?}");
        assert_eq!(chunk.field("fileId"), ["big"]);
        assert_eq!(chunk.field("file").len(), 1);
    }
    assert!(
        seen[3].field("folder").is_empty(),
        "the root needs no field: {:?}",
        seen[3]
    );
}

#[tokio::test]
async fn folder_filters_and_select_go_out_as_queries_and_a_selected_answer_reads() {
    let (server, client) = Server::start(vec![
        page(&file_json("f1", Some("a/"), (1, 1))),
        // What `select(["folder"])` answers: ids and folders only.
        page(r#"{"$id":"x","folder":"a/b/"},{"$id":"y","folder":""}"#),
    ])
    .await;
    let files = client.files("b");

    let listed = files
        .list(&ListOptions::new().query(Query::in_folder("a/")).limit(5))
        .await
        .unwrap();
    assert_eq!(listed.items[0].folder.as_deref(), Some("a/"));

    let folders = files
        .list_folders(&ListOptions::new().query(Query::not_in_folder("")).limit(2))
        .await
        .unwrap();
    let got: Vec<(&str, &str)> = folders
        .items
        .iter()
        .map(|f| (f.id.as_str(), f.folder_path()))
        .collect();
    assert_eq!(got, [("x", "a/b/"), ("y", "")]);

    let seen = server.seen();
    assert_eq!(
        seen[0].queries,
        [
            r#"{"method":"equal","attribute":"folder","values":["a/"]}"#,
            r#"{"method":"limit","values":[5]}"#
        ]
    );
    assert_eq!(
        seen[1].queries,
        [
            r#"{"method":"notEqual","attribute":"folder","values":[""]}"#,
            r#"{"method":"limit","values":[2]}"#,
            r#"{"method":"select","values":["folder"]}"#
        ]
    );
}

#[tokio::test]
async fn a_folder_walk_selects_the_folder_on_every_page_and_follows_the_cursor() {
    let (server, client) = Server::start(vec![
        page(r#"{"$id":"1","folder":"a/"},{"$id":"2","folder":"a/b/"}"#),
        page(r#"{"$id":"3","folder":"c/"}"#),
    ])
    .await;
    let walked: Vec<String> = client
        .files("b")
        .stream_folders(ListOptions::new().query(Query::under_folder("a")), 2)
        .map_ok(|f| format!("{}:{}", f.id, f.folder_path()))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(walked, ["1:a/", "2:a/b/", "3:c/"]);
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "a short page ends the walk");
    for request in &seen {
        assert_eq!(
            request.queries.first().map(String::as_str),
            Some(r#"{"method":"startsWith","attribute":"folder","values":["a"]}"#)
        );
        assert_eq!(
            request.queries.last().map(String::as_str),
            Some(r#"{"method":"select","values":["folder"]}"#)
        );
    }
    assert!(seen[1]
        .queries
        .contains(&r#"{"method":"cursorAfter","values":["2"]}"#.to_owned()));
}

#[tokio::test]
async fn a_server_without_folders_refuses_the_filter_naming_the_attribute() {
    let refusal = json_response(
        StatusCode::BAD_REQUEST,
        r#"{"message":"Invalid `queries` param: Invalid query: Attribute not found in schema: folder","code":400,"type":"general_argument_invalid","version":"1.8.1"}"#
            .to_owned(),
    );
    let (_server, client) = Server::start(vec![refusal]).await;
    let error = client
        .files("b")
        .list(&ListOptions::new().query(Query::in_folder("")))
        .await
        .unwrap_err();
    assert_eq!(error.unknown_attribute(), Some("folder"));
    assert_eq!(error.api_kind(), Some("general_argument_invalid"));
}

#[tokio::test]
async fn a_new_bucket_sends_its_description_and_reads_the_newest_fields() {
    let (server, client) = Server::start(Vec::new()).await;
    let mut body = NewBucket::new("nb", "N");
    body.description = Some("Receipts".into());
    body.strip_metadata = Some(true);
    let bucket = client.buckets().create(&body).await.unwrap();
    assert_eq!(bucket.description.as_deref(), Some("Receipts"));
    assert_eq!(bucket.strip_metadata, Some(true));
    assert_eq!(bucket.total_size, Some(0));
    let sent = server.seen()[0].json.clone().unwrap();
    assert_eq!(sent["description"], "Receipts");
    assert_eq!(sent["stripMetadata"], true);
}
