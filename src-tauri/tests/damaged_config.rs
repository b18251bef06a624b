//! A profiles file that is damaged and can't even be set aside: the app still starts, says where
//! the file is and what to do, offers the demo project, and never saves over the file.

mod common;

use common::Fixture;
use serde_json::json;

#[test]
fn the_app_starts_and_saves_nothing_over_a_profiles_file_it_cannot_set_aside() {
    let root = tempfile::tempdir().unwrap();
    // The "config folder" is a file: nothing in it can be read, moved or written, root included.
    let config = root.path().join("config");
    std::fs::write(&config, b"not a folder").unwrap();
    let app = Fixture::with_config_dir("blocked", root, config.clone());

    let list = app.ok("list_projects", json!({}));
    assert_eq!(list["currentId"], "demo");
    assert_eq!(list["projects"].as_array().unwrap().len(), 1);
    let message = list["recovered"]["message"].as_str().unwrap();
    let file = config.join("profiles.json").display().to_string();
    assert!(message.contains(&file), "{message}");
    assert!(message.contains("could not be set aside"), "{message}");
    assert!(message.contains("move or delete it"), "{message}");

    let err = app.err(
        "save_project",
        json!({
            "profile": {"name": "New", "endpoint": "https://appwrite.example.com/v1", "projectId": "p"},
            "apiKey": "standard_not_a_real_key",
        }),
    );
    assert_eq!(err["code"], "store_blocked", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("restart Bucketdesk"),
        "{err}"
    );
    assert_eq!(std::fs::read(&config).unwrap(), b"not a folder");
    let list = app.ok("list_projects", json!({}));
    assert_eq!(list["projects"].as_array().unwrap().len(), 1, "{list}");
}
