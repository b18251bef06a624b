//! The key goes only where it belongs, and no live link goes unseen, through the app's commands: a
//! project moved to another server needs its key again; a self-signed server is trusted only by its
//! fingerprint, after Test connection of the editor's draft shows it; a create whose answer was
//! lost shows the token the server made; a secret is copied by Rust, never handed to the web view.

mod common;

use std::sync::Arc;

use appwrite_sandbox::{seed, Config};
use common::{clipboard_text, Fixture};
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto, ServerConfig};
use tokio_rustls::TlsAcceptor;

#[test]
fn an_edit_that_moves_a_project_needs_its_key_again_and_never_sends_the_old_one() {
    let app = Fixture::new("key-scope");
    let first = app.sandbox(Config::default());
    let elsewhere = app.sandbox(Config::default());
    let id = app.add_project("Moving", &first);
    let moved = json!({"id": id, "name": "Moving", "endpoint": elsewhere.endpoint(),
                       "projectId": elsewhere.project_id()});
    let refused = app.err("save_project", json!({"profile": moved, "apiKey": null}));
    assert_eq!(refused["code"], "key_required", "{refused}");
    assert_eq!(refused["field"], "apiKey");
    let listed = app.ok("list_buckets", json!({"profileId": id, "search": null}));
    assert_eq!(
        listed["profileId"], id,
        "the project still works where it was"
    );
    assert_eq!(
        elsewhere.stats().requests,
        0,
        "the old key went to the new server"
    );

    // A rename keeps the key; a move with the new key works there.
    let renamed = json!({"id": id, "name": "Renamed", "endpoint": first.endpoint(),
                         "projectId": first.project_id()});
    assert_eq!(
        app.ok("save_project", json!({"profile": renamed, "apiKey": null}))["name"],
        "Renamed"
    );
    app.ok(
        "save_project",
        json!({"profile": moved, "apiKey": elsewhere.api_key()}),
    );
    let report = app.ok("test_connection", json!({"profileId": id}));
    assert_eq!(report["ok"], true, "{report}");
    assert!(elsewhere.stats().requests > 0);
}

#[test]
fn a_create_whose_answer_is_lost_shows_the_token_the_server_made() {
    // create_links writes the clipboard, which the secret test reads.
    let _clipboard = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let app = Fixture::new("answer-lost");
    let server = app.sandbox(Config::default());
    let id = app.add_project("Flaky", &server);
    let (bucket, file) = (seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID);
    let args = json!({"profileId": id, "bucketId": bucket, "fileId": file});
    let before: Vec<String> = token_ids(&app.ok("list_tokens", args.clone()));

    server.set_lost_answer_rate(1.0);
    let created = app.ok(
        "create_token",
        json!({"profileId": id, "bucketId": bucket, "fileId": file, "expiry": {"kind": "oneDay"}}),
    );
    server.set_lost_answer_rate(0.0);
    assert_eq!(created["answerLost"], true, "{created}");
    let after = token_ids(&app.ok("list_tokens", args));
    let new: Vec<&String> = after.iter().filter(|t| !before.contains(t)).collect();
    assert_eq!(
        new,
        [created["id"].as_str().unwrap()],
        "exactly one token was made"
    );

    // Bulk links do the same per file.
    server.set_lost_answer_rate(1.0);
    let report = app.ok(
        "create_links",
        json!({"profileId": id, "bucketId": bucket, "fileIds": [file], "expiry": {"kind": "oneHour"},
               "kind": "view"}),
    );
    server.set_lost_answer_rate(0.0);
    assert_eq!(report["created"][0]["answerLost"], true, "{report}");
    assert_eq!(report["copied"], 1);
}

#[test]
fn a_secret_is_copied_by_rust_and_opens_the_file() {
    let _clipboard = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let app = Fixture::new("copy-secret");
    let server = app.sandbox(Config::default());
    let id = app.add_project("Secrets", &server);
    let (bucket, file) = (seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID);
    let created = app.ok(
        "create_token",
        json!({"profileId": id, "bucketId": bucket, "fileId": file, "expiry": {"kind": "oneDay"}}),
    );
    let answer = app.ok(
        "copy_secret",
        json!({"profileId": id, "tokenId": created["id"]}),
    );
    assert!(answer.is_null(), "the web view got {answer}");
    let secret = clipboard_text();
    assert_eq!(secret.split('.').count(), 3, "not a token secret: {secret}");
    let link = format!(
        "{}/storage/buckets/{bucket}/files/{file}/view?project={}&token={secret}",
        server.endpoint(),
        server.project_id()
    );
    let status = app
        .runtime
        .block_on(async { reqwest::get(&link).await.unwrap().status() });
    assert_eq!(status, 200, "the copied secret does not open its file");
}

#[test]
fn a_self_signed_server_is_trusted_only_by_the_fingerprint_the_user_accepted() {
    let app = Fixture::new("tofu");
    let server = app.sandbox(Config {
        allow_any_host: true,
        ..Config::default()
    });
    let (cert, key) = self_signed();
    let proxy = app
        .runtime
        .block_on(TlsProxy::start(&server, cert.clone(), key));
    let draft = json!({"name": "Self-hosted", "endpoint": proxy.endpoint, "projectId": server.project_id()});

    // Unknown: refused before the key is sent, with the certificate to decide on; nothing saved.
    let report = app.ok(
        "test_draft_connection",
        json!({"profile": draft, "apiKey": server.api_key()}),
    );
    assert_eq!(report["ok"], false);
    assert_eq!(report["code"], "untrusted_certificate", "{report}");
    let fingerprint = report["certificate"]["sha256"].as_str().unwrap().to_owned();
    assert_eq!(
        fingerprint,
        appwrite_rest::CertFingerprint::of_der(&cert).to_string()
    );
    assert!(report["certificate"]["subject"]
        .as_str()
        .unwrap()
        .contains("Bucketdesk trust test"));
    assert_eq!(
        server.stats().requests,
        0,
        "the key went to an untrusted server"
    );
    assert_eq!(projects(&app), ["demo"], "a test saved the draft");

    // Trusted by its fingerprint, as part of the draft: the real listing works through it.
    let mut trusted = draft.clone();
    trusted["pinnedCertificate"] = json!(fingerprint);
    let report = app.ok(
        "test_draft_connection",
        json!({"profile": trusted, "apiKey": server.api_key()}),
    );
    assert_eq!(report["ok"], true, "{report}");

    // Saved with the pin, the project connects; another certificate at the same address is
    // refused, showing both fingerprints.
    let saved = app.ok(
        "save_project",
        json!({"profile": trusted, "apiKey": server.api_key()}),
    );
    assert_eq!(saved["pinnedCertificate"], fingerprint.as_str());
    let id = saved["id"].as_str().unwrap();
    let report = app.ok("test_connection", json!({"profileId": id}));
    assert_eq!(report["ok"], true, "{report}");

    let other = appwrite_rest::CertFingerprint::of_der(&self_signed().0).to_string();
    let mut repinned = trusted.clone();
    repinned["id"] = json!(id);
    repinned["pinnedCertificate"] = json!(other);
    let report = app.ok(
        "test_draft_connection",
        json!({"profile": repinned, "apiKey": null}),
    );
    assert_eq!(report["code"], "certificate_changed", "{report}");
    let message = report["message"].as_str().unwrap();
    assert!(
        message.contains(&fingerprint) && message.contains(&other),
        "{message}"
    );
    assert_eq!(
        report["certificate"]["sha256"], fingerprint,
        "the server's certificate is offered again"
    );
    let stored = app.ok("list_projects", json!({}))["projects"][1]["pinnedCertificate"].clone();
    assert_eq!(stored, fingerprint.as_str(), "a draft's pin was saved");
}

/// The ids of the projects listed, the demo first.
fn projects(app: &Fixture) -> Vec<String> {
    app.ok("list_projects", json!({}))["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

fn token_ids(table: &serde_json::Value) -> Vec<String> {
    table["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Held by each test of this binary that writes or reads the one X11 clipboard, so no two run at
/// once (the tests of a binary run in parallel threads).
static CLIPBOARD: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn self_signed() -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Bucketdesk trust test");
    let cert = params.self_signed(&key).unwrap();
    let der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (cert.der().clone(), der)
}

/// HTTPS on loopback with a self-signed certificate, passing each connection's bytes to a sandbox.
struct TlsProxy {
    endpoint: String,
    task: tokio::task::JoinHandle<()>,
}

impl TlsProxy {
    async fn start(
        server: &appwrite_sandbox::Sandbox,
        cert: CertificateDer<'static>,
        key: PrivateKeyDer<'static>,
    ) -> Self {
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
        let upstream = url::Url::parse(server.endpoint()).unwrap();
        let upstream = format!(
            "{}:{}",
            upstream.host_str().unwrap(),
            upstream.port().unwrap()
        );
        let task = tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let (acceptor, upstream) = (acceptor.clone(), upstream.clone());
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let Ok(mut plain) = TcpStream::connect(upstream).await else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                });
            }
        });
        TlsProxy { endpoint, task }
    }
}

impl Drop for TlsProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}
