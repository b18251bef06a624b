//! "Open in browser" for a token's link: Rust builds the link with a freshly fetched secret and
//! hands it to the opener (recorded here instead of launching a browser); the web view gets
//! neither the link nor any opener permission of its own.

mod common;

use std::sync::{Arc, Mutex};

use appwrite_rest::{share_link, Endpoint, LinkKind};
use appwrite_sandbox::{seed, Config, Sandbox};
use bucketdesk_lib::OpenUrl;
use common::Fixture;
use serde_json::{json, Value};

/// Records each URL it is asked to open.
#[derive(Clone, Default)]
struct Recorder {
    opened: Arc<Mutex<Vec<String>>>,
}

impl OpenUrl for Recorder {
    fn open_url(&self, url: &str) -> Result<(), String> {
        self.opened.lock().unwrap().push(url.to_owned());
        Ok(())
    }
}

/// Records the URL, then fails as a platform opener might: repeating the URL it was given.
struct Failing(Recorder);

impl OpenUrl for Failing {
    fn open_url(&self, url: &str) -> Result<(), String> {
        self.0.open_url(url)?;
        Err(format!("xdg-open failed for {url}"))
    }
}

impl Recorder {
    fn opened(&self) -> Vec<String> {
        self.opened.lock().unwrap().clone()
    }
}

/// A token's secret as the server holds it now, read with the key (the reference the link is
/// held to).
fn secret_of(app: &Fixture, server: &Sandbox, token_id: &str) -> String {
    let token: Value = app.runtime.block_on(async {
        reqwest::Client::new()
            .get(format!("{}/tokens/{token_id}", server.endpoint()))
            .header("X-Appwrite-Project", server.project_id())
            .header("X-Appwrite-Key", server.api_key())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    token["secret"].as_str().expect("a secret").to_owned()
}

/// A project on a seeded sandbox and a one-day token for its notes file: (server, profile id,
/// token id).
fn project_with_token(app: &Fixture) -> (Sandbox, String, String) {
    let server = app.sandbox(Config::default());
    let id = app.add_project("Links", &server);
    let created = app.ok(
        "create_token",
        json!({"profileId": id, "bucketId": seed::DOCUMENTS_BUCKET_ID,
               "fileId": seed::NOTES_TXT_FILE_ID, "expiry": {"kind": "oneDay"}}),
    );
    let token = created["id"].as_str().unwrap().to_owned();
    (server, id, token)
}

fn expected_link(server: &Sandbox, secret: &str, kind: LinkKind) -> String {
    let endpoint = Endpoint::parse(server.endpoint()).unwrap();
    share_link(
        &endpoint,
        server.project_id(),
        seed::DOCUMENTS_BUCKET_ID,
        seed::NOTES_TXT_FILE_ID,
        kind,
        secret,
        None,
    )
    .to_string()
}

#[test]
fn open_link_hands_the_tokens_link_to_the_opener_and_the_web_view_only_its_kind() {
    let recorder = Recorder::default();
    let app = Fixture::with_opener("open-link", recorder.clone());
    let (server, id, token) = project_with_token(&app);
    let secret = secret_of(&app, &server, &token);

    let answer = app.ok(
        "open_link",
        json!({"profileId": id, "tokenId": token, "kind": "download"}),
    );
    assert_eq!(
        recorder.opened(),
        [expected_link(&server, &secret, LinkKind::Download)]
    );
    assert_eq!(answer["kind"], "download");
    assert!(answer["expire"].is_string(), "{answer}");
    let text = answer.to_string();
    assert!(
        !text.contains(&secret) && !text.contains("token="),
        "the web view got the link: {text}"
    );

    // No kind: the project's default (View for a project saved without one).
    app.ok(
        "open_link",
        json!({"profileId": id, "tokenId": token, "kind": null}),
    );
    assert_eq!(
        recorder.opened()[1],
        expected_link(&server, &secret, LinkKind::View)
    );
}

#[test]
fn a_browser_that_does_not_open_is_reported_without_the_link() {
    let recorder = Recorder::default();
    let app = Fixture::with_opener("open-link-fails", Failing(recorder.clone()));
    let (_server, id, token) = project_with_token(&app);
    let error = app.err(
        "open_link",
        json!({"profileId": id, "tokenId": token, "kind": "view"}),
    );
    assert_eq!(error["code"], "browser_unavailable", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(!message.contains("token="), "{message}");
    assert!(message.contains("the link"), "{message}");
    assert_eq!(recorder.opened().len(), 1, "the opener was asked once");
}

#[test]
fn the_web_view_has_no_opener_permission_of_its_own() {
    let recorder = Recorder::default();
    let app = Fixture::with_opener("opener-acl", recorder.clone());
    // The plugin is registered (its Rust API opens links), but the window may call none of it.
    for (command, args) in [
        (
            "plugin:opener|open_url",
            json!({"url": "https://example.com/"}),
        ),
        ("plugin:opener|open_path", json!({"path": "/tmp"})),
        (
            "plugin:opener|reveal_item_in_dir",
            json!({"paths": ["/tmp"]}),
        ),
    ] {
        let refused = app.invoke(command, args);
        assert!(refused.is_err(), "{command} answered {refused:?}");
        let why = refused.unwrap_err().to_string();
        assert!(why.contains("not allowed"), "{command}: {why}");
    }
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let opener: Vec<&Value> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.to_string().contains("opener"))
        .collect();
    assert!(opener.is_empty(), "the capability grants {opener:?}");
    assert!(recorder.opened().is_empty());
}
