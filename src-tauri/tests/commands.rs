//! The app's commands, invoked through Tauri's IPC on the mock runtime (no window), against real sandboxes
//! over loopback and the real keychain (run inside scripts/headless.sh, as `make test` does).

mod common;

use common::{invoke, ok};
use serde_json::json;

/// Everything in one scenario: the commands share process-wide settings (config folder, keychain
/// service), so they run in order rather than in parallel tests.
#[test]
fn the_commands_manage_projects_buckets_and_tokens_end_to_end() {
    let config = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let service = format!("bucketdesk-test-{}", std::process::id());
    std::env::set_var(bucketdesk_core::paths::CONFIG_DIR_ENV, config.path());
    std::env::set_var(bucketdesk_core::paths::DATA_DIR_ENV, data.path());
    std::env::set_var("BUCKETDESK_KEYRING_SERVICE", &service);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let second = runtime
        .block_on(appwrite_sandbox::start(appwrite_sandbox::Config {
            seed: appwrite_sandbox::Seed::Demo,
            ..Default::default()
        }))
        .unwrap();

    let (_app, w) = common::launch();

    // The app describes itself.
    let info = ok(&w, "app_info", json!({}));
    assert_eq!(info["name"], "Bucketdesk");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["configDir"], config.path().display().to_string());

    // First launch: only the demo, and it is the one to open.
    let list = ok(&w, "list_projects", json!({}));
    assert_eq!(list["currentId"], "demo");
    assert_eq!(list["projects"][0]["isDemo"], true);
    assert_eq!(list["projects"].as_array().unwrap().len(), 1);

    // The demo starts on first use and shows its seeded buckets.
    let buckets = ok(
        &w,
        "list_buckets",
        json!({"profileId": "demo", "search": null}),
    );
    assert_eq!(buckets["profileId"], "demo");
    let names: Vec<&str> = buckets["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&appwrite_sandbox::seed::PHOTOS_BUCKET_ID),
        "{names:?}"
    );

    // A second project, typed in with its key: the key goes to the keychain, never to the config.
    let key = second.api_key().to_string();
    let saved = ok(
        &w,
        "save_project",
        json!({
            "profile": {"name": "Second", "endpoint": second.endpoint(), "projectId": second.project_id(),
                        "group": "Staging"},
            "apiKey": key,
        }),
    );
    let second_id = saved["id"].as_str().unwrap().to_string();
    assert_eq!(saved["hasKey"], true);
    for entry in std::fs::read_dir(config.path()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(!text.contains(&key), "a config file holds the API key");
    }
    let report = ok(&w, "test_connection", json!({"profileId": second_id}));
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["checks"].as_array().unwrap().len(), 4);

    // Export writes a new file (without the key) where it says.
    let exports = tempfile::tempdir().unwrap();
    std::env::set_var("BUCKETDESK_EXPORT_DIR", exports.path());
    let exported = ok(&w, "export_projects_file", json!({}));
    let exported = std::fs::read_to_string(exported.as_str().unwrap()).unwrap();
    assert!(
        exported.contains("Staging") && !exported.contains(&key),
        "{exported}"
    );

    // Files are paged by cursor and sorted on the server.
    let page = ok(
        &w,
        "list_files",
        json!({"profileId": second_id, "bucketId": appwrite_sandbox::seed::SCALE_BUCKET_ID,
               "search": null, "sort": "name", "order": "desc", "cursor": null, "limit": 50}),
    );
    assert_eq!(page["files"].as_array().unwrap().len(), 50);
    let next = page["nextCursor"].as_str().unwrap();
    let page2 = ok(
        &w,
        "list_files",
        json!({"profileId": second_id, "bucketId": appwrite_sandbox::seed::SCALE_BUCKET_ID,
               "search": null, "sort": "name", "order": "desc", "cursor": next, "limit": 50}),
    );
    let last_of_first = page["files"][49]["name"].as_str().unwrap();
    let first_of_second = page2["files"][0]["name"].as_str().unwrap();
    assert!(
        first_of_second < last_of_first,
        "{first_of_second} after {last_of_first}"
    );

    // The token lifecycle on a real file.
    let (bucket, file) = (
        appwrite_sandbox::seed::DOCUMENTS_BUCKET_ID,
        appwrite_sandbox::seed::NOTES_TXT_FILE_ID,
    );
    let created = ok(
        &w,
        "create_token",
        json!({"profileId": second_id, "bucketId": bucket, "fileId": file, "expiry": {"kind": "sevenDays"}}),
    );
    // Seven days is inside the 14-day "expires soon" window.
    assert_eq!(created["status"], "expiresSoon");
    let expire = chrono::DateTime::parse_from_rfc3339(created["expire"].as_str().unwrap()).unwrap();
    let days = (expire.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!(
        (7 * 24 - 1..=7 * 24).contains(&days),
        "expires in {days} hours"
    );
    assert!(
        created.get("secret").is_none(),
        "a token row carries its secret"
    );
    let token_id = created["id"].as_str().unwrap().to_string();
    let table = ok(
        &w,
        "list_tokens",
        json!({"profileId": second_id, "bucketId": bucket, "fileId": file}),
    );
    let row = table["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == token_id)
        .expect("the new token is listed");
    // Editing it starts from the preset it was made with.
    assert_eq!(row["editChoice"], json!({"kind": "sevenDays"}), "{row}");
    let never = ok(
        &w,
        "update_token_expiry",
        json!({"profileId": second_id, "tokenId": token_id, "expiry": {"kind": "never"}}),
    );
    assert_eq!(never["status"], "neverExpires");
    assert!(never["expire"].is_null());
    assert_eq!(never["editChoice"], json!({"kind": "never"}));

    // A past custom expiry is refused before anything is sent.
    let past = invoke(
        &w,
        "create_token",
        json!({"profileId": second_id, "bucketId": bucket, "fileId": file,
               "expiry": {"kind": "custom", "at": "2020-01-01T10:00:00+01:00"}}),
    )
    .unwrap_err();
    assert_eq!(past["code"], "expiry_in_past", "{past}");

    let deleted = ok(
        &w,
        "delete_tokens",
        json!({"profileId": second_id, "tokenIds": [token_id, "no-such-token"]}),
    );
    assert_eq!(deleted["deleted"], json!([token_id]));
    assert_eq!(deleted["failures"][0]["code"], "not_found");

    // A key without tokens.write: the connection test names exactly that scope.
    let narrow = runtime
        .block_on(appwrite_sandbox::start(appwrite_sandbox::Config {
            scopes: Some(
                ["buckets.read", "files.read", "tokens.read"]
                    .map(String::from)
                    .to_vec(),
            ),
            ..Default::default()
        }))
        .unwrap();
    let narrow_id = ok(
        &w,
        "save_project",
        json!({"profile": {"name": "Narrow", "endpoint": narrow.endpoint(), "projectId": narrow.project_id()},
               "apiKey": narrow.api_key()}),
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let report = ok(&w, "test_connection", json!({"profileId": narrow_id}));
    assert_eq!(report["ok"], false, "{report}");
    let missing: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] == false)
        .map(|c| c["scope"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["tokens.write"]);
    assert!(
        report["message"].as_str().unwrap().contains("tokens.write"),
        "{report}"
    );
    ok(&w, "delete_project", json!({"profileId": narrow_id}));

    // A profile the editor must correct names its field.
    let bad = invoke(
        &w,
        "save_project",
        json!({"profile": {"name": "Bad", "endpoint": "ftp://example.com", "projectId": "p"},
               "apiKey": "standard_x"}),
    )
    .unwrap_err();
    assert_eq!(
        (bad["code"].as_str(), bad["field"].as_str()),
        (Some("invalid_profile"), Some("endpoint")),
        "{bad}"
    );

    // A wrong key says so, with the code the UI branches on.
    let wrong = ok(
        &w,
        "save_project",
        json!({"profile": {"name": "Wrong", "endpoint": second.endpoint(), "projectId": second.project_id()},
               "apiKey": "standard_not-the-key"}),
    );
    let wrong_id = wrong["id"].as_str().unwrap();
    let refused = invoke(
        &w,
        "list_buckets",
        json!({"profileId": wrong_id, "search": null}),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "invalid_key", "{refused}");

    // Deleting projects removes their keys from the keychain.
    for id in [second_id.as_str(), wrong_id] {
        ok(&w, "delete_project", json!({"profileId": id}));
        assert!(!bucketdesk_core::KeyStore::new(&service).has(id).unwrap());
    }
    assert_eq!(
        ok(&w, "list_projects", json!({}))["projects"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    runtime.block_on(second.shutdown());
}
