//! The app's commands, invoked through Tauri's IPC on the mock runtime (no window), against real
//! sandboxes over loopback and the real keychain (run inside scripts/headless.sh, as `make test`
//! does). One behaviour a test, each on its own app.

mod common;

use appwrite_sandbox::{seed, Config, Emulation};
use common::Fixture;
use serde_json::json;
use tauri::Manager;

#[test]
fn the_app_describes_itself_and_opens_on_the_demo() {
    let app = Fixture::new("describe");
    let info = app.ok("app_info", json!({}));
    assert_eq!(info["name"], "Bucketdesk");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["configDir"], app.config_dir.display().to_string());

    let list = app.ok("list_projects", json!({}));
    assert_eq!(list["currentId"], "demo");
    assert_eq!(list["projects"][0]["isDemo"], true);
    assert_eq!(list["projects"].as_array().unwrap().len(), 1);
}

#[test]
fn the_demo_starts_on_first_use_with_its_seeded_buckets() {
    let app = Fixture::new("demo");
    let buckets = app.ok("list_buckets", json!({"profileId": "demo", "search": null}));
    assert_eq!(buckets["profileId"], "demo");
    let ids: Vec<&str> = buckets["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&seed::PHOTOS_BUCKET_ID), "{ids:?}");
}

#[test]
fn the_first_screen_comes_in_one_call_with_the_current_projects_buckets() {
    let app = Fixture::new("start-screen");
    let first = app.ok("start_screen", json!({}));
    assert_eq!(first["info"], app.ok("app_info", json!({})));
    assert_eq!(first["projects"], app.ok("list_projects", json!({})));
    assert_eq!(first["projects"]["currentId"], "demo");
    assert_eq!(
        first["buckets"],
        app.ok("list_buckets", json!({"profileId": "demo", "search": null}))
    );
    assert!(first["bucketsError"].is_null());
}

#[test]
fn the_first_screen_says_why_the_current_projects_buckets_did_not_list() {
    let app = Fixture::new("start-screen-error");
    let gone = app.sandbox(Config::default());
    let id = app.add_project("Gone", &gone);
    app.ok("select_project", json!({"profileId": id}));
    // Stopped and awaited: its port answers nothing from here on.
    app.runtime.block_on(gone.shutdown());
    let first = app.ok("start_screen", json!({}));
    assert_eq!(first["projects"]["currentId"], id.as_str());
    assert!(first["buckets"].is_null());
    assert_eq!(first["bucketsError"]["code"], "network", "{first}");
    assert!(!first["bucketsError"]["message"]
        .as_str()
        .unwrap()
        .is_empty());
}

#[test]
fn the_place_left_is_remembered_with_its_folder_for_the_next_start() {
    let app = Fixture::new("remember-folder");
    let place = json!({"profileId": "demo", "bucketId": seed::PHOTOS_BUCKET_ID,
                       "folder": "2026/summer", "fileId": seed::SUMMER_BEACH_FILE_ID});
    app.ok("remember_last", place);
    let last = &app.ok("list_projects", json!({}))["last"];
    assert_eq!(last["bucketId"], seed::PHOTOS_BUCKET_ID, "{last}");
    assert_eq!(last["folder"], seed::PHOTOS_SUMMER_FOLDER, "{last}");
    assert_eq!(last["fileId"], seed::SUMMER_BEACH_FILE_ID, "{last}");
    // At the bucket's root, and after a project switch, no folder is kept.
    let root = json!({"profileId": "demo", "bucketId": seed::PHOTOS_BUCKET_ID,
                      "folder": null, "fileId": null});
    app.ok("remember_last", root);
    assert!(app.ok("list_projects", json!({}))["last"]["folder"].is_null());
    app.ok(
        "remember_last",
        json!({"profileId": "demo", "bucketId": seed::PHOTOS_BUCKET_ID,
                                   "folder": "2026/", "fileId": null}),
    );
    app.ok("select_project", json!({"profileId": "demo"}));
    let last = &app.ok("list_projects", json!({}))["last"];
    assert!(
        last["folder"].is_null() && last["bucketId"].is_null(),
        "{last}"
    );
}

#[test]
fn a_typed_in_project_keeps_its_key_in_the_keychain_only_and_connects() {
    let app = Fixture::new("typed-in");
    let second = app.sandbox(Config::default());
    let key = second.api_key().to_owned();
    let saved = app.ok(
        "save_project",
        json!({
            "profile": {"name": "Second", "endpoint": second.endpoint(), "projectId": second.project_id(),
                        "group": "Staging"},
            "apiKey": key,
        }),
    );
    assert_eq!(saved["hasKey"], true);
    assert_eq!(saved["group"], "Staging");
    for entry in std::fs::read_dir(&app.config_dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(!text.contains(&key), "a config file holds the API key");
    }
    let id = saved["id"].as_str().unwrap();
    assert_eq!(app.keys().get_blocking(id).unwrap().unwrap().expose(), &key);
    let report = app.ok("test_connection", json!({"profileId": id}));
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["checks"].as_array().unwrap().len(), 5);
}

#[test]
fn export_asks_where_with_the_platforms_dialog_which_the_web_view_cannot_open() {
    let app = Fixture::new("export-dialog");
    // The save dialog's plugin is registered, so the command can open it from Rust...
    assert!(app
        .app
        .try_state::<tauri_plugin_dialog::Dialog<tauri::test::MockRuntime>>()
        .is_some());
    // ...while the window is granted none of its commands: no new way to reach the filesystem.
    let capability = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json"),
    )
    .unwrap();
    assert!(!capability.contains("dialog:"), "{capability}");
    for command in ["plugin:dialog|save", "plugin:dialog|open"] {
        let refused = app.invoke(command, json!({"options": {}}));
        assert!(refused.is_err(), "the web view may call {command}");
    }
}

#[test]
fn export_writes_a_new_file_without_the_keys() {
    let app = Fixture::new("export");
    let second = app.sandbox(Config::default());
    app.add_project("Exported", &second);
    let exported = app.ok("export_projects_file", json!({}));
    let path = std::path::PathBuf::from(exported.as_str().unwrap());
    assert_eq!(path.parent().unwrap(), app.export_dir);
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("Exported"), "{text}");
    assert!(!text.contains(second.api_key()), "{text}");
}

#[test]
fn files_are_paged_by_cursor_and_sorted_on_the_server() {
    let app = Fixture::new("paging");
    let second = app.sandbox(Config::default());
    let id = app.add_project("Paged", &second);
    let page = |cursor: serde_json::Value| {
        app.ok(
            "list_files",
            json!({"profileId": id, "bucketId": seed::SCALE_BUCKET_ID, "search": null, "sort": "name",
                   "order": "desc", "cursor": cursor, "limit": 50}),
        )
    };
    let first = page(json!(null));
    assert_eq!(first["files"].as_array().unwrap().len(), 50);
    let second_page = page(first["nextCursor"].clone());
    let last_of_first = first["files"][49]["name"].as_str().unwrap();
    let first_of_second = second_page["files"][0]["name"].as_str().unwrap();
    assert!(
        first_of_second < last_of_first,
        "{first_of_second} after {last_of_first}"
    );
}

#[test]
fn the_last_page_comes_from_the_end_and_the_bucket_details_say_the_count_is_capped() {
    let app = Fixture::new("end");
    let second = app.sandbox(Config::default());
    let id = app.add_project("End", &second);
    let last = app.ok(
        "list_files",
        json!({"profileId": id, "bucketId": seed::SCALE_BUCKET_ID, "sort": "name", "order": "asc",
               "limit": 100, "fromEnd": true}),
    );
    // The root's last file: the bucket's last 1,000 are in folders.
    let root_end = seed::SCALE_ROOT_FILE_COUNT - 1;
    assert_eq!(last["files"][99]["name"], seed::scale_file_name(root_end));
    assert_eq!(last["totalCapped"], true);
    assert_eq!(last["fromEnd"], true);
    let details = app.ok(
        "bucket_details",
        json!({"profileId": id, "bucketId": seed::SCALE_BUCKET_ID}),
    );
    assert_eq!(details["fileCount"], 5000);
    assert_eq!(details["fileCountCapped"], true);
}

#[test]
fn a_folder_lists_its_own_files_and_its_subfolders_with_their_subtree_counts() {
    let app = Fixture::new("folders");
    let second = app.sandbox(Config::default());
    let id = app.add_project("Folders", &second);
    let photos = seed::PHOTOS_BUCKET_ID;
    let page = app.ok(
        "list_files",
        json!({"profileId": id, "bucketId": photos, "folder": "2026/", "sort": "name", "limit": 100}),
    );
    assert_eq!(page["folder"], "2026/");
    assert_eq!(page["foldersSupported"], true);
    let files = page["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "its own files, not the summer ones: {page}");
    for file in files {
        assert_eq!(file["folder"], "2026/");
        assert_eq!(
            file["key"].as_str().unwrap(),
            format!("2026/{}", file["name"].as_str().unwrap())
        );
    }
    let sub = app.ok(
        "list_subfolders",
        json!({"profileId": id, "bucketId": photos, "folder": null, "refresh": false}),
    );
    assert_eq!(
        sub,
        json!({"profileId": id, "bucketId": photos, "folder": "", "supported": true,
               "folders": [{"name": "2025", "path": "2025/", "files": 2},
                           {"name": "2026", "path": "2026/", "files": 5}]})
    );
    // A search in a folder covers its subtree.
    let found = app.ok(
        "list_files",
        json!({"profileId": id, "bucketId": photos, "folder": "2026/", "search": "beach"}),
    );
    assert_eq!(found["files"][0]["key"], "2026/summer/beach.png");
    // The details carry the key; the bucket its description and size.
    let details = app.ok(
        "get_file",
        json!({"profileId": id, "bucketId": photos, "fileId": seed::SUMMER_BEACH_FILE_ID}),
    );
    assert_eq!(
        (&details["key"], &details["folder"]),
        (&json!("2026/summer/beach.png"), &json!("2026/summer/"))
    );
    let buckets = app.ok("list_buckets", json!({"profileId": id}));
    let row = &buckets["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == photos)
        .unwrap();
    assert_eq!(row["description"], seed::PHOTOS_DESCRIPTION);
    assert!(row["totalSize"].is_u64());
    let bucket = app.ok(
        "bucket_details",
        json!({"profileId": id, "bucketId": photos}),
    );
    assert_eq!(bucket["description"], seed::PHOTOS_DESCRIPTION);
}

#[test]
fn a_1_8_1_server_lists_a_flat_bucket_and_says_it_has_no_folders() {
    let app = Fixture::new("flat");
    let old = app.sandbox(Config {
        emulate: Emulation::V1_8_1,
        ..Config::default()
    });
    let id = app.add_project("Old", &old);
    let photos = seed::PHOTOS_BUCKET_ID;
    let page = app.ok(
        "list_files",
        json!({"profileId": id, "bucketId": photos, "folder": "2026/", "limit": 100}),
    );
    assert_eq!(page["foldersSupported"], false);
    assert_eq!(page["folder"], "2026/");
    let files = page["files"].as_array().unwrap();
    assert!(files.len() > 2, "the whole bucket, flat: {page}");
    assert!(files
        .iter()
        .all(|f| f["folder"] == "" && f["key"] == f["name"]));
    let sub = app.ok(
        "list_subfolders",
        json!({"profileId": id, "bucketId": photos, "folder": "2026/", "refresh": true}),
    );
    assert_eq!(sub["supported"], false);
    assert_eq!(sub["folders"], json!([]));
    let buckets = app.ok("list_buckets", json!({"profileId": id}));
    for row in buckets["buckets"].as_array().unwrap() {
        assert!(
            row["description"].is_null() && row["totalSize"].is_null(),
            "{row}"
        );
    }
}

#[test]
fn a_token_is_created_listed_edited_and_deleted() {
    let app = Fixture::new("tokens");
    let second = app.sandbox(Config::default());
    let id = app.add_project("Tokens", &second);
    let (bucket, file) = (seed::DOCUMENTS_BUCKET_ID, seed::NOTES_TXT_FILE_ID);
    let created = app.ok(
        "create_token",
        json!({"profileId": id, "bucketId": bucket, "fileId": file, "expiry": {"kind": "sevenDays"}}),
    );
    assert_eq!(created["answerLost"], false);
    let expire = chrono::DateTime::parse_from_rfc3339(created["expire"].as_str().unwrap()).unwrap();
    let hours = (expire.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!(
        (7 * 24 - 1..=7 * 24).contains(&hours),
        "expires in {hours} hours"
    );
    assert!(
        created.get("secret").is_none(),
        "a token row carries its secret"
    );

    let token_id = created["id"].as_str().unwrap().to_owned();
    let table = app.ok(
        "list_tokens",
        json!({"profileId": id, "bucketId": bucket, "fileId": file}),
    );
    let row = table["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == token_id)
        .expect("the new token is listed");
    // Editing it starts from the preset it was made with.
    assert_eq!(row["editChoice"], json!({"kind": "sevenDays"}), "{row}");
    let never = app.ok(
        "update_token_expiry",
        json!({"profileId": id, "tokenId": token_id, "expiry": {"kind": "never"}}),
    );
    assert_eq!(never["status"], "neverExpires");
    assert!(never["expire"].is_null());
    assert_eq!(never["editChoice"], json!({"kind": "never"}));

    let deleted = app.ok(
        "delete_tokens",
        json!({"profileId": id, "tokenIds": [token_id, "no-such-token"]}),
    );
    assert_eq!(deleted["deleted"], json!([token_id]));
    assert_eq!(deleted["failures"][0]["id"], "no-such-token");
    assert_eq!(deleted["failures"][0]["code"], "not_found");
    assert!(deleted["failures"][0]["message"].as_str().unwrap().len() > 10);
}

#[test]
fn a_past_custom_expiry_is_refused_before_anything_is_sent() {
    let app = Fixture::new("past");
    let second = app.sandbox(Config::default());
    let id = app.add_project("Past", &second);
    let before = second.stats().requests;
    let past = app.err(
        "create_token",
        json!({"profileId": id, "bucketId": seed::DOCUMENTS_BUCKET_ID, "fileId": seed::NOTES_TXT_FILE_ID,
               "expiry": {"kind": "custom", "at": "2020-01-01T10:00:00+01:00"}}),
    );
    assert_eq!(past["code"], "expiry_in_past", "{past}");
    assert_eq!(second.stats().requests, before);
}

#[test]
fn a_key_without_a_scope_is_told_which_one_it_lacks() {
    let app = Fixture::new("narrow");
    let narrow = app.sandbox(Config {
        scopes: Some(
            ["buckets.read", "files.read", "tokens.read"]
                .map(String::from)
                .to_vec(),
        ),
        ..Default::default()
    });
    let id = app.add_project("Narrow", &narrow);
    let report = app.ok("test_connection", json!({"profileId": id}));
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["code"], "missing_scope", "{report}");
    let missing: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ok"] == false)
        .map(|c| c["scope"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["tokens.write", "files.write"]);
    assert!(
        report["message"].as_str().unwrap().contains("tokens.write"),
        "{report}"
    );
}

#[test]
fn a_key_without_files_write_connects_and_is_told_upload_and_delete_need_it() {
    let app = Fixture::new("no-files-write");
    let reader = app.sandbox(Config {
        scopes: Some(
            ["buckets.read", "files.read", "tokens.read", "tokens.write"]
                .map(String::from)
                .to_vec(),
        ),
        ..Default::default()
    });
    let id = app.add_project("Reader", &reader);
    let report = app.ok("test_connection", json!({"profileId": id}));
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["code"].is_null(), "{report}");
    let files_write = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["scope"] == "files.write")
        .cloned()
        .unwrap();
    assert_eq!(
        files_write,
        json!({"scope": "files.write", "ok": false, "optional": true})
    );
    let message = report["message"].as_str().unwrap();
    assert!(
        message.contains("files.write") && message.contains("upload and delete"),
        "{message}"
    );
}

#[test]
fn a_profile_the_editor_must_correct_names_its_field() {
    let app = Fixture::new("bad-profile");
    let bad = app.err(
        "save_project",
        json!({"profile": {"name": "Bad", "endpoint": "ftp://example.com", "projectId": "p"},
               "apiKey": "standard_x"}),
    );
    assert_eq!(
        (bad["code"].as_str(), bad["field"].as_str()),
        (Some("invalid_profile"), Some("endpoint")),
        "{bad}"
    );
    let no_key = app.err(
        "save_project",
        json!({"profile": {"name": "No key", "endpoint": "https://example.com/v1", "projectId": "p"},
               "apiKey": "  "}),
    );
    assert_eq!(
        (no_key["code"].as_str(), no_key["field"].as_str()),
        (Some("no_key"), Some("apiKey"))
    );
    assert_eq!(
        app.ok("list_projects", json!({}))["projects"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_wrong_key_says_so_with_the_code_the_ui_branches_on() {
    let app = Fixture::new("wrong-key");
    let second = app.sandbox(Config::default());
    let wrong = app.ok(
        "save_project",
        json!({"profile": {"name": "Wrong", "endpoint": second.endpoint(), "projectId": second.project_id()},
               "apiKey": "standard_not-the-key"}),
    );
    let refused = app.err(
        "list_buckets",
        json!({"profileId": wrong["id"], "search": null}),
    );
    assert_eq!(refused["code"], "invalid_key", "{refused}");
}

#[test]
fn deleting_a_project_removes_its_key_first_and_the_demo_cannot_be_deleted() {
    let app = Fixture::new("delete");
    let second = app.sandbox(Config::default());
    let id = app.add_project("Doomed", &second);
    assert!(app.keys().has_blocking(&id).unwrap());
    app.ok("delete_project", json!({"profileId": id}));
    assert!(!app.keys().has_blocking(&id).unwrap());
    assert_eq!(
        app.ok("list_projects", json!({}))["projects"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let demo = app.err("delete_project", json!({"profileId": "demo"}));
    assert_eq!(demo["code"], "demo_profile_read_only");
    let gone = app.err("delete_project", json!({"profileId": id}));
    assert_eq!(gone["code"], "profile_not_found");
}

#[test]
fn a_duplicate_gets_a_copy_of_the_key() {
    let app = Fixture::new("duplicate");
    let second = app.sandbox(Config::default());
    let id = app.add_project("Original", &second);
    let copy = app.ok("duplicate_project", json!({"profileId": id}));
    assert_ne!(copy["id"], id);
    assert_eq!(copy["hasKey"], true);
    let report = app.ok("test_connection", json!({"profileId": copy["id"]}));
    assert_eq!(report["ok"], true, "{report}");
}
