//! Every error the client can report, provoked for real: API errors from the sandbox, a dead port,
//! a timeout, a garbage answer, TLS against plain HTTP.

use std::time::{Duration, Instant};

use appwrite_rest::{CertFingerprint, Client, Error, ListOptions, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::common;

/// What listing buckets fails with: most cases here are "list buckets, expect this error".
async fn list_error(client: &Client) -> Error {
    client
        .buckets()
        .list(&ListOptions::new())
        .await
        .unwrap_err()
}

#[tokio::test]
async fn api_errors_carry_appwrite_types_and_helpers() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    common::bucket(&client, "b").await;
    common::small_file(&client, "b", "f", "f.txt", b"x").await;

    let wrong = Client::builder(sandbox.endpoint(), sandbox.project_id(), "not-the-key")
        .retry_policy(common::fast_retries())
        .build()
        .unwrap();
    let err = list_error(&wrong).await;
    assert_eq!(err.code(), "api");
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.api_kind(), Some("user_unauthorized"));
    assert!(err.is_invalid_key());
    assert!(!format!("{err}{err:?}").contains("not-the-key"));
    assert!(!format!("{wrong:?}").contains("not-the-key"));

    let err = client.buckets().get("nope").await.unwrap_err();
    assert_eq!(err.api_kind(), Some("storage_bucket_not_found"));
    assert!(err.is_not_found());
    assert!(!err.is_retryable());
    let err = client.files("b").get("nope").await.unwrap_err();
    assert_eq!(err.api_kind(), Some("storage_file_not_found"));
    assert!(err.is_not_found());
    let err = client.tokens().get("nope").await.unwrap_err();
    assert_eq!(err.api_kind(), Some("token_not_found"));
    let err = client.tokens().create("nope", "f", None).await.unwrap_err();
    assert_eq!(err.api_kind(), Some("storage_bucket_not_found"));
    let err = client.tokens().create("b", "nope", None).await.unwrap_err();
    assert_eq!(err.api_kind(), Some("storage_file_not_found"));

    for bad in ["_leading", "has space", &"x".repeat(37)] {
        let err = client.buckets().get(bad).await.unwrap_err();
        assert_eq!(err.api_kind(), Some("general_argument_invalid"), "{bad}");
        assert_eq!(err.status(), Some(400));
    }

    let err = client
        .files("b")
        .list(&ListOptions::new().cursor_after("missing"))
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some("general_cursor_not_found"));
    assert_eq!(err.status(), Some(400));

    let err = client
        .files("b")
        .list(&ListOptions::new().query(appwrite_rest::Query::equal("nonsense", "x")))
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some("general_argument_invalid"));

    common::finish(sandbox).await;
}

#[tokio::test]
async fn a_key_without_a_scope_reports_the_missing_scope() {
    let sandbox = common::start(appwrite_sandbox::Config {
        scopes: Some(
            [
                "buckets.read",
                "buckets.write",
                "files.read",
                "files.write",
                "tokens.read",
            ]
            .map(String::from)
            .to_vec(),
        ),
        ..common::config()
    })
    .await;
    let client = common::client(&sandbox);
    common::bucket(&client, "b").await;
    common::small_file(&client, "b", "f", "f.txt", b"x").await;
    assert_eq!(
        client
            .tokens()
            .list("b", "f", &ListOptions::new())
            .await
            .unwrap()
            .total,
        0
    );

    let err = client.tokens().create("b", "f", None).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.api_kind(), Some("general_unauthorized_scope"));
    assert_eq!(err.missing_scope(), Some(vec!["tokens.write".to_owned()]));
    assert!(!err.is_invalid_key());

    common::finish(sandbox).await;
}

#[tokio::test]
async fn a_closed_port_is_a_network_error_after_the_retries() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder(format!("http://127.0.0.1:{port}/v1"), "p", "k")
        .retry_policy(common::fast_retries())
        .build()
        .unwrap();
    let err = list_error(&client).await;
    assert_eq!(err.code(), "network", "{err:?}");
    assert!(err.is_retryable());
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "Could not connect to 127.0.0.1:{port}. Check the endpoint"
        )),
        "{text}"
    );
    assert!(text.contains("Connection refused"), "{text}");
    assert!(
        !text.contains("/v1/storage"),
        "messages name the host, not the path: {text}"
    );

    // A POST is sent once: same error, no retries needed to see it.
    let err = client.tokens().create("b", "f", None).await.unwrap_err();
    assert_eq!(err.code(), "network");
}

#[tokio::test]
async fn a_slow_server_is_a_timeout() {
    let sandbox = common::start(appwrite_sandbox::Config {
        latency: Duration::from_millis(1500),
        ..common::config()
    })
    .await;
    let client = Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = list_error(&client).await;
    assert_eq!(err.code(), "timeout", "{err:?}");
    let text = err.to_string();
    assert!(text.contains("did not answer within 300 ms"), "{text}");
    assert!(text.contains("try again"), "{text}");
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "gave up early"
    );
    assert!(matches!(err, Error::Timeout { .. }));

    let patient = Client::builder(sandbox.endpoint(), sandbox.project_id(), sandbox.api_key())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    assert_eq!(
        patient
            .buckets()
            .list(&ListOptions::new())
            .await
            .unwrap()
            .total,
        0
    );
    common::finish(sandbox).await;
}

/// A one-shot HTTP server that answers every request with `response`, then closes.
async fn canned(response: &'static [u8]) -> (String, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/v1", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 8192];
            let _ = socket.read(&mut buf).await;
            let _ = socket.write_all(response).await;
            let _ = socket.shutdown().await;
        }
    });
    (endpoint, task)
}

#[tokio::test]
async fn a_garbage_body_is_a_decode_error_with_an_excerpt() {
    let (endpoint, task) = canned(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 33\r\nConnection: close\r\n\r\n<html>surely not appwrite</html>\n",
    )
    .await;
    let client = Client::builder(&endpoint, "p", "k").build().unwrap();
    let err = list_error(&client).await;
    match &err {
        Error::Decode {
            status, excerpt, ..
        } => {
            assert_eq!(*status, 200);
            assert!(
                excerpt.starts_with("<html>surely not appwrite"),
                "{excerpt}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(err.code(), "decode");
    assert_eq!(
        err.to_string(),
        "This address answered, but not as Appwrite does (it sent a web page). Check the \
         endpoint: it usually ends in /v1."
    );
    task.abort();
}

#[tokio::test]
async fn an_html_error_page_keeps_its_status_and_never_shows_its_html() {
    let (endpoint, task) = canned(
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 14\r\nConnection: close\r\n\r\n<h1>nginx</h1>",
    )
    .await;
    let client = Client::builder(&endpoint, "p", "k").build().unwrap();
    let err = client.buckets().get("b").await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.code(), "decode");
    assert_eq!(
        err.to_string(),
        "This address answered, but not as Appwrite does (it sent a web page). Check the \
         endpoint: it usually ends in /v1."
    );
    assert_eq!(err.excerpt(), Some("<h1>nginx</h1>"));
    task.abort();
}

#[tokio::test]
async fn https_against_a_plain_http_port_is_a_tls_error() {
    let sandbox = common::start(common::config()).await;
    let endpoint = format!("https://{}/v1", sandbox.addr());
    for pin in [None, Some(CertFingerprint::of_der(b"any certificate"))] {
        let client = Client::builder(&endpoint, sandbox.project_id(), sandbox.api_key())
            .pinned_certificate(pin)
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let err = list_error(&client).await;
        assert_eq!(err.code(), "tls", "{err:?}");
        let text = err.to_string();
        assert!(text.contains("did not answer with TLS"), "{text}");
        assert!(text.contains("http://"), "{text}");
        assert!(!format!("{err}{err:?}").contains(sandbox.api_key()));
    }
    sandbox.shutdown().await;
}
