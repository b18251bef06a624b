//! Trust on first use against a real HTTPS server on loopback with certificates made at test
//! time: an unknown certificate is refused before the key is sent, the probe shows it without
//! sending a request, a pinned one is accepted whatever its chain, name or dates, and any other
//! certificate under a pin is refused with both fingerprints.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use appwrite_rest::{
    peek_certificate, Bucket, CertFingerprint, Client, Endpoint, Error, ListOptions, RetryPolicy,
    TEST_CONNECTION,
};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::{ClientHello, ResolvesServerCert};
use tokio_rustls::rustls::sign::CertifiedKey;
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
    /// Handshakes the server side saw complete; a watch too.
    completed_handshakes: watch::Sender<usize>,
    /// The heads of the HTTP requests received over completed handshakes.
    requests: Mutex<Vec<String>>,
}

/// A certificate made at test time, with its key.
struct Made {
    der: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

impl Made {
    fn self_signed(params: CertificateParams) -> Self {
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        Self {
            der: cert.der().clone(),
            key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        }
    }

    fn fingerprint(&self) -> CertFingerprint {
        CertFingerprint::parse(&sha256_hex(&self.der)).unwrap()
    }
}

/// The SHA-256 of `der` as `AB:CD:…`, computed here without the crate's own code.
fn sha256_hex(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Shows one certificate and signs with whatever key it is given, matching or not.
#[derive(Debug)]
struct Fixed(Arc<CertifiedKey>);

impl ResolvesServerCert for Fixed {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }
}

/// An HTTPS server on 127.0.0.1:0 that answers `GET /v1/storage/buckets` with one bucket and
/// everything else with Appwrite's 404 body, one request per connection.
struct HttpsServer {
    endpoint: String,
    seen: Arc<Seen>,
    task: tokio::task::JoinHandle<()>,
}

impl HttpsServer {
    /// Presents `cert` and signs the handshake with `key` (normally the certificate's own).
    async fn start(cert: CertificateDer<'static>, key: &PrivateKeyDer<'static>) -> Self {
        let provider = Arc::new(crypto::aws_lc_rs::default_provider());
        let signer = provider
            .key_provider
            .load_private_key(key.clone_key())
            .unwrap();
        let certified = Arc::new(CertifiedKey::new(vec![cert], signer));
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(Fixed(certified)));
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("https://{}/v1", listener.local_addr().unwrap());
        let seen = Arc::new(Seen {
            connections: AtomicUsize::new(0),
            failed_handshakes: watch::Sender::new(0),
            completed_handshakes: watch::Sender::new(0),
            requests: Mutex::new(Vec::new()),
        });
        let counts = seen.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                counts.connections.fetch_add(1, Ordering::SeqCst);
                let acceptor = acceptor.clone();
                let counts = counts.clone();
                tokio::spawn(async move {
                    match acceptor.accept(socket).await {
                        Ok(stream) => {
                            counts.completed_handshakes.send_modify(|n| *n += 1);
                            serve_one(stream, &counts).await
                        }
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

    /// A server presenting `made` with its own key.
    async fn presenting(made: &Made) -> Self {
        Self::start(made.der.clone(), &made.key).await
    }

    fn client(&self, pin: Option<CertFingerprint>) -> Client {
        Client::builder(&self.endpoint, "proj-tls", KEY)
            .pinned_certificate(pin)
            .retry_policy(fast_retries())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    }

    /// Lists buckets: the error that must give, after exactly one connection (a certificate
    /// error is never retried), with the key nowhere in it and no request sent.
    async fn refused_listing(&self, pin: Option<CertFingerprint>) -> Error {
        let before = self.connections();
        let err = self
            .client(pin)
            .buckets()
            .list(&ListOptions::new())
            .await
            .unwrap_err();
        assert!(!err.is_retryable(), "{err:?}");
        assert_eq!(
            self.connections(),
            before + 1,
            "a TLS error must not be retried"
        );
        assert_key_hidden(&err);
        self.wait_handshakes(&self.seen.failed_handshakes, before + 1)
            .await;
        assert_eq!(self.requests(), Vec::<String>::new(), "nothing may be sent");
        err
    }

    /// Lists buckets with `pin`: the server's one bucket.
    async fn accepted_listing(&self, pin: Option<CertFingerprint>) -> Vec<Bucket> {
        let page = self
            .client(pin)
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

    fn requests(&self) -> Vec<String> {
        self.seen.requests.lock().unwrap().clone()
    }

    fn host(&self) -> &str {
        self.endpoint
            .trim_start_matches("https://")
            .trim_end_matches("/v1")
    }

    /// Waits, with a deadline, until `count` has reached `n`.
    async fn wait_handshakes(&self, count: &watch::Sender<usize>, n: usize) {
        let mut seen = count.subscribe();
        let waited = tokio::time::timeout(Duration::from_secs(5), seen.wait_for(|&f| f >= n));
        assert!(
            matches!(waited.await, Ok(Ok(_))),
            "the server counted {} handshakes, expected {n}",
            *count.borrow()
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
    let head = String::from_utf8_lossy(&head).into_owned();
    seen.requests.lock().unwrap().push(head.clone());
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
    let mut params =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "Bucketdesk test server");
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Example Self-Hosting");
    params.not_before = rcgen::date_time_ymd(2024, 1, 2);
    params.not_after = rcgen::date_time_ymd(2099, 3, 4);
    params
}

fn assert_key_hidden(err: &Error) {
    let shown = format!("{err}\n{err:?}\n{err:#?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(!shown.contains("tls-test-key"), "{shown}");
}

async fn peek(server: &HttpsServer) -> appwrite_rest::CertificateInfo {
    let endpoint = Endpoint::parse(&server.endpoint).unwrap();
    peek_certificate(&endpoint, Duration::from_secs(10))
        .await
        .unwrap()
}

#[tokio::test]
async fn an_unpinned_client_refuses_a_self_signed_certificate_before_sending_the_key() {
    let made = Made::self_signed(loopback_names());
    let server = HttpsServer::presenting(&made).await;
    let err = server.refused_listing(None).await;
    assert_eq!(err.code(), "untrusted_certificate", "{err:?}");
    assert!(matches!(err, Error::UntrustedCertificate { .. }));
    assert_eq!(err.certificate_fingerprint(), Some(made.fingerprint()));

    let text = err.to_string();
    let host = server.host();
    assert!(
        text.starts_with(&format!("The certificate of {host} is not trusted")),
        "{text}"
    );
    assert!(text.contains("self-signed"), "{text}");
    assert!(text.contains(&sha256_hex(&made.der)), "{text}");
    assert!(text.contains(&format!("\"{TEST_CONNECTION}\"")), "{text}");
    assert_eq!(TEST_CONNECTION, "Test connection");
    assert!(
        text.ends_with("(invalid peer certificate: UnknownIssuer)"),
        "the TLS library's words stay: {text}"
    );

    // A write (sent once anyway) reports the same, and sends nothing either.
    let err = server
        .client(None)
        .tokens()
        .create("b", "f", None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "untrusted_certificate", "{err:?}");
    assert_eq!(server.connections(), 2);
    assert_key_hidden(&err);
    server
        .wait_handshakes(&server.seen.failed_handshakes, 2)
        .await;
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_self_signed_authority_certificate_is_untrusted_too() {
    // What `openssl req -x509` makes by default: a CA certificate serving as the server's own.
    let mut params = loopback_names();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let made = Made::self_signed(params);
    let server = HttpsServer::presenting(&made).await;
    let err = server.refused_listing(None).await;
    assert_eq!(err.code(), "untrusted_certificate", "{err:?}");
    assert_eq!(err.certificate_fingerprint(), Some(made.fingerprint()));
    assert!(err.to_string().contains(TEST_CONNECTION), "{err}");

    let info = peek(&server).await;
    assert!(!info.trusted);
    assert_eq!(info.fingerprint, made.fingerprint());
}

#[tokio::test]
async fn the_probe_shows_the_certificate_without_sending_a_request() {
    let made = Made::self_signed(loopback_names());
    let server = HttpsServer::presenting(&made).await;
    let info = peek(&server).await;
    assert_eq!(info.fingerprint.to_string(), sha256_hex(&made.der));
    assert_eq!(info.fingerprint, made.fingerprint());
    assert_eq!(
        info.subject,
        "CN=Bucketdesk test server, O=Example Self-Hosting"
    );
    assert_eq!(info.issuer, info.subject);
    assert!(info.self_signed);
    assert_eq!(info.names, ["127.0.0.1", "localhost"]);
    assert_eq!(info.not_before.to_rfc3339(), "2024-01-02T00:00:00+00:00");
    assert_eq!(info.not_after.to_rfc3339(), "2099-03-04T00:00:00+00:00");
    assert!(!info.trusted);
    let reason = info.untrusted_reason.clone().unwrap();
    assert!(reason.contains("self-signed"), "{reason}");

    // The handshake completed, and then nothing was sent.
    server
        .wait_handshakes(&server.seen.completed_handshakes, 1)
        .await;
    assert_eq!(server.connections(), 1);
    assert!(server.requests().is_empty(), "{:?}", server.requests());

    let json = serde_json::to_value(&info).unwrap();
    assert_eq!(json["fingerprint"], sha256_hex(&made.der));
    assert_eq!(json["notAfter"], "2099-03-04T00:00:00Z");
    assert_eq!(json["notBefore"], "2024-01-02T00:00:00Z");
    assert_eq!(json["selfSigned"], true);
    assert_eq!(json["trusted"], false);
    assert_eq!(json["untrustedReason"], reason.as_str());
    assert_eq!(json["names"][1], "localhost");
    assert_eq!(json["issuer"], json["subject"]);
}

#[tokio::test]
async fn the_probe_refuses_http_endpoints_and_reports_servers_that_are_not_tls() {
    let endpoint = Endpoint::parse("http://127.0.0.1:1/v1").unwrap();
    let err = peek_certificate(&endpoint, Duration::from_secs(5))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err:?}");
    assert!(err.to_string().contains("http://"), "{err}");

    // A plain HTTP server behind an https:// endpoint.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            let _ = socket
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .await;
        }
    });
    let endpoint = Endpoint::parse(&format!("https://{addr}/v1")).unwrap();
    let err = peek_certificate(&endpoint, Duration::from_secs(5))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "tls", "{err:?}");
    assert!(err.to_string().contains("did not answer with TLS"), "{err}");
    task.abort();
}

#[tokio::test]
async fn a_pinned_client_reaches_the_server_with_that_certificate() {
    let made = Made::self_signed(loopback_names());
    let server = HttpsServer::presenting(&made).await;
    let pin = peek(&server).await.fingerprint;
    let buckets = server.accepted_listing(Some(pin)).await;
    assert_eq!(buckets.len(), 1);
    assert_eq!(buckets[0].id, "photos");
    assert_eq!(buckets[0].name, "Photos");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].contains(KEY), "the key went with the request");

    // Over the pinned connection, API errors are still API errors.
    let err = server
        .client(Some(pin))
        .buckets()
        .get("x")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "api", "{err:?}");
    assert_eq!(err.api_kind(), Some("general_route_not_found"));
    assert_key_hidden(&err);
}

#[tokio::test]
async fn a_pin_is_to_that_certificate_whatever_its_name_or_dates() {
    let mut params = CertificateParams::new(vec!["files.example.org".to_owned()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2001, 1, 1);
    params.not_after = rcgen::date_time_ymd(2002, 1, 1);
    let made = Made::self_signed(params);
    let server = HttpsServer::presenting(&made).await;
    let text = server.refused_listing(None).await.to_string();
    assert!(text.contains("has expired or is not valid yet"), "{text}");
    assert!(text.contains("date and time"), "{text}");
    assert!(text.contains(TEST_CONNECTION), "{text}");

    let info = peek(&server).await;
    assert_eq!(info.names, ["files.example.org"]);
    assert!(info.untrusted_reason.unwrap().contains("expired"));
    server.accepted_listing(Some(made.fingerprint())).await;
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_certificate_for_another_host_is_untrusted_without_a_pin() {
    let params = CertificateParams::new(vec!["files.example.org".to_owned()]).unwrap();
    let server = HttpsServer::presenting(&Made::self_signed(params)).await;
    let err = server.refused_listing(None).await;
    // The chain is checked before the name, so an unknown issuer is what the user hears about.
    assert_eq!(err.code(), "untrusted_certificate", "{err:?}");
    assert!(err.to_string().contains("is not trusted"), "{err}");
}

#[tokio::test]
async fn a_pinned_client_refuses_another_certificate_and_shows_both_fingerprints() {
    let pinned = Made::self_signed(loopback_names());
    let presented = Made::self_signed(loopback_names());
    let server = HttpsServer::presenting(&presented).await;
    let err = server.refused_listing(Some(pinned.fingerprint())).await;
    assert_eq!(err.code(), "certificate_changed", "{err:?}");
    assert_eq!(err.certificate_fingerprint(), Some(presented.fingerprint()));
    match &err {
        Error::CertificateChanged {
            expected, found, ..
        } => {
            assert_eq!(*expected, pinned.fingerprint());
            assert_eq!(*found, presented.fingerprint());
        }
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    let host = server.host();
    assert!(
        text.starts_with(&format!("The certificate of {host} has changed")),
        "{text}"
    );
    assert!(
        text.contains(&format!("expected {}", sha256_hex(&pinned.der))),
        "{text}"
    );
    assert!(
        text.contains(&format!("found {}", sha256_hex(&presented.der))),
        "{text}"
    );
    assert!(text.contains("project editor"), "{text}");
    assert!(text.contains("intercept"), "{text}");
}

#[tokio::test]
async fn a_pinned_certificate_without_its_key_is_refused() {
    // The server shows the pinned certificate but signs the handshake with another key: the
    // signature check, not only the fingerprint, must refuse it.
    let pinned = Made::self_signed(loopback_names());
    let impostor = Made::self_signed(loopback_names());
    let server = HttpsServer::start(pinned.der.clone(), &impostor.key).await;
    let err = server.refused_listing(Some(pinned.fingerprint())).await;
    assert_eq!(err.code(), "tls", "{err:?}");
    assert!(err.to_string().contains("BadSignature"), "{err}");
}
