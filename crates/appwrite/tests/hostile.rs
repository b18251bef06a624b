//! The client against a misbehaving server (real axum servers on loopback): redirects towards a
//! second server that records every request, lists that never end, endless or trickling bodies,
//! web pages, a connection closed mid-body (a raw socket, since a server library finishes what
//! it starts) and bodies that are not JSON. Each ends in a typed error that
//! says what to do, with memory bounded and the key never reaching the other server.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use appwrite_rest::{
    AnswerKind, Client, Error, FileUpload, ListOptions, PreviewOptions, ReadLimits, RetryPolicy,
};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use bytes::Bytes;
use futures_util::{stream, StreamExt, TryStreamExt};

const KEY: &str = "standard_hostile_test_key_0123456789";
/// Every endless body is 1 GiB in 64 KiB chunks: far past any limit, sent as fast as it is read.
const CHUNK: usize = 64 << 10;
const ENDLESS_CHUNKS: usize = (1 << 30) / CHUNK;

/// Serves `router` on a fresh loopback port; returns `127.0.0.1:<port>`.
async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

/// The other server: answers everything with an empty bucket list and keeps every request's
/// path and headers.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<(String, HeaderMap)>>>,
}

impl Recorder {
    async fn start() -> (Self, String) {
        let recorder = Recorder::default();
        let app = Router::new()
            .fallback(|State(r): State<Recorder>, req: Request| async move {
                let path = req.uri().path().to_owned();
                r.seen.lock().unwrap().push((path, req.headers().clone()));
                json(StatusCode::OK, r#"{"total":0,"buckets":[]}"#)
            })
            .with_state(recorder.clone());
        let addr = serve(app).await;
        (recorder, addr)
    }

    fn requests(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

/// The misbehaving server: `/<scenario>/v1/...` picks the misbehaviour.
#[derive(Clone)]
struct Hostile {
    recorder: String,
    requests: Arc<AtomicU64>,
}

struct Harness {
    hostile: String,
    hostile_requests: Arc<AtomicU64>,
    recorder: Recorder,
    recorder_addr: String,
}

impl Harness {
    async fn start() -> Self {
        let (recorder, recorder_addr) = Recorder::start().await;
        let state = Hostile {
            recorder: recorder_addr.clone(),
            requests: Arc::new(AtomicU64::new(0)),
        };
        let hostile_requests = state.requests.clone();
        let hostile = serve(Router::new().fallback(misbehave).with_state(state)).await;
        Harness {
            hostile,
            hostile_requests,
            recorder,
            recorder_addr,
        }
    }

    fn endpoint(&self, scenario: &str) -> String {
        format!("http://{}/{scenario}/v1", self.hostile)
    }

    fn client_with(&self, scenario: &str, limits: ReadLimits, timeout: Duration) -> Client {
        Client::builder(self.endpoint(scenario), "hostile", KEY)
            .timeout(timeout)
            .retry_policy(RetryPolicy::none())
            .read_limits(limits)
            .build()
            .unwrap()
    }

    fn client(&self, scenario: &str) -> Client {
        self.client_with(scenario, ReadLimits::default(), Duration::from_secs(60))
    }

    /// The promise every scenario keeps: the other server never saw a request, so never the key.
    fn assert_key_stayed_home(&self) {
        assert_eq!(self.recorder.requests(), 0, "the other server was reached");
    }
}

fn json(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A 1 GiB body of `fill`.
fn endless(fill: u8) -> Body {
    let chunk = Bytes::from(vec![fill; CHUNK]);
    Body::from_stream(
        stream::repeat(chunk)
            .take(ENDLESS_CHUNKS)
            .map(Ok::<_, std::io::Error>),
    )
}

fn file_json(id: &str, size: u64) -> String {
    format!(
        r#"{{"$id":"{id}","bucketId":"b","$createdAt":"2026-01-05T14:03:00.000+00:00",
        "$updatedAt":"2026-01-05T14:03:00.000+00:00","$permissions":[],"name":"{id}.bin",
        "signature":"","mimeType":"application/octet-stream","sizeOriginal":{size},
        "chunksTotal":1,"chunksUploaded":1}}"#
    )
}

fn files_page(ids: impl Iterator<Item = String>) -> Response {
    let files: Vec<String> = ids.map(|id| file_json(&id, 1)).collect();
    let body = format!(r#"{{"total":100,"files":[{}]}}"#, files.join(","));
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

async fn misbehave(State(h): State<Hostile>, req: Request) -> Response {
    let served = h.requests.fetch_add(1, Ordering::SeqCst);
    let path = req.uri().path().to_owned();
    let (scenario, rest) = path
        .trim_start_matches('/')
        .split_once("/v1")
        .unwrap_or(("", ""));
    let ok = StatusCode::OK;
    match scenario {
        code if code.starts_with("redirect-") => {
            let status = StatusCode::from_u16(code[9..].parse().unwrap()).unwrap();
            let query = req
                .uri()
                .query()
                .map(|q| format!("?{q}"))
                .unwrap_or_default();
            let location = format!("http://{}/v1{rest}{query}", h.recorder);
            (status, [(header::LOCATION, location)]).into_response()
        }
        "same-page" => files_page((0..100).map(|i| format!("same-{i}"))),
        "new-ids" => files_page((0..100).map(|i| format!("id-{served}-{i}"))),
        "endless-json" => (
            ok,
            [(header::CONTENT_TYPE, "application/json")],
            endless(b' '),
        )
            .into_response(),
        "announced-json" => (
            ok,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CONTENT_LENGTH, "1073741824"),
            ],
            endless(b' '),
        )
            .into_response(),
        "endless-error" => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "application/json")],
            endless(b'x'),
        )
            .into_response(),
        "endless-view" => {
            (ok, [(header::CONTENT_TYPE, "image/jpeg")], endless(0xff)).into_response()
        }
        "endless-preview" => {
            (ok, [(header::CONTENT_TYPE, "image/png")], endless(0x89)).into_response()
        }
        "trickle-preview" => {
            let trickle = stream::unfold((), |()| async {
                tokio::time::sleep(Duration::from_millis(20)).await;
                Some((Ok::<_, std::io::Error>(Bytes::from_static(b"\x89")), ()))
            });
            (
                ok,
                [(header::CONTENT_TYPE, "image/png")],
                Body::from_stream(trickle),
            )
                .into_response()
        }
        "html-preview" | "web-page" => (
            ok,
            [(header::CONTENT_TYPE, "text/html")],
            "<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>",
        )
            .into_response(),
        "endless-download" if rest.ends_with("/download") => (
            ok,
            [(header::CONTENT_TYPE, "application/octet-stream")],
            endless(b'd'),
        )
            .into_response(),
        "endless-download" => {
            let body = file_json("f", 1 << 20);
            (ok, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        "bad-utf8" => (
            ok,
            [(header::CONTENT_TYPE, "application/json")],
            &b"{\"total\":1,\"buckets\":[{\"$id\":\"\xff\xfe\xfd\"}]}"[..],
        )
            .into_response(),
        "truncated" => json(ok, r#"{"total":2,"buckets":[{"$id":"a","name":"#),
        _ => json(
            StatusCode::NOT_FOUND,
            r#"{"message":"no","code":404,"type":"x"}"#,
        ),
    }
}

/// The process's peak resident memory so far, in bytes.
fn peak_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[tokio::test]
async fn a_redirect_is_refused_and_the_key_never_reaches_the_other_server() {
    let h = Harness::start().await;
    // Reached directly, the other server does see the key: the recording works.
    let direct = Client::new(format!("http://{}/v1", h.recorder_addr), "p", KEY).unwrap();
    direct.buckets().list(&ListOptions::new()).await.unwrap();
    let seen = h
        .recorder
        .seen
        .lock()
        .unwrap()
        .drain(..)
        .collect::<Vec<_>>();
    assert_eq!(seen[0].1["x-appwrite-key"], KEY);

    let elsewhere = format!("http://{}/v1", h.recorder_addr);
    for status in [301, 302, 303, 307, 308] {
        let client = h.client(&format!("redirect-{status}"));
        let errors = [
            client
                .buckets()
                .list(&ListOptions::new())
                .await
                .unwrap_err(),
            client.tokens().create("b", "f", None).await.unwrap_err(),
            client.files("b").delete("f").await.unwrap_err(),
            client
                .files("b")
                .create(FileUpload::from_bytes("f", "f.txt", &b"hello"[..]))
                .await
                .unwrap_err(),
        ];
        for err in errors {
            assert_eq!(err.code(), "redirect", "{status}: {err}");
            assert_eq!(err.status(), Some(status));
            assert_eq!(err.suggested_endpoint(), Some(elsewhere.as_str()));
            let text = err.to_string();
            assert!(
                text.starts_with(&format!(
                    "The endpoint answered with a redirect to {elsewhere}. Use that address"
                )),
                "{text}"
            );
            assert!(!format!("{err:?}{err}").contains(KEY));
        }
    }
    assert_eq!(h.hostile_requests.load(Ordering::SeqCst), 20);
    h.assert_key_stayed_home();
}

#[tokio::test]
async fn a_list_whose_cursor_never_advances_stops_with_a_clear_error() {
    let h = Harness::start().await;
    let client = h.client("same-page");
    let items: Vec<_> = client
        .files("b")
        .stream(ListOptions::new(), 100)
        .collect()
        .await;
    assert_eq!(items.len(), 101, "one page, then the error");
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.code(), "endless_list");
    assert!(err.to_string().contains("check the endpoint"), "{err}");
    assert_eq!(h.hostile_requests.load(Ordering::SeqCst), 2);
    h.assert_key_stayed_home();
}

#[tokio::test]
async fn a_list_of_ever_new_items_stops_at_the_cap() {
    let h = Harness::start().await;
    let limits = ReadLimits {
        list_items: 2_000,
        ..ReadLimits::default()
    };
    let client = h.client_with("new-ids", limits, Duration::from_secs(60));
    let result: Result<Vec<_>, Error> = client
        .files("b")
        .stream(ListOptions::new(), 100)
        .try_collect()
        .await;
    let err = result.unwrap_err();
    assert_eq!(err.code(), "endless_list");
    assert!(err.to_string().contains("past 2000 items"), "{err}");
    assert!(err.to_string().contains("search or a filter"), "{err}");
    assert_eq!(h.hostile_requests.load(Ordering::SeqCst), 21);
    h.assert_key_stayed_home();
}

#[tokio::test]
async fn endless_bodies_stop_at_the_default_limits_with_memory_bounded() {
    let h = Harness::start().await;
    let before = peak_memory();
    let too_large = |err: &Error, status: u16, limit: u64| {
        assert_eq!(err.code(), "response_too_large", "{err}");
        assert_eq!(err.status(), Some(status));
        assert!(matches!(err, Error::ResponseTooLarge { limit: l, .. } if *l == limit));
    };

    let json = h
        .client("endless-json")
        .buckets()
        .list(&ListOptions::new())
        .await;
    let err = json.unwrap_err();
    too_large(&err, 200, 32 << 20);
    assert!(err.to_string().contains("larger than 32 MiB"), "{err}");
    assert!(err.to_string().contains("Check the endpoint"), "{err}");

    let announced = h
        .client("announced-json")
        .buckets()
        .get("b")
        .await
        .unwrap_err();
    too_large(&announced, 200, 32 << 20);

    let error = h
        .client("endless-error")
        .buckets()
        .get("b")
        .await
        .unwrap_err();
    too_large(&error, 500, 64 << 10);
    assert!(error.to_string().contains("(HTTP 500)"), "{error}");

    let err = h
        .client("endless-preview")
        .files("b")
        .preview("f", &PreviewOptions::default())
        .await
        .unwrap_err();
    too_large(&err, 200, 8 << 20);
    assert!(err.to_string().contains("smaller preview"), "{err}");

    let view = h.client("endless-view").files("b").view_bytes("f").await;
    let err = view.unwrap_err();
    too_large(&err, 200, 8 << 20);
    assert!(err.to_string().contains("Download it instead"), "{err}");

    let mut sink = tokio::io::sink();
    let download = h
        .client("endless-download")
        .files("b")
        .download("f", &mut sink)
        .await;
    let err = download.unwrap_err();
    too_large(&err, 200, 1 << 20);
    assert!(
        err.to_string().contains("more than the 1 MiB it announced"),
        "{err}"
    );

    let grown = peak_memory().saturating_sub(before);
    assert!(grown < 100 << 20, "peak memory grew by {} MiB", grown >> 20);
    h.assert_key_stayed_home();
}

#[tokio::test]
async fn a_trickling_preview_stops_at_the_total_time_limit() {
    let h = Harness::start().await;
    let client = h.client_with(
        "trickle-preview",
        ReadLimits::default(),
        Duration::from_millis(500),
    );
    let err = client
        .files("b")
        .preview("f", &PreviewOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "timeout", "{err}");
    let text = err.to_string();
    assert!(text.contains("did not answer within 500 ms"), "{text}");
    assert!(text.contains("try again"), "{text}");
    h.assert_key_stayed_home();
}

#[tokio::test]
async fn a_web_page_says_to_check_the_endpoint_without_showing_it() {
    let h = Harness::start().await;
    let expected = "This address answered, but not as Appwrite does (it sent a web page). Check \
                    the endpoint: it usually ends in /v1.";
    let list = h
        .client("web-page")
        .buckets()
        .list(&ListOptions::new())
        .await;
    let err = list.unwrap_err();
    assert_eq!(err.code(), "decode");
    assert_eq!(err.to_string(), expected);
    assert!(matches!(
        err,
        Error::Decode {
            answer: AnswerKind::WebPage,
            ..
        }
    ));
    assert!(err.excerpt().unwrap().contains("Welcome to nginx"));

    let err = h
        .client("html-preview")
        .files("b")
        .preview("f", &PreviewOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), expected);
    h.assert_key_stayed_home();
}

/// A server that sends the head and the start of a 4 KiB body, then closes the connection.
async fn closes_mid_body() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                          Content-Length: 4096\r\n\r\n{\"total\":0,\"buckets\":[";
            let _ = socket.write_all(answer.as_bytes()).await;
            let _ = socket.shutdown().await;
        }
    });
    addr
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_a_network_error() {
    let addr = closes_mid_body().await;
    let client = Client::builder(format!("http://{addr}/v1"), "p", KEY)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "network", "{err}");
    let text = err.to_string();
    assert!(
        text.contains("broke while the answer was being read"),
        "{text}"
    );
    assert!(
        text.contains("Check your internet connection and try again"),
        "{text}"
    );
}

#[tokio::test]
async fn invalid_utf8_and_truncated_json_say_what_the_server_sent() {
    let h = Harness::start().await;
    let cases = [
        (
            "bad-utf8",
            AnswerKind::NotText,
            "(it sent data that is not text)",
        ),
        (
            "truncated",
            AnswerKind::CutOff,
            "stopped before it was complete",
        ),
    ];
    for (scenario, kind, words) in cases {
        let err = h
            .client(scenario)
            .buckets()
            .list(&ListOptions::new())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "decode", "{scenario}: {err}");
        assert!(
            matches!(&err, Error::Decode { answer, .. } if *answer == kind),
            "{err:?}"
        );
        let text = err.to_string();
        assert!(text.contains(words), "{scenario}: {text}");
        assert!(text.contains("/v1"), "{scenario}: {text}");
        for parser_word in ["line", "column", "EOF", "expected"] {
            assert!(!text.contains(parser_word), "{scenario}: {text}");
        }
    }
    h.assert_key_stayed_home();
}
