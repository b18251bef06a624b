//! The client against a real HTTPS server with a self-signed certificate made at test time: refused and not retried by default, accepted when asked, and the key never shown.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use appwrite_rest::{Bucket, Client, Error, ListOptions, RetryPolicy, ACCEPT_SELF_SIGNED};
use rcgen::{CertificateParams, KeyPair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto, ServerConfig};
use tokio_rustls::TlsAcceptor;

const KEY: &str = "standard_tls-test-key-0123456789";

const BUCKETS: &str = r#"{"total":1,"buckets":[{"$id":"photos","$createdAt":"2025-01-02T03:04:05.000+00:00","$updatedAt":"2025-01-02T03:04:05.000+00:00","$permissions":[],"fileSecurity":false,"name":"Photos","enabled":true,"maximumFileSize":30000000,"allowedFileExtensions":[],"compression":"none","encryption":true,"antivirus":true,"transformations":true}]}"#;

/// What the server saw, counted as it happens.
struct Seen {
    /// TCP connections accepted (one per handshake attempt).
    connections: AtomicUsize,
    /// Handshakes the server side saw fail; a watch, so a test can wait for a count.
    failed_handshakes: watch::Sender<usize>,
    /// Requests answered over a completed handshake.
    requests: AtomicUsize,
}

/// An HTTPS server on 127.0.0.1:0 that answers `GET /v1/storage/buckets` with one bucket and
/// everything else with Appwrite's 404 body, one request per connection.
struct HttpsServer {
    endpoint: String,
    seen: Arc<Seen>,
    task: tokio::task::JoinHandle<()>,
}

impl HttpsServer {
    async fn start(cert: CertificateDer<'static>, key: PrivateKeyDer<'static>) -> Self {
        let provider = Arc::new(crypto::aws_lc_rs::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("https://{}/v1", listener.local_addr().unwrap());
        let seen = Arc::new(Seen {
            connections: AtomicUsize::new(0),
            failed_handshakes: watch::Sender::new(0),
            requests: AtomicUsize::new(0),
        });
        let counts = seen.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                counts.connections.fetch_add(1, Ordering::SeqCst);
                let acceptor = acceptor.clone();
                let counts = counts.clone();
                tokio::spawn(async move {
                    match acceptor.accept(socket).await {
                        Ok(stream) => serve_one(stream, &counts).await,
                        Err(_) => counts.failed_handshakes.send_modify(|n| *n += 1),
                    }
                });
            }
        });
        Self {
            endpoint,
            seen,
            task,
        }
    }

    /// A server with a fresh self-signed certificate made from `params`.
    async fn self_signed(params: CertificateParams) -> Self {
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        Self::start(cert.der().clone(), key).await
    }

    fn client(&self, accept_invalid_certs: bool) -> Client {
        Client::builder(&self.endpoint, "proj-tls", KEY)
            .accept_invalid_certs(accept_invalid_certs)
            .retry_policy(fast_retries())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    }

    /// Lists buckets with certificate checks on: the TLS error that must give, after exactly one
    /// connection (a TLS error is never retried), with the key nowhere in it.
    async fn refused_listing(&self) -> Error {
        let err = self
            .client(false)
            .buckets()
            .list(&ListOptions::new())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "tls", "{err:?}");
        assert_eq!(self.connections(), 1, "a TLS error must not be retried");
        assert_key_hidden(&err);
        err
    }

    /// Lists buckets accepting invalid certificates: the server's one bucket.
    async fn accepted_listing(&self) -> Vec<Bucket> {
        let page = self
            .client(true)
            .buckets()
            .list(&ListOptions::new())
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        page.items
    }

    fn connections(&self) -> usize {
        self.seen.connections.load(Ordering::SeqCst)
    }

    fn requests(&self) -> usize {
        self.seen.requests.load(Ordering::SeqCst)
    }

    /// Waits, with a deadline, until the server has seen `n` failed handshakes.
    async fn wait_failed_handshakes(&self, n: usize) {
        let mut failed = self.seen.failed_handshakes.subscribe();
        let waited = tokio::time::timeout(Duration::from_secs(5), failed.wait_for(|&f| f >= n));
        assert!(
            matches!(waited.await, Ok(Ok(_))),
            "the server saw {} failed handshakes, expected {n}",
            *self.seen.failed_handshakes.borrow()
        );
    }
}

impl Drop for HttpsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve_one<S: AsyncReadExt + AsyncWriteExt + Unpin>(mut stream: S, seen: &Seen) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    seen.requests.fetch_add(1, Ordering::SeqCst);
    let head = String::from_utf8_lossy(&head);
    let first = head.lines().next().unwrap_or_default();
    let (status, body) = if first.starts_with("GET /v1/storage/buckets ")
        || first.starts_with("GET /v1/storage/buckets?")
    {
        ("200 OK", BUCKETS.to_owned())
    } else {
        (
            "404 Not Found",
            r#"{"message":"Route not found.","code":404,"type":"general_route_not_found","version":"1.8.1"}"#.to_owned(),
        )
    };
    let reply = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Retries that would happen (3 tries) if the client thought the error worth retrying.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
}

fn loopback_names() -> CertificateParams {
    CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap()
}

fn assert_key_hidden(err: &Error) {
    let shown = format!("{err}\n{err:?}\n{err:#?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(!shown.contains("tls-test-key"), "{shown}");
}

#[tokio::test]
async fn a_self_signed_certificate_is_refused_with_advice_and_not_retried() {
    let server = HttpsServer::self_signed(loopback_names()).await;
    let started = Instant::now();
    let err = server.refused_listing().await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert!(matches!(err, Error::Tls { .. }));
    assert!(!err.is_retryable());
    server.wait_failed_handshakes(1).await;
    assert_eq!(
        server.requests(),
        0,
        "nothing may be sent over a refused connection"
    );

    let text = err.to_string();
    let host = server
        .endpoint
        .trim_start_matches("https://")
        .trim_end_matches("/v1");
    assert!(
        text.starts_with(&format!("The certificate of {host} is not trusted")),
        "{text}"
    );
    assert!(text.contains("self-signed"), "{text}");
    assert!(
        text.contains(&format!("turn on \"{ACCEPT_SELF_SIGNED}\"")),
        "{text}"
    );
    assert_eq!(ACCEPT_SELF_SIGNED, "Accept a self-signed certificate");
    assert!(
        text.contains("UnknownIssuer"),
        "the TLS library's words stay: {text}"
    );

    // A write (sent once anyway) reports the same.
    let err = server
        .client(false)
        .tokens()
        .create("b", "f", None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "tls", "{err:?}");
    assert_eq!(server.connections(), 2);
    assert_key_hidden(&err);
}

#[tokio::test]
async fn accepting_invalid_certificates_reaches_the_server_and_decodes_the_page() {
    let server = HttpsServer::self_signed(loopback_names()).await;
    let buckets = server.accepted_listing().await;
    assert_eq!(buckets.len(), 1);
    assert_eq!(buckets[0].id, "photos");
    assert_eq!(buckets[0].name, "Photos");
    assert_eq!(server.requests(), 1);

    // Over the same accepted TLS, API errors are still API errors.
    let err = server.client(true).buckets().get("x").await.unwrap_err();
    assert_eq!(err.code(), "api", "{err:?}");
    assert_eq!(err.api_kind(), Some("general_route_not_found"));
    assert_key_hidden(&err);
}

#[tokio::test]
async fn a_certificate_for_another_host_is_refused_then_accepted_on_request() {
    let params = CertificateParams::new(vec!["files.example.org".to_owned()]).unwrap();
    let server = HttpsServer::self_signed(params).await;
    let text = server.refused_listing().await.to_string();
    // The chain is checked before the name, so an unknown issuer is what the user hears about.
    assert!(text.contains("is not trusted"), "{text}");
    assert!(text.contains(ACCEPT_SELF_SIGNED), "{text}");

    // Accepting invalid certificates also accepts the wrong name (the user's explicit choice).
    server.accepted_listing().await;
}

#[tokio::test]
async fn an_expired_certificate_says_to_check_the_clock_or_renew_it() {
    let mut params = loopback_names();
    params.not_before = rcgen::date_time_ymd(2001, 1, 1);
    params.not_after = rcgen::date_time_ymd(2002, 1, 1);
    let server = HttpsServer::self_signed(params).await;
    let text = server.refused_listing().await.to_string();
    assert!(text.contains("has expired or is not valid yet"), "{text}");
    assert!(text.contains("date and time"), "{text}");
}
