//! Test connection in the project editor tests what is typed, through the app's commands on the
//! mock runtime against real sandboxes and the real keychain: nothing is saved and no key is
//! stored, whatever the outcome; an edit uses its stored key only where that key already goes;
//! a wrong address is answered with the endpoint to use, a malformed one in words.

mod common;

use appwrite_sandbox::Config;
use common::Fixture;
use serde_json::{json, Value};

/// Everything in the config folder, by file name, as bytes.
fn config_files(app: &Fixture) -> Vec<(String, Vec<u8>)> {
    let Ok(dir) = std::fs::read_dir(&app.config_dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = dir
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// How many keychain entries the app's service holds, asked of the Secret Service as another
/// program would (inside scripts/headless.sh's throwaway keyring).
fn keychain_entries(app: &Fixture) -> usize {
    let out = std::process::Command::new("secret-tool")
        .args(["search", "--all", "service", &app.service])
        .output()
        .expect("secret-tool runs (inside scripts/headless.sh)");
    let listed =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    listed.lines().filter(|l| l.starts_with('[')).count()
}

fn draft(endpoint: &str, project_id: &str) -> Value {
    json!({"name": "", "endpoint": endpoint, "projectId": project_id})
}

#[test]
fn testing_a_new_project_as_typed_saves_nothing_and_stores_no_key() {
    let app = Fixture::new("draft-new");
    let server = app.sandbox(Config::default());
    let projects_before = app.ok("list_projects", json!({}));
    let files_before = config_files(&app);

    let works = app.ok(
        "test_draft_connection",
        json!({"profile": draft(server.endpoint(), server.project_id()), "apiKey": server.api_key()}),
    );
    assert_eq!(works["ok"], true, "{works}");
    assert_eq!(works["checks"].as_array().unwrap().len(), 5);

    let wrong_key = app.ok(
        "test_draft_connection",
        json!({"profile": draft(server.endpoint(), server.project_id()),
               "apiKey": "standard_this-is-not-the-key"}),
    );
    assert_eq!(wrong_key["ok"], false);
    assert_eq!(wrong_key["code"], "invalid_key", "{wrong_key}");

    // A port held by a socket that never listens: connections to it are refused, and no other
    // test's server can take it meanwhile.
    let held = {
        let _runtime = app.runtime.enter();
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        socket
    };
    let closed = format!("http://{}/v1", held.local_addr().unwrap());
    let unreachable = app.ok(
        "test_draft_connection",
        json!({"profile": draft(&closed, "demo"), "apiKey": "standard_any"}),
    );
    assert_eq!(unreachable["code"], "network", "{unreachable}");

    let no_key = app.err(
        "test_draft_connection",
        json!({"profile": draft(server.endpoint(), server.project_id()), "apiKey": null}),
    );
    assert_eq!(
        (no_key["code"].as_str(), no_key["field"].as_str()),
        (Some("no_key"), Some("apiKey"))
    );

    assert_eq!(app.ok("list_projects", json!({})), projects_before);
    assert_eq!(
        config_files(&app),
        files_before,
        "a test wrote to the config folder"
    );
    assert_eq!(
        keychain_entries(&app),
        0,
        "a test left a key in the keychain"
    );

    // The keychain check sees a key where one is stored.
    app.add_project("Saved", &server);
    assert_eq!(keychain_entries(&app), 1);
}

#[test]
fn an_edit_is_tested_with_its_stored_key_only_where_that_key_already_goes() {
    let app = Fixture::new("draft-edit");
    let home = app.sandbox(Config::default());
    let elsewhere = app.sandbox(Config::default());
    let id = app.add_project("Home", &home);
    let stored = app.ok("list_projects", json!({}));

    // Same place, key field empty: the stored key is used.
    let mut renamed = draft(home.endpoint(), home.project_id());
    renamed["id"] = json!(id);
    renamed["name"] = json!("Renamed");
    let report = app.ok(
        "test_draft_connection",
        json!({"profile": renamed, "apiKey": null}),
    );
    assert_eq!(report["ok"], true, "{report}");

    // Moved to another server (or project) with the key field empty: asked for the key, and the
    // old key is never sent there.
    let mut moved = draft(elsewhere.endpoint(), elsewhere.project_id());
    moved["id"] = json!(id);
    let refused = app.err(
        "test_draft_connection",
        json!({"profile": moved, "apiKey": ""}),
    );
    assert_eq!(refused["code"], "key_required", "{refused}");
    assert_eq!(refused["field"], "apiKey");
    let mut other_project = draft(home.endpoint(), "another-project");
    other_project["id"] = json!(id);
    let refused = app.err(
        "test_draft_connection",
        json!({"profile": other_project, "apiKey": null}),
    );
    assert_eq!(refused["code"], "key_required", "{refused}");
    assert_eq!(
        elsewhere.stats().requests,
        0,
        "the stored key went to another server"
    );

    // With the new key typed it tests there, and the stored project and its key stay as they were.
    let report = app.ok(
        "test_draft_connection",
        json!({"profile": moved, "apiKey": elsewhere.api_key()}),
    );
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(app.ok("list_projects", json!({})), stored);
    let kept = app.keys().get_blocking(&id).unwrap().unwrap();
    assert_eq!(kept.expose(), home.api_key());
}

#[test]
fn a_wrong_address_is_answered_with_the_endpoint_to_use_and_a_malformed_one_in_words() {
    let app = Fixture::new("draft-words");
    let server = app.sandbox(Config::default());
    let root = server.endpoint().trim_end_matches("/v1").to_owned();
    let report = app.ok(
        "test_draft_connection",
        json!({"profile": draft(&root, server.project_id()), "apiKey": server.api_key()}),
    );
    assert_eq!(report["ok"], false);
    assert_eq!(report["suggestedEndpoint"], server.endpoint(), "{report}");
    let message = report["message"].as_str().unwrap();
    assert!(
        message.ends_with(&format!("Did you mean {}?", server.endpoint())),
        "{message}"
    );

    let malformed = [
        ("127.0.0.1:8080/v1", "needs to start with https://"),
        ("http://127.0.0.1:70000/v1", "from 1 to 65535"),
    ];
    for (endpoint, words) in malformed {
        let error = app.err(
            "test_draft_connection",
            json!({"profile": draft(endpoint, "demo"), "apiKey": "standard_any"}),
        );
        assert_eq!(error["field"], "endpoint", "{error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(words), "{endpoint}: {message}");
        for parser in ["relative URL", "base", "invalid port number"] {
            assert!(!message.contains(parser), "{endpoint}: {message}");
        }
    }

    // Plain HTTP to another machine needs the user's consent: refused before anything is sent.
    let error = app.err(
        "test_draft_connection",
        json!({"profile": draft("http://appwrite.example.com/v1", "demo"), "apiKey": "standard_any"}),
    );
    assert_eq!(error["field"], "endpoint", "{error}");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("Send the key without encryption"));
}
