//! What the client puts on the wire and how it retries, checked against a scripted loopback HTTP
//! server.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use appwrite_rest::{Client, ListOptions, Query, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const BUCKETS: &str = r#"{"total":0,"buckets":[]}"#;

fn answer(status: &str, extra: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    )
}

fn error(status: u16, reason: &str, kind: &str) -> String {
    answer(
        &format!("{status} {reason}"),
        "",
        &format!(r#"{{"message":"scripted","code":{status},"type":"{kind}","version":"1.8.1"}}"#),
    )
}

/// Serves the scripted answers in order, one per connection, and keeps each request's head.
struct Scripted {
    endpoint: String,
    heads: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Scripted {
    async fn start(answers: Vec<String>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}/v1", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let log = heads.clone();
        let task = tokio::spawn(async move {
            for reply in answers {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let mut seen = Vec::new();
                let mut buf = [0u8; 4096];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                log.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&seen).into_owned());
                let _ = socket.write_all(reply.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        Self {
            endpoint,
            heads,
            task,
        }
    }

    fn requests(&self) -> usize {
        self.heads.lock().unwrap().len()
    }

    fn client(&self, policy: RetryPolicy) -> Client {
        Client::builder(&self.endpoint, "proj-1", "key-secret-1")
            .retry_policy(policy)
            .build()
            .unwrap()
    }
}

impl Drop for Scripted {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
        .with_max_retry_after(Duration::from_millis(5))
}

#[tokio::test]
async fn requests_carry_project_key_format_agent_and_indexed_queries() {
    let server = Scripted::start(vec![answer("200 OK", "", BUCKETS)]).await;
    let client = server.client(fast());
    let options = ListOptions::new()
        .limit(5)
        .query(Query::equal("name", "a b"))
        .search("x")
        .total(false);
    client.buckets().list(&options).await.unwrap();
    let head = server.heads.lock().unwrap()[0].to_ascii_lowercase();
    let first_line = head.lines().next().unwrap().to_owned();
    assert!(
        first_line
            .starts_with("get /v1/storage/buckets?queries%5b0%5d=%7b%22method%22%3a%22limit%22"),
        "{first_line}"
    );
    assert!(first_line.contains("&queries%5b1%5d="), "{first_line}");
    assert!(first_line.contains("&search=x&total=0 "), "{first_line}");
    assert!(
        head.contains("\r\nx-appwrite-project: proj-1\r\n"),
        "{head}"
    );
    assert!(
        head.contains("\r\nx-appwrite-key: key-secret-1\r\n"),
        "{head}"
    );
    assert!(
        head.contains("\r\nx-appwrite-response-format: 1.8.0\r\n"),
        "{head}"
    );
    assert!(
        head.contains(&format!(
            "\r\nuser-agent: bucketdesk/{}\r\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{head}"
    );
}

#[tokio::test]
async fn reads_retry_on_503_and_429_then_succeed() {
    let server = Scripted::start(vec![
        error(503, "Service Unavailable", "general_server_error"),
        answer("429 Too Many Requests", "Retry-After: 0\r\n", r#"{"message":"slow down","code":429,"type":"general_rate_limit_exceeded","version":"1.8.1"}"#),
        answer("200 OK", "", BUCKETS),
    ])
    .await;
    let page = server
        .client(fast())
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap();
    assert_eq!(page.total, 0);
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn reads_give_up_after_three_tries() {
    let server = Scripted::start(vec![
        error(502, "Bad Gateway", "x"),
        error(504, "Gateway Timeout", "x"),
        error(503, "Service Unavailable", "x"),
        answer("200 OK", "", BUCKETS),
    ])
    .await;
    let err = server
        .client(fast())
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
    assert_eq!(server.requests(), 3);
}

#[tokio::test]
async fn writes_and_other_errors_are_not_retried() {
    let server = Scripted::start(vec![
        error(503, "Service Unavailable", "x"),
        error(500, "Internal Server Error", "general_unknown"),
        answer("200 OK", "", BUCKETS),
    ])
    .await;
    let client = server.client(fast());
    let err = client.tokens().create("b", "f", None).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.requests(), 1, "a POST goes out once");
    let err = client
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(server.requests(), 2, "500 is not retried");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = Scripted::start(vec![
        answer("429 Too Many Requests", "Retry-After: 1\r\n", r#"{"message":"slow","code":429,"type":"general_rate_limit_exceeded","version":"1.8.1"}"#),
        answer("200 OK", "", BUCKETS),
    ])
    .await;
    let policy = fast().with_max_retry_after(Duration::from_secs(30));
    let started = Instant::now();
    server
        .client(policy)
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn no_retry_policy_sends_once() {
    let server = Scripted::start(vec![
        error(503, "Service Unavailable", "x"),
        answer("200 OK", "", BUCKETS),
    ])
    .await;
    let err = server
        .client(RetryPolicy::none())
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn answers_that_echo_the_key_or_a_token_secret_never_show_them_in_errors() {
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJmaWxlSWQiOiJmIn0.c2lnbmF0dXJl";
    let echo = r#"{"headers":{"X-Appwrite-Project":"proj-1","X-Appwrite-Key":"key-secret-1"}}"#;
    let proxy = "<pre>GET /v1/storage/buckets\nx-appwrite-key: key-secret-1\n</pre>";
    let token = format!(r#"{{"$id":"t1","secret":"{jwt}","expire":12}}"#);
    let server = Scripted::start(vec![
        answer("200 OK", "", echo),
        answer("500 Internal Server Error", "", proxy),
        answer("201 Created", "", &token),
    ])
    .await;
    let client = server.client(RetryPolicy::none());
    let decode = client
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap_err();
    assert_eq!(decode.code(), "decode", "{decode:?}");
    assert!(decode.excerpt().unwrap().contains("<redacted>"));
    let api = client
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap_err();
    assert_eq!(api.status(), Some(500), "{api:?}");
    let token = client.tokens().create("b", "f", None).await.unwrap_err();
    assert_eq!(token.code(), "decode", "{token:?}");
    for err in [decode, api, token] {
        let shown = format!("{err}\n{err:?}");
        assert!(!shown.contains("key-secret-1"), "{shown}");
        assert!(!shown.contains(jwt), "{shown}");
        assert!(!shown.contains("eyJ"), "{shown}");
    }
}

#[tokio::test]
async fn a_download_continued_from_an_offset_asks_for_the_rest_and_skips_what_a_server_resends() {
    let whole = "0123456789abcdefghij";
    let scripted = Scripted::start(vec![
        // A server that honours Range: the rest only.
        format!(
            "HTTP/1.1 206 Partial Content\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nContent-Range: bytes 10-19/20\r\nConnection: close\r\n\r\n{}",
            &whole[10..]
        ),
        // One that ignores it and sends the whole file again.
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\nConnection: close\r\n\r\n{whole}"
        ),
    ])
    .await;
    let files = scripted.client(RetryPolicy::none()).files("docs");
    for _ in 0..2 {
        let mut rest = Vec::new();
        let transfer = files.download_from("f1", 10, &mut rest).await.unwrap();
        assert_eq!(rest, &whole.as_bytes()[10..]);
        assert_eq!(transfer.bytes_written, 10);
    }
    let heads = scripted.heads.lock().unwrap().clone();
    for head in &heads {
        assert!(
            head.starts_with("GET /v1/storage/buckets/docs/files/f1/download"),
            "{head}"
        );
        assert!(
            head.to_ascii_lowercase().contains("range: bytes=10-"),
            "{head}"
        );
    }
}

#[tokio::test]
async fn a_rate_limit_on_a_change_keeps_the_servers_retry_after() {
    let scripted = Scripted::start(vec![answer(
        "429 Too Many Requests",
        "Retry-After: 3\r\n",
        r#"{"message":"slow down","code":429,"type":"general_rate_limit_exceeded","version":"1.8.1"}"#,
    )])
    .await;
    let error = scripted
        .client(RetryPolicy::none())
        .tokens()
        .create("docs", "f1", None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "busy");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(error.api_kind(), Some("general_rate_limit_exceeded"));
}
